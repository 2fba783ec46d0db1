//! U-1: a row a table printed that the template does not have (a 表二 row `行政确认` a body
//! added). The row's values are in no cell of values.csv; the finding says it was printed, so
//! that nothing in a report is dropped without a word.

use xxgk_model::{Finding, FindingStatus, Report, Severity, Table};

/// One `info` finding per row the parser found printed outside the template.
pub fn check_unlisted(report: &Report) -> Vec<Finding> {
    report
        .unlisted_rows
        .iter()
        .map(|row| Finding {
            report: report.report.clone(),
            other_report: String::new(),
            rule: "U-1".into(),
            severity: Severity::Info,
            status: FindingStatus::Fail,
            cells: Vec::new(),
            expected: String::new(),
            actual: row.values.join(" "),
            message: format!(
                "{}印有模板之外的一行「{}」：{}（未计入任何单元格）",
                table_name(row.table),
                row.label,
                row.values.join(" ")
            ),
        })
        .collect()
}

fn table_name(table: Table) -> &'static str {
    match table {
        Table::T2 => "表二",
        Table::T3 => "表三",
        Table::T4 => "表四",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{Status, UnlistedRow};

    #[test]
    fn a_row_outside_the_template_is_one_info_finding() {
        let mut report = Report::with_status("a.html", Status::Ok, "");
        assert!(check_unlisted(&report).is_empty());
        report.unlisted_rows.push(UnlistedRow {
            table: Table::T2,
            label: "行政确认".into(),
            values: vec!["1234".into()],
        });
        let f = check_unlisted(&report);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "U-1");
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(f[0].actual, "1234");
        assert!(f[0].message.contains("行政确认"), "{}", f[0].message);
    }
}
