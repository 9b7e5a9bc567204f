//! A small HTTP/1.1 server for `parkbook serve`. It serves the site from memory, so no request
//! can reach a file outside the built site whatever its path; it answers GET and HEAD only,
//! bounds every request, and streams live-reload events to open pages.

use super::state::Shared;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__parkbook/events";
const MAX_REQUEST_LINE: usize = 8 * 1024;
const MAX_HEADER_BYTES: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;
const MAX_CONNECTIONS: usize = 1024;
const IDLE_TIMEOUT: Duration = Duration::from_secs(15);

pub fn run(listener: TcpListener, shared: Arc<Shared>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if shared.is_stopping() {
            break;
        }
        if open.load(Ordering::Relaxed) >= MAX_CONNECTIONS {
            let mut stream = stream;
            let _ = respond(
                &mut stream,
                503,
                "text/plain; charset=utf-8",
                b"too many connections\n",
                false,
                true,
            );
            continue;
        }
        open.fetch_add(1, Ordering::Relaxed);
        let (shared, open) = (shared.clone(), open.clone());
        // If the thread cannot start, the connection is dropped with the closure.
        let _ = std::thread::Builder::new()
            .name("http".into())
            .spawn(move || {
                let _ = connection(stream, &shared);
                open.fetch_sub(1, Ordering::Relaxed);
            });
    }
}

struct Request {
    method: String,
    target: String,
    keep_alive: bool,
}

enum ReadError {
    Closed,
    Bad(u16, &'static str),
}

fn read_line(reader: &mut impl BufRead, limit: usize) -> Result<String, ReadError> {
    let mut buf = Vec::new();
    let n = reader
        .by_ref()
        .take(limit as u64 + 1)
        .read_until(b'\n', &mut buf)
        .map_err(|_| ReadError::Closed)?;
    if n == 0 {
        return Err(ReadError::Closed);
    }
    if buf.len() > limit || !buf.ends_with(b"\n") {
        return Err(ReadError::Bad(431, "request line or header too long"));
    }
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    String::from_utf8(buf).map_err(|_| ReadError::Bad(400, "request is not valid text"))
}

fn read_request(reader: &mut impl BufRead) -> Result<Request, ReadError> {
    let mut line = read_line(reader, MAX_REQUEST_LINE)?;
    // Tolerate blank lines between requests, as RFC 9112 allows.
    while line.is_empty() {
        line = read_line(reader, MAX_REQUEST_LINE)?;
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad(400, "malformed request line"));
    };
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(ReadError::Bad(505, "HTTP version not supported"));
    }
    let mut keep_alive = version == "HTTP/1.1";
    let mut header_bytes = 0;
    let mut count = 0;
    let mut has_body = false;
    loop {
        let header = read_line(reader, MAX_HEADER_BYTES)?;
        if header.is_empty() {
            break;
        }
        header_bytes += header.len();
        count += 1;
        if header_bytes > MAX_HEADER_BYTES || count > MAX_HEADERS {
            return Err(ReadError::Bad(431, "request headers too large"));
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(ReadError::Bad(400, "malformed header"));
        };
        let name = name.trim().to_ascii_lowercase();
        let value = value.trim().to_ascii_lowercase();
        match name.as_str() {
            "connection" if value.contains("close") => keep_alive = false,
            "connection" if value.contains("keep-alive") => keep_alive = true,
            "content-length" if value != "0" => has_body = true,
            "transfer-encoding" => has_body = true,
            _ => {}
        }
    }
    if has_body {
        // GET and HEAD carry no body; rather than skip one of unknown size, answer and close.
        return Err(ReadError::Bad(400, "request bodies are not accepted"));
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
    })
}

fn connection(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE_TIMEOUT))?;
    stream.set_write_timeout(Some(IDLE_TIMEOUT))?;
    let _ = stream.set_nodelay(true);
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let request = match read_request(&mut reader) {
            Ok(r) => r,
            Err(ReadError::Closed) => return Ok(()),
            Err(ReadError::Bad(status, why)) => {
                return respond(
                    &mut writer,
                    status,
                    "text/plain; charset=utf-8",
                    format!("{why}\n").as_bytes(),
                    false,
                    false,
                );
            }
        };
        let head = request.method == "HEAD";
        if request.method != "GET" && !head {
            respond(
                &mut writer,
                405,
                "text/plain; charset=utf-8",
                b"only GET and HEAD\n",
                head,
                !request.keep_alive,
            )?;
        } else if request.target == EVENTS_PATH
            || request.target.starts_with(&format!("{EVENTS_PATH}?"))
        {
            return events(&mut writer, shared);
        } else {
            match shared.lookup(&request.target) {
                Lookup::Found {
                    bytes,
                    content_type,
                } => {
                    respond(
                        &mut writer,
                        200,
                        content_type,
                        &bytes,
                        head,
                        !request.keep_alive,
                    )?;
                }
                Lookup::Redirect(location) => {
                    let header = format!(
                        "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\n{}\r\n",
                        if request.keep_alive { "" } else { "Connection: close\r\n" }
                    );
                    writer.write_all(header.as_bytes())?;
                }
                Lookup::NotFound(bytes) => respond(
                    &mut writer,
                    404,
                    "text/html; charset=utf-8",
                    &bytes,
                    head,
                    !request.keep_alive,
                )?,
            }
        }
        writer.flush()?;
        if !request.keep_alive {
            return Ok(());
        }
    }
}

pub enum Lookup {
    Found {
        bytes: Arc<Vec<u8>>,
        content_type: &'static str,
    },
    Redirect(String),
    NotFound(Arc<Vec<u8>>),
}

fn respond(
    w: &mut impl Write,
    status: u16,
    content_type: &str,
    body: &[u8],
    head: bool,
    close: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    };
    let mut header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
        body.len()
    );
    if status == 405 {
        header.push_str("Allow: GET, HEAD\r\n");
    }
    if close {
        header.push_str("Connection: close\r\n");
    }
    header.push_str("\r\n");
    w.write_all(header.as_bytes())?;
    if !head {
        w.write_all(body)?;
    }
    w.flush()
}

/// Server-sent events: the current state at once, then one event per finished rebuild.
fn events(w: &mut TcpStream, shared: &Shared) -> std::io::Result<()> {
    w.set_write_timeout(Some(Duration::from_secs(5)))?;
    w.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n")?;
    let mut seen = 0;
    loop {
        let (generation, message) = shared.wait_for_change(seen, Duration::from_secs(20));
        if shared.is_stopping() {
            return Ok(());
        }
        let event = if generation == seen {
            ": keep-alive\n\n".to_string()
        } else {
            let first = seen == 0;
            seen = generation;
            match message {
                Some(json) => format!("event: error\ndata: {json}\n\n"),
                None if first => "event: ok\ndata: {}\n\n".to_string(),
                None => "event: reload\ndata: {}\n\n".to_string(),
            }
        };
        w.write_all(event.as_bytes())?;
        w.flush()?;
    }
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
    let decoded = percent_decode(path)?;
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

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
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

    #[test]
    fn bounded_requests() {
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert!(matches!(
            read_request(&mut long.as_bytes()),
            Err(ReadError::Bad(431, _))
        ));
        assert!(matches!(
            read_request(&mut &b"GARBAGE\r\n\r\n"[..]),
            Err(ReadError::Bad(400, _))
        ));
        assert!(matches!(
            read_request(&mut &b"GET / HTTP/9\r\n\r\n"[..]),
            Err(ReadError::Bad(505, _))
        ));
        let ok = read_request(&mut &b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n"[..])
            .ok()
            .unwrap();
        assert_eq!(
            (ok.method.as_str(), ok.target.as_str(), ok.keep_alive),
            ("GET", "/x", true)
        );
    }
}
