//! A park's assessments as the reader sees them: every record with its dates and evidence, the
//! latest that still holds of each kind beside the computed status, and a timeline of the
//! park's standing by system over the years.

use super::types::*;
use super::Ctx;
use crate::compliance::Status;
use crate::model::{Assessment, Evidence, Park};
use crate::vocab;

/// Kinds in the order their columns appear: the park's own first, then the more independent.
const KIND_ORDER: [&str; 3] = ["self", "authority", "third-party"];

pub(super) struct ParkAssessments<'a> {
    pub records: Vec<AssessmentRecordView<'a>>,
    /// The latest assessment of each kind that still holds, in `KIND_ORDER`.
    pub columns: Vec<KindColumn<'a>>,
    pub timeline: Option<TimelineView<'a>>,
    /// The assessments by index in the park's file, for `columns`.
    current: Vec<&'a Assessment>,
}

impl<'a> ParkAssessments<'a> {
    /// Each current kind's status for `requirement`, in the order of `columns`.
    pub fn by_kind(&self, requirement: &str) -> Vec<Option<StatusView>> {
        self.current
            .iter()
            .map(|a| {
                a.results
                    .iter()
                    .find(|r| *r.requirement == *requirement)
                    .and_then(|r| Status::parse(r.status))
                    .map(Into::into)
            })
            .collect()
    }
}

pub(super) fn of_park<'a>(ctx: &Ctx<'a>, park: &'a Park, root: &str) -> ParkAssessments<'a> {
    let as_of = ctx.site.as_of.as_str();
    let declaring = park.declaring_assessment(as_of).map(std::ptr::from_ref);
    // Newest first, as a record of what happened reads.
    let mut order: Vec<&Assessment> = park.assessments.iter().collect();
    order.sort_by(|a, b| b.date().cmp(&a.date()));
    let records = order
        .iter()
        .enumerate()
        .map(|(n, a)| AssessmentRecordView {
            anchor: format!("assessment-{}", n + 1),
            kind: Labelled::new(vocab::ASSESSMENT_KINDS, &a.kind),
            assessor: a.assessor.name.as_deref(),
            organisation: a
                .assessor
                .organisation
                .as_deref()
                .filter(|o| Some(*o) != a.assessor.name.as_deref()),
            start: a.start.as_deref(),
            end: a.end.as_deref(),
            valid_until: a.valid_until.as_deref(),
            edition: a.edition.as_ref().map(|e| e.as_str()),
            expired: a.expired(as_of),
            declaring: declaring == Some(std::ptr::from_ref(*a)),
            systems: system_standing(ctx, a),
            results: a
                .results
                .iter()
                .filter_map(|r| {
                    let (_, req) = ctx.site.framework.requirement(&r.requirement)?;
                    Some(AssessmentResultView {
                        requirement: &req.id.value,
                        title: &req.title,
                        status: Status::parse(r.status)?.into(),
                        statement_html: ctx.park_md(&r.statement, root),
                        evidence_html: ctx.park_md(&r.evidence, root),
                        evidence: evidence(&r.evidence_items, as_of),
                    })
                })
                .collect(),
        })
        .collect();
    let current: Vec<&Assessment> = KIND_ORDER
        .iter()
        .filter_map(|kind| park.latest_of_kind(kind, as_of))
        .collect();
    let columns = current
        .iter()
        .map(|a| KindColumn {
            kind: Labelled::new(vocab::ASSESSMENT_KINDS, &a.kind),
            date: a.date(),
            declaring: declaring == Some(std::ptr::from_ref(*a)),
        })
        .collect();
    ParkAssessments {
        records,
        columns,
        timeline: timeline(ctx, &order, as_of),
        current,
    }
}

pub(super) fn evidence<'a>(items: &'a [Evidence], as_of: &str) -> Vec<EvidenceView<'a>> {
    items
        .iter()
        .map(|e| EvidenceView {
            title: &e.title,
            link: e.link.as_deref(),
            file: e.file.as_deref(),
            collected: e.collected.as_deref(),
            expires: e.expires.as_deref(),
            expired: e.expired(as_of),
        })
        .collect()
}

/// The standing of each system by this assessment's own results: the statuses it declares for
/// the system's requirements, combined; none where it declares none.
fn system_standing(ctx: &Ctx, a: &Assessment) -> Vec<Option<StatusView>> {
    ctx.site
        .framework
        .systems
        .iter()
        .map(|s| {
            let declared: Vec<Status> = s
                .requirements
                .iter()
                .filter_map(|req| {
                    let r = a.results.iter().find(|r| *r.requirement == *req.id)?;
                    Status::parse(r.status)
                })
                .collect();
            (!declared.is_empty()).then(|| Status::combine(declared).into())
        })
        .collect()
}

/// Geometry of the timeline, in CSS pixels: the SVG is drawn at its size, not scaled, so its
/// text stays readable on a phone (a narrow screen scrolls it in its container).
const LABEL_W: usize = 150;
const YEAR_W: usize = 96;
const ROW_H: usize = 28;
const TOP: usize = 24;

/// Marks by system (rows) and year (columns) for every dated assessment, oldest year first.
fn timeline<'a>(
    ctx: &Ctx<'a>,
    newest_first: &[&'a Assessment],
    as_of: &str,
) -> Option<TimelineView<'a>> {
    let dated: Vec<(&Assessment, i32)> = newest_first
        .iter()
        .rev()
        .filter_map(|a| Some((*a, a.date()?.get(..4)?.parse().ok()?)))
        .collect();
    let first = dated.iter().map(|(_, y)| *y).min()?;
    let last = dated.iter().map(|(_, y)| *y).max()?;
    let years: Vec<TimelineYear> = (first..=last)
        .enumerate()
        .map(|(i, year)| TimelineYear {
            year,
            x: LABEL_W + i * YEAR_W + YEAR_W / 2,
        })
        .collect();
    let systems = &ctx.site.framework.systems;
    let rows = systems
        .iter()
        .enumerate()
        .map(|(i, s)| TimelineRow {
            name: &s.name,
            y: TOP + i * ROW_H + ROW_H / 2,
        })
        .collect();
    let mut marks = Vec::new();
    // Several assessments in one year sit side by side within the year's column.
    for year in first..=last {
        let in_year: Vec<&Assessment> = dated
            .iter()
            .filter(|(_, y)| *y == year)
            .map(|(a, _)| *a)
            .collect();
        let column = LABEL_W + ((year - first) as usize) * YEAR_W;
        for (k, a) in in_year.iter().enumerate() {
            let x = column + (k + 1) * YEAR_W / (in_year.len() + 1);
            for (si, status) in system_standing(ctx, a).into_iter().enumerate() {
                let Some(status) = status else { continue };
                marks.push(TimelineMark {
                    x,
                    y: TOP + si * ROW_H + ROW_H / 2,
                    status,
                    kind: Labelled::new(vocab::ASSESSMENT_KINDS, &a.kind),
                    date: a.date().unwrap_or_default(),
                    expired: a.expired(as_of),
                });
            }
        }
    }
    Some(TimelineView {
        width: LABEL_W + years.len() * YEAR_W + 8,
        height: TOP + systems.len() * ROW_H + 8,
        years,
        rows,
        marks,
    })
}
