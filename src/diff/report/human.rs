//! The plain-text report, for a terminal: the verdict, the counts, then each change on a line,
//! with the reasons behind a status indented below it.

use super::{
    claim_details, claim_word, presence_word, scope_msg, status_text, summary_msg, val_text,
    verdict,
};
use crate::diff::{Direction, SiteDiff};
use crate::messages::{Lang, Msg};
use crate::msg;
use std::fmt::Write;

pub(super) fn render(diff: &SiteDiff, lang: Lang) -> String {
    let s = diff.summary();
    let mut out = String::new();
    let _ = writeln!(out, "parkbook diff: {}", verdict(&s).text(lang));
    if s.nothing_changed() {
        return out;
    }
    let _ = writeln!(out, "{}", summary_msg(&s).text(lang));
    let change = |out: &mut String, c: &crate::diff::DataChange, indent: &str| {
        let line = Msg::new("diff-line-change")
            .msg("what", c.what.clone())
            .arg("old", val_text(c.old.as_ref(), lang))
            .arg("new", val_text(c.new.as_ref(), lang));
        let _ = writeln!(out, "{indent}{}", line.text(lang));
    };
    for park in &diff.parks {
        let mut heading = msg!("diff-named", name = &park.name, id = &park.id).text(lang);
        if let Some(word) = presence_word(park.presence) {
            let _ = write!(heading, " — {}", Msg::new(word).text(lang));
        }
        let _ = writeln!(out, "\n{heading}");
        if !park.compared {
            let _ = writeln!(out, "  {}", Msg::new("diff-not-compared").text(lang));
        }
        for st in &park.statuses {
            let direction = match st.direction() {
                Direction::Fell => Some("diff-fell"),
                Direction::Rose => Some("diff-rose"),
                Direction::Changed => None,
            };
            let mut line = Msg::new("diff-line-change")
                .msg("what", scope_msg(&st.scope))
                .arg("old", status_text(st.old, lang))
                .arg("new", status_text(st.new, lang));
            if let crate::diff::Scope::Requirement {
                clause: Some(clause),
                ..
            } = &st.scope
            {
                line = note(line, msg!("diff-clause", clause = clause));
            }
            if let Some(word) = direction {
                line = note(line, Msg::new(word));
            }
            let line = line.text(lang);
            let _ = writeln!(out, "  {line}");
            for because in &st.because {
                let _ = writeln!(out, "      {}", because.text(lang));
            }
        }
        for claim in &park.claims {
            let line = Msg::new("diff-line-claim")
                .msg("claim", Msg::new(claim_word(claim.resolved)))
                .msg(
                    "requirement",
                    msg!("diff-named", name = &claim.title, id = &claim.requirement),
                )
                .msg("details", claim_details(claim));
            let _ = writeln!(out, "  {}", line.text(lang));
        }
        for c in &park.data {
            change(&mut out, c, "  ");
        }
    }
    if !diff.providers.is_empty() {
        let _ = writeln!(out, "\n{}", Msg::new("diff-section-providers").text(lang));
        for p in &diff.providers {
            let mut heading = msg!("diff-named", name = &p.name, id = &p.id).text(lang);
            if let Some(word) = presence_word(p.presence) {
                let _ = write!(heading, " — {}", Msg::new(word).text(lang));
            }
            let _ = writeln!(out, "  {heading}");
            for c in &p.data {
                change(&mut out, c, "    ");
            }
            if !p.parks.is_empty() {
                let parks = Msg::new("diff-provider-parks").list("parks", &p.parks);
                let _ = writeln!(out, "    {}", parks.text(lang));
            }
        }
    }
    if !diff.framework.is_empty() {
        let _ = writeln!(out, "\n{}", Msg::new("diff-section-framework").text(lang));
        for c in &diff.framework {
            change(&mut out, c, "  ");
        }
    }
    for (list, heading) in [
        (&diff.diagnostics.new, "diff-section-new-diagnostics"),
        (
            &diff.diagnostics.resolved,
            "diff-section-resolved-diagnostics",
        ),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{}", Msg::new(heading).text(lang));
            for d in list {
                let _ = writeln!(out, "  {}", d.to_string().replace('\n', "\n  "));
            }
        }
    }
    // Content reaches a terminal: no escape sequence of its own.
    out.retain(|c| c == '\n' || !c.is_control());
    out
}

/// "LINE (NOTE)".
fn note(line: Msg, note: Msg) -> Msg {
    Msg::new("diff-line-note")
        .msg("line", line)
        .msg("note", note)
}
