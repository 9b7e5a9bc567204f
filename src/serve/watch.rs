//! Watches the content and the theme, and turns bursts of file events into one batch of changed
//! paths (relative to the site root), as editors save in several steps.

use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Quiet time that ends a burst of events.
pub const DEBOUNCE: Duration = Duration::from_millis(80);
/// Longest a burst is collected before a rebuild starts anyway.
const MAX_BURST: Duration = Duration::from_millis(1000);

pub struct Changes {
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    watching_themes: bool,
}

impl Changes {
    /// Watches `content/` and `themes/`; the root itself too (not its subfolders), so that a
    /// `themes/` folder created later is noticed.
    pub fn watch(root: &Path) -> notify::Result<Changes> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        watcher.watch(&root.join("content"), RecursiveMode::Recursive)?;
        let mut changes = Changes {
            watcher,
            events,
            root,
            watching_themes: false,
        };
        changes.watch_themes();
        Ok(changes)
    }

    fn watch_themes(&mut self) {
        let themes = self.root.join("themes");
        if !self.watching_themes && themes.is_dir() {
            self.watching_themes = self
                .watcher
                .watch(&themes, RecursiveMode::Recursive)
                .is_ok();
        }
    }

    /// Blocks until something changes, then gathers the burst. `None` when watching ended.
    pub fn next_batch(&mut self) -> Option<Vec<String>> {
        let mut paths = Vec::new();
        // Reads (our own, while rebuilding, among them) are not changes: wait for a real one.
        while paths.is_empty() {
            self.add(self.events.recv().ok()?, &mut paths);
        }
        let started = Instant::now();
        loop {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(event) => self.add(event, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if started.elapsed() > MAX_BURST {
                break;
            }
        }
        paths.sort();
        paths.dedup();
        Some(paths)
    }

    fn add(&mut self, event: notify::Result<notify::Event>, paths: &mut Vec<String>) {
        let Ok(event) = event else {
            // The watcher lost events (queue overflow): treat it as a change to everything.
            paths.push("content".into());
            return;
        };
        if event.kind.is_access() {
            return;
        }
        for path in event.paths {
            if path == self.root.join("themes") && !self.watching_themes {
                self.watch_themes();
                // Files may have landed before the watch began: reload everything.
                paths.push("content".into());
            }
            let rel = path.strip_prefix(&self.root).unwrap_or(&path);
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            // A folder created or removed as a whole (copied in, say): its files may not each
            // report, so the whole site is reloaded.
            if path.is_dir() || (event.kind.is_remove() && path.extension().is_none()) {
                paths.push("content".into());
            }
            paths.push(rel);
        }
    }
}
