#!/usr/bin/env python3
"""The derived corpus saved the ways a user's machine saves text (docs/design-linear-text.md §22),
written to /tmp/pt/<form>/{reports,truth}: scratch for hunting wrong numbers, not committed output.

Forms: base (as is), crlf, bom (UTF-8 BOM), gbk (GB18030 bytes, Chinese Windows' default),
utf16 (UTF-16LE with BOM, Notepad's "Unicode"), wide (full-width digits, a typist's Chinese input
mode), nbsp (a no-break space after every pipe, a page's &nbsp; through an HTML→Markdown
converter). Every derived .txt/.md of corpus/reports/derived plus the two real texts; each gets
its source's truth with `source` renamed.

Run from the repository root: python3 corpus/gen/saved_forms.py [FORM...]; then
xxgk extract /tmp/pt/FORM/reports --out /tmp/pt/FORM/out && xxgk eval /tmp/pt/FORM/out /tmp/pt/FORM/truth
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORTS, TRUTH, OUT = ROOT / "corpus/reports", ROOT / "corpus/truth", Path("/tmp/pt")
WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
FORMS = {
    "base": lambda s: s.encode(),
    "crlf": lambda s: s.replace("\n", "\r\n").encode(),
    "bom": lambda s: ("\ufeff" + s).encode(),
    "gbk": lambda s: s.encode("gb18030"),
    "utf16": lambda s: s.encode("utf-16"),
    "wide": lambda s: s.translate(WIDE).encode(),
    "nbsp": lambda s: s.replace("| ", "|\u00a0").encode(),
}


def sources():
    for t in sorted((TRUTH / "derived").glob("*.json")):
        truth = json.loads(t.read_text())
        path = REPORTS / "derived" / truth["source"]
        if path.suffix in (".txt", ".md"):
            yield path, truth
    for stem in ("pingtan-2022", "liaocheng-waiban-2019"):
        truth = json.loads((TRUTH / f"{stem}.json").read_text())
        yield REPORTS / truth["source"], truth


def main(forms):
    for form in forms:
        reports, truths = OUT / form / "reports", OUT / form / "truth"
        reports.mkdir(parents=True, exist_ok=True)
        truths.mkdir(parents=True, exist_ok=True)
        for path, truth in sources():
            name = f"{path.stem}-{form}{path.suffix}"
            (reports / name).write_bytes(FORMS[form](path.read_text(encoding="utf-8")))
            (truths / f"{path.stem}-{form}.json").write_text(
                json.dumps(dict(truth, source=name), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:] or list(FORMS))
