//! PDF: lopdf plus our own content-stream interpreter → positioned glyphs, lines, ruling
//! segments; then [`crate::layout`] turns rulings and text into grids.

use crate::IngestError;
use xxgk_model::Document;

/// Read a PDF into pages of lines, segments and grids.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let _ = bytes;
    Err(IngestError::unsupported("PDF input is not supported yet"))
}
