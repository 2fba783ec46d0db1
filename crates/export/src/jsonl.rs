//! `--jsonl`: `reports.jsonl`, one JSON object per report with its meta, every expected cell
//! (keyed by `table.row.col`) and its findings (within-report and cross-year). Object keys are
//! sorted, so the bytes do not depend on anything but the data.

use crate::outcome::Outcome;
use crate::rows::{cell_value, one_line};
use serde_json::{json, Map, Value};
use xxgk_audit::severity_counts;
use xxgk_model::{Cell, Finding};

/// The object of one report.
pub fn report_json(o: &Outcome) -> Value {
    let r = &o.report;
    let m = &r.meta;
    let absent = Cell::absent();
    let mut cells = Map::new();
    for k in r.expected_keys() {
        let id = k.id();
        let c = r.cells.get(&id).unwrap_or(&absent);
        cells.insert(
            id,
            json!({
                "value": cell_value(c),
                "flag": c.flag.as_str(),
                "raw": c.raw,
                "page": c.page,
                "bbox": c.bbox.map(|b| vec![b.x0, b.y0, b.x1, b.y1]),
            }),
        );
    }
    let (errors, warnings) = severity_counts(&o.findings);
    json!({
        "report": r.report,
        "sha256": o.sha256,
        "format": m.format.map(|f| f.as_str()).unwrap_or(""),
        "pages": m.pages,
        "agency": m.agency.as_deref().map(one_line),
        "year": m.year,
        "template": m.template.map(|t| t.as_str()),
        "status": r.status.as_str(),
        "message": one_line(&r.message),
        "cells_found": r.cells_found(),
        "cells_expected": r.cells_expected(),
        "errors": errors,
        "warnings": warnings,
        "cells": cells,
        "findings": o.findings.iter().map(finding_json).collect::<Vec<_>>(),
    })
}

/// The object of one finding.
pub fn finding_json(f: &Finding) -> Value {
    json!({
        "report": f.report,
        "other_report": f.other_report,
        "rule": f.rule,
        "severity": f.severity.as_str(),
        // An info note is not a failure (as in findings.csv).
        "status": match f.severity {
            xxgk_model::Severity::Info => "",
            _ => f.status.as_str(),
        },
        "cells": f.cells,
        "expected": f.expected,
        "actual": f.actual,
        "message": one_line(&f.message),
    })
}

/// Replace the cross-year findings of a report object with `cross` and recount errors and
/// warnings from its findings.
pub(crate) fn set_cross_findings(obj: &mut Value, cross: &[Finding]) {
    let Some(map) = obj.as_object_mut() else {
        return;
    };
    let mut findings: Vec<Value> = map
        .get("findings")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter(|f| {
                    f.get("other_report")
                        .and_then(Value::as_str)
                        .is_none_or(str::is_empty)
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    findings.extend(cross.iter().map(finding_json));
    let count = |sev: &str| {
        findings
            .iter()
            .filter(|f| f.get("severity").and_then(Value::as_str) == Some(sev))
            .count()
    };
    let (errors, warnings) = (count("error"), count("warning"));
    map.insert("errors".into(), errors.into());
    map.insert("warnings".into(), warnings.into());
    map.insert("findings".into(), Value::Array(findings));
}
