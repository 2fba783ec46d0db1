#!/usr/bin/env bash
# Throughput of `xxgk extract` per input format on the same report (huaian-2024): N copies of
# the DOCX, and of its .doc, .xls, .xlsx, .odt, .rtf, .mht made by LibreOffice/Chromium
# (corpus/reports/office/), each batch timed on its own with the same parallelism.
#
#   bench/formats.sh              # 200 copies per format, one job per core, 3 runs
#   N=1000 RUNS=5 bench/formats.sh
#
# Needs: cargo, hyperfine, python3. Target (issue 13): .doc and .xls comparable to DOCX.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${N:-200}"
JOBS="${JOBS:-$(nproc)}"
RUNS="${RUNS:-3}"
WORK="${WORK:-${TMPDIR:-/tmp}/xxgk-bench-formats}"
XXGK="$ROOT/target/release/xxgk"
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 2; }

echo "bench: building xxgk (release)" >&2
(cd "$ROOT" && cargo build --release -q -p xxgk)

declare -A SRC=(
    [docx]="$ROOT/corpus/reports/formats/huaian-2024.docx"
    [doc]="$ROOT/corpus/reports/office/huaian-2024.doc"
    [xls]="$ROOT/corpus/reports/office/huaian-2024.xls"
    [xlsx]="$ROOT/corpus/reports/office/huaian-2024.xlsx"
    [odt]="$ROOT/corpus/reports/office/huaian-2024.odt"
    [rtf]="$ROOT/corpus/reports/office/huaian-2024.rtf"
    [mht]="$ROOT/corpus/reports/office/huaian-2024.mht"
)
FORMATS=(docx doc xls xlsx odt rtf mht)
rm -rf "$WORK"
for f in "${FORMATS[@]}"; do
    mkdir -p "$WORK/$f"
    for ((i = 0; i < N; i++)); do cp "${SRC[$f]}" "$WORK/$f/$(printf '%05d' "$i").$f"; done
done
echo "bench: $N copies per format, $JOBS jobs, $RUNS runs" >&2
ARGS=()
for f in "${FORMATS[@]}"; do
    ARGS+=(-n "$f" "$XXGK extract $WORK/$f --out $WORK/out-$f --threads $JOBS --quiet")
done
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/times.json" "${ARGS[@]}" >&2
python3 - "$WORK/times.json" "$N" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
base = next(r["mean"] for r in runs if r["command"] == "docx")
print(f"{'format':6} {'mean s':>8} {'files/s':>8} {'vs docx':>8}")
for r in runs:
    print(f"{r['command']:6} {r['mean']:8.2f} {n / r['mean']:8.1f} {r['mean'] / base:7.2f}x")
PY
