//! Column headers in English or Chinese (`--headers zh`), for every CSV and workbook sheet.
//!
//! Only the header row is translated: the values (`ok`, `number`, `t3.new_received.total` in
//! findings.csv's `cells` …) stay as `docs/output-schema.md` defines them, so scripts work on
//! either. The names come from `zh_names.tsv` (kinds `column` and `sheet`) and, for the key
//! columns of wide.csv, from [`crate::rows::zh_header`]. Reading an output folder back
//! ([`to_english`]) accepts both, so `merge`, `audit` and `eval` work on Chinese headers too.

use crate::rows::{zh_header, Headers, ZH_NAMES_TSV};
use std::collections::HashMap;
use std::sync::OnceLock;
use xxgk_model::schema;

/// `(kind, english) → chinese` for the kinds `column` and `sheet`.
fn names() -> &'static HashMap<(&'static str, &'static str), &'static str> {
    static NAMES: OnceLock<HashMap<(&str, &str), &str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        ZH_NAMES_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| match l.split('\t').collect::<Vec<_>>().as_slice() {
                ["-", kind @ ("column" | "sheet"), en, zh] => Some(((*kind, *en), *zh)),
                _ => None,
            })
            .collect()
    })
}

/// Chinese → English for every header we write (fixed columns and wide.csv key columns).
fn reverse() -> &'static HashMap<String, String> {
    static REV: OnceLock<HashMap<String, String>> = OnceLock::new();
    REV.get_or_init(|| {
        let mut m: HashMap<String, String> = names()
            .iter()
            .filter(|((kind, _), _)| *kind == "column")
            .map(|((_, en), zh)| (zh.to_string(), en.to_string()))
            .collect();
        for id in schema().all_key_ids() {
            m.insert(zh_header(&id), id);
        }
        m
    })
}

/// The header of one column: a fixed column (`report`, `flag` …) or a key id of wide.csv.
pub fn column(name: &str, headers: Headers) -> String {
    match headers {
        Headers::En => name.to_string(),
        Headers::Zh => match names().get(&("column", name)) {
            Some(zh) => zh.to_string(),
            None if name.starts_with('t') && name.matches('.').count() == 2 => zh_header(name),
            None => name.to_string(),
        },
    }
}

/// A whole header row.
pub fn row<S: AsRef<str>>(names: &[S], headers: Headers) -> Vec<String> {
    names.iter().map(|n| column(n.as_ref(), headers)).collect()
}

/// The name of a workbook sheet.
pub fn sheet(name: &str, headers: Headers) -> String {
    match headers {
        Headers::En => name.to_string(),
        Headers::Zh => names()
            .get(&("sheet", name))
            .map_or_else(|| name.to_string(), |s| s.to_string()),
    }
}

/// The English name of a header read back from one of our files (unchanged when it is not
/// one of our Chinese headers).
pub fn to_english(header: &str) -> &str {
    reverse().get(header).map_or(header, String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rows::{wide_header, FINDINGS_HEADER, REPORTS_HEADER, VALUES_HEADER};

    #[test]
    fn every_fixed_column_has_one_chinese_name_that_reads_back() {
        let all = REPORTS_HEADER
            .iter()
            .chain(&VALUES_HEADER)
            .chain(&FINDINGS_HEADER)
            .chain(&crate::codebook::CODEBOOK_HEADER);
        for h in all {
            let zh = column(h, Headers::Zh);
            assert_ne!(&zh, h, "{h} has no Chinese name");
            assert_eq!(to_english(&zh), *h);
        }
        assert_eq!(column("flag", Headers::Zh), "标记");
        assert_eq!(column("flag", Headers::En), "flag");
    }

    #[test]
    fn wide_headers_read_back_to_key_ids() {
        let en = wide_header(Headers::En);
        let zh = wide_header(Headers::Zh);
        let back: Vec<&str> = zh.iter().map(|h| to_english(h)).collect();
        assert_eq!(back, en);
        assert_eq!(
            column("t3.new_received.total", Headers::Zh),
            "表三·本年新收·总计"
        );
    }

    #[test]
    fn sheets_have_chinese_names() {
        for s in ["reports", "wide", "findings", "values", "codebook"] {
            assert_ne!(sheet(s, Headers::Zh), s);
        }
        assert_eq!(sheet("findings", Headers::Zh), "审核发现");
    }
}
