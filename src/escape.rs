//! Escaping text for HTML, in one place: the pages' formatter, the charts and `serve`'s error
//! overlay all use it.

use std::fmt::{self, Write};

/// Writes `text` to `out`, escaping what HTML needs escaped in text and quoted attributes (`&`,
/// `<`, `>`, `"`, `'`). Not `/`: it is safe, and escaping it makes every relative link three
/// times longer.
pub fn html_into(out: &mut impl Write, text: &str) -> fmt::Result {
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The bytes escaped are ASCII, so every run between them is whole UTF-8.
        out.write_str(&text[start..at])?;
        out.write_str(entity)?;
        start = at + 1;
    }
    out.write_str(&text[start..])
}

/// `text` escaped for HTML (see `html_into`).
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let _ = html_into(&mut out, text);
    out
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
        assert_eq!(html("../a/b.html"), "../a/b.html");
    }

    #[test]
    fn every_special_byte_is_escaped_at_every_offset() {
        // Every special byte at every offset, in texts of several lengths.
        for len in [1, 15, 63, 64, 65, 200] {
            for at in 0..len {
                for (special, entity) in [
                    ("&", "&amp;"),
                    ("<", "&lt;"),
                    (">", "&gt;"),
                    ("\"", "&quot;"),
                    ("'", "&#39;"),
                ] {
                    let mut text = "a".repeat(len);
                    text.replace_range(at..at + 1, special);
                    let expected =
                        ["a".repeat(at), entity.to_string(), "a".repeat(len - at - 1)].concat();
                    assert_eq!(html(&text), expected, "{special} at {at} of {len}");
                }
            }
        }
        let prose = "园区提供“一站式”服务 <b>与</b> 企业 & 人才".repeat(8);
        assert_eq!(
            html(&prose),
            prose
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        );
    }
}
