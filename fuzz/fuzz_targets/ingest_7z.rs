//! Fuzz 7z archives of reports: the fuzz bytes after the 7z signature (prepended unless
//! present; seeded with the corpus 7z and the 7z bomb); every member is taken out by name as
//! the batch does and read through the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = Vec::with_capacity(data.len() + 6);
    if !data.starts_with(xxgk_ingest::sevenz::MAGIC) {
        bytes.extend_from_slice(xxgk_ingest::sevenz::MAGIC);
    }
    bytes.extend_from_slice(data);
    if let Ok(members) = xxgk_ingest::archive::members(&bytes) {
        for m in members.iter().take(8) {
            if let Ok(member) = xxgk_ingest::archive::member(&bytes, &m.name) {
                xxgk_fuzz::pipeline(&member, &m.name);
            }
        }
    }
});
