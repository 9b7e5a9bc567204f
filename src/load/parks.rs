//! `parks/<id>.yaml`: one park's service system. References to providers, systems and
//! requirements are kept with their positions and checked later, against the whole site.

use super::reader::{MapView, Reader, Spanned};
use super::yaml::Node;
use crate::diagnostics::Diagnostics;
use crate::messages::Msg;
use crate::model::{BrandFeature, Park, Service, SpecializedProvider};
use crate::vocab;

pub const PARK_KEYS: &[&str] = &[
    "name",
    "name_en",
    "provider",
    "level",
    "type",
    "region",
    "district",
    "industries",
    "summary",
    "brand",
    "providers",
    "services",
    "assessment",
    "assessments",
    "updated",
];
pub const BRAND_KEYS: &[&str] = &["slogan", "features"];
pub const FEATURE_KEYS: &[&str] = &["title", "description"];
pub const PROVIDER_KEYS: &[&str] = &["id", "name", "kind", "legal_entity"];
pub const SERVICE_KEYS: &[&str] = &[
    "id",
    "system",
    "name",
    "audience",
    "provider",
    "description",
    "requirements",
];

pub fn read(node: &Node, id: &str, path: &str, diags: &mut Diagnostics) -> Option<Park> {
    let r = &mut Reader::new(path, diags);
    let m = r.map(node, "what-park", PARK_KEYS)?;
    let name = m.require(r, "name").and_then(|n| r.text(n, "name"));
    let name_en = opt_text(r, &m, "name_en");
    let provider = m.get("provider").and_then(|n| r.id(n, "provider"));
    let level = m
        .require(r, "level")
        .and_then(|n| r.one_of_vocab(n, "level", vocab::LEVELS));
    let park_type = m
        .require(r, "type")
        .and_then(|n| r.one_of_vocab(n, "type", vocab::PARK_TYPES));
    let region = m.require(r, "region").and_then(|n| r.text(n, "region"));
    let district = opt_text(r, &m, "district");
    let industries = m
        .get("industries")
        .map(|n| r.strings(n, "industries"))
        .unwrap_or_default();
    let summary = opt_text(r, &m, "summary");
    let (slogan, features) = m
        .get("brand")
        .map(|n| r.within("brand", |r| brand(r, n)))
        .unwrap_or_default();
    let providers = list_of(r, &m, "providers", specialized_provider);
    let services = list_of(r, &m, "services", service);
    let assessments = super::assessments::read(r, &m);
    let updated = m
        .get("updated")
        .and_then(|n| r.date(n, "updated"))
        .map(|s| s.value);
    // A park with a wrong field is still read whole (that error is already reported and stops the
    // build), so the references in the rest of it are checked in the same run.
    let text = |s: Option<Spanned<String>>| s.map(|s| s.value).unwrap_or_default();
    Some(Park {
        id: id.to_string(),
        path: path.to_string(),
        name: text(name),
        name_en,
        provider,
        level: level.map(|s| s.value).unwrap_or_default().to_string(),
        park_type: park_type.map(|s| s.value).unwrap_or_default().to_string(),
        region: text(region),
        district,
        industries: industries.into_iter().map(|s| s.value).collect(),
        summary,
        slogan,
        features,
        providers,
        services,
        assessments,
        updated,
    })
}

fn brand(r: &mut Reader, node: &Node) -> (Option<String>, Vec<BrandFeature>) {
    let Some(m) = r.map(node, "what-brand", BRAND_KEYS) else {
        return Default::default();
    };
    let slogan = opt_text(r, &m, "slogan");
    let features = list_of(r, &m, "features", |r, n| {
        let m = r.map(n, "what-feature", FEATURE_KEYS)?;
        let title = m.require(r, "title").and_then(|n| r.text(n, "title"));
        let description = opt_text(r, &m, "description");
        Some(BrandFeature {
            title: title?.value,
            description,
        })
    });
    (slogan, features)
}

fn specialized_provider(r: &mut Reader, node: &Node) -> Option<SpecializedProvider> {
    let m = r.map(node, "what-specialized-provider", PROVIDER_KEYS)?;
    let id = m.require(r, "id").and_then(|n| r.id(n, "id"));
    let name = m.require(r, "name").and_then(|n| r.text(n, "name"));
    let kind = m
        .require(r, "kind")
        .and_then(|n| r.one_of_vocab(n, "kind", vocab::SPECIALIZED_PROVIDER_KINDS));
    let legal_entity = m
        .require(r, "legal_entity")
        .and_then(|n| r.bool(n, "legal_entity"));
    if id
        .as_ref()
        .is_some_and(|id| id.value == crate::model::INTEGRATED)
    {
        let pos = id.as_ref().map(|i| i.pos).unwrap_or_default();
        r.report(pos, "id", Msg::new("integrated-reserved"), None);
        return None;
    }
    // Kept with a valid id even when another field is wrong (that error is already reported and
    // stops the build), so the services that use it are not reported as broken too.
    Some(SpecializedProvider {
        index: r.item_index(),
        id: id?,
        name: name.map(|s| s.value).unwrap_or_default(),
        kind: kind.map(|s| s.value).unwrap_or_default(),
        legal_entity: legal_entity.is_some_and(|b| b.value),
    })
}

fn service(r: &mut Reader, node: &Node) -> Option<Service> {
    let m = r.map(node, "what-service", SERVICE_KEYS)?;
    let id = m.require(r, "id").and_then(|n| r.id(n, "id"));
    let system = m.require(r, "system").and_then(|n| r.text(n, "system"));
    let name = m.require(r, "name").and_then(|n| r.text(n, "name"));
    let audience = match m.require(r, "audience") {
        Some(n) => {
            if n.kind == super::yaml::NodeKind::Seq(Vec::new()) {
                r.report(n.pos, "audience", Msg::new("audience-empty"), None);
            }
            r.items(n, "audience", |r, i| {
                r.one_of_vocab(i, "audience", vocab::AUDIENCES)
                    .map(|s| s.value)
            })
        }
        None => Vec::new(),
    };
    let provider = m.require(r, "provider").and_then(|n| r.text(n, "provider"));
    let description = opt_text(r, &m, "description");
    let requirements = m
        .get("requirements")
        .map(|n| r.strings(n, "requirements"))
        .unwrap_or_default();
    // Kept when only its name is wrong, so its references are still checked.
    Some(Service {
        index: r.item_index(),
        id: id?,
        system: system?,
        name: name.map(|s| s.value).unwrap_or_default(),
        audience,
        provider: provider?,
        description,
        requirements,
    })
}

fn list_of<T>(
    r: &mut Reader,
    m: &MapView,
    key: &'static str,
    item: impl Fn(&mut Reader, &Node) -> Option<T>,
) -> Vec<T> {
    let Some(node) = m.get(key) else {
        return Vec::new();
    };
    r.items(node, key, item)
}

fn opt_text(r: &mut Reader, m: &MapView, key: &str) -> Option<String> {
    m.get(key).and_then(|n| r.text(n, key)).map(|s| s.value)
}
