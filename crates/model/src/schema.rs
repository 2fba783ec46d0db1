//! The template schema, as data.
//!
//! `docs/spec/keys.tsv` (the project spec's, the one copy in the repo) lists every cell of both
//! templates; `labels.tsv` lists the label fragments that identify rows, columns, groups and captions.
//! Parser matching, audit rule operands and export column names all read this module.

use crate::text::normalize_label;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The keys of both templates, one per line: `template table row col row_label col_label`.
pub const KEYS_TSV: &str = include_str!("../../../docs/spec/keys.tsv");
/// Label fragments: `table kind key templates fragments`.
pub const LABELS_TSV: &str = include_str!("labels.tsv");

/// The report template (national format version).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Template {
    /// 2019 format (试行), used for the 2019 and 2020 reports.
    V2019,
    /// 2021 revised format, used from the 2021 reports on.
    V2021,
    /// Pre-2019 reports: no standard tables.
    Legacy,
}

impl Template {
    pub fn as_str(&self) -> &'static str {
        match self {
            Template::V2019 => "v2019",
            Template::V2021 => "v2021",
            Template::Legacy => "legacy",
        }
    }

    pub fn parse(s: &str) -> Option<Template> {
        Some(match s {
            "v2019" => Template::V2019,
            "v2021" => Template::V2021,
            "legacy" => Template::Legacy,
            _ => return None,
        })
    }
}

/// One of the three standard tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Table {
    /// 二、主动公开政府信息情况
    T2,
    /// 三、收到和处理政府信息公开申请情况
    T3,
    /// 四、政府信息公开行政复议、行政诉讼情况
    T4,
}

impl Table {
    pub fn as_str(&self) -> &'static str {
        match self {
            Table::T2 => "t2",
            Table::T3 => "t3",
            Table::T4 => "t4",
        }
    }

    pub fn parse(s: &str) -> Option<Table> {
        Some(match s {
            "t2" => Table::T2,
            "t3" => Table::T3,
            "t4" => Table::T4,
            _ => return None,
        })
    }

    /// The Chinese table name, as in the report's section heading.
    pub fn title_zh(&self) -> &'static str {
        match self {
            Table::T2 => "表二（主动公开政府信息情况）",
            Table::T3 => "表三（收到和处理政府信息公开申请情况）",
            Table::T4 => "表四（行政复议、行政诉讼情况）",
        }
    }
}

/// One cell of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDef {
    pub template: Template,
    pub table: Table,
    pub row: &'static str,
    pub col: &'static str,
    pub row_label: &'static str,
    pub col_label: &'static str,
}

impl KeyDef {
    /// `table.row.col`, e.g. `t3.new_received.total`.
    pub fn id(&self) -> String {
        format!("{}.{}.{}", self.table.as_str(), self.row, self.col)
    }
}

/// What a label identifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelKind {
    /// A 第二十条 group caption of table 二.
    Caption,
    Row,
    Col,
    /// A label without numbers of its own (三、本年度办理结果, （三）不予公开, 行政复议 …).
    Group,
}

/// A label and the fragments that identify it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelDef {
    pub table: Table,
    pub kind: LabelKind,
    pub key: &'static str,
    /// Templates this label belongs to (both when the data says `*`).
    pub templates: Vec<Template>,
    /// Normalised fragments; any one present identifies the label.
    pub fragments: Vec<String>,
    /// Normalised fragments that must not be present.
    pub excludes: Vec<String>,
}

impl LabelDef {
    /// Does this normalised text carry the label?
    pub fn matches(&self, normalized: &str) -> bool {
        self.fragments
            .iter()
            .any(|f| normalized.contains(f.as_str()))
            && !self
                .excludes
                .iter()
                .any(|f| normalized.contains(f.as_str()))
    }

    pub fn in_template(&self, template: Option<Template>) -> bool {
        match template {
            None => true,
            Some(t) => self.templates.contains(&t),
        }
    }
}

/// The whole schema.
#[derive(Debug)]
pub struct Schema {
    pub keys: Vec<KeyDef>,
    pub labels: Vec<LabelDef>,
}

/// The schema, parsed once from the embedded data.
pub fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| Schema::parse(KEYS_TSV, LABELS_TSV))
}

impl Schema {
    /// Parse the two data tables. The data is embedded at build time and checked by tests, so a
    /// malformed line is a programming error and is skipped rather than trusted.
    fn parse(keys_tsv: &'static str, labels_tsv: &'static str) -> Schema {
        let keys = keys_tsv
            .lines()
            .skip(1)
            .filter_map(|line| {
                let f: Vec<&'static str> = line.split('\t').collect();
                if f.len() != 6 {
                    return None;
                }
                Some(KeyDef {
                    template: Template::parse(f[0])?,
                    table: Table::parse(f[1])?,
                    row: f[2],
                    col: f[3],
                    row_label: f[4],
                    col_label: f[5],
                })
            })
            .collect();
        let labels = labels_tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|line| {
                let f: Vec<&'static str> = line.split('\t').collect();
                if f.len() != 5 {
                    return None;
                }
                let kind = match f[1] {
                    "caption" => LabelKind::Caption,
                    "row" => LabelKind::Row,
                    "col" => LabelKind::Col,
                    "group" => LabelKind::Group,
                    _ => return None,
                };
                let templates = match f[3] {
                    "*" => vec![Template::V2019, Template::V2021],
                    t => vec![Template::parse(t)?],
                };
                let (excludes, fragments): (Vec<&str>, Vec<&str>) =
                    f[4].split('|').partition(|s| s.starts_with('!'));
                Some(LabelDef {
                    table: Table::parse(f[0])?,
                    kind,
                    key: f[2],
                    templates,
                    fragments: fragments.iter().map(|s| normalize_label(s)).collect(),
                    excludes: excludes.iter().map(|s| normalize_label(&s[1..])).collect(),
                })
            })
            .collect();
        Schema { keys, labels }
    }

    /// The keys of one template, in the order of keys.tsv.
    pub fn keys(&self, template: Template) -> impl Iterator<Item = &KeyDef> {
        self.keys.iter().filter(move |k| k.template == template)
    }

    /// Look a key up by template and id (`t3.new_received.total`).
    pub fn key(&self, template: Template, id: &str) -> Option<&KeyDef> {
        let mut parts = id.splitn(3, '.');
        let (t, r, c) = (parts.next()?, parts.next()?, parts.next()?);
        self.keys(template)
            .find(|k| k.table.as_str() == t && k.row == r && k.col == c)
    }

    /// The keys a report of this template must have. With `single_other` (a v2021 report that
    /// prints （六）其他处理 as one data row), the three （六） sub-rows are replaced by `other`.
    pub fn expected_keys(&self, template: Template, single_other: bool) -> Vec<&KeyDef> {
        if !(single_other && template == Template::V2021) {
            return self.keys(template).collect();
        }
        let other: Vec<&KeyDef> = self
            .keys(Template::V2019)
            .filter(|k| k.table == Table::T3 && k.row == "other")
            .collect();
        let mut out = Vec::new();
        for k in self.keys(template) {
            if k.table == Table::T3 && k.row.starts_with("other_") {
                if k.row == "other_no_correction" && k.col == "natural_person" {
                    out.extend(other.iter().copied());
                }
                continue;
            }
            out.push(k);
        }
        out
    }

    /// Every key id of both templates, in first-appearance order (the columns of wide.csv).
    pub fn all_key_ids(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.keys
            .iter()
            .map(|k| k.id())
            .filter(|id| seen.insert(id.clone()))
            .collect()
    }

    /// A key definition by id in either template (v2021 first).
    pub fn any_key(&self, id: &str) -> Option<&KeyDef> {
        self.key(Template::V2021, id)
            .or_else(|| self.key(Template::V2019, id))
    }

    /// The labels of one table and kind, in priority order.
    pub fn labels(&self, table: Table, kind: LabelKind) -> impl Iterator<Item = &LabelDef> {
        self.labels
            .iter()
            .filter(move |l| l.table == table && l.kind == kind)
    }

    /// The first label of this table and kind whose fragments the text carries.
    pub fn match_label(
        &self,
        table: Table,
        kind: LabelKind,
        text: &str,
        template: Option<Template>,
    ) -> Option<&'static str> {
        let norm = normalize_label(text);
        self.labels(table, kind)
            .filter(|l| l.in_template(template))
            .find(|l| l.matches(&norm))
            .map(|l| l.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_counts_match_the_spec() {
        let s = schema();
        assert_eq!(s.keys(Template::V2019).count(), 198);
        assert_eq!(s.keys(Template::V2021).count(), 200);
        assert_eq!(s.expected_keys(Template::V2021, true).len(), 200 - 21 + 7);
        let t3_2019 = s
            .keys(Template::V2019)
            .filter(|k| k.table == Table::T3)
            .count();
        assert_eq!(t3_2019, 161);
    }

    #[test]
    fn every_label_line_parses() {
        let data_lines = LABELS_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(schema().labels.len(), data_lines);
        assert_eq!(
            KEYS_TSV.lines().count() - 1,
            schema().keys.len(),
            "every keys.tsv line parses"
        );
    }

    #[test]
    fn every_row_and_col_key_has_a_label() {
        let s = schema();
        for k in &s.keys {
            if k.table == Table::T4 {
                assert!(s
                    .labels(Table::T4, LabelKind::Group)
                    .any(|l| l.key == k.row));
            } else if !(k.row == "other" || k.row == "other_other") {
                assert!(
                    s.labels(k.table, LabelKind::Row).any(|l| l.key == k.row),
                    "no label for row {}",
                    k.row
                );
            }
            assert!(
                s.labels(k.table, LabelKind::Col).any(|l| l.key == k.col),
                "no label for col {}",
                k.col
            );
        }
    }

    #[test]
    fn labels_match_real_variants() {
        let s = schema();
        let row = |t| s.match_label(Table::T3, LabelKind::Row, t, None);
        assert_eq!(row("（一）予以公开"), Some("granted"));
        assert_eq!(
            row("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"),
            Some("partial")
        );
        assert_eq!(row("2.其他法律行政止公开"), Some("deny_law_forbidden"));
        assert_eq!(
            row("4. 无正当理由大量反复申请"),
            Some("nohandle_mass_repeat")
        );
        assert_eq!(row("2. 重复申请"), Some("nohandle_repeat"));
        assert_eq!(row("四、结转下年度继续办理"), Some("carried_out"));
        let col = |t| s.match_label(Table::T3, LabelKind::Col, t, None);
        assert_eq!(col("社会组织"), Some("social_org"));
        assert_eq!(col("法 律 服 务 机构"), Some("legal_service"));
    }
}
