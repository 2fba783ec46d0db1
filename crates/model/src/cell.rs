//! One value of a template cell, with where and how it was read.

use crate::flag::Flag;
use serde::{Deserialize, Serialize};

/// A box in PDF points, origin at the page's top-left corner, y growing downwards.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct BBox {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl BBox {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        BBox { x0, y0, x1, y1 }
    }

    /// The smallest box holding both.
    pub fn union(&self, other: &BBox) -> BBox {
        BBox {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn center_x(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    pub fn center_y(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }

    /// `x0 y0 x1 y1`, one decimal, as written in values.csv.
    pub fn to_field(&self) -> String {
        format!(
            "{:.1} {:.1} {:.1} {:.1}",
            self.x0, self.y0, self.x1, self.y1
        )
    }
}

/// A template cell as read from a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Normalised number (no separators, `+` dropped); empty unless `flag` is number or uncertain.
    pub value: String,
    pub flag: Flag,
    /// The cell's text as it appears in the document.
    pub raw: String,
    /// 1-based page (PDF only).
    pub page: Option<u32>,
    /// Where it was read (PDF only).
    pub bbox: Option<BBox>,
    /// Tesseract's confidence (0–100) in the reading, for cells read by OCR; `None` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<f32>,
}

impl Cell {
    /// A cell the document does not contain.
    pub fn absent() -> Cell {
        Cell {
            value: String::new(),
            flag: Flag::Absent,
            raw: String::new(),
            page: None,
            bbox: None,
            ocr_confidence: None,
        }
    }

    /// A cell printed empty, on `page`.
    pub fn blank(page: Option<u32>) -> Cell {
        Cell {
            flag: Flag::Blank,
            page,
            ..Cell::absent()
        }
    }

    /// Classify printed text (see [`crate::text::classify_value`]).
    /// Returns `None` when the text is not a cell value (e.g. a label).
    pub fn from_raw(raw: &str) -> Option<Cell> {
        let (flag, value) = crate::text::classify_value(raw)?;
        Some(Cell {
            value,
            flag,
            raw: raw.trim().to_string(),
            page: None,
            bbox: None,
            ocr_confidence: None,
        })
    }

    pub fn with_position(mut self, page: Option<u32>, bbox: Option<BBox>) -> Cell {
        self.page = page;
        self.bbox = bbox;
        self
    }

    /// The numeric value, when one was printed (number or uncertain).
    pub fn number(&self) -> Option<f64> {
        match self.flag {
            Flag::Number | Flag::Uncertain => self.value.parse().ok(),
            _ => None,
        }
    }

    pub fn is_found(&self) -> bool {
        self.flag != Flag::Absent
    }
}
