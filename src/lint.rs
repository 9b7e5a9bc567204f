//! The structure lint of the standard: the rules of GB/T 1.1 that can be checked mechanically,
//! as `check` warnings, each naming its rule. Numbers in sequence, every term entry defined, a
//! note only after the text it explains, references to clauses that exist, the foreword and the
//! scope present.

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::messages::Msg;
use crate::model::{is_note, Element, PartKind, Standard};
use crate::msg;
use rustc_hash::FxHashSet;

/// Whether a diagnostic comes from this lint: `build` counts these, `check` lists them.
pub fn is_lint(d: &Diagnostic) -> bool {
    d.message.code.starts_with("lint-")
}

pub fn standard(standard: &Standard, diags: &mut Diagnostics) {
    if standard.parts.is_empty() {
        return;
    }
    required_elements(standard, diags);
    numbering(standard, diags);
    terms_and_notes(standard, diags);
    references(standard, diags);
}

fn required_elements(standard: &Standard, diags: &mut Diagnostics) {
    let has = |e: Element| standard.parts.iter().any(|p| p.element == Some(e));
    for (element, code) in [
        (Element::Foreword, "lint-no-foreword"),
        (Element::Scope, "lint-no-scope"),
    ] {
        if !has(element) {
            diags.push(Diagnostic::warning(
                "content/standard",
                None,
                Msg::new(code),
            ));
        }
    }
}

/// A numbered thing of the standard, in reading order, with its place.
struct Numbered<'a> {
    number: &'a str,
    path: &'a str,
    pos: Pos,
}

fn numbered(standard: &Standard) -> Vec<Numbered<'_>> {
    let mut all = Vec::new();
    for part in &standard.parts {
        if let Some(n) = &part.number {
            all.push(Numbered {
                number: n,
                path: &part.path,
                pos: part.pos,
            });
        }
        for c in &part.clauses {
            if let Some(n) = &c.number {
                all.push(Numbered {
                    number: n,
                    path: &part.path,
                    pos: c.pos,
                });
            }
        }
    }
    all
}

/// Siblings count 1, 2, 3… (parts 0 or 1, 2…; annexes A, B…) with no gap, and every clause's
/// parent exists. Repeats are errors of the loader already.
fn numbering(standard: &Standard, diags: &mut Diagnostics) {
    let all = numbered(standard);
    let defined: FxHashSet<&str> = all.iter().map(|n| n.number).collect();
    // The last sibling seen under each parent (`""` for parts).
    let mut last: rustc_hash::FxHashMap<&str, &str> = Default::default();
    for n in &all {
        let (parent, _) = n.number.rsplit_once('.').unwrap_or(("", n.number));
        if !parent.is_empty() && !defined.contains(parent) {
            let message = msg!("lint-no-parent", number = n.number, parent = parent);
            diags.push(Diagnostic::warning(n.path, Some(n.pos), message));
        }
        // Chapters and annexes are two sequences of the same level.
        let sequence = match parent {
            "" if n.number.starts_with(|c: char| c.is_ascii_uppercase()) => "annex",
            _ => parent,
        };
        let expected = match last.get(sequence) {
            Some(prev) => next_after(prev),
            None => first_under(n.number),
        };
        let Some(expected) = expected else { continue };
        let prev = last.insert(sequence, n.number);
        if ordinal(n.number) > ordinal(&expected) {
            let message = match prev {
                Some(prev) => msg!(
                    "lint-number-gap",
                    number = n.number,
                    prev = prev,
                    missing = &expected
                ),
                None => msg!(
                    "lint-number-gap-first",
                    number = n.number,
                    missing = &expected
                ),
            };
            diags.push(Diagnostic::warning(n.path, Some(n.pos), message));
        } else if let Some(prev) = prev.filter(|_| ordinal(n.number) < ordinal(&expected)) {
            let message = msg!("lint-number-order", number = n.number, prev = prev);
            diags.push(Diagnostic::warning(n.path, Some(n.pos), message));
        }
    }
}

/// The last segment's place in its sequence: `3.2` → 2, `A` → 1, `0` → 0.
fn ordinal(number: &str) -> u32 {
    let last = number.rsplit('.').next().unwrap_or(number);
    match last.parse::<u32>() {
        Ok(n) => n,
        Err(_) => last.bytes().next().map_or(0, |b| u32::from(b - b'A') + 1),
    }
}

fn next_after(number: &str) -> Option<String> {
    let (parent, last) = match number.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, number),
    };
    let next = match last.parse::<u32>() {
        Ok(n) => (n + 1).to_string(),
        Err(_) => {
            let b = *last.as_bytes().first()?;
            char::from(b.checked_add(1).filter(u8::is_ascii_uppercase)?).to_string()
        }
    };
    Some(match parent {
        Some(p) => format!("{p}.{next}"),
        None => next,
    })
}

/// What the first of a sequence should be: `X.1`, part 0 or 1 (whichever comes), annex A.
fn first_under(number: &str) -> Option<String> {
    Some(match number.rsplit_once('.') {
        Some((parent, _)) => format!("{parent}.1"),
        None if number.starts_with(|c: char| c.is_ascii_uppercase()) => "A".into(),
        None if number == "0" => "0".into(),
        None => "1".into(),
    })
}

fn terms_and_notes(standard: &Standard, diags: &mut Diagnostics) {
    let numbers: Vec<&str> = standard.clause_numbers().collect();
    for part in &standard.parts {
        if starts_with_note(&part.intro) {
            let message = msg!("lint-note-first", place = part.title.as_str());
            diags.push(Diagnostic::warning(&part.path, Some(part.pos), message));
        }
        for c in &part.clauses {
            let label = c.number.as_deref().unwrap_or(&c.title);
            if starts_with_note(&c.body) {
                let message = msg!("lint-note-first", place = label);
                diags.push(Diagnostic::warning(&part.path, Some(c.pos), message));
            }
            let Some(n) = &c.number else { continue };
            // A numbered clause of the terms part that groups others (`3.1 一般术语` over
            // `3.1.1`) is a heading, not an entry.
            let groups = numbers.iter().any(|m| {
                m.len() > n.len() && m.starts_with(n.as_str()) && m[n.len()..].starts_with('.')
            });
            if part.kind == PartKind::Terms && c.term.is_none() && !groups {
                let message = msg!("lint-term-without-definition", number = n);
                diags.push(Diagnostic::warning(&part.path, Some(c.pos), message));
            }
        }
    }
}

fn starts_with_note(body: &str) -> bool {
    body.split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty())
        .is_some_and(is_note)
}

fn references(standard: &Standard, diags: &mut Diagnostics) {
    let defined: FxHashSet<&str> = standard.clause_numbers().collect();
    let mut check = |path: &str, pos: Pos, text: &str| {
        for (written, number) in clause_references(text) {
            if !defined.contains(number.as_str()) {
                let message = msg!(
                    "lint-reference-missing",
                    written = written,
                    number = &number
                );
                diags.push(Diagnostic::warning(path, Some(pos), message));
            }
        }
    };
    for part in &standard.parts {
        check(&part.path, part.pos, &part.intro);
        for c in &part.clauses {
            check(&part.path, c.pos, &c.body);
        }
    }
}

/// Words after which GB/T 1.1 text cites a clause by number: `见 3.2`, `按 4.1 的规定`.
/// Longer words first, so that `按照` is not read as `按`.
const CITING_WORDS: &[&str] = &[
    "按照", "依据", "根据", "符合", "参见", "参照", "满足", "见", "按", "see ",
];

/// The references to clauses in a text, as written and as a number: `第4章` (4), `附录B` (B),
/// `见 3.2` (3.2), and Markdown links to `#clause-3.2` or `#annex-B`. A chapter or annex of
/// another document (`《…》第5章`, `…的附录A`, `其附录A`) is not a reference to this one.
pub fn clause_references(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        let before = text[..i].chars().next_back();
        let of_another = matches!(before, Some('》' | '的' | '其'));
        if let Some(after) = rest.strip_prefix('第') {
            let digits = after.trim_start();
            let n = digits.len()
                - digits
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len();
            if n > 0 && digits[n..].trim_start().starts_with('章') && !of_another {
                let end = rest.len() - digits[n..].trim_start().len() + '章'.len_utf8();
                found.push((rest[..end].to_string(), digits[..n].to_string()));
            }
        } else if let Some(after) = rest.strip_prefix("附录") {
            let letter = after.trim_start();
            let mut chars = letter.chars();
            if let (Some(l @ 'A'..='Z'), next) = (chars.next(), chars.next()) {
                if !next.is_some_and(|c| c.is_ascii_alphanumeric()) && !of_another {
                    let end = rest.len() - letter.len() + 1;
                    found.push((rest[..end].to_string(), l.to_string()));
                }
            }
        } else if let Some(anchor) = rest
            .strip_prefix("#clause-")
            .or_else(|| rest.strip_prefix("#annex-"))
        {
            if let Some(number) = number_at(anchor) {
                found.push((
                    rest[..rest.len() - anchor.len() + number.len()].to_string(),
                    number,
                ));
            }
        } else if let Some(word) = CITING_WORDS.iter().find(|w| rest.starts_with(**w)) {
            let after = rest[word.len()..].trim_start();
            if let Some(number) = number_at(after).filter(|n| n.contains('.')) {
                let end = rest.len() - after.len() + number.len();
                found.push((rest[..end].to_string(), number));
            }
        }
    }
    found
}

/// A clause number at the start of `s` (`3.2`, `A.1.2`, `4`), not followed by more of a number.
fn number_at(s: &str) -> Option<String> {
    let mut end = 0;
    let bytes = s.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_uppercase) {
        end = 1;
    } else {
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
    }
    if end == 0 {
        return None;
    }
    loop {
        let digits = bytes[end..]
            .iter()
            .skip(1)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if bytes.get(end) == Some(&b'.') && digits > 0 {
            end += 1 + digits;
        } else {
            break;
        }
    }
    if bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let number = &s[..end];
    crate::model::is_clause_number(number).then(|| number.to_string())
}

#[cfg(test)]
#[path = "lint_tests.rs"]
mod tests;
