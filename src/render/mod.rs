//! Model → pages. Builds the views, then renders every page in parallel with the theme's
//! templates. Writes nothing: the writer owns the output folder.

mod charts;
mod data;
mod feeds;
mod listing;
mod native;
mod opendata;
mod pages;
mod search;

pub use native::Native;
/// The folder that holds the search index and nothing else.
pub use search::DIR as SEARCH_DIR;
pub mod theme;
pub mod views;

use crate::compliance::ParkCompliance;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use theme::Theme;
use views::PageView;

/// One file of the built site: its path below the output folder and its bytes.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A page waiting to be rendered: template, output path, and what the template sees.
pub struct PageJob<'a> {
    pub template: &'static str,
    pub path: String,
    pub page: PageView,
    /// What the template sees besides `site`, `page` and `typed`.
    pub context: tera::Context,
    pub typed: Typed<'a>,
}

/// The views of the pages `native` can render, kept typed until it is known whether Tera needs
/// them as a context.
pub enum Typed<'a> {
    None,
    Park(Box<native::ParkPage<'a>>),
    Listing(Box<views::ListingView<'a>>),
    Compare(Box<native::ComparePage<'a>>),
    Provider(Box<native::ProviderPage<'a>>),
}

impl PageJob<'_> {
    /// Renders with the built-in Rust code where the theme allows it, else with Tera.
    fn render(self, theme: &Theme, site: &views::SiteView) -> (String, tera::Result<String>) {
        let html = match &self.typed {
            Typed::Park(data) if theme.native.park => Some(native::park(site, &self.page, data)),
            Typed::Listing(view) if theme.native.parks => {
                Some(native::parks(site, &self.page, view))
            }
            Typed::Compare(data) if theme.native.compare => {
                Some(native::compare(site, &self.page, data))
            }
            Typed::Provider(data) if theme.native.provider => {
                Some(native::provider(site, &self.page, data))
            }
            _ => None,
        };
        if let Some(html) = html {
            return (self.path, Ok(html));
        }
        let mut context = self.context;
        context.insert("site", site);
        context.insert("page", &self.page);
        match self.typed {
            Typed::None => {}
            Typed::Park(data) => {
                context.insert("park", &data.park);
                context.insert("chart_html", &data.chart_html);
                context.insert("json_ld_html", &data.json_ld_html);
                context.insert("integrated_provider", &data.integrated_provider);
            }
            Typed::Listing(view) => context.insert("listing", &view),
            Typed::Compare(data) => {
                context.insert("listing", &data.listing);
                context.insert("columns", &data.columns);
                context.insert("matrix", &data.matrix);
            }
            Typed::Provider(data) => {
                context.insert("provider", &data.provider);
                context.insert("json_ld_html", &data.json_ld_html);
                context.insert("parks", &data.parks);
                context.insert("pagination", &data.pagination);
            }
        }
        (self.path, theme.tera.render(self.template, &context))
    }
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

/// Where rendered files go: into memory, or straight into a staging folder on disk.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// Keeps every file in memory (for `serve` and for tests).
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(file);
        Ok(())
    }
}

impl Collect {
    /// The files, in path order.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|p| p.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Renders a selection of pages, the data files, and (for `All`) the theme's assets into `sink`.
/// Each page's context is built on the thread that renders it, and the page leaves memory as soon
/// as the sink has it. Returns the fingerprints of the site's listing pages.
pub fn render_pages(
    site: &Site,
    compliance: &[ParkCompliance],
    theme: &Theme,
    selection: &Selection,
    sink: &dyn Sink,
) -> Result<HashMap<String, u64>, Diagnostics> {
    let mut timer = crate::timings::Timer::start();
    let ctx = pages::Ctx::new(site, compliance);
    timer.mark("context");
    let plan = pages::plan(&ctx, selection);
    timer.mark("plan");
    // Pages and data files are made side by side; each file goes to the sink as soon as it is
    // made, so neither waits for the other and few are in memory at once.
    let spent = crate::timings::PerKind::new();
    let (mut errors, data_errors) = rayon::join(
        || {
            let errors: Vec<Diagnostic> = plan
                .par_iter()
                .filter_map(|planned| {
                    let started = std::time::Instant::now();
                    let job = pages::job(&ctx, planned);
                    spent.add(
                        match job.template {
                            "park.html" => "context: park.html",
                            "parks.html" => "context: parks.html",
                            "compare.html" => "context: compare.html",
                            "provider.html" => "context: provider.html",
                            _ => "context: other",
                        },
                        started,
                    );
                    let started = std::time::Instant::now();
                    let template = job.template;
                    let (path, rendered) = job.render(theme, &ctx.site_view);
                    spent.add(template, started);
                    match rendered {
                        Ok(html) => {
                            let started = std::time::Instant::now();
                            let put = sink.put(OutputFile {
                                path,
                                bytes: html.into_bytes(),
                            });
                            spent.add("write", started);
                            put.err()
                        }
                        Err(e) => Some(Diagnostic::error(
                            format!("templates/{template}"),
                            None,
                            format!("rendering {path} failed: {}", theme::error_chain(&e)),
                        )),
                    }
                })
                .collect();
            errors
        },
        || data_files(&ctx, theme, selection, sink),
    );
    timer.mark("pages and data");
    spent.print();
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
    let ctx = pages::Ctx::new(site, compliance);
    let errors = search::write(&ctx, &Selection::All, sink);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// The data files, the search index, feeds and (for `All`) the theme's assets.
fn data_files(
    ctx: &pages::Ctx,
    theme: &Theme,
    selection: &Selection,
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
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
    files.extend(opendata::files(ctx, selection));
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
        opendata::parks_to_write(ctx, selection)
            .into_par_iter()
            .filter_map(|i| sink.put(opendata::park_file(ctx, i)).err())
            .collect::<Vec<_>>(),
    );
    timer.mark("parks' json");
    errors
}
