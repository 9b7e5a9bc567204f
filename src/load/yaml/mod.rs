//! The one place that parses YAML: text → a tree of nodes that remember where they stood.
//!
//! Positions on every node let later stages point at the exact value that is wrong (a broken
//! reference, a misspelt key). Anchors and aliases are expanded under a node budget and the tree
//! depth is bounded, so a crafted file cannot exhaust memory or the stack.

use crate::diagnostics::Pos;
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
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "nothing",
            NodeKind::Scalar { .. } => "a single value",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
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
    pub message: String,
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
                    return Err(YamlError {
                        pos,
                        message:
                            "only one YAML document is allowed per file (found a second `---`)"
                                .into(),
                    });
                }
                continue;
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag)
                if tag.is_some() =>
            {
                let _ = anchor;
                return Err(YamlError {
                    pos,
                    message: "YAML tags (`!name`) are not supported here".into(),
                });
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
                        return Err(YamlError {
                            pos,
                            message: "YAML tags (`!name`) are not supported here".into(),
                        });
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
                None => {
                    return Err(YamlError {
                        pos,
                        message: "alias to an unknown anchor".into(),
                    })
                }
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
                    return Err(YamlError {
                        pos: node.pos,
                        message: format!("a key must be a single value, not {}", node.describe()),
                    });
                }
                if let Some((first, _)) = entries
                    .iter()
                    .find(|(k, _)| k.as_scalar() == node.as_scalar())
                {
                    return Err(YamlError {
                        pos: node.pos,
                        message: format!(
                            "duplicate key `{}` (first at line {})",
                            node.as_scalar().unwrap_or_default(),
                            first.pos.line
                        ),
                    });
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
    YamlError {
        pos,
        message: format!("YAML syntax: {info}"),
    }
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
    YamlError {
        pos,
        message: format!("nesting deeper than {MAX_DEPTH} levels"),
    }
}

fn too_big(pos: Pos) -> YamlError {
    YamlError {
        pos,
        message: format!("the document expands to more than {MAX_NODES} values (aliases included)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(err.message.contains("duplicate key `a` (first at line 1)"));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.message.starts_with("YAML syntax"), "{}", err.message);
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
        assert!(
            err.message.contains("expands to more than"),
            "{}",
            err.message
        );
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
        assert!(parse(&text).unwrap_err().message.contains("nesting deeper"));
    }

    #[test]
    fn second_document_is_an_error() {
        assert!(parse("a: 1\n---\nb: 2\n")
            .unwrap_err()
            .message
            .contains("one YAML document"));
    }

    #[test]
    fn errors_at_the_end_of_the_text_point_inside_it() {
        // Found by fuzzing (fuzz/corpus/park_yaml): without a final line break, the scanner
        // pointed at line 3 of a 2-line file.
        let err = parse("name: 测试园区\nlevel:economic-developm").unwrap_err();
        assert_eq!(err.pos, Pos::new(2, 24), "{}", err.message);
        let err = parse("a: [1, 2").unwrap_err();
        assert_eq!(err.pos, Pos::new(1, 9), "{}", err.message);
        let err = parse("a: [1,\r2").unwrap_err();
        assert!(err.pos <= Pos::new(2, 2), "{:?}", err.pos);
        assert_eq!(end_of("a\r\nb\rc\n"), Pos::new(4, 1));
        // An empty explicit key at the end: its event pointed at line 3 of a 2-line text.
        let err = parse("\n ? ").unwrap_err();
        assert_eq!(err.pos, Pos::new(2, 4), "{}", err.message);
    }
}
