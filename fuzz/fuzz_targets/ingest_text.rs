//! Fuzz the text reader (decoding, tab / aligned / pipe tables), then the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    xxgk_fuzz::pipeline(data, "fuzz.txt");
});
