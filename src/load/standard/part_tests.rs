use super::*;
use crate::messages::Lang;

fn parse(text: &str) -> (Option<Part>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let part = parse_part("content/standard/x.md", text, &mut diags);
    (part, diags)
}

fn codes(diags: &Diagnostics) -> Vec<&str> {
    diags.iter().map(|d| d.message.code).collect()
}

#[test]
fn parts_split_into_clauses_and_terms() {
    let text = "---\nnumber: \"3\"\ntitle: 术语和定义\nkind: terms\n---\n\n下列术语适用。\n\n## 3.1 产业园区 industrial park\n\n定义。\n\n注:说明。\n\n## 3.2 客户 clients\n\n单位。\n";
    let (part, diags) = parse(text);
    let part = part.unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(part.intro, "下列术语适用。");
    assert_eq!(part.clauses.len(), 2);
    assert_eq!(part.clauses[0].pos.line, 9);
    let term = part.clauses[0].term.as_ref().unwrap();
    assert_eq!(
        (term.term.as_str(), term.term_en.as_deref()),
        ("产业园区", Some("industrial park"))
    );
    assert_eq!(term.definition, "定义。");
    assert_eq!(term.notes, ["注:说明。"]);
}

/// Every natural way of writing part 1's heading gives the same part: number 1, title 范围, one
/// clause 1.1, and no error.
#[test]
fn the_natural_forms_of_a_part_heading() {
    let forms = [
        "---\nnumber: \"1\"\ntitle: 范围\n---\n\n## 1 范围\n\n本文件规定了……\n\n## 1.1 总则\n\n正文。\n",
        "---\nnumber: \"1\"\ntitle: 范围\n---\n\n# 1 范围\n\n本文件规定了……\n\n## 1.1 总则\n\n正文。\n",
        "# 1 范围\n\n本文件规定了……\n\n## 1.1 总则\n\n正文。\n",
        "## 1 范围\n\n本文件规定了……\n\n## 1.1 总则\n\n正文。\n",
        "# 1　范围\n\n本文件规定了……\n\n## 1.1 总则\n\n正文。\n",
        "# 第1章 范围\n\n本文件规定了……\n\n## 1.1 总则\n\n正文。\n",
        "---\ntitle: 范围\n---\n# 1 范围\n\n本文件规定了……\n\n## 1.1 总则\n\n正文。\n",
        "---\nnumber: \"1\"\n---\n# 范围\n\n本文件规定了……\n\n## 1.1 总则\n\n正文。\n",
        "---\nnumber: \"1\"\ntitle: 范围\n---\n\n本文件规定了……\n\n## 1.1 总则\n\n正文。\n",
    ];
    for text in forms {
        let (part, diags) = parse(text);
        assert!(diags.is_empty(), "{text}\n{diags:?}");
        let part = part.unwrap();
        assert_eq!(part.number.as_deref(), Some("1"), "{text}");
        assert_eq!(part.title, "范围", "{text}");
        assert_eq!(part.element, Some(Element::Scope), "{text}");
        assert_eq!(part.intro, "本文件规定了……", "{text}");
        assert_eq!(part.clauses.len(), 1, "{text}");
        assert_eq!(part.clauses[0].number.as_deref(), Some("1.1"));
        assert_eq!(part.clauses[0].level, 2);
    }
}

#[test]
fn unnumbered_parts_take_their_title_from_the_heading() {
    let (part, diags) = parse("# 前言\n\n本文件按照……起草。\n");
    assert!(diags.is_empty(), "{diags:?}");
    let part = part.unwrap();
    assert_eq!(
        (part.number.as_deref(), part.title.as_str()),
        (None, "前言")
    );
    assert_eq!(part.element, Some(Element::Foreword));
    assert_eq!(part.anchor(), "foreword");

    let (part, _) = parse("## 参考文献\n\n[1] GB/T 1.1—2020\n");
    let part = part.unwrap();
    assert_eq!(part.element, Some(Element::Bibliography));
    assert_eq!(part.anchor(), "bibliography");
    assert_eq!(part.intro, "[1] GB/T 1.1—2020");
}

#[test]
fn terms_are_recognised_without_front_matter() {
    let (part, diags) = parse("# 3 术语和定义\n\n## 3.1 园区 park\n\n定义。\n");
    assert!(diags.is_empty(), "{diags:?}");
    let part = part.unwrap();
    assert_eq!(part.kind, PartKind::Terms);
    assert_eq!(
        part.clauses[0].term.as_ref().unwrap().term_en.as_deref(),
        Some("park")
    );
}

#[test]
fn annexes_are_parts_with_their_own_anchor() {
    let text = "# 附录A（资料性）评价示例\n\n说明。\n\n## A.1 示例一\n\n正文。\n\n### A.1.1 细则\n\n正文。\n";
    let (part, diags) = parse(text);
    assert!(diags.is_empty(), "{diags:?}");
    let part = part.unwrap();
    assert_eq!(part.number.as_deref(), Some("A"));
    assert_eq!(part.title, "评价示例");
    assert!(part.is_annex());
    assert_eq!(part.annex, Some(AnnexStatus::Informative));
    assert_eq!(part.anchor(), "annex-A");
    assert_eq!(part.clauses[0].anchor(0), "clause-A.1");
    assert_eq!(part.clauses[1].level, 3);
}

#[test]
fn a_contradiction_names_both_places() {
    let (_, diags) = parse("---\nnumber: \"1\"\ntitle: 范围\n---\n\n## 2 范围\n\n正文。\n");
    assert_eq!(codes(&diags), ["part-number-contradiction"]);
    let d = &diags.0[0];
    assert_eq!(d.pos.map(|p| p.line), Some(6));
    let text = d.message.text(Lang::En);
    assert!(text.contains("`2`") && text.contains("line 2"), "{text}");

    let (_, diags) = parse("---\nnumber: \"1\"\ntitle: 范围\n---\n\n# 1 适用范围\n\n正文。\n");
    assert_eq!(codes(&diags), ["part-title-contradiction"]);
    let text = diags.0[0].message.text(Lang::En);
    assert!(
        text.contains("适用范围") && text.contains("line 3"),
        "{text}"
    );
}

#[test]
fn a_part_without_a_title_anywhere_is_an_error() {
    let (part, diags) = parse("本文件规定了……\n\n## 1.1 总则\n\n正文。\n");
    assert_eq!(part.unwrap().clauses.len(), 1);
    assert_eq!(codes(&diags), ["part-without-title"]);
    assert!(diags.0[0].hint.is_some());
}

#[test]
fn full_width_numbers_are_read_and_named() {
    let (part, diags) = parse("# 4 要求\n\n## ４．１ 总则\n\n正文。\n\n## 4.2． 细则\n\n正文。\n");
    let part = part.unwrap();
    let numbers: Vec<_> = part.clauses.iter().map(|c| c.number.as_deref()).collect();
    assert_eq!(numbers, [Some("4.1"), Some("4.2")]);
    assert_eq!(codes(&diags), ["lint-number-form", "lint-number-form"]);
    let text = diags.0[0].message.text(Lang::Zh);
    assert!(text.contains("４．１") && text.contains("`4.1`"), "{text}");
    assert!(diags.0[0].hint.is_some());
}

#[test]
fn a_later_hash_heading_is_still_an_error() {
    let (_, diags) = parse("# 1 范围\n\n正文。\n\n# 2 另一章\n\n正文。\n");
    assert_eq!(codes(&diags), ["heading-in-part"]);
}

#[test]
fn clause_outside_its_part_is_an_error() {
    let (_, diags) = parse("---\nnumber: \"1\"\ntitle: 范围\n---\n## 2.1 x\n\ny\n");
    assert_eq!(diags.0[0].pos, Some(Pos::new(5, 1)));
    assert_eq!(diags.0[0].message.code, "clause-outside-its-part");
    assert!(diags.0[0]
        .message
        .text(Lang::En)
        .contains("must start with `1.`"));
}

#[test]
fn a_subsection_with_another_title_is_a_clause() {
    let (part, diags) = parse("---\ntitle: 前言\n---\n\n## 起草说明\n\n正文。\n");
    assert!(diags.is_empty(), "{diags:?}");
    let part = part.unwrap();
    assert_eq!(part.title, "前言");
    assert_eq!(part.clauses.len(), 1);
    assert_eq!(part.clauses[0].title, "起草说明");
}
