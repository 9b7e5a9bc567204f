//! The scalars of the fast reader: quoted, flow and block scalars.

use super::*;

impl<'a> Parser<'a> {
    /// A double-quoted scalar that opens at `i` and closes on the same line: its text and the
    /// offset after the closing quote.
    pub(super) fn double_quoted(&self, i: usize, end: usize) -> Option<(String, usize)> {
        let b = self.b;
        let mut j = find(b, i + 1, end, b'"', b'\\');
        if j < end && b[j] == b'"' {
            // No escapes, the common case.
            return Some((self.text[i + 1..j].to_string(), j + 1));
        }
        let mut text = String::new();
        let mut seg = i + 1;
        loop {
            j = find(b, j, end, b'"', b'\\');
            if j == end {
                return None;
            }
            text.push_str(&self.text[seg..j]);
            if b[j] == b'"' {
                return Some((text, j + 1));
            }
            // An escape; one that ends the line continues the scalar on the next.
            let e = *b.get(j + 1).filter(|_| j + 1 < end)?;
            let (c, len) = match e {
                b'0' => ('\0', 2),
                b'a' => ('\x07', 2),
                b'b' => ('\x08', 2),
                b't' => ('\t', 2),
                b'n' => ('\n', 2),
                b'v' => ('\x0b', 2),
                b'f' => ('\x0c', 2),
                b'r' => ('\r', 2),
                b'e' => ('\x1b', 2),
                b' ' => (' ', 2),
                b'"' => ('"', 2),
                b'/' => ('/', 2),
                b'\\' => ('\\', 2),
                b'N' => ('\u{85}', 2),
                b'_' => ('\u{a0}', 2),
                b'L' => ('\u{2028}', 2),
                b'P' => ('\u{2029}', 2),
                b'x' | b'u' | b'U' => {
                    let digits = match e {
                        b'x' => 2,
                        b'u' => 4,
                        _ => 8,
                    };
                    let hex = b
                        .get(j + 2..j + 2 + digits)
                        .filter(|_| j + 2 + digits <= end)?;
                    let mut value = 0u32;
                    for &h in hex {
                        value = (value << 4) + char::from(h).to_digit(16)?;
                    }
                    (char::from_u32(value)?, 2 + digits)
                }
                _ => return None,
            };
            text.push(c);
            j += len;
            seg = j;
        }
    }

    /// A single-quoted scalar that opens at `i` and closes on the same line.
    pub(super) fn single_quoted(&self, i: usize, end: usize) -> Option<(String, usize)> {
        let b = self.b;
        let mut text = String::new();
        let mut seg = i + 1;
        let mut j = i + 1;
        loop {
            j = find(b, j, end, b'\'', b'\'');
            if j == end {
                return None;
            }
            if j + 1 < end && b[j + 1] == b'\'' {
                text.push_str(&self.text[seg..j + 1]);
                j += 2;
                seg = j;
            } else {
                text.push_str(&self.text[seg..j]);
                return Some((text, j + 1));
            }
        }
    }

    /// A quoted or plain scalar at `i`: its kind and the offset after it. Block and flow
    /// contexts end a plain scalar differently, and the flag is a constant at each call, so the
    /// two readers share this without a cost.
    #[inline]
    pub(super) fn scalar(&self, i: usize, end: usize, in_flow: bool) -> Option<(NodeKind, usize)> {
        let b = self.b;
        let (text, after) = match b[i] {
            b'"' => self.double_quoted(i, end)?,
            b'\'' => self.single_quoted(i, end)?,
            c if is_indicator(c) => return None,
            _ => {
                let mut stop = if in_flow {
                    self.plain_end_in_flow(i, end)?
                } else {
                    self.plain_end_in_block(i, end)?
                };
                while b[stop - 1] == b' ' {
                    stop -= 1;
                }
                let text = &self.text[i..stop];
                let kind = if is_null(text) {
                    NodeKind::Null
                } else {
                    NodeKind::Scalar {
                        text: text.to_string(),
                        plain: true,
                    }
                };
                // In a block the comment after it was read too.
                return Some((kind, if in_flow { stop } else { end }));
            }
        };
        Some((NodeKind::Scalar { text, plain: false }, after))
    }

    /// Where a plain scalar at `i` of a block ends: at a comment or the line's end.
    fn plain_end_in_block(&self, i: usize, end: usize) -> Option<usize> {
        let b = self.b;
        for j in i..end {
            match b[j] {
                b':' if j + 1 == end || b[j + 1] == b' ' => return None,
                b'#' if b[j - 1] == b' ' => return Some(j),
                _ => {}
            }
        }
        Some(end)
    }

    /// Where a plain scalar at `i` of a flow collection ends: before the next `,`, `]` or `}`.
    fn plain_end_in_flow(&self, i: usize, end: usize) -> Option<usize> {
        let b = self.b;
        let mut k = i;
        while k < end && !matches!(b[k], b',' | b']' | b'}') {
            // (saphyr refuses a `-` before a flow indicator after a space)
            if matches!(b[k], b':' | b'#' | b'[' | b'{')
                || (b[k] == b'-' && matches!(b.get(k + 1), Some(b',' | b']' | b'}')))
            {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    /// A flow collection (`[a, "b"]`, `{ k: v, l: [x] }`) that opens at `i` of `line` and
    /// closes on the same line.
    pub(super) fn flow_value(&mut self, line: Line, i: usize, depth: usize) -> Option<Node> {
        let mut cursor = Cursor {
            at: line.start,
            col: 1,
        };
        let (node, after) = self.flow(&line, i, depth, &mut cursor)?;
        if !self.rest_is_blank(after, line.end) {
            return None;
        }
        self.consume(line);
        Some(node)
    }

    /// A flow collection at `i`, and the offset after it. Its items are scalars and flow
    /// collections; the keys of a flow mapping are plain keys, as in block mappings.
    pub(super) fn flow(
        &mut self,
        line: &Line,
        i: usize,
        depth: usize,
        cursor: &mut Cursor,
    ) -> Option<(Node, usize)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let b = self.b;
        let end = line.end;
        let pos = Pos::new(line.number, cursor.col_at(b, i));
        let is_map = b[i] == b'{';
        let close = if is_map { b'}' } else { b']' };
        let (items, entries, keys) = (self.items.len(), self.entries.len(), self.keys.len());
        let mut j = self.skip_spaces(i + 1, end);
        if j < end && b[j] == close {
            j += 1;
        } else {
            loop {
                if j == end {
                    return None;
                }
                let key = if is_map {
                    let colon = self.key_end(j, end)?;
                    let key: &'a str = &self.text[j..colon];
                    // (a linear search for duplicates: long flow mappings are left to saphyr)
                    let text = self.text;
                    let seen = &self.keys[keys..];
                    if is_null(key) || seen.iter().any(|&(s, e)| &text[s..e] == key) || j - i > 4096
                    {
                        return None;
                    }
                    self.count()?;
                    let node = Node {
                        kind: NodeKind::Scalar {
                            text: key.to_string(),
                            plain: true,
                        },
                        pos: Pos::new(line.number, cursor.col_at(b, j)),
                    };
                    j = self.skip_spaces(colon + 1, end);
                    if j == end {
                        return None;
                    }
                    Some(((colon - key.len(), colon), node))
                } else {
                    None
                };
                let (node, after) = if matches!(b[j], b'[' | b'{') {
                    self.flow(line, j, depth + 1, cursor)?
                } else {
                    let (kind, after) = self.scalar(j, end, true)?;
                    self.count()?;
                    let pos = Pos::new(line.number, cursor.col_at(b, j));
                    (Node { kind, pos }, after)
                };
                match key {
                    Some((key, key_node)) => {
                        self.entries.push((key_node, node));
                        self.keys.push(key);
                    }
                    None => self.items.push(node),
                }
                j = self.skip_spaces(after, end);
                if j == end {
                    return None;
                }
                if b[j] == close {
                    j += 1;
                    break;
                }
                if b[j] != b',' {
                    return None;
                }
                j = self.skip_spaces(j + 1, end);
                if j == end || matches!(b[j], b',' | b']' | b'}') {
                    return None;
                }
            }
        }
        self.count()?;
        let kind = if is_map {
            self.keys.truncate(keys);
            NodeKind::Map(take_from(&mut self.entries, entries))
        } else {
            NodeKind::Seq(take_from(&mut self.items, items))
        };
        Some((Node { kind, pos }, j))
    }

    /// A literal (`|`) or folded (`>`) block scalar whose indicator is at `i` of `line`, read the
    /// way saphyr-parser reads it. `parent` is the column of the collection it is in; its lines
    /// must be indented further.
    pub(super) fn block_scalar(&mut self, line: Line, i: usize, parent: usize) -> Option<Node> {
        let b = self.b;
        let folded = b[i] == b'>';
        let mut h = i + 1;
        let chomp = match b.get(h).filter(|_| h < line.end) {
            Some(b'-') => {
                h += 1;
                Chomp::Strip
            }
            Some(b'+') => {
                h += 1;
                Chomp::Keep
            }
            _ => Chomp::Clip,
        };
        // An explicit indentation indicator, or anything else after the header, is left to
        // saphyr.
        if !self.rest_is_blank(h, line.end) {
            return None;
        }
        let mut at = line.after;
        let mut number = line.number + 1;
        // Leading blank lines, and the indentation of the first line with content.
        let mut blank_lines = 0;
        let mut max_indent = 0;
        let mut raw = loop {
            if at >= b.len() {
                return None;
            }
            let raw = self.raw_line(at);
            let spaces = raw.content - raw.start;
            max_indent = max_indent.max(spaces);
            if raw.content < raw.end {
                break raw;
            }
            if !raw.has_break {
                return None;
            }
            blank_lines += 1;
            at = raw.after;
            number += 1;
        };
        let indent = max_indent.max(parent + 1);
        if raw.content - raw.start != indent {
            return None;
        }
        let pos = Pos::new(number, indent + 1);
        self.count()?;

        let mut text = std::mem::take(&mut self.block);
        text.clear();
        let mut leading_break = false;
        let mut trailing_breaks = blank_lines;
        let mut leading_blank = false;
        // Whether the scalar runs to the end of the text, and the column it ends at there.
        let mut eof_col = None;
        loop {
            // A content line, at `indent`.
            let content = &self.text[raw.start + indent..raw.end];
            let trailing_blank = content.as_bytes()[0] == b' ';
            if folded && leading_break && !leading_blank && !trailing_blank {
                if trailing_breaks == 0 {
                    text.push(' ');
                }
            } else if leading_break {
                text.push('\n');
            }
            for _ in 0..trailing_breaks {
                text.push('\n');
            }
            leading_break = false;
            trailing_breaks = 0;
            leading_blank = trailing_blank;
            text.push_str(content);
            if !raw.has_break {
                eof_col = Some(indent + chars(content.as_bytes()));
                at = raw.after;
                break;
            }
            leading_break = true;
            at = raw.after;
            number += 1;
            // Blank lines, up to the next line with content at `indent` or the scalar's end.
            let next = loop {
                if at >= b.len() {
                    eof_col = Some(0);
                    break None;
                }
                let next = self.raw_line(at);
                let taken = (next.content - next.start).min(indent);
                if next.start + taken == next.end {
                    if next.has_break {
                        trailing_breaks += 1;
                        at = next.after;
                        number += 1;
                        continue;
                    }
                    eof_col = Some(taken);
                    at = next.after;
                    break None;
                }
                break (taken == indent).then_some(next);
            };
            match next {
                Some(next) => raw = next,
                None => break,
            }
        }
        if !matches!(chomp, Chomp::Strip) {
            if leading_break {
                text.push('\n');
            }
            if eof_col.is_some_and(|col| col >= indent.max(1)) {
                text.push('\n');
            }
        }
        if matches!(chomp, Chomp::Keep) {
            for _ in 0..trailing_breaks {
                text.push('\n');
            }
        }
        self.next = at;
        self.next_line = number;
        self.peeked = None;
        let node = Node {
            kind: NodeKind::Scalar {
                text: text.as_str().to_owned(),
                plain: false,
            },
            pos,
        };
        self.block = text;
        Some(node)
    }
}
