#!/usr/bin/env bash
# Seconds per page and peak memory of OCR (issue 12), on one core: each scan of
# corpus/reports/scans is read alone by `xxgk extract` pinned to CPU 0 (`taskset -c 0`, one job),
# then scored against corpus/truth/scans.
#
#   bench/ocr.sh
#
# Needs: cargo, tesseract-ocr + tesseract-ocr-chi-sim, poppler-utils (pdfinfo), util-linux
# (taskset), GNU time (/usr/bin/time). Target (issue 12): ≤ 4 s for a table page.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
XXGK="$ROOT/target/release/xxgk"
WORK="${WORK:-${TMPDIR:-/tmp}/xxgk-bench-ocr}"

for tool in tesseract pdfinfo taskset; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: GNU time missing: apt-get install -y time" >&2; exit 2; }

echo "bench: building xxgk (release)" >&2
(cd "$ROOT" && cargo build --release -q -p xxgk)

rm -rf "$WORK" && mkdir -p "$WORK"
printf '%-28s %5s %8s %9s %9s\n' scan pages seconds 's/page' 'peak MB'
for pdf in "$ROOT"/corpus/reports/scans/*.pdf; do
    name="$(basename "$pdf" .pdf)"
    pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
    /usr/bin/time -f '%e %M' -o "$WORK/$name.time" \
        taskset -c 0 "$XXGK" extract "$pdf" --out "$WORK/$name" --threads 1 --timeout-per-file 600 \
        >/dev/null 2>&1
    read -r secs kb < "$WORK/$name.time"
    awk -v n="$name" -v p="$pages" -v s="$secs" -v k="$kb" \
        'BEGIN { printf "%-28s %5d %8.1f %9.2f %9.1f\n", n, p, s, s / p, k / 1024 }'
done
echo
for pdf in "$ROOT"/corpus/reports/scans/*.pdf; do
    name="$(basename "$pdf" .pdf)"
    mkdir -p "$WORK/truth-$name"
    cp "$ROOT/corpus/truth/scans/$name.json" "$WORK/truth-$name/"
    "$XXGK" eval "$WORK/$name" "$WORK/truth-$name" 2>&1 | head -1 || true
done
