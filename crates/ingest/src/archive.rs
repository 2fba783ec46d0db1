//! Zip and 7z archives of reports: the members, read as if they were files of the folder (the
//! batch gives each the report id `archive.zip!member`). An archive inside is opened too, down to
//! [`MAX_DEPTH`] levels (`a.zip!b.zip!c.doc`). Bounded as the DOCX reader is: at most
//! [`MAX_MEMBERS`] members, each at most [`MAX_MEMBER`] bytes and [`MAX_RATIO`] times its
//! compressed size, [`MAX_TOTAL`] bytes in all. Member names not marked UTF-8 are decoded as
//! GB18030 when they are not valid UTF-8 (zips made on Chinese Windows). Folders, `__MACOSX/`
//! and hidden files are skipped. 7z archives are read by [`crate::sevenz`] with the same limits;
//! RAR archives are not read (no pure-Rust reader): the message says to extract them first.

use crate::IngestError;
use std::io::{Cursor, Read};

/// Nesting depth: a zip in a zip is opened, a zip in that one is not.
pub const MAX_DEPTH: usize = 2;
pub const MAX_MEMBERS: usize = 1000;
pub const MAX_MEMBER: u64 = 64 * 1024 * 1024;
pub const MAX_TOTAL: u64 = 512 * 1024 * 1024;
/// Largest expansion ratio of one member (zip bombs compress far better).
pub const MAX_RATIO: u64 = 200;

/// One member: its path inside the archive (nested archives joined by `!`) and its bytes, or
/// why it was not read.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub bytes: Result<Vec<u8>, IngestError>,
}

/// Whether bytes are a zip that is an archive of files (not a DOCX, ODT or XLSX), or a 7z.
pub fn is_archive(bytes: &[u8]) -> bool {
    crate::sniff::sniff(bytes) == xxgk_model::Format::Zip
}

/// The members of a zip archive, in the archive's order.
pub fn members(bytes: &[u8]) -> Result<Vec<Member>, IngestError> {
    let mut out = Vec::new();
    let mut total = 0u64;
    expand(bytes, "", 1, &mut out, &mut total)?;
    Ok(out)
}

/// One member's bytes by its name as [`members`] gives it (`dir/a.doc`, `inner.zip!b.doc`),
/// with the same limits; only that member is decompressed.
pub fn member(bytes: &[u8], name: &str) -> Result<Vec<u8>, IngestError> {
    let (outer, rest) = match name.split_once('!') {
        Some((o, r)) => (o, Some(r)),
        None => (name, None),
    };
    if bytes.starts_with(crate::sevenz::MAGIC) {
        let data = crate::sevenz::member(bytes, outer)?;
        return match rest {
            Some(r) => member(&data, r),
            None => Ok(data),
        };
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| IngestError::failed(format!("not a readable zip archive: {e}")))?;
    let index = (0..zip.len())
        .find(|&i| {
            zip.by_index_raw(i)
                .is_ok_and(|f| decode_name(f.name_raw()) == outer)
        })
        .ok_or_else(|| IngestError::failed(format!("zip archive has no member {outer}")))?;
    let mut file = zip
        .by_index(index)
        .map_err(|e| IngestError::failed(format!("zip member cannot be read: {e}")))?;
    let size = file.size();
    if size > MAX_MEMBER {
        return Err(IngestError::failed(format!(
            "zip member would expand to {size} bytes (limit {MAX_MEMBER}): refused"
        )));
    }
    let mut data = Vec::new();
    (&mut file)
        .take(MAX_MEMBER + 1)
        .read_to_end(&mut data)
        .map_err(|e| IngestError::failed(format!("zip member is damaged: {e}")))?;
    if data.len() as u64 > MAX_MEMBER {
        return Err(IngestError::failed(
            "zip member expands past its limit: refused",
        ));
    }
    drop(file);
    match rest {
        Some(r) => member(&data, r),
        None => Ok(data),
    }
}

fn decode_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(raw).0.into_owned(),
    }
}

fn expand(
    bytes: &[u8],
    prefix: &str,
    depth: usize,
    out: &mut Vec<Member>,
    total: &mut u64,
) -> Result<(), IngestError> {
    if bytes.starts_with(crate::sevenz::MAGIC) {
        return crate::sevenz::expand(bytes, prefix, depth, out, total);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| IngestError::failed(format!("not a readable zip archive: {e}")))?;
    for i in 0..zip.len() {
        if full(out, prefix) {
            return Ok(());
        }
        let mut file = match zip.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                out.push(Member {
                    name: format!("{prefix}#{i}"),
                    bytes: Err(IngestError::failed(format!(
                        "zip member cannot be read: {e}"
                    ))),
                });
                continue;
            }
        };
        let name = decode_name(file.name_raw());
        if file.is_dir() || skipped_name(&name) {
            continue;
        }
        let entry = Entry {
            name: format!("{prefix}{name}"),
            size: file.size(),
            packed: file.compressed_size(),
        };
        if accept(entry, &mut file, depth, out, total) == Flow::Stop {
            return Ok(());
        }
    }
    Ok(())
}

/// Whether the member list is full (then a last member says so).
pub(crate) fn full(out: &mut Vec<Member>, prefix: &str) -> bool {
    if out.len() < MAX_MEMBERS {
        return false;
    }
    out.push(Member {
        name: format!("{prefix}…"),
        bytes: Err(IngestError::failed(format!(
            "archive holds more than {MAX_MEMBERS} members: the rest are not read"
        ))),
    });
    true
}

/// Folders' leftovers that are not members: `__MACOSX/`, hidden files, empty names.
pub(crate) fn skipped_name(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or("");
    name.starts_with("__MACOSX/") || base.is_empty() || base.starts_with('.')
}

/// A member as its archive declares it.
pub(crate) struct Entry {
    /// Full name (nested archives joined by `!`).
    pub name: String,
    /// Declared expanded size.
    pub size: u64,
    /// Compressed size (for a solid 7z block: the whole archive's size).
    pub packed: u64,
}

#[derive(PartialEq, Eq)]
pub(crate) enum Flow {
    Next,
    Stop,
}

/// One member: checked against the limits by its declared sizes, read from `data` at most
/// [`MAX_MEMBER`] bytes, then kept, or opened when it is itself an archive.
pub(crate) fn accept(
    entry: Entry,
    data: &mut dyn Read,
    depth: usize,
    out: &mut Vec<Member>,
    total: &mut u64,
) -> Flow {
    let Entry { name, size, packed } = entry;
    let refuse = |why: String| Member {
        name: name.clone(),
        bytes: Err(IngestError::failed(why)),
    };
    if size > MAX_MEMBER {
        out.push(refuse(format!(
            "archive member would expand to {size} bytes (limit {MAX_MEMBER}): refused"
        )));
        return Flow::Next;
    }
    if size / packed.max(1) > MAX_RATIO && size > 1024 * 1024 {
        out.push(refuse(format!(
            "archive member expands {}x (limit {MAX_RATIO}x): refused as a possible zip bomb",
            size / packed.max(1)
        )));
        return Flow::Next;
    }
    if *total + size > MAX_TOTAL {
        out.push(refuse(format!(
            "archive expands past {MAX_TOTAL} bytes in all: the rest is not read"
        )));
        return Flow::Stop;
    }
    let mut bytes = Vec::new();
    if let Err(e) = data.take(MAX_MEMBER + 1).read_to_end(&mut bytes) {
        out.push(refuse(format!("archive member is damaged: {e}")));
        return Flow::Next;
    }
    if bytes.len() as u64 > size.max(MAX_MEMBER) {
        out.push(refuse(
            "archive member expands past its declared size: refused".into(),
        ));
        return Flow::Next;
    }
    *total += bytes.len() as u64;
    if is_archive(&bytes) {
        if depth >= MAX_DEPTH {
            out.push(refuse(format!(
                "archive nested deeper than {MAX_DEPTH} levels: not opened"
            )));
        } else if let Err(e) = expand(&bytes, &format!("{name}!"), depth + 1, out, total) {
            out.push(refuse(e.message));
        }
        return Flow::Next;
    }
    out.push(Member {
        name,
        bytes: Ok(bytes),
    });
    Flow::Next
}
