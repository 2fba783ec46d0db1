//! Fuzz the Word binary reader (.doc/.wps): the fuzz bytes are the whole file (seeded with
//! LibreOffice's .doc files), then the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    xxgk_fuzz::pipeline(data, "fuzz.doc");
});
