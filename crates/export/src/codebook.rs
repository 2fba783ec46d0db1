//! codebook.csv: one row per key of `keys.tsv` (the columns of wide.csv, the `table.row.col`
//! of values.csv), with the Chinese row and column labels as the templates print them, the
//! unit, the templates the key belongs to and the short Chinese name of `--headers zh`.
//! Written into every output folder from the schema data of `xxgk-model`.

use crate::headers;
use crate::output::{csv_out, finish, Staging};
use crate::rows::{zh_header, Headers};
use std::io;
use xxgk_model::schema;
use xxgk_model::schema::{KeyDef, Table};

pub const CODEBOOK_FILE: &str = "codebook.csv";

pub const CODEBOOK_HEADER: [&str; 9] = [
    "key",
    "table",
    "row",
    "col",
    "row_label",
    "col_label",
    "unit",
    "templates",
    "zh_name",
];

/// The unit of a key's values. Amounts of table 二: 万元 where the template prints it
/// (本年收费金额（单位：万元）), none where it does not (v2019 采购总金额); 项 for the v2019
/// item counts (上一年项目数量, 本年增/减, 采购项目数量); 件 for everything else.
pub fn unit(k: &KeyDef) -> &'static str {
    match (k.table, k.col) {
        (Table::T2, "amount") if k.col_label.contains("万元") => "万元",
        (Table::T2, "amount") => "",
        (Table::T2, "prev_items" | "change" | "projects") => "项",
        _ => "件",
    }
}

/// One label per template when the templates print it differently:
/// `处理决定数量（v2019）；本年处理决定数量（v2021）`.
fn label(defs: &[&KeyDef], get: impl Fn(&KeyDef) -> &'static str) -> String {
    let first = get(defs[0]);
    if defs.iter().all(|d| get(d) == first) {
        return first.to_string();
    }
    defs.iter()
        .map(|d| format!("{}（{}）", get(d), d.template.as_str()))
        .collect::<Vec<_>>()
        .join("；")
}

/// The rows of codebook.csv, in the order of wide.csv's key columns.
pub fn rows() -> Vec<[String; 9]> {
    let s = schema();
    s.all_key_ids()
        .into_iter()
        .filter_map(|id| {
            let mut defs: Vec<&KeyDef> = s.keys.iter().filter(|k| k.id() == id).collect();
            defs.sort_by_key(|d| d.template);
            let k = *defs.first()?;
            let units: Vec<&str> = defs.iter().map(|d| unit(d)).collect();
            Some([
                id.clone(),
                k.table.as_str().to_string(),
                k.row.to_string(),
                k.col.to_string(),
                label(&defs, |d| d.row_label),
                label(&defs, |d| d.col_label),
                units
                    .iter()
                    .find(|u| !u.is_empty())
                    .unwrap_or(&"")
                    .to_string(),
                defs.iter()
                    .map(|d| d.template.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                zh_header(&id),
            ])
        })
        .collect()
}

/// Write codebook.csv into the run's output folder.
pub(crate) fn write(st: &mut Staging, bom: bool, h: Headers) -> io::Result<()> {
    let mut w = csv_out(st.output(CODEBOOK_FILE)?, bom)?;
    w.write_record(headers::row(&CODEBOOK_HEADER, h))?;
    for r in rows() {
        w.write_record(r)?;
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn one_row_per_key_of_keys_tsv_with_its_templates() {
        // keys.tsv: `template table row col row_label col_label`, one line per template cell.
        let mut by_key: HashMap<String, Vec<String>> = HashMap::new();
        for line in xxgk_model::schema::KEYS_TSV.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            by_key
                .entry(format!("{}.{}.{}", f[1], f[2], f[3]))
                .or_default()
                .push(f[0].to_string());
        }
        let rows = rows();
        assert_eq!(rows.len(), by_key.len());
        assert_eq!(rows.len(), 226);
        let mut lines = 0;
        for r in &rows {
            let mut want = by_key[&r[0]].clone();
            want.sort();
            assert_eq!(r[7], want.join(" "), "{}", r[0]);
            lines += want.len();
            assert_eq!(r[0], format!("{}.{}.{}", r[1], r[2], r[3]));
            assert!(!r[4].is_empty() && !r[5].is_empty(), "{}", r[0]);
        }
        assert_eq!(lines, 398, "every line of keys.tsv is covered once");
    }

    #[test]
    fn labels_units_and_names_are_as_printed() {
        let rows = rows();
        let get = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
        let fee = get("t2.fee.amount");
        assert_eq!(fee[5], "本年收费金额（单位：万元）");
        assert_eq!(fee[6], "万元");
        assert_eq!(fee[7], "v2021");
        assert_eq!(get("t2.procurement.amount")[6], "");
        assert_eq!(get("t2.license.change")[6], "项");
        let lic = get("t2.license.decisions");
        assert_eq!(lic[5], "处理决定数量（v2019）；本年处理决定数量（v2021）");
        assert_eq!(lic[7], "v2019 v2021");
        let t3 = get("t3.new_received.natural_person");
        assert_eq!(t3[6], "件");
        assert_eq!(t3[8], "表三·本年新收·自然人");
    }
}
