#!/usr/bin/env python3
"""Evidence for reading table 三 from plain `pdftotext` text (poppler, neither -layout nor -raw;
docs/design-linear-text.md §13): in which order does poppler write table 三's value cells?

Plain pdftotext writes a page as **flows** of blocks of lines; a blank line follows every flow,
so a "block" of the plain text (lines between blank lines) is one flow. `pdftotext -bbox-layout`
writes the same flows, blocks, lines and words in the same order, with their boxes: that is
what this script reads. For every text-layer PDF with a truth file (the corpus's PDFs, and the
PDFs `check_pdfminer_runs.py` makes from the corpus's office documents and pages with
LibreOffice and Chromium), table 三's value words (between its heading line and table 四's) are
located on the grid: columns by x (exactly seven clusters on every page), rows by y (rows of
each page in order, the pages in order, exactly the truth's rows), and every located value
must equal the truth's cell (else the file is "unlocated" and not counted).

Each flow of the region holding values is then checked ("linked": the flow right before it in
the text holds values too, no text-only flow between):

  header    text lines in a flow with values come before all of its values (a flow that breaks
            this is a row stream with its labels, not a block: not counted below);
  H2  rect  its values are the cells of one rectangle (consecutive rows × adjacent columns,
            every cell of it), written row by row, left to right;
  H4  bands the row ranges of all value flows never overlap partly (every column is cut into
            the same bands of rows);
  H5  cols  two value flows sharing a column: the upper one comes first in the text; H5' the
            same where the later flow is linked;
  H6  moves a linked flow of other rows than the flow before it: where it goes (the band right
            below, further below, above), and whether it starts at or left of that flow;
  H1  pairs a linked flow of the same rows as the flow before it lies to its right (right next
            to it); apart where the flow before holds header lines;
  H3  groups the maximal runs of such flows of one band: in the text left to right?
  H7  names a text-only flow naming exactly one column header right before a value flow: is it
            that flow's (first) column?

`--search` (`--gravity`: the gravity search, see gravity_search) then runs a depth-first reading of table 三 from the plain text under the rules that
held (H1 narrowed, H2, H4, H5', H6 and every equation of table 三) on the plain text of every
PDF written in blocks, and reports whether it ends within its step budget.

Run from the repository root:  python3 corpus/gen/check_poppler_blocks.py [--verbose] [--sketch] [--search [--gravity] [--limit N]]
(--sketch: one line per PDF, each value flow as rows×columns, `|` after text, `H` header lines)
Needs: poppler-utils (pdftotext), and what check_pdfminer_runs.py needs to make its PDFs
(cached in /tmp/xxgk-pdfminer-runs). Version used: pdftotext 22.12.0 (poppler).
Results of this version: docs/design-linear-text.md §13.
"""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_pdfminer_runs as runs  # noqa: E402  (the PDFs, the truth and its grid)

NUMBER = re.compile(r"^\d+(\.\d+)?$")
HEAD3 = "收到和处理政府信息公开申请"
HEAD4 = "行政复议"
HEADERS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def flows_of(pdf):
    """[(page, [lines])] per flow in text order; a line is [(x0, y0, x1, y1, text)]."""
    out_file = runs.CACHE / "poppler-bbox.html"
    runs.CACHE.mkdir(exist_ok=True)
    subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(out_file)], capture_output=True, timeout=300)
    xml = out_file.read_text(encoding="utf-8", errors="replace") if out_file.exists() else "<doc/>"
    out_file.unlink(missing_ok=True)
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    out = []
    for page_no, page in enumerate(root.iter("page")):
        for flow in page.findall("flow"):
            lines = []
            for block in flow.findall("block"):
                for line in block.findall("line"):
                    lines.append([(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                                   float(w.get("yMax")), w.text or "") for w in line.findall("word")])
            out.append((page_no, lines))
    return out


def region(flows):
    """Flows from table 三's heading line to table 四's heading line (both cut out)."""
    out, inside = [], False
    for page, lines in flows:
        kept = []
        for line in lines:
            text = "".join(w[4] for w in line)
            if not inside and HEAD3 in text and text.startswith("三"):
                inside = True
                continue
            if inside and HEAD4 in text and text.startswith("四"):
                if kept:
                    out.append((page, kept))
                return out
            if inside:
                kept.append(line)
        if kept:
            out.append((page, kept))
    return None


def value_line(line):
    return bool(line) and all(NUMBER.match(w[4]) for w in line)


def cluster(values, gap):
    """Sorted centres → list of clusters (lists), a new cluster past `gap`."""
    groups = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= gap:
            groups[-1].append(v)
        else:
            groups.append([v])
    return groups


def locate(flows, truth, rows):
    """Every value word → (row, column), or None when the grid cannot be located exactly."""
    cols = runs.grid(truth, rows)
    nrows = len(cols[0])
    words = []  # (flow index, page, word)
    for i, (page, lines) in enumerate(flows):
        for line in lines:
            if value_line(line):
                for w in line:
                    words.append((i, page, w))
    if not words:
        return None
    where = {}
    row_base = 0
    for page in sorted({p for _, p, _ in words}):
        ws = [w for _, p, w in words if p == page]
        xs = cluster([(w[0] + w[2]) / 2 for w in ws], 12.0)
        ys = cluster([(w[1] + w[3]) / 2 for w in ws], 3.0)
        if len(xs) != 7:
            return None
        for w in ws:
            xc, yc = (w[0] + w[2]) / 2, (w[1] + w[3]) / 2
            c = next(k for k, g in enumerate(xs) if g[0] <= xc <= g[-1])
            r = row_base + next(k for k, g in enumerate(ys) if g[0] <= yc <= g[-1])
            where[id(w)] = (r, c)
        row_base += len(ys)
    if row_base != nrows:
        return None
    for _, _, w in words:
        r, c = where[id(w)]
        if cols[c][r] is None or str(cols[c][r]) != w[4]:
            return None
    return where


def check(pdf, truth, rows, verbose):
    flows = region(flows_of(pdf))
    if flows is None:
        return None
    where = locate(flows, truth, rows)
    if where is None:
        return "unlocated"
    counts = {}

    def count(key, ok, note=""):
        k = (key, "ok" if ok else "COUNTER")
        counts[k] = counts.get(k, 0) + 1
        if verbose and not ok:
            print(f"    {key} counterexample {note}")

    # Each flow: (cells in text order, text lines before/after values, pure?)
    items = []  # per flow: None (text only) or dict
    linked = False
    named = None  # the column a text-only flow right before names, when exactly one
    for page, lines in flows:
        cells, text_after_value, texts = [], False, 0
        for line in lines:
            if value_line(line):
                cells += [where[id(w)] for w in line]
            else:
                texts += 1
                if cells:
                    text_after_value = True
        if not cells:
            items.append(None)
            linked = False
            text = "".join(w[4] for line in lines for w in line).replace("法人或其他组织", "")
            hits = [k for k, h in enumerate(HEADERS) if h in text]
            named = hits[0] if len(hits) == 1 and text == HEADERS[hits[0]] else None
            continue
        items.append(dict(cells=cells, texts=texts, text_after=text_after_value, linked=linked,
                          named=named))
        named = None
        linked = True
    for it in items:
        if it is None:
            continue
        count("header lines before all values", not it["text_after"], str(it["cells"]))
        if it["text_after"]:
            it["rect"] = False
            continue
        rs = sorted({r for r, _ in it["cells"]})
        cs = sorted({c for _, c in it["cells"]})
        rect = [(r, c) for r in range(rs[0], rs[-1] + 1) for c in range(cs[0], cs[-1] + 1)]
        shape = "one column" if len(cs) == 1 else "several columns"
        count(f"H2 rectangle row by row ({shape})", it["cells"] == rect, str(it["cells"]))
        it["rows"] = (rs[0], rs[-1])
        it["cols"] = (cs[0], cs[-1])
        it["rect"] = it["cells"] == rect
    vals = [it for it in items if it is not None and it["rect"]]
    if any(it is not None and it["text_after"] for it in items):
        shape = "a row stream with its labels (text after values in a flow)"
    elif any(it["rows"][0] < it["rows"][1] for it in vals):
        shape = "blocks (a flow holds a column over several rows)"
    else:
        shape = "a row stream (every flow one row)"
    counts[("files written as", shape)] = 1
    for it in vals:
        if it["named"] is not None:
            count("H7 one column header right before a flow names the flow's first column",
                  it["named"] == it["cols"][0], f"{HEADERS[it['named']]} then {it['cells'][:3]}")
    bands = {it["rows"] for it in vals}
    for a in bands:
        for b in bands:
            if a < b:
                overlap = not (a[1] < b[0] or b[1] < a[0])
                count("H4 bands never overlap partly", not overlap, f"{a} {b}")
    # H5: blocks sharing a column come top to bottom in the text.
    for i, a in enumerate(vals):
        for b in vals[i + 1:]:
            if a["cols"][1] < b["cols"][0] or b["cols"][1] < a["cols"][0]:
                continue
            count("H5 flows sharing a column come top to bottom", a["rows"][1] < b["rows"][0],
                  f"{a['cells'][:3]} then {b['cells'][:3]}")
            if b["linked"]:
                count("H5' ... where the later one follows a value flow", a["rows"][1] < b["rows"][0],
                      f"{a['cells'][:3]} then {b['cells'][:3]}")
    # H6: where a value flow right after another (no text between) goes when its rows differ.
    for i in range(len(items) - 1):
        a, b = items[i], items[i + 1]
        if a is None or b is None or not a["rect"] or not b["rect"] or a["rows"] == b["rows"]:
            continue
        if b["rows"][0] == a["rows"][1] + 1:
            where = "the band right below"
            count("H6 next band: starts at or left of the previous flow's columns", b["cols"][0] <= a["cols"][0],
                  f"{a['cells'][:3]} then {b['cells'][:3]}")
        elif b["rows"][0] > a["rows"][1]:
            where = "a band further below"
        else:
            where = "a band above"
        counts[("H6 a flow of other rows goes to", where)] = counts.get(("H6 a flow of other rows goes to", where), 0) + 1
    # H1: neighbours in the text, same rows, nothing between.
    for i in range(len(items) - 1):
        a, b = items[i], items[i + 1]
        if a is None or b is None or not a["rect"] or not b["rect"] or b["texts"]:
            continue
        if a["rows"] != b["rows"]:
            continue
        if a["texts"]:
            count("H1 after a flow with header lines, the next flow of the same rows lies to the right",
                  b["cols"][0] > a["cols"][1], f"{a['cells']} then {b['cells']}")
            continue
        kind = "one column each" if a["cols"][0] == a["cols"][1] and b["cols"][0] == b["cols"][1] else "wider"
        count(f"H1 next flow of the same rows lies to the right ({kind})", b["cols"][0] > a["cols"][1],
              f"{a['cells']} then {b['cells']}")
        count(f"H1' ... right next to it ({kind})", b["cols"][0] == a["cols"][1] + 1,
              f"{a['cells']} then {b['cells']}")
    # H3: groups of one band in text order.
    groups = []
    for i, it in enumerate(items):
        if it is None or not it["rect"]:
            groups.append(None)
            continue
        prev = items[i - 1] if i else None
        if groups and groups[-1] is not None and prev is not None and prev["rect"] and not it["texts"] \
                and prev["rows"] == it["rows"]:
            g = groups[-1]
            g["cols"] = (min(g["cols"][0], it["cols"][0]), max(g["cols"][1], it["cols"][1]))
            g["header"] = g["header"] or it["texts"] > 0
        else:
            groups.append(dict(rows=it["rows"], cols=it["cols"], header=it["texts"] > 0))
    groups = [g for g in groups if g is not None]
    for band in {g["rows"] for g in groups}:
        gs = [g for g in groups if g["rows"] == band]
        for x, y in zip(gs, gs[1:]):
            kind = "with a header flow" if x["header"] or y["header"] else "no header"
            count(f"H3 groups of a band left to right ({kind})", y["cols"][0] > x["cols"][1],
                  f"{band}: {x['cols']} then {y['cols']}")
    return counts


def main():
    verbose = "--verbose" in sys.argv
    index = runs.truths()
    rows = runs.row_order()
    pdfs = []
    for src in sorted(index):
        if src.endswith(".pdf") and Path(src).name not in runs.SKIP and not src.startswith("scans/"):
            pdfs.append((runs.REPORTS / src, src, "corpus"))
    pdfs += runs.made_pdfs(index)
    total, files, unlocated = {}, 0, []
    for pdf, src, maker in pdfs:
        if verbose:
            print(f"{maker:16s} {src}")
        got = check(pdf, index[src], rows, verbose)
        if got is None:
            continue
        if got == "unlocated":
            unlocated.append(f"{maker} {src}")
            continue
        files += 1
        for k, v in got.items():
            total[k] = total.get(k, 0) + v
    if "--sketch" in sys.argv:
        for pdf, src, maker in pdfs:
            print(f"{maker:16s} {src}")
            sketch(pdf, src)
    if "--search" in sys.argv:
        limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 100000
        run_search(pdfs, index, rows, limit)
    print(f"{files} PDFs located ({len(unlocated)} not located: {', '.join(unlocated)})")
    for what in sorted({k[0] for k in total}):
        print(f"  {what}: " + ", ".join(f"{k[1]} {v}" for k, v in sorted(total.items()) if k[0] == what))



NUMBER_WORD = re.compile(r"^\d+$")
WIDTH = 7


def text_blocks(text):
    """Table 三's region of a plain pdftotext text as value blocks: dict(vals, header, linked);
    None when there is no region or a block holds text after a value."""
    lines = text.replace("\f", "\n").split("\n")
    start = end = None
    for i, line in enumerate(lines):
        t = line.strip()
        if start is None and t.startswith("三") and HEAD3 in t:
            start = i
        elif start is not None and t.startswith("四") and HEAD4 in t:
            end = i
            break
    if start is None or end is None:
        return None
    out, linked, cur = [], False, []
    for line in lines[start + 1:end] + [""]:
        if line.strip():
            cur.append(line.split())
            continue
        if not cur:
            continue
        vals, texts = [], 0
        for words in cur:
            if all(NUMBER_WORD.match(w) for w in words):
                vals += [int(w) for w in words]
            elif vals:
                return None
            else:
                texts += 1
        cur = []
        if not vals:
            linked = False
            continue
        out.append(dict(vals=vals, header=texts > 0, linked=linked))
        linked = True
    return out


def search(blocks, nrows, limit):
    """Every reading of the blocks as a tiling of the grid (rows × 7) under H1 (narrowed), H2,
    H4, H5', H6 and table 三's equations (v2021/v2019 order: new, carried in, the outcome rows,
    总计, carried over), the grid filled top to bottom, left to right. Returns (the set of grids,
    steps), or (None, steps) past `limit` steps."""
    n = len(blocks)
    grid = [[None] * WIDTH for _ in range(nrows)]
    band = [None] * nrows
    pos = [None] * n
    found, steps = set(), [0]

    def moves(a, b):  # H6 for a linked pair
        if (a[0], a[2]) == (b[0], b[2]):
            return True
        if b[0] == a[0] + a[2]:
            return b[1] <= a[1]
        return b[0] + b[2] <= a[0]

    def fits(i, p):
        r, c, h, w = p
        for j, q in enumerate(pos):
            if q is None:
                continue
            for x, y, px, py in ((j, i, q, p), (i, j, p, q)):
                if y == x + 1 and blocks[y]["linked"]:
                    same = (px[0], px[2]) == (py[0], py[2])
                    if same and not blocks[x]["header"] and not blocks[y]["header"] \
                            and px[1] + px[3] != py[1]:
                        return False
                    if not moves(px, py):
                        return False
            if q[1] + q[3] <= c or c + w <= q[1]:
                continue
            if j < i and blocks[i]["linked"] and not q[0] + q[2] <= r:
                return False
            if i < j and blocks[j]["linked"] and not r + h <= q[0]:
                return False
        return True

    def column_bounds(cols):
        """T3-1 and T3-2 together: new + carried in = the outcome rows + carried over, and 总计 =
        the outcome rows: with every value ≥ 0, the outcome rows and carried over placed so far
        never exceed new + carried in (once both are placed), nor the outcome rows 总计."""
        for c in cols:
            col = [grid[r][c] for r in range(nrows)]
            spent = sum(v for v in col[2:-2] if v is not None)
            if col[-2] is not None and spent > col[-2]:
                return False
            if col[0] is not None and col[1] is not None:
                out = spent + (col[-1] or 0)
                if out > col[0] + col[1] or (col[-2] is not None and col[-2] + (col[-1] or 0) > col[0] + col[1]):
                    return False
        return True

    def equations():
        for c in range(WIDTH):
            col = [grid[r][c] for r in range(nrows)]
            if col[0] + col[1] != col[-2] + col[-1] or sum(col[2:-2]) != col[-2]:
                return False
        return True

    def go():
        steps[0] += 1
        if steps[0] > limit:
            raise OverflowError
        cell = next(((r, c) for r in range(nrows) for c in range(WIDTH) if grid[r][c] is None), None)
        if cell is None:
            if equations():
                found.add(tuple(tuple(row) for row in grid))
            return
        r, c = cell
        for i, b in enumerate(blocks):
            if pos[i] is not None:
                continue
            m = len(b["vals"])
            for w in range(1, WIDTH - c + 1):
                h = m // w
                if m % w or r + h > nrows or (c > 0 and band[r] != (r, h)):
                    continue
                if c == 0 and any(band[x] is not None for x in range(r, r + h)):
                    continue
                if any(grid[x][y] is not None for x in range(r, r + h) for y in range(c, c + w)):
                    continue
                p = (r, c, h, w)
                if not fits(i, p):
                    continue
                it = iter(b["vals"])
                for x in range(r, r + h):
                    band[x] = (r, h)
                    for y in range(c, c + w):
                        grid[x][y] = next(it)
                pos[i] = p
                if (c + w < WIDTH or all(sum(grid[x][:6]) == grid[x][6] for x in range(r, r + h))) \
                        and column_bounds(range(c, c + w)):
                    go()
                pos[i] = None
                for x in range(r, r + h):
                    if c == 0:
                        band[x] = None
                    for y in range(c, c + w):
                        grid[x][y] = None

    try:
        go()
    except OverflowError:
        return None, steps[0]
    return found, steps[0]


def gravity_search(blocks, nrows, limit):
    """The same reading with H5' used as gravity: blocks are placed in text order; a linked
    block goes below everything placed in its columns (all of it is earlier in the text), and an
    empty cell above a placed cell can only be filled by a later block that is not linked, so
    such holes never outnumber the cells of the later unlinked blocks. H1/H6 with the block
    before, H4, T3-3 and the column bounds as above, every equation at the end. The rest of the
    search depends only on (next block, grid, bands, place of the block before): memoised on
    that. Returns (the set of grids, steps), or (None, steps) past `limit` steps or 64 grids."""
    n = len(blocks)
    grid = [[None] * WIDTH for _ in range(nrows)]
    band = [None] * nrows
    pos = [None] * n
    later = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        later[i] = later[i + 1] + (0 if blocks[i]["linked"] else len(blocks[i]["vals"]))
    steps, memo = [0], {}

    def holes():
        k = 0
        for c in range(WIDTH):
            below = False
            for r in range(nrows - 1, -1, -1):
                if grid[r][c] is not None:
                    below = True
                elif below:
                    k += 1
        return k

    def moves(a, b):
        if b[0] == a[0] + a[2]:
            return b[1] <= a[1]
        return b[0] + b[2] <= a[0]

    def bounded():
        for c in range(WIDTH):
            col = [grid[r][c] for r in range(nrows)]
            spent = sum(v for v in col[2:-2] if v is not None)
            if col[-2] is not None and spent > col[-2]:
                return False
            if col[0] is not None and col[1] is not None:
                if spent + (col[-1] or 0) > col[0] + col[1]:
                    return False
        for row in grid:
            if row[6] is not None:
                part = sum(v for v in row[:6] if v is not None)
                if part > row[6] or (None not in row and part != row[6]):
                    return False
        return True

    def equations():
        for c in range(WIDTH):
            col = [grid[r][c] for r in range(nrows)]
            if col[0] + col[1] != col[-2] + col[-1] or sum(col[2:-2]) != col[-2]:
                return False
        return True

    def go(i):
        key = (i, tuple(map(tuple, grid)), tuple(band), pos[i - 1] if i else None)
        if key not in memo:
            memo[key] = frozenset(explore(i))
        return memo[key]

    def explore(i):
        steps[0] += 1
        if steps[0] > limit:
            raise OverflowError
        if i == n:
            return {tuple(map(tuple, grid))} if equations() else set()
        out = set()
        b = blocks[i]
        m = len(b["vals"])
        p = pos[i - 1] if i and b["linked"] else None
        for w in range(1, WIDTH + 1):
            if m % w:
                continue
            h = m // w
            for c in range(WIDTH - w + 1):
                low = 0
                if b["linked"]:
                    for y in range(c, c + w):
                        low = max([low] + [r + 1 for r in range(nrows) if grid[r][y] is not None])
                for top in range(low, nrows - h + 1):
                    q = (top, c, h, w)
                    if p is not None:
                        if (p[0], p[2]) == (top, h):
                            if not b["header"] and not blocks[i - 1]["header"] and p[1] + p[3] != c:
                                continue
                        elif not moves(p, q):
                            continue
                    rows = range(top, top + h)
                    if any(band[r] != band[top] for r in rows) or band[top] not in (None, (top, h)):
                        continue
                    if any(grid[r][y] is not None for r in rows for y in range(c, c + w)):
                        continue
                    saved = [band[r] for r in rows]
                    vals = iter(b["vals"])
                    for r in rows:
                        band[r] = (top, h)
                        for y in range(c, c + w):
                            grid[r][y] = next(vals)
                    pos[i] = q
                    if holes() <= later[i + 1] and bounded():
                        out |= go(i + 1)
                    pos[i] = None
                    for k, r in enumerate(rows):
                        band[r] = saved[k]
                        for y in range(c, c + w):
                            grid[r][y] = None
                    if len(out) > 64:
                        raise OverflowError
        return out

    try:
        return set(go(0)), steps[0]
    except OverflowError:
        return None, steps[0]


def run_search(pdfs, index, rows, limit=100000):
    print(f"\nsearch (step budget {limit}) on the plain text of every PDF written in blocks:")
    for pdf, src, maker in pdfs:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              timeout=300).stdout.decode("utf-8", "replace")
        blocks = text_blocks(text)
        if not blocks or not any(len(b["vals"]) > 1 for b in blocks):
            continue
        cols = runs.grid(index[src], rows)
        nrows = len(cols[0])
        if sum(len(b["vals"]) for b in blocks) != nrows * WIDTH:
            print(f"  {maker:16s} {src}: {sum(len(b['vals']) for b in blocks)} values for {nrows} rows")
            continue
        got, steps = (gravity_search if "--gravity" in sys.argv else search)(blocks, nrows, limit)
        if got is None:
            print(f"  {maker:16s} {src}: {len(blocks)} blocks, over {limit} steps: nothing")
            continue
        truth = tuple(tuple(cols[c][r] for c in range(WIDTH)) for r in range(nrows))
        agree = [(r, c) for r in range(nrows) for c in range(WIDTH) if len({g[r][c] for g in got}) == 1]
        right = sum(1 for r, c in agree if next(iter(got))[r][c] == truth[r][c]) if got else 0
        print(f"  {maker:16s} {src}: {len(blocks)} blocks, {steps} steps, {len(got)} readings,"
              f" truth among them: {truth in got}; cells equal in every reading {len(agree)},"
              f" right {right}")


def sketch(pdf, src):
    """One line per value flow: rows, columns, header lines, and whether text came between."""
    index = runs.truths()
    flows = region(flows_of(pdf))
    where = locate(flows, index[src], runs.row_order()) if flows else None
    if where is None:
        print("  unlocated")
        return
    out = []
    gap = False
    for page, lines in flows:
        cells = [where[id(w)] for line in lines if value_line(line) for w in line]
        texts = sum(1 for line in lines if not value_line(line))
        if not cells:
            gap = True
            continue
        rs = sorted({r for r, _ in cells})
        cs = sorted({c for _, c in cells})
        mark = ("|" if gap else "") + ("H" if texts else "")
        out.append(f"{mark}r{rs[0]}-{rs[-1]}c{cs[0]}-{cs[-1]}")
        gap = False
    print("  " + " ".join(out))


if __name__ == "__main__":
    main()
