//! Reads typed values out of a YAML node tree, reporting every problem with its position instead
//! of stopping at the first: unknown keys (with a "did you mean"), missing keys, wrong types and
//! values outside an enumeration.

use super::yaml::{Node, NodeKind};
pub use crate::diagnostics::Spanned;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Pos};
use crate::messages::Msg;
use crate::msg;

/// The file being read, where in it the reader is, and the problems found in it so far.
pub struct Reader<'d> {
    pub path: String,
    pub diags: &'d mut Diagnostics,
    /// The keys and list items the reader is inside: `services[8]` is `[("services", Some(8))]`.
    scope: Vec<(&'static str, Option<usize>)>,
    /// Where each value read through a mapping is, and where its key is: a message about a
    /// value names both. Indexed only when a message needs it, and then only what is new.
    keys: Vec<(Pos, Pos)>,
    key_of: rustc_hash::FxHashMap<Pos, Pos>,
    indexed: usize,
}

impl<'d> Reader<'d> {
    pub fn new(path: impl Into<String>, diags: &'d mut Diagnostics) -> Self {
        Reader {
            path: path.into(),
            diags,
            scope: Vec::new(),
            keys: Vec::new(),
            key_of: Default::default(),
            indexed: 0,
        }
    }

    /// The key path of `key` in the current scope; inside an item of the list `key` itself,
    /// the item's path (a value of `industries[2]` is about `industries`). Made only when a
    /// message needs it: reading keeps the scope as segments.
    pub fn key_path(&self, key: &str) -> String {
        let mut path = String::new();
        for (name, index) in &self.scope {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            if let Some(i) = index {
                path.push_str(&format!("[{i}]"));
            }
        }
        let in_own_item = matches!(self.scope.last(), Some((name, Some(_))) if *name == key);
        if !key.is_empty() && !in_own_item {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
        }
        path
    }

    /// Reads inside the value of `key`: messages name its path.
    pub fn within<T>(&mut self, key: &'static str, read: impl FnOnce(&mut Self) -> T) -> T {
        self.scope.push((key, None));
        let value = read(self);
        self.scope.pop();
        value
    }

    /// The place in its list of the item being read (0 outside a list).
    pub fn item_index(&self) -> usize {
        self.scope.last().and_then(|(_, index)| *index).unwrap_or(0)
    }

    /// Reads inside item `index` of the list `key`: messages name its path, `key[index]`.
    pub fn within_item<T>(
        &mut self,
        key: &'static str,
        index: usize,
        read: impl FnOnce(&mut Self) -> T,
    ) -> T {
        self.scope.push((key, Some(index)));
        let value = read(self);
        self.scope.pop();
        value
    }

    /// A problem with the value at `key` (a key of the current scope, or "" for the scope
    /// itself).
    pub fn report(&mut self, pos: Pos, key: &str, message: Msg, hint: Option<Msg>) {
        let path = self.key_path(key);
        for &(value, key) in &self.keys[self.indexed..] {
            self.key_of.entry(value).or_insert(key);
        }
        self.indexed = self.keys.len();
        let key_pos = self.key_of.get(&pos).copied();
        self.diags.push(
            Diagnostic::error(&self.path, Some(pos), message)
                .with_hint(hint)
                .at_key(path, key_pos),
        );
    }

    pub fn error(&mut self, pos: Pos, message: Msg) {
        self.report(pos, "", message, None);
    }

    pub fn error_hint(&mut self, pos: Pos, message: Msg, hint: Option<Msg>) {
        self.report(pos, "", message, hint);
    }

    /// Opens a mapping, reporting keys outside `allowed`. `what` is the catalogue's word for it.
    pub fn map<'n>(
        &mut self,
        node: &'n Node,
        what: &'static str,
        allowed: &[&str],
    ) -> Option<MapView<'n>> {
        let NodeKind::Map(entries) = &node.kind else {
            let message = msg!("not-a-mapping")
                .word("what", what)
                .word("found", node.describe());
            self.error(node.pos, message);
            return None;
        };
        self.keys
            .extend(entries.iter().map(|(key, value)| (value.pos, key.pos)));
        for (key, _) in entries {
            let name = key.as_scalar().unwrap_or_default();
            if !allowed.contains(&name) {
                let hint = did_you_mean(name, allowed.iter().copied()).or_else(|| {
                    Some(
                        Msg::new("keys-taken")
                            .word("what", what)
                            .list("keys", allowed),
                    )
                });
                let message = msg!("unknown-key", key = name).word("what", what);
                self.report(key.pos, name, message, hint);
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
                let message = msg!("not-text", key = key).word("found", node.describe());
                self.report(node.pos, key, message, None);
                None
            }
        }
    }

    /// Text that must not be blank.
    pub fn text(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        let s = self.string(node, key)?;
        if s.value.trim().is_empty() {
            self.report(node.pos, key, msg!("empty", key = key), None);
            return None;
        }
        Some(s)
    }

    pub fn bool(&mut self, node: &Node, key: &str) -> Option<Spanned<bool>> {
        match &node.kind {
            NodeKind::Scalar { text, plain: true } if text == "true" || text == "false" => {
                Some(Spanned::new(text == "true", node.pos))
            }
            kind => {
                // `是` and `否` are what a Chinese form asks for; YAML wants the English words.
                let written = match kind {
                    NodeKind::Scalar { text, .. } => text.trim(),
                    _ => "",
                };
                let hint = match written {
                    "是" | "对" | "有" | "真" | "yes" | "Yes" | "YES" | "True" | "TRUE" => {
                        Some(msg!("bool-means", value = written, code = "true"))
                    }
                    "否" | "不" | "无" | "没有" | "假" | "no" | "No" | "NO" | "False" | "FALSE" => {
                        Some(msg!("bool-means", value = written, code = "false"))
                    }
                    _ => None,
                };
                self.report(node.pos, key, msg!("not-bool", key = key), hint);
                None
            }
        }
    }

    pub fn count(&mut self, node: &Node, key: &str) -> Option<Spanned<u32>> {
        match node.as_scalar().map(str::parse::<u32>) {
            Some(Ok(n)) => Some(Spanned::new(n, node.pos)),
            _ => {
                self.report(node.pos, key, msg!("not-count", key = key), None);
                None
            }
        }
    }

    /// `one_of` the ids of a vocabulary, held as the vocabulary's own string. A Chinese label
    /// typed for its code is named as such.
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
        let s = self.string(node, key)?;
        let written = s.value.trim();
        let by_label = vocabulary
            .iter()
            .find(|(_, label)| *label == written)
            .or_else(|| {
                vocabulary.iter().find(|(_, label)| {
                    !written.is_empty() && (label.contains(written) || written.contains(label))
                })
            });
        let hint = match by_label {
            Some((id, label)) => Some(msg!("did-you-mean-code", code = id, label = label)),
            None => did_you_mean(&s.value, vocabulary.iter().map(|(id, _)| *id)),
        };
        let allowed = vocabulary
            .iter()
            .map(|(id, label)| format!("{id}（{label}）"));
        self.not_one_of(node.pos, key, &s.value, allowed.collect(), hint);
        None
    }

    /// One of `allowed`; the message lists them.
    pub fn one_of(&mut self, node: &Node, key: &str, allowed: &[&str]) -> Option<Spanned<String>> {
        let s = self.string(node, key)?;
        if allowed.contains(&s.value.as_str()) {
            return Some(s);
        }
        let hint = did_you_mean(&s.value, allowed.iter().copied());
        let allowed = allowed.iter().map(|a| a.to_string()).collect();
        self.not_one_of(node.pos, key, &s.value, allowed, hint);
        None
    }

    /// A value outside an enumeration, or a blank where one of it is needed; both list it.
    fn not_one_of(
        &mut self,
        pos: Pos,
        key: &str,
        value: &str,
        allowed: Vec<String>,
        hint: Option<Msg>,
    ) {
        if value.trim().is_empty() {
            let hint = Msg::new("choose-one").list("allowed", allowed);
            self.report(pos, key, msg!("empty", key = key), Some(hint));
        } else {
            let message = msg!("one-of", key = key, value = value).list("allowed", allowed);
            self.report(pos, key, message, hint);
        }
    }

    /// A list; a single value where a list is expected is an error that says how to write a list.
    pub fn list<'n>(&mut self, node: &'n Node, key: &str) -> &'n [Node] {
        match &node.kind {
            NodeKind::Seq(items) => items,
            NodeKind::Null => &[],
            _ => {
                let message = msg!("not-a-list", key = key).word("found", node.describe());
                self.report(
                    node.pos,
                    key,
                    message,
                    Some(msg!("write-a-list", key = key)),
                );
                &[]
            }
        }
    }

    /// Each item of a list read by `item`, with its key path `key[i]`.
    pub fn items<'n, T>(
        &mut self,
        node: &'n Node,
        key: &'static str,
        mut item: impl FnMut(&mut Self, &'n Node) -> Option<T>,
    ) -> Vec<T> {
        let nodes = self.list(node, key);
        // As many as the list has (items with errors stop the build anyway): no growing.
        let mut items = Vec::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            if let Some(value) = self.within_item(key, i, |r| item(r, n)) {
                items.push(value);
            }
        }
        items
    }

    pub fn strings(&mut self, node: &Node, key: &'static str) -> Vec<Spanned<String>> {
        self.items(node, key, |r, item| r.text(item, key))
    }

    /// An id as the content model defines it: lowercase letters, digits, single hyphens.
    pub fn id(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        let s = self.string(node, key)?;
        if s.value.trim().is_empty() {
            self.report(node.pos, key, msg!("empty", key = key), Some(id_hint()));
            return None;
        }
        match id_problem(&s.value) {
            None => Some(s),
            Some(problem) => {
                let message = msg!("bad-id", key = key, value = &s.value).msg("problem", problem);
                self.report(node.pos, key, message, Some(id_hint()));
                None
            }
        }
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        let s = self.string(node, key)?;
        if s.value.trim().is_empty() {
            let hint = Some(Msg::new("date-hint"));
            self.report(node.pos, key, msg!("empty", key = key), hint);
            return None;
        }
        if is_date(&s.value) {
            Some(s)
        } else {
            let message = msg!("not-a-date", key = key, value = &s.value);
            self.report(node.pos, key, message, Some(Msg::new("date-hint")));
            None
        }
    }
}

/// The hint of every message about an id.
pub fn id_hint() -> Msg {
    Msg::new("id-hint")
}

/// Why `id` is not a valid id, or `None` when it is.
pub fn id_problem(id: &str) -> Option<Msg> {
    let code = if id.is_empty() {
        "id-empty"
    } else if id.len() > 64 {
        "id-too-long"
    } else if !id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        "id-characters"
    } else if id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        "id-hyphens"
    } else {
        return None;
    };
    Some(Msg::new(code))
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
    what: &'static str,
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
            let message = msg!("missing-key", key = key).word("what", self.what);
            r.error(self.node.pos, message);
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
    use crate::messages::Lang;

    fn read(text: &str, with: impl FnOnce(&mut Reader, &Node)) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::default();
        let node = yaml::parse(text).unwrap();
        with(&mut Reader::new("parks/a.yaml", &mut diags), &node);
        diags.0
    }

    #[test]
    fn unknown_keys_get_a_hint() {
        let diags = read("name: a\nsumary: b\n", |r, node| {
            r.map(node, "what-park", &["name", "summary"]).unwrap();
        });
        let d = &diags[0];
        assert_eq!(d.pos, Some(Pos::new(2, 1)));
        assert_eq!(d.message.text(Lang::En), "unknown key `sumary` in a park");
        assert_eq!(d.message.code, "unknown-key");
        assert_eq!(
            d.hint.as_ref().unwrap().text(Lang::En),
            "did you mean `summary`?"
        );
    }

    #[test]
    fn enumerations_list_allowed_values() {
        let diags = read("nation", |r, node| {
            r.one_of(node, "level", &["national", "municipal"]);
        });
        let d = &diags[0];
        assert_eq!(
            d.message.text(Lang::En),
            "`level` is `nation`, which is not one of: national, municipal"
        );
        assert_eq!(
            d.hint.as_ref().unwrap().text(Lang::En),
            "did you mean `national`?"
        );
    }

    #[test]
    fn a_chinese_label_typed_for_a_code_is_named() {
        let diags = read("status: 符合", |r, node| {
            let m = r.map(node, "what-park", &["status"]).unwrap();
            r.one_of_vocab(m.get("status").unwrap(), "status", crate::vocab::STATUSES);
        });
        let d = &diags[0];
        assert_eq!(d.pos, Some(Pos::new(1, 9)));
        assert_eq!(d.key.as_ref().unwrap().path, "status");
        let hint = d.hint.as_ref().unwrap();
        assert_eq!(hint.text(Lang::En), "did you mean `met`（符合）?");
        assert_eq!(hint.text(Lang::Zh), "是否想写 `met`（符合）？");
        assert!(d.message.text(Lang::En).ends_with(
            "met（符合）, partial（部分符合）, unmet（不符合）, not-applicable（不适用）"
        ));
    }

    #[test]
    fn yes_and_no_in_chinese_for_a_boolean() {
        for (text, code) in [("是", "true"), ("否", "false")] {
            let diags = read(&format!("legal_entity: {text}"), |r, node| {
                let m = r.map(node, "what-park", &["legal_entity"]).unwrap();
                r.bool(m.get("legal_entity").unwrap(), "legal_entity");
            });
            let d = &diags[0];
            assert_eq!(d.pos, Some(Pos::new(1, 15)));
            assert_eq!(
                d.message.text(Lang::En),
                "`legal_entity` must be `true` or `false`"
            );
            assert_eq!(
                d.hint.as_ref().unwrap().text(Lang::En),
                format!("YAML writes `{text}` as `{code}`")
            );
            assert_eq!(
                d.message.text(Lang::Zh),
                "`legal_entity` 只能是 `true` 或 `false`"
            );
            assert_eq!(
                d.hint.as_ref().unwrap().text(Lang::Zh),
                format!("YAML 中 `{text}` 应写作 `{code}`")
            );
        }
    }

    #[test]
    fn key_paths_name_list_items() {
        let diags = read("services:\n  - name: a\n  - name: ''\n", |r, node| {
            let m = r.map(node, "what-park", &["services"]).unwrap();
            r.items(m.get("services").unwrap(), "services", |r, n| {
                let m = r.map(n, "what-service", &["name"])?;
                r.text(m.get("name")?, "name")
            });
        });
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].key.as_ref().unwrap().path, "services[1].name");
        let diags = read("industries: [a, '']", |r, node| {
            let m = r.map(node, "what-park", &["industries"]).unwrap();
            r.strings(m.get("industries").unwrap(), "industries");
        });
        assert_eq!(diags[0].key.as_ref().unwrap().path, "industries[1]");
        assert_eq!(diags[0].message.text(Lang::En), "`industries` is empty");
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
