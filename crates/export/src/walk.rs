//! Walking the inputs: files and folders given on the command line become a sorted list of
//! [`Input`]s with unique report ids, plus notes about what could not be walked.
//!
//! - A file given directly gets its file name as id; a file found under a folder gets its path
//!   relative to that folder, with `/` separators.
//! - Ids are made unique within a run: the first occurrence (in command-line order, then walk
//!   order) keeps its id, later ones get `#2`, `#3`, … appended (`a.pdf`, `a.pdf#2`).
//! - Symbolic links are followed; a link that points back to one of its ancestors (a loop) is
//!   skipped and noted. A folder that cannot be read is noted. A file that cannot be read, a
//!   broken link and a special file (FIFO, socket, device) each still become an [`Input`] whose
//!   `problem` says why, so that reports.csv has a `failed` row for it.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The report id (unique within the run).
    pub id: String,
    /// Where the bytes are.
    pub path: PathBuf,
    /// Why the file cannot be read at all, when that is known from walking.
    pub problem: Option<String>,
    /// A member of the zip archive at `path` (id `archive.zip!member`), see [`expand_archives`].
    pub member: Option<String>,
}

impl Input {
    /// The bare file name (a hint for the parser).
    pub fn file_name(&self) -> String {
        if let Some(m) = &self.member {
            return m.rsplit(['/', '!']).next().unwrap_or(m).to_string();
        }
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.id.clone())
    }
}

/// The walked inputs, sorted by id.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<Input>,
    /// Symlink loops and unreadable folders, one line each.
    pub notes: Vec<String>,
}

/// An input path that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingInput(pub PathBuf);

/// Walk the inputs. `skip` is a folder never to descend into (the output folder).
pub fn collect(paths: &[PathBuf], skip: Option<&Path>) -> Result<Inputs, MissingInput> {
    for p in paths {
        if fs::symlink_metadata(p).is_err() && fs::metadata(p).is_err() {
            return Err(MissingInput(p.clone()));
        }
    }
    let skip = skip.and_then(|s| fs::canonicalize(s).ok());
    let mut found: Vec<Input> = Vec::new();
    let mut notes = Vec::new();
    for p in paths {
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => walk_folder(p, skip.as_deref(), &mut found, &mut notes),
            Ok(m) => found.push(Input {
                id: direct_id(p),
                path: p.clone(),
                problem: special_file(&m),
                member: None,
            }),
            Err(e) => found.push(Input {
                id: direct_id(p),
                path: p.clone(),
                problem: Some(format!("cannot open: {}", describe_io(&e))),
                member: None,
            }),
        }
    }
    expand_archives(&mut found);
    make_unique(&mut found);
    found.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Inputs {
        files: found,
        notes,
    })
}

/// The folder a browser saves a web page's pictures and styles in (`page_files/` or
/// `page.files/` beside `page.html`/`page.htm`): read with the page, not as inputs.
fn is_page_files(dir: &Path) -> bool {
    let Some(name) = dir.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(stem) = name
        .strip_suffix("_files")
        .or_else(|| name.strip_suffix(".files"))
    else {
        return false;
    };
    ["html", "htm"]
        .iter()
        .any(|ext| dir.with_file_name(format!("{stem}.{ext}")).is_file())
}

fn walk_folder(root: &Path, skip: Option<&Path>, found: &mut Vec<Input>, notes: &mut Vec<String>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !(e.file_type().is_dir()
                && (skip.is_some_and(|s| fs::canonicalize(e.path()).is_ok_and(|c| c == s))
                    || is_page_files(e.path())))
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => {
                let problem = if e.file_type().is_file() {
                    None
                } else {
                    Some("not a regular file (FIFO, socket or device); skipped".to_string())
                };
                found.push(Input {
                    id: relative_id(root, e.path()),
                    path: e.path().to_path_buf(),
                    problem,
                    member: None,
                });
            }
            Err(err) => {
                let path = err.path().map(Path::to_path_buf);
                if let Some(ancestor) = err.loop_ancestor() {
                    notes.push(format!(
                        "symlink loop skipped: {} leads back to {}",
                        path.as_deref().unwrap_or(root).display(),
                        ancestor.display()
                    ));
                    continue;
                }
                let reason = err
                    .io_error()
                    .map(describe_io)
                    .unwrap_or_else(|| err.to_string());
                match path {
                    Some(p) if fs::metadata(&p).is_ok_and(|m| m.is_dir()) => notes.push(format!(
                        "cannot read folder {}: {reason}; its files are not in the output",
                        p.display()
                    )),
                    Some(p) if p != root => {
                        let broken = fs::symlink_metadata(&p).is_ok_and(|m| m.is_symlink())
                            && fs::metadata(&p).is_err();
                        found.push(Input {
                            id: relative_id(root, &p),
                            path: p,
                            problem: Some(if broken {
                                "broken symbolic link: its target does not exist".to_string()
                            } else {
                                format!("cannot open: {reason}")
                            }),
                            member: None,
                        });
                    }
                    Some(p) => notes.push(format!("cannot read {}: {reason}", p.display())),
                    None => notes.push(format!("cannot walk {}: {reason}", root.display())),
                }
            }
        }
    }
}

fn special_file(m: &fs::Metadata) -> Option<String> {
    (!m.is_file()).then(|| "not a regular file (FIFO, socket or device); skipped".to_string())
}

/// The id of a file given directly: its file name.
fn direct_id(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.to_string_lossy().into_owned())
}

/// The path relative to the folder it was found under, `/`-separated.
fn relative_id(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        direct_id(p)
    } else {
        parts.join("/")
    }
}

/// Zip archives of reports (not DOCX/ODT/XLSX, which are zips too) are replaced by their
/// members, each an input `archive.zip!member` read from the archive; a member that cannot be
/// taken out keeps the reason as its problem. An archive that does not list is kept as a file.
pub fn expand_archives(found: &mut Vec<Input>) {
    let mut out = Vec::with_capacity(found.len());
    for input in found.drain(..) {
        let listed = (input.problem.is_none() && input.member.is_none())
            .then(|| zip_members(&input.path))
            .flatten();
        match listed {
            Some(members) => out.extend(members.into_iter().map(|m| Input {
                id: format!("{}!{}", input.id, m.name),
                path: input.path.clone(),
                problem: m.bytes.err().map(|e| e.message),
                member: Some(m.name),
            })),
            None => out.push(input),
        }
    }
    *found = out;
}

/// The members of a zip or 7z archive file (at most 1 GB), or `None` when it is not one.
fn zip_members(path: &Path) -> Option<Vec<xxgk_ingest::archive::Member>> {
    let mut head = [0u8; 6];
    let mut f = fs::File::open(path).ok()?;
    std::io::Read::read_exact(&mut f, &mut head).ok()?;
    let archive = head.starts_with(b"PK\x03\x04") || head == xxgk_ingest::sevenz::MAGIC;
    if !archive || f.metadata().ok()?.len() > 1 << 30 {
        return None;
    }
    let bytes = fs::read(path).ok()?;
    if !xxgk_ingest::archive::is_archive(&bytes) {
        return None;
    }
    xxgk_ingest::archive::members(&bytes).ok()
}

/// First occurrence keeps its id; later ones get `#2`, `#3`, ….
fn make_unique(found: &mut [Input]) {
    let mut taken: HashSet<String> = found.iter().map(|i| i.id.clone()).collect();
    let mut seen: HashSet<String> = HashSet::new();
    for input in found.iter_mut() {
        if seen.insert(input.id.clone()) {
            continue;
        }
        let mut n = 2;
        let new_id = loop {
            let candidate = format!("{}#{n}", input.id);
            if !taken.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        taken.insert(new_id.clone());
        seen.insert(new_id.clone());
        input.id = new_id;
    }
}

/// An I/O error as a short phrase.
pub(crate) fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "not found".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(id: &str) -> Input {
        Input {
            member: None,
            id: id.to_string(),
            path: PathBuf::from(id),
            problem: None,
        }
    }

    #[test]
    fn duplicate_ids_get_numbered_suffixes() {
        let mut v = vec![
            input("a.pdf"),
            input("b.pdf"),
            input("a.pdf"),
            input("a.pdf#2"),
            input("a.pdf"),
        ];
        make_unique(&mut v);
        let ids: Vec<&str> = v.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a.pdf", "b.pdf", "a.pdf#3", "a.pdf#2", "a.pdf#4"]);
    }

    #[test]
    fn relative_ids_use_forward_slashes() {
        assert_eq!(
            relative_id(Path::new("in"), Path::new("in/2024/淮安.pdf")),
            "2024/淮安.pdf"
        );
        assert_eq!(direct_id(Path::new("x/y/z.txt")), "z.txt");
    }

    #[test]
    fn a_saved_pages_files_folder_is_not_walked() {
        let tmp = std::env::temp_dir().join(format!("xxgk-walk-files-{}", std::process::id()));
        fs::create_dir_all(tmp.join("报告_files")).unwrap();
        fs::create_dir_all(tmp.join("other_files")).unwrap();
        fs::write(tmp.join("报告.html"), "<p>x</p>").unwrap();
        fs::write(tmp.join("报告_files/1.png"), "p").unwrap();
        fs::write(tmp.join("other_files/2.png"), "p").unwrap();
        let ids: Vec<String> = collect(std::slice::from_ref(&tmp), None)
            .unwrap()
            .files
            .into_iter()
            .map(|i| i.id)
            .collect();
        fs::remove_dir_all(&tmp).unwrap();
        assert_eq!(ids, ["other_files/2.png", "报告.html"]);
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let r = collect(&[PathBuf::from("/nonexistent/xxgk/input")], None);
        assert!(r.is_err());
    }
}
