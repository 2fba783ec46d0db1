//! `--xlsx FILE`: one workbook with the sheets reports, wide, findings, values and codebook,
//! copied from the finished CSV files row by row (constant-memory worksheets, so memory does
//! not grow with the run). A sheet that would exceed Excel's 1,048,576 rows is left out and the
//! summary says so.
//!
//! Each sheet is ready to use: a bold, frozen header row with an autofilter, and column widths
//! fitted to the longest field (a CJK character counts double, capped at [`MAX_WIDTH`]), from a
//! first pass over the CSV that also counts its rows. Number-like fields of numeric columns are
//! written as numbers; everything else is written as a string cell, which Excel and WPS never
//! evaluate (a name starting with `=` stays text), with the characters XML forbids
//! (control characters, U+FFFE, U+FFFF) removed so the sheet stays valid XML.

use crate::headers;
use crate::output::csv_in;
use crate::rows::Headers;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// Excel's row limit (header included).
pub const EXCEL_MAX_ROWS: u64 = 1_048_576;
/// Excel's limit on the characters of one cell.
const EXCEL_MAX_CHARS: usize = 32_767;
/// The widest a column is made, in character widths.
pub const MAX_WIDTH: usize = 60;

/// Which columns hold numbers.
#[derive(Clone, Copy)]
pub(crate) enum Numeric {
    /// These column names.
    Named(&'static [&'static str]),
    /// Every column from this index on, plus the named ones.
    From(usize, &'static [&'static str]),
}

impl Numeric {
    fn is_numeric(&self, col: usize, header: &str) -> bool {
        match self {
            Numeric::Named(names) => names.contains(&header),
            Numeric::From(start, names) => col >= *start || names.contains(&header),
        }
    }
}

pub(crate) struct Sheet {
    pub name: &'static str,
    pub csv: PathBuf,
    pub numeric: Numeric,
}

/// The sheets of a run's workbook, in order.
pub(crate) fn standard_sheets(
    reports: PathBuf,
    wide: PathBuf,
    findings: PathBuf,
    values: PathBuf,
    codebook: PathBuf,
) -> Vec<Sheet> {
    vec![
        Sheet {
            name: "reports",
            csv: reports,
            numeric: Numeric::Named(&[
                "pages",
                "year",
                "cells_found",
                "cells_expected",
                "errors",
                "warnings",
            ]),
        },
        Sheet {
            name: "wide",
            csv: wide,
            numeric: Numeric::From(4, &["year", "年度"]),
        },
        Sheet {
            name: "findings",
            csv: findings,
            numeric: Numeric::Named(&["expected", "actual"]),
        },
        Sheet {
            name: "values",
            csv: values,
            numeric: Numeric::Named(&["value", "page"]),
        },
        Sheet {
            name: "codebook",
            csv: codebook,
            numeric: Numeric::Named(&[]),
        },
    ]
}

/// Write the workbook to `path`; returns notes about sheets left out.
pub(crate) fn write(path: &Path, sheets: &[Sheet], h: Headers) -> Result<Vec<String>, String> {
    write_with_limit(path, sheets, h, EXCEL_MAX_ROWS)
}

fn write_with_limit(
    path: &Path,
    sheets: &[Sheet],
    h: Headers,
    max_rows: u64,
) -> Result<Vec<String>, String> {
    let err = |e: XlsxError| format!("cannot write the workbook {}: {e}", path.display());
    let mut notes = Vec::new();
    let mut wb = Workbook::new();
    // A fixed creation time keeps the workbook's bytes the same from run to run.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let Measure { rows, widths } = measure(&sheet.csv)?;
        if rows > max_rows {
            notes.push(format!(
                "xlsx: sheet {} left out: {} rows exceed Excel's limit of {}; use {}",
                sheet.name,
                rows,
                max_rows,
                sheet
                    .csv
                    .file_name()
                    .map(|n| n
                        .to_string_lossy()
                        .trim_start_matches('.')
                        .replace(".xxgk-tmp", ""))
                    .unwrap_or_default()
            ));
            continue;
        }
        let ws = wb.add_worksheet_with_constant_memory();
        ws.set_name(headers::sheet(sheet.name, h)).map_err(err)?;
        let mut rdr = csv_in(&sheet.csv).map_err(|e| format!("{}: {e}", sheet.csv.display()))?;
        let header = rdr
            .headers()
            .map_err(|e| format!("{}: {e}", sheet.csv.display()))?
            .clone();
        for (c, w) in widths.iter().enumerate() {
            let head = headers::column(header.get(c).unwrap_or_default(), h);
            let w = (*w).max(text_width(&head)).min(MAX_WIDTH) + 2;
            ws.set_column_width(col(c)?, w as f64).map_err(err)?;
            ws.write_string_with_format(0, col(c)?, xml_safe(&head), &bold)
                .map_err(err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        if !widths.is_empty() {
            let last_row = u32::try_from(rows.saturating_sub(1)).unwrap_or(u32::MAX);
            ws.autofilter(0, 0, last_row, col(widths.len() - 1)?)
                .map_err(err)?;
        }
        for (r, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| format!("{}: {e}", sheet.csv.display()))?;
            let row = (r + 1) as u32;
            for (c, field) in rec.iter().enumerate() {
                if field.is_empty() {
                    continue;
                }
                let numeric = sheet
                    .numeric
                    .is_numeric(c, header.get(c).unwrap_or_default());
                match plain_number(field).filter(|_| numeric) {
                    Some(n) => ws.write_number(row, col(c)?, n).map_err(err)?,
                    // A workbook string is never a formula: the CSV's formula guard (a
                    // leading `'`) is taken off again so the cell shows the text as read.
                    None => ws
                        .write_string(
                            row,
                            col(c)?,
                            clip(&xml_safe(crate::rows::plain_cell(field))),
                        )
                        .map_err(err)?,
                };
            }
        }
    }
    wb.save(path).map_err(err)?;
    Ok(notes)
}

fn col(c: usize) -> Result<u16, String> {
    u16::try_from(c)
        .ok()
        .filter(|c| *c < 16_384)
        .ok_or_else(|| "too many columns for a worksheet".to_string())
}

/// Rows (header included) and the widest field of each column, in character widths.
struct Measure {
    rows: u64,
    widths: Vec<usize>,
}

fn measure(path: &Path) -> Result<Measure, String> {
    let e = |e: csv::Error| format!("{}: {e}", path.display());
    let mut rdr = csv_in(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut widths: Vec<usize> = rdr.headers().map_err(e)?.iter().map(text_width).collect();
    let mut n = 1u64;
    let mut rec = csv::StringRecord::new();
    while rdr.read_record(&mut rec).map_err(e)? {
        n += 1;
        for (c, field) in rec.iter().enumerate() {
            let w = text_width(field).min(MAX_WIDTH);
            match widths.get_mut(c) {
                Some(old) => *old = (*old).max(w),
                None => widths.push(w),
            }
        }
    }
    Ok(Measure { rows: n, widths })
}

/// Display width: East Asian wide characters count 2.
fn text_width(s: &str) -> usize {
    if s.len() > 4 * MAX_WIDTH {
        return MAX_WIDTH;
    }
    UnicodeWidthStr::width(s)
}

/// The text without the characters XML 1.0 forbids (C0 controls other than tab, line feed and
/// carriage return; U+FFFE; U+FFFF).
fn xml_safe(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if s.chars().any(bad) {
        Cow::Owned(s.chars().filter(|c| !bad(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// A plain decimal (`-12`, `96171.6`) that survives the trip through an f64.
fn plain_number(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && digits.chars().filter(char::is_ascii_digit).count() <= 15;
    if ok {
        s.parse().ok()
    } else {
        None
    }
}

fn clip(s: &str) -> &str {
    if s.chars().count() <= EXCEL_MAX_CHARS {
        return s;
    }
    let end = s
        .char_indices()
        .nth(EXCEL_MAX_CHARS)
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_over_the_row_limit_is_left_out_and_noted() {
        use calamine::{open_workbook, Data, Reader, Xlsx};
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("reports.csv");
        std::fs::write(
            &small,
            "report,year,agency\r\na.pdf,2024,\"淮安市,人民政府\"\r\n",
        )
        .unwrap();
        let big = dir.path().join(".values.csv.xxgk-tmp");
        std::fs::write(&big, "report,value\na,1\nb,2\nc,3\n").unwrap();
        let sheets = [
            Sheet {
                name: "reports",
                csv: small,
                numeric: Numeric::Named(&["year"]),
            },
            Sheet {
                name: "values",
                csv: big,
                numeric: Numeric::Named(&["value"]),
            },
        ];
        let book = dir.path().join("b.xlsx");
        let notes = write_with_limit(&book, &sheets, Headers::En, 3).unwrap();
        assert_eq!(
            notes,
            ["xlsx: sheet values left out: 4 rows exceed Excel's limit of 3; use values.csv"]
        );
        let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
        assert_eq!(wb.sheet_names(), ["reports"]);
        let r = wb.worksheet_range("reports").unwrap();
        assert_eq!(r.get((1, 1)), Some(&Data::Float(2024.0)));
        assert_eq!(r.get((1, 2)), Some(&Data::String("淮安市,人民政府".into())));
    }

    #[test]
    fn only_plain_decimals_become_numbers() {
        assert_eq!(plain_number("3119"), Some(3119.0));
        assert_eq!(plain_number("96171.6"), Some(96171.6));
        assert_eq!(plain_number("-2"), Some(-2.0));
        assert_eq!(plain_number("1e5"), None);
        assert_eq!(plain_number("inf"), None);
        assert_eq!(plain_number("2019.07.01."), None);
        assert_eq!(plain_number("1234567890123456"), None);
    }
}

#[cfg(test)]
mod readback {
    //! The workbook read back: from its XML parts (widths, filter, frozen row, bold header) and
    //! with calamine (values and types).
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx};
    use std::io::Read;

    fn part(book: &Path, name: &str) -> String {
        let f = std::fs::File::open(book).unwrap();
        let mut z = zip::ZipArchive::new(f).unwrap();
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    fn book(h: Headers) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports.csv");
        std::fs::write(
            &reports,
            "report,pages,agency,year,message\r\n\
             =cmd|' /C calc'!A0,12,淮安市人民政府办公室,2024,bad\u{FFFE}char\u{1}here\r\n\
             b.pdf,3,+SUM(A1),2023,@x\r\n",
        )
        .unwrap();
        let codebook = dir.path().join("codebook.csv");
        let mut w = csv::Writer::from_path(&codebook).unwrap();
        w.write_record(crate::codebook::CODEBOOK_HEADER).unwrap();
        for r in crate::codebook::rows() {
            w.write_record(r).unwrap();
        }
        w.flush().unwrap();
        let sheets = [
            Sheet {
                name: "reports",
                csv: reports,
                numeric: Numeric::Named(&["pages", "year"]),
            },
            Sheet {
                name: "codebook",
                csv: codebook,
                numeric: Numeric::Named(&[]),
            },
        ];
        let path = dir.path().join("b.xlsx");
        assert!(write_with_limit(&path, &sheets, h, EXCEL_MAX_ROWS)
            .unwrap()
            .is_empty());
        (dir, path)
    }

    #[test]
    fn sheets_have_widths_filter_frozen_bold_header() {
        let (_d, path) = book(Headers::En);
        let sheet = part(&path, "xl/worksheets/sheet1.xml");
        // Frozen first row, autofilter over the whole table (5 columns, 3 rows).
        assert!(
            sheet.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "{sheet}"
        );
        assert!(sheet.contains(r#"<autoFilter ref="A1:E3"/>"#), "{sheet}");
        // Widths: report = 18 characters + 2; pages: header 5 + 2; agency: 10 CJK = 20 + 2.
        assert!(
            sheet.contains(r#"<col min="1" max="1" width="20.7109375" customWidth="1"/>"#),
            "{sheet}"
        );
        assert!(
            sheet.contains(r#"<col min="2" max="2" width="7.7109375" customWidth="1"/>"#),
            "{sheet}"
        );
        assert!(
            sheet.contains(r#"<col min="3" max="3" width="22.7109375" customWidth="1"/>"#),
            "{sheet}"
        );
        // Header cells carry a style whose font is bold.
        assert!(
            sheet.contains(r#"<c r="A1" s="1" t="inlineStr">"#),
            "{sheet}"
        );
        let styles = part(&path, "xl/styles.xml");
        assert!(styles.contains("<b/>"), "{styles}");
        // No XML-forbidden character, no formula anywhere.
        assert!(!sheet.contains('\u{FFFE}') && !sheet.contains('\u{1}'));
        assert!(!sheet.contains("<f>"));
        assert!(sheet.contains("<t>=cmd|' /C calc'!A0</t>"));
    }

    #[test]
    fn values_read_back_as_numbers_and_text() {
        let (_d, path) = book(Headers::En);
        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(wb.sheet_names(), ["reports", "codebook"]);
        let r = wb.worksheet_range("reports").unwrap();
        assert_eq!(r.get((0, 0)), Some(&Data::String("report".into())));
        assert_eq!(
            r.get((1, 0)),
            Some(&Data::String("=cmd|' /C calc'!A0".into()))
        );
        assert_eq!(r.get((1, 1)), Some(&Data::Float(12.0)));
        assert_eq!(r.get((1, 3)), Some(&Data::Float(2024.0)));
        assert_eq!(r.get((1, 4)), Some(&Data::String("badcharhere".into())));
        assert_eq!(r.get((2, 2)), Some(&Data::String("+SUM(A1)".into())));
        assert_eq!(r.get((2, 4)), Some(&Data::String("@x".into())));
        let formulas = wb.worksheet_formula("reports").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
        let cb = wb.worksheet_range("codebook").unwrap();
        assert_eq!(cb.height(), 1 + 226);
        assert_eq!(cb.get((0, 0)), Some(&Data::String("key".into())));
    }

    #[test]
    fn chinese_headers_name_the_sheets_and_columns() {
        let (_d, path) = book(Headers::Zh);
        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(wb.sheet_names(), ["报告", "代码本"]);
        let r = wb.worksheet_range("报告").unwrap();
        let head: Vec<String> = (0..5).map(|c| r.get((0, c)).unwrap().to_string()).collect();
        assert_eq!(head, ["报告", "页数", "机关", "年度", "说明"]);
        let cb = wb.worksheet_range("代码本").unwrap();
        assert_eq!(cb.get((0, 4)), Some(&Data::String("行标签".into())));
    }
}
