//! Checks shared by the fuzz targets: what must hold of any output, whatever the input.
#![allow(dead_code)]

use parkbook::diagnostics::{Diagnostics, Severity};

/// Every error has a position, and an error in `path` points inside `text`.
pub fn assert_positioned(diags: &Diagnostics, path: &str, text: &str) {
    // Lines as YAML and Markdown count them: `\n`, `\r\n` and a lone `\r` each end one.
    let lines =
        1 + text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count();
    let chars = text.chars().count();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        let Some(pos) = d.pos else {
            panic!("error without a position: {d}");
        };
        assert!(pos.line >= 1 && pos.col >= 1, "position 0: {d}");
        if d.path == path {
            assert!(
                pos.line <= lines && pos.col <= chars + 1,
                "position outside the file ({lines} lines, {chars} chars): {d}"
            );
        }
    }
}

/// Rendered Markdown holds no live script: no script-capable element, no event handler
/// attribute, no script or data URL in a link or source.
pub fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "<script in {html:?}");
    for (name, attrs) in tags(html) {
        let forbidden = [
            "script", "iframe", "object", "embed", "style", "applet", "frame", "frameset", "base",
            "form", "marquee", "svg", "math", "meta", "link", "textarea", "details",
        ];
        assert!(
            !forbidden.contains(&name.as_str()),
            "live <{name}> in {html:?}"
        );
        for (attr, value) in attrs {
            assert!(
                !attr.starts_with("on") && attr != "style" && attr != "srcdoc",
                "attribute `{attr}` on <{name}> in {html:?}"
            );
            let seen = url_as_seen(&value);
            // `javascript:` deeper in a path (`../parks/javascript:x`) is a file name, not a
            // scheme: only what a browser takes as the scheme matters.
            assert!(
                scheme_of(&seen) != Some("javascript"),
                "javascript: in <{name} {attr}=\"{value}\"> in {html:?}"
            );
            if [
                "href",
                "src",
                "action",
                "formaction",
                "srcset",
                "data",
                "poster",
            ]
            .contains(&attr.as_str())
            {
                for scheme in ["vbscript:", "data:"] {
                    assert!(
                        !seen.starts_with(scheme),
                        "<{name} {attr}=\"{value}\"> in {html:?}"
                    );
                }
            }
        }
    }
}

/// The scheme a browser reads in a URL: what comes before the first `:`, when no `/`, `?` or
/// `#` comes before that.
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let before = &url[..colon];
    (!before.contains(['/', '?', '#'])).then_some(before)
}

/// Each tag of an HTML text: its name and attributes (name, value), lowercased names.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off + 1;
        i = start;
        if !bytes.get(start).is_some_and(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        let mut j = start;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let a = j;
            while j < bytes.len() && !b" \t\n\r/>=".contains(&bytes[j]) {
                j += 1;
            }
            let attr = html[a..j].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                match bytes.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[j + 1..]
                            .find(q as char)
                            .map_or(bytes.len(), |e| j + 1 + e);
                        value = html[j + 1..end].to_string();
                        j = (end + 1).min(bytes.len());
                    }
                    _ => {
                        let v = j;
                        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>'
                        {
                            j += 1;
                        }
                        value = html[v..j].to_string();
                    }
                }
            }
            attrs.push((attr, value));
        }
        i = j;
        found.push((name, attrs));
    }
    found
}

/// An attribute value as a browser would see it: entities decoded, whitespace and control
/// characters dropped, lowercased.
fn url_as_seen(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            if let Some(end) = rest.find(';') {
                let entity = &rest[1..end];
                let decoded = match entity {
                    "colon" => Some(':'),
                    "amp" => Some('&'),
                    "tab" | "newline" => Some(' '),
                    e if e.starts_with("#x") || e.starts_with("#X") => {
                        u32::from_str_radix(&e[2..], 16)
                            .ok()
                            .and_then(char::from_u32)
                    }
                    e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
                    _ => None,
                };
                if let Some(d) = decoded {
                    out.push(d);
                    rest = &rest[end + 1..];
                    continue;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}
