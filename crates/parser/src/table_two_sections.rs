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
//!   only section that has them (`现行有效件数` is （一）'s alone); columns several sections
//!   share (`本年处理决定数量`: （五） and （六）) name the only one of them with as many rows as
//!   the run has values a column (v2021: （五） one, （六） two), else the one whose row labels,
//!   all of them and nothing else, stand right before the run's header (pdfminer's `行政处罚` /
//!   `行政强制` / `上一年项目数量 本年增/减` / …), else none;
//! - a section's runs together name each of its columns once, in template order (`pdftotext`
//!   may put a section's last header column and its values after the next caption); each run
//!   holds exactly rows × its columns values, read row by row under its header words;
//! - every row label of the section met somewhere in the table's text; each caption met once;
//! - row by row is what this converter does: the caller reads table 二 this way only when
//!   table 三 of the same document was read in print order, whole or in segments (see
//!   docs/design-linear-text.md §5), and the rows' own rules (T2-2/T2-3) must hold;
//! - **column by column** ([`fill_by_columns`]) is what pdfminer.six does with one box a cell
//!   (`本年制发件数` / `本年废止件数 现行有效件数` / `1` / `8` / `0` / `26` / `11` / `66`: each column
//!   top to bottom): the caller reads table 二 this way only when table 三 of the same
//!   document was read whole from such boxes (docs/design-linear-text.md §34). pdfminer
//!   writes captions out of place, so there a caption counts only where its section fits the
//!   run's count too, and shared columns go by turn among the sections no caption took
//!   ([`owners_of_boxes`]).
//!
//! A section whose runs lack a column or hold more or fewer values is not read. A cell another
//! reader wrote is kept; a section that disagrees with one is not used.

use crate::flow::Row;
use crate::stream::{equations_hold, tokens, Token};
use crate::tables::Tables;
use std::collections::HashMap;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::normalize_label;
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
    /// The row labels right before the header words (only `信息内容` between).
    labels: Vec<&'static str>,
    header: Vec<&'static str>,
    values: Vec<(&'t crate::flow::RowCell, &'t str)>,
}

/// How the converter wrote a section's cells after its header words.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Order {
    /// Row by row, each row left to right (plain `pdftotext`).
    Rows,
    /// Column by column, each column top to bottom (pdfminer's one box a cell).
    Columns,
}

/// A section of the template: its caption, rows and columns (in template order).
pub(crate) struct Section {
    pub caption: &'static str,
    pub rows: Vec<&'static str>,
    pub columns: Vec<&'static str>,
}

/// Reads the sections of table 二 that are pinned (see the module doc) into `out`, each run's
/// values row by row.
pub fn fill(rows: &[Row], template: Template, out: &mut Tables) {
    fill_in(rows, template, Order::Rows, out);
}

/// Reads the sections of table 二 that are pinned into `out`, each run's values column by
/// column (pdfminer's one box a cell).
pub fn fill_by_columns(rows: &[Row], template: Template, out: &mut Tables) {
    fill_in(rows, template, Order::Columns, out);
}

fn fill_in(rows: &[Row], template: Template, order: Order, out: &mut Tables) {
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
    let owners: Vec<Option<&'static str>> = match order {
        Order::Rows => runs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                section_of(r, &sections)
                    .or_else(|| by_turn(&runs, i, &sections))
                    .or_else(|| by_rows(r, &sections))
            })
            .collect(),
        Order::Columns => owners_of_boxes(&runs, &sections),
    };
    for section in &sections {
        let mine: Vec<&Run> = runs
            .iter()
            .zip(&owners)
            .filter(|(_, owner)| **owner == Some(section.caption))
            .map(|(r, _)| r)
            .collect();
        let Some(cells) = read_section(section, &mine, template, &labels, order) else {
            continue;
        };
        if crate::stream::disagrees(out, &cells) {
            out.notes.push(format!(
                "表二: section {} read by its header disagrees with the rows read by label; not used",
                section.caption
            ));
            continue;
        }
        let how = match order {
            Order::Rows => "in print order",
            Order::Columns => "column by column",
        };
        out.notes.push(format!(
            "表二: section {} read under its header ({} values {how})",
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
    only_section_with_columns(run, sections)
}

/// The one section that has the run's columns, if only one does.
fn only_section_with_columns(run: &Run, sections: &[Section]) -> Option<&'static str> {
    let mut fits = sections
        .iter()
        .filter(|s| run.header.iter().all(|h| s.columns.contains(h)));
    match (fits.next(), fits.next()) {
        (Some(one), None) => Some(one.caption),
        _ => None,
    }
}

/// Whether section `s` has the run's columns and as many rows as the run holds values a column.
fn fits_count(run: &Run, s: &Section) -> bool {
    run.header.iter().all(|h| s.columns.contains(h))
        && run.values.len() == s.rows.len() * run.header.len()
}

/// The sections of pdfminer's runs (column mode), where captions stand out of place:
///
/// 1. a run under a caption whose section fits its columns and count is that section's; under
///    one that fits its columns but not its count (`第二十条第（六）项` before （五）'s values), as
///    if under no caption; a run whose columns only one section has is that section's;
/// 2. the runs of one shared column and count left are the sections of that column and row
///    count that no run of step 1 with the column took, by turn in template order, when they
///    are exactly as many (social-org: （六）'s `上一年项目数量` under its caption, the other run
///    （五）'s; `本年增/减` twice with no caption that fits, （五）'s then （六）'s);
/// 3. else the section whose row labels stand right before the run ([`by_rows`]).
///
/// Only runs of one column: several columns' values after their header words may come in any
/// order of the columns.
fn owners_of_boxes(runs: &[Run], sections: &[Section]) -> Vec<Option<&'static str>> {
    let mut owners: Vec<Option<&'static str>> = runs
        .iter()
        .map(|r| {
            // Several columns' values after their header words may come in any order of the
            // columns (geometry text geo-30050-pmcm: `本年制发件数 本年废止件数 现行有效件数` /
            // `2 13` / `7 45` / `1 17`, 废止 and 现行有效 before 制发): no section's.
            if r.header.len() > 1 {
                return None;
            }
            let caption = r
                .caption
                .and_then(|c| sections.iter().find(|s| s.caption == c));
            match caption {
                Some(s) if fits_count(r, s) => Some(s.caption),
                _ => only_section_with_columns(r, sections),
            }
        })
        .collect();
    let first = owners.clone();
    for (i, run) in runs.iter().enumerate() {
        let ([column], None) = (&run.header[..], owners[i]) else {
            continue;
        };
        let same = |r: &Run| r.header[..] == [*column] && r.values.len() == run.values.len();
        let taken: Vec<&'static str> = runs
            .iter()
            .zip(&first)
            .filter(|(r, _)| r.header.contains(column))
            .filter_map(|(_, o)| *o)
            .collect();
        let free: Vec<&Section> = sections
            .iter()
            .filter(|s| fits_count(run, s) && !taken.contains(&s.caption))
            .collect();
        let turns: Vec<usize> = (0..runs.len())
            .filter(|&j| first[j].is_none() && same(&runs[j]))
            .collect();
        if turns.len() == free.len() {
            let turn = turns.iter().position(|&j| j == i);
            owners[i] = turn.and_then(|t| free.get(t)).map(|s| s.caption);
        }
    }
    for (owner, run) in owners.iter_mut().zip(runs) {
        if owner.is_none() && run.header.len() == 1 {
            *owner = by_rows(run, sections);
        }
    }
    owners
}

/// The section of a run whose columns several sections share, neither its caption nor
/// [`by_turn`] naming one: the only one of them with as many rows as the run holds values a
/// column, else the one whose row labels, all of them and nothing else, stand right before
/// the run's header.
fn by_rows(run: &Run, sections: &[Section]) -> Option<&'static str> {
    let fits: Vec<&Section> = sections.iter().filter(|s| fits_count(run, s)).collect();
    if let [one] = fits.as_slice() {
        return Some(one.caption);
    }
    let labelled: Vec<&&Section> = fits.iter().filter(|s| s.rows == run.labels).collect();
    match labelled.as_slice() {
        [one] => Some(one.caption),
        _ => None,
    }
}

/// The section of a run whose one column several sections share and no caption names
/// (`处理决定数量` of （五） and （六）, written after both captions by `pdftotext`): by turn,
/// when the runs of that column without a caption are exactly as many as the sections that
/// have it — the first run the first such section in template order, and so on.
fn by_turn(runs: &[Run], i: usize, sections: &[Section]) -> Option<&'static str> {
    let [column] = runs.get(i)?.header[..] else {
        return None;
    };
    let sharing: Vec<&Section> = sections
        .iter()
        .filter(|s| s.columns.contains(&column))
        .collect();
    let turns: Vec<usize> = runs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.caption.is_none() && r.header[..] == [column])
        .map(|(j, _)| j)
        .collect();
    if sharing.len() < 2
        || turns.len() != sharing.len()
        || runs
            .iter()
            .any(|r| r.caption.is_some() && r.header.contains(&column))
    {
        return None;
    }
    let turn = turns.iter().position(|&j| j == i)?;
    Some(sharing.get(turn)?.caption)
}

/// The runs of header words followed by values, each with the caption right before it.
fn runs<'t>(tokens: &'t [Token], template: Template) -> Vec<Run<'t>> {
    let s = schema();
    // A break naming one column, or several set on one line (`本年新制作数量 本年新公开数量`).
    let cols = |t: &Token| -> Option<Vec<&'static str>> {
        let Token::Break(text) = t else { return None };
        // Words that each name another column are those columns (the whole line would
        // resemble the first of them alone).
        let words: Option<Vec<&'static str>> = text
            .split_whitespace()
            .map(|w| s.match_label(Table::T2, LabelKind::Col, w, Some(template)))
            .collect();
        match words {
            Some(w) if w.len() > 1 && (1..w.len()).all(|i| !w[..i].contains(&w[i])) => Some(w),
            _ => s
                .match_label(Table::T2, LabelKind::Col, text, Some(template))
                .map(|c| vec![c]),
        }
    };
    let col = |t: &Token| cols(t).is_some();
    // The row labels right before token `i` (only `信息内容` between), in order.
    let labels_before = |i: usize| -> Vec<&'static str> {
        let mut labels = Vec::new();
        for t in tokens[..i].iter().rev() {
            let Token::Break(text) = t else { break };
            if normalize_label(text) == "信息内容" {
                continue;
            }
            match s.match_label(Table::T2, LabelKind::Row, text, Some(template)) {
                Some(row) => labels.push(row),
                None => break,
            }
        }
        labels.reverse();
        labels
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
        if !col(t) {
            caption = None;
            i += 1;
            continue;
        }
        let labels = labels_before(i);
        let mut header = Vec::new();
        while let Some(c) = tokens.get(i).and_then(cols) {
            header.extend(c);
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
                labels,
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

/// A section's cells from its runs, each run's values row by row (or column by column) under
/// its header words, when the runs' headers together name each of the section's columns once,
/// in template order, and every run holds exactly rows × its columns values.
fn read_section(
    section: &Section,
    runs: &[&Run],
    template: Template,
    labels: &[&'static str],
    order: Order,
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
        let places: Vec<(&str, &str)> = match order {
            Order::Rows => section
                .rows
                .iter()
                .flat_map(|row| run.header.iter().map(move |col| (*row, *col)))
                .collect(),
            Order::Columns => run
                .header
                .iter()
                .flat_map(|col| section.rows.iter().map(move |row| (*row, *col)))
                .collect(),
        };
        let keys = places
            .iter()
            .map(|(row, col)| schema().key_at(Table::T2, row, col));
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

    type Fill = fn(&[Row], Template, &mut Tables);

    /// The cells one of the readers writes from `text` (`|` between lines).
    fn read_with(fill: Fill, text: &str, template: Template) -> HashMap<String, String> {
        let mut out = Tables::default();
        fill(&rows(text), template, &mut out);
        out.cells
            .iter()
            .map(|(k, c)| (k.as_str().to_string(), c.value.clone()))
            .collect()
    }

    fn read(text: &str) -> HashMap<String, String> {
        read_with(fill, text, Template::V2021)
    }

    /// Every expected cell read with its value.
    fn assert_cells(got: &HashMap<String, String>, want: &[(&str, &str)]) {
        for (k, v) in want {
            assert_eq!(got.get(*k).map(String::as_str), Some(*v), "{k}");
        }
    }

    fn read_by_columns(text: &str, template: Template) -> HashMap<String, String> {
        read_with(fill_by_columns, text, template)
    }

    /// pdfminer.six of huaian-2024.pdf (corpus/reports/derived/huaian-2024-pdfminer.txt, blank
    /// lines dropped): （一）'s labels and header after the next captions, its values one box
    /// each; （六）'s two decisions after （八）'s caption (two values: （六）'s two rows, not
    /// （五）'s one).
    const HUAIAN_PDFMINER: &str = "第二十条 第（一）项|信息内容|规章|行政规范性文件|第二十条 第（五）项|\
         信息内容|行政许可|第二十条 第（六）项|本年制发件数|本年废止件数 现行有效件数|1|8|0|26|11|66|\
         本年处理决定数量|447228|- 3 -|信息内容|行政处罚|行政强制|第二十条 第（八）项|本年处理决定数量|\
         3985758|88283|信息内容|本年收费金额（单位：万元）|行政事业性收费|96171.6";

    /// pdfminer.six of social-org.pdf (corpus/reports/derived/social-org-pdfminer.txt): each
    /// header boxed with its column's values, （六）'s caption before （六）'s first box only,
    /// （八）'s before （五）'s `本年增/减`.
    const SOCIAL_ORG_PDFMINER: &str = "第二十条第（五）项|信息内容|行政许可|其他对外管理服务事项|信息内容|\
         行政处罚|行政强制|上一年项目数量|43|25|第二十条第（六）项|上一年项目数量|323|18|\
         第二十条第（八）项|本年增/减|0|3|本年增/减|-2|3|处理决定数量|5119|34|处理决定数量|2725|2157";

    #[test]
    fn pdfminer_s_boxes_are_read_column_by_column() {
        let got = read_by_columns(HUAIAN_PDFMINER, Template::V2021);
        let want = [
            ("t2.license.decisions", "447228"),
            ("t2.penalty.decisions", "3985758"),
            ("t2.coercion.decisions", "88283"),
        ];
        assert_cells(&got, &want);
        // （一）'s three columns after one header: the column boxes may come in any order
        // (geo-30050-pmcm below), not read; the fee's value follows its label: not read here.
        assert_eq!(got.len(), want.len());
        let geo = "第二十条第（一）项|本年制发件数 本年废止件数 现行有效件数|2|13|7|45|1|17|规章|行政规范性文件";
        assert!(read_by_columns(geo, Template::V2021).is_empty());
        // （六）'s `上一年项目数量` under its caption; the other box of that column is （五）'s, the
        // only section of two rows left; `本年增/减` and `处理决定数量` twice, by turn.
        let got = read_by_columns(SOCIAL_ORG_PDFMINER, Template::V2019);
        let want = [
            ("t2.license.prev_items", "43"),
            ("t2.other_service.prev_items", "25"),
            ("t2.license.change", "0"),
            ("t2.other_service.change", "3"),
            ("t2.license.decisions", "5119"),
            ("t2.other_service.decisions", "34"),
            ("t2.penalty.prev_items", "323"),
            ("t2.coercion.prev_items", "18"),
            ("t2.penalty.change", "-2"),
            ("t2.coercion.change", "3"),
            ("t2.penalty.decisions", "2725"),
            ("t2.coercion.decisions", "2157"),
        ];
        assert_cells(&got, &want);
        assert_eq!(got.len(), want.len());
        // A third `本年增/减` box of two values: three runs for two sections, no turn; （五）
        // and （六） then lack a column and read nothing.
        let third = SOCIAL_ORG_PDFMINER.replace("本年增/减|-2|3|", "本年增/减|-2|3|本年增/减|7|7|");
        let got = read_by_columns(&third, Template::V2019);
        assert!(got.keys().all(|k| !k.starts_with("t2.license")), "{got:?}");
        assert!(got.keys().all(|k| !k.starts_with("t2.penalty")), "{got:?}");
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
        assert_cells(&got, &want);
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
        assert_cells(&got, &want);
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
    /// without its caption right before it names the section only by its values' count
    /// (v2021: （五） one row, （六） two); where both sections have as many rows (v2019) and
    /// the labels right before it are not one section's, its values are not read.
    #[test]
    fn a_header_no_caption_pins_is_not_read() {
        let got = read("行政许可|行政处罚|行政强制|信息内容|本年处理决定数量|22003|1102");
        assert_eq!(
            got.get("t2.penalty.decisions").map(String::as_str),
            Some("22003")
        );
        assert_eq!(
            got.get("t2.coercion.decisions").map(String::as_str),
            Some("1102")
        );
        assert_eq!(got.len(), 2);
        let v2019 =
            "行政许可|其他对外管理服务事项|行政处罚|行政强制|信息内容|处理决定数量|22003|1102";
        assert!(read_with(fill, v2019, Template::V2019).is_empty());
    }

    /// Plain `pdftotext` of Chromium's PDF of jingan-2019.mht (corpus/reports/derived/
    /// jingan-2019-mht-printed-pdftotext.txt): two header words on one line, and the sections'
    /// last columns after a page footer, `处理决定数量` twice without a caption: by turn,
    /// （五）'s then （六）'s. One such run alone, or a third, names no section.
    #[test]
    fn shared_columns_without_captions_are_the_sections_by_turn() {
        let text = "规章|规范性文件|信息内容|信息内容|行政许可|其他对外管理服务事项|信息内容|行政处罚|行政强制|             第二十条第（一）项|本年新制作数量 本年新公开数量|2|0|13|0|             第二十条第（五）项|上一年项目数量|本年增/减|95|-1|23|0|             第二十条第（六）项|上一年项目数量|本年增/减|354|-3|18|-1|-1-|             对外公开总数量|15|46|处理决定数量|10714|24|处理决定数量|10316|4706";
        let read19 = |text: &str| {
            let mut out = Tables::default();
            fill(&rows(text), Template::V2019, &mut out);
            out.cells
                .iter()
                .map(|(k, c)| (k.as_str().to_string(), c.value.clone()))
                .collect::<HashMap<String, String>>()
        };
        let got = read19(text);
        let want = [
            ("t2.regulation.new_made", "2"),
            ("t2.regulation.new_published", "0"),
            ("t2.regulation.total_published", "15"),
            ("t2.normative.new_made", "13"),
            ("t2.normative.total_published", "46"),
            ("t2.license.decisions", "10714"),
            ("t2.other_service.decisions", "24"),
            ("t2.penalty.prev_items", "354"),
            ("t2.penalty.decisions", "10316"),
            ("t2.coercion.change", "-1"),
            ("t2.coercion.decisions", "4706"),
        ];
        assert_cells(&got, &want);
        let one = text.replace("处理决定数量|10316|4706", "");
        let got = read19(&one);
        assert!(!got.contains_key("t2.license.decisions"), "{got:?}");
        let three = format!("{text}|处理决定数量|1|2");
        let got = read19(&three);
        assert!(!got.contains_key("t2.license.decisions"), "{got:?}");
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
