#!/usr/bin/env python3
"""A Word report whose tables repeat their header rows on every page, printed by LibreOffice
Writer, and markitdown's Markdown of that PDF (docs/design-pdf.md, "Header rows repeated on
every page").

formats/huaian-2024.docx with table 三's three header rows and table 四's two marked
"repeat as header row at the top of each page" (`<w:tblHeader/>`, python-docx), converted by
`soffice --headless --convert-to pdf` (LibreOffice 7.4, fonts-noto-cjk). Writer lays the
docx's narrow columns out a character a line, so table 三 runs over eight pages, its header
printed again at the top of each, row labels broken by the page (`1、申请人无正当理由逾期` on
one page, `不补正、行政机关不再处理其政府信息公开申请` on the next) and numbers wrapped inside
their cells (`10` over `3`).

- exported/huaian-2024-docx-writer-rephead.pdf (truth: formats/huaian-2024.json)
- derived/huaian-2024-docx-writer-rephead-markitdown-md.txt (markitdown 0.1.9 of that PDF)

    python3 corpus/gen/make_rephead.py

Tools: python-docx, LibreOffice Writer, markitdown.
"""

import json
import pathlib
import shutil
import subprocess
import tempfile

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = ROOT / "corpus/reports/formats/huaian-2024.docx"
TRUTH = json.loads((ROOT / "corpus/truth/formats/huaian-2024.json").read_text())
STEM = "huaian-2024-docx-writer-rephead"


def repeat_headers(path):
    d = docx.Document(str(SOURCE))
    for table in d.tables:
        first = "".join(c.text for c in table.rows[0].cells)
        heads = 3 if "申请人情况" in first else 2 if "行政复议" in first else 0
        for row in table.rows[:heads]:
            mark = OxmlElement("w:tblHeader")
            mark.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(mark)
    d.save(str(path))


def write(folder, name, data, truth_name):
    (ROOT / "corpus/reports" / folder / name).write_bytes(data)
    truth = dict(TRUTH, source=name)
    out = ROOT / "corpus/truth" / folder / f"{truth_name}.json"
    out.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n")


def main():
    from markitdown import MarkItDown

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        source = tmp / f"{STEM}.docx"
        repeat_headers(source)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp), str(source)],
            check=True, capture_output=True, timeout=300)
        pdf = tmp / f"{STEM}.pdf"
        write("exported", pdf.name, pdf.read_bytes(), STEM)
        text = MarkItDown().convert(str(pdf)).text_content
        name = f"{STEM}-markitdown-md.txt"
        write("derived", name, text.encode(), name[:-4])
        shutil.rmtree(tmp / "profile", ignore_errors=True)


if __name__ == "__main__":
    main()
