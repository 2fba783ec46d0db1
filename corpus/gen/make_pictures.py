#!/usr/bin/env python3
"""Reports whose tables are pictures: the huaian-2024 report with its table pages (3–5) pasted
as page images, the way people paste a scan or a screenshot into Word or a web page.

- pictures/huaian-2024-pictures.docx: python-docx; the text of pages 1, 2 and 6 (pdftotext,
  one paragraph per line), pages 3–5 as PNG pictures (word/media via relationships);
- pictures/huaian-2024-pictures.html + huaian-2024-pictures_files/: a saved web page, the same
  text as <p>, the pictures as <img src="huaian-2024-pictures_files/page-N.png"> (relative);
- pictures/huaian-2024-pictures.mht: that page saved by Chromium as MHTML (DevTools
  Page.captureSnapshot, see make_office.py), the pictures as base64 image parts.

Pages are rendered by poppler's pdftoppm at 200 dpi in grey and stored as 16-level grey PNGs
(Pillow) with their 200 dpi in the pHYs chunk. Truth: huaian-2024.json with `source` replaced.

    python3 corpus/gen/make_pictures.py

Tools: poppler-utils, python-docx, Pillow, Chromium + websocket-client.
"""

import html
import json
import pathlib
import subprocess
import tempfile

import docx
import sys
from docx.shared import Cm
from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = ROOT / "corpus/reports/huaian-2024.pdf"
OUT = ROOT / "corpus/reports/pictures"
TRUTH = ROOT / "corpus/truth/pictures"
STEM = "huaian-2024-pictures"
TEXT_PAGES = [1, 2, 6]
PICTURE_PAGES = [3, 4, 5]
DPI = 200


def page_text(n: int) -> list:
    out = subprocess.run(
        ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(SRC), "-"],
        check=True, capture_output=True, text=True,
    ).stdout
    return [l.strip() for l in out.splitlines() if l.strip()]


def render(n: int, work: pathlib.Path) -> pathlib.Path:
    base = work / f"p{n}"
    subprocess.run(
        ["pdftoppm", "-f", str(n), "-l", str(n), "-r", str(DPI), "-gray", "-png", "-singlefile",
         str(SRC), str(base)],
        check=True,
    )
    png = base.with_suffix(".png")
    img = Image.open(png).convert("L").quantize(16).convert("L")
    out = work / f"page-{n}.png"
    img.save(out, dpi=(DPI, DPI), optimize=True)
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    TRUTH.mkdir(parents=True, exist_ok=True)
    files = OUT / f"{STEM}_files"
    files.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        pictures = {n: render(n, work) for n in PICTURE_PAGES}
        d = docx.Document()
        body = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8">',
                f'<title>{html.escape(page_text(1)[0])}</title></head><body>']
        for n in sorted(TEXT_PAGES + PICTURE_PAGES):
            if n in pictures:
                d.add_picture(str(pictures[n]), width=Cm(16))
                (files / f"page-{n}.png").write_bytes(pictures[n].read_bytes())
                body.append(f'<p><img src="{STEM}_files/page-{n}.png" width="794"></p>')
            else:
                for line in page_text(n):
                    d.add_paragraph(line)
                    body.append(f"<p>{html.escape(line)}</p>")
        d.save(OUT / f"{STEM}.docx")
        body.append("</body></html>")
        (OUT / f"{STEM}.html").write_text("\n".join(body) + "\n", encoding="utf-8")
    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    from make_office import chromium_mhtml

    chromium_mhtml(OUT / f"{STEM}.html", OUT / f"{STEM}.mht")
    truth = json.loads((ROOT / "corpus/truth/huaian-2024.json").read_text(encoding="utf-8"))
    for ext in ["docx", "html", "mht"]:
        t = dict(truth)
        t["source"] = f"{STEM}.{ext}"
        t["note"] = (f"huaian-2024.pdf with pages {PICTURE_PAGES} (all its tables) as {DPI} dpi "
                     "grey PNG pictures, the rest as text; made by corpus/gen/make_pictures.py")
        (TRUTH / f"{STEM}-{ext}.json").write_text(
            json.dumps(t, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
