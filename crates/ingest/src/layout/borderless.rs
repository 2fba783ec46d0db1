//! Tables drawn without rulings: columns from the alignment of spans across consecutive lines.

use super::{Found, Item};
use xxgk_model::Page;

/// Borderless tables among the items not yet consumed; marks what they take.
pub(crate) fn find(page: &Page, items: &[Item<'_>], consumed: &mut [bool]) -> Vec<Found> {
    let _ = (page, items, consumed);
    Vec::new()
}
