//! Helpers shared by the end-to-end tests: where the corpus is.

use std::path::PathBuf;

/// The repository's `corpus/` folder.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}
