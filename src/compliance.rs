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

impl<'a> Facts<'a> {
    fn new(park: &'a Park, providers: &FxMap<&str, &Provider>, systems: usize) -> Facts<'a> {
        let mut services_by_system: FxMap<&str, Vec<usize>> =
            FxMap::with_capacity_and_hasher(systems, Default::default());
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
        Facts {
            park,
            has_integrated_provider,
            services_by_system,
        }
    }
}

/// The status of one condition of the rule of requirement `req` (of system `system`) for
/// `park`: one of the statuses that `evaluate` combines, for reports that explain a status.
pub fn condition_status(
    condition: &Condition,
    req: &Requirement,
    system: &str,
    park: &Park,
    providers: &FxMap<&str, &Provider>,
) -> Status {
    evaluate_condition(condition, req, system, &Facts::new(park, providers, 1))
}

pub fn evaluate(
    park: &Park,
    framework: &Framework,
    providers: &FxMap<&str, &Provider>,
    ids: &Ids,
    as_of: &str,
) -> ParkCompliance {
    let facts = Facts::new(park, providers, framework.systems.len());
    let results = park.assessment_results(as_of);
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
    use crate::diagnostics::{Pos, Spanned};
    use crate::model::{
        Assessment, AssessmentResult, BrandFeature, Service, SpecializedProvider, System, Text,
    };

    /// The day the tests' statuses are computed for.
    const AS_OF: &str = "2026-06-30";

    fn text(s: &str) -> Text {
        Spanned::new(s.to_string(), Pos::default())
    }

    fn park() -> Park {
        Park {
            id: "p".into(),
            path: "content/parks/p.yaml".into(),
            name: "P".into(),
            name_en: None,
            provider: None,
            level: "national".into(),
            park_type: "other".into(),
            region: "R".into(),
            district: None,
            industries: vec![],
            summary: None,
            slogan: None,
            features: vec![],
            providers: vec![],
            services: vec![],
            assessments: vec![],
            updated: None,
        }
    }

    /// A service of `system` for `audience`, run by `provider`, supporting `supports`.
    fn service(
        system: &str,
        audience: &[&'static str],
        provider: &str,
        supports: &[&str],
    ) -> Service {
        Service {
            index: 0,
            id: text("svc"),
            system: text(system),
            name: "S".into(),
            audience: audience.to_vec(),
            provider: text(provider),
            description: None,
            requirements: supports.iter().map(|r| text(r)).collect(),
        }
    }

    /// A service of system `s`, for enterprises, run by the integrated provider.
    fn plain_service(system: &str) -> Service {
        service(system, &["enterprise"], INTEGRATED, &[])
    }

    fn specialized(id: &str, legal_entity: bool) -> SpecializedProvider {
        SpecializedProvider {
            index: 0,
            id: text(id),
            name: id.into(),
            kind: "enterprise",
            legal_entity,
        }
    }

    fn features(n: usize) -> Vec<BrandFeature> {
        (0..n)
            .map(|i| BrandFeature {
                title: format!("f{i}"),
                description: None,
            })
            .collect()
    }

    fn requirement(id: &str, conditions: Option<Vec<Condition>>) -> Requirement {
        Requirement {
            id: text(id),
            title: id.into(),
            title_en: None,
            clause: None,
            description: None,
            rule: conditions.map(|conditions| Rule { conditions }),
        }
    }

    fn system(id: &str, requirements: Vec<Requirement>) -> System {
        System {
            id: text(id),
            role: "pillar".into(),
            name: id.into(),
            name_en: None,
            clause: None,
            serves: vec![],
            summary: None,
            requirements,
        }
    }

    fn framework(systems: Vec<System>) -> Framework {
        Framework {
            path: "content/framework.yaml".into(),
            systems,
        }
    }

    fn provider(id: &str) -> Provider {
        Provider {
            id: id.into(),
            path: format!("content/providers/{id}.yaml"),
            name: id.into(),
            short_name: None,
            kind: "development-company".into(),
            brand: None,
            website: None,
            summary: None,
        }
    }

    fn declare(park: &mut Park, results: &[(&str, &'static str)]) {
        park.assessments = vec![assessment("self", None, None, results)];
    }

    fn assessment(
        kind: &str,
        end: Option<&str>,
        valid_until: Option<&str>,
        results: &[(&str, &'static str)],
    ) -> Assessment {
        let mut a = Assessment::of_kind(kind, "assessments[0]");
        a.end = end.map(str::to_string);
        a.valid_until = valid_until.map(str::to_string);
        a.results = results
            .iter()
            .map(|&(requirement, status)| AssessmentResult {
                index: 0,
                requirement: text(requirement),
                status,
                statement: None,
                evidence: None,
                evidence_items: vec![],
            })
            .collect();
        a
    }

    fn run(park: &Park, framework: &Framework, providers: &[Provider]) -> ParkCompliance {
        let providers: FxMap<&str, &Provider> =
            providers.iter().map(|p| (p.id.as_str(), p)).collect();
        evaluate(park, framework, &providers, &Ids::new(framework), AS_OF)
    }

    /// The computed status of requirement `r` of system `s` whose rule is `conditions`, for a
    /// park whose only integrated provider on record is `known`.
    fn computed(conditions: Vec<Condition>, park: &Park) -> Option<Status> {
        let fw = framework(vec![system("s", vec![requirement("r", Some(conditions))])]);
        run(park, &fw, &[provider("known")]).requirements[0].computed
    }

    #[test]
    fn min_services_counts_the_services_of_the_requirements_system_only() {
        // (N, services in the system, services in another system) → status
        let cases = [
            (2, 0, 0, Unmet),
            (2, 1, 0, Partial),
            (2, 2, 0, Met),
            (2, 3, 0, Met),
            (2, 1, 5, Partial),
            (2, 0, 5, Unmet),
            (1, 0, 0, Unmet),
            (1, 1, 0, Met),
            (3, 2, 0, Partial),
            (0, 0, 0, Met),
        ];
        for (n, here, elsewhere, want) in cases {
            let mut p = park();
            p.services.extend((0..here).map(|_| plain_service("s")));
            p.services
                .extend((0..elsewhere).map(|_| plain_service("other")));
            let got = computed(vec![Condition::MinServices(n)], &p);
            assert_eq!(
                got,
                Some(want),
                "min_services {n}, {here} here, {elsewhere} elsewhere"
            );
        }
    }

    #[test]
    fn audience_any_needs_one_service_of_the_system_for_one_of_the_audiences() {
        let wanted = || Condition::AudienceAny(vec!["talent".into(), "industry".into()]);
        // (services as (system, audiences)) → status; there is no partial
        type Case = (&'static [(&'static str, &'static [&'static str])], Status);
        let cases: [Case; 7] = [
            (&[], Unmet),
            (&[("s", &["industry"])], Met),
            (&[("s", &["operator", "talent"])], Met),
            (&[("s", &["operator"]), ("s", &["talent"])], Met),
            (&[("s", &["operator", "enterprise"])], Unmet),
            (&[("s", &[])], Unmet),
            (&[("other", &["talent"]), ("s", &["operator"])], Unmet),
        ];
        for (services, want) in cases {
            let mut p = park();
            p.services = services
                .iter()
                .map(|(sys, aud)| service(sys, aud, INTEGRATED, &[]))
                .collect();
            assert_eq!(computed(vec![wanted()], &p), Some(want), "{services:?}");
        }
    }

    #[test]
    fn integrated_provider_needs_a_provider_on_record() {
        for (named, want) in [
            (None, Unmet),
            (Some("known"), Met),
            (Some("unknown"), Unmet),
        ] {
            let mut p = park();
            p.provider = named.map(text);
            assert_eq!(
                computed(vec![Condition::IntegratedProvider], &p),
                Some(want),
                "{named:?}"
            );
        }
    }

    #[test]
    fn min_brand_features_counts_the_parks_features() {
        let cases = [
            (2, 0, Unmet),
            (2, 1, Partial),
            (2, 2, Met),
            (2, 3, Met),
            (1, 0, Unmet),
            (1, 1, Met),
            (0, 0, Met),
        ];
        for (n, have, want) in cases {
            let mut p = park();
            p.features = features(have);
            let got = computed(vec![Condition::MinBrandFeatures(n)], &p);
            assert_eq!(got, Some(want), "min_brand_features {n} with {have}");
        }
    }

    #[test]
    fn min_supporting_services_counts_services_naming_the_requirement_in_any_system() {
        // (N, services as (system, requirements they support)) → status
        type Case = (
            u32,
            &'static [(&'static str, &'static [&'static str])],
            Status,
        );
        let cases: [Case; 8] = [
            (2, &[], Unmet),
            (2, &[("s", &["r"])], Partial),
            (2, &[("s", &["r"]), ("s", &["x", "r"])], Met),
            (2, &[("s", &["r"]), ("other", &["r"])], Met),
            (2, &[("s", &["r"]), ("s", &["r"]), ("s", &["r"])], Met),
            (2, &[("s", &["x"]), ("s", &[])], Unmet),
            (2, &[("s", &["r"]), ("s", &["x"])], Partial),
            (1, &[("other", &["r"])], Met),
        ];
        for (n, services, want) in cases {
            let mut p = park();
            p.services = services
                .iter()
                .map(|(sys, supports)| service(sys, &["enterprise"], INTEGRATED, supports))
                .collect();
            let got = computed(vec![Condition::MinSupportingServices(n)], &p);
            assert_eq!(got, Some(want), "min_supporting_services {n}: {services:?}");
        }
    }

    #[test]
    fn providers_legal_entities_judges_the_specialized_providers_in_use() {
        // (providers as (id, legal entity), the providers of the services) → status
        type Case = (
            &'static [(&'static str, bool)],
            &'static [&'static str],
            Status,
        );
        let cases: [Case; 10] = [
            (&[], &[], NotApplicable),
            (&[], &[INTEGRATED, INTEGRATED], NotApplicable),
            (&[("a", true), ("b", false)], &[], NotApplicable),
            (&[("a", false)], &[INTEGRATED], NotApplicable),
            // The loader refuses that id; the rule does not lean on it.
            (&[(INTEGRATED, false)], &[INTEGRATED], NotApplicable),
            (&[("a", true)], &["a"], Met),
            (&[("a", true), ("b", true)], &["a", "b", INTEGRATED], Met),
            (&[("a", true), ("b", false)], &["a"], Met),
            (&[("a", true), ("b", false)], &["a", "b"], Partial),
            (&[("a", false), ("b", false)], &["a", "b", "b"], Unmet),
        ];
        for (providers, used, want) in cases {
            let mut p = park();
            p.providers = providers
                .iter()
                .map(|&(id, legal)| specialized(id, legal))
                .collect();
            // In another system: the condition looks at the whole park.
            p.services = used.iter().map(|u| service("other", &[], u, &[])).collect();
            let got = computed(vec![Condition::ProvidersLegalEntities], &p);
            assert_eq!(got, Some(want), "{providers:?} used by {used:?}");
        }
    }

    #[test]
    fn the_conditions_of_one_rule_combine() {
        // Brand features 2 of 2 → met, 1 → partial, 0 → unmet; a park without specialized
        // providers makes `providers_legal_entities` not applicable.
        let met = || Condition::MinBrandFeatures(0);
        let partial = || Condition::MinBrandFeatures(2);
        let unmet = || Condition::IntegratedProvider;
        let na = || Condition::ProvidersLegalEntities;
        let cases = [
            (vec![met(), met()], Met),
            (vec![met(), unmet()], Partial),
            (vec![unmet(), unmet()], Unmet),
            (vec![met(), partial()], Partial),
            (vec![partial(), unmet()], Partial),
            (vec![met(), na()], Met),
            (vec![unmet(), na()], Unmet),
            (vec![partial(), na()], Partial),
            (vec![na()], NotApplicable),
            (vec![met(), partial(), unmet(), na()], Partial),
        ];
        let mut p = park();
        p.features = features(1);
        for (conditions, want) in cases {
            assert_eq!(
                computed(conditions.clone(), &p),
                Some(want),
                "{conditions:?}"
            );
        }
    }

    /// A rule and the number of brand features that make it compute `status`.
    fn rule_computing(status: Status) -> (Vec<Condition>, usize) {
        match status {
            Met => (vec![Condition::MinBrandFeatures(2)], 2),
            Partial => (vec![Condition::MinBrandFeatures(2)], 1),
            Unmet => (vec![Condition::MinBrandFeatures(2)], 0),
            NotApplicable => (vec![Condition::ProvidersLegalEntities], 0),
        }
    }

    #[test]
    fn declared_and_computed_statuses() {
        const NA: Status = NotApplicable;
        // (what the rule computes, or no rule; the declaration) → (the status, the declaration
        // as read, an unsupported claim)
        type Case = (
            Option<Status>,
            Option<&'static str>,
            Status,
            Option<Status>,
            bool,
        );
        let cases: [Case; 18] = [
            // No rule: the declaration, or unmet without one.
            (None, None, Unmet, None, false),
            (None, Some("met"), Met, Some(Met), false),
            (None, Some("partial"), Partial, Some(Partial), false),
            (None, Some("unmet"), Unmet, Some(Unmet), false),
            (None, Some("not-applicable"), NA, Some(NA), false),
            // A rule: what it computes, whatever is declared.
            (Some(Met), None, Met, None, false),
            (Some(Partial), None, Partial, None, false),
            (Some(Unmet), None, Unmet, None, false),
            (Some(NA), None, NA, None, false),
            (Some(Met), Some("met"), Met, Some(Met), false),
            (Some(Partial), Some("met"), Partial, Some(Met), true),
            (Some(Unmet), Some("met"), Unmet, Some(Met), true),
            (Some(NA), Some("met"), NA, Some(Met), true),
            // Only a claim of met can be unsupported.
            (Some(Met), Some("unmet"), Met, Some(Unmet), false),
            (Some(Unmet), Some("partial"), Unmet, Some(Partial), false),
            (
                Some(Partial),
                Some("not-applicable"),
                Partial,
                Some(NA),
                false,
            ),
            (Some(NA), Some("unmet"), NA, Some(Unmet), false),
            (Some(Unmet), Some("unmet"), Unmet, Some(Unmet), false),
        ];
        for (rule, declared, status, declared_status, unsupported) in cases {
            let (conditions, n) = rule.map(rule_computing).unzip();
            let fw = framework(vec![system("s", vec![requirement("r", conditions)])]);
            let mut p = park();
            p.features = features(n.unwrap_or(0));
            if let Some(d) = declared {
                declare(&mut p, &[("r", d)]);
            }
            let result = run(&p, &fw, &[]);
            let r = result.requirement("r").unwrap();
            let what = format!("rule computing {rule:?}, declared {declared:?}");
            assert_eq!(r.computed, rule, "computed: {what}");
            assert_eq!(r.status, status, "status: {what}");
            assert_eq!(r.declared, declared_status, "declared: {what}");
            assert_eq!(r.unsupported_claim, unsupported, "unsupported: {what}");
            assert_eq!(
                result.unsupported_claims(),
                usize::from(unsupported),
                "{what}"
            );
        }
    }

    #[test]
    fn declarations_of_other_requirements_or_without_a_status_are_ignored() {
        let fw = framework(vec![system(
            "s",
            vec![requirement("r", None), requirement("q", None)],
        )]);
        let mut p = park();
        // An empty status is what the loader keeps for one it refused.
        declare(&mut p, &[("elsewhere", "met"), ("q", ""), ("r", "partial")]);
        let result = run(&p, &fw, &[]);
        let r = result.requirement("r").unwrap();
        assert_eq!((r.status, r.declared), (Partial, Some(Partial)));
        let q = result.requirement("q").unwrap();
        assert_eq!((q.status, q.declared), (Unmet, None));
        assert!(result.requirement("elsewhere").is_none());
        assert_eq!(result.requirements.len(), 2);
    }

    #[test]
    fn the_most_independent_assessment_that_still_holds_declares() {
        let fw = framework(vec![system("s", vec![requirement("r", None)])]);
        let declared = |assessments: Vec<Assessment>| {
            let mut p = park();
            p.assessments = assessments;
            run(&p, &fw, &[]).requirement("r").unwrap().declared
        };
        let third = |end, until, status| assessment("third-party", end, until, &[("r", status)]);
        let own = |end, status| assessment("self", end, None, &[("r", status)]);
        // A later self-assessment does not override a third party's that still holds.
        assert_eq!(
            declared(vec![
                third(Some("2025-05-01"), None, "partial"),
                own(Some("2026-05-01"), "met")
            ]),
            Some(Partial)
        );
        // Once the third party's has expired, the self-assessment declares.
        assert_eq!(
            declared(vec![
                third(Some("2025-05-01"), Some("2026-05-01"), "partial"),
                own(Some("2026-05-01"), "met")
            ]),
            Some(Met)
        );
        // It holds through its last day.
        assert_eq!(
            declared(vec![third(Some("2025-05-01"), Some(AS_OF), "partial")]),
            Some(Partial)
        );
        // Of one kind, the latest; nothing that has expired declares anything.
        assert_eq!(
            declared(vec![
                own(Some("2026-01-01"), "met"),
                own(Some("2025-01-01"), "unmet")
            ]),
            Some(Met)
        );
        assert_eq!(
            declared(vec![third(Some("2024-01-01"), Some("2025-01-01"), "met")]),
            None
        );
        let authority = assessment("authority", Some("2024-01-01"), None, &[("r", "unmet")]);
        assert_eq!(
            declared(vec![own(Some("2026-01-01"), "met"), authority]),
            Some(Unmet)
        );
    }

    #[test]
    fn requirements_roll_up_into_systems_and_systems_into_the_park() {
        // Each system's requirements by declared status (none has a rule) → each system's
        // status and the park's.
        type Case = (
            &'static [&'static [&'static str]],
            &'static [Status],
            Status,
        );
        let cases: [Case; 10] = [
            (&[&["met", "met"]], &[Met], Met),
            (&[&["met", "not-applicable"]], &[Met], Met),
            (&[&["met", "partial"]], &[Partial], Partial),
            (&[&["met", "unmet"]], &[Partial], Partial),
            (&[&["unmet", "unmet", "not-applicable"]], &[Unmet], Unmet),
            (&[&["partial", "unmet"]], &[Partial], Partial),
            (
                &[&["not-applicable"], &[]],
                &[NotApplicable, NotApplicable],
                NotApplicable,
            ),
            (
                &[&["met"], &["not-applicable"], &[]],
                &[Met, NotApplicable, NotApplicable],
                Met,
            ),
            (&[&["met"], &["unmet"]], &[Met, Unmet], Partial),
            (
                &[&["unmet"], &["unmet", "unmet"], &["not-applicable"]],
                &[Unmet, Unmet, NotApplicable],
                Unmet,
            ),
        ];
        for (systems, want_systems, want_overall) in cases {
            let mut declared = Vec::new();
            let fw = framework(
                systems
                    .iter()
                    .enumerate()
                    .map(|(si, statuses)| {
                        let reqs = (0..statuses.len())
                            .map(|ri| {
                                let id = format!("r{si}-{ri}");
                                declared.push((id.clone(), statuses[ri]));
                                requirement(&id, None)
                            })
                            .collect();
                        system(&format!("s{si}"), reqs)
                    })
                    .collect(),
            );
            let mut p = park();
            let declared: Vec<(&str, &'static str)> =
                declared.iter().map(|(id, s)| (id.as_str(), *s)).collect();
            declare(&mut p, &declared);
            let result = run(&p, &fw, &[]);
            let got: Vec<Status> = result.systems.iter().map(|s| s.status).collect();
            assert_eq!(got, want_systems, "{systems:?}");
            assert_eq!(result.overall, want_overall, "{systems:?}");
        }
    }

    #[test]
    fn computed_and_declared_statuses_roll_up_alike() {
        // s0: a met rule and an unsupported claim; s1: one rule, not applicable.
        let fw = framework(vec![
            system(
                "s0",
                vec![
                    requirement("a", Some(vec![Condition::MinServices(1)])),
                    requirement("b", Some(vec![Condition::IntegratedProvider])),
                ],
            ),
            system(
                "s1",
                vec![requirement(
                    "c",
                    Some(vec![Condition::ProvidersLegalEntities]),
                )],
            ),
        ]);
        let mut p = park();
        p.services = vec![
            plain_service("s0"),
            plain_service("s0"),
            plain_service("s2"),
        ];
        declare(&mut p, &[("b", "met"), ("c", "unmet")]);
        let result = run(&p, &fw, &[]);
        let summary: Vec<(&str, Status, usize)> = result
            .systems
            .iter()
            .map(|s| (&*s.system, s.status, s.services))
            .collect();
        assert_eq!(summary, [("s0", Partial, 2), ("s1", NotApplicable, 0)]);
        assert_eq!(result.overall, Partial);
        let reqs: Vec<(&str, &str, Status, bool)> = result
            .requirements
            .iter()
            .map(|r| (&*r.requirement, &*r.system, r.status, r.unsupported_claim))
            .collect();
        assert_eq!(
            reqs,
            [
                ("a", "s0", Met, false),
                ("b", "s0", Unmet, true),
                ("c", "s1", NotApplicable, false)
            ]
        );
        assert_eq!(result.unsupported_claims(), 1);
    }

    #[test]
    fn statuses_read_and_write_their_names() {
        for (name, status) in [
            ("met", Met),
            ("partial", Partial),
            ("unmet", Unmet),
            ("not-applicable", NotApplicable),
        ] {
            assert_eq!(Status::parse(name), Some(status));
            assert_eq!(status.as_str(), name);
        }
        assert_eq!(Status::parse("Met"), None);
        assert_eq!(Status::parse(""), None);
    }

    #[test]
    fn combining_statuses() {
        let cases: [(&[Status], Status); 13] = [
            (&[Met, Met], Met),
            (&[Met], Met),
            (&[Partial], Partial),
            (&[Unmet], Unmet),
            (&[Unmet, Unmet], Unmet),
            (&[Met, Unmet], Partial),
            (&[Met, Partial], Partial),
            (&[Partial, Unmet], Partial),
            (&[Partial, Partial], Partial),
            (&[Met, NotApplicable], Met),
            (&[Unmet, NotApplicable], Unmet),
            (&[NotApplicable, NotApplicable], NotApplicable),
            (&[], NotApplicable),
        ];
        for (statuses, want) in cases {
            assert_eq!(
                Status::combine(statuses.iter().copied()),
                want,
                "{statuses:?}"
            );
        }
    }

    #[test]
    fn thresholds() {
        assert_eq!(at_least(0, 2), Unmet);
        assert_eq!(at_least(1, 2), Partial);
        assert_eq!(at_least(2, 2), Met);
        assert_eq!(at_least(3, 2), Met);
        assert_eq!(at_least(0, 1), Unmet);
        assert_eq!(at_least(1, 1), Met);
        assert_eq!(at_least(0, 0), Met);
    }
}
