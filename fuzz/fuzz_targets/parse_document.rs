//! Fuzz the parser (and the audit) on structured Documents built from the fuzz input.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(doc) = xxgk_fuzz::document(&mut u) {
        xxgk_fuzz::run_parser(&doc, "fuzz.pdf");
    }
});
