//! Warnings about a site that is valid but should not be published as it is, each at the value
//! it is about, so that the association's CI can stop it (`check --deny-warnings`): a claim of
//! `met` that the park's data does not support, evidence without the date of its assessment, an
//! assessment older than the site's `assessment_max_age`, a service that supports no requirement.

use crate::compliance::ParkCompliance;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::messages::Msg;
use crate::model::{Assessment, Condition, Framework, Park, Site};
use crate::msg;

/// The warnings of every park, given today's date as days since 1970-01-01.
pub fn review(site: &Site, compliance: &[ParkCompliance], today: i64, diags: &mut Diagnostics) {
    let counting = systems_that_count_services(&site.framework);
    for (park, result) in site.parks.iter().zip(compliance) {
        unsupported_claims(park, result, &site.as_of, diags);
        for assessment in &park.assessments {
            undated(park, assessment, diags);
        }
        if let Some(declaring) = park.declaring_assessment(&site.as_of) {
            old(
                park,
                declaring,
                site.config.assessment_max_age,
                today,
                diags,
            );
            expired_evidence(park, declaring, &site.as_of, diags);
        } else if let Some(last) = park.assessments.iter().max_by_key(|a| a.date()) {
            let until = last.valid_until.as_deref().unwrap_or_default();
            let message = msg!("warn-assessments-expired", until = until);
            diags.push(
                warning(park, last.pos, message)
                    .with_hint(Some(Msg::new("warn-assessments-expired-hint")))
                    .at_key(format!("{}.valid_until", last.key), None),
            );
        }
        services_that_support_nothing(site, park, &counting, diags);
    }
}

/// Evidence cited by an assessment without a date.
fn undated(park: &Park, assessment: &Assessment, diags: &mut Diagnostics) {
    let first_evidence = assessment
        .results
        .iter()
        .find(|r| r.evidence.is_some() || !r.evidence_items.is_empty());
    if let (None, Some(result)) = (assessment.date(), first_evidence) {
        diags.push(
            warning(
                park,
                result.requirement.pos,
                Msg::new("warn-evidence-undated"),
            )
            .with_hint(Some(Msg::new("warn-evidence-undated-hint")))
            .at_key(
                format!("{}.results[{}]", assessment.key, result.index),
                None,
            ),
        );
    }
}

/// The declaring assessment older than `max_age` days.
fn old(
    park: &Park,
    assessment: &Assessment,
    max_age: Option<u32>,
    today: i64,
    diags: &mut Diagnostics,
) {
    let (Some(date), Some(max)) = (assessment.date(), max_age) else {
        return;
    };
    let age = crate::dates::days_from_date(date).map(|d| today - d);
    if let Some(age) = age.filter(|age| *age > i64::from(max)) {
        let pos = assessment
            .results
            .first()
            .map_or(Pos::new(1, 1), |r| r.requirement.pos);
        let message = msg!("warn-assessment-old", date = date, days = age, max = max);
        diags.push(
            warning(park, pos, message)
                .with_hint(Some(Msg::new("warn-assessment-old-hint")))
                .at_key(format!("{}.date", assessment.key), None),
        );
    }
}

/// Evidence of the declaring assessment that has expired: its results still declare, on
/// evidence that no longer holds.
fn expired_evidence(park: &Park, assessment: &Assessment, as_of: &str, diags: &mut Diagnostics) {
    for result in &assessment.results {
        for (i, item) in result.evidence_items.iter().enumerate() {
            if item.expired(as_of) {
                let expires = item.expires.as_deref().unwrap_or_default();
                let message = msg!(
                    "warn-evidence-expired",
                    title = &item.title,
                    expires = expires
                );
                let key = format!(
                    "{}.results[{}].evidence[{i}].expires",
                    assessment.key, result.index
                );
                diags.push(
                    warning(park, result.requirement.pos, message)
                        .with_hint(Some(Msg::new("warn-evidence-expired-hint")))
                        .at_key(key, None),
                );
            }
        }
    }
}

/// Services that name no requirement, in a system none of whose rules counts them.
fn services_that_support_nothing(
    site: &Site,
    park: &Park,
    counting: &[&str],
    diags: &mut Diagnostics,
) {
    for service in &park.services {
        if !service.requirements.is_empty() || counting.contains(&service.system.as_str()) {
            continue;
        }
        let system = site
            .framework
            .systems
            .iter()
            .find(|s| s.id.value == service.system.value)
            .map_or(service.system.as_str(), |s| s.name.as_str());
        let message = msg!(
            "warn-service-supports-nothing",
            service = &service.name,
            system = system
        );
        diags.push(
            warning(park, service.id.pos, message)
                .with_hint(Some(Msg::new("warn-service-supports-nothing-hint")))
                .at_key(format!("services[{}]", service.index), None),
        );
    }
}

/// Whether a diagnostic is one of these warnings: `check` lists them, `build` and `serve` count
/// them (a big catalogue can have thousands).
pub fn is_review(d: &Diagnostic) -> bool {
    d.message.code.starts_with("warn-") || crate::lint::is_lint(d)
}

/// Prints errors and other warnings one by one to stderr, and these warnings as a count, as
/// `build` and `serve` show them (`check` lists them all).
pub fn eprint_counting_review(diags: &Diagnostics) {
    let lang = crate::messages::lang();
    let mut review = 0;
    for d in diags.iter() {
        if is_review(d) {
            review += 1;
        } else {
            eprintln!("{}", d.render(lang));
        }
    }
    if review > 0 {
        eprintln!("{}", msg!("review-warnings", n = review).text(lang));
    }
}

fn warning(park: &Park, pos: Pos, message: Msg) -> Diagnostic {
    Diagnostic::warning(&park.path, Some(pos), message)
}

/// A declared `met` that the computed status contradicts: the site shows it flagged, and the
/// association would not publish it unexamined.
fn unsupported_claims(park: &Park, result: &ParkCompliance, as_of: &str, diags: &mut Diagnostics) {
    let Some(assessment) = park.declaring_assessment(as_of) else {
        return;
    };
    for r in result.requirements.iter().filter(|r| r.unsupported_claim) {
        let Some(claim) = assessment
            .results
            .iter()
            .find(|a| *a.requirement.value == *r.requirement)
        else {
            continue;
        };
        let computed = r.computed.map(|s| s.as_str()).unwrap_or_default();
        let message = msg!(
            "warn-unsupported-claim",
            requirement = &r.requirement,
            computed = computed,
            label = crate::vocab::label(crate::vocab::STATUSES, computed)
        );
        diags.push(
            warning(park, claim.requirement.pos, message)
                .with_hint(Some(Msg::new("warn-unsupported-claim-hint")))
                .at_key(
                    format!("{}.results[{}].status", assessment.key, claim.index),
                    None,
                ),
        );
    }
}

/// Systems with a requirement whose rule counts services or looks at who provides them, so that
/// every service of the system bears on it.
fn systems_that_count_services(framework: &Framework) -> Vec<&str> {
    framework
        .systems
        .iter()
        .filter(|s| {
            s.requirements.iter().any(|r| {
                r.rule.as_ref().is_some_and(|rule| {
                    rule.conditions.iter().any(|c| {
                        // Counted, or judged by who provides them.
                        matches!(
                            c,
                            Condition::MinServices(_)
                                | Condition::AudienceAny(_)
                                | Condition::IntegratedProvider
                                | Condition::ProvidersLegalEntities
                        )
                    })
                })
            })
        })
        .map(|s| s.id.value.as_str())
        .collect()
}
