//! Runs the browser tests (tests/browser/*.test.mjs: Playwright + axe-core in Debian's Chromium)
//! against a fresh build of the catalogue fixture (tests/fixtures/catalogue). Screenshots go to
//! target/screenshots/.
//!
//! Without Chromium, Node.js or the test's node modules this test FAILS, naming what is missing
//! and how to install it: a test that passes by not running proves nothing, and cargo hides a
//! test's own output when it passes. To leave the browser out on purpose, set
//! `PARKBOOK_SKIP_BROWSER=1`; the skip is then written to the process's standard error, which
//! libtest does not capture (it captures only `print!` and `eprint!`), so it shows among
//! cargo's lines.

mod common;
use common::process::build;
use common::{fixture, repo};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Chromium the scripts launch: `CHROMIUM` (as site.test.mjs reads it), else Debian's.
fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// The node packages site.test.mjs imports.
const PACKAGES: &[&str] = &["playwright-core", "@axe-core/playwright"];

/// Each piece the browser tests need and do not have, with how to install it.
fn missing() -> Vec<String> {
    let mut missing = Vec::new();
    let chromium = chromium();
    if !is_executable(&chromium) {
        missing.push(format!(
            "no Chromium at {} (install it with `apt-get install chromium fonts-wqy-microhei`, \
             or set CHROMIUM to its path)",
            chromium.display()
        ));
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|out| out.status.success()) {
        missing.push(
            "no `node` on PATH (install Node.js 18 or later: `apt-get install nodejs npm`)".into(),
        );
    }
    let modules = repo().join("tests/browser/node_modules");
    for package in PACKAGES {
        if !modules.join(package).join("package.json").is_file() {
            missing.push(format!(
                "no node package {package} in tests/browser/node_modules \
                 (install the packages with `cd tests/browser && npm ci`)"
            ));
        }
    }
    missing
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Says that the browser tests were skipped where a person running `cargo test` sees it.
fn say_skipped(why: &[String]) {
    let mut text = String::from(
        "\n*** browser tests SKIPPED (PARKBOOK_SKIP_BROWSER=1): the site was not checked in a \
         browser\n",
    );
    for piece in why {
        text.push_str(&format!("    {piece}\n"));
    }
    // Straight to the handle, not through `eprint!`, which libtest captures and then drops.
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

#[test]
fn the_site_in_chromium_or_a_failure_naming_what_is_missing() {
    let missing = missing();
    if std::env::var("PARKBOOK_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        say_skipped(&missing);
        return;
    }
    assert!(
        missing.is_empty(),
        "the browser tests cannot run (set PARKBOOK_SKIP_BROWSER=1 to skip them on purpose):\n  {}",
        missing.join("\n  ")
    );
    let repo = repo();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build(&fixture("catalogue"), &site);
    let shots = repo.join("target/screenshots");
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec"])
        .arg(repo.join("tests/browser/site.test.mjs"))
        .current_dir(repo.join("tests/browser"))
        .env("SITE_DIR", &site)
        .env("SHOTS_DIR", &shots)
        .env("CHROMIUM", chromium())
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{report}");
    assert!(out.status.success(), "browser tests failed:\n{report}");
    // node's reporter ends with its counts: a run that found no test is no pass.
    let passed = report.lines().find_map(|line| {
        let line = line.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
        line.strip_prefix("pass ")?.trim().parse::<usize>().ok()
    });
    assert!(
        passed.is_some_and(|n| n > 0),
        "the browser run passed no test:\n{report}"
    );
    println!("screenshots in {}", shots.display());
}
