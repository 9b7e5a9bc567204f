//! Reads a site root into the model: each file is read once, parsed with positions, and turned
//! into typed values; every problem is gathered instead of stopping at the first.

pub mod reader;
pub mod yaml;

pub(crate) mod framework;
pub(crate) mod parks;
pub(crate) mod providers;
pub(crate) mod site_config;
mod standard;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::{Park, Provider, Site};
use rayon::prelude::*;
use std::path::Path;

pub use standard::parse_part;

/// The keys that each mapping of a park or provider file takes: what the readers accept, and
/// what the JSON Schema (`crate::schema`) is generated from.
pub mod keys {
    pub use super::parks::{
        ASSESSMENT_KEYS as ASSESSMENT, BRAND_KEYS as BRAND, FEATURE_KEYS as FEATURE,
        PARK_KEYS as PARK, PROVIDER_KEYS as SPECIALIZED_PROVIDER, RESULT_KEYS as RESULT,
        SERVICE_KEYS as SERVICE,
    };
    pub use super::providers::KEYS as PROVIDER;
}

/// Largest content file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Most park files a site may hold. `content/parks` is counted before any park is read (and the
/// count stops one past the limit), so a folder of millions of files is refused at once.
pub const MAX_PARKS: usize = 100_000;

/// Loads everything under `root/content`. Returns the model only when it could be built at all;
/// the diagnostics may still hold errors that validation must report.
pub fn load(root: &Path) -> (Option<Site>, Diagnostics) {
    load_limited(root, MAX_PARKS)
}

/// `load` with another bound than `MAX_PARKS` on the number of park files (tests use a small one:
/// making 100,001 files takes seconds).
pub fn load_limited(root: &Path, max_parks: usize) -> (Option<Site>, Diagnostics) {
    let content = root.join("content");
    let mut diags = Diagnostics::default();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(
                "content",
                None,
                format!("no content folder at {}", content.display()),
            )
            .with_hint(Some(
                "run parkbook in a site root, or pass --root DIR".into(),
            )),
        );
        return (None, diags);
    }
    if let Some(error) = too_many_parks(root, max_parks) {
        diags.push(error);
        return (None, diags);
    }

    let config = yaml_file(root, "content/site.yaml", &mut diags)
        .and_then(|node| site_config::read(&node, &mut diags));
    let standard = standard::load(root, &mut diags);
    let framework = yaml_file(root, "content/framework.yaml", &mut diags)
        .and_then(|node| framework::read(&node, &mut diags));

    let providers: Vec<_> =
        collect_parallel(root, "content/providers", &mut diags, |rel, id, d| {
            read_provider(root, rel, id, d)
        });
    let parks: Vec<_> = collect_parallel(root, "content/parks", &mut diags, |rel, id, d| {
        read_park(root, rel, id, d)
    });

    let site = match (config, framework) {
        (Some(config), Some(framework)) => Some(Site {
            config,
            standard,
            framework,
            providers,
            parks,
        }),
        _ => None,
    };
    (site, diags)
}

fn read_provider(root: &Path, rel: &str, id: &str, diags: &mut Diagnostics) -> Option<Provider> {
    let provider =
        yaml_file(root, rel, diags).and_then(|node| providers::read(&node, id, rel, diags));
    // A provider file with errors (already reported, and they stop the build) still
    // defines its id, so parks that name it are not reported as broken too.
    Some(provider.unwrap_or_else(|| Provider {
        id: id.to_string(),
        path: rel.to_string(),
        name: String::new(),
        short_name: None,
        kind: String::new(),
        brand: None,
        website: None,
        summary: None,
    }))
}

fn read_park(root: &Path, rel: &str, id: &str, diags: &mut Diagnostics) -> Option<Park> {
    yaml_file(root, rel, diags).and_then(|node| parks::read(&node, id, rel, diags))
}

/// Reads one park file (`content/parks/<id>.yaml`), for incremental rebuilds.
pub fn load_park(root: &Path, id: &str) -> (Option<Park>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let park = read_park(root, &format!("content/parks/{id}.yaml"), id, &mut diags);
    (park, diags)
}

/// Reads one provider file (`content/providers/<id>.yaml`), for incremental rebuilds.
pub fn load_provider(root: &Path, id: &str) -> (Option<Provider>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let provider = read_provider(
        root,
        &format!("content/providers/{id}.yaml"),
        id,
        &mut diags,
    );
    (provider, diags)
}

/// The error for a `content/parks` of more than `max` entries, counted up to `max + 1` only.
fn too_many_parks(root: &Path, max: usize) -> Option<Diagnostic> {
    let entries = std::fs::read_dir(root.join("content/parks")).ok()?;
    if entries.take(max.saturating_add(1)).count() <= max {
        return None;
    }
    Some(
        Diagnostic::error(
            "content/parks",
            None,
            format!("more than {max} park files; the limit is {max} parks"),
        )
        .with_hint(Some(
            "split the catalogue into several sites, each with its own content/".into(),
        )),
    )
}

/// Runs `read` on every `<id>.yaml` of a folder in parallel; results keep the folder's order.
fn collect_parallel<T: Send>(
    root: &Path,
    folder: &str,
    diags: &mut Diagnostics,
    read: impl Fn(&str, &str, &mut Diagnostics) -> Option<T> + Sync,
) -> Vec<T> {
    let files = yaml_files(root, folder, diags);
    let results: Vec<(Option<T>, Diagnostics)> = files
        .par_iter()
        .map(|(rel, id)| {
            let mut local = Diagnostics::default();
            (read(rel, id, &mut local), local)
        })
        .collect();
    let mut items = Vec::with_capacity(results.len());
    for (item, local) in results {
        diags.extend(local);
        items.extend(item);
    }
    items
}

/// The `<id>.yaml` files of a folder, sorted, as (relative path, id). Other files are reported.
fn yaml_files(root: &Path, folder: &str, diags: &mut Diagnostics) -> Vec<(String, String)> {
    let dir = root.join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{folder}/{name}");
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if entry.path().is_dir() {
            diags.push(Diagnostic::warning(
                &rel,
                None,
                "ignored: a folder here holds nothing parkbook reads",
            ));
            continue;
        }
        let Some(stem) = name.strip_suffix(".yaml") else {
            let hint = name
                .strip_suffix(".yml")
                .map(|stem| format!("rename it to `{stem}.yaml`"));
            diags.push(
                Diagnostic::error(&rel, None, "not a `.yaml` file, so it would be ignored")
                    .with_hint(hint),
            );
            continue;
        };
        if let Some(problem) = reader::id_problem(stem) {
            diags.push(
                Diagnostic::error(
                    &rel,
                    None,
                    format!("the file name `{stem}` is not a valid id: {problem}"),
                )
                .with_hint(Some(reader::ID_HINT.into())),
            );
            continue;
        }
        files.push((rel, stem.to_string()));
    }
    files.sort();
    files
}

/// Reads a content file as UTF-8 text, refusing oversized, binary, non-UTF-8 and empty files.
pub fn read_text(root: &Path, rel: &str, diags: &mut Diagnostics) -> Option<String> {
    let path = root.join(rel);
    let size = match std::fs::metadata(&path) {
        Ok(meta) => meta.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            diags.push(
                Diagnostic::error(rel, None, "file is missing: every site needs it")
                    .with_hint(Some("see the content format in parkbook's README, or copy it from the shipped content/".into())),
            );
            return None;
        }
        Err(e) => {
            diags.error(rel, None, format!("cannot read: {e}"));
            return None;
        }
    };
    if size > MAX_FILE_BYTES {
        diags.push(Diagnostic::error(
            rel,
            None,
            format!("file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes"),
        ));
        return None;
    }
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diags.error(rel, None, format!("cannot read: {e}"));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            diags.push(
                Diagnostic::error(
                    rel,
                    Some(Pos::of_offset(&prefix, valid)),
                    "file is not valid UTF-8 text",
                )
                .with_hint(Some(
                    "save the file as UTF-8 (GBK and other encodings are not read)".into(),
                )),
            );
            return None;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.contains('\0') {
        diags.push(Diagnostic::error(
            rel,
            Some(Pos::of_offset(&text, text.find('\0').unwrap_or(0))),
            "file holds a NUL byte: is it a binary file?",
        ));
        return None;
    }
    if text.trim().is_empty() {
        diags.error(rel, None, "file is empty");
        return None;
    }
    Some(text)
}

fn yaml_file(root: &Path, rel: &str, diags: &mut Diagnostics) -> Option<yaml::Node> {
    let text = read_text(root, rel, diags)?;
    parse_yaml(&text, rel, Pos::new(1, 1), diags)
}

/// Parses YAML that starts at `origin` in its file (front matter starts below line 1).
pub fn parse_yaml(
    text: &str,
    rel: &str,
    origin: Pos,
    diags: &mut Diagnostics,
) -> Option<yaml::Node> {
    match yaml::parse(text) {
        Ok(node) if node.kind == yaml::NodeKind::Null => {
            diags.error(
                rel,
                Some(origin),
                "file holds no YAML values (only comments or blank lines)",
            );
            None
        }
        Ok(mut node) => {
            shift(&mut node, origin);
            Some(node)
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                rel,
                Some(offset_pos(e.pos, origin)),
                e.message,
            ));
            None
        }
    }
}

fn offset_pos(pos: Pos, origin: Pos) -> Pos {
    Pos::new(pos.line + origin.line - 1, pos.col)
}

fn shift(node: &mut yaml::Node, origin: Pos) {
    if origin.line == 1 {
        return;
    }
    node.pos = offset_pos(node.pos, origin);
    match &mut node.kind {
        yaml::NodeKind::Seq(items) => items.iter_mut().for_each(|n| shift(n, origin)),
        yaml::NodeKind::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            shift(k, origin);
            shift(v, origin);
        }),
        _ => {}
    }
}
