//! The template schema, as data.
//!
//! `docs/spec/keys.tsv` (the project spec's, the one copy in the repo) lists every cell of both
//! templates; `labels.tsv` lists the label fragments that identify rows, columns, groups and captions.
//! Parser matching, audit rule operands and export column names all read this module.

use crate::text::{is_han, normalize_label};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
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

/// A template cell (`t3.new_received.total`) as an index into the schema's key ids, the same
/// for both templates. Key ids are numbered in the order of their strings, so a map keyed by
/// `KeyId` iterates like one keyed by the id string (the order of values.csv). The string is
/// only for the edges: [`Schema::key_id`] reads it, [`Schema::key`] (or `Display`, or serde)
/// writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyId(u16);

impl KeyId {
    /// `t3.new_received.total`.
    pub fn as_str(self) -> &'static str {
        schema().key(self)
    }

    pub fn table(self) -> Table {
        schema().ids[usize::from(self.0)].table
    }

    /// The row name (`new_received`).
    pub fn row(self) -> &'static str {
        schema().ids[usize::from(self.0)].row
    }

    /// The column name (`total`).
    pub fn col(self) -> &'static str {
        schema().ids[usize::from(self.0)].col
    }
}

impl std::fmt::Display for KeyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for KeyId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for KeyId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<KeyId, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        schema()
            .key_id(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown key id '{s}'")))
    }
}

/// One key id of the schema: its string and parts.
#[derive(Debug)]
struct IdDef {
    id: String,
    table: Table,
    row: &'static str,
    col: &'static str,
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
    key: KeyId,
}

impl KeyDef {
    /// `table.row.col`, e.g. `t3.new_received.total`.
    pub fn id(&self) -> String {
        self.key.as_str().to_string()
    }

    /// The key id of this cell.
    pub fn key_id(&self) -> KeyId {
        self.key
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
    /// Every key id of both templates, sorted by string; [`KeyId`] indexes it.
    ids: Vec<IdDef>,
    /// The template's vocabulary: every pair of adjacent ideographs in its row and column
    /// labels and label fragments (`政府`, `信息`, `公开`, `申请`, …).
    pairs: HashSet<[char; 2]>,
}

/// Is a table-三 row one of v2021's three （六）其他处理 sub-rows (`other_no_correction`,
/// `other_no_fee_paid`, `other_other`), which a report may print as one row `other`?
pub fn is_other_sub_row(row: &str) -> bool {
    row.starts_with("other_")
}

/// Pairs of adjacent ideographs of a text, other characters skipped (`政府 信息` → 政府, 府信, 信息).
fn ideograph_pairs(text: &str) -> impl Iterator<Item = [char; 2]> + '_ {
    let mut last = None;
    text.chars().filter(|&c| is_han(c)).filter_map(move |c| {
        let pair = last.map(|l| [l, c]);
        last = Some(c);
        pair
    })
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
        let mut keys: Vec<KeyDef> = keys_tsv
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
                    key: KeyId(0),
                })
            })
            .collect();
        let mut ids: Vec<IdDef> = keys
            .iter()
            .map(|k| IdDef {
                id: format!("{}.{}.{}", k.table.as_str(), k.row, k.col),
                table: k.table,
                row: k.row,
                col: k.col,
            })
            .collect();
        ids.sort_by(|a, b| a.id.cmp(&b.id));
        ids.dedup_by(|a, b| a.id == b.id);
        for k in &mut keys {
            let id = format!("{}.{}.{}", k.table.as_str(), k.row, k.col);
            let i = ids
                .binary_search_by(|d| d.id.as_str().cmp(&id))
                .unwrap_or(0);
            k.key = KeyId(u16::try_from(i).unwrap_or(u16::MAX));
        }
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
        let pairs = keys
            .iter()
            .flat_map(|k| [k.row_label, k.col_label])
            .chain(labels_tsv.lines().filter(|l| !l.starts_with('#')))
            .flat_map(ideograph_pairs)
            .collect();
        Schema {
            keys,
            labels,
            ids,
            pairs,
        }
    }

    /// How many different pairs of the template's vocabulary a text holds: a page of a report
    /// read upright holds dozens (a prose page 15 or more, a table page over 100); noise, or a
    /// page read upside down, none.
    pub fn vocabulary_pairs(&self, text: &str) -> usize {
        ideograph_pairs(text)
            .filter(|p| self.pairs.contains(p))
            .collect::<HashSet<_>>()
            .len()
    }

    /// The key id of a string (`t3.new_received.total`), `None` when neither template has it.
    pub fn key_id(&self, id: &str) -> Option<KeyId> {
        let i = self.ids.binary_search_by(|d| d.id.as_str().cmp(id)).ok()?;
        u16::try_from(i).ok().map(KeyId)
    }

    /// The string of a key id.
    pub fn key(&self, key: KeyId) -> &str {
        &self.ids[usize::from(key.0)].id
    }

    /// The key id of a table's row and column, `None` when neither template has that cell.
    pub fn key_at(&self, table: Table, row: &str, col: &str) -> Option<KeyId> {
        self.key_id(&format!("{}.{row}.{col}", table.as_str()))
    }

    /// The key definition of a key id (v2021 first, for its labels).
    pub fn def(&self, key: KeyId) -> Option<&KeyDef> {
        self.keys
            .iter()
            .filter(|k| k.key == key)
            .min_by_key(|k| k.template != Template::V2021)
    }

    /// The key ids of one row of a template (`t3`, `new_received`), in schema column order.
    pub fn row_keys(&self, template: Template, table: Table, row: &str) -> Vec<KeyId> {
        self.keys(template)
            .filter(|k| k.table == table && k.row == row)
            .map(|k| k.key)
            .collect()
    }

    /// The keys of one table of a template, in template order (row by row, each row's
    /// columns in order).
    pub fn table_keys(&self, template: Template, table: Table) -> Vec<KeyId> {
        self.keys(template)
            .filter(|k| k.table == table)
            .map(|k| k.key)
            .collect()
    }

    /// The rows of one table of a template (`new_received`, `carried_in` …), in template order.
    pub fn rows(&self, template: Template, table: Table) -> Vec<&'static str> {
        let mut rows: Vec<&'static str> = Vec::new();
        for k in self.keys(template).filter(|k| k.table == table) {
            if !rows.contains(&k.row) {
                rows.push(k.row);
            }
        }
        rows
    }

    /// The keys of one template, in the order of keys.tsv.
    pub fn keys(&self, template: Template) -> impl Iterator<Item = &KeyDef> {
        self.keys.iter().filter(move |k| k.template == template)
    }

    /// Look a key up by template and id (`t3.new_received.total`).
    pub fn key_in(&self, template: Template, id: &str) -> Option<&KeyDef> {
        let key = self.key_id(id)?;
        self.keys(template).find(|k| k.key == key)
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
            if k.table == Table::T3 && is_other_sub_row(k.row) {
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
        self.key_in(Template::V2021, id)
            .or_else(|| self.key_in(Template::V2019, id))
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
    fn vocabulary_pairs_count_the_template_words_of_a_text() {
        let s = schema();
        assert_eq!(s.vocabulary_pairs("本年新收政府信息公开申请数量"), 13);
        assert_eq!(s.vocabulary_pairs("政府信息 政府信息"), 3);
        // Tesseract's reading of a table page printed upside down.
        assert_eq!(
            s.vocabulary_pairs("镍〈妆)委淮十二舰示皇扶郊世焉朗者设枉新韦事站闻骨"),
            0
        );
    }

    #[test]
    fn key_ids_read_and_write_their_strings() {
        let s = schema();
        let all = s.all_key_ids();
        assert_eq!(s.ids.len(), all.len());
        for id in &all {
            let k = s.key_id(id).unwrap();
            assert_eq!(s.key(k), id);
            assert_eq!(
                format!("{}.{}.{}", k.table().as_str(), k.row(), k.col()),
                *id
            );
            assert_eq!(s.key_at(k.table(), k.row(), k.col()), Some(k));
        }
        let a = s.key_id("t3.carried_in.total").unwrap();
        let b = s.key_id("t3.new_received.total").unwrap();
        assert!(a < b, "key ids order like their strings");
        assert_eq!(s.key_id("t3.nothing.total"), None);
        assert_eq!(s.def(b).map(|d| d.col_label), Some("总计"));
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(json, "\"t3.new_received.total\"");
        assert_eq!(serde_json::from_str::<KeyId>(&json).unwrap(), b);
        assert!(serde_json::from_str::<KeyId>("\"t9.x.y\"").is_err());
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
