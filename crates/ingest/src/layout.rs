//! Page layout: turn a page's positioned lines and ruling segments into [`Grid`] blocks.
//!
//! Format-independent: works on any [`Page`] with geometry (today: PDF). Lines that fall inside a
//! table region are replaced by one `Block::Grid` at the table's place in reading order.

use xxgk_model::{Grid, Page};

/// Find the tables of a page (ruled, or aligned without rulings) and replace the lines inside
/// them with grid blocks.
pub fn build_grids(page: &mut Page) {
    let _ = page;
}

/// Grids of a page found from its rulings only (exposed for tests and `inspect`).
pub fn ruled_grids(page: &Page) -> Vec<Grid> {
    let _ = page;
    Vec::new()
}
