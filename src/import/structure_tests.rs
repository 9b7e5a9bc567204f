use super::*;
use crate::messages::Lang;

fn parse(text: &str) -> Structure {
    read(text, &Words::default())
}

fn paragraphs(part: &Part) -> Vec<&str> {
    part.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
        .collect()
}

fn codes(said: &[Said]) -> Vec<(usize, &str)> {
    said.iter().map(|s| (s.line, s.msg.code)).collect()
}

#[test]
fn broken_lines_join_and_sentences_end_paragraphs() {
    let s = parse(" 前  言\n\n  本文件按照GB/T1.1—2020的规定\n\n起草。\n请注意专利。\n本文件起草单位:甲、乙\n\n丙。\n");
    let foreword = &s.parts[0];
    assert_eq!(foreword.key, PartKey::Foreword);
    assert_eq!(
        paragraphs(foreword),
        [
            "本文件按照GB/T 1.1—2020的规定起草。",
            "请注意专利。",
            "本文件起草单位:甲、乙丙。"
        ]
    );
    assert!(s.unplaced.is_empty(), "{:?}", s.unplaced);
}

#[test]
fn headings_of_every_form_open_parts_and_clauses() {
    let text = "前言\n甲。\n引  言\n0.1 总则\n乙。\n0.2 意义\n丙。\n第1章 范围\n丁。\n2\u{3000}规范性引用文件\n戊。\n3 要求\n3.1 总则\n己。\n3.1.1 细则\n庚。\n附录A（规范性）评价表\nA.1 评价\n辛。\n附 录 B\n（资料性）\n案例\n壬。\n参考文献\n[1] 文献\n";
    let s = parse(text);
    let keys: Vec<_> = s.parts.iter().map(|p| p.key.clone()).collect();
    assert_eq!(
        keys,
        [
            PartKey::Foreword,
            PartKey::Introduction,
            PartKey::Chapter(1),
            PartKey::Chapter(2),
            PartKey::Chapter(3),
            PartKey::Annex('A'),
            PartKey::Annex('B'),
            PartKey::Bibliography
        ]
    );
    let clause = |p: usize, i: usize| match &s.parts[p].blocks[i] {
        Block::Clause { number, title } => (number.as_str(), title.as_str()),
        other => panic!("{other:?}"),
    };
    assert_eq!(clause(1, 0), ("0.1", "总则"));
    assert_eq!(clause(4, 2), ("3.1.1", "细则"));
    assert_eq!(clause(5, 0), ("A.1", "评价"));
    assert_eq!(s.parts[5].annex, Some(AnnexStatus::Normative));
    let b = &s.parts[6];
    assert_eq!(
        (b.title.as_str(), b.annex),
        ("案例", Some(AnnexStatus::Informative))
    );
    assert_eq!(paragraphs(b), ["壬。"]);
    assert_eq!(paragraphs(&s.parts[7]), ["[1] 文献"]);
    assert!(s.unplaced.is_empty(), "{:?}", s.unplaced);
}

#[test]
fn the_title_between_introduction_and_clause_1_is_no_part_of_either() {
    let s = parse("引言\n0.1 总则\n文字。\n 产业园区服务 规范\n\n1 范围\n本文件规定。\n");
    assert_eq!(s.title, Some((4, "产业园区服务 规范".into())));
    assert_eq!(paragraphs(&s.parts[0]), ["文字。"]);
    assert_eq!(paragraphs(&s.parts[1]), ["本文件规定。"]);
}

#[test]
fn term_entries_split_their_english_and_notes_stand_apart() {
    let words = Words::parse("industrial park");
    let text = "3 术语和定义\n下列术语适用。\n3.1 \n产业园区 industrialpark\n具备统一规划的\n\n区域。\n注:亦用园区。\n3.2 客户 clients\n单位,\n注1：说明。\n示例:某园区。\n";
    let s = read(text, &words);
    let terms = &s.parts[0];
    assert!(terms.terms);
    assert_eq!(
        terms.blocks,
        [
            Block::Paragraph("下列术语适用。".into()),
            Block::Clause {
                number: "3.1".into(),
                title: "产业园区 industrial park".into()
            },
            Block::Paragraph("具备统一规划的区域。".into()),
            Block::Paragraph("注:亦用园区。".into()),
            Block::Clause {
                number: "3.2".into(),
                title: "客户 clients".into()
            },
            Block::Paragraph("单位,".into()),
            Block::Paragraph("注1：说明。".into()),
            Block::Paragraph("示例:某园区。".into()),
        ]
    );
    assert_eq!(codes(&s.fixed), [(4, "import-english-split")]);
    assert!(s.fixed[0]
        .msg
        .text(Lang::En)
        .contains("`industrialpark`, split into `industrial park`"));
}

#[test]
fn run_together_english_without_a_word_list_is_reported() {
    let s = parse("3 术语和定义\n3.1\n产业园区 industrialpark\n定义。\n3.2\n\n4 要求\n");
    assert_eq!(
        codes(&s.unplaced),
        [
            (3, "import-english-run-together"),
            (7, "import-term-without-name")
        ]
    );
    let Block::Clause { title, .. } = &s.parts[0].blocks[0] else {
        panic!()
    };
    assert_eq!(title, "产业园区 industrialpark");
}

#[test]
fn what_cannot_be_placed_is_reported_by_line() {
    let text = "ICS 03.080\n封面文字\n目  次\n前言……I\n1 范围……1\n前言\n甲。\n2\n- 3 -\nT/SHKFQ 001—2022\n乙,\n5 不是标题\n前言\n丙。\n1 范围\n文字,\n2.1 不在此章\n丁。\n2.1 不在此章\n";
    let s = parse(text);
    assert_eq!(
        codes(&s.unplaced),
        [
            (1, "import-before-first-part"),
            (2, "import-before-first-part"),
            (3, "import-contents"),
            (8, "import-page-number"),
            (9, "import-page-number"),
            (10, "import-page-header"),
            (12, "import-heading-unfinished"),
            (13, "import-part-twice"),
            (19, "import-clause-elsewhere"),
        ]
    );
    assert!(s.unplaced[2].msg.text(Lang::En).contains("lines 3–5"));
    assert_eq!(paragraphs(&s.parts[0]), ["甲。", "乙,5 不是标题前言丙。"]);
    assert_eq!(
        paragraphs(&s.parts[1]),
        ["文字,2.1 不在此章丁。", "2.1 不在此章"]
    );
}

#[test]
fn numbers_in_running_text_stay_text() {
    let s = parse("1 范围\n本文件自2021年4\n月起,共 3\n4.1 节\n1.1—2020《导则》\n起。\n");
    assert_eq!(s.parts.len(), 1);
    assert_eq!(paragraphs(&s.parts[0]).len(), 1);
    assert!(s.parts[0]
        .blocks
        .iter()
        .all(|b| matches!(b, Block::Paragraph(_))));
}

#[test]
fn an_untitled_clause_keeps_its_text_as_a_paragraph() {
    let s = parse("4 要求\n4.1 园区应建立服务体系,明确\n服务内容。\n4.2\n园区应公开。\n");
    assert_eq!(
        s.parts[0].blocks,
        [
            Block::Clause {
                number: "4.1".into(),
                title: String::new()
            },
            Block::Paragraph("园区应建立服务体系,明确服务内容。".into()),
            Block::Clause {
                number: "4.2".into(),
                title: String::new()
            },
            Block::Paragraph("园区应公开。".into()),
        ]
    );
}

#[test]
fn next_numbers_follow_the_outline() {
    assert_eq!(next_numbers("4"), ["4.1"]);
    assert_eq!(next_numbers("4.1.2"), ["4.1.2.1", "4.2", "4.1.3"]);
    assert_eq!(next_numbers("A.1"), ["A.1.1", "A.2"]);
}

#[test]
fn odd_inputs_never_panic() {
    let long = "1 范围\n".to_string() + &"字".repeat(100_000);
    for text in [
        "",
        "\n\n\n",
        "   \n\u{3000}\n",
        "\u{feff}",
        "3.1",
        "附录",
        "附录A",
        "第",
        "第章",
        "1 ",
        "前言\n3.1\n",
        "3 术语\n3.1\n",
        "3 术语和定义\n3.1 \n",
        ")",
        "注:",
        "——",
        "A.",
        "9999 x",
        "1 范围\n1.1\n1.1\n1.1.1.1.1.1.1.1 深\n",
        "目次\n",
        "附录Z\n附录A\n",
        &long,
    ] {
        let s = parse(text);
        for part in &s.parts {
            let _ = super::super::emit::part_file(part);
        }
    }
}
