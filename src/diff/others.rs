//! What changed besides parks: the integrated service providers (with the parks each runs) and
//! the framework's systems and requirements.

use super::explain::rule_msg;
use super::{of, ordered, Ctx, DataChange, Presence, ProviderDiff, Val};
use crate::messages::Msg;
use crate::model::{Framework, Provider};
use crate::msg;
use crate::vocab;
use std::collections::BTreeSet;

pub(super) fn providers(old: &Ctx, new: &Ctx) -> Vec<ProviderDiff> {
    let ids: BTreeSet<&str> = old
        .providers
        .keys()
        .chain(new.providers.keys())
        .copied()
        .collect();
    ids.into_iter()
        .filter_map(|id| {
            let (o, n) = (
                old.providers.get(id).copied(),
                new.providers.get(id).copied(),
            );
            let presence = Presence::of(&o, &n);
            let data = match (o, n) {
                (Some(o), Some(n)) => provider_fields(o, n),
                _ => Vec::new(),
            };
            if presence == Presence::Changed && data.is_empty() {
                return None;
            }
            let (shown, ctx) = match n {
                Some(n) => (n, new),
                None => (o?, old),
            };
            let parks = ctx
                .site
                .parks
                .iter()
                .filter(|p| p.provider.as_ref().is_some_and(|p| p.as_str() == id))
                .map(|p| p.name.clone())
                .collect();
            Some(ProviderDiff {
                id: id.to_string(),
                name: shown.name.clone(),
                presence,
                data,
                parks,
            })
        })
        .collect()
}

fn provider_fields(o: &Provider, n: &Provider) -> Vec<DataChange> {
    let mut out = Vec::new();
    let mut field = |key: &str, label: &'static str, old: Option<Val>, new: Option<Val>| {
        if old != new {
            out.push(DataChange {
                kind: "field-changed",
                key: key.to_string(),
                what: Msg::new(label),
                old,
                new,
            });
        }
    };
    let text = |s: &Option<String>| s.clone().map(Val::Text);
    let kind = |p: &Provider| Some(Val::Label(vocab::INTEGRATED_PROVIDER_KINDS, p.kind.clone()));
    field(
        "name",
        "diff-field-name",
        Some(Val::Text(o.name.clone())),
        Some(Val::Text(n.name.clone())),
    );
    field(
        "short_name",
        "diff-field-short-name",
        text(&o.short_name),
        text(&n.short_name),
    );
    field("kind", "diff-field-kind", kind(o), kind(n));
    field("brand", "diff-field-brand", text(&o.brand), text(&n.brand));
    field(
        "website",
        "diff-field-website",
        text(&o.website),
        text(&n.website),
    );
    field(
        "summary",
        "diff-field-summary",
        text(&o.summary),
        text(&n.summary),
    );
    out
}

/// Systems and requirements added, removed or changed, by id.
pub(super) fn framework(old: &Framework, new: &Framework) -> Vec<DataChange> {
    let mut out = Vec::new();
    let mut push =
        |kind: &'static str, key: String, what: Msg, old: Option<Val>, new: Option<Val>| {
            if old != new {
                out.push(DataChange {
                    kind,
                    key,
                    what,
                    old,
                    new,
                });
            }
        };
    let text = |s: &str| Some(Val::Text(s.to_string()));
    let clause = |c: &Option<crate::diagnostics::Spanned<String>>| {
        c.as_ref().map(|c| Val::Text(c.value.clone()))
    };
    let system_ids = ordered(
        old.systems.iter().map(|s| s.id.as_str()),
        new.systems.iter().map(|s| s.id.as_str()),
    );
    for id in system_ids {
        let (o, n) = (old.system(id), new.system(id));
        let Some(s) = n.or(o) else { continue };
        let key = format!("systems.{id}");
        let what = || msg!("diff-fw-system", name = &s.name, id = id);
        match (o, n) {
            (Some(o), Some(n)) => {
                push(
                    "system-changed",
                    format!("{key}.name"),
                    of(what(), "diff-field-name"),
                    text(&o.name),
                    text(&n.name),
                );
                push(
                    "system-changed",
                    format!("{key}.clause"),
                    of(what(), "diff-field-clause"),
                    clause(&o.clause),
                    clause(&n.clause),
                );
            }
            (None, _) => push("system-added", key, what(), None, text(&s.name)),
            (_, None) => push("system-removed", key, what(), text(&s.name), None),
        }
    }
    let requirement_ids = ordered(
        old.requirements().map(|(_, r)| r.id.as_str()),
        new.requirements().map(|(_, r)| r.id.as_str()),
    );
    for id in requirement_ids {
        let (o, n) = (old.requirement(id), new.requirement(id));
        let Some((s, r)) = n.or(o) else { continue };
        let key = format!("requirements.{id}");
        let what = || msg!("diff-fw-requirement", title = &r.title, id = id);
        match (o, n) {
            (Some((os, or)), Some((ns, nr))) => {
                push(
                    "requirement-changed",
                    format!("{key}.title"),
                    of(what(), "diff-field-title"),
                    text(&or.title),
                    text(&nr.title),
                );
                push(
                    "requirement-changed",
                    format!("{key}.clause"),
                    of(what(), "diff-field-clause"),
                    clause(&or.clause),
                    clause(&nr.clause),
                );
                let rule =
                    |r: &crate::model::Requirement| Some(Val::Msg(rule_msg(r.rule.as_ref())));
                if or.rule != nr.rule {
                    push(
                        "requirement-changed",
                        format!("{key}.rule"),
                        of(what(), "diff-field-rule"),
                        rule(or),
                        rule(nr),
                    );
                }
                if os.id.value != ns.id.value {
                    push(
                        "requirement-changed",
                        format!("{key}.system"),
                        of(what(), "diff-field-system"),
                        text(&os.name),
                        text(&ns.name),
                    );
                }
            }
            (None, _) => push("requirement-added", key, what(), None, text(&s.name)),
            (_, None) => push("requirement-removed", key, what(), text(&s.name), None),
        }
    }
    out
}
