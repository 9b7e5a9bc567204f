//! Pure: a park's data × the framework → the status of every requirement, every system and the
//! park as a whole, computed from rules and compared with the park's own declarations.

use crate::model::{Condition, Framework, Park, Provider, Requirement, Rule, INTEGRATED};
use rustc_hash::{FxHashMap as FxMap, FxHashSet as FxSet};
use serde::Serialize;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Met,
    Partial,
    Unmet,
    NotApplicable,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "met" => Status::Met,
            "partial" => Status::Partial,
            "unmet" => Status::Unmet,
            "not-applicable" => Status::NotApplicable,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Unmet => "unmet",
            Status::NotApplicable => "not-applicable",
        }
    }

    /// All met → met; none met or partial → unmet; else partial. Not-applicable ones are left out,
    /// and if nothing is applicable the whole is not applicable.
    pub fn combine(statuses: impl IntoIterator<Item = Status>) -> Status {
        let applicable: Vec<Status> = statuses
            .into_iter()
            .filter(|s| *s != Status::NotApplicable)
            .collect();
        if applicable.is_empty() {
            Status::NotApplicable
        } else if applicable.iter().all(|s| *s == Status::Met) {
            Status::Met
        } else if applicable.iter().all(|s| *s == Status::Unmet) {
            Status::Unmet
        } else {
            Status::Partial
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequirementResult {
    /// Shared by every park's result (see `Ids`).
    pub requirement: Arc<str>,
    pub system: Arc<str>,
    pub status: Status,
    pub computed: Option<Status>,
    pub declared: Option<Status>,
    /// The park declares `met` but its data does not support it.
    pub unsupported_claim: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemResult {
    pub system: Arc<str>,
    pub status: Status,
    pub services: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParkCompliance {
    pub overall: Status,
    pub systems: Vec<SystemResult>,
    pub requirements: Vec<RequirementResult>,
}

impl ParkCompliance {
    pub fn requirement(&self, id: &str) -> Option<&RequirementResult> {
        self.requirements.iter().find(|r| *r.requirement == *id)
    }

    pub fn unsupported_claims(&self) -> usize {
        self.requirements
            .iter()
            .filter(|r| r.unsupported_claim)
            .count()
    }
}

/// What the rules look at in a park, computed once per park.
struct Facts<'a> {
    park: &'a Park,
    has_integrated_provider: bool,
    services_by_system: FxMap<&'a str, Vec<usize>>,
}

/// The framework's ids, made once for all parks' results: a 10,000-park site would otherwise
/// hold nearly half a million copies of them.
pub struct Ids {
    systems: Vec<Arc<str>>,
    requirements: Vec<Vec<Arc<str>>>,
}

impl Ids {
    pub fn new(framework: &Framework) -> Ids {
        Ids {
            systems: framework
                .systems
                .iter()
                .map(|s| Arc::from(s.id.as_str()))
                .collect(),
            requirements: framework
                .systems
                .iter()
                .map(|s| {
                    s.requirements
                        .iter()
                        .map(|r| Arc::from(r.id.as_str()))
                        .collect()
                })
                .collect(),
        }
    }
}

pub fn evaluate(
    park: &Park,
    framework: &Framework,
    providers: &FxMap<&str, &Provider>,
    ids: &Ids,
) -> ParkCompliance {
    let mut services_by_system: FxMap<&str, Vec<usize>> =
        FxMap::with_capacity_and_hasher(framework.systems.len(), Default::default());
    for (i, s) in park.services.iter().enumerate() {
        services_by_system
            .entry(s.system.as_str())
            .or_default()
            .push(i);
    }
    let has_integrated_provider = park
        .provider
        .as_ref()
        .is_some_and(|p| providers.contains_key(p.as_str()));
    let facts = Facts {
        park,
        has_integrated_provider,
        services_by_system,
    };
    let results = park.assessment_results();
    let mut declared: FxMap<&str, Status> =
        FxMap::with_capacity_and_hasher(results.len(), Default::default());
    declared.extend(
        results
            .iter()
            .filter_map(|r| Some((r.requirement.as_str(), Status::parse(r.status)?))),
    );

    let mut requirements = Vec::with_capacity(ids.requirements.iter().map(Vec::len).sum());
    let mut systems = Vec::with_capacity(framework.systems.len());
    for (si, system) in framework.systems.iter().enumerate() {
        let mut statuses = Vec::new();
        for (ri, req) in system.requirements.iter().enumerate() {
            let computed = req
                .rule
                .as_ref()
                .map(|rule| evaluate_rule(rule, req, system.id.as_str(), &facts));
            let declared = declared.get(req.id.as_str()).copied();
            let status = computed.or(declared).unwrap_or(Status::Unmet);
            let unsupported_claim =
                declared == Some(Status::Met) && computed.is_some_and(|c| c != Status::Met);
            statuses.push(status);
            requirements.push(RequirementResult {
                requirement: ids.requirements[si][ri].clone(),
                system: ids.systems[si].clone(),
                status,
                computed,
                declared,
                unsupported_claim,
            });
        }
        systems.push(SystemResult {
            system: ids.systems[si].clone(),
            status: Status::combine(statuses),
            services: facts
                .services_by_system
                .get(system.id.as_str())
                .map_or(0, Vec::len),
        });
    }
    ParkCompliance {
        overall: Status::combine(systems.iter().map(|s| s.status)),
        systems,
        requirements,
    }
}

fn evaluate_rule(rule: &Rule, req: &Requirement, system: &str, facts: &Facts) -> Status {
    Status::combine(
        rule.conditions
            .iter()
            .map(|c| evaluate_condition(c, req, system, facts)),
    )
}

fn at_least(have: usize, need: u32) -> Status {
    if have >= need as usize {
        Status::Met
    } else if have >= 1 {
        Status::Partial
    } else {
        Status::Unmet
    }
}

fn evaluate_condition(
    condition: &Condition,
    req: &Requirement,
    system: &str,
    facts: &Facts,
) -> Status {
    let park = facts.park;
    let in_system = || {
        facts
            .services_by_system
            .get(system)
            .into_iter()
            .flatten()
            .map(|&i| &park.services[i])
    };
    match condition {
        Condition::MinServices(n) => at_least(in_system().count(), *n),
        Condition::AudienceAny(audiences) => {
            if in_system().any(|s| s.audience.iter().any(|a| audiences.iter().any(|b| b == a))) {
                Status::Met
            } else {
                Status::Unmet
            }
        }
        Condition::IntegratedProvider => {
            if facts.has_integrated_provider {
                Status::Met
            } else {
                Status::Unmet
            }
        }
        Condition::MinBrandFeatures(n) => at_least(park.features.len(), *n),
        Condition::MinSupportingServices(n) => at_least(
            park.services
                .iter()
                .filter(|s| s.requirements.iter().any(|r| r.value == req.id.value))
                .count(),
            *n,
        ),
        Condition::ProvidersLegalEntities => {
            let used_ids: FxSet<&str> = park
                .services
                .iter()
                .map(|s| s.provider.as_str())
                .filter(|p| *p != INTEGRATED)
                .collect();
            let used: Vec<bool> = park
                .providers
                .iter()
                .filter(|p| used_ids.contains(p.id.as_str()))
                .map(|p| p.legal_entity)
                .collect();
            if used.is_empty() {
                Status::NotApplicable
            } else if used.iter().all(|&legal| legal) {
                Status::Met
            } else if used.iter().any(|&legal| legal) {
                Status::Partial
            } else {
                Status::Unmet
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn combining_statuses() {
        assert_eq!(Status::combine([Met, Met]), Met);
        assert_eq!(Status::combine([Unmet, Unmet]), Unmet);
        assert_eq!(Status::combine([Met, Unmet]), Partial);
        assert_eq!(Status::combine([Partial, Unmet]), Partial);
        assert_eq!(Status::combine([Met, NotApplicable]), Met);
        assert_eq!(Status::combine([NotApplicable]), NotApplicable);
        assert_eq!(Status::combine([]), NotApplicable);
    }

    #[test]
    fn thresholds() {
        assert_eq!(at_least(0, 2), Unmet);
        assert_eq!(at_least(1, 2), Partial);
        assert_eq!(at_least(2, 2), Met);
        assert_eq!(at_least(0, 0), Met);
    }
}
