//! What the PDF printed on every page rather than in the text: page numbers, the standard's
//! number in the header, a line repeated at the top of each page.

use super::headings::{clause_heading, part_heading};
use super::text::ends_paragraph;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Furniture {
    PageNumber,
    Header,
}

/// How often each cleaned line occurs: a line on three pages is the page's, not the text's.
pub fn counts<'a>(lines: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut counts = HashMap::new();
    for line in lines.filter(|l| !l.is_empty()) {
        *counts.entry(line).or_insert(0) += 1;
    }
    counts
}

pub fn furniture(line: &str, counts: &HashMap<&str, usize>) -> Option<Furniture> {
    if is_page_number(line) {
        return Some(Furniture::PageNumber);
    }
    if is_designation(line) {
        return Some(Furniture::Header);
    }
    let repeated = counts.get(line).is_some_and(|&n| n >= 3)
        && line.chars().count() <= 40
        && !ends_paragraph(line)
        && part_heading(line).is_none()
        && clause_heading(line).is_none();
    repeated.then_some(Furniture::Header)
}

/// `3`, `- 3 -`, `— 3 —`, `II`, `Ⅲ`, `第3页`, `第 3 页 共 10 页`.
fn is_page_number(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = compact.trim_matches(|c| matches!(c, '-' | '—' | '–'));
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if digits(inner) {
        return true;
    }
    let roman = !inner.is_empty()
        && inner.chars().count() <= 6
        && inner
            .chars()
            .all(|c| "IVXivx".contains(c) || ('\u{2160}'..='\u{217f}').contains(&c));
    if roman {
        return true;
    }
    let Some(rest) = inner.strip_prefix('第') else {
        return false;
    };
    let Some((page, after)) = rest.split_once('页') else {
        return false;
    };
    digits(page)
        && (after.is_empty()
            || after
                .strip_prefix('共')
                .and_then(|a| a.strip_suffix('页'))
                .is_some_and(digits))
}

/// A standard's number alone on its line: `T/SHKFQ 001—2022`, `GB/T 1.1—2020`.
fn is_designation(line: &str) -> bool {
    let Some((code, number)) = line.split_once(' ') else {
        return false;
    };
    let code_ok = code.contains('/')
        && code
            .split('/')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_uppercase()))
        || ["GB", "ISO", "IEC"].contains(&code);
    let (number, year) = match number.split_once(['—', '–', '-']) {
        Some((n, y)) => (n, Some(y)),
        None => (number, None),
    };
    code_ok
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && year.is_none_or(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_headers() {
        let none = HashMap::new();
        let f = |l: &str| furniture(l, &none);
        for page in [
            "3",
            "- 3 -",
            "— 12 —",
            "II",
            "Ⅲ",
            "第3页",
            "第 3 页 共 10 页",
        ] {
            assert_eq!(f(page), Some(Furniture::PageNumber), "{page}");
        }
        for header in ["T/SHKFQ 001—2022", "GB/T 1.1—2020", "GB 50016"] {
            assert_eq!(f(header), Some(Furniture::Header), "{header}");
        }
        for text in [
            "3.1",
            "3.1 产业园区",
            "2021年4",
            "起草。",
            "第1章 范围",
            "GB/T 1.1—2020 导则",
        ] {
            assert_eq!(f(text), None, "{text}");
        }
    }

    #[test]
    fn a_line_on_three_pages_is_a_header() {
        let lines = [
            "上海市开发区协会",
            "正文。",
            "上海市开发区协会",
            "上海市开发区协会",
            "1 范围",
        ];
        let counts = counts(lines.iter().copied().chain(["1 范围", "1 范围"]));
        assert_eq!(
            furniture("上海市开发区协会", &counts),
            Some(Furniture::Header)
        );
        assert_eq!(furniture("1 范围", &counts), None);
        assert_eq!(furniture("正文。", &counts), None);
    }
}
