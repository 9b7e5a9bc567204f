//! The catalogue: every message by its stable code, in Chinese and in English, read from
//! `catalogue.txt` (a data file, so that a translator edits text, not code). `{name}` is an
//! argument; a test holds both languages to the same arguments, and every code used in `src/`
//! to an entry here.

use super::Lang;
use std::sync::OnceLock;

const TEXT: &str = include_str!("catalogue.txt");

/// `(code, 中文, English)`, in the file's order.
fn entries() -> &'static [(&'static str, &'static str, &'static str)] {
    static ENTRIES: OnceLock<Vec<(&str, &str, &str)>> = OnceLock::new();
    ENTRIES.get_or_init(|| parse(TEXT))
}

/// A code on a line of its own, then its `  zh: ` and `  en: ` lines; `#` lines are comments.
/// An entry without both languages is left out (a test fails on it).
fn parse(text: &'static str) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut entries = Vec::new();
    let mut current: Option<(&str, Option<&str>, Option<&str>)> = None;
    let mut flush =
        |current: &mut Option<(&'static str, Option<&'static str>, Option<&'static str>)>| {
            if let Some((code, Some(zh), Some(en))) = current.take() {
                entries.push((code, zh, en));
            }
        };
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(zh) = line.strip_prefix("  zh: ") {
            if let Some(entry) = current.as_mut() {
                entry.1 = Some(zh);
            }
        } else if let Some(en) = line.strip_prefix("  en: ") {
            if let Some(entry) = current.as_mut() {
                entry.2 = Some(en);
            }
        } else {
            flush(&mut current);
            current = Some((line.trim(), None, None));
        }
    }
    flush(&mut current);
    entries
}

pub fn template(code: &str, lang: Lang) -> Option<&'static str> {
    // By code: `check` of a big catalogue shows thousands of messages, each of a few entries.
    type Index = rustc_hash::FxHashMap<&'static str, (&'static str, &'static str)>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        entries()
            .iter()
            .map(|&(code, zh, en)| (code, (zh, en)))
            .collect()
    });
    index.get(code).map(|&(zh, en)| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(template: &str) -> BTreeSet<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn codes_are_unique_and_both_languages_take_the_same_arguments() {
        let mut seen = BTreeSet::new();
        for (code, zh, en) in entries() {
            assert!(seen.insert(code), "`{code}` is in the catalogue twice");
            assert_eq!(placeholders(zh), placeholders(en), "`{code}`");
            assert!(!zh.is_empty() && !en.is_empty(), "`{code}`");
        }
    }

    /// Every `msg!("code"`, `Msg::new("code"` and `.word("name", "code"` in the sources names
    /// an entry.
    #[test]
    fn every_code_in_the_sources_is_in_the_catalogue() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            // Comments name codes as examples.
            let text: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let mut codes = Vec::new();
            for opener in ["msg!(\"", "Msg::new(\""] {
                codes.extend(
                    text.match_indices(opener)
                        .map(|(i, _)| &text[i + opener.len()..]),
                );
            }
            // The second string of `.word("name", "code")`.
            codes.extend(text.match_indices(".word(\"").filter_map(|(i, _)| {
                let rest = &text[i + ".word(\"".len()..];
                let (_, after) = rest.split_once('"')?;
                after.strip_prefix(", \"")
            }));
            for rest in codes {
                let code = rest.split('"').next().unwrap_or_default();
                let is_code =
                    !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
                if is_code && template(code, Lang::En).is_none() {
                    missing.push(format!("{}: {code}", entry.path().display()));
                }
            }
        }
        assert!(missing.is_empty(), "not in the catalogue: {missing:#?}");
    }

    /// A `{` is always an argument's opening: text that needs a brace says so in words.
    #[test]
    fn braces_open_arguments_only() {
        for (code, zh, en) in entries() {
            for text in [zh, en] {
                for rest in text.split('{').skip(1) {
                    let name = rest.split('}').next().unwrap_or_default();
                    assert!(
                        rest.contains('}')
                            && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                        "`{code}`: {text}"
                    );
                }
            }
        }
    }

    /// Every entry of the file has a code and both languages.
    #[test]
    fn every_entry_has_both_languages() {
        let mut codes = 0;
        let mut current = None;
        for line in TEXT.lines() {
            if line.starts_with('#') || line.trim().is_empty() || line.starts_with("  ") {
                continue;
            }
            codes += 1;
            current = Some(line);
            assert!(
                template(line.trim(), Lang::Zh).is_some()
                    && template(line.trim(), Lang::En).is_some(),
                "`{line}` lacks a language"
            );
        }
        assert_eq!(codes, entries().len(), "last: {current:?}");
    }
}
