//! How a cell was printed: the flag every value carries. Its own module so that the text
//! helpers that classify printed values ([`crate::text::classify_value`]) and the cell that
//! holds one ([`crate::cell`]) both depend on it and not on each other.

use serde::{Deserialize, Serialize};

/// How a cell was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// A number was printed; `value` holds it normalised.
    Number,
    /// The cell exists and is printed empty. Never read as 0 here.
    Blank,
    /// Printed as a dash, slash, 无 and the like.
    Dash,
    /// The document does not contain this cell.
    Absent,
    /// `value` is the best reading but another reading fits as well; `raw` shows what was seen.
    Uncertain,
}

impl Flag {
    pub fn as_str(&self) -> &'static str {
        match self {
            Flag::Number => "number",
            Flag::Blank => "blank",
            Flag::Dash => "dash",
            Flag::Absent => "absent",
            Flag::Uncertain => "uncertain",
        }
    }

    pub fn parse(s: &str) -> Option<Flag> {
        Some(match s {
            "number" => Flag::Number,
            "blank" => Flag::Blank,
            "dash" => Flag::Dash,
            "absent" => Flag::Absent,
            "uncertain" => Flag::Uncertain,
            _ => return None,
        })
    }
}
