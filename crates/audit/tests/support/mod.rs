//! Builders shared by the audit tests: hand-made reports from (key, raw) pairs, the corpus truths.

#![allow(dead_code)]

use std::path::PathBuf;
use xxgk_model::{schema, Cell, Finding, Report, Section, Status, Template};

/// Raw text standing for "the document has no such cell".
pub const ABSENT: &str = "<absent>";

pub fn cell(raw: &str) -> Cell {
    if raw == ABSENT {
        return Cell::absent();
    }
    Cell::from_raw(raw).unwrap_or_else(|| panic!("not a cell value: {raw:?}"))
}

/// Set cells from (key, raw) pairs.
pub fn set(r: &mut Report, pairs: &[(&str, &str)]) {
    for (k, raw) in pairs {
        r.cells.insert(k.to_string(), cell(raw));
    }
}

/// A report of `template` whose every expected cell is printed `0`.
pub fn zero(name: &str, template: Template, single_other: bool) -> Report {
    let mut r = Report::with_status(name, Status::Ok, "");
    r.meta.template = Some(template);
    r.meta.agency = Some("测试局".into());
    r.meta.year = Some(2024);
    r.single_other = single_other;
    for k in schema().expected_keys(template, single_other) {
        r.cells.insert(k.id(), cell("0"));
    }
    r
}

/// A small consistent report: 5 new + 1 carried in = 4 granted + 2 carried out, all 自然人;
/// 行政复议 1 维持; 规章 1 made, 11 in force (v2021).
pub fn small(template: Template, single_other: bool) -> Report {
    let mut r = zero("small.pdf", template, single_other);
    set(
        &mut r,
        &[
            ("t3.new_received.natural_person", "5"),
            ("t3.new_received.total", "5"),
            ("t3.carried_in.natural_person", "1"),
            ("t3.carried_in.total", "1"),
            ("t3.granted.natural_person", "4"),
            ("t3.granted.total", "4"),
            ("t3.processed_total.natural_person", "4"),
            ("t3.processed_total.total", "4"),
            ("t3.carried_out.natural_person", "2"),
            ("t3.carried_out.total", "2"),
            ("t4.review.upheld", "1"),
            ("t4.review.total", "1"),
        ],
    );
    if template == Template::V2021 {
        set(
            &mut r,
            &[
                ("t2.regulation.made", "1"),
                ("t2.regulation.in_force", "11"),
            ],
        );
    }
    r
}

pub fn section(number: u8, text: &str) -> Section {
    Section {
        number,
        heading: String::new(),
        text: text.to_string(),
    }
}

/// `rule severity status [cells] expected actual` — one line per finding, for exact comparisons.
pub fn brief(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {} [{}] {} {}",
                f.rule,
                f.severity.as_str(),
                f.status.as_str(),
                f.cells.join(" "),
                f.expected,
                f.actual
            )
        })
        .collect()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn data(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A report built from `corpus/truth/<name>.json` (cells only; no sections).
pub fn truth(name: &str) -> Report {
    let p = repo().join("corpus/truth").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let v: serde_json::Value = serde_json::from_str(&text).expect("truth json");
    let mut r = Report::with_status(
        v["source"].as_str().expect("source").to_string(),
        Status::Ok,
        "",
    );
    r.meta.agency = v["agency"].as_str().map(str::to_string);
    r.meta.year = v["year"].as_u64().and_then(|y| u16::try_from(y).ok());
    r.meta.template = v["template"].as_str().and_then(Template::parse);
    for (k, raw) in v["cells"].as_object().expect("cells") {
        r.cells
            .insert(k.clone(), cell(raw.as_str().expect("raw string")));
    }
    for k in v["absent"].as_array().into_iter().flatten() {
        r.cells
            .insert(k.as_str().expect("key").to_string(), Cell::absent());
    }
    if let Some(other) = v.get("single_other").and_then(|b| b.as_bool()) {
        r.single_other = other;
    }
    r
}

/// The Huai'an 2024 truth with sections 一 and 五 as `pdftotext` prints them.
pub fn huaian() -> Report {
    let mut r = truth("huaian-2024");
    r.sections = vec![
        section(1, &data("huaian-2024-section1.txt")),
        section(5, &data("huaian-2024-section5.txt")),
    ];
    r
}

/// The Liaocheng 2019 truth with sections 一 and 五 cut from the corpus text.
pub fn liaocheng() -> Report {
    let mut r = truth("liaocheng-waiban-2019");
    let p = repo().join("corpus/reports/liaocheng-waiban-2019.txt");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let lines: Vec<&str> = text.lines().collect();
    let at = |prefix: &str| {
        lines
            .iter()
            .position(|l| l.trim_start().starts_with(prefix))
            .unwrap_or_else(|| panic!("no line {prefix}"))
    };
    let (s1, s2, s5) = (
        at("一、总体情况"),
        at("二、主动公开"),
        at("五、存在的主要问题"),
    );
    r.sections = vec![
        section(1, &lines[s1 + 1..s2].join("\n")),
        section(5, &lines[s5 + 1..].join("\n")),
    ];
    r
}
