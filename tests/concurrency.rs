//! Edits that arrive while a build runs: the site that comes out is consistent, never a mix of
//! two versions of one park, with `build` (each park file is read once, whole) and with `serve`
//! (after a burst of edits during rebuilds, the served site is a fresh build of the final files).

mod common;
use common::serve::{
    differences, events, first_line, fresh_build, get, port_of, serve_command, serve_site, Server,
};
use common::site::Site;
use common::wait::{holds_within, wait_until};

use parkbook::diagnostics::Severity;
use parkbook::messages::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::Stdio;
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

/// How a file is saved.
#[derive(Clone, Copy, Debug)]
enum Save {
    /// Written to a temporary file, renamed over the original.
    Rename,
    /// Truncated, then written in pieces a millisecond apart (a slow disk, an editor that
    /// streams), so that a read may well find it half written.
    InPlace,
    /// Deleted, then written anew in place a moment later (a tool that removes and recreates):
    /// a build may list the file and then find it gone, or find it half written.
    DeleteThenWrite,
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
        Save::DeleteThenWrite => {
            std::fs::remove_file(path).unwrap();
            // The time the file is absent: part of the fault under test, not a wait.
            std::thread::sleep(Duration::from_millis(3));
            save(path, text, Save::InPlace);
        }
        Save::InPlace => {
            let mut file = std::fs::File::create(path).unwrap();
            for piece in text.as_bytes().chunks(4096) {
                file.write_all(piece).unwrap();
                // The slow save under test, not a wait for a result.
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
/// its page, index.json (all its services), catalogue entry and search documents carry it; or,
/// deleted when the build listed the parks, it appears nowhere. Returns the versions seen.
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
        let Some(versions) = found.get(*id) else {
            assert!(
                !out.join(format!("parks/{id}")).exists(),
                "build {build}: {id} has a page but no version"
            );
            assert!(
                !catalogue.to_string().contains(&format!("\"{id}\"")),
                "build {build}: {id} is in the catalogue but has no version"
            );
            continue;
        };
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
    let site = Site::new("alt-framework");
    let root = site.root().to_path_buf();
    let parks = ["p-full", "p-partial"];
    for id in parks {
        std::fs::write(
            root.join(format!("content/parks/{id}.yaml")),
            park_version(id, 0),
        )
        .unwrap();
    }
    let out = site.dir().join("out");
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
                // Jitter, so that saves land at every point of a build, not a wait for a result.
                std::thread::sleep(Duration::from_millis(rng.below(120)));
            }
            v
        })
    };
    let (mut built, mut failed) = (0, 0);
    let mut codes = BTreeMap::new();
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
                // A clear error about a file being saved: empty, deleted or still changing.
                for d in diags.iter().filter(|d| d.severity == Severity::Error) {
                    assert!(
                        parks
                            .iter()
                            .any(|id| d.path == format!("content/parks/{id}.yaml")),
                        "{how:?}: unexpected error: {d}"
                    );
                    let text = d.render(Lang::En);
                    let clear = match d.message.code {
                        "file-empty" => text.contains("file is empty"),
                        "file-deleted" => text.contains("was deleted while being read"),
                        "file-changing" => text.contains("was changed while being read"),
                        _ => false,
                    };
                    assert!(clear, "{how:?}: not a clear error: {text}");
                    *codes.entry(d.message.code).or_insert(0) += 1;
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
    eprintln!("{how:?}: {built} builds consistent, {failed} refused {codes:?}, {written} saves");
}

#[test]
fn a_build_during_rename_saves_is_one_version_of_each_park() {
    builds_while_parks_are_rewritten(Save::Rename);
}

#[test]
fn a_build_during_in_place_saves_is_one_version_of_each_park() {
    builds_while_parks_are_rewritten(Save::InPlace);
}

#[test]
fn a_build_while_parks_are_deleted_and_rewritten_is_one_version_or_a_clear_error() {
    builds_while_parks_are_rewritten(Save::DeleteThenWrite);
}

// ---- serve ----

/// Reads the live-reload stream in the background; the time of the last event.
fn watch_events(port: u16) -> Arc<Mutex<(Instant, usize)>> {
    let last = Arc::new(Mutex::new((Instant::now(), 0)));
    let mut reader = events(port);
    reader.get_mut().set_read_timeout(None).unwrap();
    let record = last.clone();
    std::thread::spawn(move || {
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
    let server = serve_site(Site::new("catalogue"));
    let root = server.root().to_path_buf();
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
    let provider_rel = "content/providers/delta-group.yaml";
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
                // How long the broken save stays: jitter, not a wait for a result.
                std::thread::sleep(Duration::from_millis(rng.below(100)));
                save(&park_path, &versioned(&park_texts[i], &parks[i]), how);
            }
        }
        // Jitter between edits, so that they land at every point of a rebuild.
        std::thread::sleep(Duration::from_millis(rng.below(80)));
    }
    let burst_end = Instant::now();

    wait_until(
        Duration::from_secs(120),
        "serve to settle: no live-reload event for 3 s since the burst ended",
        || {
            let (last, _) = *events.lock().unwrap();
            last.elapsed() > Duration::from_secs(3) && burst_end.elapsed() > Duration::from_secs(3)
        },
    );
    let (_, count) = *events.lock().unwrap();
    assert!(
        count >= 3,
        "only {count} live-reload events: the edits did not land"
    );

    let fresh = fresh_build(&root, "fresh");
    // A rebuild slowed by a busy machine may still land after the quiet time; a served site
    // that is stale stays stale.
    // Each look fetches the whole site: looked at every two seconds, not to slow that rebuild.
    let mut differ = Vec::new();
    holds_within(Duration::from_secs(30), Duration::from_secs(2), || {
        differ = differences(server.port, &fresh).1;
        differ.is_empty()
    });
    assert!(
        differ.is_empty(),
        "after {step} edits the served site differs from a fresh build in {} files: {:?}",
        differ.len(),
        &differ[..differ.len().min(20)]
    );
    if !new_park.exists() {
        assert_eq!(get(server.port, "/parks/burst-new/").status, 404);
    }
    let home = get(server.port, "/").text();
    assert!(
        !home.contains("id=\"parkbook-errors\" role"),
        "an error overlay is left"
    );
}

/// Saves made while `serve` runs its first build are not lost: the files are watched from
/// before they are read.
#[test]
fn edits_during_the_first_build_are_not_lost() {
    let site = Site::new("catalogue");
    let root = site.root();
    // Enough parks that the first build takes a while after the files were read (a few tenths
    // of a second: builds are fast).
    let parks = root.join("content/parks");
    let template = std::fs::read_to_string(parks.join("delta-park.yaml")).unwrap();
    for i in 0..1500 {
        std::fs::write(
            parks.join(format!("copy-{i}.yaml")),
            template.replacen("name: ", &format!("name: 副本{i} "), 1),
        )
        .unwrap();
    }
    let edited = parks.join("eta-park.yaml");
    let original = std::fs::read_to_string(&edited).unwrap();

    let mut child = serve_command(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let url = std::thread::spawn(move || first_line(stdout));
    // Save a new version every 10 ms until the server is up.
    let mut v = 0;
    while !url.is_finished() {
        v += 1;
        save(
            &edited,
            &original.replacen("name: ", &format!("name: {} ", marker("eta", v)), 1),
            Save::Rename,
        );
        // A save every 10 ms while the server starts: the edits under test, not a wait.
        std::thread::sleep(Duration::from_millis(10));
    }
    let server = Server::new(child, port_of(&url.join().unwrap()));
    assert!(v > 3, "only {v} saves during the first build");

    let want = marker("eta", v);
    wait_until(
        Duration::from_secs(30),
        &format!("the last save ({want}) made during the first build to be served"),
        || get(server.port, "/parks/eta-park/").text().contains(&want),
    );
    drop(server);
    drop(site);
}
