//! `--agencies FILE`: agency name aliases for the cross-year rules, a CSV of `alias,canonical`
//! (a header row `alias,canonical` is allowed). The audit crate parses them and owns what they
//! mean; this wrapper reads the file and reports errors with its path.

use std::path::Path;

/// The aliases handed to `xxgk_audit::cross_year`.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    inner: xxgk_audit::Aliases,
}

impl Aliases {
    /// Read an alias file (parsed by `xxgk_audit::Aliases::from_csv`).
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
        let inner = xxgk_audit::Aliases::from_csv(text.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Aliases { inner })
    }

    /// Number of aliases.
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    /// The audit crate's view of the aliases.
    pub fn get(&self) -> &xxgk_audit::Aliases {
        &self.inner
    }
}
