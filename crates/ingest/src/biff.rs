//! A pre-flight check of an .xls/.et workbook stream (BIFF8) before `calamine` reads it.
//!
//! calamine sizes memory from what the records claim: a sheet's DIMENSIONS record reserves
//! rows × columns cells, and each sheet becomes a dense grid spanning the furthest cell record.
//! A damaged record (a far row or column) asks for gigabytes, and a failed allocation aborts
//! the process instead of returning an error (both found by the `ingest_sheet` fuzz target).
//! So the records calamine sizes from are walked first, the way calamine walks them (the
//! globals from the start of the stream, each sheet from its BOUNDSHEET offset to its EOF), and
//! a workbook is refused when a record breaks the BIFF8 limits (65,536 rows × 256 columns) or
//! a sheet's grid would exceed [`MAX_CELLS`].

use crate::IngestError;

/// The largest grid (rows × columns) one sheet may span: 512 Ki cells, at most about 50 MB in
/// calamine (its reservation from DIMENSIONS, the dense value grid and the formula grid), within
/// the per-file memory bound of docs/guide.md; a report's sheet spans a few thousand.
pub const MAX_CELLS: u64 = 1 << 19;
/// More sheets than this is a damaged list (each is walked, by this check and by calamine).
const MAX_SHEETS: usize = 4096;
/// BIFF8 sheet limits.
const MAX_ROW: u64 = 65_535;
const MAX_COL: u64 = 255;

const DIMENSIONS: u16 = 0x0200;
const BOUNDSHEET: u16 = 0x0085;
const EOF: u16 = 0x000A;

/// One record: its type and data (CONTINUE records are not joined: no checked record needs them).
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes(
        b.get(at..at + 4)?.try_into().ok()?,
    )))
}

/// The records from `at` until the end of the stream or the first one that does not fit.
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = Record<'_>> {
    let mut i = at;
    std::iter::from_fn(move || {
        let typ = u16_at(stream, i)? as u16;
        let len = u16_at(stream, i + 2)? as usize;
        let data = stream.get(i + 4..i + 4 + len)?;
        i += 4 + len;
        Some(Record { typ, data })
    })
}

/// The (row, first column, last column) a cell record places text or a number at, for the
/// record types calamine turns into cells (NUMBER, LABEL, BOOLERR, RK, LABELSST, MULRK, FORMULA).
fn cell_position(r: &Record) -> Option<(u64, u64, u64)> {
    let row = u16_at(r.data, 0)?;
    let col = u16_at(r.data, 2)?;
    match r.typ {
        0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 => Some((row, col, col)),
        0x00BD => {
            let last = u16_at(r.data, r.data.len().checked_sub(2)?)?;
            Some((row, col, last.max(col)))
        }
        _ => None,
    }
}

/// The bounding box of a sheet's cells, grown record by record.
#[derive(Default)]
struct Extent {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
}

impl Extent {
    fn add(&mut self, row: u64, c0: u64, c1: u64) {
        let grow = |e: Option<(u64, u64)>, a: u64, b: u64| {
            Some(e.map_or((a, b), |(lo, hi)| (lo.min(a), hi.max(b))))
        };
        self.rows = grow(self.rows, row, row);
        self.cols = grow(self.cols, c0, c1);
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0 + 1).saturating_mul(c1 - c0 + 1),
            _ => 0,
        }
    }
}

fn damaged(what: String) -> IngestError {
    IngestError::failed(format!(
        "damaged spreadsheet: {what}; re-save it from Excel, WPS or LibreOffice"
    ))
}

/// A DIMENSIONS record's claim (first row, last row + 1, first column, last column + 1).
fn check_dimensions(data: &[u8]) -> Result<(), IngestError> {
    let dims = if data.len() >= 14 {
        (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8),
            u16_at(data, 10),
        )
    } else {
        (
            u16_at(data, 0),
            u16_at(data, 2),
            u16_at(data, 4),
            u16_at(data, 6),
        )
    };
    let (Some(r0), Some(r1), Some(c0), Some(c1)) = dims else {
        return Ok(());
    };
    if r0 > r1 || c0 > c1 || r1 > MAX_ROW + 1 || c1 > MAX_COL + 1 {
        return Err(damaged(format!(
            "a sheet claims rows {r0}..{r1} and columns {c0}..{c1}"
        )));
    }
    let area = (r1 - r0 + 1) * (c1 - c0 + 1);
    if area > MAX_CELLS {
        return Err(damaged(format!(
            "a sheet claims {area} cells (rows {r0}..{r1}, columns {c0}..{c1}), more than the {MAX_CELLS} xxgk reads"
        )));
    }
    Ok(())
}

/// One sheet substream, from its BOF to its EOF.
fn check_sheet(stream: &[u8], at: usize) -> Result<(), IngestError> {
    let mut extent = Extent::default();
    for r in records(stream, at) {
        match r.typ {
            EOF => break,
            DIMENSIONS => check_dimensions(r.data)?,
            _ => {
                if let Some((row, c0, c1)) = cell_position(&r) {
                    if row > MAX_ROW || c1 > MAX_COL {
                        return Err(damaged(format!(
                            "a cell record points at row {}, column {}, beyond the .xls limits of 65,536 rows × 256 columns",
                            row + 1,
                            c1 + 1
                        )));
                    }
                    extent.add(row, c0, c1);
                }
            }
        }
    }
    let cells = extent.cells();
    if cells > MAX_CELLS {
        return Err(damaged(format!(
            "a sheet's cells span {cells} grid positions, more than the {MAX_CELLS} xxgk reads"
        )));
    }
    Ok(())
}

/// Check a BIFF8 workbook stream (the `Workbook` or `Book` stream of the OLE file).
pub fn check(stream: &[u8]) -> Result<(), IngestError> {
    let mut sheets = Vec::new();
    for r in records(stream, 0) {
        match r.typ {
            EOF => break,
            BOUNDSHEET => sheets.extend(u32_at(r.data, 0)),
            DIMENSIONS => check_dimensions(r.data)?,
            _ => {}
        }
    }
    sheets.sort_unstable();
    sheets.dedup();
    if sheets.len() > MAX_SHEETS {
        return Err(damaged(format!(
            "the workbook lists {} sheets (more than {MAX_SHEETS})",
            sheets.len()
        )));
    }
    for at in sheets {
        if let Ok(at) = usize::try_from(at) {
            check_sheet(stream, at)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend(data);
        v
    }

    /// Globals (BOUNDSHEET → offset of the sheet, EOF), then the sheet's records and EOF.
    fn workbook(sheet: &[Vec<u8>]) -> Vec<u8> {
        let globals_len = 4 + 8 + 4;
        let mut bound = (globals_len as u32).to_le_bytes().to_vec();
        bound.extend([0, 0, 0, 0]);
        let mut s = record(BOUNDSHEET, &bound);
        s.extend(record(EOF, &[]));
        assert_eq!(s.len(), globals_len);
        for r in sheet {
            s.extend(r);
        }
        s.extend(record(EOF, &[]));
        s
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0; 10]);
        record(0x0203, &d)
    }

    #[test]
    fn a_small_sheet_passes() {
        assert!(check(&workbook(&[number(0, 0), number(40, 12)])).is_ok());
    }

    #[test]
    fn a_column_beyond_256_is_refused() {
        let e = check(&workbook(&[number(0, 0), number(3, 40_000)])).unwrap_err();
        assert!(e.message.contains("column 40001"), "{}", e.message);
        assert!(
            e.message.starts_with("damaged spreadsheet"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_grid_beyond_the_budget_is_refused() {
        let e = check(&workbook(&[number(0, 0), number(65_535, 255)])).unwrap_err();
        assert!(e.message.contains("16777216"), "{}", e.message);
    }

    #[test]
    fn a_far_mulrk_is_refused() {
        let mut d = 7u16.to_le_bytes().to_vec();
        d.extend(2u16.to_le_bytes());
        d.extend([0; 6]);
        d.extend(9000u16.to_le_bytes());
        assert!(check(&workbook(&[record(0x00BD, &d)])).is_err());
    }

    #[test]
    fn huge_dimensions_are_refused() {
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend(60_000u32.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(200u16.to_le_bytes());
        d.extend([0, 0]);
        assert!(check(&workbook(&[record(DIMENSIONS, &d)])).is_err());
    }
}
