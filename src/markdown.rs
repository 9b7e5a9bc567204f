//! Markdown → HTML that is safe to put on a page, whoever wrote the Markdown.
//!
//! Raw HTML is shown as text; only http(s), mailto and tel links and relative links survive;
//! links to `/path` are made relative to the page so the site works under any prefix and from
//! disk; terms of the glossary are linked to their definition at their first use in each text.

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// Links glossary terms where they appear in text.
pub struct TermLinker {
    matcher: Option<AhoCorasick>,
    /// For each pattern, the term number it links to.
    numbers: Vec<String>,
}

impl TermLinker {
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let (patterns, numbers): (Vec<&str>, Vec<String>) = terms
            .into_iter()
            .filter(|(t, _)| !t.is_empty())
            .map(|(t, n)| (t, n.to_string()))
            .unzip();
        let matcher = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .ok()
        };
        TermLinker { matcher, numbers }
    }

    pub fn none() -> Self {
        TermLinker {
            matcher: None,
            numbers: Vec::new(),
        }
    }
}

/// How one text is rendered on one page.
pub struct RenderOptions<'a> {
    /// Path from the page to the site root, e.g. `../../`.
    pub root: &'a str,
    pub terms: &'a TermLinker,
    /// The term number whose own definition this is: it does not link to itself.
    pub skip_term: Option<&'a str>,
    /// Added to heading levels, so a park's `#` does not compete with the page's title.
    pub heading_shift: u8,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

pub fn render(markdown: &str, opts: &RenderOptions) -> String {
    render_html(markdown, opts).into_string()
}

/// Rendered Markdown. A plain paragraph, which most park-written text is, stays a borrow of its
/// source until it is written into a page: a big site's descriptions are not copied once more.
pub enum Html<'a> {
    Paragraph(&'a str),
    Rendered(String),
}

impl Html<'_> {
    pub fn is_empty(&self) -> bool {
        match self {
            Html::Paragraph(_) => false,
            Html::Rendered(html) => html.is_empty(),
        }
    }

    pub fn write_into(&self, out: &mut String) {
        match self {
            Html::Paragraph(text) => {
                out.push_str("<p>");
                out.push_str(text);
                out.push_str("</p>\n");
            }
            Html::Rendered(html) => out.push_str(html),
        }
    }

    pub fn into_string(self) -> String {
        match self {
            Html::Paragraph(_) => {
                let mut html = String::new();
                self.write_into(&mut html);
                html
            }
            Html::Rendered(html) => html,
        }
    }
}

impl serde::Serialize for Html<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Html::Paragraph(_) => {
                let mut html = String::new();
                self.write_into(&mut html);
                serializer.serialize_str(&html)
            }
            Html::Rendered(html) => serializer.serialize_str(html),
        }
    }
}

pub fn render_html<'a>(markdown: &'a str, opts: &RenderOptions) -> Html<'a> {
    // Most park-written descriptions are one sentence of plain text: those skip the parser.
    if let Some(text) = plain_paragraph(markdown) {
        let no_terms = opts
            .terms
            .matcher
            .as_ref()
            .is_none_or(|m| m.find(text).is_none());
        if no_terms {
            return Html::Paragraph(text);
        }
    }
    Html::Rendered(render_parsed(markdown, opts))
}

/// The text of a Markdown source that renders as exactly one paragraph of itself: one line, no
/// character with a meaning in Markdown or HTML, not starting like a block. `None` does not mean
/// the text is not plain, only that the parser must decide.
pub fn plain_paragraph(markdown: &str) -> Option<&str> {
    let text = markdown.strip_suffix('\n').unwrap_or(markdown);
    let first = text.chars().next()?;
    let last = text.chars().next_back()?;
    if first.is_whitespace() || last.is_whitespace() || first.is_ascii_digit() {
        return None;
    }
    (!has_special(text.as_bytes())).then_some(text)
}

fn has_special(bytes: &[u8]) -> bool {
    // Chinese text is all bytes of 0x80 and above, none of them special: sixteen (or eight) bytes
    // at a time, only the ASCII ones (a digit here and there) are looked up.
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        while i + 16 <= bytes.len() {
            // SAFETY: SSE2 is part of x86_64; the 16 bytes at `i` are in `bytes`.
            let high = unsafe {
                _mm_movemask_epi8(_mm_loadu_si128(bytes.as_ptr().add(i).cast::<__m128i>()))
            };
            let mut ascii = !high as u32 & 0xFFFF;
            while ascii != 0 {
                if SPECIAL[usize::from(bytes[i + ascii.trailing_zeros() as usize])] {
                    return true;
                }
                ascii &= ascii - 1;
            }
            i += 16;
        }
    }
    let mut chunks = bytes[i..].chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let mut ascii = !word & 0x8080_8080_8080_8080;
        while ascii != 0 {
            let at = ascii.trailing_zeros() as usize / 8;
            if SPECIAL[usize::from(chunk[at])] {
                return true;
            }
            ascii &= ascii - 1;
        }
    }
    chunks.remainder().iter().any(|&b| SPECIAL[usize::from(b)])
}

/// Bytes that may mean something to Markdown or HTML: controls and the ASCII punctuation that
/// starts emphasis, code, links, HTML, entities, headings, lists, tables, strikethrough or maths.
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0x7F] = true;
    let punctuation = b"\\`*_[]<>&!#|~-+=:$";
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = true;
        i += 1;
    }
    table
};

fn render_parsed(markdown: &str, opts: &RenderOptions) -> String {
    let mut linked: Vec<bool> = vec![false; opts.terms.numbers.len()];
    let mut link_depth = 0usize;
    let mut heading_depth = 0usize;
    let mut events: Vec<Event> = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            // Raw HTML from content is shown, never interpreted.
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Text(h)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                link_depth += 1;
                let dest_url = safe_url(&dest_url, opts.root, link_type);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                events.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = safe_url(&dest_url, opts.root, link_type);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading_depth += 1;
                let level = shift(level, opts.heading_shift);
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                heading_depth = heading_depth.saturating_sub(1);
                events.push(Event::End(TagEnd::Heading(shift(
                    level,
                    opts.heading_shift,
                ))));
            }
            Event::Text(text) if link_depth == 0 && heading_depth == 0 => {
                link_terms(text, opts, &mut linked, &mut events);
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

fn shift(level: HeadingLevel, by: u8) -> HeadingLevel {
    let n = (level as usize + by as usize).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

fn link_terms<'a>(
    text: CowStr<'a>,
    opts: &RenderOptions,
    linked: &mut [bool],
    events: &mut Vec<Event<'a>>,
) {
    let Some(matcher) = &opts.terms.matcher else {
        events.push(Event::Text(text));
        return;
    };
    let mut last = 0;
    for m in matcher.find_iter(text.as_ref()) {
        let i = m.pattern().as_usize();
        let number = &opts.terms.numbers[i];
        if linked[i] || opts.skip_term == Some(number.as_str()) {
            continue;
        }
        linked[i] = true;
        if m.start() > last {
            events.push(Event::Text(CowStr::from(text[last..m.start()].to_string())));
        }
        let href = format!("{}terms/index.html#term-{number}", opts.root);
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: href.into(),
            title: "术语定义".into(),
            id: "".into(),
        }));
        events.push(Event::Text(CowStr::from(
            text[m.start()..m.end()].to_string(),
        )));
        events.push(Event::End(TagEnd::Link));
        last = m.end();
    }
    if last == 0 {
        events.push(Event::Text(text));
    } else if last < text.len() {
        events.push(Event::Text(CowStr::from(text[last..].to_string())));
    }
}

/// Keeps only addresses that cannot run script; `/x` becomes `root + x`.
fn safe_url<'a>(url: &str, root: &str, link_type: LinkType) -> CowStr<'a> {
    if matches!(link_type, LinkType::Email) {
        return format!("mailto:{url}").into();
    }
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect();
    let lower = trimmed.to_ascii_lowercase();
    if let Some(scheme_end) = lower.find(':') {
        let before_path = lower
            .find(['/', '?', '#'])
            .is_none_or(|slash| scheme_end < slash);
        if before_path {
            let scheme = &lower[..scheme_end];
            return if ["http", "https", "mailto", "tel"].contains(&scheme) {
                url.to_string().into()
            } else {
                "#".into()
            };
        }
    }
    if let Some(path) = url.strip_prefix('/') {
        if !path.starts_with('/') && !path.starts_with('\\') {
            return format!("{root}{}", with_index(path)).into();
        }
        return "#".into();
    }
    url.to_string().into()
}

/// `parks/x/` → `parks/x/index.html`, so links also work from `file://`.
fn with_index(path: &str) -> String {
    let (path, fragment) = match path.find(['#', '?']) {
        Some(i) => path.split_at(i),
        None => (path, ""),
    };
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html{fragment}")
    } else {
        format!("{path}{fragment}")
    }
}

/// Plain text of a Markdown text (for summaries in lists and meta descriptions).
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scheme_deeper_in_a_site_path_is_only_a_file_name() {
        // Found by the fuzzers, and inert: a browser reads a scheme only before the first `/`.
        let terms = TermLinker::none();
        let html = render(
            "[站内](/parks/javascript:alpha) [链接](javascript:alert(3))",
            &opts(&terms),
        );
        assert!(
            html.contains(r#"<a href="../../parks/javascript:alpha">站内</a>"#),
            "{html}"
        );
        assert!(html.contains(r##"<a href="#">链接</a>"##), "{html}");
    }

    #[test]
    fn special_bytes_are_found_at_every_offset() {
        let base = "园区服务体系 park 1 服务。园区园区 abc 园区园区园区";
        for b in 0u8..0x80 {
            for at in (0..=base.len()).filter(|&i| base.is_char_boundary(i)) {
                let mut text = base.to_string();
                text.insert(at, char::from(b));
                let naive = text.bytes().any(|x| SPECIAL[usize::from(x)]);
                assert_eq!(has_special(text.as_bytes()), naive, "{text:?}");
            }
        }
        assert!(!has_special(base.as_bytes()));
    }

    #[test]
    fn the_plain_paragraph_shortcut_renders_what_the_parser_would() {
        let terms = TermLinker::new([("集成服务商", "3.2")]);
        // Every text made of up to three pieces of this palette: taken or not by the shortcut,
        // its HTML must be the parser's.
        let palette = [
            "孵化器",
            "a",
            " ",
            "\n",
            "1",
            "1.",
            "“引号”",
            "\"",
            "'",
            "*",
            "_",
            "<b>",
            "&amp;",
            "#",
            "-",
            "|",
            "`",
            "[x](y)",
            "\u{3000}",
            "。",
            "é",
            "集成服务商",
            "\t",
            ":",
            "http://x.cn",
            "=",
            "~",
            "!",
            ">",
            "\\",
            "(",
            "%",
            "😀",
        ];
        let mut taken = 0;
        for a in palette {
            for b in palette {
                for c in palette {
                    let text = format!("{a}{b}{c}");
                    let fast = render(&text, &opts(&terms));
                    let slow = render_parsed(&text, &opts(&terms));
                    assert_eq!(fast, slow, "{text:?}");
                    taken += usize::from(plain_paragraph(&text).is_some());
                }
            }
        }
        assert!(taken > 1000, "the shortcut took only {taken} texts");
        assert_eq!(
            render(
                "为初创企业提供孵化空间、创业导师和天使投资对接。\n",
                &opts(&terms)
            ),
            "<p>为初创企业提供孵化空间、创业导师和天使投资对接。</p>\n"
        );
    }

    fn opts<'a>(terms: &'a TermLinker) -> RenderOptions<'a> {
        RenderOptions {
            root: "../../",
            terms,
            skip_term: None,
            heading_shift: 0,
        }
    }

    #[test]
    fn raw_html_is_text() {
        let none = TermLinker::none();
        let html = render(
            "hi <script>alert(1)</script> <img src=x onerror=alert(1)>",
            &opts(&none),
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn dangerous_links_are_neutralised() {
        let none = TermLinker::none();
        for md in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x](&#106;avascript:alert(1))",
            "![x](data:text/html,hi)",
            "[x](vbscript:x)",
            "[x](//evil.example/)",
        ] {
            let html = render(md, &opts(&none));
            let lower = html.to_lowercase();
            assert!(
                !lower.contains("href=\"java") && !lower.contains("href=\"vbscript"),
                "{md} → {html}"
            );
            assert!(!lower.contains("src=\"data:"), "{md} → {html}");
            assert!(!html.contains("\"//evil"), "{md} → {html}");
        }
    }

    #[test]
    fn site_links_become_relative() {
        let none = TermLinker::none();
        let html = render(
            "[a](/standard/#clause-3.2) [b](https://example.org/) [c](/parks/x/)",
            &opts(&none),
        );
        assert!(
            html.contains(r#"href="../../standard/index.html#clause-3.2""#),
            "{html}"
        );
        assert!(html.contains(r#"href="https://example.org/""#));
        assert!(html.contains(r#"href="../../parks/x/index.html""#));
    }

    #[test]
    fn terms_link_once_longest_first() {
        let terms = TermLinker::new([("产业园区", "3.1"), ("园区集成服务商", "3.2")]);
        let html = render(
            "产业园区由园区集成服务商运营。产业园区很多。",
            &opts(&terms),
        );
        assert_eq!(html.matches("#term-3.1").count(), 1, "{html}");
        assert_eq!(html.matches("#term-3.2").count(), 1, "{html}");
        assert!(html.contains(">园区集成服务商</a>"));
    }

    #[test]
    fn terms_do_not_link_inside_links_or_to_themselves() {
        let terms = TermLinker::new([("产业园区", "3.1")]);
        let html = render("[产业园区](https://x.org/)", &opts(&terms));
        assert!(!html.contains("term-3.1"));
        let own = RenderOptions {
            skip_term: Some("3.1"),
            ..opts(&terms)
        };
        assert!(!render("产业园区", &own).contains("term-3.1"));
    }

    #[test]
    fn headings_shift_and_lose_attributes() {
        let none = TermLinker::none();
        let html = render(
            "# Title {#x onclick=alert(1)}",
            &RenderOptions {
                heading_shift: 2,
                ..opts(&none)
            },
        );
        assert!(html.starts_with("<h3>"), "{html}");
        assert!(!html.contains("onclick=\""), "{html}");
    }
}
