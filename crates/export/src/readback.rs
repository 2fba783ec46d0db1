//! Reading earlier outputs back: reports.csv and values.csv of an output folder become
//! [`Report`]s again (meta and cells; no sections), one at a time, for `merge` and `audit`.

use crate::output::csv_in;
use crate::rows::{plain_cell, read_row, ReportRow, ValueRow};
use crate::run::Error;
use std::path::Path;
use xxgk_model::{BBox, Cell, Flag, Format, Report, Status, Template};

fn other(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Other(format!("{}: {e}", path.display()))
}

/// Call `f` with every report of an output folder, in file order. Both files are sorted by
/// report id, so they are read in lockstep and only one report is in memory at a time.
pub fn for_each_report(dir: &Path, mut f: impl FnMut(Report)) -> Result<(), Error> {
    let rpath = dir.join("reports.csv");
    let vpath = dir.join("values.csv");
    let mut reports = csv_in(&rpath).map_err(|e| other(&rpath, e))?;
    let rh = reports.headers().map_err(|e| other(&rpath, e))?.clone();
    let mut values = csv_in(&vpath).map_err(|e| other(&vpath, e))?;
    let vh = values.headers().map_err(|e| other(&vpath, e))?.clone();
    if vh.iter().collect::<Vec<_>>() != crate::rows::VALUES_HEADER {
        return Err(other(
            &vpath,
            "not a values.csv written by xxgk (header differs)",
        ));
    }
    let mut vrecs = values.records().peekable();
    for rec in reports.records() {
        let rec = rec.map_err(|e| other(&rpath, e))?;
        let row: ReportRow = read_row(&rec, &rh).map_err(|e| other(&rpath, e))?;
        let id = plain_cell(&row.report).to_string();
        let mut r = Report::with_status(
            id.clone(),
            Status::parse(&row.status).unwrap_or(Status::Failed),
            plain_cell(&row.message),
        );
        r.meta.agency = Some(plain_cell(&row.agency).to_string()).filter(|s| !s.is_empty());
        r.meta.year = row.year.parse().ok();
        r.meta.template = Template::parse(&row.template);
        let fmt = Format::parse(&row.format);
        r.meta.format = (fmt != Format::Unknown).then_some(fmt);
        r.meta.pages = row.pages.parse().ok();
        // Skip values rows of reports that reports.csv does not list.
        while let Some(Ok(v)) = vrecs.peek() {
            if plain_cell(v.get(0).unwrap_or_default()) < id.as_str() {
                vrecs.next();
            } else {
                break;
            }
        }
        while let Some(v) = vrecs.next_if(|v| match v {
            Ok(v) => v.get(0).map(plain_cell) == Some(id.as_str()),
            Err(_) => true,
        }) {
            let v = v.map_err(|e| other(&vpath, e))?;
            let v: ValueRow = read_row(&v, &vh).map_err(|e| other(&vpath, e))?;
            let key = format!("{}.{}.{}", v.table, v.row, v.col);
            let Some(flag) = Flag::parse(&v.flag) else {
                continue;
            };
            let cell = Cell {
                value: v.value,
                flag,
                raw: plain_cell(&v.raw).to_string(),
                page: v.page.parse().ok(),
                bbox: parse_bbox(&v.bbox),
                ocr_confidence: v.ocr_confidence.parse().ok(),
            };
            if key.starts_with("t3.other.") && r.meta.template == Some(Template::V2021) {
                r.single_other = true;
            }
            r.cells.insert(key, cell);
        }
        f(r);
    }
    Ok(())
}

fn parse_bbox(s: &str) -> Option<BBox> {
    let n: Vec<f64> = s
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match n.as_slice() {
        [x0, y0, x1, y1] => Some(BBox::new(*x0, *y0, *x1, *y1)),
        _ => None,
    }
}
