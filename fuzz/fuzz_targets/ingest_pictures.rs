//! Fuzz the picture decoders of the OCR path for documents (PNG through the `png` crate, JPEG,
//! density from pHYs/JFIF): the fuzz bytes are the picture file, a PNG signature prepended
//! when the first byte is even (seeded with the pictures of the corpus's saved page).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = Vec::with_capacity(data.len() + 8);
    if data.first().is_some_and(|b| b % 2 == 0) && !data.starts_with(b"\x89PNG") {
        bytes.extend_from_slice(b"\x89PNG\r\n\x1a\n");
        bytes.extend_from_slice(&data[1..]);
    } else {
        bytes.extend_from_slice(data);
    }
    let _ = xxgk_ingest::pictures::decode(&bytes);
});
