//! The views of the standard, its glossary, the framework and the home page.

use super::catalogue::facet_href;
use super::park::{park_row, status_segments, system_summaries};
use super::types::*;
use super::{charts, park_href, Ctx, Page, PageData, STANDING_NAMES};
use crate::compliance::Status;
use crate::markdown::{self, RenderOptions};
use crate::model::{AnnexStatus, Condition, Park, PartKind, Requirement};
use crate::vocab;

pub(super) fn home<'a>(ctx: &Ctx<'a>) -> Page<'a> {
    let path = String::from("index.html");
    let root = super::root_of(&path);
    let figures = Figures {
        parks: ctx.site.parks.len(),
        providers: ctx.site.providers.len(),
        services: ctx.site.parks.iter().map(|p| p.services.len()).sum(),
        requirements: ctx.site.framework.requirements().count(),
        clauses: ctx.site.standard.clause_numbers().count(),
        terms: ctx.site.standard.terms().count(),
        parks_met: ctx
            .compliance
            .iter()
            .filter(|c| c.overall == Status::Met)
            .count(),
    };
    let first_part = ctx
        .site
        .standard
        .parts
        .iter()
        // The scope: the first part of the normative body, after foreword and introduction.
        .find(|p| p.kind == PartKind::Text && p.is_body_chapter());
    let scope_html = first_part.map(|p| ctx.md(&p.intro, &root));
    let scope_title = first_part.map(|p| p.title.clone());
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
    let data = HomeData {
        figures,
        systems: system_summaries(ctx, None),
        scope_html,
        scope_title,
        recent_parks: recent,
        charts_html: home_charts(ctx),
    };
    let title = ctx.site.config.title.clone();
    Page::new(ctx, path, title, "home", PageData::Home(Box::new(data)))
}

pub(super) fn standard<'a>(ctx: &Ctx<'a>) -> Page<'a> {
    let title = ctx
        .site
        .config
        .standard_title
        .clone()
        .unwrap_or_else(|| "标准".into());
    let path = String::from("standard/index.html");
    let root = super::root_of(&path);
    let mut body_opened = false;
    let parts: Vec<PartView> = ctx
        .site
        .standard
        .parts
        .iter()
        .map(|part| {
            let opens_body = !body_opened && part.is_body_chapter();
            body_opened |= opens_body;
            PartView {
                anchor: part.anchor(),
                number: part.number.clone(),
                title: part.title.clone(),
                title_en: part.title_en.clone(),
                is_terms: part.kind == PartKind::Terms,
                is_annex: part.is_annex(),
                annex: part.annex.map(|a| match a {
                    AnnexStatus::Normative => "normative",
                    AnnexStatus::Informative => "informative",
                }),
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
    let data = PageData::Standard(StandardData { parts });
    Page::new(ctx, path, title, "standard", data)
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

pub(super) fn terms<'a>(ctx: &Ctx<'a>) -> Page<'a> {
    let path = String::from("terms/index.html");
    let root = super::root_of(&path);
    let terms: Vec<TermView> = ctx
        .site
        .standard
        .terms()
        .map(|t| term_view(ctx, t, &root))
        .collect();
    let data = PageData::Terms(TermsData { terms });
    Page::new(ctx, path, "术语".into(), "terms", data)
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

pub(super) fn framework<'a>(ctx: &Ctx<'a>) -> Page<'a> {
    let path = String::from("framework/index.html");
    let root = super::root_of(&path);
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
    let data = FrameworkData {
        systems,
        figure_systems: system_summaries(ctx, None),
        park_count: site.parks.len(),
        dict_met: Status::Met.into(),
        dict_partial: Status::Partial.into(),
        dict_unmet: Status::Unmet.into(),
        dict_na: Status::NotApplicable.into(),
    };
    let data = PageData::Framework(Box::new(data));
    Page::new(ctx, path, "服务体系框架".into(), "framework", data)
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
