//! `xxgk inspect`: a human-readable dump of a Document (lines with boxes, segments, grids) so a
//! user can see why a report misparses.

use xxgk_model::Document;

/// Render the whole document, or one page (1-based).
pub fn render(doc: &Document, page: Option<u32>) -> String {
    let _ = (doc, page);
    String::new()
}
