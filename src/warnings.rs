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
        unsupported_claims(park, result, diags);
        if let Some(assessment) = &park.assessment {
            undated_or_old(
                park,
                assessment,
                site.config.assessment_max_age,
                today,
                diags,
            );
        }
        services_that_support_nothing(site, park, &counting, diags);
    }
}

/// Evidence cited by an assessment without a date, and an assessment older than `max_age` days.
fn undated_or_old(
    park: &Park,
    assessment: &Assessment,
    max_age: Option<u32>,
    today: i64,
    diags: &mut Diagnostics,
) {
    let first_evidence = assessment.results.iter().find(|r| r.evidence.is_some());
    if let (None, Some(result)) = (&assessment.date, first_evidence) {
        diags.push(
            warning(
                park,
                result.requirement.pos,
                Msg::new("warn-evidence-undated"),
            )
            .with_hint(Some(Msg::new("warn-evidence-undated-hint")))
            .at_key(format!("assessment.results[{}]", result.index), None),
        );
    }
    let (Some(date), Some(max)) = (&assessment.date, max_age) else {
        return;
    };
    let age = days_from_date(date).map(|d| today - d);
    if let Some(age) = age.filter(|age| *age > i64::from(max)) {
        let pos = assessment
            .results
            .first()
            .map_or(Pos::new(1, 1), |r| r.requirement.pos);
        let message = msg!("warn-assessment-old", date = date, days = age, max = max);
        diags.push(
            warning(park, pos, message)
                .with_hint(Some(Msg::new("warn-assessment-old-hint")))
                .at_key("assessment.date", None),
        );
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
fn unsupported_claims(park: &Park, result: &ParkCompliance, diags: &mut Diagnostics) {
    let Some(assessment) = &park.assessment else {
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
                .at_key(format!("assessment.results[{}].status", claim.index), None),
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

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the proleptic Gregorian calendar).
pub fn days_from_date(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Today, in days since 1970-01-01.
pub fn today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (secs / 86_400) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_1970() {
        assert_eq!(days_from_date("1970-01-01"), Some(0));
        assert_eq!(days_from_date("2000-03-01"), Some(11_017));
        assert_eq!(days_from_date("2026-12-03"), Some(20_790));
        assert_eq!(
            days_from_date("2024-02-29").unwrap() + 1,
            days_from_date("2024-03-01").unwrap()
        );
        assert_eq!(days_from_date("nope"), None);
    }
}
