//! The parts as the loader reads them (`src/load/standard.rs`): one Markdown file each, front
//! matter (`number`, `title`, `title_en`, `kind: terms`, `annex`), then `## N.M title` clause
//! headings (one `#` more per level) and the paragraphs.

use super::headings::{AnnexStatus, PartKey};
use super::structure::{Block, Part};
use super::text::escape_markdown;

/// The English names and file names of GB/T 1.1's chapters, by their Chinese names: the
/// drafting rules name these elements the same way in every standard.
const GBT_CHAPTERS: &[(&str, &str, &str)] = &[
    ("范围", "Scope", "scope"),
    (
        "规范性引用文件",
        "Normative references",
        "normative-references",
    ),
    ("术语和定义", "Terms and definitions", "terms"),
    ("术语", "Terms", "terms"),
    ("符号和缩略语", "Symbols and abbreviated terms", "symbols"),
    ("符号", "Symbols", "symbols"),
    ("缩略语", "Abbreviated terms", "abbreviations"),
];

/// One file to write into the standard's folder.
#[derive(Debug, PartialEq, Eq)]
pub struct PartFile {
    pub name: String,
    pub text: String,
    pub clauses: usize,
    pub terms: usize,
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The file name, title and English title of a part.
fn naming(part: &Part) -> (String, String, Option<&'static str>) {
    match &part.key {
        PartKey::Foreword => ("00-foreword.md".into(), "前言".into(), Some("Foreword")),
        PartKey::Introduction => (
            "01-introduction.md".into(),
            "引言".into(),
            Some("Introduction"),
        ),
        PartKey::Bibliography => (
            "bibliography.md".into(),
            "参考文献".into(),
            Some("Bibliography"),
        ),
        PartKey::Chapter(n) => {
            let known = GBT_CHAPTERS
                .iter()
                .find(|(zh, _, _)| *zh == compact(&part.title));
            match known {
                Some((_, en, slug)) => (format!("{n}-{slug}.md"), part.title.clone(), Some(*en)),
                None => (format!("{n}.md"), part.title.clone(), None),
            }
        }
        PartKey::Annex(letter) => {
            let title = match part.title.is_empty() {
                true => format!("附录{letter}"),
                false => part.title.clone(),
            };
            (format!("annex-{letter}.md"), title, None)
        }
        PartKey::Contents => ("contents.md".into(), "目次".into(), None),
    }
}

/// A YAML scalar: plain when YAML reads it back as the same text, else double-quoted.
fn yaml_str(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(char::is_control)
        && !["true", "false", "null", "yes", "no", "on", "off", "~"]
            .contains(&s.to_ascii_lowercase().as_str())
        && s.parse::<f64>().is_err();
    if plain {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn part_file(part: &Part) -> PartFile {
    let (name, title, title_en) = naming(part);
    let mut text = String::from("---\n");
    if let Some(number) = part.number() {
        text.push_str(&format!("number: \"{number}\"\n"));
    }
    text.push_str(&format!("title: {}\n", yaml_str(&title)));
    if let Some(en) = title_en {
        text.push_str(&format!("title_en: {en}\n"));
    }
    if part.terms {
        text.push_str("kind: terms\n");
    }
    match part.annex {
        Some(AnnexStatus::Normative) => text.push_str("annex: normative\n"),
        Some(AnnexStatus::Informative) => text.push_str("annex: informative\n"),
        None => {}
    }
    text.push_str("---\n");
    let mut clauses = 0;
    for block in &part.blocks {
        text.push('\n');
        match block {
            Block::Clause { number, title } => {
                clauses += 1;
                let depth = number.matches('.').count().clamp(1, 5);
                text.push_str(&"#".repeat(depth + 1));
                text.push(' ');
                text.push_str(number);
                if !title.is_empty() {
                    text.push(' ');
                    text.push_str(&escape_markdown(title));
                }
            }
            Block::Paragraph(p) => text.push_str(&escape_markdown(p)),
        }
        text.push('\n');
    }
    PartFile {
        name,
        text,
        clauses,
        terms: if part.terms { clauses } else { 0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(key: PartKey, title: &str, blocks: Vec<Block>) -> Part {
        Part {
            key,
            title: title.into(),
            annex: None,
            terms: false,
            blocks,
        }
    }

    #[test]
    fn chapters_are_named_from_gbt_names_else_by_number() {
        let scope = part_file(&part(PartKey::Chapter(1), "范围", vec![]));
        assert_eq!(scope.name, "1-scope.md");
        assert_eq!(
            scope.text,
            "---\nnumber: \"1\"\ntitle: 范围\ntitle_en: Scope\n---\n"
        );
        assert_eq!(
            part_file(&part(PartKey::Chapter(4), "基本要求", vec![])).name,
            "4.md"
        );
        let foreword = part_file(&part(PartKey::Foreword, "前  言", vec![]));
        assert_eq!(foreword.text, "---\ntitle: 前言\ntitle_en: Foreword\n---\n");
    }

    #[test]
    fn clauses_get_one_hash_more_per_level() {
        let blocks = vec![
            Block::Paragraph("导语。".into()),
            Block::Clause {
                number: "4.1".into(),
                title: "总则".into(),
            },
            Block::Paragraph("正文。".into()),
            Block::Clause {
                number: "4.1.2".into(),
                title: String::new(),
            },
            Block::Paragraph("1) 第一项；".into()),
        ];
        let file = part_file(&part(PartKey::Chapter(4), "要求", blocks));
        assert_eq!(
            file.text,
            "---\nnumber: \"4\"\ntitle: 要求\n---\n\n导语。\n\n## 4.1 总则\n\n正文。\n\n### 4.1.2\n\n1\\) 第一项；\n"
        );
        assert_eq!(file.clauses, 2);
    }

    #[test]
    fn annexes_carry_their_letter_and_status() {
        let mut annex = part(PartKey::Annex('A'), "评价表", vec![]);
        annex.annex = Some(AnnexStatus::Normative);
        let file = part_file(&annex);
        assert_eq!(file.name, "annex-A.md");
        assert_eq!(
            file.text,
            "---\nnumber: \"A\"\ntitle: 评价表\nannex: normative\n---\n"
        );
        let untitled = part_file(&part(PartKey::Annex('B'), "", vec![]));
        assert!(untitled.text.contains("title: 附录B\n"));
    }

    #[test]
    fn titles_that_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_str("范围"), "范围");
        assert_eq!(yaml_str("a: b"), "\"a: b\"");
        assert_eq!(yaml_str("2020"), "\"2020\"");
        assert_eq!(yaml_str("- x"), "\"- x\"");
        assert_eq!(yaml_str("say \"hi\"\u{7}"), "\"say \\\"hi\\\"\\u0007\"");
    }
}
