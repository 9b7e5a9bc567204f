//! `parkbook serve` as a reader and an editor meet it: a real server process on a free port, a
//! real HTTP client over TCP, and real edits to the files it watches.

mod common;
use common::process::BIN;
use common::serve::{
    differences, events, eventually, fresh_build, get, request, serve_site, spawn_serve_line,
    Server,
};
use common::site::Site;
use common::wait::exit_within;

use std::io::BufRead;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Starts `serve` on a copy of the alt-framework fixture; the port is what the server printed.
fn start() -> Server {
    serve_site(Site::new("alt-framework"))
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
    assert!(r.text().contains("绿色工厂目录") && r.text().contains("/__parkbook/events"));
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
    std::fs::write(s.root().join("secret.txt"), "secret").unwrap();
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
            !r.text().contains("secret") || r.text().contains("页面未找到"),
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
    let original = std::fs::read_to_string(s.root().join(rel)).unwrap();
    write(
        s.root(),
        rel,
        &original.replace("name: 全面园", "name: 全面园二期"),
    );
    eventually("the edited name is served", || {
        get(s.port, "/parks/p-full/").text().contains("全面园二期")
    });

    write(s.root(), rel, "name: [broken\n");
    eventually("the overlay names the file and line", || {
        let body = get(s.port, "/parks/p-full/").text();
        body.contains("id=\"parkbook-errors\"") && body.contains("content/parks/p-full.yaml:2:1")
    });
    let still = get(s.port, "/parks/p-full/");
    assert!(
        still.text().contains("全面园二期"),
        "the last good page is still served"
    );
    assert!(
        get(s.port, "/").text().contains("parkbook-errors\" role"),
        "every page shows the overlay"
    );

    write(s.root(), rel, &original);
    eventually("the overlay goes away with a good build", || {
        let body = get(s.port, "/parks/p-full/").text();
        !body.contains("id=\"parkbook-errors\" role") && body.contains("<h1>全面园")
    });
}

#[test]
fn deleting_a_park_removes_its_page_and_catalogue_entry() {
    let s = start();
    assert!(get(s.port, "/data/catalogue.json")
        .text()
        .contains("\"p-partial\""));
    std::fs::remove_file(s.root().join("content/parks/p-partial.yaml")).unwrap();
    eventually("the page is gone", || {
        get(s.port, "/parks/p-partial/").status == 404
    });
    assert!(!get(s.port, "/data/catalogue.json")
        .text()
        .contains("\"p-partial\""));
    assert!(!get(s.port, "/parks/").text().contains("p-partial"));
}

#[test]
fn a_rename_over_save_is_seen() {
    let s = start();
    let rel = "content/parks/p-empty.yaml";
    let text = std::fs::read_to_string(s.root().join(rel))
        .unwrap()
        .replace("空白园", "重命名园");
    // What many editors do: write a temporary file, then rename it over the original.
    let tmp = s.root().join("content/parks/.p-empty.yaml.tmp123");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, s.root().join(rel)).unwrap();
    eventually("the renamed-over file is served", || {
        get(s.port, "/parks/p-empty/").text().contains("重命名园")
    });
}

#[test]
fn a_new_park_and_a_copied_folder_are_picked_up() {
    let s = start();
    let text = std::fs::read_to_string(s.root().join("content/parks/p-empty.yaml"))
        .unwrap()
        .replace("空白园", "新园");
    write(s.root(), "content/parks/p-new.yaml", &text);
    eventually("the new park is served", || {
        get(s.port, "/parks/p-new/").text().contains("新园")
    });
    // A whole theme folder copied in at once.
    let theme = s.root().join("themes/default/templates");
    std::fs::create_dir_all(theme.parent().unwrap().join("tmp")).unwrap();
    let staged = theme.parent().unwrap().join("tmp");
    std::fs::write(
        staged.join("404.html"),
        "{% extends \"base.html\" %}{% block main %}<p>COPIED 404</p>{% endblock main %}",
    )
    .unwrap();
    std::fs::rename(&staged, &theme).unwrap();
    eventually("the copied theme folder is used", || {
        get(s.port, "/404.html").text().contains("COPIED 404")
    });
}

#[test]
fn live_reload_events_follow_rebuilds() {
    let s = start();
    let mut reader = events(s.port);
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
    let text = std::fs::read_to_string(s.root().join(rel)).unwrap();
    write(s.root(), rel, &text.replace("全面园", "全面园三"));
    read_until("event: reload", &mut seen);
    write(s.root(), rel, "name: [\n");
    read_until("event: error", &mut seen);
    read_until("p-full.yaml", &mut seen);
}

#[test]
fn the_served_site_equals_a_full_build_and_build_output_has_no_script() {
    let s = start();
    let rel = "content/parks/p-full.yaml";
    let text = std::fs::read_to_string(s.root().join(rel)).unwrap();
    write(
        s.root(),
        rel,
        &text.replace("name: 全面园", "name: 全面园四"),
    );
    eventually("edit served", || {
        get(s.port, "/parks/p-full/").text().contains("全面园四")
    });
    std::fs::remove_file(s.root().join("content/parks/p-partial.yaml")).unwrap();
    eventually("delete served", || {
        get(s.port, "/parks/p-partial/").status == 404
    });

    let out = fresh_build(s.root(), "fresh");
    for (rel, bytes) in common::files(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("EventSource"),
            "{rel}: the live-reload script leaked into build output"
        );
    }
    let (compared, differ) = differences(s.port, &out);
    assert_eq!(differ, Vec::<String>::new(), "differ from a full build");
    assert!(compared > 10);
}

#[test]
fn a_taken_port_moves_to_the_next() {
    let first = start();
    let mut command = Command::new(BIN);
    command.env("PARKBOOK_LANG", "en");
    command.args([
        "serve",
        "--root",
        first.root().to_str().unwrap(),
        "--port",
        &first.port.to_string(),
    ]);
    let (child, line) = spawn_serve_line(command);
    drop(Server::new(child, 0));
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
    let status = exit_within(&mut s.child, Duration::from_secs(10), "serve after Ctrl-C");
    assert!(status.success(), "exit status {status}");
}

#[test]
fn the_search_index_follows_an_edit() {
    let s = start();
    let rel = "content/parks/p-full.yaml";
    let original = std::fs::read_to_string(s.root().join(rel)).unwrap();
    let documents = |port: u16| -> String {
        let mut all = String::new();
        for n in 0.. {
            let shard = get(port, &format!("/search/shards/d-{n:03}.js"));
            if shard.status != 200 {
                break;
            }
            all.push_str(&shard.text());
        }
        all
    };
    assert!(!documents(s.port).contains("全面园检索新名"));
    write(
        s.root(),
        rel,
        &original.replace("name: 全面园", "name: 全面园检索新名"),
    );
    eventually("the index's documents carry the new name", || {
        documents(s.port).contains("全面园检索新名")
    });
}
