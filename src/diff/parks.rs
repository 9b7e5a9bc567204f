//! One park, two versions: its fields, brand features, specialized providers, services and
//! declarations as a reader sees them, its statuses and its unsupported claims.

use super::explain;
use super::{of, Claim, Ctx, DataChange, ParkDiff, ParkSide, Presence, Val};
use crate::messages::Msg;
use crate::model::{Park, Service, INTEGRATED};
use crate::msg;
use crate::vocab::{self, Vocabulary};

/// The changes of park `id`. `old`/`new` are `None` on a side that has no such park or could
/// not read its file (`in_old`/`in_new` tell which); statuses are compared only when
/// `compared`. `None` when nothing changed.
pub(super) fn compare(
    id: &str,
    old: Option<ParkSide>,
    new: Option<ParkSide>,
    in_old: bool,
    in_new: bool,
    compared: bool,
) -> Option<ParkDiff> {
    let presence = match (in_old, in_new) {
        (false, _) => Presence::Added,
        (_, false) => Presence::Removed,
        _ => Presence::Changed,
    };
    let name = new
        .or(old)
        .map_or_else(|| id.to_string(), |(p, _, _)| p.name.clone());
    let mut diff = ParkDiff {
        id: id.to_string(),
        name,
        presence,
        compared,
        statuses: Vec::new(),
        claims: Vec::new(),
        data: Vec::new(),
    };
    match (old, new) {
        (Some(o), Some(n)) => {
            diff.data = data(o, n);
            if compared {
                diff.statuses = explain::statuses(o, n);
                diff.claims = claims(Some(o), n);
            }
        }
        (None, Some(n)) if compared => {
            diff.statuses = explain::statuses_of_new(n);
            diff.claims = claims(None, n);
        }
        (Some(o), None) if compared => diff.statuses = explain::statuses_of_removed(o),
        _ => {}
    }
    let unchanged = diff.statuses.is_empty() && diff.claims.is_empty() && diff.data.is_empty();
    let readable_alike = old.is_some() == new.is_some();
    if presence == Presence::Changed && unchanged && readable_alike {
        return None;
    }
    Some(diff)
}

/// The unsupported claims that NEW has and OLD had not, then those OLD had and NEW has not.
fn claims(old: Option<ParkSide>, new: ParkSide) -> Vec<Claim> {
    let unsupported = |side: Option<ParkSide>, id: &str| {
        side.and_then(|(_, c, _)| c.requirement(id))
            .is_some_and(|r| r.unsupported_claim)
    };
    let claim = |(park, compliance, ctx): ParkSide, id: &str, resolved: bool| {
        let result = compliance.requirement(id);
        let req = ctx.site.framework.requirement(id).map(|(_, r)| r);
        Claim {
            requirement: id.to_string(),
            title: req.map_or_else(|| id.to_string(), |r| r.title.clone()),
            clause: req.and_then(|r| r.clause.as_ref()).map(|c| c.value.clone()),
            resolved,
            declared: result.and_then(|r| r.declared),
            computed: result.and_then(|r| r.computed),
            evidence: park
                .assessment_results(&ctx.site.as_of)
                .iter()
                .find(|r| *r.requirement == id)
                .and_then(|r| r.evidence.clone()),
        }
    };
    let mut claims: Vec<Claim> = new
        .1
        .requirements
        .iter()
        .filter(|r| r.unsupported_claim && !unsupported(old, &r.requirement))
        .map(|r| claim(new, &r.requirement, false))
        .collect();
    if let Some(old) = old {
        claims.extend(
            old.1
                .requirements
                .iter()
                .filter(|r| r.unsupported_claim && !unsupported(Some(new), &r.requirement))
                .map(|r| {
                    let side = if new.1.requirement(&r.requirement).is_some() {
                        new
                    } else {
                        old
                    };
                    claim(side, &r.requirement, true)
                }),
        );
    }
    claims
}

/// The changes a reader sees in the park's own data.
fn data((o, _, oc): ParkSide, (n, _, nc): ParkSide) -> Vec<DataChange> {
    let mut out = Changes::default();
    let text = |s: &Option<String>| s.clone().map(Val::Text);
    out.field(
        "name",
        "diff-field-name",
        Some(Val::Text(o.name.clone())),
        Some(Val::Text(n.name.clone())),
    );
    out.field(
        "name_en",
        "diff-field-name-en",
        text(&o.name_en),
        text(&n.name_en),
    );
    // A provider's own changes are listed with the provider, not with each of its parks.
    let provider_id = |p: &Park| p.provider.as_ref().map(|p| p.value.clone());
    if provider_id(o) != provider_id(n) {
        out.push(DataChange {
            kind: "field-changed",
            key: "provider".into(),
            what: Msg::new("diff-field-provider"),
            old: provider_val(o, oc),
            new: provider_val(n, nc),
        });
    }
    // A value the loader refused is kept empty.
    let label = |v: Vocabulary, id: &str| (!id.is_empty()).then(|| Val::Label(v, id.to_string()));
    out.field(
        "level",
        "diff-field-level",
        label(vocab::LEVELS, &o.level),
        label(vocab::LEVELS, &n.level),
    );
    out.field(
        "type",
        "diff-field-type",
        label(vocab::PARK_TYPES, &o.park_type),
        label(vocab::PARK_TYPES, &n.park_type),
    );
    out.field(
        "region",
        "diff-field-region",
        Some(Val::Text(o.region.clone())),
        Some(Val::Text(n.region.clone())),
    );
    out.field(
        "district",
        "diff-field-district",
        text(&o.district),
        text(&n.district),
    );
    let list = |l: &[String]| (!l.is_empty()).then(|| Val::List(l.to_vec()));
    out.field(
        "industries",
        "diff-field-industries",
        list(&o.industries),
        list(&n.industries),
    );
    out.field(
        "summary",
        "diff-field-summary",
        text(&o.summary),
        text(&n.summary),
    );
    out.field(
        "brand.slogan",
        "diff-field-slogan",
        text(&o.slogan),
        text(&n.slogan),
    );
    features(o, n, &mut out);
    specialized_providers(o, n, &mut out);
    services(o, oc, n, nc, &mut out);
    assessment(o, oc, n, nc, &mut out);
    out.field(
        "updated",
        "diff-field-updated",
        text(&o.updated),
        text(&n.updated),
    );
    out.list
}

#[derive(Default)]
struct Changes {
    list: Vec<DataChange>,
}

impl Changes {
    fn push(&mut self, change: DataChange) {
        self.list.push(change);
    }

    /// A `field-changed` row when the values differ.
    fn field(&mut self, key: &str, label: &'static str, old: Option<Val>, new: Option<Val>) {
        self.changed("field-changed", key.to_string(), Msg::new(label), old, new);
    }

    fn changed(
        &mut self,
        kind: &'static str,
        key: String,
        what: Msg,
        old: Option<Val>,
        new: Option<Val>,
    ) {
        if old != new {
            self.push(DataChange {
                kind,
                key,
                what,
                old,
                new,
            });
        }
    }

    /// `KIND-added` and `KIND-removed` rows for items of one side only, and `changed` for
    /// those on both: items are matched by their key.
    fn items<'a, T>(
        &mut self,
        old: &'a [T],
        new: &'a [T],
        key: impl Fn(&T) -> String,
        mut row: impl FnMut(&mut Changes, Option<&'a T>, Option<&'a T>),
    ) {
        for item in old {
            let k = key(item);
            row(self, Some(item), new.iter().find(|n| key(n) == k));
        }
        for item in new {
            let k = key(item);
            if !old.iter().any(|o| key(o) == k) {
                row(self, None, Some(item));
            }
        }
    }
}

fn provider_val(park: &Park, ctx: &Ctx) -> Option<Val> {
    let id = park.provider.as_ref()?;
    Some(match ctx.providers.get(id.as_str()) {
        Some(p) => Val::Msg(msg!(
            "diff-named",
            name = p.display_name(),
            id = id.as_str()
        )),
        None => Val::Text(id.value.clone()),
    })
}

fn features(o: &Park, n: &Park, out: &mut Changes) {
    out.items(
        &o.features,
        &n.features,
        |f| f.title.clone(),
        |out, old, new| {
            let title = old.or(new).map(|f| f.title.clone()).unwrap_or_default();
            let what = msg!("diff-feature", title = &title);
            let key = format!("brand.features.{title}");
            let description = |f: Option<&crate::model::BrandFeature>| {
                f.map(|f| Val::Text(f.description.clone().unwrap_or_default()))
            };
            match (old, new) {
                (Some(o), Some(n)) => out.changed(
                    "feature-changed",
                    key,
                    what,
                    description(Some(o)),
                    description(Some(n)),
                ),
                (None, new) => out.push(DataChange {
                    kind: "feature-added",
                    key,
                    what,
                    old: None,
                    new: description(new),
                }),
                (old, None) => out.push(DataChange {
                    kind: "feature-removed",
                    key,
                    what,
                    old: description(old),
                    new: None,
                }),
            }
        },
    );
}

fn specialized_providers(o: &Park, n: &Park, out: &mut Changes) {
    out.items(
        &o.providers,
        &n.providers,
        |p| p.id.value.clone(),
        |out, old, new| {
            let Some(p) = new.or(old) else { return };
            let id = p.id.as_str();
            let key = format!("providers.{id}");
            let kind = |p: &crate::model::SpecializedProvider| {
                Val::Label(vocab::SPECIALIZED_PROVIDER_KINDS, p.kind.to_string())
            };
            let what = || msg!("diff-specialized", name = &p.name, id = id);
            match (old, new) {
                (Some(o), Some(n)) => {
                    out.changed(
                        "specialized-provider-changed",
                        format!("{key}.name"),
                        of(what(), "diff-field-name"),
                        Some(Val::Text(o.name.clone())),
                        Some(Val::Text(n.name.clone())),
                    );
                    out.changed(
                        "specialized-provider-changed",
                        format!("{key}.kind"),
                        of(what(), "diff-field-kind"),
                        Some(kind(o)),
                        Some(kind(n)),
                    );
                    out.changed(
                        "specialized-provider-changed",
                        format!("{key}.legal_entity"),
                        of(what(), "diff-field-legal-entity"),
                        Some(yes_no(o.legal_entity)),
                        Some(yes_no(n.legal_entity)),
                    );
                }
                (None, Some(n)) => out.push(DataChange {
                    kind: "specialized-provider-added",
                    key,
                    what: what(),
                    old: None,
                    new: Some(kind(n)),
                }),
                (Some(o), None) => out.push(DataChange {
                    kind: "specialized-provider-removed",
                    key,
                    what: what(),
                    old: Some(kind(o)),
                    new: None,
                }),
                (None, None) => {}
            }
        },
    );
}

fn yes_no(b: bool) -> Val {
    Val::Bool(b)
}

fn system_name(ctx: &Ctx, id: &str) -> Val {
    Val::Text(
        ctx.site
            .framework
            .system(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone()),
    )
}

fn services(o: &Park, oc: &Ctx, n: &Park, nc: &Ctx, out: &mut Changes) {
    out.items(
        &o.services,
        &n.services,
        |s| s.id.value.clone(),
        |out, old, new| {
            let Some(s) = new.or(old) else { return };
            let id = s.id.as_str();
            let key = format!("services.{id}");
            let what = || msg!("diff-service", name = &s.name, id = id);
            match (old, new) {
                (Some(os), Some(ns)) => {
                    out.changed(
                        "service-moved",
                        format!("{key}.system"),
                        what(),
                        Some(system_name(oc, &os.system)),
                        Some(system_name(nc, &ns.system)),
                    );
                    let text = |s: &Option<String>| s.clone().map(Val::Text);
                    let audience = |s: &Service| {
                        Some(Val::Labels(
                            vocab::AUDIENCES,
                            s.audience.iter().map(|a| a.to_string()).collect(),
                        ))
                    };
                    out.changed(
                        "service-changed",
                        format!("{key}.name"),
                        of(what(), "diff-field-name"),
                        Some(Val::Text(os.name.clone())),
                        Some(Val::Text(ns.name.clone())),
                    );
                    out.changed(
                        "service-changed",
                        format!("{key}.audience"),
                        of(what(), "diff-field-audience"),
                        audience(os),
                        audience(ns),
                    );
                    out.changed(
                        "service-changed",
                        format!("{key}.provider"),
                        of(what(), "diff-field-service-provider"),
                        Some(service_provider(o, os)),
                        Some(service_provider(n, ns)),
                    );
                    out.changed(
                        "service-changed",
                        format!("{key}.description"),
                        of(what(), "diff-field-description"),
                        text(&os.description),
                        text(&ns.description),
                    );
                    out.changed(
                        "service-changed",
                        format!("{key}.requirements"),
                        of(what(), "diff-field-supports"),
                        supports(oc, os),
                        supports(nc, ns),
                    );
                }
                (None, Some(ns)) => out.push(DataChange {
                    kind: "service-added",
                    key,
                    what: what(),
                    old: None,
                    new: Some(system_name(nc, &ns.system)),
                }),
                (Some(os), None) => out.push(DataChange {
                    kind: "service-removed",
                    key,
                    what: what(),
                    old: Some(system_name(oc, &os.system)),
                    new: None,
                }),
                (None, None) => {}
            }
        },
    );
}

/// Who runs a service: the park's integrated provider, or a specialized provider by name.
fn service_provider(park: &Park, service: &Service) -> Val {
    if service.provider.as_str() == INTEGRATED {
        return Val::Msg(Msg::new("diff-integrated"));
    }
    match park
        .providers
        .iter()
        .find(|p| p.id.value == service.provider.value)
    {
        Some(p) => Val::Msg(msg!("diff-named", name = &p.name, id = p.id.as_str())),
        None => Val::Text(service.provider.value.clone()),
    }
}

/// The titles of the requirements a service supports.
fn supports(ctx: &Ctx, service: &Service) -> Option<Val> {
    let titles: Vec<String> = service
        .requirements
        .iter()
        .map(|r| {
            ctx.site
                .framework
                .requirement(r)
                .map_or_else(|| r.value.clone(), |(_, q)| q.title.clone())
        })
        .collect();
    (!titles.is_empty()).then_some(Val::List(titles))
}

fn assessment(o: &Park, oc: &Ctx, n: &Park, nc: &Ctx, out: &mut Changes) {
    // What a reader sees as the park's declaration: its declaring assessment on each side.
    let (oa, na) = (
        o.declaring_assessment(&oc.site.as_of),
        n.declaring_assessment(&nc.site.as_of),
    );
    let kind = |a: Option<&crate::model::Assessment>| {
        a.map(|a| Val::Label(vocab::ASSESSMENT_KINDS, a.kind.clone()))
    };
    out.field(
        "assessment.kind",
        "diff-field-assessment-kind",
        kind(oa),
        kind(na),
    );
    let assessor = |a: Option<&crate::model::Assessment>| {
        a.and_then(|a| a.assessor.organisation.clone().or(a.assessor.name.clone()))
            .map(Val::Text)
    };
    out.field(
        "assessment.assessor",
        "diff-field-assessor",
        assessor(oa),
        assessor(na),
    );
    let date = |a: Option<&crate::model::Assessment>| {
        a.and_then(|a| a.date()).map(|d| Val::Text(d.to_string()))
    };
    out.field(
        "assessment.date",
        "diff-field-assessment-date",
        date(oa),
        date(na),
    );
    let status = |r: &crate::model::AssessmentResult| {
        crate::compliance::Status::parse(r.status).map(Val::Status)
    };
    let evidence = |r: &crate::model::AssessmentResult| r.evidence.clone().map(Val::Text);
    out.items(
        o.assessment_results(&oc.site.as_of),
        n.assessment_results(&nc.site.as_of),
        |r| r.requirement.value.clone(),
        |out, old, new| {
            let Some(r) = new.or(old) else { return };
            let id = r.requirement.as_str();
            let ctx = if new.is_some() { nc } else { oc };
            let title = ctx
                .site
                .framework
                .requirement(id)
                .map_or_else(|| id.to_string(), |(_, q)| q.title.clone());
            let key = format!("assessment.results.{id}");
            let what = || msg!("diff-declaration", title = &title, id = id);
            match (old, new) {
                (Some(or), Some(nr)) => {
                    out.changed(
                        "declaration-changed",
                        format!("{key}.status"),
                        of(what(), "diff-field-status"),
                        status(or),
                        status(nr),
                    );
                    out.changed(
                        "declaration-changed",
                        format!("{key}.evidence"),
                        of(what(), "diff-field-evidence"),
                        evidence(or),
                        evidence(nr),
                    );
                }
                (None, Some(nr)) => out.push(DataChange {
                    kind: "declaration-added",
                    key,
                    what: what(),
                    old: None,
                    new: status(nr),
                }),
                (Some(or), None) => out.push(DataChange {
                    kind: "declaration-removed",
                    key,
                    what: what(),
                    old: status(or),
                    new: None,
                }),
                (None, None) => {}
            }
        },
    );
}
