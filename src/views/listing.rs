//! Pages that list parks: the catalogue, one page per value of each facet (level, type, region,
//! district, industry, each system's status), each provider's parks. All paginate, so no page
//! grows with the catalogue. Each page carries a fingerprint of what it shows besides the parks'
//! own rows, so an incremental rebuild renders again only the pages that changed.

use crate::compliance::{ParkCompliance, Status};
use crate::model::{Park, Site};
use crate::vocab;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

const STATUSES: [Status; 4] = [
    Status::Met,
    Status::Partial,
    Status::Unmet,
    Status::NotApplicable,
];

/// Parks per listing page.
pub const PAGE_SIZE: usize = 50;
/// Parks per page where only their names are listed.
pub const NAMES_PAGE_SIZE: usize = 200;

/// One value of a facet and the parks that have it.
pub struct FacetValue {
    pub slug: String,
    pub label: String,
    pub parks: Vec<usize>,
}

/// A way to group parks, e.g. by level.
pub struct Facet {
    /// Path below `parks/`: `level`, `industry`, `status/<system>`.
    pub key: String,
    pub label: String,
    pub values: Vec<FacetValue>,
    /// Shown among the catalogue's filters (requirement facets are reached from the framework).
    pub in_nav: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// The catalogue and its facets: park rows.
    Catalogue,
    /// The comparison matrix: parks × requirements.
    Compare,
    /// Every value of one facet, with counts (no park rows).
    FacetIndex,
    /// A facet value's parks by name only (the requirement facets behind the framework page).
    Names,
}

/// A page of a list of parks.
pub struct ListingPage {
    pub kind: ListKind,
    /// Output path, e.g. `parks/level/national/page/2/index.html`.
    pub path: String,
    /// Where page 1 of this list lives (a folder with a trailing `/`).
    pub base: String,
    pub facet: Option<(usize, usize)>,
    pub number: usize,
    pub pages: usize,
    pub total: usize,
    pub parks: Vec<usize>,
    pub fingerprint: u64,
}

impl ListingPage {
    /// Rank of the page's first park in its list, from 1.
    pub fn first(&self) -> usize {
        let size = if self.kind == ListKind::Names {
            NAMES_PAGE_SIZE
        } else {
            PAGE_SIZE
        };
        (self.number - 1) * size + 1
    }
}

/// A URL path segment for a facet value: letters and digits of any script kept, the rest `-`.
pub fn slugify(label: &str) -> String {
    let mut slug = String::new();
    for c in label.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "x".into()
    } else {
        slug
    }
}

/// What a URL path keeps as it is: RFC 3986's unreserved characters, `/`, and the `#` of a
/// fragment the caller appended.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'#');

/// Percent-encodes what a URL path must not hold as it is (non-ASCII among it).
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

fn text_facet<'s>(
    key: &str,
    label: &str,
    site: &'s Site,
    values_of: impl Fn(&'s Park) -> Vec<&'s str>,
) -> Facet {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, park) in site.parks.iter().enumerate() {
        let mut values = values_of(park);
        values.sort_unstable();
        values.dedup();
        for v in values {
            groups.entry(v).or_default().push(i);
        }
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut values: Vec<FacetValue> = groups
        .into_iter()
        .map(|(label, parks)| {
            let base = slugify(label);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let slug = if *n == 1 { base } else { format!("{base}-{n}") };
            FacetValue {
                slug,
                label: label.to_string(),
                parks,
            }
        })
        .collect();
    values.sort_by(|a, b| {
        b.parks
            .len()
            .cmp(&a.parks.len())
            .then_with(|| a.label.cmp(&b.label))
    });
    Facet {
        key: key.into(),
        label: label.into(),
        values,
        in_nav: true,
    }
}

fn vocab_facet(
    key: &str,
    label: &str,
    vocabulary: vocab::Vocabulary,
    parks: &[Park],
    value_of: impl Fn(&Park) -> &str,
) -> Facet {
    let mut lists = vec![Vec::new(); vocabulary.len()];
    for (i, park) in parks.iter().enumerate() {
        let value = value_of(park);
        if let Some(at) = vocabulary.iter().position(|(id, _)| *id == value) {
            lists[at].push(i);
        }
    }
    let values = vocabulary
        .iter()
        .zip(lists)
        .filter(|(_, parks)| !parks.is_empty())
        .map(|((id, name), parks)| FacetValue {
            slug: id.to_string(),
            label: name.to_string(),
            parks,
        })
        .collect();
    Facet {
        key: key.into(),
        label: label.into(),
        values,
        in_nav: true,
    }
}

pub fn facets(site: &Site, compliance: &[ParkCompliance]) -> Vec<Facet> {
    let parks = &site.parks;
    // Each facet is a pass over all parks: they are made side by side.
    let ((mut facets, places), (industries, statuses)) = rayon::join(
        || {
            rayon::join(
                || {
                    vec![
                        vocab_facet("level", "级别", vocab::LEVELS, parks, |p| &p.level),
                        vocab_facet("type", "类型", vocab::PARK_TYPES, parks, |p| &p.park_type),
                    ]
                },
                || {
                    [
                        text_facet("region", "地区", site, |p| vec![p.region.as_str()]),
                        text_facet("district", "区县", site, |p| {
                            p.district.iter().map(String::as_str).collect()
                        }),
                    ]
                },
            )
        },
        || {
            rayon::join(
                || {
                    text_facet("industry", "产业", site, |p| {
                        p.industries.iter().map(String::as_str).collect()
                    })
                },
                || status_facets(site, compliance),
            )
        },
    );
    facets.extend(places);
    facets.push(industries);
    facets.extend(statuses);
    facets.extend(assessment_facets(site));
    facets
}

/// Years of the "assessed within" facet: a park is in each that its latest dated assessment
/// falls within, counted back from the site's day.
const ASSESSED_WITHIN_YEARS: [i64; 3] = [1, 2, 3];

/// Parks by the kinds of assessment they hold that have not expired, and by how recently they
/// were assessed.
fn assessment_facets(site: &Site) -> [Facet; 2] {
    let as_of = site.as_of.as_str();
    let mut by_kind = vec![Vec::new(); vocab::ASSESSMENT_KINDS.len()];
    let mut none_current = Vec::new();
    let mut within = vec![Vec::new(); ASSESSED_WITHIN_YEARS.len()];
    let mut never = Vec::new();
    let today = crate::dates::days_from_date(as_of).unwrap_or_default();
    for (i, park) in site.parks.iter().enumerate() {
        let mut current = false;
        for (k, (kind, _)) in vocab::ASSESSMENT_KINDS.iter().enumerate() {
            if park.latest_of_kind(kind, as_of).is_some() {
                by_kind[k].push(i);
                current = true;
            }
        }
        if !current {
            none_current.push(i);
        }
        let latest = park
            .assessments
            .iter()
            .filter_map(|a| crate::dates::days_from_date(a.date()?))
            .max();
        match latest {
            Some(day) => {
                for (years, parks) in ASSESSED_WITHIN_YEARS.iter().zip(&mut within) {
                    // A year is 365 days, a leap day aside: the facet is a reader's rough cut.
                    if today - day <= years * 365 {
                        parks.push(i);
                    }
                }
            }
            None => never.push(i),
        }
    }
    let value = |slug: String, label: String, parks: Vec<usize>| {
        (!parks.is_empty()).then_some(FacetValue { slug, label, parks })
    };
    let kinds = vocab::ASSESSMENT_KINDS
        .iter()
        .zip(by_kind)
        .filter_map(|((id, label), parks)| value(id.to_string(), format!("有效的{label}"), parks))
        .chain(value("none".into(), "无有效评价".into(), none_current))
        .collect();
    let recency = ASSESSED_WITHIN_YEARS
        .iter()
        .zip(within)
        .filter_map(|(years, parks)| value(format!("{years}y"), format!("{years} 年内"), parks))
        .chain(value(
            "never".into(),
            "未注明评价日期或未评价".into(),
            never,
        ))
        .collect();
    [
        Facet {
            key: "assessment".into(),
            label: "评价方式".into(),
            values: kinds,
            in_nav: true,
        },
        Facet {
            key: "assessed".into(),
            label: "最近评价".into(),
            values: recency,
            in_nav: true,
        },
    ]
}

/// A facet for each system and each requirement: the parks by their status on it.
fn status_facets(site: &Site, compliance: &[ParkCompliance]) -> Vec<Facet> {
    let mut facets = Vec::new();
    // Parks by status on each system and each requirement, in one pass over the parks' results.
    let systems = site.framework.systems.len();
    let requirements = site.framework.requirements().count();
    let mut by_system = vec![<[Vec<usize>; 4]>::default(); systems];
    let mut by_requirement = vec![<[Vec<usize>; 4]>::default(); requirements];
    for (i, c) in compliance.iter().enumerate() {
        for (lists, result) in by_system.iter_mut().zip(&c.systems) {
            lists[result.status as usize].push(i);
        }
        for (lists, result) in by_requirement.iter_mut().zip(&c.requirements) {
            lists[result.status as usize].push(i);
        }
    }
    let values = |lists: [Vec<usize>; 4]| -> Vec<FacetValue> {
        let mut lists = lists.map(Some);
        STATUSES
            .into_iter()
            .filter_map(|status| {
                let parks = lists[status as usize].take().unwrap_or_default();
                (!parks.is_empty()).then(|| FacetValue {
                    slug: status.as_str().into(),
                    label: vocab::label(vocab::STATUSES, status.as_str()).into(),
                    parks,
                })
            })
            .collect()
    };
    for (system, lists) in site.framework.systems.iter().zip(by_system) {
        facets.push(Facet {
            key: format!("status/{}", system.id.value),
            label: system.name.clone(),
            values: values(lists),
            in_nav: true,
        });
    }
    for ((_, req), lists) in site.framework.requirements().zip(by_requirement) {
        facets.push(Facet {
            key: format!("requirement/{}", req.id.value),
            label: req.title.clone(),
            values: values(lists),
            in_nav: false,
        });
    }
    facets
}

fn fingerprint(parts: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// Pages of one list; `extra` is whatever else the pages show that may change (counts).
fn paginate(
    kind: ListKind,
    base: &str,
    facet: Option<(usize, usize)>,
    parks: &[usize],
    site: &Site,
    extra: u64,
) -> Vec<ListingPage> {
    let size = if kind == ListKind::Names {
        NAMES_PAGE_SIZE
    } else {
        PAGE_SIZE
    };
    let pages = parks.len().div_ceil(size).max(1);
    (0..pages)
        .map(|p| {
            let slice: Vec<usize> = parks.iter().skip(p * size).take(size).copied().collect();
            let ids: Vec<&str> = slice.iter().map(|&i| site.parks[i].id.as_str()).collect();
            let path = if p == 0 {
                format!("{base}index.html")
            } else {
                format!("{base}page/{}/index.html", p + 1)
            };
            ListingPage {
                kind,
                fingerprint: fingerprint((&path, &ids, parks.len(), pages, extra)),
                path,
                base: base.to_string(),
                facet,
                number: p + 1,
                pages,
                total: parks.len(),
                parks: slice,
            }
        })
        .collect()
}

/// Every listing page of the site. The catalogue's first page also shows every facet's counts.
pub fn listing_pages(site: &Site, facets: &[Facet]) -> Vec<ListingPage> {
    let all: Vec<usize> = (0..site.parks.len()).collect();
    let counts: Vec<(&str, Vec<(&str, usize)>)> = facets
        .iter()
        .filter(|f| f.in_nav)
        .map(|f| {
            (
                f.key.as_str(),
                f.values
                    .iter()
                    .map(|v| (v.label.as_str(), v.parks.len()))
                    .collect(),
            )
        })
        .collect();
    let mut pages = paginate(ListKind::Catalogue, "parks/", None, &all, site, 0);
    if let Some(first) = pages.first_mut() {
        first.fingerprint = fingerprint((first.fingerprint, &counts));
    }
    let by_facet: Vec<Vec<ListingPage>> = facets
        .par_iter()
        .enumerate()
        .map(|(fi, facet)| {
            let kind = if facet.in_nav {
                ListKind::Catalogue
            } else {
                ListKind::Names
            };
            let mut pages = Vec::new();
            for (vi, value) in facet.values.iter().enumerate() {
                let base = format!("parks/{}/{}/", facet.key, value.slug);
                pages.extend(paginate(kind, &base, Some((fi, vi)), &value.parks, site, 0));
            }
            pages
        })
        .collect();
    pages.extend(by_facet.into_iter().flatten());
    pages.extend(paginate(ListKind::Compare, "compare/", None, &all, site, 0));
    for (fi, facet) in facets.iter().enumerate().filter(|(_, f)| f.in_nav) {
        let values: Vec<(&str, usize)> = facet
            .values
            .iter()
            .map(|v| (v.label.as_str(), v.parks.len()))
            .collect();
        let path = format!("parks/{}/index.html", facet.key);
        pages.push(ListingPage {
            kind: ListKind::FacetIndex,
            fingerprint: fingerprint((&path, &values)),
            base: format!("parks/{}/", facet.key),
            path,
            facet: Some((fi, 0)),
            number: 1,
            pages: 1,
            total: facet.values.len(),
            parks: Vec::new(),
        });
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_chinese_and_drop_punctuation() {
        assert_eq!(slugify("集成电路"), "集成电路");
        assert_eq!(slugify("徐汇区、闵行区"), "徐汇区-闵行区");
        assert_eq!(slugify("AI / Robotics"), "ai-robotics");
        assert_eq!(slugify("../.."), "x");
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path("parks/industry/集成/index.html"),
            "parks/industry/%E9%9B%86%E6%88%90/index.html"
        );
        assert_eq!(encode_path("a b"), "a%20b");
    }
}
