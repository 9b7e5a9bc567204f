//! Model → pages. Builds the views, then renders every page in parallel with the theme's
//! templates. Writes nothing: the writer owns the output folder.

mod charts;
mod data;
mod feeds;
mod listing;
mod opendata;
mod pages;
mod search;
pub mod theme;
pub mod views;

use crate::compliance::ParkCompliance;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use theme::Theme;

/// One file of the built site: its path below the output folder and its bytes.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A page waiting to be rendered: template, output path, and its context.
pub struct PageJob {
    pub template: &'static str,
    pub path: String,
    pub context: tera::Context,
}

/// Path from a page at `path` (e.g. `parks/x/index.html`) back to the site root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Which pages to render: all, or those that depend on some parks and providers (the pages that
/// list parks and the data files are always rendered).
pub enum Selection {
    All,
    Only {
        parks: HashSet<String>,
        providers: HashSet<String>,
        /// Fingerprints of the listing pages as last rendered, by path.
        previous_listings: HashMap<String, u64>,
    },
}

/// What a render produced: files, and the fingerprints of every listing page of the site (for
/// the next incremental render).
pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub listings: HashMap<String, u64>,
}

/// Renders the whole site. Errors are template errors (in a site's own theme, most likely).
pub fn render_site(
    site: &Site,
    compliance: &[ParkCompliance],
    theme: &Theme,
) -> Result<Vec<OutputFile>, Diagnostics> {
    render_pages(site, compliance, theme, &Selection::All).map(|r| r.files)
}

/// Renders a selection of pages, the data files, and (for `All`) the theme's assets.
pub fn render_pages(
    site: &Site,
    compliance: &[ParkCompliance],
    theme: &Theme,
    selection: &Selection,
) -> Result<Rendered, Diagnostics> {
    let ctx = pages::Ctx::new(site, compliance);
    let jobs = pages::jobs(&ctx, selection);
    let rendered: Vec<Result<OutputFile, Diagnostic>> = jobs
        .into_par_iter()
        .map(|job| match theme.tera.render(job.template, &job.context) {
            Ok(html) => Ok(OutputFile {
                path: job.path,
                bytes: html.into_bytes(),
            }),
            Err(e) => Err(Diagnostic::error(
                format!("templates/{}", job.template),
                None,
                format!("rendering {} failed: {}", job.path, theme::error_chain(&e)),
            )),
        })
        .collect();

    let mut files = Vec::with_capacity(rendered.len() + theme.assets.len() + 1);
    let mut diags = Diagnostics::default();
    for result in rendered {
        match result {
            Ok(file) => files.push(file),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    files.push(OutputFile {
        path: "data/catalogue.json".into(),
        bytes: data::catalogue_json(&ctx),
    });
    files.push(OutputFile {
        path: "data/parks-index.js".into(),
        bytes: data::client_index_js(&ctx),
    });
    // Data, feeds and the search index; each module decides what a selection needs.
    files.extend(search::files(&ctx, selection));
    files.extend(opendata::files(&ctx, selection));
    files.extend(feeds::files(&ctx, selection));
    if let Selection::All = selection {
        files.extend(theme.assets.iter().map(|(path, bytes)| OutputFile {
            path: path.clone(),
            bytes: bytes.clone(),
        }));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let listings = ctx
        .listings
        .iter()
        .map(|l| (l.path.clone(), l.fingerprint))
        .collect();
    Ok(Rendered { files, listings })
}
