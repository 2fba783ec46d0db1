//! `--xlsx FILE`: one workbook with the sheets reports, wide, findings and values, copied from
//! the finished CSV files row by row (constant-memory worksheets, so memory does not grow with
//! the run). A sheet that would exceed Excel's 1,048,576 rows is left out and the summary says
//! so. Number-like fields of numeric columns are written as numbers, everything else as text.

use crate::output::csv_in;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};
use std::path::{Path, PathBuf};

/// Excel's row limit (header included).
pub const EXCEL_MAX_ROWS: u64 = 1_048_576;
/// Excel's limit on the characters of one cell.
const EXCEL_MAX_CHARS: usize = 32_767;

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
    ]
}

/// Write the workbook to `path`; returns notes about sheets left out.
pub(crate) fn write(path: &Path, sheets: &[Sheet]) -> Result<Vec<String>, String> {
    write_with_limit(path, sheets, EXCEL_MAX_ROWS)
}

fn write_with_limit(path: &Path, sheets: &[Sheet], max_rows: u64) -> Result<Vec<String>, String> {
    let err = |e: XlsxError| format!("cannot write the workbook {}: {e}", path.display());
    let mut notes = Vec::new();
    let mut wb = Workbook::new();
    // A fixed creation time keeps the workbook's bytes the same from run to run.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    for sheet in sheets {
        let rows = count_rows(&sheet.csv)?;
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
        ws.set_name(sheet.name).map_err(err)?;
        let mut rdr = csv_in(&sheet.csv).map_err(|e| format!("{}: {e}", sheet.csv.display()))?;
        let header = rdr
            .headers()
            .map_err(|e| format!("{}: {e}", sheet.csv.display()))?
            .clone();
        for (c, h) in header.iter().enumerate() {
            ws.write_string(0, col(c)?, h).map_err(err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
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
                    None => ws.write_string(row, col(c)?, clip(field)).map_err(err)?,
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

fn count_rows(path: &Path) -> Result<u64, String> {
    let mut rdr = csv_in(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut n = 1u64;
    let mut rec = csv::ByteRecord::new();
    while rdr
        .read_byte_record(&mut rec)
        .map_err(|e| format!("{}: {e}", path.display()))?
    {
        n += 1;
    }
    Ok(n)
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
        let notes = write_with_limit(&book, &sheets, 3).unwrap();
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
