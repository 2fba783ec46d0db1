#!/usr/bin/env python3
"""A PDF whose tables are pictures on pages that also carry text: huaian-2024-pictures.docx's
text and its three table pictures, set by PyMuPDF on A4 pages, each picture under half its
page with a line of text above it (so no page is a scan), the way a report typed in Word with
its tables pasted in as pictures prints to PDF.

- pictures/huaian-2024-pictures-inline.pdf: the docx's paragraphs in order (page numbers
  `-N-` left out) in PyMuPDF's built-in `china-s` font; each picture (the docx's 200 dpi page
  images, 16-level grey PNG) on a page of its own under the line `（续）`, 370 × 523 pt.

Truth: pictures/huaian-2024-pictures-docx.json with `source` replaced.

    python3 corpus/gen/make_inline_pictures.py

Tools: PyMuPDF.
"""

import json
import pathlib
import re
import zipfile

import pymupdf

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCX = ROOT / "corpus/reports/pictures/huaian-2024-pictures.docx"
OUT = ROOT / "corpus/reports/pictures/huaian-2024-pictures-inline.pdf"
TRUTH = ROOT / "corpus/truth/pictures"
W, H = 595, 842


def paragraphs(z: zipfile.ZipFile) -> list:
    """The docx's paragraphs in order: ("text", str) or ("img", media file name)."""
    xml = z.read("word/document.xml").decode("utf-8")
    rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    target = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    out = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        embed = re.search(r'r:embed="([^"]+)"', p)
        if embed:
            out.append(("img", "word/" + target[embed.group(1)]))
            continue
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p))
        if text.strip() and not re.fullmatch(r"-\d+-", text.strip()):
            out.append(("text", text))
    return out


def main() -> None:
    z = zipfile.ZipFile(DOCX)
    doc = pymupdf.open()
    state = {"page": doc.new_page(width=W, height=H), "y": 60.0}

    def line(text: str, size: float = 11) -> None:
        if state["y"] > H - 60:
            state["page"] = doc.new_page(width=W, height=H)
            state["y"] = 60.0
        state["page"].insert_text((60, state["y"]), text, fontname="china-s", fontsize=size)
        state["y"] += size * 1.6

    for kind, value in paragraphs(z):
        if kind == "text":
            title = value == "淮安市人民政府" or "年度报告" in value
            line(value, 16 if title else 11)
            continue
        state["page"] = doc.new_page(width=W, height=H)
        state["y"] = 60.0
        line("（续）")
        rect = pymupdf.Rect(100, 90, 470, 613)
        state["page"].insert_image(rect, stream=z.read(value))
        state["y"] = rect.y1 + 24
    doc.save(OUT, garbage=4, deflate=True)
    truth = json.loads((TRUTH / "huaian-2024-pictures-docx.json").read_text(encoding="utf-8"))
    truth["source"] = OUT.name
    (TRUTH / "huaian-2024-pictures-inline.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
