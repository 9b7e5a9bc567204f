//! A park's assessments: `assessments:`, a list of records, or `assessment:`, the older form
//! of a file with one, read as a list of one.

use super::reader::{MapView, Reader, Spanned};
use super::yaml::{Node, NodeKind};
use crate::messages::Msg;
use crate::model::{Assessment, AssessmentResult, Assessor, Evidence};
use crate::msg;
use crate::vocab;

pub const ASSESSMENT_KEYS: &[&str] = &[
    "kind",
    "assessor",
    "date",
    "start",
    "end",
    "valid_until",
    "edition",
    "results",
];
pub const ASSESSOR_KEYS: &[&str] = &["name", "organisation"];
pub const RESULT_KEYS: &[&str] = &["requirement", "status", "statement", "evidence"];
pub const EVIDENCE_KEYS: &[&str] = &["title", "link", "file", "collected", "expires"];

/// The park's assessments, from whichever of the two keys it uses (both is an error).
pub fn read(r: &mut Reader, park: &MapView) -> Vec<Assessment> {
    match (park.get("assessment"), park.get("assessments")) {
        (Some(one), Some(list)) => {
            let message = Msg::new("assessment-both-forms");
            r.report(list.pos, "assessments", message, None);
            let _ = one;
            Vec::new()
        }
        (Some(one), None) => r
            .within("assessment", |r| assessment(r, one, "assessment".into()))
            .into_iter()
            .collect(),
        (None, Some(list)) => r.items(list, "assessments", |r, n| {
            let key = format!("assessments[{}]", r.item_index());
            assessment(r, n, key)
        }),
        (None, None) => Vec::new(),
    }
}

fn assessment(r: &mut Reader, node: &Node, key: String) -> Option<Assessment> {
    let m = r.map(node, "what-assessment", ASSESSMENT_KEYS)?;
    let kind = m
        .require(r, "kind")
        .and_then(|n| r.one_of_vocab(n, "kind", vocab::ASSESSMENT_KINDS))
        .map(|s| s.value.to_string());
    let assessor = m
        .get("assessor")
        .map(|n| assessor(r, n))
        .unwrap_or_default();
    // The older form did not ask for it: those files keep building as they did.
    let legacy = key == "assessment";
    if kind.as_deref() == Some("third-party") && assessor.organisation.is_none() && !legacy {
        let pos = m.get("assessor").map_or(m.pos(), |n| n.pos);
        let hint = Some(Msg::new("assessment-organisation-hint"));
        r.report(
            pos,
            "assessor",
            Msg::new("assessment-needs-organisation"),
            hint,
        );
    }
    let date = |r: &mut Reader, key: &str| m.get(key).and_then(|n| r.date(n, key));
    let (legacy, start, mut end) = (date(r, "date"), date(r, "start"), date(r, "end"));
    let valid_until = date(r, "valid_until");
    if let (Some(legacy), Some(_)) = (&legacy, &end) {
        r.report(
            legacy.pos,
            "date",
            Msg::new("assessment-date-and-end"),
            None,
        );
    }
    let end_key = if end.is_none() && legacy.is_some() {
        "date"
    } else {
        "end"
    };
    end = end.or(legacy);
    in_order(r, &start, "start", &end, end_key);
    let (last, last_key) = match &end {
        Some(_) => (&end, end_key),
        None => (&start, "start"),
    };
    in_order(r, last, last_key, &valid_until, "valid_until");
    let edition = m.get("edition").and_then(|n| r.text(n, "edition"));
    let results = m
        .get("results")
        .map(|n| r.items(n, "results", result))
        .unwrap_or_default();
    Some(Assessment {
        key,
        pos: m.pos(),
        kind: kind.unwrap_or_default(),
        assessor,
        start: start.map(|s| s.value),
        end: end.map(|s| s.value),
        valid_until: valid_until.map(|s| s.value),
        edition,
        results,
    })
}

/// `assessor: 名称` (for a third party, the organisation's name), or a mapping with `name` and
/// `organisation`.
fn assessor(r: &mut Reader, node: &Node) -> Assessor {
    if let NodeKind::Scalar { .. } = node.kind {
        let name = r.text(node, "assessor").map(|s| s.value);
        return Assessor {
            name: name.clone(),
            organisation: name,
        };
    }
    r.within("assessor", |r| {
        let Some(m) = r.map(node, "what-assessor", ASSESSOR_KEYS) else {
            return Assessor::default();
        };
        let text = |r: &mut Reader, key: &str| m.get(key).and_then(|n| r.text(n, key));
        Assessor {
            name: text(r, "name").map(|s| s.value),
            organisation: text(r, "organisation").map(|s| s.value),
        }
    })
}

fn result(r: &mut Reader, node: &Node) -> Option<AssessmentResult> {
    let m = r.map(node, "what-result", RESULT_KEYS)?;
    let requirement = m
        .require(r, "requirement")
        .and_then(|n| r.text(n, "requirement"));
    let status = m
        .require(r, "status")
        .and_then(|n| r.one_of_vocab(n, "status", vocab::STATUSES));
    let statement = m
        .get("statement")
        .and_then(|n| r.text(n, "statement"))
        .map(|s| s.value);
    // `evidence` is one Markdown text (the older form) or a list of items with their dates.
    let (evidence, evidence_items) = match m.get("evidence") {
        Some(n) if matches!(n.kind, NodeKind::Seq(_)) => {
            (None, r.items(n, "evidence", evidence_item))
        }
        Some(n) => (r.text(n, "evidence").map(|s| s.value), Vec::new()),
        None => (None, Vec::new()),
    };
    Some(AssessmentResult {
        index: r.item_index(),
        requirement: requirement?,
        status: status.map(|s| s.value).unwrap_or_default(),
        statement,
        evidence,
        evidence_items,
    })
}

fn evidence_item(r: &mut Reader, node: &Node) -> Option<Evidence> {
    let m = r.map(node, "what-evidence", EVIDENCE_KEYS)?;
    let title = m.require(r, "title").and_then(|n| r.text(n, "title"));
    let link = m.get("link").and_then(|n| r.text(n, "link"));
    if let Some(link) = &link {
        if !(link.value.starts_with("https://") || link.value.starts_with("http://")) {
            let message = msg!("evidence-link-not-url", value = &link.value);
            let hint = Some(Msg::new("evidence-link-hint"));
            r.report(link.pos, "link", message, hint);
        }
    }
    let file = m.get("file").and_then(|n| r.text(n, "file"));
    if let (Some(_), Some(file)) = (&link, &file) {
        r.report(file.pos, "file", Msg::new("evidence-link-and-file"), None);
    }
    let date = |r: &mut Reader, key: &str| m.get(key).and_then(|n| r.date(n, key));
    let (collected, expires) = (date(r, "collected"), date(r, "expires"));
    in_order(r, &collected, "collected", &expires, "expires");
    Some(Evidence {
        title: title?.value,
        link: link.map(|s| s.value),
        file: file.map(|s| s.value),
        collected: collected.map(|s| s.value),
        expires: expires.map(|s| s.value),
    })
}

/// Reports `later` when it comes before `earlier` (both YYYY-MM-DD, which sort as text).
fn in_order(
    r: &mut Reader,
    earlier: &Option<Spanned<String>>,
    earlier_key: &str,
    later: &Option<Spanned<String>>,
    later_key: &str,
) {
    if let (Some(a), Some(b)) = (earlier, later) {
        if b.value < a.value {
            let message = msg!(
                "dates-out-of-order",
                later = later_key,
                later_date = &b.value,
                earlier = earlier_key,
                earlier_date = &a.value
            );
            r.report(b.pos, later_key, message, None);
        }
    }
}
