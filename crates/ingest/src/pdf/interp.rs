//! The content-stream interpreter: graphics and text state, text showing, paths and form
//! XObjects. Produces positioned glyphs and ruling segments in top-left page coordinates.
//!
//! Every loop is bounded: operators and glyphs by a per-document [`Budget`], form nesting by
//! depth and a cycle check, the `q` stack by a maximum depth.

use super::cmap::Uni;
use super::content::{Lexer, Operand, Operands};
use super::font::Font;
use super::geom::Matrix;
use super::limits;
use super::obj;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use xxgk_model::{Segment, SegmentKind};

/// What a glyph stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum GlyphText {
    Char(char),
    Str(Box<str>),
    /// Nothing in the font maps this glyph to Unicode.
    Unknown {
        cid: u32,
    },
}

/// One shown glyph, in top-left page coordinates (y grows downwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Origin on the baseline.
    pub x: f64,
    pub y: f64,
    /// End of the glyph's advance (without `Tc`/`Tw`), along x.
    pub x1: f64,
    /// Top and bottom of the glyph box (ascent and descent).
    pub top: f64,
    pub bottom: f64,
    /// Font size in points: Tfs × sqrt|det(Tm × CTM)|.
    pub size: f64,
    pub text: GlyphText,
    /// Shown with render mode 3 or 7 (neither filled nor stroked).
    pub invisible: bool,
    /// The baseline runs left to right (no rotation, no mirroring).
    pub upright: bool,
    /// Shown in vertical writing mode (top to bottom).
    pub vertical: bool,
}

/// Operator and glyph allowances shared by all pages of a document.
#[derive(Debug, Clone)]
pub struct Budget {
    pub operators: usize,
    pub glyphs: usize,
    pub content_bytes: usize,
    /// Set when an allowance ran out.
    pub exhausted: bool,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            operators: limits::MAX_OPERATORS,
            glyphs: limits::MAX_GLYPHS,
            content_bytes: limits::MAX_CONTENT_TOTAL,
            exhausted: false,
        }
    }
}

/// Fonts of a document, parsed once and shared by every page and form.
#[derive(Default)]
pub struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
    by_address: HashMap<usize, Rc<Font>>,
}

impl FontCache {
    fn get(&mut self, doc: &Document, object: &Object) -> Option<Rc<Font>> {
        if let Object::Reference(id) = object {
            if let Some(font) = self.by_id.get(id) {
                return Some(font.clone());
            }
            if self.by_id.len() >= limits::MAX_FONTS {
                return None;
            }
            let dict = obj::dict(doc, Some(object))?;
            let font = Rc::new(Font::parse(doc, dict));
            self.by_id.insert(*id, font.clone());
            return Some(font);
        }
        let dict = obj::dict(doc, Some(object))?;
        let key = dict as *const Dictionary as usize;
        if let Some(font) = self.by_address.get(&key) {
            return Some(font.clone());
        }
        if self.by_address.len() >= limits::MAX_FONTS {
            return None;
        }
        let font = Rc::new(Font::parse(doc, dict));
        self.by_address.insert(key, font.clone());
        Some(font)
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_size: f64,
    char_space: f64,
    word_space: f64,
    /// `Tz` / 100.
    hscale: f64,
    leading: f64,
    rise: f64,
    render: i64,
}

#[derive(Clone, Copy)]
struct PathPoint {
    x: f64,
    y: f64,
    /// The segment ending here is a curve.
    curve: bool,
}

#[derive(Default)]
struct SubPath {
    points: Vec<PathPoint>,
    closed: bool,
    /// Made by `re`.
    rect: bool,
}

/// What one page yields.
#[derive(Default)]
pub struct PageOutput {
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    /// Bytes of strings shown with no usable font (missing or unreadable `Tf` font).
    pub fontless_bytes: usize,
    /// Image XObjects painted, with the CTM they were painted under (see `super::images`).
    pub images: Vec<super::images::Placement>,
}

pub struct Interpreter<'a, 'f> {
    doc: &'a Document,
    fonts: &'f mut FontCache,
    budget: &'f mut Budget,
    page_width: f64,
    page_height: f64,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<SubPath>,
    clip_pending: bool,
    forms: Vec<ObjectId>,
    rect_keys: HashSet<(i64, i64, i64, i64)>,
    pub out: PageOutput,
}

impl<'a, 'f> Interpreter<'a, 'f> {
    /// `base` maps the page's user space to top-left page coordinates (box origin, rotation).
    pub fn new(
        doc: &'a Document,
        fonts: &'f mut FontCache,
        budget: &'f mut Budget,
        base: Matrix,
        page_width: f64,
        page_height: f64,
    ) -> Self {
        Interpreter {
            doc,
            fonts,
            budget,
            page_width,
            page_height,
            gs: GState {
                ctm: base,
                font: None,
                font_size: 0.0,
                char_space: 0.0,
                word_space: 0.0,
                hscale: 1.0,
                leading: 0.0,
                rise: 0.0,
                render: 0,
            },
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Vec::new(),
            clip_pending: false,
            forms: Vec::new(),
            rect_keys: HashSet::new(),
            out: PageOutput::default(),
        }
    }

    /// Run one content stream with the given resources.
    pub fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        let mut lexer = Lexer::new(content);
        let mut args = Operands::default();
        while let Some(op) = lexer.next_op(&mut args) {
            // The file's time budget (ingest turns an expired budget into a failed row).
            if xxgk_model::budget::expired() {
                break;
            }
            if self.budget.operators == 0 {
                self.budget.exhausted = true;
                break;
            }
            self.budget.operators -= 1;
            self.operator(op, &args, resources);
        }
    }

    fn operator(&mut self, op: &[u8], args: &Operands, resources: Option<&'a Dictionary>) {
        match op {
            b"q" if self.stack.len() < limits::MAX_STATE_DEPTH => {
                self.stack.push(self.gs.clone());
            }
            b"Q" => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            b"cm" => {
                if let Some(m) = args.numbers::<6>().and_then(|v| Matrix::from_slice(&v)) {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"ET" => {}
            b"Tf" => {
                if let Some([size]) = args.numbers::<1>() {
                    self.gs.font_size = size;
                }
                let name = args.first().and_then(Operand::name);
                self.gs.font = name.and_then(|n| self.font(resources, n));
            }
            b"Tc" => {
                if let Some([v]) = args.numbers::<1>() {
                    self.gs.char_space = v;
                }
            }
            b"Tw" => {
                if let Some([v]) = args.numbers::<1>() {
                    self.gs.word_space = v;
                }
            }
            b"Tz" => {
                if let Some([v]) = args.numbers::<1>() {
                    self.gs.hscale = v / 100.0;
                }
            }
            b"TL" => {
                if let Some([v]) = args.numbers::<1>() {
                    self.gs.leading = v;
                }
            }
            b"Ts" => {
                if let Some([v]) = args.numbers::<1>() {
                    self.gs.rise = v;
                }
            }
            b"Tr" => {
                if let Some([mode]) = args.numbers::<1>() {
                    self.gs.render = mode as i64;
                }
            }
            b"gs" => {
                if let Some(name) = args.first().and_then(Operand::name) {
                    self.ext_gstate(resources, name);
                }
            }
            b"Td" => {
                if let Some([tx, ty]) = args.numbers::<2>() {
                    self.next_line(tx, ty);
                }
            }
            b"TD" => {
                if let Some([tx, ty]) = args.numbers::<2>() {
                    self.gs.leading = -ty;
                    self.next_line(tx, ty);
                }
            }
            b"Tm" => {
                if let Some(m) = args.numbers::<6>().and_then(|v| Matrix::from_slice(&v)) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.next_line(0.0, -self.gs.leading),
            b"Tj" => {
                if let Some(s) = args.last().and_then(Operand::string) {
                    self.show(s);
                }
            }
            b"'" => {
                self.next_line(0.0, -self.gs.leading);
                if let Some(s) = args.last().and_then(Operand::string) {
                    self.show(s);
                }
            }
            b"\"" => {
                if let (Some(aw), Some(ac)) = (
                    args.first().and_then(Operand::number),
                    args.get(1).and_then(Operand::number),
                ) {
                    self.gs.word_space = aw;
                    self.gs.char_space = ac;
                }
                self.next_line(0.0, -self.gs.leading);
                if let Some(s) = args.last().and_then(Operand::string) {
                    self.show(s);
                }
            }
            b"TJ" => {
                let Some(items) = args.first_array() else {
                    return;
                };
                for item in items {
                    match item {
                        Operand::Str(s) => self.show(s),
                        other => {
                            if let Some(n) = other.number() {
                                self.adjust(n);
                            }
                        }
                    }
                }
            }
            b"m" => {
                if let Some([x, y]) = args.numbers::<2>() {
                    let p = self.point(x, y, false);
                    if self.path.len() < limits::MAX_SUBPATHS {
                        self.path.push(SubPath {
                            points: vec![p],
                            ..SubPath::default()
                        });
                    }
                }
            }
            b"l" => {
                if let Some([x, y]) = args.numbers::<2>() {
                    self.line_to(x, y, false);
                }
            }
            b"c" => {
                if let Some([_, _, _, _, x, y]) = args.numbers::<6>() {
                    self.line_to(x, y, true);
                }
            }
            b"v" | b"y" => {
                if let Some([_, _, x, y]) = args.numbers::<4>() {
                    self.line_to(x, y, true);
                }
            }
            b"h" => {
                if let Some(sub) = self.path.last_mut() {
                    sub.closed = true;
                }
            }
            b"re" => {
                if let Some([x, y, w, h]) = args.numbers::<4>() {
                    if self.path.len() < limits::MAX_SUBPATHS {
                        let points = vec![
                            self.point(x, y, false),
                            self.point(x + w, y, false),
                            self.point(x + w, y + h, false),
                            self.point(x, y + h, false),
                        ];
                        self.path.push(SubPath {
                            points,
                            closed: true,
                            rect: true,
                        });
                    }
                }
            }
            b"W" | b"W*" => self.clip_pending = true,
            b"S" => self.paint(true, false, false),
            b"s" => self.paint(true, false, true),
            b"f" | b"F" | b"f*" => self.paint(false, true, false),
            b"B" | b"B*" => self.paint(true, true, false),
            b"b" | b"b*" => self.paint(true, true, true),
            b"n" => self.paint(false, false, false),
            b"Do" => {
                if let Some(name) = args.first().and_then(Operand::name) {
                    self.do_xobject(resources, name);
                }
            }
            _ => {}
        }
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = obj::dict(self.doc, resources?.get(b"Font").ok())?;
        let entry = fonts.get(name).ok()?;
        self.fonts.get(self.doc, entry)
    }

    /// `gs`: of an ExtGState only `/Font [font size]` matters here.
    fn ext_gstate(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) {
        let doc = self.doc;
        let Some(font) = resources
            .and_then(|r| obj::dict(doc, r.get(b"ExtGState").ok()))
            .and_then(|g| obj::dict(doc, g.get(name).ok()))
            .and_then(|state| obj::resolve(doc, state.get(b"Font").ok()))
            .and_then(|f| f.as_array().ok())
        else {
            return;
        };
        if let (Some(entry), Some(size)) = (
            font.first(),
            font.get(1).and_then(|s| obj::number(doc, Some(s))),
        ) {
            self.gs.font = self.fonts.get(doc, entry);
            self.gs.font_size = size;
        }
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    /// A `TJ` number: thousandths of text space, against the writing direction.
    fn adjust(&mut self, n: f64) {
        let shift = -n / 1000.0 * self.gs.font_size;
        let vertical = self.gs.font.as_ref().is_some_and(|f| f.vertical);
        self.tm = if vertical {
            Matrix::translate(0.0, shift)
        } else {
            Matrix::translate(shift * self.gs.hscale, 0.0)
        }
        .then(&self.tm);
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.font.clone() else {
            self.out.fontless_bytes = self.out.fontless_bytes.saturating_add(bytes.len());
            return;
        };
        let doc = self.doc;
        let gs = &self.gs;
        let invisible = gs.render == 3 || gs.render == 7;
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, len) = font.next_code(rest);
            rest = rest.get(len..).unwrap_or(&[]);
            let cid = font.cid(code, len);
            let w0 = font.width(code, cid);
            let m = self.tm.then(&gs.ctm);
            let size = gs.font_size * m.scale();
            // Vertical writing: the pen is at the glyph's top centre (default /DW2 880 −1000);
            // record the glyph by its horizontal origin, left end of its baseline.
            let (ox, oy) = if font.vertical {
                (-w0 * gs.font_size / 2.0, gs.rise - 0.88 * gs.font_size)
            } else {
                (0.0, gs.rise)
            };
            let (x, y) = m.apply(ox, oy);
            if self.budget.glyphs == 0 {
                self.budget.exhausted = true;
                return;
            }
            if x.is_finite() && y.is_finite() && size.is_finite() {
                self.budget.glyphs -= 1;
                let advance = if font.vertical {
                    w0 * gs.font_size
                } else {
                    w0 * gs.font_size * gs.hscale
                };
                let (x1, _) = m.apply(ox + advance, oy);
                let (dx, dy) = m.apply_vector(1.0, 0.0);
                let upright = dx > 0.0 && dy.abs() <= dx * 0.01;
                let text = match font.unicode(doc, code, len, cid) {
                    Some(Uni::Char(c)) => GlyphText::Char(c),
                    Some(Uni::Str(s)) => GlyphText::Str(s),
                    None => GlyphText::Unknown { cid },
                };
                self.out.glyphs.push(Glyph {
                    x,
                    y,
                    x1: if upright { x1 } else { x + size * w0 },
                    top: y - font.ascent * size,
                    bottom: y - font.descent * size,
                    size,
                    text,
                    invisible,
                    upright,
                    vertical: font.vertical,
                });
            }
            let spacing = gs.char_space
                + if font.is_word_space(code, len) {
                    gs.word_space
                } else {
                    0.0
                };
            self.tm = if font.vertical {
                Matrix::translate(0.0, -gs.font_size + spacing)
            } else {
                Matrix::translate((w0 * gs.font_size + spacing) * gs.hscale, 0.0)
            }
            .then(&self.tm);
        }
    }

    fn point(&self, x: f64, y: f64, curve: bool) -> PathPoint {
        let (x, y) = self.gs.ctm.apply(x, y);
        PathPoint { x, y, curve }
    }

    fn line_to(&mut self, x: f64, y: f64, curve: bool) {
        let p = self.point(x, y, curve);
        match self.path.last_mut() {
            Some(sub) if !sub.closed && !sub.rect => {
                if sub.points.len() < limits::MAX_PATH_POINTS {
                    sub.points.push(p);
                }
            }
            _ => {
                if self.path.len() < limits::MAX_SUBPATHS {
                    self.path.push(SubPath {
                        points: vec![p],
                        ..SubPath::default()
                    });
                }
            }
        }
    }

    fn paint(&mut self, stroke: bool, fill: bool, close: bool) {
        let clip = std::mem::take(&mut self.clip_pending);
        let path = std::mem::take(&mut self.path);
        for mut sub in path {
            if close {
                sub.closed = true;
            }
            if let Some((x0, y0, x1, y1)) = rectangle(&sub) {
                if stroke || fill {
                    self.painted_rect(x0, y0, x1, y1);
                } else if clip {
                    self.push_rect(x0, y0, x1, y1);
                }
                continue;
            }
            if !stroke {
                continue;
            }
            let n = sub.points.len();
            let closing = if sub.closed && n > 2 { 1 } else { 0 };
            for i in 1..n + closing {
                let a = sub.points[i - 1];
                let b = sub.points[i % n];
                if i < n && b.curve {
                    continue;
                }
                self.push_line(a.x, a.y, b.x, b.y);
            }
        }
    }

    /// A filled or stroked rectangle: a thin one is a ruling line, others are boxes.
    fn painted_rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        let (w, h) = (x1 - x0, y1 - y0);
        if h <= limits::THIN_RULE && w > h {
            let y = (y0 + y1) / 2.0;
            self.push_segment(x0, y, x1, y, SegmentKind::Horizontal);
        } else if w <= limits::THIN_RULE && h > w {
            let x = (x0 + x1) / 2.0;
            self.push_segment(x, y0, x, y1, SegmentKind::Vertical);
        } else {
            self.push_rect(x0, y0, x1, y1);
        }
    }

    fn push_line(&mut self, ax: f64, ay: f64, bx: f64, by: f64) {
        let (dx, dy) = ((bx - ax).abs(), (by - ay).abs());
        if dy <= limits::AXIS_TOLERANCE && dx >= limits::MIN_RULE {
            let y = (ay + by) / 2.0;
            self.push_segment(ax.min(bx), y, ax.max(bx), y, SegmentKind::Horizontal);
        } else if dx <= limits::AXIS_TOLERANCE && dy >= limits::MIN_RULE {
            let x = (ax + bx) / 2.0;
            self.push_segment(x, ay.min(by), x, ay.max(by), SegmentKind::Vertical);
        }
    }

    /// A rectangle (clip, fill or stroke), skipping ones that cover the whole page and repeats.
    fn push_rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        let (w, h) = (x1 - x0, y1 - y0);
        if w >= self.page_width * 0.9 && h >= self.page_height * 0.9 {
            return;
        }
        if w < limits::MIN_RULE && h < limits::MIN_RULE {
            return;
        }
        let key = (
            (x0 * 10.0).round() as i64,
            (y0 * 10.0).round() as i64,
            (x1 * 10.0).round() as i64,
            (y1 * 10.0).round() as i64,
        );
        if !self.rect_keys.insert(key) {
            return;
        }
        self.push_segment(x0, y0, x1, y1, SegmentKind::Rect);
    }

    fn push_segment(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, kind: SegmentKind) {
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            return;
        }
        if self.out.segments.len() >= limits::MAX_SEGMENTS {
            self.budget.exhausted = true;
            return;
        }
        self.out.segments.push(Segment {
            x0,
            y0,
            x1,
            y1,
            kind,
        });
    }

    fn do_xobject(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| obj::dict(doc, r.get(b"XObject").ok()))
            .and_then(|x| x.get(name).ok())
        else {
            return;
        };
        let id = entry.as_reference().ok();
        let Some(stream) = obj::stream_of(doc, Some(entry)) else {
            return;
        };
        if obj::name(doc, stream.dict.get(b"Subtype").ok()) == Some(b"Image") {
            super::images::record(&mut self.out.images, id, self.gs.ctm);
            return;
        }
        if obj::name(doc, stream.dict.get(b"Subtype").ok()) != Some(b"Form") {
            return;
        }
        if self.forms.len() >= limits::MAX_FORM_DEPTH {
            self.budget.exhausted = true;
            return;
        }
        if let Some(id) = id {
            if self.forms.contains(&id) {
                return;
            }
        }
        let limit = limits::MAX_CONTENT_STREAM.min(self.budget.content_bytes);
        let Ok(content) =
            stream
                .decompressed_content_with_limit(limit)
                .or_else(|e| match stream.filters() {
                    Ok(f) if f.is_empty() && stream.content.len() <= limit => {
                        Ok(stream.content.clone())
                    }
                    _ => Err(e),
                })
        else {
            return;
        };
        self.budget.content_bytes = self.budget.content_bytes.saturating_sub(content.len());
        let matrix = obj::numbers(doc, stream.dict.get(b"Matrix").ok())
            .and_then(|v| Matrix::from_slice(&v))
            .unwrap_or(Matrix::IDENTITY);
        let form_resources = obj::dict(doc, stream.dict.get(b"Resources").ok()).or(resources);
        let saved_gs = self.gs.clone();
        let saved_depth = self.stack.len();
        let saved_text = (self.tm, self.tlm);
        let saved_path = std::mem::take(&mut self.path);
        self.gs.ctm = matrix.then(&self.gs.ctm);
        self.forms.push(id.unwrap_or((0, 0)));
        self.run(&content, form_resources);
        self.forms.pop();
        self.stack.truncate(saved_depth);
        self.gs = saved_gs;
        (self.tm, self.tlm) = saved_text;
        self.path = saved_path;
    }
}

/// An axis-parallel rectangle `(x0, y0, x1, y1)` if the subpath is one.
fn rectangle(sub: &SubPath) -> Option<(f64, f64, f64, f64)> {
    let mut pts: &[PathPoint] = &sub.points;
    if pts.iter().any(|p| p.curve) {
        return None;
    }
    if pts.len() == 5 {
        let (a, e) = (pts[0], pts[4]);
        if (a.x - e.x).abs() <= limits::AXIS_TOLERANCE
            && (a.y - e.y).abs() <= limits::AXIS_TOLERANCE
        {
            pts = &pts[..4];
        }
    }
    if pts.len() != 4 || !(sub.closed || sub.rect || sub.points.len() == 5) {
        return None;
    }
    let near = |a: f64, b: f64| (a - b).abs() <= limits::AXIS_TOLERANCE;
    let parallel = (0..4).all(|i| {
        let (a, b) = (pts[i], pts[(i + 1) % 4]);
        near(a.x, b.x) || near(a.y, b.y)
    });
    if !parallel {
        return None;
    }
    let x0 = pts.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    let x1 = pts.iter().map(|p| p.x).fold(f64::NEG_INFINITY, f64::max);
    let y0 = pts.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    let y1 = pts.iter().map(|p| p.y).fold(f64::NEG_INFINITY, f64::max);
    Some((x0, y0, x1, y1))
}
