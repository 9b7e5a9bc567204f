//! Edits that arrive while a build runs: the site that comes out is consistent, never a mix of
//! two versions of one park, with `build` (each park file is read once, whole) and with `serve`
//! (after a burst of edits during rebuilds, the served site is a fresh build of the final files).

mod common;
use common::copy_dir;

use parkbook::diagnostics::Severity;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A small deterministic pseudo-random sequence (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn site(fixture: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let from = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(fixture);
    for part in ["content", "themes"] {
        if from.join(part).exists() {
            copy_dir(&from.join(part), &root.join(part));
        }
    }
    (dir, root)
}

/// How a file is saved.
#[derive(Clone, Copy, Debug)]
enum Save {
    /// Written to a temporary file, renamed over the original.
    Rename,
    /// Truncated, then written in pieces a millisecond apart (a slow disk, an editor that
    /// streams), so that a read may well find it half written.
    InPlace,
}

fn save(path: &Path, text: &str, how: Save) {
    match how {
        Save::Rename => {
            let tmp = path.with_file_name(format!(
                ".{}.tmp",
                path.file_name().unwrap().to_string_lossy()
            ));
            std::fs::write(&tmp, text).unwrap();
            std::fs::rename(&tmp, path).unwrap();
        }
        Save::InPlace => {
            let mut file = std::fs::File::create(path).unwrap();
            for piece in text.as_bytes().chunks(4096) {
                file.write_all(piece).unwrap();
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
}

const SERVICES: usize = 40;

/// The marker of a park's version: in its name, its summary and every service's name.
fn marker(id: &str, v: u32) -> String {
    format!("VERSION-{id}-{v}-")
}

/// Version `v` of a park of the alt-framework fixture: some 30 KB, so that a save takes many
/// writes and a read cut short loses services.
fn park_version(id: &str, v: u32) -> String {
    let m = marker(id, v);
    let mut text = format!(
        "name: 园区 {m}\nprovider: green-co\nlevel: municipal\ntype: industrial-base\nregion: 江苏省\n\
         summary: 摘要 {m}\nbrand:\n  features:\n    - title: 光伏屋顶\n    - title: 零废弃\n\
         providers:\n  - {{ id: rec, name: 回收公司, kind: enterprise, legal_entity: true }}\nservices:\n"
    );
    for i in 0..SERVICES {
        text.push_str(&format!("  # {}\n", "填充".repeat(120)));
        let system = if i % 2 == 0 { "energy" } else { "waste" };
        text.push_str(&format!(
            "  - {{ id: s{i}, system: {system}, name: 服务{i} {m}, audience: [enterprise], provider: integrated }}\n"
        ));
    }
    text.push_str("assessment:\n  kind: third-party\n  results:\n    - { requirement: wa-declared, status: met, evidence: 见台账。 }\n");
    text
}

/// Every version of every park that `text` mentions.
fn versions_in(text: &str, parks: &[&str], found: &mut BTreeMap<String, BTreeSet<u32>>) {
    for id in parks {
        let prefix = format!("VERSION-{id}-");
        for (at, _) in text.match_indices(&prefix) {
            let rest = &text[at + prefix.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(v) = digits.parse() {
                found.entry(id.to_string()).or_default().insert(v);
            }
        }
    }
}

/// Checks one build's output: each park appears in one version only, across every file, and
/// its page, index.json (all its services), catalogue entry and search documents carry it.
/// Returns the versions seen.
fn check_output(out: &Path, parks: &[&str], build: usize) -> BTreeMap<String, u32> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            versions_in(&String::from_utf8_lossy(&bytes), parks, &mut found);
        }
    }
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let catalogue: serde_json::Value = serde_json::from_str(&read("data/catalogue.json")).unwrap();
    let search: String = std::fs::read_dir(out.join("search/shards"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("d-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    let mut seen = BTreeMap::new();
    for id in parks {
        let versions = &found[*id];
        assert_eq!(
            versions.len(),
            1,
            "build {build}: {id} appears in versions {versions:?}"
        );
        let v = *versions.iter().next().unwrap();
        let m = marker(id, v);
        assert!(read(&format!("parks/{id}/index.html")).contains(&m));
        let json: serde_json::Value =
            serde_json::from_str(&read(&format!("parks/{id}/index.json"))).unwrap();
        let services = json["services"].as_array().unwrap();
        assert_eq!(
            services.len(),
            SERVICES,
            "build {build}: {id} has {} services",
            services.len()
        );
        for service in services {
            assert!(service["name"].as_str().unwrap().contains(&m), "{service}");
        }
        assert!(json.to_string().contains(&format!("摘要 {m}")));
        let entry = catalogue["parks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == *id)
            .unwrap_or_else(|| panic!("build {build}: {id} not in the catalogue"));
        assert!(entry.to_string().contains(&m), "build {build}: {entry}");
        assert!(
            search.matches(&m).count() > SERVICES,
            "build {build}: the search documents miss {m}"
        );
        seen.insert(id.to_string(), v);
    }
    seen
}

/// `build` runs again and again while another thread saves new versions of two parks; every
/// build that succeeds is one consistent site, and one that fails names a park being written.
fn builds_while_parks_are_rewritten(how: Save) {
    let (dir, root) = site("tests/fixtures/alt-framework");
    let parks = ["p-full", "p-partial"];
    for id in parks {
        std::fs::write(
            root.join(format!("content/parks/{id}.yaml")),
            park_version(id, 0),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, root) = (stop.clone(), root.clone());
        std::thread::spawn(move || {
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
            let mut v = 0;
            while !stop.load(Ordering::Relaxed) {
                v += 1;
                let id = parks[(v % 2) as usize];
                let path = root.join(format!("content/parks/{id}.yaml"));
                save(&path, &park_version(id, v), how);
                std::thread::sleep(Duration::from_millis(rng.below(120)));
            }
            v
        })
    };
    let (mut built, mut failed) = (0, 0);
    let mut versions = BTreeSet::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(6) || built < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "{how:?}: only {built} builds succeeded ({failed} failed)"
        );
        let result = parkbook::build(&parkbook::BuildOptions {
            root: &root,
            output: &out,
            base_url: None,
        });
        match result {
            Ok(_) => {
                let seen = check_output(&out, &parks, built);
                versions.extend(seen.values().copied());
                built += 1;
            }
            Err(diags) => {
                // A clear error about a file being saved: empty, or still changing.
                for d in diags.iter().filter(|d| d.severity == Severity::Error) {
                    assert!(
                        parks
                            .iter()
                            .any(|id| d.path == format!("content/parks/{id}.yaml")),
                        "{how:?}: unexpected error: {d}"
                    );
                    assert!(
                        d.message == "file is empty"
                            || d.message == "file kept changing while it was read",
                        "{how:?}: not a clear error: {d}"
                    );
                }
                failed += 1;
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(
        versions.len() >= 3,
        "{how:?}: builds saw versions {versions:?} of {written}: the edits did not race them"
    );
    eprintln!("{how:?}: {built} builds consistent, {failed} refused, {written} saves");
}

#[test]
fn a_build_during_rename_saves_is_one_version_of_each_park() {
    builds_while_parks_are_rewritten(Save::Rename);
}

#[test]
fn a_build_during_in_place_saves_is_one_version_of_each_park() {
    builds_while_parks_are_rewritten(Save::InPlace);
}

// ---- serve ----

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_parkbook"));
    command.args(["serve", "--root", root.to_str().unwrap(), "--port", "0"]);
    let (child, port) = common::spawn_serve(command);
    Server { child, port }
}

/// Status and body of a GET.
fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(bytes.len());
    let status = String::from_utf8_lossy(&bytes[..split])
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, bytes.get(split + 4..).unwrap_or_default().to_vec())
}

/// A served page without the live-reload script that `serve` adds.
fn without_script(body: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&body);
    match text.find("<script>(function(){") {
        Some(start) => {
            let end = text[start..].find("</script>").unwrap() + start + "</script>".len();
            format!("{}{}", &text[..start], &text[end..]).into_bytes()
        }
        None => body,
    }
}

/// The files of a fresh build whose served copy differs (or is missing).
fn differences(port: u16, fresh: &Path) -> Vec<String> {
    let mut differ = Vec::new();
    for entry in walkdir::WalkDir::new(fresh)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry
            .path()
            .strip_prefix(fresh)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == ".parkbook-output" {
            continue;
        }
        let expected = std::fs::read(entry.path()).unwrap();
        let (status, body) = get(port, &format!("/{rel}"));
        if status != 200 || without_script(body) != expected {
            differ.push(format!("{rel} ({status})"));
        }
    }
    differ
}

/// Reads the live-reload stream in the background; the time of the last event.
fn watch_events(port: u16) -> Arc<Mutex<(Instant, usize)>> {
    let last = Arc::new(Mutex::new((Instant::now(), 0)));
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .write_all(b"GET /__parkbook/events HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let record = last.clone();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            if line.starts_with("event:") {
                let mut last = record.lock().unwrap();
                *last = (Instant::now(), last.1 + 1);
            }
            line.clear();
        }
    });
    last
}

#[test]
fn a_burst_of_edits_during_rebuilds_ends_in_a_fresh_build() {
    let (dir, root) = site(".");
    let server = start(&root);
    let events = watch_events(server.port);
    let parks: Vec<String> = {
        let mut ids: Vec<String> = std::fs::read_dir(root.join("content/parks"))
            .unwrap()
            .flatten()
            .filter_map(|e| {
                e.file_name()
                    .to_string_lossy()
                    .strip_suffix(".yaml")
                    .map(str::to_string)
            })
            .collect();
        ids.sort();
        ids
    };
    let original = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap();
    let park_texts: Vec<String> = parks
        .iter()
        .map(|id| original(&format!("content/parks/{id}.yaml")))
        .collect();
    let site_yaml = original("content/site.yaml");
    let provider_rel = "content/providers/jinqiao-group.yaml";
    let provider = original(provider_rel);
    let new_park = root.join("content/parks/burst-new.yaml");

    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let started = Instant::now();
    let mut step = 0u32;
    while started.elapsed() < Duration::from_secs(4) {
        step += 1;
        let how = if rng.below(2) == 0 {
            Save::Rename
        } else {
            Save::InPlace
        };
        let i = rng.below(parks.len() as u64) as usize;
        let park_path = root.join(format!("content/parks/{}.yaml", parks[i]));
        let versioned = |text: &str, id: &str| {
            text.replacen(
                "\nsummary: ",
                &format!("\nsummary: {} ", marker(id, step)),
                1,
            )
            .replacen("name: ", &format!("name: {} ", marker(id, step)), 1)
        };
        match rng.below(10) {
            0..=4 => save(&park_path, &versioned(&park_texts[i], &parks[i]), how),
            5 => save(
                &root.join(provider_rel),
                &provider.replacen("name: ", &format!("name: 第{step}版 "), 1),
                how,
            ),
            6 => save(
                &root.join("content/site.yaml"),
                &site_yaml.replacen("title: ", &format!("title: 第{step}版 "), 1),
                how,
            ),
            7 => {
                if new_park.exists() {
                    std::fs::remove_file(&new_park).unwrap();
                } else {
                    save(&new_park, &versioned(&park_texts[i], "burst-new"), how);
                }
            }
            _ => {
                // A broken save, fixed a moment later.
                save(&park_path, "name: [broken\n", how);
                std::thread::sleep(Duration::from_millis(rng.below(100)));
                save(&park_path, &versioned(&park_texts[i], &parks[i]), how);
            }
        }
        std::thread::sleep(Duration::from_millis(rng.below(80)));
    }
    let burst_end = Instant::now();

    // Settled: no event for three seconds since the burst ended.
    let settle = Instant::now();
    loop {
        let (last, _) = *events.lock().unwrap();
        if last.elapsed() > Duration::from_secs(3) && burst_end.elapsed() > Duration::from_secs(3) {
            break;
        }
        assert!(
            settle.elapsed() < Duration::from_secs(120),
            "serve never settled"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (_, count) = *events.lock().unwrap();
    assert!(
        count >= 3,
        "only {count} live-reload events: the edits did not land"
    );

    let fresh = dir.path().join("fresh");
    let built = Command::new(env!("CARGO_BIN_EXE_parkbook"))
        .args([
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            fresh.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    // A rebuild slowed by a busy machine may still land after the quiet time; a served site
    // that is stale stays stale.
    let mut differ = differences(server.port, &fresh);
    let retry = Instant::now();
    while !differ.is_empty() && retry.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_secs(2));
        differ = differences(server.port, &fresh);
    }
    assert!(
        differ.is_empty(),
        "after {step} edits the served site differs from a fresh build in {} files: {:?}",
        differ.len(),
        &differ[..differ.len().min(20)]
    );
    if !new_park.exists() {
        assert_eq!(get(server.port, "/parks/burst-new/").0, 404);
    }
    let home = String::from_utf8(get(server.port, "/").1).unwrap();
    assert!(
        !home.contains("id=\"parkbook-errors\" role"),
        "an error overlay is left"
    );
}

/// Saves made while `serve` runs its first build are not lost: the files are watched from
/// before they are read.
#[test]
fn edits_during_the_first_build_are_not_lost() {
    let (dir, root) = site(".");
    // Enough parks that the first build takes a while after the files were read (a few tenths
    // of a second: builds are fast).
    let parks = root.join("content/parks");
    let template = std::fs::read_to_string(parks.join("jinqiao-edz.yaml")).unwrap();
    for i in 0..1500 {
        std::fs::write(
            parks.join(format!("copy-{i}.yaml")),
            template.replacen("name: ", &format!("name: 副本{i} "), 1),
        )
        .unwrap();
    }
    let edited = parks.join("zizhu-hi-tech-zone.yaml");
    let original = std::fs::read_to_string(&edited).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_parkbook"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let url = std::thread::spawn(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        line
    });
    // Save a new version every 10 ms until the server is up.
    let mut v = 0;
    while !url.is_finished() {
        v += 1;
        save(
            &edited,
            &original.replacen("name: ", &format!("name: {} ", marker("zizhu", v)), 1),
            Save::Rename,
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let line = url.join().unwrap();
    let port: u16 = line
        .trim()
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no URL: {line:?}"));
    let server = Server { child, port };
    assert!(v > 3, "only {v} saves during the first build");

    let want = marker("zizhu", v);
    let started = Instant::now();
    loop {
        let page = String::from_utf8(get(server.port, "/parks/zizhu-hi-tech-zone/").1).unwrap();
        if page.contains(&want) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the last save ({want}) made during the first build is not served"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(server);
    drop(dir);
}
