//! Checks what no single file can: that every reference between files resolves, ids are unique,
//! and cited clauses exist. Lookups are maps, so a catalogue of any size is checked in linear time.

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Pos, Severity};
use crate::messages::Msg;
use crate::model::{Park, Site, Text, INTEGRATED};
use crate::msg;
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

/// Most known values a hint lists; the rest are counted.
const KNOWN_LISTED: usize = 20;

fn framework(site: &Site, diags: &mut Diagnostics) {
    let fw = &site.framework;
    let mut ids: FxMap<String, Pos> = FxMap::default();
    let mut dup = |id: &str, pos: Pos, code: &'static str, key: String, diags: &mut Diagnostics| {
        if let Some(first) = ids.insert(id.to_string(), pos) {
            let message = Msg::new(code).arg("id", id).arg("line", first.line);
            diags.push(Diagnostic::error(&fw.path, Some(pos), message).at_key(key, None));
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
    for (i, system) in fw.systems.iter().enumerate() {
        let at = format!("systems[{i}]");
        let key = format!("{at}.id");
        dup(&system.id, system.id.pos, "system-id-twice", key, diags);
        if let Some(clause) = system.clause.as_ref().filter(|_| standard_readable) {
            let key = format!("{at}.clause");
            check_clause(site, &fw.path, clause, key, diags);
        }
    }
    // Every system's id is taken before any requirement's: a requirement that reuses a
    // system's id is the one reported.
    for (i, system) in fw.systems.iter().enumerate() {
        for (j, req) in system.requirements.iter().enumerate() {
            let at = format!("systems[{i}].requirements[{j}]");
            let key = format!("{at}.id");
            dup(&req.id, req.id.pos, "requirement-id-twice", key, diags);
            if let Some(clause) = req.clause.as_ref().filter(|_| standard_readable) {
                let key = format!("{at}.clause");
                check_clause(site, &fw.path, clause, key, diags);
            }
        }
    }
}

fn check_clause(site: &Site, path: &str, number: &Text, key: String, diags: &mut Diagnostics) {
    if !site.standard.has_clause(number) {
        let known: Vec<&str> = site.standard.clause_numbers().collect();
        let hint = if known.is_empty() {
            Msg::new("standard-without-clauses")
        } else {
            Msg::new("standard-clauses").list("clauses", known)
        };
        let message = msg!("clause-not-in-standard", number = &number.value);
        diags.push(
            Diagnostic::error(path, Some(number.pos), message)
                .with_hint(Some(hint))
                .at_key(key, None),
        );
    }
}

/// The hint for an unknown `word`: the known values (the first `KNOWN_LISTED`, sorted), after a
/// "did you mean" when one is close.
pub fn known_hint(word: &str, known: &[&str]) -> Msg {
    let mut sorted: Vec<&str> = known.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let list = match sorted.len() {
        0 => Msg::new("known-none"),
        n if n <= KNOWN_LISTED => Msg::new("known-values").list("known", &sorted),
        n => Msg::new("known-values-more")
            .list("known", &sorted[..KNOWN_LISTED])
            .arg("total", n),
    };
    match did_you_mean(word, sorted.iter().copied()) {
        Some(close) => Msg::new("hint-then").msg("first", close).msg("then", list),
        None => list,
    }
}

/// An unknown value at `key`: the message, and the known values as its hint.
fn broken(
    diags: &mut Diagnostics,
    path: &str,
    pos: Pos,
    key: String,
    message: Msg,
    word: &str,
    known: &[&str],
) {
    let hint = known_hint(word, known);
    diags.push(
        Diagnostic::error(path, Some(pos), message)
            .with_hint(Some(hint))
            .at_key(key, None),
    );
}

fn check_park(park: &Park, refs: &Refs, diags: &mut Diagnostics) {
    let path = park.path.as_str();
    if let Some(p) = &park.provider {
        if !refs.providers.contains(p.as_str()) {
            let known: Vec<&str> = refs.providers.iter().copied().collect();
            let message = msg!("provider-not-defined", id = &p.value);
            broken(diags, path, p.pos, "provider".into(), message, p, &known);
        }
    }

    let mut provider_ids: FxMap<&str, Pos> =
        FxMap::with_capacity_and_hasher(park.providers.len(), Default::default());
    for sp in &park.providers {
        let i = sp.index;
        if let Some(first) = provider_ids.insert(sp.id.as_str(), sp.id.pos) {
            let message = msg!(
                "service-provider-id-twice",
                id = &sp.id.value,
                line = first.line
            );
            diags.push(
                Diagnostic::error(path, Some(sp.id.pos), message)
                    .at_key(format!("providers[{i}].id"), None),
            );
        }
    }

    let mut service_ids: FxMap<&str, Pos> =
        FxMap::with_capacity_and_hasher(park.services.len(), Default::default());
    for service in &park.services {
        let i = service.index;
        let at = |key: &str| format!("services[{i}].{key}");
        if let Some(first) = service_ids.insert(service.id.as_str(), service.id.pos) {
            let message = msg!(
                "service-id-twice",
                id = &service.id.value,
                line = first.line
            );
            diags.push(
                Diagnostic::error(path, Some(service.id.pos), message).at_key(at("id"), None),
            );
        }
        let system_known = refs.systems.contains(service.system.as_str());
        if !system_known {
            let known: Vec<&str> = refs.systems.iter().copied().collect();
            let message = msg!("system-not-in-framework", id = &service.system.value);
            let pos = service.system.pos;
            broken(
                diags,
                path,
                pos,
                at("system"),
                message,
                &service.system,
                &known,
            );
        }
        let sp = service.provider.as_str();
        if sp == INTEGRATED {
            if park.provider.is_none() {
                diags.push(
                    Diagnostic::error(
                        path,
                        Some(service.provider.pos),
                        Msg::new("integrated-without-provider"),
                    )
                    .with_hint(Some(Msg::new("integrated-without-provider-hint")))
                    .at_key(at("provider"), None),
                );
            }
        } else if !provider_ids.contains_key(sp) {
            let mut known: Vec<&str> = provider_ids.keys().copied().collect();
            known.push(INTEGRATED);
            let message = msg!("service-provider-not-listed", id = sp);
            let pos = service.provider.pos;
            broken(diags, path, pos, at("provider"), message, sp, &known);
        }
        for (j, req) in service.requirements.iter().enumerate() {
            let key = format!("services[{i}].requirements[{j}]");
            match refs.requirement_system.get(req.as_str()) {
                None => {
                    let known: Vec<&str> = refs.requirement_system.keys().copied().collect();
                    let message = msg!("requirement-not-in-framework", id = &req.value);
                    broken(diags, path, req.pos, key, message, req, &known);
                }
                Some(system) if system_known && *system != service.system.as_str() => {
                    let message = msg!(
                        "requirement-of-another-system",
                        id = &req.value,
                        system = system,
                        service_system = &service.system.value,
                    );
                    diags.push(Diagnostic::error(path, Some(req.pos), message).at_key(key, None));
                }
                _ => {}
            }
        }
    }

    for assessment in &park.assessments {
        let mut seen: FxMap<&str, Pos> =
            FxMap::with_capacity_and_hasher(assessment.results.len(), Default::default());
        for result in &assessment.results {
            let i = result.index;
            let id = result.requirement.as_str();
            let pos = result.requirement.pos;
            let key = format!("{}.results[{i}].requirement", assessment.key);
            if !refs.requirement_system.contains_key(id) {
                let known: Vec<&str> = refs.requirement_system.keys().copied().collect();
                let message = msg!("requirement-not-in-framework", id = id);
                broken(diags, path, pos, key.clone(), message, id, &known);
            }
            if let Some(first) = seen.insert(id, pos) {
                let message = msg!("requirement-assessed-twice", id = id, line = first.line);
                diags.push(Diagnostic::error(path, Some(pos), message).at_key(key, None));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    const PARK: &str = "\
name: 测试园
provider: alpha-grup
level: national
type: other
region: 上海市
services:
  - id: one-stop
    system: operation
    name: 一站式服务
    audience: [enterprise]
    provider: integrated
    requirements: [op-brand]
  - id: housing
    system: lfe
    name: 人才公寓
    audience: [talent]
    provider: nobody
    requirements: [life-talent, no-such-req]
assessment:
  kind: self
  results:
    - requirement: op-brand
      status: met
    - requirement: op-brnd
      status: met
";

    #[test]
    fn unknown_references_name_their_key_path_and_the_known_values() {
        let found = crate::fuzzing::park(PARK).diagnostics;
        let shown: Vec<(String, String, Option<String>)> = found
            .iter()
            .map(|d| {
                (
                    d.key.as_ref().map(|k| k.path.clone()).unwrap_or_default(),
                    d.message.text(Lang::En),
                    d.hint.as_ref().map(|h| h.text(Lang::En)),
                )
            })
            .collect();
        let of = |key: &str| {
            shown
                .iter()
                .find(|(k, _, _)| k == key)
                .unwrap_or_else(|| panic!("nothing at {key}: {shown:#?}"))
        };
        let (_, message, hint) = of("provider");
        assert_eq!(
            message,
            "provider `alpha-grup` is not defined: there is no providers/alpha-grup.yaml"
        );
        assert_eq!(
            hint.as_deref(),
            Some("did you mean `alpha-group`? known: alpha-group, beta-admin")
        );
        let (_, message, hint) = of("services[1].system");
        assert_eq!(message, "system `lfe` is not in the framework");
        assert_eq!(
            hint.as_deref(),
            Some("did you mean `life`? known: life, operation")
        );
        let (_, _, hint) = of("services[1].provider");
        assert_eq!(hint.as_deref(), Some("known: integrated"));
        let (_, message, hint) = of("services[1].requirements[1]");
        assert_eq!(message, "requirement `no-such-req` is not in the framework");
        assert_eq!(
            hint.as_deref(),
            Some("known: life-services, life-talent, op-brand, op-provider")
        );
        let (_, _, hint) = of("assessment.results[1].requirement");
        assert!(hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `op-brand`? known: "));
        // The value's position, not the key's.
        let d = found
            .iter()
            .find(|d| d.message.code == "provider-not-defined");
        assert_eq!(d.unwrap().pos, Some(Pos::new(2, 11)));
        assert!(found.iter().any(|d| {
            d.render(Lang::Zh)
                == "content/parks/fuzz-park.yaml:2:11: 错误：集成服务商 `alpha-grup` 未定义：\
                没有 providers/alpha-grup.yaml 文件\n  提示：是否想写 `alpha-group`？\
                已定义的有：alpha-group、beta-admin"
        }));
    }

    #[test]
    fn long_lists_of_known_values_are_cut_and_counted() {
        let ids: Vec<String> = (0..25).map(|i| format!("req-{i:02}")).collect();
        let known: Vec<&str> = ids.iter().map(String::as_str).collect();
        let hint = known_hint("zzz", &known).text(Lang::En);
        assert!(hint.starts_with("known: req-00, req-01,"), "{hint}");
        assert!(hint.ends_with("req-19, … (25 in all)"), "{hint}");
        assert_eq!(known_hint("x", &[]).code, "known-none");
    }
}
