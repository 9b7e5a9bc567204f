//! `parkbook check --links`: every internal link of a built site leads to a file of the site, and
//! every `#fragment` to an element of the page it names.
//!
//! The pages are read in parallel and scanned for tags and their attributes by a small scanner
//! (no DOM): `href`, `src`, `srcset` and `action` are links; `id` (and `name` on `<a>`) are
//! fragment targets. Comments and the text of `<script>`, `<style>`, `<textarea>` and `<title>`
//! hold no tags. Attribute values are entity-decoded (`&amp;`, `&#39;`, …) and paths
//! percent-decoded (facet pages have Chinese names). External addresses (`https:`, `mailto:`,
//! `//host/`, any `scheme:`) are not followed. A link ending in `/` means that folder's
//! `index.html`; relative links resolve against the page's folder, root-absolute ones (`/x`)
//! against the output folder.

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::messages::Msg;
use crate::msg;
use crate::write::MARKER;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What `check_links` found.
#[derive(Debug, Default)]
pub struct LinkReport {
    /// HTML pages scanned.
    pub pages: usize,
    /// Internal links followed (external ones are not counted).
    pub links: usize,
    /// Broken links and fragments, sorted by page and position.
    pub broken: Diagnostics,
    /// Duplicate ids, and root-absolute links in pages other than `404.html` (they break when
    /// the site is opened from disk or published under a path prefix). Sorted.
    pub warnings: Diagnostics,
}

/// Checks every internal link and fragment of the HTML pages of a parkbook output folder.
/// The error is for a folder that is missing or was not written by `parkbook build`.
pub fn check_links(output: &Path) -> Result<LinkReport, Diagnostic> {
    let shown = output.display().to_string();
    let build_hint = || Some(Msg::new("build-first-hint"));
    match std::fs::metadata(output) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(
                Diagnostic::error(&shown, None, Msg::new("no-output-folder"))
                    .with_hint(build_hint()),
            );
        }
        Err(e) => {
            return Err(Diagnostic::error(
                &shown,
                None,
                msg!("cannot-read", error = e),
            ))
        }
        Ok(meta) if !meta.is_dir() => {
            let error = Diagnostic::error(&shown, None, Msg::new("not-a-folder"));
            return Err(error.with_hint(build_hint()));
        }
        Ok(_) => {}
    }
    if !output.join(MARKER).is_file() {
        return Err(
            Diagnostic::error(&shown, None, msg!("not-an-output-folder", marker = MARKER))
                .with_hint(build_hint()),
        );
    }

    let tree = Tree::walk(output)?;
    let index: HashMap<&str, usize> = tree
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    let scans: Vec<PageScan> = tree
        .pages
        .par_iter()
        .map(|rel| scan_page(output, rel, &tree, &index))
        .collect();

    // Fragments into other pages, now that every page's ids are known.
    let pages = &tree.pages;
    let late: Vec<(usize, Problem)> = scans
        .par_iter()
        .enumerate()
        .flat_map_iter(|(page, scan)| {
            scan.pending
                .iter()
                .filter(|p| !has_id(&scans[p.target].ids, &p.fragment))
                .flat_map(move |p| fragment_problems(p, &pages[p.target]).map(move |f| (page, f)))
        })
        .collect();

    let mut report = LinkReport {
        pages: tree.pages.len(),
        ..LinkReport::default()
    };
    let mut late_by_page: HashMap<usize, Vec<Problem>> = HashMap::new();
    for (page, problem) in late {
        late_by_page.entry(page).or_default().push(problem);
    }
    for (page, problems) in late_by_page {
        // Positions of these are counted only now, in the pages that have any.
        let rel = &tree.pages[page];
        let text = std::fs::read(output.join(rel)).unwrap_or_default();
        let text = String::from_utf8_lossy(&text);
        for p in problems {
            report.broken.push(p.into_diagnostic(rel, &text));
        }
    }
    for scan in scans {
        report.links += scan.links;
        report.broken.extend(scan.broken);
        report.warnings.extend(scan.warnings);
    }
    report.broken.sort();
    report.warnings.sort();
    Ok(report)
}

/// The files and folders of an output folder, as `/`-separated paths relative to it.
struct Tree {
    files: HashSet<String>,
    dirs: HashSet<String>,
    /// The HTML files, sorted.
    pages: Vec<String>,
}

impl Tree {
    fn walk(output: &Path) -> Result<Tree, Diagnostic> {
        let mut tree = Tree {
            files: HashSet::new(),
            dirs: HashSet::new(),
            pages: Vec::new(),
        };
        for entry in walkdir::WalkDir::new(output).min_depth(1) {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(output).display().to_string();
                Diagnostic::error(path, None, msg!("cannot-read", error = e))
            })?;
            let Ok(rel) = entry.path().strip_prefix(output) else {
                continue;
            };
            let rel: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            let rel = rel.join("/");
            // A symbolic link counts as what it points to (parkbook writes none).
            let (is_dir, is_file) = if entry.path_is_symlink() {
                (entry.path().is_dir(), entry.path().is_file())
            } else {
                (entry.file_type().is_dir(), entry.file_type().is_file())
            };
            if is_dir {
                tree.dirs.insert(rel);
            } else if is_file {
                if is_html(&rel) {
                    tree.pages.push(rel.clone());
                }
                tree.files.insert(rel);
            }
        }
        tree.pages.sort();
        Ok(tree)
    }
}

fn is_html(rel: &str) -> bool {
    let lower = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// A fragment into another page, checked once every page's ids are known, with every link of
/// the page that uses it (as written, and the offset of each).
struct Pending {
    target: usize,
    fragment: String,
    uses: Vec<(String, usize)>,
}

/// A broken link whose position is still a byte offset.
struct Problem {
    offset: usize,
    message: Msg,
    hint: Option<Msg>,
}

impl Problem {
    fn into_diagnostic(self, rel: &str, text: &str) -> Diagnostic {
        Diagnostic::error(rel, Some(Pos::of_offset(text, self.offset)), self.message)
            .with_hint(self.hint)
    }
}

fn fragment_problems<'a>(p: &'a Pending, target: &'a str) -> impl Iterator<Item = Problem> + 'a {
    p.uses.iter().map(move |(link, offset)| Problem {
        offset: *offset,
        message: msg!(
            "broken-fragment",
            link = link,
            fragment = &p.fragment,
            page = target
        ),
        hint: None,
    })
}

#[derive(Default)]
struct PageScan {
    /// Every `id` (and `name` of `<a>`), with its first offset.
    ids: HashMap<Box<str>, usize>,
    links: usize,
    pending: Vec<Pending>,
    broken: Diagnostics,
    warnings: Diagnostics,
}

fn has_id(ids: &HashMap<Box<str>, usize>, fragment: &str) -> bool {
    // The spec's order: the fragment as written, then percent-decoded; `#top` is the page's top.
    ids.contains_key(fragment)
        || percent_decode(fragment).is_some_and(|f| ids.contains_key(f.as_ref()))
        || fragment.eq_ignore_ascii_case("top")
}

fn scan_page(output: &Path, rel: &str, tree: &Tree, index: &HashMap<&str, usize>) -> PageScan {
    let mut scan = PageScan::default();
    let bytes = match std::fs::read(output.join(rel)) {
        Ok(bytes) => bytes,
        Err(e) => {
            scan.broken
                .push(Diagnostic::error(rel, None, msg!("cannot-read", error = e)));
            return scan;
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let dir = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
    let is_404 = rel == "404.html";
    let mut problems: Vec<Problem> = Vec::new();
    let mut warnings: Vec<Problem> = Vec::new();
    let mut own: Vec<(String, String, usize)> = Vec::new();
    // One check per target page and fragment is enough: (page, fragment) → index in `pending`.
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();

    scan_tags(&text, |tag, name, value, offset| {
        let name_is = |n: &str| name.eq_ignore_ascii_case(n);
        if name_is("id") || (name_is("name") && tag.eq_ignore_ascii_case("a")) {
            let value = decode_entities(value);
            if value.is_empty() {
                return;
            }
            if let Some(&first) = scan.ids.get(value.as_ref()) {
                if name_is("id") {
                    warnings.push(Problem {
                        offset,
                        message: msg!("duplicate-html-id", id = &value, first = at(&text, first)),
                        hint: None,
                    });
                }
            } else {
                scan.ids.insert(value.into_owned().into_boxed_str(), offset);
            }
            return;
        }
        let urls: Vec<Cow<str>> = if name_is("href") || name_is("src") || name_is("action") {
            vec![decode_entities(value)]
        } else if name_is("srcset") {
            let value = decode_entities(value);
            value
                .split(',')
                .filter_map(|candidate| candidate.split_whitespace().next())
                .map(|url| Cow::Owned(url.to_string()))
                .collect()
        } else {
            return;
        };
        for url in urls {
            let url = url.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
            if is_external(url) {
                continue;
            }
            scan.links += 1;
            if url.starts_with('/') && !is_404 {
                warnings.push(Problem {
                    offset,
                    message: msg!("root-absolute-link", link = url),
                    hint: Some(Msg::new("root-absolute-link-hint")),
                });
            }
            let (path, fragment) = match url.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (url, None),
            };
            let path = path.split_once('?').map_or(path, |(path, _)| path);
            let target = if path.is_empty() {
                Ok(rel.to_string())
            } else {
                resolve(dir, path)
            };
            let target = match target {
                Ok(target) => target,
                Err(why) => {
                    problems.push(Problem {
                        offset,
                        message: msg!("broken-link-because", link = url).msg("why", why),
                        hint: None,
                    });
                    continue;
                }
            };
            if !tree.files.contains(&target) {
                let hint = if tree.dirs.contains(&target) {
                    msg!("link-to-folder-hint", target = &target)
                } else {
                    msg!("not-in-output-hint", target = &target)
                };
                problems.push(Problem {
                    offset,
                    message: msg!("broken-link", link = url),
                    hint: Some(hint),
                });
                continue;
            }
            let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                continue;
            };
            if target == rel {
                own.push((url.to_string(), fragment.to_string(), offset));
            } else if let Some(&page) = index.get(target.as_str()) {
                let next = scan.pending.len();
                let i = *seen.entry((page, fragment.to_string())).or_insert(next);
                if i == next {
                    scan.pending.push(Pending {
                        target: page,
                        fragment: fragment.to_string(),
                        uses: Vec::new(),
                    });
                }
                scan.pending[i].uses.push((url.to_string(), offset));
            }
        }
    });
    for (link, fragment, offset) in own {
        if !has_id(&scan.ids, &fragment) {
            problems.push(Problem {
                offset,
                message: msg!(
                    "broken-fragment",
                    link = &link,
                    fragment = &fragment,
                    page = rel
                ),
                hint: None,
            });
        }
    }
    for p in problems {
        scan.broken.push(p.into_diagnostic(rel, &text));
    }
    for p in warnings {
        let d = p.into_diagnostic(rel, &text);
        scan.warnings
            .push(Diagnostic::warning(d.path, d.pos, d.message).with_hint(d.hint.map(|h| *h)));
    }
    scan
}

fn at(text: &str, offset: usize) -> String {
    let pos = Pos::of_offset(text, offset);
    format!("{}:{}", pos.line, pos.col)
}

/// `https:`, `mailto:`, `data:`, any `scheme:` before the first `/`, `?` or `#`, and `//host`.
fn is_external(url: &str) -> bool {
    if url.starts_with("//") || url.starts_with("\\\\") {
        return true;
    }
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// The output path a link's path leads to, from the page's folder (`/x` from the output root).
fn resolve(dir: &str, path: &str) -> Result<String, Msg> {
    let decoded = percent_decode(path).ok_or_else(|| Msg::new("link-not-utf8"))?;
    let (base, path) = match decoded.strip_prefix('/') {
        Some(rest) => ("", rest),
        None => (dir, decoded.as_ref()),
    };
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    let mut folder = false;
    for segment in path.split('/') {
        folder = true;
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(Msg::new("link-outside-output"));
                }
            }
            name => {
                parts.push(name);
                folder = false;
            }
        }
    }
    if folder {
        parts.push("index.html");
    }
    Ok(parts.join("/"))
}

/// `%XX` decoded; `None` when the bytes are not UTF-8. A `%` without two hex digits stays.
fn percent_decode(s: &str) -> Option<Cow<'_, str>> {
    percent_encoding::percent_decode_str(s).decode_utf8().ok()
}

/// Character references in an attribute value: named ones HTML output uses, and numeric ones.
pub fn decode_entities(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 12).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Calls `visit(tag, attribute, raw value, offset of the value)` for every attribute of every
/// start tag. Comments, `<!…>`, `<?…>`, end tags and the text of raw-text elements are skipped.
fn scan_tags<'t>(html: &'t str, mut visit: impl FnMut(&'t str, &'t str, &'t str, usize)) {
    let b = html.as_bytes();
    let n = b.len();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        i += found + 1;
        if i >= n {
            break;
        }
        if b[i..].starts_with(b"!--") {
            i = html[i + 3..].find("-->").map_or(n, |e| i + 3 + e + 3);
            continue;
        }
        if matches!(b[i], b'!' | b'?' | b'/') {
            i = html[i..].find('>').map_or(n, |e| i + e + 1);
            continue;
        }
        if !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < n && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            i += 1;
        }
        let tag = &html[start..i];
        loop {
            while i < n && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/') {
                i += 1;
            }
            if i >= n {
                break;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            let name_start = i;
            i += 1; // a name may start with `=`
            while i < n
                && !matches!(
                    b[i],
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
                )
            {
                i += 1;
            }
            let name = &html[name_start..i];
            let mut j = i;
            while j < n && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                j += 1;
            }
            if j >= n || b[j] != b'=' {
                continue;
            }
            j += 1;
            while j < n && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                j += 1;
            }
            if j >= n {
                i = j;
                break;
            }
            let (value_start, value_end, next) = match b[j] {
                q @ (b'"' | b'\'') => {
                    let end = html[j + 1..].find(q as char).map_or(n, |e| j + 1 + e);
                    (j + 1, end, (end + 1).min(n))
                }
                _ => {
                    let mut end = j;
                    while end < n
                        && !matches!(b[end], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>')
                    {
                        end += 1;
                    }
                    (j, end, end)
                }
            };
            visit(tag, name, &html[value_start..value_end], value_start);
            i = next;
        }
        for raw in ["script", "style", "textarea", "title"] {
            if tag.eq_ignore_ascii_case(raw) {
                i = find_end_tag(html, i, raw);
                break;
            }
        }
    }
}

/// Offset of `</name` (any case) at or after `from`, or the end of the text.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(found) = html[i..].find("</") {
        let at = i + found;
        let rest = &html.as_bytes()[at + 2..];
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return at;
        }
        i = at + 2;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(html: &str) -> Vec<(String, String, String)> {
        let mut found = Vec::new();
        scan_tags(html, |tag, name, value, offset| {
            assert_eq!(&html[offset..offset + value.len()], value);
            found.push((tag.to_string(), name.to_string(), value.to_string()));
        });
        found
    }

    #[test]
    fn scanner_reads_quoted_unquoted_and_bare_attributes() {
        let found =
            attrs("<a href=\"x y\" class=z data-href='q' hidden id = \"i\">t</a><IMG SRC=p.png/>");
        let names: Vec<_> = found
            .iter()
            .map(|(t, n, v)| format!("{t} {n}={v}"))
            .collect();
        assert_eq!(
            names,
            [
                "a href=x y",
                "a class=z",
                "a data-href=q",
                "a id=i",
                "IMG SRC=p.png/"
            ]
        );
    }

    #[test]
    fn scanner_skips_comments_scripts_and_end_tags() {
        let html = "<!-- <a href=c> --><script src=s.js>if (a<b) x='<a href=\"in\">'</SCRIPT>\
                    <style>a[href=\"st\"]{}</style></a href=end><!doctype html><p id=after>";
        let values: Vec<_> = attrs(html).into_iter().map(|(_, _, v)| v).collect();
        assert_eq!(values, ["s.js", "after"]);
        // Unclosed constructs end the scan instead of running past the text.
        for broken in ["<a href=\"x", "<!-- x", "<script>x", "<a href=", "<", "<a"] {
            attrs(broken);
        }
    }

    #[test]
    fn links_resolve_like_a_browser() {
        assert_eq!(resolve("parks/a", "../b/").unwrap(), "parks/b/index.html");
        assert_eq!(resolve("parks/a", "./").unwrap(), "parks/a/index.html");
        assert_eq!(resolve("parks/a", "..").unwrap(), "parks/index.html");
        assert_eq!(resolve("parks/a", "/static/x.css").unwrap(), "static/x.css");
        assert_eq!(resolve("", "/").unwrap(), "index.html");
        assert_eq!(
            resolve("parks", "industry/%E9%9B%86%E6%88%90/").unwrap(),
            "parks/industry/集成/index.html"
        );
        assert!(resolve("parks", "../../x").is_err());
        assert!(resolve("", "%FF").is_err());
    }

    #[test]
    fn external_addresses_are_recognised() {
        for url in [
            "https://x.org/",
            "HTTP://x",
            "mailto:a@b",
            "tel:+86",
            "//cdn/x",
            "data:x",
        ] {
            assert!(is_external(url), "{url}");
        }
        for url in ["x.html", "a/b:c", "#x", "/x", "?q=a:b", "1a:b"] {
            assert!(!is_external(url), "{url}");
        }
    }

    #[test]
    fn entities_and_percent_escapes_decode() {
        assert_eq!(
            decode_entities("a&amp;b&#39;&#x4e2d;&lt;&bogus;&"),
            "a&b'中<&bogus;&"
        );
        assert_eq!(percent_decode("%e4%b8%ad%2F%zz%").unwrap(), "中/%zz%");
        assert_eq!(percent_decode("%E4%B8").as_deref(), None);
    }
}
