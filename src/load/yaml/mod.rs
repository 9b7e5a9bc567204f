//! The one place that parses YAML: text → a tree of nodes that remember where they stood.
//!
//! Positions on every node let later stages point at the exact value that is wrong (a broken
//! reference, a misspelt key). Anchors and aliases are expanded under a node budget and the tree
//! depth is bounded, so a crafted file cannot exhaust memory or the stack.

use crate::diagnostics::Pos;
use crate::messages::Msg;
use crate::msg;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashMap;

/// Deepest nesting of mappings and sequences accepted in one file.
pub const MAX_DEPTH: usize = 64;
/// Most nodes one file may expand to, aliases included.
pub const MAX_NODES: usize = 200_000;

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    /// A scalar's text; `plain` is false for quoted and block scalars, which are always strings.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub pos: Pos,
}

impl Node {
    /// The catalogue's word for what the node is.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "found-nothing",
            NodeKind::Scalar { .. } => "found-value",
            NodeKind::Seq(_) => "found-list",
            NodeKind::Map(_) => "found-mapping",
        }
    }

    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Count of nodes in this subtree, for the alias budget.
    fn size(&self) -> usize {
        match &self.kind {
            NodeKind::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            NodeKind::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.size() + v.size())
                    .sum::<usize>()
            }
            _ => 1,
        }
    }
}

#[derive(Debug, PartialEq)]
pub struct YamlError {
    pub pos: Pos,
    pub message: Msg,
    pub hint: Option<Msg>,
}

impl YamlError {
    fn new(pos: Pos, message: Msg) -> YamlError {
        YamlError {
            pos,
            message,
            hint: None,
        }
    }
}

/// A content file's YAML: its tree when it parsed, its errors (slips of the keyboard first,
/// else the parser's), and its warnings.
pub struct Parsed {
    pub node: Option<Node>,
    pub errors: Vec<YamlError>,
    pub warnings: Vec<YamlError>,
}

/// Parses a content file. When the parser fails, the slips of a Chinese keyboard are looked for
/// and named where they are, instead of the parser's message about the structure they broke,
/// often a line later; else a line that does not line up with its siblings, else the parser's
/// message. A file that parses is scanned only if it holds what a slip may hide in valid YAML
/// (a ` #` that cuts a value, a full-width comma in a one-line list, a full-width bracket, dash
/// or space); the others show as errors in its values, and then `slips::find` names them too.
pub fn parse_file(text: &str) -> Parsed {
    let parsed = parse(text);
    if parsed.is_ok() && !slips::may_hide(text) {
        return Parsed {
            node: parsed.ok(),
            errors: Vec::new(),
            warnings: Vec::new(),
        };
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = slips::find(text).into_iter().partition(|s| s.fatal);
    let warnings = warnings.into_iter().map(|s| s.error).collect();
    if !errors.is_empty() {
        return Parsed {
            node: None,
            errors: errors.into_iter().map(|s| s.error).collect(),
            warnings,
        };
    }
    match parsed {
        Ok(node) => Parsed {
            node: Some(node),
            errors: Vec::new(),
            warnings,
        },
        Err(e) => Parsed {
            node: None,
            errors: vec![slips::misaligned(text, e.pos.line).unwrap_or(e)],
            warnings,
        },
    }
}

fn pos_of(span: &Span) -> Pos {
    Pos::new(span.start.line(), span.start.col() + 1)
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
}

// The fast reader of plain YAML, tried first.
mod fast_yaml;
pub mod slips;

/// Parses one YAML document. An empty document is `Null`.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    // Content files are nearly always in the subset that the fast reader takes (to the very same
    // tree); anything else, errors included, goes through saphyr-parser.
    match fast_yaml::parse(text) {
        Some(node) => Ok(node),
        None => parse_with_saphyr(text),
    }
}

/// Parses one YAML document with saphyr-parser, whatever it holds.
pub(crate) fn parse_with_saphyr(text: &str) -> Result<Node, YamlError> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let mut nodes = 0usize;
    // Some events at the very end (an empty `? ` key) point past the last line, as the
    // scanner's errors there do.
    let end = end_of(text);

    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| scan_error(text, &e))?;
        let pos = pos_of(&span).min(end);
        let (node, anchor) = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError::new(pos, Msg::new("yaml-second-document")));
                }
                continue;
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag)
                if tag.is_some() =>
            {
                let _ = anchor;
                return Err(YamlError::new(pos, Msg::new("yaml-tag")));
            }
            Event::SequenceStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(pos));
                }
                stack.push(Frame::Seq {
                    pos,
                    anchor,
                    items: Vec::new(),
                });
                continue;
            }
            Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(pos));
                }
                stack.push(Frame::Map {
                    pos,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq { pos, anchor, items }) => (
                    Node {
                        kind: NodeKind::Seq(items),
                        pos,
                    },
                    anchor,
                ),
                Some(Frame::Map {
                    pos,
                    anchor,
                    entries,
                    ..
                }) => (
                    Node {
                        kind: NodeKind::Map(entries),
                        pos,
                    },
                    anchor,
                ),
                None => continue,
            },
            Event::Scalar(value, style, anchor, tag) => {
                if let Some(tag) = tag {
                    // `!!str` and the like only restate what the value is; `!!python/object`,
                    // `!!binary` or `!custom` ask for something this reader does not do.
                    if !tag.is_yaml_core_schema()
                        || !CORE_SCALAR_TAGS.contains(&tag.suffix.as_str())
                    {
                        return Err(YamlError::new(pos, Msg::new("yaml-tag")));
                    }
                }
                let plain = style == ScalarStyle::Plain;
                let kind = if plain && matches!(value.as_ref(), "" | "~" | "null" | "Null" | "NULL")
                {
                    NodeKind::Null
                } else {
                    NodeKind::Scalar {
                        text: value.into_owned(),
                        plain,
                    }
                };
                (Node { kind, pos }, anchor)
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(target) => {
                    nodes += target.size();
                    if nodes > MAX_NODES {
                        return Err(too_big(pos));
                    }
                    let mut copy = target.clone();
                    copy.pos = pos;
                    (copy, 0)
                }
                None => return Err(YamlError::new(pos, Msg::new("yaml-unknown-anchor"))),
            },
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(too_big(pos));
        }
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        attach(&mut stack, &mut root, node)?;
    }
    Ok(root.unwrap_or(Node {
        kind: NodeKind::Null,
        pos: Pos::new(1, 1),
    }))
}

fn attach(stack: &mut [Frame], root: &mut Option<Node>, node: Node) -> Result<(), YamlError> {
    match stack.last_mut() {
        None => *root = Some(node),
        Some(Frame::Seq { items, .. }) => items.push(node),
        Some(Frame::Map { entries, key, .. }) => match key.take() {
            None => {
                if !matches!(node.kind, NodeKind::Scalar { .. }) {
                    let message = Msg::new("yaml-complex-key").word("found", node.describe());
                    return Err(YamlError::new(node.pos, message));
                }
                if let Some((first, _)) = entries
                    .iter()
                    .find(|(k, _)| k.as_scalar() == node.as_scalar())
                {
                    let message = msg!(
                        "yaml-duplicate-key",
                        key = node.as_scalar().unwrap_or_default(),
                        line = first.pos.line
                    );
                    return Err(YamlError::new(node.pos, message));
                }
                *key = Some(node);
            }
            Some(k) => entries.push((k, node)),
        },
    }
    Ok(())
}

/// Core-schema tags of scalars that are accepted (and ignored: every scalar is read as text).
const CORE_SCALAR_TAGS: &[&str] = &["str", "int", "float", "bool", "null"];

/// A scanner error, with its position moved to where the problem is when the scanner points
/// elsewhere (a tab used as indentation is reported at the start of the scalar before it).
fn scan_error(text: &str, e: &saphyr_parser::ScanError) -> YamlError {
    // At the end of a text without a final line break, the scanner points at the line after the
    // last, which no editor shows: such an error is at the end of the text.
    let pos = Pos::new(e.marker().line(), e.marker().col() + 1).min(end_of(text));
    let info = e.info();
    // The scanner's own bound on flow nesting (`[[[[…`), deeper than `MAX_DEPTH` but met first
    // because the scanner reads a flow collection ahead of the events.
    if info == "recursion limit exceeded" {
        return too_deep(pos);
    }
    let pos = if info.contains("tab") {
        indentation_tab(text, pos.line).unwrap_or(pos)
    } else {
        pos
    };
    YamlError::new(pos, syntax_message(info))
}

/// The parser's message in words a park's editor knows, where it is one of the common ones;
/// the parser's own words otherwise.
fn syntax_message(info: &str) -> Msg {
    let code = match info {
        "mapping values are not allowed in this context" => "yaml-colon-in-value",
        "simple key expect ':'" | "simple key expected" => "yaml-expected-colon",
        "while parsing a block mapping, did not find expected key" => "yaml-expected-key",
        "while parsing a block collection, did not find expected '-' indicator" => {
            "yaml-expected-dash"
        }
        "while parsing a flow sequence, expected ',' or ']'" => "yaml-unclosed-list",
        "while parsing a node, did not find expected node content" => "yaml-missing-value",
        "while parsing a flow mapping, did not find expected ',' or '}'" => "yaml-unclosed-map",
        "while scanning a quoted scalar, found unexpected end of stream"
        | "invalid indentation in quoted scalar" => "yaml-unclosed-quote",
        _ if info.contains("tab") => "yaml-tab",
        _ if info.starts_with("unexpected character") || info.contains("cannot start") => {
            "yaml-bad-start"
        }
        _ => "yaml-syntax",
    };
    Msg::new(code).arg("info", info)
}

/// The position just after the last character of `text` (`\n`, `\r\n` and a lone `\r` each
/// end a line, as in YAML).
fn end_of(text: &str) -> Pos {
    let (mut line, mut col) = (1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => (line, col) = (line + 1, 1),
            _ => col += 1,
        }
    }
    Pos::new(line, col)
}

/// The first tab in the indentation of a line with content, from line `from` on.
fn indentation_tab(text: &str, from: usize) -> Option<Pos> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, line)| {
            let content = line.trim_start_matches([' ', '\t']);
            let indent = &line[..line.len() - content.len()];
            let tab = indent.find('\t')?;
            (!content.is_empty()).then(|| Pos::new(i + 1, tab + 1))
        })
}

fn too_deep(pos: Pos) -> YamlError {
    YamlError::new(pos, msg!("yaml-too-deep", max = MAX_DEPTH))
}

fn too_big(pos: Pos) -> YamlError {
    YamlError::new(pos, msg!("yaml-too-big", max = MAX_NODES))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    fn text(e: &YamlError) -> String {
        e.message.text(Lang::En)
    }

    fn scalar(node: &Node) -> &str {
        node.as_scalar().unwrap()
    }

    #[test]
    fn keeps_positions_of_values() {
        let node = parse("name: 张江\nlist:\n  - a\n  - 'b'\n").unwrap();
        let NodeKind::Map(entries) = &node.kind else {
            panic!()
        };
        assert_eq!(entries[0].1.pos, Pos::new(1, 7));
        assert_eq!(scalar(&entries[0].1), "张江");
        let NodeKind::Seq(items) = &entries[1].1.kind else {
            panic!()
        };
        assert_eq!(items[1].pos, Pos::new(4, 5));
        assert_eq!(
            items[1].kind,
            NodeKind::Scalar {
                text: "b".into(),
                plain: false
            }
        );
    }

    #[test]
    fn empty_text_is_null() {
        assert_eq!(parse("").unwrap().kind, NodeKind::Null);
        assert_eq!(parse("# only a comment\n").unwrap().kind, NodeKind::Null);
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.pos, Pos::new(3, 1));
        assert_eq!(text(&err), "duplicate key `a` (first at line 1)");
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.message.code.starts_with("yaml-"), "{}", text(&err));
        assert!(err.pos.line >= 1);
    }

    #[test]
    fn alias_bombs_are_stopped() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let err = parse(&text).unwrap_err();
        assert_eq!(err.message.code, "yaml-too-big");
    }

    #[test]
    fn small_aliases_expand() {
        let node = parse("base: &b {x: 1}\nother: *b\n").unwrap();
        let NodeKind::Map(entries) = &node.kind else {
            panic!()
        };
        assert_eq!(entries[1].1.pos, Pos::new(2, 8));
        assert!(matches!(entries[1].1.kind, NodeKind::Map(_)));
    }

    #[test]
    fn deep_nesting_is_stopped() {
        let text = "[".repeat(100_000);
        assert!(parse(&text).is_err());
        let text = format!("{}1{}", "[".repeat(70), "]".repeat(70));
        assert_eq!(parse(&text).unwrap_err().message.code, "yaml-too-deep");
    }

    #[test]
    fn second_document_is_an_error() {
        let err = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(err.message.code, "yaml-second-document");
    }

    #[test]
    fn errors_at_the_end_of_the_text_point_inside_it() {
        // Found by fuzzing (fuzz/corpus/park_yaml): without a final line break, the scanner
        // pointed at line 3 of a 2-line file.
        let err = parse("name: 测试园区\nlevel:economic-developm").unwrap_err();
        assert_eq!(err.pos, Pos::new(2, 24), "{}", text(&err));
        let err = parse("a: [1, 2").unwrap_err();
        assert_eq!(err.pos, Pos::new(1, 9), "{}", text(&err));
        let err = parse("a: [1,\r2").unwrap_err();
        assert!(err.pos <= Pos::new(2, 2), "{:?}", err.pos);
        assert_eq!(end_of("a\r\nb\rc\n"), Pos::new(4, 1));
        // An empty explicit key at the end: its event pointed at line 3 of a 2-line text.
        let err = parse("\n ? ").unwrap_err();
        assert_eq!(err.pos, Pos::new(2, 4), "{}", text(&err));
    }
}
