//! A throwaway copy of a site: a temporary folder holding `site/` (the root) and room beside it
//! for outputs.

use super::process::{run_in, Run};
use std::path::{Path, PathBuf};

pub struct Site {
    dir: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    /// A copy of the fixture `tests/fixtures/NAME`.
    pub fn new(fixture: &str) -> Site {
        Site::copy_of(&super::fixture(fixture))
    }

    /// A copy of the `content/` and `themes/` of the site at `from` (the repository for the
    /// shipped site).
    pub fn copy_of(from: &Path) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        for part in ["content", "themes"] {
            if from.join(part).exists() {
                super::copy_dir(&from.join(part), &root.join(part));
            }
        }
        Site { dir, root }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder that holds the root, for outputs and files beside it.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes (or overwrites) a file, relative to the site root.
    pub fn write(&self, rel: &str, text: &str) -> &Site {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        super::read(&self.path(rel))
    }

    pub fn remove(&self, rel: &str) -> &Site {
        std::fs::remove_file(self.path(rel)).unwrap();
        self
    }

    /// Replaces the one occurrence of `from` in a file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Site {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur once in {rel}:\n{text}"
        );
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Adds a line to `content/site.yaml`.
    pub fn add_to_site_yaml(&self, line: &str) -> &Site {
        let text = self.read("content/site.yaml") + line + "\n";
        self.write("content/site.yaml", &text)
    }

    /// Runs `parkbook ARGS` in the site root.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }

    pub fn check(&self) -> Run {
        self.run(&["check", "--root", self.root.to_str().unwrap()])
    }

    /// `build` into the default output folder, `ROOT/output`.
    pub fn build(&self) -> Run {
        self.run(&["build", "--root", self.root.to_str().unwrap()])
    }

    /// `build --output DIR/NAME`, beside the root.
    pub fn build_to(&self, name: &str) -> Run {
        let out = self.dir().join(name);
        self.run(&[
            "build",
            "--root",
            self.root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
    }

    pub fn output(&self) -> PathBuf {
        self.path("output")
    }

    /// `check` must fail with content errors (exit 1).
    pub fn check_fails(&self) -> Run {
        let run = self.check();
        run.code(1);
        assert!(
            run.stderr.contains("check failed: "),
            "no summary line:\n{}",
            run.stderr
        );
        run
    }
}
