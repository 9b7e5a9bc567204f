//! Web conventions: `sitemap.xml`, the Atom feed of park updates `feed.xml` and `robots.txt`.
//!
//! - The sitemap lists every HTML page but the 404 page. Sitemaps take absolute URLs only, so it
//!   is written only when `base_url` is known (more than 50,000 pages: `sitemap.xml` becomes an
//!   index of `sitemap-N.xml`).
//! - The feed is always written. With `base_url` its links and ids are the pages' absolute
//!   addresses; without, links are relative to `feed.xml` itself (it sits at the site root, so
//!   `parks/x/index.html` resolves right wherever the site is published) and ids are name-based
//!   UUIDs (`urn:uuid:`, version 5, of the site title and the page's path), stable while those are.
//! - Every string from content is escaped for XML, and characters XML 1.0 cannot hold at all
//!   (most C0 controls) are dropped.

use crate::compliance::Status;
use crate::files::OutputFile;
use crate::views::{self, page_url, Ctx, Planned, Selection};
use crate::vocab;
use uuid::Uuid;

/// Entries in the feed: the parks most recently updated.
pub const FEED_ENTRIES: usize = 50;
/// URLs in one sitemap file, the protocol's limit.
const SITEMAP_URLS: usize = 50_000;

/// Files this module adds to the site. The sitemap and the feed list parks, so every selection
/// has them; `robots.txt` depends on the configuration only.
pub fn files(ctx: &Ctx, selection: &Selection) -> Vec<OutputFile> {
    let base = ctx.site.config.base_url.as_deref();
    let mut files = vec![OutputFile {
        path: "feed.xml".into(),
        bytes: feed(ctx).into_bytes(),
    }];
    if let Some(base) = base {
        files.extend(sitemaps(ctx, base));
    }
    if let Selection::All = selection {
        files.push(OutputFile {
            path: "robots.txt".into(),
            bytes: robots(base).into_bytes(),
        });
    }
    files
}

fn robots(base: Option<&str>) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base {
        text.push_str(&format!("\nSitemap: {base}sitemap.xml\n"));
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Sitemap
// ---------------------------------------------------------------------------------------------

/// The output path of every HTML page of the site but `404.html`, and its last change where
/// known (a park's `updated`): the pages a full build renders.
fn pages<'a>(ctx: &'a Ctx<'a>) -> Vec<(String, Option<&'a str>)> {
    let mut pages: Vec<(String, Option<&'a str>)> = views::plan(ctx, &Selection::All)
        .iter()
        .filter(|planned| !matches!(planned, Planned::NotFound))
        .map(|planned| {
            let updated = match planned {
                Planned::Park(i) => ctx.site.parks[*i].updated.as_deref(),
                _ => None,
            };
            (ctx.path(planned), updated)
        })
        .collect();
    // The home page first, then by path.
    pages.sort_by(|a, b| (a.0 != "index.html", &a.0).cmp(&(b.0 != "index.html", &b.0)));
    pages.dedup();
    pages
}

fn sitemaps(ctx: &Ctx, base: &str) -> Vec<OutputFile> {
    let pages = pages(ctx);
    let chunks: Vec<&[(String, Option<&str>)]> = pages.chunks(SITEMAP_URLS).collect();
    let urlset = |chunk: &[(String, Option<&str>)]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (path, lastmod) in chunk {
            xml.push_str("<url><loc>");
            xml.push_str(&escape(&page_url(base, path)));
            xml.push_str("</loc>");
            if let Some(date) = lastmod {
                xml.push_str(&format!("<lastmod>{}</lastmod>", escape(date)));
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml.into_bytes()
    };
    if chunks.len() <= 1 {
        return vec![OutputFile {
            path: "sitemap.xml".into(),
            bytes: urlset(chunks.first().copied().unwrap_or_default()),
        }];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::with_capacity(chunks.len() + 1);
    for (n, chunk) in chunks.iter().enumerate() {
        let path = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            escape(&format!("{base}{path}"))
        ));
        files.push(OutputFile {
            path,
            bytes: urlset(chunk),
        });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    files
}

// ---------------------------------------------------------------------------------------------
// Atom feed
// ---------------------------------------------------------------------------------------------

/// The parks with an `updated` date, newest first (ties by id), at most `FEED_ENTRIES`.
fn feed_parks(ctx: &Ctx) -> Vec<usize> {
    let parks = &ctx.site.parks;
    let mut order: Vec<usize> = (0..parks.len())
        .filter(|&i| parks[i].updated.is_some())
        .collect();
    order.sort_by(|&a, &b| {
        parks[b]
            .updated
            .cmp(&parks[a].updated)
            .then_with(|| parks[a].id.cmp(&parks[b].id))
    });
    order.truncate(FEED_ENTRIES);
    order
}

fn feed(ctx: &Ctx) -> String {
    let site = ctx.site;
    let config = &site.config;
    let base = config.base_url.as_deref();
    let entries = feed_parks(ctx);
    // The feed changed when its newest entry did; a feed with none has the epoch.
    let updated = entries
        .first()
        .and_then(|&i| site.parks[i].updated.as_deref())
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
    let id_of = |path: &str| match base {
        Some(base) => page_url(base, path),
        None => format!(
            "urn:uuid:{}",
            name_uuid(&format!("{}\n{path}", config.title))
        ),
    };
    let link_of = |path: &str| match base {
        Some(base) => page_url(base, path),
        None => path.to_string(),
    };

    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&config.language)
    ));
    xml.push_str(&format!(
        "<title>{} · 园区更新</title>\n",
        escape(&config.title)
    ));
    xml.push_str("<subtitle>最近更新的园区 Recently updated parks</subtitle>\n");
    xml.push_str(&format!("<id>{}</id>\n", escape(&id_of("feed.xml"))));
    xml.push_str(&format!("<updated>{updated}</updated>\n"));
    if let Some(base) = base {
        xml.push_str(&format!(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
            escape(&format!("{base}feed.xml"))
        ));
    }
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&link_of("index.html"))
    ));
    let author = config.publisher.as_deref().unwrap_or(&config.title);
    xml.push_str(&format!(
        "<author><name>{}</name></author>\n",
        escape(author)
    ));
    xml.push_str("<generator>parkbook</generator>\n");
    for i in entries {
        let park = &site.parks[i];
        let c = &ctx.compliance[i];
        let path = format!("parks/{}/index.html", park.id);
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<id>{}</id>\n", escape(&id_of(&path))));
        xml.push_str(&format!("<title>{}</title>\n", escape(&park.name)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&link_of(&path))
        ));
        let date = park.updated.as_deref().unwrap_or_default();
        xml.push_str(&format!("<updated>{}</updated>\n", timestamp(date)));
        // Level and type; with a base URL the scheme is the facet's pages (an absolute IRI).
        for (facet, vocabulary, value) in [
            ("level", vocab::LEVELS, &park.level),
            ("type", vocab::PARK_TYPES, &park.park_type),
        ] {
            let scheme = base
                .map(|b| format!(" scheme=\"{}\"", escape(&format!("{b}parks/{facet}/"))))
                .unwrap_or_default();
            xml.push_str(&format!(
                "<category{scheme} term=\"{}\" label=\"{}\"/>\n",
                escape(value),
                escape(vocab::label(vocabulary, value))
            ));
        }
        xml.push_str(&format!(
            "<summary type=\"text\">{}</summary>\n",
            escape(&entry_summary(ctx, i, c.overall, c.unsupported_claims()))
        ));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// One line about a park: place, level and type, provider, overall status.
fn entry_summary(ctx: &Ctx, i: usize, overall: Status, unsupported: usize) -> String {
    let park = &ctx.site.parks[i];
    let mut parts = vec![match &park.district {
        Some(d) => format!("{} {d}", park.region),
        None => park.region.clone(),
    }];
    parts.push(format!(
        "{}{}",
        vocab::label(vocab::LEVELS, &park.level),
        vocab::label(vocab::PARK_TYPES, &park.park_type)
    ));
    if let Some(p) = park.provider.as_ref().and_then(|p| ctx.provider(p)) {
        parts.push(format!("集成服务商：{}", p.display_name()));
    }
    parts.push(format!(
        "总体状态：{}",
        vocab::label(vocab::STATUSES, overall.as_str())
    ));
    if unsupported > 0 {
        parts.push(format!("{unsupported} 项声明未获数据支持"));
    }
    parts.join(" · ")
}

/// A content date (`YYYY-MM-DD`) as an RFC 3339 timestamp, at midnight UTC.
fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// Escapes text for XML content and attribute values, and drops what XML 1.0 cannot hold.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A name-based UUID (RFC 9562 version 5) in parkbook's own namespace.
fn name_uuid(name: &str) -> String {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"parkbook:atom-id");
    Uuid::new_v5(&namespace, name.as_bytes()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_uuids_match_their_references() {
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, 'parkbook:atom-id')
        assert_eq!(
            Uuid::new_v5(&Uuid::NAMESPACE_URL, b"parkbook:atom-id").to_string(),
            "4d00459d-4f6a-536a-abb3-275e9e89f0a9"
        );
        // Python: uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, 'parkbook:atom-id'), '产业园区\nparks/a/')
        assert_eq!(
            name_uuid("产业园区\nparks/a/"),
            "6c43c69e-ce53-53a9-8555-8f890367352b"
        );
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>\u{1}\u{7}\ttab"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\ttab"
        );
    }

    #[test]
    fn robots_names_the_sitemap_only_with_a_base_url() {
        assert_eq!(robots(None), "User-agent: *\nAllow: /\n");
        assert!(robots(Some("https://example.org/sub/"))
            .ends_with("\nSitemap: https://example.org/sub/sitemap.xml\n"));
    }
}
