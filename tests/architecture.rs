//! The shape of `src/`: arrows between modules go one way, the model knows nothing of the loader,
//! no output reads another, and every file stays small enough to hold in one's head.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The outputs: each reads the views and none reads another.
const OUTPUTS: &[&str] = &["pages", "data", "search", "feeds"];
/// Lines of code a file may have, tests and comments excluded.
const MAX_LINES: usize = 600;

struct Module {
    /// Source up to its test module.
    code: String,
}

fn modules() -> BTreeMap<String, Module> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    for entry in walkdir(&src) {
        let rel = entry.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        let name = match parts.join("::").as_str() {
            "lib" | "main" => "crate".to_string(),
            other => other.to_string(),
        };
        let text = std::fs::read_to_string(&entry).unwrap();
        let code = match text.find("#[cfg(test)]") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        if name == "crate" && modules.contains_key("crate") {
            continue; // main.rs and lib.rs are both the root; lib.rs is the library's.
        }
        modules.insert(name, Module { code });
    }
    modules
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else if path.extension().is_some_and(|x| x == "rs")
            && path.file_name().unwrap() != "main.rs"
        {
            files.push(path);
        }
    }
    files
}

/// Every path that starts with `crate::`, `super::` or `self::` in `code`, with `use` groups
/// (`crate::{a, b::c}`) expanded.
fn paths(code: &str) -> Vec<Vec<String>> {
    let code: String = code
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b':');
        let rest = &bytes[i..];
        if boundary
            && (rest.starts_with(b"crate::")
                || rest.starts_with(b"super::")
                || rest.starts_with(b"self::"))
        {
            let mut out = Vec::new();
            let end = parse_path(&code, i, Vec::new(), &mut out);
            found.extend(out);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

/// Parses a path from `at`, appending every full path to `out`; returns where it ended.
fn parse_path(
    code: &str,
    mut at: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    let bytes = code.as_bytes();
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at < bytes.len() && bytes[at] == b'{' {
            at += 1;
            loop {
                at = parse_path(code, at, prefix.clone(), out);
                while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                match bytes.get(at) {
                    Some(b',') => at += 1,
                    Some(b'}') => return at + 1,
                    _ => return at,
                }
                while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                if bytes.get(at) == Some(&b'}') {
                    return at + 1;
                }
            }
        }
        let start = at;
        while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_') {
            at += 1;
        }
        if start == at {
            out.push(prefix);
            return at;
        }
        prefix.push(code[start..at].to_string());
        if bytes[at..].starts_with(b"::") {
            at += 2;
        } else {
            out.push(prefix);
            return at;
        }
    }
}

/// The module a path names, resolved from module `from`: the longest known module it starts with.
fn resolve(from: &str, path: &[String], known: &BTreeSet<String>) -> Option<String> {
    let mut base: Vec<String> = if from == "crate" {
        Vec::new()
    } else {
        from.split("::").map(str::to_string).collect()
    };
    match path.first().map(String::as_str) {
        Some("crate") => longest(&[], &path[1..], known),
        Some("self") => longest(&base, &path[1..], known),
        Some("super") => {
            let mut segs = path;
            while segs.first().is_some_and(|s| s == "super") {
                base.pop();
                segs = &segs[1..];
            }
            longest(&base, segs, known)
        }
        _ => None,
    }
}

fn longest(base: &[String], segs: &[String], known: &BTreeSet<String>) -> Option<String> {
    let mut best = None;
    for n in 0..=segs.len() {
        let mut parts = base.to_vec();
        parts.extend_from_slice(&segs[..n]);
        let name = if parts.is_empty() {
            "crate".to_string()
        } else {
            parts.join("::")
        };
        if known.contains(&name) {
            best = Some(name);
        }
    }
    best
}

/// Module → the modules it uses, leaving out its own ancestors (a child may use its parent's
/// items) and itself.
fn arrows() -> (BTreeMap<String, BTreeSet<String>>, BTreeMap<String, Module>) {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let mut arrows = BTreeMap::new();
    for (name, module) in &modules {
        let mut to = BTreeSet::new();
        for path in paths(&module.code) {
            let Some(target) = resolve(name, &path, &known) else {
                continue;
            };
            let ancestor = target == "crate" || name.starts_with(&format!("{target}::"));
            if target != *name && !ancestor {
                to.insert(target);
            }
        }
        arrows.insert(name.clone(), to);
    }
    (arrows, modules)
}

/// The top-level module a module belongs to.
fn top(module: &str) -> &str {
    module.split("::").next().unwrap()
}

#[test]
fn no_import_cycle() {
    let (arrows, _) = arrows();
    // Depth-first search for a path back to the start, between top-level modules and between
    // the modules inside each.
    let mut cycles = Vec::new();
    for start in arrows.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, trail)) = stack.pop() {
            for next in &arrows[&at] {
                if next == start {
                    cycles.push(trail.join(" → ") + " → " + start);
                } else if seen.insert(next.clone()) {
                    let mut t = trail.clone();
                    t.push(next.clone());
                    stack.push((next.clone(), t));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_model_knows_nothing_of_the_loader_or_the_outputs() {
    let (arrows, _) = arrows();
    for (module, to) in &arrows {
        if top(module) == "model" {
            let other: Vec<_> = to.iter().filter(|t| *t != "diagnostics").collect();
            assert!(
                other.is_empty(),
                "{module} uses {other:?}; the model may use only diagnostics"
            );
        }
        if top(module) == "views" {
            let bad: Vec<_> = to
                .iter()
                .filter(|t| OUTPUTS.contains(&top(t)) || top(t) == "load" || top(t) == "render")
                .collect();
            assert!(
                bad.is_empty(),
                "{module} uses {bad:?}; views read the model only"
            );
        }
    }
}

/// `import` writes content files: it may read the loader's limits and the messages, never the
/// views, the renderer or an output.
#[test]
fn the_importer_knows_nothing_of_the_outputs() {
    let (arrows, _) = arrows();
    let mut found = Vec::new();
    for (module, to) in &arrows {
        if top(module) != "import" {
            continue;
        }
        for t in to {
            if OUTPUTS.contains(&top(t)) || ["render", "views", "write", "serve"].contains(&top(t))
            {
                found.push(format!("{module} → {t}"));
            }
        }
    }
    assert!(found.is_empty(), "the importer uses:\n{}", found.join("\n"));
}

#[test]
fn no_output_reads_another() {
    let (arrows, _) = arrows();
    let mut found = Vec::new();
    for (module, to) in &arrows {
        let Some(own) = OUTPUTS.iter().find(|o| top(module) == **o) else {
            continue;
        };
        for t in to {
            if OUTPUTS.contains(&top(t)) && top(t) != *own {
                found.push(format!("{module} → {t}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "outputs reading each other:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_file_is_under_600_lines_of_code() {
    let (_, modules) = arrows();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for path in walkdir(&src).into_iter().chain([src.join("main.rs")]) {
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let lines = code
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("//"))
            .count();
        if lines > MAX_LINES {
            long.push(format!("{}: {lines} lines of code", path.display()));
        }
    }
    assert!(!modules.is_empty());
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines of code:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_reader_of_paths_sees_groups_and_parents() {
    let code =
        "use crate::{data, views::{self, Ctx}};\nuse super::park::row;\nlet x = crate::cat(&a);";
    let found: Vec<String> = paths(code).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "crate::data",
            "crate::views::self",
            "crate::views::Ctx",
            "super::park::row",
            "crate::cat"
        ]
    );
    let known: BTreeSet<String> = ["views", "views::park", "data"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let p: Vec<String> = ["super", "park", "row"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        resolve("views::standard", &p, &known).as_deref(),
        Some("views::park")
    );
}
