#!/usr/bin/env bash
# The one benchmark: `xxgk extract` against `pdftotext -layout` over the same batch of PDFs.
#
#   bench/run.sh [DIR]                          # every PDF under DIR (default corpus/reports)
#   PRODUCER='WPS|Word|LibreOffice' bench/run.sh    # only PDFs whose Producer/Creator matches
#   COPIES=10 JOBS=1 RUNS=5 bench/run.sh DIR    # the defaults
#   STAGES=1 bench/run.sh                       # also time the PDF reader alone (glyphs; whole reader)
#   XXGK=/tmp/xxgk-old bench/run.sh            # time another xxgk binary (no build)
#
# The batch is COPIES copies of each PDF found under DIR (any folder of PDFs). Both sides run
# with JOBS parallel jobs (one by default, so CPU time compares work, not scheduling):
# pdftotext one process per file, xxgk one `extract` over the folder. hyperfine times RUNS runs;
# the script prints the ratio of CPU (user+system) and wall times, peak memory, and the
# statuses of the last xxgk run. STAGES=1 adds `xxgk-tools glyphs` (load, fonts, interpreter)
# and `xxgk-tools read` (the whole PDF reader), one process per file like pdftotext.
#
# Needs: cargo, hyperfine, poppler-utils (pdftotext, pdfinfo), GNU time (/usr/bin/time), python3:
# `apt-get install -y hyperfine poppler-utils time`.
# Targets: CPU ratio at most 0.30x on real-producer PDFs (issue 16); peak memory under 100 MB.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$(cd "${1:-$ROOT/corpus/reports}" && pwd)"
COPIES="${COPIES:-10}"
JOBS="${JOBS:-1}"
RUNS="${RUNS:-5}"
PRODUCER="${PRODUCER:-}"
STAGES="${STAGES:-0}"
WORK="${WORK:-${TMPDIR:-/tmp}/xxgk-bench}"
XXGK="${XXGK:-}"
TOOLS="$ROOT/target/release/xxgk-tools"

for tool in hyperfine pdftotext pdfinfo python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: GNU time missing: apt-get install -y time" >&2; exit 2; }

if [ -z "$XXGK" ]; then # XXGK=path/to/xxgk times another build (e.g. an older one) instead
    echo "bench: building xxgk (release)" >&2
    (cd "$ROOT" && cargo build --release -q -p xxgk)
    XXGK="$ROOT/target/release/xxgk"
fi
[ "$STAGES" = 1 ] && (cd "$ROOT" && cargo build --release -q -p xxgk-tools)

# The batch: COPIES copies of each PDF under DIR (matching PRODUCER, if set). Scans are left
# out: OCR is measured by bench/ocr.sh.
SOURCES=()
while IFS= read -r -d '' f; do
    if [ -n "$PRODUCER" ]; then
        pdfinfo "$f" 2>/dev/null | grep -E '^(Producer|Creator):' | grep -qE "$PRODUCER" || continue
    fi
    SOURCES+=("$f")
done < <(find "$DIR" -name '*.pdf' -type f -not -path '*/scans/*' -not -path '*/pictures/*' -print0 | sort -z)
[ "${#SOURCES[@]}" -gt 0 ] || { echo "bench: no PDFs under $DIR${PRODUCER:+ made by $PRODUCER}" >&2; exit 2; }
rm -rf "$WORK"
mkdir -p "$WORK/in"
for src in "${SOURCES[@]}"; do
    for ((i = 1; i <= COPIES; i++)); do
        cp "$src" "$WORK/in/$(basename "$src" .pdf)-$i.pdf"
    done
done
N=$((${#SOURCES[@]} * COPIES))
BYTES=$(du -sb "$WORK/in" | cut -f1)
echo "bench: $N PDFs ($((BYTES / 1024 / 1024)) MB) from ${#SOURCES[@]} sources, $JOBS job(s)" >&2

per_file() { # `$1 FILE $2` for every file, a process each, JOBS at a time
    echo "find '$WORK/in' -name '*.pdf' -print0 | xargs -0 -P $JOBS -n 8 sh -c 'for f; do $1 \"\$f\" ${2:-} >/dev/null 2>&1 || true; done' sh"
}
PDFTOTEXT="$(per_file "pdftotext -layout" /dev/null)"
XXGK_CMD="'$XXGK' extract '$WORK/in' --out '$WORK/out' --threads $JOBS --quiet"
COMMANDS=(-n "pdftotext -layout" "$PDFTOTEXT" -n "xxgk extract" "$XXGK_CMD")
if [ "$STAGES" = 1 ]; then
    COMMANDS+=(-n "xxgk-tools glyphs" "$(per_file "'$TOOLS' glyphs")")
    COMMANDS+=(-n "xxgk-tools read" "$(per_file "'$TOOLS' read")")
fi

hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/hyperfine.json" "${COMMANDS[@]}"

peak_kb() { /usr/bin/time -v sh -c "$1" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'; }
XX_KB=$(peak_kb "$XXGK_CMD")
PT_KB=$(peak_kb "$PDFTOTEXT")

python3 - "$WORK/hyperfine.json" "$XX_KB" "$PT_KB" "$N" "$JOBS" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
xx_kb, pt_kb, n, jobs = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
cpu = {k: r["user"] + r["system"] for k, r in res.items()}
pt = "pdftotext -layout"
print(f"files: {n}, jobs: {jobs}")
for name, r in res.items():
    line = f"{name:20} wall {r['mean']:.3f} s ({n / r['mean']:.1f} files/s), CPU {cpu[name]:.3f} s"
    if name != pt:
        line += f", ratio CPU {cpu[name] / cpu[pt]:.2f}x, wall {r['mean'] / res[pt]['mean']:.2f}x"
    print(line)
print(f"peak RSS xxgk: {xx_kb / 1024:.1f} MB (target < 100 MB); largest pdftotext process: {pt_kb / 1024:.1f} MB")
PY
echo "bench: statuses of the last xxgk run:" >&2
python3 - "$WORK/out/reports.csv" <<'PY' >&2
import csv, sys, collections
c = collections.Counter(r["status"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
print("  " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
PY
