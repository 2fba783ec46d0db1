//! Table 二's value rows whose label names no row, placed **by the order of their section's
//! labels** (docs/design-linear-text.md §37).
//!
//! A page's grid may cut a label set vertically a character a line at the wrong height: Writer's
//! PDF of huaian-2024.doc puts `内容行政 | 3985758` and `处罚行政强制 | 88283` in the grid of
//! 第二十条第（六）项 (the tail of the 信息内容 header and the head of 行政处罚, then the tail of
//! 行政处罚 and 行政强制). The second row names 行政强制; the first names nothing. Within one
//! section of a printed grid, when
//!
//! - the section's labels, joined in print order, hold every row label of the section in
//!   template order,
//! - its rows with values are exactly as many as the section's rows, and
//! - every one of them that a label named is the row of its place,
//!
//! each row no label named is the section's row of its place. Nothing else is placed: a row of
//! a label of its own (`行政检查`, which the body added) leaves a template label missing from the
//! joined text, and nothing is read.

use crate::table_two_sections::template_sections;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::normalize_label;
use xxgk_model::{schema, Table, Template};

/// One row of a printed grid under a 第二十条 caption, as the table-二 reader met it.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    section: &'static str,
    /// The row's index in the rows handed to the reader.
    index: usize,
    label: String,
    /// The row a label named (its own, a wrapped one …), if any.
    named: Option<&'static str>,
    has_values: bool,
}

/// The rows of the sections met so far ([`SectionRows::placements`] reads them).
#[derive(Debug, Default)]
pub(crate) struct SectionRows {
    entries: Vec<Entry>,
}

impl SectionRows {
    /// Note a row of a printed grid under `section` (none: not under a caption).
    pub fn note(
        &mut self,
        section: Option<&'static str>,
        index: usize,
        label: &str,
        named: Option<&'static str>,
        has_values: bool,
    ) {
        if let Some(section) = section {
            self.entries.push(Entry {
                section,
                index,
                label: label.to_string(),
                named,
                has_values,
            });
        }
    }

    /// The rows no label named and the section's row each is, by the order of the section's
    /// labels (see the module doc).
    pub fn placements(&self, template: Template) -> Vec<(usize, &'static str)> {
        let mut out = Vec::new();
        let mut sections: Vec<&'static str> = Vec::new();
        for e in &self.entries {
            if !sections.contains(&e.section) {
                sections.push(e.section);
            }
        }
        for section in sections {
            let entries: Vec<&Entry> = self
                .entries
                .iter()
                .filter(|e| e.section == section)
                .collect();
            out.extend(section_placements(&entries, section, template));
        }
        out
    }
}

/// [`SectionRows::placements`] for one section's entries.
fn section_placements(
    entries: &[&Entry],
    section: &'static str,
    template: Template,
) -> Vec<(usize, &'static str)> {
    let Some(rows) = template_sections(template)
        .into_iter()
        .find(|s| s.caption == section)
        .map(|s| s.rows)
    else {
        return Vec::new();
    };
    let with_values: Vec<&&Entry> = entries.iter().filter(|e| e.has_values).collect();
    let unnamed = with_values.iter().any(|e| e.named.is_none());
    if !unnamed || with_values.len() != rows.len() {
        return Vec::new();
    }
    let joined: String = entries.iter().map(|e| e.label.as_str()).collect();
    if !labels_in_order(&normalize_label(&joined), &rows, template) {
        return Vec::new();
    }
    let in_place = with_values
        .iter()
        .zip(&rows)
        .all(|(e, row)| e.named.is_none_or(|n| n == *row));
    if !in_place {
        return Vec::new();
    }
    with_values
        .iter()
        .zip(&rows)
        .filter(|(e, _)| e.named.is_none())
        .map(|(e, row)| (e.index, *row))
        .collect()
}

/// Whether `text` (normalised) holds a label of each of `rows`, each after the one before.
fn labels_in_order(text: &str, rows: &[&'static str], template: Template) -> bool {
    let mut from = 0;
    for row in rows {
        let found = schema()
            .labels(Table::T2, LabelKind::Row)
            .filter(|l| l.key == *row && l.in_template(Some(template)))
            .flat_map(|l| l.fragments.iter())
            .filter_map(|f| text[from..].find(f.as_str()).map(|at| (at, f.len())))
            .min();
        let Some((at, len)) = found else {
            return false;
        };
        from += at + len;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writer's PDF of huaian-2024.doc: the grid of （六） as the page cuts it.
    fn item6(first_label: &str) -> SectionRows {
        let mut rows = SectionRows::default();
        let item6 = Some("item6");
        rows.note(item6, 0, "信", None, false);
        rows.note(item6, 1, "息", None, false);
        rows.note(item6, 2, first_label, None, true);
        rows.note(item6, 3, "处罚行政强制", Some("coercion"), true);
        rows
    }

    #[test]
    fn a_row_no_label_names_is_the_row_of_its_place() {
        assert_eq!(
            item6("内容行政").placements(Template::V2021),
            [(2, "penalty")]
        );
    }

    /// Refused: a row of a label of its own (行政处罚 is then nowhere in the section's labels), a
    /// third row with values, the named row out of its place, no caption.
    #[test]
    fn rows_the_labels_do_not_order_are_not_placed() {
        assert!(item6("内容行政检查").placements(Template::V2021).is_empty());
        let mut three = item6("内容行政");
        three.note(Some("item6"), 4, "其他", None, true);
        assert!(three.placements(Template::V2021).is_empty());
        let mut swapped = SectionRows::default();
        swapped.note(Some("item6"), 0, "行政强制", Some("coercion"), true);
        swapped.note(Some("item6"), 1, "内容行政处罚", None, true);
        assert!(swapped.placements(Template::V2021).is_empty());
        let mut loose = SectionRows::default();
        loose.note(None, 0, "内容行政", None, true);
        loose.note(None, 1, "处罚行政强制", Some("coercion"), true);
        assert!(loose.placements(Template::V2021).is_empty());
    }
}
