//! The one line printed at the end of `extract` and `merge`: where the files went, the files
//! by status, the findings by severity (counted from the findings.csv just written), time.
//!
//! `39 files → out/: 30 ok, 3 partial, 1 legacy, 2 unsupported, 3 failed; findings: 1 error,
//! 4 warnings, 13 info; 2.1 s, 18.6 files/s`

use crate::output::csv_in;
use crate::run::{plural, Summary};
use std::path::Path;

/// Findings of findings.csv by severity: (errors, warnings, info). `None` when the file
/// cannot be read.
pub fn findings_by_severity(out: &Path) -> Option<[usize; 3]> {
    let mut rdr = csv_in(&out.join("findings.csv")).ok()?;
    let col = rdr.headers().ok()?.iter().position(|h| h == "severity")?;
    let mut n = [0; 3];
    for rec in rdr.records() {
        match rec.ok()?.get(col) {
            Some("error") => n[0] += 1,
            Some("warning") => n[1] += 1,
            _ => n[2] += 1,
        }
    }
    Some(n)
}

/// The summary line of a run written into `out`.
pub fn summary_line(s: &Summary, out: &Path) -> String {
    let findings = match findings_by_severity(out) {
        Some([e, w, i]) => format!(
            "{}, {}, {} info",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings"),
            i
        ),
        None => plural(s.findings, "finding", "findings"),
    };
    format!(
        "{} → {}: {}; findings: {findings}; {}",
        plural(s.files, "file", "files"),
        out.display(),
        s.statuses(),
        s.pace()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_severities() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("findings.csv"),
            "报告,对比报告,规则,严重程度\r\na,,T3-1,error\r\na,,R-1,info\r\nb,,D-1,info\r\n",
        )
        .unwrap();
        let s = Summary {
            files: 1,
            by_status: [1, 0, 0, 0, 0, 0],
            findings: 3,
            seconds: 2.0,
            ..Summary::default()
        };
        let line = summary_line(&s, dir.path());
        assert_eq!(
            line,
            format!(
                "1 file → {}: 1 ok, 0 partial, 0 legacy, 0 unsupported, 0 failed; findings: 1 error, 0 warnings, 2 info; 2.0 s, 0.5 files/s",
                dir.path().display()
            )
        );
        assert_eq!(plural(2, "file", "files"), "2 files");
        assert_eq!(plural(0, "file", "files"), "0 files");
    }
}
