//! Atomic output: every file is written under a temporary name (`.NAME.xxgk-tmp`) in the output
//! folder and renamed over `NAME` only when the whole run succeeded, so an interrupted run never
//! leaves a half-written CSV posing as a result. Scratch files (the pre-audit reports and
//! findings) live next to them and are removed at the end. CSV helpers (RFC 4180, CRLF, optional
//! UTF-8 BOM) are here too.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Files being written for one run.
pub(crate) struct Staging {
    /// `(temporary, final)` pairs renamed by [`Staging::commit`].
    outputs: Vec<(PathBuf, PathBuf)>,
    scratch: Vec<PathBuf>,
    dir: PathBuf,
}

fn temp_name(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dest.with_file_name(format!(".{name}.xxgk-tmp"))
}

impl Staging {
    /// Create the output folder if needed.
    pub fn new(dir: &Path) -> io::Result<Staging> {
        fs::create_dir_all(dir)?;
        Ok(Staging {
            outputs: Vec::new(),
            scratch: Vec::new(),
            dir: dir.to_path_buf(),
        })
    }

    /// A file that becomes `dir/name` at commit.
    pub fn output(&mut self, name: &str) -> io::Result<File> {
        let dest = self.dir.join(name);
        self.output_at(&dest)
    }

    /// A file that becomes `dest` at commit (any folder).
    pub fn output_at(&mut self, dest: &Path) -> io::Result<File> {
        let tmp = temp_name(dest);
        let f = File::create(&tmp)?;
        self.outputs.push((tmp, dest.to_path_buf()));
        Ok(f)
    }

    /// The temporary path of an output registered earlier.
    pub fn temp_of(&self, name: &str) -> Option<PathBuf> {
        let dest = self.dir.join(name);
        self.outputs
            .iter()
            .find(|(_, d)| *d == dest)
            .map(|(t, _)| t.clone())
    }

    /// Register a temporary path written by someone else (the XLSX writer), renamed at commit.
    pub fn adopt(&mut self, dest: &Path) -> PathBuf {
        let tmp = temp_name(dest);
        self.outputs.push((tmp.clone(), dest.to_path_buf()));
        tmp
    }

    /// A scratch file, removed at the end.
    pub fn scratch(&mut self, name: &str) -> io::Result<(PathBuf, File)> {
        let path = self.dir.join(format!(".{name}.xxgk-scratch"));
        let f = File::create(&path)?;
        self.scratch.push(path.clone());
        Ok((path, f))
    }

    /// Rename every output into place and remove the scratch files.
    pub fn commit(mut self) -> io::Result<()> {
        for (tmp, dest) in std::mem::take(&mut self.outputs) {
            fs::rename(&tmp, &dest)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        for (tmp, _) in &self.outputs {
            let _ = fs::remove_file(tmp);
        }
        for s in &self.scratch {
            let _ = fs::remove_file(s);
        }
    }
}

pub(crate) type CsvOut = csv::Writer<BufWriter<File>>;

/// An RFC 4180 writer (CRLF line ends), with a UTF-8 BOM first when asked.
pub(crate) fn csv_out(file: File, bom: bool) -> io::Result<CsvOut> {
    let mut w = BufWriter::with_capacity(1 << 16, file);
    if bom {
        w.write_all(BOM)?;
    }
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w))
}

/// Flush a CSV writer, surfacing the error.
pub(crate) fn finish(w: CsvOut) -> io::Result<()> {
    let mut inner = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    inner.flush()
}

/// A reader that skips a leading UTF-8 BOM.
pub(crate) fn open_skip_bom(path: &Path) -> io::Result<BufReader<File>> {
    let mut r = BufReader::with_capacity(1 << 16, File::open(path)?);
    if r.fill_buf()?.starts_with(BOM) {
        r.consume(BOM.len());
    }
    Ok(r)
}

/// A CSV reader over one of our files (header row first, BOM skipped); Chinese headers
/// (`--headers zh`) read back as their English names.
pub(crate) fn csv_in(path: &Path) -> io::Result<csv::Reader<BufReader<File>>> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(open_skip_bom(path)?);
    if let Ok(h) = rdr.headers() {
        let english: csv::StringRecord = h.iter().map(crate::headers::to_english).collect();
        rdr.set_headers(english);
    }
    Ok(rdr)
}
