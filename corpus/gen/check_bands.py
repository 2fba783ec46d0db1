#!/usr/bin/env python3
"""Evidence for reading table 三 written in bands (crates/parser/src/bands.rs,
docs/design-linear-text.md §2 "Bands"): when a text's value boxes tile table 三 as bands of seven
boxes (one per column, left to right, each holding the same rows, the 总计 box the sum of the
other six on every row), is that reading the truth?

A box is a run of lines holding one whole number each, between blank lines; other text is
skipped. Table 三's region runs from its heading to the heading of table 四 or 五. For every
text the script says whether its boxes tile the table (all rows of the truth, no box left over)
and, when they do, whether every cell is the truth's (RIGHT) or not (WRONG).

Texts checked:
  - pdfminer.six's text of every text-layer PDF of the corpus with truth, with boxes_flow=None
    (boxes sorted by their bottom edge, then left to right) and with the default LAParams
    (boxes in the order of its layout tree), made on the fly;
  - every `*.txt` of the directories named on the command line, each with a `../truth/` sibling
    holding `<name>.json` (held-out sets, e.g. /tmp/hunt*/reports).

Run from the repository root:  python3 corpus/gen/check_bands.py [DIR ...]
Needs: pdfminer.six (pip). Results of this version: docs/design-linear-text.md §2 "Bands".
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
REPORTS = ROOT / "corpus" / "reports"
TRUTH = ROOT / "corpus" / "truth"
COLUMNS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]


def value_boxes(text):
    start = re.search(r"三、收到和处理政府信息公开申请情况", text)
    if not start:
        return None
    region = text[start.end():]
    end = re.search(r"\n(五、|四、政府信息公开行政复议)", region)
    if end:
        region = region[: end.start()]
    boxes = []
    for chunk in re.split(r"\n\s*\n", region):
        lines = [l.strip() for l in chunk.split("\n") if l.strip()]
        if lines and all(re.fullmatch(r"\d+", l) for l in lines):
            boxes.append([int(l) for l in lines])
    return boxes


def bands(boxes):
    """The seven columns when the boxes come in bands, else None."""
    if not boxes or len(boxes) % 7:
        return None
    columns = [[] for _ in COLUMNS]
    for i in range(0, len(boxes), 7):
        band = boxes[i:i + 7]
        rows = len(band[0])
        if any(len(b) != rows for b in band):
            return None
        if any(sum(b[r] for b in band[:6]) != band[6][r] for r in range(rows)):
            return None
        for column, b in zip(columns, band):
            column.extend(b)
    return columns


def verdict(text, truth):
    rows = []
    for key in truth["cells"]:
        if key.startswith("t3."):
            row = key.split(".")[1]
            if row not in rows:
                rows.append(row)
    boxes = value_boxes(text)
    columns = bands(boxes) if boxes else None
    if not columns or len(columns[0]) != len(rows):
        return "no tiling"
    for r, row in enumerate(rows):
        for c, col in enumerate(COLUMNS):
            if str(truth["cells"].get(f"t3.{row}.{col}")) != str(columns[c][r]):
                return "WRONG"
    return "RIGHT"


def pdfminer_texts():
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    for truth_path in sorted(TRUTH.rglob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        source = truth_path.parent.relative_to(TRUTH) / truth.get("source", "")
        pdf = REPORTS / source
        if pdf.suffix != ".pdf" or not pdf.exists() or not any(k.startswith("t3.") for k in truth["cells"]):
            continue
        for how, params in [("boxes_flow=None", LAParams(boxes_flow=None)), ("default", LAParams())]:
            try:
                text = extract_text(str(pdf), laparams=params)
            except Exception as e:  # an encrypted or broken PDF: nothing to check
                print(f"{source}: {e}", file=sys.stderr)
                continue
            yield f"{source} ({how})", text, truth


def held_out_texts(dirs):
    for d in dirs:
        d = Path(d)
        for path in sorted(d.glob("*.txt")):
            truth_path = d.parent / "truth" / (path.stem + ".json")
            if truth_path.exists():
                yield str(path), path.read_text(encoding="utf-8", errors="replace"), json.loads(
                    truth_path.read_text(encoding="utf-8"))


def main():
    counts = {}
    for name, text, truth in list(pdfminer_texts()) + list(held_out_texts(sys.argv[1:])):
        v = verdict(text, truth)
        counts[v] = counts.get(v, 0) + 1
        if v != "no tiling":
            print(f"{v:5s} {name}")
    print(counts)


if __name__ == "__main__":
    main()
