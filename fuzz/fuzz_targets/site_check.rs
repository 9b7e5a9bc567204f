//! `parkbook::check` on a whole site written to disk (tmpfs), then, when it passes, every page
//! rendered into memory. The input is split at each 0xFF byte (never part of UTF-8 text) into the
//! files of `FILES`, in order; a file with no part is left out. Errors must name a file and point
//! inside it; a site that passes `check` must render.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use parkbook::diagnostics::{Diagnostics, Severity};
use parkbook::files::Collect;
use parkbook::pages::theme::{self, Theme};
use parkbook::render;
use parkbook::views::Selection;
use std::path::PathBuf;
use std::sync::OnceLock;

const FILES: &[&str] = &[
    "content/site.yaml",
    "content/framework.yaml",
    "content/standard/1-scope.md",
    "content/standard/2-terms.md",
    "content/providers/alpha-group.yaml",
    "content/providers/beta-admin.yaml",
    "content/parks/alpha-park.yaml",
    "content/parks/beta-park.yaml",
];

fn root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        base.join(format!("parkbook-fuzz-{}", std::process::id()))
    })
}

/// The built-in theme, compiled once.
fn default_theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| {
        let mut diags = Diagnostics::default();
        theme::load(root(), "default", &mut diags).expect("the built-in theme loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let root = root();
    let content = root.join("content");
    let _ = std::fs::remove_dir_all(&content);
    for dir in ["standard", "providers", "parks"] {
        std::fs::create_dir_all(content.join(dir)).unwrap();
    }
    let parts: Vec<&[u8]> = data.split(|&b| b == 0xFF).collect();
    // Written an hour ago, as far as the loader can tell: a file changed in the last 50 ms is
    // waited on until it settles (an editor may be mid-save), which would be most of each run.
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for (rel, bytes) in FILES.iter().zip(&parts) {
        let path = root.join(rel);
        std::fs::write(&path, bytes).unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(past).unwrap();
    }
    let checked = match parkbook::check(root) {
        Ok(checked) => checked,
        Err(diags) => {
            assert!(diags.has_errors(), "check failed without an error");
            for d in diags.iter().filter(|d| d.severity == Severity::Error) {
                assert!(!d.path.is_empty(), "error without a file: {d}");
                let Some(i) = FILES.iter().position(|f| *f == d.path) else {
                    continue;
                };
                let (Some(pos), Some(bytes)) = (d.pos, parts.get(i)) else {
                    continue;
                };
                let text = String::from_utf8_lossy(bytes);
                let lines = 1 + text.matches('\n').count() + text.matches('\r').count()
                    - text.matches("\r\n").count();
                assert!(
                    pos.line >= 1 && pos.col >= 1 && pos.line <= lines,
                    "position outside the file ({lines} lines): {d}"
                );
            }
            return;
        }
    };
    assert!(!checked.diagnostics.has_errors());
    let theme_name = checked.site.config.theme.clone();
    let own;
    let theme = if theme_name == "default" {
        default_theme()
    } else {
        let mut diags = Diagnostics::default();
        match theme::load(root, &theme_name, &mut diags) {
            Some(t) => {
                own = t;
                &own
            }
            None => return,
        }
    };
    let sink = Collect::default();
    if let Err(e) = render::render_pages(
        &checked.site,
        &checked.compliance,
        theme,
        &Selection::All,
        &sink,
    ) {
        panic!("a site that passed check failed to render: {e:?}");
    }
    let files = sink.into_files();
    assert!(files.iter().any(|f| f.path == "index.html"));
});
