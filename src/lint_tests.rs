use super::*;
use crate::load::parse_part;
use crate::messages::Lang;

/// A standard from part files `(name, text)`, and what the lint says of it.
fn lint(files: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut diags = Diagnostics::default();
    let parts = files
        .iter()
        .filter_map(|(name, text)| {
            parse_part(&format!("content/standard/{name}"), text, &mut diags)
        })
        .collect();
    assert!(!diags.has_errors(), "{diags:?}");
    let mut diags = Diagnostics::default();
    standard(&Standard { parts }, &mut diags);
    diags
        .iter()
        .map(|d| (d.message.code.to_string(), d.message.text(Lang::En)))
        .collect()
}

const FOREWORD: (&str, &str) = ("00.md", "# 前言\n\n本文件按照……起草。\n");
const SCOPE: (&str, &str) = ("1.md", "# 1 范围\n\n本文件规定了……\n");

fn codes(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(c, _)| c.as_str()).collect()
}

#[test]
fn a_well_formed_standard_has_nothing_to_say() {
    let terms = "# 3 术语和定义\n\n## 3.1 园区 park\n\n定义。\n\n注：说明。\n";
    let body = "# 4 要求\n\n## 4.1 总则\n\n见 3.1。\n\n## 4.2 细则\n\n按 4.1 的规定，见第3章与附录A。\n\n### 4.2.1 细目\n\n正文。\n";
    let annex = "# 附录A（资料性）示例\n\n## A.1 示例\n\n正文。\n";
    let found = lint(&[
        FOREWORD,
        SCOPE,
        ("2.md", "# 2 规范性引用文件\n\n本文件没有规范性引用文件。\n"),
        ("3.md", terms),
        ("4.md", body),
        ("A.md", annex),
    ]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn the_foreword_and_the_scope_are_required() {
    let found = lint(&[("2.md", "# 2 要求\n\n正文。\n")]);
    let found: Vec<_> = found
        .into_iter()
        .filter(|(c, _)| c != "lint-number-gap-first")
        .collect();
    assert_eq!(codes(&found), ["lint-no-foreword", "lint-no-scope"]);
    assert!(found[0].1.contains("rule: a standard has a foreword"));
    assert!(found[1].1.contains("rule: chapter 1 is the scope"));
}

#[test]
fn numbers_run_in_sequence() {
    let gap = "# 2 要求\n\n## 2.1 a\n\nx\n\n## 2.3 c\n\nx\n";
    let found = lint(&[FOREWORD, SCOPE, ("2.md", gap)]);
    assert_eq!(codes(&found), ["lint-number-gap"]);
    assert!(found[0].1.contains("2.2 is missing"), "{found:?}");
    assert!(found[0].1.contains("rule: numbers in sequence"));

    let late_start = "# 2 要求\n\n## 2.2 b\n\nx\n";
    let found = lint(&[FOREWORD, SCOPE, ("2.md", late_start)]);
    assert_eq!(codes(&found), ["lint-number-gap-first"]);
    assert!(found[0].1.contains("2.1 is missing"));

    let order = "# 2 要求\n\n## 2.1 a\n\nx\n\n## 2.2 b\n\nx\n\n## 2.1.1 c\n\nx\n\n## 2.3 d\n\nx\n";
    assert!(lint(&[FOREWORD, SCOPE, ("2.md", order)]).is_empty());

    let found = lint(&[FOREWORD, SCOPE, ("3.md", "# 3 x\n\ny\n")]);
    assert_eq!(codes(&found), ["lint-number-gap"]);
    assert!(found[0].1.contains("2 is missing"));

    let annexes = [FOREWORD, SCOPE, ("B.md", "# 附录B 示例\n\n正文。\n")];
    let found = lint(&annexes);
    assert_eq!(codes(&found), ["lint-number-gap-first"]);
    assert!(found[0].1.contains("A is missing"));
}

#[test]
fn numbers_out_of_order_are_named() {
    let text = "# 2 要求\n\n## 2.2 b\n\nx\n\n## 2.1 a\n\nx\n";
    let found = lint(&[FOREWORD, SCOPE, ("2.md", text)]);
    assert_eq!(
        codes(&found),
        ["lint-number-gap-first", "lint-number-order"]
    );
    assert!(found[1].1.contains("2.1 comes after 2.2"));
}

#[test]
fn a_clause_needs_its_parent() {
    let text = "# 2 要求\n\n## 2.1 a\n\nx\n\n### 2.2.1 b\n\nx\n";
    let found = lint(&[FOREWORD, SCOPE, ("2.md", text)]);
    assert!(codes(&found).contains(&"lint-no-parent"), "{found:?}");
    let (_, text) = found.iter().find(|(c, _)| c == "lint-no-parent").unwrap();
    assert!(text.contains("no clause 2.2 above it"));
    assert!(text.contains("rule: numbers go down one level at a time"));
}

#[test]
fn every_term_entry_has_a_definition() {
    let terms = "# 3 术语和定义\n\n## 3.1 园区 park\n\n## 3.2 一般术语\n\n### 3.2.1 客户 clients\n\n单位。\n";
    let found = lint(&[FOREWORD, SCOPE, ("2.md", "# 2 x\n\ny\n"), ("3.md", terms)]);
    assert_eq!(codes(&found), ["lint-term-without-definition"]);
    assert!(found[0].1.contains("term entry 3.1 has no definition"));
    assert!(found[0]
        .1
        .contains("rule: every term entry has a definition"));
}

#[test]
fn a_note_only_after_the_text_it_explains() {
    let terms = "# 3 术语和定义\n\n## 3.1 园区 park\n\n注：先写的注。\n\n定义。\n";
    let found = lint(&[FOREWORD, SCOPE, ("2.md", "# 2 x\n\ny\n"), ("3.md", terms)]);
    assert_eq!(codes(&found), ["lint-note-first"]);
    assert!(found[0].1.contains("3.1 starts with a note"));
    assert!(found[0]
        .1
        .contains("rule: a note follows the text it explains"));
}

#[test]
fn references_name_clauses_that_exist() {
    let body = "# 2 要求\n\n## 2.1 总则\n\n见 2.9，按第7章和附录C执行，另见[条款](/standard/#clause-2.8)。\n";
    let found = lint(&[FOREWORD, SCOPE, ("2.md", body)]);
    let missing: Vec<&str> = found
        .iter()
        .filter(|(c, _)| c == "lint-reference-missing")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(missing.len(), 4, "{found:?}");
    assert!(
        missing[0].contains("`见 2.9` refers to clause 2.9"),
        "{missing:?}"
    );
    assert!(missing.iter().any(|t| t.contains("`第7章`")));
    assert!(missing.iter().any(|t| t.contains("`附录C`")));
    assert!(missing.iter().any(|t| t.contains("clause 2.8")));
    assert!(missing[0].contains("rule: a reference names a clause that exists"));
}

#[test]
fn references_to_other_documents_are_not_checked() {
    let refs = clause_references(
        "本文件按照GB/T 1.1—2020《标准化工作导则》的规定起草，见GB/T 1.1的第5章、《导则》第6章和其附录B，2021年4月，5G园区。",
    );
    assert!(refs.is_empty(), "{refs:?}");
    let refs = clause_references("见3.2和A.1，按照 4.1.2 的规定，见第 4 章，附录 A");
    let numbers: Vec<&str> = refs.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(numbers, ["3.2", "4.1.2", "4", "A"]);
}
