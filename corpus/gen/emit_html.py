"""Blocks → HTML (for LibreOffice's HTML import and for Chromium's print-to-PDF)."""

import html as H


def cell_html(c, opts, tag):
    t = c.text
    if c.vertical:
        inner = "<br>".join(H.escape(ch) for ch in t)
    elif opts.get("split_tags") and c.kind in ("label", "head") and len(t) > 3:
        # A label split across inline tags, as some CMS pages write them ("申请人情" + "况").
        inner = H.escape(t[:-1]) + "<span>" + H.escape(t[-1]) + "</span>"
    else:
        inner = H.escape(t)
    if inner == "" and opts.get("nbsp_blanks"):
        inner = "&nbsp;"
    attrs = ""
    if c.rowspan > 1:
        attrs += ' rowspan="%d"' % c.rowspan
    if c.colspan > 1:
        attrs += ' colspan="%d"' % c.colspan
    cls = {"value": "v", "head": "h", "label": "l"}[c.kind]
    return '<%s class="%s"%s>%s</%s>' % (tag, cls, attrs, inner, tag)


def table_html(t, opts):
    total = sum(t.widths)
    cols = "".join('<col style="width:%.1f%%">' % (100.0 * w / total) for w in t.widths)
    border = "b" if t.borders else "nb"
    out = ['<table class="%s" style="font-size:%.1fpt" cellspacing="0" cellpadding="2"%s>' % (
        border, t.font_pt, ' border="1"' if t.borders else ' border="0"')]
    out.append("<colgroup>%s</colgroup>" % cols)
    for i, row in enumerate(t.rows):
        tag = "td"
        if t.repeat_header and i < t.header_rows:
            tag = "th"
        out.append("<tr>" + "".join(cell_html(c, opts, tag) for c in row) + "</tr>")
    out.append("</table>")
    if t.repeat_header and t.header_rows:
        # Wrap header rows in <thead> so Chromium repeats them after a page break.
        head = out[2 : 2 + t.header_rows]
        body = out[2 + t.header_rows : -1]
        out = out[:2] + ["<thead>"] + head + ["</thead><tbody>"] + body + ["</tbody>", out[-1]]
    return "\n".join(out)


CSS = """
@page { size: A4; margin: 25mm 22mm 25mm 22mm;
  @bottom-center { content: "- " counter(page) " -"; font-size: 10.5pt; } }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12pt; line-height: 1.6; }
h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 18pt; text-align: center; margin: 0 0 4pt 0; }
h2 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 14pt; margin: 10pt 0 4pt 0; }
p { text-indent: 2em; margin: 0 0 4pt 0; }
p.sig { text-align: right; text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt 0; }
table.b td, table.b th { border: 0.75pt solid #000; }
table.nb td, table.nb th { border: none; }
td, th { padding: 1pt 2pt; vertical-align: middle; font-weight: normal; line-height: 1.25; }
td.v { text-align: center; }
td.h, th.h { text-align: center; }
tr { break-inside: avoid; }
"""


def render(blocks, opts):
    title = " ".join(blocks[0].lines) if blocks and blocks[0].kind == "title" else "report"
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        "<title>%s%s</title>" % (H.escape(title), H.escape(opts.get("title_suffix", ""))),
        "<style>%s</style></head><body>" % CSS,
    ]
    for b in blocks:
        if b.kind == "title":
            out.append("<h1>" + "<br>".join(H.escape(l) for l in b.lines) + "</h1>")
        elif b.kind == "heading":
            out.append("<h2>%s</h2>" % H.escape(b.text))
        elif b.kind == "para":
            out.append("<p>%s</p>" % H.escape(b.text))
        elif b.kind == "table":
            out.append(table_html(b.table, opts))
        elif b.kind == "pagebreak":
            out.append('<p style="page-break-before: always; break-before: page"></p>')
        elif b.kind == "signature":
            for l in b.lines:
                out.append('<p class="sig">%s</p>' % H.escape(l))
    out.append("</body></html>")
    return "\n".join(out) + "\n"
