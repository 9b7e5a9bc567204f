//! Reads typed values out of a YAML node tree, reporting every problem with its position instead
//! of stopping at the first: unknown keys (with a "did you mean"), missing keys, wrong types and
//! values outside an enumeration.

use super::yaml::{Node, NodeKind};
pub use crate::diagnostics::Spanned;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Pos};

/// The file being read and the problems found in it so far.
pub struct Reader<'d> {
    pub path: String,
    pub diags: &'d mut Diagnostics,
}

impl<'d> Reader<'d> {
    pub fn new(path: impl Into<String>, diags: &'d mut Diagnostics) -> Self {
        Reader {
            path: path.into(),
            diags,
        }
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(&self.path, Some(pos), message));
    }

    pub fn error_hint(&mut self, pos: Pos, message: impl Into<String>, hint: Option<String>) {
        self.diags
            .push(Diagnostic::error(&self.path, Some(pos), message).with_hint(hint));
    }

    /// Opens a mapping, reporting keys outside `allowed`. `what` names it in messages.
    pub fn map<'n>(
        &mut self,
        node: &'n Node,
        what: &'n str,
        allowed: &[&str],
    ) -> Option<MapView<'n>> {
        let NodeKind::Map(entries) = &node.kind else {
            self.error(
                node.pos,
                format!(
                    "{what} must be a mapping of `key: value` lines, not {}",
                    node.describe()
                ),
            );
            return None;
        };
        for (key, _) in entries {
            let name = key.as_scalar().unwrap_or_default();
            if !allowed.contains(&name) {
                let hint = did_you_mean(name, allowed.iter().copied())
                    .or_else(|| Some(format!("{what} takes: {}", allowed.join(", "))));
                self.error_hint(key.pos, format!("unknown key `{name}` in {what}"), hint);
            }
        }
        Some(MapView {
            node,
            entries,
            what,
        })
    }

    pub fn string(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        match &node.kind {
            NodeKind::Scalar { text, .. } => Some(Spanned::new(text.clone(), node.pos)),
            _ => {
                self.error(
                    node.pos,
                    format!("`{key}` must be text, not {}", node.describe()),
                );
                None
            }
        }
    }

    /// Text that must not be blank.
    pub fn text(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        let s = self.string(node, key)?;
        if s.value.trim().is_empty() {
            self.error(node.pos, format!("`{key}` is empty"));
            return None;
        }
        Some(s)
    }

    pub fn bool(&mut self, node: &Node, key: &str) -> Option<Spanned<bool>> {
        match &node.kind {
            NodeKind::Scalar { text, plain: true } if text == "true" || text == "false" => {
                Some(Spanned::new(text == "true", node.pos))
            }
            _ => {
                self.error(node.pos, format!("`{key}` must be `true` or `false`"));
                None
            }
        }
    }

    pub fn count(&mut self, node: &Node, key: &str) -> Option<Spanned<u32>> {
        match node.as_scalar().map(str::parse::<u32>) {
            Some(Ok(n)) => Some(Spanned::new(n, node.pos)),
            _ => {
                self.error(
                    node.pos,
                    format!("`{key}` must be a whole number (0 or more)"),
                );
                None
            }
        }
    }

    /// `one_of` the ids of a vocabulary, held as the vocabulary's own string.
    pub fn one_of_vocab(
        &mut self,
        node: &Node,
        key: &str,
        vocabulary: crate::vocab::Vocabulary,
    ) -> Option<Spanned<&'static str>> {
        if let NodeKind::Scalar { text, .. } = &node.kind {
            if let Some((id, _)) = vocabulary.iter().find(|(id, _)| id == text) {
                // The vocabulary's own string: a big catalogue's services and providers share
                // a few values instead of each holding a copy.
                return Some(Spanned::new(*id, node.pos));
            }
        }
        // Not one of them: reported, with the values allowed.
        self.one_of(node, key, &crate::vocab::ids(vocabulary))
            .and_then(|s| vocabulary.iter().find(|(id, _)| *id == s.value))
            .map(|(id, _)| Spanned::new(*id, node.pos))
    }

    /// One of `allowed`; the message lists them.
    pub fn one_of(&mut self, node: &Node, key: &str, allowed: &[&str]) -> Option<Spanned<String>> {
        let s = self.string(node, key)?;
        if allowed.contains(&s.value.as_str()) {
            return Some(s);
        }
        let hint = did_you_mean(&s.value, allowed.iter().copied());
        self.error_hint(
            node.pos,
            format!(
                "`{key}` is `{}`, which is not one of: {}",
                s.value,
                allowed.join(", ")
            ),
            hint,
        );
        None
    }

    /// A list; a single value where a list is expected is an error that says how to write a list.
    pub fn list<'n>(&mut self, node: &'n Node, key: &str) -> &'n [Node] {
        match &node.kind {
            NodeKind::Seq(items) => items,
            NodeKind::Null => &[],
            _ => {
                self.error_hint(
                    node.pos,
                    format!("`{key}` must be a list, not {}", node.describe()),
                    Some(format!("write `{key}: [a, b]` or one `- item` per line")),
                );
                &[]
            }
        }
    }

    pub fn strings(&mut self, node: &Node, key: &str) -> Vec<Spanned<String>> {
        let nodes = self.list(node, key);
        let mut items = Vec::with_capacity(nodes.len());
        items.extend(nodes.iter().filter_map(|item| self.text(item, key)));
        items
    }

    /// An id as the content model defines it: lowercase letters, digits, single hyphens.
    pub fn id(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        let s = self.string(node, key)?;
        match id_problem(&s.value) {
            None => Some(s),
            Some(problem) => {
                self.error_hint(
                    node.pos,
                    format!("`{key}` `{}` is not a valid id: {problem}", s.value),
                    Some(ID_HINT.into()),
                );
                None
            }
        }
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        let s = self.string(node, key)?;
        if is_date(&s.value) {
            Some(s)
        } else {
            self.error_hint(
                node.pos,
                format!("`{key}` `{}` is not a date", s.value),
                Some("write dates as YYYY-MM-DD, e.g. 2026-06-30".into()),
            );
            None
        }
    }
}

pub const ID_HINT: &str =
    "ids use lowercase letters a-z, digits and single hyphens, e.g. `zhangjiang-science-city`";

/// Why `id` is not a valid id, or `None` when it is.
pub fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("it is empty")
    } else if id.len() > 64 {
        Some("it is longer than 64 characters")
    } else if !id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Some("only a-z, 0-9 and `-` are allowed")
    } else if id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        Some("hyphens go only between letters or digits")
    } else {
        None
    }
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return false;
    }
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let Some([y, m, d]) = nums.as_deref().map(|n| [n[0], n[1], n[2]]) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A mapping whose unknown keys were already reported.
pub struct MapView<'n> {
    pub node: &'n Node,
    entries: &'n [(Node, Node)],
    what: &'n str,
}

impl<'n> MapView<'n> {
    /// The value of `key`, treating an explicit `null` like an absent key.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.as_scalar() == Some(key))
            .map(|(_, v)| v)
            .filter(|v| v.kind != NodeKind::Null)
    }

    /// The value of a key that must be there.
    pub fn require(&self, r: &mut Reader, key: &str) -> Option<&'n Node> {
        let value = self.get(key);
        if value.is_none() {
            r.error(self.node.pos, format!("{} has no `{key}`", self.what));
        }
        value
    }

    pub fn pos(&self) -> Pos {
        self.node.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    #[test]
    fn unknown_keys_get_a_hint() {
        let mut diags = Diagnostics::default();
        let node = yaml::parse("name: a\nsumary: b\n").unwrap();
        let mut r = Reader::new("parks/a.yaml", &mut diags);
        r.map(&node, "a park", &["name", "summary"]).unwrap();
        let d = &diags.0[0];
        assert_eq!(d.pos, Some(Pos::new(2, 1)));
        assert_eq!(d.message, "unknown key `sumary` in a park");
        assert_eq!(d.hint.as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn enumerations_list_allowed_values() {
        let mut diags = Diagnostics::default();
        let node = yaml::parse("nation").unwrap();
        Reader::new("f", &mut diags).one_of(&node, "level", &["national", "municipal"]);
        assert!(diags.0[0]
            .message
            .contains("not one of: national, municipal"));
        assert_eq!(diags.0[0].hint.as_deref(), Some("did you mean `national`?"));
    }

    #[test]
    fn ids_and_dates() {
        assert!(id_problem("zhang-jiang2").is_none());
        assert!(id_problem("Zhang").is_some());
        assert!(id_problem("a--b").is_some());
        assert!(id_problem("../etc").is_some());
        assert!(id_problem(&"a".repeat(65)).is_some());
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("26-1-1"));
    }
}
