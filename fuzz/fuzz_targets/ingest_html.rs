//! Fuzz the HTML reader: any bytes, forced to be sniffed as HTML, then the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"<html>".to_vec();
    bytes.extend_from_slice(data);
    xxgk_fuzz::pipeline(&bytes, "fuzz.html");
});
