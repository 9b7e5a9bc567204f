//! Statuses that changed, and why: each requirement's rule, condition by condition, with the
//! park's data it looks at on each side (which services count, which provider, which features),
//! and the park's declaration where there is no rule.

use super::{ordered, Ctx, ParkSide, Scope, StatusChange};
use crate::compliance::{condition_status, ParkCompliance, RequirementResult, Status};
use crate::messages::Msg;
use crate::model::{Condition, Park, Requirement, Rule, System, INTEGRATED};
use crate::msg;

/// Longest piece of park text (evidence) quoted in an explanation, in characters.
const QUOTE_CHARS: usize = 120;

/// The catalogue's word for a status.
pub(crate) fn status_word(status: Status) -> &'static str {
    match status {
        Status::Met => "diff-status-met",
        Status::Partial => "diff-status-partial",
        Status::Unmet => "diff-status-unmet",
        Status::NotApplicable => "diff-status-not-applicable",
    }
}

/// Every status of the park that differs between OLD and NEW: overall, systems, requirements.
pub(super) fn statuses(old: ParkSide, new: ParkSide) -> Vec<StatusChange> {
    let (oc, nc) = (old.1, new.1);
    let mut out = Vec::new();
    let systems = ordered(
        oc.systems.iter().map(|s| &*s.system),
        nc.systems.iter().map(|s| &*s.system),
    );
    let requirements = ordered(
        oc.requirements.iter().map(|r| &*r.requirement),
        nc.requirements.iter().map(|r| &*r.requirement),
    );
    let changed_requirements: Vec<&str> = requirements
        .iter()
        .copied()
        .filter(|id| requirement_status(oc, id) != requirement_status(nc, id))
        .collect();
    let changed_systems: Vec<&str> = systems
        .iter()
        .copied()
        .filter(|id| system_status(oc, id) != system_status(nc, id))
        .collect();
    if oc.overall != nc.overall {
        let names = changed_systems.iter().map(|id| system_name(old, new, id));
        out.push(StatusChange {
            scope: Scope::Overall,
            old: Some(oc.overall),
            new: Some(nc.overall),
            because: vec![Msg::new("diff-because-systems").list("systems", names)],
        });
    }
    for id in &changed_systems {
        let services = |c: &ParkCompliance| {
            c.systems
                .iter()
                .find(|s| &*s.system == *id)
                .map(|s| s.services)
        };
        let mut because = Vec::new();
        if let (Some(o), Some(n)) = (services(oc), services(nc)) {
            if o != n {
                because.push(msg!("diff-because-services", old = o, new = n));
            }
        }
        let titles: Vec<String> = changed_requirements
            .iter()
            .filter(|r| requirement_system(old, new, r) == Some(*id))
            .map(|r| requirement_title(old, new, r))
            .collect();
        if !titles.is_empty() {
            because.push(Msg::new("diff-because-requirements").list("requirements", titles));
        }
        out.push(StatusChange {
            scope: Scope::System {
                id: id.to_string(),
                name: system_name(old, new, id),
            },
            old: system_status(oc, id),
            new: system_status(nc, id),
            because,
        });
    }
    for id in &changed_requirements {
        let (o, n) = (at(old, id), at(new, id));
        let Some(req) = n.as_ref().or(o.as_ref()) else {
            continue;
        };
        out.push(StatusChange {
            scope: Scope::Requirement {
                id: id.to_string(),
                title: req.req.title.clone(),
                clause: req.req.clause.as_ref().map(|c| c.value.clone()),
                system: req.system.id.value.clone(),
            },
            old: requirement_status(oc, id),
            new: requirement_status(nc, id),
            because: requirement(o.as_ref(), n.as_ref()),
        });
    }
    out
}

/// A new park's overall status and each system's.
pub(super) fn statuses_of_new((_, c, ctx): ParkSide) -> Vec<StatusChange> {
    let mut out = vec![StatusChange {
        scope: Scope::Overall,
        old: None,
        new: Some(c.overall),
        because: Vec::new(),
    }];
    out.extend(c.systems.iter().map(|s| {
        StatusChange {
            scope: Scope::System {
                id: s.system.to_string(),
                name: ctx
                    .site
                    .framework
                    .system(&s.system)
                    .map_or_else(|| s.system.to_string(), |x| x.name.clone()),
            },
            old: None,
            new: Some(s.status),
            because: Vec::new(),
        }
    }));
    out
}

/// A removed park's overall status.
pub(super) fn statuses_of_removed((_, c, _): ParkSide) -> Vec<StatusChange> {
    vec![StatusChange {
        scope: Scope::Overall,
        old: Some(c.overall),
        new: None,
        because: Vec::new(),
    }]
}

fn requirement_status(c: &ParkCompliance, id: &str) -> Option<Status> {
    c.requirement(id).map(|r| r.status)
}

fn system_status(c: &ParkCompliance, id: &str) -> Option<Status> {
    c.systems
        .iter()
        .find(|s| &*s.system == id)
        .map(|s| s.status)
}

fn system_name(old: ParkSide, new: ParkSide, id: &str) -> String {
    [new, old]
        .iter()
        .find_map(|(_, _, ctx)| ctx.site.framework.system(id))
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

fn requirement_title(old: ParkSide, new: ParkSide, id: &str) -> String {
    [new, old]
        .iter()
        .find_map(|(_, _, ctx)| ctx.site.framework.requirement(id))
        .map_or_else(|| id.to_string(), |(_, r)| r.title.clone())
}

fn requirement_system<'a>(old: ParkSide<'a>, new: ParkSide<'a>, id: &str) -> Option<&'a str> {
    [new, old]
        .into_iter()
        .find_map(|(_, c, _)| c.requirement(id))
        .map(|r| &*r.system)
}

/// A requirement as one side has it: its definition, the park and its result.
struct At<'a> {
    park: &'a Park,
    ctx: &'a Ctx<'a>,
    system: &'a System,
    req: &'a Requirement,
    result: &'a RequirementResult,
}

fn at<'a>((park, c, ctx): ParkSide<'a>, id: &str) -> Option<At<'a>> {
    let (system, req) = ctx.site.framework.requirement(id)?;
    Some(At {
        park,
        ctx,
        system,
        req,
        result: c.requirement(id)?,
    })
}

/// Why a requirement's status changed: its rule (and how it changed), each condition with the
/// data it looks at on each side, and the declarations.
fn requirement(old: Option<&At>, new: Option<&At>) -> Vec<Msg> {
    let mut lines = Vec::new();
    if let (Some(o), Some(n)) = (old, new) {
        if o.req.rule != n.req.rule {
            lines.push(
                Msg::new("diff-because-rule-changed")
                    .msg("old", rule_msg(o.req.rule.as_ref()))
                    .msg("new", rule_msg(n.req.rule.as_ref())),
            );
        }
    }
    let rule = new
        .and_then(|n| n.req.rule.as_ref())
        .or(old.and_then(|o| o.req.rule.as_ref()));
    for condition in rule.map_or(&[][..], |r| &r.conditions) {
        let side = |a: &At| {
            let status = condition_status(condition, a.req, &a.system.id, a.park, &a.ctx.providers);
            (data(condition, a), status)
        };
        let line = match (old.map(side), new.map(side)) {
            (Some((od, os)), Some((nd, ns))) if od != nd || os != ns => {
                Msg::new("diff-because-condition")
                    .msg("rule", condition_msg(condition))
                    .msg("old_status", Msg::new(status_word(os)))
                    .msg("new_status", Msg::new(status_word(ns)))
                    .msg("old", od)
                    .msg("new", nd)
            }
            (_, Some((d, s))) | (Some((d, s)), None) => Msg::new("diff-because-condition-same")
                .msg("rule", condition_msg(condition))
                .msg("status", Msg::new(status_word(s)))
                .msg("data", d),
            (None, None) => continue,
        };
        lines.push(line);
    }
    let declared = |a: Option<&At>| a.and_then(|a| a.result.declared);
    if old.is_some() && new.is_some() && declared(old) != declared(new) {
        lines.push(
            Msg::new("diff-because-declared")
                .msg("old", declared_msg(declared(old)))
                .msg("new", declared_msg(declared(new))),
        );
    }
    if rule.is_none() {
        lines.push(Msg::new("diff-because-no-rule"));
        let evidence = new.or(old).and_then(|a| {
            a.park
                .assessment_results(&a.ctx.site.as_of)
                .iter()
                .find(|r| r.requirement.value == a.req.id.value)
                .and_then(|r| r.evidence.as_deref())
        });
        if let Some(evidence) = evidence {
            lines.push(msg!("diff-because-evidence", evidence = quote(evidence)));
        }
    }
    lines
}

fn declared_msg(status: Option<Status>) -> Msg {
    Msg::new(status.map_or("diff-not-declared", status_word))
}

/// The first `QUOTE_CHARS` characters of a text, on one line.
pub(crate) fn quote(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(QUOTE_CHARS) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

/// A rule in words: its conditions, all of which must hold.
pub(crate) fn rule_msg(rule: Option<&Rule>) -> Msg {
    let Some(rule) = rule.filter(|r| !r.conditions.is_empty()) else {
        return Msg::new("diff-rule-none");
    };
    let mut conditions = rule.conditions.iter().rev();
    let last = condition_msg(conditions.next().expect("not empty"));
    conditions.fold(last, |rest, c| {
        Msg::new("diff-rule-and")
            .msg("first", condition_msg(c))
            .msg("rest", rest)
    })
}

fn condition_msg(condition: &Condition) -> Msg {
    match condition {
        Condition::MinServices(n) => msg!("diff-rule-min-services", n = n),
        Condition::AudienceAny(audiences) => {
            Msg::new("diff-rule-audience-any").msg("audiences", audiences_msg(audiences))
        }
        Condition::IntegratedProvider => Msg::new("diff-rule-integrated-provider"),
        Condition::MinBrandFeatures(n) => msg!("diff-rule-min-brand-features", n = n),
        Condition::MinSupportingServices(n) => msg!("diff-rule-min-supporting-services", n = n),
        Condition::ProvidersLegalEntities => Msg::new("diff-rule-providers-legal-entities"),
    }
}

/// Audiences in words, joined as the language joins a list.
fn audiences_msg(audiences: &[String]) -> Msg {
    let word = |a: &String| match a.as_str() {
        "operator" => Msg::new("diff-audience-operator"),
        "enterprise" => Msg::new("diff-audience-enterprise"),
        "industry" => Msg::new("diff-audience-industry"),
        "talent" => Msg::new("diff-audience-talent"),
        other => msg!("diff-as-written", text = other),
    };
    let mut rest = audiences.iter().rev();
    let Some(last) = rest.next() else {
        return Msg::new("diff-nothing");
    };
    rest.fold(word(last), |tail, a| {
        Msg::new("diff-and").msg("first", word(a)).msg("rest", tail)
    })
}

/// What a condition looks at in one side's park: the services, provider or features that count.
fn data(condition: &Condition, a: &At) -> Msg {
    let park = a.park;
    let in_system = || {
        park.services
            .iter()
            .filter(|s| s.system.value == a.system.id.value)
    };
    let items = |names: Vec<String>| {
        if names.is_empty() {
            Msg::new("diff-nothing")
        } else {
            msg!("diff-data-items", count = names.len()).list("items", names)
        }
    };
    match condition {
        Condition::MinServices(_) => items(in_system().map(|s| s.name.clone()).collect()),
        Condition::AudienceAny(audiences) => items(
            in_system()
                .filter(|s| s.audience.iter().any(|x| audiences.iter().any(|y| y == x)))
                .map(|s| s.name.clone())
                .collect(),
        ),
        Condition::IntegratedProvider => match park.provider.as_ref() {
            None => Msg::new("diff-nothing"),
            Some(id) => match a.ctx.providers.get(id.as_str()) {
                Some(p) => msg!("diff-named", name = p.display_name(), id = id.as_str()),
                None => msg!("diff-data-provider-unknown", id = id.as_str()),
            },
        },
        Condition::MinBrandFeatures(_) => {
            items(park.features.iter().map(|f| f.title.clone()).collect())
        }
        Condition::MinSupportingServices(_) => items(
            park.services
                .iter()
                .filter(|s| s.requirements.iter().any(|r| r.value == a.req.id.value))
                .map(|s| s.name.clone())
                .collect(),
        ),
        Condition::ProvidersLegalEntities => {
            let used = |p: &&crate::model::SpecializedProvider| {
                park.services
                    .iter()
                    .any(|s| s.provider.as_str() != INTEGRATED && s.provider.value == p.id.value)
            };
            let (legal, other): (Vec<_>, Vec<_>) = park
                .providers
                .iter()
                .filter(used)
                .partition(|p| p.legal_entity);
            let names = |l: Vec<&crate::model::SpecializedProvider>| {
                l.into_iter().map(|p| p.name.clone()).collect::<Vec<_>>()
            };
            match (legal.is_empty(), other.is_empty()) {
                (true, true) => Msg::new("diff-data-no-specialized"),
                (false, true) => Msg::new("diff-data-legal-all").list("legal", names(legal)),
                (true, false) => Msg::new("diff-data-legal-none").list("other", names(other)),
                (false, false) => Msg::new("diff-data-legal-mixed")
                    .list("legal", names(legal))
                    .list("other", names(other)),
            }
        }
    }
}
