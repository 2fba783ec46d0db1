//! Mojibake: Chinese text whose bytes were once decoded as Latin-1 or Windows-1252 and saved
//! that way (`Æ½Ì¶×ÛºÏÊµÑéÇø` for 平潭综合实验区; `å¹³æ½­` when the bytes were UTF-8). A
//! crawler that takes a page without a declared charset for ISO-8859-1 (the HTTP default that
//! Python's `requests` applies) writes such text. (A PDF printed from such a page has lost
//! the bytes 0x80–0x9F, which no font draws: its text is read by OCR, [`crate::pdf::drawn`].)
//!
//! The repair is the exact inverse: every character back to the one byte it was decoded from,
//! then the bytes decoded as UTF-8 or GB18030. It is taken only when it is lossless (every
//! character maps back to a byte, the bytes decode without error) and gives Chinese text where
//! there was almost none. A text that lost bytes on the way (`?` or U+FFFD for a byte the codec
//! had no character for) is left as it is: guessing the lost bytes could merge digits into a
//! character.

/// The report's note when its text was repaired.
pub const NOTE: &str =
    "the text was mojibake (Chinese decoded as Latin-1 or Windows-1252 and saved so); \
     read as the bytes it was decoded from";

/// Fewest Latin-1 supplement or Windows-1252 characters a text must hold to be judged.
const MIN_HIGH: usize = 40;
/// Mojibake holds almost no ideograph: fewer than one per this many high Latin characters.
const HAN_PER_HIGH: usize = 10;

/// The characters Windows-1252 gives bytes 0x80–0x9F (the others of that range decode to the
/// C1 control of the same number, as Latin-1 and the WHATWG decoder have them).
const CP1252_HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The byte a character was decoded from by Latin-1 or Windows-1252.
fn byte_of(c: char) -> Option<u8> {
    match u32::from(c) {
        n @ 0..=0xFF => u8::try_from(n).ok(),
        _ => CP1252_HIGH.iter().find(|(k, _)| *k == c).map(|(_, b)| *b),
    }
}

/// Whether a character is one mojibake is made of: above ASCII and mapping back to a byte.
fn is_high(c: char) -> bool {
    !c.is_ascii() && byte_of(c).is_some()
}

fn han_count(text: &str) -> usize {
    text.chars()
        .filter(|&c| xxgk_model::text::is_han(c))
        .count()
}

/// The text as it was before it was decoded with the wrong codec, when `text` is mojibake and
/// the repair is lossless; `None` otherwise (the text is left as it is).
pub fn repaired(text: &str) -> Option<String> {
    let high = text.chars().filter(|&c| is_high(c)).count();
    if high < MIN_HIGH || han_count(text) * HAN_PER_HIGH >= high {
        return None;
    }
    let decoded = restored(text)?;
    // Two or three bytes a character: a third of the high characters at least are characters
    // now, most of them ideographs, and few high characters are left.
    let wide = decoded.chars().filter(|c| !c.is_ascii()).count();
    let han = han_count(&decoded);
    let left = decoded.chars().filter(|&c| is_high(c)).count();
    (wide * 3 >= high && han * 2 >= wide && left * HAN_PER_HIGH < han).then_some(decoded)
}

/// Every character back to its byte, the bytes decoded as UTF-8, else as GB18030; `None`
/// when a character has no byte or the bytes are no text of either.
fn restored(text: &str) -> Option<String> {
    let bytes: Vec<u8> = text.chars().map(byte_of).collect::<Option<_>>()?;
    match std::str::from_utf8(&bytes) {
        Ok(utf8) => Some(utf8.to_string()),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(&bytes)
            .map(std::borrow::Cow::into_owned),
    }
}

/// [`repaired`] for the bytes of a text or HTML file in UTF-8: the repaired text's UTF-8.
pub fn repaired_bytes(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    repaired(text).map(String::into_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "标题: 平潭综合实验区2022年度政府信息公开工作年度报告\n\
        一、本年新收政府信息公开申请数量 217 1 0 0 0 0 218\n\
        二、上年结转政府信息公开申请数量 3 0 0 0 0 0 3\n\
        （一）予以公开 120 1 0 0 0 0 121 总计 2648 -18 538";

    /// Python's `bytes.decode('latin-1')` and `'cp1252'` (the WHATWG decoder keeps the five
    /// bytes cp1252 leaves undefined as C1 controls, as Latin-1 does).
    fn decoded_as(bytes: &[u8], cp1252: bool) -> String {
        bytes
            .iter()
            .map(|&b| {
                CP1252_HIGH
                    .iter()
                    .find(|(_, k)| cp1252 && *k == b)
                    .map_or(char::from(b), |(c, _)| *c)
            })
            .collect()
    }

    #[test]
    fn gbk_and_utf8_read_as_latin_or_windows_1252_are_repaired_exactly() {
        let (gbk, _, _) = encoding_rs::GBK.encode(REPORT);
        for cp1252 in [false, true] {
            let moji = decoded_as(&gbk, cp1252);
            assert!(moji.contains("Æ½Ì¶×ÛºÏÊµÑéÇø"), "{moji}");
            assert_eq!(repaired(&moji).as_deref(), Some(REPORT));
            let moji = decoded_as(REPORT.as_bytes(), cp1252);
            assert_eq!(repaired(&moji).as_deref(), Some(REPORT));
        }
    }

    #[test]
    fn chinese_text_latin_text_and_lossy_mojibake_are_left_alone() {
        assert_eq!(repaired(REPORT), None);
        let latin = "Café déjà vu — naïve façade, résumé, São Paulo, Zürich, Ærø. ".repeat(4);
        assert_eq!(repaired(&latin), None);
        // A byte lost on the way (U+FFFD for it): no repair, whatever it would have been.
        let (gbk, _, _) = encoding_rs::GBK.encode(REPORT);
        let mut lossy = decoded_as(&gbk, true);
        lossy.insert(10, '\u{FFFD}');
        assert_eq!(repaired(&lossy), None);
    }
}
