//! Request targets to files of the built site: what the server and the shared state agree on.

use std::sync::Arc;

/// Where open pages listen for rebuilds.
pub const EVENTS_PATH: &str = "/__parkbook/events";

/// What a request for a path finds in the site.
pub enum Lookup {
    Found {
        bytes: Arc<Vec<u8>>,
        content_type: &'static str,
    },
    Redirect(String),
    NotFound(Arc<Vec<u8>>),
}

/// The content type of a file, by its extension; text types are declared UTF-8.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// A request target → the key of a file in the site, or `None` for a path that tries to leave
/// it (`..` in any encoding, backslashes, NUL) or is not valid UTF-8.
pub fn site_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return None;
    }
    // Decoded once: `%252e` stays `%2e`, a name and not a way up.
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return None,
            s if s.contains('\\') || s.contains('\0') || s.starts_with('.') => return None,
            s => segments.push(s),
        }
    }
    let mut key = segments.join("/");
    if decoded.ends_with('/') && !key.is_empty() {
        key.push('/');
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/parks/..%2f..%2fx",
            "/a\\..\\b",
            "/a%5c..",
            "/%00",
            "/.git/config",
            "relative",
            "/%ff",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn site_paths() {
        assert_eq!(site_path("/").unwrap(), "");
        assert_eq!(site_path("/parks/x/?q=1").unwrap(), "parks/x/");
        assert_eq!(site_path("/%E5%9B%AD").unwrap(), "园");
        assert_eq!(
            site_path("//static//style.css").unwrap(),
            "static/style.css"
        );
    }
}
