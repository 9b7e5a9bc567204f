//! Runs the browser tests (tests/browser/*.test.mjs: Playwright + axe-core in Debian's Chromium)
//! against a fresh build of the catalogue fixture (tests/fixtures/catalogue). Without Chromium,
//! Node.js or the test's node modules it says that it skipped them, unless
//! PARKBOOK_REQUIRE_BROWSER=1 (as `.ci/run` sets), where a missing browser is a failure.
//! Screenshots go to target/screenshots/.

mod common;
use common::process::build;
use common::{fixture, repo};

use std::path::PathBuf;
use std::process::Command;

fn missing() -> Option<String> {
    let dir = repo().join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !PathBuf::from(&chromium).exists() {
        return Some(format!(
            "no Chromium at {chromium} (apt-get install chromium fonts-wqy-microhei)"
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("no node on PATH".into());
    }
    if !dir.join("node_modules/playwright-core").is_dir() {
        return Some("no tests/browser/node_modules (npm ci --prefix tests/browser)".into());
    }
    None
}

#[test]
fn the_site_in_a_real_browser() {
    if let Some(why) = missing() {
        if std::env::var("PARKBOOK_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("browser tests required but cannot run: {why}");
        }
        println!("browser tests skipped: {why}");
        eprintln!("browser tests skipped: {why}");
        return;
    }
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
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{report}");
    assert!(out.status.success(), "browser tests failed:\n{report}");
    println!("screenshots in {}", shots.display());
}
