//! Fuzz the PDF reader: any bytes must give a Document or an error value, never a panic.
//!
//! The reader catches panics at the file boundary; the hook below aborts on any panic first,
//! so a caught panic is still reported as a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|_| std::process::abort())));
    let _ = xxgk_ingest::pdf::read(data);
});
