//! Open data besides `/data/catalogue.json`: `/data/parks.csv` (one row per park, for
//! spreadsheets), `/parks/<id>/index.json` (one park's data and computed compliance) and the JSON
//! Schema of park and provider files under `/data/schema/`. Serialized from borrowed structs, as
//! the catalogue is; every file is the same for the same content.

use crate::compliance::Status;
use crate::files::OutputFile;
use crate::model::{Assessment, Park};
use crate::views::Ctx;
use crate::views::Selection;
use crate::vocab;
use serde::Serialize;
use std::collections::BTreeMap;

/// Files this module adds to the site for a selection of pages: the files that cover every park
/// (CSV, schemas) always, and the selected parks' own data.
pub fn files(ctx: &Ctx, _selection: &Selection) -> Vec<OutputFile> {
    let site = ctx.site;
    let files = vec![
        OutputFile {
            path: "data/parks.csv".into(),
            bytes: parks_csv(ctx),
        },
        OutputFile {
            path: "data/schema/park.schema.json".into(),
            bytes: crate::schema::to_bytes(&crate::schema::park(Some(site))),
        },
        OutputFile {
            path: "data/schema/provider.schema.json".into(),
            bytes: crate::schema::to_bytes(&crate::schema::provider()),
        },
    ];
    files
}

/// The parks whose `index.json` a selection writes. The files themselves are made by
/// `park_file` on the threads that write them, so they are never all in memory at once.
pub fn parks_to_write(ctx: &Ctx, selection: &Selection) -> Vec<usize> {
    let site = ctx.site;
    (0..site.parks.len())
        .filter(|&i| match selection {
            Selection::All => true,
            Selection::Only { parks, .. } => parks.contains(&site.parks[i].id),
        })
        .collect()
}

pub fn park_file(ctx: &Ctx, i: usize) -> OutputFile {
    OutputFile {
        path: ["parks/", &ctx.site.parks[i].id, "/index.json"].concat(),
        bytes: park_json(ctx, i),
    }
}

// ---------------------------------------------------------------------------------------------
// parks.csv
// ---------------------------------------------------------------------------------------------

/// UTF-8 with a byte order mark (so that spreadsheet programs read the Chinese right), RFC 4180:
/// CRLF line ends, fields quoted when they hold a comma, a quote or a line break.
pub fn parks_csv(ctx: &Ctx) -> Vec<u8> {
    let site = ctx.site;
    let systems = &site.framework.systems;
    let mut out = String::from("\u{feff}");
    let mut header: Vec<&str> = vec![
        "id",
        "name",
        "name_en",
        "provider",
        "provider_name",
        "level",
        "level_label",
        "type",
        "type_label",
        "region",
        "district",
        "industries",
        "status",
    ];
    header.extend(systems.iter().map(|s| s.id.as_str()));
    header.extend(["services", "unsupported_claims", "updated", "url"]);
    row(&mut out, header.iter().map(|h| Cell::Data(h)));
    for (i, park) in site.parks.iter().enumerate() {
        let c = &ctx.compliance[i];
        let provider = park.provider.as_ref().map(|p| p.as_str());
        let provider_name = provider
            .and_then(|p| ctx.provider(p))
            .map(|p| p.name.as_str());
        let industries = park.industries.join(";");
        let services = park.services.len().to_string();
        let claims = c.unsupported_claims().to_string();
        let url = park_url(ctx, park);
        let mut cells = vec![
            Cell::Data(&park.id),
            Cell::Text(&park.name),
            Cell::Text(park.name_en.as_deref().unwrap_or("")),
            Cell::Data(provider.unwrap_or("")),
            Cell::Text(provider_name.unwrap_or("")),
            Cell::Data(&park.level),
            Cell::Data(vocab::label(vocab::LEVELS, &park.level)),
            Cell::Data(&park.park_type),
            Cell::Data(vocab::label(vocab::PARK_TYPES, &park.park_type)),
            Cell::Text(&park.region),
            Cell::Text(park.district.as_deref().unwrap_or("")),
            Cell::Text(&industries),
            Cell::Data(c.overall.as_str()),
        ];
        cells.extend(c.systems.iter().map(|s| Cell::Data(s.status.as_str())));
        cells.extend([
            Cell::Data(&services),
            Cell::Data(&claims),
            Cell::Data(park.updated.as_deref().unwrap_or("")),
            Cell::Data(&url),
        ]);
        row(&mut out, cells.into_iter());
    }
    out.into_bytes()
}

/// The park page's address: absolute with `base_url`, else relative to the site root.
fn park_url(ctx: &Ctx, park: &Park) -> String {
    let base = ctx.site.config.base_url.as_deref().unwrap_or("");
    format!("{base}parks/{}/", park.id)
}

enum Cell<'a> {
    /// Ids, enumerations, numbers, dates: written as they are.
    Data(&'a str),
    /// Text from content. Text that a spreadsheet would take for a formula (it starts with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP advises, so that
    /// opening the file never runs anything.
    Text(&'a str),
}

fn row<'a>(out: &mut String, cells: impl Iterator<Item = Cell<'a>>) {
    for (n, cell) in cells.enumerate() {
        if n > 0 {
            out.push(',');
        }
        let (value, guard) = match cell {
            Cell::Data(v) => (v, false),
            Cell::Text(v) => (v, v.starts_with(['=', '+', '-', '@', '\t', '\r'])),
        };
        let quote = value.contains([',', '"', '\r', '\n']);
        if quote {
            out.push('"');
        }
        if guard {
            out.push('\'');
        }
        if quote {
            out.push_str(&value.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(value);
        }
    }
    out.push_str("\r\n");
}

// ---------------------------------------------------------------------------------------------
// parks/<id>/index.json
// ---------------------------------------------------------------------------------------------

/// A park file as data: every field of its YAML, absent ones as `null` or `[]`, so that every
/// park's file has the same shape; then its computed compliance.
#[derive(Serialize)]
struct ParkFile<'a> {
    #[serde(flatten)]
    facts: super::ParkFacts<'a>,
    summary: Option<&'a str>,
    brand: BrandData<'a>,
    providers: Vec<SpecializedProviderData<'a>>,
    services: Vec<ServiceData<'a>>,
    /// Every assessment, in the file's order (a file's single `assessment` is a list of one).
    assessments: Vec<AssessmentData<'a>>,
    updated: Option<&'a str>,
    /// The park's page, relative to the site root (as in catalogue.json).
    url: String,
    compliance: ComplianceData<'a>,
}

#[derive(Serialize)]
struct BrandData<'a> {
    slogan: Option<&'a str>,
    features: Vec<FeatureData<'a>>,
}

#[derive(Serialize)]
struct FeatureData<'a> {
    title: &'a str,
    description: Option<&'a str>,
}

#[derive(Serialize)]
struct SpecializedProviderData<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    legal_entity: bool,
}

#[derive(Serialize)]
struct ServiceData<'a> {
    id: &'a str,
    system: &'a str,
    name: &'a str,
    audience: &'a [&'static str],
    provider: &'a str,
    description: Option<&'a str>,
    requirements: Vec<&'a str>,
}

#[derive(Serialize)]
struct AssessmentData<'a> {
    kind: &'a str,
    assessor: AssessorData<'a>,
    start: Option<&'a str>,
    end: Option<&'a str>,
    valid_until: Option<&'a str>,
    edition: Option<&'a str>,
    results: Vec<ResultData<'a>>,
}

#[derive(Serialize)]
struct AssessorData<'a> {
    name: Option<&'a str>,
    organisation: Option<&'a str>,
}

#[derive(Serialize)]
struct ResultData<'a> {
    requirement: &'a str,
    status: &'a str,
    statement: Option<&'a str>,
    evidence: Option<EvidenceData<'a>>,
}

/// Evidence as the file gives it: one Markdown text, or items with their dates.
#[derive(Serialize)]
#[serde(untagged)]
enum EvidenceData<'a> {
    Text(&'a str),
    Items(Vec<EvidenceItemData<'a>>),
}

#[derive(Serialize)]
struct EvidenceItemData<'a> {
    title: &'a str,
    link: Option<&'a str>,
    file: Option<&'a str>,
    collected: Option<&'a str>,
    expires: Option<&'a str>,
}

#[derive(Serialize)]
struct ComplianceData<'a> {
    status: Status,
    unsupported_claims: usize,
    /// The day the statuses are computed for (YYYY-MM-DD): an assessment or evidence item
    /// whose `valid_until` or `expires` comes before it has expired.
    as_of: &'a str,
    /// The place in `assessments` of the one whose results are the declared statuses; none when
    /// every assessment has expired or there is none.
    declaring_assessment: Option<usize>,
    /// The places in `assessments` of those that have expired.
    expired_assessments: Vec<usize>,
    systems: BTreeMap<&'a str, super::SystemStanding>,
    requirements: BTreeMap<&'a str, super::RequirementStanding>,
}

pub fn park_json(ctx: &Ctx, index: usize) -> Vec<u8> {
    let park = &ctx.site.parks[index];
    let c = &ctx.compliance[index];
    let standing = super::standings(c);
    let file = ParkFile {
        facts: super::facts(park),
        summary: park.summary.as_deref(),
        brand: BrandData {
            slogan: park.slogan.as_deref(),
            features: park
                .features
                .iter()
                .map(|f| FeatureData {
                    title: &f.title,
                    description: f.description.as_deref(),
                })
                .collect(),
        },
        providers: park
            .providers
            .iter()
            .map(|p| SpecializedProviderData {
                id: &p.id,
                name: &p.name,
                kind: p.kind,
                legal_entity: p.legal_entity,
            })
            .collect(),
        services: park
            .services
            .iter()
            .map(|s| ServiceData {
                id: &s.id,
                system: &s.system,
                name: &s.name,
                audience: &s.audience,
                provider: &s.provider,
                description: s.description.as_deref(),
                requirements: s.requirements.iter().map(|r| r.as_str()).collect(),
            })
            .collect(),
        assessments: park.assessments.iter().map(assessment).collect(),
        updated: park.updated.as_deref(),
        url: ["parks/", &park.id, "/"].concat(),
        compliance: ComplianceData {
            status: c.overall,
            unsupported_claims: c.unsupported_claims(),
            as_of: &ctx.site.as_of,
            declaring_assessment: park
                .declaring_assessment(&ctx.site.as_of)
                .and_then(|d| park.assessments.iter().position(|a| std::ptr::eq(a, d))),
            expired_assessments: (0..park.assessments.len())
                .filter(|&i| park.assessments[i].expired(&ctx.site.as_of))
                .collect(),
            systems: standing.0,
            requirements: standing.1,
        },
    };
    // Most parks' files fit, so the buffer is rarely copied as it grows.
    let mut bytes = Vec::with_capacity(64 * 1024);
    sonic_rs::to_writer(&mut bytes, &file).expect("views serialize to JSON");
    bytes.push(b'\n');
    bytes
}

fn assessment(a: &Assessment) -> AssessmentData<'_> {
    AssessmentData {
        kind: &a.kind,
        assessor: AssessorData {
            name: a.assessor.name.as_deref(),
            organisation: a.assessor.organisation.as_deref(),
        },
        start: a.start.as_deref(),
        end: a.end.as_deref(),
        valid_until: a.valid_until.as_deref(),
        edition: a.edition.as_ref().map(|e| e.as_str()),
        results: a
            .results
            .iter()
            .map(|r| ResultData {
                requirement: &r.requirement,
                status: r.status,
                statement: r.statement.as_deref(),
                evidence: match (&r.evidence, r.evidence_items.as_slice()) {
                    (Some(text), _) => Some(EvidenceData::Text(text)),
                    (None, []) => None,
                    (None, items) => Some(EvidenceData::Items(
                        items
                            .iter()
                            .map(|e| EvidenceItemData {
                                title: &e.title,
                                link: e.link.as_deref(),
                                file: e.file.as_deref(),
                                collected: e.collected.as_deref(),
                                expires: e.expires.as_deref(),
                            })
                            .collect(),
                    )),
                },
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_row(cells: Vec<Cell>) -> String {
        let mut out = String::new();
        row(&mut out, cells.into_iter());
        out
    }

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(
            csv_row(vec![
                Cell::Data("a"),
                Cell::Text("b,c"),
                Cell::Text("say \"hi\""),
                Cell::Text("two\nlines"),
                Cell::Text("张江"),
                Cell::Data(""),
            ]),
            "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",张江,\r\n"
        );
    }

    #[test]
    fn text_that_looks_like_a_formula_is_defused() {
        assert_eq!(
            csv_row(vec![
                Cell::Text("=HYPERLINK(\"x\")"),
                Cell::Text("+1"),
                Cell::Text("@SUM(A1)"),
                Cell::Data("-"),
                Cell::Text("a=b"),
            ]),
            "\"'=HYPERLINK(\"\"x\"\")\",'+1,'@SUM(A1),-,a=b\r\n"
        );
    }
}
