//! Views: what every output reads, built from the model once. `Ctx` holds what the pages share
//! (facets, listing pages, lookups); one module per kind of page builds that page's view. Views
//! name no template and write no markup: the pages output pairs each with its template.

mod assessments;
mod catalogue;
pub mod charts;
pub mod json_ld;
pub mod listing;
mod park;
mod standard;
pub mod types;

pub use catalogue::provider_view;
pub use park::park_row;
pub use standard::describe_rule;

use crate::compliance::ParkCompliance;
use crate::markdown::{self, Html, RenderOptions, TermLinker};
use crate::model::{Park, Provider, Site};
use listing::{Facet, ListingPage, PAGE_SIZE};
use rayon::prelude::*;
use rustc_hash::FxHashMap as FxMap;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use types::*;

/// Values of a facet listed on the catalogue's first page; all are on the facet's own page.
const FACET_VALUES_SHOWN: usize = 30;

/// Parks named per status on the framework page; the rest are behind a link.
const STANDING_NAMES: usize = 12;

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

/// Path from a page at `path` (e.g. `parks/x/index.html`) back to the site root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Everything the pages share, computed once.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub compliance: &'a [ParkCompliance],
    pub terms: TermLinker,
    pub site_view: SiteView,
    providers: FxMap<&'a str, &'a Provider>,
    parks_by_provider: FxMap<&'a str, Vec<usize>>,
    pub facets: Vec<Facet>,
    pub listings: Vec<ListingPage>,
    /// `Standard::clause_title` of every numbered part and clause.
    clause_titles: FxMap<&'a str, &'a str>,
    /// Park charts by the counts they show.
    park_charts: std::sync::Mutex<FxMap<Vec<[usize; 4]>, String>>,
    /// Each park's count of unsupported claims, which every row of every listing shows.
    unsupported_claims: Vec<usize>,
}

impl<'a> Ctx<'a> {
    pub fn new(site: &'a Site, compliance: &'a [ParkCompliance]) -> Self {
        let c = &site.config;
        let mut parks_by_provider: FxMap<&str, Vec<usize>> = FxMap::default();
        for (i, park) in site.parks.iter().enumerate() {
            if let Some(p) = &park.provider {
                parks_by_provider.entry(p.as_str()).or_default().push(i);
            }
        }
        let facets = listing::facets(site, compliance);
        Ctx {
            site,
            compliance,
            terms: TermLinker::new(
                site.standard
                    .terms()
                    .map(|t| (t.term.as_str(), t.number.as_str())),
            ),
            site_view: SiteView {
                title: c.title.clone(),
                title_en: c.title_en.clone(),
                publisher: c.publisher.clone(),
                language: c.language.clone(),
                sample_data: c.sample_data,
                standard_title: c.standard_title.clone(),
                standard_title_en: c.standard_title_en.clone(),
            },
            providers: site.providers.iter().map(|p| (p.id.as_str(), p)).collect(),
            parks_by_provider,
            listings: listing::listing_pages(site, &facets),
            facets,
            park_charts: Default::default(),
            unsupported_claims: compliance
                .par_iter()
                .map(ParkCompliance::unsupported_claims)
                .collect(),
            clause_titles: {
                let standard = &site.standard;
                let numbered = standard
                    .parts
                    .iter()
                    .filter_map(|p| p.number.as_deref())
                    .chain(standard.clauses().filter_map(|c| c.number.as_deref()));
                numbered
                    .filter_map(|n| Some((n, standard.clause_title(n)?)))
                    .collect()
            },
        }
    }

    /// How park- and site-written Markdown is rendered on a page at `root`.
    pub(crate) fn md_options<'r>(&'r self, root: &'r str) -> RenderOptions<'r> {
        RenderOptions {
            root,
            terms: &self.terms,
            skip_term: None,
            heading_shift: 2,
        }
    }

    pub fn md(&self, text: &str, root: &str) -> String {
        markdown::render(text, &self.md_options(root))
    }

    pub(crate) fn md_opt(&self, text: &Option<String>, root: &str) -> Option<String> {
        text.as_deref().map(|t| self.md(t, root))
    }

    /// Park-written Markdown for a park's page, where most of a big site's text is.
    pub(crate) fn park_md<'t>(&self, text: &'t Option<String>, root: &str) -> Option<Html<'t>> {
        text.as_deref()
            .map(|t| markdown::render_html(t, &self.md_options(root)))
    }

    pub fn provider(&self, id: &str) -> Option<&'a Provider> {
        self.providers.get(id).copied()
    }

    pub fn parks_of(&self, provider: &str) -> &[usize] {
        self.parks_by_provider
            .get(provider)
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn clause_ref(&self, number: &'a str, root: &str) -> ClauseRef<'a> {
        ClauseRef {
            number,
            title: self.clause_titles.get(number).copied(),
            href: [
                root,
                "standard/index.html#",
                &crate::model::anchor_of_number(number),
            ]
            .concat(),
        }
    }

    /// The frame of the page at `path`, and the way back to the root from it.
    fn frame(&self, path: &str, title: String, section: &'static str) -> PageView {
        PageView {
            title,
            section,
            root: root_of(path),
            canonical: self
                .site
                .config
                .base_url
                .as_ref()
                .map(|base| [base, path.trim_end_matches("index.html")].concat()),
            description: self.site.config.description.clone(),
        }
    }
}

/// A page of the site: where it goes, its frame, and what its template sees.
pub struct Page<'a> {
    pub path: String,
    pub page: PageView,
    pub data: PageData<'a>,
}

impl<'a> Page<'a> {
    fn new(
        ctx: &Ctx,
        path: String,
        title: String,
        section: &'static str,
        data: PageData<'a>,
    ) -> Self {
        Page {
            page: ctx.frame(&path, title, section),
            path,
            data,
        }
    }
}

/// What one kind of page shows besides the site and the page's frame. Each variant's fields are
/// the names its template reads.
#[derive(Serialize)]
#[serde(untagged)]
pub enum PageData<'a> {
    Home(Box<HomeData<'a>>),
    Standard(StandardData),
    Terms(TermsData),
    Framework(Box<FrameworkData<'a>>),
    Catalogue(Box<ListingData<'a>>),
    FacetIndex(Box<ListingData<'a>>),
    Compare(Box<ComparePage<'a>>),
    Park(Box<ParkPage<'a>>),
    Providers(ProvidersData<'a>),
    Provider(Box<ProviderPage<'a>>),
    Search {},
    NotFound {},
}

/// A page to render, before its context is built: planning is cheap, so a build can plan every
/// page and then build each context only on the thread that renders it.
pub enum Planned<'a> {
    Home,
    Framework,
    Providers,
    Standard,
    Terms,
    NotFound,
    Search,
    Park(usize),
    /// A provider and the number of one of its pages.
    Provider(&'a Provider, usize),
    Listing(&'a ListingPage),
}

/// The pages of a selection. Home, framework and providers pages are always in it; a listing
/// page is in it when it is new, its fingerprint changed, or it shows an affected park.
pub fn plan<'a>(ctx: &'a Ctx, selection: &Selection) -> Vec<Planned<'a>> {
    let site = ctx.site;
    let mut plan = vec![Planned::Home, Planned::Framework, Planned::Providers];
    let provider_pages = |p: &'a Provider| {
        let pages = ctx.parks_of(&p.id).len().div_ceil(PAGE_SIZE).max(1);
        (1..=pages).map(move |n| Planned::Provider(p, n))
    };
    match selection {
        Selection::All => {
            plan.extend([
                Planned::Standard,
                Planned::Terms,
                Planned::NotFound,
                Planned::Search,
            ]);
            plan.extend((0..site.parks.len()).map(Planned::Park));
            plan.extend(site.providers.iter().flat_map(provider_pages));
            plan.extend(ctx.listings.iter().map(Planned::Listing));
        }
        Selection::Only {
            parks,
            providers,
            previous_listings,
        } => {
            plan.extend(
                (0..site.parks.len())
                    .filter(|&i| parks.contains(&site.parks[i].id))
                    .map(Planned::Park),
            );
            plan.extend(
                site.providers
                    .iter()
                    .filter(|p| providers.contains(&p.id))
                    .flat_map(provider_pages),
            );
            let changed = ctx.listings.iter().filter(|l| {
                previous_listings.get(&l.path) != Some(&l.fingerprint)
                    || l.parks.iter().any(|&i| parks.contains(&site.parks[i].id))
            });
            plan.extend(changed.map(Planned::Listing));
        }
    }
    plan
}

impl<'a> Planned<'a> {
    /// The page's output path.
    pub fn path(&self) -> String {
        match self {
            Planned::Home => "index.html".into(),
            Planned::Framework => "framework/index.html".into(),
            Planned::Providers => "providers/index.html".into(),
            Planned::Standard => "standard/index.html".into(),
            Planned::Terms => "terms/index.html".into(),
            Planned::NotFound => "404.html".into(),
            Planned::Search => "search/index.html".into(),
            Planned::Park(_) => unreachable!("a park's path needs the site: see Ctx::path"),
            Planned::Provider(p, n) => catalogue::provider_path(&p.id, *n),
            Planned::Listing(l) => l.path.clone(),
        }
    }
}

impl<'a> Ctx<'a> {
    /// The output path of a planned page.
    pub fn path(&self, planned: &Planned) -> String {
        match planned {
            Planned::Park(i) => ["parks/", &self.site.parks[*i].id, "/index.html"].concat(),
            other => other.path(),
        }
    }

    /// Builds the view of a planned page.
    pub fn page(&self, planned: &Planned<'a>) -> Page<'a> {
        match planned {
            Planned::Home => standard::home(self),
            Planned::Framework => standard::framework(self),
            Planned::Providers => catalogue::providers(self),
            Planned::Standard => standard::standard(self),
            Planned::Terms => standard::terms(self),
            Planned::NotFound => catalogue::not_found(self),
            Planned::Search => catalogue::search(self),
            Planned::Park(i) => park::park(self, *i),
            Planned::Provider(p, n) => catalogue::provider(self, p, *n),
            Planned::Listing(l) => catalogue::listing(self, l),
        }
    }
}

pub fn park_href(park: &Park, root: &str) -> String {
    [root, "parks/", &park.id, "/index.html"].concat()
}

pub fn provider_href(id: &str, root: &str) -> String {
    [root, "providers/", id, "/index.html"].concat()
}

/// A page's public address: `base_url`, then the page's folder, percent-encoded.
pub fn page_url(base: &str, path: &str) -> String {
    format!(
        "{base}{}",
        listing::encode_path(path.trim_end_matches("index.html"))
    )
}
