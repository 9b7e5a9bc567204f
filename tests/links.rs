//! `parkbook check --links`, run with the real binary: the shipped site has no broken link, and
//! broken links, fragments and percent-encoded paths injected into a built site are each
//! reported with their page and position (exit 1); a folder that is no built site exits 2.

mod common;
use common::process::{build, built_once, run, Run};
use common::{fixture, repo};

use std::path::Path;

fn check_links(output: &Path) -> Run {
    run(&["check", "--links", "--output", output.to_str().unwrap()])
}

#[test]
fn the_shipped_site_builds_and_every_link_resolves() {
    let out = built_once(&repo(), &[]);
    let r = check_links(&out);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    let summary = r.stderr.lines().last().unwrap_or_default();
    let prefix = format!("ok: no broken link in {}: {pages} pages, ", out.display());
    assert!(summary.starts_with(&prefix), "{summary}\nexpected {prefix}");
    let links: usize = summary[prefix.len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(links > 2000, "only {links} links checked");
    assert!(summary.ends_with("; 0 warning(s)"), "{}", r.stderr);

    // The library says the same.
    let report = parkbook::links::check_links(&out).unwrap();
    assert_eq!((report.pages, report.links), (pages, links));
    assert!(report.broken.is_empty() && report.warnings.is_empty());
}

/// `line:col` of the value of the attribute that starts with `attr` (e.g. `href="#x"`) at its
/// `nth` occurrence in `text`.
fn value_pos(text: &str, attr: &str, nth: usize) -> String {
    let (at, _) = text.match_indices(attr).nth(nth).expect(attr);
    let offset = at + attr.find('"').unwrap() + 1;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    format!("{line}:{col}")
}

const INJECTED: &str = r##"
<p class="injected">
<a href="../nope/index.html">1</a>
<a href="../../standard/index.html#clause-99">2</a>
<a href="#no-such-id">3</a>
<a href="../industry/%E4%B8%8D%E5%AD%98%E5%9C%A8/index.html">4</a>
<a href="../industry/%E9%9B%86%E6%88%90%E7%94%B5%E8%B7%AF/">fine: folder, percent-encoded</a>
<a href="../../index.html?x=1&amp;y=2#top">fine: query, entity, #top</a>
<a href="../../standard/index.html#clause-1.1">fine: fragment</a>
<a href="https://nowhere.invalid/x">external</a> <a href="mailto:a@b.invalid">mail</a>
<!-- <a href="../commented-out/">comment</a> -->
<script>var s = '<a href="../in-script/">';</script>
<img src="../../static/nope.png" srcset="../../static/favicon.svg 1x, ../../static/missing-2x.png 2x" alt="">
<a href="../../standard/index.html#clause-99">again</a>
<a href="../../parks">folder without slash</a>
<a href="../nope2/?a=1&amp;b=2">entity</a>
<a href="../../../x/index.html">outside</a>
</p>
"##;

#[test]
fn broken_links_fragments_and_encoded_paths_are_reported_with_their_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build(&fixture("base"), &out);
    assert_eq!(check_links(&out).code, Some(0), "the fixture starts clean");

    let park = out.join("parks/alpha-park/index.html");
    let html = std::fs::read_to_string(&park).unwrap().replacen(
        "</main>",
        &format!("{INJECTED}</main>"),
        1,
    );
    std::fs::write(&park, &html).unwrap();
    let home = out.join("index.html");
    let home_html = std::fs::read_to_string(&home).unwrap().replacen(
        "</main>",
        "<a href=\"/parks/index.html\">root</a></main>",
        1,
    );
    std::fs::write(&home, &home_html).unwrap();
    let not_found = out.join("404.html");
    let not_found_html = std::fs::read_to_string(&not_found).unwrap().replacen(
        "</main>",
        "<a href=\"/nope/\">gone</a></main>",
        1,
    );
    std::fs::write(&not_found, &not_found_html).unwrap();

    let r = check_links(&out);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let p = "parks/alpha-park/index.html";
    let at = |attr: &str, nth: usize| format!("{p}:{}", value_pos(&html, attr, nth));
    let expected = vec![
        format!(
            "404.html:{}: error: broken link to /nope/",
            value_pos(&not_found_html, "href=\"/nope/\"", 0)
        ),
        "  hint: nope/index.html is not in the output".to_string(),
        format!(
            "{}: error: broken link to ../nope/index.html",
            at("href=\"../nope/", 0)
        ),
        "  hint: parks/nope/index.html is not in the output".into(),
        format!(
            "{}: error: broken link to ../../standard/index.html#clause-99: no id \"clause-99\" in standard/index.html",
            at("href=\"../../standard/index.html#clause-99", 0)
        ),
        format!(
            "{}: error: broken link to #no-such-id: no id \"no-such-id\" in {p}",
            at("href=\"#no-such-id", 0)
        ),
        format!(
            "{}: error: broken link to ../industry/%E4%B8%8D%E5%AD%98%E5%9C%A8/index.html",
            at("href=\"../industry/%E4", 0)
        ),
        "  hint: parks/industry/不存在/index.html is not in the output".into(),
        format!(
            "{}: error: broken link to ../../static/nope.png",
            at("src=\"../../static/nope", 0)
        ),
        "  hint: static/nope.png is not in the output".into(),
        format!(
            "{}: error: broken link to ../../static/missing-2x.png",
            at("srcset=\"", 0)
        ),
        "  hint: static/missing-2x.png is not in the output".into(),
        format!(
            "{}: error: broken link to ../../standard/index.html#clause-99: no id \"clause-99\" in standard/index.html",
            at("href=\"../../standard/index.html#clause-99", 1)
        ),
        format!(
            "{}: error: broken link to ../../parks",
            at("href=\"../../parks\"", 0)
        ),
        "  hint: parks is a folder: link to its index.html".into(),
        format!(
            "{}: error: broken link to ../nope2/?a=1&b=2",
            at("href=\"../nope2/", 0)
        ),
        "  hint: parks/nope2/index.html is not in the output".into(),
        format!(
            "{}: error: broken link to ../../../x/index.html: it leads outside the output folder",
            at("href=\"../../../x/", 0)
        ),
        format!(
            "index.html:{}: warning: root-absolute link /parks/index.html",
            value_pos(&home_html, "href=\"/parks/index.html\"", 0)
        ),
        "  hint: it breaks when the site is opened from disk or published under a path prefix: make it relative".into(),
        format!(
            "check --links failed: 11 broken link(s) in 2 page(s) of {}: ",
            out.display()
        ),
    ];
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{}", r.stderr);
    for (line, want) in lines.iter().zip(&expected) {
        assert!(line.starts_with(want.as_str()), "got  {line}\nwant {want}");
    }
    assert!(lines.last().unwrap().contains(" pages, "));

    // The same as data.
    let r = run(&[
        "check",
        "--links",
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(1));
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["broken"], 11);
    let diags = report["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 12);
    assert_eq!(diags[1]["path"], p);
    assert_eq!(diags[1]["severity"], "error");
    assert_eq!(diags[11]["severity"], "warning");
}

#[test]
fn a_folder_that_is_no_built_site_exits_2_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    // The default output folder is ROOT/output, as for `build`.
    let r = run(&["check", "--links", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    let missing = dir.path().join("output");
    r.stderr_starts_with(&format!(
        "{}: error: no output folder here\n  hint: build the site first (`parkbook build`), or pass the folder it wrote with --output DIR",
        missing.display()
    ));

    let r = check_links(&repo().join("content"));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains(
            "content: error: not a parkbook output folder (it has no `.parkbook-output` marker)\n  hint: build the site first"
        ),
        "{}",
        r.stderr
    );

    let file = dir.path().join("file.html");
    std::fs::write(&file, "<a href=x>").unwrap();
    let r = check_links(&file);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("file.html: error: not a folder"),
        "{}",
        r.stderr
    );

    // --output belongs to --links.
    let r = run(&["check", "--output", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("--links"), "{}", r.stderr);
}
