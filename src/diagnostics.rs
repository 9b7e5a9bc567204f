//! Problems found in content, each tied to a file and, where known, a line and column.
//!
//! Every stage pushes into a `Diagnostics` instead of returning at the first problem, so one run of
//! `parkbook check` reports everything a park's editor has to fix.

use crate::messages::{Lang, Msg};
use crate::msg;
use serde::Serialize;
use std::fmt;

/// A 1-based line and column (columns count characters, as editors do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Spanned<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Spanned { value, pos }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl Pos {
    pub fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }

    /// Position of a byte offset in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos::new(line, before[line_start..].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`: the code of its word in the catalogue, and of GitHub's annotation.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a value stands in its document (`services[8].provider`), and where its key is written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct KeyPath {
    pub path: String,
    pub pos: Option<Pos>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    pub pos: Option<Pos>,
    // Boxed, as most diagnostics have neither: a `Result` that carries one stays small.
    pub key: Option<Box<KeyPath>>,
    pub message: Msg,
    pub hint: Option<Box<Msg>>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, pos: Option<Pos>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            pos,
            key: None,
            message,
            hint: None,
        }
    }

    pub fn warning(path: impl Into<String>, pos: Option<Pos>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: Option<Msg>) -> Self {
        self.hint = hint.map(Box::new);
        self
    }

    /// Names the key path of the value the message is about.
    pub fn at_key(mut self, path: impl Into<String>, key_pos: Option<Pos>) -> Self {
        let path = path.into();
        if !path.is_empty() {
            self.key = Some(Box::new(KeyPath { path, pos: key_pos }));
        }
        self
    }

    /// The key path as text shows it before the message: a key at the top of its file is named
    /// by the message itself.
    pub fn shown_key_path(&self) -> Option<&str> {
        self.key
            .as_ref()
            .map(|k| k.path.as_str())
            .filter(|path| path.contains(['.', '[']))
    }

    /// `path:line:col: error: key.path: message`, and the hint on a line of its own.
    pub fn render(&self, lang: Lang) -> String {
        let severity = Msg::new(self.severity.word()).text(lang);
        let colon = lang.colon();
        let mut out = match self.pos {
            Some(p) => format!("{}:{}:{}: {severity}{colon}", self.path, p.line, p.col),
            None => format!("{}: {severity}{colon}", self.path),
        };
        if let Some(path) = self.shown_key_path() {
            out.push_str(path);
            out.push_str(colon);
        }
        out.push_str(&self.message.text(lang));
        if let Some(hint) = &self.hint {
            out.push_str("\n  ");
            out.push_str(&Msg::new("hint").text(lang));
            out.push_str(colon);
            out.push_str(&hint.text(lang));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::messages::lang()))
    }
}

/// As JSON: the stable code beside the text in the chosen language, the key path and both
/// positions (of the value, and of its key).
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let lang = crate::messages::lang();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("severity", &self.severity)?;
        map.serialize_entry("path", &self.path)?;
        if let Some(p) = self.pos {
            map.serialize_entry("line", &p.line)?;
            map.serialize_entry("col", &p.col)?;
        }
        map.serialize_entry("code", self.message.code)?;
        map.serialize_entry("message", &self.message.text(lang))?;
        if let Some(key) = &self.key {
            map.serialize_entry("key_path", &key.path)?;
            if let Some(p) = key.pos {
                map.serialize_entry("key_line", &p.line)?;
                map.serialize_entry("key_col", &p.col)?;
            }
        }
        if let Some(hint) = &self.hint {
            map.serialize_entry("hint_code", hint.code)?;
            map.serialize_entry("hint", &hint.text(lang))?;
        }
        map.end()
    }
}

/// All problems of one run, in a stable order (file, then position).
#[derive(Clone, Debug, Default, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn error(&mut self, path: &str, pos: Option<Pos>, message: Msg) {
        self.push(Diagnostic::error(path, pos, message));
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.pos, a.severity, a.message.code, &a.key).cmp(&(
                &b.path,
                b.pos,
                b.severity,
                b.message.code,
                &b.key,
            ))
        });
        self.0.dedup();
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

/// "did you mean" for a misspelt word among the allowed ones.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Msg> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| msg!("did-you-mean", word = c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_one_based_char_columns() {
        let text = "a: 1\n名称: 张江\n";
        assert_eq!(Pos::of_offset(text, 0), Pos::new(1, 1));
        let off = text.find("张").unwrap();
        assert_eq!(Pos::of_offset(text, off), Pos::new(2, 5));
    }

    #[test]
    fn rendered_as_path_line_col_in_either_language() {
        let d = Diagnostic::error(
            "parks/a.yaml",
            Some(Pos::new(3, 7)),
            msg!("unknown-key", key = "sumary").word("what", "what-park"),
        )
        .with_hint(did_you_mean("sumary", ["summary"]));
        assert_eq!(
            d.render(Lang::En),
            "parks/a.yaml:3:7: error: unknown key `sumary` in a park\n  hint: did you mean `summary`?"
        );
        assert_eq!(
            d.render(Lang::Zh),
            "parks/a.yaml:3:7: 错误：园区文件中有未知的键 `sumary`\n  提示：是否想写 `summary`？"
        );
        let d = d.at_key("services[8].provider", Some(Pos::new(3, 3)));
        assert!(d
            .render(Lang::En)
            .starts_with("parks/a.yaml:3:7: error: services[8].provider: unknown key"));
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            did_you_mean("sumary", ["summary", "name"]).unwrap(),
            msg!("did-you-mean", word = "summary")
        );
        assert!(did_you_mean("zzz", ["summary", "name"]).is_none());
    }
}
