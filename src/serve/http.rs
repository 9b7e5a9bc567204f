//! A small HTTP/1.1 server for `parkbook serve`. It serves the site from memory, so no request
//! can reach a file outside the built site whatever its path; it answers GET and HEAD only,
//! bounds every request, and streams live-reload events to open pages.

use super::paths::{Lookup, EVENTS_PATH};
use super::state::Shared;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The path of the live-reload event stream.
const MAX_REQUEST_LINE: usize = 8 * 1024;
const MAX_HEADER_BYTES: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;
const MAX_CONNECTIONS: usize = 1024;
/// File descriptors left for everything but connections: rebuilds read the content and theme.
const RESERVED_FDS: usize = 64;
/// Writes, and the wait for the next request on a kept-alive connection.
const IDLE_TIMEOUT: Duration = Duration::from_secs(15);
/// A request's line and headers must have arrived this long after the server began to wait for
/// them, however slowly they trickle in (slowloris).
const REQUEST_TIMEOUT: Duration = IDLE_TIMEOUT;
/// How long an answered bad request is drained before its connection closes.
const LINGER: Duration = Duration::from_secs(1);

pub fn run(listener: TcpListener, shared: Arc<Shared>) {
    let limit = connection_limit();
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::ConnectionAborted
                        | ErrorKind::ConnectionReset
                        | ErrorKind::Interrupted
                ) =>
            {
                continue
            }
            // Out of file descriptors or memory: wait for some to be freed rather than spin.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        if shared.is_stopping() {
            break;
        }
        if open.load(Ordering::Relaxed) >= limit {
            refuse(&stream);
            continue;
        }
        let slot = Slot::take(&open);
        let shared = shared.clone();
        // If the thread cannot start, the closure is dropped: the connection closes and the slot
        // is given back.
        let _ = std::thread::Builder::new()
            .name("http".into())
            .spawn(move || {
                let _slot = slot;
                let _ = connection(&stream, &shared, REQUEST_TIMEOUT);
            });
    }
}

/// One open connection, counted until it is dropped: when its thread ends, panics, or never
/// starts.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Slot {
        open.fetch_add(1, Ordering::Relaxed);
        Slot(open.clone())
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// How many connections are served at once. Each holds one file descriptor, and the process's
/// limit on them (often 1,024) must leave room for rebuilds.
fn connection_limit() -> usize {
    limit_from(&std::fs::read_to_string("/proc/self/limits").unwrap_or_default())
}

/// The limit for the text of `/proc/self/limits`; where it cannot be read, the smallest soft
/// limit in common use (256, macOS) is assumed.
fn limit_from(limits: &str) -> usize {
    let soft = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .map(|n| n.parse::<usize>().unwrap_or(usize::MAX))
        .unwrap_or(256);
    soft.saturating_sub(RESERVED_FDS).clamp(8, MAX_CONNECTIONS)
}

/// Over the limit: a 503 from the accepting thread, which must never wait on a client.
fn refuse(stream: &TcpStream) {
    if stream.set_nonblocking(true).is_err() {
        return;
    }
    // Read what the request already sent, so that closing does not reset the connection
    // before the client has read the answer.
    let mut buf = [0; 4096];
    for _ in 0..4 {
        if !matches!((&*stream).read(&mut buf), Ok(n) if n > 0) {
            break;
        }
    }
    let _ = respond(
        &mut &*stream,
        503,
        "text/plain; charset=utf-8",
        b"too many connections\n",
        false,
        true,
    );
    let _ = stream.shutdown(Shutdown::Write);
}

/// A socket whose reads give up at `deadline`, however slowly bytes arrive.
struct Deadline<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
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
    // NUL, a bare CR, escapes: nothing a client sends on purpose.
    if buf.iter().any(|&b| (b < b' ' && b != b'\t') || b == 0x7f) {
        return Err(ReadError::Bad(400, "control character in the request"));
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

/// Serves one connection: its requests one after another, each of whose heads must arrive
/// within `request_timeout`. One file descriptor, read and written through shared references.
fn connection(
    stream: &TcpStream,
    shared: &Shared,
    request_timeout: Duration,
) -> std::io::Result<()> {
    stream.set_write_timeout(Some(IDLE_TIMEOUT))?;
    let _ = stream.set_nodelay(true);
    let mut writer = stream;
    let mut reader = BufReader::new(Deadline {
        stream,
        deadline: Instant::now() + request_timeout,
    });
    loop {
        reader.get_mut().deadline = Instant::now() + request_timeout;
        let request = match read_request(&mut reader) {
            Ok(r) => r,
            Err(ReadError::Closed) => return Ok(()),
            Err(ReadError::Bad(status, why)) => {
                respond(
                    &mut writer,
                    status,
                    "text/plain; charset=utf-8",
                    format!("{why}\n").as_bytes(),
                    false,
                    true,
                )?;
                linger(stream);
                return Ok(());
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
            if head {
                writer.write_all(EVENTS_HEAD)?;
                return Ok(());
            }
            return events(stream, shared);
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

/// After an error answer: no more to send, and what the client is still sending is read and
/// dropped for a moment, so that closing does not reset the connection before the client has
/// read the answer.
fn linger(stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let mut drain = Deadline {
        stream,
        deadline: Instant::now() + LINGER,
    };
    let mut buf = [0; 8192];
    let mut left: usize = 1 << 20;
    while left > 0 {
        match drain.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

const EVENTS_HEAD: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";

/// Server-sent events: the current state at once, then one event per finished rebuild.
fn events(mut w: &TcpStream, shared: &Shared) -> std::io::Result<()> {
    w.set_write_timeout(Some(Duration::from_secs(5)))?;
    w.write_all(EVENTS_HEAD)?;
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

#[cfg(test)]
mod tests {
    use super::super::paths::site_path;
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
        for control in [
            &b"GET /\0 HTTP/1.1\r\n\r\n"[..],
            b"GET / HTTP/1.1\r\nX: a\0b\r\n\r\n",
            b"GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",
            b"GET / HTTP/1.1\r\nX: \x1b[2J\r\n\r\n",
            b"GET / HTTP/1.1\r\nX: \x7f\r\n\r\n",
        ] {
            assert!(
                matches!(read_request(&mut &control[..]), Err(ReadError::Bad(400, _))),
                "{control:?}"
            );
        }
        assert!(read_request(&mut &b"GET / HTTP/1.1\r\nX: a\tb\r\n\r\n"[..]).is_ok());
        let ok = read_request(&mut &b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n"[..])
            .ok()
            .unwrap();
        assert_eq!(
            (ok.method.as_str(), ok.target.as_str(), ok.keep_alive),
            ("GET", "/x", true)
        );
    }

    #[test]
    fn connections_are_limited_by_file_descriptors() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units\n\
                      Max open files            1024                 524288               files\n";
        assert_eq!(limit_from(limits), 1024 - RESERVED_FDS);
        assert_eq!(
            limit_from(&limits.replace("1024 ", "256  ")),
            256 - RESERVED_FDS
        );
        assert_eq!(
            limit_from(&limits.replace("1024 ", "65536")),
            MAX_CONNECTIONS
        );
        assert_eq!(
            limit_from(&limits.replace("1024     ", "unlimited")),
            MAX_CONNECTIONS
        );
        assert_eq!(limit_from(&limits.replace("1024 ", "40   ")), 8);
        assert_eq!(limit_from(""), 256 - RESERVED_FDS);
    }

    #[test]
    fn a_slot_is_given_back_even_when_its_thread_never_runs() {
        let open = Arc::new(AtomicUsize::new(0));
        let slot = Slot::take(&open);
        let never_run = move || drop(slot);
        assert_eq!(open.load(Ordering::Relaxed), 1);
        drop(never_run);
        assert_eq!(open.load(Ordering::Relaxed), 0);
        let ran = {
            let slot = Slot::take(&open);
            std::thread::spawn(move || {
                let _slot = slot;
                panic!("a connection thread that panics");
            })
        };
        assert!(ran.join().is_err());
        assert_eq!(open.load(Ordering::Relaxed), 0);
    }

    /// A client that sends its request a byte at a time, never finishing, is cut off when the
    /// request's time is up; one that keeps the connection idle, likewise.
    #[test]
    fn a_trickling_request_is_cut_off() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Shared::new(Default::default());
        for trickle in [true, false] {
            let client = std::thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).unwrap();
                let started = Instant::now();
                for byte in b"GET / HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
                    if trickle && stream.write_all(&[*byte]).is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                    if started.elapsed() > Duration::from_secs(3) {
                        break;
                    }
                }
            });
            let (stream, _) = listener.accept().unwrap();
            let started = Instant::now();
            let _ = connection(&stream, &shared, Duration::from_millis(400));
            let took = started.elapsed();
            assert!(
                took >= Duration::from_millis(400) && took < Duration::from_millis(1500),
                "trickle {trickle}: the connection ended after {took:?}"
            );
            drop(stream);
            client.join().unwrap();
        }
    }
}
