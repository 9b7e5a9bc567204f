//! A [`SiteDiff`] for people: Markdown made to be posted as a pull-request comment, plain text
//! for a terminal (`human`), and JSON with stable English keys and codes (`json`).
//!
//! In Markdown, everything the content wrote (names, summaries, evidence, messages) is escaped:
//! it cannot open a link, an image, HTML, a code span or a new table cell, and cannot mention
//! anyone (`@name`).

mod human;
mod json;

use super::explain::quote;
use super::{Claim, DataChange, Direction, Presence, Scope, SiteDiff, StatusChange, Summary, Val};
use crate::compliance::Status;
use crate::diagnostics::{Diagnostic, Severity};
use crate::messages::{Arg, Lang, Msg};
use crate::msg;
use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Markdown,
    Json,
}

pub fn render(diff: &SiteDiff, format: Format, lang: Lang) -> String {
    match format {
        Format::Human => human::render(diff, lang),
        Format::Markdown => markdown(diff, lang),
        Format::Json => json::render(diff, lang),
    }
}

/// "Needs review: 2 statuses fell, 1 new error", or "nothing got worse".
pub(crate) fn verdict(s: &Summary) -> Msg {
    if !s.worse() {
        return Msg::new(if s.nothing_changed() {
            "diff-verdict-unchanged"
        } else {
            "diff-verdict-ok"
        });
    }
    let mut reasons = Vec::new();
    for (n, code) in [
        (s.statuses_fell, "diff-count-fell"),
        (s.claims_new, "diff-count-claims"),
        (s.errors_new, "diff-count-errors"),
    ] {
        if n > 0 {
            reasons.push(Msg::new(code).arg("n", n));
        }
    }
    let mut reasons = reasons.into_iter().rev();
    let last = reasons.next().expect("worse has a reason");
    let joined = reasons.fold(last, |rest, r| {
        Msg::new("diff-and").msg("first", r).msg("rest", rest)
    });
    Msg::new("diff-verdict-worse").msg("reasons", joined)
}

pub(crate) fn summary_msg(s: &Summary) -> Msg {
    msg!(
        "diff-summary",
        added = s.parks_added,
        removed = s.parks_removed,
        changed = s.parks_changed,
        fell = s.statuses_fell,
        rose = s.statuses_rose,
        claims = s.claims_new,
        claims_resolved = s.claims_resolved,
        errors = s.errors_new,
        errors_resolved = s.errors_resolved,
        warnings = s.warnings_new,
        warnings_resolved = s.warnings_resolved
    )
}

/// Who a status change is about, as readers name it.
pub(crate) fn scope_msg(scope: &Scope) -> Msg {
    match scope {
        Scope::Overall => Msg::new("diff-scope-overall"),
        Scope::System { id, name } => msg!("diff-scope-system", name = name, id = id),
        Scope::Requirement { id, title, .. } => msg!("diff-named", name = title, id = id),
    }
}

pub(crate) fn status_text(status: Option<Status>, lang: Lang) -> String {
    match status {
        Some(s) => Val::Status(s).text(lang),
        None => "—".to_string(),
    }
}

pub(crate) fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A value as a reader sees it: long texts cut to one line.
pub(crate) fn val_text(val: Option<&Val>, lang: Lang) -> String {
    match val {
        None => "—".to_string(),
        Some(Val::Text(t)) => quote(t),
        Some(v) => v.text(lang),
    }
}

/// Text escaped for one cell of a Markdown table (and for headings): every character GitHub
/// Markdown gives a meaning inline is backslash-escaped (`:` too, and the `.` of `www.`, so
/// that no address becomes a link), line breaks become spaces, and `@` is followed by a word
/// joiner so that no one is mentioned.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' | '!' | '&' | '#'
            | ':' => {
                out.push('\\');
                out.push(c);
            }
            '.' if out.len() >= 3
                && out.as_bytes()[out.len() - 3..].eq_ignore_ascii_case(b"www") =>
            {
                out.push_str("\\.")
            }
            '@' => out.push_str("@\u{2060}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A message with every argument escaped; the catalogue's own words stay Markdown.
fn escaped(msg: &Msg) -> Msg {
    Msg {
        code: msg.code,
        args: msg
            .args
            .iter()
            .map(|(name, arg)| {
                let arg = match arg {
                    Arg::Text(t) => Arg::Text(escape(t)),
                    Arg::List(items) => Arg::List(items.iter().map(|i| escape(i)).collect()),
                    Arg::Word(w) => Arg::Word(w),
                    Arg::Msg(m) => Arg::Msg(Box::new(escaped(m))),
                };
                (*name, arg)
            })
            .collect(),
    }
}

fn md(msg: &Msg, lang: Lang) -> String {
    escaped(msg).text(lang)
}

fn md_val(val: Option<&Val>, lang: Lang) -> String {
    match val {
        Some(Val::Msg(m)) => md(m, lang),
        Some(Val::List(items)) => Val::List(items.iter().map(|i| escape(i)).collect()).text(lang),
        other => escape(&val_text(other, lang)),
    }
}

/// A table: a header row, its separator, then rows of as many cells.
struct Table {
    out: String,
    columns: usize,
}

impl Table {
    fn new(header: &[&'static str], lang: Lang) -> Table {
        let mut t = Table {
            out: String::new(),
            columns: header.len(),
        };
        let header: Vec<String> = header.iter().map(|c| Msg::new(c).text(lang)).collect();
        t.row(header);
        t.out.push('|');
        t.out.push_str(&"---|".repeat(t.columns));
        t.out.push('\n');
        t
    }

    fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.columns);
        self.out.push('|');
        for cell in cells {
            let cell = cell.trim();
            self.out.push(' ');
            self.out.push_str(cell);
            self.out.push_str(if cell.is_empty() { "|" } else { " |" });
        }
        self.out.push('\n');
    }

    fn finish(self, into: &mut String) {
        into.push_str(&self.out);
        into.push('\n');
    }
}

fn arrow(direction: Direction) -> &'static str {
    match direction {
        Direction::Fell => " ↓",
        Direction::Rose => " ↑",
        Direction::Changed => "",
    }
}

fn status_rows(statuses: &[StatusChange], lang: Lang, out: &mut String) {
    if statuses.is_empty() {
        return;
    }
    let mut t = Table::new(
        &[
            "diff-col-requirement",
            "diff-col-clause",
            "diff-col-old-status",
            "diff-col-new-status",
            "diff-col-because",
        ],
        lang,
    );
    for change in statuses {
        let clause = match &change.scope {
            Scope::Requirement { clause, .. } => clause.as_deref().map(escape).unwrap_or_default(),
            _ => String::new(),
        };
        let new = status_text(change.new, lang) + arrow(change.direction());
        let new = if change.direction() == Direction::Fell {
            format!("**{new}**")
        } else {
            new
        };
        let because: Vec<String> = change.because.iter().map(|m| md(m, lang)).collect();
        t.row(vec![
            md(&scope_msg(&change.scope), lang),
            clause,
            status_text(change.old, lang),
            new,
            because.join("<br>"),
        ]);
    }
    t.finish(out);
}

fn claim_rows(claims: &[Claim], lang: Lang, out: &mut String) {
    if claims.is_empty() {
        return;
    }
    let mut t = Table::new(
        &[
            "diff-col-claim",
            "diff-col-clause",
            "diff-col-change",
            "diff-col-details",
        ],
        lang,
    );
    for claim in claims {
        t.row(vec![
            md(
                &msg!("diff-named", name = &claim.title, id = &claim.requirement),
                lang,
            ),
            claim.clause.as_deref().map(escape).unwrap_or_default(),
            Msg::new(claim_word(claim.resolved)).text(lang),
            md(&claim_details(claim), lang),
        ]);
    }
    t.finish(out);
}

pub(crate) fn claim_word(resolved: bool) -> &'static str {
    if resolved {
        "diff-claim-resolved"
    } else {
        "diff-claim-new"
    }
}

/// "declared met, computed unmet; evidence: …"
pub(crate) fn claim_details(claim: &Claim) -> Msg {
    let status = |s: Option<Status>| Msg::new(s.map_or("diff-absent", super::explain::status_word));
    let details = Msg::new("diff-claim-details")
        .msg("declared", status(claim.declared))
        .msg("computed", status(claim.computed));
    match &claim.evidence {
        Some(e) => Msg::new("diff-rule-and")
            .msg("first", details)
            .msg("rest", msg!("diff-because-evidence", evidence = quote(e))),
        None => details,
    }
}

fn change_rows(changes: &[DataChange], lang: Lang, out: &mut String) {
    if changes.is_empty() {
        return;
    }
    let mut t = Table::new(&["diff-col-change", "diff-col-old", "diff-col-new"], lang);
    for c in changes {
        t.row(vec![
            md(&c.what, lang),
            md_val(c.old.as_ref(), lang),
            md_val(c.new.as_ref(), lang),
        ]);
    }
    t.finish(out);
}

fn diagnostic_rows(diags: &[Diagnostic], lang: Lang, out: &mut String) {
    let mut t = Table::new(
        &["diff-col-severity", "diff-col-where", "diff-col-message"],
        lang,
    );
    for d in diags {
        let at = match d.pos {
            Some(p) => format!("{}:{}:{}", d.path, p.line, p.col),
            None => d.path.clone(),
        };
        let mut message = escape(&d.message.text(lang));
        if let Some(hint) = &d.hint {
            let _ = write!(
                message,
                "<br>{}",
                escape(
                    &Msg::new("diff-hint")
                        .msg("hint", (**hint).clone())
                        .text(lang)
                )
            );
        }
        t.row(vec![
            Msg::new(severity_word(d.severity)).text(lang),
            escape(&at),
            message,
        ]);
    }
    t.finish(out);
}

pub(crate) fn presence_word(p: Presence) -> Option<&'static str> {
    match p {
        Presence::Added => Some("diff-added"),
        Presence::Removed => Some("diff-removed"),
        Presence::Changed => None,
    }
}

/// The Markdown report: a heading, the verdict and the counts, then a section per park with
/// tables of statuses, claims and data, then providers, the framework and the diagnostics.
pub fn markdown(diff: &SiteDiff, lang: Lang) -> String {
    let s = diff.summary();
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", Msg::new("diff-title").text(lang));
    let _ = writeln!(out, "**{}**\n", md(&verdict(&s), lang));
    if s.nothing_changed() {
        return out;
    }
    let _ = writeln!(out, "{}\n", md(&summary_msg(&s), lang));
    for park in &diff.parks {
        let mut heading = md(&msg!("diff-named", name = &park.name, id = &park.id), lang);
        if let Some(word) = presence_word(park.presence) {
            let _ = write!(heading, " — {}", Msg::new(word).text(lang));
        }
        let _ = writeln!(out, "### {heading}\n");
        if !park.compared {
            let _ = writeln!(out, "_{}_\n", Msg::new("diff-not-compared").text(lang));
        }
        status_rows(&park.statuses, lang, &mut out);
        claim_rows(&park.claims, lang, &mut out);
        change_rows(&park.data, lang, &mut out);
    }
    if !diff.providers.is_empty() {
        let _ = writeln!(
            out,
            "### {}\n",
            Msg::new("diff-section-providers").text(lang)
        );
        for p in &diff.providers {
            let mut heading = md(&msg!("diff-named", name = &p.name, id = &p.id), lang);
            if let Some(word) = presence_word(p.presence) {
                let _ = write!(heading, " — {}", Msg::new(word).text(lang));
            }
            let _ = writeln!(out, "#### {heading}\n");
            change_rows(&p.data, lang, &mut out);
            if !p.parks.is_empty() {
                let parks = Msg::new("diff-provider-parks").list("parks", &p.parks);
                let _ = writeln!(out, "{}\n", md(&parks, lang));
            }
        }
    }
    if !diff.framework.is_empty() {
        let _ = writeln!(
            out,
            "### {}\n",
            Msg::new("diff-section-framework").text(lang)
        );
        change_rows(&diff.framework, lang, &mut out);
    }
    for (list, heading) in [
        (&diff.diagnostics.new, "diff-section-new-diagnostics"),
        (
            &diff.diagnostics.resolved,
            "diff-section-resolved-diagnostics",
        ),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "### {}\n", Msg::new(heading).text(lang));
            diagnostic_rows(list, lang, &mut out);
        }
    }
    out
}
