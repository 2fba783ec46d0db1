//! A strip: cell crops of one page stacked top to bottom with white padding, read by one
//! Tesseract run (one process per page and pass, not per cell); each crop gets back the words
//! whose middle falls inside it. Used by the digits pass ([`super::cells`]) and the labels pass
//! ([`super::labels`]).

use super::tesseract::{self, Word};
use crate::image::ops;
use crate::image::Gray;

/// One crop's place: the grid cell it came from and its rows in the strip.
pub(crate) struct Job {
    pub block: usize,
    pub row: usize,
    pub col: usize,
    top: usize,
    height: usize,
}

/// Crops collected for one run.
pub(crate) struct Strip {
    pad: usize,
    top: usize,
    jobs: Vec<Job>,
    crops: Vec<Gray>,
}

impl Strip {
    /// An empty strip whose crops sit `pad` pixels apart.
    pub fn new(pad: usize) -> Strip {
        Strip {
            pad,
            top: pad,
            jobs: Vec::new(),
            crops: Vec::new(),
        }
    }

    /// Add the crop of grid cell (`block`, `row`, `col`).
    pub fn push(&mut self, block: usize, row: usize, col: usize, crop: Gray) {
        let height = crop.height as usize;
        self.jobs.push(Job {
            block,
            row,
            col,
            top: self.top,
            height,
        });
        self.top += height + self.pad;
        self.crops.push(crop);
    }

    /// Read the strip with `run`; each crop's job with its words, top to bottom. Nothing to
    /// read (or a strip too large to allocate) gives no jobs.
    pub fn read(self, run: tesseract::Run) -> Result<Vec<(Job, Vec<Word>)>, String> {
        if self.jobs.is_empty() {
            return Ok(Vec::new());
        }
        let pad = self.pad;
        let width = self
            .crops
            .iter()
            .map(|c| c.width as usize)
            .max()
            .unwrap_or(0)
            + 2 * pad;
        let Some(mut strip) = Gray::white(width as u32, self.top as u32) else {
            return Ok(Vec::new());
        };
        for (job, crop) in self.jobs.iter().zip(&self.crops) {
            ops::paste(&mut strip, crop, pad, job.top);
        }
        let words = tesseract::words(&strip, run)?;
        Ok(self
            .jobs
            .into_iter()
            .map(|job| {
                let mine: Vec<Word> = words
                    .iter()
                    .filter(|w| {
                        let mid = w.top as usize + w.height as usize / 2;
                        mid >= job.top && mid < job.top + job.height
                    })
                    .cloned()
                    .collect();
                (job, mine)
            })
            .collect())
    }
}
