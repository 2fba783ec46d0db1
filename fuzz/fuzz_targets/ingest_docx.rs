//! Fuzz the DOCX reader: the fuzz bytes become `word/document.xml` of a stored ZIP (or, when
//! the first byte is 0, the whole archive), then the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bytes = match data.split_first() {
        Some((0, rest)) => {
            let mut b = b"PK\x03\x04".to_vec();
            b.extend_from_slice(rest);
            b
        }
        _ => xxgk_fuzz::stored_zip(&[
            ("[Content_Types].xml", xxgk_fuzz::CONTENT_TYPES),
            ("word/document.xml", data),
        ]),
    };
    xxgk_fuzz::pipeline(&bytes, "fuzz.docx");
});
