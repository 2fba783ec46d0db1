#!/usr/bin/env python3
"""More derived text, made by the converters people actually run on reports (issue 11, second
round): corpus/reports/derived/ + corpus/truth/derived/, beside corpus/gen/derive_text.py (whose
`write` this uses: truth = the source's truth with `source` replaced, agency null when the text
has no title line).

Run from the repository root:  python3 corpus/gen/derive_tools.py [pdf|docx|html|regressions]
Needs: poppler-utils (pdftotext), pandoc, w3m, lynx (apt); pymupdf, pymupdf4llm, markitdown[docx,pdf],
inscriptis, trafilatura, docx2txt, python-docx, docx2python (pip). Versions used: pdftotext 22.12, pandoc 2.17,
w3m 0.5.3, lynx 2.9.0dev.12, PyMuPDF 2.0 / pymupdf4llm 2.0, markitdown 0.1.9, inscriptis 2.7.6,
trafilatura 2.3.1, docx2txt 0.9, python-docx 1.2.0, docx2python 3.7.1. Deterministic for the same versions.

Kinds (<src> is the source document's stem):

  PDF (the real huaian-2024.pdf and rendered variants)
    <src>-layout.txt     `pdftotext -layout` (columns kept by spaces; one cell per glyph)
    <src>-pdftotext.txt  plain `pdftotext` (poppler's reading order: a table comes cell by cell
                         or column by column, wrapped labels split)
    <src>-mupdf.txt      PyMuPDF `page.get_text()` (one line per text span, in content order)
    <src>-mupdf-blocks.txt PyMuPDF `get_text("blocks")`, each block's lines joined by a space
    <src>-mupdf4llm-md.txt pymupdf4llm `to_markdown()` (layout mode, no OCR): pipe tables,
                         wrapped labels as `<br>`, group labels merged into the row labels
    <src>-markitdown-md.txt markitdown (pdfminer inside) of the PDF
  DOCX
    <src>-pandoc-md.txt  pandoc → gfm (merged cells make HTML tables or grid rows)
    <src>-pandoc-plain.txt pandoc → plain (tables drawn with dashes and spaces)
    <src>-markitdown-md.txt markitdown (mammoth → HTML → Markdown)
    <src>-docx2txt.txt   docx2txt (every paragraph and cell on its own lines, blank lines between)
    <src>-docx-paras.txt python-docx: `doc.paragraphs` then every table's `row.cells` text joined by tabs
  HTML pages
    <src>-w3m.txt        `w3m -dump` (tables drawn with box characters or spaces)
    <src>-lynx.txt       `lynx -dump -nolist` (tables flattened, cells separated by spaces)
    <src>-pandoc-md.txt  pandoc html → gfm
    <src>-pandoc-plain.txt pandoc html → plain
    <src>-inscriptis.txt inscriptis `get_text` (tables laid out in columns)
    <src>-trafilatura.txt trafilatura `extract` (main text; tables as `|` rows)
    <src>-markitdown-md.txt markitdown of the page
"""

import io
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_text import REPORTS, read_html, write  # noqa: E402

PDFS = [
    ("huaian-2024.pdf", "huaian-2024.json"),
    ("variants/v2021-docx.pdf", "variants/v2021-docx.json"),
    ("variants/v2019-html.pdf", "variants/v2019-html.json"),
    ("variants/split-footer.pdf", "variants/split-footer.json"),
    ("variants/wrapped-vertical.pdf", "variants/wrapped-vertical.json"),
    ("variants/v2021-chromium.pdf", "variants/v2021-chromium.json"),
]
DOCXS = [
    ("variants/v2021-docx-source.docx", "variants/v2021-docx-source.json"),
    ("formats/huaian-2024.docx", "formats/huaian-2024.json"),
]
PAGES = [
    ("variants/v2019-html-source.html", "variants/v2019-html-source.json"),
    ("variants/title-year-first-source.html", "variants/title-year-first-source.json"),
    ("formats/huaian-2024-gbk.html", "formats/huaian-2024-gbk.json"),
]


def run(args, stdin=None):
    return subprocess.run(args, input=stdin, check=True, capture_output=True).stdout.decode("utf-8")


def pdf_tools(src, truth, only=None, pdf=None, stem=None):
    """Every PDF converter on `src` (or the kinds in `only`: "layout", "pdftotext", "mupdf",
    "mupdf-blocks", "mupdf4llm-md", "markitdown-md", "raw", and the ones used only for
    regressions: "mupdf-sort", "pypdf-layout", "plumber-text", "pdfium", "pdfium-bounded"). `pdf`/`stem`: a PDF made
    from `src` elsewhere and the name of its outputs."""
    import pymupdf
    import pymupdf4llm

    pdf = pdf or REPORTS / src
    stem = stem or Path(src).stem

    def blocks():
        out = []
        for page in pymupdf.open(str(pdf)):
            for b in page.get_text("blocks"):
                if b[6] == 0:  # a text block
                    out.append(re.sub(r"\s*\n\s*", " ", b[4]).strip())
        return "\n".join(out) + "\n"

    tools = {
        "layout": (lambda: run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"]),
                   "pdftotext -layout"),
        "pdftotext": (lambda: run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"]),
                      "pdftotext (reading order)"),
        "mupdf": (lambda: "\f".join(p.get_text() for p in pymupdf.open(str(pdf))),
                  "PyMuPDF get_text()"),
        "mupdf-blocks": (blocks, "PyMuPDF get_text('blocks'), one line per block"),
        "mupdf4llm-md": (lambda: pymupdf4llm.to_markdown(str(pdf), use_ocr=False, show_progress=False),
                         "pymupdf4llm to_markdown (no OCR)"),
        "markitdown-md": (lambda: markitdown(pdf), "markitdown of the PDF"),
        "raw": (lambda: run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"]), "pdftotext -raw"),
        "mupdf-sort": (lambda: "\f".join(p.get_text(sort=True) for p in pymupdf.open(str(pdf))),
                       "PyMuPDF get_text(sort=True)"),
        "pypdf-layout": (lambda: pypdf_layout(pdf), "pypdf extract_text(extraction_mode='layout')"),
        "plumber-text": (lambda: plumber_text(pdf), "pdfplumber extract_text()"),
        "pdfium": (lambda: pdfium_text(pdf), "pypdfium2 get_text_range()"),
        "pdfium-bounded": (lambda: pdfium_text(pdf, bounded=True), "pypdfium2 get_text_bounded()"),
        "pdfminer-lm": (lambda: pdfminer_text(pdf, line_margin=0.3),
                        "pdfminer.six extract_text(laparams=LAParams(line_margin=0.3))"),
        "pdfminer": (lambda: pdfminer_text(pdf), "pdfminer.six extract_text() (default LAParams)"),
        "pdfminer-bf": (lambda: pdfminer_text(pdf, boxes_flow=0.0),
                        "pdfminer.six extract_text(laparams=LAParams(boxes_flow=0.0))"),
    }
    regressions_only = {"raw", "mupdf-sort", "pypdf-layout", "plumber-text", "pdfium", "pdfium-bounded",
                        "pdfminer-lm", "pdfminer", "pdfminer-bf"}
    default = [k for k in tools if k not in regressions_only]  # -raw of these PDFs: derive_text.py
    for kind in only or default:
        make, how = tools[kind]
        write(f"{stem}-{kind}.txt", make(), truth, how)


def pdfminer_text(path, **laparams):
    import logging

    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return extract_text(str(path), laparams=LAParams(**laparams))


def pdfium_text(path, bounded=False):
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    pages = (doc[i].get_textpage() for i in range(len(doc)))
    return "\f".join(p.get_text_bounded() if bounded else p.get_text_range() for p in pages)


def pypdf_layout(path):
    import pypdf

    return "\f".join(p.extract_text(extraction_mode="layout") or "" for p in pypdf.PdfReader(str(path)).pages)


def plumber_text(path):
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\f".join(p.extract_text() or "" for p in pdf.pages)


def markitdown(path):
    from markitdown import MarkItDown

    return MarkItDown(enable_plugins=False).convert(str(path)).text_content + "\n"


def docx_tools(src, truth):
    import docx
    import docx2txt

    path = REPORTS / src
    stem = Path(src).stem
    if not stem.endswith("-source"):  # formats/huaian-2024.docx beside huaian-2024.pdf
        stem += "-docx"
    write(f"{stem}-pandoc-md.txt", run(["pandoc", "-f", "docx", "-t", "gfm", str(path)]), truth,
          "pandoc docx → gfm")
    write(f"{stem}-pandoc-plain.txt", run(["pandoc", "-f", "docx", "-t", "plain", str(path)]), truth,
          "pandoc docx → plain")
    write(f"{stem}-markitdown-md.txt", markitdown(path), truth, "markitdown of the DOCX")
    write(f"{stem}-docx2txt.txt", docx2txt.process(str(path)), truth, "docx2txt")
    d = docx.Document(str(path))
    lines = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            lines.append("\t".join(c.text.replace("\n", " ") for c in row.cells))
    write(f"{stem}-docx-paras.txt", "\n".join(lines) + "\n", truth,
          "python-docx paragraphs, then the tables' row.cells joined by tabs")


def page_tools(src, truth):
    import inscriptis
    import trafilatura

    path = REPORTS / src
    stem = Path(src).stem
    html = read_html(path)
    data = html.encode("utf-8")
    write(f"{stem}-w3m.txt", run(["w3m", "-dump", "-T", "text/html", "-cols", "100",
                                  "-I", "UTF-8", "-O", "UTF-8"], data), truth, "w3m -dump")
    write(f"{stem}-lynx.txt", run(["lynx", "-dump", "-nolist", "-width=100", "-stdin",
                                   "-assume_charset=utf-8", "-display_charset=utf-8"], data),
          truth, "lynx -dump -nolist")
    write(f"{stem}-pandoc-md.txt", run(["pandoc", "-f", "html", "-t", "gfm"], data), truth,
          "pandoc html → gfm")
    write(f"{stem}-pandoc-plain.txt", run(["pandoc", "-f", "html", "-t", "plain"], data), truth,
          "pandoc html → plain")
    write(f"{stem}-inscriptis.txt", inscriptis.get_text(html) + "\n", truth, "inscriptis get_text")
    text = trafilatura.extract(html, include_tables=True, favor_recall=True) or ""
    write(f"{stem}-trafilatura.txt", text + "\n", truth, "trafilatura extract (tables kept)")
    tmp = Path("/tmp") / f"{stem}.html"
    tmp.write_text(html, encoding="utf-8")
    write(f"{stem}-markitdown-md.txt", markitdown(tmp), truth, "markitdown of the page")


# Regressions: the converters above on more variants, kept where the reader once wrote a wrong
# number from them (rows printed empty, blank zeros, a rotated page, thousands separators).
REGRESSIONS = [
    ("variants/borderless.pdf", "variants/borderless.json", ["layout"]),
    ("variants/thousands.pdf", "variants/thousands.json", ["layout"]),
    ("variants/single-other.pdf", "variants/single-other.json", ["layout"]),
    ("variants/hongze-2024.pdf", "variants/hongze-2024.json", ["layout"]),
    ("variants/blank-zeros.pdf", "variants/blank-zeros.json", ["raw", "markitdown-md", "layout"]),
    # PyMuPDF writes a cell printed empty as a line holding a no-break space: a blank cell,
    # once dropped as an empty line (the rows came out a cell short and were not read).
    ("variants/blank-zeros.pdf", "variants/blank-zeros.json", ["mupdf"]),
    ("variants/rotated.pdf", "variants/rotated.json", ["markitdown-md"]),
    # Found on held-out converters (PyMuPDF sorted, pypdf's layout mode): a value list
    # swapped by a glued value, a row read blank with a stray group label after its values,
    # a blank beside a cell holding two numbers run together, a zero run into its label.
    ("variants/split-footer.pdf", "variants/split-footer.json", ["mupdf-sort"]),
    ("variants/single-other.pdf", "variants/single-other.json", ["mupdf-sort"]),
    ("variants/borderless.pdf", "variants/borderless.json", ["mupdf-sort"]),
    ("variants/thousands.pdf", "variants/thousands.json", ["pypdf-layout"]),
    ("huaian-2024.pdf", "huaian-2024.json", ["mupdf-sort"]),
    # A table printing dashes (`—`, `/`) for 0: PyMuPDF's text (one cell per line, read row by
    # row only when the 勾稽 equations hold with a dash as 0) and markitdown's (table 四's
    # cells merged two a cell, read in order only when every group adds up, a dash as 0).
    ("variants/dash-cells.pdf", "variants/dash-cells.json", ["mupdf", "markitdown-md"]),
    # pdfium's text (pypdfium2, Chrome's PDF engine): a row's enumerator on a line of its own
    # and its mark starting the next (`1` / `.` / `属于国家秘密`), once read as values.
    ("variants/v2019-html.pdf", "variants/v2019-html.json", ["pdfium"]),
    # pdfium's bounded text: a row's cells run together where they are one digit each
    # (`0000000`, `10541011 112`), the run on a line of its own under its wrapped label.
    ("variants/hongze-2024.pdf", "variants/hongze-2024.json", ["pdfium-bounded"]),
    # pymupdf4llm sets table 四's value line as a list item (`- 1 0 0 0 1 0 …`): the bullet
    # was read as a dash cell, and with one value too many the stream reader dropped a `0` of
    # `0 0` as a merged cell's copy: every review cell one column off (found on held-out text).
    ("variants/label-typos.pdf", "variants/label-typos.json", ["mupdf4llm-md"]),
    # Plain pdftotext writes a label's line after the rest of its row where the row's cells
    # sit higher than the label (`0 0 0 1 0 3`, then `1.申请人无正当理由 2`): the stream
    # read in print order failed on that one value (parser/src/stream.rs `moved_reading`).
    ("variants/borderless.pdf", "variants/borderless.json", ["pdftotext"]),
    # Calc's PDF of a sheet through plain pdftotext: table 二's last columns printed after
    # table 三's row labels, before its column header (`10714 / 24 / 处理决定数量`), once read
    # as a block of table 三 with text after its values (nothing read); table 三 then comes in
    # bands of seven flows (parser/src/blocks.rs `restart`, bands.rs).
    ("exported/jingan-2019-xls-calc-tall.pdf", "exported/jingan-2019-xls-calc-tall.json", ["pdftotext"]),
    # pymupdf4llm of the same PDF: the sheet's name before the title in one heading
    # (`# Sheet1 **…报告**`, once part of the agency), and table 三's last two rows set as one
    # grid row, every cell holding a value of each (`|131<br>6|14<br>0|…`), once 25 of 198
    # read (parser/src/stream.rs `unstacked`).
    ("exported/jingan-2019-xls-calc-tall.pdf", "exported/jingan-2019-xls-calc-tall.json", ["mupdf4llm-md"]),
    # pdfminer.six (default LAParams): every cell of table 三 a text box of its own, 自然人's
    # cells of two tall rows written right after their label (`1.本机关不掌握相关政府信息 · 11
    # · 86`), the rest column by column (parser/src/one_value_pieces.rs); once nothing read.
    ("variants/social-org.pdf", "variants/social-org.json", ["pdfminer"]),
]


# A web page printed to PDF by Chromium (US Letter, no header or footer), then plain
# pdftotext: the same label lines after their rows (`3 0 0 3 0 58`, then `1.本机关不掌握相关
# 政府信息 52`), once 15 of 198 cells read.
REGRESSION_PRINTED_PAGES = [
    ("office/jingan-2019.mht", "office/jingan-2019-mht.json", "jingan-2019-mht-printed-pdftotext.txt"),
]


def printed_page_text(src, truth, name):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "page.pdf"
        run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", (REPORTS / src).resolve().as_uri()])
        text = run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"])
    write(name, text, truth, "Chromium --print-to-pdf (Letter), then pdftotext (plain)")

# LibreOffice's own PDF of an office document whose narrow columns wrap long numbers over two
# lines (`30` over `01` for 3001), through converters that once read the first piece alone.
REGRESSION_EXPORTED_PDFS = [
    # PyMuPDF's text (`mupdf`) writes a cell a line and the one-character label column a
    # character a line (`行` / `政` / `处` / `罚`), the header's characters run into the first
    # label; the fee's label wrapped around its value (one_per_line.rs, detached.rs
    # wrapped_around).
    ("office/huaian-2024.odt", "office/huaian-2024-odt.json", "huaian-2024-odt-pdf",
     ["layout", "plumber-text", "mupdf-sort", "mupdf-blocks", "mupdf"]),
    # Its row labels set vertically and a row split at the page: pdfminer (line_margin 0.3)
    # writes the next row's values right after the page break, once read as the values of the
    # label before the break (a confidently wrong total).
    # Through PyMuPDF's text (every line of a cell a line): table 四's 178 and 351 wrapped in
    # their narrow cells as `17` / `8`, `35` / `1`, joined only the one way every group adds up.
    # Through plain pdftotext (`pdftotext`): every cell a flow of its own, the wrapped numbers
    # two-line flows, row 一 in the order of the header pieces it sits among; once 2 of 200
    # (parser/src/wrapped_stream.rs).
    # Through pdfminer with line_margin 0.3 and with boxes_flow 0: a character a box, no label
    # or header readable, table 三's rows in template order with bands of two and three rows
    # in other orders (parser/src/template_bands.rs; 17 of 200 before).
    ("office/huaian-2024.doc", "office/huaian-2024-doc.json", "huaian-2024-doc-pdf",
     ["pdfminer-lm", "mupdf", "pdftotext", "pdfminer-bf"]),
    # Calc's PDF of the sheet: cells set at the top of tall rows, so a row's values print on
    # the first line of the next row's wrapped label (two value lines under one label), once
    # read by the line they share (confidently wrong rows); `Page 2` footers inside table 三.
    ("office/huaian-2024.xls", "office/huaian-2024-xls.json", "huaian-2024-xls-pdf",
     ["layout", "markitdown-md"]),
    # The same in jingan-2019's sheet: once a label held two value lines, a row read from the
    # first line of a label that goes on below it is in doubt too (`1.本机关 | 5 …`, 8.'s
    # values, then `2.没有现 | 52 …`, 1.'s; once confidently wrong).
    # markitdown (pdfminer) merges the bottom line of one tall row with the top of the next:
    # `予公开 项1.本机关 | 5 …` holds the tail of 8.'s label, the head of （四）1.'s and 8.'s
    # values, once read as 1.'s (confidently wrong); `0 0` cells hold two columns' values.
    ("office/jingan-2019.xls", "office/jingan-2019-xls.json", "jingan-2019-xls-pdf",
     ["layout", "markitdown-md"]),
    # huaian-2024.xlsx in Calc: labels of neighbouring rows interleaved (`4.无正当` / `理由大量` /
    # `5.要求行` / `反复申请 | 0 …`), so only the value lines' order pins the rows: once a label
    # held two value lines, the whole table is read row by row in template order when every
    # equation holds (stream.rs read_t3_in_order); once 10 confidently wrong cells.
    # Through markitdown: `2、申请人 公开申请 | 67 …`, the head of （六）2.'s label and the tail
    # of 1.'s, beside 1.'s values (once read as 2.'s, confidently wrong).
    ("office/huaian-2024.xlsx", "office/huaian-2024-xlsx.json", "huaian-2024-xlsx-pdf",
     ["layout", "markitdown-md"]),
    # The Word document saved as a web page (`huaian-2024-page.doc`), through plain pdftotext:
    # table 三 in print order, row by row, but 结转下年度's last 0 written after the row's
    # 总计 (`103 0 0 0 0 103 0`), so the stream failed its equations; once 17 of 200
    # (parser/src/stream.rs `reordered_rows`).
    # Through markitdown: a row's first value on a line of its own before the row's grid line
    # (` 5`), taken as maybe continuing the row above (`30 / 5`) and its rows dropped by the
    # reader of detached labels: the whole table in print order is now read from the rows as
    # printed, the piece a value after its row (tables.rs `read_t3_as_printed`, stream.rs
    # `wrapped_piece`); once 94 of 200.
    ("office/huaian-2024-page.doc", "office/huaian-2024-page-doc.json", "huaian-2024-page-doc-pdf",
     ["pdftotext", "markitdown-md"]),
    # pymupdf4llm of LibreOffice's PDF of the .docx: row labels wrapped over lines and cut into
    # cells by position (`一、<br>府信<br>数量|本年新<br>息公开|收政<br>申请`, `（七<br>计|）总`),
    # read line by line across the cells (rows.rs `label_by_lines`); once 157 of 200.
    ("formats/huaian-2024.docx", "formats/huaian-2024.json", "huaian-2024-docx-pdf",
     ["mupdf4llm-md"]),
]


# LibreOffice's HTML export of an office document (narrow label columns that w3m wraps two
# characters a line: `（六  1、   67 …` / `）其  申请`), where the reader once shifted rows.
REGRESSION_PAGES = [
    ("office/huaian-2024.odt", "office/huaian-2024-odt.json", "huaian-2024-odt-w3m.txt"),
]


def exported_page_tools(src, truth, name):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        run(["soffice", "--headless", "--convert-to", "html", "--outdir", tmp, str(REPORTS / src)])
        html = (Path(tmp) / (Path(src).stem + ".html")).read_bytes()
    write(name, run(["w3m", "-dump", "-T", "text/html", "-cols", "100", "-I", "UTF-8", "-O", "UTF-8"],
                    html), truth, "LibreOffice → HTML, then w3m -dump")


# mammoth's Markdown of a Word document escapes `-1` and `96171.6` as `\-1`, `96171\.6`; the
# reader once took them for text in doubt.
REGRESSION_MAMMOTH = [
    ("formats/huaian-2024.docx", "formats/huaian-2024.json", "huaian-2024-docx-mammoth-md.txt"),
    ("office/jingan-2019-page.doc", "office/jingan-2019-page-doc.json",
     "jingan-2019-page-doc-mammoth-md.txt"),
]


# BeautifulSoup's `get_text("\n", strip=True)` of a saved page: a line per text node, so a
# label broken inside its cell (`行政许` / `可`) comes before its cells, one per line; the
# reader once left that table 二 unread.
REGRESSION_SOUP_LINES = [
    ("variants/title-year-first-source.html", "variants/title-year-first-source.json",
     "title-year-first-source-soup-lines.txt"),
]


# Chromium's text of a page as crawlers take it (Puppeteer/Playwright `document.body`):
# `textContent` keeps the page source's whitespace, so LibreOffice's HTML comes out one cell a
# line indented with tabs (read once as a grid of empty cells: tables 二 and 四 lost), and with
# whitespace collapsed the whole page is one line whose site navigation runs into the title
# (the agency was lost).
REGRESSION_CHROMIUM_TEXT = [
    ("office/huaian-2024.odt", "office/huaian-2024-odt.json",
     "huaian-2024-odt-lohtml-textcontent.txt", False),
    ("formats/huaian-2024-gbk.html", "formats/huaian-2024-gbk.json",
     "huaian-2024-gbk-textcontent-1line.txt", True),
]

CHROMIUM_TEXT_SCRIPT = """<script id="xxgk-script">window.addEventListener('load',()=>{
document.getElementById('xxgk-script').remove();const t=document.body.textContent;
document.body.innerHTML='';const p=document.createElement('pre');p.id='xxgk-text';p.textContent=t;
document.body.appendChild(p);});</script>"""


def chromium_text(src, truth, name, one_line):
    import tempfile

    from bs4 import BeautifulSoup

    path = REPORTS / src
    with tempfile.TemporaryDirectory() as tmp:
        if path.suffix not in (".html", ".htm"):
            run(["soffice", "--headless", "--convert-to", "html", "--outdir", tmp, str(path)])
            path = Path(tmp) / (path.stem + ".html")
        page = read_html(path)
        page = re.sub(r"charset\s*=\s*[\"']?[\w-]+", "charset=utf-8", page, count=1)
        if "<meta" not in page[:3000].lower():
            page = '<meta charset="utf-8">' + page
        copy = Path(tmp) / "page.html"
        copy.write_text(page + CHROMIUM_TEXT_SCRIPT, encoding="utf-8")
        dom = run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                   "--virtual-time-budget=5000", "--dump-dom", copy.as_uri()])
    text = BeautifulSoup(dom, "html.parser").find(id="xxgk-text").get_text()
    how = "Chromium document.body.textContent"
    if one_line:
        text, how = re.sub(r"\s+", " ", text), how + ", whitespace collapsed to one line"
    write(name, text, truth, how)


# pandoc's rst and AsciiDoc of a Word document: a table row written over several lines (a grid
# table wraps a narrow cell one digit a line, `7` / `2` for 72; AsciiDoc runs a row's cells over
# lines). Read line by line they once gave cut numbers and blank totals.
REGRESSION_PANDOC_MARKUP = [
    ("formats/huaian-2024.docx", "formats/huaian-2024.json", "huaian-2024-docx-pandoc-rst.txt", "rst"),
    ("formats/huaian-2024.docx", "formats/huaian-2024.json", "huaian-2024-docx-pandoc-asciidoc.txt",
     "asciidoc"),
    # MediaWiki: a cell a line (`| 规章` / `| 2` …), rows split by `|-`; pandoc's anchors
    # (`<span id=…></span>`) open the text. Read line by line, each cell was a one-cell pipe row
    # and table 二's rows came out blank.
    ("variants/title-year-first-source.html", "variants/title-year-first-source.json",
     "title-year-first-source-pandoc-mediawiki.txt", "mediawiki"),
    ("variants/v2019-html-source.html", "variants/v2019-html-source.json",
     "v2019-html-source-pandoc-mediawiki.txt", "mediawiki"),
]


# A report sheet saved as CSV by LibreOffice (UTF-8, every field quoted where needed): its records
# are the sheet's rows; a `.csv` was once skipped as data.
REGRESSION_SHEET_CSV = [
    ("office/huaian-2024.xls", "office/huaian-2024-xls.json", "huaian-2024-xls-csv.csv"),
]


def sheet_csv(src, truth, name):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        run(["soffice", "--headless", "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1',
             "--outdir", tmp, str(REPORTS / src)])
        text = (Path(tmp) / (Path(src).stem + ".csv")).read_text(encoding="utf-8")
    write(name, text, truth, "LibreOffice → CSV (UTF-8)")


# html-text (`html_text.extract_text`, the text extractor of Scrapy-based crawlers) of
# LibreOffice's page of a report: one cell a line, and the enumerators of （六）'s rows written a
# space apart from their mark (`1 、申请人无正当理由…`), once read as a value `1` that broke every
# reading of table 三 (33 of 200 cells).
REGRESSION_HTML_TEXT = [
    ("office/huaian-2024.odt", "office/huaian-2024-odt.json", "huaian-2024-odt-lohtml-htmltext.txt"),
]


def libreoffice(path, fmt, outdir):
    """`path` converted by LibreOffice to `fmt` in `outdir`; the converted file's path."""
    run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(path)])
    return Path(outdir) / (path.stem + "." + fmt)


def html_text_of_page(src, truth, name):
    import tempfile

    import html_text

    path = REPORTS / src
    with tempfile.TemporaryDirectory() as tmp:
        page = read_html(libreoffice(path, "html", tmp))
    write(name, html_text.extract_text(page), truth, "LibreOffice → HTML → html_text.extract_text")


def pandoc_markup(src, truth, name, fmt):
    kind = Path(src).suffix.lstrip(".")
    write(name, run(["pandoc", str(REPORTS / src), "-t", fmt]), truth, f"pandoc {kind} → {fmt}")


def soup_lines(src, truth, name):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(read_html(REPORTS / src), "html.parser")
    write(name, soup.get_text("\n", strip=True) + "\n", truth, 'BeautifulSoup get_text("\\n", strip=True)')


# A CMS page's spacer paragraphs (`<p>&nbsp;</p>`) around its tables, the page minified (no
# white space between tags), through BeautifulSoup's `get_text("\n")` (not stripped): the
# spacers are lines of a no-break space touching the tables' own lines, once read as cells of
# table 四 (its stream too long: not read).
REGRESSION_SOUP_SPACERS = [
    ("variants/v2019-html-source.html", "variants/v2019-html-source.json",
     "v2019-html-source-spacers-soup.txt"),
]


def soup_spacers(src, truth, name):
    from bs4 import BeautifulSoup

    page = re.sub(r">\s+<", "><", read_html(REPORTS / src))
    page = re.sub(r"(<table)", r"<p>&nbsp;</p>\1", page, flags=re.I)
    page = re.sub(r"(</table>)", r"\1<p>&nbsp;</p><p>&nbsp;</p>", page, flags=re.I)
    soup = BeautifulSoup(page, "html.parser")
    write(name, soup.get_text("\n") + "\n", truth,
          'spacer paragraphs around the tables of the minified page; BeautifulSoup get_text("\\n")')


def mammoth_markdown(src, truth, name):
    import tempfile

    import mammoth

    path = REPORTS / src
    with tempfile.TemporaryDirectory() as tmp:
        if path.suffix != ".docx":
            path = libreoffice(path, "docx", tmp)
        with open(path, "rb") as f:
            md = mammoth.convert_to_markdown(f).value
    write(name, md, truth, "mammoth → Markdown" + (" (LibreOffice → DOCX first)" if src.endswith(".doc") else ""))


# docx2python's text of a Word document: a cell a line, and a merged cell's text written in
# every slot it covers (`行政许可` / `447228` / `447228` / `447228`; 行政复议's 总计 twice in
# table 四's stream; `（七）总计` / `（七）总计`). The reader once left tables 二 and 四 and two
# rows of 三 unread.
REGRESSION_DOCX2PYTHON = [
    ("office/huaian-2024.doc", "office/huaian-2024-doc.json", "huaian-2024-doc-docx2python.txt"),
]


def docx2python_text(src, truth, name):
    import tempfile

    from docx2python import docx2python

    path = REPORTS / src
    with tempfile.TemporaryDirectory() as tmp:
        with docx2python(str(libreoffice(path, "docx", tmp))) as r:
            text = r.text
    write(name, text, truth, "docx2python .text (LibreOffice → DOCX first)")


def exported_pdf_tools(src, truth, stem, kinds):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(REPORTS / src)])
        pdf_tools(src, truth, kinds, pdf=Path(tmp) / (Path(src).stem + ".pdf"), stem=stem)


def main():
    only = set(sys.argv[1:])
    # (group named on the command line, entries, what makes an entry's files)
    jobs = [
        ("pdf", PDFS, pdf_tools),
        ("regressions", REGRESSIONS, pdf_tools),
        ("regressions", REGRESSION_PAGES, exported_page_tools),
        ("regressions", REGRESSION_EXPORTED_PDFS, exported_pdf_tools),
        ("regressions", REGRESSION_MAMMOTH, mammoth_markdown),
        ("regressions", REGRESSION_DOCX2PYTHON, docx2python_text),
        ("regressions", REGRESSION_SOUP_LINES, soup_lines),
        ("regressions", REGRESSION_SOUP_SPACERS, soup_spacers),
        ("regressions", REGRESSION_CHROMIUM_TEXT, chromium_text),
        ("regressions", REGRESSION_PANDOC_MARKUP, pandoc_markup),
        ("regressions", REGRESSION_SHEET_CSV, sheet_csv),
        ("regressions", REGRESSION_HTML_TEXT, html_text_of_page),
        ("regressions", REGRESSION_PRINTED_PAGES, printed_page_text),
        ("docx", DOCXS, docx_tools),
        ("html", PAGES, page_tools),
    ]
    for group, entries, make in jobs:
        if not only or group in only:
            for entry in entries:
                make(*entry)


if __name__ == "__main__":
    main()
