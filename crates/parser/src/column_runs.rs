//! Table 三 read from **pdfminer.six's runs of value columns** (docs/design-linear-text.md §2).
//!
//! pdfminer writes table 三 column by column: each value column as one or more text boxes (a
//! tall row cuts a column into boxes), the boxes of several columns often one after another.
//! The order *between* boxes is the order of its layout tree, which the rules cannot check
//! (they are symmetric in the six applicant columns). What was measured instead
//! (`corpus/gen/check_pdfminer_runs.py`, 64 PDFs of four producers) and is used here:
//!
//! - a **run** (value lines with no other text line between them) made of whole columns of the
//!   same rows, every column holding a box of two values or more, came left to right in every
//!   case; the one run out of print order was made of one-value boxes only (which are refused);
//! - a run of one such column right after exactly one header box was that header's column;
//!   a run of *k* columns right after exactly *k* header boxes naming *k* columns held exactly
//!   those columns.
//!
//! The reading, unique or nothing:
//!
//! 1. Table 三's region (heading 三 to heading 四) is cut into runs per page, and each run into
//!    its boxes (a line after a blank line starts a box, [`xxgk_model::Line::after_break`]).
//!    A text box that is exactly one column header (`自然人`, `社会 / 公益 / 组织`, `总计`; the
//!    group header `法人或其他组织` aside) names a column; such boxes end a run, other text
//!    (row labels printed between pieces of a column) does not.
//! 2. For each page, every run must be a whole number of columns of that page's rows, each
//!    column starting a box and holding a box of two values or more.
//! 3. A run of *k* columns after exactly *k* header boxes naming *k* different columns is those
//!    columns in print order; at most one other run (no header, or a header count that does
//!    not match) takes the columns left over, in print order, when it has exactly that many.
//!    Every column of the page must be taken exactly once.
//! 4. The rows of each page are not printed: every split of the template's rows over the pages
//!    is tried (each page at least one row), the pages' columns are joined top to bottom, and a
//!    reading is kept only when every 勾稽 equation of table 三 holds (T3-1/T3-2 per column,
//!    T3-3 per row) for one of the template's layouts. Exactly one set of cells must remain.
//! 5. Another reader's cell that differs stops everything.
//! 6. Where no reader wrote any cell of table 三 (the later pages' runs are no whole columns:
//!    pdfminer cuts them into one-value boxes of several columns interleaved), the **first
//!    page part alone** is read by steps 2 and 3: its values are seven columns of `n` rows,
//!    `n` the count over seven; the rows are the template's first `n` (the same in every
//!    layout, fewer than all); the last row label printed on that page is row `n`'s (so the
//!    page holds those rows and no more); and every row adds up (T3-3). Only T3-1/T3-2, which
//!    need the whole columns, are not checked; the runs' order rests on the same evidence.
//!
//! Text input only; anything in doubt (a count that matches no split, a blank cell, two readings)
//! writes nothing.

use crate::sections::heading_number;
use crate::stream::{disagrees, equations_hold, t3_layouts};
use crate::tables::{t3_row_key, Tables};
use std::collections::HashMap;
use xxgk_model::schema::KeyDef;
use xxgk_model::text::{classify_value, fold_printed, normalize_label};
use xxgk_model::{schema, Block, Cell, Document, Flag, KeyId, Table, Template};

/// The columns of table 三: seven in every template.
const COLUMNS: usize = 7;

/// Table 三's column keys in print order (the schema's order, the same in both templates).
fn print_order(template: Template) -> Vec<&'static KeyDef> {
    schema()
        .keys(template)
        .filter(|k| k.table == Table::T3 && k.row == "new_received")
        .collect()
}

/// The header printed over several columns, no column's own.
const GROUP_HEADER: &str = "法人或其他组织";

/// Pages holding runs: more would make too many splits to try (none was seen).
const MAX_PAGES: usize = 3;

/// Value lines of one page with no text box naming a column between them (row labels between
/// them do not end a run).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Index of the page part (0, 1, …) among the pages holding runs.
    pub page: usize,
    /// The run's text boxes, each a list of values top to bottom.
    pub boxes: Vec<Vec<u64>>,
    /// The columns (indices into the print order) named by the header boxes between the
    /// previous run and this one, in text order.
    pub named: Vec<usize>,
    /// Whether other text (row labels) came between two of the run's boxes.
    pub interrupted: bool,
    /// Whether one of the run's values shares a text box with text (a header boxed with its
    /// cells, a value glued under a label): its box is no piece of one column alone.
    pub mixed: bool,
}

/// Where table 三's region ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionEnd {
    /// At heading 四 (the readers that need whole columns before it).
    HeadingFour,
    /// At table 四's own words (行政复议 …) or a later heading: pdfminer may write heading 四
    /// before the last columns of table 三 (its box sorts above theirs).
    TableFour,
}

/// Words of table 四's header, which no part of table 三 prints.
pub(crate) const TABLE_FOUR_WORDS: [&str; 4] = ["行政复议", "行政诉讼", "复议后起诉", "未经复议"];

/// Table 三's region of a text document as runs, and the rows whose labels each page part
/// prints ([`runs_of`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Runs {
    /// The runs in text order.
    pub runs: Vec<Run>,
    /// For each page part (0, 1, …, as [`Run::page`]), the template rows whose labels are
    /// printed on it, in text order.
    pub labels: Vec<Vec<&'static str>>,
}

/// Table 三's cells read from the runs of a text document ([`runs_of`]; see the module doc),
/// written into `out`.
pub fn fill_t3(runs: &Runs, template: Template, out: &mut Tables) {
    let Some((cells, single_other)) = read(&runs.runs, template) else {
        return;
    };
    take_whole_table(out, cells, single_other, "runs of value columns");
}

/// Where no reader wrote table 三: the rows of the first page part alone (step 6 of the
/// module doc), written into `out`.
pub fn fill_first_page(runs: &Runs, template: Template, out: &mut Tables) {
    if out.cells.keys().any(|k| k.table() == Table::T3) {
        return;
    }
    let Some(cells) = read_first_page(runs, template) else {
        return;
    };
    out.notes.push(format!(
        "表三: {} cells of the first page read from runs of value columns",
        cells.len()
    ));
    for (k, c) in cells {
        out.cells.entry(k).or_insert(c);
    }
}

/// The first page part's rows: its runs cut into seven columns of equal length (steps 2 and 3),
/// every row adding up (T3-3), the rows the template's first ones in every layout, and the last
/// row label printed on the page that of the page's last row.
pub fn read_first_page(runs: &Runs, template: Template) -> Option<Vec<(KeyId, Cell)>> {
    let first: Vec<&Run> = runs.runs.iter().filter(|r| r.page == 0).collect();
    let values: usize = first
        .iter()
        .map(|r| r.boxes.iter().map(Vec::len).sum::<usize>())
        .sum();
    if !values.is_multiple_of(COLUMNS) {
        return None;
    }
    let rows = values / COLUMNS;
    let layouts = t3_layouts(template);
    let head = layouts.first()?.1.get(..rows)?;
    // The whole table on one page was for `read`, whose equations it failed.
    let same_head = layouts
        .iter()
        .all(|(_, order)| order.len() > rows && order.get(..rows) == Some(head));
    if rows < 2 || !same_head {
        return None;
    }
    let last_label = runs
        .labels
        .first()?
        .iter()
        .filter_map(|k| {
            layouts
                .iter()
                .find_map(|(_, o)| o.iter().position(|r| r == k))
        })
        .max()?;
    if last_label + 1 != rows {
        return None;
    }
    let columns = page_columns(&first, rows)?;
    let adds_up = (0..rows).all(|i| {
        columns
            .iter()
            .map(|c| c.get(i).copied())
            .collect::<Option<Vec<u64>>>()
            .is_some_and(|row| row_adds_up(&row))
    });
    adds_up.then(|| cells_of(&columns, head, template))
}

/// Whether a row of table 三's seven cells has its applicants adding up to its total (T3-3).
pub(crate) fn row_adds_up(row: &[u64]) -> bool {
    row.split_last().is_some_and(|(total, applicants)| {
        applicants
            .iter()
            .try_fold(0u64, |sum, v| sum.checked_add(*v))
            .is_some_and(|sum| sum == *total)
    })
}

/// Write a reading of the whole of table 三 (`cells`, and whether it is the single （六）
/// layout) into `out`, unless another reader wrote a cell of table 三 that it does not have or
/// has differently: then none of it, with a note naming `what` was read.
pub(crate) fn take_whole_table(
    out: &mut Tables,
    cells: Vec<(KeyId, Cell)>,
    single_other: bool,
    what: &str,
) {
    let keys: Vec<KeyId> = cells.iter().map(|(k, _)| *k).collect();
    let foreign = out
        .cells
        .keys()
        .any(|k| k.table() == Table::T3 && !keys.contains(k));
    if foreign || disagrees(out, &cells) {
        out.notes.push(format!(
            "表三: the {what} disagree with other readers; not used"
        ));
        return;
    }
    out.notes
        .push(format!("表三: {} cells read from {what}", cells.len()));
    out.single_other |= single_other;
    for (k, c) in cells {
        out.cells.entry(k).or_insert(c);
    }
}

/// The one reading of table 三 the runs allow: its cells and whether it is the single （六）
/// layout; `None` when there is none or more than one.
pub fn read(runs: &[Run], template: Template) -> Option<(Vec<(KeyId, Cell)>, bool)> {
    let pages = runs.iter().map(|r| r.page + 1).max()?;
    if pages > MAX_PAGES {
        return None;
    }
    let mut found: Vec<(Vec<(KeyId, Cell)>, bool)> = Vec::new();
    for (single_other, order) in t3_layouts(template) {
        for split in splits(order.len(), pages) {
            let Some(columns) = columns_over_pages(runs, &split) else {
                continue;
            };
            if let Some(cells) = holding_cells(&columns, &order, template, single_other) {
                found.push((cells, single_other));
            }
        }
    }
    let (first, rest) = found.split_first()?;
    rest.iter()
        .all(|other| other == first)
        .then(|| first.clone())
}

/// Every way of giving `pages` pages at least one of `rows` rows each, top to bottom.
fn splits(rows: usize, pages: usize) -> Vec<Vec<usize>> {
    if pages == 1 {
        return vec![vec![rows]];
    }
    (1..rows)
        .flat_map(|first| {
            splits(rows - first, pages - 1)
                .into_iter()
                .map(move |mut rest| {
                    rest.insert(0, first);
                    rest
                })
        })
        .collect()
}

/// The seven columns, top to bottom over the pages, when every page's runs give each column
/// exactly once with that page's rows.
fn columns_over_pages(runs: &[Run], split: &[usize]) -> Option<Vec<Vec<u64>>> {
    let mut columns: Vec<Vec<u64>> = vec![Vec::new(); COLUMNS];
    for (page, &rows) in split.iter().enumerate() {
        let on_page: Vec<&Run> = runs.iter().filter(|r| r.page == page).collect();
        for (c, part) in page_columns(&on_page, rows)?.into_iter().enumerate() {
            columns[c].extend(part);
        }
    }
    Some(columns)
}

/// One page's seven column parts of `rows` rows each (steps 2 and 3 of the module doc).
fn page_columns(runs: &[&Run], rows: usize) -> Option<Vec<Vec<u64>>> {
    let mut taken: Vec<Option<Vec<u64>>> = vec![None; COLUMNS];
    let mut unnamed: Option<Vec<Vec<u64>>> = None;
    for run in runs {
        let parts = cut(run, rows)?;
        let mut named = run.named.clone();
        named.sort_unstable();
        named.dedup();
        if named.len() == parts.len() && run.named.len() == parts.len() {
            for (c, part) in named.into_iter().zip(parts) {
                if taken[c].replace(part).is_some() {
                    return None;
                }
            }
        } else if unnamed.replace(parts).is_some() {
            return None;
        }
    }
    if let Some(parts) = unnamed {
        let left: Vec<usize> = (0..COLUMNS).filter(|&c| taken[c].is_none()).collect();
        if left.len() != parts.len() {
            return None;
        }
        for (c, part) in left.into_iter().zip(parts) {
            taken[c] = Some(part);
        }
    }
    taken.into_iter().collect()
}

/// A run cut into columns of `rows` values: each column must start a box and hold a box of two
/// values or more.
fn cut(run: &Run, rows: usize) -> Option<Vec<Vec<u64>>> {
    let mut columns: Vec<Vec<u64>> = Vec::new();
    let mut long_box = false;
    for b in &run.boxes {
        let open = columns.last().is_some_and(|c| c.len() < rows);
        if !open {
            if let Some(last) = columns.last() {
                if last.len() != rows || !long_box {
                    return None;
                }
            }
            columns.push(Vec::new());
            long_box = false;
        }
        let column = columns.last_mut()?;
        if column.len() + b.len() > rows {
            return None; // a column ends inside a box
        }
        column.extend(b);
        long_box |= b.len() >= 2;
    }
    let last_whole = columns.last().is_some_and(|c| c.len() == rows) && long_box;
    last_whole.then_some(columns)
}

/// The cells of the layout `order` from the seven columns.
pub(crate) fn cells_of(
    columns: &[Vec<u64>],
    order: &[&'static str],
    template: Template,
) -> Vec<(KeyId, Cell)> {
    let order_of = print_order(template);
    let mut out = Vec::new();
    for (i, row) in order.iter().enumerate() {
        for key in crate::tables::row_keys(template, Table::T3, row) {
            let Some(c) = order_of.iter().position(|k| k.col == key.col()) else {
                continue;
            };
            if let Some(v) = columns.get(c).and_then(|col| col.get(i)) {
                out.push((key, whole_cell(*v)));
            }
        }
    }
    out
}

/// The cells of the layout `order` from the seven columns ([`cells_of`]), when every equation
/// of table 三 holds for them (T3-1/T3-2 per column, T3-3 per row).
pub(crate) fn holding_cells(
    columns: &[Vec<u64>],
    order: &[&'static str],
    template: Template,
    single_other: bool,
) -> Option<Vec<(KeyId, Cell)>> {
    let cells = cells_of(columns, order, template);
    let whole: HashMap<KeyId, i128> = cells
        .iter()
        .filter_map(|(k, c)| Some((*k, c.value.parse::<i128>().ok()?)))
        .collect();
    (whole.len() == cells.len() && equations_hold(&whole, template, single_other, "T3"))
        .then_some(cells)
}

fn whole_cell(v: u64) -> Cell {
    crate::rows::cell_of(&crate::flow::RowCell {
        text: v.to_string(),
        page: None,
        bbox: None,
    })
}

/// Table 三's region of a text document, heading 三 to heading 四, as runs (step 1 of the
/// module doc).
pub fn runs_of(doc: &Document, template: Template) -> Runs {
    runs_in(doc, template, RegionEnd::HeadingFour)
}

/// Table 三's region of a text document as runs, ending where `end` says.
pub fn runs_in(doc: &Document, template: Template, end: RegionEnd) -> Runs {
    let mut runs: Vec<Run> = Vec::new();
    let mut labels: Vec<Vec<&'static str>> = Vec::new();
    let mut inside = false;
    let mut page_part = 0usize;
    // The text box being read (lines joined), and the column headers seen since the last run.
    let mut text_box = String::new();
    let mut named: Vec<usize> = Vec::new();
    for page in &doc.pages {
        if runs.last().is_some_and(|r| r.page == page_part) {
            page_part += 1;
        }
        let mut in_run = false;
        let mut box_open = false;
        for block in &page.blocks {
            let Block::Line(line) = block else {
                box_open = false;
                continue;
            };
            let text = fold_printed(line.text.trim()).into_owned();
            let heading = heading_number(&text);
            match heading {
                Some(3) => {
                    inside = true;
                    continue;
                }
                Some(4) if inside && end == RegionEnd::TableFour => {}
                Some(_) if inside => return Runs { runs, labels },
                _ => {}
            }
            let table_four = heading.is_none() && TABLE_FOUR_WORDS.iter().any(|w| text.contains(w));
            if inside && end == RegionEnd::TableFour && table_four {
                return Runs { runs, labels };
            }
            if !inside || text.is_empty() {
                continue;
            }
            let starts_box = line.after_break || !box_open;
            box_open = true;
            if starts_box {
                named.extend(header_column(&text_box, template));
                text_box.clear();
            }
            match whole_number(&text) {
                Some(v) => {
                    // A box of text and values (a header boxed with its cells) names nothing.
                    let mixed = !starts_box && !text_box.is_empty();
                    if !starts_box {
                        text_box.clear();
                    }
                    match runs.last_mut() {
                        Some(run) if in_run && !starts_box => {
                            if let Some(b) = run.boxes.last_mut() {
                                b.push(v);
                            }
                        }
                        Some(run) if in_run => run.boxes.push(vec![v]),
                        // Text that names no column (row labels) does not end a run.
                        Some(run) if named.is_empty() && run.page == page_part => {
                            run.boxes.push(vec![v]);
                            run.interrupted = true;
                        }
                        _ => {
                            runs.push(Run {
                                page: page_part,
                                boxes: vec![vec![v]],
                                named: std::mem::take(&mut named),
                                interrupted: false,
                                mixed: false,
                            });
                        }
                    }
                    if let Some(run) = runs.last_mut() {
                        run.mixed |= mixed;
                    }
                    in_run = true;
                }
                None => {
                    // Text in a box of values.
                    if in_run && !starts_box {
                        if let Some(run) = runs.last_mut() {
                            run.mixed = true;
                        }
                    }
                    in_run = false;
                    text_box.push_str(&text);
                    // A column header (`总计`) is no row label.
                    let row = header_column(&text, template)
                        .is_none()
                        .then(|| t3_row_key(&text, template, None))
                        .flatten();
                    if let Some(row) = row {
                        if labels.len() <= page_part {
                            labels.resize(page_part + 1, Vec::new());
                        }
                        labels[page_part].push(row);
                    }
                }
            }
        }
        named.extend(header_column(&text_box, template));
        text_box.clear();
    }
    // No heading 四 after the region: the region's end is not known.
    Runs::default()
}

/// The column a text box is the header of: its text, the group header aside, is exactly one
/// column's printed header.
pub(crate) fn header_column(text: &str, template: Template) -> Option<usize> {
    let norm = normalize_label(&text.replace(GROUP_HEADER, ""));
    if norm.is_empty() {
        return None;
    }
    let columns = print_order(template);
    let mut hits = columns
        .iter()
        .enumerate()
        .filter(|(_, k)| normalize_label(k.col_label) == norm);
    let (c, _) = hits.next()?;
    hits.next().is_none().then_some(c)
}

/// A line that is one whole number ≥ 0 and nothing else.
pub(crate) fn whole_number(text: &str) -> Option<u64> {
    let (flag, value) = classify_value(text)?;
    if flag != Flag::Number || text.trim().contains(char::is_whitespace) {
        return None;
    }
    value.parse().ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A derived corpus file read by the real text reader (which keeps pdfminer's box breaks).
    pub(crate) fn corpus_doc(name: &str) -> Document {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus/reports/derived")
            .join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        xxgk_ingest::ingest(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// Table 三's cells of a truth file (one `"key": "value"` per line, as the corpus writes
    /// them; read without a JSON crate).
    pub(crate) fn truth_t3(name: &str) -> HashMap<String, String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus/truth/derived")
            .join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let cell = regex::Regex::new(r#"^\s*"(t3\.[a-z_]+\.[a-z_]+)": "([^"]*)""#).unwrap();
        text.lines()
            .filter_map(|l| cell.captures(l))
            .map(|c| (c[1].to_string(), c[2].to_string()))
            .collect()
    }

    fn read_doc(doc: &Document) -> Tables {
        let mut out = Tables::default();
        fill_t3(&runs_of(doc, Template::V2021), Template::V2021, &mut out);
        out
    }

    /// pdfminer.six text of v2021-docx.pdf: `自然 / 人` then its column (row labels between
    /// its pieces), the headers 社会公益组织 / 法律服务机构 / 科研机构 then those three columns
    /// left to right, `商业 / 企业` then its column, `总计 / 其他` then 其他 and 总计. Every
    /// cell of table 三 is read, each as the truth has it.
    #[test]
    fn v2021_docx_reads_every_cell_of_table_three() {
        let truth = truth_t3("v2021-docx-pdfminer.json");
        assert_eq!(truth.len(), 175);
        let out = read_doc(&corpus_doc("v2021-docx-pdfminer.txt"));
        assert_eq!(out.cells.len(), 175, "{:?}", out.notes);
        for (k, c) in &out.cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
            assert_eq!(c.flag, Flag::Number);
        }
        assert_eq!(
            out.cells
                .iter()
                .find(|(k, _)| k.as_str() == "t3.new_received.legal_service")
                .map(|(_, c)| c.value.as_str()),
            Some("12")
        );
    }

    fn v2021_runs() -> Vec<Run> {
        runs_of(&corpus_doc("v2021-docx-pdfminer.txt"), Template::V2021).runs
    }

    /// The runs of v2021-docx: four, named as printed.
    #[test]
    fn runs_carry_the_columns_their_header_boxes_name() {
        let runs = v2021_runs();
        let named: Vec<&[usize]> = runs.iter().map(|r| r.named.as_slice()).collect();
        assert_eq!(named, [&[0][..], &[3, 4, 2], &[1], &[6, 5]]);
        let counts: Vec<usize> = runs
            .iter()
            .map(|r| r.boxes.iter().map(Vec::len).sum())
            .collect();
        assert_eq!(counts, [25, 75, 25, 50]);
    }

    /// Refused: the same runs made of one-value boxes only (the shape that came out of print
    /// order in wrapped-vertical.pdf), a run one value short (a blank cell), and two columns
    /// named by one header box.
    #[test]
    fn doubtful_runs_give_nothing() {
        let mut runs = v2021_runs();
        assert!(read(&runs, Template::V2021).is_some());
        // One-value boxes only in the three-column run.
        let values: Vec<u64> = runs[1].boxes.concat();
        runs[1].boxes = values.iter().map(|&v| vec![v]).collect();
        assert!(read(&runs, Template::V2021).is_none());
        // A value missing from the 商业企业 run.
        let mut runs = v2021_runs();
        if let Some(b) = runs[2].boxes.last_mut() {
            b.clear();
        }
        assert!(read(&runs, Template::V2021).is_none());
        // 其他 and 总计 named by one header: the run is header-less, and so is 科研's, so two
        // runs claim the columns left over.
        let mut runs = v2021_runs();
        runs[3].named = vec![6];
        runs[1].named.clear();
        assert!(read(&runs, Template::V2021).is_none());
    }

    /// Two applicant columns swapped inside a run still satisfy every equation (T3-1/T3-2 are
    /// per column, T3-3 sums them): what pins them is the run's order, and a header naming
    /// another column than the run's position gives another reading, never a mixture.
    #[test]
    fn the_total_column_is_pinned_by_the_rules() {
        let mut runs = v2021_runs();
        // 总计 and 其他 swapped in print order: 总计 would be 其他's values — T3-3 fails.
        runs[3].named = vec![5, 6];
        let mut swapped = runs.clone();
        let b = swapped[3].boxes.clone();
        let half = b.iter().map(Vec::len).scan(0, |a, n| {
            *a += n;
            Some(*a)
        });
        let cut = half.take_while(|&n| n <= 25).count();
        let (first, second) = b.split_at(cut);
        swapped[3].boxes = [second, first].concat();
        assert!(read(&swapped, Template::V2021).is_none());
    }

    /// No heading 四 after table 三: the region's end is unknown, nothing is read.
    #[test]
    fn without_the_next_heading_nothing_is_read() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../corpus/reports/derived/v2021-docx-pdfminer.txt"),
        )
        .unwrap_or_default();
        let cut = text.find("四、政府信息公开行政复议").unwrap_or(text.len());
        let doc = xxgk_ingest::ingest(&text.as_bytes()[..cut], "cut.txt")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(read_doc(&doc).cells.is_empty());
    }

    /// pdfminer.six text of split-footer.pdf: page 1's part of table 三 comes as whole runs
    /// (`商业 / 企业` then its column, `自然 / 人` then its column, three header boxes and a run
    /// of three columns, `总计 / 其他` then two), page 2's as one-value boxes interleaved and
    /// running into table 四. The whole table has no reading; page 1's nine rows do, each cell
    /// as the truth has it.
    #[test]
    fn split_footer_reads_its_first_page_only() {
        let truth = truth_t3("split-footer-pdfminer.json");
        let runs = runs_of(&corpus_doc("split-footer-pdfminer.txt"), Template::V2021);
        assert!(read(&runs.runs, Template::V2021).is_none());
        let cells = read_first_page(&runs, Template::V2021).unwrap_or_default();
        assert_eq!(cells.len(), 63);
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
        let value = |id: &str| {
            cells
                .iter()
                .find(|(k, _)| k.as_str() == id)
                .map(|(_, c)| c.value.clone())
        };
        assert_eq!(
            value("t3.new_received.natural_person").as_deref(),
            Some("879")
        );
        assert_eq!(
            value("t3.deny_internal_affairs.total").as_deref(),
            Some("3")
        );
        assert_eq!(value("t3.deny_process_info.total"), None);
    }

    /// Refused: the page's labels stop a row early or name a row further down, and a row that
    /// does not add up.
    #[test]
    fn a_first_page_in_doubt_gives_nothing() {
        let runs = runs_of(&corpus_doc("split-footer-pdfminer.txt"), Template::V2021);
        let mut short = runs.clone();
        short.labels[0].retain(|r| *r != "deny_internal_affairs");
        assert!(read_first_page(&short, Template::V2021).is_none());
        let mut long = runs.clone();
        long.labels[0].push("deny_process_info");
        assert!(read_first_page(&long, Template::V2021).is_none());
        let mut broken = runs;
        // 商业企业's 一 and 二 swapped: its column still fits, row 一 no longer adds up.
        broken.runs[0].boxes[0] = vec![1, 52];
        assert!(read_first_page(&broken, Template::V2021).is_none());
    }
}
