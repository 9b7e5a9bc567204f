//! The association's CI recipe, `examples/ci/parkbook-review.yml`: its `parkbook` commands, run
//! as the workflow runs them (with its environment), on a fixture repository with a submission
//! on a branch.

mod common;
use common::process::git;
use common::site::Site;
use std::path::Path;
use std::process::Command;

const WORKFLOW: &str = include_str!("../examples/ci/parkbook-review.yml");

/// The workflow's shell lines that run parkbook, in order.
fn parkbook_lines() -> Vec<&'static str> {
    WORKFLOW
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("parkbook "))
        .collect()
}

/// The base fixture as a repository whose `origin/main` is its first commit, with `edit`
/// committed on a branch, as a pull request's checkout has it.
fn repository_with(edit: impl FnOnce(&Site)) -> Site {
    let site = Site::new("base");
    let root = site.root();
    let _ = git(root, &["init", "-q"]);
    let _ = git(root, &["add", "-A"]);
    let _ = git(root, &["commit", "-q", "-m", "catalogue"]);
    let _ = git(root, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    let _ = git(root, &["checkout", "-q", "-b", "submission"]);
    edit(&site);
    git(
        root,
        &["commit", "-q", "--allow-empty", "-a", "-m", "submission"],
    );
    site
}

/// Runs one line of the workflow with `sh`, in the workflow's environment.
fn run_line(site: &Site, line: &str) -> (Option<i32>, String, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_parkbook"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .args(["-c", line])
        .current_dir(site.root())
        .env("PATH", path)
        .env("BASE", "origin/main")
        .env("PARKBOOK_LANG", "zh")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_workflow_checks_and_diffs_with_its_own_environment() {
    assert_eq!(
        parkbook_lines(),
        [
            "parkbook check --format github --deny-warnings",
            "parkbook diff --rev \"$BASE\" --format markdown > review.md",
        ]
    );
    assert!(WORKFLOW.contains("BASE: origin/${{ github.base_ref }}"));
    assert!(WORKFLOW.contains("PARKBOOK_LANG: zh"));
}

#[test]
fn a_submission_that_makes_a_claim_unsupported_is_stopped_and_explained() {
    // The park drops its brand features: `op-brand` falls, and its claim of `met` is unsupported.
    let site = repository_with(|site| {
        let park = site.read("content/parks/alpha-park.yaml");
        let features =
            "  features:\n    - title: 全链条孵化\n      description: 从孵化到加速的全程服务。\n";
        assert!(park.contains(features));
        site.write("content/parks/alpha-park.yaml", &park.replace(features, ""));
    });
    let lines = parkbook_lines();
    let (code, stdout, stderr) = run_line(&site, lines[0]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(
        stdout.lines().any(|l| l.starts_with(
            "::warning file=content/parks/alpha-park.yaml,line=36,col=20,title=warn-unsupported-claim::assessment.results[0].status: 园区声明要求 `op-brand` 为“符合”"
        )),
        "{stdout}"
    );
    let (code, _, stderr) = run_line(&site, lines[1]);
    assert_eq!(code, Some(1), "{stderr}");
    let review = site.read("review.md");
    assert!(
        review.contains("| 要求 | 条款 | 原状态 | 新状态 | 依据 |"),
        "{review}"
    );
    assert!(review.contains("op-brand"), "{review}");
    assert!(review.contains("不符合"), "{review}");
}

#[test]
fn a_submission_that_changes_nothing_passes() {
    let site = repository_with(|_| {});
    let lines = parkbook_lines();
    let (code, stdout, stderr) = run_line(&site, lines[0]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    let (code, _, stderr) = run_line(&site, lines[1]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!site.read("review.md").is_empty());
}
