//! What the parser makes of one input file.

use crate::cell::Cell;
use crate::document::Format;
use crate::schema::{schema, KeyDef, KeyId, Table, Template};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The outcome of one file, as written in reports.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// All template cells found.
    Ok,
    /// Some cells absent (`message` names what is missing).
    Partial,
    /// A pre-2019 report: no standard tables.
    Legacy,
    /// Not a report, or no usable text layer.
    Unsupported,
    /// Unreadable; `message` says why.
    Failed,
    /// Obviously not a document (data, source code, notes, by extension): not read; `message`
    /// says why.
    Skipped,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::Legacy => "legacy",
            Status::Unsupported => "unsupported",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "ok" => Status::Ok,
            "partial" => Status::Partial,
            "legacy" => Status::Legacy,
            "unsupported" => Status::Unsupported,
            "failed" => Status::Failed,
            "skipped" => Status::Skipped,
            _ => return None,
        })
    }
}

/// Facts about the report as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Meta {
    /// The reporting body as named in the title.
    pub agency: Option<String>,
    /// The data year.
    pub year: Option<u16>,
    pub template: Option<Template>,
    pub format: Option<Format>,
    /// Page count (PDF).
    pub pages: Option<u32>,
    /// The page title a crawler's metadata block recorded (text dumps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_title: Option<String>,
    /// The publication date the crawler recorded, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The page's address the crawler recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A numbered section of the report (一 … 六) with its prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// 1 … 6.
    pub number: u8,
    pub heading: String,
    /// The prose of the section, lines joined with `\n` (tables excluded where they were recognised).
    pub text: String,
}

/// One input file, read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The file's path relative to the input folder it was found under (the join key).
    pub report: String,
    pub meta: Meta,
    pub status: Status,
    /// Empty when `ok`; otherwise one line a person can act on.
    pub message: String,
    /// Template cells by key `table.row.col` (e.g. `t3.new_received.total`). The map is keyed
    /// by the id string because it is the edge every writer and reader of a report sees (CSV,
    /// JSON, the Python binding); code inside the crates reads it by [`KeyId`] through
    /// [`Report::cell_at`] and [`Report::cell_at_mut`].
    pub cells: BTreeMap<String, Cell>,
    /// A v2021 report printing （六）其他处理 as one data row: key `t3.other.*` replaces the three
    /// sub-rows.
    pub single_other: bool,
    pub sections: Vec<Section>,
    /// Rows a table printed that the template does not have (a 表二 row `行政确认` added by the
    /// body): not read into any cell, kept so the audit can say so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unlisted_rows: Vec<UnlistedRow>,
}

/// A row a table printed, with values, whose label is no row of the template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnlistedRow {
    pub table: Table,
    /// The row's label as printed.
    pub label: String,
    /// Its values as printed, left to right.
    pub values: Vec<String>,
}

impl Report {
    /// An empty report with a status and a message (for files that are not read further).
    pub fn with_status(
        report: impl Into<String>,
        status: Status,
        message: impl Into<String>,
    ) -> Report {
        Report {
            report: report.into(),
            meta: Meta::default(),
            status,
            message: message.into(),
            cells: BTreeMap::new(),
            single_other: false,
            sections: Vec::new(),
            unlisted_rows: Vec::new(),
        }
    }

    /// The keys this report must have: those of its template (with the single-（六） variant applied).
    pub fn expected_keys(&self) -> Vec<&'static KeyDef> {
        match self.meta.template {
            Some(t @ (Template::V2019 | Template::V2021)) => {
                schema().expected_keys(t, self.single_other)
            }
            _ => Vec::new(),
        }
    }

    /// The cell for a key id, `None` when the key is not part of this report.
    pub fn cell(&self, id: &str) -> Option<&Cell> {
        self.cells.get(id)
    }

    /// The cell of a key, `None` when the key is not part of this report.
    pub fn cell_at(&self, key: KeyId) -> Option<&Cell> {
        self.cells.get(key.as_str())
    }

    /// The cell of a key, to change it.
    pub fn cell_at_mut(&mut self, key: KeyId) -> Option<&mut Cell> {
        self.cells.get_mut(key.as_str())
    }

    /// The cells by key id, in key order.
    pub fn keyed_cells(&self) -> impl Iterator<Item = (KeyId, &Cell)> {
        self.cells
            .iter()
            .filter_map(|(k, c)| Some((schema().key_id(k)?, c)))
    }

    /// Set the cell of a key.
    pub fn set_cell(&mut self, key: KeyId, cell: Cell) {
        self.cells.insert(key.as_str().to_string(), cell);
    }

    /// Number of expected keys whose cell was found (flag other than absent).
    pub fn cells_found(&self) -> usize {
        self.expected_keys()
            .iter()
            .filter(|k| self.cell_at(k.key_id()).is_some_and(|c| c.is_found()))
            .count()
    }

    pub fn cells_expected(&self) -> usize {
        self.expected_keys().len()
    }
}
