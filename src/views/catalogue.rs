//! The views of pages that list parks: the catalogue and its facets, the comparison, the
//! providers; and the search and not-found pages, which list nothing.

use super::listing::{encode_path, Facet, FacetValue, ListKind, ListingPage, PAGE_SIZE};
use super::park::park_row;
use super::types::*;
use super::{park_href, provider_href, Ctx, Page, PageData, FACET_VALUES_SHOWN};
use crate::compliance::Status;
use crate::model::Provider;
use crate::vocab;

pub(super) fn pagination(base: &str, number: usize, pages: usize, root: &str) -> PaginationView {
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

pub(super) fn facet_href(facet: &Facet, value: &FacetValue, root: &str) -> String {
    format!(
        "{root}{}",
        encode_path(&format!("parks/{}/{}/index.html", facet.key, value.slug))
    )
}

pub(super) fn listing<'a>(ctx: &Ctx<'a>, page: &ListingPage) -> Page<'a> {
    // A facet index page names a facet but no value of it.
    let facet_of_index = page
        .facet
        .filter(|_| page.kind == ListKind::FacetIndex)
        .map(|(f, _)| &ctx.facets[f]);
    let facet = page
        .facet
        .filter(|_| matches!(page.kind, ListKind::Catalogue | ListKind::Names))
        .and_then(|(f, v)| Some((&ctx.facets[f], ctx.facets[f].values.get(v)?)));
    let (section, heading) = match (page.kind, facet) {
        (ListKind::Compare, _) => ("compare", "园区对比".to_string()),
        (ListKind::FacetIndex, _) => (
            "parks",
            facet_of_index.map_or_else(String::new, |f| format!("按{}浏览", f.label)),
        ),
        (ListKind::Catalogue | ListKind::Names, None) => ("parks", "园区目录".to_string()),
        (ListKind::Catalogue | ListKind::Names, Some((f, v))) => {
            ("parks", format!("{}：{}", f.label, v.label))
        }
    };
    let title = if page.number > 1 {
        format!("{heading}（第 {} 页）", page.number)
    } else {
        heading.clone()
    };
    let root = super::root_of(&page.path);
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
    let data = if page.kind == ListKind::Compare {
        let fw = &ctx.site.framework;
        let columns: Vec<CompareColumn> = fw
            .requirements()
            .map(|(s, r)| CompareColumn {
                id: r.id.value.clone(),
                title: r.title.clone(),
                system: s.name.clone(),
                href: [&root, "framework/index.html#req-", &r.id.value].concat(),
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
        PageData::Compare(Box::new(ComparePage {
            listing: view,
            columns,
            matrix,
        }))
    } else if page.kind == ListKind::FacetIndex {
        PageData::FacetIndex(Box::new(ListingData { listing: view }))
    } else {
        PageData::Catalogue(Box::new(ListingData { listing: view }))
    };
    Page::new(ctx, page.path.clone(), title, section, data)
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

pub(super) fn providers<'a>(ctx: &Ctx<'a>) -> Page<'a> {
    let path = String::from("providers/index.html");
    let root = super::root_of(&path);
    let list: Vec<ProviderView> = ctx
        .site
        .providers
        .iter()
        .map(|p| provider_view(ctx, p, &root))
        .collect();
    let data = PageData::Providers(ProvidersData { providers: list });
    Page::new(ctx, path, "园区集成服务商".into(), "providers", data)
}

/// Page `number` of a provider: its facts, and the parks it runs, a page at a time.
pub(super) fn provider<'a>(ctx: &Ctx<'a>, p: &'a Provider, number: usize) -> Page<'a> {
    let parks = ctx.parks_of(&p.id);
    let pages = parks.len().div_ceil(PAGE_SIZE).max(1);
    let base = format!("providers/{}/", p.id);
    let path = provider_path(&p.id, number);
    let root = super::root_of(&path);
    let data = PageData::Provider(Box::new(ProviderPage {
        provider: provider_view(ctx, p, &root),
        json_ld_html: super::json_ld::provider(ctx, p),
        parks: parks
            .iter()
            .skip((number - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|&i| park_row(ctx, i, &root))
            .collect(),
        pagination: pagination(&base, number, pages, &root),
    }));
    Page::new(ctx, path, p.name.clone(), "providers", data)
}

/// The path of page `number` of a provider.
pub(super) fn provider_path(id: &str, number: usize) -> String {
    if number == 1 {
        ["providers/", id, "/index.html"].concat()
    } else {
        format!("providers/{id}/page/{number}/index.html")
    }
}

pub(super) fn search<'a>(ctx: &Ctx<'a>) -> Page<'a> {
    let data = PageData::Search {};
    Page::new(
        ctx,
        "search/index.html".into(),
        "搜索".into(),
        "search",
        data,
    )
}

pub(super) fn not_found<'a>(ctx: &Ctx<'a>) -> Page<'a> {
    // Served for any missing path, so its links cannot be relative: they go to the site root when
    // `base_url` is known, and to the server root otherwise.
    let root = ctx
        .site
        .config
        .base_url
        .clone()
        .unwrap_or_else(|| "/".into());
    Page {
        path: "404.html".into(),
        page: PageView {
            title: "页面未找到".into(),
            section: "none",
            root,
            canonical: None,
            description: None,
        },
        data: PageData::NotFound {},
    }
}
