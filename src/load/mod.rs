//! Reads a site root into the model: each file is read once, parsed with positions, and turned
//! into typed values; every problem is gathered instead of stopping at the first.

pub mod reader;
pub mod yaml;

pub(crate) mod assessments;
pub(crate) mod framework;
pub(crate) mod parks;
pub(crate) mod providers;
pub(crate) mod site_config;
mod standard;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::messages::Msg;
use crate::model::{Park, Provider, Site};
use crate::msg;
use rayon::prelude::*;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, SystemTime};

pub use standard::parse_part;

/// The keys that each mapping of a park or provider file takes: what the readers accept, and
/// what the JSON Schema (`crate::schema`) is generated from.
pub mod keys {
    pub use super::assessments::{
        ASSESSMENT_KEYS as ASSESSMENT, ASSESSOR_KEYS as ASSESSOR, EVIDENCE_KEYS as EVIDENCE,
        RESULT_KEYS as RESULT,
    };
    pub use super::parks::{
        BRAND_KEYS as BRAND, FEATURE_KEYS as FEATURE, PARK_KEYS as PARK,
        PROVIDER_KEYS as SPECIALIZED_PROVIDER, SERVICE_KEYS as SERVICE,
    };
    pub use super::providers::KEYS as PROVIDER;
}

/// The files every site has, and how they are read.
const SITE_YAML: (&str, Expected) = ("content/site.yaml", Expected::Required);
const FRAMEWORK_YAML: (&str, Expected) = ("content/framework.yaml", Expected::Required);

/// Largest content file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Most park files a site may hold. `content/parks` is counted before any park is read (and the
/// count stops one past the limit), so a folder of millions of files is refused at once.
pub const MAX_PARKS: usize = 100_000;

/// Most provider files a site may hold, counted as parks are: a folder of millions of them would
/// exhaust memory just the same.
pub const MAX_PROVIDERS: usize = MAX_PARKS;

/// Loads everything under `root/content`. Returns the model only when it could be built at all;
/// the diagnostics may still hold errors that validation must report.
pub fn load(root: &Path) -> (Option<Site>, Diagnostics) {
    load_limited(root, MAX_PARKS, MAX_PROVIDERS)
}

/// The theme `content/site.yaml` names, read on its own so that the theme can be prepared while
/// the content loads; `default` when the file cannot tell (`load` reports why).
pub fn theme_name(root: &Path) -> String {
    site_config_alone(root).map_or_else(|| "default".to_string(), |config| config.theme)
}

/// The `language` `content/site.yaml` names, if it names one, read on its own: messages need
/// their language before the site's own problems are shown.
pub fn site_language(root: &Path) -> Option<String> {
    let mut ignored = Diagnostics::default();
    read_yaml(root, SITE_YAML, &mut ignored, |node, _| {
        site_config::written_language(node)
    })
}

/// `content/site.yaml` read by itself, its problems left to `load`.
fn site_config_alone(root: &Path) -> Option<crate::model::SiteConfig> {
    let mut ignored = Diagnostics::default();
    read_yaml(root, SITE_YAML, &mut ignored, site_config::read)
}

/// `load` with other bounds than `MAX_PARKS` and `MAX_PROVIDERS` on the number of park and
/// provider files (tests use small ones: making 100,001 files takes seconds).
pub fn load_limited(
    root: &Path,
    max_parks: usize,
    max_providers: usize,
) -> (Option<Site>, Diagnostics) {
    let content = root.join("content");
    let mut diags = Diagnostics::default();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(
                "content",
                None,
                msg!("no-content-folder", path = content.display()),
            )
            .with_hint(Some(Msg::new("no-content-folder-hint"))),
        );
        return (None, diags);
    }
    let counted = [
        (
            "content/parks",
            max_parks,
            msg!("too-many-parks", max = max_parks),
        ),
        (
            "content/providers",
            max_providers,
            msg!("too-many-providers", max = max_providers),
        ),
    ];
    let mut refused = false;
    for (folder, max, message) in counted {
        if more_than(root, folder, max) {
            diags.push(
                Diagnostic::error(folder, None, message)
                    .with_hint(Some(Msg::new("too-many-parks-hint"))),
            );
            refused = true;
        }
    }
    if refused {
        return (None, diags);
    }

    let config = read_yaml(root, SITE_YAML, &mut diags, site_config::read);
    let standard = standard::load(root, &mut diags);
    let framework = read_yaml(root, FRAMEWORK_YAML, &mut diags, framework::read);

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
            as_of: crate::dates::as_of(),
        }),
        _ => None,
    };
    (site, diags)
}

fn read_provider(root: &Path, rel: &str, id: &str, diags: &mut Diagnostics) -> Option<Provider> {
    let provider = read_yaml(root, (rel, Expected::Listed), diags, |node, diags| {
        providers::read(node, id, rel, diags)
    });
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
    read_yaml(root, (rel, Expected::Listed), diags, |node, diags| {
        parks::read(node, id, rel, diags)
    })
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

/// Whether `folder` holds more than `max` entries, counted up to `max + 1` only.
fn more_than(root: &Path, folder: &str, max: usize) -> bool {
    std::fs::read_dir(root.join(folder))
        .is_ok_and(|entries| entries.take(max.saturating_add(1)).count() > max)
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
        // The entry's own type needs no call to the system; only a link is followed to see it.
        let is_dir = match entry.file_type() {
            Ok(t) if t.is_symlink() => entry.path().is_dir(),
            Ok(t) => t.is_dir(),
            Err(_) => entry.path().is_dir(),
        };
        if is_dir {
            diags.push(Diagnostic::warning(&rel, None, Msg::new("folder-ignored")));
            continue;
        }
        let Some(stem) = name.strip_suffix(".yaml") else {
            let hint = name
                .strip_suffix(".yml")
                .map(|stem| msg!("rename-to-yaml", stem = stem));
            diags.push(Diagnostic::error(&rel, None, Msg::new("not-yaml-file")).with_hint(hint));
            continue;
        };
        if let Some(problem) = reader::id_problem(stem) {
            diags.push(
                Diagnostic::error(
                    &rel,
                    None,
                    msg!("file-name-not-an-id", stem = stem).msg("problem", problem),
                )
                .with_hint(Some(reader::id_hint())),
            );
            continue;
        }
        files.push((rel, stem.to_string()));
    }
    files.sort();
    files
}

/// How long a file must have been left alone before it is trusted to be whole: an editor that
/// writes in place (truncate, then write) may be caught between the two, or mid-write.
const SETTLE: Duration = Duration::from_millis(50);
/// Reads of a file that keeps changing before it is reported.
const READ_ATTEMPTS: usize = 20;

enum ReadProblem {
    /// Not there when first opened.
    Missing,
    /// Opened once, then gone when read again.
    Deleted,
    TooLarge(u64),
    Changing,
    Io(std::io::Error),
}

/// Reads a file whole, and one version of it. The file is read through one handle, so a file
/// replaced by rename is read as the version opened. A file written in place shows it by its
/// size or modification time changing during the read, or by having changed in the last
/// `SETTLE`: it is read again (once quiet that long), and reported if it never settles.
fn read_settled(path: &Path) -> Result<Vec<u8>, ReadProblem> {
    let same = |a: &std::fs::Metadata, b: &std::fs::Metadata| {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    };
    for attempt in 0..READ_ATTEMPTS {
        let mut file = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound if attempt == 0 => ReadProblem::Missing,
            std::io::ErrorKind::NotFound => ReadProblem::Deleted,
            _ => ReadProblem::Io(e),
        })?;
        let before = file.metadata().map_err(ReadProblem::Io)?;
        if before.len() > MAX_FILE_BYTES {
            return Err(ReadProblem::TooLarge(before.len()));
        }
        let mut bytes = Vec::with_capacity(before.len() as usize);
        (&mut file)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(ReadProblem::Io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(ReadProblem::TooLarge(bytes.len() as u64));
        }
        let after = file.metadata().map_err(ReadProblem::Io)?;
        if !same(&before, &after) || after.len() != bytes.len() as u64 {
            std::thread::sleep(SETTLE / 10);
            continue;
        }
        // Changed just now: whole only if it stays as it is until it has been quiet for SETTLE.
        let age = after
            .modified()
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok());
        if let Some(age) = age.filter(|age| *age < SETTLE) {
            std::thread::sleep(SETTLE - age);
            let later = file.metadata().map_err(ReadProblem::Io)?;
            if !same(&after, &later) {
                continue;
            }
        }
        return Ok(bytes);
    }
    Err(ReadProblem::Changing)
}

/// How a file came to be read, which says what its absence means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expected {
    /// A file every site has (`site.yaml`, `framework.yaml`): absent, it is missing.
    Required,
    /// A file found by listing its folder: absent when opened, it was deleted since.
    Listed,
}

/// Reads a content file as UTF-8 text, refusing oversized, binary, non-UTF-8 and empty files.
pub(crate) fn read_text(
    root: &Path,
    rel: &str,
    expected: Expected,
    diags: &mut Diagnostics,
) -> Option<String> {
    let bytes = match read_settled(&root.join(rel)) {
        Ok(bytes) => bytes,
        Err(ReadProblem::Missing) if expected == Expected::Required => {
            diags.push(
                Diagnostic::error(rel, None, Msg::new("file-missing"))
                    .with_hint(Some(Msg::new("file-missing-hint"))),
            );
            return None;
        }
        Err(ReadProblem::Missing | ReadProblem::Deleted) => {
            diags.push(
                Diagnostic::error(rel, None, Msg::new("file-deleted"))
                    .with_hint(Some(Msg::new("file-deleted-hint"))),
            );
            return None;
        }
        Err(ReadProblem::TooLarge(size)) => {
            diags.push(Diagnostic::error(
                rel,
                None,
                msg!("file-too-large", size = size, limit = MAX_FILE_BYTES),
            ));
            return None;
        }
        Err(ReadProblem::Changing) => {
            diags.push(
                Diagnostic::error(rel, None, Msg::new("file-changing"))
                    .with_hint(Some(Msg::new("file-changing-hint"))),
            );
            return None;
        }
        Err(ReadProblem::Io(e)) => {
            diags.error(rel, None, msg!("cannot-read", error = e));
            return None;
        }
    };
    // Most content is Chinese, where the standard library's check goes one character at a time.
    let text = match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: the bytes were checked to be UTF-8 just above.
        Ok(_) => unsafe { String::from_utf8_unchecked(bytes) },
        Err(_) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
                diags.push(
                    Diagnostic::error(
                        rel,
                        Some(Pos::of_offset(&prefix, valid)),
                        Msg::new("not-utf8"),
                    )
                    .with_hint(Some(Msg::new("not-utf8-hint"))),
                );
                return None;
            }
        },
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.contains('\0') {
        diags.push(Diagnostic::error(
            rel,
            Some(Pos::of_offset(&text, text.find('\0').unwrap_or(0))),
            Msg::new("nul-byte"),
        ));
        return None;
    }
    if text.trim().is_empty() {
        diags.error(rel, None, Msg::new("file-empty"));
        return None;
    }
    Some(text)
}

/// Reads a YAML file and its values with `read`. When its values have errors, the slips of a
/// Chinese keyboard in its text are named too: a slip can leave valid YAML of another shape (a
/// full-width space makes a key `　slogan`), which the errors then describe without the cause.
fn read_yaml<T>(
    root: &Path,
    (rel, expected): (&str, Expected),
    diags: &mut Diagnostics,
    read: impl FnOnce(&yaml::Node, &mut Diagnostics) -> Option<T>,
) -> Option<T> {
    let text = read_text(root, rel, expected, diags)?;
    let node = parse_yaml(&text, rel, Pos::new(1, 1), diags)?;
    let before = diags.0.len();
    let value = read(&node, diags);
    let failed = diags.0[before..]
        .iter()
        .any(|d| d.severity == crate::diagnostics::Severity::Error);
    if failed {
        for slip in yaml::slips::find(&text).into_iter().filter(|s| s.fatal) {
            let e = slip.error;
            diags.push(Diagnostic::error(rel, Some(e.pos), e.message).with_hint(e.hint));
        }
    }
    value
}

/// Parses YAML that starts at `origin` in its file (front matter starts below line 1).
pub fn parse_yaml(
    text: &str,
    rel: &str,
    origin: Pos,
    diags: &mut Diagnostics,
) -> Option<yaml::Node> {
    let parsed = yaml::parse_file(text);
    for (problems, severity) in [
        (parsed.warnings, crate::diagnostics::Severity::Warning),
        (parsed.errors, crate::diagnostics::Severity::Error),
    ] {
        for e in problems {
            let mut d = Diagnostic::error(rel, Some(offset_pos(e.pos, origin)), e.message)
                .with_hint(e.hint);
            d.severity = severity;
            diags.push(d);
        }
    }
    match parsed.node {
        Some(node) if node.kind == yaml::NodeKind::Null => {
            diags.error(rel, Some(origin), Msg::new("no-yaml-values"));
            None
        }
        Some(mut node) => {
            shift(&mut node, origin);
            Some(node)
        }
        None => None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    /// Version `v` of a file of several pages: a mix of two versions, or a version cut short,
    /// shows as a line that differs or a missing last line.
    fn version(v: u32) -> String {
        let mut text = format!("v{v:06}\n").repeat(30_000);
        text.push_str(&format!("end {v}\n"));
        text
    }

    fn whole_version(bytes: &[u8]) -> Option<u32> {
        let text = std::str::from_utf8(bytes).ok()?;
        let (body, last) = text.trim_end().rsplit_once('\n')?;
        let v: u32 = last.strip_prefix("end ")?.parse().ok()?;
        (format!("{body}\n") == format!("v{v:06}\n").repeat(30_000)).then_some(v)
    }

    /// Rewrites the file again and again, in place or by rename, pausing a little between saves
    /// as editors do; then reads it meanwhile: every read is one whole version, or an error
    /// (an empty file is one).
    fn reads_while_rewritten(in_place: bool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("park.yaml");
        std::fs::write(&path, version(0)).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let writer = {
            let (stop, path) = (stop.clone(), path.clone());
            std::thread::spawn(move || {
                let mut v = 1;
                while !stop.load(Ordering::Relaxed) {
                    if in_place {
                        // Truncated, then written in pieces, as a stream of writes does.
                        let mut file = std::fs::File::create(&path).unwrap();
                        for piece in version(v).as_bytes().chunks(8192) {
                            std::io::Write::write_all(&mut file, piece).unwrap();
                        }
                    } else {
                        let tmp = path.with_extension("tmp");
                        std::fs::write(&tmp, version(v)).unwrap();
                        std::fs::rename(&tmp, &path).unwrap();
                    }
                    v += 1;
                    // 0 to 90 ms, varied.
                    std::thread::sleep(Duration::from_millis(u64::from(v * 37 % 10) * 10));
                }
                v
            })
        };
        let (mut whole, mut refused) = (0, 0);
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(3) {
            match read_settled(&path) {
                // Caught between truncating and writing: `read_text` reports an empty file.
                Ok(bytes) if bytes.is_empty() => refused += 1,
                Ok(bytes) => {
                    assert!(
                        whole_version(&bytes).is_some(),
                        "in place {in_place}: read {} bytes that are not one whole version",
                        bytes.len()
                    );
                    whole += 1;
                }
                Err(ReadProblem::Changing) => refused += 1,
                Err(_) => panic!("unexpected error"),
            }
        }
        stop.store(true, Ordering::Relaxed);
        let versions = writer.join().unwrap();
        assert!(versions > 20, "only {versions} versions written");
        assert!(whole > 10, "{whole} whole reads, {refused} refused");
    }

    #[test]
    fn a_file_written_in_place_is_read_whole_or_not_at_all() {
        reads_while_rewritten(true);
    }

    #[test]
    fn a_file_replaced_by_rename_is_read_whole() {
        reads_while_rewritten(false);
    }

    #[test]
    fn an_absent_file_is_missing_if_required_and_deleted_if_it_was_listed() {
        let dir = tempfile::tempdir().unwrap();
        let code = |expected| {
            let mut diags = Diagnostics::default();
            assert!(
                read_text(dir.path(), "content/parks/gone.yaml", expected, &mut diags).is_none()
            );
            let d = diags.iter().next().unwrap();
            (d.message.code, d.render(crate::messages::Lang::En))
        };
        let (missing, text) = code(Expected::Required);
        assert_eq!(missing, "file-missing", "{text}");
        let (deleted, text) = code(Expected::Listed);
        assert_eq!(deleted, "file-deleted");
        assert!(
            text.starts_with("content/parks/gone.yaml: error: file was deleted while being read"),
            "{text}"
        );
    }
}
