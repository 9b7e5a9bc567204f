//! How a heading of the standard is numbered, in the forms people type: `3.2 标题`, `1　范围`
//! (an ideographic space), `第1章 范围`, `附录A（规范性）标题`, `A.1 标题`, and the slips of a
//! Chinese input method (`４．１`, `4.1．`), which are read and named so that they can be fixed.

pub use crate::model::is_clause_number;
use crate::model::{AnnexStatus, Element};

/// What a heading's text says about its number.
#[derive(Debug, PartialEq, Eq)]
pub struct Numbered {
    /// `3.2`, `1`, `A`, `A.1`, in the standard form.
    pub number: Option<String>,
    pub title: String,
    /// The number as written, when it is not in the standard form (`４．１`, `4.1．`).
    pub written: Option<String>,
    /// Set for `附录A…` headings: the annex, and whether it says 规范性 or 资料性.
    pub annex: Option<Option<AnnexStatus>>,
}

impl Numbered {
    /// A part's number has no dot: `1`, `0`, `A`.
    pub fn is_part_level(&self) -> bool {
        self.number.as_deref().is_some_and(|n| !n.contains('.'))
    }
}

/// Reads a heading's text: its number (if any), its title, and how the number was written.
pub fn read_heading(heading: &str) -> Numbered {
    let heading = heading.trim();
    if let Some(annex) = annex_heading(heading) {
        return annex;
    }
    if let Some(chapter) = chapter_heading(heading) {
        return chapter;
    }
    let (first, rest) = match heading.split_once(char::is_whitespace) {
        Some((first, rest)) => (first, rest.trim()),
        None => (heading, ""),
    };
    match standard_form(first) {
        // A lone letter is a word (`A 级`); only `附录A` numbers an annex.
        Some(number)
            if is_clause_number(&number)
                && (number.contains('.') || number.starts_with(|c: char| c.is_ascii_digit())) =>
        {
            Numbered {
                written: (number != first).then(|| first.to_string()),
                number: Some(number),
                title: rest.to_string(),
                annex: None,
            }
        }
        _ => Numbered {
            number: None,
            title: heading.to_string(),
            written: None,
            annex: None,
        },
    }
}

/// Full-width digits, letters and dots made half-width; a trailing full stop dropped.
fn standard_form(written: &str) -> Option<String> {
    let mut out = String::with_capacity(written.len());
    for c in written.chars() {
        out.push(match c {
            '０'..='９' | 'Ａ'..='Ｚ' => half_width(c),
            '．' | '。' => '.',
            _ => c,
        });
    }
    let trimmed = out.trim_end_matches('.');
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

fn half_width(c: char) -> char {
    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
}

/// `第1章 范围`, `第１章　范围`, `第1章范围`.
fn chapter_heading(heading: &str) -> Option<Numbered> {
    let rest = heading.strip_prefix('第')?;
    let (digits, title) = rest.split_once('章')?;
    let number = standard_form(digits.trim())?;
    if !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Numbered {
        written: (number != digits).then(|| digits.to_string()),
        number: Some(number),
        title: title.trim().to_string(),
        annex: None,
    })
}

/// `附录A`, `附录 A（规范性）标题`, `附录A (资料性) 标题`, `附录Ａ 标题`.
fn annex_heading(heading: &str) -> Option<Numbered> {
    let rest = heading.strip_prefix("附录")?.trim_start();
    let letter = rest.chars().next()?;
    let letter_up = match letter {
        'Ａ'..='Ｚ' => half_width(letter),
        'A'..='Z' => letter,
        _ => return None,
    };
    let rest = &rest[letter.len_utf8()..];
    // A letter followed by more letters is a word (`附录Appendix`), not an annex number.
    if rest.starts_with(|c: char| c.is_alphanumeric() && !is_cjk(c)) {
        return None;
    }
    let mut rest = rest.trim_start();
    let mut status = None;
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = rest.strip_prefix(open) {
            if let Some((word, after)) = inner.split_once(close) {
                status = match word.trim() {
                    "规范性" | "normative" => Some(AnnexStatus::Normative),
                    "资料性" | "informative" => Some(AnnexStatus::Informative),
                    _ => None,
                };
                if status.is_some() {
                    rest = after.trim_start();
                }
            }
        }
    }
    Some(Numbered {
        number: Some(letter_up.to_string()),
        title: rest.trim().to_string(),
        written: (letter != letter_up).then(|| letter.to_string()),
        annex: Some(status),
    })
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The elements of a GB/T 1.1 document that have a fixed title, recognised by it (spaces
/// ignored, as a PDF's `前  言` shows them), in Chinese or English.
pub fn element_of(title: &str) -> Option<Element> {
    let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = compact.to_lowercase();
    Some(match lower.as_str() {
        "前言" | "foreword" => Element::Foreword,
        "引言" | "introduction" => Element::Introduction,
        "范围" | "scope" => Element::Scope,
        "规范性引用文件" | "normativereferences" => Element::NormativeReferences,
        "术语和定义" | "术语与定义" | "termsanddefinitions" => Element::Terms,
        "参考文献" | "bibliography" => Element::Bibliography,
        "索引" | "index" => Element::Index,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(h: &str) -> (Option<String>, String, Option<String>) {
        let n = read_heading(h);
        (n.number, n.title, n.written)
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn numbers_in_the_forms_people_write() {
        assert_eq!(
            read("3.2 园区集成服务商"),
            (some("3.2"), "园区集成服务商".into(), None)
        );
        assert_eq!(read("1　范围"), (some("1"), "范围".into(), None));
        assert_eq!(read("第1章 范围"), (some("1"), "范围".into(), None));
        assert_eq!(read("第１章　范围"), (some("1"), "范围".into(), some("１")));
        assert_eq!(
            read("第2章规范性引用文件"),
            (some("2"), "规范性引用文件".into(), None)
        );
        assert_eq!(read("A.1 总则"), (some("A.1"), "总则".into(), None));
        assert_eq!(read("前言"), (None, "前言".into(), None));
        assert_eq!(read("3.2"), (some("3.2"), String::new(), None));
    }

    #[test]
    fn input_method_slips_are_read_and_named() {
        assert_eq!(
            read("4.1． 总则"),
            (some("4.1"), "总则".into(), some("4.1．"))
        );
        assert_eq!(
            read("４．１ 总则"),
            (some("4.1"), "总则".into(), some("４．１"))
        );
        assert_eq!(
            read("4.1. 总则"),
            (some("4.1"), "总则".into(), some("4.1."))
        );
    }

    #[test]
    fn words_are_not_numbers() {
        assert_eq!(read("3.2.a x").0, None);
        assert_eq!(read("5G园区 说明").0, None);
        assert_eq!(read("AB.1 x").0, None);
        assert_eq!(read("第一章 范围").0, None);
        assert_eq!(read("附录Appendix").0, None);
        assert_eq!(read("Annex 说明").0, None);
        assert_eq!(read("A 级").0, None);
    }

    #[test]
    fn annexes_are_lettered() {
        let a = read_heading("附录A（规范性）评价指标");
        assert_eq!(a.number, some("A"));
        assert_eq!(a.title, "评价指标");
        assert_eq!(a.annex, Some(Some(AnnexStatus::Normative)));
        let b = read_heading("附录 B (资料性) 示例");
        assert_eq!(
            (b.number, b.annex),
            (some("B"), Some(Some(AnnexStatus::Informative)))
        );
        let c = read_heading("附录C 案例");
        assert_eq!((c.number.as_deref(), c.title.as_str()), (Some("C"), "案例"));
        assert_eq!(c.annex, Some(None));
        assert!(read_heading("附录A").is_part_level());
        assert!(!read_heading("A.1 x").is_part_level());
    }

    #[test]
    fn fixed_titles_name_their_element() {
        assert_eq!(element_of("前  言"), Some(Element::Foreword));
        assert_eq!(element_of("Terms and definitions"), Some(Element::Terms));
        assert_eq!(element_of("参考文献"), Some(Element::Bibliography));
        assert_eq!(element_of("基本要求"), None);
    }

    #[test]
    fn clause_numbers() {
        for ok in ["1", "0", "3.2", "10.12.3", "A", "A.1", "B.2.3"] {
            assert!(is_clause_number(ok), "{ok}");
        }
        for bad in ["", "3.", ".3", "3..2", "a.1", "AB", "3.a", "Ａ"] {
            assert!(!is_clause_number(bad), "{bad}");
        }
    }
}
