#!/usr/bin/env bash
# Issue 17 acceptance: a batch of good reports plus hostile files, under a virtual-memory limit.
#
#   bench/hostile.sh                 # 1,000 good files + a 200 MB text + a 50 MB HTML table
#   N=200 bench/hostile.sh           # a smaller batch
#   bench/hostile.sh memory          # peak RSS of one file: 5, 25 and 200 MB text and HTML
#
# The good files are copies of corpus reports whose truth status is `ok` (PDF, text, HTML,
# DOCX, cycled). The batch runs with `ulimit -v 2000000` (2 GB of address space); it passes when
# xxgk exits 0, reports.csv has N+2 rows, both hostile files are `failed` with a message and
# every good file is `ok`. Needs python3 and GNU time; builds the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
WORK=${WORK:-${TMPDIR:-/tmp}/xxgk-hostile}
BIN=${BIN:-target/release/xxgk}
[ -n "${NO_BUILD:-}" ] || cargo build --release -p xxgk --quiet
mkdir -p "$WORK"

# hostile KIND MB PATH: a tab-separated text or one HTML table of about MB megabytes.
hostile() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
kind, mb, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
target = mb << 20
with open(path, "w") as f:
    n = 0
    if kind == "text":
        row = "\t".join(str(i * 7 % 1000) for i in range(10)) + "\n"
        block = row * 1000
    else:
        f.write("<html><body><table>")
        block = ("<tr>" + "<td>1</td>" * 10 + "</tr>\n") * 1000
    while n < target:
        f.write(block)
        n += len(block)
    if kind != "text":
        f.write("</table></body></html>")
PY
}

if [ "${1:-}" = memory ]; then
    echo "| input | size | status | peak RSS | message |"
    echo "|---|---|---|---|---|"
    for mb in 5 25 200; do
        for kind in text html; do
            ext=$([ $kind = text ] && echo txt || echo html)
            f="$WORK/hostile-$mb.$ext"
            [ -f "$f" ] || hostile $kind $mb "$f"
            out="$WORK/mem-out"
            rm -rf "$out"
            /usr/bin/time -f "%M" -o "$WORK/rss" "$BIN" extract "$f" --out "$out" --quiet --threads 1 || true
            row=$(python3 -c "import csv,sys;r=list(csv.DictReader(open(sys.argv[1])))[0];print(r['status']+'|'+r['message'])" "$out/reports.csv")
            echo "| $kind | $mb MB | ${row%%|*} | $(( $(cat "$WORK/rss") / 1024 )) MB | ${row#*|} |"
        done
    done
    exit 0
fi

IN="$WORK/batch"
rm -rf "$IN" "$WORK/out"
mkdir -p "$IN"
mapfile -t good < <(python3 - <<'PY'
import json, pathlib
for t in sorted(pathlib.Path("corpus/truth").rglob("*.json")):
    d = json.loads(t.read_text())
    if d.get("status") == "ok":
        src = pathlib.Path("corpus/reports") / t.parent.relative_to("corpus/truth") / d["source"]
        if src.is_file():
            print(src)
PY
)
for i in $(seq 0 $((N - 1))); do
    src=${good[$((i % ${#good[@]}))]}
    cp "$src" "$IN/good-$(printf %04d "$i")-$(basename "$src")"
done
hostile text 200 "$IN/hostile-200mb.txt"
hostile html 50 "$IN/hostile-50mb.html"

set +e
( ulimit -v 2000000; /usr/bin/time -v "$BIN" extract "$IN" --out "$WORK/out" --quiet ) 2> "$WORK/time.txt"
code=$?
set -e
grep -E "Maximum resident|Elapsed" "$WORK/time.txt"
python3 - "$WORK/out/reports.csv" "$N" "$code" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
n, code = int(sys.argv[2]), int(sys.argv[3])
bad = [r for r in rows if r["report"].startswith("good-") and r["status"] != "ok"]
hostile = {r["report"]: r for r in rows if r["report"].startswith("hostile-")}
print(f"exit {code}; {len(rows)} rows (want {n + 2}); good files not ok: {len(bad)}")
for r in hostile.values():
    print(f"  {r['report']}: {r['status']}: {r['message']}")
ok = (code == 0 and len(rows) == n + 2 and not bad and len(hostile) == 2
      and all(r["status"] == "failed" and r["message"] for r in hostile.values()))
for r in bad[:5]:
    print("  not ok:", r["report"], r["status"], r["message"])
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
