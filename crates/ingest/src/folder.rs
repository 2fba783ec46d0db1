//! The folder of the file being read on this thread, so that a saved web page can reach the
//! pictures of its `_files` folder (`<img src="page_files/1.png">`).
//!
//! Like the time budget ([`xxgk_model::budget`]), it is set per thread by whoever reads a file
//! from disk ([`start`]); without it (bytes from a zip, tests, fuzzing) nothing outside the
//! bytes is read. Only relative references below the folder are followed: no scheme, no
//! absolute path, no `..`, and each file at most [`crate::pictures::MAX_PICTURE_BYTES`].

use std::cell::RefCell;
use std::path::{Path, PathBuf};

thread_local! {
    static FOLDER: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

/// Clears this thread's folder when dropped.
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        FOLDER.with(|f| f.borrow_mut().take());
    }
}

/// The file being read on this thread lies in `dir`.
pub fn start(dir: &Path) -> Guard {
    FOLDER.with(|f| *f.borrow_mut() = Some(dir.to_path_buf()));
    Guard(())
}

/// The bytes of a file a document refers to by a relative URL, if it lies below the folder.
pub fn read_relative(url: &str) -> Option<Vec<u8>> {
    let dir = FOLDER.with(|f| f.borrow().clone())?;
    let path = dir.join(relative_path(url)?);
    let len = std::fs::metadata(&path).ok()?.len();
    if len > crate::pictures::MAX_PICTURE_BYTES as u64 {
        return None;
    }
    std::fs::read(path).ok()
}

/// A relative URL as a relative path: query and fragment dropped, `%XX` decoded (as UTF-8,
/// then GBK, the way browsers save pages), `\` as `/`; `None` for anything that could leave
/// the folder.
fn relative_path(url: &str) -> Option<PathBuf> {
    let url = url.split(['?', '#']).next()?.trim();
    if url.is_empty() || url.contains(':') || url.starts_with(['/', '\\']) {
        return None;
    }
    let bytes = percent_decode(url.as_bytes());
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GBK.decode(&bytes).0.into_owned(),
    };
    let mut path = PathBuf::new();
    for part in text.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => return None,
            p => path.push(p),
        }
    }
    (!path.as_os_str().is_empty()).then_some(path)
}

fn percent_decode(s: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' {
            if let (Some(h), Some(l)) = (
                s.get(i + 1).copied().and_then(hex),
                s.get(i + 2).copied().and_then(hex),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_below_the_folder() {
        assert_eq!(
            relative_path("a_files/p%201.png?x=1"),
            Some(PathBuf::from("a_files/p 1.png"))
        );
        assert_eq!(
            relative_path("%E5%B9%B4_files/1.png"),
            Some(PathBuf::from("年_files/1.png"))
        );
        for bad in [
            "../x.png",
            "a/../../x",
            "/etc/passwd",
            "http://h/x.png",
            "C:\\x",
            "",
            "#a",
        ] {
            assert_eq!(relative_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn nothing_is_read_without_a_folder() {
        assert_eq!(read_relative("x.png"), None);
        let dir = std::env::temp_dir().join(format!("xxgk-folder-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.png"), b"abc").unwrap();
        {
            let _g = start(&dir);
            assert_eq!(read_relative("x.png").as_deref(), Some(&b"abc"[..]));
        }
        assert_eq!(read_relative("x.png"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
