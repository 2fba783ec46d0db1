//! `--agencies FILE`: agency name aliases for the cross-year rules, a CSV of `alias,canonical`
//! (a header row `alias,canonical` is allowed). The rows are validated here; the audit crate owns
//! what they mean.

use std::path::Path;

/// The aliases handed to `xxgk_audit::cross_year`.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    inner: xxgk_audit::Aliases,
    /// The `(alias, canonical)` pairs read from the file.
    pub pairs: Vec<(String, String)>,
}

impl Aliases {
    /// Read and check an alias file.
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
        let text = text.trim_start_matches('\u{feff}');
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut pairs = Vec::new();
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
            let f: Vec<&str> = rec.iter().map(str::trim).collect();
            match f.as_slice() {
                ["alias", "canonical"] if i == 0 => {}
                [] | [""] => {}
                [a, c] if !a.is_empty() && !c.is_empty() => {
                    pairs.push((a.to_string(), c.to_string()))
                }
                _ => {
                    return Err(format!(
                        "{} line {}: expected two fields alias,canonical",
                        path.display(),
                        i + 1
                    ))
                }
            }
        }
        Ok(Aliases {
            inner: xxgk_audit::Aliases::default(),
            pairs,
        })
    }

    /// The audit crate's view of the aliases.
    pub fn get(&self) -> &xxgk_audit::Aliases {
        &self.inner
    }
}
