//! Which lines are headings, in the forms GB/T 1.1 documents are typed and extracted in:
//! `前  言`, `引言`, `1 范围`, `1　范围`, `第1章 范围`, `附录A（规范性）标题`, `附 录 A`,
//! `参考文献`, and clauses `0.1 总则`, `4.1.2 标题`, `A.1 标题`.

/// Whether an annex says it is normative (规范性) or informative (资料性).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnexStatus {
    Normative,
    Informative,
}

/// A top-level element of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartKey {
    Contents,
    Foreword,
    Introduction,
    Chapter(u32),
    Annex(char),
    Bibliography,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartHeading {
    pub key: PartKey,
    /// As written; empty for an annex whose title is on a later line.
    pub title: String,
    pub annex: Option<AnnexStatus>,
}

/// Full-width digits, letters and dots (a Chinese input method's) made half-width.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '．' => '.',
        _ => c,
    }
}

fn compact(line: &str) -> String {
    line.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A title is short and is no sentence: no sentence punctuation, no dot leaders of a table of
/// contents.
pub fn looks_like_title(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= 40
        && !text.contains([
            '。', '，', ',', '；', ';', '：', ':', '！', '？', '!', '?', '、', '…',
        ])
        && !text.contains("..")
        && !text.contains("··")
}

/// The part a line opens, if it is a part's heading.
pub fn part_heading(line: &str) -> Option<PartHeading> {
    let line = line.trim();
    let plain = |key: PartKey, title: &str| {
        Some(PartHeading {
            key,
            title: title.to_string(),
            annex: None,
        })
    };
    match compact(line).as_str() {
        "目次" | "目录" => return plain(PartKey::Contents, "目次"),
        "前言" => return plain(PartKey::Foreword, "前言"),
        "引言" => return plain(PartKey::Introduction, "引言"),
        "参考文献" => return plain(PartKey::Bibliography, "参考文献"),
        _ => {}
    }
    annex_heading(line).or_else(|| chapter_heading(line))
}

/// `附录A（规范性）标题`, `附 录 A`, `附录 B (资料性附录) 标题`.
fn annex_heading(line: &str) -> Option<PartHeading> {
    let mut rest = line
        .strip_prefix('附')?
        .trim_start()
        .strip_prefix('录')?
        .trim_start();
    let letter = half_width(rest.chars().next()?);
    if !letter.is_ascii_uppercase() {
        return None;
    }
    rest = &rest[rest.chars().next()?.len_utf8()..];
    if rest.starts_with(|c: char| c.is_alphanumeric() && half_width(c).is_ascii()) {
        return None;
    }
    let (annex, after) = annex_status(rest.trim_start());
    let title = after.trim();
    if !title.is_empty() && !looks_like_title(title) {
        return None;
    }
    Some(PartHeading {
        key: PartKey::Annex(letter),
        title: title.to_string(),
        annex,
    })
}

/// `（规范性）`, `(资料性附录)` at the start of `text`: the status and what follows.
pub fn annex_status(text: &str) -> (Option<AnnexStatus>, &str) {
    let Some(inner) = text.strip_prefix(['(', '（']) else {
        return (None, text);
    };
    let Some(close) = inner.find([')', '）']) else {
        return (None, text);
    };
    let status = match compact(&inner[..close]).trim_end_matches("附录") {
        "规范性" => AnnexStatus::Normative,
        "资料性" => AnnexStatus::Informative,
        _ => return (None, text),
    };
    let after = &inner[close..];
    let after = &after[after.chars().next().map_or(0, char::len_utf8)..];
    (Some(status), after)
}

/// `1 范围`, `1　范围`, `第1章 范围`.
fn chapter_heading(line: &str) -> Option<PartHeading> {
    let (number, title) = match line.strip_prefix('第') {
        Some(rest) => {
            let (digits, after) = split_digits(rest.trim_start());
            let title = after.trim_start().strip_prefix('章')?;
            (digits, title.trim())
        }
        None => {
            let (digits, after) = split_digits(line);
            if !after.starts_with(char::is_whitespace) {
                return None;
            }
            (digits, after.trim())
        }
    };
    let number: u32 = number.parse().ok().filter(|n| (1..1000).contains(n))?;
    if !looks_like_title(title) || title.starts_with(|c: char| half_width(c).is_ascii_digit()) {
        return None;
    }
    Some(PartHeading {
        key: PartKey::Chapter(number),
        title: title.to_string(),
        annex: None,
    })
}

/// Leading digits (full-width ones read as half-width) and the rest.
fn split_digits(text: &str) -> (String, &str) {
    let mut digits = String::new();
    for (i, c) in text.char_indices() {
        let h = half_width(c);
        if h.is_ascii_digit() {
            digits.push(h);
        } else {
            return (digits, &text[i..]);
        }
    }
    (digits, "")
}

/// A clause heading: its number in the standard form (`0.1`, `4.1.2`, `A.1`) and the rest of
/// the line (its title, or the first words of an untitled clause; empty when the number stands
/// alone, as a term's does).
pub fn clause_heading(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    let mut number = String::new();
    let mut end = line.len();
    for (i, c) in line.char_indices() {
        let h = half_width(c);
        if h.is_ascii_digit() || h == '.' || (i == 0 && h.is_ascii_uppercase()) {
            number.push(h);
        } else {
            end = i;
            break;
        }
    }
    let rest = &line[end..];
    // `4.1总则` and `4.1 (总则)` are headings; `4.1a`, `4.15kg` and `1.1—2020` are not.
    let starts_ok =
        |c: char| c.is_whitespace() || (c.is_alphabetic() && !c.is_ascii()) || "(（“《".contains(c);
    if !rest.is_empty() && !rest.starts_with(starts_ok) {
        return None;
    }
    let number = number.trim_end_matches('.');
    let mut segments = number.split('.');
    let first = segments.next()?;
    let first_ok = first.bytes().all(|b| b.is_ascii_digit()) && !first.is_empty()
        || (first.len() == 1 && first.bytes().all(|b| b.is_ascii_uppercase()));
    let mut depth = 1;
    for s in segments {
        if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        depth += 1;
    }
    if !first_ok || depth < 2 || first.len() > 3 {
        return None;
    }
    Some((number.to_string(), rest.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(line: &str) -> Option<PartKey> {
        part_heading(line).map(|h| h.key)
    }

    #[test]
    fn parts_in_every_form() {
        assert_eq!(key(" 前  言"), Some(PartKey::Foreword));
        assert_eq!(key("引\u{3000}言"), Some(PartKey::Introduction));
        assert_eq!(key("参 考 文 献"), Some(PartKey::Bibliography));
        assert_eq!(key("目  次"), Some(PartKey::Contents));
        assert_eq!(key("1 范围"), Some(PartKey::Chapter(1)));
        assert_eq!(key("1\u{3000}范围"), Some(PartKey::Chapter(1)));
        assert_eq!(key("第1章 范围"), Some(PartKey::Chapter(1)));
        assert_eq!(key("第 12 章　术语"), Some(PartKey::Chapter(12)));
        assert_eq!(key("１２ 术语和定义"), Some(PartKey::Chapter(12)));
        let h = part_heading("2 规范性引用文件").unwrap();
        assert_eq!(h.title, "规范性引用文件");
    }

    #[test]
    fn annexes() {
        let a = part_heading("附录A（规范性）评价表").unwrap();
        assert_eq!(
            (a.key, a.annex, a.title.as_str()),
            (PartKey::Annex('A'), Some(AnnexStatus::Normative), "评价表")
        );
        let b = part_heading("附 录 B (资料性) 案例").unwrap();
        assert_eq!(
            (b.key, b.annex),
            (PartKey::Annex('B'), Some(AnnexStatus::Informative))
        );
        let c = part_heading("附录 C").unwrap();
        assert_eq!(
            (c.key, c.annex, c.title.as_str()),
            (PartKey::Annex('C'), None, "")
        );
        let d = part_heading("附录D（资料性附录）").unwrap();
        assert_eq!(d.annex, Some(AnnexStatus::Informative));
        assert_eq!(key("附录Ａ 表"), Some(PartKey::Annex('A')));
        assert_eq!(key("附录A给出了评价表。"), None);
        assert_eq!(key("附录AB"), None);
        assert_eq!(key("附录一"), None);
    }

    #[test]
    fn sentences_and_contents_lines_are_no_headings() {
        assert_eq!(key("1 范围……………………1"), None);
        assert_eq!(key("1 范围.......1"), None);
        assert_eq!(key("2021年4"), None);
        assert_eq!(key("40 年的发展,园区已经形成。"), None);
        assert_eq!(key("3 5"), None);
        assert_eq!(key("0 引言"), None);
        assert_eq!(key("1"), None);
        assert_eq!(key("第1条 范围"), None);
        assert_eq!(key(""), None);
    }

    #[test]
    fn clauses() {
        let c = |l: &str| clause_heading(l);
        assert_eq!(c("0.1 总则"), Some(("0.1".into(), "总则".into())));
        assert_eq!(
            c("4.1.2 服务内容"),
            Some(("4.1.2".into(), "服务内容".into()))
        );
        assert_eq!(c("A.1 评价"), Some(("A.1".into(), "评价".into())));
        assert_eq!(c("3.1 "), Some(("3.1".into(), String::new())));
        assert_eq!(c("４．１　总则"), Some(("4.1".into(), "总则".into())));
        assert_eq!(c("4.1. 总则"), Some(("4.1".into(), "总则".into())));
        assert_eq!(c("4.1总则"), Some(("4.1".into(), "总则".into())));
        assert_eq!(c("1.1—2020《导则》"), None);
        assert_eq!(c("1.1 Scope"), Some(("1.1".into(), "Scope".into())));
        assert_eq!(c("4.15kg"), None);
        assert_eq!(c("4 总则"), None);
        assert_eq!(c("AB.1 x"), None);
        assert_eq!(c("4..1 x"), None);
        assert_eq!(c("."), None);
        assert_eq!(c(""), None);
    }
}
