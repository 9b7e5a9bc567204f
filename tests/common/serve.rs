//! `parkbook serve` as a real process on a free port, and a plain HTTP/1.1 client over TCP.

use super::process::BIN;
use super::site::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running server, killed when dropped (before the site it serves is removed).
pub struct Server {
    pub child: Child,
    pub port: u16,
    site: Option<Site>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// A server started by other means, killed when dropped.
    pub fn new(child: Child, port: u16) -> Server {
        Server {
            child,
            port,
            site: None,
        }
    }

    /// The root of the site it serves, when it owns one.
    pub fn root(&self) -> &Path {
        self.site.as_ref().expect("a server of a Site").root()
    }
}

/// Serves `site`, which the server owns from now on.
pub fn serve_site(site: Site) -> Server {
    let command = serve_command(site.root());
    serve_site_with(site, command)
}

/// Serves `site` with `command` (a shell that execs `serve`, say); the server owns the site.
pub fn serve_site_with(site: Site, command: Command) -> Server {
    let (child, port) = spawn_serve(command);
    let mut server = Server::new(child, port);
    server.site = Some(site);
    server
}

/// `parkbook serve --root ROOT --port 0`.
pub fn serve_command(root: &Path) -> Command {
    let mut command = Command::new(BIN);
    command.args(["serve", "--root", root.to_str().unwrap(), "--port", "0"]);
    command.env("PARKBOOK_LANG", "en");
    command
}

/// Starts `parkbook serve` as `command` says (its arguments, or a shell that execs it) and returns
/// the process and the port of the URL it prints first.
pub fn spawn_serve(command: Command) -> (Child, u16) {
    let (child, line) = spawn_serve_line(command);
    (child, port_of(&line))
}

/// Starts `parkbook serve` as `command` says and returns the process and the first line it
/// printed.
pub fn spawn_serve_line(mut command: Command) -> (Child, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let line = first_line(child.stdout.take().unwrap());
    (child, line)
}

/// The first line that `serve` prints: the URL it serves.
pub fn first_line(stdout: impl Read) -> String {
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    line
}

/// The port of a printed URL such as `http://127.0.0.1:8123/`.
pub fn port_of(line: &str) -> u16 {
    line.trim()
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no URL: {line:?}"))
}

/// A whole answer, read until the server closed the connection.
pub struct Response {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `raw` on a new connection and reads the answer (at most 20 s).
pub fn request(port: u16, raw: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(bytes.len());
    let headers = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = headers
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        headers,
        body: bytes.get(split + 4..).unwrap_or_default().to_vec(),
    }
}

pub fn get(port: u16, path: &str) -> Response {
    request(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    )
}

/// Opens the live-reload event stream.
pub fn events(port: u16) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(b"GET /__parkbook/events HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    BufReader::new(stream)
}

/// Polls until `check` holds, for at most ten seconds (a rebuild and its event).
pub fn eventually(what: &str, check: impl FnMut() -> bool) {
    super::wait::wait_until(Duration::from_secs(10), what, check);
}

/// A served page without the live-reload script that `serve` adds.
pub fn without_script(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    match text.find("<script>(function(){") {
        Some(start) => {
            let end = text[start..].find("</script>").unwrap() + start + "</script>".len();
            format!("{}{}", &text[..start], &text[end..]).into_bytes()
        }
        None => body.to_vec(),
    }
}

/// The files of the built site `fresh` whose served copy (live-reload script removed) differs
/// or is missing, and how many were compared.
pub fn differences(port: u16, fresh: &Path) -> (usize, Vec<String>) {
    let mut differ = Vec::new();
    let mut compared = 0;
    for (rel, expected) in super::files(fresh) {
        if rel == ".parkbook-output" {
            continue;
        }
        compared += 1;
        let served = get(port, &format!("/{rel}"));
        if served.status != 200 || without_script(&served.body) != expected {
            differ.push(format!("{rel} ({})", served.status));
        }
    }
    (compared, differ)
}

/// A fresh build of `root` beside it, in `DIR/NAME`.
pub fn fresh_build(root: &Path, name: &str) -> PathBuf {
    let out = root.parent().unwrap().join(name);
    super::process::build(root, &out);
    out
}
