//! A park file (`content/parks/<id>.yaml`), read, validated and evaluated against a fixed small
//! site, its Markdown rendered: errors with positions, never a panic, never live script.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use parkbook::fuzzing;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let outcome = fuzzing::park(text);
    common::assert_positioned(&outcome.diagnostics, fuzzing::PARK_PATH, text);
    assert_eq!(
        outcome.compliance.is_some(),
        !outcome.diagnostics.has_errors()
    );
    for html in &outcome.html {
        common::assert_inert(html);
    }
});
