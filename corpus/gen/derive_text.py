#!/usr/bin/env python3
"""Derived text made by REAL tools from corpus documents, the way other pipelines produce it
(issue 11): corpus/reports/derived/ + corpus/truth/derived/.

Run from the repository root:  python3 corpus/gen/derive_text.py  (then derive_tools.py for the
second round of converters)
Needs: pdfplumber, pdfminer.six, beautifulsoup4, markdownify, html2text, python-docx (pip) and pdftotext
(poppler-utils). Deterministic for the same tool versions.

Every derived file keeps the cells of its source, so its truth is the source's truth with
`source` replaced (and the notes saying how it was made). Kinds:

  <src>-plumber-md.txt pdfplumber the way PDF→Markdown converters use it: page text outside the
                       tables as lines, `extract_tables()` as pipe tables, a `|---|` separator
                       after every row, a cell holding several lines split over several pipe
                       rows (its first line with the row, the rest on rows of their own, so the
                       lines of a wrapped label come apart from its values), the page footer
                       (`— N —`) written where the page ends, inside a table that goes on.
  <src>-raw.txt        `pdftotext -raw` (content-stream order, one text run per line).
  <src>-pdfminer.txt   pdfminer.six `extract_text()`.
  <src>-markdownify-md.txt markdownify of an HTML page (pipe tables with rowspan/colspan lost).
  <src>-html2text-md.txt html2text of an HTML page.
  <src>-soup.txt       BeautifulSoup `get_text(" ")` of a saved page, whitespace collapsed to one
                       line, behind a crawler's metadata block (标题 / 发布时间 / 原文链接 / 正文).
  <src>-dump-*.txt     a crawler's one-line dump the way the held-out siblings of pingtan-2022
                       are saved: BeautifulSoup `get_text()` with no separator (the cells of a
                       table row glued: `行政许可95-110714`, table 四 one run), whitespace
                       collapsed, behind the crawler's metadata block, with the site's chrome
                       (当前位置… 微信 微博 QQ空间 全真版 文字版 文件下载 附件下载) around the body;
                       variants: stray spaces inside digit runs, larger negative 本年增/减 values
                       glued to their neighbours (`2648-18538`), a fee with six decimals.
  <src>-llm-md.txt     the DOCX content as an LLM writes Markdown: `#` title, `##` headings, the
                       tables as pipe tables of python-docx's cells (a merged cell written once
                       where it starts, the slots it covers empty; line breaks as `<br>`), a `|---|` separator
                       after every row, and the page footer `— N —` inside a table where
                       the page ended.
  <src>-cells-md.txt   the same with a merged cell's text repeated in every slot it covers, as
                       python-docx's `row.cells` gives them to naive converters.
  <src>-fragment.html  the page's <body> content only (no <html>, <head> or charset), as a CMS
                       stores a report in the `content` field of its JSON.
  <src>-fragment-json.txt  that fragment as the JSON string a CMS's API returns (Python's
                       `json.dumps`, every non-ASCII character and quote escaped), copied out
                       whole, quotes and all (huaian-2024-gbk only).
  <src>-fragment-json-utf8.txt  the same with `ensure_ascii=False`: tags as they are, quotes
                       written `\"`, one line (title-year-first-source only).
  <src>-fragment-escaped.txt  the fragment as a page or feed shows markup as text (Python's
                       `html.escape`: `&lt;p&gt;`; v2019-html-source only).
  <src>-api.json       a CMS API's answer saved as it came: `{"code": 200, "data": {"title": …,
                       "publishTime": …, "content": <the fragment>}}` (Python `json.dumps`;
                       huaian-2024-gbk only).
"""

import html
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import html2text
import pdfplumber
from bs4 import BeautifulSoup
from markdownify import markdownify
from pdfminer.high_level import extract_text

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "corpus" / "reports"
TRUTH = ROOT / "corpus" / "truth"
OUT = REPORTS / "derived"
OUT_TRUTH = TRUTH / "derived"

PDFS = [
    ("huaian-2024.pdf", "huaian-2024.json"),
    ("variants/v2021-docx.pdf", "variants/v2021-docx.json"),
    ("variants/v2019-html.pdf", "variants/v2019-html.json"),
    ("variants/single-other.pdf", "variants/single-other.json"),
    ("variants/split-footer.pdf", "variants/split-footer.json"),
]
# More v2019 (and thousands-separated) PDFs, as pdfplumber → Markdown only.
PLUMBER_ONLY = [
    ("variants/signed-changes.pdf", "variants/signed-changes.json"),
    ("variants/thousands.pdf", "variants/thousands.json"),
    ("variants/blank-zeros.pdf", "variants/blank-zeros.json"),
]
# Tables with rows of different heights, as pdfminer.six text only: its layout tree writes
# table 三 in blocks of column pieces (the lower rows of the first columns after their upper
# rows, heading 四 before the last columns; parser/src/column_blocks.rs).
PDFMINER_ONLY = [
    ("variants/hongze-2023.pdf", "variants/hongze-2023.json"),
    ("variants/title-two-lines.pdf", "variants/title-two-lines.json"),
]
PAGES = [
    ("variants/v2019-html-source.html", "variants/v2019-html-source.json"),
    ("variants/title-year-first-source.html", "variants/title-year-first-source.json"),
    ("formats/huaian-2024-gbk.html", "formats/huaian-2024-gbk.json"),
]


def cell_lines(cell):
    return [l.strip() for l in (cell or "").split("\n")] or [""]


def plumber_markdown(pdf_path):
    """pdfplumber → Markdown as converters write it."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj, boxes=boxes):
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            text_page = page.filter(outside)
            lines = (text_page.extract_text() or "").split("\n")
            # Interleave text and tables by vertical position.
            blocks = []
            words = text_page.extract_words()
            tops = {}
            for w in words:
                tops.setdefault(round(w["top"]), []).append(w)
            text_lines = []
            for line in lines:
                if line.strip():
                    text_lines.append(line.strip())
            # Text lines above the first table, tables, then the rest: pdfplumber users usually
            # write text then tables per page; keep the order by the table tops.
            y_tables = sorted((t.bbox[1], t) for t in tables)
            line_tops = []
            for line in text_lines:
                first = line.split()[0] if line.split() else line
                top = next((w["top"] for w in words if w["text"].startswith(first[:4])), 0)
                line_tops.append((top, line))
            items = [(top, "text", line) for top, line in line_tops]
            items += [(y, "table", t) for y, t in y_tables]
            items.sort(key=lambda x: (x[0], x[1] == "text"))
            footer = None
            for _, kind, obj in items:
                if kind == "text":
                    if re.fullmatch(r"[-—–]\s*\d+\s*[-—–]", obj):
                        footer = "— " + re.sub(r"\D", "", obj) + " —"
                        continue
                    blocks.append(("# " + obj) if re.match(r"^[一二三四五六]、", obj) else obj)
                    continue
                rows = obj.extract()
                md = []
                for r, row in enumerate(rows):
                    parts = [cell_lines(c) for c in row]
                    height = max(len(p) for p in parts)
                    for j in range(height):
                        cells = [p[j] if j < len(p) else "" for p in parts]
                        md.append("| " + " | ".join(cells) + " |")
                    if r == 0 or True:
                        md.append("|" + "---|" * len(row))
                blocks.append("\n".join(md))
            if footer:
                blocks.append(footer)
            out.append("\n\n".join(blocks))
    return "\n\n".join(out) + "\n"


def read_html(path):
    raw = path.read_bytes()
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


TABLE_HEADINGS = (("t2.", "主动公开政府信息情况"), ("t3.", "收到和处理政府信息公开申请情况"),
                  ("t4.", "政府信息公开行政复议"))


def placeholder_tables(text):
    """The key prefixes of the tables a converter replaced by a `[TABLE]` placeholder: each
    placeholder stands for the table whose heading comes last before it."""
    gone = []
    for m in re.finditer(r"^\s*\[TABLE\]\s*$", text, re.M):
        before = text[: m.start()]
        heads = [(before.rfind(h), prefix) for prefix, h in TABLE_HEADINGS if before.rfind(h) >= 0]
        if heads:
            gone.append(max(heads)[1])
    return tuple(sorted(set(gone)))


def write(name, text, truth_src, how):
    OUT.mkdir(parents=True, exist_ok=True)
    OUT_TRUTH.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_text(text, encoding="utf-8")
    truth = json.loads((TRUTH / truth_src).read_text(encoding="utf-8"))
    truth["source"] = name
    # The agency is the body named in the title: a text without the title line (the PDF
    # prints it where pdftotext/pdfminer do not reach) has none to read.
    # PDF fonts often map 人民 to the radicals ⼈⺠: compare folded (NFKC, plus ⺠ → 民).
    squeezed = unicodedata.normalize("NFKC", re.sub(r"\s", "", text)[:4000]).replace("⺠", "民")
    agency = truth.get("agency")
    if agency and not re.search(re.escape(agency) + r".{0,20}(?:工作)?年度报告", squeezed):
        truth["agency"] = None
        how += " (its title line is not in the text: no agency)"
    truth["notes"] = f"{how} of {truth_src.replace('.json', '')} (corpus/gen/derive_text.py). " + truth.get("notes", "")
    gone = placeholder_tables(text)
    if gone:
        # The converter wrote `[TABLE]` where the table was (pandoc → plain gives up on merged
        # cells): the file does not have those cells, so they must be read as absent.
        truth["absent"] = sorted(set(truth.get("absent", [])) | {k for k in truth["cells"] if k.startswith(gone)})
        truth["cells"] = {k: v for k, v in truth["cells"].items() if not k.startswith(gone)}
        truth["status"] = "partial"
        truth["notes"] = f"tables {', '.join(gone)} are `[TABLE]` in the text: absent. " + truth["notes"]
    stem = name.rsplit(".", 1)[0]
    (OUT_TRUTH / f"{stem}.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def main():
    for src, truth in PDFS:
        pdf = REPORTS / src
        stem = Path(src).stem
        write(f"{stem}-plumber-md.txt", plumber_markdown(pdf), truth, "pdfplumber → Markdown")
        raw = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
            check=True, capture_output=True,
        ).stdout.decode("utf-8")
        write(f"{stem}-raw.txt", raw, truth, "pdftotext -raw")
        write(f"{stem}-pdfminer.txt", extract_text(str(pdf)), truth, "pdfminer.six extract_text")
    for src, truth in PDFMINER_ONLY:
        stem = Path(src).stem
        write(f"{stem}-pdfminer.txt", extract_text(str(REPORTS / src)), truth, "pdfminer.six extract_text")
    for src, truth in PLUMBER_ONLY:
        stem = Path(src).stem
        write(f"{stem}-plumber-md.txt", plumber_markdown(REPORTS / src), truth, "pdfplumber → Markdown")
    for src, truth in PAGES:
        page = REPORTS / src
        stem = Path(src).stem
        html = read_html(page)
        soup = BeautifulSoup(html, "html.parser")
        write(f"{stem}-markdownify-md.txt", markdownify(html), truth, "markdownify")
        h = html2text.HTML2Text()
        h.body_width = 0
        write(f"{stem}-html2text-md.txt", h.handle(html), truth, "html2text")
        title = soup.title.get_text(strip=True) if soup.title else ""
        body = soup.body or soup
        one_line = re.sub(r"\s+", " ", body.get_text(" ")).strip()
        header = (
            f"标题: {title}\n发布时间: 2024-03-01 09:00\n文号: \n发布机构: \n"
            f"原文链接: https://www.example.gov.cn/zwgk/{stem}.htm\n"
            "==================== 正文 ====================\n"
        )
        write(f"{stem}-soup.txt", header + one_line + "\n", truth, "BeautifulSoup get_text, one line")
        fragment = "".join(str(c) for c in body.contents).strip()
        write(f"{stem}-fragment.html", fragment + "\n", truth, "HTML fragment (body only)")
        escaped_fragment(stem, fragment, truth)
    damaged_and_legacy()
    sibling_dumps()
    docx_source = REPORTS / "variants/v2021-docx-source.docx"
    write("v2021-docx-source-llm-md.txt", llm_markdown(docx_source),
          "variants/v2021-docx.json", "LLM-style Markdown of the DOCX content")
    write("v2021-docx-source-cells-md.txt", llm_markdown(docx_source, repeat_merged=True),
          "variants/v2021-docx.json",
          "Markdown of the DOCX content with merged cells repeated (python-docx row.cells)")


def escaped_fragment(stem, fragment, truth):
    """The fragment one layer of escaping away, as users copy it out of an API or a feed."""
    kinds = {
        "huaian-2024-gbk": ("fragment-json.txt", json.dumps(fragment), "JSON string (ensure_ascii)"),
        "title-year-first-source": (
            "fragment-json-utf8.txt", json.dumps(fragment, ensure_ascii=False),
            "JSON string (ensure_ascii=False)"),
        "v2019-html-source": ("fragment-escaped.txt", html.escape(fragment), "html.escape"),
    }
    if stem == "huaian-2024-gbk":
        soup = BeautifulSoup(fragment, "html.parser")
        title = soup.h1.get_text(strip=True) if soup.h1 else ""
        api = {"code": 200, "msg": "success", "data": {
            "id": 80629, "title": title, "publishTime": "2025-01-21 16:30:00",
            "source": "淮安市人民政府办公室", "content": fragment}}
        write(f"{stem}-api.json", json.dumps(api, ensure_ascii=False, indent=2) + "\n", truth,
              "a CMS API's JSON answer holding the fragment")
    if stem not in kinds:
        return
    suffix, text, how = kinds[stem]
    write(f"{stem}-{suffix}", text + "\n", truth, f"HTML fragment as a {how}")
    # The title is in the text, escaped: the agency is the fragment's.
    plain = json.loads((OUT_TRUTH / f"{stem}-fragment.json").read_text(encoding="utf-8"))
    path = OUT_TRUTH / f"{stem}-{suffix.rsplit('.', 1)[0]}.json"
    made = json.loads(path.read_text(encoding="utf-8"))
    made["agency"] = plain.get("agency")
    made["notes"] = made["notes"].replace(" (its title line is not in the text: no agency)", "")
    path.write_text(json.dumps(made, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def damaged_and_legacy():
    """A pre-2019 report flattened into a one-line dump (→ legacy) and the first 40 KB of a
    real 2024 report (a truncated download → failed, never legacy)."""
    text = extract_text(str(REPORTS / "variants/legacy-2016.pdf"))
    header = (
        "标题: 宿州市埇桥区人民政府2016年政府信息公开工作年度报告\n发布时间: 2017-03-20\n"
        "原文链接: https://www.example.gov.cn/zwgk/legacy-2016.htm\n"
        "==================== 正文 ====================\n"
    )
    write("legacy-2016-soup.txt", header + re.sub(r"\s+", " ", text).strip() + "\n",
          "variants/legacy-2016.json", "pdfminer.six text flattened to one line")
    cut = (REPORTS / "huaian-2024.pdf").read_bytes()[:40_000]
    (OUT / "huaian-2024-first-40k.pdf").write_bytes(cut)
    truth = {
        "source": "huaian-2024-first-40k.pdf",
        "agency": "淮安市人民政府", "year": 2024, "status": "failed", "absent": [],
        "notes": "the first 40,000 bytes of huaian-2024.pdf (a truncated download): failed, saying damaged or truncated; never legacy (issue 17 item 5).",
        "cells": {},
    }
    (OUT_TRUTH / "huaian-2024-first-40k.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def llm_markdown(path, repeat_merged=False):
    """The DOCX content as LLM converters write Markdown (see the module doc); with
    `repeat_merged`, a merged cell's text in every slot it covers (python-docx's `row.cells`
    as naive converters use it)."""
    import docx  # python-docx

    d = docx.Document(str(path))
    out, tables, page = [], iter(d.tables), 1
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(x.text or "" for x in child.iter() if x.tag.endswith("}t")).strip()
            if not text:
                continue
            if not out:
                out.append("# " + text)
            elif re.match(r"^[一二三四五六]、", text):
                out.append("## " + text)
            else:
                out.append(text)
        elif tag == "tbl":
            table = next(tables)
            lines, seen = [], []  # the <w:tc> elements written (kept alive: lxml proxies)
            for r, row in enumerate(table.rows):
                cells = []
                for c in row.cells:
                    # A merged cell once, where it starts; the slots it covers stay empty.
                    first = repeat_merged or not any(c._tc is t for t in seen)
                    cells.append(c.text.strip().replace("\n", "<br>") if first else "")
                    seen.append(c._tc)
                lines.append("| " + " | ".join(cells) + " |")
                lines.append("|" + "---|" * len(cells))
                # The page ends in the middle of table 三 (its 12th row).
                if len(table.rows) > 20 and r == 12:
                    page += 1
                    lines.append(f"— {page} —")
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


CHROME_BEFORE = "当前位置：首页 > 政务公开 > 政府信息公开年报 > 正文 字号：大 中 小 "
CHROME_AFTER = " 微信 微博 QQ空间 全真版 文字版 文件下载 附件下载 【打印本页】 【关闭窗口】"


def dump_line(html):
    """The body as the crawler saved it: get_text() with no separator, whitespace collapsed."""
    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(strip=True) if soup.title else ""
    body = re.sub(r"\s+", " ", (soup.body or soup).get_text()).strip()
    return title, body


def write_dump(name, html, truth_src, how, truth_edit=None):
    title, body = dump_line(html)
    header = (
        f"标题: {title}\n发布时间: 2021-01-29 16:30\n文号: \n发布机构: \n栏目: 政府信息公开年报\n"
        f"原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/{name.rsplit('.', 1)[0]}.htm\n"
        "页面链接与图片详见 links.tsv(同目录)\n"
        "==================== 正文 ====================\n"
    )
    text = header + CHROME_BEFORE + body + CHROME_AFTER + "\n"
    if truth_edit and truth_edit.get("text"):
        text = truth_edit["text"](text)
    write(name, text, truth_src, how)
    if truth_edit and truth_edit.get("cells"):
        path = OUT_TRUTH / f"{name.rsplit('.', 1)[0]}.json"
        truth = json.loads(path.read_text(encoding="utf-8"))
        truth["cells"].update(truth_edit["cells"])
        for key in truth_edit.get("uncertain", []):
            truth.setdefault("uncertain", []).append(key)
        path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def set_row(html, label, values):
    """Replace the value cells of the table row whose first cell is `label`."""
    row = re.compile(r"(<tr><td[^>]*>" + re.escape(label) + r"</td>)(.*?)(</tr>)", re.S)
    m = row.search(html)
    assert m, label
    cells = re.findall(r"<td[^>]*>.*?</td>", m.group(2), re.S)
    assert len(cells) == len(values), (label, cells)
    new = "".join(re.sub(r">.*?<", ">" + v + "<", c, count=1, flags=re.S) for c, v in zip(cells, values))
    return html[: m.start(2)] + new + html[m.end(2):]


def stray_spaces(text):
    """A space inside some digit runs of the tables (`230 000023`): after the third digit of every
    third run of six or more digits."""
    n = [0]

    def cut(m):
        n[0] += 1
        run = m.group(0)
        return run[:3] + " " + run[3:] if n[0] % 3 == 1 else run

    start = text.find("三、收到和处理")
    return text[:start] + re.sub(r"(?<=[\u4e00-\u9fff）])\d{6,}", cut, text[start:])


def sibling_dumps():
    """One-line crawler dumps like the held-out siblings of pingtan-2022 (other years)."""
    v2019 = read_html(REPORTS / "variants/v2019-html-source.html")
    src19 = "variants/v2019-html-source.json"
    write_dump("v2019-dump-glued.txt", v2019, src19, "crawler dump, get_text() glued, one line")
    write_dump("v2019-dump-spaces.txt", v2019, src19,
               "crawler dump with stray spaces inside digit runs", {"text": stray_spaces})
    # Larger negative changes glued to both neighbours: 2648-18538 is 2648, -18, 538.
    changed = set_row(v2019, "行政许可", ["2648", "-18", "538"])
    changed = set_row(changed, "行政处罚", ["354", "-103", "10316"])
    write_dump("v2019-dump-negatives.txt", changed, src19,
               "crawler dump with negative 本年增/减 glued to their neighbours", {"cells": {
                   "t2.license.prev_items": "2648", "t2.license.change": "-18",
                   "t2.license.decisions": "538", "t2.penalty.change": "-103"}})
    v2021 = read_html(REPORTS / "formats/huaian-2024-gbk.html")
    # A minified page (no whitespace between tags): its cells glue as well.
    fee = re.sub(r">\s+<", "><", v2021).replace(">96171.6<", ">96171.625000<")
    assert fee != v2021
    write_dump("v2021-dump-fee6.txt", fee, "formats/huaian-2024-gbk.json",
               "crawler dump with a fee of six decimals",
               {"cells": {"t2.fee.amount": "96171.625000"}})


if __name__ == "__main__":
    main()
