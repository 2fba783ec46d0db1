//! What Tesseract answered, kept on disk so that the same picture is never recognised twice:
//! `xxgk review` reads a scan again to draw it, and a second `xxgk extract` into the same
//! output folder reads the same files again. OCR is seconds a page; everything else a PDF
//! costs is milliseconds.
//!
//! Like [`crate::folder`], the cache folder is set per thread by whoever reads a file
//! ([`start`]); without it (tests, fuzzing, the Python package's in-memory reads) nothing is
//! kept. An answer is found by the SHA-256 of everything it depends on: Tesseract's version
//! line, the arguments, and the picture's bytes. Files are written whole (a
//! temporary name, then renamed), gzip-compressed; a file that cannot be read or written is
//! simply not used. The folder may be deleted at any time.

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

thread_local! {
    static DIR: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

/// Largest answer kept or read (a page's TSV is tens of kilobytes).
const MAX_ANSWER: u64 = 16 << 20;

/// Clears this thread's cache folder when dropped.
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        DIR.with(|d| d.borrow_mut().take());
    }
}

/// Keep Tesseract's answers for the files read on this thread in `dir` (created when first
/// needed).
pub fn start(dir: &Path) -> Guard {
    DIR.with(|d| *d.borrow_mut() = Some(dir.to_path_buf()));
    Guard(())
}

/// The key of one run: Tesseract's version, the arguments and the picture (not the program's
/// path: the same Tesseract installed elsewhere answers the same).
pub(crate) fn key(cmd: &Command, picture: &[u8]) -> Option<String> {
    DIR.with(|d| d.borrow().is_some()).then(|| {
        let mut h = Sha256::new();
        h.update(version().as_bytes());
        for arg in cmd.get_args() {
            h.update([0]);
            h.update(arg.as_encoded_bytes());
        }
        h.update([0]);
        h.update(picture);
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    })
}

/// The answer kept under `key`, if any.
pub(crate) fn get(key: &str) -> Option<Vec<u8>> {
    let path = DIR.with(|d| d.borrow().as_ref().map(|d| d.join(file_name(key))))?;
    let file = std::fs::File::open(path).ok()?;
    let mut out = Vec::new();
    GzDecoder::new(file)
        .take(MAX_ANSWER)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// Keep `answer` under `key` (best effort).
pub(crate) fn put(key: &str, answer: &[u8]) {
    let Some(dir) = DIR.with(|d| d.borrow().clone()) else {
        return;
    };
    if answer.len() as u64 > MAX_ANSWER || std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let name = file_name(key);
    // Two workers may keep the same answer at once (the same scan twice in a folder): each
    // writes its own temporary file.
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!("{name}.{}-{n}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|f| {
        let mut gz = GzEncoder::new(f, flate2::Compression::fast());
        gz.write_all(answer)?;
        gz.finish()?.sync_all()
    });
    if written.is_err() || std::fs::rename(&tmp, dir.join(name)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

fn file_name(key: &str) -> String {
    format!("{key}.gz")
}

/// Tesseract's version line, asked once per process.
fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        Command::new(super::tesseract::program())
            .arg("--version")
            .output()
            .map(|o| {
                let all = [o.stdout, o.stderr].concat();
                String::from_utf8_lossy(&all)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_kept_only_under_its_own_key() {
        let tmp = tempfile::tempdir().unwrap();
        let cmd = |psm: &str| {
            let mut c = Command::new("tesseract");
            c.args(["stdin", "stdout", "--psm", psm]);
            c
        };
        // No folder set: nothing is kept.
        assert_eq!(key(&cmd("6"), b"P5 1 1 255 x"), None);
        let _guard = start(&tmp.path().join("ocr-cache"));
        let k6 = key(&cmd("6"), b"P5 1 1 255 x").unwrap();
        let k4 = key(&cmd("4"), b"P5 1 1 255 x").unwrap();
        let other = key(&cmd("6"), b"P5 1 1 255 y").unwrap();
        assert!(k6 != k4 && k6 != other);
        assert_eq!(get(&k6), None);
        put(&k6, "level\tpage_num\n5\t1\t2024".as_bytes());
        assert_eq!(get(&k6).unwrap(), "level\tpage_num\n5\t1\t2024".as_bytes());
        assert_eq!(get(&k4), None);
        // A damaged file is no answer.
        std::fs::write(tmp.path().join("ocr-cache").join(file_name(&k4)), b"junk").unwrap();
        assert_eq!(get(&k4), None);
    }
}
