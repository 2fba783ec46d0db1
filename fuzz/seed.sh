#!/bin/sh
# Fill fuzz/corpus/<target>/ with seed inputs from the repository's corpus (not committed:
# fuzz/corpus/ is in .gitignore). Run from anywhere.
set -e
cd "$(dirname "$0")"
mkdir -p corpus/ingest_pdf corpus/ingest_html corpus/ingest_text corpus/ingest_docx corpus/parse_document
mkdir -p corpus/pdf_read
cp ../corpus/reports/*.pdf ../corpus/reports/variants/*.pdf seeds/*.pdf corpus/ingest_pdf/
cp ../corpus/reports/*.pdf ../corpus/reports/variants/*.pdf seeds/*.pdf corpus/pdf_read/
cp ../corpus/reports/variants/*.html corpus/ingest_html/
cp ../corpus/reports/*.txt ../corpus/reports/variants/*.txt corpus/ingest_text/
# DOCX: the target wraps its input as word/document.xml, so seed with the XML itself.
for d in $(find ../corpus/reports -name '*.docx'); do
  python3 -c "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml'))" \
    "$d" > "corpus/ingest_docx/$(basename "$d" .docx).xml"
done
# Crashes found earlier and kept as regression inputs.
for t in ingest_pdf ingest_html ingest_text ingest_docx parse_document; do
  if [ -d "regressions/$t" ]; then cp "regressions/$t"/* "corpus/$t/" 2>/dev/null || true; fi
done
echo "seeded: $(ls corpus/ingest_pdf | wc -l) pdf, $(ls corpus/ingest_html | wc -l) html, $(ls corpus/ingest_text | wc -l) text, $(ls corpus/ingest_docx | wc -l) docx"
