//! xxgk-model: the vocabulary every other crate speaks.
//!
//! It owns
//! - the template schema **as data** (`docs/spec/keys.tsv`, the project spec's, and `labels.tsv`,
//!   the Chinese label fragments that identify each row and column), exposed through [`schema`];
//! - the values read from a report ([`Cell`], [`Flag`], [`Report`], [`Meta`], [`Status`]);
//! - the equations that tie a template's cells together ([`rules`]) and the prose statements
//!   that restate table figures ([`prose`]), used by parser and audit;
//! - audit results ([`Finding`]);
//! - the per-file time budget that long loops check ([`budget`]);
//! - the one intermediate representation between ingest and parser ([`Document`]: pages of
//!   positioned lines and grids).
//!
//! It does no I/O and no parsing of documents.

pub mod budget;
pub mod cell;
pub mod document;
pub mod finding;
pub mod flag;
pub mod hash;
pub mod prose;
pub mod report;
pub mod rules;
pub mod schema;
pub mod text;

pub use cell::{BBox, Cell};
pub use document::{
    Block, Document, Format, Grid, GridCell, Line, OcrReading, Page, Segment, SegmentKind,
    SourceHints, Span,
};
pub use finding::{Finding, FindingStatus, Severity};
pub use flag::Flag;
pub use report::{Meta, Report, Section, Status, UnlistedRow};
pub use schema::{schema, KeyDef, KeyId, LabelDef, Schema, Table, Template};
