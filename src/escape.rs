//! Escaping text for HTML and for JSON strings, the innermost loop of writing a site: a 10,000-park
//! build escapes about a gigabyte. Runs that need no escaping are found sixteen bytes at a time.

/// Escapes what HTML needs escaped in text and quoted attributes. Tera's default also escapes
/// `/`, which is safe but makes every relative link three times longer.
pub fn html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 16);
    html_into(&mut out, input);
    out
}

/// Appends `input` to `out`, escaping what HTML needs escaped in text and quoted attributes
/// (`&`, `<`, `>`, `"`, `'`).
pub fn html_into(out: &mut String, input: &str) {
    let bytes = input.as_bytes();
    let mut start = 0;
    loop {
        let at = find(bytes, start, Special::Html);
        // The bytes found are ASCII, so every run between them is whole UTF-8.
        out.push_str(&input[start..at]);
        let Some(&b) = bytes.get(at) else { return };
        out.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        start = at + 1;
    }
}

/// Appends `input` to `out` as a JSON string, quotes included, escaped exactly as `serde_json`
/// escapes it.
pub fn json_string_into(out: &mut Vec<u8>, input: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = input.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    loop {
        let at = find(bytes, start, Special::Json);
        out.extend_from_slice(&bytes[start..at]);
        let Some(&b) = bytes.get(at) else { break };
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\x08' => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\x0c' => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 15)],
            ]),
        }
        start = at + 1;
    }
    out.push(b'"');
}

#[derive(Clone, Copy)]
enum Special {
    Html,
    Json,
}

#[cfg(any(test, not(target_arch = "x86_64")))]
impl Special {
    fn matches(self, b: u8) -> bool {
        match self {
            Special::Html => matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''),
            Special::Json => b < 0x20 || b == b'"' || b == b'\\',
        }
    }
}

/// The index of the first byte at or after `from` that `special` escapes, or `bytes.len()`.
fn find(bytes: &[u8], from: usize, special: Special) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let len = bytes.len();
        let mut i = from;
        while i + 16 <= len {
            // SAFETY: the 16 bytes at `i` are in `bytes`.
            let mask = unsafe { specials_in_16(bytes.as_ptr().add(i), special) };
            if mask != 0 {
                return i + mask.trailing_zeros() as usize;
            }
            i += 16;
        }
        if i == len {
            return len;
        }
        // Fewer than 16 bytes are left: look at the text's last 16 and drop those before `i`,
        // or, in a shorter text, at a copy padded with a byte that is never special.
        let rest = len - i;
        let mask = if len >= 16 {
            // SAFETY: the last 16 bytes of `bytes`.
            unsafe { specials_in_16(bytes.as_ptr().add(len - 16), special) >> (16 - rest) }
        } else {
            let mut block = [b'a'; 16];
            block[..rest].copy_from_slice(&bytes[i..]);
            // SAFETY: `block` holds 16 bytes.
            unsafe { specials_in_16(block.as_ptr(), special) & ((1 << rest) - 1) }
        };
        if mask != 0 {
            i + mask.trailing_zeros() as usize
        } else {
            len
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let mut i = from;
        while i < bytes.len() && !special.matches(bytes[i]) {
            i += 1;
        }
        i
    }
}

/// A bit for each of the 16 bytes at `at` that `special` escapes.
///
/// # Safety
/// The 16 bytes at `at` must be readable.
#[cfg(target_arch = "x86_64")]
unsafe fn specials_in_16(at: *const u8, special: Special) -> u32 {
    // SSE2 is part of x86_64, so these intrinsics are always available.
    use std::arch::x86_64::*;
    let splat = |b: u8| _mm_set1_epi8(b as i8);
    let x = _mm_loadu_si128(at.cast::<__m128i>());
    let hits = match special {
        Special::Html => _mm_or_si128(
            _mm_or_si128(
                _mm_cmpeq_epi8(x, splat(b'&')),
                _mm_cmpeq_epi8(x, splat(b'<')),
            ),
            _mm_or_si128(
                _mm_or_si128(
                    _mm_cmpeq_epi8(x, splat(b'>')),
                    _mm_cmpeq_epi8(x, splat(b'"')),
                ),
                _mm_cmpeq_epi8(x, splat(b'\'')),
            ),
        ),
        Special::Json => {
            // max(x, 0x1f) == 0x1f exactly when x <= 0x1f, unsigned.
            let control = _mm_cmpeq_epi8(_mm_max_epu8(x, splat(0x1f)), splat(0x1f));
            _mm_or_si128(
                control,
                _mm_or_si128(
                    _mm_cmpeq_epi8(x, splat(b'"')),
                    _mm_cmpeq_epi8(x, splat(b'\\')),
                ),
            )
        }
    };
    _mm_movemask_epi8(hits) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_needs() {
        assert_eq!(
            html(r#"<a href="x">'园区' & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;园区&#39; &amp; co&lt;/a&gt;"
        );
        assert_eq!(html("纯文本"), "纯文本");
        assert_eq!(html(""), "");
    }

    fn samples() -> Vec<String> {
        // Every special byte at every offset of a 40-byte text mixing ASCII and CJK.
        let base = "园区 park 服务 & more text 园区园区园区 abc";
        let mut out = vec![String::new(), base.to_string()];
        for special in [
            '&', '<', '>', '"', '\'', '\\', '\n', '\t', '\r', '\x08', '\x0c', '\x01', '\x1f',
            '\x7f', '/',
        ] {
            for (at, _) in base.char_indices() {
                let mut s = base.to_string();
                s.insert(at, special);
                out.push(s.clone());
                s.push(special);
                out.push(s);
            }
        }
        // And every prefix of those: each length around the sixteen-byte blocks, with the
        // special byte in the last, partial one.
        let prefixes: Vec<String> = out
            .iter()
            .flat_map(|s| {
                s.char_indices()
                    .map(|(at, _)| s[..at].to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        out.extend(prefixes);
        out
    }

    #[test]
    fn found_where_a_byte_by_byte_scan_finds() {
        for s in samples() {
            let bytes = s.as_bytes();
            for special in [Special::Html, Special::Json] {
                for from in 0..=bytes.len() {
                    let scalar = (from..bytes.len())
                        .find(|&i| special.matches(bytes[i]))
                        .unwrap_or(bytes.len());
                    assert_eq!(find(bytes, from, special), scalar, "{s:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn json_strings_are_what_serde_json_writes() {
        for s in samples() {
            let mut ours = Vec::new();
            json_string_into(&mut ours, &s);
            assert_eq!(ours, serde_json::to_vec(&s).unwrap(), "{s:?}");
        }
        for b in 0..=0x7fu8 {
            let s = char::from(b).to_string().repeat(20);
            let mut ours = Vec::new();
            json_string_into(&mut ours, &s);
            assert_eq!(ours, serde_json::to_vec(&s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn html_escapes_the_five_characters_anywhere() {
        let slow = |s: &str| {
            s.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect::<String>()
        };
        for s in samples() {
            let mut ours = String::new();
            html_into(&mut ours, &s);
            assert_eq!(ours, slow(&s), "{s:?}");
        }
    }
}
