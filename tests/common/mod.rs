//! Helpers shared by the integration tests: fixture sites copied into temporary folders
//! (`site`), runs of the real binary and builds (`process`), `parkbook serve` and plain HTTP
//! requests to it (`serve`), a scanner of HTML tags (`html`), and waiting for a condition with a
//! deadline instead of for a fixed time (`wait`).
//!
//! Each test binary compiles this module with `mod common;` and uses a part of it.
#![allow(dead_code)]

pub mod html;
pub mod process;
pub mod serve;
pub mod site;
pub mod wait;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The repository: the shipped site's root, and where `tests/fixtures/` is.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Copies a folder tree (a fixture site) into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A text file, or a panic that names it.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A JSON file, parsed.
pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file below `dir` (links followed) with its bytes, by its path relative to `dir` with
/// `/`: what "nothing changed" and "byte-identical" compare. An absent folder has no files.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            (rel.replace('\\', "/"), std::fs::read(e.path()).unwrap())
        })
        .collect()
}
