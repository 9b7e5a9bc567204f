//! The HTML pages: every page's view rendered by its template, with the same engine and the same
//! code whether a site overrides a template or not.

pub mod theme;

use crate::diagnostics::Diagnostic;
use crate::files::{OutputFile, Sink};
use crate::views::types::{PageView, SiteView};
use crate::views::{Ctx, PageData, Planned};
use rayon::prelude::*;
use serde::Serialize;
use theme::Theme;

/// The template of each kind of page.
pub fn template(data: &PageData) -> &'static str {
    match data {
        PageData::Home(_) => "index.html",
        PageData::Standard(_) => "standard.html",
        PageData::Terms(_) => "terms.html",
        PageData::Framework(_) => "framework.html",
        PageData::Catalogue(_) => "parks.html",
        PageData::FacetIndex(_) => "facet.html",
        PageData::Compare(_) => "compare.html",
        PageData::Park(_) => "park.html",
        PageData::Providers(_) => "providers.html",
        PageData::Provider(_) => "provider.html",
        PageData::Search {} => "search.html",
        PageData::NotFound {} => "404.html",
    }
}

/// What a template sees: the site, the page's frame, and the page's own fields at the top level.
#[derive(Serialize)]
struct Context<'v, 'a> {
    site: &'v SiteView,
    page: &'v PageView,
    #[serde(flatten)]
    data: &'v PageData<'a>,
}

/// Renders the planned pages in parallel into `sink`; each page's view is built on the thread
/// that renders it and leaves memory once the sink has the page.
pub fn write(ctx: &Ctx, plan: &[Planned], theme: &Theme, sink: &dyn Sink) -> Vec<Diagnostic> {
    plan.par_iter()
        .filter_map(|planned| {
            let page = ctx.page(planned);
            let template = template(&page.data);
            let context = Context {
                site: &ctx.site_view,
                page: &page.page,
                data: &page.data,
            };
            match theme.render(template, &context) {
                Ok(html) => sink
                    .put(OutputFile {
                        path: page.path,
                        bytes: html,
                    })
                    .err(),
                Err(message) => Some(Diagnostic::error(
                    format!("templates/{template}"),
                    None,
                    crate::msg!("render-failed", page = &page.path, error = message),
                )),
            }
        })
        .collect()
}
