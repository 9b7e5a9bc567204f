//! schema.org JSON-LD of park and provider pages, for search engines.

use super::{page_url, Ctx};
use crate::model::Provider;
use serde_json::{json, Map, Value};

/// JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` are written as
/// `\u003c`, `\u003e`, `\u0026` (the same JSON), so no content string can close the script or
/// open a comment; U+2028 and U+2029 are escaped too.
fn script_json(value: &Value) -> String {
    let json = sonic_rs::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn insert_opt(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        map.insert(key.into(), v.into());
    }
}

/// schema.org JSON-LD of a park page: a `Place` with its address. Safe to put between
/// `<script type="application/ld+json">` and `</script>` as it is (an `_html` value).
pub fn park(ctx: &Ctx, park_index: usize) -> String {
    let park = &ctx.site.parks[park_index];
    let mut map = Map::new();
    map.insert("@context".into(), "https://schema.org".into());
    map.insert("@type".into(), "Place".into());
    map.insert("name".into(), park.name.as_str().into());
    insert_opt(&mut map, "alternateName", park.name_en.as_deref());
    if let Some(base) = &ctx.site.config.base_url {
        let url = page_url(base, &format!("parks/{}/index.html", park.id));
        map.insert("@id".into(), format!("{url}#place").into());
        map.insert("url".into(), url.into());
    }
    let mut address = Map::new();
    address.insert("@type".into(), "PostalAddress".into());
    address.insert("addressRegion".into(), park.region.as_str().into());
    insert_opt(&mut address, "addressLocality", park.district.as_deref());
    map.insert("address".into(), Value::Object(address));
    if !park.industries.is_empty() {
        map.insert("keywords".into(), park.industries.join(", ").into());
    }
    script_json(&Value::Object(map))
}

/// schema.org JSON-LD of a provider page: an `Organization` with its brand; `url` is its page
/// in the catalogue (with `base_url`), `sameAs` its own website.
pub fn provider(ctx: &Ctx, provider: &Provider) -> String {
    let mut map = Map::new();
    map.insert("@context".into(), "https://schema.org".into());
    map.insert("@type".into(), "Organization".into());
    map.insert("name".into(), provider.name.as_str().into());
    insert_opt(&mut map, "alternateName", provider.short_name.as_deref());
    if let Some(base) = &ctx.site.config.base_url {
        let url = page_url(base, &format!("providers/{}/index.html", provider.id));
        map.insert("@id".into(), format!("{url}#organization").into());
        map.insert("url".into(), url.into());
    }
    insert_opt(&mut map, "sameAs", provider.website.as_deref());
    if let Some(brand) = &provider.brand {
        map.insert("brand".into(), json!({ "@type": "Brand", "name": brand }));
    }
    script_json(&Value::Object(map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}";
        let out = script_json(&json!({ "name": hostile }));
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'));
        let back: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["name"], hostile);
    }

    #[test]
    fn json_ld_of_parks_and_providers() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/base");
        let Ok(mut checked) = crate::check(std::path::Path::new(root)) else {
            panic!("the base fixture checks");
        };
        let hostile = "</script><script>alert(1)</script>";
        checked.site.parks[0].name = hostile.into();
        checked.site.providers[0].brand = Some(hostile.into());
        for base in [None, Some("https://example.org/sub/")] {
            checked.site.config.base_url = base.map(str::to_string);
            let ctx = Ctx::new(&checked.site, &checked.compliance);
            let park = &checked.site.parks[0];
            let html = super::park(&ctx, 0);
            assert!(!html.contains('<') && !html.contains('>'), "{html}");
            let ld: Value = serde_json::from_str(&html).unwrap();
            assert_eq!(ld["@context"], "https://schema.org");
            assert_eq!(ld["@type"], "Place");
            assert_eq!(ld["name"], hostile);
            assert_eq!(ld["alternateName"], json!(park.name_en));
            assert_eq!(ld["address"]["addressRegion"], json!(park.region));
            assert_eq!(ld["address"]["addressLocality"], json!(park.district));
            let url = base.map(|b| format!("{b}parks/{}/", park.id));
            assert_eq!(ld["url"], json!(url));

            let provider = &checked.site.providers[0];
            let html = super::provider(&ctx, provider);
            assert!(!html.contains('<') && !html.contains('>'), "{html}");
            let ld: Value = serde_json::from_str(&html).unwrap();
            assert_eq!(ld["@type"], "Organization");
            assert_eq!(ld["name"], json!(provider.name));
            assert_eq!(ld["alternateName"], json!(provider.short_name));
            assert_eq!(ld["brand"], json!({ "@type": "Brand", "name": hostile }));
            assert_eq!(ld["sameAs"], json!(provider.website));
            let url = base.map(|b| format!("{b}providers/{}/", provider.id));
            assert_eq!(ld["url"], json!(url));
        }
    }
}
