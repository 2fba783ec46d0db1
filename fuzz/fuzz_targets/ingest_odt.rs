//! Fuzz the OpenDocument reader: the fuzz bytes become `content.xml` of a stored zip with an
//! ODT (first byte even) or ODS (odd) `mimetype`, then the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mime: &[u8] = match data.first() {
        Some(b) if b % 2 == 1 => b"application/vnd.oasis.opendocument.spreadsheet",
        _ => b"application/vnd.oasis.opendocument.text",
    };
    let bytes = xxgk_fuzz::stored_zip(&[("mimetype", mime), ("content.xml", data)]);
    xxgk_fuzz::pipeline(&bytes, "fuzz.odt");
});
