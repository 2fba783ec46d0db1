#!/usr/bin/env python3
"""Damaged spreadsheets for the sheet reader's memory guard (crates/ingest/src/biff.rs and
sheet.rs::xlsx_range), written to fuzz/regressions/ingest_sheet/ (the mutation test runs them,
tests/office.rs checks their messages).

- biff-cell-far-column.xls: the LibreOffice .xls of the 静安区 2019 report with its first
  LABELSST cell record moved to column 40,000 (BIFF8 allows 256); calamine would size a dense
  grid of rows × 40,000 columns from it.
- xlsx-far-cell.xlsx: the LibreOffice .xlsx of the same report with its first cell moved to
  XFD1048576, the last cell an .xlsx may name (a grid of 17 billion positions).
"""
import re
import struct
import sys
import zipfile
from pathlib import Path

root = Path(__file__).resolve().parents[2]
src = root / "corpus/reports/office"
out = root / "fuzz/regressions/ingest_sheet"
out.mkdir(parents=True, exist_ok=True)

xls = bytearray((src / "jingan-2019.xls").read_bytes())
at = xls.find(b"\xfd\x00\x0a\x00")  # LABELSST, 10 bytes: row, col, xf, sst index
if at < 0:
    sys.exit("no LABELSST record found")
xls[at + 6 : at + 8] = struct.pack("<H", 40000)
(out / "biff-cell-far-column.xls").write_bytes(bytes(xls))

with zipfile.ZipFile(src / "jingan-2019.xlsx") as zin, zipfile.ZipFile(
    out / "xlsx-far-cell.xlsx", "w", zipfile.ZIP_DEFLATED
) as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == "xl/worksheets/sheet1.xml":
            data = re.sub(rb'<c r="[A-Z]+[0-9]+"', b'<c r="XFD1048576"', data, count=1)
        zout.writestr(info, data)
print("written to", out)
