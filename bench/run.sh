#!/usr/bin/env bash
# Compare `xxgk extract` with `pdftotext -layout` over the same batch of PDFs, with the same
# parallelism, and report the wall-time ratio and peak memory.
#
#   bench/run.sh                 # 300 PDFs, one job per core
#   N=3000 JOBS=4 bench/run.sh   # a bigger batch, 4 jobs
#   RUNS=10 bench/run.sh         # more hyperfine runs
#
# Needs: cargo, hyperfine, poppler-utils (pdftotext), GNU time (/usr/bin/time; `apt-get install
# -y time`), python3. The batch is made of copies of corpus/reports/**/*.pdf.
# Targets (issue 8): xxgk at most 0.7x of pdftotext's wall time; peak memory under 100 MB.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${N:-300}"
JOBS="${JOBS:-$(nproc)}"
RUNS="${RUNS:-5}"
WORK="${WORK:-${TMPDIR:-/tmp}/xxgk-bench}"
XXGK="$ROOT/target/release/xxgk"

for tool in hyperfine pdftotext python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: GNU time missing: apt-get install -y time" >&2; exit 2; }

echo "bench: building xxgk (release)" >&2
(cd "$ROOT" && cargo build --release -q -p xxgk)

# The batch: N PDFs, cycling through the corpus PDFs and their variants.
# Scans are left out: OCR is measured by bench/ocr.sh.
mapfile -t SOURCES < <(find "$ROOT/corpus/reports" -name '*.pdf' -type f -not -path '*/scans/*' | sort)
[ "${#SOURCES[@]}" -gt 0 ] || { echo "bench: no PDFs under corpus/" >&2; exit 2; }
rm -rf "$WORK"
mkdir -p "$WORK/in"
for ((i = 0; i < N; i++)); do
    src="${SOURCES[$((i % ${#SOURCES[@]}))]}"
    cp "$src" "$WORK/in/$(printf '%05d' "$i")-$(basename "$src")"
done
BYTES=$(du -sb "$WORK/in" | cut -f1)
echo "bench: $N PDFs ($((BYTES / 1024 / 1024)) MB) from ${#SOURCES[@]} sources, $JOBS jobs" >&2

# pdftotext over the same files: JOBS processes, each taking files from the list.
PDFTOTEXT="find '$WORK/in' -name '*.pdf' -print0 | xargs -0 -P $JOBS -n 8 sh -c 'for f; do pdftotext -layout \"\$f\" /dev/null || true; done' sh"
XXGK_CMD="'$XXGK' extract '$WORK/in' --out '$WORK/out' --threads $JOBS --quiet"

hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/hyperfine.json" \
    -n "pdftotext -layout" "$PDFTOTEXT" \
    -n "xxgk extract" "$XXGK_CMD"

peak_kb() { /usr/bin/time -v sh -c "$1" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'; }
XX_KB=$(peak_kb "$XXGK_CMD")
PT_KB=$(peak_kb "$PDFTOTEXT")

python3 - "$WORK/hyperfine.json" "$XX_KB" "$PT_KB" "$N" "$JOBS" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
pt, xx = res["pdftotext -layout"]["mean"], res["xxgk extract"]["mean"]
xx_kb, pt_kb, n, jobs = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
print(f"files: {n}, jobs: {jobs}")
print(f"pdftotext -layout: {pt:.3f} s ({n / pt:.1f} files/s)")
print(f"xxgk extract:      {xx:.3f} s ({n / xx:.1f} files/s)")
print(f"ratio xxgk/pdftotext: {xx / pt:.2f}x wall (target <= 0.70x)")
cpu = {k: r["user"] + r["system"] for k, r in res.items()}
print(f"CPU (user+sys): pdftotext {cpu['pdftotext -layout']:.2f} s, xxgk {cpu['xxgk extract']:.2f} s, "
      f"ratio {cpu['xxgk extract'] / cpu['pdftotext -layout']:.2f}x (steadier than wall time on a busy machine)")
print(f"peak RSS xxgk: {xx_kb / 1024:.1f} MB (target < 100 MB); largest pdftotext process: {pt_kb / 1024:.1f} MB")
PY
echo "bench: statuses of the last xxgk run:" >&2
python3 - "$WORK/out/reports.csv" <<'PY' >&2
import csv, sys, collections
c = collections.Counter(r["status"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
print("  " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
if c["unsupported"] + c["failed"] > sum(c.values()) / 2:
    print("  note: most files were not read (no PDF reader in this build?): the ratio is not meaningful")
PY
