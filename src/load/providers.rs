//! `providers/<id>.yaml`: an integrated service provider (园区集成服务商), the brand of its parks.

use super::reader::Reader;
use super::yaml::Node;
use crate::diagnostics::Diagnostics;
use crate::messages::Msg;
use crate::model::Provider;
use crate::msg;
use crate::vocab;

pub const KEYS: &[&str] = &["name", "short_name", "kind", "brand", "website", "summary"];

pub fn read(node: &Node, id: &str, path: &str, diags: &mut Diagnostics) -> Option<Provider> {
    let r = &mut Reader::new(path, diags);
    let m = r.map(node, "what-provider", KEYS)?;
    let name = m.require(r, "name").and_then(|n| r.text(n, "name"));
    let kind = m
        .require(r, "kind")
        .and_then(|n| r.one_of_vocab(n, "kind", vocab::INTEGRATED_PROVIDER_KINDS));
    let opt = |r: &mut Reader, key: &str| m.get(key).and_then(|n| r.text(n, key)).map(|s| s.value);
    let short_name = opt(r, "short_name");
    let brand = opt(r, "brand");
    let summary = opt(r, "summary");
    let website = m
        .get("website")
        .and_then(|n| r.text(n, "website"))
        .and_then(|url| web_url(r, "website", url));
    Some(Provider {
        id: id.to_string(),
        path: path.to_string(),
        name: name?.value,
        short_name,
        kind: kind?.value.to_string(),
        brand,
        website,
        summary,
    })
}

/// Only http(s) addresses become links, so a `javascript:` URL can never reach a page. `key` is
/// the key the address is written at.
pub fn web_url(r: &mut Reader, key: &str, url: super::reader::Spanned<String>) -> Option<String> {
    let lower = url.value.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.value.contains(char::is_whitespace)
    {
        Some(url.value)
    } else {
        let message = msg!("not-a-web-address", value = &url.value);
        r.report(url.pos, key, message, Some(Msg::new("web-address-hint")));
        None
    }
}
