//! `parkbook serve` as a reader and an editor meet it: a real server process on a free port, a
//! real HTTP client over TCP, and real edits to the files it watches.

mod common;
use common::copy_dir;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/alt-framework")
}

/// Starts `serve` on a copy of the fixture site; the port is what the server printed.
fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture(), &root);
    let mut command = Command::new(env!("CARGO_BIN_EXE_parkbook"));
    command.args(["serve", "--root", root.to_str().unwrap(), "--port", "0"]);
    let (child, port) = common::spawn_serve(command);
    Server {
        child,
        port,
        _dir: dir,
        root,
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

fn request(port: u16, raw: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        headers: headers.to_string(),
        body: body.to_string(),
    }
}

fn get(port: u16, path: &str) -> Response {
    request(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    )
}

/// Polls until `check` holds, for at most ten seconds.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

fn write(root: &Path, rel: &str, text: &str) {
    std::fs::write(root.join(rel), text).unwrap();
}

#[test]
fn serves_pages_with_types_and_reload_script() {
    let s = start();
    let r = get(s.port, "/");
    assert_eq!(r.status, 200);
    assert!(r.headers.contains("Content-Type: text/html; charset=utf-8"));
    assert!(r.body.contains("绿色工厂目录") && r.body.contains("/__parkbook/events"));
    let css = get(s.port, "/static/style.css");
    assert!(css.headers.contains("text/css; charset=utf-8"));
    assert!(get(s.port, "/data/catalogue.json")
        .headers
        .contains("application/json; charset=utf-8"));
    assert!(get(s.port, "/static/favicon.svg")
        .headers
        .contains("image/svg+xml"));
    let moved = get(s.port, "/parks/p-full");
    assert_eq!(moved.status, 301);
    assert!(moved.headers.contains("Location: /parks/p-full/"));
    assert_eq!(get(s.port, "/parks/p-full/").status, 200);
    assert_eq!(get(s.port, "/no/such/page").status, 404);
    let head = request(
        s.port,
        "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!((head.status, head.body.len()), (200, 0));
    assert_eq!(
        request(
            s.port,
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .status,
        405
    );
}

#[test]
fn traversal_requests_get_404() {
    let s = start();
    std::fs::write(s.root.join("secret.txt"), "secret").unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/parks/..%2F..%2Fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/content/site.yaml",
        "/.parkbook-output",
        "/%00",
    ] {
        let r = get(s.port, path);
        assert_eq!(r.status, 404, "{path} → {}", r.status);
        assert!(
            !r.body.contains("secret") || r.body.contains("页面未找到"),
            "{path} leaked"
        );
    }
    let absolute = request(
        s.port,
        "GET http://evil/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(absolute.status, 404);
}

#[test]
fn an_edit_shows_up_and_errors_show_an_overlay_until_fixed() {
    let s = start();
    let rel = "content/parks/p-full.yaml";
    let original = std::fs::read_to_string(s.root.join(rel)).unwrap();
    write(
        &s.root,
        rel,
        &original.replace("name: 全面园", "name: 全面园二期"),
    );
    eventually("the edited name is served", || {
        get(s.port, "/parks/p-full/").body.contains("全面园二期")
    });

    write(&s.root, rel, "name: [broken\n");
    eventually("the overlay names the file and line", || {
        let body = get(s.port, "/parks/p-full/").body;
        body.contains("id=\"parkbook-errors\"") && body.contains("content/parks/p-full.yaml:2:1")
    });
    let still = get(s.port, "/parks/p-full/");
    assert!(
        still.body.contains("全面园二期"),
        "the last good page is still served"
    );
    assert!(
        get(s.port, "/").body.contains("parkbook-errors\" role"),
        "every page shows the overlay"
    );

    write(&s.root, rel, &original);
    eventually("the overlay goes away with a good build", || {
        let body = get(s.port, "/parks/p-full/").body;
        !body.contains("id=\"parkbook-errors\" role") && body.contains("<h1>全面园")
    });
}

#[test]
fn deleting_a_park_removes_its_page_and_catalogue_entry() {
    let s = start();
    assert!(get(s.port, "/data/catalogue.json")
        .body
        .contains("\"p-partial\""));
    std::fs::remove_file(s.root.join("content/parks/p-partial.yaml")).unwrap();
    eventually("the page is gone", || {
        get(s.port, "/parks/p-partial/").status == 404
    });
    assert!(!get(s.port, "/data/catalogue.json")
        .body
        .contains("\"p-partial\""));
    assert!(!get(s.port, "/parks/").body.contains("p-partial"));
}

#[test]
fn a_rename_over_save_is_seen() {
    let s = start();
    let rel = "content/parks/p-empty.yaml";
    let text = std::fs::read_to_string(s.root.join(rel))
        .unwrap()
        .replace("空白园", "重命名园");
    // What many editors do: write a temporary file, then rename it over the original.
    let tmp = s.root.join("content/parks/.p-empty.yaml.tmp123");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, s.root.join(rel)).unwrap();
    eventually("the renamed-over file is served", || {
        get(s.port, "/parks/p-empty/").body.contains("重命名园")
    });
}

#[test]
fn a_new_park_and_a_copied_folder_are_picked_up() {
    let s = start();
    let text = std::fs::read_to_string(s.root.join("content/parks/p-empty.yaml"))
        .unwrap()
        .replace("空白园", "新园");
    write(&s.root, "content/parks/p-new.yaml", &text);
    eventually("the new park is served", || {
        get(s.port, "/parks/p-new/").body.contains("新园")
    });
    // A whole theme folder copied in at once.
    let theme = s.root.join("themes/default/templates");
    std::fs::create_dir_all(theme.parent().unwrap().join("tmp")).unwrap();
    let staged = theme.parent().unwrap().join("tmp");
    std::fs::write(
        staged.join("404.html"),
        "{% extends \"base.html\" %}{% block main %}<p>COPIED 404</p>{% endblock main %}",
    )
    .unwrap();
    std::fs::rename(&staged, &theme).unwrap();
    eventually("the copied theme folder is used", || {
        get(s.port, "/404.html").body.contains("COPIED 404")
    });
}

#[test]
fn live_reload_events_follow_rebuilds() {
    let s = start();
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(b"GET /__parkbook/events HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(stream);
    let mut seen = String::new();
    let mut read_until = |needle: &str, seen: &mut String| {
        while !seen.contains(needle) {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                panic!("stream ended before {needle}: {seen}");
            }
            seen.push_str(&line);
        }
    };
    read_until("event: ok", &mut seen);
    assert!(seen.contains("text/event-stream"));
    let rel = "content/parks/p-full.yaml";
    let text = std::fs::read_to_string(s.root.join(rel)).unwrap();
    write(&s.root, rel, &text.replace("全面园", "全面园三"));
    read_until("event: reload", &mut seen);
    write(&s.root, rel, "name: [\n");
    read_until("event: error", &mut seen);
    read_until("p-full.yaml", &mut seen);
}

#[test]
fn the_served_site_equals_a_full_build_and_build_output_has_no_script() {
    let s = start();
    let rel = "content/parks/p-full.yaml";
    let text = std::fs::read_to_string(s.root.join(rel)).unwrap();
    write(
        &s.root,
        rel,
        &text.replace("name: 全面园", "name: 全面园四"),
    );
    eventually("edit served", || {
        get(s.port, "/parks/p-full/").body.contains("全面园四")
    });
    std::fs::remove_file(s.root.join("content/parks/p-partial.yaml")).unwrap();
    eventually("delete served", || {
        get(s.port, "/parks/p-partial/").status == 404
    });

    let out = s.root.parent().unwrap().join("fresh");
    let built = Command::new(env!("CARGO_BIN_EXE_parkbook"))
        .args([
            "build",
            "--root",
            s.root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(built.status.success());
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry
            .path()
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == ".parkbook-output" {
            continue;
        }
        let expected = std::fs::read_to_string(entry.path()).unwrap();
        assert!(
            !expected.contains("EventSource"),
            "{rel}: the live-reload script leaked into build output"
        );
        let served = get(s.port, &format!("/{rel}"));
        assert_eq!(served.status, 200, "{rel}");
        let body = match served.body.find("<script>(function(){") {
            Some(start) => {
                let end =
                    served.body[start..].find("</script>").unwrap() + start + "</script>".len();
                format!("{}{}", &served.body[..start], &served.body[end..])
            }
            None => served.body.clone(),
        };
        assert_eq!(body, expected, "{rel} differs from a full build");
        compared += 1;
    }
    assert!(compared > 10);
}

#[test]
fn a_taken_port_moves_to_the_next() {
    let first = start();
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_parkbook"))
        .args([
            "serve",
            "--root",
            first.root.to_str().unwrap(),
            "--port",
            &first.port.to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    drop(dir);
    assert!(line.starts_with("http://127.0.0.1:"), "{line}");
    assert!(
        !line.contains(&format!(":{}/", first.port)),
        "took the busy port: {line}"
    );
}

#[test]
fn ctrl_c_stops_cleanly() {
    let mut s = start();
    let pid = s.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let started = Instant::now();
    loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_search_index_follows_an_edit() {
    let s = start();
    let rel = "content/parks/p-full.yaml";
    let original = std::fs::read_to_string(s.root.join(rel)).unwrap();
    let documents = |port: u16| -> String {
        let mut all = String::new();
        for n in 0.. {
            let shard = get(port, &format!("/search/shards/d-{n:03}.js"));
            if shard.status != 200 {
                break;
            }
            all.push_str(&shard.body);
        }
        all
    };
    assert!(!documents(s.port).contains("全面园检索新名"));
    write(
        &s.root,
        rel,
        &original.replace("name: 全面园", "name: 全面园检索新名"),
    );
    eventually("the index's documents carry the new name", || {
        documents(s.port).contains("全面园检索新名")
    });
}
