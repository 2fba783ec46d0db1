//! Fuzz the RTF reader: the fuzz bytes after an `{\rtf1` header, then the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"{\\rtf1".to_vec();
    bytes.extend_from_slice(data.strip_prefix(b"{\\rtf1").unwrap_or(data));
    xxgk_fuzz::pipeline(&bytes, "fuzz.rtf");
});
