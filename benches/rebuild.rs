//! `cargo bench --bench rebuild`: the incremental rebuild of `parkbook serve` after a one-park
//! edit (the pages and data it publishes, then the search index it refreshes after them), against
//! a full build of the same site, at 1,000 and 10,000 parks (set
//! PARKBOOK_BENCH_SIZES=100,1000 to choose). Sites come from ../shared/bench/gen_parkbook.py
//! (or PARKBOOK_BENCH_GEN) and are kept under PARKBOOK_BENCH_DIR (default: the system temp dir).

use parkbook::incremental::Project;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn generator() -> PathBuf {
    std::env::var_os("PARKBOOK_BENCH_GEN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_parkbook.py")
        })
}

fn site(n: usize) -> PathBuf {
    let base = std::env::var_os("PARKBOOK_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let root = base.join(format!("parkbook-bench-{n}"));
    if !root.join("content/parks").is_dir() {
        let status = Command::new("python3")
            .arg(generator())
            .args(["--n", &n.to_string(), "--out"])
            .arg(&root)
            .status()
            .expect("python3 runs the generator");
        assert!(status.success(), "the generator failed");
    }
    root
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// Times of the update itself (what `serve` publishes and reloads) and of the search index that
/// `serve` refreshes after it.
fn one_park_edits(
    root: &Path,
    project: &mut Project,
    runs: usize,
) -> (Vec<Duration>, Vec<Duration>, usize) {
    let id = project.site().parks[project.site().parks.len() / 2]
        .id
        .clone();
    let rel = format!("content/parks/{id}.yaml");
    let path = root.join(&rel);
    let original = std::fs::read_to_string(&path).unwrap();
    let mut times = Vec::new();
    let mut search_times = Vec::new();
    let mut rendered = 0;
    for i in 0..runs {
        let edited = original.replacen("name: \"", &format!("name: \"改{i}"), 1);
        std::fs::write(&path, edited).unwrap();
        let started = Instant::now();
        let outcome = project
            .apply(std::slice::from_ref(&rel))
            .expect("the edit applies");
        times.push(started.elapsed());
        assert!(!outcome.full);
        rendered = outcome.rendered;
        let started = Instant::now();
        project.refresh_search().expect("the index is written");
        search_times.push(started.elapsed());
    }
    std::fs::write(&path, original).unwrap();
    project.apply(&[rel]).unwrap();
    (times, search_times, rendered)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("PARKBOOK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1000, 10000]);
    println!("| parks | full build in memory (ms, median of 3) | one-park rebuild (ms, median of 10) | slowest rebuild (ms) | files re-rendered | full ÷ rebuild | search index after it (ms, median) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let root = site(n);
        let mut full = Vec::new();
        let mut project = None;
        for _ in 0..3 {
            let started = Instant::now();
            let p = Project::open(&root, None).unwrap_or_else(|d| panic!("{d:?}"));
            full.push(started.elapsed());
            project = Some(p);
        }
        let mut project = project.unwrap();
        let (times, search_times, rendered) = one_park_edits(&root, &mut project, 10);
        let slowest = *times.iter().max().unwrap();
        let (full, rebuild) = (median(full), median(times));
        println!(
            "| {n} | {} | {} | {} | {rendered} | {:.0}× | {} |",
            ms(full),
            ms(rebuild),
            ms(slowest),
            full.as_secs_f64() / rebuild.as_secs_f64(),
            ms(median(search_times))
        );
    }
}
