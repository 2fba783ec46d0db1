//! Table 二 in text whose row labels stand on a line of their own, each right above a line of
//! values (PyMuPDF's blocks of LibreOffice's PDF of huaian-2024.odt: `规 章` / `1 0 11` /
//! `行 政 规 范 性 文 件` / `8 26 66`; the fee's label wrapped around its value: `行 政` /
//! `96171.6` / `事 业 性 收 费`).
//!
//! A value line without a label is pinned to a label only where the section (the lines from
//! one 第二十条 caption to the next) leaves no other reading: its lines that name a row and
//! hold no value (L) and its lines of values without a label (V) alternate strictly, L V L V …,
//! starting with a label and ending with values, and no line holds a label and values
//! together. Then each label is followed by its own values: a converter that wrote the
//! labels after their values (`447228` / `行政许可` / `3985758` / `行政处罚`) begins the section
//! with values, and one that detached the labels into a block (`L L V V`) breaks the
//! alternation; neither is read. A section of one value line whose label pieces around it
//! (the lines right above and right below that name nothing alone) join into one of the
//! caption's rows is that row's. The caller places the values by position, exactly the row's
//! columns.
//!
//! A value "line" may be a **run** of value lines with nothing between them (pdfminer.six
//! writes each cell as a text box of its own: `规章` / `2` / `0` / `15` / `规范性文件` / `13` /
//! …): the run is the row's values in print order when it holds exactly the row's columns;
//! a run of any other count pins nothing in its section.

use crate::flow::Row;
use crate::rows::split;
use crate::table_two::is_label_piece;
use xxgk_model::schema::LabelKind;
use xxgk_model::{schema, Table, Template};

/// What a line of table 二 is, for this reader.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Line {
    /// A caption (`第二十条第（五）项`): a section begins.
    Caption(&'static str),
    /// A line naming a row, no value.
    Label(&'static str),
    /// Values without a label.
    Values,
    /// A label and values on one line: another layout.
    Both,
    /// Anything else (header words, label pieces).
    Other,
}

fn line(row: &Row, template: Template) -> Line {
    let s = schema();
    let sp = split(row);
    let label = sp.label();
    let values = sp.has_values();
    if let Some(c) = s.match_label(Table::T2, LabelKind::Caption, &label, Some(template)) {
        return if values { Line::Both } else { Line::Caption(c) };
    }
    match (label.is_empty(), values) {
        (true, true) => Line::Values,
        (true, false) => Line::Other,
        (false, true) => Line::Both,
        (false, false) => s
            .match_label(Table::T2, LabelKind::Row, &label, Some(template))
            .map_or(Line::Other, Line::Label),
    }
}

/// The rows of the caption `caption` (all of table 二's when no caption was met).
fn caption_rows(caption: Option<&'static str>) -> Vec<&'static str> {
    crate::table_two_sections::SECTIONS
        .iter()
        .filter(|(c, _)| caption.is_none_or(|want| *c == want))
        .flat_map(|(_, rows)| rows.iter().copied())
        .collect()
}

/// Value lines pinned to a row: the lines (one, or a run with nothing between) and the row.
pub(crate) type Pinned = (std::ops::Range<usize>, &'static str);

/// For every value line (or run of value lines) of table 二 without a label that this layout
/// pins (see the module doc): its lines and the row it belongs to.
pub(crate) fn pinned_value_lines(rows: &[Row], template: Template) -> Vec<Pinned> {
    let lines: Vec<Line> = rows.iter().map(|r| line(r, template)).collect();
    let mut out = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let end = (start + 1..lines.len())
            .find(|&i| matches!(lines[i], Line::Caption(_)))
            .unwrap_or(lines.len());
        let caption = match lines[start] {
            Line::Caption(c) => Some(c),
            _ => None,
        };
        out.extend(section(rows, &lines, start..end, caption, template));
        start = end;
    }
    out
}

fn section(
    rows: &[Row],
    lines: &[Line],
    range: std::ops::Range<usize>,
    caption: Option<&'static str>,
    template: Template,
) -> Vec<Pinned> {
    let own = caption_rows(caption);
    let marked = marked_lines(lines, range.clone());
    if marked.iter().any(|(_, l)| *l == Line::Both) {
        return Vec::new();
    }
    // One value line, its label wrapped around it (the line below may name the row alone:
    // `事 业 性 收 费`).
    let single = match marked.as_slice() {
        [(v, Line::Values)] if v.len() == 1 => Some(v.start),
        [(v, Line::Values), (l, Line::Label(_))] if v.len() == 1 && l.start == v.end => {
            Some(v.start)
        }
        _ => None,
    };
    if let Some(v) = single {
        return around(rows, lines, range, v, template)
            .filter(|key| own.contains(key))
            .map(|key| vec![(v..v + 1, key)])
            .unwrap_or_default();
    }
    if marked.is_empty() || !marked.len().is_multiple_of(2) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for pair in marked.chunks(2) {
        match pair {
            [(l, Line::Label(key)), (v, Line::Values)]
                if v.start == l.end
                    && own.contains(key)
                    && (v.len() == 1 || run_fills_row(rows, v.clone(), key, template)) =>
            {
                out.push((v.clone(), *key));
            }
            _ => return Vec::new(),
        }
    }
    out
}

/// The section's lines that name a row or hold values, in order, each run of value lines
/// with nothing between them as one.
fn marked_lines(
    lines: &[Line],
    range: std::ops::Range<usize>,
) -> Vec<(std::ops::Range<usize>, Line)> {
    let mut marked: Vec<(std::ops::Range<usize>, Line)> = Vec::new();
    for i in range.filter(|&i| matches!(lines[i], Line::Label(_) | Line::Values | Line::Both)) {
        match marked.last_mut() {
            Some((run, Line::Values)) if lines[i] == Line::Values && run.end == i => {
                run.end = i + 1
            }
            _ => marked.push((i..i + 1, lines[i])),
        }
    }
    marked
}

/// Whether a run of value lines holds exactly the row's columns.
fn run_fills_row(rows: &[Row], run: std::ops::Range<usize>, key: &str, template: Template) -> bool {
    let values: usize = rows[run].iter().map(|r| split(r).values.len()).sum();
    values == crate::tables::row_keys(template, Table::T2, key).len()
}

/// The row named by the label pieces right above value line `v` (lines that name nothing
/// alone: at least one, so the value line stands inside its label) and right below it (pieces,
/// or the rest of the label naming the row alone), joined in order; `None` when the join names
/// no row.
fn around(
    rows: &[Row],
    lines: &[Line],
    range: std::ops::Range<usize>,
    v: usize,
    template: Template,
) -> Option<&'static str> {
    let piece = |i: usize| {
        let sp = split(&rows[i]);
        let label = sp.label();
        (!sp.has_values() && is_label_piece(&label, template)).then_some(label)
    };
    let mut above: Vec<String> = (range.start..v).rev().map_while(piece).collect();
    above.reverse();
    let below: Vec<String> = (v + 1..range.end)
        .map_while(|i| match lines[i] {
            Line::Label(_) => Some(split(&rows[i]).label()),
            _ => piece(i),
        })
        .collect();
    if above.is_empty() || !split(&rows[v]).labels.is_empty() {
        return None;
    }
    let joined: String = above.into_iter().chain(below).collect();
    schema().match_label(Table::T2, LabelKind::Row, &joined, Some(template))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::line_row;

    fn rows(lines: &[&str]) -> Vec<Row> {
        lines.iter().map(|l| line_row(l, &[], 1, false)).collect()
    }

    fn pinned(lines: &[&str]) -> Vec<Pinned> {
        pinned_value_lines(&rows(lines), Template::V2021)
    }

    /// PyMuPDF's blocks of LibreOffice's PDF of huaian-2024.odt
    /// (corpus/truth/derived/huaian-2024-odt-pdf-mupdf-blocks.json).
    const BLOCKS: &[&str] = &[
        "信 息",
        "本 年",
        "现 行",
        "内 容",
        "制 发 件 数",
        "规 章",
        "1 0 11",
        "行 政 规 范 性 文 件",
        "8 26 66",
        "第二十条第（五）项",
        "信 息 内 容",
        "本年处理决定数 量",
        "行 政 许 可",
        "447228",
        "第二十条第（六）项",
        "信 息 内 容",
        "本年处理决定数 量",
        "行 政 处 罚",
        "3985758",
        "行 政 强 制",
        "88283",
        "第二十条第（八）项",
        "信 息 内 容",
        "本年收费金额 （单位：万元）",
        "行 政",
        "96171.6",
        "事 业 性 收 费",
    ];

    #[test]
    fn each_label_line_right_above_its_values_names_them() {
        assert_eq!(
            pinned(BLOCKS),
            [
                (6..7, "regulation"),
                (8..9, "normative"),
                (13..14, "license"),
                (18..19, "penalty"),
                (20..21, "coercion"),
                (25..26, "fee"),
            ]
        );
    }

    /// pdfminer.six's text of Chromium's PDF of the v2019 page
    /// (corpus/reports/derived/v2019-html-pdfminer.txt, blank lines dropped): every cell a
    /// box of its own. （一）, （八） and （九） alternate label and run; （五） has a label with
    /// a value on its line, （六） two labels in a row: neither is pinned.
    const PDFMINER: &[&str] = &[
        "第二十条第（一）项",
        "信息内容",
        "本年新制作数量 本年新公开数量 对外公开总数量",
        "规章",
        "2",
        "0",
        "15",
        "规范性文件",
        "13",
        "0",
        "46",
        "第二十条第（五）项",
        "信息内容",
        "行政许可",
        "95",
        "其他对外管理服务事项 23",
        "第二十条第（六）项",
        "上一年项目数量 本年增/减",
        "处理决定数量",
        "-1",
        "0",
        "10714",
        "24",
        "信息内容",
        "行政处罚",
        "行政强制",
        "上一年项目数量 本年增/减",
        "处理决定数量",
        "354",
        "18",
        "-3",
        "-1",
        "10316",
        "4706",
        "第二十条第（八）项",
        "信息内容",
        "上一年项目数量 本年增/减",
        "行政事业性收费",
        "3",
        "-1",
        "第二十条第（九）项",
        "信息内容",
        "采购项目数量 采购总金额",
        "政府集中采购",
        "11",
        "489000",
    ];

    #[test]
    fn a_run_of_one_value_boxes_after_its_label_is_the_rows_values() {
        let pinned = pinned_value_lines(&rows(PDFMINER), Template::V2019);
        assert_eq!(
            pinned,
            [
                (4..7, "regulation"),
                (8..11, "normative"),
                (38..40, "fee"),
                (44..46, "procurement"),
            ]
        );
        // A run one value short (the total's box written elsewhere) pins nothing in its
        // section: 规章's 2 and 0 are not its three columns.
        let mut short: Vec<&str> = PDFMINER[..11].to_vec();
        short.remove(6);
        assert!(pinned_value_lines(&rows(&short), Template::V2019).is_empty());
    }

    /// Labels written after their values, or detached into a block, or a value line a label
    /// line short: the nearest label is no evidence, nothing is pinned.
    #[test]
    fn labels_after_their_values_or_in_a_block_pin_nothing() {
        let after = [
            "第二十条第（六）项",
            "3985758",
            "行 政 处 罚",
            "88283",
            "行 政 强 制",
        ];
        assert!(pinned(&after).is_empty());
        let block = [
            "第二十条第（一）项",
            "规 章",
            "行 政 规 范 性 文 件",
            "1 0 11",
            "8 26 66",
        ];
        assert!(pinned(&block).is_empty());
        let short = ["第二十条第（六）项", "行 政 处 罚", "3985758", "88283"];
        assert!(pinned(&short).is_empty());
        // A fee line below its caption and header with its label only after it: labels
        // after their values, nothing (the label must stand around the value).
        let fee_after = [
            "第二十条第（八）项",
            "本年收费金额 （单位：万元）",
            "96171.6",
            "事 业 性 收 费",
        ];
        assert!(pinned(&fee_after).is_empty());
        // A row outside the caption's rows (行政许可 under （六）): nothing.
        let outside = ["第二十条第（六）项", "行 政 许 可", "3985758"];
        assert!(pinned(&outside).is_empty());
    }
}
