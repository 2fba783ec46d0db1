#!/usr/bin/env python3
"""Evidence for reading table 三 from pdfminer.six text (docs/design-linear-text.md §2, "Runs of
value columns"): in which order does pdfminer write the value columns of table 三?

For every text-layer PDF with a truth file (the corpus's PDFs, and PDFs made from the corpus's
office documents and pages by LibreOffice and by Chromium on two paper sizes), pdfminer.six
lays the pages out with default LAParams (what `extract_text`, `pdf2txt.py` and markitdown
use). Its text boxes, in the order `extract_text` writes them, are cut into lines, and table
三's region (its heading to table 四's) into **runs**: maximal sequences of one-number lines
with no other text line between (with --joined: no text box naming a column between, as the
reader crates/parser/src/column_runs.rs cuts them). A run is read against the truth as column
**segments**: each segment one column's values over consecutive rows, starting and ending at
box boundaries (a blank line in the text), no cell read twice; the readings with the fewest
segments are kept.

Counted (a reading set of a run is "in order" when every reading says so, "out of order" when
every reading says so, "in doubt" when they disagree — columns with equal values there):

  runs       whole runs whose segments are columns of the same rows (the hypothesis: such a
             run comes left to right, in print order); `single` (one segment), `mixed` (other
             shapes) and `unmatched` (values the truth does not have) apart;
  groups     consecutive segments of the same rows inside any run, split by whether every
             column holds a box of two values or more (the narrowed hypothesis);
  headers    the column headers printed as text boxes right before a run of columns: do they
             name exactly the run's columns? And a one-column run right after one header?

Run from the repository root:  python3 corpus/gen/check_pdfminer_runs.py [--verbose] [--joined]
Needs: pdfminer.six (pip), LibreOffice (soffice) and Chromium for the made PDFs (cached with
pdfminer's lines in /tmp/xxgk-pdfminer-runs). Versions used: pdfminer.six 20260107,
LibreOffice 7.4, Chromium 156. Results of this version: docs/design-linear-text.md §2.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
REPORTS = ROOT / "corpus" / "reports"
TRUTH = ROOT / "corpus" / "truth"
KEYS = ROOT / "docs" / "spec" / "keys.tsv"
CACHE = Path("/tmp/xxgk-pdfminer-runs")
COLUMNS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]
NUMBER = re.compile(r"^\s*\d+(\.\d+)?\s*$")
LIMIT = 200  # ways of locating one run enumerated at most
BUDGET = 200000  # search steps per run

# Text-layer PDFs of the corpus that hold no v2019/v2021 table 三 or no text.
SKIP = {"not-a-report.pdf", "scanned.pdf", "legacy-2016.pdf", "encrypted-password.pdf"}


def truths():
    """source path (relative to corpus/reports) → truth dict."""
    out = {}
    for path in TRUTH.rglob("*.json"):
        t = json.loads(path.read_text())
        rel = path.parent.relative_to(TRUTH) / t["source"]
        out[str(rel)] = t
    return out


def row_order():
    rows = {}
    for line in KEYS.read_text().splitlines()[1:]:
        tmpl, table, row, *_ = line.split("\t")
        if table == "t3" and row not in rows.setdefault(tmpl, []):
            rows[tmpl].append(row)
    return rows


def grid(truth, rows):
    """The truth's table 三 as columns of whole numbers (None where not a number)."""
    cells = truth["cells"]
    present = [r for r in rows.get(truth.get("template") or "", []) if f"t3.{r}.total" in cells]
    cols = []
    for c in COLUMNS:
        col = []
        for r in present:
            v = str(cells.get(f"t3.{r}.{c}", ""))
            col.append(int(v) if v.isdigit() else None)
        cols.append(col)
    return cols


def made_pdfs(index):
    """PDFs made from the corpus's office documents and pages (LibreOffice, Chromium)."""
    CACHE.mkdir(exist_ok=True)
    made = []
    lo = [s for s in index if re.search(r"\.(docx?|odt|rtf|wps|xlsx?|ods|et|html?)$", s) and "encrypted" not in s]
    for src in sorted(lo):
        out = CACHE / ("lo-" + src.replace("/", "_") + ".pdf")
        if not out.exists():
            tmp = CACHE / "lo"
            tmp.mkdir(exist_ok=True)
            args = ["soffice", "-env:UserInstallation=file:///tmp/xxgk-lo-profile", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(REPORTS / src)]
            subprocess.run(args, capture_output=True, timeout=300)
            got = tmp / (Path(src).stem + ".pdf")
            if got.exists():
                got.rename(out)
        if out.exists():
            made.append((out, src, "libreoffice"))
    pages = [s for s in index if re.search(r"\.(html?|mht)$", s)]
    for src in sorted(pages):
        for paper, css in (("letter", ""), ("a4l", "<style>@page{size:A4 landscape}</style>")):
            out = CACHE / (f"chromium-{paper}-" + src.replace("/", "_") + ".pdf")
            if not out.exists():
                page = REPORTS / src
                if css:
                    raw = page.read_bytes()
                    page = CACHE / ("page-" + src.replace("/", "_"))
                    page.write_bytes(css.encode() + raw if src.endswith("html") else raw)
                args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", f"file://{page}"]
                subprocess.run(args, capture_output=True, timeout=300)
            if out.exists():
                made.append((out, src, "chromium-" + paper))
    return made


def lines_of(pdf):
    """(text, starts_box, page) for every line pdfminer's extract_text writes, in its order
    (cached beside the made PDFs)."""
    import hashlib
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    key = CACHE / ("lines-" + hashlib.sha1(Path(pdf).read_bytes()).hexdigest() + ".json")
    if key.exists():
        return [tuple(x) for x in json.loads(key.read_text())]
    out = pdfminer_lines(pdf)
    CACHE.mkdir(exist_ok=True)
    key.write_text(json.dumps(out, ensure_ascii=False))
    return out


def pdfminer_lines(pdf):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTContainer, LTTextBox, LTTextLine

    out = []

    def walk(item, page):
        if isinstance(item, LTTextBox):
            first = True
            for line in item:
                if isinstance(line, LTTextLine):
                    out.append((line.get_text().strip(), first, page))
                    first = False
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child, page)

    for n, layout in enumerate(extract_pages(str(pdf), laparams=LAParams())):
        walk(layout, n)
    return out


def region(lines):
    start = next((i for i, l in enumerate(lines) if "收到和处理政府信息公开申请" in l[0]), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if "行政复议" in lines[i][0] and "四" in lines[i][0]),
               len(lines))
    return lines[start + 1:end]


HEADERS = {"自然人": 0, "商业企业": 1, "科研机构": 2, "社会公益组织": 3, "法律服务机构": 4, "其他": 5, "总计": 6}


def runs_of(lines):
    """Runs of one-number lines; each a list of pieces (page, [values]) cut at box starts; and
    for each run the columns named by the text boxes between it and the run before (a box whose
    lines, joined, are one column header)."""
    runs, run, heads, box, headers = [], [], [], [], []
    for text, starts, page in lines:
        if NUMBER.match(text) and "." not in text:
            if box:
                heads.append("".join(box))
                box = []
            if not run or starts or run[-1][0] != page:
                run.append((page, []))
            run[-1][1].append(int(text))
        else:
            if run:
                runs.append(run)
                headers.append(named_columns(heads))
                heads = []
            run = []
            if starts and box:
                heads.append("".join(box))
                box = []
            box.append(text.replace(" ", ""))
    if run:
        runs.append(run)
        headers.append(named_columns(heads))
    return runs, headers


def named_columns(boxes):
    """The columns the header boxes name, in text order: a box is one header when, without the
    group header 法人或其他组织, its text is that header (其他, 总计) or holds it."""
    out = []
    for b in boxes:
        b = b.replace("法人或其他组织", "")
        for name, c in HEADERS.items():
            if b == name or (len(name) > 2 and name in b):
                out.append(c)
    return out


def parses(run, cols):
    """The ways (up to LIMIT) of reading a run as column segments: each segment one column's
    values over consecutive rows, starting and ending at box boundaries, no cell read twice;
    only the ways with the fewest segments (the simplest explanations)."""
    values = [v for _, piece in run for v in piece]
    cuts = {0}
    at = 0
    for _, piece in run:
        at += len(piece)
        cuts.add(at)
    n = len(values)

    def segments_from(i):
        for j in sorted(c for c in cuts if c > i):
            for c, col in enumerate(cols):
                for r in range(len(col) - (j - i) + 1):
                    if col[r:r + j - i] == values[i:j]:
                        yield j, (c, r, j - i)

    fewest = {n: 0}
    for i in sorted(cuts, reverse=True)[1:]:
        best = [fewest[j] + 1 for j, _ in segments_from(i) if j in fewest]
        if best:
            fewest[i] = min(best)
    if 0 not in fewest:
        return []
    ways, cur, used, steps = [], [], set(), [0]

    def go(i):
        steps[0] += 1
        if len(ways) >= LIMIT or steps[0] > BUDGET:
            return
        if i == n:
            ways.append(list(cur))
            return
        for j, seg in segments_from(i):
            if fewest.get(j, -1) != fewest[i] - 1:
                continue
            cells = {(seg[0], seg[1] + k) for k in range(seg[2])}
            if cells & used:
                continue
            used.update(cells)
            cur.append(seg)
            go(j)
            cur.pop()
            used.difference_update(cells)

    go(0)
    return ways


def classify(way):
    """'in' / 'out' / 'single' / a shape string for one reading of a run."""
    if len(way) == 1:
        return "single"
    extents = {(r, n) for c, r, n in way}
    cols = [c for c, r, n in way]
    if len(extents) == 1 and len(set(cols)) == len(cols):
        return "in" if cols == sorted(cols) else "out"
    return "mixed"


def groups(run, way):
    """Maximal sequences of consecutive segments of one reading with the same rows (at least
    two): (first value, end value, every segment holds a box of two or more values, in print
    order)."""
    ends, at = [], 0
    for _, piece in run:
        at += len(piece)
        ends.append((at - len(piece), at))
    out, i, at = [], 0, 0
    starts = []
    for c, r, n in way:
        starts.append(at)
        at += n
    while i < len(way):
        j = i + 1
        while j < len(way) and way[j][1:] == way[i][1:]:
            j += 1
        if j - i >= 2:
            multi = all(any(b - a >= 2 and a >= starts[k] and b <= starts[k] + way[k][2] for a, b in ends)
                        for k in range(i, j))
            cols = [way[k][0] for k in range(i, j)]
            out.append((starts[i], starts[j - 1] + way[j - 1][2], multi,
                        cols == sorted(cols) and len(set(cols)) == len(cols)))
        i = j
    return out


def shape(way):
    return " ".join(f"{COLUMNS[c][:5]}[{r}+{n}]" for c, r, n in way)


def joined(runs, headers):
    """Runs joined while no header box lies between them (on one page): what the reader cuts."""
    out_runs, out_heads = [], []
    for run, named in zip(runs, headers):
        if out_runs and not named and out_runs[-1][-1][0] == run[0][0]:
            out_runs[-1] = out_runs[-1] + run
        else:
            out_runs.append(run)
            out_heads.append(named)
    return out_runs, out_heads


def check(pdf, truth, rows, verbose, join=False):
    cols = grid(truth, rows)
    if not cols[0]:
        return None
    lines = region(lines_of(pdf))
    runs, headers = runs_of(lines)
    if join:
        runs, headers = joined(runs, headers)
    counts = {}
    detail = []
    nways = 0
    for run, named in zip(runs, headers):
        ways = parses(run, cols)
        nways = max(nways, len(ways))
        seen = {}
        for w in ways:
            for a, b, multi, ordered in groups(run, w):
                seen.setdefault((a, b, multi), set()).add(ordered)
        for (a, b, multi), orders in seen.items():
            k = ("groups with a box of 2+ in every column" if multi else "groups with a column of one-value boxes")
            v = "in order" if orders == {True} else "out of order" if orders == {False} else "in doubt"
            counts[(k, v)] = counts.get((k, v), 0) + 1
            if v == "out of order":
                detail.append(f"    group out of order ({'2+' if multi else '1-value'} boxes): values {a}..{b}")
        kinds = {classify(w) for w in ways} or {"unmatched"}
        if kinds == {"in"}:
            k = "in order"
        elif kinds == {"out"}:
            k = "out of order"
        elif kinds <= {"in", "out"}:
            k = "in doubt"
        elif kinds == {"single"}:
            k = "single"
        elif kinds == {"unmatched"}:
            k = "unmatched"
        else:
            k = "mixed"
        counts[("runs", k)] = counts.get(("runs", k), 0) + 1
        if k == "single" and named and any(len(v) >= 2 for _, v in run):
            found = {w[0][0] for w in ways}
            v = ("its column" if len(named) == 1 and found == {named[0]}
                 else "another column" if len(named) == 1 and named[0] not in found
                 else "in doubt" if len(named) == 1 else "several columns")
            key = ("one-column runs (a box of 2+ values) right after header boxes: the header names", v)
            counts[key] = counts.get(key, 0) + 1
            if v in ("another column", "in doubt"):
                detail.append(f"    header {named} before a run of column {sorted(found)}")
        if k in ("in order", "in doubt", "out of order") and named:
            sets = {frozenset(c for c, _, _ in w) for w in ways}
            v = ("the run's columns" if sets == {frozenset(named)} and len(named) == len(set(named))
                 else "other columns" if frozenset(named) not in sets else "in doubt")
            counts[("header boxes right before a run of columns name", v)] = (
                counts.get(("header boxes right before a run of columns name", v), 0) + 1)
            if v != "the run's columns":
                detail.append(f"    headers {named} before a run of columns {sorted(sets, key=len)}")
        if verbose or k == "out of order":
            sizes = [len(v) for _, v in run]
            detail.append(f"    {k}: {sum(sizes)} values in {len(run)} boxes; {len(ways)} readings, e.g. "
                          + (shape(ways[0]) if ways else "none"))
    return counts, nways, detail


def main():
    verbose = "--verbose" in sys.argv
    index = truths()
    rows = row_order()
    pdfs = []
    for src in sorted(index):
        if src.endswith(".pdf") and Path(src).name not in SKIP and not src.startswith("scans/"):
            pdfs.append((REPORTS / src, src, "corpus"))
    pdfs += made_pdfs(index)
    total = {}
    files = 0
    join = "--joined" in sys.argv
    for pdf, src, maker in pdfs:
        try:
            got = check(pdf, index[src], rows, verbose, join)
        except Exception as e:  # a PDF pdfminer cannot read is reported, not counted
            print(f"{maker:16s} {src}: pdfminer failed: {e}")
            continue
        if got is None:
            continue
        counts, nways, detail = got
        files += 1
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
        runs = {k[1]: v for k, v in sorted(counts.items()) if k[0] == "runs"}
        print(f"{maker:16s} {src}: runs {runs} ({nways} readings at most)")
        for d in detail:
            print(d)
    print(f"\n{files} PDFs")
    for what in sorted({k[0] for k in total}):
        print(f"  {what}: " + ", ".join(f"{k[1]} {v}" for k, v in sorted(total.items()) if k[0] == what))


if __name__ == "__main__":
    main()
