//! Limits that stop hostile or oversized input with a clear error instead of exhausting time,
//! memory or the stack. Each file-level limit (file size, YAML nesting, YAML alias expansion) is
//! tested through `parkbook check` in `invalid_inputs.rs` (the cases "oversized file",
//! "alias bomb" and "… nested 10,000 deep" of its tables); here: the
//! number of parks and of providers, and Markdown nested a million deep, which needs no limit.

mod common;
use common::process::BIN;
use common::site::Site;
use common::wait::exit_within;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn errors(diags: &parkbook::diagnostics::Diagnostics) -> Vec<String> {
    // In English, whatever the process's language.
    let en = parkbook::messages::Lang::En;
    diags.iter().map(|d| d.render(en)).collect()
}

#[test]
fn more_parks_than_the_limit_are_refused_before_any_is_read() {
    let copy = Site::new("base");
    let root = copy.root();
    // Three more park files, empty: any of them read would be reported as "file is empty".
    for id in ["gamma", "delta", "epsilon"] {
        std::fs::write(root.join(format!("content/parks/{id}.yaml")), "").unwrap();
    }
    // Five files against a limit of four: refused, and nothing of the site is read.
    let (site, diags) = parkbook::load::load_limited(root, 4, 4);
    assert!(site.is_none());
    assert_eq!(
        errors(&diags),
        [
            "content/parks: error: more than 4 park files; the limit is 4 parks\n  \
          hint: split the catalogue into several sites, each with its own content/"
        ]
    );
    // At the limit, the files are read (and the empty ones reported).
    let (_, diags) = parkbook::load::load_limited(root, 5, 4);
    let errors = errors(&diags);
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.iter().all(|e| e.ends_with("error: file is empty")));
    // `load`, what `check` and `build` run, uses MAX_PARKS.
    assert_eq!(parkbook::load::MAX_PARKS, 100_000);
    let (site, diags) = parkbook::load::load(root);
    assert!(site.is_some() && diags.error_count() == 3);
}

#[test]
fn more_providers_than_the_limit_are_refused_before_any_is_read() {
    let copy = Site::new("base");
    let root = copy.root();
    // Two providers in the fixture, three more empty ones: read, each would be "file is empty".
    for id in ["gamma-group", "delta-group", "epsilon-group"] {
        std::fs::write(root.join(format!("content/providers/{id}.yaml")), "").unwrap();
    }
    let (site, diags) = parkbook::load::load_limited(root, 4, 4);
    assert!(site.is_none());
    assert_eq!(
        errors(&diags),
        [
            "content/providers: error: more than 4 provider files; the limit is 4 providers\n  \
          hint: split the catalogue into several sites, each with its own content/"
        ]
    );
    // Both folders over their limits: both named, in one run.
    std::fs::write(root.join("content/parks/gamma.yaml"), "").unwrap();
    let (_, diags) = parkbook::load::load_limited(root, 2, 4);
    assert_eq!(diags.error_count(), 2, "{:?}", errors(&diags));
    // At the limit, the files are read (and the empty ones reported).
    let (_, diags) = parkbook::load::load_limited(root, 5, 5);
    let errors = errors(&diags);
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(errors.iter().all(|e| e.ends_with("error: file is empty")));
    // `load`, what `check` and `build` run, uses MAX_PROVIDERS, as many as parks.
    assert_eq!(parkbook::load::MAX_PROVIDERS, parkbook::load::MAX_PARKS);
    let (site, diags) = parkbook::load::load(root);
    assert!(site.is_some() && diags.error_count() == 4);
}

/// Runs the real binary, killing it (and failing) past `limit`.
fn run_with_deadline(args: &[&str], limit: Duration) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env("PARKBOOK_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let status = exit_within(&mut child, limit, &format!("parkbook {args:?}"));
    (status, reader.join().unwrap())
}

/// The hostile texts: about 1 MB each of the nesting that makes Markdown parsers recurse or
/// backtrack, with what the park page must then hold.
fn hostile() -> Vec<(&'static str, String, &'static str, usize)> {
    const N: usize = 1_000_000;
    vec![
        ("quote", ">".repeat(N), "<blockquote>", N),
        ("list", format!("{}x", "- ".repeat(N / 2)), "<li>", N / 2),
        ("brackets", "[".repeat(N), "[[[[[[[[[[", 1),
        (
            "links",
            format!("{}{}", "[a".repeat(N / 4), "](b)".repeat(N / 4)),
            "href=\"b\"",
            1,
        ),
        ("stars", "*".repeat(N), "<hr />", 1),
        (
            "emphasis",
            format!("{}a{}", "*".repeat(N / 2), "*".repeat(N / 2)),
            "<strong>",
            1,
        ),
        (
            // A header of 50,000 columns over 200,000 one-cell rows: pulldown-cmark bounds the
            // empty cells it pads rows with.
            "table",
            format!(
                "{}|\n{}|\n{}",
                "|a".repeat(50_000),
                "|-".repeat(50_000),
                "x\n".repeat(200_000)
            ),
            "<table>",
            1,
        ),
    ]
}

#[test]
fn a_megabyte_of_hostile_markdown_builds_in_bounded_time_without_crash() {
    let site = Site::new("base");
    let root = site.root();
    let park = std::fs::read_to_string(root.join("content/parks/alpha-park.yaml")).unwrap();
    let summary = "summary: 阿尔法科技园是一个示例园区。";
    assert!(park.contains(summary));
    let cases = hostile();
    for (name, markdown, _, _) in &cases {
        let block: String = markdown.lines().map(|l| format!("  {l}\n")).collect();
        let text = park.replacen(summary, &format!("summary: |-\n{block}"), 1);
        std::fs::write(
            root.join(format!("content/parks/hostile-{name}.yaml")),
            text,
        )
        .unwrap();
    }
    // The standard's Markdown too: a clause of a million `>`.
    let scope = root.join("content/standard/1-scope.md");
    let text = std::fs::read_to_string(&scope).unwrap() + "\n" + &">".repeat(1_000_000) + "\n";
    std::fs::write(&scope, text).unwrap();

    let out = site.dir().join("out");
    let started = Instant::now();
    let (status, stderr) = run_with_deadline(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
        // About 10 s for a debug build on 2 busy cores; anything quadratic in 1 MB takes hours.
        Duration::from_secs(120),
    );
    assert!(status.success(), "{status}:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    eprintln!(
        "{} hostile texts of 1 MB built in {:?}",
        cases.len() + 1,
        started.elapsed()
    );
    for (name, _, needle, at_least) in &cases {
        let page =
            std::fs::read_to_string(out.join(format!("parks/hostile-{name}/index.html"))).unwrap();
        let found = page.matches(needle).count();
        assert!(
            found >= *at_least,
            "{name}: {found} × {needle}, expected at least {at_least}"
        );
    }
    let standard = std::fs::read_to_string(out.join("standard/index.html")).unwrap();
    assert!(standard.matches("<blockquote>").count() >= 1_000_000);
}
