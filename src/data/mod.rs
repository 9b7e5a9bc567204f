//! `/data/catalogue.json`: the whole catalogue as data, for reuse by others. Serialized straight
//! from borrowed structs (no intermediate JSON tree); maps are sorted, so the file is the same for
//! the same content.

pub mod open;

use crate::compliance::{ParkCompliance, Status};
use crate::views::Ctx;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Catalogue<'a> {
    site: SiteData<'a>,
    framework: FrameworkData<'a>,
    providers: Vec<ProviderData<'a>>,
    parks: ParksData<'a>,
}

/// The parks, each made as it is written: the catalogue is the biggest data file, and a
/// 10,000-park site would otherwise hold its parks' data and their JSON at once.
struct ParksData<'a>(&'a Ctx<'a>);

impl Serialize for ParksData<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ctx = self.0;
        serializer.collect_seq(ctx.site.parks.iter().zip(ctx.compliance).map(|(park, c)| {
            let (systems, requirements) = standings(c);
            ParkData {
                facts: facts(park),
                updated: park.updated.as_deref(),
                url: ["parks/", &park.id, "/"].concat(),
                status: c.overall,
                services: park.services.len(),
                systems,
                requirements,
            }
        }))
    }
}

#[derive(Serialize)]
struct SiteData<'a> {
    title: &'a str,
    publisher: Option<&'a str>,
    sample_data: bool,
}

#[derive(Serialize)]
struct FrameworkData<'a> {
    systems: Vec<SystemData<'a>>,
    requirements: Vec<RequirementData<'a>>,
}

#[derive(Serialize)]
struct SystemData<'a> {
    id: &'a str,
    role: &'a str,
    name: &'a str,
    name_en: Option<&'a str>,
    clause: Option<&'a str>,
    requirements: Vec<&'a str>,
}

#[derive(Serialize)]
struct RequirementData<'a> {
    id: &'a str,
    system: &'a str,
    title: &'a str,
    clause: Option<&'a str>,
    computed: bool,
}

#[derive(Serialize)]
struct ProviderData<'a> {
    id: &'a str,
    name: &'a str,
    short_name: Option<&'a str>,
    brand: Option<&'a str>,
    kind: &'a str,
    url: String,
    parks: Vec<&'a str>,
}

/// What every data file says first about a park.
#[derive(Serialize)]
pub(super) struct ParkFacts<'a> {
    id: &'a str,
    name: &'a str,
    name_en: Option<&'a str>,
    provider: Option<&'a str>,
    level: &'a str,
    #[serde(rename = "type")]
    park_type: &'a str,
    region: &'a str,
    district: Option<&'a str>,
    industries: &'a [String],
}

pub(super) fn facts(park: &crate::model::Park) -> ParkFacts<'_> {
    ParkFacts {
        id: &park.id,
        name: &park.name,
        name_en: park.name_en.as_deref(),
        provider: park.provider.as_ref().map(|p| p.as_str()),
        level: &park.level,
        park_type: &park.park_type,
        region: &park.region,
        district: park.district.as_deref(),
        industries: &park.industries,
    }
}

#[derive(Serialize)]
struct ParkData<'a> {
    #[serde(flatten)]
    facts: ParkFacts<'a>,
    updated: Option<&'a str>,
    url: String,
    status: Status,
    services: usize,
    systems: BTreeMap<&'a str, SystemStanding>,
    requirements: BTreeMap<&'a str, RequirementStanding>,
}

/// A park's standing on one system, as the data files publish it.
#[derive(Serialize)]
pub(super) struct SystemStanding {
    status: Status,
    services: usize,
}

/// A park's standing on one requirement, as the data files publish it.
#[derive(Serialize)]
pub(super) struct RequirementStanding {
    status: Status,
    computed: Option<Status>,
    declared: Option<Status>,
    unsupported_claim: bool,
}

pub(super) type Standings<'a> = (
    BTreeMap<&'a str, SystemStanding>,
    BTreeMap<&'a str, RequirementStanding>,
);

/// A park's standing per system and per requirement, keyed by id.
pub(super) fn standings(c: &ParkCompliance) -> Standings<'_> {
    let systems = c
        .systems
        .iter()
        .map(|s| {
            (
                &*s.system,
                SystemStanding {
                    status: s.status,
                    services: s.services,
                },
            )
        })
        .collect();
    let requirements = c
        .requirements
        .iter()
        .map(|r| {
            let standing = RequirementStanding {
                status: r.status,
                computed: r.computed,
                declared: r.declared,
                unsupported_claim: r.unsupported_claim,
            };
            (&*r.requirement, standing)
        })
        .collect();
    (systems, requirements)
}

pub fn catalogue_json(ctx: &Ctx) -> Vec<u8> {
    let site = ctx.site;
    let fw = &site.framework;
    let catalogue = Catalogue {
        site: SiteData {
            title: &site.config.title,
            publisher: site.config.publisher.as_deref(),
            sample_data: site.config.sample_data,
        },
        framework: FrameworkData {
            systems: fw
                .systems
                .iter()
                .map(|s| SystemData {
                    id: &s.id,
                    role: &s.role,
                    name: &s.name,
                    name_en: s.name_en.as_deref(),
                    clause: s.clause.as_ref().map(|c| c.as_str()),
                    requirements: s.requirements.iter().map(|r| r.id.as_str()).collect(),
                })
                .collect(),
            requirements: fw
                .requirements()
                .map(|(s, r)| RequirementData {
                    id: &r.id,
                    system: &s.id,
                    title: &r.title,
                    clause: r.clause.as_ref().map(|c| c.as_str()),
                    computed: r.rule.is_some(),
                })
                .collect(),
        },
        providers: site
            .providers
            .iter()
            .map(|p| ProviderData {
                id: &p.id,
                name: &p.name,
                short_name: p.short_name.as_deref(),
                brand: p.brand.as_deref(),
                kind: &p.kind,
                url: format!("providers/{}/", p.id),
                parks: ctx
                    .parks_of(&p.id)
                    .iter()
                    .map(|&i| site.parks[i].id.as_str())
                    .collect(),
            })
            .collect(),
        parks: ParksData(ctx),
    };
    // About what a park takes, so that the buffer is seldom copied as it grows.
    let estimate = 64 * 1024 + site.parks.len() * (512 + 96 * fw.requirements().count());
    let mut bytes = Vec::with_capacity(estimate);
    sonic_rs::to_writer(&mut bytes, &catalogue).expect("views serialize to JSON");
    bytes.push(b'\n');
    bytes
}

/// One letter per status, to keep the client index small.
fn letter(s: Status) -> char {
    match s {
        Status::Met => 'm',
        Status::Partial => 'p',
        Status::Unmet => 'u',
        Status::NotApplicable => 'n',
    }
}

#[derive(Serialize)]
struct ClientIndex<'a> {
    systems: Vec<[&'a str; 2]>,
    requirements: Vec<[&'a str; 3]>,
    levels: Vec<[&'a str; 2]>,
    types: Vec<[&'a str; 2]>,
    statuses: Vec<[&'a str; 2]>,
    /// Per park: id, name, name_en, provider's display name, level, type, region, district,
    /// industries, overall status letter, one letter per system, one letter per requirement.
    parks: Vec<ClientPark<'a>>,
}

/// A park in the client index, serialized as a JSON array: id, name, name_en, provider's
/// display name, level, type, region, district, industries, overall status letter, one letter
/// per system, one letter per requirement.
#[derive(Serialize)]
struct ClientPark<'a>(
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a [String],
    String,
    String,
    String,
);

/// `/data/parks-index.js`: what the catalogue's filters and the comparison need of every park,
/// as a script (so it loads from `file://` too, where `fetch` is refused).
pub fn client_index_js(ctx: &Ctx) -> Vec<u8> {
    let site = ctx.site;
    let index = ClientIndex {
        systems: site
            .framework
            .systems
            .iter()
            .map(|s| [s.id.as_str(), s.name.as_str()])
            .collect(),
        requirements: site
            .framework
            .requirements()
            .map(|(s, r)| [r.id.as_str(), r.title.as_str(), s.id.as_str()])
            .collect(),
        levels: crate::vocab::LEVELS.iter().map(|(a, b)| [*a, *b]).collect(),
        types: crate::vocab::PARK_TYPES
            .iter()
            .map(|(a, b)| [*a, *b])
            .collect(),
        statuses: crate::vocab::STATUSES
            .iter()
            .map(|(a, b)| [*a, *b])
            .collect(),
        parks: site
            .parks
            .iter()
            .zip(ctx.compliance)
            .map(|(p, c)| {
                let provider = p
                    .provider
                    .as_ref()
                    .and_then(|id| ctx.provider(id))
                    .map_or("", |pr| pr.display_name());
                ClientPark(
                    p.id.as_str(),
                    p.name.as_str(),
                    p.name_en.as_deref().unwrap_or(""),
                    provider,
                    p.level.as_str(),
                    p.park_type.as_str(),
                    p.region.as_str(),
                    p.district.as_deref().unwrap_or(""),
                    p.industries.as_slice(),
                    letter(c.overall).to_string(),
                    c.systems.iter().map(|s| letter(s.status)).collect(),
                    c.requirements.iter().map(|r| letter(r.status)).collect(),
                )
            })
            .collect(),
    };
    // `<` is escaped so that no content can close the script element it may be inlined into.
    let json = sonic_rs::to_string(&index)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    format!("window.__parkbookIndex={json};\n").into_bytes()
}
