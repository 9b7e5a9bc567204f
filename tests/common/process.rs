//! The real binary, run as a process: its exit code and output, and assertions on the
//! diagnostics it prints (`path:line:col: error: message`, then `  hint: …`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

pub const BIN: &str = env!("CARGO_BIN_EXE_parkbook");

/// One finished run of the binary.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `parkbook ARGS` in the current folder. No run may crash: a panic, exit 101 or a signal
/// fails the test.
pub fn run(args: &[&str]) -> Run {
    finish(Command::new(BIN).args(args), args)
}

/// Runs `parkbook ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    finish(Command::new(BIN).args(args).current_dir(dir), args)
}

/// Runs `parkbook ARGS` in `dir` with messages in `lang`; the other runs ask for English, the
/// language the tests' expected messages are written in.
pub fn run_lang(dir: &Path, lang: &str, args: &[&str]) -> Run {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(dir)
        .env("PARKBOOK_LANG", lang);
    finish(&mut command, args)
}

fn finish(command: &mut Command, args: &[&str]) -> Run {
    if !command.get_envs().any(|(key, _)| key == "PARKBOOK_LANG") {
        command.env("PARKBOOK_LANG", "en");
    }
    let out = command.output().expect("run parkbook");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked") && run.code != Some(101) && run.code.is_some(),
        "parkbook {args:?} crashed ({:?}):\n{}",
        run.code,
        run.stderr
    );
    run
}

/// `parkbook build --root ROOT --output OUTPUT EXTRA…`, which must succeed without a warning.
pub fn build_with(root: &Path, output: &Path, extra: &[&str]) {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    args.extend(extra);
    let run = run(&args);
    assert_eq!(
        run.code,
        Some(0),
        "build of {} failed:\n{}",
        root.display(),
        run.stderr
    );
    // A warning of the build itself; the review's warnings about content (which fixtures hold on
    // purpose: an unsupported claim is shown flagged) come as one line that counts them.
    let faults: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect();
    assert!(
        faults.is_empty(),
        "build of {} warned:\n{}",
        root.display(),
        run.stderr
    );
}

/// `parkbook build --root ROOT --output OUTPUT`, which must succeed without a warning.
pub fn build(root: &Path, output: &Path) {
    build_with(root, output, &[]);
}

/// The site of `root` built with `extra` arguments, once per test binary: every call with the
/// same arguments gets the same folder. Tests only read it.
pub fn built_once(root: &Path, extra: &[&str]) -> PathBuf {
    type Key = (PathBuf, Vec<String>);
    static BUILT: Mutex<Vec<(Key, PathBuf)>> = Mutex::new(Vec::new());
    let key = (
        root.to_path_buf(),
        extra.iter().map(|s| s.to_string()).collect(),
    );
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, out)) = built.iter().find(|(k, _)| *k == key) {
        return out.clone();
    }
    let out = tempfile::tempdir().unwrap().keep().join("site");
    build_with(root, &out, extra);
    built.push((key, out.clone()));
    out
}

impl Run {
    /// Asserts that stderr starts with `prefix`.
    pub fn stderr_starts_with(&self, prefix: &str) -> &Run {
        assert!(
            self.stderr.starts_with(prefix),
            "stderr should start with\n{prefix}\n--- stderr:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts that stderr holds `text`.
    pub fn says(&self, text: &str) -> &Run {
        assert!(
            self.stderr.contains(text),
            "stderr should hold\n{text}\n--- stderr:\n{}",
            self.stderr
        );
        self
    }

    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code\n--- stderr:\n{}\n--- stdout:\n{}",
            self.stderr,
            self.stdout
        );
        self
    }

    /// The `error:` lines of stderr.
    pub fn errors(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.contains(": error: "))
            .collect()
    }

    /// Asserts how many errors were printed, and that the summary line says the same.
    pub fn error_count(&self, n: usize) -> &Run {
        assert_eq!(self.errors().len(), n, "error count:\n{}", self.stderr);
        let summary = format!("{n} error(s)");
        assert!(
            self.stderr.contains(&summary),
            "summary should say `{summary}`:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts an error at `at` (`path:line:col`, or just `path` for a whole-file error) whose
    /// message contains `message`; returns it so its hint can be checked.
    pub fn error(&self, at: &str, message: &str) -> Found<'_> {
        let prefix = format!("{at}: error: ");
        let lines: Vec<&str> = self.stderr.lines().collect();
        let index = lines
            .iter()
            .position(|l| l.starts_with(&prefix) && l[prefix.len()..].contains(message))
            .unwrap_or_else(|| {
                panic!("expected `{prefix}…{message}…` in stderr:\n{}", self.stderr)
            });
        Found {
            run: self,
            lines,
            index,
        }
    }

    /// The only error of the run.
    pub fn only_error(&self, at: &str, message: &str) -> Found<'_> {
        self.error_count(1);
        self.error(at, message)
    }
}

/// An error line found in a run's stderr.
pub struct Found<'a> {
    run: &'a Run,
    lines: Vec<&'a str>,
    index: usize,
}

impl Found<'_> {
    /// The line right after the error is `  hint: …` holding `hint`.
    pub fn hint(&self, hint: &str) -> &Self {
        let next = self.lines.get(self.index + 1).copied().unwrap_or_default();
        assert!(
            next.starts_with("  hint: ") && next.contains(hint),
            "expected hint `{hint}` after `{}`:\n{}",
            self.lines[self.index],
            self.run.stderr
        );
        self
    }

    pub fn no_hint(&self) -> &Self {
        let next = self.lines.get(self.index + 1).copied().unwrap_or_default();
        assert!(!next.starts_with("  hint: "), "unexpected hint: {next}");
        self
    }
}

/// `git ARGS` in `dir`, with an identity and no signing, as a test repository needs; its output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=parkbook",
            "-c",
            "user.email=parkbook@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
