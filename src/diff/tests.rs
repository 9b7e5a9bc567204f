use super::report::escape;
use super::*;
use crate::compliance::Status::*;
use crate::diagnostics::Pos;
use crate::model::{Condition, Rule};

#[test]
fn directions_of_status_changes() {
    const NA: Status = NotApplicable;
    let cases = [
        (Some(Met), Some(Partial), Direction::Fell),
        (Some(Met), Some(Unmet), Direction::Fell),
        (Some(Partial), Some(Unmet), Direction::Fell),
        (Some(NA), Some(Unmet), Direction::Fell),
        (Some(NA), Some(Partial), Direction::Fell),
        (Some(Unmet), Some(Partial), Direction::Rose),
        (Some(Unmet), Some(Met), Direction::Rose),
        (Some(Partial), Some(NA), Direction::Rose),
        // No shortfall either way.
        (Some(Met), Some(NA), Direction::Changed),
        (Some(NA), Some(Met), Direction::Changed),
        // One side only: a park or a requirement added or removed.
        (None, Some(Unmet), Direction::Changed),
        (Some(Met), None, Direction::Changed),
    ];
    for (old, new, want) in cases {
        assert_eq!(Direction::of(old, new), want, "{old:?} → {new:?}");
    }
    assert_eq!(Direction::Fell.kind(), "status-fell");
    assert_eq!(Direction::Rose.kind(), "status-rose");
    assert_eq!(Direction::Changed.kind(), "status-changed");
}

fn diags(list: &[(Severity, &str, usize, &str)]) -> Diagnostics {
    let mut d = Diagnostics::default();
    for &(severity, path, line, message) in list {
        let mut diagnostic = Diagnostic::error(
            path,
            Some(Pos::new(line, 1)),
            crate::msg!("cannot-read", error = message),
        );
        diagnostic.severity = severity;
        d.push(diagnostic);
    }
    d
}

#[test]
fn diagnostics_compare_without_their_lines_and_by_count() {
    use Severity::{Error, Warning};
    let old = diags(&[
        (Error, "content/parks/a.yaml", 3, "unknown key `x`"),
        (Warning, "content/parks/a.yaml", 9, "old warning"),
        (Error, "content/parks/b.yaml", 1, "twice"),
    ]);
    let new = diags(&[
        // Moved down two lines: the same problem.
        (Error, "content/parks/a.yaml", 5, "unknown key `x`"),
        // Now twice: one is new.
        (Error, "content/parks/b.yaml", 1, "twice"),
        (Error, "content/parks/b.yaml", 7, "twice"),
        // Same text, another file: new.
        (Error, "content/parks/c.yaml", 3, "unknown key `x`"),
        // Same text, now a warning: new (and the error resolved).
        (Warning, "content/parks/a.yaml", 9, "old warning x"),
    ]);
    let d = compare_diagnostics(&old, &new);
    let show = |l: &[Diagnostic]| -> Vec<String> {
        l.iter()
            .map(|d| d.render(crate::messages::Lang::En))
            .collect()
    };
    assert_eq!(
        show(&d.new),
        [
            "content/parks/b.yaml:7:1: error: cannot read: twice",
            "content/parks/c.yaml:3:1: error: cannot read: unknown key `x`",
            "content/parks/a.yaml:9:1: warning: cannot read: old warning x",
        ]
    );
    assert_eq!(
        show(&d.resolved),
        ["content/parks/a.yaml:9:1: warning: cannot read: old warning"]
    );
}

#[test]
fn worse_means_a_status_fell_a_claim_or_an_error_appeared() {
    let none = Summary::default();
    assert!(!none.worse() && none.nothing_changed());
    for s in [
        Summary {
            statuses_fell: 1,
            ..none
        },
        Summary {
            claims_new: 1,
            ..none
        },
        Summary {
            errors_new: 1,
            ..none
        },
    ] {
        assert!(s.worse(), "{s:?}");
    }
    for s in [
        Summary {
            statuses_rose: 3,
            parks_added: 1,
            parks_removed: 1,
            claims_resolved: 1,
            errors_resolved: 2,
            warnings_new: 4,
            providers_changed: 1,
            framework_changes: 1,
            ..none
        },
        Summary {
            parks_changed: 1,
            ..none
        },
    ] {
        assert!(!s.worse(), "{s:?}");
        assert!(!s.nothing_changed(), "{s:?}");
    }
}

#[test]
fn park_written_text_cannot_make_markup() {
    let cases = [
        ("张江科学城", "张江科学城"),
        ("a | b", "a \\| b"),
        ("[x](https://e.org/)", "\\[x\\](https\\://e.org/)"),
        ("![i](a.png)", "\\!\\[i\\](a.png)"),
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("&lt;b&gt;", "\\&lt;b\\&gt;"),
        (
            "`code` *em* _em_ ~~s~~",
            "\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~",
        ),
        ("line\nbreak\r\nhere", "line break  here"),
        ("@someone", "@\u{2060}someone"),
        (
            "see www.e.org or WWW.E.ORG",
            "see www\\.e.org or WWW\\.E.ORG",
        ),
        ("#12 $x$ \\", "\\#12 \\$x\\$ \\\\"),
        ("bell\u{7}", "bell"),
    ];
    for (text, want) in cases {
        assert_eq!(escape(text), want, "{text:?}");
    }
}

#[test]
fn status_and_audience_words_are_the_vocabularys_labels_in_chinese() {
    for (id, label) in crate::vocab::STATUSES {
        let status = Status::parse(id).unwrap();
        assert_eq!(Val::Status(status).text(Lang::Zh), *label, "{id}");
    }
    for (id, label) in crate::vocab::AUDIENCES {
        let rule = Rule {
            conditions: vec![Condition::AudienceAny(vec![id.to_string()])],
        };
        let text = explain::rule_msg(Some(&rule)).text(Lang::Zh);
        assert!(text.contains(label), "{id}: {text}");
    }
}

#[test]
fn rules_in_words() {
    let rule = Rule {
        conditions: vec![
            Condition::MinServices(2),
            Condition::AudienceAny(vec!["talent".into(), "industry".into()]),
            Condition::IntegratedProvider,
        ],
    };
    assert_eq!(
        explain::rule_msg(Some(&rule)).text(Lang::En),
        "at least 2 service(s) in this system; a service of this system serves one of: \
         talent, industries; run by an integrated service provider on record"
    );
    assert_eq!(
        explain::rule_msg(Some(&rule)).text(Lang::Zh),
        "本体系至少 2 项服务；本体系有服务面向：入园人才、产业（任一）；由已登记的园区集成服务商运营"
    );
    assert_eq!(explain::rule_msg(None).text(Lang::En), "no rule");
}

#[test]
fn quotes_are_one_line_and_short() {
    assert_eq!(explain::quote("a\n  b\tc"), "a b c");
    let long = "字".repeat(200);
    let q = explain::quote(&long);
    assert_eq!(q.chars().count(), 121);
    assert!(q.ends_with('…'));
}

#[test]
fn values_in_each_language() {
    use crate::vocab::LEVELS;
    let cases = [
        (Val::Label(LEVELS, "national".into()), "国家级", "national"),
        (Val::Label(LEVELS, "unknown".into()), "unknown", "unknown"),
        (
            Val::Labels(
                crate::vocab::AUDIENCES,
                vec!["talent".into(), "industry".into()],
            ),
            "入园人才、产业",
            "talent, industry",
        ),
        (Val::List(vec!["a".into(), "b".into()]), "a、b", "a, b"),
        (Val::Status(Partial), "部分符合", "partially met"),
        (Val::Bool(true), "是", "yes"),
    ];
    for (val, zh, en) in cases {
        assert_eq!(val.text(Lang::Zh), zh, "{val:?}");
        assert_eq!(val.text(Lang::En), en, "{val:?}");
    }
}
