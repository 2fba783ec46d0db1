//! Writes small PDFs for tests with lopdf: pages with given content streams and resources, and
//! the fonts the tests need.

#![allow(dead_code)]

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};

pub struct Builder {
    pub doc: Document,
    pub pages_id: ObjectId,
    kids: Vec<Object>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    pub fn new() -> Builder {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        Builder {
            doc,
            pages_id,
            kids: Vec::new(),
        }
    }

    pub fn add(&mut self, object: impl Into<Object>) -> ObjectId {
        self.doc.add_object(object)
    }

    pub fn stream(&mut self, dict: Dictionary, content: &[u8]) -> ObjectId {
        self.add(Stream::new(dict, content.to_vec()))
    }

    /// A page with an A4 media box unless `extra` sets one.
    pub fn page(&mut self, content: &str, resources: Dictionary, extra: Dictionary) -> ObjectId {
        let contents = self.stream(Dictionary::new(), content.as_bytes());
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => contents,
            "Resources" => resources,
        };
        for (k, v) in extra.into_iter() {
            page.set(k.clone(), v.clone());
        }
        let id = self.add(page);
        self.kids.push(id.into());
        id
    }

    pub fn finish(mut self) -> Vec<u8> {
        let count = self.kids.len() as i64;
        let pages = dictionary! {
            "Type" => "Pages",
            "Kids" => self.kids.clone(),
            "Count" => count,
        };
        self.doc.objects.insert(self.pages_id, pages.into());
        let catalog = self.add(dictionary! { "Type" => "Catalog", "Pages" => self.pages_id });
        self.doc.trailer.set("Root", catalog);
        let info = self.add(dictionary! {
            "Title" => Object::String(b"Test document".to_vec(), StringFormat::Literal),
        });
        self.doc.trailer.set("Info", info);
        let mut out = Vec::new();
        self.doc.save_to(&mut out).expect("writing to memory");
        out
    }

    /// Helvetica, WinAnsi, with widths: 500 for everything, 'A' 667, 'B' 667, 'C' 722, space 278.
    pub fn helvetica(&mut self) -> ObjectId {
        let widths: Vec<Object> = (32u8..=126)
            .map(|c| {
                let w = match c {
                    b' ' => 278,
                    b'A' | b'B' => 667,
                    b'C' => 722,
                    _ => 500,
                };
                Object::Integer(w)
            })
            .collect();
        self.add(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
            "FirstChar" => 32,
            "LastChar" => 126,
            "Widths" => widths,
        })
    }

    /// A Type0 font: `encoding` (a name or CMap stream), descendant `cid_subtype` with the
    /// given ordering and `/W`, and a ToUnicode map when given `(code, text)` pairs.
    pub fn type0(
        &mut self,
        encoding: Object,
        cid_subtype: &str,
        ordering: &str,
        widths: Vec<Object>,
        to_unicode: Option<&[(u16, &str)]>,
    ) -> ObjectId {
        let cid_font = self.add(dictionary! {
            "Type" => "Font",
            "Subtype" => cid_subtype,
            "BaseFont" => "TestCID",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal(ordering),
                "Supplement" => 2,
            },
            "DW" => 1000,
            "W" => widths,
        });
        let mut font = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "TestCID",
            "Encoding" => encoding,
            "DescendantFonts" => vec![Object::Reference(cid_font)],
        };
        if let Some(pairs) = to_unicode {
            let cmap = to_unicode_cmap(pairs);
            let id = self.stream(Dictionary::new(), cmap.as_bytes());
            font.set("ToUnicode", id);
        }
        self.add(font)
    }
}

/// A ToUnicode CMap with one `bfchar` per pair.
pub fn to_unicode_cmap(pairs: &[(u16, &str)]) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CMapName /Test-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    s += &format!("{} beginbfchar\n", pairs.len());
    for (code, text) in pairs {
        let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
        s += &format!("<{code:04X}> <{hex}>\n");
    }
    s += "endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n";
    s
}

/// `/Font << /name id >>` resources.
pub fn font_resources(fonts: &[(&str, ObjectId)]) -> Dictionary {
    let mut f = Dictionary::new();
    for (name, id) in fonts {
        f.set(name.as_bytes().to_vec(), *id);
    }
    dictionary! { "Font" => f }
}
