//! `standard/*.md`: the standard's parts, read in natural order of their names. Clause numbers are
//! parsed from headings (`## 3.2 园区集成服务商`); in the terms part each numbered subclause is
//! also a term entry: `## N 中文术语 English term`, definition paragraphs, `注:` notes.

mod numbering;
mod part;

pub use part::parse_part;

use super::{read_text, Expected};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::messages::Msg;
use crate::model::{Part, Standard};
use crate::msg;
use std::cmp::Ordering;
use std::path::Path;

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

/// A number given twice is named at both places: `file:line` of the first in the message, the
/// second as the diagnostic's position.
fn check_unique_numbers(parts: &mut [Part], diags: &mut Diagnostics) {
    let mut seen: std::collections::HashMap<&str, String> = Default::default();
    let place = |path: &str, pos: Pos| format!("{path}:{}", pos.line);
    for part in parts.iter() {
        if let Some(n) = &part.number {
            let here = place(&part.path, part.pos);
            if let Some(first) = seen.insert(n, here) {
                diags.error(
                    &part.path,
                    Some(part.pos),
                    msg!("part-number-twice", number = n, first = first),
                );
            }
        }
        for clause in &part.clauses {
            if let Some(n) = &clause.number {
                if let Some(first) = seen.insert(n, place(&part.path, clause.pos)) {
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
}
