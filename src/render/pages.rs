//! One function per kind of page: each builds its view from the model and names its template.

use super::listing::{self, encode_path, Facet, FacetValue, ListKind, ListingPage, PAGE_SIZE};
use super::native::{ComparePage, ParkPage, ProviderPage};
use super::views::*;
use super::{charts, root_of, PageJob, Selection, Typed};
use crate::compliance::{ParkCompliance, Status};
use crate::fxhash::FxMap;
use crate::markdown::{self, Html, RenderOptions, TermLinker};
use crate::model::{Condition, Park, PartKind, Provider, Requirement, Site, INTEGRATED};
use crate::vocab;
use rayon::prelude::*;
use std::collections::HashMap;

/// Values of a facet listed on the catalogue's first page; all are on the facet's own page.
const FACET_VALUES_SHOWN: usize = 30;

/// Parks named per status on the framework page; the rest are behind a link.
const STANDING_NAMES: usize = 12;

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
    fn md_options<'r>(&'r self, root: &'r str) -> RenderOptions<'r> {
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

    fn md_opt(&self, text: &Option<String>, root: &str) -> Option<String> {
        text.as_deref().map(|t| self.md(t, root))
    }

    /// Park-written Markdown for a park's page, where most of a big site's text is.
    fn park_md<'t>(&self, text: &'t Option<String>, root: &str) -> Option<Html<'t>> {
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

    fn clause_ref(&self, number: &'a str, root: &str) -> ClauseRef<'a> {
        ClauseRef {
            number,
            title: self.clause_titles.get(number).copied(),
            href: crate::cat(&[root, "standard/index.html#clause-", number]),
        }
    }

    fn job(
        &self,
        template: &'static str,
        path: String,
        title: String,
        section: &'static str,
    ) -> (PageJob<'a>, String) {
        let root = root_of(&path);
        let canonical = self
            .site
            .config
            .base_url
            .as_ref()
            .map(|base| format!("{base}{}", path.trim_end_matches("index.html")));
        let page = PageView {
            title,
            section,
            root: root.clone(),
            canonical,
            description: self.site.config.description.clone(),
        };
        (
            PageJob {
                template,
                path,
                page,
                context: tera::Context::new(),
                typed: Typed::None,
            },
            root,
        )
    }
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

/// Builds the context of a planned page.
pub fn job<'a>(ctx: &Ctx<'a>, planned: &Planned<'a>) -> PageJob<'a> {
    match planned {
        Planned::Home => home(ctx),
        Planned::Framework => framework(ctx),
        Planned::Providers => providers(ctx),
        Planned::Standard => standard(ctx),
        Planned::Terms => terms(ctx),
        Planned::NotFound => not_found(ctx),
        Planned::Search => search(ctx),
        Planned::Park(i) => park(ctx, *i),
        Planned::Provider(p, n) => provider(ctx, p, *n),
        Planned::Listing(l) => listing(ctx, l),
    }
}

pub fn park_href(park: &Park, root: &str) -> String {
    crate::cat(&[root, "parks/", &park.id, "/index.html"])
}

fn provider_href(id: &str, root: &str) -> String {
    crate::cat(&[root, "providers/", id, "/index.html"])
}

/// The framework's systems with a park's status on each, or with counts over all parks.
fn system_summaries<'a>(ctx: &Ctx<'a>, park: Option<usize>) -> Vec<SystemSummary<'a>> {
    ctx.site
        .framework
        .systems
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let (status, services, met) = match park {
                Some(p) => {
                    let r = &ctx.compliance[p].systems[si];
                    (Some(r.status.into()), r.services, None)
                }
                None => (
                    None,
                    ctx.compliance.iter().map(|c| c.systems[si].services).sum(),
                    Some(
                        ctx.compliance
                            .iter()
                            .filter(|c| c.systems[si].status == Status::Met)
                            .count(),
                    ),
                ),
            };
            SystemSummary {
                id: &s.id.value,
                role: &s.role,
                name: &s.name,
                name_en: s.name_en.as_deref(),
                status,
                met,
                services,
            }
        })
        .collect()
}

pub fn park_row<'a>(ctx: &Ctx<'a>, i: usize, root: &str) -> ParkRow<'a> {
    let park = &ctx.site.parks[i];
    let c = &ctx.compliance[i];
    ParkRow {
        id: &park.id,
        href: park_href(park, root),
        name: &park.name,
        name_en: park.name_en.as_deref(),
        provider: park
            .provider
            .as_ref()
            .and_then(|p| ctx.provider(p))
            .map(|p| Link {
                text: p.display_name().to_string(),
                href: provider_href(&p.id, root),
            }),
        level: Labelled::new(vocab::LEVELS, &park.level),
        park_type: Labelled::new(vocab::PARK_TYPES, &park.park_type),
        region: &park.region,
        district: park.district.as_deref(),
        industries: &park.industries,
        overall: c.overall.into(),
        systems: system_summaries(ctx, Some(i)),
        unsupported_claims: ctx.unsupported_claims[i],
        updated: park.updated.as_deref(),
    }
}

fn status_segments(counts: [usize; 4]) -> Vec<charts::Segment> {
    [
        Status::Met,
        Status::Partial,
        Status::Unmet,
        Status::NotApplicable,
    ]
    .into_iter()
    .zip(counts)
    .map(|(status, value)| charts::Segment {
        value,
        class: match status {
            Status::Met => "seg-met",
            Status::Partial => "seg-partial",
            Status::Unmet => "seg-unmet",
            Status::NotApplicable => "seg-na",
        },
        label: vocab::label(vocab::STATUSES, status.as_str()).to_string(),
    })
    .collect()
}

/// Home page charts: parks by type and by level, and each system's coverage.
fn home_charts(ctx: &Ctx) -> Vec<String> {
    let site = ctx.site;
    let count_by =
        |vocabulary: vocab::Vocabulary, value: &dyn Fn(&Park) -> &str| -> Vec<charts::Bar> {
            vocabulary
                .iter()
                .map(|(id, label)| charts::Bar {
                    label: label.to_string(),
                    segments: vec![charts::Segment {
                        value: site.parks.iter().filter(|p| value(p) == *id).count(),
                        class: "seg-count",
                        label: "园区数".into(),
                    }],
                })
                .filter(|b| b.segments[0].value > 0)
                .collect()
        };
    let coverage: Vec<charts::Bar> = site
        .framework
        .systems
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let mut counts = [0usize; 4];
            for c in ctx.compliance {
                counts[c.systems[si].status as usize] += 1;
            }
            charts::Bar {
                label: s.name.clone(),
                segments: status_segments(counts),
            }
        })
        .collect();
    vec![
        charts::bar_chart(
            "chart-coverage",
            "各服务体系的园区符合情况",
            &coverage,
            "个园区",
        ),
        charts::bar_chart(
            "chart-type",
            "园区类型分布",
            &count_by(vocab::PARK_TYPES, &|p| &p.park_type),
            "个园区",
        ),
        charts::bar_chart(
            "chart-level",
            "园区级别分布",
            &count_by(vocab::LEVELS, &|p| &p.level),
            "个园区",
        ),
    ]
}

/// A park's standing: per system, its requirements by status.
fn park_chart(ctx: &Ctx, i: usize) -> String {
    let c = &ctx.compliance[i];
    // The chart shows only counts, and most parks share theirs with others: each is drawn once.
    let counts: Vec<[usize; 4]> = ctx
        .site
        .framework
        .systems
        .iter()
        .map(|s| {
            let mut counts = [0usize; 4];
            for r in c.requirements.iter().filter(|r| *r.system == *s.id.value) {
                counts[r.status as usize] += 1;
            }
            counts
        })
        .collect();
    let charts = || ctx.park_charts.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(chart) = charts().get(&counts) {
        return chart.clone();
    }
    let bars: Vec<charts::Bar> = ctx
        .site
        .framework
        .systems
        .iter()
        .zip(&counts)
        .map(|(s, &counts)| charts::Bar {
            label: s.name.clone(),
            segments: status_segments(counts),
        })
        .collect();
    let chart = charts::bar_chart(
        "chart-standing",
        "各服务体系要求的符合情况",
        &bars,
        "项要求",
    );
    charts().insert(counts, chart.clone());
    chart
}

fn home<'a>(ctx: &Ctx<'a>) -> PageJob<'a> {
    let (mut job, root) = ctx.job(
        "index.html",
        "index.html".into(),
        ctx.site.config.title.clone(),
        "home",
    );
    let figures = [
        ("parks", ctx.site.parks.len()),
        ("providers", ctx.site.providers.len()),
        (
            "services",
            ctx.site.parks.iter().map(|p| p.services.len()).sum(),
        ),
        ("requirements", ctx.site.framework.requirements().count()),
        ("clauses", ctx.site.standard.clause_numbers().count()),
        ("terms", ctx.site.standard.terms().count()),
        (
            "parks_met",
            ctx.compliance
                .iter()
                .filter(|c| c.overall == Status::Met)
                .count(),
        ),
    ];
    let figures: HashMap<&str, usize> = figures.into_iter().collect();
    job.context.insert("figures", &figures);
    job.context.insert("systems", &system_summaries(ctx, None));
    let first_part = ctx
        .site
        .standard
        .parts
        .iter()
        // The scope: the first part of the normative body, after foreword and introduction.
        .find(|p| p.kind == PartKind::Text && p.number.as_deref().is_some_and(|n| n != "0"));
    let intro = first_part.map(|p| ctx.md(&p.intro, &root));
    job.context.insert("scope_html", &intro);
    job.context
        .insert("scope_title", &first_part.map(|p| p.title.clone()));
    let recent: Vec<ParkRow> = {
        let mut order: Vec<usize> = (0..ctx.site.parks.len()).collect();
        order.sort_by(|&a, &b| {
            ctx.site.parks[b]
                .updated
                .cmp(&ctx.site.parks[a].updated)
                .then(a.cmp(&b))
        });
        order
            .into_iter()
            .take(6)
            .map(|i| park_row(ctx, i, &root))
            .collect()
    };
    job.context.insert("recent_parks", &recent);
    job.context.insert("charts_html", &home_charts(ctx));
    job
}

fn standard<'a>(ctx: &Ctx<'a>) -> PageJob<'a> {
    let title = ctx
        .site
        .config
        .standard_title
        .clone()
        .unwrap_or_else(|| "标准".into());
    let (mut job, root) = ctx.job(
        "standard.html",
        "standard/index.html".into(),
        title,
        "standard",
    );
    let mut body_opened = false;
    let parts: Vec<PartView> = ctx
        .site
        .standard
        .parts
        .iter()
        .map(|part| {
            let opens_body = !body_opened && part.number.as_deref().is_some_and(|n| n != "0");
            body_opened |= opens_body;
            PartView {
                anchor: part.anchor(),
                number: part.number.clone(),
                title: part.title.clone(),
                title_en: part.title_en.clone(),
                is_terms: part.kind == PartKind::Terms,
                opens_body,
                intro_html: markdown::render(&part.intro, &standard_opts(ctx, &root, None)),
                clauses: part
                    .clauses
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ClauseView {
                        anchor: c.anchor(i),
                        number: c.number.clone(),
                        title: c.title.clone(),
                        level: c.level.clamp(2, 5) + 1,
                        html: if c.term.is_some() {
                            String::new()
                        } else {
                            markdown::render(&c.body, &standard_opts(ctx, &root, None))
                        },
                        term: c.term.as_ref().map(|t| term_view(ctx, t, &root)),
                    })
                    .collect(),
            }
        })
        .collect();
    job.context.insert("parts", &parts);
    job
}

fn standard_opts<'c>(ctx: &'c Ctx, root: &'c str, skip: Option<&'c str>) -> RenderOptions<'c> {
    RenderOptions {
        root,
        terms: &ctx.terms,
        skip_term: skip,
        heading_shift: 3,
    }
}

fn term_view(ctx: &Ctx, t: &crate::model::Term, root: &str) -> TermView {
    let opts = standard_opts(ctx, root, Some(&t.number));
    TermView {
        number: t.number.clone(),
        term: t.term.clone(),
        term_en: t.term_en.clone(),
        definition_html: markdown::render(&t.definition, &opts),
        notes_html: t.notes.iter().map(|n| markdown::render(n, &opts)).collect(),
    }
}

fn terms<'a>(ctx: &Ctx<'a>) -> PageJob<'a> {
    let (mut job, root) = ctx.job(
        "terms.html",
        "terms/index.html".into(),
        "术语".into(),
        "terms",
    );
    let terms: Vec<TermView> = ctx
        .site
        .standard
        .terms()
        .map(|t| term_view(ctx, t, &root))
        .collect();
    job.context.insert("terms", &terms);
    job
}

/// A rule in words, for readers; the YAML key is given too, for editors.
pub fn describe_rule(req: &Requirement) -> Vec<String> {
    let Some(rule) = &req.rule else {
        return Vec::new();
    };
    rule.conditions
        .iter()
        .map(|c| match c {
            Condition::MinServices(n) => format!("本体系至少提供 {n} 项服务（min_services: {n}）"),
            Condition::AudienceAny(a) => {
                let labels: Vec<&str> = a
                    .iter()
                    .map(|x| vocab::label(vocab::AUDIENCES, x))
                    .collect();
                format!("本体系服务面向{}（audience_any）", labels.join("、"))
            }
            Condition::IntegratedProvider => {
                "由目录中登记的园区集成服务商提供综合运营服务（integrated_provider）".into()
            }
            Condition::MinBrandFeatures(n) => {
                format!("至少列出 {n} 项服务特色和品牌特征（min_brand_features: {n}）")
            }
            Condition::ProvidersLegalEntities => {
                "服务所用的园区专业服务商均具有法人资质（providers_legal_entities）".into()
            }
            Condition::MinSupportingServices(n) => {
                format!("至少 {n} 项服务支撑本要求（min_supporting_services: {n}）")
            }
        })
        .collect()
}

fn framework<'a>(ctx: &Ctx<'a>) -> PageJob<'a> {
    let (mut job, root) = ctx.job(
        "framework.html",
        "framework/index.html".into(),
        "服务体系框架".into(),
        "framework",
    );
    let site = ctx.site;
    let systems: Vec<SystemView> = site
        .framework
        .systems
        .iter()
        .map(|s| SystemView {
            id: s.id.value.clone(),
            role: Labelled::new(vocab::ROLES, &s.role),
            name: s.name.clone(),
            name_en: s.name_en.clone(),
            clause: s.clause.as_ref().map(|c| ctx.clause_ref(c, &root)),
            serves: s
                .serves
                .iter()
                .map(|a| Labelled::new(vocab::AUDIENCES, a))
                .collect(),
            summary_html: ctx.md_opt(&s.summary, &root),
            requirements: s
                .requirements
                .iter()
                .map(|req| {
                    let facet = ctx
                        .facets
                        .iter()
                        .find(|f| f.key == format!("requirement/{}", req.id.value));
                    let standing: Vec<StandingGroup> = [
                        Status::Met,
                        Status::Partial,
                        Status::Unmet,
                        Status::NotApplicable,
                    ]
                    .into_iter()
                    .map(|status| {
                        let value =
                            facet.and_then(|f| f.values.iter().find(|v| v.slug == status.as_str()));
                        let parks = value.map_or(&[][..], |v| v.parks.as_slice());
                        StandingGroup {
                            status: status.into(),
                            count: parks.len(),
                            parks: parks
                                .iter()
                                .take(STANDING_NAMES)
                                .map(|&i| Link {
                                    text: site.parks[i].name.clone(),
                                    href: park_href(&site.parks[i], &root),
                                })
                                .collect(),
                            more_href: match (facet, value) {
                                (Some(f), Some(v)) if parks.len() > STANDING_NAMES => {
                                    Some(facet_href(f, v, &root))
                                }
                                _ => None,
                            },
                        }
                    })
                    .collect();
                    RequirementView {
                        id: req.id.value.clone(),
                        title: req.title.clone(),
                        title_en: req.title_en.clone(),
                        clause: req.clause.as_ref().map(|c| ctx.clause_ref(c, &root)),
                        description_html: ctx.md_opt(&req.description, &root),
                        rule: describe_rule(req),
                        standing,
                    }
                })
                .collect(),
        })
        .collect();
    job.context.insert("systems", &systems);
    job.context
        .insert("figure_systems", &system_summaries(ctx, None));
    job.context.insert("park_count", &site.parks.len());
    for (key, status) in [
        ("dict_met", Status::Met),
        ("dict_partial", Status::Partial),
        ("dict_unmet", Status::Unmet),
        ("dict_na", Status::NotApplicable),
    ] {
        job.context.insert(key, &StatusView::from(status));
    }
    job
}

fn pagination(base: &str, number: usize, pages: usize, root: &str) -> PaginationView {
    let href = |n: usize| {
        let path = if n == 1 {
            format!("{base}index.html")
        } else {
            format!("{base}page/{n}/index.html")
        };
        format!("{root}{}", encode_path(&path))
    };
    let mut links: Vec<Option<PageLink>> = Vec::new();
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(number) <= 2 {
            links.push(Some(PageLink {
                number: n,
                href: href(n),
                current: n == number,
            }));
        } else if links.last().is_some_and(Option::is_some) {
            links.push(None);
        }
    }
    PaginationView {
        number,
        pages,
        prev: (number > 1).then(|| href(number - 1)),
        next: (number < pages).then(|| href(number + 1)),
        links,
    }
}

fn facet_href(facet: &Facet, value: &FacetValue, root: &str) -> String {
    format!(
        "{root}{}",
        encode_path(&format!("parks/{}/{}/index.html", facet.key, value.slug))
    )
}

fn listing<'a>(ctx: &Ctx<'a>, page: &ListingPage) -> PageJob<'a> {
    // A facet index page names a facet but no value of it.
    let facet_of_index = page
        .facet
        .filter(|_| page.kind == ListKind::FacetIndex)
        .map(|(f, _)| &ctx.facets[f]);
    let facet = page
        .facet
        .filter(|_| matches!(page.kind, ListKind::Catalogue | ListKind::Names))
        .and_then(|(f, v)| Some((&ctx.facets[f], ctx.facets[f].values.get(v)?)));
    let (template, section, heading) = match (page.kind, facet) {
        (ListKind::Compare, _) => ("compare.html", "compare", "园区对比".to_string()),
        (ListKind::FacetIndex, _) => (
            "facet.html",
            "parks",
            facet_of_index.map_or_else(String::new, |f| format!("按{}浏览", f.label)),
        ),
        (ListKind::Catalogue | ListKind::Names, None) => {
            ("parks.html", "parks", "园区目录".to_string())
        }
        (ListKind::Names, Some((f, v))) => {
            ("parks.html", "parks", format!("{}：{}", f.label, v.label))
        }
        (ListKind::Catalogue, Some((f, v))) => {
            ("parks.html", "parks", format!("{}：{}", f.label, v.label))
        }
    };
    let title = if page.number > 1 {
        format!("{heading}（第 {} 页）", page.number)
    } else {
        heading.clone()
    };
    let (mut job, root) = ctx.job(template, page.path.clone(), title, section);
    // Only catalogue pages have park rows; the comparison has its matrix, names pages names.
    let rows: Vec<ParkRow> = match page.kind {
        ListKind::Catalogue => page
            .parks
            .iter()
            .map(|&i| park_row(ctx, i, &root))
            .collect(),
        ListKind::Compare | ListKind::FacetIndex | ListKind::Names => Vec::new(),
    };
    let names: Vec<Link> = match page.kind {
        ListKind::Names => page
            .parks
            .iter()
            .map(|&i| Link {
                text: ctx.site.parks[i].name.clone(),
                href: park_href(&ctx.site.parks[i], &root),
            })
            .collect(),
        _ => Vec::new(),
    };
    let show_facets = page.facet.is_none() && page.number == 1 && page.kind == ListKind::Catalogue;
    let nav = |f: &Facet, limit: usize| FacetNav {
        key: f.key.clone(),
        label: f.label.clone(),
        values: f
            .values
            .iter()
            .take(limit)
            .map(|v| FacetLink {
                label: v.label.clone(),
                href: facet_href(f, v, &root),
                count: v.parks.len(),
                slug: v.slug.clone(),
            })
            .collect(),
        total: f.values.len(),
        all_href: (f.values.len() > limit).then(|| {
            format!(
                "{root}{}",
                encode_path(&format!("parks/{}/index.html", f.key))
            )
        }),
    };
    let facets: Vec<FacetNav> = if show_facets {
        ctx.facets
            .iter()
            .filter(|f| f.in_nav)
            .map(|f| nav(f, FACET_VALUES_SHOWN))
            .collect()
    } else if page.kind == ListKind::FacetIndex {
        facet_of_index
            .map(|f| nav(f, usize::MAX))
            .into_iter()
            .collect()
    } else {
        Vec::new()
    };
    let view = ListingView {
        heading,
        facet_label: facet
            .map(|(f, _)| f.label.clone())
            .or_else(|| facet_of_index.map(|f| f.label.clone())),
        value_label: facet.map(|(_, v)| v.label.clone()),
        total: page.total,
        first: page.first(),
        last: page.first() + page.parks.len() - usize::from(!page.parks.is_empty()),
        rows,
        names,
        pagination: pagination(&page.base, page.number, page.pages, &root),
        facets,
    };
    if template == "parks.html" {
        job.typed = Typed::Listing(Box::new(view));
    } else if page.kind == ListKind::Compare {
        let fw = &ctx.site.framework;
        let columns: Vec<CompareColumn> = fw
            .requirements()
            .map(|(s, r)| CompareColumn {
                id: r.id.value.clone(),
                title: r.title.clone(),
                system: s.name.clone(),
                href: crate::cat(&[&root, "framework/index.html#req-", &r.id.value]),
            })
            .collect();
        let matrix: Vec<CompareRow> = page
            .parks
            .iter()
            .map(|&i| {
                let c = &ctx.compliance[i];
                CompareRow {
                    id: ctx.site.parks[i].id.clone(),
                    href: park_href(&ctx.site.parks[i], &root),
                    name: ctx.site.parks[i].name.clone(),
                    overall: c.overall.into(),
                    cells: c.requirements.iter().map(|r| r.status.into()).collect(),
                    met: c
                        .requirements
                        .iter()
                        .filter(|r| r.status == Status::Met)
                        .count(),
                }
            })
            .collect();
        job.typed = Typed::Compare(Box::new(ComparePage {
            listing: view,
            columns,
            matrix,
        }));
    } else {
        job.context.insert("listing", &view);
    }
    job
}

fn park<'a>(ctx: &Ctx<'a>, i: usize) -> PageJob<'a> {
    let park = &ctx.site.parks[i];
    let (mut job, root) = ctx.job(
        "park.html",
        crate::cat(&["parks/", &park.id, "/index.html"]),
        park.name.clone(),
        "parks",
    );
    let compliance = &ctx.compliance[i];
    // The park's specialized providers by id, and how many services each gives: looked up, not
    // searched for each service (a park may list dozens of both).
    let mut specialized: FxMap<&str, &str> =
        FxMap::with_capacity_and_hasher(park.providers.len(), Default::default());
    for p in &park.providers {
        specialized.entry(p.id.as_str()).or_insert(p.name.as_str());
    }
    let mut services_of: FxMap<&str, usize> =
        FxMap::with_capacity_and_hasher(park.providers.len() + 1, Default::default());
    for svc in &park.services {
        *services_of.entry(svc.provider.value.as_str()).or_default() += 1;
    }
    let integrated_name = park
        .provider
        .as_ref()
        .and_then(|p| ctx.provider(p))
        .map_or("园区集成服务商", |p| p.display_name());
    let provider_name = |id: &'a str| -> &'a str {
        if id == INTEGRATED {
            integrated_name
        } else {
            specialized.get(id).copied().unwrap_or(id)
        }
    };
    let assessed = park.assessment_results();
    let mut evidence: FxMap<&str, &Option<String>> =
        FxMap::with_capacity_and_hasher(assessed.len(), Default::default());
    evidence.extend(
        assessed
            .iter()
            .map(|r| (r.requirement.as_str(), &r.evidence)),
    );
    let mut results = compliance.requirements.iter();
    let systems: Vec<ParkSystemView> = ctx
        .site
        .framework
        .systems
        .iter()
        .zip(&compliance.systems)
        .map(|(s, result)| ParkSystemView {
            id: &s.id.value,
            role: &s.role,
            name: &s.name,
            name_en: s.name_en.as_deref(),
            status: result.status.into(),
            services: park
                .services
                .iter()
                .filter(|svc| svc.system.value == s.id.value)
                .map(|svc| ServiceView {
                    id: &svc.id.value,
                    anchor: crate::cat(&["service-", &svc.id.value]),
                    name: &svc.name,
                    audience: svc
                        .audience
                        .iter()
                        .map(|a| Labelled::new(vocab::AUDIENCES, a))
                        .collect(),
                    provider: provider_name(&svc.provider),
                    provider_anchor: (svc.provider.value != INTEGRATED)
                        .then(|| crate::cat(&["provider-", &svc.provider.value])),
                    description_html: ctx.park_md(&svc.description, &root),
                    requirements: svc.requirements.iter().map(|r| r.value.as_str()).collect(),
                })
                .collect(),
            requirements: s
                .requirements
                .iter()
                .filter_map(|req| {
                    // Results are in the framework's order: the next one is this requirement's.
                    let r = match results.next() {
                        Some(r) if *r.requirement == *req.id.value => r,
                        _ => compliance.requirement(&req.id)?,
                    };
                    Some(ParkRequirementView {
                        id: &req.id.value,
                        title: &req.title,
                        title_en: req.title_en.as_deref(),
                        clause: req.clause.as_ref().map(|c| ctx.clause_ref(c, &root)),
                        status: r.status.into(),
                        computed: r.computed.map(Into::into),
                        declared: r.declared.map(Into::into),
                        unsupported_claim: r.unsupported_claim,
                        evidence_html: evidence
                            .get(req.id.as_str())
                            .and_then(|e| ctx.park_md(e, &root)),
                    })
                })
                .collect(),
        })
        .collect();
    let mut tally = Tally::default();
    for r in systems.iter().flat_map(|s| &s.requirements) {
        tally.requirements += 1;
        let count = match r.status.code {
            c if c == Status::Met.as_str() => &mut tally.met,
            c if c == Status::Partial.as_str() => &mut tally.partial,
            c if c == Status::Unmet.as_str() => &mut tally.unmet,
            _ => &mut tally.not_applicable,
        };
        *count += 1;
    }
    let view = ParkView {
        row: park_row(ctx, i, &root),
        tally,
        summary_html: ctx.park_md(&park.summary, &root),
        slogan: park.slogan.as_deref(),
        features: park
            .features
            .iter()
            .map(|f| FeatureView {
                title: &f.title,
                description_html: ctx.park_md(&f.description, &root),
            })
            .collect(),
        systems,
        providers: park
            .providers
            .iter()
            .map(|p| SpecializedProviderView {
                id: &p.id.value,
                anchor: crate::cat(&["provider-", &p.id.value]),
                name: &p.name,
                kind: Labelled::new(vocab::SPECIALIZED_PROVIDER_KINDS, p.kind),
                legal_entity: p.legal_entity,
                services: services_of.get(p.id.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        assessment: park.assessment.as_ref().map(|a| AssessmentView {
            kind: Labelled::new(vocab::ASSESSMENT_KINDS, &a.kind),
            assessor: a.assessor.as_deref(),
            date: a.date.as_deref(),
        }),
        updated: park.updated.as_deref(),
        unsupported_claims: ctx.unsupported_claims[i],
    };
    job.typed = Typed::Park(Box::new(ParkPage {
        park: view,
        chart_html: park_chart(ctx, i),
        json_ld_html: super::feeds::park_json_ld(ctx, i),
        integrated_provider: park
            .provider
            .as_ref()
            .and_then(|p| ctx.provider(p))
            .map(|p| provider_view(ctx, p, &root)),
    }));
    job
}

pub fn provider_view<'a>(ctx: &Ctx<'a>, p: &'a Provider, root: &str) -> ProviderView<'a> {
    ProviderView {
        id: p.id.clone(),
        href: provider_href(&p.id, root),
        name: p.name.clone(),
        short_name: p.short_name.clone(),
        brand: p.brand.clone(),
        display_name: p.display_name().to_string(),
        kind: Labelled::new(vocab::INTEGRATED_PROVIDER_KINDS, &p.kind),
        website: p.website.clone(),
        summary_html: ctx.md_opt(&p.summary, root),
        park_count: ctx.parks_of(&p.id).len(),
    }
}

fn providers<'a>(ctx: &Ctx<'a>) -> PageJob<'a> {
    let (mut job, root) = ctx.job(
        "providers.html",
        "providers/index.html".into(),
        "园区集成服务商".into(),
        "providers",
    );
    let list: Vec<ProviderView> = ctx
        .site
        .providers
        .iter()
        .map(|p| provider_view(ctx, p, &root))
        .collect();
    job.context.insert("providers", &list);
    job
}

/// Page `number` of a provider: its facts, and the parks it runs, a page at a time.
fn provider<'a>(ctx: &Ctx<'a>, p: &'a Provider, number: usize) -> PageJob<'a> {
    let parks = ctx.parks_of(&p.id);
    let pages = parks.len().div_ceil(PAGE_SIZE).max(1);
    let base = format!("providers/{}/", p.id);
    let path = if number == 1 {
        format!("{base}index.html")
    } else {
        format!("{base}page/{number}/index.html")
    };
    let (mut job, root) = ctx.job("provider.html", path, p.name.clone(), "providers");
    job.typed = Typed::Provider(Box::new(ProviderPage {
        provider: provider_view(ctx, p, &root),
        json_ld_html: super::feeds::provider_json_ld(ctx, p),
        parks: parks
            .iter()
            .skip((number - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|&i| park_row(ctx, i, &root))
            .collect(),
        pagination: pagination(&base, number, pages, &root),
    }));
    job
}

fn search<'a>(ctx: &Ctx<'a>) -> PageJob<'a> {
    let (job, _) = ctx.job(
        "search.html",
        "search/index.html".into(),
        "搜索".into(),
        "search",
    );
    job
}

fn not_found<'a>(ctx: &Ctx<'a>) -> PageJob<'a> {
    // Served for any missing path, so its links cannot be relative: they go to the site root when
    // `base_url` is known, and to the server root otherwise.
    let (mut job, _) = ctx.job("404.html", "404.html".into(), "页面未找到".into(), "none");
    let root = ctx
        .site
        .config
        .base_url
        .clone()
        .unwrap_or_else(|| "/".into());
    let mut page: PageView = PageView {
        title: "页面未找到".into(),
        section: "none",
        root,
        canonical: None,
        description: None,
    };
    page.canonical = None;
    job.page = page;
    job
}
