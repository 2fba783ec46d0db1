//! Fonts: how a shown string splits into codes, each code's CID, width and Unicode text.
//!
//! Parsed once per font object (the interpreter caches them by object id). Unicode comes from,
//! in order: the `ToUnicode` map; the font's own encoding (simple-font encodings and
//! `/Differences`, or a predefined Chinese CMap whose codes name the character); the Adobe-GB1
//! table when the CID system is Adobe-GB1; the embedded TrueType font's Unicode cmap, read
//! backwards. A code none of these maps is unknown: we never guess.

use super::cmap::{two_byte_code, CMap, Uni};
use super::gb1::{self, Predefined};
use super::limits;
use super::obj;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::cell::OnceCell;
use std::collections::HashMap;

/// How the bytes of a string become codes and codes become CIDs.
#[derive(Debug)]
enum Encoding {
    /// Simple fonts: one byte per code; no CIDs.
    OneByte,
    /// `Identity-H`/`-V`: two bytes per code; CID = code.
    Identity,
    Predefined(Predefined),
    /// An embedded CMap stream, possibly on top of a predefined one (`usecmap`).
    Embedded(Box<CMap>, Option<Predefined>),
}

#[derive(Debug)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
    Cid {
        single: HashMap<u32, f64>,
        /// `c_first c_last w`, in order of appearance.
        ranges: Vec<(u32, u32, f64)>,
        default: f64,
    },
}

#[derive(Debug)]
enum CidToGid {
    Identity,
    Table(Vec<u16>),
}

/// One parsed font.
#[derive(Debug)]
pub struct Font {
    /// `/BaseFont`, for notes.
    pub name: String,
    encoding: Encoding,
    to_unicode: Option<CMap>,
    /// Simple fonts: the encoding's character for each byte.
    simple_unicode: Option<Box<[Option<char>; 256]>>,
    /// Whether the CIDs are Adobe-GB1 CIDs we may look up.
    gb1: bool,
    widths: Widths,
    /// Vertical writing mode (`-V` CMaps).
    pub vertical: bool,
    /// Glyph space → text space (0.001, or a Type 3 font's `/FontMatrix`).
    width_scale: f64,
    /// Ascent and descent in text space for a size of 1 (descent negative).
    pub ascent: f64,
    pub descent: f64,
    cid_to_gid: CidToGid,
    /// The embedded TrueType program (`/FontFile2`), read lazily for its cmap.
    font_file: Option<ObjectId>,
    reverse_cmap: OnceCell<HashMap<u16, char>>,
}

impl Font {
    /// Parse a font dictionary. Never fails: what cannot be read is left out.
    pub fn parse(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = obj::name(doc, dict.get(b"Subtype").ok()).unwrap_or(b"");
        let name = obj::name(doc, dict.get(b"BaseFont").ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let to_unicode = obj::stream_of(doc, dict.get(b"ToUnicode").ok())
            .and_then(|s| {
                s.decompressed_content_with_limit(limits::MAX_FONT_STREAM)
                    .ok()
                    .or_else(|| {
                        s.filters()
                            .ok()
                            .filter(|f| f.is_empty())
                            .map(|_| s.content.clone())
                    })
            })
            .map(|data| CMap::parse(&data))
            .filter(CMap::has_unicode);
        if subtype == b"Type0" {
            Font::parse_type0(doc, dict, name, to_unicode)
        } else {
            Font::parse_simple(doc, dict, subtype, name, to_unicode)
        }
    }

    fn parse_type0(
        doc: &Document,
        dict: &Dictionary,
        name: String,
        to_unicode: Option<CMap>,
    ) -> Font {
        let mut vertical = false;
        let mut gb1_cmap = false;
        let encoding = match obj::resolve(doc, dict.get(b"Encoding").ok()) {
            Some(Object::Name(n)) if n == b"Identity-H" => Encoding::Identity,
            Some(Object::Name(n)) if n == b"Identity-V" => {
                vertical = true;
                Encoding::Identity
            }
            Some(Object::Name(n)) => match Predefined::from_name(n) {
                Some((p, v)) => {
                    vertical = v;
                    gb1_cmap = true;
                    Encoding::Predefined(p)
                }
                None => Encoding::Identity,
            },
            Some(Object::Stream(s)) => {
                let data = s
                    .decompressed_content_with_limit(limits::MAX_FONT_STREAM)
                    .unwrap_or_default();
                let cmap = CMap::parse(&data);
                vertical = cmap.vertical;
                let base = cmap
                    .use_cmap
                    .as_deref()
                    .and_then(|n| Predefined::from_name(n.as_bytes()))
                    .map(|(p, _)| p);
                gb1_cmap = base.is_some();
                Encoding::Embedded(Box::new(cmap), base)
            }
            _ => Encoding::Identity,
        };
        let descendant = obj::resolve(doc, dict.get(b"DescendantFonts").ok())
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| obj::dict(doc, Some(o)));
        let empty = Dictionary::new();
        let cid_font = descendant.unwrap_or(&empty);
        let cid_subtype = obj::name(doc, cid_font.get(b"Subtype").ok()).unwrap_or(b"");
        let ordering = obj::dict(doc, cid_font.get(b"CIDSystemInfo").ok())
            .and_then(|info| obj::resolve(doc, info.get(b"Ordering").ok()))
            .and_then(|o| o.as_str().ok())
            .unwrap_or(b"");
        let descriptor = obj::dict(doc, cid_font.get(b"FontDescriptor").ok());
        let font_file = descriptor
            .and_then(|d| d.get(b"FontFile2").ok())
            .and_then(|o| o.as_reference().ok());
        let cid_to_gid = match obj::resolve(doc, cid_font.get(b"CIDToGIDMap").ok()) {
            Some(Object::Stream(s)) => s
                .decompressed_content_with_limit(limits::MAX_FONT_STREAM)
                .map(|data| {
                    CidToGid::Table(
                        data.chunks_exact(2)
                            .map(|p| u16::from_be_bytes([p[0], p[1]]))
                            .collect(),
                    )
                })
                .unwrap_or(CidToGid::Identity),
            _ => CidToGid::Identity,
        };
        // With an identity CID→GID map an embedded TrueType font's CIDs are its glyph ids,
        // whatever the ordering claims; only trust GB1 order where CIDs are real CIDs.
        let cids_are_gids = cid_subtype == b"CIDFontType2"
            && matches!(cid_to_gid, CidToGid::Identity)
            && font_file.is_some();
        let gb1 = gb1_cmap || (ordering.starts_with(b"GB1") && !cids_are_gids);
        let default = obj::number(doc, cid_font.get(b"DW").ok()).unwrap_or(1000.0);
        let widths = Widths::Cid {
            single: HashMap::new(),
            ranges: Vec::new(),
            default,
        };
        let mut font = Font {
            name,
            encoding,
            to_unicode,
            simple_unicode: None,
            gb1,
            widths,
            vertical,
            width_scale: 0.001,
            ascent: 0.88,
            descent: -0.12,
            cid_to_gid,
            font_file,
            reverse_cmap: OnceCell::new(),
        };
        font.read_cid_widths(doc, cid_font);
        font.read_metrics(doc, descriptor);
        font
    }

    fn read_cid_widths(&mut self, doc: &Document, cid_font: &Dictionary) {
        let Widths::Cid { single, ranges, .. } = &mut self.widths else {
            return;
        };
        let Some(w) = obj::resolve(doc, cid_font.get(b"W").ok()).and_then(|o| o.as_array().ok())
        else {
            return;
        };
        let mut i = 0;
        let mut budget = limits::MAX_WIDTH_ENTRIES;
        while i < w.len() && budget > 0 {
            let Some(first) = obj::number(doc, w.get(i)) else {
                break;
            };
            match obj::resolve(doc, w.get(i + 1)) {
                Some(Object::Array(list)) => {
                    for (k, width) in list.iter().enumerate() {
                        if let Some(width) = obj::number(doc, Some(width)) {
                            single.insert((first as u32).saturating_add(k as u32), width);
                        }
                        budget = budget.saturating_sub(1);
                    }
                    i += 2;
                }
                Some(_) => {
                    let last = obj::number(doc, w.get(i + 1));
                    let width = obj::number(doc, w.get(i + 2));
                    if let (Some(last), Some(width)) = (last, width) {
                        if last >= first && first >= 0.0 {
                            ranges.push((first as u32, last as u32, width));
                        }
                    }
                    budget = budget.saturating_sub(1);
                    i += 3;
                }
                None => break,
            }
        }
    }

    fn read_metrics(&mut self, doc: &Document, descriptor: Option<&Dictionary>) {
        let Some(d) = descriptor else { return };
        let ascent = obj::number(doc, d.get(b"Ascent").ok());
        let descent = obj::number(doc, d.get(b"Descent").ok());
        if let (Some(a), Some(d)) = (ascent, descent) {
            if a > 0.0 && a <= 2000.0 && (-1000.0..=0.0).contains(&d) && a - d >= 500.0 {
                self.ascent = a / 1000.0;
                self.descent = d / 1000.0;
            }
        }
    }

    fn parse_simple(
        doc: &Document,
        dict: &Dictionary,
        subtype: &[u8],
        name: String,
        to_unicode: Option<CMap>,
    ) -> Font {
        let descriptor = obj::dict(doc, dict.get(b"FontDescriptor").ok());
        let flags = descriptor
            .and_then(|d| obj::number(doc, d.get(b"Flags").ok()))
            .unwrap_or(0.0) as u32;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let width_scale = if subtype == b"Type3" {
            obj::numbers(doc, dict.get(b"FontMatrix").ok())
                .and_then(|m| m.first().copied())
                .filter(|a| a.is_finite() && *a != 0.0)
                .map(f64::abs)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let first = obj::number(doc, dict.get(b"FirstChar").ok())
            .unwrap_or(0.0)
            .max(0.0) as u32;
        let widths = obj::numbers(doc, dict.get(b"Widths").ok()).unwrap_or_default();
        let missing = descriptor
            .and_then(|d| obj::number(doc, d.get(b"MissingWidth").ok()))
            .unwrap_or(if widths.is_empty() { 500.0 } else { 0.0 });
        let simple_unicode = simple_encoding_table(doc, dict, symbolic);
        let mut font = Font {
            name,
            encoding: Encoding::OneByte,
            to_unicode,
            simple_unicode,
            gb1: false,
            widths: Widths::Simple {
                first,
                widths: widths.into_iter().take(256).collect(),
                missing,
            },
            vertical: false,
            width_scale,
            ascent: 0.88,
            descent: -0.12,
            cid_to_gid: CidToGid::Identity,
            font_file: None,
            reverse_cmap: OnceCell::new(),
        };
        if subtype != b"Type3" {
            font.read_metrics(doc, descriptor);
        }
        font
    }

    /// Split the next code off `bytes`: `(code, length in bytes)`; length ≥ 1.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        let (code, len) = match &self.encoding {
            Encoding::OneByte => (bytes.first().copied().unwrap_or(0) as u32, 1),
            Encoding::Identity => two_byte_code(bytes),
            Encoding::Predefined(p) => p.next_code(bytes),
            Encoding::Embedded(cmap, base) => match (cmap.has_codespace(), base) {
                (false, Some(p)) => p.next_code(bytes),
                _ => cmap.next_code(bytes),
            },
        };
        (code, len.clamp(1, bytes.len().max(1)))
    }

    /// The CID of a code (simple fonts: the code).
    pub fn cid(&self, code: u32, len: usize) -> u32 {
        match &self.encoding {
            Encoding::OneByte | Encoding::Identity => code,
            Encoding::Predefined(p) => predefined_cid(*p, code, len),
            Encoding::Embedded(cmap, base) => cmap
                .cid(code)
                .or_else(|| base.map(|p| predefined_cid(p, code, len)))
                .unwrap_or(0),
        }
    }

    /// Whether this code is the single-byte code 32, to which `Tw` applies.
    pub fn is_word_space(&self, code: u32, len: usize) -> bool {
        code == 32 && len == 1
    }

    /// Horizontal advance of a code in text space for a font size of 1.
    pub fn width(&self, code: u32, cid: u32) -> f64 {
        let w = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid {
                single,
                ranges,
                default,
            } => single
                .get(&cid)
                .copied()
                .or_else(|| {
                    ranges
                        .iter()
                        .find(|(lo, hi, _)| *lo <= cid && cid <= *hi)
                        .map(|r| r.2)
                })
                .unwrap_or(*default),
        };
        let w = w * self.width_scale;
        if w.is_finite() {
            w
        } else {
            0.0
        }
    }

    /// The Unicode text of a code, through the fallback chain; `None` when unknown.
    pub fn unicode(&self, doc: &Document, code: u32, len: usize, cid: u32) -> Option<Uni> {
        if let Some(uni) = self.to_unicode.as_ref().and_then(|m| m.unicode(code)) {
            if !matches!(uni, Uni::Char(c) if is_private_use(c)) {
                return Some(uni);
            }
        }
        let from_encoding = match &self.encoding {
            Encoding::OneByte => self
                .simple_unicode
                .as_ref()
                .and_then(|t| t.get(code as usize).copied().flatten()),
            Encoding::Predefined(p) => p.unicode(code, len),
            Encoding::Embedded(_, base) => base.and_then(|p| p.unicode(code, len)),
            Encoding::Identity => None,
        };
        if let Some(c) = from_encoding.filter(|c| !is_private_use(*c)) {
            return Some(Uni::Char(c));
        }
        if self.gb1 {
            if let Some(c) = gb1::cid_to_unicode(cid).filter(|c| !is_private_use(*c)) {
                return Some(Uni::Char(c));
            }
        }
        if matches!(self.encoding, Encoding::OneByte) {
            return None;
        }
        let gid = match &self.cid_to_gid {
            CidToGid::Identity => u16::try_from(cid).ok()?,
            CidToGid::Table(t) => *t.get(cid as usize)?,
        };
        self.reverse_cmap(doc).get(&gid).map(|c| Uni::Char(*c))
    }

    fn reverse_cmap(&self, doc: &Document) -> &HashMap<u16, char> {
        self.reverse_cmap.get_or_init(|| {
            let mut map = HashMap::new();
            let Some(data) = self
                .font_file
                .and_then(|id| doc.get_object(id).ok())
                .and_then(|o| o.as_stream().ok())
                .and_then(|s| {
                    s.decompressed_content_with_limit(limits::MAX_FONT_FILE)
                        .ok()
                })
            else {
                return map;
            };
            let Ok(face) = ttf_parser::Face::parse(&data, 0) else {
                return map;
            };
            let Some(cmap) = face.tables().cmap else {
                return map;
            };
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                let mut budget = limits::MAX_CMAP_ENTRIES;
                sub.codepoints(|cp| {
                    if budget == 0 {
                        return;
                    }
                    budget -= 1;
                    if let (Some(c), Some(gid)) = (char::from_u32(cp), sub.glyph_index(cp)) {
                        if gid.0 != 0 && !is_private_use(c) {
                            let slot = map.entry(gid.0).or_insert(c);
                            if variant_rank(c) < variant_rank(*slot) {
                                *slot = c;
                            }
                        }
                    }
                });
            }
            map
        })
    }
}

/// Private-use code points name no character: a map that answers with one has not answered.
fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// When a font maps several code points to one glyph, prefer the unified ideograph over
/// radicals and compatibility forms (⼀ U+2F00 and 一 U+4E00 share a glyph).
fn variant_rank(c: char) -> u8 {
    match c as u32 {
        0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F => 1,
        _ => 0,
    }
}

fn predefined_cid(p: Predefined, code: u32, len: usize) -> u32 {
    p.unicode(code, len)
        .and_then(gb1::unicode_to_cid)
        .unwrap_or(0)
}

/// The 256 characters of a simple font's encoding (`/Encoding` name or dictionary with
/// `/Differences`), via lopdf's tables. Without `/Encoding`: StandardEncoding for a
/// non-symbolic font, nothing for a symbolic one (its built-in encoding is unknown to us).
fn simple_encoding_table(
    doc: &Document,
    font: &Dictionary,
    symbolic: bool,
) -> Option<Box<[Option<char>; 256]>> {
    let encoding = match font.get(b"Encoding") {
        Ok(e) => e.clone(),
        Err(_) if symbolic => return None,
        Err(_) => Object::Name(b"StandardEncoding".to_vec()),
    };
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", encoding);
    let enc = probe
        .get_font_encoding_with_limit(doc, limits::MAX_FONT_STREAM)
        .ok()?;
    let mut table = Box::new([None; 256]);
    let mut out = String::new();
    for (b, slot) in table.iter_mut().enumerate() {
        out.clear();
        if enc.write_to_string(&[b as u8], &mut out).is_ok() {
            let mut chars = out.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if c != '\u{FFFD}' && c != '\0' && !c.is_control() {
                    *slot = Some(c);
                }
            }
        }
    }
    Some(table)
}
