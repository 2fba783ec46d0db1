//! 7z archives of reports (`sevenz-rust2`, pure Rust: LZMA, LZMA2, deflate), read as zips are
//! ([`crate::archive`]): the same member limits, nesting depth and report ids
//! (`archive.7z!member`). A solid archive's members share one compressed block, so the
//! expansion ratio is taken against the whole archive's size. Encrypted archives say that a
//! password is needed; the decoder's dictionary is capped at [`MAX_DICTIONARY_KB`].

use crate::archive::{accept, full, skipped_name, Entry, Flow, Member, MAX_MEMBER};
use crate::IngestError;
use sevenz_rust2::{ArchiveReader, EntryDecision, Password};
use std::io::{Cursor, Read};

/// The first bytes of a 7z archive.
pub const MAGIC: &[u8] = b"7z\xBC\xAF\x27\x1C";
/// Largest LZMA dictionary and header buffer accepted (7-Zip's "ultra" uses 64 MB).
pub const MAX_DICTIONARY_KB: usize = 256 * 1024;

fn open(bytes: &[u8]) -> Result<ArchiveReader<Cursor<&[u8]>>, IngestError> {
    let mut reader = ArchiveReader::new_with_memory_limit(
        Cursor::new(bytes),
        Password::empty(),
        MAX_DICTIONARY_KB,
    )
    .map_err(problem)?;
    reader.set_thread_count(1);
    Ok(reader)
}

fn encrypted() -> IngestError {
    IngestError::failed(
        "encrypted 7z archive (password protected): extract it with the password first",
    )
}

fn problem(e: sevenz_rust2::Error) -> IngestError {
    match e {
        sevenz_rust2::Error::PasswordRequired => encrypted(),
        // AES is not built in: an encrypted archive shows as its method.
        sevenz_rust2::Error::UnsupportedCompressionMethod(m) if m.starts_with("AES") => {
            encrypted()
        }
        sevenz_rust2::Error::UnsupportedCompressionMethod(m) => IngestError::failed(format!(
            "7z archive compressed with {m}, which xxgk does not read (LZMA, LZMA2, deflate): extract it first with 7z"
        )),
        e => IngestError::failed(format!("7z archive cannot be read: {e}")),
    }
}

/// Every member of a 7z archive into `out` (see [`crate::archive::members`]).
pub(crate) fn expand(
    bytes: &[u8],
    prefix: &str,
    depth: usize,
    out: &mut Vec<Member>,
    total: &mut u64,
) -> Result<(), IngestError> {
    let mut reader = open(bytes)?;
    let packed = bytes.len() as u64;
    let result = reader.for_each_entries_with_decision(|entry, data| {
        if entry.is_directory || skipped_name(&entry.name) || !entry.has_stream {
            return Ok(EntryDecision::Continue);
        }
        if full(out, prefix) || xxgk_model::budget::expired() {
            return Ok(EntryDecision::Stop);
        }
        let e = Entry {
            name: format!("{prefix}{}", entry.name),
            size: entry.size,
            packed,
        };
        let before = out.len();
        let flow = accept(e, data, depth, out, total);
        // A refused member is left undecoded: the rest of its block is not read either.
        let refused = out.len() > before && out[before..].iter().any(|m| m.bytes.is_err());
        Ok(match flow {
            Flow::Stop => EntryDecision::Stop,
            Flow::Next if refused => EntryDecision::SkipBlock,
            Flow::Next => EntryDecision::Continue,
        })
    });
    result.map_err(problem)
}

/// One member's bytes by name, with the same limits (only the blocks before it are decoded).
pub(crate) fn member(bytes: &[u8], name: &str) -> Result<Vec<u8>, IngestError> {
    let mut reader = open(bytes)?;
    let mut found: Option<Result<Vec<u8>, IngestError>> = None;
    let result = reader.for_each_entries_with_decision(|entry, data| {
        if entry.name != name || entry.is_directory {
            return Ok(EntryDecision::Continue);
        }
        found = Some(if entry.size > MAX_MEMBER {
            Err(IngestError::failed(format!(
                "archive member would expand to {} bytes (limit {MAX_MEMBER}): refused",
                entry.size
            )))
        } else {
            let mut out = Vec::new();
            match data.take(MAX_MEMBER + 1).read_to_end(&mut out) {
                Ok(_) if out.len() as u64 <= MAX_MEMBER => Ok(out),
                Ok(_) => Err(IngestError::failed(
                    "archive member expands past its limit: refused",
                )),
                Err(e) => Err(IngestError::failed(format!(
                    "archive member is damaged: {e}"
                ))),
            }
        });
        Ok(EntryDecision::Stop)
    });
    match found {
        Some(r) => r,
        None => {
            result.map_err(problem)?;
            Err(IngestError::failed(format!(
                "7z archive has no member {name}"
            )))
        }
    }
}
