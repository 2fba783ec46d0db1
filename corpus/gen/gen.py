#!/usr/bin/env python3
"""Generate corpus/reports/variants/: synthetic annual reports rendered by real office software.

For each variant below: draw self-consistent numbers (model.py), write the truth JSON
(corpus/truth/variants/NAME.json), lay the report out from that truth (layout.py), write it as
DOCX or HTML (emit_docx.py / emit_html.py) and convert it to PDF with LibreOffice headless or
Chromium's print-to-PDF. Derived variants (encrypted, rotated, scanned) post-process a rendered
PDF with qpdf, pdftoppm and img2pdf. Finally every PDF is checked with `pdftotext -layout`: each
truth number must be present in the text.

Usage: python3 corpus/gen/gen.py [--only NAME ...] [--keep-work]
See corpus/gen/README.md for the exact tool versions and commands.
"""

import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import emit_docx  # noqa: E402
import emit_html  # noqa: E402
import emit_text  # noqa: E402
import layout  # noqa: E402
from model import (  # noqa: E402
    T3_ALL_COLS,
    T3_COLS,
    flatten,
    gen_t2,
    gen_t3,
    gen_t4,
    seeded,
)

ROOT = os.path.normpath(os.path.join(HERE, "..", "reports", "variants"))
TRUTH = os.path.normpath(os.path.join(HERE, "..", "truth", "variants"))
LO_PROFILE = "file:///tmp/xxgk-lo-profile"


# ---------------------------------------------------------------- variants

def hongze_2024(t2, t3, t4, prev):
    """Next year of hongze-2023: X-2 holds, X-1 is broken in the 自然人 column (+3)."""
    for row in ("regulation", "normative"):
        p = prev["t2"][row]
        t2[row]["in_force"] = p["in_force"] + t2[row]["made"] - t2[row]["repealed"]


def t4_error(t2, t3, t4, prev):
    t4["review"] = {"upheld": 10, "corrected": 1, "other": 0, "pending": 0, "total": 0}


def fee_decimals(t2, t3, t4, prev):
    t2["fee"]["amount"] = "59237.2449"


VARIANTS = [
    dict(name="v2021-docx", template="v2021", year=2023, agency="宿迁市宿城区人民政府", scale=400,
         producer="docx", keep_source=True, opts=dict(caption_space=True),
         notes="Baseline v2021 report written as DOCX (python-docx) and converted by LibreOffice; "
               "footer '- N -'; captions written '第二十条 第（一）项'; table 三 runs over a page break."),
    dict(name="v2019-html", template="v2019", year=2019, agency="上海市静安区人民政府办公室", scale=300,
         producer="html-lo", keep_source=True, opts=dict(),
         notes="Baseline v2019 report (22 table-二 cells, single （六）其他处理 row) as HTML converted by "
               "LibreOffice Writer/Web."),
    dict(name="v2021-chromium", template="v2021", year=2022, agency="苏州市吴江区人民政府", scale=600,
         producer="html-chromium", opts=dict(repeat_header=True, extra_prose_n=16),
         notes="v2021 printed by Chromium (second producer); table 三 header rows are a <thead>, "
               "repeated at the top of the next page after the break."),
    dict(name="blank-zeros", template="v2019", year=2020, agency="济南市历下区大明湖街道办事处", scale=12,
         producer="html-chromium", opts=dict(blank_zeros=True, nbsp_blanks=True),
         notes="Zeros of tables 三 and 四 left blank (&nbsp; cells) -> truth ''. A 2020 report on the v2019 "
               "template (TEMPLATES.md §13). Chromium."),
    dict(name="dash-cells", template="v2021", year=2022, agency="威海市文登区人民政府办公室", scale=80,
         producer="docx", opts=dict(dash=True),
         notes="Zero cells of the 科研机构 and 社会公益组织 columns of table 三 printed '—', zero cells of "
               "复议后起诉 in table 四 printed '/': truth keeps the mark (flag dash)."),
    dict(name="split-footer", template="v2021", year=2024, agency="淮安市清江浦区人民政府", scale=900,
         producer="docx", opts=dict(other_enum_comma=True, extra_prose_n=16),
         notes="Table 三 starts on page 4 and continues on page 5; footers '- 4 -' / '- 5 -' printed "
               "between its rows. （六） sub-rows enumerated '1、' '2、' '3、' as in Huai'an 2024."),
    dict(name="wrapped-vertical", template="v2021", year=2023, agency="苏州市吴中区人民政府", scale=500,
         producer="docx", opts=dict(vertical_group=True, t3_widths=[0.55, 1.1, 2.0] + [1.2] * 7),
         notes="Narrow label columns: long row labels wrap over 2-4 lines; '三、本年度办理结果' printed "
               "one character per line down its merged cell."),
    dict(name="borderless", template="v2021", year=2022, agency="杭州市西湖区城市管理局", scale=150,
         producer="html-lo", opts=dict(borders=False),
         notes="All three tables without any ruling lines: columns only by alignment."),
    dict(name="single-other", template="v2021", year=2022, agency="南京市玄武区人民政府", scale=350,
         producer="docx", single_other=True, opts=dict(),
         notes="v2021 report printing （六）其他处理 as one data row without sub-rows 1-3: truth uses "
               "t3.other.* and omits other_no_correction/other_no_fee_paid/other_other (OUTPUT.md)."),
    dict(name="label-typos", template="v2021", year=2023, agency="徐州市铜山区教育局", scale=60,
         producer="docx",
         opts=dict(typos={"其他法律行政法规禁止公开": "其他法律行政止公开"}, review_label="行政法复议"),
         notes="Typos in printed labels: '2.其他法律行政止公开' (table 三) and '行政法复议' (table 四 header)."),
    dict(name="social-org", template="v2019", year=2019, agency="聊城市东昌府区人民政府", scale=200,
         producer="docx", opts=dict(social_label="社会组织"),
         notes="Applicant column printed '社会组织' instead of '社会公益组织' (maps to social_org)."),
    dict(name="thousands", template="v2021", year=2024, agency="江苏省人民政府", scale=25000,
         producer="html-chromium", opts=dict(thousands=True),
         notes="Every number >= 1000 printed with thousands separators ('12,345'); truth holds the "
               "normalised number. Chromium."),
    dict(name="signed-changes", template="v2019", year=2020, agency="青岛市市北区人民政府", scale=250,
         producer="html-lo", opts=dict(signed=True, glued_units={"t2.procurement.amount": "元"}),
         notes="v2019 table 二 本年增/减 printed signed ('+3', '-2', '0'); 采购总金额 printed with a glued "
               "unit ('251000元'). Truth: '+' dropped, '-' kept, unit dropped."),
    dict(name="fee-decimals", template="v2021", year=2023, agency="宿迁市人民政府", scale=3000,
         producer="docx", post=fee_decimals, opts=dict(),
         notes="本年收费金额 with four decimals (59237.2449 万元), as Suqian 2023."),
    dict(name="title-two-lines", template="v2021", year=2021, agency="淮安市淮阴区人民政府", scale=300,
         producer="docx",
         opts=dict(title_lines=["淮安市淮阴区人民政府", "2021年政府信息公开工作年度报告"]),
         notes="Title on two lines: agency / '2021年政府信息公开工作年度报告'."),
    dict(name="title-year-first", template="v2021", year=2025, agency="上海市黄浦区人民政府打浦桥街道",
         scale=40, producer="html-chromium", keep_source=True,
         opts=dict(title_lines=["2025年上海市黄浦区人民政府打浦桥街道政府信息公开工作年度报告"],
                   period="本年度报告中所列数据的统计期限自2025年1月1日起至12月31日止。",
                   split_tags=True, normative_label="规范性文件",
                   title_suffix="-上海市黄浦区人民政府门户网站"),
         notes="Title order '2025年{机关}政府信息公开工作年度报告'; period sentence without the second year; "
               "HTML labels split across inline tags ('申请人情' + <span>况</span>); 规范性文件 instead of "
               "行政规范性文件; <title> carries a site suffix. Chromium."),
    dict(name="hongze-2023", template="v2021", year=2023, agency="洪泽区人民政府", scale=220,
         producer="docx", opts=dict(),
         notes="First of a cross-year pair (see hongze-2024)."),
    dict(name="hongze-2024", template="v2021", year=2024, agency="淮安市洪泽区人民政府", scale=240,
         producer="html-lo", prev="hongze-2023", post=hongze_2024, x1_break={"natural_person": 3},
         opts=dict(),
         notes="Second of the pair, the agency named with its city prefix. Planted X-1 break: "
               "上年结转 自然人 (and so 总计) is 3 more than hongze-2023's 结转下年度; the other five "
               "columns carry over exactly; X-2 holds for 规章 and 行政规范性文件."),
    dict(name="t4-total-error", template="v2021", year=2023, agency="连云港市海州区人民政府", scale=200,
         producer="html-lo", post=t4_error, opts=dict(),
         notes="Planted error: table 四 行政复议 结果维持 10, 结果纠正 1, 其他 0, 尚未审结 0, 总计 0 "
               "(T4-1 must fail: expected 11, actual 0). Everything else adds up."),
    dict(name="concat-cells", template="v2021", year=2023, agency="宿迁市宿豫区人民政府", scale=90,
         producer="text", unique_split=True, opts=dict(concat=True),
         notes="Crawler text dump (UTF-8, CRLF): table 二 tab-separated, but the value cells of every "
               "table-三 row and of the table-四 row are run together without any separator "
               "('713000074' = 71,3,0,0,0,0,74; TEMPLATES.md §13). The numbers were drawn so that each "
               "table-三 row has exactly one split satisfying T3-3 and the table-四 row exactly one "
               "satisfying T4-1, so the truth has no uncertain cell."),
    dict(name="not-a-report", template="none", year=2024, agency="淮安市人民政府办公室", producer="docx",
         notes="A government notice that is not an annual report (no title pattern, no sections, "
               "a small unrelated table). Expected status unsupported, no cells."),
    dict(name="legacy-2016", template="legacy", year=2016, agency="宿州市埇桥区人民政府", producer="docx",
         opts=dict(legacy_stats=dict(proactive=2356, website=2011, requests=48, answered=48, granted=31,
                                     partial=6, denied=3, review=2, litigation=1, fees=0)),
         notes="Pre-2019 report: 概述 / 主动公开政府信息情况 / 依申请公开政府信息情况 / 收费及减免 … and a "
               "locality-designed statistics table. Expected status legacy, no cells."),
    # Post-processed copies of rendered PDFs.
    dict(name="encrypted", base="v2021-docx", derive="encrypt",
         notes="qpdf AES-256 encryption with an empty user password and owner password 'owner': readable "
               "without a password, same truth as v2021-docx."),
    dict(name="rotated", base="v2019-html", derive="rotate",
         notes="Pages 1 and 3 (title page, and the page where table 三 starts) carry /Rotate 90; same "
               "truth as v2019-html."),
    dict(name="encrypted-password", base="v2021-docx", derive="encrypt-user",
         notes="qpdf AES-256 encryption with user password 'secret': unreadable without it. Expected "
               "status failed (the message should say a password is needed), no cells."),
    dict(name="liaocheng-gbk", base="../liaocheng-waiban-2019.txt", derive="gbk",
         notes="The real seed text corpus/reports/liaocheng-waiban-2019.txt re-encoded as GB18030 (as many crawler "
               "dumps are), CRLF line ends; same truth as the original."),
    dict(name="scanned", base="title-two-lines", derive="scan",
         notes="Every page rendered to a 72-dpi grey JPEG and wrapped back into a PDF with img2pdf: "
               "no text layer. Expected status unsupported, no cells."),
]


# ---------------------------------------------------------------- truth

def build_numbers(v, done, attempt=0):
    rng = seeded(v["name"] + ("#%d" % attempt if attempt else ""))
    tpl = v["template"]
    single = v.get("single_other", False)
    prev = done.get(v.get("prev"))
    carried_in = None
    if prev:
        carried_in = dict(prev["t3"]["carried_out"])
        for c, d in v.get("x1_break", {}).items():
            carried_in[c] += d
    t2 = gen_t2(rng, tpl, v["scale"])
    t3 = gen_t3(rng, v["scale"], tpl, single, carried_in=carried_in)
    t4 = gen_t4(rng, v["scale"])
    if v.get("post"):
        v["post"](t2, t3, t4, prev)
    return dict(t2=t2, t3=t3, t4=t4)


def make_truth(v, nums, source):
    cells = {k: str(x) for k, x in flatten(nums["t2"], nums["t3"], nums["t4"]).items()}
    o = v["opts"]
    if o.get("blank_zeros"):
        for k in cells:
            if k[:2] in ("t3", "t4") and cells[k] == "0":
                cells[k] = ""
    if o.get("dash"):
        for k in cells:
            if k.startswith("t3.") and k.split(".")[2] in ("research", "social_org") and cells[k] == "0":
                cells[k] = "—"
            if k.startswith("t4.lit_after_review.") and cells[k] == "0":
                cells[k] = "/"
    truth = dict(
        source=source,
        agency=v["agency"],
        year=v["year"],
        template=v["template"],
        status="ok",
        absent=[],
        notes=v["notes"],
        cells=cells,
    )
    return truth


def legacy_truth(v, source):
    return dict(source=source, agency=v["agency"], year=v["year"], template="legacy", status="legacy",
                absent=[], notes=v["notes"], cells={})


# ---------------------------------------------------------------- rendering

def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit("command failed: %s\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
    return r


def soffice_pdf(src, outdir):
    run(["soffice", "-env:UserInstallation=" + LO_PROFILE, "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", outdir, src])
    return os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".pdf")


def chromium_pdf(src, out):
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--no-pdf-header-footer", "--print-to-pdf=" + out,
         "file://" + src])
    return out


def zh_number(k):
    digits = "零一二三四五六七八九"
    if k < 10:
        return digits[k]
    tens, ones = divmod(k, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def extra_prose(n):
    paras = []
    topics = ["重点领域信息公开", "政策解读回应", "政务新媒体管理", "政府开放日活动", "公开目录动态更新",
              "基层政务公开标准化", "建议提案办理结果公开", "财政信息公开", "重大建设项目信息公开",
              "公共资源配置信息公开", "社会公益事业建设信息公开", "政务服务事项公开"]
    for i in range(n):
        t = topics[i % len(topics)]
        paras.append(
            "（%s）%s。围绕%s，制定年度工作要点，明确责任分工，细化公开内容、公开方式和公开时限，"
            "及时发布相关信息，主动回应社会关切，全年通过门户网站、政务新媒体、新闻发布会等渠道"
            "持续做好解读和回应工作，切实保障人民群众的知情权、参与权、表达权和监督权。"
            % (zh_number(6 + i), t, t))
    return paras


def render(v, truth, work):
    o = dict(v["opts"])
    if o.get("extra_prose_n"):
        o["extra_prose"] = extra_prose(o["extra_prose_n"])
    if v["template"] == "legacy":
        blocks = layout.build_legacy(truth, o)
    elif v["template"] == "none":
        blocks = layout.build_notice(dict(truth, agency=v["agency"], year=v["year"]), o)
    else:
        blocks = layout.build(truth, o)
    name = v["name"]
    if v["producer"] == "text":
        src = os.path.join(work, name + ".txt")
        with open(src, "w", encoding="utf-8", newline="") as f:
            f.write(emit_text.render(blocks, o))
        return src, src
    if v["producer"] == "docx":
        src = os.path.join(work, name + ".docx")
        emit_docx.render(blocks, o, src)
        pdf = soffice_pdf(src, work)
    else:
        src = os.path.join(work, name + ".html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(emit_html.render(blocks, o))
        if v["producer"] == "html-lo":
            pdf = soffice_pdf(src, work)
        else:
            pdf = chromium_pdf(src, os.path.join(work, name + ".pdf"))
    return src, pdf


def derive(v, work):
    base = os.path.join(ROOT, v["base"] + ".pdf")
    out = os.path.join(work, v["name"] + ".pdf")
    if v["derive"] == "encrypt":
        run(["qpdf", "--encrypt", "", "owner", "256", "--", base, out])
    elif v["derive"] == "encrypt-user":
        run(["qpdf", "--encrypt", "secret", "owner", "256", "--", base, out])
    elif v["derive"] == "gbk":
        out = os.path.join(work, v["name"] + ".txt")
        text = open(os.path.join(ROOT, v["base"]), encoding="utf-8").read()
        with open(out, "wb") as f:
            f.write(text.replace("\n", "\r\n").encode("gb18030"))
    elif v["derive"] == "rotate":
        run(["qpdf", "--rotate=+90:1,3", base, out])
    elif v["derive"] == "scan":
        prefix = os.path.join(work, "scan")
        run(["pdftoppm", "-r", "72", "-gray", "-jpeg", "-jpegopt", "quality=60", base, prefix])
        pages = sorted(p for p in os.listdir(work) if p.startswith("scan") and p.endswith(".jpg"))
        run(["img2pdf", "--pagesize", "A4", "-o", out] + [os.path.join(work, p) for p in pages])
    return out


# ---------------------------------------------------------------- checks

def check_text(pdf, truth):
    """Every truth number (as printed) must appear in `pdftotext -layout`."""
    text = run(["pdftotext", "-layout", pdf, "-"]).stdout
    tokens = set(re.findall(r"[+\-]?[\d,]+(?:\.\d+)?", text))
    norm = set(t.replace(",", "").lstrip("+") for t in tokens)
    missing = [k for k, x in truth["cells"].items() if x not in ("", "—", "/") and x not in norm]
    if missing:
        raise SystemExit("%s: numbers not found in pdftotext output: %s" % (pdf, missing[:10]))
    bad = check_rows(text, truth)
    if bad:
        # Not fatal: poppler's layout mode sometimes interleaves adjacent rows (seen with
        # Chromium's glyph boxes); look at the page image when this appears.
        print("  warning: %s: rows not in order on one line of pdftotext -layout: %s"
              % (os.path.basename(pdf), bad[:3]))
    return text


def check_rows(text, truth):
    """Each row of tables 三 and 四 must appear in order on one line of `pdftotext -layout`
    (blank cells skipped): the numbers are where they belong, not only somewhere."""
    tok = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?|—|/")
    lines = [[t.replace(",", "").lstrip("+") for t in tok.findall(l)] for l in text.splitlines()]
    rows = {}
    for k, x in truth["cells"].items():
        t, r, _ = k.split(".")
        if t in ("t3", "t4") and x != "":
            rows.setdefault((t, r if t == "t3" else "all"), []).append((k, x))
    order3 = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]
    bad = []
    for (t, r), items in rows.items():
        if t == "t3":
            items.sort(key=lambda kv: order3.index(kv[0].split(".")[2]))
        seq = [x for _, x in items]
        n = len(seq)
        if not any(seq == l[i:i + n] for l in lines for i in range(len(l) - n + 1)):
            bad.append("%s.%s %s" % (t, r, seq))
    return bad


def pages_of(pdf):
    out = run(["pdfinfo", pdf]).stdout
    m = re.search(r"Pages:\s+(\d+)", out)
    return int(m.group(1)) if m else 0


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--keep-work", action="store_true")
    args = ap.parse_args()
    os.makedirs(TRUTH, exist_ok=True)
    work = tempfile.mkdtemp(prefix="xxgk-gen-")
    done = {}
    truths = {}
    for v in VARIANTS:
        v = copy.deepcopy(v)
        v.setdefault("opts", {})
        name = v["name"]
        if "derive" in v:
            if args.only and name not in args.only:
                continue
            out = derive(v, work)
            base_stem = os.path.splitext(v["base"])[0]
            if v["derive"] == "gbk":
                base_truth_path = os.path.join(HERE, "..", "truth", os.path.basename(base_stem) + ".json")
            else:
                base_truth_path = os.path.join(TRUTH, base_stem + ".json")
            t = json.load(open(base_truth_path, encoding="utf-8"))
            t["source"] = os.path.basename(out)
            t["notes"] = v["notes"]
            t.setdefault("status", "ok")
            if v["derive"] == "scan":
                t.update(status="unsupported", cells={}, absent=[])
            elif v["derive"] == "encrypt-user":
                t.update(status="failed", cells={}, absent=[])
            elif v["derive"] == "rotate":
                check_text(out, t)
            shutil.copy(out, os.path.join(ROOT, os.path.basename(out)))
            write_json(os.path.join(TRUTH, name + ".json"), t)
            print("%-18s %7d bytes  derived from %s" % (name, os.path.getsize(out), v["base"]))
            continue
        if v["template"] in ("legacy", "none"):
            nums = None
            truth = legacy_truth(v, name + ".pdf")
            if v["template"] == "none":
                truth.update(status="unsupported", template=None, agency=None, year=None)
        else:
            ext = ".txt" if v["producer"] == "text" else ".pdf"
            for attempt in range(1000):
                nums = build_numbers(v, done, attempt)
                truth = make_truth(v, nums, name + ext)
                if not v.get("unique_split") or emit_text.unique_splits(truth["cells"]):
                    break
            else:
                raise SystemExit("%s: no draw with unique splits" % name)
            done[name] = nums
        if v.get("single_other"):
            truth["single_other"] = True
        truths[name] = truth
        if args.only and name not in args.only:
            continue
        src, pdf = render(v, truth, work)
        if pdf.endswith(".pdf"):
            check_text(pdf, truth)
        shutil.copy(pdf, os.path.join(ROOT, os.path.basename(pdf)))
        write_json(os.path.join(TRUTH, name + ".json"), truth)
        if v.get("keep_source"):
            ext = os.path.splitext(src)[1]
            stem = name + "-source"
            shutil.copy(src, os.path.join(ROOT, stem + ext))
            t = dict(truth)
            t["source"] = stem + ext
            t["notes"] = truth["notes"] + " (This is the %s source of %s.pdf.)" % (ext[1:].upper(), name)
            write_json(os.path.join(TRUTH, stem + ".json"), t)
        pages = pages_of(pdf) if pdf.endswith(".pdf") else 0
        print("%-18s %7d bytes  %d pages  %s" % (name, os.path.getsize(pdf), pages, v["producer"]))
    if args.keep_work:
        print("work dir:", work)
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
