//! A site root as it was at a git revision, read with git's plumbing into a temporary folder:
//! `ls-tree` lists the blobs of `content/` and `themes/` at the revision, `cat-file --batch`
//! streams them. The work tree and the index are never touched. The root may be a folder inside
//! the repository (`rev-parse --show-prefix`).

use crate::messages::Msg;
use crate::msg;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// A temporary site root, removed when dropped.
#[derive(Debug)]
pub struct Extracted {
    dir: PathBuf,
}

impl Extracted {
    pub fn root(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Extracted {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One blob of the listing.
struct Entry {
    object: String,
    path: String,
}

/// The site root `root` at revision `rev`: its `content/` and `themes/` as they were
/// committed. Symbolic links and submodules are left out.
pub fn extract(root: &Path, rev: &str) -> Result<Extracted, Msg> {
    if rev.is_empty() || rev.starts_with('-') || rev.contains(['\0', '\n']) {
        return Err(msg!("diff-rev-bad", rev = rev));
    }
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    let prefix = String::from_utf8_lossy(&prefix)
        .trim_end_matches('\n')
        .to_string();
    let tree = format!("{rev}:{prefix}");
    let listing = git(
        root,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            &tree,
            "--",
            "content",
            "themes",
        ],
    )
    .map_err(|e| msg!("diff-rev-unknown", rev = rev).msg("error", e))?;
    let entries = parse_listing(&listing);
    if !entries.iter().any(|e| e.path.starts_with("content/")) {
        return Err(msg!(
            "diff-rev-no-content",
            rev = rev,
            path = format!("{prefix}content/")
        ));
    }
    let dir = temporary_dir()?;
    write_blobs(root, &entries, dir.root())?;
    Ok(dir)
}

/// Runs `git -C ROOT ARGS`; its standard output, or what it said on failure.
fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, Msg> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| msg!("diff-rev-git", error = e))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let said = String::from_utf8_lossy(&out.stderr);
        Err(msg!(
            "diff-rev-git-failed",
            command = args[0],
            error = said.trim()
        ))
    }
}

/// The blobs of `ls-tree -r -z` output (`MODE TYPE OBJECT\tPATH\0`…) whose path is safe to
/// write: plain relative components only.
fn parse_listing(listing: &[u8]) -> Vec<Entry> {
    listing
        .split(|&b| b == 0)
        .filter_map(|record| {
            let record = std::str::from_utf8(record).ok()?;
            let (meta, path) = record.split_once('\t')?;
            let mut meta = meta.split(' ');
            let (mode, kind, object) = (meta.next()?, meta.next()?, meta.next()?);
            let plain_file = kind == "blob" && (mode == "100644" || mode == "100755");
            let safe = !path.is_empty()
                && Path::new(path)
                    .components()
                    .all(|c| matches!(c, Component::Normal(_)));
            (plain_file && safe).then(|| Entry {
                object: object.to_string(),
                path: path.to_string(),
            })
        })
        .collect()
}

/// A new, empty folder under the system's temporary folder.
fn temporary_dir() -> Result<Extracted, Msg> {
    let base = std::env::temp_dir();
    let mut last = None;
    for n in 0..100 {
        let dir = base.join(format!("parkbook-diff-{}-{n}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(Extracted { dir }),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(msg!("diff-rev-write", path = dir.display(), error = e)),
        }
    }
    let error = last.map_or_else(String::new, |e| e.to_string());
    Err(msg!("diff-rev-write", path = base.display(), error = error))
}

/// Streams every entry's blob out of `git cat-file --batch` into `to`.
fn write_blobs(root: &Path, entries: &[Entry], to: &Path) -> Result<(), Msg> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| msg!("diff-rev-git", error = e))?;
    let mut stdin = child.stdin.take().expect("piped");
    let objects: Vec<String> = entries.iter().map(|e| e.object.clone()).collect();
    // Written from another thread: git answers while it reads, and both pipes have a limit.
    let feeder = std::thread::spawn(move || {
        for object in objects {
            if writeln!(stdin, "{object}").is_err() {
                break;
            }
        }
    });
    let mut out = BufReader::new(child.stdout.take().expect("piped"));
    let result = entries.iter().try_for_each(|entry| {
        let fail =
            |e: &dyn std::fmt::Display| msg!("diff-rev-write", path = &entry.path, error = e);
        let mut header = String::new();
        out.read_line(&mut header).map_err(|e| fail(&e))?;
        let size: u64 = match header.trim_end().split(' ').collect::<Vec<_>>()[..] {
            [_, "blob", size] => size.parse().map_err(|e| fail(&e))?,
            _ => return Err(fail(&header.trim_end())),
        };
        let path = to.join(&entry.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(&e))?;
        }
        let mut file = std::fs::File::create(&path).map_err(|e| fail(&e))?;
        let copied = std::io::copy(&mut (&mut out).take(size), &mut file).map_err(|e| fail(&e))?;
        let mut newline = [0u8; 1];
        if copied != size || out.read_exact(&mut newline).is_err() {
            return Err(fail(&"truncated"));
        }
        Ok(())
    });
    drop(out);
    let _ = feeder.join();
    let _ = child.wait();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_keeps_plain_files_with_safe_paths() {
        let listing = b"100644 blob aaa\tcontent/site.yaml\0\
100755 blob bbb\tcontent/parks/a.yaml\0\
120000 blob ccc\tcontent/link.yaml\0\
160000 commit ddd\tthemes/sub\0\
100644 blob eee\tcontent/../escape\0\
100644 blob fff\t/abs\0";
        let paths: Vec<(String, String)> = parse_listing(listing)
            .into_iter()
            .map(|e| (e.object, e.path))
            .collect();
        assert_eq!(
            paths,
            [
                ("aaa".to_string(), "content/site.yaml".to_string()),
                ("bbb".to_string(), "content/parks/a.yaml".to_string())
            ]
        );
    }

    #[test]
    fn revisions_that_look_like_options_are_refused() {
        for rev in ["", "-p", "--output=/tmp/x", "a\nb"] {
            let err = extract(Path::new("."), rev).unwrap_err();
            assert_eq!(err.code, "diff-rev-bad", "{rev:?}");
        }
    }
}
