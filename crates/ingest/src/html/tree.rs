//! A compact, bounded HTML tree built by html5ever.
//!
//! html5ever tokenizes and builds the tree by the HTML standard; this module is its sink. Nodes
//! live in one `Vec` linked by `u32` indices (no reference counting, no per-node allocation for
//! elements), and only what the reader uses is kept: the tag name, the `class`, `id`,
//! `colspan` and `rowspan` attributes, and text. Long attributes (inline images, scripts in
//! `onclick`) are dropped on the way in.
//!
//! The sink also enforces the limits of one page: at most [`MAX_NODES`] nodes and element
//! nesting at most [`MAX_NESTING`] deep (html5ever's tree construction costs time in proportion
//! to the depth of open elements for each new tag). Past a limit it stops adding nodes and
//! records why; [`parse`] feeds the page in slices and stops at the next slice, and also when
//! the file's time budget runs out. Memory is therefore bounded by the input size plus
//! `MAX_NODES` small nodes.

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{parse_document, Attribute, ExpandedName, LocalName, ParseOpts, QualName};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use xxgk_model::budget;

/// The most nodes of one page (a real report page has a few thousand).
pub const MAX_NODES: usize = 400_000;
/// The deepest element nesting accepted.
pub const MAX_NESTING: u32 = 3_000;
/// Attributes longer than this are not kept.
const MAX_ATTR: usize = 256;
/// Bytes of input fed to the parser between two checks of the limits.
const SLICE: usize = 16 << 10;

/// A node index.
pub type NodeId = u32;
const NONE: NodeId = u32::MAX;
/// The document node.
pub const DOCUMENT: NodeId = 0;
/// Where nodes go once the tree is full: never linked, never read.
const DISCARD: NodeId = 1;

/// What a node is.
#[derive(Debug)]
pub enum Kind {
    Document,
    Element {
        tag: LocalName,
        /// Kept attributes (`class`, `id`, `colspan`, `rowspan`, `src`).
        attrs: Vec<(LocalName, Box<str>)>,
    },
    Text(String),
    /// Comments, processing instructions, doctypes: kept only as placeholders.
    Other,
}

#[derive(Debug)]
struct Node {
    kind: Kind,
    parent: NodeId,
    first: NodeId,
    last: NodeId,
    prev: NodeId,
    next: NodeId,
    depth: u32,
}

/// Why the tree stopped growing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    TooManyNodes,
    TooDeep,
    OutOfTime,
}

/// A parsed page.
#[derive(Debug)]
pub struct Tree {
    nodes: Vec<Node>,
    /// Set when a limit stopped the parse (the tree is then incomplete).
    pub stopped: Option<Stop>,
}

impl Tree {
    /// The node's kind.
    pub fn kind(&self, id: NodeId) -> &Kind {
        &self.nodes[id as usize].kind
    }

    /// Number of nodes (indices run from 0 to `node_count() - 1`).
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The children of a node, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            tree: self,
            next: self.nodes[id as usize].first,
        }
    }

    /// The element's tag name (`None` for other nodes).
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        match self.kind(id) {
            Kind::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    /// Whether the node is the element `tag`.
    pub fn is_tag(&self, id: NodeId, tag: &str) -> bool {
        self.tag(id) == Some(tag)
    }

    /// A kept attribute.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        match self.kind(id) {
            Kind::Element { attrs, .. } => {
                attrs.iter().find(|(n, _)| &**n == name).map(|(_, v)| &**v)
            }
            _ => None,
        }
    }
}

/// Iterator over the children of a node.
pub struct Children<'a> {
    tree: &'a Tree,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.tree.nodes[id as usize].next;
        Some(id)
    }
}

/// Parse a decoded page within the limits.
pub fn parse(text: &str) -> Tree {
    let stop = Rc::new(Cell::new(None));
    let sink = Sink {
        nodes: RefCell::new(vec![
            Node::new(Kind::Document, 0),
            Node::new(Kind::Other, 0),
        ]),
        stop: stop.clone(),
        unknown: QualName::new(None, html5ever::ns!(), html5ever::local_name!("")),
    };
    let mut parser = parse_document(sink, ParseOpts::default());
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(SLICE);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (slice, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(slice));
        rest = tail;
        if stop.get().is_none() && budget::expired_now() {
            stop.set(Some(Stop::OutOfTime));
        }
        if stop.get().is_some() {
            break;
        }
    }
    let mut tree = parser.finish();
    tree.stopped = tree.stopped.or(stop.get());
    tree
}

impl Node {
    fn new(kind: Kind, depth: u32) -> Node {
        Node {
            kind,
            parent: NONE,
            first: NONE,
            last: NONE,
            prev: NONE,
            next: NONE,
            depth,
        }
    }
}

/// A handle: the node index, and for elements the name (html5ever asks for it by reference).
#[derive(Clone)]
pub struct Handle(Rc<(NodeId, Option<QualName>)>);

impl Handle {
    fn id(&self) -> NodeId {
        self.0 .0
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    stop: Rc<Cell<Option<Stop>>>,
    /// The name given for a non-element (html5ever never asks; no panic if it does).
    unknown: QualName,
}

fn kept(name: &LocalName) -> bool {
    matches!(&**name, "class" | "id" | "colspan" | "rowspan" | "src")
}

impl Sink {
    fn new_node(&self, kind: Kind) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        if self.stop.get().is_some() {
            return DISCARD;
        }
        if nodes.len() >= MAX_NODES {
            self.stop.set(Some(Stop::TooManyNodes));
            return DISCARD;
        }
        nodes.push(Node::new(kind, 0));
        (nodes.len() - 1) as NodeId
    }

    fn handle(&self, id: NodeId, name: Option<QualName>) -> Handle {
        Handle(Rc::new((id, name)))
    }

    /// `id` follows `prev` among the children of `parent` (is the first child when `prev` is
    /// `NONE`).
    fn set_next(nodes: &mut [Node], parent: NodeId, prev: NodeId, id: NodeId) {
        if prev != NONE {
            nodes[prev as usize].next = id;
        } else {
            nodes[parent as usize].first = id;
        }
    }

    /// `id` precedes `next` among the children of `parent` (is the last child when `next` is
    /// `NONE`).
    fn set_prev(nodes: &mut [Node], parent: NodeId, next: NodeId, id: NodeId) {
        if next != NONE {
            nodes[next as usize].prev = id;
        } else {
            nodes[parent as usize].last = id;
        }
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        let (parent, prev, next) = {
            let n = &nodes[id as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        Self::set_next(nodes, parent, prev, next);
        Self::set_prev(nodes, parent, next, prev);
        let n = &mut nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    /// Link `id` under `parent`, before `before` (or last when `NONE`).
    fn link(&self, nodes: &mut [Node], parent: NodeId, id: NodeId, before: NodeId) {
        Self::detach(nodes, id);
        let prev = if before == NONE {
            nodes[parent as usize].last
        } else {
            nodes[before as usize].prev
        };
        {
            let n = &mut nodes[id as usize];
            n.parent = parent;
            n.prev = prev;
            n.next = before;
        }
        Self::set_next(nodes, parent, prev, id);
        Self::set_prev(nodes, parent, before, id);
        let depth = nodes[parent as usize].depth + 1;
        nodes[id as usize].depth = depth;
        if depth > MAX_NESTING && self.stop.get().is_none() {
            self.stop.set(Some(Stop::TooDeep));
        }
    }

    /// Insert a node or text under `parent` before `before` (`NONE`: at the end), merging
    /// text with a text node just before it.
    fn insert(&self, parent: NodeId, before: NodeId, child: NodeOrText<Handle>) {
        if parent == DISCARD {
            return;
        }
        match child {
            NodeOrText::AppendNode(h) => {
                let id = h.id();
                if id == DISCARD {
                    return;
                }
                let mut nodes = self.nodes.borrow_mut();
                self.link(&mut nodes, parent, id, before);
            }
            NodeOrText::AppendText(t) => {
                {
                    let mut nodes = self.nodes.borrow_mut();
                    let prev = if before == NONE {
                        nodes[parent as usize].last
                    } else {
                        nodes[before as usize].prev
                    };
                    if prev != NONE {
                        if let Kind::Text(s) = &mut nodes[prev as usize].kind {
                            s.push_str(&t);
                            return;
                        }
                    }
                }
                let id = self.new_node(Kind::Text(t.to_string()));
                if id != DISCARD {
                    let mut nodes = self.nodes.borrow_mut();
                    self.link(&mut nodes, parent, id, before);
                }
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Tree;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Tree {
        Tree {
            nodes: self.nodes.into_inner(),
            stopped: self.stop.get(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.handle(DOCUMENT, None)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        match &target.0 .1 {
            Some(name) => name.expanded(),
            None => self.unknown.expanded(),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let attrs = attrs
            .into_iter()
            .filter(|a| kept(&a.name.local) && a.value.len() <= MAX_ATTR)
            .map(|a| (a.name.local, Box::from(&*a.value)))
            .collect();
        let id = self.new_node(Kind::Element {
            tag: name.local.clone(),
            attrs,
        });
        if flags.template {
            // The template's contents: a detached document fragment, never read.
            let _ = self.new_node(Kind::Other);
        }
        self.handle(id, Some(name))
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        let id = self.new_node(Kind::Other);
        self.handle(id, None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        let id = self.new_node(Kind::Other);
        self.handle(id, None)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.insert(parent.id(), NONE, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent =
            element.id() != DISCARD && self.nodes.borrow()[element.id() as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        // The node created right after a template element holds its contents.
        let id = target.id();
        let next = if id == DISCARD || id as usize + 1 >= self.nodes.borrow().len() {
            DISCARD
        } else {
            id + 1
        };
        self.handle(next, None)
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        // Discarded nodes share an index but are distinct nodes.
        if x.id() == DISCARD || y.id() == DISCARD {
            return Rc::ptr_eq(&x.0, &y.0);
        }
        x.id() == y.id()
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let sib = sibling.id();
        if sib == DISCARD {
            return;
        }
        let parent = self.nodes.borrow()[sib as usize].parent;
        if parent == NONE {
            return;
        }
        self.insert(parent, sib, new_node);
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        if target.id() == DISCARD {
            return;
        }
        let mut nodes = self.nodes.borrow_mut();
        if let Kind::Element { attrs: have, .. } = &mut nodes[target.id() as usize].kind {
            for a in attrs {
                if kept(&a.name.local)
                    && a.value.len() <= MAX_ATTR
                    && !have.iter().any(|(n, _)| *n == a.name.local)
                {
                    have.push((a.name.local, Box::from(&*a.value)));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        if target.id() != DISCARD {
            Self::detach(&mut self.nodes.borrow_mut(), target.id());
        }
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let (from, to) = (node.id(), new_parent.id());
        if from == DISCARD || to == DISCARD {
            return;
        }
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[from as usize].first;
        while child != NONE {
            let next = nodes[child as usize].next;
            self.link(&mut nodes, to, child, NONE);
            child = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &Tree, id: NodeId, out: &mut String) {
        if let Kind::Text(s) = t.kind(id) {
            out.push_str(s);
        }
        for c in t.children(id) {
            texts(t, c, out);
        }
    }

    #[test]
    fn builds_the_standard_tree_with_kept_attributes() {
        let t = parse(r#"<p class="a" style="x">one<b>two</b><table><td colspan=2>3</table>"#);
        assert_eq!(t.stopped, None);
        let mut s = String::new();
        texts(&t, DOCUMENT, &mut s);
        // Foster parenting and implied tbody/tr follow the standard.
        assert_eq!(s, "onetwo3");
        let td = (0..t.node_count() as NodeId)
            .find(|&i| t.is_tag(i, "td"))
            .unwrap();
        assert_eq!(t.attr(td, "colspan"), Some("2"));
        let p = (0..t.node_count() as NodeId)
            .find(|&i| t.is_tag(i, "p"))
            .unwrap();
        assert_eq!(t.attr(p, "class"), Some("a"));
        assert_eq!(t.attr(p, "style"), None);
    }

    #[test]
    fn misnested_tags_are_repaired() {
        // The adoption agency algorithm moves nodes between parents.
        let t = parse("<b>1<p>2</b>3</p>");
        let mut s = String::new();
        texts(&t, DOCUMENT, &mut s);
        assert_eq!(s, "123");
    }

    #[test]
    fn deep_nesting_stops_the_parse() {
        let page = "<div>".repeat(20_000);
        let t = parse(&page);
        assert_eq!(t.stopped, Some(Stop::TooDeep));
    }

    #[test]
    fn too_many_nodes_stop_the_parse() {
        let page = "<span>x</span>".repeat(MAX_NODES / 2 + 10);
        let t = parse(&page);
        assert_eq!(t.stopped, Some(Stop::TooManyNodes));
        assert!(t.node_count() <= MAX_NODES);
    }
}
