//! A part of the standard (front matter, then `## N title` clauses), parsed with
//! `load::parse_part`, then every text of it rendered through `markdown::render` as the standard
//! and glossary pages render it: errors with positions, never a panic, never live script.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use parkbook::diagnostics::Diagnostics;
use parkbook::load::parse_part;
use parkbook::markdown::{self, RenderOptions, TermLinker};

const PATH: &str = "content/standard/3-terms.md";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut diags = Diagnostics::default();
    let part = parse_part(PATH, text, &mut diags);
    common::assert_positioned(&diags, PATH, text);
    let Some(part) = part else {
        assert!(diags.has_errors(), "no part and no error");
        return;
    };
    let terms = TermLinker::new(
        part.clauses
            .iter()
            .filter_map(|c| c.term.as_ref())
            .map(|t| (t.term.as_str(), t.number.as_str())),
    );
    let render = |md: &str, skip: Option<&str>| {
        let html = markdown::render(
            md,
            &RenderOptions {
                root: "../",
                terms: &terms,
                skip_term: skip,
                heading_shift: 3,
            },
        );
        common::assert_inert(&html);
        std::hint::black_box(markdown::plain_text(md));
    };
    render(&part.intro, None);
    render(&part.title, None);
    for clause in &part.clauses {
        render(&clause.body, None);
        render(&clause.title, None);
        if let Some(term) = &clause.term {
            render(&term.definition, Some(&term.number));
            for note in &term.notes {
                render(note, Some(&term.number));
            }
        }
    }
});
