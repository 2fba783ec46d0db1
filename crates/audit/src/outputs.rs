//! Year records read back from an earlier run's `reports.csv` and `values.csv`, so that
//! `xxgk audit <OUT_DIR>...` re-runs the cross-year rules without re-extracting old reports.
//!
//! Columns are found by their header names (docs/spec/OUTPUT.md), so added columns do no harm. The CSV
//! files hold no section text: records read this way carry no fingerprints and R-1 is not
//! evaluated for them (a run that keeps [`YearRecord`]s as JSON keeps their fingerprints).

use crate::cross_year::{is_cross_year_key, YearRecord};
use std::collections::BTreeMap;
use xxgk_model::{Cell, Flag, Template};

fn column(headers: &csv::StringRecord, name: &str, file: &str) -> Result<usize, String> {
    headers
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| format!("{file}: no column `{name}` in the header"))
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// Rebuild the records of one output folder from the text of its `reports.csv` and
/// `values.csv`. Reports without agency, year or a v2019/v2021 template are left out.
pub fn records_from_outputs(
    reports_csv: &str,
    values_csv: &str,
) -> Result<Vec<YearRecord>, String> {
    let mut rd = reader(reports_csv);
    let h = rd
        .headers()
        .map_err(|e| format!("reports.csv: {e}"))?
        .clone();
    let (c_report, c_agency, c_year, c_template) = (
        column(&h, "report", "reports.csv")?,
        column(&h, "agency", "reports.csv")?,
        column(&h, "year", "reports.csv")?,
        column(&h, "template", "reports.csv")?,
    );
    let mut records: BTreeMap<String, YearRecord> = BTreeMap::new();
    for (i, row) in rd.records().enumerate() {
        let row = row.map_err(|e| format!("reports.csv, record {}: {e}", i + 1))?;
        let get = |c: usize| row.get(c).unwrap_or("").trim();
        let template = match Template::parse(get(c_template)) {
            Some(t @ (Template::V2019 | Template::V2021)) => t,
            _ => continue,
        };
        let (Ok(year), agency) = (get(c_year).parse::<u16>(), get(c_agency)) else {
            continue;
        };
        if agency.is_empty() {
            continue;
        }
        records.insert(
            get(c_report).to_string(),
            YearRecord {
                report: get(c_report).to_string(),
                agency: agency.to_string(),
                year,
                template,
                cells: BTreeMap::new(),
                fingerprints: Vec::new(),
            },
        );
    }
    let mut rd = reader(values_csv);
    let h = rd
        .headers()
        .map_err(|e| format!("values.csv: {e}"))?
        .clone();
    let cols = ["report", "table", "row", "col", "value", "flag", "raw"]
        .iter()
        .map(|n| column(&h, n, "values.csv"))
        .collect::<Result<Vec<usize>, String>>()?;
    for (i, row) in rd.records().enumerate() {
        let row = row.map_err(|e| format!("values.csv, record {}: {e}", i + 1))?;
        let get = |k: usize| cols.get(k).and_then(|&c| row.get(c)).unwrap_or("");
        let Some(record) = records.get_mut(get(0)) else {
            continue;
        };
        let id = format!("{}.{}.{}", get(1), get(2), get(3));
        if !is_cross_year_key(&id) {
            continue;
        }
        let flag = Flag::parse(get(5))
            .ok_or_else(|| format!("values.csv, record {}: unknown flag `{}`", i + 1, get(5)))?;
        record.cells.insert(
            id,
            Cell {
                value: get(4).to_string(),
                flag,
                raw: get(6).to_string(),
                page: None,
                bbox: None,
            },
        );
    }
    Ok(records.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{cross_year, Aliases};

    #[test]
    fn records_come_back_from_csv_and_feed_the_cross_year_rules() {
        let reports = "report,sha256,format,pages,agency,year,template,status\n\
            a.pdf,x,pdf,3,洪泽区人民政府,2022,v2021,ok\n\
            b.pdf,x,pdf,3,淮安市洪泽区人民政府,2023,v2021,ok\n\
            c.pdf,x,pdf,3,,2023,v2021,ok\n\
            d.pdf,x,pdf,3,旧局,2015,legacy,legacy\n";
        let values = "report,table,row,col,value,flag,raw,page,bbox\n\
            a.pdf,t3,carried_out,total,5,number,5,4,\n\
            a.pdf,t3,granted,total,9,number,9,4,\n\
            b.pdf,t3,carried_in,total,,blank,,4,\n\
            b.pdf,t3,carried_in,natural_person,0,number,0,4,\n";
        let r = records_from_outputs(reports, values).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].cells.len(), 1, "only cross-year keys are kept");
        let f = cross_year(&r, &Aliases::default());
        assert_eq!(f.len(), 1);
        assert_eq!(
            (
                f[0].rule.as_str(),
                f[0].status.as_str(),
                f[0].expected.as_str(),
                f[0].actual.as_str()
            ),
            ("X-1", "uncertain", "5", "0")
        );
        assert!(records_from_outputs("report,year\n", values)
            .unwrap_err()
            .contains("no column `agency`"));
        let bad = "report,table,row,col,value,flag,raw\na.pdf,t3,carried_in,total,1,maybe,1\n";
        assert!(records_from_outputs(reports, bad)
            .unwrap_err()
            .contains("unknown flag"));
    }
}
