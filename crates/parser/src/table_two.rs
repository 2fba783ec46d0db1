//! Table 二 (主动公开, the 第二十条 items): each row by its label, its columns by the header
//! printed above it or by position; in text, rows run together with their caption, values
//! glued to a label, and rows whose every column is printed read in order when the row's own
//! rule holds (T2-2/T2-3).

use crate::flow::Row;
use crate::rows::{glued_value, place_full_row, place_row, split, Columns};
use crate::tables::{put, row_keys, rules_hold, Tables};
use xxgk_model::schema::LabelKind;
use xxgk_model::text::{classify_value, is_han, normalize_label};
use xxgk_model::{schema, Cell, Flag, KeyId, Table, Template, UnlistedRow};

pub(crate) fn read_t2(rows: &[Row], template: Template, out: &mut Tables) {
    let s = schema();
    let columns: Vec<Option<Columns>> = (0..=3).map(|k| Columns::learn(rows.iter(), k)).collect();
    let mut header: Vec<&'static str> = Vec::new();
    let mut section: Option<&'static str> = None;
    // Value lines pinned to the label line right above them (or wrapped around them).
    let below = crate::table_two_lines::pinned_value_lines(rows, template);
    let shifted = slots_shifted(rows);
    // Rows of aligned text read with a blank wait until a row of aligned text printed every
    // one of its columns (below).
    let mut blank_in_aligned: Vec<(Vec<KeyId>, Vec<Cell>, String)> = Vec::new();
    let mut full_aligned = false;
    // A line of values no label took (`354 -3 10316` over `行政处罚`: RapidOCR's value boxes
    // sit higher than their label's): values sit off their labels, so a label with empty slots
    // is not known to be blank.
    let mut values_off_labels = false;
    // A printed grid's rows under each caption, for the rows no label named.
    let mut in_sections = crate::table_two_order::SectionRows::default();
    for (i, row) in rows.iter().enumerate() {
        // The later lines of a pinned run of value lines were read with its first.
        if below
            .iter()
            .any(|(run, _)| run.contains(&i) && run.start != i)
        {
            continue;
        }
        let pin = below.iter().find(|(run, _)| run.start == i);
        let joined = pin
            .filter(|(run, _)| run.len() > 1)
            .map(|(run, _)| joined_run(&rows[run.clone()]));
        let row = joined.as_ref().unwrap_or(row);
        let pinned = pin.map(|(_, key)| *key);
        let sp = split(row);
        let label = sp.label();
        if label.is_empty() && pinned.is_none() {
            values_off_labels |= sp.has_values();
            continue;
        }
        // A caption or header that ran together with the row after it still names that row.
        let at_end = t2_row_at_end(&label, template);
        let caption_key = s.match_label(Table::T2, LabelKind::Caption, &label, Some(template));
        let caption = caption_key.is_some();
        // A row's label with the next section's caption run in below it (one label cell of
        // Calc's PDF of a sheet: `规范性文件` / `第二十条第（五）项 | 13 | 0 | 46`): the values
        // are that row's (a caption prints none), and the caption then opens its section.
        let lead = caption
            .then(|| row_before_caption(&label, template))
            .flatten();
        let mut next_section = None;
        if caption && lead.is_some() {
            next_section = Some(caption_key);
        } else if caption {
            header.clear();
            section = caption_key;
            if at_end.is_none() {
                continue;
            }
        }
        let norm = normalize_label(&label);
        let header_words = norm.starts_with("信息内容");
        if header_words && at_end.is_none() {
            header = row
                .cells
                .iter()
                .skip(1)
                .filter_map(|c| s.match_label(Table::T2, LabelKind::Col, &c.text, Some(template)))
                .collect();
            continue;
        }
        let own = (!caption && !header_words)
            .then(|| s.match_label(Table::T2, LabelKind::Row, &label, Some(template)))
            .flatten();
        let wrapped = || {
            (!caption && !header_words && sp.has_values())
                .then(|| wrapped_label(&rows[i..], template, section))
                .flatten()
        };
        let named = lead.or(own).or(at_end).or_else(wrapped).or(pinned);
        if row.printed_blanks && (named.is_some() || (!caption && !header_words)) {
            in_sections.note(section, i, &label, named, sp.has_values());
        }
        let Some(key) = named else {
            if !caption && !header_words {
                out.unlisted
                    .extend(unlisted_row(row, &sp, &label, template));
            }
            continue;
        };
        if own.is_none() && header_words {
            // The header's column words ran together with the row: they decide the order.
            header = label
                .split_whitespace()
                .filter_map(|w| s.match_label(Table::T2, LabelKind::Col, w, Some(template)))
                .collect();
        }
        let mut cols = row_keys(template, Table::T2, key);
        // The header printed above decides the order when it names the same columns.
        if header.len() == cols.len() && header.iter().all(|h| cols.iter().any(|k| k.col() == *h)) {
            cols = header
                .iter()
                .filter_map(|h| s.key_at(Table::T2, key, h))
                .collect();
        }
        let learned = columns.get(cols.len()).and_then(|c| c.as_ref());
        let placed = place_row(row, &sp.values, cols.len(), false, learned)
            .filter(|p| !shifted || !crate::rows::any_blank(p));
        let placed = placed.or_else(|| {
            // Every column printed in text whose empty fields say nothing: in order, when
            // the row's own rule (T2-2, T2-3) holds.
            (!row.printed_blanks)
                .then(|| place_full_row(&sp.values, cols.len()))
                .flatten()
                .filter(|p| t2_row_rules_hold(template, &cols, p))
        });
        let placed = placed.or_else(|| {
            // A value glued to the end of its label (`其他对外管理服务事项23 0 24`): no row label
            // ends in a digit, so the digits are the row's first value when the label without
            // them names the same row and the row then has exactly its columns. Text, or a
            // grid of text; never a grid that printed its cells.
            let (text, digits) = glued_value(&label)?;
            // The digits follow the row's own label: after other pieces (OCR's `行政强制 ]2
            // 十4`) the row has lost its columns, and they are no first value.
            (!row.printed_blanks
                && own_or_end(text, template) == Some(key)
                && ends_with_row_label(text, key, template))
            .then_some(())?;
            let glued = crate::flow::RowCell {
                text: digits.to_string(),
                page: sp.values.first().and_then(|c| c.page),
                bbox: None,
            };
            let values: Vec<&crate::flow::RowCell> = std::iter::once(&glued)
                .chain(sp.values.iter().copied())
                .collect();
            (values.len() == cols.len())
                .then(|| crate::rows::place(&values, cols.len(), false))
                .flatten()
        });
        let placed = placed.or_else(|| values_in_label_cell(&sp, cols.len()));
        let placed = placed.or_else(|| slots_not_columns(row, &sp, &cols, template));
        // Empty slots no grid printed as cells: aligned text, or a PDF line beside a header.
        let unprinted = !row.printed_blanks;
        match placed {
            Some(p) if unprinted && crate::rows::any_blank(&p) => {
                blank_in_aligned.push((cols, p, label));
            }
            Some(p) => {
                full_aligned |= unprinted;
                put(out, &cols, p, &label)
            }
            None => out.notes.push(format!(
                "表二 row '{label}': {} value fields for {} columns; not placed",
                sp.values.len(),
                cols.len()
            )),
        }
        if let Some(caption) = next_section {
            header.clear();
            section = caption;
        }
    }
    // A printed grid's value rows no label named: by the order of their section's labels.
    for (i, key) in in_sections.placements(template) {
        let cols = row_keys(template, Table::T2, key);
        if cols.iter().any(|k| out.cells.contains_key(k)) {
            continue;
        }
        let Some(row) = rows.get(i) else {
            continue;
        };
        let sp = split(row);
        let learned = columns.get(cols.len()).and_then(|c| c.as_ref());
        if let Some(p) = place_row(row, &sp.values, cols.len(), false, learned) {
            let label = sp.label();
            out.unlisted.retain(|u| u.label != label);
            put(out, &cols, p, &label);
        }
    }
    // Aligned text (`pdftotext -layout`, PyMuPDF) or a PDF page's lines outside any printed grid
    // where no such row of the table printed every one of its columns, or where a line of
    // values no label took is in the table (above): a column is off the page
    // (a sheet printed down, then across: `规章 1 0` for three columns, `行政许可` alone; cairo's
    // PDF of it drops the glyphs past the edge), so an empty slot is no blank cell.
    if full_aligned && !values_off_labels {
        for (cols, p, label) in blank_in_aligned {
            put(out, &cols, p, &label);
        }
    }
}

/// Whether every row of a text grid (Markdown pipes: slots a converter inferred) that holds a
/// value has its first value slot empty: the converter set the table's values one slot to the
/// right (pymupdf4llm of Calc's PDF of a sheet: `|规章||2|0|` under `|信息内容|本年新制作数量|…|`,
/// the third value off the page). An empty slot is then no blank cell. Real blanks do not
/// empty the first column of every section of table 二 (本年新制作数量, 上一年项目数量,
/// 采购项目数量 alike); a grid printing any row's first value says nothing.
fn slots_shifted(rows: &[Row]) -> bool {
    let mut seen = 0;
    for row in rows.iter().filter(|r| r.from_grid && !r.printed_blanks) {
        let sp = split(row);
        if sp.values.len() < 2
            || !sp
                .values
                .iter()
                .any(|c| crate::rows::is_value_word(c.text.trim()))
        {
            continue;
        }
        if !sp.values[0].text.trim().is_empty() {
            return false;
        }
        seen += 1;
    }
    seen >= 2
}

/// A run of value lines as one line: their cells in order (see [`crate::table_two_lines`]).
fn joined_run(lines: &[Row]) -> Row {
    let mut row = lines.first().cloned().unwrap_or_default();
    row.cells = lines.iter().flat_map(|r| r.cells.iter().cloned()).collect();
    row
}

/// A row of a text grid with more value slots than the row has columns (markitdown's pipe
/// table of a PDF: `| 行政许可 | | | | 95 | | | -1 | | | 10714 |` under `| 信息内容 | |
/// 上一年项目数量 | | 本年增/减 | …`): the slots are where the converter guessed cells, not the
/// columns, and the row's printed numbers, exactly as many as its columns, are its columns left
/// to right. Fewer (a blank, or a value off the page) or more: nothing; nor when the label's
/// cell holds digits (`行政许可<br>447` beside `228`: a number cut in two), nor when a rule of
/// the row fails (T2-2/T2-3: a value may be another row's). A grid of a document (HTML, DOCX,
/// a sheet, a PDF page) printed its cells and is read by position instead.
fn slots_not_columns(
    row: &Row,
    sp: &crate::rows::Split,
    cols: &[KeyId],
    template: Template,
) -> Option<Vec<Cell>> {
    let text_grid = row.from_grid && !row.printed_blanks;
    let label_digits = sp.label().chars().any(|c| c.is_ascii_digit());
    let rules = row_rules(template, cols);
    (text_grid && !label_digits && sp.values.len() > cols.len())
        .then(|| place_full_row(&sp.values, cols.len()))
        .flatten()
        .filter(|p| rules_hold(&rules, cols, p))
}

/// Most label pieces after a value row joined to its label ([`wrapped_label`]).
const MAX_PIECES: usize = 8;

/// The row named by a label wrapped below its values (w3m of a page whose label column is two
/// characters wide: `行政 | 8 | 26 | 66` / `规范` / `性文` / `件`). The value line is a line of
/// its row, so its label piece is part of that row's label; the lines after it that hold no
/// value, no caption, no header and no label naming a row by itself continue it. The shortest join that names a row is taken
/// when every longer join up to the next value row, caption or header names the same row (a
/// piece of the next row's label changes nothing) and, under a caption, the row is one of that
/// caption's rows ([`crate::table_two_sections::SECTIONS`]). `None` otherwise.
fn wrapped_label(
    rows: &[Row],
    template: Template,
    section: Option<&'static str>,
) -> Option<&'static str> {
    let s = schema();
    let names = |text: &str| s.match_label(Table::T2, LabelKind::Row, text, Some(template));
    let mut joined = split(rows.first()?).label();
    let mut found: Option<&'static str> = None;
    for row in rows.iter().skip(1).take(MAX_PIECES) {
        let sp = split(row);
        let piece = sp.label();
        // A piece that names a row alone is that row's own label (a row printed empty), not
        // the end of this one.
        if sp.has_values() || !is_label_piece(&piece, template) {
            break;
        }
        joined.push_str(&piece);
        match (found, names(&joined)) {
            (None, named) => found = named,
            (Some(had), named) if named != Some(had) => return None,
            _ => {}
        }
    }
    let key = found?;
    let in_section = section.is_none_or(|c| {
        crate::table_two_sections::SECTIONS
            .iter()
            .any(|(caption, rows)| *caption == c && rows.contains(&key))
    });
    in_section.then_some(key)
}

/// A row of a printed grid in table 二's region that no reading took: a label of its own (two
/// Chinese characters or more, no piece of a template label, no row or caption of another
/// table) and every value a number. A row the body added (`行政确认 | 1234`), which the
/// template has no cell for; the audit says it was printed (rule U-1). Text input and PDF pages
/// are left out: their lines in a table's region may be prose or pieces of a label.
fn unlisted_row(
    row: &Row,
    sp: &crate::rows::Split,
    label: &str,
    template: Template,
) -> Option<UnlistedRow> {
    let s = schema();
    let other_table = [Table::T3, Table::T4].iter().any(|t| {
        [LabelKind::Row, LabelKind::Caption]
            .iter()
            .any(|kind| s.match_label(*t, *kind, label, Some(template)).is_some())
    });
    let values: Vec<String> = sp
        .values
        .iter()
        .map(|c| c.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let numbers = !values.is_empty()
        && values
            .iter()
            .all(|v| matches!(classify_value(v), Some((Flag::Number, _))));
    let han = label.chars().filter(|c| is_han(*c)).count();
    // A page's grid (PDF) wraps a label over lines whose pieces read as rows of their own
    // (`内 容 行 政`: the tail of 信息内容 and the head of 行政处罚): only a grid whose rows are
    // the document's own (HTML, Word, a sheet) says a row was printed.
    let document_grid = row.printed_blanks && row.cells.iter().all(|c| c.page.is_none());
    (document_grid && numbers && han >= 2 && !other_table && is_label_piece(label, template)).then(
        || UnlistedRow {
            table: Table::T2,
            label: label.to_string(),
            values,
        },
    )
}

/// Whether label text can be a piece of a wrapped table-二 label: on its own it names no row
/// (a piece that does is that row's own label), no caption and no column, and is not the
/// `信息内容` header.
pub(crate) fn is_label_piece(piece: &str, template: Template) -> bool {
    let s = schema();
    let names = |kind| {
        s.match_label(Table::T2, kind, piece, Some(template))
            .is_some()
    };
    !piece.is_empty()
        && !names(LabelKind::Row)
        && !names(LabelKind::Caption)
        && !names(LabelKind::Col)
        && !normalize_label(piece).starts_with("信息内容")
}

/// A row whose label cell holds its values after the label and whose other fields are all
/// empty (`规章 1 0 11`: a sheet printed to PDF, whose print areas hold a row's label and
/// values in one rectangle): the value words in order, when they are exactly the row's
/// `k` columns, every one a number or a dash. Fewer (columns past the page's edge, pages
/// later) or more: nothing.
fn values_in_label_cell(sp: &crate::rows::Split, k: usize) -> Option<Vec<Cell>> {
    let cell = sp.labels.last()?;
    if !crate::rows::label_then_values(&cell.text)
        || sp.values.iter().any(|v| !v.text.trim().is_empty())
    {
        return None;
    }
    let words: Vec<&str> = cell.text.split_whitespace().collect();
    let first_value = words.iter().rposition(|w| !crate::rows::is_value_word(w))? + 1;
    let values = &words[first_value..];
    if values.len() != k {
        return None;
    }
    let cells: Vec<Cell> = values
        .iter()
        .map(|w| {
            crate::rows::cell_of(&crate::flow::RowCell {
                text: w.to_string(),
                ..(*cell).clone()
            })
        })
        .collect();
    cells
        .iter()
        .all(|c| matches!(c.flag, xxgk_model::Flag::Number | xxgk_model::Flag::Dash))
        .then_some(cells)
}

/// A field where a table-二 value ran into the 第二十条 caption after it
/// (`106第二十条第（五）项`, PyMuPDF's x-sort of a borderless page): the number and the
/// caption. No caption begins with a digit, and no value ends in `第`, so the cut is where the
/// caption's `第二十条` begins; the number must be one whole (or decimal) number.
pub(crate) fn value_before_caption(text: &str) -> Option<(&str, &str)> {
    let at = text.find("第二十条")?;
    let (number, caption) = text.split_at(at);
    let number = number.trim();
    (!number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && xxgk_model::text::classify_value(number)
            .is_some_and(|(flag, _)| flag == xxgk_model::Flag::Number))
    .then_some((number, caption))
}

/// The table-二 row named by the first word of a label whose other words are a caption
/// (`规范性文件 第二十条第（五）项`).
fn row_before_caption(label: &str, template: Template) -> Option<&'static str> {
    let (first, rest) = label.trim().split_once(char::is_whitespace)?;
    let rest = rest.trim();
    let s = schema();
    (normalize_label(rest).starts_with("第二十条")
        && s.match_label(Table::T2, LabelKind::Caption, rest, Some(template))
            .is_some())
    .then(|| s.match_label(Table::T2, LabelKind::Row, first, Some(template)))
    .flatten()
}

/// Whether a label's text ends with a fragment of row `key`'s own label.
fn ends_with_row_label(text: &str, key: &str, template: Template) -> bool {
    let norm = normalize_label(text);
    schema()
        .labels(Table::T2, LabelKind::Row)
        .filter(|l| l.key == key && l.in_template(Some(template)))
        .any(|l| l.fragments.iter().any(|f| norm.ends_with(f.as_str())))
}

/// The table-二 row a label names, whole or by its last words.
fn own_or_end(label: &str, template: Template) -> Option<&'static str> {
    schema()
        .match_label(Table::T2, LabelKind::Row, label, Some(template))
        .or_else(|| t2_row_at_end(label, template))
}

/// The table-二 row named by the last words of a label that ran together with the caption
/// and header before it (PyMuPDF's blocks join a block's lines: `第二十条第（一）项 信息内容
/// 本年制发件数 本年废止件数 现行有效件数 规章 0 2 11`): the shortest run of whole words at the
/// end of the label that names a row.
fn t2_row_at_end(label: &str, template: Template) -> Option<&'static str> {
    let words: Vec<&str> = label.split_whitespace().collect();
    (1..words.len()).rev().find_map(|start| {
        schema().match_label(
            Table::T2,
            LabelKind::Row,
            &words[start..].join(""),
            Some(template),
        )
    })
}

/// Whether a table-二 row's cells, placed in `cols` order, satisfy its rules (T2-2: made ≤
/// in force + repealed; T2-3), with at least one rule to check.
fn t2_row_rules_hold(template: Template, cols: &[KeyId], cells: &[Cell]) -> bool {
    let rules = row_rules(template, cols);
    !rules.is_empty() && rules_hold(&rules, cols, cells)
}

/// The rules (T2-2/T2-3) that cover only a row's own columns.
fn row_rules(template: Template, cols: &[KeyId]) -> Vec<xxgk_model::rules::Equation> {
    xxgk_model::rules::equations(template, false)
        .into_iter()
        .filter(|e| e.left.iter().chain(&e.right).all(|k| cols.contains(k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Calc's PDF of a sheet: a print area holds a row's label and its values (`规章 1 0 11`),
    /// the row's other fields empty. Exactly the row's columns: read in order; fewer (columns
    /// past the page's edge) or a value beside the cell: nothing.
    #[test]
    fn values_printed_in_the_label_s_rectangle_are_read_when_every_column_is_there() {
        let row = |cells: &[&str]| crate::flow::text_grid_row(cells);
        let read = |r: &Row, k: usize| {
            values_in_label_cell(&split(r), k)
                .map(|c| c.into_iter().map(|c| c.value).collect::<Vec<_>>())
        };
        let full = row(&["规章 1 0 11", "", ""]);
        assert_eq!(
            read(&full, 3),
            Some(vec!["1".to_string(), "0".into(), "11".into()])
        );
        assert_eq!(read(&row(&["规章 2 0", "", ""]), 3), None);
        assert_eq!(read(&row(&["行政许可 447", "228"]), 1), None);
        assert_eq!(read(&row(&["规章", "1", "0", "11"]), 3), None);
    }
    use crate::flow::text_grid_row;

    fn read(rows: &[&[&str]]) -> std::collections::HashMap<String, String> {
        let rows: Vec<Row> = rows.iter().map(|r| text_grid_row(r)).collect();
        let mut out = Tables::default();
        read_t2(&rows, Template::V2021, &mut out);
        out.cells
            .iter()
            .map(|(k, c)| (k.as_str().to_string(), c.value.clone()))
            .collect()
    }

    /// RapidOCR's text of a scan, boxes grouped into lines: each row's values sit on the line
    /// above its label (`8  26  66` / `行政规范性文件`). A label with empty slots is then no
    /// blank row: values no label took are in the table. Without them it is blank.
    #[test]
    fn values_no_label_took_leave_a_label_s_empty_slots_unknown() {
        let head: [&[&str]; 3] = [
            &["第二十条第（一）项", "", "", ""],
            &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            &["规章", "1", "0", "11"],
        ];
        let mut off = head.to_vec();
        off.extend([
            &["", "8", "26", "66"][..],
            &["行政规范性文件", "", "", ""][..],
        ]);
        let got = read(&off);
        assert_eq!(
            got.get("t2.regulation.in_force").map(String::as_str),
            Some("11")
        );
        assert_eq!(got.get("t2.normative.made"), None, "{got:?}");
        let mut blank = head.to_vec();
        blank.push(&["行政规范性文件", "", "", ""]);
        let got = read(&blank);
        assert_eq!(
            got.get("t2.normative.made").map(String::as_str),
            Some(""),
            "{got:?}"
        );
    }

    /// pymupdf4llm's Markdown of Calc's PDF of jingan-2019.xls (held out): every value one slot
    /// to the right, the third column off the page. Positions would give `blank, 2, 0` for
    /// 规章 (truth 2, 0, 15); nothing is written but rows printing every column. The same
    /// rows with their first slot printed are read by position, blanks and all.
    #[test]
    fn slots_shifted_in_every_row_give_no_blank() {
        let shifted: [&[&str]; 7] = [
            &["第二十条第（一）项", "", "", ""],
            &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            &["规章", "", "2", "0"],
            &["行政规范性文件", "", "13", "0"],
            &["第二十条第（八）项", "", "", ""],
            &["信息内容", "本年收费金额（单位：万元）", "", ""],
            &["行政事业性收费", "", "80.03", ""],
        ];
        let got = read(&shifted);
        assert_eq!(got.get("t2.regulation.made"), None, "{got:?}");
        assert_eq!(got.get("t2.regulation.in_force"), None, "{got:?}");
        assert_eq!(got.get("t2.normative.repealed"), None, "{got:?}");
        assert_eq!(
            got.get("t2.fee.amount").map(String::as_str),
            Some("80.03"),
            "{got:?}"
        );
        let printed: [&[&str]; 4] = [
            &["第二十条第（一）项", "", "", ""],
            &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            &["规章", "", "2", "0"],
            &["行政规范性文件", "4", "13", "0"],
        ];
        let got = read(&printed);
        assert_eq!(got.get("t2.regulation.made").map(String::as_str), Some(""));
        assert_eq!(got.get("t2.normative.made").map(String::as_str), Some("4"));
    }

    /// markitdown's pipe tables of Calc's PDF of jingan-2019.xls (corpus/reports/derived/
    /// jingan-2019-xls-pdf-markitdown-md.txt): ten value slots for three columns, the values
    /// off their headers' slots. Exactly the row's columns printed: in order; one fewer, or a
    /// grid that printed its cells (HTML): nothing.
    #[test]
    fn a_text_grid_row_of_more_slots_than_columns_reads_its_values_in_order() {
        let rows: [&[&str]; 5] = [
            &["第二十条第（五）项"],
            &[
                "信息内容",
                "",
                "上一年项目数量",
                "",
                "本年增/减",
                "",
                "",
                "",
                "处理决定数量",
                "",
                "",
            ],
            &["行政许可", "", "", "", "95", "", "", "-1", "", "", "10714"],
            &[
                "其他对外管理服务事项",
                "",
                "",
                "",
                "23",
                "",
                "",
                "0",
                "",
                "",
                "24",
            ],
            &["第二十条第（八）项"],
        ];
        let grid: Vec<Row> = rows.iter().map(|r| text_grid_row(r)).collect();
        let read_v2019 = |grid: &[Row]| {
            let mut out = Tables::default();
            read_t2(grid, Template::V2019, &mut out);
            out.cells
                .iter()
                .map(|(k, c)| (k.as_str().to_string(), c.value.clone()))
                .collect::<std::collections::HashMap<_, _>>()
        };
        let got = read_v2019(&grid);
        let want = [
            ("t2.license.prev_items", "95"),
            ("t2.license.change", "-1"),
            ("t2.license.decisions", "10714"),
            ("t2.other_service.prev_items", "23"),
            ("t2.other_service.change", "0"),
            ("t2.other_service.decisions", "24"),
        ];
        for (k, v) in want {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}: {got:?}");
        }
        let mut short = grid.clone();
        short[2].cells[10].text = String::new();
        let got = read_v2019(&short);
        assert!(got.keys().all(|k| !k.starts_with("t2.license")), "{got:?}");
        let mut printed = grid.clone();
        for r in &mut printed {
            r.printed_blanks = true;
        }
        let got = read_v2019(&printed);
        assert_ne!(
            got.get("t2.license.prev_items").map(String::as_str),
            Some("95")
        );
    }

    /// LibreOffice's PDF of jingan-2019.ods (held out): the next section's caption runs into
    /// the label cell of the row above it (`规范性文件` / `第二十条第（五）项 | 13 | 0 | 46`), 11 cells
    /// left out before. The values are the row's; the caption then opens its section.
    #[test]
    fn a_caption_run_into_the_label_above_it_leaves_that_row_its_values() {
        let rows: Vec<Row> = [
            &["第二十条第（一）项", "", "", ""][..],
            &[
                "信息内容\n本年新制作数量",
                "本年新公开数量",
                "对外公开总数量",
                "",
            ],
            &["规章", "2", "0", "15"],
            &["规范性文件\n第二十条第（五）项", "13", "0", "46"],
            &["信息内容\n上一年项目数量", "本年增/减", "处理决定数量", ""],
            &["行政许可", "95", "-1", "10714"],
        ]
        .iter()
        .map(|r| text_grid_row(r))
        .collect();
        let mut out = Tables::default();
        read_t2(&rows, Template::V2019, &mut out);
        let got: std::collections::HashMap<String, String> = out
            .cells
            .iter()
            .map(|(k, c)| (k.as_str().to_string(), c.value.clone()))
            .collect();
        for (key, value) in [
            ("t2.normative.new_made", "13"),
            ("t2.normative.total_published", "46"),
            ("t2.license.prev_items", "95"),
            ("t2.license.decisions", "10714"),
        ] {
            assert_eq!(
                got.get(key).map(String::as_str),
                Some(value),
                "{key}: {got:?}"
            );
        }
    }

    /// A label cell that ends in values (`行政许可<br>447` beside `228`: one number cut in two by
    /// pymupdf4llm's slots) refuses its row; the decimal glued to a label
    /// (`行政事业性|收费80.03||`) is no blank beside it.
    #[test]
    fn a_label_cell_holding_values_refuses_its_row() {
        let got = read(&[
            &["第二十条第（五）项", "", ""],
            &["信息内容", "本年处理决定数量", ""],
            &["行政许可\n447", "228", ""],
            &["第二十条第（八）项", "", ""],
            &["信息内容", "本年收费金额（单位：万元）", ""],
            &["行政事业性", "收费80.03", ""],
        ]);
        assert_eq!(got.get("t2.license.decisions"), None, "{got:?}");
        assert_eq!(got.get("t2.fee.amount"), None, "{got:?}");
    }

    /// PyMuPDF's x-sort of borderless.pdf (corpus/truth/derived/borderless-mupdf-sort): the
    /// first value glued to its label, a fee with decimals glued to its label.
    #[test]
    fn a_whole_or_decimal_value_glued_to_its_label_is_the_first_value() {
        let lines = [
            "第二十条第（一）项",
            "信息内容   本年制发件数本年废止件数现行有效件数",
            "规章          2          2          8",
            "行政规范性文件13         9           106",
            "第二十条第（八）项",
            "信息内容   本年收费金额（单位：万元）",
            "行政事业性收费2758.07",
        ];
        let rows: Vec<Row> = lines
            .iter()
            .map(|l| crate::flow::line_row(l, &[], 1, false))
            .collect();
        let mut out = Tables::default();
        read_t2(&rows, Template::V2021, &mut out);
        let got: std::collections::HashMap<&str, &str> = out
            .cells
            .iter()
            .map(|(k, c)| (k.as_str(), c.value.as_str()))
            .collect();
        for (k, v) in [
            ("t2.regulation.in_force", "8"),
            ("t2.normative.made", "13"),
            ("t2.normative.repealed", "9"),
            ("t2.normative.in_force", "106"),
            ("t2.fee.amount", "2758.07"),
        ] {
            assert_eq!(got.get(k).copied(), Some(v), "{k}");
        }
        // Tesseract's text of signed-changes (truth variants/signed-changes.json: 12 +4 9449):
        // the first two cells misread (`]2`, `十4`); `十4` is no label with a glued value.
        let rows: Vec<Row> = [
            &["第二十条第（六）项"][..],
            &["行政强制", "]2", "十4", "9449", ""],
        ]
        .iter()
        .map(|r| text_grid_row(r))
        .collect();
        let mut out = Tables::default();
        read_t2(&rows, Template::V2019, &mut out);
        assert!(out.cells.is_empty(), "{:?}", out.cells);
        // The same line as a grid of text (PyMuPDF's x-sort keeps its columns apart).
        let got = read(&[&["第二十条第（一）项"], &["行政规范性文件13", "9", "106"]]);
        assert_eq!(got.get("t2.normative.made").map(String::as_str), Some("13"));
        assert_eq!(
            got.get("t2.normative.in_force").map(String::as_str),
            Some("106")
        );
        assert_eq!(
            glued_value("行政事业性收费2758.07"),
            Some(("行政事业性收费", "2758.07"))
        );
        assert_eq!(
            glued_value("其他对外管理服务事项23"),
            Some(("其他对外管理服务事项", "23"))
        );
        // A point with no digits after it, or text that is all digits: nothing glued.
        assert_eq!(glued_value("收费2758."), None);
        assert_eq!(glued_value("2758"), None);
        assert_eq!(
            value_before_caption("106第二十条第（五）项"),
            Some(("106", "第二十条第（五）项"))
        );
        assert_eq!(value_before_caption("第二十条第（五）项"), None);
        assert_eq!(value_before_caption("件数第二十条第（五）项"), None);
    }

    /// w3m's dump of huaian-2024.odt's page (corpus/truth/derived/huaian-2024-odt-w3m): the
    /// label column two characters wide, each label's first piece on its values' line.
    #[test]
    fn a_label_wrapped_below_its_values_names_its_row() {
        let got = read(&[
            &["", "第二十条第（一）项", ""],
            &["信息", "本年 本年", "现行"],
            &["内容", "制发 废止", "有效"],
            &["", "件数 件数", "件数"],
            &["规章", "1", "0", "11"],
            &["行政", "8", "26", "66"],
            &["规范", "", ""],
            &["性文", "", ""],
            &["件", "", ""],
            &["", "第二十条第（五）项", ""],
            &["信息", "本年处理决定数量", ""],
            &["内容", "", ""],
            &["行政", "447228", ""],
            &["许可", "", ""],
            &["", "第二十条第（六）项", ""],
            &["行政", "3985758", ""],
            &["处罚", "", ""],
            &["行政", "88283", ""],
            &["强制", "", ""],
        ]);
        let want = [
            ("t2.regulation.in_force", "11"),
            ("t2.normative.made", "8"),
            ("t2.normative.repealed", "26"),
            ("t2.normative.in_force", "66"),
            ("t2.license.decisions", "447228"),
            ("t2.penalty.decisions", "3985758"),
            ("t2.coercion.decisions", "88283"),
        ];
        for (k, v) in want {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
    }

    /// The nearest label is no evidence: pieces that name no row, or a row outside the caption
    /// the values sit under (行政许可 under 第二十条第（六）项), leave the values unread.
    #[test]
    fn a_wrapped_label_outside_its_caption_or_naming_nothing_is_not_read() {
        let got = read(&[
            &["", "第二十条第（六）项", ""],
            &["行政", "3985758", ""],
            &["许可", "", ""],
            &["行政", "88283", ""],
            &["强", "", ""],
        ]);
        assert!(got.is_empty(), "{got:?}");
        // A row printed empty after a value row whose label names nothing is its own row.
        let got = read(&[&["合计", "5", ""], &["行政强制", "", ""]]);
        assert_ne!(
            got.get("t2.coercion.decisions").map(String::as_str),
            Some("5")
        );
    }
}
