//! Reading earlier outputs back: reports.csv and values.csv of an output folder become
//! [`Report`]s again (meta and cells; no sections), one at a time, for `merge` and `audit`.

use crate::output::csv_in;
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
    let rcol = |name: &str| rh.iter().position(|h| h == name);
    let (ci_agency, ci_year, ci_template, ci_status, ci_format, ci_pages, ci_message) = (
        rcol("agency"),
        rcol("year"),
        rcol("template"),
        rcol("status"),
        rcol("format"),
        rcol("pages"),
        rcol("message"),
    );
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
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or_default();
        let id = rec.get(0).unwrap_or_default().to_string();
        let mut r = Report::with_status(
            id.clone(),
            Status::parse(get(ci_status)).unwrap_or(Status::Failed),
            get(ci_message),
        );
        r.meta.agency = Some(get(ci_agency).to_string()).filter(|s| !s.is_empty());
        r.meta.year = get(ci_year).parse().ok();
        r.meta.template = Template::parse(get(ci_template));
        let fmt = Format::parse(get(ci_format));
        r.meta.format = (fmt != Format::Unknown).then_some(fmt);
        r.meta.pages = get(ci_pages).parse().ok();
        // Skip values rows of reports that reports.csv does not list.
        while let Some(Ok(v)) = vrecs.peek() {
            if v.get(0).unwrap_or_default() < id.as_str() {
                vrecs.next();
            } else {
                break;
            }
        }
        while let Some(v) = vrecs.next_if(|v| match v {
            Ok(v) => v.get(0) == Some(id.as_str()),
            Err(_) => true,
        }) {
            let v = v.map_err(|e| other(&vpath, e))?;
            let field = |i: usize| v.get(i).unwrap_or_default();
            let key = format!("{}.{}.{}", field(1), field(2), field(3));
            let Some(flag) = Flag::parse(field(5)) else {
                continue;
            };
            let cell = Cell {
                value: field(4).to_string(),
                flag,
                raw: field(6).to_string(),
                page: field(7).parse().ok(),
                bbox: parse_bbox(field(8)),
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
