//! `site.yaml`: the site's title, publisher, language, base URL, theme and the sample-data flag.

use super::reader::Reader;
use super::yaml::Node;
use crate::diagnostics::Diagnostics;
use crate::messages::Msg;
use crate::model::SiteConfig;

const KEYS: &[&str] = &[
    "title",
    "title_en",
    "publisher",
    "language",
    "base_url",
    "sample_data",
    "theme",
    "standard",
    "description",
    "assessment_max_age",
];

/// The `language` as written, without the default `read` gives a site that names none.
pub fn written_language(node: &Node) -> Option<String> {
    let super::yaml::NodeKind::Map(entries) = &node.kind else {
        return None;
    };
    entries
        .iter()
        .find(|(key, _)| key.as_scalar() == Some("language"))
        .and_then(|(_, value)| value.as_scalar())
        .map(str::to_string)
}

pub fn read(node: &Node, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let r = &mut Reader::new("content/site.yaml", diags);
    let m = r.map(node, "what-site", KEYS)?;
    let title = m.require(r, "title").and_then(|n| r.text(n, "title"));
    let opt_text =
        |r: &mut Reader, key: &str| m.get(key).and_then(|n| r.text(n, key)).map(|s| s.value);
    let title_en = opt_text(r, "title_en");
    let publisher = opt_text(r, "publisher");
    let language = opt_text(r, "language").unwrap_or_else(|| "zh-CN".into());
    let theme = m
        .get("theme")
        .and_then(|n| r.id(n, "theme"))
        .map_or_else(|| "default".into(), |s| s.value);
    let sample_data = m
        .get("sample_data")
        .and_then(|n| r.bool(n, "sample_data"))
        .is_some_and(|b| b.value);
    let base_url = m
        .get("base_url")
        .and_then(|n| r.text(n, "base_url"))
        .and_then(|url| {
            let lower = url.to_ascii_lowercase();
            let web = lower.starts_with("https://") || lower.starts_with("http://");
            let odd = |c: char| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c);
            if web && !url.contains(odd) {
                Some(if url.ends_with('/') {
                    url.value
                } else {
                    format!("{}/", url.value)
                })
            } else {
                r.report(url.pos, "base_url", Msg::new("bad-base-url"), None);
                None
            }
        });
    let description = opt_text(r, "description");
    // In days: an assessment older than this is reported (`check --deny-warnings` stops it).
    let assessment_max_age = m
        .get("assessment_max_age")
        .and_then(|n| r.count(n, "assessment_max_age"))
        .map(|s| s.value);
    let (mut standard_title, mut standard_title_en) = (None, None);
    if let Some(std_node) = m.get("standard") {
        r.within("standard", |r| {
            if let Some(sm) = r.map(std_node, "what-standard-settings", &["title", "title_en"]) {
                standard_title = sm
                    .get("title")
                    .and_then(|n| r.text(n, "title"))
                    .map(|s| s.value);
                standard_title_en = sm
                    .get("title_en")
                    .and_then(|n| r.text(n, "title_en"))
                    .map(|s| s.value);
            }
        });
    }
    Some(SiteConfig {
        description,
        assessment_max_age,
        title: title?.value,
        title_en,
        publisher,
        language,
        base_url,
        sample_data,
        theme,
        standard_title,
        standard_title_en,
    })
}
