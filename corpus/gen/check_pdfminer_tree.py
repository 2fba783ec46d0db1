#!/usr/bin/env python3
"""Evidence for reading table 三 from pdfminer.six text where its value cells are boxes of their
own (docs/design-linear-text.md §2, "The tree order"): in what order does pdfminer's layout tree
write the value cells of table 三?

For every text-layer PDF with a truth file (the corpus's PDFs, and the PDFs made from the
corpus's office documents and pages by LibreOffice and Chromium, as corpus/gen/heldout.py makes
them in /tmp/hold/pdfs), pdfminer.six lays the pages out with four LAParams (default,
line_margin=0.3, char_margin=1.0, boxes_flow=0). Table 三's value words (number tokens of the
text lines between table 三's heading and table 四's heading, by page position) are **located**
on the grid: columns are seven x clusters on every page, rows y clusters, pages in order, and the
rows together must be exactly the truth's rows with every value equal to its truth cell.

Then the value words, in the order extract_text writes them (depth-first order of pdfminer's
tree, boxes and lines in order, words of a line left to right), are tested:

  page      every page's value words are whole rows of the table (H8 of §13);
  contig    every page's value words are contiguous in the text among table 三's value words;
  tree      a page's value words, in text order, are a guillotine partition of the page's
            rectangle: split the sequence in two contiguous parts, each filling one of the two
            rectangles a horizontal or vertical cut makes, recursively down to one word; the
            order of the two parts (upper/lower first, left/right first) is counted;
  run page  a page whose value boxes come as one run in the text (no other box between its
            first and last value box), by whether every box is one value: is it a guillotine
            partition with upper/left parts first (docs/design-linear-text.md §2, "A page whose
            value boxes are one unbroken run");
  region    the value words are exactly the number-only lines between the heading lines in the
            text (what a text reader sees: no stray number in the region, no value outside).

  tree      (pdfminer's own tree, LTPage.groups) every group whose two children both hold
            values: do the children lie stacked or side by side, which comes first, and does
            either hold a box that is no value (a header or label box)?

Run from the repository root: python3 corpus/gen/check_pdfminer_tree.py [--verbose] [MODE...]
(MODE: default, line_margin=0.3, char_margin=1.0, boxes_flow=0; all four when none given).
Needs pdfminer.six; the made PDFs from corpus/gen/heldout.py (/tmp/hold/pdfs).

  python3 corpus/gen/check_pdfminer_tree.py --parses TEXT...
counts, for each page of table 三 in pdfminer texts (a blank line after every box, form feeds
between pages), the ways its value boxes can be read as a guillotine partition of the page's
rows × 7 columns: with either part first at every cut, and under rule R (a group whose values
have value boxes right before and after them in the text puts its upper/left part first).
Results: docs/design-linear-text.md §2, "The tree order of one-value boxes".
"""

import json
import unicodedata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
REPORTS = ROOT / "corpus" / "reports"
TRUTH = ROOT / "corpus" / "truth"
KEYS = ROOT / "docs" / "spec" / "keys.tsv"
MADE = Path("/tmp/hold/pdfs")
COLUMNS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]
SKIP = {"not-a-report.pdf", "scanned.pdf", "legacy-2016.pdf", "encrypted-password.pdf"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def truths():
    out = {}
    for path in TRUTH.rglob("*.json"):
        t = json.loads(path.read_text())
        rel = path.parent.relative_to(TRUTH) / t["source"]
        if not str(rel).startswith("derived"):
            out[str(rel)] = t
    return out


def row_order():
    rows = {}
    for line in KEYS.read_text().splitlines()[1:]:
        tmpl, table, row, *_ = line.split("\t")
        if table == "t3" and row not in rows.setdefault(tmpl, []):
            rows[tmpl].append(row)
    return rows


def truth_rows(truth, rows):
    cells = truth["cells"]
    present = [r for r in rows.get(truth.get("template") or "", []) if f"t3.{r}.total" in cells]
    if "t3.other.total" in cells and "other" not in present:  # the single （六） row in v2021
        present = [r for r in rows["v2019"] if f"t3.{r}.total" in cells]
    return [[str(cells.get(f"t3.{r}.{c}", "")) for c in COLUMNS] for r in present]


def pdfs(index):
    out = []
    for src in sorted(index):
        if src.endswith(".pdf") and Path(src).name not in SKIP and not src.startswith("scans/"):
            out.append((REPORTS / src, src, "corpus"))
    for pdf in sorted(MADE.glob("*.pdf")):
        m = re.match(r"(lo|cr-letter|cr-a4l)-([^_]+)_(.*)\.pdf$", pdf.name)
        if m and f"{m.group(2)}/{m.group(3)}" in index:
            out.append((pdf, f"{m.group(2)}/{m.group(3)}", m.group(1)))
    return out


ORDERED = {}  # id of a node → its value cells in text order (tree_nodes)
NOTES = []  # counterexamples found by tree_nodes, printed by check
BOXES = {}  # id of a text box → its number in words_of's order (filled by words_of)
TREES = []  # per page, pdfminer's tree roots (LTPage.groups)


def words_of(pdf, laparams):
    """Every word of every text line, in extract_text's order:
    (page, box index, line index in box, text, x0, y0, x1, y1, line text)."""
    import logging

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTAnno, LTChar, LTTextBox, LTTextLine

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    out = []
    nbox = 0
    BOXES.clear()
    TREES.clear()
    for p, page in enumerate(extract_pages(str(pdf), laparams=laparams)):
        TREES.append(getattr(page, "groups", None))
        for box in page:
            if not isinstance(box, LTTextBox):
                continue
            nbox += 1
            BOXES[id(box)] = nbox
            for li, line in enumerate(box):
                if not isinstance(line, LTTextLine):
                    continue
                text = unicodedata.normalize("NFKC", line.get_text()).strip()
                cur = []

                def flush():
                    if cur:
                        out.append((p, nbox, li, "".join(c.get_text() for c in cur),
                                    min(c.x0 for c in cur), min(c.y0 for c in cur),
                                    max(c.x1 for c in cur), max(c.y1 for c in cur), text))
                        cur.clear()

                for ch in line:
                    if isinstance(ch, LTChar) and ch.get_text().strip():
                        cur.append(ch)
                    elif isinstance(ch, (LTAnno, LTChar)):
                        flush()
                flush()
    return out


def heading_lines(words):
    """(page, y) of table 三's heading and table 四's heading (first line naming each)."""
    lines = {}
    for w in words:
        lines.setdefault((w[0], w[1], w[2]), w)
    three = four = None
    for key, w in lines.items():
        text = w[8].replace(" ", "")
        if three is None and text.startswith("三") and "收到和处理政府信息公开申请" in text:
            three = (w[0], w[5], key)
        elif three is not None and four is None and text.startswith("四") and "行政复议" in text:
            four = (w[0], w[5], key)
    return three, four


def locate(words, rows):
    """Table 三's value words on the grid: {word index: (row, col)}, or a reason."""
    three, four = heading_lines(words)
    if three is None or four is None:
        return "no headings"
    inside = []
    for i, w in enumerate(words):
        if not NUMBER.match(w[3]):
            continue
        after = (w[0], -w[5]) > (three[0], -three[1])
        before = (w[0], -w[5]) < (four[0], -four[1])
        if after and before:
            inside.append(i)
    pages = sorted({words[i][0] for i in inside})
    cells = {}
    row0 = 0
    for p in pages:
        pure = [i for i in inside if words[i][0] == p and all(NUMBER.match(t) for t in words[i][8].split())]
        spans = [(min(words[i][4] for i in cl) - 8, max(words[i][6] for i in cl) + 8)
                 for cl in cluster(sorted(pure, key=lambda i: (words[i][4] + words[i][6]) / 2),
                                   lambda i: (words[i][4] + words[i][6]) / 2, 8)]
        # a value glued to its label's line: the line's last word, inside a value column
        glued = [i for i in inside if words[i][0] == p and i not in pure and words[i][8].split()[-1] == words[i][3]
                 and any(a <= words[i][4] and words[i][6] <= b for a, b in spans)]
        mine = sorted(pure + glued)
        xs = sorted(mine, key=lambda i: (words[i][4] + words[i][6]) / 2)
        cols = cluster(xs, lambda i: (words[i][4] + words[i][6]) / 2, 8)
        ys = sorted(mine, key=lambda i: -(words[i][5] + words[i][7]) / 2)
        rws = cluster(ys, lambda i: -(words[i][5] + words[i][7]) / 2, 3)
        if len(cols) > 7:
            # Stray numbers (a footer, table 二's tail) lie outside the seven value columns:
            # keep the seven clusters holding a word of every row... too loose; refuse.
            return f"page {p}: {len(cols)} x clusters"
        if len(cols) < 7:
            return f"page {p}: {len(cols)} x clusters"
        for r, group in enumerate(rws):
            if len(group) != 7:
                return f"page {p}: row of {len(group)} words"
            for i in group:
                c = next(k for k, cl in enumerate(cols) if i in cl)
                cells[i] = (row0 + r, c)
        row0 += len(rws)
    if row0 != len(rows):
        return f"{row0} rows located, truth {len(rows)}"
    for i, (r, c) in cells.items():
        if words[i][3] != rows[r][c]:
            return f"value {words[i][3]} at ({r},{c}), truth {rows[r][c]}"
    return cells


def cluster(items, key, gap):
    out = []
    for i in items:
        if out and key(i) - key(out[-1][-1]) <= gap:
            out[-1].append(i)
        else:
            out.append([i])
    return [set(g) for g in out]


def guillotine(seq, counts, allowed=None):
    """Is the sequence of cells a guillotine partition of its bounding rectangle: split in two
    contiguous parts filling the two rectangles of a horizontal or vertical cut, recursively down
    to one cell? `allowed` narrows which part may come first. Counts, for one such partition
    (the first found, shortest first part first), the side of the first part at every cut."""
    memo = {}

    def rect(i, j):
        rs = [r for r, _ in seq[i:j]]
        cs = [c for _, c in seq[i:j]]
        box = (min(rs), max(rs), min(cs), max(cs))
        if len(set(seq[i:j])) != j - i or j - i != (box[1] - box[0] + 1) * (box[3] - box[2] + 1):
            return None
        return box

    def go(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        memo[(i, j)] = None
        if j - i == 1:
            memo[(i, j)] = {}
            return memo[(i, j)]
        if rect(i, j) is None:
            return None
        for k in range(i + 1, j):
            a, b = rect(i, k), rect(k, j)
            if a is None or b is None:
                continue
            if a[1] < b[0]:
                side = "horizontal cut, upper first"
            elif b[1] < a[0]:
                side = "horizontal cut, lower first"
            elif a[3] < b[2]:
                side = "vertical cut, left first"
            elif b[3] < a[2]:
                side = "vertical cut, right first"
            else:
                continue
            if allowed is not None and side not in allowed:
                continue
            left, right = go(i, k), go(k, j)
            if left is None or right is None:
                continue
            got = {}
            for d in (left, right):
                for key, v in d.items():
                    got[key] = got.get(key, 0) + v
            got[side] = got.get(side, 0) + 1
            memo[(i, j)] = got
            return got
        return None

    got = go(0, len(seq))
    if got is None:
        return False
    for key, v in got.items():
        counts[key] = counts.get(key, 0) + v
    return True


def tree_nodes(cells, words):
    """pdfminer's own tree (the layout's groups), each group's two children compared by the table
    三 value cells they hold: how do the children lie (stacked, side by side, interleaved), which
    comes first, and does the first child hold a box that is no value of table 三 (a header, a
    label)? Counted where both children hold values."""
    from pdfminer.layout import LTTextBox, LTTextGroup

    box_cells = {}
    ORDERED.clear()
    for i, rc in cells.items():
        box_cells.setdefault(words[i][1], set()).add(rc)
    counts = {}

    def walk(node):
        """(value cells, holds a box without values) of a node."""
        if isinstance(node, LTTextBox):
            got = box_cells.get(BOXES.get(id(node)), set())
            ORDERED[id(node)] = sorted(got)
            return got, not got
        if not isinstance(node, LTTextGroup):
            return set(), True
        parts = [walk(child) for child in node]
        if len(parts) == 2 and parts[0][0] and parts[1][0]:
            (a, a_text), (b, b_text) = parts
            ra, rb = {r for r, _ in a}, {r for r, _ in b}
            ca, cb = {c for _, c in a}, {c for _, c in b}
            if max(ra) < min(rb):
                how = "stacked, upper first"
            elif max(rb) < min(ra):
                how = "stacked, lower first"
            elif max(ca) < min(cb):
                how = "side by side, left first"
            elif max(cb) < min(ca):
                how = "side by side, right first"
            else:
                how = "interleaved"
            extra = ("first child holds non-value boxes" if a_text else "first child values only") + ", " + (
                "second holds non-value boxes" if b_text else "second values only")
            key = (how, extra)
            counts[key] = counts.get(key, 0) + 1
            if not a_text and not b_text and how not in ("stacked, upper first", "side by side, left first"):
                NOTES.append(f"    tree node of values only, {how}: {sorted(a)} then {sorted(b)}")
        cells_here = set().union(*(p[0] for p in parts)) if parts else set()
        ORDERED[id(node)] = [rc for child in node for rc in ORDERED.get(id(child), [])]
        pure = not any(p[1] for p in parts)
        if pure and len({c for _, c in cells_here}) > 1:
            seq = ORDERED[id(node)]
            rs, cs = [r for r, _ in seq], [c for _, c in seq]
            full = len(seq) == (max(rs) - min(rs) + 1) * (max(cs) - min(cs) + 1)
            how = ("column-major" if seq == sorted(seq, key=lambda rc: (rc[1], rc[0])) else
                   "row-major" if seq == sorted(seq) else "other")
            key = ("values-only groups of several columns (rectangle: %s)" % full, how)
            counts[key] = counts.get(key, 0) + 1
            if how == "other" or not full:
                NOTES.append(f"    values-only group, {how}, rectangle {full}: {seq}")
        return cells_here, any(p[1] for p in parts)

    for roots in TREES:
        for root in roots or []:
            walk(root)
    return counts


def check(words, rows, verbose):
    got = locate(words, rows)
    if isinstance(got, str):
        return None, got
    cells = got
    order = sorted(cells)
    counts = {}
    detail = []
    pages = {}
    for i in order:
        pages.setdefault(words[i][0], []).append(i)
    # page: whole rows (locate made sure); contiguity of each page's words in the text
    seq_pages = [words[i][0] for i in order]
    contiguous = all(seq_pages[k] <= seq_pages[k + 1] for k in range(len(seq_pages) - 1))
    counts[("pages' value words contiguous, pages in order", contiguous)] = 1
    for p, idx in pages.items():
        seq = [cells[i] for i in idx]
        cuts = {}
        ok = guillotine(seq, cuts)
        counts[("page is a guillotine partition", ok)] = counts.get(("page is a guillotine partition", ok), 0) + 1
        for k, v in cuts.items():
            counts[("cuts", k)] = counts.get(("cuts", k), 0) + v
        one_value = all(sum(1 for j in idx if words[j][1] == words[i][1]) == 1 for i in idx)
        counts[("page's value boxes all of one value", one_value)] = counts.get(
            ("page's value boxes all of one value", one_value), 0) + 1
        narrow = guillotine(seq, {}, {"horizontal cut, upper first", "vertical cut, left first"})
        key = ("page is a guillotine partition with upper/left parts first", narrow)
        counts[key] = counts.get(key, 0) + 1
        # H-run: the page's value boxes are one run of boxes in the text (no other box between)
        page_boxes = sorted({words[i][1] for i in idx})
        span = set(range(page_boxes[0], page_boxes[-1] + 1))
        run = span == set(page_boxes) and all(words[j][1] not in span or j in cells for j in range(len(words)))
        if verbose and run:
            detail.append(f"    run page {p}: {len(seq)} cells, one-value boxes {one_value}, upper/left first {narrow}")
        if run:
            key = ("run page (one-value boxes %s): guillotine with upper/left parts first" % one_value, narrow)
            counts[key] = counts.get(key, 0) + 1
            if not narrow:
                detail.append(f"    RUN page {p} not upper/left first: " + " ".join(f"{r},{c}" for r, c in seq))
        if ok and not narrow:
            detail.append(f"    page {p}: needs a lower/right part first: " + " ".join(f"{r},{c}" for r, c in seq))
        if not ok:
            detail.append(f"    page {p}: not a guillotine partition: " + " ".join(f"{r},{c}" for r, c in seq))
        elif verbose:
            detail.append(f"    page {p}: {len(seq)} cells, cuts {cuts}")
    # region as a text reader sees it: number-only lines between the heading lines in text order
    three, four = heading_lines(words)
    lines = []
    seen = set()
    for i, w in enumerate(words):
        key = (w[0], w[1], w[2])
        if key not in seen:
            seen.add(key)
            lines.append((key, i))
    keys = [k for k, _ in lines]
    a, b = keys.index(three[2]), keys.index(four[2])
    region_words = []
    for key, i in lines[a + 1:b]:
        toks = words[i][8].split()
        if toks and all(NUMBER.match(t) for t in toks):
            region_words += [j for j in range(i, len(words)) if (words[j][0], words[j][1], words[j][2]) == key]
    exact = region_words == order
    counts[("text region's number lines are exactly the value words", exact)] = 1
    if not exact:
        extra = [words[j][3] for j in region_words if j not in cells]
        missing = len([i for i in order if i not in set(region_words)])
        detail.append(f"    region: {len(extra)} stray numbers {extra[:8]}, {missing} values outside")
    NOTES.clear()
    for (how, extra), v in tree_nodes(cells, words).items():
        counts[("tree nodes: " + how, extra)] = counts.get(("tree nodes: " + how, extra), 0) + v
    detail += NOTES
    multi = sum(1 for i in order if len(words[i][8].split()) > 1)
    counts[("value words sharing a line with another", multi > 0)] = 1
    return counts, detail


def text_pages(text):
    """Table 三's value boxes per page of a pdfminer text: [(values, value box right before,
    value box right after)] (neighbours on the same page only)."""
    lines = unicodedata.normalize("NFKC", text).split("\n")
    start = next(i for i, l in enumerate(lines) if l.replace(" ", "").startswith("三、收到和处理"))
    end = next((i for i, l in enumerate(lines) if i > start and l.replace(" ", "").startswith("四") and "行政复议" in l),
               len(lines))
    boxes, cur, page = [], [], 0
    for line in lines[start + 1:end]:
        if "\f" in line:
            if cur:
                boxes.append((page, cur))
                cur = []
            page += line.count("\f")
            line = line.replace("\f", "")
        if not line.strip():
            if cur:
                boxes.append((page, cur))
                cur = []
        else:
            cur.append(line.strip())
    if cur:
        boxes.append((page, cur))
    kinds = [all(NUMBER.match(x) for x in b) for _, b in boxes]
    out = {}
    for k, (p, b) in enumerate(boxes):
        if kinds[k]:
            before = k > 0 and kinds[k - 1] and boxes[k - 1][0] == p
            after = k + 1 < len(boxes) and kinds[k + 1] and boxes[k + 1][0] == p
            out.setdefault(p, []).append((b, before, after))
    return out


def parses(boxes, height, width, rule):
    """Guillotine readings of a page: each box a column piece (its values one below the other),
    every cut horizontal or vertical, either part first (or, under rule R, upper/left first when
    the part's boxes have value boxes on both sides in the text)."""
    from functools import lru_cache

    pre = [0]
    for b, _, _ in boxes:
        pre.append(pre[-1] + len(b))

    @lru_cache(maxsize=None)
    def go(i, j, h, w):
        if pre[j] - pre[i] != h * w:
            return 0
        if j - i == 1:
            return 1 if w == 1 else 0
        orders = 1 if rule and boxes[i][1] and boxes[j - 1][2] else 2
        total = 0
        for k in range(i + 1, j):
            a = pre[k] - pre[i]
            if a % w == 0 and 0 < a // w < h:
                total += orders * go(i, k, a // w, w) * go(k, j, h - a // w, w)
            if a % h == 0 and 0 < a // h < w:
                total += orders * go(i, k, h, a // h) * go(k, j, h, w - a // h)
        return total

    return go(0, len(boxes), height, width)


def count_parses(paths):
    for path in paths:
        for page, boxes in text_pages(Path(path).read_text()).items():
            n = sum(len(b) for b, _, _ in boxes)
            if n % 7:
                print(f"{Path(path).name} page {page}: {n} values, not whole rows")
                continue
            free, narrow = parses(boxes, n // 7, 7, False), parses(boxes, n // 7, 7, True)
            print(f"{Path(path).name} page {page}: {n // 7} rows, {len(boxes)} value boxes: "
                  f"{free:.3g} readings with either part first, {narrow:.3g} under rule R")


def main():
    from pdfminer.layout import LAParams

    if "--parses" in sys.argv:
        count_parses([a for a in sys.argv[1:] if a != "--parses"])
        return

    verbose = "--verbose" in sys.argv
    index = truths()
    rows_of = row_order()
    modes = {"default": {}, "line_margin=0.3": {"line_margin": 0.3}, "char_margin=1.0": {"char_margin": 1.0},
             "boxes_flow=0": {"boxes_flow": 0.0}}
    only = [m for m in modes if m in sys.argv] or list(modes)
    for mode in only:
        total = {}
        unlocated = {}
        files = 0
        print(f"== {mode}")
        for pdf, src, maker in pdfs(index):
            rows = truth_rows(index[src], rows_of)
            if not rows:
                continue
            try:
                words = words_of(pdf, LAParams(**modes[mode]))
            except Exception as e:
                print(f"{maker:10s} {src}: pdfminer failed: {e}")
                continue
            counts, detail = check(words, rows, verbose)
            if counts is None:
                unlocated[detail] = unlocated.get(detail, 0) + 1
                if verbose:
                    print(f"{maker:10s} {src}: not located: {detail}")
                continue
            files += 1
            for k, v in counts.items():
                total[k] = total.get(k, 0) + v
            flags = [k[0] for k, v in counts.items() if k[1] is False]
            print(f"{maker:10s} {src}: located; false: {flags}")
            for d in detail:
                print(d)
        print(f"\n{files} PDFs located; not located: {sum(unlocated.values())}")
        for what in sorted({k[0] for k in total}):
            print(f"  {what}: " + ", ".join(f"{k[1]} {v}" for k, v in sorted(total.items(), key=str) if k[0] == what))


if __name__ == "__main__":
    main()
