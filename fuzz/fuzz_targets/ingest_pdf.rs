//! Fuzz the PDF reader: any bytes, forced to be sniffed as PDF, then the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes;
    let input = if data.starts_with(b"%PDF-") {
        data
    } else {
        bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend_from_slice(data);
        &bytes[..]
    };
    xxgk_fuzz::pipeline(input, "fuzz.pdf");
});
