//! The JSON report: stable English keys, kinds and status ids for tools, and beside each item
//! its `text` in the language asked for. Values keep their data (`"old": "met"`); `old_text` and
//! `new_text` are what a reader would see.

use super::{claim_details, claim_word, scope_msg, summary_msg, verdict};
use crate::diff::{DataChange, Scope, SiteDiff, Val};
use crate::messages::{Arg, Lang, Msg};
use serde_json::{json, Map, Value};

pub(super) fn render(diff: &SiteDiff, lang: Lang) -> String {
    let s = diff.summary();
    let report = json!({
        "worse": s.worse(),
        "verdict": verdict(&s).text(lang),
        "summary": {
            "parks_added": s.parks_added,
            "parks_removed": s.parks_removed,
            "parks_changed": s.parks_changed,
            "statuses_fell": s.statuses_fell,
            "statuses_rose": s.statuses_rose,
            "claims_new": s.claims_new,
            "claims_resolved": s.claims_resolved,
            "errors_new": s.errors_new,
            "errors_resolved": s.errors_resolved,
            "warnings_new": s.warnings_new,
            "warnings_resolved": s.warnings_resolved,
            "providers_changed": s.providers_changed,
            "framework_changes": s.framework_changes,
            "text": summary_msg(&s).text(lang),
        },
        "parks": diff.parks.iter().map(|p| json!({
            "id": p.id,
            "name": p.name,
            "presence": p.presence.as_str(),
            "compared": p.compared,
            "statuses": p.statuses.iter().map(|st| {
                let mut o = Map::new();
                o.insert("kind".into(), json!(st.direction().kind()));
                match &st.scope {
                    Scope::Overall => {
                        o.insert("scope".into(), json!("overall"));
                    }
                    Scope::System { id, name } => {
                        o.insert("scope".into(), json!("system"));
                        o.insert("system".into(), json!(id));
                        o.insert("name".into(), json!(name));
                    }
                    Scope::Requirement { id, title, clause, system } => {
                        o.insert("scope".into(), json!("requirement"));
                        o.insert("requirement".into(), json!(id));
                        o.insert("system".into(), json!(system));
                        o.insert("title".into(), json!(title));
                        o.insert("clause".into(), json!(clause));
                    }
                }
                o.insert("old".into(), json!(st.old.map(|s| s.as_str())));
                o.insert("new".into(), json!(st.new.map(|s| s.as_str())));
                o.insert("text".into(), json!(scope_msg(&st.scope).text(lang)));
                o.insert("because".into(), st.because.iter().map(|m| msg(m, lang)).collect());
                Value::Object(o)
            }).collect::<Vec<_>>(),
            "claims": p.claims.iter().map(|c| json!({
                "kind": if c.resolved { "claim-resolved" } else { "claim-new" },
                "requirement": c.requirement,
                "title": c.title,
                "clause": c.clause,
                "declared": c.declared.map(|s| s.as_str()),
                "computed": c.computed.map(|s| s.as_str()),
                "evidence": c.evidence,
                "text": format!("{}: {}", Msg::new(claim_word(c.resolved)).text(lang), claim_details(c).text(lang)),
            })).collect::<Vec<_>>(),
            "changes": changes(&p.data, lang),
        })).collect::<Vec<_>>(),
        "providers": diff.providers.iter().map(|p| json!({
            "id": p.id,
            "name": p.name,
            "presence": p.presence.as_str(),
            "parks": p.parks,
            "changes": changes(&p.data, lang),
        })).collect::<Vec<_>>(),
        "framework": changes(&diff.framework, lang),
        "diagnostics": {
            "new": diff.diagnostics.new,
            "resolved": diff.diagnostics.resolved,
        },
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

fn changes(list: &[DataChange], lang: Lang) -> Vec<Value> {
    list.iter()
        .map(|c| {
            json!({
                "kind": c.kind,
                "key": c.key,
                "old": c.old.as_ref().map(val),
                "new": c.new.as_ref().map(val),
                "text": c.what.text(lang),
                "old_text": c.old.as_ref().map(|v| v.text(lang)),
                "new_text": c.new.as_ref().map(|v| v.text(lang)),
            })
        })
        .collect()
}

/// A value as data: texts as written, ids of vocabularies and statuses, booleans.
fn val(v: &Val) -> Value {
    match v {
        Val::Text(t) => json!(t),
        Val::List(items) => json!(items),
        Val::Label(_, id) => json!(id),
        Val::Labels(_, ids) => json!(ids),
        Val::Status(s) => json!(s.as_str()),
        Val::Bool(b) => json!(b),
        Val::Msg(m) => json!(m.text(Lang::En)),
    }
}

/// A message as data: its code, its arguments (nested messages as objects) and its text.
fn msg(m: &Msg, lang: Lang) -> Value {
    let args: Map<String, Value> = m
        .args
        .iter()
        .map(|(name, arg)| {
            let value = match arg {
                Arg::Text(t) => json!(t),
                Arg::List(items) => json!(items),
                Arg::Word(code) => json!(code),
                Arg::Msg(inner) => msg(inner, lang),
            };
            (name.to_string(), value)
        })
        .collect();
    json!({ "code": m.code, "args": args, "text": m.text(lang) })
}
