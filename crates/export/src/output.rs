//! Atomic output: every file is written under a temporary name (`.NAME.xxgk-tmp`) in the output
//! folder and renamed over `NAME` only when the whole run succeeded, so an interrupted run never
//! leaves a half-written CSV posing as a result. Scratch files (the pre-audit reports and
//! findings) live next to them and are removed at the end. CSV helpers (RFC 4180, CRLF, optional
//! UTF-8 BOM) are here too.
//!
//! **A run owns its folder.** At commit the run also writes a manifest ([`MANIFEST`]) naming
//! every file it wrote, and removes the files of an earlier run that this run did not write
//! (only our own names: [`OWN_FILES`], and a workbook in the folder that an earlier manifest
//! names); anything else is left alone. While a run writes, a lock file ([`LOCK`]) keeps a second run
//! out of the same folder.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The manifest of a run: which files it wrote (and, for a shard, which shard it was).
pub const MANIFEST: &str = "xxgk-run.json";
/// The lock file of a run in progress.
pub const LOCK: &str = ".xxgk.lock";
/// The folder of Tesseract's answers ([`xxgk_ingest::ocr::cache`]): a scan read again (by
/// `xxgk review`, or a second extract into the folder) is not recognised again. Not an output:
/// no run removes it, and it may be deleted at any time.
pub const OCR_CACHE: &str = "ocr-cache";
/// The file names a run may write into its folder.
pub const OWN_FILES: [&str; 8] = [
    "reports.csv",
    "values.csv",
    "findings.csv",
    "wide.csv",
    "codebook.csv",
    "reports.jsonl",
    "records.jsonl",
    MANIFEST,
];

/// What [`MANIFEST`] holds.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub tool: String,
    pub version: String,
    /// Files written, as given (names inside the folder, or paths outside it).
    pub files: Vec<String>,
    /// `K/N` when the run was one shard of N.
    #[serde(default)]
    pub shard: Option<String>,
}

impl Manifest {
    /// The manifest of an output folder, if it has one that parses.
    pub fn read(dir: &Path) -> Option<Manifest> {
        let text = fs::read_to_string(dir.join(MANIFEST)).ok()?;
        serde_json::from_str(&text).ok()
    }
}

/// Files being written for one run.
pub(crate) struct Staging {
    /// `(temporary, final)` pairs renamed by [`Staging::commit`].
    outputs: Vec<(PathBuf, PathBuf)>,
    scratch: Vec<PathBuf>,
    dir: PathBuf,
    /// Written into the manifest.
    pub shard: Option<String>,
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
            shard: None,
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

    /// Rename every output into place, write the manifest, remove what an earlier run left
    /// that this one did not write, and remove the scratch files.
    pub fn commit(mut self) -> io::Result<()> {
        let previous = Manifest::read(&self.dir);
        let mut written: Vec<String> = Vec::new();
        for (_, dest) in &self.outputs {
            let name = match dest.parent() {
                Some(p) if p == self.dir => dest
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                _ => dest.display().to_string(),
            };
            written.push(name);
        }
        written.push(MANIFEST.to_string());
        let manifest = Manifest {
            tool: "xxgk".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            files: written.clone(),
            shard: self.shard.clone(),
        };
        let mtmp = self.dir.join(format!(".{MANIFEST}.xxgk-tmp"));
        fs::write(&mtmp, serde_json::to_vec_pretty(&manifest)?)?;
        self.outputs.push((mtmp, self.dir.join(MANIFEST)));
        for (tmp, dest) in std::mem::take(&mut self.outputs) {
            fs::rename(&tmp, &dest)?;
        }
        // Stale outputs of an earlier run: our own names only.
        let mut stale: Vec<PathBuf> = OWN_FILES
            .iter()
            .filter(|n| !written.iter().any(|w| w == *n))
            .map(|n| self.dir.join(n))
            .collect();
        // A workbook the previous run wrote inside this folder (never one outside it).
        if let Some(prev) = previous {
            for f in prev.files {
                let inside = Path::new(&f).components().count() == 1;
                if inside && f.ends_with(".xlsx") && !written.contains(&f) {
                    stale.push(self.dir.join(&f));
                }
            }
        }
        for p in stale {
            if p.is_file() {
                fs::remove_file(&p)?;
            }
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

/// The lock of an output folder, removed when dropped.
#[derive(Debug)]
pub struct Lock(PathBuf);

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// Why a folder could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another run (this process id) holds it.
    Busy(u32),
    Io(io::Error),
}

/// Take the lock of an output folder (which must exist). A lock left by a run that no longer
/// exists (killed) is taken over, where that can be told (`/proc`).
pub fn lock(dir: &Path) -> Result<Lock, LockError> {
    let path = dir.join(LOCK);
    for _ in 0..2 {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(std::process::id().to_string().as_bytes())
                    .map_err(LockError::Io)?;
                return Ok(Lock(path));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let pid: u32 = fs::read_to_string(&path)
                    .ok()
                    .and_then(|t| t.trim().parse().ok())
                    .unwrap_or(0);
                let proc_fs = Path::new("/proc/self").exists();
                let alive = !proc_fs || Path::new(&format!("/proc/{pid}")).exists();
                if pid == 0 || alive {
                    return Err(LockError::Busy(pid));
                }
                // Left by a run that was killed: take it over.
                fs::remove_file(&path).map_err(LockError::Io)?;
            }
            Err(e) => return Err(LockError::Io(e)),
        }
    }
    Err(LockError::Busy(0))
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
