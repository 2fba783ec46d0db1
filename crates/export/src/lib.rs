//! xxgk-export: the batch.
//!
//! Running a batch: walking the inputs ([`walk`]), one file through ingest → parser → audit
//! with panic isolation and a time budget ([`process`], giving an [`Outcome`]), and the
//! parallel, ordered, streaming run of `xxgk extract` ([`run`]).
//!
//! Writing it: the output folder and the writers fed in report order ([`write`]), the rows of
//! reports.csv, values.csv, findings.csv and wide.csv ([`rows`]), the optional JSON Lines and
//! XLSX outputs ([`jsonl`], [`xlsx`]), atomic writes ([`output`]), the cross-year records kept
//! on disk until the end (`spill`; the grouping by body is the audit's, [`xxgk_audit::Bodies`]).
//!
//! Over earlier outputs: sharding ([`shard`]), `merge` and `audit` ([`merge`], [`readback`]),
//! the comparison with truth files ([`eval`]) and the review pages ([`review`]).
//! `docs/output-schema.md` describes every file and column.
//!
//! It does not read documents or judge numbers: that is ingest, parser and audit.

pub mod aliases;
pub mod codebook;
pub mod eval;
pub mod headers;
pub mod jsonl;
pub mod merge;
pub mod outcome;
mod output;
pub mod process;
pub mod readback;
pub mod review;
pub mod rows;
pub mod run;
pub mod shard;
mod spill;
pub mod summary_line;
pub mod walk;
pub mod write;
pub mod xlsx;

pub use aliases::Aliases;
pub use eval::{eval, EvalResult};
pub use merge::{audit_dirs, merge, write_findings, MergeOptions};
pub use outcome::Outcome;
pub use output::{Manifest, OWN_FILES};
pub use process::{default_pipeline, Pipeline, WORKER_THREAD};
pub use rows::Headers;
pub use run::{extract, Error, ExtractOptions, Summary};
pub use shard::Shard;
pub use summary_line::summary_line;

/// What the cross-year audit needs of each report, one JSON object per line (written with
/// `--shard`, read by `merge` and `audit`).
pub const RECORDS_FILE: &str = "records.jsonl";
