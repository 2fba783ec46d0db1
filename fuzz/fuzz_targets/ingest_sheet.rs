//! Fuzz the spreadsheet reader (.xls/.et through calamine's BIFF reader, .xlsx, .ods): the fuzz
//! bytes are the whole file (seeded with LibreOffice Calc's files), then the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The sheet reader catches panics inside calamine (a damaged BIFF record) and reports the file
// as failed; libFuzzer's panic hook would abort on them anyway, so this target silences the
// hook. A panic that escapes still aborts the run (libfuzzer-sys checks every input's unwind).
static QUIET: std::sync::Once = std::sync::Once::new();

fuzz_target!(|data: &[u8]| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    xxgk_fuzz::pipeline(data, "fuzz.xls");
});
