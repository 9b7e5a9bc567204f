//! A standard written the way people write Markdown: each natural form of a part's heading, with
//! or without front matter, builds to the same anchors; annexes and the bibliography are parts
//! with anchors of their own; a contradiction is one error naming two different places; and the
//! structure lint speaks through `check`.

mod common;
use common::process::{build, run_in};
use common::read;
use common::site::Site;

/// The base site with its scope part (clause 1 and 1.1, which its framework cites) written as
/// `scope`.
fn with_scope(scope: &str) -> Site {
    let site = Site::new("base");
    site.write("content/standard/1-scope.md", scope);
    site
}

fn ids(html: &str) -> Vec<&str> {
    html.split("id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

#[test]
fn every_form_of_a_part_heading_builds_with_the_same_anchors() {
    let body = "本文件规定了园区服务体系的要求。\n\n## 1.1 适用\n\n适用于各类园区。\n";
    let forms = [
        format!("---\nnumber: \"1\"\ntitle: 范围\n---\n\n## 1 范围\n\n{body}"),
        format!("---\nnumber: \"1\"\ntitle: 范围\n---\n\n# 1 范围\n\n{body}"),
        format!("# 1 范围\n\n{body}"),
        format!("## 1 范围\n\n{body}"),
        format!("# 1　范围\n\n{body}"),
        format!("# 第1章 范围\n\n{body}"),
        format!("---\ntitle_en: Scope\n---\n# 1 范围\n\n{body}"),
    ];
    for form in &forms {
        let site = with_scope(form);
        let out = site.path("out");
        build(site.root(), &out);
        let html = read(&out.join("standard/index.html"));
        let anchors = ids(&html);
        for expected in ["clause-1", "clause-1.1", "clause-2", "clause-2.1"] {
            assert_eq!(
                anchors.iter().filter(|a| **a == expected).count(),
                1,
                "{expected} in\n{form}"
            );
        }
        assert!(
            html.contains(r##"<a class="clause-no" href="#clause-1">1</a> 范围"##),
            "{form}"
        );
        // The part's own heading is not an unnumbered clause too.
        assert!(!anchors.iter().any(|a| a.starts_with("section-")), "{form}");
    }
}

#[test]
fn annexes_and_the_bibliography_are_parts() {
    let site = Site::new("base");
    site.write(
        "content/standard/00-foreword.md",
        "# 前言\n\n本文件按照 GB/T 1.1—2020 的规定起草。\n",
    )
    .write(
        "content/standard/8-annex-a.md",
        "# 附录A（资料性）评价示例\n\n示例说明。\n\n## A.1 一个示例\n\n示例正文。\n",
    )
    .write(
        "content/standard/9-bibliography.md",
        "## 参考文献\n\n[1] GB/T 1.1—2020 标准化工作导则\n",
    );
    let out = site.path("out");
    build(site.root(), &out);
    let html = read(&out.join("standard/index.html"));
    let anchors = ids(&html);
    for expected in ["foreword", "annex-A", "clause-A.1", "bibliography"] {
        assert!(anchors.contains(&expected), "{expected}: {anchors:?}");
    }
    assert!(html.contains("附录A</a> <span class=\"annex-status\">（资料性）</span>"));
    assert!(html.contains("<a href=\"#annex-A\">附录A 评价示例</a>"));
    assert!(html.contains("<a href=\"#bibliography\">参考文献</a>"));
    run_in(site.root(), &["check"]).code(0);
}

#[test]
fn a_contradiction_is_one_error_naming_two_places() {
    let site = with_scope(
        "---\nnumber: \"1\"\ntitle: 范围\n---\n\n## 2 范围\n\n正文。\n\n## 1.1 适用\n\n正文。\n",
    );
    let run = run_in(site.root(), &["check"]);
    run.code(1).error_count(1);
    run.only_error(
        "content/standard/1-scope.md:6:1",
        "the heading numbers this part `2`, but the front matter says `number: \"1\"` (line 2)",
    );
}

#[test]
fn a_clause_numbered_twice_names_both_lines() {
    let site = with_scope("# 1 范围\n\n## 1.1 适用\n\n一。\n\n## 1.1 适用\n\n二。\n");
    let run = run_in(site.root(), &["check"]);
    run.only_error(
        "content/standard/1-scope.md:7:1",
        "clause 1.1 is numbered twice (also at content/standard/1-scope.md:3)",
    );
}

#[test]
fn full_width_numbers_are_read_with_a_warning() {
    let site = with_scope("# 1 范围\n\n正文。\n\n## １．１ 适用\n\n适用于各类园区。\n");
    let run = run_in(site.root(), &["check"]);
    run.code(0)
        .says("content/standard/1-scope.md:5:1: warning: the number is written `１．１` and read as `1.1`");
    let out = site.path("out");
    run_in(site.root(), &["build", "--output", out.to_str().unwrap()]).code(0);
    assert!(ids(&read(&out.join("standard/index.html"))).contains(&"clause-1.1"));
}

#[test]
fn the_structure_lint_speaks_through_check() {
    let site =
        with_scope("# 1 范围\n\n见 1.9。\n\n## 1.1 适用\n\n正文。\n\n## 1.3 其他\n\n正文。\n");
    site.remove("content/standard/00-foreword.md");
    let run = run_in(site.root(), &["check"]);
    run.code(0)
        .says("warning: the standard has no foreword, 前言 (GB/T 1.1 rule: a standard has a foreword)")
        .says("content/standard/1-scope.md:9:1: warning: 1.3 comes after 1.1: 1.2 is missing (GB/T 1.1 rule: numbers in sequence)")
        .says("content/standard/1-scope.md:1:1: warning: `见 1.9` refers to clause 1.9, which the standard does not have");
    run_in(site.root(), &["check", "--deny-warnings"]).code(1);
    let zh = common::process::run_lang(site.root(), "zh", &["check"]);
    zh.says("1.1 之后是 1.3，缺少 1.2（GB/T 1.1 规则：编号连续）");
}
