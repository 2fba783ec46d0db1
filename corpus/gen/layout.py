"""The report as a list of blocks (title, headings, prose, tables), built from a truth JSON.

Tables follow the official layout (TEMPLATES.md §4–§6): table 三 has a label area three
columns wide whose group labels are row-spanning cells, and a three-row header with 申请人情况
over everything and 法人或其他组织 over five columns; table 四 has three header rows.
The emitters (emit_html.py, emit_docx.py) turn these blocks into HTML or DOCX.
"""

from dataclasses import dataclass, field

from model import DENY, NOHANDLE, OTHER_V2021, T3_ALL_COLS, UNABLE


@dataclass
class Cell:
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    # "label", "head" or "value"
    kind: str = "label"
    # Print one character per line (a vertical label).
    vertical: bool = False


@dataclass
class Table:
    rows: list
    # Relative column widths (one per grid column).
    widths: list
    caption: str = ""
    borders: bool = True
    font_pt: float = 9
    # Number of leading rows that are headers (repeated after a page break when asked).
    header_rows: int = 0
    repeat_header: bool = False
    # Text output only: value cells of a row written without separators.
    concat: bool = False


@dataclass
class Block:
    kind: str  # title, heading, para, table, pagebreak, signature
    text: str = ""
    table: Table = None
    lines: list = field(default_factory=list)


T3_LABELS = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_in": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "deny_state_secret": "1.属于国家秘密",
    "deny_law_forbidden": "2.其他法律行政法规禁止公开",
    "deny_three_security": "3.危及“三安全一稳定”",
    "deny_third_party": "4.保护第三方合法权益",
    "deny_internal_affairs": "5.属于三类内部事务信息",
    "deny_process_info": "6.属于四类过程性信息",
    "deny_enforcement_file": "7.属于行政执法案卷",
    "deny_admin_query": "8.属于行政查询事项",
    "unable_not_held": "1.本机关不掌握相关政府信息",
    "unable_need_creation": "2.没有现成信息需要另行制作",
    "unable_unclear": "3.补正后申请内容仍不明确",
    "nohandle_petition": "1.信访举报投诉类申请",
    "nohandle_repeat": "2.重复申请",
    "nohandle_publication": "3.要求提供公开出版物",
    "nohandle_mass_repeat": "4.无正当理由大量反复申请",
    "nohandle_confirm": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_no_fee_paid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他",
    "processed_total": "（七）总计",
    "carried_out": "四、结转下年度继续办理",
}

T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def printed(truth_cells, key, opts):
    """The text printed in the document for a key, from its truth value and the render options."""
    v = truth_cells[key]
    if v == "" or v in ("—", "/", "-"):
        return v
    if opts.get("signed") and key.endswith(".change"):
        if not v.startswith("-") and v != "0":
            return "+" + v
    if opts.get("thousands"):
        neg = v.startswith("-")
        body = v.lstrip("-")
        ip, _, fp = body.partition(".")
        if len(ip) > 3:
            groups = []
            while len(ip) > 3:
                groups.insert(0, ip[-3:])
                ip = ip[:-3]
            groups.insert(0, ip)
            body = ",".join(groups) + ("." + fp if fp else "")
            return ("-" if neg else "") + body
    if opts.get("glued_units", {}).get(key):
        return v + opts["glued_units"][key]
    return v


def val(truth, key, opts):
    return Cell(printed(truth["cells"], key, opts), kind="value")


def label(text, opts, rowspan=1, colspan=1, vertical=False):
    for a, b in opts.get("typos", {}).items():
        text = text.replace(a, b)
    return Cell(text, rowspan=rowspan, colspan=colspan, kind="label", vertical=vertical)


def head(text, opts, rowspan=1, colspan=1):
    for a, b in opts.get("typos", {}).items():
        text = text.replace(a, b)
    return Cell(text, rowspan=rowspan, colspan=colspan, kind="head")


def table2(truth, opts):
    tpl = truth["template"]
    rows = []

    def caption(item):
        sp = "第二十条 第（%s）项" if opts.get("caption_space") else "第二十条第（%s）项"
        rows.append([head(sp % item, opts, colspan=4)])

    def header(cols):
        if len(cols) == 1:
            rows.append([head("信息内容", opts), head(cols[0], opts, colspan=3)])
        else:
            r = [head("信息内容", opts)] + [head(c, opts) for c in cols]
            r += [head("", opts)] * (3 - len(cols))
            rows.append(r)

    def data(row, text, cols):
        if len(cols) == 1:
            k = "t2.%s.%s" % (row, cols[0])
            c = val(truth, k, opts)
            c.colspan = 3
            rows.append([label(text, opts), c])
        else:
            r = [label(text, opts)] + [val(truth, "t2.%s.%s" % (row, c), opts) for c in cols]
            r += [Cell("", kind="value")] * (3 - len(cols))
            rows.append(r)

    if tpl == "v2021":
        caption("一")
        header(["本年制发件数", "本年废止件数", "现行有效件数"])
        data("regulation", "规章", ["made", "repealed", "in_force"])
        data("normative", opts.get("normative_label", "行政规范性文件"), ["made", "repealed", "in_force"])
        caption("五")
        header(["本年处理决定数量"])
        data("license", "行政许可", ["decisions"])
        caption("六")
        header(["本年处理决定数量"])
        data("penalty", "行政处罚", ["decisions"])
        data("coercion", "行政强制", ["decisions"])
        caption("八")
        header(["本年收费金额（单位：万元）"])
        data("fee", "行政事业性收费", ["amount"])
    else:
        caption("一")
        header(["本年新制作数量", "本年新公开数量", "对外公开总数量"])
        data("regulation", "规章", ["new_made", "new_published", "total_published"])
        data("normative", "规范性文件", ["new_made", "new_published", "total_published"])
        caption("五")
        header(["上一年项目数量", "本年增/减", "处理决定数量"])
        data("license", "行政许可", ["prev_items", "change", "decisions"])
        data("other_service", "其他对外管理服务事项", ["prev_items", "change", "decisions"])
        caption("六")
        header(["上一年项目数量", "本年增/减", "处理决定数量"])
        data("penalty", "行政处罚", ["prev_items", "change", "decisions"])
        data("coercion", "行政强制", ["prev_items", "change", "decisions"])
        caption("八")
        header(["上一年项目数量", "本年增/减"])
        data("fee", "行政事业性收费", ["prev_items", "change"])
        caption("九")
        header(["采购项目数量", "采购总金额"])
        data("procurement", "政府集中采购", ["projects", "amount"])
    return Table(rows=rows, widths=[3, 2, 2, 2], borders=opts.get("borders", True), font_pt=10.5)


def table3(truth, opts):
    tpl = truth["template"]
    single_other = truth.get("single_other", False)
    social = opts.get("social_label", "社会公益组织")
    rows = [
        [
            head(T3_CORNER, opts, rowspan=3, colspan=3),
            head("申请人情况", opts, colspan=7),
        ],
        [
            head("自然人", opts, rowspan=2),
            head("法人或其他组织", opts, colspan=5),
            head("总计", opts, rowspan=2),
        ],
        [
            head(t, opts)
            for t in ["商业企业", "科研机构", social, "法律服务机构", "其他"]
        ],
    ]

    def values(row):
        return [val(truth, "t3.%s.%s" % (row, c), opts) for c in T3_ALL_COLS]

    rows.append([label(T3_LABELS["new_received"], opts, colspan=3)] + values("new_received"))
    rows.append([label(T3_LABELS["carried_in"], opts, colspan=3)] + values("carried_in"))
    others = ["other"] if (tpl == "v2019" or single_other) else OTHER_V2021
    # 三 spans every result row up to （七）总计: 20 rows in v2019, 22 in v2021 (a group label
    # shares the row of its first child, as in the official DOCX).
    n_results = 2 + len(DENY) + len(UNABLE) + len(NOHANDLE) + len(others) + 1
    group3 = label(
        "三、本年度办理结果", opts, rowspan=n_results, vertical=opts.get("vertical_group", False)
    )
    first = True

    def lead():
        nonlocal first
        if first:
            first = False
            return [group3]
        return []

    rows.append(lead() + [label(T3_LABELS["granted"], opts, colspan=2)] + values("granted"))
    rows.append(lead() + [label(T3_LABELS["partial"], opts, colspan=2)] + values("partial"))
    for group, keys in (("（三）不予公开", DENY), ("（四）无法提供", UNABLE), ("（五）不予处理", NOHANDLE)):
        for i, k in enumerate(keys):
            g = [label(group, opts, rowspan=len(keys))] if i == 0 else []
            rows.append(g + [label(T3_LABELS[k], opts)] + values(k))
    if len(others) == 1:
        rows.append([label(T3_LABELS["other"], opts, colspan=2)] + values("other"))
    else:
        for i, k in enumerate(others):
            g = [label("（六）其他处理", opts, rowspan=3)] if i == 0 else []
            text = T3_LABELS[k]
            if opts.get("other_enum_comma"):
                text = text.replace(".", "、", 1)
            rows.append(g + [label(text, opts)] + values(k))
    rows.append([label(T3_LABELS["processed_total"], opts, colspan=2)] + values("processed_total"))
    rows.append([label(T3_LABELS["carried_out"], opts, colspan=3)] + values("carried_out"))
    widths = opts.get("t3_widths", [1.3, 1.6, 4.2] + [1.2] * 7)
    return Table(
        rows=rows,
        widths=widths,
        borders=opts.get("borders", True),
        font_pt=opts.get("t3_font", 9),
        header_rows=3,
        repeat_header=opts.get("repeat_header", False),
        concat=opts.get("concat", False),
    )


def table4(truth, opts):
    review = opts.get("review_label", "行政复议")
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [
        [head(review, opts, colspan=5), head("行政诉讼", opts, colspan=10)],
        [head(t, opts, rowspan=2) for t in leaves]
        + [head("未经复议直接起诉", opts, colspan=5), head("复议后起诉", opts, colspan=5)],
        [head(t, opts) for t in leaves * 2],
        [
            val(truth, "t4.%s.%s" % (g, c), opts)
            for g in ("review", "lit_direct", "lit_after_review")
            for c in ("upheld", "corrected", "other", "pending", "total")
        ],
    ]
    return Table(
        rows=rows,
        widths=[1] * 15,
        borders=opts.get("borders", True),
        font_pt=9,
        header_rows=3,
        concat=opts.get("concat", False),
    )


def n(truth, key):
    v = truth["cells"].get(key, "")
    return v if v not in ("", "—", "/") else "0"


def build(truth, opts):
    """Blocks of a whole v2019/v2021 report."""
    agency, year = truth["agency"], truth["year"]
    blocks = []
    title_lines = opts.get("title_lines") or [agency + str(year) + "年政府信息公开工作年度报告"]
    blocks.append(Block("title", lines=title_lines))
    period = opts.get(
        "period",
        "本报告中所列数据的统计期限为{y}年1月1日至{y}年12月31日。".format(y=year),
    )
    blocks.append(
        Block(
            "para",
            "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级有关工作要求，"
            "{a}编制本报告。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
            "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。{p}"
            "本报告电子版可在{a}门户网站下载。如对本报告有疑问，请与{a}办公室联系"
            "（电话：0517-83600000）。".format(a=agency, p=period),
        )
    )
    blocks.append(Block("heading", "一、总体情况"))
    c = truth["cells"]
    prose1 = [
        "（一）主动公开。{y}年，{a}坚持以公开为常态、不公开为例外，围绕中心工作，"
        "持续加大政府信息主动公开力度，通过门户网站、政务新媒体等渠道及时发布政策文件、"
        "规划计划、财政预决算等信息。".format(y=year, a=agency),
        "（二）依申请公开。全年共受理政府信息公开申请{new}件，答复{done}件（含上年度结转申请{cin}件，"
        "另有{cout}件顺延到下年度答复），均在法定期限内答复。".format(
            new=n(truth, "t3.new_received.total"),
            done=n(truth, "t3.processed_total.total"),
            cin=n(truth, "t3.carried_in.total"),
            cout=n(truth, "t3.carried_out.total"),
        ),
        "（三）政府信息管理。严格落实政府信息公开审查制度，动态更新政府信息公开目录，"
        "对规范性文件实行统一登记、统一编号、统一发布。",
        "（四）政府信息公开平台建设。优化政府门户网站政府信息公开专栏，完善栏目设置，"
        "提升检索、下载等服务功能。",
        "（五）监督保障。将政府信息公开工作纳入年度绩效考核，组织业务培训，"
        "全年未发生因政府信息公开工作被追责的情形。全年发生政府信息公开行政复议{rv}件。".format(
            rv=n(truth, "t4.review.total")
        ),
    ]
    prose1 += opts.get("extra_prose", [])
    for p in prose1:
        blocks.append(Block("para", p))
    blocks.append(Block("heading", "二、主动公开政府信息情况"))
    blocks.append(Block("table", table=table2(truth, opts)))
    if opts.get("break_before_t3"):
        blocks.append(Block("pagebreak"))
    blocks.append(Block("heading", "三、收到和处理政府信息公开申请情况"))
    blocks.append(Block("table", table=table3(truth, opts)))
    blocks.append(Block("heading", "四、政府信息公开行政复议、行政诉讼情况"))
    blocks.append(Block("table", table=table4(truth, opts)))
    blocks.append(Block("heading", "五、存在的主要问题及改进情况"))
    blocks.append(
        Block(
            "para",
            "{y}年，{a}政府信息公开工作取得了一定成效，但仍存在一些不足：一是主动公开的深度和广度有待拓展；"
            "二是政策解读形式较为单一。下一步，将进一步完善工作机制，加强业务培训，"
            "不断提升政府信息公开工作质量。".format(y=year, a=agency),
        )
    )
    if not opts.get("no_section6"):
        blocks.append(Block("heading", "六、其他需要报告的事项"))
        blocks.append(
            Block(
                "para",
                opts.get(
                    "section6",
                    "本年度未收取信息处理费。{a}无其他需要报告的事项。".format(a=agency),
                ),
            )
        )
    return blocks


def build_legacy(truth, opts):
    """A 2008–2018 style report: free sections and a locality-designed statistics table."""
    agency, year = truth["agency"], truth["year"]
    s = opts["legacy_stats"]
    blocks = [Block("title", lines=[agency + str(year) + "年政府信息公开工作年度报告"])]
    blocks.append(
        Block(
            "para",
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由{a}编制。"
            "全文包括概述，主动公开政府信息情况，依申请公开政府信息情况，政府信息公开的收费及减免情况，"
            "因政府信息公开申请行政复议、提起行政诉讼的情况，存在的主要问题和改进措施等。"
            "本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。".format(a=agency, y=year),
        )
    )
    sections = [
        ("一、概述", "{y}年，{a}认真贯彻落实《条例》，进一步健全政府信息公开工作机制，完善公开目录，"
         "政府信息公开工作稳步推进。".format(y=year, a=agency)),
        ("二、主动公开政府信息情况", "全年主动公开政府信息{p}条，其中通过政府网站公开{w}条。".format(p=s["proactive"], w=s["website"])),
        ("三、依申请公开政府信息情况", "全年共收到政府信息公开申请{r}件，均已按期答复。其中同意公开{g}件，"
         "同意部分公开{pt}件，不予公开{d}件。".format(r=s["requests"], g=s["granted"], pt=s["partial"], d=s["denied"])),
        ("四、政府信息公开的收费及减免情况", "本年度未收取任何费用。"),
        ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "全年发生政府信息公开行政复议{rv}件，行政诉讼{lt}件。".format(rv=s["review"], lt=s["litigation"])),
        ("六、存在的主要问题和改进措施", "主要问题是公开内容不够全面。下一步将加强培训，完善制度。"),
    ]
    for h, p in sections:
        blocks.append(Block("heading", h))
        blocks.append(Block("para", p))
    rows = [[head("指标名称", opts), head("计量单位", opts), head("统计数", opts)]]
    for name, unit, key in [
        ("一、主动公开政府信息数", "条", "proactive"),
        ("其中：政府网站公开政府信息数", "条", "website"),
        ("二、收到申请数", "件", "requests"),
        ("三、对申请的答复总数", "件", "answered"),
        ("1.同意公开答复数", "件", "granted"),
        ("2.同意部分公开答复数", "件", "partial"),
        ("3.否决公开答复数", "件", "denied"),
        ("四、行政复议数", "件", "review"),
        ("五、行政诉讼数", "件", "litigation"),
        ("六、依申请公开信息收取的费用", "万元", "fees"),
    ]:
        rows.append([label(name, opts), label(unit, opts), Cell(str(s[key]), kind="value")])
    blocks.append(Block("para", "附表：政府信息公开情况统计表"))
    blocks.append(Block("table", table=Table(rows=rows, widths=[5, 1.5, 1.5], font_pt=10.5)))
    blocks.append(Block("signature", lines=[agency, "%d年3月" % (year + 1)]))
    return blocks


def build_notice(truth, opts):
    """A government notice that is not an annual report."""
    agency, year = truth["agency"], truth["year"]
    blocks = [Block("title", lines=["关于做好%d年度政务公开重点工作的通知" % year])]
    blocks.append(Block("para", "各县区人民政府，市各委办局："))
    for p in [
        "为深入贯彻落实上级关于全面推进政务公开工作的部署要求，进一步提升政务公开质量和实效，"
        "现就做好%d年度政务公开重点工作通知如下。" % year,
        "一、加强政策解读。各单位要围绕重大政策出台，同步做好解读工作，解读材料与政策文件同步起草、"
        "同步审签、同步发布。",
        "二、规范依申请公开办理。严格按照法定时限答复，规范答复文书格式，做好申请登记、审核、办理、"
        "答复、归档各环节工作。",
        "三、按时报送年度报告。各单位应于次年1月31日前向本级政府信息公开工作主管部门报送本机关上一年度"
        "政府信息公开工作年度报告，并向社会公布。",
    ]:
        blocks.append(Block("para", p))
    rows = [[head("工作任务", opts), head("责任单位", opts), head("完成时限", opts)]]
    for task, who, when in [
        ("政策解读", "各县区、各部门", "%d年12月" % year),
        ("公开目录更新", "市政府办公室", "%d年6月" % year),
        ("年度报告", "各县区、各部门", "%d年1月31日" % (year + 1)),
    ]:
        rows.append([label(task, opts), label(who, opts), label(when, opts)])
    blocks.append(Block("para", "附件：%d年度政务公开重点工作任务分工" % year))
    blocks.append(Block("table", table=Table(rows=rows, widths=[3, 3, 2], font_pt=10.5)))
    blocks.append(Block("signature", lines=[agency, "%d年3月15日" % year]))
    return blocks
