#!/usr/bin/env python3
"""Make the format fixtures of corpus/reports/formats/ from corpus/reports/huaian-2024 (its truth and its PDF).

Run from the repository root:  python3 corpus/gen/make_formats.py
Needs pdftotext (poppler-utils) for the prose and the -layout fixture. Deterministic: the
same inputs give byte-identical outputs (the DOCX zip entries carry a fixed date).

Outputs (each with truth/<name>.json, same format as corpus/truth/*.json):
  huaian-2024-gbk.html        GBK, no charset declaration; site header/nav/breadcrumb/sidebar/
                              footer around the article; tables with rowspan/colspan as on
                              government pages (三、本年度办理结果 in the same <tr> as its first
                              child row), labels split across inline tags, &nbsp; padding,
                              Word-export <o:p>; and two variants seen on web pages: 规范性文件 for
                              行政规范性文件, section 五 titled 存在的主要问题及整改措施.
  huaian-2024.docx            WordprocessingML written by hand: w:gridSpan and w:vMerge, column
                              labels split over two paragraphs (商业/企业) as in the official
                              template, a label split over several runs.
  huaian-2024-tab.txt         tab-separated rows (a copy of the tables from a browser).
  huaian-2024-layout.txt      the real `pdftotext -layout` output of the PDF.
  huaian-2024-runs.txt        crawler dump: table rows with the cells concatenated without any
                              separator (tables 三 and 四); table 二 keeps single spaces, because a
                              table-二 run cannot be cut from one year's report (82666 has three
                              readings). Cutting the table-四 run needs the prose sentence
                              "行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件" (T4-2).
  huaian-2024-runs-ambiguous.txt
                              the same dump, but the prose only says "其中尚未审结7件": the
                              table-四 run then has exactly two readings (…12,1,1,6,20 and
                              …1,2,11,6,20); truth lists the three cells that differ as
                              "uncertain" (their true values are given).
"""

import html
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "corpus" / "reports" / "formats"
TRUTH_OUT = ROOT / "corpus" / "truth" / "formats"
TRUTH = json.loads((ROOT / "corpus" / "truth" / "huaian-2024.json").read_text("utf-8"))
CELLS = TRUTH["cells"]
PDF = ROOT / "corpus" / "reports" / "huaian-2024.pdf"

# ---------------------------------------------------------------------------------------------
# The report's text, from the PDF.


def layout_text():
    return subprocess.run(
        ["pdftotext", "-layout", str(PDF), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")


def tidy(s):
    """Join a paragraph's lines and drop the spaces pdftotext puts around numbers."""
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"(?<=[^\x00-\x7f]) (?=[0-9A-Za-z])", "", s)
    s = re.sub(r"(?<=[0-9A-Za-z%]) (?=[^\x00-\x7f])", "", s)
    return s


def prose():
    """(title lines, paragraphs before table 二, paragraphs after table 四)."""
    lines = [
        l for l in layout_text().replace("\f", "\n").split("\n")
        if not re.fullmatch(r"\s*-\s*\d+\s*-\s*", l)
    ]
    nonblank = [l for l in lines if l.strip()]
    title = [nonblank[0].strip(), tidy(nonblank[1])]
    start = lines.index(next(l for l in lines if "本报告由" in l))
    t2 = lines.index(next(l for l in lines if "二、主动公开政府信息情况" in l))
    t5 = lines.index(next(l for l in lines if "五、存在的主要问题" in l))

    def paragraphs(chunk):
        out = []
        for l in chunk:
            if not l.strip():
                continue
            if l.startswith("   ") or not out:
                out.append(l.strip())
            else:
                out[-1] += l.strip()
        return [tidy(p) for p in out]

    return title, paragraphs(lines[start:t2]), paragraphs(lines[t5:])


# ---------------------------------------------------------------------------------------------
# The tables, as a list of rows of cells (text, colspan, rowspan). In a text, "|" marks an
# inline split (HTML <span>, DOCX run) and "\n" a paragraph break inside the cell.

APPLICANT = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]


def v(key):
    return CELLS[key]


def t2_rows(web=False):
    """Table 二; `web` uses 规范性文件 for 行政规范性文件, as some web pages do."""
    rows = []

    def caption(n):
        rows.append([(f"第二十条第（{n}）项", 4, 1)])

    caption("一")
    rows.append([("信息内容", 1, 1), ("本年制发件数", 1, 1), ("本年废止件数", 1, 1), ("现行有效件数", 1, 1)])
    for key, label in [("regulation", "规章"), ("normative", "规范性文件" if web else "行政规范性文件")]:
        rows.append([(label, 1, 1)] + [(v(f"t2.{key}.{c}"), 1, 1) for c in ["made", "repealed", "in_force"]])
    caption("五")
    rows.append([("信息内容", 1, 1), ("本年处理决定数量", 3, 1)])
    rows.append([("行政许可", 1, 1), (v("t2.license.decisions"), 3, 1)])
    caption("六")
    rows.append([("信息内容", 1, 1), ("本年处理决定数量", 3, 1)])
    rows.append([("行政处罚", 1, 1), (v("t2.penalty.decisions"), 3, 1)])
    rows.append([("行政强制", 1, 1), (v("t2.coercion.decisions"), 3, 1)])
    caption("八")
    rows.append([("信息内容", 1, 1), ("本年收费金额（单位：万元）", 3, 1)])
    rows.append([("行政事业性收费", 1, 1), (v("t2.fee.amount"), 3, 1)])
    return rows


# (group label, rowspan, [(row key, label)]) for the rows under 三、本年度办理结果.
T3_RESULTS = [
    (None, 0, [("granted", "（一）予以|公开")]),
    (None, 0, [("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")]),
    ("（三）不|予公开", 8, [
        ("deny_state_secret", "1.属于国家秘密"),
        ("deny_law_forbidden", "2.其他法律行政法规禁止公开"),
        ("deny_three_security", "3.危及“三安全一稳定”"),
        ("deny_third_party", "4.保护第三方合法权益"),
        ("deny_internal_affairs", "5.属于三类内部事务信息"),
        ("deny_process_info", "6.属于四类过程性信息"),
        ("deny_enforcement_file", "7.属于行政执法案卷"),
        ("deny_admin_query", "8.属于行政查询事项"),
    ]),
    ("（四）无法提供", 3, [
        ("unable_not_held", "1.本机关不掌握相关政府信息"),
        ("unable_need_creation", "2.没有现成信息需要另行制作"),
        ("unable_unclear", "3.补正后申请内容仍不明确"),
    ]),
    ("（五）不予处理", 5, [
        ("nohandle_petition", "1.信访举报投诉类申请"),
        ("nohandle_repeat", "2.重复申请"),
        ("nohandle_publication", "3.要求提供公开出版物"),
        ("nohandle_mass_repeat", "4.无正当理由大量反复申请"),
        ("nohandle_confirm", "5.要求行政机关确认或重新出具已获取信息"),
    ]),
    ("（六）其他处理", 3, [
        ("other_no_correction", "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("other_no_fee_paid", "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other_other", "3、其他"),
    ]),
    (None, 0, [("processed_total", "（七）总计")]),
]


def t3_values(row, pad=False):
    out = []
    for i, c in enumerate(APPLICANT):
        text = v(f"t3.{row}.{c}")
        # Word-exported pages pad some cells with no-break spaces.
        if pad and i == 0:
            text = "\u00a0" + text
        out.append((text, 1, 1))
    return out


def t3_rows(pad=False):
    rows = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情|况", 7, 1)],
        [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
        [("商业\n企业", 1, 1), ("科研\n机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1), ("其他", 1, 1)],
        [("一、本年新收政府信息公开申请数量", 3, 1)] + t3_values("new_received", pad),
        [("二、上年结转政府信息公开申请数量", 3, 1)] + t3_values("carried_in", pad),
    ]
    first = True
    for group, span, children in T3_RESULTS:
        for i, (key, label) in enumerate(children):
            row = []
            if first:
                row.append(("三、本年度|办理结果", 1, 22))
                first = False
            if group is None:
                row.append((label, 2, 1))
            else:
                if i == 0:
                    row.append((group, 1, span))
                row.append((label, 1, 1))
            rows.append(row + t3_values(key, pad))
    rows.append([("四、结转下年度继续办理", 3, 1)] + t3_values("carried_out", pad))
    return rows


def t4_rows():
    leaf = ["结果|维持", "结果|纠正", "其他|结果", "尚未|审结", "总计"]
    rows = [
        [("行政复议", 5, 1), ("行政诉讼", 10, 1)],
        [(t, 1, 2) for t in leaf] + [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
        [(t, 1, 1) for t in leaf] * 2,
        [(v(f"t4.{r}.{c}"), 1, 1) for r in ["review", "lit_direct", "lit_after_review"] for c in T4_COLS],
    ]
    return rows


def expand(rows):
    """Place the cells on a full grid: {(r, c): ("origin", text, cs, rs) | ("covered", (or, oc))}."""
    grid = {}
    for r, row in enumerate(rows):
        c = 0
        for text, cs, rs in row:
            while (r, c) in grid:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = ("covered", (r, c))
            grid[(r, c)] = ("origin", text, cs, rs)
            c += cs
    width = max(c for _, c in grid) + 1
    return grid, len(rows), width


def plain(text):
    return text.replace("|", "")


# ---------------------------------------------------------------------------------------------
# HTML (GBK, no declaration).


def html_cell(text, tag="td"):
    paras = []
    for para in text.split("\n"):
        parts = para.split("|")
        inner = "".join(
            f'<span style="font-family:仿宋_GB2312;font-size:10.5pt">{html.escape(p).replace(chr(160), "&nbsp;")}</span>'
            for p in parts
        )
        # Word-exported pages end paragraphs with an empty <o:p>.
        paras.append(f'<p class="MsoNormal" style="text-align:center">{inner}<o:p></o:p></p>')
    return "".join(paras)


def html_table(rows):
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse" width="100%">', "<tbody>"]
    for row in rows:
        out.append("<tr>")
        for text, cs, rs in row:
            attrs = ""
            if cs > 1:
                attrs += f' colspan="{cs}"'
            if rs > 1:
                attrs += f' rowspan="{rs}"'
            out.append(f"<td{attrs}>{html_cell(text)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def make_html(title, before, after):
    p = lambda t: f'<p style="text-indent:2em"><span style="font-family:仿宋_GB2312">{html.escape(t)}</span></p>'
    heading = lambda t: f'<p style="text-indent:2em"><strong><span style="font-family:黑体">{html.escape(t)}</span></strong></p>'
    nav = "".join(f'<li><a href="/{i}/">{t}</a></li>' for i, t in enumerate(
        ["首页", "新闻中心", "政务公开", "政务服务", "互动交流", "走进淮安"]))
    side = "".join(f'<li><a href="/col/{i}.html">{t}</a></li>' for i, t in enumerate(
        ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"]))
    body = [heading(t) if re.match(r"^[一二三四五六]、", t) else p(t) for t in before]
    body += [heading("二、主动公开政府信息情况"), html_table(t2_rows(web=True))]
    body += [heading("三、收到和处理政府信息公开申请情况"), html_table(t3_rows(pad=True))]
    body += [heading("四、政府信息公开行政复议、行政诉讼情况"), html_table(t4_rows())]
    # Section 五 as some web pages title it.
    after = [t.replace("存在的主要问题及改进情况", "存在的主要问题及整改措施") for t in after]
    body += [heading(t) if re.match(r"^[一二三四五六]、", t) else p(t) for t in after]
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>{title}-淮安市人民政府门户网站</title>
<link rel="stylesheet" type="text/css" href="/css/main.css" />
<script type="text/javascript">var _hmt = _hmt || []; /* 访问统计：淮安市人民政府 */</script>
<style>.article h1{{font-size:22px}} /* 正文样式 */</style>
</head>
<body>
<div class="top"><div class="logo"><a href="/">淮安市人民政府</a></div>
<ul class="nav">{nav}</ul>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字" /><button>搜索</button></form></div></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/col/3.html">政府信息公开年报</a></div>
<div class="main">
<div class="left"><h3>政府信息公开</h3><ul>{side}</ul></div>
<div class="article">
<h1>{title}</h1>
<div class="info">发布日期：2025-01-21　来源：淮安市人民政府办公室　浏览次数：<span id="hits">1024</span></div>
<div class="TRS_Editor">
{chr(10).join(body)}
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
</div>
</div>
<div class="footer"><p>主办单位：淮安市人民政府办公室　承办单位：淮安市大数据管理中心</p>
<p>网站标识码：3208000001　苏ICP备05001234号　苏公网安备32080202000123号</p></div>
</body>
</html>
"""
    assert "charset" not in page.lower()
    return page.encode("gbk")


# ---------------------------------------------------------------------------------------------
# DOCX.

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def x(t):
    return html.escape(t, quote=False)


def w_para(text, bold=False):
    runs = []
    for part in text.split("|"):
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{x(part)}</w:t></w:r>')
    return f"<w:p>{''.join(runs)}</w:p>"


def w_table(rows):
    grid, n, width = expand(rows)
    out = ["<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>"
           "<w:insideH w:val=\"single\"/><w:insideV w:val=\"single\"/></w:tblBorders></w:tblPr>",
           "<w:tblGrid>" + "<w:gridCol w:w=\"600\"/>" * width + "</w:tblGrid>"]
    for r in range(n):
        out.append("<w:tr>")
        c = 0
        while c < width:
            cell = grid.get((r, c))
            if cell is None:
                out.append("<w:tc><w:p/></w:tc>")
                c += 1
            elif cell[0] == "origin":
                _, text, cs, rs = cell
                pr = ""
                if cs > 1:
                    pr += f'<w:gridSpan w:val="{cs}"/>'
                if rs > 1:
                    pr += '<w:vMerge w:val="restart"/>'
                paras = "".join(w_para(p) for p in text.split("\n"))
                out.append(f"<w:tc><w:tcPr>{pr}</w:tcPr>{paras}</w:tc>")
                c += cs
            else:
                orr, oc = cell[1]
                _, _, cs, _ = grid[(orr, oc)]
                if orr != r and oc == c:
                    span = f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else ""
                    out.append(f"<w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                    c += cs
                else:
                    c += 1
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def make_docx(title_lines, before, after):
    body = [w_para(title_lines[0], True), w_para(title_lines[1], True)]
    body += [w_para(t) for t in before]
    body += [w_para("二、主动公开政府信息情况", True), w_table(t2_rows())]
    body += [w_para("三、收到和处理政府信息公开申请情况", True), w_table(t3_rows())]
    body += [w_para("四、政府信息公开行政复议、行政诉讼情况", True), w_table(t4_rows())]
    body += [w_para(t) for t in after]
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}">'
                f"<w:body>{''.join(body)}<w:sectPr/></w:body></w:document>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
        "word/document.xml": document,
        "docProps/core.xml": '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{x(title_lines[0] + title_lines[1])}</dc:title></cp:coreProperties>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 21, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Texts.


def grid_lines(rows):
    """Each grid row as its cells' texts (origins only; covered positions empty)."""
    grid, n, width = expand(rows)
    out = []
    for r in range(n):
        cells = []
        for c in range(width):
            cell = grid.get((r, c))
            cells.append(plain(cell[1]).replace("\n", "") if cell and cell[0] == "origin" else "")
        out.append(cells)
    return out


def make_tab(title_lines, before, after):
    lines = title_lines + [""] + before
    for heading, rows in [("二、主动公开政府信息情况", t2_rows()),
                          ("三、收到和处理政府信息公开申请情况", t3_rows()),
                          ("四、政府信息公开行政复议、行政诉讼情况", t4_rows())]:
        lines += ["", heading, ""]
        lines += ["\t".join(cells) for cells in grid_lines(rows)]
    lines += [""] + after
    return ("\n".join(lines) + "\n").encode("utf-8")


def make_runs(title_lines, before, after):
    """A crawler's text dump: each table row's cells concatenated (table 二 with spaces)."""
    lines = title_lines + before
    lines.append("二、主动公开政府信息情况")
    for cells in grid_lines(t2_rows()):
        lines.append(" ".join(c for c in cells if c))
    for heading, rows in [("三、收到和处理政府信息公开申请情况", t3_rows()),
                          ("四、政府信息公开行政复议、行政诉讼情况", t4_rows())]:
        lines.append(heading)
        for cells in grid_lines(rows):
            lines.append("".join(cells))
    lines += after
    return ("\n".join(lines) + "\n").encode("utf-8")


FULL = "政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件。"
PARTIAL = "政府信息公开行政诉讼46件，其中尚未审结7件。"


def make_scripts(title, page):
    """The article body of the web page served in a script, two ways (see the module doc)."""
    text = page.decode("gbk")
    start = text.index('<div class="TRS_Editor">') + len('<div class="TRS_Editor">')
    body = text[start:text.index('</div>\n<div class="share">')].strip()
    escaped = json.dumps(body).replace("/", "\\/")
    content = (f"// content.js: article 80629\nvar title = {json.dumps(title, ensure_ascii=False)};\n"
               f"var content = {escaped};\ndocument.getElementById('zoom').innerHTML = content;\n")
    half = len(body) // 2
    quote = lambda s: "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
    jsonp = ('jQuery18306_1706({"code":0,"data":{"id":80629,"title":'
             + json.dumps(title, ensure_ascii=False) + ',"content":'
             + quote(body[:half]) + " +\n    " + quote(body[half:]) + "}});\n")
    return content.encode("utf-8"), jsonp.encode("utf-8")


def truth(name, notes, uncertain=None):
    t = {
        "source": name,
        "agency": TRUTH["agency"],
        "year": TRUTH["year"],
        "template": TRUTH["template"],
        "cells": CELLS,
        "absent": [],
        "notes": notes,
    }
    if uncertain:
        t["uncertain"] = uncertain
    return json.dumps(t, ensure_ascii=False, indent=1) + "\n"


def main():
    title_lines, before, after = prose()
    title = title_lines[0] + title_lines[1]
    assert any(FULL in p for p in before), "the litigation sentence moved"
    TRUTH_OUT.mkdir(parents=True, exist_ok=True)
    made = {
        "huaian-2024-gbk.html": (make_html(title, before, after),
                                 "Made by make_formats.py from huaian-2024: GBK without any charset declaration; site chrome around the article; rowspan/colspan as on government pages; labels split across <span>s; &nbsp; padding in the 自然人 column; web variants 规范性文件 (for 行政规范性文件) and section 五 存在的主要问题及整改措施."),
        "huaian-2024.docx": (make_docx(title_lines, before, after),
                             "Made by make_formats.py from huaian-2024: hand-written WordprocessingML with w:gridSpan and w:vMerge; 商业/企业 and 科研/机构 split over two paragraphs."),
        "huaian-2024-tab.txt": (make_tab(title_lines, before, after),
                                "Made by make_formats.py from huaian-2024: tables as tab-separated rows, group labels only in the first row of their span."),
        "huaian-2024-layout.txt": (layout_text().encode("utf-8"),
                                   "pdftotext -layout output of corpus/reports/huaian-2024.pdf (poppler)."),
        "huaian-2024-runs.txt": (make_runs(title_lines, before, after),
                                 "Made by make_formats.py: tables 三 and 四 with cells run together (no separators), table 二 with single spaces. The table-四 run is settled only with the prose T4-2 breakdown (行政诉讼46件：维持25、纠正5、其他9、未审结7)."),
    }
    content_js, jsonp_js = make_scripts(title, made["huaian-2024-gbk.html"][0])
    made["huaian-2024-content.js"] = (
        content_js,
        "Made by make_formats.py: the article body of huaian-2024-gbk.html as a CMS serves it in a script (var content = \"…\" with JSON escapes).")
    made["huaian-2024-jsonp.js"] = (
        jsonp_js,
        "Made by make_formats.py: the article body of huaian-2024-gbk.html in a JSONP answer, the body two single-quoted literals joined by +.")
    ambiguous_before = [p.replace(FULL, PARTIAL) for p in before]
    made["huaian-2024-runs-ambiguous.txt"] = (
        make_runs(title_lines, ambiguous_before, after),
        "Same dump as huaian-2024-runs.txt, but the prose only says 行政诉讼46件，其中尚未审结7件: the table-四 run 72641783735113481261211620 has exactly two readings consistent with every rule, ending 12,1,1,6,20 (true) or 1,2,11,6,20. The three cells that differ must come out uncertain; every other cell as in huaian-2024.",
    )
    uncertain = {
        "huaian-2024-runs-ambiguous.txt": [
            "t4.lit_after_review.upheld", "t4.lit_after_review.corrected", "t4.lit_after_review.other"],
    }
    for name, (data, notes) in made.items():
        (OUT / name).write_bytes(data)
        stem = name.rsplit(".", 1)[0]
        (TRUTH_OUT / f"{stem}.json").write_text(truth(name, notes, uncertain.get(name)), "utf-8")
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
