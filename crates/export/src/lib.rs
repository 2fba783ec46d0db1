//! xxgk-export: the batch.
//!
//! It owns walking the inputs, running ingest → parser → audit per file (isolating failures),
//! and writing reports.csv, values.csv, findings.csv and wide.csv (and the optional JSONL/XLSX)
//! in a deterministic order, as `docs/output-schema.md` says.
