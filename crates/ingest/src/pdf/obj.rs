//! Small, panic-free accessors over lopdf objects: follow references, read numbers as f64.

use lopdf::{Dictionary, Document, Object, Stream};

/// Follow references (bounded by lopdf); `None` for a dangling one.
pub fn resolve<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Object> {
    doc.dereference(object?).ok().map(|(_, o)| o)
}

pub fn name<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a [u8]> {
    resolve(doc, object)?.as_name().ok()
}

/// A dictionary, or a stream's dictionary.
pub fn dict<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Dictionary> {
    match resolve(doc, object)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn stream_of<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Stream> {
    resolve(doc, object)?.as_stream().ok()
}

/// A finite number (lopdf reals are f32; widened here).
pub fn number(doc: &Document, object: Option<&Object>) -> Option<f64> {
    direct_number(resolve(doc, object)?)
}

/// A finite number from a direct object.
pub fn direct_number(object: &Object) -> Option<f64> {
    let v = match object {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// An array of numbers (entries that are not numbers make the whole array unreadable).
pub fn numbers(doc: &Document, object: Option<&Object>) -> Option<Vec<f64>> {
    resolve(doc, object)?
        .as_array()
        .ok()?
        .iter()
        .map(|o| number(doc, Some(o)))
        .collect()
}

/// A text string (`/Title` and the like): UTF-16 with a byte-order mark (either order; some
/// producers write little-endian), UTF-8 with BOM, or PDFDocEncoding.
pub fn text_string(doc: &Document, object: Option<&Object>) -> Option<String> {
    let object = resolve(doc, object)?;
    let bytes = object.as_str().ok()?;
    let text = if let Some(le) = bytes.strip_prefix(b"\xFF\xFE") {
        let units: Vec<u16> = le
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        lopdf::decode_text_string(object).ok()?
    };
    let text = text
        .trim_matches(|c: char| c.is_whitespace() || c == '\0')
        .to_string();
    (!text.is_empty()).then_some(text)
}
