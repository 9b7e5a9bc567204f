//! `parkbook serve` against hostile clients: malformed, oversized and slow requests, floods of
//! connections, and paths that try to leave the site in every encoding. Every one is answered
//! 4xx (or closed) while other clients keep being served, and no answer ever holds a file from
//! outside the built site. (tests/serve.rs covers the ordinary requests and a few traversals.)

mod common;
use common::process::BIN;
use common::serve::{serve_command, serve_site_with, Server};
use common::site::Site;
use common::wait::wait_until;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What no answer may ever contain: planted beside the site root, in it, and in its content.
const SECRET: &str = "PARKBOOK-SECRET-3f9c1e";

/// Starts `serve` on a copy of a fixture site, with secrets planted around it; `fd_limit` runs it
/// under `ulimit -n`.
fn start(fd_limit: Option<u32>) -> Server {
    let site = Site::new("alt-framework");
    for secret in [
        site.dir().join("secret.txt"),
        site.path("secret.txt"),
        site.path("content/secret.txt"),
    ] {
        std::fs::write(secret, SECRET).unwrap();
    }
    let command = match fd_limit {
        None => serve_command(site.root()),
        Some(n) => {
            let mut c = Command::new("sh");
            c.args([
                "-c",
                &format!("ulimit -n {n} && exec \"$0\" serve --root \"$1\" --port 0"),
                BIN,
                site.root().to_str().unwrap(),
            ]);
            c
        }
    };
    serve_site_with(site, command)
}

#[derive(Debug)]
enum Answer {
    /// Status, head, body.
    Status(u16, String, Vec<u8>),
    /// The connection ended without an answer.
    Closed,
    /// No connection at all: the server is gone.
    Refused,
}

impl Answer {
    fn status(&self) -> Option<u16> {
        match self {
            Answer::Status(s, _, _) => Some(*s),
            Answer::Closed | Answer::Refused => None,
        }
    }

    fn text(&self) -> String {
        match self {
            Answer::Status(_, head, body) => {
                format!("{head}\r\n\r\n{}", String::from_utf8_lossy(body))
            }
            Answer::Closed | Answer::Refused => String::new(),
        }
    }
}

/// Sends raw bytes on a new connection and reads until the server closes it (at most 20 s).
fn exchange(port: u16, raw: &[u8]) -> Answer {
    exchange_within(port, raw, Duration::from_secs(20))
}

fn exchange_within(port: u16, raw: &[u8], limit: Duration) -> Answer {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return Answer::Refused;
    };
    stream.set_read_timeout(Some(limit)).unwrap();
    // The server may answer and close before reading all of an oversized request.
    let _ = stream.write_all(raw);
    let started = Instant::now();
    let mut bytes = Vec::new();
    let mut buf = [0; 16 * 1024];
    while started.elapsed() < limit && !complete(&bytes) {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
        }
    }
    parse(&bytes)
}

/// Whether `bytes` hold a whole answer with a Content-Length (the connection may stay open).
fn complete(bytes: &[u8]) -> bool {
    let Some(split) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&bytes[..split]);
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .and_then(|v| v.trim().parse::<usize>().ok());
    length.is_some_and(|n| bytes.len() >= split + 4 + n)
}

fn parse(bytes: &[u8]) -> Answer {
    if bytes.is_empty() {
        return Answer::Closed;
    }
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let body = bytes.get(split + 4..).unwrap_or_default().to_vec();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Answer::Status(status, head, body)
}

fn get(port: u16, target: &str) -> Answer {
    exchange(
        port,
        format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// A client on one keep-alive connection, reading answers by their Content-Length.
struct KeepAlive {
    reader: BufReader<TcpStream>,
}

impl KeepAlive {
    fn open(port: u16) -> KeepAlive {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        KeepAlive {
            reader: BufReader::new(stream),
        }
    }

    /// The status and body of a GET, or `None` when the connection failed.
    fn get(&mut self, target: &str) -> Option<(u16, Vec<u8>)> {
        self.reader
            .get_mut()
            .write_all(format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())
            .ok()?;
        let mut status_line = String::new();
        self.reader.read_line(&mut status_line).ok()?;
        let status = status_line.split(' ').nth(1)?.parse().ok()?;
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).ok()?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse().ok()?;
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).ok()?;
        Some((status, body))
    }
}

/// GETs in a loop on fresh connections until stopped; counts answers that were not 200 or took
/// over two seconds.
struct Bystander {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<(usize, Vec<String>)>,
}

impl Bystander {
    fn start(port: u16) -> Bystander {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let (mut served, mut failures) = (0, Vec::new());
            while !flag.load(Ordering::Relaxed) {
                let started = Instant::now();
                let answer = get(port, "/parks/p-full/");
                let took = started.elapsed();
                if answer.status() != Some(200) || took > Duration::from_secs(2) {
                    failures.push(format!("{:?} after {took:?}", answer.status()));
                }
                served += 1;
                // The pace of an ordinary visitor beside the attack, not a wait for a result.
                std::thread::sleep(Duration::from_millis(20));
            }
            (served, failures)
        });
        Bystander { stop, thread }
    }

    fn finish(self) {
        self.stop.store(true, Ordering::Relaxed);
        let (served, failures) = self.thread.join().unwrap();
        assert!(
            failures.is_empty(),
            "other clients were not served: {failures:?}"
        );
        assert!(served > 0);
    }
}

fn assert_no_secret(answer: &Answer, what: &str) {
    let text = answer.text();
    assert!(
        !text.contains(SECRET),
        "{what}: a file outside the site leaked"
    );
    assert!(!text.contains("root:x:0:0"), "{what}: /etc/passwd leaked");
    assert!(
        !text.contains("title: 绿色工厂目录"),
        "{what}: site.yaml leaked"
    );
}

#[test]
fn malformed_and_hostile_requests_get_4xx_while_others_are_served() {
    let s = start(None);
    let bystander = Bystander::start(s.port);
    let mut keep_alive = KeepAlive::open(s.port);
    assert_eq!(keep_alive.get("/").map(|a| a.0), Some(200));

    let long_target = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(100 * 1024));
    let long_header = format!("GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n", "b".repeat(20 * 1024));
    let header_flood = format!(
        "GET / HTTP/1.1\r\n{}\r\n",
        (0..40)
            .map(|i| format!("X-H{i}: {}\r\n", "c".repeat(500)))
            .collect::<String>()
    );
    let many_headers = format!(
        "GET / HTTP/1.1\r\n{}\r\n",
        (0..200)
            .map(|i| format!("X-{i}: v\r\n"))
            .collect::<String>()
    );
    let endless_headers = format!(
        "GET / HTTP/1.1\r\n{}",
        (0..50_000)
            .map(|i| format!("X-{i}: v\r\n"))
            .collect::<String>()
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", b"GARBAGE\r\n\r\n".to_vec()),
        ("HTTP/0.9 line", b"GET /\r\n\r\n".to_vec()),
        ("HTTP/0.9 line, no CRLF", b"GET /\n\n".to_vec()),
        ("extra word", b"GET / HTTP/1.1 x\r\n\r\n".to_vec()),
        ("double space", b"GET  / HTTP/1.1\r\n\r\n".to_vec()),
        ("leading space", b" GET / HTTP/1.1\r\n\r\n".to_vec()),
        ("tabs", b"GET\t/\tHTTP/1.1\r\n\r\n".to_vec()),
        ("no version", b"GET / \r\n\r\n".to_vec()),
        ("HTTP/2 line", b"GET / HTTP/2.0\r\n\r\n".to_vec()),
        ("lowercase version", b"GET / http/1.1\r\n\r\n".to_vec()),
        ("h2 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec()),
        (
            "header without colon",
            b"GET / HTTP/1.1\r\nNoColon\r\n\r\n".to_vec(),
        ),
        ("NUL in target", b"GET /\0 HTTP/1.1\r\n\r\n".to_vec()),
        ("NUL in method", b"G\0T / HTTP/1.1\r\n\r\n".to_vec()),
        (
            "NUL in header value",
            b"GET / HTTP/1.1\r\nX-A: a\0b\r\n\r\n".to_vec(),
        ),
        (
            "NUL in header name",
            b"GET / HTTP/1.1\r\nX\0A: b\r\n\r\n".to_vec(),
        ),
        ("only NULs", b"\0\0\0\0\0\0\r\n\r\n".to_vec()),
        (
            "bare CR in header",
            b"GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n".to_vec(),
        ),
        (
            "escape in header",
            b"GET / HTTP/1.1\r\nX-A: \x1b[2J\r\n\r\n".to_vec(),
        ),
        ("invalid UTF-8", b"GET /\xff\xfe HTTP/1.1\r\n\r\n".to_vec()),
        ("oversized request line", long_target.into_bytes()),
        ("oversized header", long_header.into_bytes()),
        ("oversized header block", header_flood.into_bytes()),
        ("too many headers", many_headers.into_bytes()),
        ("endless headers", endless_headers.into_bytes()),
        (
            "absurd Content-Length",
            b"GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n".to_vec(),
        ),
        (
            "negative Content-Length",
            b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n".to_vec(),
        ),
        (
            "a body",
            b"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello".to_vec(),
        ),
        (
            "chunked body",
            b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n".to_vec(),
        ),
        (
            "POST with a large body",
            format!(
                "POST / HTTP/1.1\r\nContent-Length: 1000000\r\n\r\n{}",
                "d".repeat(1_000_000)
            )
            .into_bytes(),
        ),
    ];
    let methods = [
        "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW", "get", "Get",
    ];
    let method_cases = methods.iter().map(|m| {
        (
            *m,
            format!("{m} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes(),
        )
    });
    let connect = (
        "CONNECT",
        b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n".to_vec(),
    );

    for (what, raw) in cases.into_iter().chain(method_cases).chain([connect]) {
        let answer = exchange(s.port, &raw);
        match answer.status() {
            Some(status) => assert!(
                (400..500).contains(&status) || status == 505,
                "{what}: answered {status}"
            ),
            // Closing is acceptable only for requests the server stops reading part-way.
            None => assert!(
                matches!(answer, Answer::Closed) && raw.len() > 8 * 1024,
                "{what}: {answer:?} without an answer"
            ),
        }
        assert_no_secret(&answer, what);
        assert_eq!(
            keep_alive.get("/static/style.css").map(|a| a.0),
            Some(200),
            "after {what}: the keep-alive client is no longer served"
        );
    }
    bystander.finish();
}

#[test]
fn methods_other_than_get_and_head_are_refused_with_allow() {
    let s = start(None);
    let answer = exchange(
        s.port,
        b"DELETE /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(answer.status(), Some(405));
    assert!(answer.text().contains("Allow: GET, HEAD"));
    // The site is still there.
    assert_eq!(get(s.port, "/index.html").status(), Some(200));
}

#[test]
fn slow_clients_do_not_block_others() {
    let s = start(None);
    let port = s.port;
    // Slowloris: several clients send their request a byte per second and never finish.
    let stop = Arc::new(AtomicBool::new(false));
    let sending = Arc::new(AtomicUsize::new(0));
    let slow: Vec<_> = (0..8)
        .map(|i| {
            let (stop, sending) = (stop.clone(), sending.clone());
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                let text = if i % 2 == 0 {
                    "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaa"
                } else {
                    "GET /parks/p-full/index.html HTTP/1.1"
                };
                for (n, byte) in text.bytes().enumerate() {
                    if stop.load(Ordering::Relaxed) || stream.write_all(&[byte]).is_err() {
                        break;
                    }
                    if n == 0 {
                        sending.fetch_add(1, Ordering::Relaxed);
                    }
                    // The slowness under test: a byte a second.
                    std::thread::sleep(Duration::from_secs(1));
                }
            })
        })
        .collect();
    // And one that connects and sends nothing at all.
    let _silent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    wait_until(
        Duration::from_secs(10),
        "every slow client connected and sending",
        || sending.load(Ordering::Relaxed) == 8,
    );

    let started = Instant::now();
    let mut keep_alive = KeepAlive::open(port);
    for i in 0..30 {
        let t = Instant::now();
        let path = if i % 2 == 0 { "/" } else { "/parks/p-full/" };
        assert_eq!(get(port, path).status(), Some(200), "{path}");
        assert_eq!(keep_alive.get(path).map(|a| a.0), Some(200), "{path}");
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "a request took {:?} while slow clients were connected",
            t.elapsed()
        );
        // Spreads the requests over the slow clients' seconds, so that they are served while
        // those hold their connections: the pace of the test, not a wait for a result.
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        started.elapsed() > Duration::from_secs(3),
        "slow clients were not given time"
    );
    stop.store(true, Ordering::Relaxed);
    for t in slow {
        t.join().unwrap();
    }
}

/// More connections than the process may open files: the server answers the ones it can take
/// and refuses the rest with 503, and serves again as soon as they close. Each connection holds
/// one descriptor, and the limit leaves room for rebuilds.
#[cfg(target_os = "linux")]
#[test]
fn a_connection_flood_under_a_low_descriptor_limit_is_answered() {
    let s = start(Some(256));
    let mut held = Vec::new();
    let (mut ok, mut refused, mut closed) = (0, 0, 0);
    for _ in 0..300 {
        let mut client = KeepAlive::open(s.port);
        client
            .reader
            .get_ref()
            .set_read_timeout(Some(Duration::from_secs(3)))
            .unwrap();
        match client.get("/") {
            Some((200, _)) => {
                ok += 1;
                held.push(client);
            }
            Some((503, _)) => refused += 1,
            Some((status, _)) => panic!("answered {status}"),
            None => closed += 1,
        }
    }
    eprintln!("{ok} served, {refused} refused with 503, {closed} closed");
    assert!(
        ok >= 150,
        "only {ok} of 300 connections served under 256 descriptors ({refused} refused, {closed} closed)"
    );
    // The connections it holds are still served, and more is refused, not dropped.
    for client in held.iter_mut().take(20) {
        assert_eq!(client.get("/static/style.css").map(|a| a.0), Some(200));
    }
    // A rebuild still finds descriptors to read the content with.
    let root = s.root();
    let rel = "content/parks/p-full.yaml";
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    std::fs::write(root.join(rel), text.replace("全面园", "全面园洪")).unwrap();
    wait_until(
        Duration::from_secs(10),
        "the edit rebuilt while connections were held",
        || {
            matches!(held[0].get("/parks/p-full/"),
                Some((200, body)) if String::from_utf8_lossy(&body).contains("全面园洪"))
        },
    );
    drop(held);
    wait_until(
        Duration::from_secs(5),
        "served again after the flood",
        || get(s.port, "/").status() == Some(200),
    );
}

#[test]
fn traversal_in_every_encoding_never_reads_outside_the_site() {
    let s = start(None);
    // Paths that try to leave the site: refused with 4xx, whatever the encoding.
    let leaving = [
        "/../secret.txt",
        "/../../secret.txt",
        "/../site/secret.txt",
        "/./../secret.txt",
        "/parks/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2e/secret.txt",
        "/%2e./secret.txt",
        "/.%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsite%2Fsecret.txt",
        "/parks/..%2f..%2f..%2fsecret.txt",
        "/%2f..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/..%5Csite%5Csecret.txt",
        "/%5c..%5c..%5csecret.txt",
        "/\\..\\..\\secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%c0%ae%c0%ae%c0%afsecret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%c1%9c../secret.txt",
        "/..%00/secret.txt",
        "/secret.txt%00.html",
        "/.parkbook-output",
        "/.git/config",
        "/%2econtent/site.yaml",
        "/..;/secret.txt",
        "/%ef%bc%8e%ef%bc%8e/secret.txt",
    ];
    for target in leaving {
        let answer = get(s.port, target);
        assert_no_secret(&answer, target);
        let status = answer.status().unwrap_or(0);
        assert!(
            (400..500).contains(&status),
            "{target}: answered {status}, not a refusal"
        );
    }
    // Paths that name files that exist outside the built site, and encodings that only look
    // like a path: not found (never decoded twice, never read from disk).
    let outside = [
        "/secret.txt",
        "/content/secret.txt",
        "/content/site.yaml",
        "/CONTENT/SITE.YAML",
        "/content/parks/p-full.yaml",
        "/etc/passwd",
        "//etc/passwd",
        "///etc//passwd",
        "/%2fetc%2fpasswd",
        "/%2Fetc/passwd",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/%25%32%65%25%32%65/secret.txt",
        "/%%32%65%%32%65/secret.txt",
        "/%u002e%u002e/secret.txt",
        "/....//secret.txt",
        "/...//secret.txt",
        "/C:/Windows/win.ini",
        "/C:%5cWindows%5cwin.ini",
        "/proc/self/environ",
        "/proc/self/cwd/secret.txt",
        "/dev/zero",
    ];
    for target in outside {
        let answer = get(s.port, target);
        assert_no_secret(&answer, target);
        let status = answer.status().unwrap_or(0);
        assert!((400..500).contains(&status), "{target}: answered {status}");
    }
    // Query and fragment tricks: only the path counts, so these are the pages they start with.
    for (target, page) in [
        ("/?/../../secret.txt", "/"),
        ("/?../secret.txt", "/"),
        ("/#/../../secret.txt", "/"),
        ("/index.html?file=../../secret.txt", "/"),
        ("/parks/p-full/?x=..%2f..%2fsecret.txt", "/parks/p-full/"),
        ("/parks/p-full/#..%2f..%2fsecret.txt", "/parks/p-full/"),
    ] {
        let answer = get(s.port, target);
        assert_no_secret(&answer, target);
        assert_eq!(answer.status(), Some(200), "{target}");
        assert_eq!(
            answer
                .text()
                .split_once("\r\n\r\n")
                .map(|p| p.1.to_string()),
            get(s.port, page)
                .text()
                .split_once("\r\n\r\n")
                .map(|p| p.1.to_string()),
            "{target} is not the page {page}"
        );
    }
    for target in [
        "/%3f/../../secret.txt",
        "/%23/../../secret.txt",
        "/%3f%2f..%2f..%2fsecret.txt",
    ] {
        let answer = get(s.port, target);
        assert_no_secret(&answer, target);
        assert!(
            answer.status().is_some_and(|s| (400..500).contains(&s)),
            "{target}"
        );
    }
    // Request targets that are not origin-form.
    for raw in [
        "GET ../secret.txt HTTP/1.1\r\n\r\n",
        "GET secret.txt HTTP/1.1\r\n\r\n",
        "GET \\..\\secret.txt HTTP/1.1\r\n\r\n",
        "GET * HTTP/1.1\r\n\r\n",
        "GET file:///etc/passwd HTTP/1.1\r\n\r\n",
        "GET http://localhost/../secret.txt HTTP/1.1\r\n\r\n",
        "GET http://localhost/%2e%2e/secret.txt HTTP/1.1\r\n\r\n",
        "GET http://localhost/secret.txt HTTP/1.1\r\n\r\n",
    ] {
        let answer = exchange(s.port, raw.as_bytes());
        assert_no_secret(&answer, raw);
        assert!(
            answer.status().is_some_and(|s| (400..500).contains(&s)),
            "{raw:?}: {:?}",
            answer.status()
        );
    }
    // A Host header never selects anything else.
    let answer = exchange(
        s.port,
        b"GET /secret.txt HTTP/1.1\r\nHost: ../../\r\nConnection: close\r\n\r\n",
    );
    assert_no_secret(&answer, "Host header");
    assert_eq!(answer.status(), Some(404));
    assert_eq!(get(s.port, "/").status(), Some(200));
}

#[test]
fn the_live_reload_channel_reads_no_files() {
    let s = start(None);
    for target in [
        "/__parkbook/",
        "/__parkbook/secret.txt",
        "/__parkbook/../secret.txt",
        "/__parkbook/%2e%2e/%2e%2e/secret.txt",
        "/__parkbook/events/../../secret.txt",
        "/__parkbook/events/..%2f..%2fsecret.txt",
        "/__parkbook/events/",
        "/__parkbook/events.json",
        "/__parkbook/events%00",
        "/__parkbook/events%2f..%2f..%2fcontent%2fsite.yaml",
        "/__PARKBOOK/EVENTS",
        "/__parkbook/content/site.yaml",
        "/__parkbook//etc/passwd",
    ] {
        let answer = get(s.port, target);
        assert_no_secret(&answer, target);
        assert!(
            answer.status().is_some_and(|s| (400..500).contains(&s)),
            "{target}: {:?}",
            answer.status()
        );
    }
    // The event stream itself, with a query that names a file: events only.
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"GET /__parkbook/events?file=../../secret.txt&path=/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(stream);
    let mut seen = String::new();
    while !seen.contains("event: ok") {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap_or(0) > 0, "{seen}");
        seen.push_str(&line);
    }
    assert!(seen.contains("text/event-stream") && !seen.contains(SECRET));
    // Another method on it is refused; HEAD answers the head and ends, with no stream behind it.
    let post = exchange(
        s.port,
        b"POST /__parkbook/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(post.status(), Some(405));
    let started = Instant::now();
    let head = exchange_within(
        s.port,
        b"HEAD /__parkbook/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        Duration::from_secs(4),
    );
    assert_eq!(head.status(), Some(200));
    assert!(
        matches!(&head, Answer::Status(_, _, body) if body.is_empty()),
        "HEAD got a body: {head:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "HEAD of the event stream did not end"
    );
}
