//! `parkbook import standard FILE.txt`: a standard's text as copied out of a PDF, made into the
//! Markdown parts of `content/standard/` that the loader reads. A tool of the loader's side:
//! it reads text and writes Markdown, and knows nothing of the pages built from it.
//!
//! Faithful by construction: lines are joined and whitespace is tidied, English words are split
//! only by a general rule or the user's word list, and nothing else of the wording changes.
//! Whatever is left out (page numbers, headers, the table of contents, lines before the first
//! part) is reported by its line.

mod emit;
mod furniture;
mod headings;
mod structure;
mod terms;
mod text;

pub use emit::PartFile;
pub use structure::Said;
pub use terms::Words;

use crate::diagnostics::{Diagnostic, Pos};
use crate::messages::Msg;
use crate::msg;
use std::path::{Path, PathBuf};

/// The standard read from its text: the files to write and what was said about its lines.
#[derive(Debug)]
pub struct Imported {
    pub files: Vec<PartFile>,
    /// The document's title, for `site.yaml`'s `standard: { title }`.
    pub title: Option<String>,
    pub unplaced: Vec<Said>,
    pub fixed: Vec<Said>,
}

/// Reads the structure of a standard's text. `None` when no part was found in it.
pub fn convert(text: &str, words: &Words) -> Option<Imported> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let structure = structure::read(text, words);
    if structure.parts.is_empty() {
        return None;
    }
    Some(Imported {
        files: structure.parts.iter().map(emit::part_file).collect(),
        title: structure.title.map(|(_, t)| t),
        unplaced: structure.unplaced,
        fixed: structure.fixed,
    })
}

pub struct Options<'a> {
    pub input: &'a Path,
    pub out: &'a Path,
    pub force: bool,
    pub words: Option<&'a Path>,
}

/// What was imported and written.
#[derive(Debug)]
pub struct Outcome {
    pub imported: Imported,
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// Markdown files already in the folder that this import did not write: they stay parts.
    pub others: Vec<String>,
}

/// A file read as text, or the error that names it: missing, too large, binary, not UTF-8.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let shown = path.display().to_string();
    let fail = |m: Msg| Diagnostic::error(shown.clone(), None, m);
    let too_large = |size: u64| {
        fail(msg!(
            "file-too-large",
            size = size,
            limit = crate::load::MAX_FILE_BYTES
        ))
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(msg!("cannot-read", error = e)))?
        .len();
    if size > crate::load::MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(msg!("cannot-read", error = e)))?;
    if bytes.len() as u64 > crate::load::MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if bytes.contains(&0) {
        return Err(fail(Msg::new("nul-byte")));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let col = String::from_utf8_lossy(valid)
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        Diagnostic::error(
            shown.clone(),
            Some(Pos::new(line, col)),
            Msg::new("not-utf8"),
        )
        .with_hint(Some(Msg::new("not-utf8-hint")))
    })
}

/// Reads the input, converts it and writes its parts into `out`, refusing to replace a file
/// unless `force`: either every file is written or (when one exists) none.
pub fn import_standard(opts: &Options) -> Result<Outcome, Diagnostic> {
    let words = match opts.words {
        Some(path) => Words::parse(&read_text(path)?),
        None => Words::default(),
    };
    let text = read_text(opts.input)?;
    let shown = opts.input.display().to_string();
    if text.trim().is_empty() {
        return Err(Diagnostic::error(shown, None, Msg::new("file-empty")));
    }
    let Some(imported) = convert(&text, &words) else {
        return Err(Diagnostic::error(shown, None, Msg::new("import-no-part"))
            .with_hint(Some(Msg::new("import-no-part-hint"))));
    };
    let targets: Vec<PathBuf> = imported
        .files
        .iter()
        .map(|f| opts.out.join(&f.name))
        .collect();
    let existing: Vec<String> = targets
        .iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() && !opts.force {
        return Err(Diagnostic::error(
            opts.out.display().to_string(),
            None,
            Msg::new("import-exists").list("files", existing),
        )
        .with_hint(Some(Msg::new("import-exists-hint"))));
    }
    let write_error = |path: &Path, e: std::io::Error| {
        let m = msg!("cannot-write", path = path.display(), error = e);
        Diagnostic::error(path.display().to_string(), None, m)
    };
    std::fs::create_dir_all(opts.out).map_err(|e| write_error(opts.out, e))?;
    for (file, path) in imported.files.iter().zip(&targets) {
        std::fs::write(path, &file.text).map_err(|e| write_error(path, e))?;
    }
    let mut others: Vec<String> = std::fs::read_dir(opts.out)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".md") && !imported.files.iter().any(|f| f.name == *n))
                .collect()
        })
        .unwrap_or_default();
    others.sort();
    Ok(Outcome {
        imported,
        written: targets,
        others,
    })
}

#[cfg(test)]
mod tests;
