"""Blocks → DOCX (python-docx), converted to PDF by LibreOffice like a Word/WPS document."""

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


def set_font(run, name, size=None, bold=False):
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(a), name)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold


def add_page_field(paragraph):
    """`- N -` with N a PAGE field."""
    r = paragraph.add_run("- ")
    set_font(r, SERIF, 10.5)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    inner = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    inner.append(t)
    fld.append(inner)
    paragraph._p.append(fld)
    r2 = paragraph.add_run(" -")
    set_font(r2, SERIF, 10.5)


def no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement("w:" + side)
        e.set(qn("w:val"), "nil")
        borders.append(e)
    tbl_pr.append(borders)


def mark_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    tr_pr.append(h)


def add_table(doc, t, width_mm):
    # Lay the spanned cells out on a grid first.
    ncols = sum(c.colspan for c in t.rows[0])
    nrows = len(t.rows)
    occupied = [[False] * ncols for _ in range(nrows)]
    placed = []
    for r, row in enumerate(t.rows):
        col = 0
        for c in row:
            while col < ncols and occupied[r][col]:
                col += 1
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    occupied[r + dr][col + dc] = True
            placed.append((r, col, c))
            col += c.colspan
    table = doc.add_table(rows=nrows, cols=ncols)
    if t.borders:
        table.style = "Table Grid"
    else:
        no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(t.widths)
    widths = [Mm(width_mm * w / total) for w in t.widths]
    for i, column in enumerate(table.columns):
        column.width = widths[i]
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]
    for r, col, c in placed:
        cell = table.cell(r, col)
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(table.cell(r + c.rowspan - 1, col + c.colspan - 1))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        if c.kind in ("value", "head") or c.vertical:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        text = "\n".join(c.text) if c.vertical else c.text
        run = p.add_run(text)
        set_font(run, SERIF, t.font_pt)
    if t.repeat_header:
        for i in range(t.header_rows):
            mark_header(table.rows[i])
    return table


def render(blocks, opts, path):
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(22)
    sec.top_margin = sec.bottom_margin = Mm(25)
    body_width = 210 - 44
    normal = doc.styles["Normal"]
    normal.font.name = SERIF
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), SERIF)
    if opts.get("footer", True):
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_page_field(fp)
    core = doc.core_properties
    core.title = opts.get("docx_title", "")
    core.author = ""
    for b in blocks:
        if b.kind == "title":
            for line in b.lines:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                set_font(p.add_run(line), SANS, 18, bold=True)
        elif b.kind == "heading":
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24)
            set_font(p.add_run(b.text), SANS, 14)
        elif b.kind == "para":
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24)
            p.paragraph_format.line_spacing = 1.4
            set_font(p.add_run(b.text), SERIF, 12)
        elif b.kind == "table":
            add_table(doc, b.table, body_width)
        elif b.kind == "pagebreak":
            doc.add_page_break()
        elif b.kind == "signature":
            for line in b.lines:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                set_font(p.add_run(line), SERIF, 12)
    doc.save(path)
