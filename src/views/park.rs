//! A park's views: its row in every listing, and its own page.

use super::types::*;
use super::{charts, park_href, provider_href, Ctx, Page, PageData};
use crate::compliance::Status;
use crate::model::INTEGRATED;
use crate::vocab;
use rustc_hash::FxHashMap as FxMap;

pub(super) fn system_summaries<'a>(ctx: &Ctx<'a>, park: Option<usize>) -> Vec<SystemSummary<'a>> {
    ctx.site
        .framework
        .systems
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let (status, met) = match park {
                Some(p) => (Some(ctx.compliance[p].systems[si].status.into()), None),
                None => (
                    None,
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

pub(super) fn status_segments(counts: [usize; 4]) -> Vec<charts::Segment> {
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
pub(super) fn park<'a>(ctx: &Ctx<'a>, i: usize) -> Page<'a> {
    let park = &ctx.site.parks[i];
    let path = ["parks/", &park.id, "/index.html"].concat();
    let root = super::root_of(&path);
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
    let as_of = ctx.site.as_of.as_str();
    let declaring = park.declaring_assessment(as_of);
    let assessed = declaring.map_or(&[][..], |a| &a.results);
    let mut declared: FxMap<&str, &crate::model::AssessmentResult> =
        FxMap::with_capacity_and_hasher(assessed.len(), Default::default());
    declared.extend(assessed.iter().map(|r| (r.requirement.as_str(), r)));
    let records = super::assessments::of_park(ctx, park, &root);
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
                    anchor: ["service-", &svc.id.value].concat(),
                    name: &svc.name,
                    audience: svc
                        .audience
                        .iter()
                        .map(|a| Labelled::new(vocab::AUDIENCES, a))
                        .collect(),
                    provider: provider_name(&svc.provider),
                    provider_anchor: (svc.provider.value != INTEGRATED)
                        .then(|| ["provider-", &svc.provider.value].concat()),
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
                        by_kind: records.by_kind(&req.id),
                        statement_html: declared
                            .get(req.id.as_str())
                            .and_then(|d| ctx.park_md(&d.statement, &root)),
                        evidence_html: declared
                            .get(req.id.as_str())
                            .and_then(|d| ctx.park_md(&d.evidence, &root)),
                        evidence: declared.get(req.id.as_str()).map_or_else(Vec::new, |d| {
                            super::assessments::evidence(&d.evidence_items, as_of)
                        }),
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
                anchor: ["provider-", &p.id.value].concat(),
                name: &p.name,
                kind: Labelled::new(vocab::SPECIALIZED_PROVIDER_KINDS, p.kind),
                legal_entity: p.legal_entity,
                services: services_of.get(p.id.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        assessment: declaring.map(|a| AssessmentView {
            kind: Labelled::new(vocab::ASSESSMENT_KINDS, &a.kind),
            assessor: a
                .assessor
                .organisation
                .as_deref()
                .or(a.assessor.name.as_deref()),
            date: a.date(),
        }),
        assessments: records.records,
        assessment_columns: records.columns,
        timeline: records.timeline,
        as_of,
        updated: park.updated.as_deref(),
        unsupported_claims: ctx.unsupported_claims[i],
    };
    let data = ParkPage {
        park: view,
        chart_html: park_chart(ctx, i),
        json_ld_html: super::json_ld::park(ctx, i),
        integrated_provider: park
            .provider
            .as_ref()
            .and_then(|p| ctx.provider(p))
            .map(|p| super::provider_view(ctx, p, &root)),
    };
    Page::new(
        ctx,
        path,
        park.name.clone(),
        "parks",
        PageData::Park(Box::new(data)),
    )
}
