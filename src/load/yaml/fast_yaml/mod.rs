//! A fast reader for the plain YAML that content files are written in.
//!
//! It reads a conservative subset: block mappings with plain keys, block sequences (compact
//! mappings and nested sequences included), single-line plain, single-quoted and double-quoted
//! scalars, literal and folded block scalars without an indentation indicator, flow sequences
//! and mappings that fit on one line, comments, blank lines and CRLF line ends. It builds
//! exactly the tree that `yaml::parse_with_saphyr` builds, positions included, and gives up
//! (`None`) on anything else, well-formed or not: saphyr-parser then reads the text and reports
//! every error. Giving up is always safe; a different tree is not. The tests hold it to that
//! on the shipped content, on inline texts of the tests, on small tricky cases and on thousands
//! of mutated and generated texts.
//!
//! It gives up on: tabs, control characters and byte order marks anywhere; document markers and
//! directives; anchors, aliases and tags; quoted, complex (`?`) and null keys; multi-line plain,
//! quoted and flow scalars; empty sequence entries; a plain scalar that starts with an indicator
//! (`-` included) or holds `: `; block scalars that are empty, start with a line more indented
//! than their first line of content, or have an indentation indicator; duplicate keys; and
//! anything at the limits (`MAX_DEPTH`, `MAX_NODES`, keys of more than 1,000 bytes, flow
//! mappings longer than 4 KiB).

use super::{Node, NodeKind, MAX_DEPTH, MAX_NODES};
use crate::diagnostics::Pos;
use std::cell::Cell;
use std::collections::HashSet;

mod scalars;

/// The tree of `text` when the whole text is in the subset; `None` otherwise.
pub(crate) fn parse(text: &str) -> Option<Node> {
    if !plain_bytes(text.as_bytes()) {
        return None;
    }
    // The vectors of the last text read on this thread, kept for the next: growing them anew
    // for each file costs more than reading a small file.
    let s = SCRATCH.take().unwrap_or_default();
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        next: 0,
        next_line: 1,
        peeked: None,
        nodes: 0,
        items: s.items,
        entries: s.entries,
        keys: s.keys,
        block: s.block,
    };
    let root = p.root();
    let mut s = Scratch {
        items: p.items,
        entries: p.entries,
        keys: p.keys,
        block: p.block,
    };
    // (not kept when one large file made them large)
    if s.items.capacity() + s.entries.capacity() <= 4096 && s.block.capacity() <= 1 << 16 {
        s.items.clear();
        s.entries.clear();
        s.keys.clear();
        SCRATCH.set(Some(s));
    }
    root
}

thread_local! {
    static SCRATCH: Cell<Option<Scratch>> = const { Cell::new(None) };
}

/// The vectors a `Parser` works in, between two texts.
#[derive(Default)]
struct Scratch {
    items: Vec<Node>,
    entries: Vec<(Node, Node)>,
    keys: Vec<(usize, usize)>,
    block: String,
}

impl<'a> Parser<'a> {
    /// The document: a block mapping or sequence (or nothing).
    fn root(&mut self) -> Option<Node> {
        let Some(first) = self.peek() else {
            return Some(Node {
                kind: NodeKind::Null,
                pos: Pos::new(1, 1),
            });
        };
        let root = if self.is_dash(first.content, first.end) {
            self.seq(first, first.content, 1, false)?
        } else if self.key_end(first.content, first.end).is_some() {
            self.map(first, first.content, 1)?
        } else {
            return None;
        };
        if self.peek().is_some() {
            return None;
        }
        Some(root)
    }
}

/// Whether the text is free of what the subset never takes: tabs, NUL and other control
/// characters, a carriage return that does not end a line, and byte order marks. One
/// branch-free pass over the bytes; the precise (slower) check runs only when something
/// suspicious was seen, e.g. in a file with CRLF line ends.
fn plain_bytes(b: &[u8]) -> bool {
    const CHUNK: usize = 4096;
    let mut start = 0;
    while start < b.len() {
        let end = (start + CHUNK).min(b.len());
        // Each byte and the one after it (the last byte pairs with the first of the next chunk).
        let this = &b[start..end];
        let after = &b[start + 1..(end + 1).min(b.len())];
        let mut flag = 0u8;
        for (&x, &y) in this.iter().zip(after) {
            flag |= u8::from(x < 0x20 && x != b'\n') | u8::from(x == 0xEF && y == 0xBB);
        }
        if this.len() > after.len() {
            flag |= u8::from(this[this.len() - 1] < 0x20 && this[this.len() - 1] != b'\n');
        }
        if flag != 0 {
            return precise_plain_bytes(b);
        }
        start = end;
    }
    true
}

fn precise_plain_bytes(b: &[u8]) -> bool {
    for (i, &x) in b.iter().enumerate() {
        match x {
            b'\n' => {}
            b'\r' if b.get(i + 1) == Some(&b'\n') => {}
            0..=0x1F => return false,
            0xEF if b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF) => return false,
            _ => {}
        }
    }
    true
}

/// One line that holds content (not blank, not only a comment).
#[derive(Clone, Copy, Debug)]
struct Line {
    /// Byte offset of the line's first byte.
    start: usize,
    /// Byte offset of the first byte that is not a space.
    content: usize,
    /// Byte offset of the line's end, before `\r\n` or `\n`.
    end: usize,
    /// Byte offset of the next line (the text's length on the last line).
    after: usize,
    /// 1-based line number.
    number: usize,
}

impl Line {
    fn indent(&self) -> usize {
        self.content - self.start
    }
}

/// A line read raw, for block scalars: blank lines count there.
struct RawLine {
    start: usize,
    /// After the leading spaces.
    content: usize,
    end: usize,
    after: usize,
    /// Whether a line break ends it (false for a last line without one).
    has_break: bool,
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    /// Byte offset of the first line not yet consumed.
    next: usize,
    /// Line number of `next`.
    next_line: usize,
    /// The next content line, once looked up.
    peeked: Option<Option<Line>>,
    nodes: usize,
    /// Items and entries of the collections being read, innermost last: each collection takes
    /// its own off the top at its end, into a vector of the exact size.
    items: Vec<Node>,
    entries: Vec<(Node, Node)>,
    /// Where the keys of `entries` stand in the text.
    keys: Vec<(usize, usize)>,
    /// The text of the block scalar being read.
    block: String,
}

enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// The column of offsets on one line, counted on from the last one asked for.
struct Cursor {
    at: usize,
    col: usize,
}

impl Cursor {
    /// The 1-based column of offset `i` (not before the last one asked for).
    fn col_at(&mut self, b: &[u8], i: usize) -> usize {
        self.col += chars(&b[self.at..i]);
        self.at = i;
        self.col
    }
}

/// Plain scalars that are `Null`, as in `yaml::parse`.
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Characters that give a plain scalar another meaning when they start it (and `-`, which is
/// fine before a non-space but not worth telling apart).
fn is_indicator(c: u8) -> bool {
    matches!(
        c,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// The first offset from `i` to `end` that holds `x` or `y`, or `end`: eight bytes at a time.
fn find(b: &[u8], mut i: usize, end: usize, x: u8, y: u8) -> usize {
    let end = end.min(b.len());
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit set in the bytes of `w` that are zero (and maybe in bytes after the first such,
    // which do not matter: the lowest one is exact).
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let (sx, sy) = (ONES * u64::from(x), ONES * u64::from(y));
    #[cfg(target_arch = "x86_64")]
    {
        // SSE2 is part of x86_64: sixteen bytes at a time.
        use std::arch::x86_64::*;
        // SAFETY: every load reads 16 bytes at `i` with `i + 16 <= end <= b.len()`.
        unsafe {
            let (vx, vy) = (_mm_set1_epi8(x as i8), _mm_set1_epi8(y as i8));
            while i + 16 <= end {
                let v = _mm_loadu_si128(b.as_ptr().add(i).cast::<__m128i>());
                let hits =
                    _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, vx), _mm_cmpeq_epi8(v, vy)));
                if hits != 0 {
                    return i + hits.trailing_zeros() as usize;
                }
                i += 16;
            }
        }
    }
    while i + 8 <= end {
        let mut word = [0; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let w = u64::from_le_bytes(word);
        let hits = zero(w ^ sx) | zero(w ^ sy);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && b[i] != x && b[i] != y {
        i += 1;
    }
    i
}

/// The items of `v` from `at` on, moved into a vector of their own, of the exact size.
fn take_from<T>(v: &mut Vec<T>, at: usize) -> Vec<T> {
    if at == 0 {
        // (`split_off(0)` would hand over the whole buffer and leave a new one)
        let mut all = Vec::with_capacity(v.len());
        all.append(v);
        all
    } else {
        v.split_off(at)
    }
}

/// Count of characters in `s` (bytes that do not continue a UTF-8 sequence).
fn chars(s: &[u8]) -> usize {
    s.iter().filter(|&&c| (c as i8) >= -0x40).count()
}

impl<'a> Parser<'a> {
    fn raw_line(&self, start: usize) -> RawLine {
        let b = self.b;
        let nl = find(b, start, b.len(), b'\n', b'\n');
        let has_break = nl < b.len();
        let end = if nl > start && b[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        };
        let mut content = start;
        while content < end && b[content] == b' ' {
            content += 1;
        }
        RawLine {
            start,
            content,
            end,
            after: if has_break { nl + 1 } else { nl },
            has_break,
        }
    }

    /// The next line with content, skipping blank and comment lines (which are consumed).
    fn peek(&mut self) -> Option<Line> {
        if let Some(line) = self.peeked {
            return line;
        }
        let line = loop {
            if self.next >= self.b.len() {
                break None;
            }
            let raw = self.raw_line(self.next);
            if raw.content == raw.end || self.b[raw.content] == b'#' {
                self.next = raw.after;
                self.next_line += 1;
                continue;
            }
            break Some(Line {
                start: raw.start,
                content: raw.content,
                end: raw.end,
                after: raw.after,
                number: self.next_line,
            });
        };
        self.peeked = Some(line);
        line
    }

    fn consume(&mut self, line: Line) {
        self.next = line.after;
        self.next_line = line.number + 1;
        self.peeked = None;
    }

    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(())
    }

    fn skip_spaces(&self, mut i: usize, end: usize) -> usize {
        while i < end && self.b[i] == b' ' {
            i += 1;
        }
        i
    }

    /// Whether a block sequence entry (`- ` or a lone `-`) starts at `i`.
    fn is_dash(&self, i: usize, end: usize) -> bool {
        self.b[i] == b'-' && (i + 1 == end || self.b[i + 1] == b' ')
    }

    /// The offset of the `:` when a plain key (`name:` followed by a space or the line's end)
    /// starts at `i`.
    fn key_end(&self, i: usize, end: usize) -> Option<usize> {
        let b = self.b;
        let first = b[i];
        if !(first.is_ascii_alphanumeric() || first == b'_' || first >= 0x80) {
            return None;
        }
        let mut j = i + 1;
        while j < end
            && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'_' | b'-') || b[j] >= 0x80)
        {
            j += 1;
        }
        // A simple key may not be longer than 1024 characters.
        (j < end && b[j] == b':' && (j + 1 == end || b[j + 1] == b' ') && j - i <= 1000)
            .then_some(j)
    }

    /// Whether only spaces and a comment follow `i` on the line. A comment needs a space
    /// before its `#`.
    fn rest_is_blank(&self, i: usize, end: usize) -> bool {
        let j = self.skip_spaces(i, end);
        j == end || (j > i && self.b[j] == b'#')
    }

    fn pos(&self, line: &Line, at: usize) -> Pos {
        Pos::new(line.number, chars(&self.b[line.start..at]) + 1)
    }

    /// A node that starts at `i` of `line`, where a block collection may start: a sequence entry
    /// or its first key, or any value that fits on the line.
    fn block_node(&mut self, line: Line, i: usize, parent: usize, depth: usize) -> Option<Node> {
        if self.is_dash(i, line.end) {
            self.seq(line, i, depth + 1, false)
        } else if self.key_end(i, line.end).is_some() {
            self.map(line, i, depth + 1)
        } else {
            self.inline_value(line, i, parent, depth)
        }
    }

    /// A block sequence whose first `-` is at `i` of `line`. An indentless sequence (the value
    /// of a key, its `-` at the key's column) starts where its first entry does.
    fn seq(
        &mut self,
        mut line: Line,
        mut i: usize,
        depth: usize,
        indentless: bool,
    ) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let col = i - line.start;
        let mut pos = Pos::new(line.number, col + 1);
        let base = self.items.len();
        loop {
            let v = self.skip_spaces(i + 1, line.end);
            // An empty entry (`-` alone, or before a comment) is left to saphyr.
            if v == line.end || self.b[v] == b'#' {
                return None;
            }
            if indentless && self.items.len() == base {
                pos = Pos::new(line.number, v - line.start + 1);
            }
            let item = self.block_node(line, v, col, depth)?;
            self.items.push(item);
            match self.peek() {
                Some(next) if next.indent() == col && self.is_dash(next.content, next.end) => {
                    line = next;
                    i = next.content;
                }
                Some(next) if next.indent() > col => return None,
                _ => break,
            }
        }
        self.count()?;
        Some(Node {
            kind: NodeKind::Seq(take_from(&mut self.items, base)),
            pos,
        })
    }

    /// A block mapping whose first key starts at `i` of `line`.
    fn map(&mut self, mut line: Line, mut i: usize, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let col = i - line.start;
        let pos = Pos::new(line.number, col + 1);
        let base = self.entries.len();
        debug_assert_eq!(base, self.keys.len());
        // The keys so far, in a set once the mapping is long. The set keeps std's SipHash: these
        // keys are any text of the file, and keys chosen to collide under an unkeyed hash (Fx)
        // would make a long mapping quadratic.
        let mut seen: Option<HashSet<&'a str>> = None;
        loop {
            let colon = self.key_end(i, line.end)?;
            let key: &'a str = &self.text[i..colon];
            if is_null(key) {
                return None;
            }
            let duplicate = match &mut seen {
                Some(seen) => !seen.insert(key),
                None => {
                    let text = self.text;
                    let keys = &self.keys[base..];
                    let duplicate = keys.iter().any(|&(s, e)| &text[s..e] == key);
                    if keys.len() >= 16 {
                        let mut set: HashSet<&'a str> =
                            keys.iter().map(|&(s, e)| &text[s..e]).collect();
                        set.insert(key);
                        seen = Some(set);
                    }
                    duplicate
                }
            };
            if duplicate {
                return None;
            }
            self.count()?;
            let key_node = Node {
                kind: NodeKind::Scalar {
                    text: key.to_string(),
                    plain: true,
                },
                pos: Pos::new(line.number, col + 1),
            };
            let v = self.skip_spaces(colon + 1, line.end);
            let value = if v == line.end || self.b[v] == b'#' {
                let empty = self.pos(&line, colon);
                self.consume(line);
                match self.peek() {
                    Some(next) if next.indent() > col => {
                        if self.is_dash(next.content, next.end) {
                            self.seq(next, next.content, depth + 1, false)?
                        } else if self.key_end(next.content, next.end).is_some() {
                            self.map(next, next.content, depth + 1)?
                        } else {
                            return None;
                        }
                    }
                    Some(next) if next.indent() == col && self.is_dash(next.content, next.end) => {
                        self.seq(next, next.content, depth + 1, true)?
                    }
                    _ => {
                        self.count()?;
                        Node {
                            kind: NodeKind::Null,
                            pos: empty,
                        }
                    }
                }
            } else {
                self.inline_value(line, v, col, depth)?
            };
            self.entries.push((key_node, value));
            self.keys.push((i, colon));
            match self.peek() {
                Some(next) if next.indent() == col => {
                    line = next;
                    i = next.content;
                }
                Some(next) if next.indent() > col => return None,
                _ => break,
            }
        }
        self.count()?;
        self.keys.truncate(base);
        Some(Node {
            kind: NodeKind::Map(take_from(&mut self.entries, base)),
            pos,
        })
    }

    /// A value that starts at `i` of `line` and is not a block collection: a scalar, a flow
    /// sequence or a block scalar. `parent` is the column of the collection it is in.
    fn inline_value(&mut self, line: Line, i: usize, parent: usize, depth: usize) -> Option<Node> {
        let b = self.b;
        let end = line.end;
        let (kind, close) = match b[i] {
            b'[' | b'{' => return self.flow_value(line, i, depth + 1),
            b'|' | b'>' => return self.block_scalar(line, i, parent),
            _ => self.scalar(i, end, false)?,
        };
        if !self.rest_is_blank(close, end) {
            return None;
        }
        self.count()?;
        let pos = self.pos(&line, i);
        self.consume(line);
        Some(Node { kind, pos })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse_with_saphyr, Node};
    use crate::diagnostics::Pos;
    use std::path::{Path, PathBuf};

    /// The differential property: the fast reader gives up, or gives saphyr's tree. Returns
    /// whether it took the text.
    fn same(text: &str) -> bool {
        let fast = super::parse(text);
        if let Some(fast) = &fast {
            match parse_with_saphyr(text) {
                Ok(slow) => assert_eq!(fast, &slow, "different trees for {text:?}"),
                Err(e) => panic!("fast path took text that saphyr refuses ({e:?}): {text:?}"),
            }
        }
        fast.is_some()
    }

    fn tree(text: &str) -> Node {
        assert!(same(text), "fast path gave up on {text:?}");
        super::parse(text).unwrap()
    }

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn yaml_files(dir: &Path) -> Vec<(PathBuf, String)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
            .map(|e| {
                let text = std::fs::read_to_string(e.path()).unwrap();
                (e.path().to_path_buf(), text)
            })
            .collect();
        files.sort();
        files
    }

    /// The front matter of a Markdown file, when it has one.
    fn front_matter(text: &str) -> Option<&str> {
        let rest = text.strip_prefix("---\n")?;
        let end = rest.find("\n---")?;
        Some(&rest[..end + 1])
    }

    #[test]
    fn takes_every_content_file() {
        let files = yaml_files(&root().join("content"));
        assert!(files.len() >= 10, "{} files", files.len());
        for (path, text) in &files {
            assert!(same(text), "fast path gave up on {}", path.display());
        }
        for e in std::fs::read_dir(root().join("content/standard")).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            if let Some(front) = front_matter(&text) {
                assert!(same(front), "fast path gave up on {front:?}");
            }
        }
    }

    #[test]
    fn test_fixtures_agree() {
        let files = yaml_files(&root().join("tests/fixtures"));
        assert!(!files.is_empty());
        let taken = files.iter().filter(|(_, text)| same(text)).count();
        assert_eq!(taken, files.len());
    }

    /// The string literals of a Rust source file, unescaped (raw strings too).
    fn string_literals(src: &str) -> Vec<String> {
        let c: Vec<char> = src.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < c.len() {
            match c[i] {
                '/' if c.get(i + 1) == Some(&'/') => {
                    while i < c.len() && c[i] != '\n' {
                        i += 1;
                    }
                }
                '\'' if c.get(i + 2) == Some(&'\'') => i += 3,
                '\'' if c.get(i + 1) == Some(&'\\') => {
                    i += 3;
                    while i < c.len() && c[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                }
                'r' if matches!(c.get(i + 1), Some('#' | '"'))
                    && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_')) =>
                {
                    let mut j = i + 1;
                    while c[j] == '#' {
                        j += 1;
                    }
                    let hashes = j - i - 1;
                    if c[j] != '"' {
                        i = j;
                        continue;
                    }
                    let start = j + 1;
                    let mut k = start;
                    while !(c[k] == '"' && c[k + 1..].iter().take(hashes).all(|&h| h == '#')) {
                        k += 1;
                    }
                    out.push(c[start..k].iter().collect());
                    i = k + 1 + hashes;
                }
                '"' => {
                    let mut s = String::new();
                    i += 1;
                    while c[i] != '"' {
                        if c[i] != '\\' {
                            s.push(c[i]);
                            i += 1;
                            continue;
                        }
                        i += 1;
                        match c[i] {
                            'n' => s.push('\n'),
                            't' => s.push('\t'),
                            'r' => s.push('\r'),
                            '0' => s.push('\0'),
                            '\n' => {
                                while c[i + 1].is_whitespace() {
                                    i += 1;
                                }
                            }
                            'u' => {
                                let close = i + c[i..].iter().position(|&x| x == '}').unwrap();
                                let hex: String = c[i + 2..close].iter().collect();
                                s.push(
                                    char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap(),
                                );
                                i = close;
                            }
                            'x' => {
                                let hex: String = c[i + 1..i + 3].iter().collect();
                                s.push(char::from(u8::from_str_radix(&hex, 16).unwrap()));
                                i += 2;
                            }
                            other => s.push(other),
                        }
                        i += 1;
                    }
                    out.push(s);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        out
    }

    #[test]
    fn inline_texts_of_the_invalid_input_tests_agree() {
        let src = std::fs::read_to_string(root().join("tests/invalid_inputs.rs")).unwrap();
        let literals = string_literals(&src);
        assert!(literals.len() > 200, "{} literals", literals.len());
        let park = literals
            .iter()
            .find(|l| l.starts_with("name: 测试园区\nprovider:"))
            .expect("the PARK text");
        let mut taken = 0;
        for literal in &literals {
            taken += usize::from(same(literal));
            // The tests append most of their texts to a valid park.
            taken += usize::from(same(&format!("{park}{literal}")));
        }
        assert!(taken > 100, "taken {taken}");
    }

    /// The shape of the parks that `gen_parkbook.py` (the benchmark's generator) writes, cut
    /// short.
    const GENERATED_PARK: &str = r#"name: "陈家镇时尚生物医药产业园"
provider: brand-0001
level: district
type: economic-development-zone
region: 上海市
district: "松江区"
summary: |
  ## 园区概况

  陈家镇时尚生物医药产业园位于松江区，是国家级生物医药园。园区运营主体宜引入智能化的知识产权服务；公共服务平台应统筹绿。

  ## 特色亮点

  - **智慧安防体系**：展示交流空间可覆盖生活配套设施、政务服务窗口和中试基地等内容；
  - **人才公寓配套**：满意度调查可覆盖人才公寓、企业走访制度和检验检测平台等内容。
  - **数字孪生管理平台**：专业服务机构宜优先每半年至少组织10次产业链协作网络，记录应保存不少于3年。

  ## 交通与配套

  交通接驳方案不应覆盖满意度调查、中试基地和服务质量等内容。按照园区发展阶段，技术转移机构宜优先公开职业培训，并设立可。
brand:
  slogan: "智慧安防体系"
  features:
    - title: "智慧安防体系"
      description: "产业联盟宜优先优化规范的人才公寓。"
    - title: "人才公寓配套"
      description: "针对服务合同的约定，园区运营主体可记录金融服务产品，并落实持续改进的应急预案。"
    - title: "数字孪生管理平台"
      description: "服务体系可覆盖职业培训、公共技术平台和检验检测平台等内容。"
providers:
  - id: sp1
    name: "上海启航创业投资管理有限公司"
    kind: operating-company
    legal_entity: true
services:
  - id: s1
    system: management-enablement
    name: "设施设备维护"
    audience: [operator]
    provider: sp7
    description: "园区开发主体应当面向入驻企业的实际需求，统筹数字化的人力资源服务；服务承诺应覆盖生活"
  - id: s2
    system: management-enablement
    name: "能耗监测"
    audience: [operator]
    provider: sp14
    description: "根据服务合同的约定，公共服务平台宜落实金融服务产品，并优化开放共享的公共技术平台。园"
assessment:
  kind: self
  assessor: "陈家镇时尚生物医药产业园管理办公室"
  date: 2026-06-30
  results:
    - requirement: r19
      status: met
      evidence: "物业服务企业应当设立规范的知识产权服务。"
    - requirement: r08
      status: partial
updated: 2026-02-02
"#;

    #[test]
    fn takes_generated_parks() {
        let node = tree(GENERATED_PARK);
        assert!(matches!(&node.kind, super::super::NodeKind::Map(entries) if entries.len() == 12));
        assert!(same(&GENERATED_PARK.replace('\n', "\r\n")));
    }

    /// Small texts, and whether the fast path takes them (it must agree with saphyr whenever
    /// it does).
    const CASES: &[(&str, bool)] = &[
        ("", true),
        ("\n\n", true),
        ("# only a comment\n", true),
        ("  # indented comment\n\n# another", true),
        ("a: 1\n", true),
        ("a: 1", true),
        ("a: 1\nb: 2\n", true),
        ("a: value # comment\n", true),
        ("a: value#not a comment\n", true),
        ("a: value  #comment\n", true),
        ("a:    spaced   \n", true),
        ("a: 'it''s'\n", true),
        ("a: ''\n", true),
        ("a: \"\"\n", true),
        ("a: \"a\\\"b\"\n", true),
        (
            "a: \"tab\\there\\nnew \\\\ \\/ \\u4e2d \\x41 \\U0001F600 \\_ \\N \\L \\P \\0 \\e\"\n",
            true,
        ),
        ("a: \"\\uD800\"\n", false),
        ("a: \"\\q\"\n", false),
        ("a: \"x\" # c\n", true),
        ("a: \"x\"# c\n", false),
        ("a: 'x' y\n", false),
        ("a: \"open\n", false),
        ("a: \"two\n  lines\"\n", false),
        ("a: 'two\n  lines'\n", false),
        ("a: two\n  lines\n", false),
        ("a: 2026-02-02\nb: true\nc: 123\nd: 上海市\ne: sp7\n", true),
        ("url: https://x.y/z?a=b#frag\n", true),
        ("a: x:y\n", true),
        ("a: x: y\n", false),
        ("a: x:\n", false),
        ("a: ~\nb: null\nc: Null\nd: NULL\ne: nULL\n", true),
        ("a:\nb:\n", true),
        ("a: # nothing\nb: 1\n", true),
        ("a:\n# comment\nb: 1\n", true),
        ("a:\n  b: 1\n  c:\n    d: x\n", true),
        ("a:\n  - x\n  - y\n", true),
        ("a:\n- x\n- y\nb: 1\n", true),
        ("a:\n- x\n-  y\n", true),
        ("- a\n- b\n", true),
        ("- a\n-\n", false),
        ("- a\n- # c\n", false),
        ("- - a\n  - b\n- c\n", true),
        ("- - - a\n", true),
        ("- a: 1\n  b: 2\n- a: 3\n", true),
        ("-   a: 1\n    b: 2\n", true),
        ("- a: 1\n   b: 2\n", false),
        ("- a: 1\n b: 2\n", false),
        ("k:\n  - id: x\n    name: y\n  - id: z\n", true),
        ("k:\n- id: x\n  list:\n  - a\n  - b\n", true),
        ("key:\n- a\nkey2: b\n", true),
        ("a: [x, y, \"z\", 'w']\n", true),
        ("a: []\nb: [ ]\n", true),
        ("a: [x, y,]\n", false),
        ("a: [x,, y]\n", false),
        ("a: [x, [y, [z]], []]\n", true),
        ("a: [x, {y: 1}]\n", true),
        ("a: [x: 1]\n", false),
        ("a: [x, y\n", false),
        ("a: [x, y] # c\n", true),
        ("a: [x, y]z\n", false),
        ("a: [集成电路, 生物医药, \"人工智能\"]\n", true),
        ("a: [ a b ,c ]\n", true),
        ("a: [a -]\n", false),
        ("a: { k: a - }\n", true),
        ("a: { k: a -}\n", false),
        ("a: [~, null, x]\n", true),
        ("- [a, b]\n- [c]\n", true),
        ("a: |\n  line 1\n  line 2\n", true),
        ("a: |-\n  line 1\n\n", true),
        ("a: |+\n  line 1\n\n\nb: 1\n", true),
        ("a: >\n  folded\n  text\n\n  para\n", true),
        ("a: >-\n  folded\n    more\n  back\n", true),
        ("a: >+\n  x\n\n", true),
        ("a: >\n  x\n\n\n  y\n", true),
        ("a: |\n  x\n    indented\n\n   \n  y\n", true),
        ("a: |\n  no newline at end", true),
        ("a: |\n  x\n  ", true),
        ("a: |\n  x\n      ", true),
        ("a: |\n\n  after a blank line\n", true),
        ("a: |\n    \n  x\n", false),
        ("a: |\nb: 1\n", false),
        ("a: |\n", false),
        ("a: |2\n   x\n", false),
        ("a: | # comment\n  x\n", true),
        ("a: |x\n  y\n", false),
        ("- |\n  x\n- >\n  y\n", true),
        ("a:\n  b: |\n    x\n  c: 1\n", true),
        ("a:\n  b: |\n    x\n   c: 1\n", false),
        ("a: |\n  # not a comment\n  x\n", true),
        ("a: |\n  x\n# comment\nb: 1\n", true),
        ("a: |\n  中文\n  内容\n", true),
        (
            "a: b\r\nc: \"d\"\r\ne:\r\n  - f\r\ng: |\r\n  h\r\n\r\n  i\r\n",
            true,
        ),
        ("a: b\rc: d\n", false),
        ("a: b   \nc: d  \n", true),
        ("  a: 1\n  b: 2\n", true),
        ("a: 1\n  b: 2\n", false),
        ("a: 1\n b: 2\n", false),
        ("张江: 科学城\n名称:\n  子项: 值\n", true),
        ("name: 张江\nlist:\n  - a\n  - 'b'\n", true),
        ("a: 1\na: 2\n", false),
        ("a:\n  b: 1\n  b: 2\n", false),
        ("null: 1\n", false),
        ("1: one\ntrue: yes\n", true),
        ("\"a\": 1\n", false),
        ("'a': 1\n", false),
        ("? a\n: 1\n", false),
        ("a b: 1\n", false),
        ("a.b: 1\n", false),
        ("a : 1\n", false),
        ("a:1\n", false),
        ("---\na: 1\n", false),
        ("a: 1\n...\n", false),
        ("%YAML 1.2\n---\na: 1\n", false),
        ("a: &x 1\nb: *x\n", false),
        ("a: !!str 1\n", false),
        ("a: {b: 1}\n", true),
        ("a: {}\nb: { }\n", true),
        (
            "rule: { min_services: 2, audience_any: [enterprise] } # c\n",
            true,
        ),
        (
            "- { id: e1, name: 能源审计, audience: [operator], ok: true }\n",
            true,
        ),
        ("a: { x: \"q\", y: 'r', z: {w: ~} }\n", true),
        ("a: { x: 1, x: 2 }\n", false),
        ("a: { x: }\n", false),
        ("a: { x }\n", false),
        ("a: { x: 1, }\n", false),
        ("a: {x:1}\n", false),
        ("a: { \"x\": 1 }\n", false),
        ("a: { x: 1\n", false),
        ("a: { x: 1 }}\n", false),
        ("a: { x: [1, 2 }\n", false),
        ("a: [张, { 键: 值 }, \"引\"]\n", true),
        ("a: @x\n", false),
        ("a: `x`\n", false),
        ("a: -1\n", false),
        ("a: - b\n", false),
        ("a:\tb\n", false),
        ("a:\n\t- b\n", false),
        ("\u{feff}a: 1\n", false),
        ("a: x\u{feff}y\n", false),
        ("a: x\u{fe00}y\n", true),
        ("a: x\u{2028}y\u{85}z\u{7f}\u{a0}\n", true),
        (
            "a: \"x\u{2028}y\u{85}z\u{7f}\"\nb: |\n  \u{2028}\u{85}\n",
            true,
        ),
        ("a:\u{a0}x\n", false),
        ("a: x\u{1}\n", false),
        ("plain\n", false),
        ("\"quoted\"\n", false),
        ("[a, b]\n", false),
        ("a: b\nplain\n", false),
        ("a:\n  plain on the next line\n", false),
        ("a: b\n- c\n", false),
        ("- a\nb: c\n", false),
        ("a:\n  - b\n  c: d\n", false),
        ("a: x # c\n  continued\n", false),
        ("a: 'x' # c\n\n", true),
        ("a: \"C:\\\\path\"\n", true),
        ("a: x,y [z] {w}\n", true),
        ("a: 'x: y'\nb: \"# not a comment\"\n", true),
        ("a: x # c: d\n", true),
    ];

    #[test]
    fn small_cases_agree_and_are_taken_as_expected() {
        let mut wrong = Vec::new();
        for &(text, taken) in CASES {
            if same(text) != taken {
                wrong.push((text, taken));
            }
        }
        assert!(wrong.is_empty(), "taken ≠ expected for {wrong:#?}");
    }

    #[test]
    fn positions_follow_saphyr() {
        use super::super::NodeKind;
        let node = tree("a: 张江x\nb:\nc:\n  - 张: \"q\"\n    g: |\n      lit\n");
        let NodeKind::Map(entries) = &node.kind else {
            panic!()
        };
        // Columns count characters; an empty value stands at its `:`.
        assert_eq!(entries[0].1.pos, Pos::new(1, 4));
        assert_eq!(entries[1].1.pos, Pos::new(2, 2));
        assert_eq!(entries[1].1.kind, NodeKind::Null);
        let NodeKind::Seq(items) = &entries[2].1.kind else {
            panic!()
        };
        // A block sequence starts at its `-`, a mapping at its first key, a block scalar at its
        // first line of content.
        assert_eq!(entries[2].1.pos, Pos::new(4, 3));
        assert_eq!(items[0].pos, Pos::new(4, 5));
        let NodeKind::Map(inner) = &items[0].kind else {
            panic!()
        };
        assert_eq!(inner[0].1.pos, Pos::new(4, 8));
        assert_eq!(inner[1].1.pos, Pos::new(6, 7));
        // An indentless sequence starts where its first entry does.
        let node = tree("a:\n- x\n");
        let NodeKind::Map(entries) = &node.kind else {
            panic!()
        };
        assert_eq!(entries[0].1.pos, Pos::new(2, 3));
    }

    #[test]
    fn limits_agree() {
        // Nesting: 64 levels are fine, 65 are refused (by saphyr, with its message).
        for levels in [63, 64, 65] {
            let mut text = String::new();
            for level in 0..levels {
                text.push_str(&" ".repeat(level));
                text.push_str("k:\n");
            }
            text.pop();
            text.push_str(" x\n");
            assert_eq!(same(&text), levels <= 64, "{levels} levels");
            text = format!("{}x\n", "- ".repeat(levels));
            assert_eq!(same(&text), levels <= 64, "{levels} levels");
            text = format!("a: {}x{}\n", "[".repeat(levels - 1), "]".repeat(levels - 1));
            assert_eq!(same(&text), levels <= 64, "{levels} levels");
        }
        // Long mappings (the duplicate check switches to a set).
        let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        assert!(same(&text));
        text.push_str("k33: again\n");
        assert!(!same(&text));
        // A simple key may be 1024 characters long at most.
        let text = format!("{}: x\n", "k".repeat(1000));
        assert!(same(&text));
        let text = format!("{}: x\n", "k".repeat(1025));
        assert!(!same(&text));
    }

    #[test]
    fn node_budget_agrees() {
        // `- a` lines: each a node, and one for the sequence.
        for n in [super::MAX_NODES - 1, super::MAX_NODES] {
            let text = "- a\n".repeat(n);
            assert_eq!(super::parse(&text).is_some(), n < super::MAX_NODES);
        }
        let err = parse_with_saphyr(&"- a\n".repeat(super::MAX_NODES)).unwrap_err();
        assert_eq!(err.message.code, "yaml-too-big");
    }

    /// A small deterministic generator (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }

    const CHARS: &[char] = &[
        ' ', ' ', ' ', '-', ':', '#', '"', '\'', '\n', '|', '>', '[', ']', ',', '{', '}', 'a', 'z',
        '1', '张', '\t', '\r', '&', '*', '!', '?', '\\', '~', '+', '%', '@', '`', '.', '\u{feff}',
    ];

    const LINES: &[&str] = &[
        "",
        "  ",
        "# c",
        "- x",
        "  - x",
        "-",
        "- ",
        "key:",
        "  key:",
        "key: value",
        "  key: 'v'",
        "    - id: x",
        "a: |",
        "a: >-",
        "  text",
        "      more",
        "---",
        "...",
        "a: [x, y]",
        "- - a",
        "b: \"q\\\"\"",
        "  # comment",
    ];

    fn mutate(rng: &mut Rng, text: &str) -> String {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let n = lines.len();
        let l = rng.below(n);
        match rng.below(12) {
            0..=3 => {
                // A character deleted, inserted, doubled or replaced.
                let mut chars: Vec<char> = lines[l].chars().collect();
                let at = rng.below(chars.len() + 1);
                let c = *rng.pick(CHARS);
                match rng.below(4) {
                    0 if at < chars.len() => {
                        chars.remove(at);
                    }
                    1 if at < chars.len() => chars.insert(at, chars[at]),
                    2 if at < chars.len() => chars[at] = c,
                    _ => chars.insert(at, c),
                }
                lines[l] = chars.into_iter().collect();
            }
            4 => {
                lines.remove(l);
            }
            5 => lines.insert(l, lines[l].clone()),
            6 if l + 1 < n => lines.swap(l, l + 1),
            7 => lines[l] = format!("{}{}", " ".repeat(1 + rng.below(2)), lines[l]),
            8 => {
                let cut = lines[l].len() - lines[l].trim_start_matches(' ').len();
                lines[l].drain(..cut.min(1 + rng.below(2)));
            }
            9 => lines.insert(l, rng.pick(LINES).to_string()),
            10 => {
                let line = rng.pick(LINES).to_string();
                let indent = lines[l].len() - lines[l].trim_start_matches(' ').len();
                lines.insert(l, format!("{}{line}", " ".repeat(indent)));
            }
            _ => return text.replace('\n', "\r\n"),
        }
        lines.join("\n")
    }

    /// The generator and the number of cases of a randomized test: the given ones, unless
    /// `FAST_YAML_SEED` and `FAST_YAML_CASES` say otherwise (for longer runs by hand).
    fn campaign(seed: u64, cases: usize) -> (Rng, usize) {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse().ok());
        let seed = var("FAST_YAML_SEED").unwrap_or(seed);
        (
            Rng(seed | 1),
            var("FAST_YAML_CASES").map_or(cases, |c| c as usize),
        )
    }

    /// A random text made of the pieces of this subset, and now and then of what lies just
    /// outside it.
    fn generate(rng: &mut Rng) -> String {
        fn piece<'a>(rng: &mut Rng, good: &[&'a str], odd: &[&'a str]) -> &'a str {
            if rng.below(16) == 0 {
                odd[rng.below(odd.len())]
            } else {
                good[rng.below(good.len())]
            }
        }
        const KEYS: &[&str] = &["a", "b", "id", "名称", "k-1", "2026", "c", "d"];
        const ODD_KEYS: &[&str] = &["null", "a b", "x.y", "'q'", "? a", "-a", "a#"];
        const VALUES: &[&str] = &[
            "",
            "",
            "",
            "x",
            "x y",
            "张江",
            "~",
            "1",
            "'q'",
            "'it''s'",
            "\"d\"",
            "\"e\\\"s\"",
            "[a, b]",
            "[]",
            "{ k: v }",
            "{}",
            "|",
            "|-",
            "|+",
            ">",
            ">-",
            ">+",
            "x # c",
            "# c",
            "x:y",
            "https://a.b/c",
            "[a, [b]]",
            "{ k: [v, w] }",
            "张江 # 注",
        ];
        const ODD_VALUES: &[&str] = &[
            "x: y",
            "-1",
            "- x",
            "&a x",
            "*a",
            "!t x",
            "'x' y",
            "\"x\"y",
            "[a,",
            "|2",
            "x #",
            "x\t",
            "'",
            "\"",
            "{ k }",
            "[a]]",
            "{ k: v, k: w }",
            "\"\\q\"",
            "x\u{feff}",
        ];
        let mut text = String::new();
        let mut indent = 0usize;
        for _ in 0..1 + rng.below(12) {
            // Mostly the indentation of the line before, or two more or less.
            let step = *rng.pick::<usize>(&[0, 0, 0, 0, 1, 2, 2, 3, 4, 6]);
            indent = match rng.below(3) {
                0 => indent + step,
                1 => indent.saturating_sub(step),
                _ => indent,
            };
            text.push_str(&" ".repeat(indent));
            for _ in 0..*rng.pick::<usize>(&[0, 0, 0, 1, 1, 2]) {
                text.push_str(piece(rng, &["- "], &["-", "-  ", "-\t"]));
            }
            let value = match rng.below(8) {
                0 => {
                    text.push_str(piece(rng, &["# comment", ""], &["  ", "---", "...", "%x"]));
                    ""
                }
                1 => {
                    let value = piece(rng, VALUES, ODD_VALUES);
                    text.push_str(value);
                    value
                }
                _ => {
                    text.push_str(piece(rng, KEYS, ODD_KEYS));
                    text.push_str(piece(rng, &[": "], &[":", " :", ":  ", ":\t"]));
                    let value = piece(rng, VALUES, ODD_VALUES);
                    text.push_str(value);
                    value
                }
            };
            text.push_str(piece(
                rng,
                &["\n"],
                &["  \n", "\r\n", " # c\n", "\n\n", "\r"],
            ));
            if value.starts_with(['|', '>']) {
                // The lines of a block scalar.
                for _ in 0..rng.below(6) {
                    let more = piece(rng, &["2", "2", "3", "4"], &["0", "1", "5", "8"]);
                    text.push_str(&" ".repeat(indent + more.parse::<usize>().unwrap()));
                    text.push_str(piece(
                        rng,
                        &["text", "more  text ", "中文", "", "", "  more", " "],
                        &["# x", "- x", "k: v", "\t", "   "],
                    ));
                    text.push_str(piece(rng, &["\n"], &["\r\n", "  \n", "\n  \n"]));
                }
            }
        }
        if rng.below(5) == 0 {
            text.pop();
        }
        text
    }

    #[test]
    fn generated_texts_agree() {
        let (mut rng, count) = campaign(0x0bad_cafe_1234_5678, 6000);
        let mut taken = 0;
        for _ in 0..count {
            taken += usize::from(same(&generate(&mut rng)));
        }
        assert!(taken * 20 > count, "{taken} of {count} taken");
        eprintln!("{taken} of {count} generated texts taken");
    }

    #[test]
    fn mutated_files_agree() {
        let mut sources: Vec<String> = yaml_files(&root().join("content"))
            .into_iter()
            .chain(yaml_files(&root().join("tests/fixtures")))
            .map(|(_, text)| text)
            .collect();
        sources.extend(
            CASES
                .iter()
                .filter(|(text, taken)| *taken && !text.is_empty())
                .map(|(text, _)| text.to_string()),
        );
        let (mut rng, count) = campaign(0x5eed_1234_abcd_0001, 4000);
        let (mut cases, mut taken) = (0, 0);
        for _ in 0..count {
            let source = rng.pick(&sources);
            // A window of up to 30 lines of it.
            let lines: Vec<&str> = source.split_inclusive('\n').collect();
            let from = rng.below(lines.len());
            let to = (from + 1 + rng.below(30)).min(lines.len());
            let mut text = lines[from..to].concat();
            for _ in 0..1 + rng.below(3) {
                text = mutate(&mut rng, &text);
            }
            cases += 1;
            taken += usize::from(same(&text));
        }
        // Most mutations break the text or leave the subset, but not all.
        assert!(taken * 10 > cases, "{taken} of {cases} taken");
        eprintln!("{taken} of {cases} mutated texts taken");
    }

    #[test]
    #[ignore = "reads a generated corpus: PARKBOOK_BENCH_DIR, a content folder of gen_parkbook.py"]
    fn bench_corpus() {
        let dir = std::env::var("PARKBOOK_BENCH_DIR")
            .unwrap_or_else(|_| "/tmp/parkbook-bench-1000/content".into());
        let files = yaml_files(Path::new(&dir));
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        let mut taken = 0;
        for (path, text) in &files {
            if same(text) {
                taken += 1;
            } else {
                eprintln!("gave up: {}", path.display());
            }
        }
        eprintln!("{taken} of {} files ({bytes} bytes) taken", files.len());
        assert!(taken * 100 >= files.len() * 99);
        // Single-threaded, best of three, with the test harness's (system) allocator.
        let time = |parse: &dyn Fn(&str) -> Node| {
            (0..3)
                .map(|_| {
                    let t = std::time::Instant::now();
                    for (_, text) in &files {
                        std::hint::black_box(parse(text));
                    }
                    t.elapsed()
                })
                .min()
                .unwrap()
        };
        let slow = time(&|text| parse_with_saphyr(text).unwrap());
        let fast = time(&|text| super::super::parse(text).unwrap());
        eprintln!(
            "saphyr: {slow:?}, yaml::parse: {fast:?} ({:.1}x)",
            slow.as_secs_f64() / fast.as_secs_f64()
        );
    }
}
