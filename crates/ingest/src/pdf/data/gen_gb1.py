#!/usr/bin/env python3
"""Make adobe-gb1-ucs2.bin.z from poppler-data's Adobe-GB1-UCS2 CMap.

Source: Debian package poppler-data 0.4.12, /usr/share/poppler/cMap/Adobe-GB1/Adobe-GB1-UCS2
(Adobe's cmap-resources, BSD 3-clause licence; see README.md next to this file).

Output: zlib-compressed little-endian i32 array, one entry per CID 0..=max, each the difference
between this CID's Unicode scalar value and the previous CID's (0 = unmapped). Surrogate pairs
are decoded; a base character followed by a variation selector keeps the base character.
"""
import re, struct, sys, zlib

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/poppler/cMap/Adobe-GB1/Adobe-GB1-UCS2"
text = open(src, encoding="latin1").read()
table = {}
section = None
for line in text.split("\n"):
    if "beginbfrange" in line:
        section = "range"; continue
    if "beginbfchar" in line:
        section = "char"; continue
    if "endbf" in line:
        section = None; continue
    hexes = re.findall(r"<([0-9a-fA-F]+)>", line)
    if section == "range" and len(hexes) == 3:
        lo, hi, dst = (int(h, 16) for h in hexes)
        for k, cid in enumerate(range(lo, hi + 1)):
            table[cid] = dst + k
    elif section == "char" and len(hexes) == 2:
        units = [int(hexes[1][i:i + 4], 16) for i in range(0, len(hexes[1]), 4)]
        if len(units) >= 2 and 0xD800 <= units[0] < 0xDC00:
            value = 0x10000 + ((units[0] - 0xD800) << 10) + (units[1] - 0xDC00)
        else:
            value = units[0]
        table[int(hexes[0], 16)] = value
table[0] = 0  # .notdef maps to U+FFFD in the source: not a character.
top = max(table)
out = bytearray()
prev = 0
for cid in range(top + 1):
    value = table.get(cid, 0)
    if value == 0xFFFD:
        value = 0
    out += struct.pack("<i", value - prev)
    prev = value
open("adobe-gb1-ucs2.bin.z", "wb").write(zlib.compress(bytes(out), 9))
print(top + 1, "CIDs", len(table), "mapped")
