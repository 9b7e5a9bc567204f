//! `standard/*.md`: the standard's parts, read in natural order of their names. Clause numbers are
//! parsed from headings (`## 3.2 园区集成服务商`); in the terms part each numbered subclause is
//! also a term entry: `## N 中文术语 English term`, definition paragraphs, `注:` notes.

use super::reader::Reader;
use super::{parse_yaml, read_text, Expected};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::messages::Msg;
use crate::model::{Clause, Part, PartKind, Standard, Term};
use crate::msg;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::cmp::Ordering;
use std::path::Path;

const FRONT_MATTER_KEYS: &[&str] = &["number", "title", "title_en", "kind"];

pub fn load(root: &Path, diags: &mut Diagnostics) -> Standard {
    let dir = root.join("content/standard");
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md") && !n.starts_with('.'))
            .collect(),
        Err(_) => {
            diags.push(Diagnostic::warning(
                "content/standard",
                None,
                Msg::new("no-standard-folder"),
            ));
            return Standard::default();
        }
    };
    names.sort_by(|a, b| natural_cmp(a, b));
    let mut parts: Vec<Part> = names
        .iter()
        .filter_map(|name| {
            let rel = format!("content/standard/{name}");
            let text = read_text(root, &rel, Expected::Listed, diags)?;
            parse_part(&rel, &text, diags)
        })
        .collect();
    check_unique_numbers(&mut parts, diags);
    Standard { parts }
}

fn check_unique_numbers(parts: &mut [Part], diags: &mut Diagnostics) {
    let mut seen: std::collections::HashMap<String, String> = Default::default();
    for part in parts.iter() {
        if let Some(n) = &part.number {
            if let Some(first) = seen.insert(n.clone(), part.path.clone()) {
                diags.error(
                    &part.path,
                    None,
                    msg!("part-number-twice", number = n, first = first),
                );
            }
        }
        for clause in &part.clauses {
            if let Some(n) = &clause.number {
                if let Some(first) = seen.insert(n.clone(), part.path.clone()) {
                    diags.error(
                        &part.path,
                        Some(clause.pos),
                        msg!("clause-number-twice", number = n, first = first),
                    );
                }
            }
        }
    }
}

/// Parses one part file: front matter, then Markdown split at its headings.
pub fn parse_part(rel: &str, text: &str, diags: &mut Diagnostics) -> Option<Part> {
    let (front, body, body_line) = split_front_matter(text);
    let Some(front) = front else {
        if text.starts_with("---\n") || text.starts_with("---\r\n") {
            diags.push(
                Diagnostic::error(
                    rel,
                    Some(Pos::new(1, 1)),
                    Msg::new("front-matter-not-closed"),
                )
                .with_hint(Some(Msg::new("front-matter-not-closed-hint"))),
            );
            return None;
        }
        diags.push(
            Diagnostic::error(rel, Some(Pos::new(1, 1)), Msg::new("no-front-matter"))
                .with_hint(Some(Msg::new("no-front-matter-hint"))),
        );
        return None;
    };
    let node = parse_yaml(front, rel, Pos::new(2, 1), diags)?;
    let r = &mut Reader::new(rel, diags);
    let m = r.map(&node, "what-front-matter", FRONT_MATTER_KEYS)?;
    let number = m.get("number").and_then(|n| r.text(n, "number"));
    if let Some(n) = &number {
        if !is_clause_number(&n.value) {
            let message = msg!("not-a-clause-number", value = &n.value);
            r.report(n.pos, "number", message, None);
        }
    }
    let title = m.require(r, "title").and_then(|n| r.text(n, "title"));
    let title_en = m
        .get("title_en")
        .and_then(|n| r.text(n, "title_en"))
        .map(|s| s.value);
    let kind = match m
        .get("kind")
        .and_then(|n| r.one_of(n, "kind", &["text", "terms"]))
    {
        Some(k) if k.value == "terms" => PartKind::Terms,
        _ => PartKind::Text,
    };
    let number = number.map(|n| n.value);

    let headings = headings(body);
    let intro_end = headings.first().map_or(body.len(), |h| h.start);
    let mut clauses = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let pos = Pos::new(Pos::of_offset(body, h.start).line + body_line - 1, 1);
        if h.level == 1 {
            diags.push(
                Diagnostic::error(rel, Some(pos), Msg::new("heading-in-part"))
                    .with_hint(Some(Msg::new("heading-in-part-hint"))),
            );
            continue;
        }
        let section_end = headings.get(i + 1).map_or(body.len(), |next| next.start);
        let clause_body = body[h.end..section_end].trim().to_string();
        let (clause_number, title) = split_clause_number(&h.text);
        if let (Some(cn), Some(pn)) = (&clause_number, &number) {
            if !cn.starts_with(&format!("{pn}.")) {
                diags.error(
                    rel,
                    Some(pos),
                    msg!("clause-outside-its-part", clause = cn, part = pn),
                );
            }
        }
        let term = match (kind, &clause_number) {
            (PartKind::Terms, Some(cn)) => term_entry(rel, pos, cn, &title, &clause_body, diags),
            _ => None,
        };
        clauses.push(Clause {
            number: clause_number,
            title,
            level: h.level,
            body: clause_body,
            pos,
            term,
        });
    }
    // Kept without a title (that error is already reported and stops the build), so the clauses
    // it numbers are not reported as missing too.
    Some(Part {
        path: rel.to_string(),
        number,
        title: title.map(|s| s.value).unwrap_or_default(),
        title_en,
        kind,
        intro: body[..intro_end].trim().to_string(),
        clauses,
    })
}

fn term_entry(
    rel: &str,
    pos: Pos,
    number: &str,
    title: &str,
    body: &str,
    diags: &mut Diagnostics,
) -> Option<Term> {
    let (term, term_en) = split_term_title(title);
    let paragraphs = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let (notes, definition): (Vec<&str>, Vec<&str>) = paragraphs.partition(|p| is_note(p));
    if definition.is_empty() {
        diags.error(
            rel,
            Some(pos),
            msg!("term-without-definition", number = number),
        );
        return None;
    }
    Some(Term {
        number: number.to_string(),
        term,
        term_en,
        definition: definition.join("\n\n"),
        notes: notes.into_iter().map(str::to_string).collect(),
    })
}

/// A note paragraph starts `注:`, `注：` or `注1:`.
fn is_note(paragraph: &str) -> bool {
    let Some(rest) = paragraph.strip_prefix('注') else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    rest.starts_with(':') || rest.starts_with('：')
}

/// `产业园区 industrial park` → (`产业园区`, `industrial park`): the English term is the trailing
/// run of Latin text, starting with a letter.
pub fn split_term_title(title: &str) -> (String, Option<String>) {
    let latin = |c: char| c.is_ascii_alphanumeric() || " -'(),./".contains(c);
    let mut start = title.len();
    for (i, c) in title.char_indices().rev() {
        if latin(c) {
            start = i;
        } else {
            break;
        }
    }
    // The English term starts at a word that starts with a letter: `5G园区 5G park` → `park`.
    let tail = title[start..].trim();
    let english = tail
        .match_indices(' ')
        .map(|(i, _)| i + 1)
        .chain(std::iter::once(0))
        .filter(|&i| tail[i..].starts_with(|c: char| c.is_ascii_alphabetic()))
        .min()
        .map_or("", |i| &tail[i..]);
    let head = title[..title.len() - english.len()].trim();
    if english.is_empty() || head.is_empty() {
        (title.trim().to_string(), None)
    } else {
        (head.to_string(), Some(english.to_string()))
    }
}

fn is_clause_number(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `3.2 园区集成服务商` → (Some("3.2"), "园区集成服务商").
pub fn split_clause_number(heading: &str) -> (Option<String>, String) {
    let heading = heading.trim();
    match heading.split_once(char::is_whitespace) {
        Some((first, rest)) if is_clause_number(first) => {
            (Some(first.to_string()), rest.trim().to_string())
        }
        _ if is_clause_number(heading) => (Some(heading.to_string()), String::new()),
        _ => (None, heading.to_string()),
    }
}

struct Heading {
    level: u8,
    start: usize,
    end: usize,
    text: String,
}

fn headings(body: &str) -> Vec<Heading> {
    let mut found = Vec::new();
    let mut current: Option<Heading> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some(Heading {
                    level: level_number(level),
                    start: range.start,
                    end: range.end,
                    text: String::new(),
                })
            }
            Event::End(TagEnd::Heading(_)) => found.extend(current.take()),
            // Raw HTML in a heading is part of its text, shown as written (never as HTML).
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => {
                if let Some(h) = current.as_mut() {
                    h.text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    found
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Splits `---\nfront\n---\nbody`; returns the front matter, the body and the body's first line.
fn split_front_matter(text: &str) -> (Option<&str>, &str, usize) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text, 1);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + front.matches('\n').count() + 1;
            return (Some(front), body, body_line);
        }
        offset += line.len();
    }
    (None, text, 1)
}

/// Orders names with embedded numbers by value: `2-x.md` before `10-x.md`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.len() - a.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let db = b.len() - b.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let (na, nb) = (
                    a[..da].trim_start_matches('0'),
                    b[..db].trim_start_matches('0'),
                );
                let ord = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a = &a[x.len_utf8()..];
                b = &b[y.len_utf8()..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_compares_numbers_as_numbers() {
        let mut names = vec![
            "10-x.md",
            "3-terms.md",
            "00-foreword.md",
            "1-scope.md",
            "01-introduction.md",
            "2-refs.md",
            "9-y.md",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "00-foreword.md",
                "01-introduction.md",
                "1-scope.md",
                "2-refs.md",
                "3-terms.md",
                "9-y.md",
                "10-x.md"
            ]
        );
    }

    #[test]
    fn clause_numbers_come_from_headings() {
        assert_eq!(
            split_clause_number("3.2 园区集成服务商"),
            (Some("3.2".into()), "园区集成服务商".into())
        );
        assert_eq!(split_clause_number("前言"), (None, "前言".into()));
        assert_eq!(split_clause_number("3.2.a x"), (None, "3.2.a x".into()));
    }

    #[test]
    fn term_titles_split_into_chinese_and_english() {
        assert_eq!(
            split_term_title("产业园区 industrial park"),
            ("产业园区".into(), Some("industrial park".into()))
        );
        assert_eq!(
            split_term_title("客户 clients"),
            ("客户".into(), Some("clients".into()))
        );
        assert_eq!(split_term_title("园区"), ("园区".into(), None));
        assert_eq!(
            split_term_title("5G园区 5G park"),
            ("5G园区 5G".into(), Some("park".into()))
        );
    }

    #[test]
    fn parts_split_into_clauses_and_terms() {
        let text = "---\nnumber: \"3\"\ntitle: 术语和定义\nkind: terms\n---\n\n下列术语适用。\n\n## 3.1 产业园区 industrial park\n\n定义。\n\n注:说明。\n\n## 3.2 客户 clients\n\n单位。\n";
        let mut diags = Diagnostics::default();
        let part = parse_part("content/standard/3-terms.md", text, &mut diags).unwrap();
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

    #[test]
    fn clause_outside_its_part_is_an_error() {
        let text = "---\nnumber: \"1\"\ntitle: 范围\n---\n## 2.1 x\n\ny\n";
        let mut diags = Diagnostics::default();
        parse_part("content/standard/1.md", text, &mut diags).unwrap();
        assert_eq!(diags.0[0].pos, Some(Pos::new(5, 1)));
        assert_eq!(diags.0[0].message.code, "clause-outside-its-part");
        assert!(diags.0[0]
            .message
            .text(crate::messages::Lang::En)
            .contains("must start with `1.`"));
    }
}
