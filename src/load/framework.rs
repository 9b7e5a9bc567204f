//! `framework.yaml`: the service framework's systems and their requirements, with the rules that
//! compute a park's compliance. Nothing here knows any particular system.

use super::reader::{MapView, Reader};
use super::yaml::Node;
use crate::diagnostics::Diagnostics;
use crate::messages::Msg;
use crate::model::{Condition, Framework, Requirement, Rule, System};
use crate::msg;
use crate::vocab;

const PATH: &str = "content/framework.yaml";
const SYSTEM_KEYS: &[&str] = &[
    "id",
    "role",
    "name",
    "name_en",
    "clause",
    "serves",
    "summary",
    "requirements",
];
const REQUIREMENT_KEYS: &[&str] = &["id", "title", "title_en", "clause", "rule", "description"];
pub const RULE_KEYS: &[&str] = &[
    "min_services",
    "audience_any",
    "integrated_provider",
    "min_brand_features",
    "providers_legal_entities",
    "min_supporting_services",
];

pub fn read(node: &Node, diags: &mut Diagnostics) -> Option<Framework> {
    let r = &mut Reader::new(PATH, diags);
    let m = r.map(node, "what-framework", &["systems"])?;
    let systems_node = m.require(r, "systems")?;
    let items = r.list(systems_node, "systems");
    if items.is_empty() {
        r.report(
            systems_node.pos,
            "systems",
            Msg::new("framework-without-systems"),
            None,
        );
    }
    let systems = items
        .iter()
        .enumerate()
        .filter_map(|(i, n)| r.within_item("systems", i, |r| system(r, n)))
        .collect();
    Some(Framework {
        path: PATH.into(),
        systems,
    })
}

fn system(r: &mut Reader, node: &Node) -> Option<System> {
    let m = r.map(node, "what-system", SYSTEM_KEYS)?;
    let id = m.require(r, "id").and_then(|n| r.id(n, "id"));
    let role = m
        .require(r, "role")
        .and_then(|n| r.one_of_vocab(n, "role", vocab::ROLES));
    let name = m.require(r, "name").and_then(|n| r.text(n, "name"));
    let name_en = opt_text(r, &m, "name_en");
    let clause = m.get("clause").and_then(|n| r.text(n, "clause"));
    let audiences = vocab::ids(vocab::AUDIENCES);
    let serves = m
        .get("serves")
        .map(|n| r.items(n, "serves", |r, item| r.one_of(item, "serves", &audiences)))
        .unwrap_or_default();
    let summary = opt_text(r, &m, "summary");
    let requirements = m
        .get("requirements")
        .map(|n| r.items(n, "requirements", requirement))
        .unwrap_or_default();
    // A system whose id is valid is kept even when another field is wrong (that error is
    // already reported and stops the build), so references to it are not reported as broken too.
    Some(System {
        id: id?,
        role: role.map(|s| s.value).unwrap_or_default().to_string(),
        name: name.map(|s| s.value).unwrap_or_default(),
        name_en,
        clause,
        serves,
        summary,
        requirements,
    })
}

fn requirement(r: &mut Reader, node: &Node) -> Option<Requirement> {
    let m = r.map(node, "what-requirement", REQUIREMENT_KEYS)?;
    let id = m.require(r, "id").and_then(|n| r.id(n, "id"));
    let title = m.require(r, "title").and_then(|n| r.text(n, "title"));
    let title_en = opt_text(r, &m, "title_en");
    let clause = m.get("clause").and_then(|n| r.text(n, "clause"));
    let description = opt_text(r, &m, "description");
    let rule = m.get("rule").and_then(|n| r.within("rule", |r| rule(r, n)));
    // Kept with a valid id even when another field is wrong, as systems are.
    Some(Requirement {
        id: id?,
        title: title.map(|s| s.value).unwrap_or_default(),
        title_en,
        clause,
        description,
        rule,
    })
}

fn rule(r: &mut Reader, node: &Node) -> Option<Rule> {
    let m = r.map(node, "what-rule", RULE_KEYS)?;
    let mut conditions = Vec::new();
    let mut written = false;
    for key in RULE_KEYS {
        let Some(value) = m.get(key) else { continue };
        written = true;
        let condition = match *key {
            "min_services" => r.count(value, key).map(|n| Condition::MinServices(n.value)),
            "min_brand_features" => r
                .count(value, key)
                .map(|n| Condition::MinBrandFeatures(n.value)),
            "min_supporting_services" => r
                .count(value, key)
                .map(|n| Condition::MinSupportingServices(n.value)),
            "audience_any" => {
                let audiences = vocab::ids(vocab::AUDIENCES);
                let items = r.list(value, key);
                let list: Vec<String> = items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, n)| r.within_item(key, i, |r| r.one_of(n, key, &audiences)))
                    .map(|s| s.value)
                    .collect();
                if items.is_empty() {
                    r.report(value.pos, key, Msg::new("audience-any-empty"), None);
                }
                // Unknown audiences were reported one by one.
                (!list.is_empty() && list.len() == items.len())
                    .then_some(Condition::AudienceAny(list))
            }
            "integrated_provider" => flag(r, value, key).map(|_| Condition::IntegratedProvider),
            _ => flag(r, value, key).map(|_| Condition::ProvidersLegalEntities),
        };
        conditions.extend(condition);
    }
    if conditions.is_empty() {
        if written {
            // Every condition written is wrong, and each was reported as such.
            return None;
        }
        let hint = Msg::new("keys-taken")
            .word("what", "what-rule")
            .list("keys", RULE_KEYS);
        r.error_hint(m.pos(), Msg::new("rule-without-condition"), Some(hint));
        return None;
    }
    Some(Rule { conditions })
}

/// A condition written as `key: true`; `false` would mean nothing, so it is refused.
fn flag(r: &mut Reader, node: &Node, key: &str) -> Option<()> {
    match r.bool(node, key)? {
        b if b.value => Some(()),
        b => {
            let hint = msg!("flag-false-hint", key = key);
            r.report(b.pos, key, msg!("flag-false", key = key), Some(hint));
            None
        }
    }
}

fn opt_text(r: &mut Reader, m: &MapView, key: &str) -> Option<String> {
    m.get(key).and_then(|n| r.text(n, key)).map(|s| s.value)
}
