#!/usr/bin/env bash
# Glyph + ruling extraction time against `pdftotext -layout`, on copies of the corpus PDFs.
#
#   crates/ingest/benches/pdf-glyphs.sh [COPIES]     (default 40 copies of each corpus PDF)
#
# Both sides run once per file (a process per file, as a batch tool would), over the same
# files, timed by hyperfine. Our side is `examples/pdf_glyphs` built with --release: load,
# fonts, interpreter, glyphs and segments (no line assembly, no grids); `xxgk-read` is the
# whole reader for comparison. Prints the ratios ours / pdftotext; the target is at most 0.7.
set -euo pipefail
copies=${1:-40}
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
cargo build --release -q -p xxgk-ingest --example pdf_glyphs
bin="$root/target/release/examples/pdf_glyphs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
for pdf in corpus/reports/*.pdf; do
  for i in $(seq 1 "$copies"); do
    cp "$pdf" "$work/$(basename "$pdf" .pdf)-$i.pdf"
    n=$((n + 1))
  done
done
echo "$n files in $work"
hyperfine --warmup 2 --runs 10 --export-json "$work/result.json" \
  -n pdftotext "for f in $work/*.pdf; do pdftotext -layout \$f /dev/null; done" \
  -n xxgk "for f in $work/*.pdf; do $bin \$f >/dev/null; done" \
  -n xxgk-read "for f in $work/*.pdf; do $bin --read \$f >/dev/null; done"
python3 - "$work/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
r = {x["command"]: x["mean"] for x in results}
u = {x["command"]: x["user"] + x["system"] for x in results}
print(f"pdftotext -layout: {r['pdftotext']:.3f} s   xxgk glyphs+rulings: {r['xxgk']:.3f} s   ratio {r['xxgk'] / r['pdftotext']:.2f}")
print(f"whole reader (lines, grids): {r['xxgk-read']:.3f} s   ratio {r['xxgk-read'] / r['pdftotext']:.2f}")
print(f"CPU time (user+system) ratio: glyphs+rulings {u['xxgk'] / u['pdftotext']:.2f}, whole reader {u['xxgk-read'] / u['pdftotext']:.2f}")
PY
