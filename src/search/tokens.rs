//! Tokens: text folded as `search.js` folds it, cut into CJK pairs and word prefixes, and the
//! compact encoding of postings.

use super::*;

/// The one-to-one character folding of `search.js`: ASCII and full-width forms to lowercase
/// ASCII, the ideographic space to a space, other letters to their single lowercase letter.
pub fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\0'..='\u{7F}' => c,
        _ if is_cjk(c) => c,
        '\u{FF01}'..='\u{FF5E}' => fold(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
        '\u{3000}' => ' ',
        _ if c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf16() == c.len_utf16() => l,
                _ => c,
            }
        }
        _ => c,
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

pub(super) fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// A token as the indexer sees it: a CJK pair (or a run's last character, paired with `\0`)
/// packed in a number, or a prefix of a Latin word.
pub enum Token<'a> {
    Cjk(u64),
    Word(&'a str),
}

pub(super) fn pack(a: char, b: char) -> u64 {
    (u64::from(a) << 21) | u64::from(b)
}

pub(super) fn unpack(key: u64) -> String {
    let a = char::from_u32((key >> 21) as u32).unwrap_or('\u{FFFD}');
    match (key & 0x1F_FFFF) as u32 {
        0 => a.to_string(),
        b => [a, char::from_u32(b).unwrap_or('\u{FFFD}')]
            .iter()
            .collect(),
    }
}

/// Calls `emit` with every token of `text` (folded), repeats included: each pair of adjacent
/// CJK characters and the last character of each CJK run; the 2- to 12-character prefixes of
/// each word (letters and digits, with `.` between digits).
pub fn scan(text: &str, mut emit: impl FnMut(Token)) {
    let mut word = String::new();
    let mut word_len = 0;
    let mut last = '\0';
    let mut cjk: Option<char> = None;
    let mut chars = text.chars().map(fold).peekable();
    while let Some(c) = chars.next() {
        if is_cjk(c) {
            word_len = 0;
            if let Some(p) = cjk {
                emit(Token::Cjk(pack(p, c)));
            }
            cjk = Some(c);
            continue;
        }
        if let Some(p) = cjk.take() {
            emit(Token::Cjk(pack(p, '\0')));
        }
        let number_dot = c == '.'
            && word_len > 0
            && last.is_ascii_digit()
            && chars.peek().is_some_and(|n| n.is_ascii_digit());
        if is_word(c) || number_dot {
            if word_len == 0 {
                word.clear();
            }
            word_len += 1;
            last = c;
            if word_len <= MAX_PREFIX {
                word.push(c);
                if word_len >= 2 {
                    emit(Token::Word(&word));
                }
            }
        } else {
            word_len = 0;
        }
    }
    if let Some(p) = cjk {
        emit(Token::Cjk(pack(p, '\0')));
    }
}

/// A 32-bit mix of a code point; the same in `search.js`.
pub(super) fn mix(x: u32) -> u32 {
    let mut h = x.wrapping_mul(0x9E37_79B1);
    h ^= h >> 15;
    h = h.wrapping_mul(0x85EB_CA77);
    h ^ (h >> 13)
}

/// The postings shard of a token: a hash of its first character, so that all the tokens that
/// start with a character are in one shard (a one-character query reads one shard) — except for
/// the characters of `split`, too common for that, whose tokens are placed by a hash of the whole
/// token. The same in `search.js`.
pub fn shard_of(token: &str, split: &str, shards: u32) -> u32 {
    let mut h = 0;
    for (i, c) in token.chars().enumerate() {
        h = mix(h ^ c as u32);
        if i == 0 && !split.contains(c) {
            break;
        }
    }
    h % shards
}

/// Digits of the postings encoding: 5 bits each, most significant first; `+32` on all but a
/// number's last digit. JSON-safe, so a list is one short string.
pub(super) const DIGITS: &[u8; 64] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

pub fn encode(numbers: impl IntoIterator<Item = u32>, out: &mut String) {
    let mut groups = [0u8; 7];
    for n in numbers {
        let mut n = n;
        let mut len = 0;
        loop {
            groups[len] = (n & 31) as u8;
            len += 1;
            n >>= 5;
            if n == 0 {
                break;
            }
        }
        for i in (0..len).rev() {
            let more = if i > 0 { 32 } else { 0 };
            out.push(DIGITS[usize::from(groups[i] + more)] as char);
        }
    }
}
