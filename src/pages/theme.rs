//! The theme: Tera templates and static assets. The default theme is compiled into the binary;
//! a site's `themes/<name>/templates` and `themes/<name>/static` replace its files one by one.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::Path;
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
    pub tera: tera::Tera,
    /// Files copied as they are into the output, by output path.
    pub assets: Vec<(String, Vec<u8>)>,
}

pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Theme> {
    let theme_dir = root.join("themes").join(name);
    let theme_rel = format!("themes/{name}");
    if name != "default" && !theme_dir.is_dir() {
        diags.push(
            Diagnostic::error(
                "content/site.yaml",
                None,
                format!("theme `{name}` not found: there is no {theme_rel}/ folder"),
            )
            .with_hint(Some("remove `theme:` to use the built-in theme".into())),
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
                format!("cannot read template: {e}"),
            ),
        }
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::escape::html);
    if let Err(e) = tera.add_raw_templates(templates) {
        diags.push(Diagnostic::error(
            &theme_rel,
            None,
            format!("template error: {}", error_chain(&e)),
        ));
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
                format!("cannot read: {e}"),
            ),
        }
    }
    assets.sort();
    Some(Theme { tera, assets })
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

/// Tera nests the useful part of an error in its sources.
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
    ) -> Result<String, String> {
        let context = tera::Context::from_serialize(context).map_err(|e| error_chain(&e))?;
        self.tera
            .render(template, &context)
            .map_err(|e| error_chain(&e))
    }
}
