//! `parkbook diff`: what a submission changes for a reader, from two versions of a site root.
//!
//! Each side is loaded and validated as `check` does, and its compliance computed, errors or
//! not ([`Side::load`]). [`compare`] then gives a [`SiteDiff`]: per park, what was added or
//! removed, which fields and services changed, every status that changed with the rule and the
//! data behind it, unsupported claims that appeared or were resolved; per integrated provider,
//! what changed and which parks it runs; what changed in the framework; and the diagnostics
//! found in one side and not the other. [`report`] renders it as Markdown (a pull-request
//! comment), plain text or JSON, in either language.
//!
//! Nothing here knows a framework's systems, requirements or clauses: they are read from the
//! sites compared.

mod explain;
mod others;
mod parks;
pub mod report;
pub mod rev;

use crate::compliance::{ParkCompliance, Status};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::messages::{Lang, Msg};
use crate::model::{Park, Provider, Site};
use crate::vocab::Vocabulary;
use rustc_hash::{FxHashMap as FxMap, FxHashSet as FxSet};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One version of a site: what loaded, its compliance and every problem found in it.
pub struct Side {
    /// `None` when the site could not be read at all (no settings or no framework).
    pub site: Option<Site>,
    /// One per park of `site`, in the same order.
    pub compliance: Vec<ParkCompliance>,
    /// Errors and warnings, sorted.
    pub diagnostics: Diagnostics,
}

impl Side {
    /// Loads and validates `root` as `parkbook check` does, and computes compliance even when
    /// there are errors, so that the parks the errors do not touch can still be compared.
    pub fn load(root: &Path) -> Side {
        let (site, mut diagnostics) = crate::load::load(root);
        if let Some(site) = &site {
            crate::validate::validate(site, &mut diagnostics);
        }
        diagnostics.sort();
        let compliance = site.as_ref().map_or_else(Vec::new, crate::evaluate_all);
        Side {
            site,
            compliance,
            diagnostics,
        }
    }
}

/// Which way a status moved. Not applicable counts as no shortfall: a requirement that stops
/// applying has not fallen, one that starts applying unmet has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Fell,
    Rose,
    /// Another status of the same standing, or a status on one side only.
    Changed,
}

impl Direction {
    pub fn of(old: Option<Status>, new: Option<Status>) -> Direction {
        let rank = |s: Status| match s {
            Status::Met | Status::NotApplicable => 2,
            Status::Partial => 1,
            Status::Unmet => 0,
        };
        match (old, new) {
            (Some(o), Some(n)) if rank(n) < rank(o) => Direction::Fell,
            (Some(o), Some(n)) if rank(n) > rank(o) => Direction::Rose,
            _ => Direction::Changed,
        }
    }

    /// The JSON kind of a status change that went this way.
    pub fn kind(self) -> &'static str {
        match self {
            Direction::Fell => "status-fell",
            Direction::Rose => "status-rose",
            Direction::Changed => "status-changed",
        }
    }
}

/// Whose status changed.
#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    Overall,
    System {
        id: String,
        name: String,
    },
    Requirement {
        id: String,
        title: String,
        clause: Option<String>,
        system: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct StatusChange {
    pub scope: Scope,
    pub old: Option<Status>,
    pub new: Option<Status>,
    /// The rule and the data behind the change, one line each.
    pub because: Vec<Msg>,
}

impl StatusChange {
    pub fn direction(&self) -> Direction {
        Direction::of(self.old, self.new)
    }
}

/// An unsupported claim (a declaration of met that the data contradicts) that appeared or was
/// resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub requirement: String,
    pub title: String,
    pub clause: Option<String>,
    /// `false`: the claim is new in NEW; `true`: OLD had it and NEW has not.
    pub resolved: bool,
    /// NEW's declaration and computed status (OLD's when the requirement is gone).
    pub declared: Option<Status>,
    pub computed: Option<Status>,
    pub evidence: Option<String>,
}

/// A value shown to readers; words are translated, data is shown as written.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Text(String),
    List(Vec<String>),
    /// An id of a vocabulary: its Chinese label in Chinese, the id in English.
    Label(Vocabulary, String),
    Labels(Vocabulary, Vec<String>),
    Status(Status),
    Bool(bool),
    Msg(Msg),
}

impl Val {
    pub fn text(&self, lang: Lang) -> String {
        let label =
            |vocabulary: Vocabulary, id: &str| match (lang, crate::vocab::label(vocabulary, id)) {
                (Lang::Zh, label) if !label.is_empty() => label.to_string(),
                _ => id.to_string(),
            };
        let join = |items: Vec<String>| items.join(list_separator(lang));
        match self {
            Val::Text(t) => t.clone(),
            Val::List(items) => join(items.clone()),
            Val::Label(v, id) => label(v, id),
            Val::Labels(v, ids) => join(ids.iter().map(|id| label(v, id)).collect()),
            Val::Status(s) => Msg::new(explain::status_word(*s)).text(lang),
            Val::Bool(b) => Msg::new(if *b { "diff-yes" } else { "diff-no" }).text(lang),
            Val::Msg(m) => m.text(lang),
        }
    }
}

pub(crate) fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

/// A change to data a reader sees: a field, a service, a feature, a declaration…
#[derive(Clone, Debug, PartialEq)]
pub struct DataChange {
    /// Stable JSON kind: `field-changed`, `service-added`, `service-removed`, `service-moved`…
    pub kind: &'static str,
    /// Stable JSON key of what changed: `name`, `services.canteen.system`…
    pub key: String,
    /// What changed, for readers.
    pub what: Msg,
    pub old: Option<Val>,
    pub new: Option<Val>,
}

/// NEW's ids in their order, then OLD's that NEW has not.
pub(crate) fn ordered<'a>(
    old: impl Iterator<Item = &'a str>,
    new: impl Iterator<Item = &'a str>,
) -> Vec<&'a str> {
    let mut ids: Vec<&str> = new.collect();
    for id in old {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// "ITEM: FIELD", the label of one field of an item (a service, a provider…).
pub(crate) fn of(item: Msg, field: &'static str) -> Msg {
    Msg::new("diff-of")
        .msg("item", item)
        .msg("field", Msg::new(field))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Added,
    Removed,
    Changed,
}

impl Presence {
    pub fn of<T>(old: &Option<T>, new: &Option<T>) -> Presence {
        match (old, new) {
            (None, _) => Presence::Added,
            (_, None) => Presence::Removed,
            _ => Presence::Changed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Presence::Added => "added",
            Presence::Removed => "removed",
            Presence::Changed => "changed",
        }
    }
}

/// What changed in one park. Only parks with a change are listed.
#[derive(Clone, Debug, PartialEq)]
pub struct ParkDiff {
    pub id: String,
    /// NEW's name (OLD's for a removed park; the id when neither side could read the file).
    pub name: String,
    pub presence: Presence,
    /// `false` when the park's file or the framework has errors on either side: its statuses
    /// are not compared then (the errors are listed).
    pub compared: bool,
    pub statuses: Vec<StatusChange>,
    pub claims: Vec<Claim>,
    pub data: Vec<DataChange>,
}

/// What changed in one integrated service provider.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderDiff {
    pub id: String,
    pub name: String,
    pub presence: Presence,
    pub data: Vec<DataChange>,
    /// The names of the parks it runs, in NEW (in OLD when removed).
    pub parks: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiagnosticsDiff {
    /// In NEW and not in OLD (compared by severity, file and message; positions may shift).
    pub new: Vec<Diagnostic>,
    /// In OLD and not in NEW.
    pub resolved: Vec<Diagnostic>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SiteDiff {
    pub parks: Vec<ParkDiff>,
    pub providers: Vec<ProviderDiff>,
    pub framework: Vec<DataChange>,
    pub diagnostics: DiagnosticsDiff,
}

/// The counts of a diff, for the summary line and the exit status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub parks_added: usize,
    pub parks_removed: usize,
    pub parks_changed: usize,
    pub statuses_fell: usize,
    pub statuses_rose: usize,
    pub claims_new: usize,
    pub claims_resolved: usize,
    pub errors_new: usize,
    pub errors_resolved: usize,
    pub warnings_new: usize,
    pub warnings_resolved: usize,
    pub providers_changed: usize,
    pub framework_changes: usize,
}

impl Summary {
    /// A status fell, an unsupported claim appeared or an error appeared: a reviewer must look.
    pub fn worse(&self) -> bool {
        self.statuses_fell + self.claims_new + self.errors_new > 0
    }

    pub fn nothing_changed(&self) -> bool {
        *self == Summary::default()
    }
}

impl SiteDiff {
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for park in &self.parks {
            match park.presence {
                Presence::Added => s.parks_added += 1,
                Presence::Removed => s.parks_removed += 1,
                Presence::Changed => s.parks_changed += 1,
            }
            for change in &park.statuses {
                match change.direction() {
                    Direction::Fell => s.statuses_fell += 1,
                    Direction::Rose => s.statuses_rose += 1,
                    Direction::Changed => {}
                }
            }
            s.claims_resolved += park.claims.iter().filter(|c| c.resolved).count();
            s.claims_new += park.claims.iter().filter(|c| !c.resolved).count();
        }
        let errors = |list: &[Diagnostic]| {
            let n = list
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            (n, list.len() - n)
        };
        (s.errors_new, s.warnings_new) = errors(&self.diagnostics.new);
        (s.errors_resolved, s.warnings_resolved) = errors(&self.diagnostics.resolved);
        s.providers_changed = self.providers.len();
        s.framework_changes = self.framework.len();
        s
    }
}

/// What a side offers the comparison of one park.
pub(crate) struct Ctx<'a> {
    pub site: &'a Site,
    pub providers: FxMap<&'a str, &'a Provider>,
    /// Files with an error.
    pub broken: FxSet<&'a str>,
}

impl<'a> Ctx<'a> {
    fn new(site: &'a Site, diagnostics: &'a Diagnostics) -> Ctx<'a> {
        Ctx {
            site,
            providers: site.providers.iter().map(|p| (p.id.as_str(), p)).collect(),
            broken: diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.path.as_str())
                .collect(),
        }
    }

    pub fn framework_broken(&self) -> bool {
        self.broken.contains(self.site.framework.path.as_str())
    }
}

/// A park as one side has it: the park, its compliance and its side.
pub(crate) type ParkSide<'a> = (&'a Park, &'a ParkCompliance, &'a Ctx<'a>);

/// Compares two sides.
pub fn compare(old: &Side, new: &Side) -> SiteDiff {
    let old_ctx = old.site.as_ref().map(|s| Ctx::new(s, &old.diagnostics));
    let new_ctx = new.site.as_ref().map(|s| Ctx::new(s, &new.diagnostics));
    let mut diff = SiteDiff {
        parks: Vec::new(),
        providers: Vec::new(),
        framework: Vec::new(),
        diagnostics: compare_diagnostics(&old.diagnostics, &new.diagnostics),
    };
    // Without a site on one side nothing can be compared but the problems.
    let (Some(old_ctx), Some(new_ctx)) = (&old_ctx, &new_ctx) else {
        return diff;
    };
    diff.parks = compare_parks(old, old_ctx, new, new_ctx);
    diff.providers = others::providers(old_ctx, new_ctx);
    diff.framework = others::framework(&old_ctx.site.framework, &new_ctx.site.framework);
    diff
}

/// The parks of a side by id, with those whose file has errors and did not load as `None`.
fn parks_by_id<'a>(side: &'a Side, ctx: &'a Ctx<'a>) -> FxMap<String, Option<ParkSide<'a>>> {
    let mut parks: FxMap<String, Option<ParkSide>> = ctx
        .site
        .parks
        .iter()
        .zip(&side.compliance)
        .map(|(p, c)| (p.id.clone(), Some((p, c, ctx))))
        .collect();
    for path in &ctx.broken {
        if let Some(id) = path
            .strip_prefix("content/parks/")
            .and_then(|f| f.strip_suffix(".yaml"))
        {
            parks.entry(id.to_string()).or_insert(None);
        }
    }
    parks
}

fn compare_parks(old: &Side, old_ctx: &Ctx, new: &Side, new_ctx: &Ctx) -> Vec<ParkDiff> {
    let old_parks = parks_by_id(old, old_ctx);
    let new_parks = parks_by_id(new, new_ctx);
    let ids: BTreeSet<&String> = old_parks.keys().chain(new_parks.keys()).collect();
    let framework_broken = old_ctx.framework_broken() || new_ctx.framework_broken();
    ids.into_iter()
        .filter_map(|id| {
            let path = format!("content/parks/{id}.yaml");
            let broken = framework_broken
                || old_ctx.broken.contains(path.as_str())
                || new_ctx.broken.contains(path.as_str());
            parks::compare(
                id,
                old_parks.get(id).copied().flatten(),
                new_parks.get(id).copied().flatten(),
                old_parks.contains_key(id),
                new_parks.contains_key(id),
                !broken,
            )
        })
        .collect()
}

/// The diagnostics of NEW not in OLD and the other way round, compared as multisets of
/// (severity, file, message): a problem whose line moved is the same problem.
fn compare_diagnostics(old: &Diagnostics, new: &Diagnostics) -> DiagnosticsDiff {
    type Key<'a> = (Severity, &'a str, String);
    fn key(d: &Diagnostic) -> Key<'_> {
        let message = d.message.text(crate::messages::Lang::En);
        (d.severity, d.path.as_str(), message)
    }
    fn counts(diags: &Diagnostics) -> BTreeMap<Key<'_>, usize> {
        let mut counts = BTreeMap::new();
        for d in diags.iter() {
            *counts.entry(key(d)).or_insert(0) += 1;
        }
        counts
    }
    fn only_in(these: &Diagnostics, other: &Diagnostics) -> Vec<Diagnostic> {
        let mut budget = counts(other);
        these
            .iter()
            .filter(|d| match budget.get_mut(&key(d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .cloned()
            .collect()
    }
    DiagnosticsDiff {
        new: only_in(new, old),
        resolved: only_in(old, new),
    }
}

#[cfg(test)]
mod tests;
