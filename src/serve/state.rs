//! What the HTTP threads and the rebuild loop share: the last good site, the errors of the last
//! build (if it failed), and a generation number that open pages wait on.

use super::paths::{content_type, site_path, Lookup, EVENTS_PATH};
use crate::diagnostics::Diagnostics;
use crate::incremental::Files;
use crate::messages::{lang, Lang, Msg};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

struct Current {
    files: Arc<Files>,
    /// JSON of the last build's errors; `None` when it succeeded.
    errors: Option<String>,
    /// Human text of the same errors, for the overlay in served pages.
    errors_html: Option<String>,
    generation: u64,
}

pub struct Shared {
    current: Mutex<Current>,
    changed: Condvar,
    stopping: AtomicBool,
}

impl Shared {
    pub fn new(files: Files) -> Self {
        Shared {
            current: Mutex::new(Current {
                files: Arc::new(files),
                errors: None,
                errors_html: None,
                generation: 1,
            }),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Current> {
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A new good site: served from now on, and open pages reload.
    pub fn publish(&self, files: Files) {
        let mut c = self.lock();
        c.files = Arc::new(files);
        c.errors = None;
        c.errors_html = None;
        c.generation += 1;
        self.changed.notify_all();
    }

    /// The same site with some files brought up to date (the search index after an update): served
    /// from now on, without reloading open pages.
    pub fn refresh(&self, files: Files) {
        self.lock().files = Arc::new(files);
    }

    /// A failed build: the last good site stays, and pages show the errors.
    pub fn fail(&self, diags: &Diagnostics) {
        let mut c = self.lock();
        c.errors = Some(sonic_rs::to_string(diags).unwrap_or_default());
        c.errors_html = Some(overlay(diags));
        c.generation += 1;
        self.changed.notify_all();
    }

    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        self.changed.notify_all();
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// Waits until the generation differs from `seen` (or the timeout passes); returns the
    /// current generation and its errors as JSON.
    pub fn wait_for_change(&self, seen: u64, timeout: Duration) -> (u64, Option<String>) {
        let c = self.lock();
        let (c, _) = self
            .changed
            .wait_timeout_while(c, timeout, |c| c.generation == seen && !self.is_stopping())
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        (c.generation, c.errors.clone())
    }

    pub fn lookup(&self, target: &str) -> Lookup {
        let (files, overlay) = {
            let c = self.lock();
            (c.files.clone(), c.errors_html.clone())
        };
        let Some(mut key) = site_path(target) else {
            return not_found(&files, overlay.as_deref());
        };
        if key.is_empty() || key.ends_with('/') {
            key.push_str("index.html");
        }
        match files.get(&key) {
            Some(bytes) => {
                let content_type = content_type(&key);
                let bytes = if key.ends_with(".html") {
                    Arc::new(inject(bytes, overlay.as_deref()))
                } else {
                    bytes.clone()
                };
                Lookup::Found {
                    bytes,
                    content_type,
                }
            }
            None if files.contains_key(&format!("{key}/index.html")) => Lookup::Redirect(format!(
                "/{}/",
                key.split('/')
                    .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
                    .collect::<Vec<_>>()
                    .join("/")
            )),
            None => not_found(&files, overlay.as_deref()),
        }
    }
}

fn not_found(files: &Files, overlay: Option<&str>) -> Lookup {
    let page = files.get("404.html").map_or_else(
        || b"<!DOCTYPE html><title>404</title><p>Not found</p>".to_vec(),
        |b| b.to_vec(),
    );
    Lookup::NotFound(Arc::new(inject(&page, overlay)))
}

/// What a path segment keeps as it is: RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The live-reload script, added to every HTML page that `serve` sends (never to `build` output).
/// `WORDS` becomes the overlay's words in the language of messages ([`words`]). A line reads as
/// [`crate::diagnostics::Diagnostic::render`] writes it (a key path only below the top level).
const RELOAD_SCRIPT: &str = r#"<script>(function(){
var W=WORDS,es=new EventSource("EVENTS"),box=null;
function show(list){if(!box){box=document.createElement("div");box.id="parkbook-errors";box.setAttribute("role","alert");box.style.cssText="position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;background:#2b0b0e;color:#fff;font:14px/1.5 monospace;padding:1rem;border-radius:6px;z-index:99999;box-shadow:0 4px 24px rgba(0,0,0,.4)";document.body.appendChild(box);}
box.textContent="";var h=document.createElement("strong");h.textContent=W.title;box.appendChild(h);
list.forEach(function(d){var p=document.createElement("div");p.style.whiteSpace="pre-wrap";p.textContent=d.path+(d.line?":"+d.line+":"+d.col:"")+": "+(W[d.severity]||d.severity)+W.colon+(/[.[]/.test(d.key_path||"")?d.key_path+W.colon:"")+d.message+(d.hint?"\n  "+W.hint+W.colon+d.hint:"");box.appendChild(p);});}
es.addEventListener("reload",function(){location.reload();});
es.addEventListener("ok",function(){var o=document.getElementById("parkbook-errors");if(o){o.remove();}});
es.addEventListener("error",function(e){try{show(JSON.parse(e.data));}catch(x){}});
})();</script>"#;

/// The script's words, as a JSON object that is safe inside `<script>`: the heading, the
/// severities, "hint" and the colon, as [`crate::diagnostics::Diagnostic::render`] writes them.
fn words(lang: Lang) -> String {
    let word = |code: &'static str| Msg::new(code).text(lang);
    let colon = lang.colon();
    let words: std::collections::BTreeMap<&str, String> = [
        ("title", word("serve-overlay-title")),
        ("error", word("error")),
        ("warning", word("warning")),
        ("hint", word("hint")),
        ("colon", colon.to_string()),
    ]
    .into_iter()
    .collect();
    // `<` escaped, so no word can close the script element.
    sonic_rs::to_string(&words)
        .unwrap_or_else(|_| "{}".to_string())
        .replace('<', "\\u003c")
}

fn inject(page: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let script = RELOAD_SCRIPT
        .replace("EVENTS", EVENTS_PATH)
        .replace("WORDS", &words(lang()));
    let mut addition = String::new();
    if let Some(html) = overlay {
        addition.push_str(html);
    }
    addition.push_str(&script);
    let at = find_last(page, b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + addition.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The error overlay as HTML, present in the page itself so it shows even before the script runs.
fn overlay(diags: &Diagnostics) -> String {
    let esc = crate::escape::html;
    let lang = lang();
    let mut html = String::from(
        r#"<div id="parkbook-errors" role="alert" style="position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;background:#2b0b0e;color:#fff;font:14px/1.5 monospace;padding:1rem;border-radius:6px;z-index:99999"><strong>"#,
    );
    html.push_str(&esc(&Msg::new("serve-overlay-title").text(lang)));
    html.push_str("</strong>");
    for d in diags.iter() {
        // The hint on a line of its own, as on the terminal.
        html.push_str(r#"<div style="white-space:pre-wrap">"#);
        html.push_str(&esc(&d.render(lang)));
        html.push_str("</div>");
    }
    html.push_str("</div>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostic, Pos};
    use crate::msg;

    #[test]
    fn the_script_gets_the_overlay_words_of_the_language() {
        for (lang, hint) in [(Lang::Zh, "提示"), (Lang::En, "hint")] {
            let json = words(lang);
            assert!(!json.contains('<'), "{json}");
            let words: std::collections::BTreeMap<String, String> =
                sonic_rs::from_str(&json).unwrap();
            assert_eq!(words["hint"], hint);
            assert_eq!(words["title"], Msg::new("serve-overlay-title").text(lang));
            assert_eq!(words["error"], Msg::new("error").text(lang));
        }
        let page = String::from_utf8(inject(b"<body></body>", None)).unwrap();
        assert!(page.contains("var W={\""), "{page}");
        assert!(!page.contains("WORDS"));
    }

    #[test]
    fn the_overlay_shows_each_diagnostic_as_the_terminal_does() {
        let mut diags = Diagnostics::default();
        diags.push(
            Diagnostic::error(
                "content/parks/a.yaml",
                Some(Pos::new(2, 1)),
                msg!("file-empty"),
            )
            .with_hint(Some(Msg::new("not-utf8-hint"))),
        );
        let html = overlay(&diags);
        assert!(html.starts_with("<div id=\"parkbook-errors\" role=\"alert\""));
        let shown = crate::escape::html(&diags.0[0].render(lang()));
        assert!(html.contains(&shown), "{html}");
        let title = crate::escape::html(&Msg::new("serve-overlay-title").text(lang()));
        assert!(html.contains(&title));
    }
}
