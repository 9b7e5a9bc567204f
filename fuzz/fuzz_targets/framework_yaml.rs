//! `framework.yaml`, read, validated and used to evaluate a fixed park: errors with positions,
//! never a panic; requirement descriptions render without live script.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use parkbook::fuzzing;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let outcome = fuzzing::framework(text);
    common::assert_positioned(&outcome.diagnostics, fuzzing::FRAMEWORK_PATH, text);
    assert_eq!(
        outcome.compliance.is_some(),
        !outcome.diagnostics.has_errors()
    );
    for html in &outcome.html {
        common::assert_inert(html);
    }
});
