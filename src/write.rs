//! The only code that touches the output folder. A build is written to a staging folder beside
//! the output and swapped in only when complete, so a failed build leaves the previous site as it
//! was. A non-empty folder that parkbook did not create is never replaced.
//!
//! Outside the output folder a build only creates its parents and two working folders beside it
//! (`.NAME.parkbook-new-PID`, `.NAME.parkbook-old-PID`, with a suffix when such a name is taken):
//! it deletes nothing it did not make. Symbolic links are never written through: the staging
//! folder is new, and the old output is removed with `remove_dir_all`, which deletes a link inside
//! it and not what the link points to. An output folder that is itself a symbolic link is refused,
//! as is one that holds the content or the site root, however it is spelt (`content/..`, a link).

use crate::files::OutputFile;
use crate::messages::Msg;
use crate::msg;
use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Written into every output folder; its presence is what allows the next build to replace it.
pub const MARKER: &str = ".parkbook-output";

#[derive(Debug)]
pub enum WriteError {
    NotAFolder(PathBuf),
    Foreign(PathBuf),
    Unsafe(PathBuf),
    Symlink(PathBuf),
    Io { path: PathBuf, source: io::Error },
    Staging { path: PathBuf, source: io::Error },
    Parent { path: PathBuf, source: io::Error },
    File { rel: String, source: io::Error },
    Escape(String),
}

impl WriteError {
    /// What went wrong, as the catalogue says it.
    pub fn msg(&self) -> Msg {
        let path = |code, path: &Path| Msg::new(code).arg("path", path.display());
        match self {
            WriteError::NotAFolder(p) => path("output-not-a-folder", p),
            WriteError::Foreign(p) => path("output-not-ours", p),
            WriteError::Unsafe(p) => path("output-unsafe", p),
            WriteError::Symlink(p) => path("output-symlink", p),
            WriteError::Io { path: p, source } => path("cannot-write", p).arg("error", source),
            WriteError::Staging { path: p, source } => {
                path("cannot-create-staging", p).arg("error", source)
            }
            WriteError::Parent { path: p, source } => {
                path("cannot-create-output-parent", p).arg("error", source)
            }
            WriteError::File { rel, source } => {
                msg!("cannot-write-new-file", rel = rel, error = source)
            }
            WriteError::Escape(rel) => msg!("write-outside-output", path = rel),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().text(crate::messages::lang()))
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { source, .. }
            | WriteError::Staging { source, .. }
            | WriteError::Parent { source, .. }
            | WriteError::File { source, .. } => Some(source),
            _ => None,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A build being written: files go into a staging folder beside the output as they are rendered,
/// and the folder replaces the output only on `commit`. Dropped without commit, it is removed.
pub struct Staging {
    staging: PathBuf,
    /// Absolute, as `check_output` resolved it.
    output: PathBuf,
    /// As the user wrote it, for messages.
    shown: PathBuf,
    parent: PathBuf,
    name: String,
    dirs: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    pages: AtomicUsize,
    bytes: AtomicUsize,
    committed: bool,
}

impl Staging {
    pub fn begin(root: &Path, shown: &Path) -> Result<Staging, WriteError> {
        let output = check_output(root, shown)?;
        let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
            return Err(WriteError::Unsafe(output));
        };
        let parent = parent.to_path_buf();
        let name = name.to_string_lossy().into_owned();
        // A file where a folder of the path must be: named, rather than "File exists".
        if let Some(file) = parent
            .ancestors()
            .find(|a| std::fs::metadata(a).is_ok())
            .filter(|a| !a.is_dir())
        {
            return Err(WriteError::NotAFolder(file.to_path_buf()));
        }
        std::fs::create_dir_all(&parent).map_err(|source| WriteError::Parent {
            path: parent.clone(),
            source,
        })?;
        // A folder of our own: a name that is taken (even by a file or a link) is left alone.
        let mut staging = PathBuf::new();
        for attempt in 0.. {
            staging = parent.join(unique(&name, "new", attempt));
            match std::fs::create_dir(&staging) {
                Ok(()) => break,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => continue,
                Err(source) => {
                    return Err(WriteError::Staging {
                        path: staging,
                        source,
                    })
                }
            }
        }
        Ok(Staging {
            staging,
            output,
            shown: shown.to_path_buf(),
            parent,
            name,
            dirs: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            bytes: AtomicUsize::new(0),
            committed: false,
        })
    }

    /// Writes one file below the staging folder; its path must stay inside it.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let rel_path = Path::new(rel);
        if rel.is_empty()
            || !rel_path
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(WriteError::Escape(rel.to_string()));
        }
        let path = self.staging.join(rel_path);
        let file_err = |source| WriteError::File {
            rel: rel.to_string(),
            source,
        };
        if let Some(dir) = path.parent() {
            let known = self
                .dirs
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .contains(dir);
            if !known {
                std::fs::create_dir_all(dir).map_err(file_err)?;
                self.dirs
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(dir.to_path_buf());
            }
        }
        std::fs::write(&path, bytes).map_err(file_err)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        if rel.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
        Ok(())
    }

    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// HTML pages written so far.
    pub fn pages(&self) -> usize {
        self.pages.load(Ordering::Relaxed)
    }

    pub fn bytes(&self) -> usize {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Marks the folder as parkbook's and swaps it in for the output.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let marker = self.staging.join(MARKER);
        std::fs::write(
            &marker,
            "This folder is generated by parkbook and replaced by every build.\n",
        )
        .map_err(io_err(&marker))?;
        // The old output is moved aside under a name nothing holds, then removed.
        let old = (0..)
            .map(|attempt| self.parent.join(unique(&self.name, "old", attempt)))
            .find(|path| std::fs::symlink_metadata(path).is_err())
            .unwrap_or_default();
        let had_output = std::fs::symlink_metadata(&self.output).is_ok();
        if had_output {
            std::fs::rename(&self.output, &old).map_err(io_err(&self.output))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.output) {
            if had_output {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(WriteError::Io {
                path: self.output.clone(),
                source: e,
            });
        }
        self.committed = true;
        if had_output {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

impl crate::files::Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), crate::diagnostics::Diagnostic> {
        self.write(&file.path, &file.bytes).map_err(|e| {
            crate::diagnostics::Diagnostic::error(self.shown.display().to_string(), None, e.msg())
        })
    }
}

/// `.NAME.parkbook-KIND-PID`, then `-2`, `-3`… when that is taken.
fn unique(name: &str, kind: &str, attempt: usize) -> String {
    let pid = std::process::id();
    match attempt {
        0 => format!(".{name}.parkbook-{kind}-{pid}"),
        n => format!(".{name}.parkbook-{kind}-{pid}-{}", n + 1),
    }
}

/// Checks that `output` may be replaced, and returns it absolute, with its parent's symbolic
/// links and `..` resolved and its last component as given (so a link there is seen as a link).
fn check_output(root: &Path, output: &Path) -> Result<PathBuf, WriteError> {
    let shown = || output.to_path_buf();
    let absolute = resolve(output).map_err(io_err(output))?;
    // Where it really is, when it exists (a link followed).
    let real = absolute.canonicalize().unwrap_or_else(|_| absolute.clone());
    let root = root.canonicalize().map_err(io_err(root))?;
    let content = root.join("content");
    let content_real = content.canonicalize().unwrap_or_else(|_| content.clone());
    for out in [&absolute, &real] {
        if root.starts_with(out)
            || out.starts_with(&content)
            || out.starts_with(&content_real)
            || content_real.starts_with(out)
        {
            return Err(WriteError::Unsafe(shown()));
        }
    }
    let meta = match std::fs::symlink_metadata(&absolute) {
        Ok(meta) => meta,
        // Not there yet (or under a file: creating its parent will say so).
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(absolute)
        }
        Err(e) => return Err(io_err(output)(e)),
    };
    if meta.file_type().is_symlink() {
        return Err(WriteError::Symlink(shown()));
    }
    if !meta.is_dir() {
        return Err(WriteError::NotAFolder(shown()));
    }
    // Only a real file counts as the marker; a link named like it does not.
    let marked = std::fs::symlink_metadata(absolute.join(MARKER)).is_ok_and(|m| m.is_file());
    if !marked {
        let mut entries = std::fs::read_dir(&absolute).map_err(io_err(output))?;
        if entries.next().is_some() {
            return Err(WriteError::Foreign(shown()));
        }
    }
    Ok(absolute)
}

/// `path` made absolute, component by component as the system resolves it: symbolic links and
/// `..` among the parts that exist are resolved, parts that do not exist yet are taken by name,
/// and the last component is never followed (so a link there is seen as a link).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let components: Vec<Component> = absolute.components().collect();
    let mut resolved = PathBuf::new();
    for (i, component) in components.iter().enumerate() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component.as_os_str()),
            Component::CurDir => {}
            // `resolved` is canonical wherever it exists, so its parent is the real one.
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                let next = resolved.join(name);
                let last = i + 1 == components.len();
                resolved = if !last && std::fs::symlink_metadata(&next).is_ok() {
                    next.canonicalize()?
                } else {
                    next
                };
            }
        }
    }
    Ok(resolved)
}
