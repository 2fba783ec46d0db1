//! The Adobe-GB1 character collection: CID → Unicode (and back), and the predefined Chinese
//! CMaps (`UniGB-UCS2-H`, `UniGB-UTF16-H`, `GBK-EUC-H`, `GBpc-EUC-H`, `GB-EUC-H` and their `-V`
//! forms).
//!
//! The table is `data/adobe-gb1-ucs2.bin.z`, derived from Adobe's `Adobe-GB1-UCS2` CMap as shipped
//! in Debian's poppler-data (BSD 3-clause; see `data/README.md`). It is decompressed once, on
//! first use.
//!
//! The predefined CMaps are not stored: their codes already name the character (UCS-2, UTF-16,
//! or GBK bytes, decoded with encoding_rs), and the CID, needed only for widths, is the
//! character's CID in the table. That is the same mapping as Adobe's files for every character
//! the table covers.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

const TABLE_Z: &[u8] = include_bytes!("data/adobe-gb1-ucs2.bin.z");
/// More CIDs than Adobe-GB1-6 has; a corrupt table cannot make us allocate more.
const MAX_CIDS: usize = 40_000;

fn table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut raw = Vec::new();
        let decoder = flate2::read::ZlibDecoder::new(TABLE_Z);
        if decoder
            .take((MAX_CIDS * 4) as u64)
            .read_to_end(&mut raw)
            .is_err()
        {
            return Vec::new();
        }
        let mut value: i64 = 0;
        raw.chunks_exact(4)
            .map(|b| {
                value += i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as i64;
                u32::try_from(value).unwrap_or(0)
            })
            .collect()
    })
}

fn inverse() -> &'static HashMap<u32, u32> {
    static INVERSE: OnceLock<HashMap<u32, u32>> = OnceLock::new();
    INVERSE.get_or_init(|| {
        let mut map = HashMap::new();
        for (cid, value) in table().iter().enumerate() {
            if *value != 0 {
                map.entry(*value).or_insert(cid as u32);
            }
        }
        map
    })
}

/// The Unicode character of an Adobe-GB1 CID, if it has one.
pub fn cid_to_unicode(cid: u32) -> Option<char> {
    let value = *table().get(cid as usize)?;
    if value == 0 {
        return None;
    }
    char::from_u32(value)
}

/// The (lowest) Adobe-GB1 CID of a character.
pub fn unicode_to_cid(c: char) -> Option<u32> {
    inverse().get(&(c as u32)).copied()
}

/// A predefined Chinese CMap, stored as a rule rather than a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predefined {
    /// `UniGB-UCS2-*`: two-byte UCS-2 codes.
    Ucs2,
    /// `UniGB-UTF16-*`: UTF-16BE codes (two or four bytes).
    Utf16,
    /// `GBK-EUC-*`, `GBpc-EUC-*`, `GB-EUC-*`: one byte below 0x81, two bytes from a lead byte up.
    Gbk,
}

impl Predefined {
    /// The CMap for a predefined name, and whether it is a vertical (`-V`) one.
    pub fn from_name(name: &[u8]) -> Option<(Predefined, bool)> {
        let (base, vertical) = if let Some(base) = name.strip_suffix(b"-H") {
            (base, false)
        } else if let Some(base) = name.strip_suffix(b"-V") {
            (base, true)
        } else {
            return None;
        };
        let kind = match base {
            b"UniGB-UCS2" => Predefined::Ucs2,
            b"UniGB-UTF16" => Predefined::Utf16,
            b"GBK-EUC" | b"GBpc-EUC" | b"GB-EUC" | b"GBKp-EUC" => Predefined::Gbk,
            _ => return None,
        };
        Some((kind, vertical))
    }

    /// Split the next code off `bytes`: `(code, length)`.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match (self, bytes) {
            (Predefined::Utf16, [a, b, c, d, ..]) if (0xD8..0xDC).contains(a) => {
                (u32::from_be_bytes([*a, *b, *c, *d]), 4)
            }
            (Predefined::Gbk, [a, ..]) if *a < 0x81 || bytes.len() < 2 => (*a as u32, 1),
            _ => super::cmap::two_byte_code(bytes),
        }
    }

    /// The character a code stands for.
    pub fn unicode(&self, code: u32, len: usize) -> Option<char> {
        match self {
            Predefined::Ucs2 => char::from_u32(code & 0xFFFF),
            Predefined::Utf16 if len == 4 => {
                let units = [(code >> 16) as u16, code as u16];
                char::decode_utf16(units).next()?.ok()
            }
            Predefined::Utf16 => char::from_u32(code & 0xFFFF),
            Predefined::Gbk if len == 1 => {
                let b = code as u8;
                (b.is_ascii_graphic() || b == b' ').then_some(b as char)
            }
            Predefined::Gbk => {
                let bytes = [(code >> 8) as u8, code as u8];
                let text =
                    encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&bytes)?;
                let mut chars = text.chars();
                let c = chars.next()?;
                chars.next().is_none().then_some(c)
            }
        }
        .filter(|c| *c != '\u{FFFD}' && *c != '\0')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_round_trips_common_characters() {
        // CID 1 is the proportional space; CID 34 is 'A'; GB2312 characters start at CID 814.
        assert_eq!(cid_to_unicode(1), Some(' '));
        assert_eq!(cid_to_unicode(34), Some('A'));
        assert_eq!(cid_to_unicode(0), None);
        let zhong = unicode_to_cid('中').expect("中 is in GB2312");
        assert_eq!(cid_to_unicode(zhong), Some('中'));
        assert_eq!(unicode_to_cid('A'), Some(34));
    }

    #[test]
    fn predefined_codes() {
        let (gbk, vertical) = Predefined::from_name(b"GBK-EUC-H").expect("known");
        assert!(!vertical);
        let bytes = [0x41, 0xD6, 0xD0];
        assert_eq!(gbk.next_code(&bytes), (0x41, 1));
        assert_eq!(gbk.next_code(&bytes[1..]), (0xD6D0, 2));
        assert_eq!(gbk.unicode(0xD6D0, 2), Some('中'));
        let (ucs2, _) = Predefined::from_name(b"UniGB-UCS2-H").expect("known");
        assert_eq!(ucs2.unicode(0x4E2D, 2), Some('中'));
        assert_eq!(Predefined::from_name(b"Identity-H"), None);
    }
}
