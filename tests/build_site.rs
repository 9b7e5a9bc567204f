//! Builds whole sites with the real binary and checks what a reader would see: the standard's
//! full text and anchors, the glossary, park and framework pages, another framework's statuses,
//! determinism, atomic failure, and that no link of the shipped site is broken.

mod common;
use common::html::{decode, visible_text};
use common::process::{build, built_once, run};
use common::site::Site;
use common::{files, fixture, read, read_json, repo};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The shipped site, built once per test binary run into its own folder.
fn shipped() -> PathBuf {
    built_once(&repo(), &[])
}

fn seed() -> String {
    read(&fixture("seed").join("standard-front-matter.txt"))
}

#[test]
fn every_sentence_of_the_seed_is_in_the_standard_page() {
    let page = visible_text(&read(&shipped().join("standard/index.html")));
    let seed: String = seed().chars().filter(|c| !c.is_whitespace()).collect();
    let sentences: Vec<&str> = seed
        .split('。')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    assert!(
        sentences.len() > 30,
        "the seed should hold many sentences, found {}",
        sentences.len()
    );
    let missing: Vec<&&str> = sentences.iter().filter(|s| !page.contains(**s)).collect();
    assert!(
        missing.is_empty(),
        "{} sentences of the seed are missing from /standard/, e.g. {:?}",
        missing.len(),
        missing.first()
    );
}

#[test]
fn every_clause_number_of_the_seed_has_its_anchor() {
    let html = read(&shipped().join("standard/index.html"));
    let mut numbers = Vec::new();
    for line in seed().lines() {
        let line = line.trim();
        let Some((first, rest)) = line.split_once(' ').or(Some((line, ""))) else {
            continue;
        };
        let is_number = !first.is_empty()
            && first
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        let heading_like = rest.chars().count() <= 12 && !rest.contains('。');
        if is_number && heading_like && first.len() <= 4 {
            numbers.push(first.to_string());
        }
    }
    for expected in [
        "0.1", "0.4", "0.5", "1", "2", "3", "3.1", "3.2", "3.3", "3.4",
    ] {
        assert!(
            numbers.iter().any(|n| n == expected),
            "the seed scan missed {expected}: {numbers:?}"
        );
    }
    for n in &numbers {
        assert!(
            html.contains(&format!("id=\"clause-{n}\"")),
            "no id=\"clause-{n}\" in /standard/"
        );
    }
}

#[test]
fn glossary_lists_the_four_terms_with_english_names() {
    let html = read(&shipped().join("terms/index.html"));
    for (n, zh, en) in [
        ("3.1", "产业园区", "industrial park"),
        ("3.2", "园区集成服务商", "integrated service provider"),
        ("3.3", "园区专业服务商", "specialized service provider"),
        ("3.4", "客户", "clients"),
    ] {
        let start = html
            .find(&format!("id=\"term-{n}\""))
            .unwrap_or_else(|| panic!("no term-{n}"));
        let entry = &html[start..start + html[start..].find("</dd>").unwrap()];
        assert!(
            entry.contains(zh) && entry.contains(en),
            "term {n} lacks {zh} / {en}: {entry}"
        );
    }
}

/// In the catalogue fixture, clause 1.1 names 园区集成服务商 (term 2.2) and the Delta park's
/// summary names 产业园区 (term 2.1).
#[test]
fn terms_link_to_their_definition_from_other_text() {
    let site = built_once(&fixture("catalogue"), &[]);
    let standard = read(&site.join("standard/index.html"));
    assert!(
        standard.contains("href=\"../terms/index.html#term-2.2\""),
        "clause text does not link 园区集成服务商"
    );
    let park = read(&site.join("parks/delta-park/index.html"));
    assert!(
        park.contains("href=\"../../terms/index.html#term-2.1\""),
        "park text does not link 产业园区"
    );
    // The shipped standard's clause text links its term 3.2 (园区集成服务商) as well.
    let shipped = read(&shipped().join("standard/index.html"));
    assert!(
        shipped.contains("href=\"../terms/index.html#term-3.2\""),
        "the shipped clause text does not link 园区集成服务商"
    );
}

/// The catalogue data, as published.
fn catalogue(site: &Path) -> serde_json::Value {
    read_json(&site.join("data/catalogue.json"))
}

#[test]
fn park_pages_show_brand_services_providers_and_both_statuses() {
    let site = &shipped();
    let data = catalogue(site);
    let framework = &data["framework"]["systems"];
    for park in data["parks"].as_array().unwrap() {
        let id = park["id"].as_str().unwrap();
        let html = read(&site.join(format!("parks/{id}/index.html")));
        let yaml = read(&repo().join(format!("content/parks/{id}.yaml")));
        assert!(
            html.contains("服务特色和品牌特征"),
            "{id}: no brand section"
        );
        assert!(
            html.contains("服务清单") && html.contains("服务提供方"),
            "{id}: no services/providers section"
        );
        for system in framework.as_array().unwrap() {
            assert!(
                html.contains(&format!(
                    "id=\"services-{}\"",
                    system["id"].as_str().unwrap()
                )),
                "{id}: services not grouped by system"
            );
            for req in system["requirements"].as_array().unwrap() {
                let req = req.as_str().unwrap();
                let start = html
                    .find(&format!("id=\"req-{req}\""))
                    .unwrap_or_else(|| panic!("{id}: no row for {req}"));
                let row = &html[start..html[start..].find("</tr>").unwrap() + start];
                assert!(
                    row.contains("standard/index.html#clause-"),
                    "{id}/{req}: no clause link"
                );
                assert!(
                    row.contains("class=\"status status-"),
                    "{id}/{req}: no status"
                );
            }
        }
        // Every brand feature and service name of the YAML appears on the page.
        for line in yaml.lines() {
            let line = line.trim();
            if let Some(title) = line.strip_prefix("- title:").or_else(|| {
                line.strip_prefix("name:")
                    .filter(|_| line != yaml.lines().next().unwrap_or(""))
            }) {
                let title = title.trim().trim_matches('"');
                assert!(html.contains(title), "{id}: {title} not on the page");
            }
        }
    }
}

/// A park, a requirement, the status its rule computes, the status the park declares, the
/// result, and whether the declaration is contradicted.
type StatusRow = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    bool,
);

/// Every requirement of every park of the alt-framework fixture, worked out from its rules.
#[rustfmt::skip]
const ALT_STATUSES: &[StatusRow] = &[
    ("p-full", "en-provider", Some("met"), None, "met", false),
    ("p-full", "en-audit", Some("met"), None, "met", false),
    ("p-full", "wa-count", Some("met"), None, "met", false),
    ("p-full", "wa-declared", None, Some("met"), "met", false),
    ("p-full", "wa-legal", Some("met"), None, "met", false),
    ("p-full", "wa-support", Some("met"), None, "met", false),
    ("p-full", "wa-brand", Some("met"), None, "met", false),
    ("p-partial", "en-provider", Some("met"), None, "met", false),
    ("p-partial", "en-audit", Some("partial"), None, "partial", false),
    ("p-partial", "wa-count", Some("met"), None, "met", false),
    ("p-partial", "wa-declared", None, None, "unmet", false),
    ("p-partial", "wa-legal", Some("partial"), Some("met"), "partial", true),
    ("p-partial", "wa-support", Some("partial"), None, "partial", false),
    ("p-partial", "wa-brand", Some("partial"), None, "partial", false),
    ("p-empty", "en-provider", Some("unmet"), None, "unmet", false),
    ("p-empty", "en-audit", Some("unmet"), Some("met"), "unmet", true),
    ("p-empty", "wa-count", Some("unmet"), None, "unmet", false),
    ("p-empty", "wa-declared", None, Some("partial"), "partial", false),
    ("p-empty", "wa-legal", Some("not-applicable"), None, "not-applicable", false),
    ("p-empty", "wa-support", Some("unmet"), None, "unmet", false),
    ("p-empty", "wa-brand", Some("unmet"), None, "unmet", false),
];

#[test]
fn park_pages_show_the_computed_and_the_declared_status() {
    let site = built_once(&fixture("alt-framework"), &[]);
    for &(id, req, computed, declared, result, contradicted) in ALT_STATUSES {
        let html = read(&site.join(format!("parks/{id}/index.html")));
        let start = html
            .find(&format!("id=\"req-{req}\""))
            .unwrap_or_else(|| panic!("{id}: no row for {req}"));
        let row = &html[start..html[start..].find("</tr>").unwrap() + start];
        let badges: Vec<&str> = row
            .split("class=\"status status-")
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        // One badge each for the computed and the declared status where they exist, then one
        // for the result.
        let expected: Vec<&str> = computed
            .into_iter()
            .chain(declared)
            .chain([result])
            .collect();
        assert_eq!(badges, expected, "{id}/{req}: badges");
        assert_eq!(
            row.contains("声明存疑"),
            contradicted,
            "{id}/{req}: an unsupported claim is flagged, and only then"
        );
    }
}

#[test]
fn shipped_sample_shows_the_range() {
    let data = catalogue(&shipped());
    let parks = data["parks"].as_array().unwrap();
    assert!(parks.len() >= 8);
    assert!(
        parks.iter().any(|p| p["status"] == "met"),
        "no park meets everything"
    );
    assert!(
        parks.iter().any(|p| p["status"] != "met"),
        "no park has gaps"
    );
    let claims = parks
        .iter()
        .flat_map(|p| p["requirements"].as_object().unwrap().values())
        .filter(|r| r["unsupported_claim"] == true)
        .count();
    assert!(claims >= 1, "no unsupported claim in the sample");
    let html = read(&shipped().join("index.html"));
    assert!(html.contains("示例数据"), "sample-data banner missing");
}

/// The framework page lists every park under every requirement; of the alt-framework fixture,
/// under "met", the parks whose result is met.
#[test]
fn framework_page_lists_parks_per_requirement() {
    let site = &shipped();
    let data = catalogue(site);
    let html = read(&site.join("framework/index.html"));
    for system in data["framework"]["systems"].as_array().unwrap() {
        for req in system["requirements"].as_array().unwrap() {
            let req = req.as_str().unwrap();
            let start = html.find(&format!("id=\"req-{req}\"")).unwrap();
            let block = &html[start..start + html[start..].find("</article>").unwrap()];
            for park in data["parks"].as_array().unwrap() {
                let link = format!("parks/{}/index.html", park["id"].as_str().unwrap());
                assert!(
                    block.contains(&link),
                    "{req}: park {} not listed",
                    park["id"]
                );
            }
        }
    }
    let html = read(&built_once(&fixture("alt-framework"), &[]).join("framework/index.html"));
    for req in [
        "en-provider",
        "en-audit",
        "wa-count",
        "wa-declared",
        "wa-legal",
        "wa-support",
        "wa-brand",
    ] {
        let start = html.find(&format!("id=\"req-{req}\"")).unwrap();
        let block = &html[start..start + html[start..].find("</article>").unwrap()];
        let dd = &block[block.find("status-met").unwrap()..];
        let dd = &dd[..dd.find("</dd>").unwrap()];
        let mut met: Vec<&str> = ALT_STATUSES
            .iter()
            .filter(|row| row.1 == req && row.4 == "met")
            .map(|row| row.0)
            .collect();
        met.sort();
        let mut listed: Vec<&str> = dd
            .split("parks/")
            .skip(1)
            .map(|rest| &rest[..rest.find('/').unwrap()])
            .collect();
        listed.sort();
        assert_eq!(listed, met, "{req}: the parks that meet it");
    }
}

#[test]
fn another_framework_builds_and_computes_statuses() {
    let out = built_once(&fixture("alt-framework"), &[]);
    let data = catalogue(&out);
    let mut got: BTreeMap<String, (String, BTreeMap<String, String>)> = BTreeMap::new();
    for p in data["parks"].as_array().unwrap() {
        let systems = p["systems"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v["status"].as_str().unwrap().to_string()))
            .collect();
        got.insert(
            p["id"].as_str().unwrap().into(),
            (p["status"].as_str().unwrap().into(), systems),
        );
    }
    let expect = |overall: &str, energy: &str, waste: &str| {
        (
            overall.to_string(),
            BTreeMap::from([
                ("energy".to_string(), energy.to_string()),
                ("waste".to_string(), waste.to_string()),
            ]),
        )
    };
    assert_eq!(got["p-full"], expect("met", "met", "met"));
    assert_eq!(got["p-partial"], expect("partial", "partial", "partial"));
    assert_eq!(got["p-empty"], expect("partial", "unmet", "partial"));

    let req = |park: &str, id: &str| {
        let p = data["parks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == park)
            .unwrap();
        let r = &p["requirements"][id];
        (
            r["status"].as_str().unwrap().to_string(),
            r["unsupported_claim"].as_bool().unwrap(),
        )
    };
    let s = |x: &str, claim: bool| (x.to_string(), claim);
    assert_eq!(
        req("p-full", "wa-declared"),
        s("met", false),
        "declared-only requirement takes the declaration"
    );
    assert_eq!(
        req("p-partial", "en-audit"),
        s("partial", false),
        "two conditions: partial and unmet"
    );
    assert_eq!(
        req("p-partial", "wa-legal"),
        s("partial", true),
        "one of two providers is no legal entity"
    );
    assert_eq!(
        req("p-partial", "wa-declared"),
        s("unmet", false),
        "neither rule nor declaration"
    );
    assert_eq!(req("p-partial", "wa-support"), s("partial", false));
    assert_eq!(
        req("p-empty", "en-audit"),
        s("unmet", true),
        "claim contradicted by data"
    );
    assert_eq!(req("p-empty", "en-provider"), s("unmet", false));
    assert_eq!(req("p-empty", "wa-legal"), s("not-applicable", false));
    assert_eq!(req("p-empty", "wa-declared"), s("partial", false));

    let std_html = read(&out.join("standard/index.html"));
    assert!(std_html.contains("id=\"clause-3.2\"") && std_html.contains("id=\"clause-2.1\""));
    let html = read(&out.join("parks/p-partial/index.html"));
    assert!(html.contains("能源管理") && html.contains("废弃物管理"));
    assert!(
        !html.contains("示例数据"),
        "no sample banner when sample_data is off"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    build(&repo(), &dir.path().join("a"));
    build(&repo(), &dir.path().join("b"));
    let (a, b) = (files(&dir.path().join("a")), files(&dir.path().join("b")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::new("alt-framework");
    build(site.root(), &site.output());
    let before = files(&site.output());

    site.write("content/parks/p-full.yaml", "name: [broken\n");
    let result = site.build();
    result.code(1);
    assert!(result.stderr.contains("content/parks/p-full.yaml:"));
    assert_eq!(files(&site.output()), before, "the previous site changed");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("parkbook"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn a_folder_parkbook_did_not_make_is_never_replaced() {
    let site = Site::new("alt-framework");
    let out = site.dir().join("mine");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("thesis.docx"), "precious").unwrap();
    let result = site.build_to("mine");
    result.code(1);
    assert!(result.stderr.contains("was not made by parkbook"));
    assert_eq!(read(&out.join("thesis.docx")), "precious");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
}

/// A copy of the alt-framework fixture whose `content/site.yaml` picks the theme `house`, with
/// `files` (path under `themes/house/`, text) written.
fn with_house_theme(files: &[(&str, &str)]) -> Site {
    let site = Site::new("alt-framework");
    for (rel, text) in files {
        site.write(&format!("themes/house/{rel}"), text);
    }
    site.add_to_site_yaml("theme: house");
    site
}

#[test]
fn a_site_theme_overrides_one_template() {
    let site = with_house_theme(&[
        (
            "templates/404.html",
            "{% extends \"base.html\" %}{% block main %}<p>HOUSE 404</p>{% endblock main %}",
        ),
        ("static/extra.txt", "extra"),
    ]);
    let out = site.dir().join("out");
    build(site.root(), &out);
    assert!(read(&out.join("404.html")).contains("HOUSE 404"));
    assert!(
        read(&out.join("index.html")).contains("static/style.css"),
        "other templates stay built in"
    );
    assert_eq!(read(&out.join("static/extra.txt")), "extra");
}

/// A theme that overrides a shared macro changes every page that uses it, park pages included:
/// there is one way a page is made, whatever the theme overrides.
#[test]
fn an_overridden_macro_changes_every_page_kind_that_uses_it() {
    let macros = read(&repo().join("themes/default/templates/macros.html")).replace(
        r#"{% macro status(s) %}<span class="status status-{{ s.code }}">{{ s.label }}</span>{% endmacro %}"#,
        r#"{% macro status(s) %}<b class="house-status">{{ s.label }}</b>{% endmacro %}"#,
    );
    assert!(
        macros.contains("house-status"),
        "the status macro is where the test expects it"
    );
    let site = with_house_theme(&[("templates/macros.html", &macros)]);
    let out = site.dir().join("out");
    build(site.root(), &out);
    for page in ["parks/p-full/index.html", "framework/index.html"] {
        let html = read(&out.join(page));
        assert!(
            html.contains("<b class=\"house-status\">"),
            "{page} uses the theme's macro"
        );
    }
}

/// A template that does not compile fails the build with its file and line, and writes nothing.
#[test]
fn a_broken_template_is_reported_with_its_line() {
    let site = with_house_theme(&[(
        "templates/park.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if park %}\n{% endblock %}\n",
    )]);
    let result = site.build_to("out");
    assert_eq!(result.code, Some(1), "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("themes/house/templates/park.html:4:1: error: template error"),
        "{}",
        result.stderr
    );
    assert!(!site.dir().join("out").exists(), "nothing is written");
}

#[test]
fn base_url_gives_canonical_links() {
    let out = built_once(
        &fixture("alt-framework"),
        &["--base-url", "https://example.org/sub"],
    );
    assert!(read(&out.join("parks/p-full/index.html"))
        .contains("<link rel=\"canonical\" href=\"https://example.org/sub/parks/p-full/\">"));
}

/// Every `href`/`src` of every page resolves to a file, and every `#fragment` to an id in it.
#[test]
fn no_link_of_the_shipped_site_is_broken() {
    assert_links_resolve(&shipped(), 500);
}

/// Every internal `href`/`src`/`srcset`/`action` of every page resolves to a file and every
/// `#fragment` to an id, with `parkbook::links` (what `parkbook check --links` runs); no page has
/// a duplicate id, and only 404.html has root-absolute links.
fn assert_links_resolve(site: &Path, at_least: usize) {
    let report = parkbook::links::check_links(site).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.pages > 20);
    assert!(
        report.links > at_least,
        "only {} links checked",
        report.links
    );
    let problems: Vec<String> = report
        .broken
        .iter()
        .chain(report.warnings.iter())
        .map(|d| d.to_string())
        .collect();
    assert!(
        problems.is_empty(),
        "{} broken links, duplicate ids or root-absolute links:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Values of one attribute across a page, entity-decoded.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let end = rest.find('"').unwrap();
        found.push(decode(&rest[..end]));
        rest = &rest[end..];
    }
    found
}

#[test]
fn check_reports_ok_and_writes_nothing() {
    let site = Site::new("alt-framework");
    let root = site.root().to_str().unwrap();
    let result = site.run(&["check", "--root", root, "--format", "json"]);
    result.code(0);
    let report: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["errors"], 0);
    assert!(!site.output().exists());
}

#[test]
fn a_base_url_that_is_no_web_address_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = fixture("alt-framework");
    for bad in [
        "javascript:alert(1)//",
        "https://x.org/\"><script>",
        "ftp://x.org/",
    ] {
        let out = dir.path().join("out");
        let result = run(&[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--base-url",
            bad,
        ]);
        assert_eq!(result.code, Some(2), "{bad}");
        assert!(!out.exists());
    }
}

/// A catalogue large enough to paginate: 120 parks made from the fixture's three.
fn large_site() -> Site {
    let site = Site::new("alt-framework");
    let parks = site.path("content/parks");
    let templates: Vec<String> = ["p-full", "p-partial", "p-empty"]
        .iter()
        .map(|id| read(&parks.join(format!("{id}.yaml"))))
        .collect();
    for i in 0..120 {
        let text = templates[i % 3].replacen("name: ", &format!("name: 第{i}号"), 1);
        let text = text.replace(
            "industrial-base",
            if i % 2 == 0 {
                "industrial-base"
            } else {
                "bonded-zone"
            },
        );
        std::fs::write(parks.join(format!("gen-{i:03}.yaml")), text).unwrap();
    }
    site
}

#[test]
fn a_large_catalogue_paginates_and_no_page_grows() {
    let site = large_site();
    let out = site.dir().join("out");
    build(site.root(), &out);
    let data = catalogue(&out);
    let parks = data["parks"].as_array().unwrap();
    assert_eq!(parks.len(), 123);
    // 123 parks at 50 a page: three catalogue pages, three comparison pages.
    for page in [
        "parks/index.html",
        "parks/page/2/index.html",
        "parks/page/3/index.html",
        "compare/page/3/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
    assert!(!out.join("parks/page/4/index.html").exists());
    let second = read(&out.join("parks/page/2/index.html"));
    assert!(
        second.contains("本页为第 51–100 个"),
        "rank range on page 2"
    );
    assert!(
        second.contains("aria-current=\"page\">2<"),
        "current page marked"
    );
    for entry in walkdir::WalkDir::new(&out).into_iter().flatten() {
        let size = entry.metadata().unwrap().len();
        if entry.path().extension().is_some_and(|x| x == "html") {
            assert!(size < 100_000, "{} is {size} bytes", entry.path().display());
        }
    }
    assert!(
        std::fs::metadata(out.join("static/style.css"))
            .unwrap()
            .len()
            < 40_000
    );
    assert_links_resolve(&out, 5000);
}

/// Rows of the park tables of a page (their park links), without any script.
fn listed_parks(html: &str) -> Vec<String> {
    attributes(html, "href")
        .into_iter()
        .filter_map(|h| {
            let rest = h.split("parks/").last()?;
            let id = rest.strip_suffix("/index.html")?;
            (!id.contains('/') && !id.is_empty()).then(|| id.to_string())
        })
        .collect()
}

#[test]
fn without_javascript_every_facet_page_lists_the_right_parks() {
    let site = large_site();
    let out = site.dir().join("out");
    build(site.root(), &out);
    // What each park is, from the fixture's three and the way `large_site` copies them (written
    // here, not read back from the build): level, type, region and system statuses of its
    // template, the type of the odd copies of p-full changed to bonded-zone.
    let template = |id: &str| match id {
        "p-full" => ("municipal", "industrial-base", "江苏省", "met", "met"),
        "p-partial" => ("district", "other", "浙江省", "partial", "partial"),
        _ => ("national", "high-tech-zone", "上海市", "unmet", "partial"),
    };
    let templates = ["p-full", "p-partial", "p-empty"];
    let all = templates
        .iter()
        .map(|id| (id.to_string(), *id, false))
        .chain((0..120).map(|i| (format!("gen-{i:03}"), templates[i % 3], i % 2 == 1)));
    let parks: Vec<serde_json::Value> = all
        .map(|(id, from, bonded)| {
            let (level, ty, region, energy, waste) = template(from);
            let ty = if bonded && ty == "industrial-base" {
                "bonded-zone"
            } else {
                ty
            };
            let met = |req: &str| {
                ALT_STATUSES
                    .iter()
                    .find(|row| row.0 == from && row.1 == req)
                    .unwrap()
                    .4
            };
            serde_json::json!({
                "id": id, "level": level, "type": ty, "region": region,
                "systems": { "energy": { "status": energy }, "waste": { "status": waste } },
                "requirements": {
                    "en-audit": { "status": met("en-audit") },
                    "wa-legal": { "status": met("wa-legal") },
                },
            })
        })
        .collect();
    assert_eq!(parks.len(), 123);
    let pages_of = |base: &str| -> Vec<String> {
        let mut ids = Vec::new();
        let mut n = 1;
        loop {
            let path = if n == 1 {
                format!("{base}index.html")
            } else {
                format!("{base}page/{n}/index.html")
            };
            let Ok(html) = std::fs::read_to_string(out.join(&path)) else {
                break;
            };
            let table = &html[html.find("<table").unwrap_or(0)..];
            ids.extend(listed_parks(table));
            n += 1;
        }
        ids.sort();
        ids.dedup();
        ids
    };
    let expect = |f: &dyn Fn(&serde_json::Value) -> bool| -> Vec<String> {
        let mut ids: Vec<String> = parks
            .iter()
            .filter(|p| f(p))
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        pages_of("parks/"),
        expect(&|_| true),
        "the catalogue lists every park"
    );
    for level in ["national", "municipal", "district"] {
        assert_eq!(
            pages_of(&format!("parks/level/{level}/")),
            expect(&|p| p["level"] == level),
            "level {level}"
        );
    }
    for ty in ["industrial-base", "bonded-zone", "high-tech-zone", "other"] {
        assert_eq!(
            pages_of(&format!("parks/type/{ty}/")),
            expect(&|p| p["type"] == ty),
            "type {ty}"
        );
    }
    for system in ["energy", "waste"] {
        for status in ["met", "partial", "unmet"] {
            let got = pages_of(&format!("parks/status/{system}/{status}/"));
            assert_eq!(
                got,
                expect(&|p| p["systems"][system]["status"] == status),
                "{system} {status}"
            );
        }
    }
    let region = "江苏省";
    let got = pages_of(&format!("parks/region/{region}/"));
    assert_eq!(got, expect(&|p| p["region"] == region));
    for req in ["en-audit", "wa-legal"] {
        let got = pages_of(&format!("parks/requirement/{req}/met/"));
        assert_eq!(
            got,
            expect(&|p| p["requirements"][req]["status"] == "met"),
            "{req}"
        );
    }
}

#[test]
fn a_missing_site_file_is_named_with_a_hint() {
    let site = Site::new("alt-framework");
    site.remove("content/framework.yaml");
    let result = site.check();
    result.code(1);
    assert!(
        result.stderr.contains(
            "content/framework.yaml: error: file is missing: every site needs it\n  hint:"
        ),
        "{}",
        result.stderr
    );
}

#[test]
fn the_site_description_is_the_pages_meta_description() {
    let site = Site::new("alt-framework");
    site.add_to_site_yaml("description: 绿色工厂的公开目录 & <评价>");
    let out = site.dir().join("out");
    build(site.root(), &out);
    for page in ["index.html", "parks/p-full/index.html"] {
        let html = read(&out.join(page));
        assert!(
            html.contains(
                r#"<meta name="description" content="绿色工厂的公开目录 &amp; &lt;评价&gt;">"#
            ),
            "{page}"
        );
    }
}
