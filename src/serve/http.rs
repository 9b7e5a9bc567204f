//! The HTTP/1.1 server of `parkbook serve`: hyper parses and frames, one thread per connection
//! drives it over a blocking socket. It serves the site from memory, so no request can reach a
//! file outside the built site whatever its path; it answers GET and HEAD only, bounds every
//! request, and streams live-reload events to open pages.
//!
//! Not tiny_http (0.12): it bounds neither a request's head nor its time, closes a request line
//! that is not ASCII without an answer, and its accepting thread ends at the first failed accept
//! (out of file descriptors), so the limits below could not be kept with it.

use super::paths::{Lookup, EVENTS_PATH};
use super::state::Shared;
use http_body_util::{Either, Full};
use hyper::body::{Body as HttpBody, Bytes, Frame, Incoming};
use hyper::header::{
    HeaderName, HeaderValue, ALLOW, CACHE_CONTROL, CONNECTION, CONTENT_TYPE, LOCATION,
    X_CONTENT_TYPE_OPTIONS,
};
use hyper::rt::ReadBufCursor;
use hyper::{Method, Request, Response, StatusCode};
use std::cell::Cell;
use std::convert::Infallible;
use std::future::Future;
use std::io::{ErrorKind, IoSlice, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;
use std::time::{Duration, Instant};

/// The request line and headers together: a browser sends a few hundred bytes, cookies included.
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

/// Over the limit: a 503 from the accepting thread, which must never wait on a client (so not
/// through hyper, which would read the request first).
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
    let _ = (&*stream).write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
          Content-Length: 21\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n\
          too many connections\n",
    );
    let _ = stream.shutdown(Shutdown::Write);
}

/// Serves one connection: its requests one after another, each of whose heads must arrive
/// within `request_timeout`. One file descriptor, read and written through shared references.
fn connection(
    stream: &TcpStream,
    shared: &Arc<Shared>,
    request_timeout: Duration,
) -> std::io::Result<()> {
    stream.set_write_timeout(Some(IDLE_TIMEOUT))?;
    let _ = stream.set_nodelay(true);
    let refused = Cell::new(false);
    let io = Io {
        stream,
        timeout: request_timeout,
        deadline: Instant::now() + request_timeout,
    };
    let service = hyper::service::service_fn(|request| {
        std::future::ready(Ok::<_, Infallible>(answer(
            &request, stream, shared, &refused,
        )))
    });
    let served = hyper::server::conn::http1::Builder::new()
        // Otherwise hyper reads while it answers, to notice a client that left, and a read here
        // blocks the answer (an event stream's, for minutes).
        .half_close(true)
        // The answers' heads as this server has always written them.
        .title_case_headers(true)
        .auto_date_header(false)
        .max_headers(MAX_HEADERS)
        .max_header_size(MAX_HEADER_BYTES)
        .serve_connection(io, service);
    let outcome = block_on(served);
    let malformed = matches!(&outcome, Some(Err(e)) if e.is_parse());
    if malformed || refused.get() {
        if matches!(&outcome, Some(Err(e)) if e.is_parse_version_h2()) {
            // hyper answers every malformed request but an HTTP/2 one, which it just closes.
            let _ = (&*stream).write_all(
                b"HTTP/1.1 505 HTTP Version Not Supported\r\nContent-Length: 0\r\n\
                  Connection: close\r\n\r\n",
            );
        }
        linger(stream);
    }
    Ok(())
}

/// The socket as hyper sees it: always ready, since its calls block, with reads that give up
/// at a deadline however slowly bytes arrive. Each write moves the deadline: the next request's
/// head is due that long after the last answer was sent.
struct Io<'a> {
    stream: &'a TcpStream,
    timeout: Duration,
    deadline: Instant,
}

impl Io<'_> {
    fn wrote(&mut self, result: std::io::Result<usize>) -> Poll<std::io::Result<usize>> {
        if matches!(result, Ok(n) if n > 0) {
            self.deadline = Instant::now() + self.timeout;
        }
        Poll::Ready(result)
    }
}

impl hyper::rt::Read for Io<'_> {
    fn poll_read(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        mut buf: ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Poll::Ready(Err(ErrorKind::TimedOut.into()));
        }
        let mut chunk = [0; 8192];
        let want = chunk.len().min(buf.remaining());
        let read = self
            .stream
            .set_read_timeout(Some(left))
            .and_then(|()| (&*self.stream).read(&mut chunk[..want]));
        Poll::Ready(read.map(|n| buf.put_slice(&chunk[..n])))
    }
}

impl hyper::rt::Write for Io<'_> {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let result = (&*this.stream).write(buf);
        this.wrote(result)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let result = (&*this.stream).write_vectored(bufs);
        this.wrote(result)
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(self.stream.shutdown(Shutdown::Write))
    }
}

/// Wakes the connection's thread.
struct Unpark {
    thread: Thread,
    woken: AtomicBool,
}

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        self.thread.unpark();
    }
}

/// Polls a connection to its end on this thread. Its socket blocks, so hyper is pending only
/// while an event stream yields for what it wrote to be flushed, and that wakes at once; a
/// connection left pending without a wake for the idle time is given up (`None`) rather than
/// held forever.
fn block_on<F: Future>(future: F) -> Option<F::Output> {
    let unpark = Arc::new(Unpark {
        thread: std::thread::current(),
        woken: AtomicBool::new(false),
    });
    let waker = Waker::from(unpark.clone());
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return Some(output);
        }
        let give_up = Instant::now() + IDLE_TIMEOUT;
        while !unpark.woken.swap(false, Ordering::SeqCst) {
            let left = give_up.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            std::thread::park_timeout(left);
        }
    }
}

/// A page, or the event stream.
type Body = Either<Full<Bytes>, Events>;

/// A file of the site, sent without copying it.
struct SiteFile(Arc<Vec<u8>>);

impl AsRef<[u8]> for SiteFile {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Server-sent events: the current state at once, then one event per finished rebuild.
struct Events {
    shared: Arc<Shared>,
    seen: u64,
    /// Whether hyper has had the chance to send the last event: it flushes what it holds only
    /// when the body is pending, and the wait for the next event blocks.
    flushed: bool,
}

impl HttpBody for Events {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        if !this.flushed {
            this.flushed = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        this.flushed = false;
        let (generation, message) = this
            .shared
            .wait_for_change(this.seen, Duration::from_secs(20));
        if this.shared.is_stopping() {
            return Poll::Ready(None);
        }
        let event = if generation == this.seen {
            ": keep-alive\n\n".to_string()
        } else {
            let first = this.seen == 0;
            this.seen = generation;
            match message {
                Some(json) => format!("event: error\ndata: {json}\n\n"),
                None if first => "event: ok\ndata: {}\n\n".to_string(),
                None => "event: reload\ndata: {}\n\n".to_string(),
            }
        };
        Poll::Ready(Some(Ok(Frame::data(Bytes::from(event)))))
    }
}

const PLAIN: &str = "text/plain; charset=utf-8";

/// The answer to one request. `refused` is set for an answer after which the connection
/// closes with the rest of the request unread.
fn answer(
    request: &Request<Incoming>,
    stream: &TcpStream,
    shared: &Arc<Shared>,
    refused: &Cell<bool>,
) -> Response<Body> {
    let text = |status, message: &'static str, header| {
        let response = file(status, PLAIN, Bytes::from_static(message.as_bytes()));
        with(response, &[header])
    };
    if !request.body().is_end_stream() {
        // GET and HEAD carry no body; rather than skip one of unknown size, answer and close.
        refused.set(true);
        let message = "request bodies are not accepted\n";
        return text(StatusCode::BAD_REQUEST, message, (CONNECTION, "close"));
    }
    let head = request.method() == Method::HEAD;
    if request.method() != Method::GET && !head {
        let message = "only GET and HEAD\n";
        return text(
            StatusCode::METHOD_NOT_ALLOWED,
            message,
            (ALLOW, "GET, HEAD"),
        );
    }
    // The target as sent: a path only when it is one (origin-form), never the path of an
    // absolute URL, so that `site_path` refuses anything else.
    let target = request.uri().to_string();
    if target == EVENTS_PATH || target.starts_with(&format!("{EVENTS_PATH}?")) {
        let body = if head {
            Either::Left(Full::default())
        } else {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
            Either::Right(Events {
                shared: shared.clone(),
                seen: 0,
                flushed: false,
            })
        };
        let headers = [
            (CONTENT_TYPE, "text/event-stream; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
            (CONNECTION, "close"),
        ];
        return with(Response::new(body), &headers);
    }
    let site_file = |bytes| Bytes::from_owner(SiteFile(bytes));
    match shared.lookup(&target) {
        Lookup::Found {
            bytes,
            content_type,
        } => file(StatusCode::OK, content_type, site_file(bytes)),
        Lookup::Redirect(location) => match HeaderValue::try_from(location) {
            Ok(location) => {
                let mut response = Response::new(Either::Left(Full::default()));
                *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
                response.headers_mut().insert(LOCATION, location);
                response
            }
            Err(_) => text(StatusCode::NOT_FOUND, "not found\n", (CONNECTION, "close")),
        },
        Lookup::NotFound(bytes) => file(
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            site_file(bytes),
        ),
    }
}

fn file(status: StatusCode, content_type: &'static str, bytes: Bytes) -> Response<Body> {
    let mut response = Response::new(Either::Left(Full::new(bytes)));
    *response.status_mut() = status;
    let headers = [
        (CONTENT_TYPE, content_type),
        (CACHE_CONTROL, "no-store"),
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    with(response, &headers)
}

fn with(mut response: Response<Body>, headers: &[(HeaderName, &'static str)]) -> Response<Body> {
    for (name, value) in headers {
        let value = HeaderValue::from_static(value);
        response.headers_mut().insert(name, value);
    }
    response
}

/// After an error answer: no more to send, and what the client is still sending is read and
/// dropped for a moment, so that closing does not reset the connection before the client has
/// read the answer.
fn linger(stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + LINGER;
    let mut buf = [0; 8192];
    let mut left: usize = 1 << 20;
    while left > 0 {
        let wait = deadline.saturating_duration_since(Instant::now());
        if wait.is_zero() || stream.set_read_timeout(Some(wait)).is_err() {
            break;
        }
        match (&*stream).read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The status `connection` answers `raw` with, on a site with no files.
    fn status_for(raw: &[u8]) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        let shared = Arc::new(Shared::new(Default::default()));
        let served =
            std::thread::spawn(move || connection(&server, &shared, Duration::from_secs(2)));
        let _ = client.write_all(raw);
        let _ = client.shutdown(Shutdown::Write);
        let mut answer = Vec::new();
        let _ = client.read_to_end(&mut answer);
        served.join().unwrap().unwrap();
        let answer = String::from_utf8_lossy(&answer);
        answer
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }

    #[test]
    fn bounded_requests() {
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEADER_BYTES));
        assert_eq!(status_for(long.as_bytes()), 431);
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            (0..=MAX_HEADERS)
                .map(|i| format!("X-{i}: v\r\n"))
                .collect::<String>()
        );
        assert_eq!(status_for(many.as_bytes()), 431);
        assert_eq!(status_for(b"GARBAGE\r\n\r\n"), 400);
        assert_eq!(status_for(b"GET / HTTP/9\r\n\r\n"), 400);
        assert_eq!(status_for(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), 505);
        assert_eq!(
            status_for(b"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"),
            400
        );
        for control in [
            &b"GET /\0 HTTP/1.1\r\n\r\n"[..],
            b"GET / HTTP/1.1\r\nX: a\0b\r\n\r\n",
            b"GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",
            b"GET / HTTP/1.1\r\nX: \x1b[2J\r\n\r\n",
            b"GET / HTTP/1.1\r\nX: \x7f\r\n\r\n",
        ] {
            assert_eq!(status_for(control), 400, "{control:?}");
        }
        assert_eq!(status_for(b"GET / HTTP/1.1\r\nX: a\tb\r\n\r\n"), 404);
        assert_eq!(status_for(b"DELETE / HTTP/1.1\r\n\r\n"), 405);
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
        let shared = Arc::new(Shared::new(Default::default()));
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
