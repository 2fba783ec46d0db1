//! Fuzz the MHTML reader: the fuzz bytes after a MIME multipart/related header (unless they
//! carry their own), then the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"MIME-Version") || data.starts_with(b"From:") {
        data.to_vec()
    } else {
        let mut b = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n".to_vec();
        b.extend_from_slice(data);
        b
    };
    xxgk_fuzz::pipeline(&bytes, "fuzz.mht");
});
