//! Table 二 read **section by section** from a stream in print order (plain `pdftotext` of a
//! PDF: the row labels all before, or after, the values; each 第二十条 caption followed by its
//! column headers and then its cells, one per line).
//!
//! Table 二 is printed as sections, each a caption (`第二十条第（一）项`) over a header row and
//! the rows of that item. The caption names the rows ([`SECTIONS`]) and the header words name
//! the columns, so a section's values are pinned by what is printed right before them, never
//! by a nearest label:
//!
//! - a **run** is header words (nothing else between) followed by values; it belongs to the
//!   section of the caption right before it when that section has its columns, else to the
//!   only section that has them (`现行有效件数` is （一）'s alone; `本年处理决定数量` is shared
//!   by （五） and （六） and needs its caption), else to none;
//! - a section's runs together name each of its columns once, in template order (`pdftotext`
//!   may put a section's last header column and its values after the next caption); each run
//!   holds exactly rows × its columns values, read row by row under its header words;
//! - every row label of the section met somewhere in the table's text; each caption met once;
//! - row by row is what this converter does: the caller reads table 二 this way only when
//!   table 三 of the same document was read in print order, whole or in segments (see
//!   docs/design-linear-text.md §5), and the rows' own rules (T2-2/T2-3) must hold.
//!
//! A section whose runs lack a column or hold more or fewer values is not read. A cell another
//! reader wrote is kept; a section that disagrees with one is not used.

use crate::flow::Row;
use crate::stream::{equations_hold, tokens, Token};
use crate::tables::Tables;
use std::collections::HashMap;
use xxgk_model::schema::LabelKind;
use xxgk_model::{schema, Cell, KeyId, Table, Template};

/// The rows under each 第二十条 caption (the template's rows not in a template are skipped:
/// `other_service` is v2019's).
pub const SECTIONS: &[(&str, &[&str])] = &[
    ("item1", &["regulation", "normative"]),
    ("item5", &["license", "other_service"]),
    ("item6", &["penalty", "coercion"]),
    ("item8", &["fee"]),
    ("item9", &["procurement"]),
];

/// A run of header words and the values right after them, with the caption right before it.
struct Run<'t> {
    caption: Option<&'static str>,
    header: Vec<&'static str>,
    values: Vec<(&'t crate::flow::RowCell, &'t str)>,
}

/// A section of the template: its caption, rows and columns (in template order).
pub(crate) struct Section {
    pub caption: &'static str,
    pub rows: Vec<&'static str>,
    pub columns: Vec<&'static str>,
}

/// Reads the sections of table 二 that are pinned (see the module doc) into `out`.
pub fn fill(rows: &[Row], template: Template, out: &mut Tables) {
    let Some(tokens) = tokens(rows) else { return };
    let s = schema();
    let mut captions: Vec<&str> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Break(text) => {
                s.match_label(Table::T2, LabelKind::Caption, text, Some(template))
            }
            Token::Value(..) => None,
        })
        .collect();
    captions.sort_unstable();
    if captions.windows(2).any(|w| w[0] == w[1]) {
        out.notes
            .push("表二: a 第二十条 caption printed twice; not read by sections".to_string());
        return;
    }
    let runs = runs(&tokens, template);
    let labels = row_labels(&tokens, template);
    let sections = template_sections(template);
    for section in &sections {
        let mine: Vec<&Run> = runs
            .iter()
            .filter(|r| section_of(r, &sections) == Some(section.caption))
            .collect();
        let Some(cells) = read_section(section, &mine, template, &labels) else {
            continue;
        };
        if crate::stream::disagrees(out, &cells) {
            out.notes.push(format!(
                "表二: section {} read by its header disagrees with the rows read by label; not used",
                section.caption
            ));
            continue;
        }
        out.notes.push(format!(
            "表二: section {} read under its header ({} values in print order)",
            section.caption,
            cells.len()
        ));
        for (k, c) in cells {
            out.cells.entry(k).or_insert(c);
        }
    }
}

/// The template's sections with their rows and columns; a section whose rows differ in
/// columns is left out.
pub(crate) fn template_sections(template: Template) -> Vec<Section> {
    let template_rows = schema().rows(template, Table::T2);
    SECTIONS
        .iter()
        .filter_map(|(caption, names)| {
            let rows: Vec<&'static str> = names
                .iter()
                .copied()
                .filter(|r| template_rows.contains(r))
                .collect();
            let columns_of = |row: &str| -> Vec<&'static str> {
                schema()
                    .keys(template)
                    .filter(|k| k.table == Table::T2 && k.row == row)
                    .map(|k| k.col)
                    .collect()
            };
            let columns = columns_of(rows.first()?);
            rows.iter()
                .all(|r| columns_of(r) == columns)
                .then_some(Section {
                    caption,
                    rows,
                    columns,
                })
        })
        .collect()
}

/// The section a run belongs to: the one its caption names when that section has the run's
/// columns, else the only section that has them; `None` when neither pins it.
fn section_of(run: &Run, sections: &[Section]) -> Option<&'static str> {
    let fits: Vec<&Section> = sections
        .iter()
        .filter(|s| run.header.iter().all(|h| s.columns.contains(h)))
        .collect();
    if let Some(c) = run.caption.filter(|c| fits.iter().any(|s| s.caption == *c)) {
        return Some(c);
    }
    match fits.as_slice() {
        [one] => Some(one.caption),
        _ => None,
    }
}

/// The runs of header words followed by values, each with the caption right before it.
fn runs<'t>(tokens: &'t [Token], template: Template) -> Vec<Run<'t>> {
    let s = schema();
    let col = |t: &Token| match t {
        Token::Break(text) => s.match_label(Table::T2, LabelKind::Col, text, Some(template)),
        Token::Value(..) => None,
    };
    let mut out = Vec::new();
    let mut caption = None;
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        if let Token::Break(text) = t {
            if let Some(c) = s.match_label(Table::T2, LabelKind::Caption, text, Some(template)) {
                caption = Some(c);
                i += 1;
                continue;
            }
        }
        if col(t).is_none() {
            caption = None;
            i += 1;
            continue;
        }
        let mut header = Vec::new();
        while let Some(c) = tokens.get(i).and_then(col) {
            header.push(c);
            i += 1;
        }
        let mut values = Vec::new();
        while let Some(Token::Value(cell, v)) = tokens.get(i) {
            values.push((cell, v.as_str()));
            i += 1;
        }
        if !values.is_empty() {
            out.push(Run {
                caption: caption.take(),
                header,
                values,
            });
        }
        caption = None;
    }
    out
}

/// The table-二 rows whose label is met anywhere in the stream.
fn row_labels(tokens: &[Token], template: Template) -> Vec<&'static str> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Break(text) => {
                schema().match_label(Table::T2, LabelKind::Row, text, Some(template))
            }
            Token::Value(..) => None,
        })
        .collect()
}

/// A section's cells from its runs, each run's values row by row under its header words, when
/// the runs' headers together name each of the section's columns once, in template order, and
/// every run holds exactly rows × its columns values.
fn read_section(
    section: &Section,
    runs: &[&Run],
    template: Template,
    labels: &[&'static str],
) -> Option<Vec<(KeyId, Cell)>> {
    if runs.is_empty() || section.rows.iter().any(|r| !labels.contains(r)) {
        return None;
    }
    let printed: Vec<&str> = runs.iter().flat_map(|r| r.header.iter().copied()).collect();
    if printed != section.columns {
        return None;
    }
    let mut cells = Vec::new();
    for run in runs {
        if run.values.len() != section.rows.len() * run.header.len() {
            return None;
        }
        let keys = section.rows.iter().flat_map(|row| {
            run.header
                .iter()
                .map(move |col| schema().key_at(Table::T2, row, col))
        });
        for (key, (cell, v)) in keys.zip(&run.values) {
            cells.push((key?, *cell, *v));
        }
    }
    let whole: HashMap<KeyId, i128> = cells
        .iter()
        .filter_map(|(k, _, v)| Some((*k, v.parse::<i128>().ok()?)))
        .collect();
    if !equations_hold(&whole, template, false, "T2") {
        return None;
    }
    Some(
        cells
            .into_iter()
            .map(|(k, c, _)| (k, crate::rows::cell_of(c)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::RowCell;

    fn rows(text: &str) -> Vec<Row> {
        text.split('|')
            .map(|t| Row {
                page: 1,
                context: Vec::new(),
                cells: vec![RowCell {
                    text: t.to_string(),
                    page: None,
                    bbox: None,
                }],
                ..Row::default()
            })
            .collect()
    }

    fn read(text: &str) -> HashMap<String, String> {
        let mut out = Tables::default();
        fill(&rows(text), Template::V2021, &mut out);
        out.cells
            .iter()
            .map(|(k, c)| (k.as_str().to_string(), c.value.clone()))
            .collect()
    }

    /// Plain `pdftotext` of v2021-chromium.pdf (corpus/truth/derived/v2021-chromium-pdftotext):
    /// the row labels all first, then each caption with its header and values.
    #[test]
    fn every_section_after_its_caption_and_header_is_read() {
        let got = read(
            "信息内容|规章|行政规范性文件|行政许可|行政处罚|行政强制|信息内容|信息内容|行政事业性收费|\
             第二十条第（一）项|本年制发件数|本年废止件数|现行有效件数|3|2|6|13|2|86|\
             第二十条第（五）项|本年处理决定数量|67713|\
             第二十条第（六）项|本年处理决定数量|22003|1102|\
             第二十条第（八）项|本年收费金额（单位：万元）|14618.23",
        );
        let want = [
            ("t2.regulation.made", "3"),
            ("t2.regulation.repealed", "2"),
            ("t2.regulation.in_force", "6"),
            ("t2.normative.made", "13"),
            ("t2.normative.repealed", "2"),
            ("t2.normative.in_force", "86"),
            ("t2.license.decisions", "67713"),
            ("t2.penalty.decisions", "22003"),
            ("t2.coercion.decisions", "1102"),
            ("t2.fee.amount", "14618.23"),
        ];
        for (k, v) in want {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
        assert_eq!(got.len(), want.len());
    }

    /// Plain `pdftotext` of title-year-first.pdf (held-out truth: regulation 3/2/13,
    /// normative 4/4/62): section （一）'s header holds two of its three columns and four
    /// values; `现行有效件数` comes after the next caption with its two values. Its column names
    /// section （一） alone, so it is that section's third column. Read as six values after the
    /// caption (13 and 62 taken into the first run), 4 would be the regulation's count in force
    /// and 13 a made count: wrong numbers.
    #[test]
    fn a_section_whose_header_is_split_is_read_run_by_run() {
        let text = "规章|规范性文件|行政许可|行政处罚|行政强制|信息内容|信息内容|信息内容|\
             第二十条第（一）项|本年制发件数|本年废止件数|3|2|4|4|\
             第二十条第（五）项|本年处理决定数量|5939|\
             第二十条第（六）项|本年处理决定数量|627|72|\
             第二十条第（八）项|现行有效件数|13|62|行政事业性收费|80.03";
        let got = read(text);
        let want = [
            ("t2.regulation.made", "3"),
            ("t2.regulation.repealed", "2"),
            ("t2.regulation.in_force", "13"),
            ("t2.normative.made", "4"),
            ("t2.normative.repealed", "4"),
            ("t2.normative.in_force", "62"),
            ("t2.license.decisions", "5939"),
            ("t2.penalty.decisions", "627"),
            ("t2.coercion.decisions", "72"),
        ];
        for (k, v) in want {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
        // The fee's value follows its label, not its header: not read here.
        assert_eq!(got.len(), want.len());
        // Without the third column's run, section （一） lacks a column: nothing of it.
        let cut = text.replace("现行有效件数|13|62|", "");
        let got = read(&cut);
        assert!(got.keys().all(|k| !k.starts_with("t2.regulation")));
        assert!(got.keys().all(|k| !k.starts_with("t2.normative")));
        assert_eq!(
            got.get("t2.license.decisions").map(String::as_str),
            Some("5939")
        );
    }

    /// A header whose column several sections share (`本年处理决定数量`: （五） and （六）)
    /// without its caption right before it names no section: its values are not read.
    #[test]
    fn a_header_no_caption_pins_is_not_read() {
        let got = read("行政许可|行政处罚|行政强制|信息内容|本年处理决定数量|22003|1102");
        assert!(got.is_empty());
    }

    /// A section one value long or short, or whose rows' labels are nowhere, is not read.
    #[test]
    fn a_section_of_the_wrong_count_or_without_its_labels_is_not_read() {
        let got = read("行政处罚|行政强制|第二十条第（六）项|本年处理决定数量|22003|1102|7");
        assert!(got.is_empty());
        let got = read("行政处罚|第二十条第（六）项|本年处理决定数量|22003|1102");
        assert!(got.is_empty());
    }
}
