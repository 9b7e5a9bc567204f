//! One part file of the standard. Its number and title come from its front matter, from its own
//! heading (the first heading, before any text: `# 1 范围`, `## 1　范围`, `# 第1章 范围`,
//! `# 附录A（规范性）标题`, `# 前言`), or from both when they agree. The headings after it are
//! its clauses; in the terms part each numbered clause is also a term entry.

use super::numbering::{element_of, is_clause_number, read_heading, Numbered};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos, Spanned};
use crate::load::parse_yaml;
use crate::load::reader::Reader;
use crate::messages::Msg;
use crate::model::{is_note, split_term_title, AnnexStatus, Clause, Element, Part, PartKind, Term};
use crate::msg;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const FRONT_MATTER_KEYS: &[&str] = &["number", "title", "title_en", "kind", "annex"];

/// What the front matter gives, each value with its place.
#[derive(Default)]
struct Given {
    number: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    title_en: Option<String>,
    kind: Option<PartKind>,
    annex: Option<AnnexStatus>,
}

/// Parses one part file: optional front matter, then Markdown split at its headings.
pub fn parse_part(rel: &str, text: &str, diags: &mut Diagnostics) -> Option<Part> {
    let (front, body, body_line) = split_front_matter(text);
    let given = match front {
        Some(front) => front_matter(rel, front, diags)?,
        None if text.starts_with("---\n") || text.starts_with("---\r\n") => {
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
        None => Given::default(),
    };
    let at = |offset: usize| Pos::new(Pos::of_offset(body, offset).line + body_line - 1, 1);
    let headings = headings(body);
    let own = headings
        .first()
        .filter(|h| body[..h.start].trim().is_empty())
        .map(|h| (h, read_heading(&h.text)))
        .filter(|(h, n)| is_own_heading(h, n, &given));
    let own_pos = own.as_ref().map(|(h, _)| at(h.start));

    let heading = own.as_ref().map(|(_, n)| n);
    let number = agreed(
        rel,
        given.number.as_ref(),
        heading.and_then(|n| n.number.clone()),
        |a, b| a == b,
        "part-number-contradiction",
        own_pos,
        diags,
    );
    let title = agreed(
        rel,
        given.title.as_ref(),
        heading.map(|n| n.title.clone()).filter(|t| !t.is_empty()),
        same_words,
        "part-title-contradiction",
        own_pos,
        diags,
    );
    if let (Some((_, own)), Some(pos)) = (&own, own_pos) {
        warn_if_written_oddly(rel, pos, own, diags);
    }
    // Kept without a title (that error stops the build), and numbered as its first clause
    // implies, so that the clauses and the part are not reported missing too.
    let number = number.or_else(|| match title {
        Some(_) => None,
        None => clause_part_number(&headings),
    });
    let title = title.unwrap_or_else(|| {
        diags.push(
            Diagnostic::error(rel, Some(Pos::new(1, 1)), Msg::new("part-without-title"))
                .with_hint(Some(Msg::new("part-without-title-hint"))),
        );
        String::new()
    });
    let element = match &own {
        Some((_, n)) if n.annex.is_some() => Some(Element::Annex),
        _ if number
            .as_deref()
            .is_some_and(|n| n.starts_with(char::is_alphabetic)) =>
        {
            Some(Element::Annex)
        }
        _ => element_of(&title),
    };
    // Front matter has always meant `kind: text` unless it says otherwise; a part written
    // without front matter is a terms part when its title says so.
    let kind = given.kind.unwrap_or(match (front, element) {
        (None, Some(Element::Terms)) => PartKind::Terms,
        _ => PartKind::Text,
    });
    let annex = own
        .as_ref()
        .and_then(|(_, n)| n.annex.flatten())
        .or(given.annex);

    let own_level = own.as_ref().map_or(1, |(h, _)| h.level);
    let clause_headings = &headings[usize::from(own.is_some())..];
    let body_start = own.as_ref().map_or(0, |(h, _)| h.end);
    let intro_end = clause_headings.first().map_or(body.len(), |h| h.start);
    let mut clauses = Vec::new();
    for (i, h) in clause_headings.iter().enumerate() {
        let pos = at(h.start);
        if h.level == 1 {
            diags.push(
                Diagnostic::error(rel, Some(pos), Msg::new("heading-in-part"))
                    .with_hint(Some(Msg::new("heading-in-part-hint"))),
            );
            continue;
        }
        let section_end = clause_headings
            .get(i + 1)
            .map_or(body.len(), |next| next.start);
        let clause_body = body[h.end..section_end].trim().to_string();
        let read = read_heading(&h.text);
        warn_if_written_oddly(rel, pos, &read, diags);
        if let (Some(cn), Some(pn)) = (&read.number, &number) {
            if !cn.starts_with(&format!("{pn}.")) {
                diags.error(
                    rel,
                    Some(pos),
                    msg!("clause-outside-its-part", clause = cn, part = pn),
                );
            }
        }
        let term = match (kind, &read.number) {
            (PartKind::Terms, Some(cn)) => term_entry(cn, &read.title, &clause_body),
            _ => None,
        };
        let level = match &read.number {
            Some(n) => n.matches('.').count() as u8 + 1,
            None => h.level.saturating_sub(own_level.saturating_sub(1)),
        };
        clauses.push(Clause {
            number: read.number,
            title: read.title,
            level: level.clamp(2, 6),
            body: clause_body,
            pos,
            term,
        });
    }
    Some(Part {
        path: rel.to_string(),
        pos: own_pos
            .or(given.title.as_ref().map(|t| t.pos))
            .unwrap_or(Pos::new(1, 1)),
        number,
        title,
        title_en: given.title_en,
        kind,
        element,
        annex,
        intro: body[body_start..intro_end.max(body_start)]
            .trim()
            .to_string(),
        clauses,
    })
}

fn clause_part_number(headings: &[Heading]) -> Option<String> {
    let first = headings.iter().find_map(|h| read_heading(&h.text).number)?;
    first.split_once('.').map(|(part, _)| part.to_string())
}

/// The first heading is the part's own when it is a `#` heading, carries a part's number
/// (`1 范围`, `附录A`), or is unnumbered and the front matter gives no other title.
fn is_own_heading(h: &Heading, read: &Numbered, given: &Given) -> bool {
    h.level == 1
        || read.is_part_level()
        || (read.number.is_none()
            && given
                .title
                .as_ref()
                .is_none_or(|t| same_words(&t.value, &read.title)))
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

fn front_matter(rel: &str, front: &str, diags: &mut Diagnostics) -> Option<Given> {
    let node = parse_yaml(front, rel, Pos::new(2, 1), diags)?;
    let r = &mut Reader::new(rel, diags);
    let m = r.map(&node, "what-front-matter", FRONT_MATTER_KEYS)?;
    let number = m.get("number").and_then(|n| r.text(n, "number"));
    let number = number.filter(|n| {
        let ok = is_clause_number(&n.value) && !n.value.contains('.');
        if !ok {
            let message = msg!("not-a-clause-number", value = &n.value);
            r.report(n.pos, "number", message, None);
        }
        ok
    });
    let kind = m
        .get("kind")
        .and_then(|n| r.one_of(n, "kind", &["text", "terms"]))
        .map(|k| match k.value.as_str() {
            "terms" => PartKind::Terms,
            _ => PartKind::Text,
        });
    let annex = m
        .get("annex")
        .and_then(|n| r.one_of(n, "annex", &["normative", "informative"]))
        .map(|k| match k.value.as_str() {
            "normative" => AnnexStatus::Normative,
            _ => AnnexStatus::Informative,
        });
    Some(Given {
        number,
        title: m.get("title").and_then(|n| r.text(n, "title")),
        title_en: m
            .get("title_en")
            .and_then(|n| r.text(n, "title_en"))
            .map(|s| s.value),
        kind,
        annex,
    })
}

/// A value the front matter and the part's heading may both give; when both do, they must
/// agree (`same`), else `code` names the heading's value and the front matter's line.
fn agreed(
    rel: &str,
    given: Option<&Spanned<String>>,
    from_heading: Option<String>,
    same: fn(&str, &str) -> bool,
    code: &'static str,
    own_pos: Option<Pos>,
    diags: &mut Diagnostics,
) -> Option<String> {
    match (given, from_heading) {
        (Some(g), Some(h)) if !same(&g.value, &h) => {
            let message = Msg::new(code)
                .arg("heading", &h)
                .arg("front", &g.value)
                .arg("line", g.pos.line);
            diags.error(rel, own_pos, message);
            Some(g.value.clone())
        }
        (Some(g), _) => Some(g.value.clone()),
        (None, h) => h,
    }
}

/// `４．１` and `4.1．` are read as `4.1`, and named, so that the published text is numbered as
/// GB/T 1.1 numbers it.
fn warn_if_written_oddly(rel: &str, pos: Pos, read: &Numbered, diags: &mut Diagnostics) {
    if let (Some(written), Some(number)) = (&read.written, &read.number) {
        diags.push(
            Diagnostic::warning(
                rel,
                Some(pos),
                msg!("lint-number-form", written = written, number = number),
            )
            .with_hint(Some(Msg::new("lint-number-form-hint"))),
        );
    }
}

/// A term entry: definition paragraphs and notes. Without a definition it is kept as a plain
/// clause, and the structure lint names it.
fn term_entry(number: &str, title: &str, body: &str) -> Option<Term> {
    let (term, term_en) = split_term_title(title);
    let paragraphs = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let (notes, definition): (Vec<&str>, Vec<&str>) = paragraphs.partition(|p| is_note(p));
    if definition.is_empty() {
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
                    level: level as u8,
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

#[cfg(test)]
#[path = "part_tests.rs"]
mod tests;
