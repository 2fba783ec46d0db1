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
    "$d" > "corpus/ingest_docx/$(basename "$d" .docx).xml" 2>/dev/null \
    || rm -f "corpus/ingest_docx/$(basename "$d" .docx).xml"  # an encrypted .docx is no zip
done
# Crashes found earlier and kept as regression inputs.
for t in ingest_pdf ingest_html ingest_text ingest_docx parse_document; do
  if [ -d "regressions/$t" ]; then cp "regressions/$t"/* "corpus/$t/" 2>/dev/null || true; fi
done
echo "seeded: $(ls corpus/ingest_pdf | wc -l) pdf, $(ls corpus/ingest_html | wc -l) html, $(ls corpus/ingest_text | wc -l) text, $(ls corpus/ingest_docx | wc -l) docx"
# Office formats (issue 13): whole files, except ODT whose target wraps content.xml.
mkdir -p corpus/ingest_doc corpus/ingest_sheet corpus/ingest_odt corpus/ingest_rtf corpus/ingest_mht corpus/ingest_archive
cp ../corpus/reports/office/*.doc ../corpus/reports/office/*.wps corpus/ingest_doc/
cp ../corpus/reports/office/*.xls ../corpus/reports/office/*.xlsx ../corpus/reports/office/*.ods corpus/ingest_sheet/
cp ../corpus/reports/office/*.rtf corpus/ingest_rtf/
cp ../corpus/reports/office/*.mht corpus/ingest_mht/
cp ../corpus/reports/office/*.zip corpus/ingest_archive/
for d in ../corpus/reports/office/*.odt ../corpus/reports/office/*.ods; do
  python3 -c "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('content.xml'))" \
    "$d" > "corpus/ingest_odt/$(basename "$d").xml"
done
for t in ingest_doc ingest_sheet ingest_odt ingest_rtf ingest_mht ingest_archive; do
  if [ -d "regressions/$t" ]; then cp "regressions/$t"/* "corpus/$t/" 2>/dev/null || true; fi
done
# 7z archives and pictures of documents (issue 13, second round).
mkdir -p corpus/ingest_7z corpus/ingest_pictures
cp ../corpus/reports/office/*.7z corpus/ingest_7z/
cp ../corpus/reports/pictures/*_files/*.png corpus/ingest_pictures/
for t in ingest_7z ingest_pictures; do
  if [ -d "regressions/$t" ]; then cp "regressions/$t"/* "corpus/$t/" 2>/dev/null || true; fi
done
cp regressions/ingest_archive/*.7z corpus/ingest_7z/ 2>/dev/null || true
