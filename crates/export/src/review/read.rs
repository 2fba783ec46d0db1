//! Reading an output folder for the review: findings.csv and values.csv are in report-id order,
//! like reports.csv, so they are read in lockstep with it, one report at a time; memory holds
//! one report's rows, not the run's.

use super::{other, page, CellRow, FindingRow};
use crate::output::csv_in;
use crate::run::Error;
use std::path::{Path, PathBuf};
use xxgk_model::schema;

/// A CSV file of ours in report-id order (as reports.csv), read one report at a time.
struct Grouped {
    path: PathBuf,
    head: Vec<String>,
    records: std::iter::Peekable<csv::StringRecordsIntoIter<std::io::BufReader<std::fs::File>>>,
}

impl Grouped {
    fn open(path: &Path) -> Result<Grouped, Error> {
        let mut rdr = csv_in(path).map_err(|e| other(path, e))?;
        let head = rdr
            .headers()
            .map_err(|e| other(path, e))?
            .iter()
            .map(str::to_string)
            .collect();
        Ok(Grouped {
            path: path.to_path_buf(),
            head,
            records: rdr.into_records().peekable(),
        })
    }

    /// The rows of one report; rows of reports not asked for are skipped.
    fn take(&mut self, report: &str) -> Result<Vec<csv::StringRecord>, Error> {
        let mut out = Vec::new();
        while let Some(next) = self.records.peek() {
            let id = match next {
                Ok(rec) => rec.get(0).unwrap_or_default(),
                Err(e) => return Err(other(&self.path, e)),
            };
            if id > report {
                break;
            }
            let take = id == report;
            if let Some(Ok(rec)) = self.records.next() {
                if take {
                    out.push(rec);
                }
            }
        }
        Ok(out)
    }
}

/// findings.csv, one report at a time.
pub(super) struct FindingsReader(Grouped, Vec<Option<usize>>);

impl FindingsReader {
    pub(super) fn open(path: &Path) -> Result<FindingsReader, Error> {
        let g = Grouped::open(path)?;
        let cols = crate::rows::FINDINGS_HEADER
            .iter()
            .map(|n| g.head.iter().position(|h| h == n))
            .collect();
        Ok(FindingsReader(g, cols))
    }

    pub(super) fn take(&mut self, report: &str) -> Result<Vec<FindingRow>, Error> {
        let cols = &self.1;
        Ok(self
            .0
            .take(report)?
            .iter()
            .map(|rec| {
                let get = |i: usize| {
                    cols[i]
                        .and_then(|c| rec.get(c))
                        .unwrap_or_default()
                        .to_string()
                };
                FindingRow {
                    other: get(1),
                    rule: get(2),
                    sev: get(3),
                    status: get(4),
                    cells: get(5).split_whitespace().map(str::to_string).collect(),
                    expected: get(6),
                    actual: get(7),
                    message: get(8),
                }
            })
            .collect())
    }
}

/// values.csv, one report at a time, with the labels of each key.
pub(super) struct ValuesReader(Grouped);

impl ValuesReader {
    pub(super) fn open(path: &Path) -> Result<ValuesReader, Error> {
        let g = Grouped::open(path)?;
        if g.head != crate::rows::VALUES_HEADER {
            return Err(other(path, "not a values.csv written by xxgk"));
        }
        Ok(ValuesReader(g))
    }

    pub(super) fn take(&mut self, report: &str) -> Result<Vec<CellRow>, Error> {
        Ok(self
            .0
            .take(report)?
            .iter()
            .map(|rec| {
                let f = |i: usize| rec.get(i).unwrap_or_default().to_string();
                let key = format!("{}.{}.{}", f(1), f(2), f(3));
                let (rl, cl) = schema()
                    .any_key(&key)
                    .map_or(("", ""), |d| (d.row_label, d.col_label));
                let b: Vec<f64> = f(8)
                    .split_whitespace()
                    .filter_map(|v| v.parse().ok())
                    .collect();
                CellRow {
                    zh: crate::rows::zh_header(&key),
                    k: key,
                    v: f(4),
                    f: f(5),
                    raw: page::clip(&f(6)),
                    p: f(7).parse().ok(),
                    b: <[f64; 4]>::try_from(b).ok(),
                    rl,
                    cl,
                }
            })
            .collect())
    }
}
