//! Checks shared by the fuzz targets: what must hold of any output, whatever the input.
#![allow(dead_code)]

use parkbook::diagnostics::{Diagnostics, Severity};

#[path = "../../../tests/common/html.rs"]
mod html;
use html::tags;

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
