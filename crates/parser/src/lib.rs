//! xxgk-parser: [`Document`] → [`Report`].
//!
//! It owns everything that knows what an annual report looks like: the title (agency, year),
//! the six sections, template detection, finding tables 二/三/四 (joined across pages), mapping
//! row and column labels to keys through the schema in `xxgk-model`, and placing every value by
//! row and column with its provenance. It knows nothing about PDF, HTML or text: only
//! `xxgk-ingest` does.

pub mod runs;

use xxgk_model::{Document, Report, Status};

/// Parse a document. `report` is the report id (the path relative to its input folder);
/// `file_name` the bare file name, used as a last resort for agency and year.
pub fn parse(doc: &Document, report: &str, file_name: &str) -> Report {
    let _ = (doc, file_name);
    Report::with_status(report, Status::Unsupported, "parser not written yet")
}
