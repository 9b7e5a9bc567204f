//! The slips of a Chinese keyboard, named where they are: a full-width `：` `，` `［］` `｛｝` `－`
//! or space where YAML needs the ASCII one, a tab in the indentation, a missing space after `:`,
//! an unquoted `: ` or ` #` inside a value. A YAML parser sees these only as a broken structure,
//! often a line later, and says so in its terms. `yaml::parse_file` looks for them when the
//! parser fails or [`may_hide`] says a valid text may hold one, and `load` once a file's values
//! have errors. And, when the parser fails: a line that does not line up with its siblings.

use super::YamlError;
use crate::diagnostics::Pos;
use crate::messages::Msg;
use crate::msg;

/// A slip: an error, or a warning when the text still means something (a ` #` that starts a
/// comment may be meant as one).
pub struct Slip {
    pub error: YamlError,
    pub fatal: bool,
}

/// Whether a text that parses may still hold a slip that changes what it means without making
/// any of its values wrong: a ` #` after a value (which cuts it short), a full-width comma inside
/// a one-line list (which makes two items one). Vector searches over the text; almost every file
/// of a big site has neither. (The other slips leave a value of the wrong kind, reported as an
/// error, and then `find` names them.)
pub fn may_hide(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Where the line of the last list looked at ends: a line is looked at once, so a hostile
    // line of a million `[` stays linear.
    let mut looked_to = 0;
    for i in memchr::memchr2_iter(b'#', b'[', bytes) {
        if bytes[i] == b'#' {
            // ` #` after something on its line; a comment line or a Markdown heading in a block
            // has only indentation before its `#` (and only the first `#` looks back).
            let after_space = i > 0 && bytes[i - 1] == b' ';
            if after_space
                && bytes[..i]
                    .iter()
                    .rev()
                    .take_while(|b| **b != b'\n')
                    .any(|b| *b != b' ')
            {
                return true;
            }
        } else if i >= looked_to {
            let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |e| i + e);
            let list = &bytes[i..end];
            if memchr::memchr_iter(0xEF, list).any(|j| list[j..].starts_with("，".as_bytes())) {
                return true;
            }
            looked_to = end;
        }
    }
    false
}

/// Slips named in one file at most.
pub const MAX_SLIPS: usize = 50;

/// Every slip in `text`, line by line. The scan looks at the head of each line (indentation,
/// list marker, key) and at the start of values, never inside quoted or block text.
pub fn find(text: &str) -> Vec<Slip> {
    let mut slips = Vec::new();
    // Lines more indented than this are a block scalar's text (`key: |`).
    let mut block_scalar: Option<usize> = None;
    for (i, line) in lines(text).enumerate() {
        // A file of thousands of slips is named by its first ones.
        if slips.len() >= MAX_SLIPS {
            break;
        }
        let line_no = i + 1;
        // Nearly always spaces only, where bytes are characters.
        let spaces = line.bytes().take_while(|b| *b == b' ').count();
        let plain_indent = !line[spaces..].starts_with(['\t', '\u{3000}']);
        let content = if plain_indent {
            &line[spaces..]
        } else {
            line.trim_start_matches([' ', '\t', '\u{3000}'])
        };
        let indent = &line[..line.len() - content.len()];
        if content.is_empty() {
            continue;
        }
        let indent_width = if plain_indent {
            spaces
        } else {
            indent.chars().count()
        };
        if let Some(key_indent) = block_scalar {
            if indent_width > key_indent {
                continue;
            }
            block_scalar = None;
        }
        let at = |byte: usize| Pos::new(line_no, line[..byte].chars().count() + 1);
        if !content.starts_with('#') && !plain_indent {
            if let Some(tab) = indent.find('\t') {
                slips.push(fatal(
                    at(tab),
                    Msg::new("slip-tab"),
                    Msg::new("slip-tab-hint"),
                ));
            } else if let Some(space) = indent.find('\u{3000}') {
                let hint = Msg::new("slip-fullwidth-space-hint");
                slips.push(fatal(at(space), Msg::new("slip-fullwidth-space"), hint));
            }
        }
        if content.starts_with('#') || content.starts_with("---") || content.starts_with("...") {
            continue;
        }
        let mut rest_at = indent.len();
        let mut rest = content;
        // List markers, ASCII and full-width (the first full-width one of a line is named).
        let mut named = false;
        loop {
            if let Some(after) = rest.strip_prefix('－') {
                if !named {
                    let hint = Msg::new("slip-fullwidth-hyphen-hint");
                    slips.push(fatal(at(rest_at), Msg::new("slip-fullwidth-hyphen"), hint));
                    named = true;
                }
                let after_trim = after.trim_start_matches([' ', '\u{3000}']);
                rest_at += rest.len() - after_trim.len();
                rest = after_trim;
            } else if let Some(after) = rest.strip_prefix("- ") {
                let after_trim = after.trim_start_matches(' ');
                rest_at += rest.len() - after_trim.len();
                rest = after_trim;
            } else {
                break;
            }
        }
        let key_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
            .count();
        if key_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
            check_value(rest, rest_at, "", &at, &mut slips);
            continue;
        }
        let key = &rest[..key_len];
        let after_key = &rest[key_len..];
        let colon_at = rest_at + key_len;
        if let Some(after) = after_key.strip_prefix('：') {
            let message = msg!("slip-fullwidth-colon", key = key);
            let hint = msg!("slip-fullwidth-colon-hint", key = key);
            slips.push(fatal(at(colon_at), message, hint));
            let value = after.trim_start_matches([' ', '\u{3000}']);
            let value_at = colon_at + after.len() - value.len() + '：'.len_utf8();
            check_value(value, value_at, key, &at, &mut slips);
            continue;
        }
        let Some(after) = after_key.strip_prefix(':') else {
            continue;
        };
        match after.chars().next() {
            None | Some(' ') | Some('\t') => {}
            Some('\u{3000}') => {
                let message = msg!("slip-space-after-colon", key = key);
                let hint = msg!("slip-fullwidth-colon-hint", key = key);
                slips.push(fatal(at(colon_at + 1), message, hint));
                continue;
            }
            Some(_) => {
                let message = msg!("slip-no-space-after-colon", key = key);
                let hint = msg!("slip-no-space-after-colon-hint", key = key);
                slips.push(fatal(at(colon_at + 1), message, hint));
                continue;
            }
        }
        let value = after.trim_start_matches([' ', '\t']);
        let value_at = colon_at + 1 + after.len() - value.len();
        if value.starts_with('|') || value.starts_with('>') {
            block_scalar = Some(indent_width);
            continue;
        }
        check_value(value, value_at, key, &at, &mut slips);
    }
    slips
}

/// The start of a value: full-width brackets, full-width commas in a one-line list, and in plain
/// text an unquoted `: ` (which YAML reads as a key) or ` #` (which starts a comment).
fn check_value(
    value: &str,
    value_at: usize,
    key: &str,
    at: &dyn Fn(usize) -> Pos,
    slips: &mut Vec<Slip>,
) {
    let Some(first) = value.chars().next() else {
        return;
    };
    match first {
        // As a list or mapping is written, not text that starts with a bracket (`［注］…`).
        '［' | '｛' if value.trim_end().ends_with(['］', '｝']) => {
            let message = msg!("slip-fullwidth-bracket", found = first);
            let ascii = if first == '［' { "[ ]" } else { "{ }" };
            let hint = msg!("slip-fullwidth-bracket-hint", ascii = ascii);
            slips.push(fatal(at(value_at), message, hint));
        }
        // In a mapping's braces a full-width comma may be text (`{slogan: 创新，引领}`).
        '[' => {
            let flow = value.split(" #").next().unwrap_or(value);
            if let Some(comma) = flow.find('，') {
                let hint = Msg::new("slip-fullwidth-comma-hint");
                slips.push(fatal(
                    at(value_at + comma),
                    Msg::new("slip-fullwidth-comma"),
                    hint,
                ));
            }
        }
        '"' | '\'' | '|' | '>' | '&' | '*' | '!' | '#' | '{' => {}
        _ if key.is_empty() => {}
        _ => {
            // The first `: ` and the ` #` that starts a comment, in one pass over the bytes.
            let bytes = value.as_bytes();
            let (mut colon_found, mut hash_found) = (None, None);
            for i in memchr::memchr2_iter(b':', b'#', bytes) {
                if bytes[i] == b'#' && i > 0 && bytes[i - 1] == b' ' {
                    hash_found = Some(i - 1);
                    break;
                }
                let ends = matches!(bytes.get(i + 1), None | Some(b' '));
                if bytes[i] == b':' && ends && colon_found.is_none() {
                    colon_found = Some(i);
                }
            }
            let (text, comment) = match hash_found {
                Some(hash) => (&value[..hash], Some(hash + 1)),
                None => (value, None),
            };
            if let Some(colon) = colon_found {
                let message = msg!("slip-colon-in-value", key = key);
                let quoted = value.replace('"', "\\\"");
                let hint = msg!("slip-quote-value", key = key, value = quoted.trim_end());
                slips.push(fatal(at(value_at + colon), message, hint));
                return;
            }
            if let Some(hash) = comment {
                let after = &value[hash + 1..];
                // `# note` is a comment as people write them; `#1号楼` is text cut short.
                if !after.starts_with([' ', '#']) && !after.is_empty() {
                    let message = msg!(
                        "slip-hash-in-value",
                        key = key,
                        value = text.trim_end(),
                        comment = &value[hash..]
                    );
                    let quoted = value.replace('"', "\\\"");
                    let hint = msg!("slip-quote-value", key = key, value = quoted.trim_end());
                    slips.push(Slip {
                        error: YamlError {
                            pos: at(value_at + hash),
                            message,
                            hint: Some(hint),
                        },
                        fatal: false,
                    });
                }
            }
        }
    }
}

/// The lines of `text`, as `str::lines` cuts them (`\n` or `\r\n`), found with a vector search.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = ends.next().unwrap_or(text.len());
        let line = &text[start..end];
        start = end + 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

fn fatal(pos: Pos, message: Msg, hint: Msg) -> Slip {
    Slip {
        error: YamlError {
            pos,
            message,
            hint: Some(hint),
        },
        fatal: true,
    }
}

/// A line at or before `upto` whose indentation lines up with no open block: it falls between
/// two levels, or goes deeper where nothing opened. Named with the sibling it should align with.
pub fn misaligned(text: &str, upto: usize) -> Option<YamlError> {
    // Open levels: (indent, key or "-", line).
    let mut levels: Vec<(usize, String, usize)> = Vec::new();
    let mut opens = false;
    let mut block_scalar: Option<usize> = None;
    let name = |s: &str| s.split([':', ' ']).next().unwrap_or_default().to_string();
    for (i, line) in text.lines().enumerate().take(upto) {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') || content.starts_with('\t') {
            continue;
        }
        let indent = line.len() - content.len();
        if let Some(key_indent) = block_scalar {
            if indent > key_indent {
                continue;
            }
            block_scalar = None;
        }
        let deeper = levels.last().is_none_or(|(level, _, _)| indent > *level);
        if !(opens && deeper) {
            let mut popped = None;
            while levels.last().is_some_and(|(level, _, _)| *level > indent) {
                popped = levels.pop();
            }
            match (levels.last(), popped) {
                (Some((level, _, _)), _) if *level == indent => {
                    levels.pop();
                }
                (_, Some((level, sibling, sibling_line))) => {
                    return Some(misaligned_at(
                        i + 1,
                        indent,
                        &name(content),
                        level,
                        &sibling,
                        sibling_line,
                    ));
                }
                (Some((level, sibling, sibling_line)), None)
                    if content.contains(": ") || content.trim_end().ends_with(':') =>
                {
                    return Some(misaligned_at(
                        i + 1,
                        indent,
                        &name(content),
                        *level,
                        sibling,
                        *sibling_line,
                    ));
                }
                _ => {}
            }
        }
        // A list item opens its content's level, past the `- `.
        let mut at = indent;
        let mut rest = content;
        while let Some(after) = rest.strip_prefix("- ") {
            levels.push((at, "-".into(), i + 1));
            let trimmed = after.trim_start_matches(' ');
            at += rest.len() - trimmed.len();
            rest = trimmed;
        }
        let rest = rest.trim_end();
        levels.push((at, name(rest), i + 1));
        opens = rest.ends_with(':') || rest == "-";
        let value = rest.split_once(": ").map(|(_, v)| v.trim());
        if value.is_some_and(|v| v.starts_with('|') || v.starts_with('>')) {
            block_scalar = Some(indent);
        }
    }
    None
}

fn misaligned_at(
    line: usize,
    found: usize,
    key: &str,
    expected: usize,
    sibling: &str,
    sibling_line: usize,
) -> YamlError {
    YamlError {
        pos: Pos::new(line, found + 1),
        message: msg!(
            "slip-misaligned",
            found = found,
            sibling = sibling,
            line = sibling_line,
            expected = expected
        ),
        hint: Some(msg!("slip-misaligned-hint", key = key, sibling = sibling)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_file;
    use crate::diagnostics::Pos;
    use crate::messages::Lang;

    /// The first problem of `text`: where, and its message in both languages. A slip that leaves
    /// valid YAML is named once the file's values have errors (see `load::read_yaml`): here,
    /// straight from `find`.
    fn first(text: &str) -> (Pos, String, String) {
        let parsed = parse_file(text);
        let found = super::find(text);
        let e = parsed
            .errors
            .first()
            .or(parsed.warnings.first())
            .or(found.first().map(|s| &s.error))
            .expect("a problem");
        (e.pos, e.message.text(Lang::Zh), e.message.text(Lang::En))
    }

    #[test]
    fn full_width_colon_is_pointed_at() {
        let (pos, zh, en) = first("name: 测试园区\ndistrict： 浦东新区\n");
        assert_eq!(pos, Pos::new(2, 9));
        assert_eq!(zh, "`district` 后面是全角冒号 `：`，YAML 只认半角冒号 `:`");
        assert_eq!(
            en,
            "a full-width colon `：` after `district`: YAML needs the ASCII colon `:`"
        );
        // In a list item too, and whatever the value.
        let (pos, ..) = first("services:\n  - id： a\n");
        assert_eq!(pos, Pos::new(2, 7));
        // In text, a full-width colon is text.
        assert!(parse_file("summary: 地址：上海\n").errors.is_empty());
    }

    #[test]
    fn full_width_comma_brackets_hyphen_and_space() {
        let (pos, zh, en) = first("audience: [enterprise，talent]\n");
        assert_eq!(pos, Pos::new(1, 22));
        assert_eq!(
            zh,
            "列表中用了全角逗号 `，`，YAML 不把它当作分隔符，两项会连成一项"
        );
        assert_eq!(en, "a full-width comma `，` in a list: YAML does not read it as a separator, so two items become one");
        let (pos, zh, en) = first("audience: ［enterprise］\n");
        assert_eq!(pos, Pos::new(1, 11));
        assert_eq!(zh, "值以全角括号 `［` 开头，YAML 的列表和映射需要半角括号");
        assert_eq!(
            en,
            "the value starts with a full-width `［`: YAML lists and mappings need ASCII brackets"
        );
        let (pos, ..) = first("brand: ｛slogan: a｝\n");
        assert_eq!(pos, Pos::new(1, 8));
        // Text may start with a bracket, and hold a full-width comma in braces.
        assert!(super::find("summary: ［注］本园区位于浦东。\n").is_empty());
        assert!(super::find("brand: {slogan: 创新，引领}\n").is_empty());
        let (pos, zh, en) = first("services:\n  － id: a\n");
        assert_eq!(pos, Pos::new(2, 3));
        assert_eq!(zh, "列表项以全角 `－` 开头，YAML 需要半角 `-`");
        assert_eq!(
            en,
            "a list item starts with a full-width `－`: YAML needs the ASCII `-`"
        );
        let (pos, zh, en) = first("brand:\n\u{3000}\u{3000}slogan: a\n");
        assert_eq!(pos, Pos::new(2, 1));
        assert_eq!(zh, "缩进中有全角空格 `　`");
        assert_eq!(en, "a full-width space `　` in the indentation");
        let (pos, zh, en) = first("name:\u{3000}张江\n");
        assert_eq!(pos, Pos::new(1, 6));
        assert_eq!(zh, "`name:` 后面是全角空格，YAML 需要半角空格");
        assert_eq!(
            en,
            "a full-width space after `name:`: YAML needs an ASCII space"
        );
    }

    #[test]
    fn tabs_and_missing_spaces() {
        let (pos, zh, en) = first("brand:\n  slogan: a\n\tfeatures: []\n");
        assert_eq!(pos, Pos::new(3, 1));
        assert_eq!(zh, "缩进中有制表符（Tab）");
        assert_eq!(en, "a tab in the indentation");
        let (pos, zh, en) = first("level:national\n");
        assert_eq!(pos, Pos::new(1, 7));
        assert_eq!(zh, "`level:` 后面缺少空格，YAML 会把整行当作一个值");
        assert_eq!(
            en,
            "no space after `level:`, so YAML reads the whole line as one value"
        );
        // A tab inside a value, or a colon in a quoted value or a block, is text.
        assert!(
            parse_file("name: \"a: b\"\nsummary: |\n  地址: 上海\n  #1\n")
                .errors
                .is_empty()
        );
    }

    #[test]
    fn unquoted_colon_and_hash_in_a_value() {
        let (pos, zh, en) = first("summary: 地址: 上海\n");
        assert_eq!(pos, Pos::new(1, 12));
        assert_eq!(
            zh,
            "`summary` 的值中有未加引号的 `: `，YAML 会把它读成新的键"
        );
        assert_eq!(
            en,
            "the value of `summary` holds an unquoted `: `, which YAML reads as a new key"
        );
        let parsed = parse_file("summary: 地址: 上海\n");
        assert_eq!(
            parsed.errors[0].hint.as_ref().unwrap().text(Lang::En),
            "quote the whole value: `summary: \"地址: 上海\"`"
        );
        // A `#` right after a space starts a comment: the value is cut short. A warning, as
        // `# note` (with its space) is how comments are written.
        let parsed = parse_file("name: 张江 #1号楼\nlevel: national # 国家级\n");
        assert!(parsed.errors.is_empty());
        assert_eq!(parsed.warnings.len(), 1);
        let w = &parsed.warnings[0];
        assert_eq!(w.pos, Pos::new(1, 10));
        assert_eq!(
            w.message.text(Lang::Zh),
            "` #` 之后是注释，所以 `name` 的值只是 `张江`，`#1号楼` 被忽略"
        );
        assert_eq!(
            w.message.text(Lang::En),
            "` #` starts a comment, so `name` is only `张江` and `#1号楼` is dropped"
        );
    }

    #[test]
    fn what_valid_yaml_may_hide_is_noticed() {
        use super::may_hide;
        for text in ["name: 张江 #1号楼\n", "audience: [enterprise，talent]\n"] {
            assert!(may_hide(text), "{text:?}");
        }
        for text in [
            "summary: |\n  ## 园区概况\n  地址：上海，浦东。\n",
            "# comment\nname: 张江（浦东）、临港。\n",
            "audience: [enterprise, talent]\nnote: 甲，乙\n",
            "brand: {slogan: 创新，引领}\n",
            "",
        ] {
            assert!(!may_hide(text), "{text:?}");
        }
    }

    /// Hostile texts: one long line of slips, and many lines of them, are read once.
    #[test]
    fn many_slips_are_named_by_the_first_ones() {
        let long = "－ ".repeat(200_000);
        assert_eq!(super::find(&long).len(), 1);
        let many = "a： b\n".repeat(100_000);
        assert_eq!(super::find(&many).len(), super::MAX_SLIPS);
        let hashes = format!("a: b {}\n", "#".repeat(1_000_000));
        assert!(super::may_hide(&hashes));
        let opens = format!("a: {}\n", "[".repeat(1_000_000));
        assert!(!super::may_hide(&opens));
    }

    #[test]
    fn lines_are_cut_as_str_lines_cuts_them() {
        for text in ["", "a", "a\n", "a\r\nb", "\n\nc\r\n", "地址\n上海"] {
            assert_eq!(
                super::lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_line_out_of_line_with_its_siblings() {
        let text = "services:\n  - id: a\n    name: b\n   system: c\n";
        let (pos, zh, en) = first(text);
        assert_eq!(pos, Pos::new(4, 4));
        assert_eq!(
            zh,
            "这一行缩进了 3 个空格，与同级的 `name`（第 3 行，缩进 4 个空格）没有对齐"
        );
        assert_eq!(
            en,
            "this line is indented by 3 spaces; its sibling `name` on line 3 is indented by 4"
        );
        let parsed = parse_file(text);
        assert_eq!(
            parsed.errors[0].hint.as_ref().unwrap().text(Lang::En),
            "align `system` with `name` (the same number of spaces)"
        );
        // Deeper where nothing opened.
        let (pos, _, en) = first("name: a\n  level: national\n");
        assert_eq!(pos, Pos::new(2, 3));
        assert!(
            en.contains("sibling `name` on line 1 is indented by 0"),
            "{en}"
        );
    }
}
