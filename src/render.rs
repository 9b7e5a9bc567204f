//! Views → outputs: builds the shared views once, then makes the HTML pages, the open data, the
//! search index and the feeds side by side. Each output reads the views and none reads another;
//! none writes to disk: every file goes to a `Sink`.

use crate::compliance::ParkCompliance;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::{OutputFile, Sink};
use crate::model::Site;
use crate::pages::theme::Theme;
use crate::views::{self, Ctx, Selection};
use crate::{data, feeds, pages, search};
use rayon::prelude::*;
use std::collections::HashMap;

/// Renders a selection of pages, the data files, and (for `All`) the theme's assets into `sink`.
/// Returns the fingerprints of the site's listing pages.
pub fn render_pages(
    site: &Site,
    compliance: &[ParkCompliance],
    theme: &Theme,
    selection: &Selection,
    sink: &dyn Sink,
) -> Result<HashMap<String, u64>, Diagnostics> {
    let mut timer = crate::timings::Timer::start();
    let ctx = Ctx::new(site, compliance);
    let plan = views::plan(&ctx, selection);
    timer.mark("views");
    // Pages and data files are made side by side; each file goes to the sink as soon as it is
    // made, so neither waits for the other and few are in memory at once.
    let (mut errors, data_errors) = rayon::join(
        || pages::write(&ctx, &plan, theme, sink),
        || data_files(&ctx, theme, selection, sink),
    );
    timer.mark("pages and data");
    errors.extend(data_errors);
    if !errors.is_empty() {
        let mut diags = Diagnostics(errors);
        diags.sort();
        return Err(diags);
    }
    Ok(ctx
        .listings
        .iter()
        .map(|l| (l.path.clone(), l.fingerprint))
        .collect())
}

/// The whole search index of a site, on its own (see `Selection::Only`).
pub fn search_index(
    site: &Site,
    compliance: &[ParkCompliance],
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let ctx = Ctx::new(site, compliance);
    let errors = search::write(&ctx, &Selection::All, sink);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// The data files, the search index, feeds and (for `All`) the theme's assets.
fn data_files(ctx: &Ctx, theme: &Theme, selection: &Selection, sink: &dyn Sink) -> Vec<Diagnostic> {
    // The steps that run partly on one thread come first, while the pages beside them keep the
    // other threads busy; the parks' files, made in parallel, come last and end evenly.
    let mut timer = crate::timings::Timer::start();
    let mut errors = Vec::new();
    let mut files = vec![
        OutputFile {
            path: "data/catalogue.json".into(),
            bytes: data::catalogue_json(ctx),
        },
        OutputFile {
            path: "data/parks-index.js".into(),
            bytes: data::client_index_js(ctx),
        },
    ];
    files.extend(data::open::files(ctx, selection));
    files.extend(feeds::files(ctx, selection));
    if let Selection::All = selection {
        files.extend(theme.assets.iter().map(|(path, bytes)| OutputFile {
            path: path.clone(),
            bytes: bytes.clone(),
        }));
    }
    // Out of memory before the search index is built, the phase that needs the most.
    errors.extend(
        files
            .into_par_iter()
            .filter_map(|f| sink.put(f).err())
            .collect::<Vec<_>>(),
    );
    timer.mark("catalogue data");
    // An incremental update leaves the index to `search_index`: it is the one output that is
    // made whole every time, so `serve` shows the changed pages first.
    if let Selection::All = selection {
        errors.extend(search::write(ctx, selection, sink));
        timer.mark("search index");
    }
    errors.extend(
        data::open::parks_to_write(ctx, selection)
            .into_par_iter()
            .filter_map(|i| sink.put(data::open::park_file(ctx, i)).err())
            .collect::<Vec<_>>(),
    );
    timer.mark("parks' json");
    errors
}
