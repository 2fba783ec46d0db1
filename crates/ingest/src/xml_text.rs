//! Text out of the XML parts of zip-based office files (DOCX, ODT): entity references and the
//! `dc:title` of a metadata part, shared by [`crate::docx`] and [`crate::odt`].

use quick_xml::events::Event;
use quick_xml::Reader;

/// The `dc:title` of a metadata part (`meta.xml`, `docProps/core.xml`).
pub(crate) fn meta_title(xml: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut title = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "title" => inside = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == "title" => break,
            Ok(Event::Text(t)) if inside => title.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if inside => title.push_str(&resolve_ref(&r)),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let title = title.trim().to_string();
    (!title.is_empty()).then_some(title)
}

/// The text of an entity or character reference (`&amp;`, `&#20013;`); unknown entities give
/// nothing.
pub(crate) fn resolve_ref(r: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match &**r {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => "",
    }
    .to_string()
}
