//! `/data/catalogue.json`: the whole catalogue as data, for reuse by others. Maps are sorted by
//! key, so the file is the same for the same content.

use super::pages::Ctx;
use serde_json::{json, Map, Value};

pub fn catalogue_json(ctx: &Ctx) -> Vec<u8> {
    let site = ctx.site;
    let parks: Vec<Value> = site
        .parks
        .iter()
        .zip(ctx.compliance)
        .map(|(park, c)| {
            let systems: Map<String, Value> = c
                .systems
                .iter()
                .map(|s| {
                    (
                        s.system.clone(),
                        json!({ "status": s.status, "services": s.services }),
                    )
                })
                .collect();
            let requirements: Map<String, Value> = c
                .requirements
                .iter()
                .map(|r| {
                    let v = json!({
                        "status": r.status,
                        "computed": r.computed,
                        "declared": r.declared,
                        "unsupported_claim": r.unsupported_claim,
                    });
                    (r.requirement.clone(), v)
                })
                .collect();
            json!({
                "id": park.id,
                "name": park.name,
                "name_en": park.name_en,
                "provider": park.provider.as_ref().map(|p| p.value.clone()),
                "level": park.level,
                "type": park.park_type,
                "region": park.region,
                "district": park.district,
                "industries": park.industries,
                "updated": park.updated,
                "url": format!("parks/{}/", park.id),
                "status": c.overall,
                "services": park.services.len(),
                "systems": systems,
                "requirements": requirements,
            })
        })
        .collect();
    let systems: Vec<Value> = site
        .framework
        .systems
        .iter()
        .map(|s| {
            let requirements: Vec<&str> = s.requirements.iter().map(|r| r.id.as_str()).collect();
            json!({
                "id": s.id.value,
                "role": s.role,
                "name": s.name,
                "name_en": s.name_en,
                "clause": s.clause.as_ref().map(|c| c.value.clone()),
                "requirements": requirements,
            })
        })
        .collect();
    let requirements: Vec<Value> = site
        .framework
        .requirements()
        .map(|(s, r)| {
            json!({
                "id": r.id.value,
                "system": s.id.value,
                "title": r.title,
                "clause": r.clause.as_ref().map(|c| c.value.clone()),
                "computed": r.rule.is_some(),
            })
        })
        .collect();
    let providers: Vec<Value> = site
        .providers
        .iter()
        .map(|p| {
            let parks: Vec<&str> = ctx
                .parks_of(&p.id)
                .iter()
                .map(|&i| site.parks[i].id.as_str())
                .collect();
            json!({
                "id": p.id,
                "name": p.name,
                "short_name": p.short_name,
                "brand": p.brand,
                "kind": p.kind,
                "url": format!("providers/{}/", p.id),
                "parks": parks,
            })
        })
        .collect();
    let doc = json!({
        "site": { "title": site.config.title, "publisher": site.config.publisher, "sample_data": site.config.sample_data },
        "framework": { "systems": systems, "requirements": requirements },
        "providers": providers,
        "parks": parks,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
