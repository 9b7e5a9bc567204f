//! The catalogue: every message by its stable code, in Chinese and in English. `{name}` is an
//! argument; a test holds both languages to the same arguments, and every code used in `src/`
//! to an entry here.

use super::Lang;

/// `(code, 中文, English)`, grouped by where the messages are used.
const MESSAGES: &[(&str, &str, &str)] = &[
    // Words that messages put in.
    ("error", "错误", "error"),
    ("warning", "警告", "warning"),
    ("hint", "提示", "hint"),
    ("what-park", "园区文件", "a park"),
    // Reading values.
    (
        "unknown-key",
        "{what}中有未知的键 `{key}`",
        "unknown key `{key}` in {what}",
    ),
    (
        "one-of",
        "`{key}` 的值 `{value}` 不在可选值之中：{allowed}",
        "`{key}` is `{value}`, which is not one of: {allowed}",
    ),
];

pub fn template(code: &str, lang: Lang) -> Option<&'static str> {
    MESSAGES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
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
        for (code, zh, en) in MESSAGES {
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
                let rest = &text[i..];
                rest.splitn(4, '"').nth(3)
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
}
