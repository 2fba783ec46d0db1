#!/usr/bin/env python3
"""Evidence for reading pdfminer.six's one-value boxes of table 三 column by column
(docs/design-linear-text.md §2, "A page whose value boxes are one unbroken run: read").

The order pdfminer writes text boxes in depends on the page's geometry: the gaps between cells,
the header's shape, where the table breaks across pages. This script varies exactly that. Each
report (the corpus's v2019/v2021 truths, and tables drawn by model.py at scales from 3 to 3,000,
so that zeros, small and large numbers all occur) is laid out by layout.py and emit_html.py with
a style drawn at random — table font 7.5–12 pt, cell padding 0–9 pt, line height 1.0–1.8, column
widths, page size and orientation, margins, the group label set vertically or not, borders or not,
prose of several lengths before the tables (which moves table 三's page breaks) — printed to PDF by
Chromium, and read by pdfminer.six with four LAParams (default, line_margin=0.3, char_margin=1.0,
boxes_flow=0).

For every text it reports what the reader would do (`read_one_value_run` below mirrors
parser/src/one_value_runs.rs: column by column, no other order of the columns moving the total
column holding as well): nothing (why), or read — right, or WRONG with the cells. And, from
pdfminer's layout objects, every page of table 三 whose value boxes are one run of one-value boxes:
whether the run is column after column in print order (the premise the reader rests on).

Run from the repository root: python3 corpus/gen/pdfminer_geometry.py N [SEED]
(N reports; output in /tmp/geo, scratch). Needs chromium and pdfminer.six.
  --premise PDF...   the run pages' order in PDFs already made (every LAParams)
  --shapes N [SEED]  the reader on tables whose pages are written in random guillotine orders
  --sparse N         the same on tables of a few applications only
  --cut-once N       every page cut once: does the column-by-column reading hold otherwise?
"""

import json
import random
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import emit_html  # noqa: E402
import layout  # noqa: E402
import model  # noqa: E402

ROOT = HERE.parent.parent
TRUTH = ROOT / "corpus" / "truth"
KEYS = ROOT / "docs" / "spec" / "keys.tsv"
OUT = Path("/tmp/geo")
COLS = model.T3_ALL_COLS
NUM = re.compile(r"^\d+$")
MODES = {"pm": {}, "pmlm": {"line_margin": 0.3}, "pmcm": {"char_margin": 1.0}, "pmbf": {"boxes_flow": 0.0}}


def t3_rows(template):
    rows = []
    for line in KEYS.read_text().splitlines()[1:]:
        tm, table, row, *_ = line.split("\t")
        if tm == template and table == "t3" and row not in rows:
            rows.append(row)
    return rows


def corpus_truths():
    out = []
    for path in sorted(TRUTH.rglob("*.json")):
        if "derived" in path.parts:
            continue
        t = json.loads(path.read_text())
        if t.get("template") not in ("v2019", "v2021") or t.get("single_other") or not t.get("agency"):
            continue
        rows = t3_rows(t["template"])
        if all(NUM.match(str(t["cells"].get(f"t3.{r}.{c}", ""))) for r in rows for c in COLS):
            out.append(t)
    return out


def drawn_truth(rng, k):
    template = rng.choice(["v2019", "v2021", "v2021"])
    scale = rng.choice([3, 8, 20, 60, 200, 600, 3000])
    t3 = model.gen_t3(rng, scale, template, False)
    t2 = model.gen_t2(rng, template, max(scale, 5))
    t4 = model.gen_t4(rng, scale)
    cells = {key: str(v) for key, v in model.flatten(t2, t3, t4).items()}
    return dict(agency=f"示例县第{k}局", year=2019 + k % 6 if template == "v2021" else 2019,
                template=template, status="ok", absent=[], notes="pdfminer_geometry.py", cells=cells)


def style(rng):
    font = rng.choice([7.5, 8, 9, 9, 10, 10.5, 11, 12])
    pad_v = rng.choice([0, 1, 2, 3, 4, 6, 9])
    pad_h = rng.choice([0, 1, 2, 4])
    line = rng.choice([1.0, 1.15, 1.25, 1.5, 1.8])
    page = rng.choice(["A4", "A4", "A4 landscape", "letter", "A5", "B5"])
    margin = rng.choice([10, 15, 20, 25, 30])
    label_w = rng.uniform(2.0, 9.0)
    value_w = [rng.uniform(0.8, 2.0)] * 7 if rng.random() < 0.6 else [rng.uniform(0.8, 2.2) for _ in range(7)]
    opts = dict(
        t3_font=font,
        t3_widths=[label_w * 0.2, label_w * 0.25, label_w * 0.55] + value_w,
        vertical_group=rng.random() < 0.4,
        borders=rng.random() < 0.85,
        repeat_header=rng.random() < 0.3,
        extra_prose=[("本年度，我们持续推进政务公开标准化规范化建设。" * rng.randint(1, 12))
                     for _ in range(rng.randint(0, 8))],
    )
    css = (f"@page {{ size: {page}; margin: {margin}mm; }}\n"
           f"td, th {{ padding: {pad_v}pt {pad_h}pt !important; line-height: {line} !important; }}\n"
           f"td.v {{ text-align: {rng.choice(['center', 'center', 'right', 'left'])} !important; }}\n")
    return opts, css, dict(font=font, pad_v=pad_v, pad_h=pad_h, line=line, page=page, margin=margin)


def make(k, rng, truths):
    name = f"geo-{k:04d}"
    pdf = OUT / "pdf" / (name + ".pdf")
    truth = rng.choice(truths) if truths and rng.random() < 0.35 else drawn_truth(rng, k)
    opts, css, desc = style(rng)
    if not pdf.exists():
        html = emit_html.render(layout.build(truth, opts), opts).replace("</style>", css + "</style>", 1)
        src = OUT / "html" / (name + ".html")
        src.write_text(html)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", f"file://{src}"], capture_output=True, timeout=120)
    return name, pdf, truth, desc


# ---- the reader, as parser/src/one_value_runs.rs does it

def region_pages(text):
    lines = text.split("\n")
    start = end = None
    for i, l in enumerate(lines):
        s = l.replace(" ", "").lstrip("\f")
        if start is None and s.startswith("三、收到和处理"):
            start = i
        elif start is not None and s.startswith("四、") and not s.startswith("四、结转"):
            end = i
            break
    if start is None or end is None:
        return None
    pages = []
    for page in "\n".join(lines[start + 1:end]).split("\f"):
        boxes = [b for b in re.split(r"\n\s*\n", page) if b.strip()]
        pages.append([[l.strip() for l in b.split("\n") if l.strip()] for b in boxes])
    return pages


def holds(grid, rows):
    by = dict(zip(rows, grid))
    if any(row[6] != sum(row[:6]) for row in grid):
        return False
    results = [r for r in rows if r not in ("new_received", "carried_in", "processed_total", "carried_out")]
    for c in range(7):
        if by["new_received"][c] + by["carried_in"][c] != by["processed_total"][c] + by["carried_out"][c]:
            return False
        if by["processed_total"][c] != sum(by[r][c] for r in results):
            return False
    return True


def read_one_value_run(text, template):
    pages = region_pages(text)
    if pages is None:
        return None, "no region"
    runs = []
    for boxes in pages:
        values = [i for i, b in enumerate(boxes) if all(NUM.match(l) for l in b)]
        if not values:
            continue
        if any(not all(NUM.match(l) for l in boxes[i]) for i in range(values[0], values[-1] + 1)):
            return None, "not one run a page"
        if any(len(boxes[i]) != 1 for i in values):
            return None, "a box of several values"
        runs.append([int(boxes[i][0]) for i in values])
    return read_runs(runs, template)


def read_runs(runs, template):
    """Step 2 and 3 of the reader: each page's values column by column or row by row."""
    rows = t3_rows(template)
    if any(len(r) % 7 for r in runs) or sum(map(len, runs)) != 7 * len(rows):
        return None, "not whole rows"

    # Each page column by column; no other order of the columns moving the total column, on
    # any set of pages, may hold with other cells.
    import itertools

    def grid(orders):
        g = []
        for run, order in zip(runs, orders):
            n = len(run) // 7
            page = [None] * 7
            for i in range(7):
                page[order[i]] = run[i * n:(i + 1) * n]
            g += [[page[c][r] for c in range(7)] for r in range(n)]
        return g

    identity = tuple(range(7))
    printed = grid([identity] * len(runs))
    if not holds(printed, rows):
        return None, "equations fail"
    def adds_up(run, order):
        n = len(run) // 7
        total = order.index(6)
        return all(run[total * n + r] == sum(run[i * n + r] for i in range(7) if i != total) for r in range(n))

    for order in itertools.permutations(range(7)):
        if order[6] == 6:
            continue
        mask = sum(1 << p for p, run in enumerate(runs) if adds_up(run, order))
        for k in range(1, mask + 1):
            if k & ~mask:
                continue
            other = grid([order if k >> p & 1 else identity for p in range(len(runs))])
            if other != printed and holds(other, rows):
                return None, "another column order holds too"
    return {f"t3.{r}.{COLS[c]}": str(printed[i][c]) for i, r in enumerate(rows) for c in range(7)}, "read"


# ---- the premise, from pdfminer's layout objects

def run_order(boxes):
    """The order of a run of one-value boxes on the page's grid (x and y clusters): column by
    column, row by row, another guillotine partition with upper and left parts first, or none
    of these (`check_pdfminer_tree.guillotine`)."""
    from check_pdfminer_tree import cluster, guillotine

    ids = list(range(len(boxes)))
    cols = cluster(sorted(ids, key=lambda i: (boxes[i].x0 + boxes[i].x1) / 2),
                   lambda i: (boxes[i].x0 + boxes[i].x1) / 2, 6)
    rows = cluster(sorted(ids, key=lambda i: -(boxes[i].y0 + boxes[i].y1) / 2),
                   lambda i: -(boxes[i].y0 + boxes[i].y1) / 2, 3)
    if len(cols) != 7 or len(rows) * 7 != len(boxes):
        return "not a grid"
    cell = {i: (next(r for r, g in enumerate(rows) if i in g), next(c for c, g in enumerate(cols) if i in g))
            for i in ids}
    seq = [cell[i] for i in ids]
    if seq == sorted(seq, key=lambda rc: (rc[1], rc[0])):
        return "column by column"
    if seq == sorted(seq):
        return "row by row"
    if guillotine(seq, {}, {"horizontal cut, upper first", "vertical cut, left first"}):
        return "another guillotine partition, upper/left parts first"
    return "NOT upper/left parts first"


def run_pages(pdf, laparams, truth):
    """Per page of table 三 whose value boxes are one run of one-value boxes: (rows, order of
    the run, `run_order`)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextBox

    out = []
    inside = False
    for page in extract_pages(str(pdf), laparams=laparams):
        boxes = [b for b in page if isinstance(b, LTTextBox)]
        texts = [b.get_text().strip() for b in boxes]
        flat = [t.replace(" ", "") for t in texts]
        start = next((i for i, t in enumerate(flat) if t.startswith("三、收到和处理")), None)
        end = next((i for i, t in enumerate(flat) if t.startswith("四、") and not t.startswith("四、结转")), None)
        if start is not None:
            inside = True
        if not inside:
            continue
        lo = start + 1 if start is not None else 0
        hi = end if end is not None else len(boxes)
        region = list(range(lo, hi))
        vals = [i for i in region if all(NUM.match(l.strip()) for l in texts[i].split("\n"))]
        if vals and all(i in vals for i in range(vals[0], vals[-1] + 1)) and all("\n" not in texts[i] for i in vals) \
                and len(vals) % 7 == 0:
            out.append((len(vals) // 7, run_order([boxes[i] for i in vals])))
        if end is not None:
            break
    return out


def premise(paths):
    """The run pages' order in PDFs already made, every mode."""
    import logging

    from pdfminer.layout import LAParams

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    tally = {}
    for pdf in paths:
        for mode, params in MODES.items():
            try:
                pages = run_pages(pdf, LAParams(**params), None)
            except Exception as e:  # an encrypted or damaged PDF of the corpus
                print(f"  {Path(pdf).name}: {e!r}")
                break
            for nrows, order in pages:
                tally[order] = tally.get(order, 0) + 1
                if order.startswith("NOT"):
                    print(f"  {Path(pdf).name} {mode}: run page of {nrows} rows {order}", flush=True)
    for k in sorted(tally):
        print(k, tally[k])


def random_order(rng, r0, r1, c0, c1, p_column):
    """The cells of rows r0..r1 × columns c0..c1 in the order of a random guillotine partition
    with upper and left parts first; a vertical cut is drawn with probability p_column."""
    if r0 == r1 and c0 == c1:
        return [(r0, c0)]
    vertical = c1 > c0 and (r0 == r1 or rng.random() < p_column)
    if vertical:
        k = rng.randint(c0, c1 - 1)
        return random_order(rng, r0, r1, c0, k, p_column) + random_order(rng, r0, r1, k + 1, c1, p_column)
    k = rng.randint(r0, r1 - 1)
    return random_order(rng, r0, k, c0, c1, p_column) + random_order(rng, k + 1, r1, c0, c1, p_column)


def shapes(n, seed):
    """How often the reader takes a wrong reading when pdfminer's run is a guillotine partition
    of another shape than column by column or row by row: every truth of the corpus and tables
    drawn at every scale, pages of random heights, each page's cells in a random guillotine
    order (upper/left parts first), read by `read_runs`."""
    rng = random.Random(f"pdfminer-shapes:{seed}")
    truths = corpus_truths()
    tally = {}
    for k in range(n):
        truth = rng.choice(truths) if rng.random() < 0.3 else drawn_truth(rng, k)
        rows = t3_rows(truth["template"])
        grid = [[int(truth["cells"][f"t3.{r}.{c}"]) for c in COLS] for r in rows]
        cuts = sorted(rng.sample(range(1, len(rows)), rng.randint(0, 4)))
        bounds = list(zip([0] + cuts, cuts + [len(rows)]))
        p_column = rng.choice([0.5, 0.8, 0.95, 0.99])
        runs = []
        for a, b in bounds:
            order = random_order(rng, a, b - 1, 0, 6, p_column)
            runs.append([grid[r][c] for r, c in order])
        got, why = read_runs(runs, truth["template"])
        if got is not None:
            wrong = [key for key, v in got.items() if truth["cells"][key] != v]
            why = "read, WRONG" if wrong else "read, right"
            if wrong:
                print("WRONG", bounds, p_column, wrong[:6], flush=True)
        tally[why] = tally.get(why, 0) + 1
    for key in sorted(tally):
        print(key, tally[key])


def sparse(n, seed=1):
    """`shapes` on tables of a few applications only (model.py at scales 2 to 8)."""
    rng = random.Random(f"sparse:{seed}")
    tally = {}
    for _ in range(n):
        template = rng.choice(["v2019", "v2021"])
        t3 = model.gen_t3(rng, rng.choice([2, 3, 5, 8]), template, False)
        rows = t3_rows(template)
        grid = [[t3[r][c] for c in COLS] for r in rows]
        cuts = sorted(rng.sample(range(1, len(rows)), rng.randint(0, 3)))
        bounds = list(zip([0] + cuts, cuts + [len(rows)]))
        p_column = rng.choice([0.8, 0.95, 0.99])
        runs = [[grid[r][c] for r, c in random_order(rng, a, b - 1, 0, 6, p_column)] for a, b in bounds]
        got, why = read_runs(runs, template)
        if got is not None:
            wrong = any(str(grid[rows.index(k.split(".")[1])][COLS.index(k.split(".")[2])]) != v
                        for k, v in got.items())
            why = "read, WRONG" if wrong else "read, right"
        tally[why] = tally.get(why, 0) + 1
    print(tally)


def cut_once(n, seed=7):
    """Tables drawn at scales 3 to 20, split over two pages, one page written in every shape
    cut once (columns c0..c1 cut between two rows, each part column by column): how often the
    column-by-column reading holds with other cells."""
    rng = random.Random(seed)
    found = 0
    for _ in range(n):
        t3 = model.gen_t3(rng, rng.choice([3, 5, 8, 20]), "v2021", False)
        rows = t3_rows("v2021")
        grid = [[t3[r][c] for c in COLS] for r in rows]
        cut = rng.randint(2, 23)
        bounds = [(0, cut), (cut, 25)]
        for page, (a, b) in enumerate(bounds):
            h = b - a
            for c0 in range(7):
                for c1 in range(c0, 7):
                    for k in range(1, h):
                        order = ([(r, c) for c in range(c0) for r in range(h)]
                                 + [(r, c) for c in range(c0, c1 + 1) for r in range(k)]
                                 + [(r, c) for c in range(c0, c1 + 1) for r in range(k, h)]
                                 + [(r, c) for c in range(c1 + 1, 7) for r in range(h)])
                        runs = [[grid[a + r][c] for r, c in order] if q == page else
                                [grid[r][c] for c in range(7) for r in range(x, y)]
                                for q, (x, y) in enumerate(bounds)]
                        read = []
                        for run in runs:
                            m = len(run) // 7
                            read += [[run[c * m + r] for c in range(7)] for r in range(m)]
                        if read != grid and holds(read, rows):
                            found += 1
    print(f"{n} tables: the column-by-column reading held with other cells {found} times")


def main():
    if sys.argv[1:2] == ["--sparse"]:
        sparse(int(sys.argv[2]))
        return
    if sys.argv[1:2] == ["--cut-once"]:
        cut_once(int(sys.argv[2]))
        return
    if sys.argv[1:2] == ["--shapes"]:
        shapes(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
        return
    if sys.argv[1:2] == ["--premise"]:
        premise(sys.argv[2:])
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for d in ("pdf", "html", "reports", "truth"):
        (OUT / d).mkdir(parents=True, exist_ok=True)
    import logging

    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    rng = random.Random(f"pdfminer-geometry:{seed}")
    truths = corpus_truths()
    tally = {}
    for k in range(n):
        name, pdf, truth, desc = make(seed * 10000 + k, rng, truths)
        if not pdf.exists():
            print(f"{name}: no PDF", flush=True)
            continue
        for mode, params in MODES.items():
            text = extract_text(str(pdf), laparams=LAParams(**params))
            out = f"{name}-{mode}.txt"
            (OUT / "reports" / out).write_text(text)
            (OUT / "truth" / (out[:-4] + ".json")).write_text(
                json.dumps(dict(truth, source=out), ensure_ascii=False, indent=1))
            got, why = read_one_value_run(text, truth["template"])
            if got is not None:
                wrong = [key for key, v in got.items() if truth["cells"].get(key) != v]
                why = "read, WRONG" if wrong else "read, right"
            tally[("reader", why)] = tally.get(("reader", why), 0) + 1
            for nrows, order in run_pages(pdf, LAParams(**params), truth):
                key = ("one-value run page", order)
                tally[key] = tally.get(key, 0) + 1
                if order.startswith("NOT"):
                    print(f"  {out}: run page of {nrows} rows {order} {desc}")
            if why.startswith("read"):
                print(f"{out}: {why} {desc}", flush=True)
    for k in sorted(tally):
        print(k, tally[k])


if __name__ == "__main__":
    main()
