//! The cross-year audit without holding every report's record in memory.
//!
//! During a run each report's [`YearRecord`] (the cross-year cells and the R-1 fingerprints,
//! about 10 KB) is written as one JSON line to a spill file; only the distinct agency names stay
//! in memory. At the end, small runs load the records and call `xxgk_audit::cross_year` once.
//! Larger runs take the bodies from the audit ([`Bodies`], linked once over the whole run), split
//! the records into buckets by body (FNV-1a of the body name), and call `cross_year` bucket by
//! bucket, so at most one bucket is in memory. The audit says when that gives the same findings
//! ([`Bodies::same_alone`], checked for every bucket); if it does not hold, the records are
//! audited all at once instead. This module only moves records between files.

use crate::rows::finding_sort_key;
use crate::shard::fnv1a64;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use xxgk_audit::{Aliases, Bodies, YearRecord};
use xxgk_model::Finding;

/// Records per bucket (a bucket is loaded whole).
const BUCKET_RECORDS: usize = 2000;

/// Records being written to a spill file.
pub(crate) struct RecordSpill {
    path: PathBuf,
    w: BufWriter<File>,
    names: BTreeSet<String>,
    count: usize,
}

/// A finished spill file.
pub(crate) struct Spilled {
    pub path: PathBuf,
    names: BTreeSet<String>,
    count: usize,
}

impl RecordSpill {
    pub fn new(path: PathBuf, file: File) -> RecordSpill {
        RecordSpill {
            path,
            w: BufWriter::new(file),
            names: BTreeSet::new(),
            count: 0,
        }
    }

    pub fn push(&mut self, r: &YearRecord) -> io::Result<()> {
        serde_json::to_writer(&mut self.w, r)?;
        self.w.write_all(b"\n")?;
        if !self.names.contains(&r.agency) {
            self.names.insert(r.agency.clone());
        }
        self.count += 1;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<Spilled> {
        self.w.flush()?;
        Ok(Spilled {
            path: self.path,
            names: self.names,
            count: self.count,
        })
    }
}

fn load(path: &Path) -> io::Result<Vec<YearRecord>> {
    let mut out = Vec::new();
    for line in BufReader::new(File::open(path)?).lines() {
        out.push(serde_json::from_str(&line?).map_err(io::Error::other)?);
    }
    Ok(out)
}

/// Bucket files, removed when dropped.
struct Buckets(Vec<PathBuf>);

impl Drop for Buckets {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Run the cross-year rules over spilled records; bucket files go to `dir`. Findings sorted.
pub(crate) fn cross_year(sp: &Spilled, aliases: &Aliases, dir: &Path) -> io::Result<Vec<Finding>> {
    let mut out = if sp.count <= BUCKET_RECORDS {
        xxgk_audit::cross_year(&load(&sp.path)?, aliases)
    } else {
        match bucketed(sp, aliases, dir)? {
            Some(f) => f,
            None => xxgk_audit::cross_year(&load(&sp.path)?, aliases),
        }
    };
    out.sort_by_cached_key(finding_sort_key);
    Ok(out)
}

fn bucketed(sp: &Spilled, aliases: &Aliases, dir: &Path) -> io::Result<Option<Vec<Finding>>> {
    let names: Vec<&str> = sp.names.iter().map(String::as_str).collect();
    let bodies = Bodies::link(&names, aliases);
    let n = sp.count.div_ceil(BUCKET_RECORDS);
    let buckets = Buckets(
        (0..n)
            .map(|i| dir.join(format!(".records-{i}.xxgk-scratch")))
            .collect(),
    );
    let mut writers = buckets
        .0
        .iter()
        .map(|p| File::create(p).map(BufWriter::new))
        .collect::<io::Result<Vec<_>>>()?;
    for line in BufReader::new(File::open(&sp.path)?).lines() {
        let line = line?;
        let rec: YearRecord = serde_json::from_str(&line).map_err(io::Error::other)?;
        let body = bodies.get(&rec.agency).unwrap_or(&rec.agency);
        let b = (fnv1a64(body.as_bytes()) % n as u64) as usize;
        if let Some(w) = writers.get_mut(b) {
            w.write_all(line.as_bytes())?;
            w.write_all(b"\n")?;
        }
    }
    for w in &mut writers {
        w.flush()?;
    }
    drop(writers);
    let mut out = Vec::new();
    for p in &buckets.0 {
        let recs = load(p)?;
        let bnames: BTreeSet<&str> = recs.iter().map(|r| r.agency.as_str()).collect();
        let bnames: Vec<&str> = bnames.into_iter().collect();
        if !bodies.same_alone(&bnames, aliases) {
            return Ok(None);
        }
        out.extend(xxgk_audit::cross_year(&recs, aliases));
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use xxgk_model::{Cell, Template};

    fn record(
        report: &str,
        agency: &str,
        year: u16,
        carried_in: &str,
        carried_out: &str,
    ) -> YearRecord {
        let mut cells = BTreeMap::new();
        let num = |v: &str| Cell::from_raw(v).unwrap();
        let key = |id| xxgk_model::schema().key_id(id).unwrap();
        cells.insert(key("t3.carried_in.total"), num(carried_in));
        cells.insert(key("t3.carried_out.total"), num(carried_out));
        YearRecord {
            report: report.into(),
            agency: agency.into(),
            year,
            template: Template::V2021,
            cells,
            fingerprints: Vec::new(),
        }
    }

    /// Many bodies with a break between years in some: bucketed and all-at-once agree.
    #[test]
    fn buckets_give_the_same_findings_as_one_call() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.jsonl");
        let mut spill = RecordSpill::new(path.clone(), File::create(&path).unwrap());
        let mut all = Vec::new();
        for body in 0..1500 {
            let agency = format!("第{body}县人民政府");
            for year in [2022u16, 2023] {
                let out = if body % 7 == 0 { "9" } else { "5" };
                let r = record(&format!("{body:04}-{year}.pdf"), &agency, year, "5", out);
                spill.push(&r).unwrap();
                all.push(r);
            }
        }
        let sp = spill.finish().unwrap();
        assert_eq!(sp.count, 3000);
        let bucketed = bucketed(&sp, &Aliases::default(), dir.path())
            .unwrap()
            .unwrap();
        let mut once = xxgk_audit::cross_year(&all, &Aliases::default());
        let mut bucketed = bucketed;
        once.sort_by_cached_key(finding_sort_key);
        bucketed.sort_by_cached_key(finding_sort_key);
        assert!(!once.is_empty());
        assert_eq!(bucketed, once);
        assert_eq!(
            cross_year(&sp, &Aliases::default(), dir.path()).unwrap(),
            once
        );
        // The bucket files are gone.
        let left = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, 1);
    }
}
