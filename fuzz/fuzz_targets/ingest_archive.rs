//! Fuzz zip archives of reports: the fuzz bytes are the archive (seeded with the corpus zip);
//! every member is taken out by name as the batch does and read through the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(members) = xxgk_ingest::archive::members(data) {
        for m in members.iter().take(8) {
            if let Ok(bytes) = xxgk_ingest::archive::member(data, &m.name) {
                xxgk_fuzz::pipeline(&bytes, &m.name);
            }
        }
    }
});
