//! The fast YAML path (`load/yaml/fast_yaml/`) against saphyr-parser: when the fast path takes a
//! text, saphyr must read it too, to the same tree, positions included.
//!
//! `yaml::parse` is the fast path with saphyr as its fallback, so it differs from
//! `parse_with_saphyr` only when the fast path took the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parkbook::fuzzing;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match fuzzing::yaml_both(text) {
        (Ok(fast), Ok(saphyr)) => assert!(
            fast == saphyr,
            "the fast path's tree differs from saphyr's for {text:?}:\nfast:   {fast:?}\nsaphyr: {saphyr:?}"
        ),
        (Ok(fast), Err(e)) => {
            panic!("the fast path took {text:?}, which saphyr refuses ({e:?}):\nfast: {fast:?}")
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "two saphyr runs differ for {text:?}"),
        (Err(e), Ok(_)) => panic!("yaml::parse failed where saphyr reads {text:?}: {e:?}"),
    }
});
