//! The theme: MiniJinja templates and static assets. The default theme is compiled into the binary;
//! a site's `themes/<name>/templates` and `themes/<name>/static` replace its files one by one.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Msg;
use crate::msg;
use minijinja::value::Object;
use minijinja::{AutoEscape, Environment, Error, Output, State, Value};
use rustc_hash::FxHashMap as FxMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use walkdir::WalkDir;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = builtin![
    "base.html",
    "macros.html",
    "index.html",
    "standard.html",
    "terms.html",
    "framework.html",
    "parks.html",
    "park.html",
    "providers.html",
    "provider.html",
    "404.html",
    "search.html",
    "compare.html",
    "facet.html",
];

const ASSETS: &[(&str, &[u8])] = &[
    (
        "static/style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "static/catalogue.js",
        include_bytes!("../../themes/default/static/catalogue.js"),
    ),
    (
        "static/search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "static/favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
];

pub struct Theme {
    pub env: Environment<'static>,
    /// Files copied as they are into the output, by output path.
    pub assets: Vec<(String, Vec<u8>)>,
    /// The largest page each template has made so far: a page's buffer starts at that size
    /// instead of growing to it by doubling, copying as it goes.
    page_sizes: FxMap<String, AtomicUsize>,
}

pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Theme> {
    let theme_dir = root.join("themes").join(name);
    let theme_rel = format!("themes/{name}");
    if name != "default" && !theme_dir.is_dir() {
        diags.push(
            Diagnostic::error(
                "content/site.yaml",
                None,
                msg!("theme-not-found", name = name, folder = &theme_rel),
            )
            .with_hint(Some(Msg::new("theme-not-found-hint")))
            .at_key("theme", None),
        );
        return None;
    }

    let mut templates: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for (rel, name) in files_under(&theme_dir.join("templates")) {
        match std::fs::read_to_string(theme_dir.join("templates").join(&rel)) {
            Ok(text) => match templates.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => templates.push((name, text)),
            },
            Err(e) => diags.error(
                &format!("{theme_rel}/templates/{rel}"),
                None,
                msg!("cannot-read-template", error = e),
            ),
        }
    }
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(format_value);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
            .expect("the default syntax with trailing newlines kept"),
    );
    // Undefined names and fields print as nothing, as a missing optional field does.
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Lenient);
    env.add_global("memo", Value::from_object(Memo::default()));
    let mut failed = false;
    let page_sizes = templates
        .iter()
        .map(|(name, _)| (name.clone(), AtomicUsize::new(0)))
        .collect();
    for (name, text) in templates {
        if let Err(e) = env.add_template_owned(name.clone(), text) {
            diags.push(Diagnostic::error(
                format!("{theme_rel}/templates/{name}"),
                e.line()
                    .map(|line| crate::diagnostics::Pos { line, col: 1 }),
                msg!("template-error", error = error_chain(&e)),
            ));
            failed = true;
        }
    }
    if failed {
        return None;
    }

    let mut assets: Vec<(String, Vec<u8>)> = ASSETS
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    for (rel, name) in files_under(&theme_dir.join("static")) {
        let out = format!("static/{name}");
        match std::fs::read(theme_dir.join("static").join(&rel)) {
            Ok(bytes) => match assets.iter_mut().find(|(p, _)| *p == out) {
                Some(slot) => slot.1 = bytes,
                None => assets.push((out, bytes)),
            },
            Err(e) => diags.error(
                &format!("{theme_rel}/static/{rel}"),
                None,
                msg!("cannot-read", error = e),
            ),
        }
    }
    assets.sort();
    Some(Theme {
        env,
        assets,
        page_sizes,
    })
}

/// Files below `dir` as (path relative to dir, same with `/` separators), sorted; hidden ones and
/// anything that is not a plain file (a link pointing elsewhere, say) are skipped.
fn files_under(dir: &Path) -> Vec<(String, String)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<(String, String)> = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.to_path_buf();
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((rel.to_string_lossy().into_owned(), name))
        })
        .collect();
    files.sort();
    files
}

/// The engine nests the useful part of an error in its sources.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

impl Theme {
    /// Renders `template` with `context`; an error comes back as one line of text.
    pub fn render(
        &self,
        template: &str,
        context: &impl serde::Serialize,
    ) -> Result<Vec<u8>, String> {
        let size = self.page_sizes.get(template);
        let mut page = Vec::with_capacity(size.map_or(0, |s| s.load(Ordering::Relaxed)));
        self.env
            .get_template(template)
            .and_then(|t| {
                t.render_captured_to(Value::from(minijinja::value::Serde(context)), &mut page)
                    .map(drop)
            })
            .map_err(|e| error_chain(&e))?;
        if let Some(size) = size {
            size.fetch_max(page.len(), Ordering::Relaxed);
        }
        Ok(page)
    }
}

/// `memo(macro, arguments…)`: the macro's output, made once per distinct arguments while the
/// theme lives and reused after. For fragments that many pages share (a park's standing in the
/// framework has a few hundred forms among 10,000 parks); the macro must depend on its arguments
/// only, and outputs are keyed by the macro's name.
#[derive(Default, Debug)]
struct Memo(Mutex<FxMap<MemoKey, Value>>);

/// The macro's name and its arguments; whether each argument is marked safe is part of the key,
/// as values compare equal without it.
type MemoKey = (String, Vec<Value>, Vec<bool>);

/// Which arguments, and which values of keyword arguments, are marked safe.
fn safe_flags(args: &[Value]) -> Vec<bool> {
    let mut flags = Vec::with_capacity(args.len());
    for arg in args {
        flags.push(arg.is_safe());
        if let Ok(kwargs) = minijinja::value::Kwargs::try_from(arg.clone()) {
            flags.extend(
                kwargs
                    .args()
                    .map(|key| kwargs.peek::<Value>(key).is_ok_and(|v| v.is_safe())),
            );
        }
    }
    flags
}

/// Outputs kept at most: a cache, not a copy of the site, if a theme memoizes something that
/// differs on every page.
const MEMO_ENTRIES: usize = 4096;

impl Object for Memo {
    // Called as an object, not a function, to pass the macro its keyword arguments as they are.
    fn call(self: &Arc<Self>, state: &mut State, args: &[Value]) -> Result<Value, Error> {
        let Some((callable, args)) = args.split_first() else {
            return Err(Error::new(
                minijinja::ErrorKind::MissingArgument,
                "memo() needs a macro to call",
            ));
        };
        let name = callable
            .get_attr("name")
            .ok()
            .filter(|n| !n.is_undefined())
            .unwrap_or_else(|| callable.clone())
            .to_string();
        let key = (name, args.to_vec(), safe_flags(args));
        let entries = || self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(output) = entries().get(&key) {
            return Ok(output.clone());
        }
        let output = callable.call(state, args)?;
        let mut entries = entries();
        if entries.len() < MEMO_ENTRIES {
            entries.insert(key, output.clone());
        }
        Ok(output)
    }
}

/// Writes a value into a page: text escaped for HTML where the template escapes, by what HTML
/// needs in text and quoted attributes only (MiniJinja's own escaping also writes `/` as
/// `&#x2f;`, which makes every relative link three times longer).
fn format_value(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    match (state.auto_escape(), value.as_str()) {
        (AutoEscape::Html, Some(text)) if !value.is_safe() => {
            crate::escape::html_into(out, text).map_err(minijinja::Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_renders_once_per_distinct_arguments() {
        let mut env = Environment::new();
        env.add_global("memo", Value::from_object(Memo::default()));
        // Counts the macro's runs: a memoized call does not run it again.
        let runs = Arc::new(AtomicUsize::new(0));
        env.add_function("tick", move || runs.fetch_add(1, Ordering::Relaxed) + 1);
        env.add_template(
            "t.html",
            "{% macro show(s, label) %}[{{ s.code }} {{ label }} run {{ tick() }}]{% endmacro %}\
             {{ memo(show, s={'code': 'met'}, label='a') }}\
             {{ memo(show, s={'code': 'met'}, label='a') }}\
             {{ memo(show, s={'code': 'unmet'}, label='a') }}\
             {{ memo(show, s={'code': 'met'}, label='<b>') }}\
             {{ memo(show, s={'code': 'met'}, label='<b>'|safe) }}",
        )
        .unwrap();
        let html = env.get_template("t.html").unwrap().render(()).unwrap();
        assert_eq!(
            html,
            "[met a run 1][met a run 1][unmet a run 2][met &lt;b&gt; run 3][met <b> run 4]"
        );
    }

    #[test]
    fn memo_without_a_macro_is_an_error() {
        let mut env = Environment::new();
        env.add_global("memo", Value::from_object(Memo::default()));
        env.add_template("t.html", "{{ memo() }}").unwrap();
        let error = env.get_template("t.html").unwrap().render(()).unwrap_err();
        assert!(
            error.to_string().contains("memo() needs a macro"),
            "{error}"
        );
    }
}
