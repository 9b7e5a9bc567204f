//! Checks what no single file can: that every reference between files resolves, ids are unique,
//! and cited clauses exist. Lookups are maps, so a catalogue of any size is checked in linear time.

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Pos, Severity};
use crate::model::{Park, Site, INTEGRATED};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as FxMap, FxHashSet as FxSet};

pub fn validate(site: &Site, diags: &mut Diagnostics) {
    framework(site, diags);
    let systems: FxSet<&str> = site
        .framework
        .systems
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let requirement_system: FxMap<&str, &str> = site
        .framework
        .requirements()
        .map(|(s, r)| (r.id.as_str(), s.id.as_str()))
        .collect();
    let providers: FxSet<&str> = site.providers.iter().map(|p| p.id.as_str()).collect();
    let refs = Refs {
        systems,
        requirement_system,
        providers,
    };
    let found: Vec<Diagnostics> = site
        .parks
        .par_iter()
        .map(|park| {
            let mut local = Diagnostics::default();
            check_park(park, &refs, &mut local);
            local
        })
        .collect();
    found.into_iter().for_each(|d| diags.extend(d));
}

struct Refs<'a> {
    systems: FxSet<&'a str>,
    requirement_system: FxMap<&'a str, &'a str>,
    providers: FxSet<&'a str>,
}

fn framework(site: &Site, diags: &mut Diagnostics) {
    let fw = &site.framework;
    let mut ids: FxMap<String, Pos> = FxMap::default();
    let mut dup = |id: &str, pos: Pos, what: &str, diags: &mut Diagnostics| {
        if let Some(first) = ids.insert(id.to_string(), pos) {
            diags.error(
                &fw.path,
                Some(pos),
                format!(
                    "{what} id `{id}` is used twice (first at line {})",
                    first.line
                ),
            );
        }
    };
    // A part of the standard that could not be read at all (its error is already reported)
    // defines clauses nobody can see: cited clauses are checked once every part reads, rather
    // than all reported missing.
    let standard_readable = !diags.iter().any(|d| {
        d.severity == Severity::Error
            && d.path.starts_with("content/standard/")
            && !site.standard.parts.iter().any(|p| p.path == d.path)
    });
    for system in &fw.systems {
        dup(system.id.as_str(), system.id.pos, "system", diags);
        if let Some(clause) = system.clause.as_ref().filter(|_| standard_readable) {
            check_clause(site, &fw.path, clause.as_str(), clause.pos, diags);
        }
    }
    for (_, req) in fw.requirements() {
        dup(req.id.as_str(), req.id.pos, "requirement", diags);
        if let Some(clause) = req.clause.as_ref().filter(|_| standard_readable) {
            check_clause(site, &fw.path, clause.as_str(), clause.pos, diags);
        }
    }
}

fn check_clause(site: &Site, path: &str, number: &str, pos: Pos, diags: &mut Diagnostics) {
    if !site.standard.has_clause(number) {
        let known: Vec<&str> = site.standard.clause_numbers().collect();
        let hint = if known.is_empty() {
            Some("the standard has no numbered clauses yet".to_string())
        } else {
            Some(format!("the standard has clauses {}", known.join(", ")))
        };
        diags.push(
            Diagnostic::error(
                path,
                Some(pos),
                format!("clause `{number}` is not in the standard"),
            )
            .with_hint(hint),
        );
    }
}

fn broken(
    diags: &mut Diagnostics,
    path: &str,
    pos: Pos,
    message: String,
    word: &str,
    known: &[&str],
) {
    let mut sorted: Vec<&str> = known.to_vec();
    sorted.sort_unstable();
    let hint = did_you_mean(word, sorted.iter().copied()).or_else(|| match sorted.len() {
        0 => None,
        n if n <= 12 => Some(format!("known: {}", sorted.join(", "))),
        _ => None,
    });
    diags.push(Diagnostic::error(path, Some(pos), message).with_hint(hint));
}

fn check_park(park: &Park, refs: &Refs, diags: &mut Diagnostics) {
    let path = park.path.as_str();
    if let Some(p) = &park.provider {
        if !refs.providers.contains(p.as_str()) {
            let known: Vec<&str> = refs.providers.iter().copied().collect();
            let message = format!(
                "provider `{}` is not defined: there is no providers/{}.yaml",
                p.value, p.value
            );
            broken(diags, path, p.pos, message, p, &known);
        }
    }

    let mut provider_ids: FxMap<&str, Pos> =
        FxMap::with_capacity_and_hasher(park.providers.len(), Default::default());
    for sp in &park.providers {
        if let Some(first) = provider_ids.insert(sp.id.as_str(), sp.id.pos) {
            diags.error(
                path,
                Some(sp.id.pos),
                format!(
                    "service provider id `{}` is used twice (first at line {})",
                    sp.id.value, first.line
                ),
            );
        }
    }

    let mut service_ids: FxMap<&str, Pos> =
        FxMap::with_capacity_and_hasher(park.services.len(), Default::default());
    for service in &park.services {
        if let Some(first) = service_ids.insert(service.id.as_str(), service.id.pos) {
            diags.error(
                path,
                Some(service.id.pos),
                format!(
                    "service id `{}` is used twice (first at line {})",
                    service.id.value, first.line
                ),
            );
        }
        let system_known = refs.systems.contains(service.system.as_str());
        if !system_known {
            let known: Vec<&str> = refs.systems.iter().copied().collect();
            let message = format!("system `{}` is not in the framework", service.system.value);
            broken(
                diags,
                path,
                service.system.pos,
                message,
                &service.system,
                &known,
            );
        }
        let sp = service.provider.as_str();
        if sp == INTEGRATED {
            if park.provider.is_none() {
                diags.push(
                    Diagnostic::error(path, Some(service.provider.pos), "the service is provided by `integrated`, but the park names no integrated service provider")
                        .with_hint(Some("add `provider: <id>` at the top of the park file".into())),
                );
            }
        } else if !provider_ids.contains_key(sp) {
            let mut known: Vec<&str> = provider_ids.keys().copied().collect();
            known.push(INTEGRATED);
            let message = format!("service provider `{sp}` is not in this park's `providers` list");
            broken(diags, path, service.provider.pos, message, sp, &known);
        }
        for req in &service.requirements {
            match refs.requirement_system.get(req.as_str()) {
                None => {
                    let known: Vec<&str> = refs.requirement_system.keys().copied().collect();
                    broken(diags, path, req.pos, format!("requirement `{}` is not in the framework", req.value), req, &known);
                }
                Some(system) if system_known && *system != service.system.as_str() => diags.error(
                    path,
                    Some(req.pos),
                    format!("requirement `{}` belongs to system `{system}`, not to this service's system `{}`", req.value, service.system.value),
                ),
                _ => {}
            }
        }
    }

    if let Some(assessment) = &park.assessment {
        let mut seen: FxMap<&str, Pos> =
            FxMap::with_capacity_and_hasher(assessment.results.len(), Default::default());
        for result in &assessment.results {
            let id = result.requirement.as_str();
            if !refs.requirement_system.contains_key(id) {
                let known: Vec<&str> = refs.requirement_system.keys().copied().collect();
                broken(
                    diags,
                    path,
                    result.requirement.pos,
                    format!("requirement `{id}` is not in the framework"),
                    id,
                    &known,
                );
            }
            if let Some(first) = seen.insert(id, result.requirement.pos) {
                diags.error(
                    path,
                    Some(result.requirement.pos),
                    format!(
                        "requirement `{id}` is assessed twice (first at line {})",
                        first.line
                    ),
                );
            }
        }
    }
}
