//! `--agencies FILE`: agency name aliases for the cross-year rules, a CSV of `alias,canonical`
//! (a header row `alias,canonical` is allowed). The audit crate's [`Aliases`] parses them and owns
//! what they mean; [`load`] reads the file and reports errors with its path.

use std::path::Path;
pub use xxgk_audit::Aliases;

/// Read an alias file (parsed by [`Aliases::from_csv`]).
pub fn load(path: &Path) -> Result<Aliases, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "cannot read {}: {}",
            path.display(),
            crate::walk::describe_io(&e)
        )
    })?;
    let text =
        String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", path.display()))?;
    Aliases::from_csv(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("{}: {e}", path.display()))
}
