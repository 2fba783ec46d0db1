#!/usr/bin/env python3
"""A JBIG2 copy of a bilevel scan: the pages of `scans/huaian-2024-g4.pdf` (CCITT G4) re-encoded
as JBIG2, the way `jbig2enc -p` (its lossless generic mode) and scanner software write them into
PDFs (`/Filter /JBIG2Decode`, the embedded organisation of ITU-T T.88 Annex D.3).

No JBIG2 encoder is packaged for this machine (Debian has only the decoder `jbig2dec`; PyPI and
npm none), so this script holds a small one, written from T.88:

- segments: page information (type 48) and an immediate generic region (type 38) covering the
  page (PDF leaves out the file header and the end-of-page segment);
- the generic region: arithmetic (MQ) coding, template 0 with the nominal adaptive pixels,
  typical prediction (TPGDON) on, as jbig2enc writes it;
- the MQ coder of T.88 Annex E (the JPEG 2000 one), with jbig2enc's 0xFF 0xAC ending.

Every page written is decoded again by `jbig2dec` (the reference decoder, another code base)
and must give back exactly the G4 page's pixels; the PDF is checked with poppler (`pdftoppm`).
Page 4 (table 三's first page) is stored turned a quarter anticlockwise and shown upright by
`/Rotate 90`, as a landscape-fed scanner's software writes it: read upright, it must still give
the G4 page's pixels.
The pixels are the G4 scan's, so the JBIG2 PDF must read exactly as the G4 one does
(`crates/ingest/tests/pdf_scans.rs`, test fixture `huaian-2024-g4-jbig2.pdf`).

    python3 corpus/gen/make_jbig2.py [PAGES]   # default: pages 3–5 (tables 二, 三, 四)

It also writes `huaian-2024-g4-sideways.pdf`: page 5 alone, stored turned a quarter clockwise
on a landscape page without `/Rotate` (shown sideways), and `huaian-2024-g4-upside-down.pdf`:
page 4 alone, stored upside down, for the orientation test in `tests/ocr.rs`.

Tools: PyMuPDF, numpy, jbig2dec, poppler-utils.
"""

import pathlib
import struct
import subprocess
import sys
import tempfile

import numpy as np
import pymupdf

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = ROOT / "corpus" / "reports" / "scans" / "huaian-2024-g4.pdf"
OUT = ROOT / "crates" / "ingest" / "tests" / "fixtures" / "pdf" / "huaian-2024-g4-jbig2.pdf"
SIDEWAYS_OUT = OUT.with_name("huaian-2024-g4-sideways.pdf")
UPSIDE_DOWN_OUT = OUT.with_name("huaian-2024-g4-upside-down.pdf")

# The MQ coder's probability estimation table (T.88 Table E.1): Qe, NMPS, NLPS, SWITCH.
QE = [
    (0x5601, 1, 1, 1), (0x3401, 2, 6, 0), (0x1801, 3, 9, 0), (0x0AC1, 4, 12, 0),
    (0x0521, 5, 29, 0), (0x0221, 38, 33, 0), (0x5601, 7, 6, 1), (0x5401, 8, 14, 0),
    (0x4801, 9, 14, 0), (0x3801, 10, 14, 0), (0x3001, 11, 17, 0), (0x2401, 12, 18, 0),
    (0x1C01, 13, 20, 0), (0x1601, 29, 21, 0), (0x5601, 15, 14, 1), (0x5401, 16, 14, 0),
    (0x5101, 17, 15, 0), (0x4801, 18, 16, 0), (0x3801, 19, 17, 0), (0x3401, 20, 18, 0),
    (0x3001, 21, 19, 0), (0x2801, 22, 19, 0), (0x2401, 23, 20, 0), (0x2201, 24, 21, 0),
    (0x1C01, 25, 22, 0), (0x1801, 26, 23, 0), (0x1601, 27, 24, 0), (0x1401, 28, 25, 0),
    (0x1201, 29, 26, 0), (0x1101, 30, 27, 0), (0x0AC1, 31, 28, 0), (0x09C1, 32, 29, 0),
    (0x08A1, 33, 30, 0), (0x0521, 34, 31, 0), (0x0441, 35, 32, 0), (0x02A1, 36, 33, 0),
    (0x0221, 37, 34, 0), (0x0141, 38, 35, 0), (0x0111, 39, 36, 0), (0x0085, 40, 37, 0),
    (0x0049, 41, 38, 0), (0x0025, 42, 39, 0), (0x0015, 43, 40, 0), (0x0009, 44, 41, 0),
    (0x0005, 45, 42, 0), (0x0001, 45, 43, 0), (0x5601, 46, 46, 0),
]


class MQEncoder:
    """T.88 E.2: INITENC, ENCODE (CODEMPS / CODELPS, RENORME, BYTEOUT), FLUSH."""

    def __init__(self, contexts: int):
        self.index = [0] * contexts
        self.mps = [0] * contexts
        self.a, self.c, self.ct = 0x8000, 0, 12
        self.out = bytearray([0])  # the byte before the start (BPST − 1), dropped at the end

    def byteout(self):
        if self.out[-1] == 0xFF:
            self.out.append(self.c >> 20)
            self.c &= 0xFFFFF
            self.ct = 7
        elif self.c < 0x8000000:
            self.out.append(self.c >> 19)
            self.c &= 0x7FFFF
            self.ct = 8
        else:
            self.out[-1] += 1
            if self.out[-1] == 0xFF:
                self.c &= 0x7FFFFFF
                self.out.append(self.c >> 20)
                self.c &= 0xFFFFF
                self.ct = 7
            else:
                self.out.append((self.c >> 19) & 0xFF)  # the carry went into the byte before
                self.c &= 0x7FFFF
                self.ct = 8

    def encode(self, cx: int, d: int):
        i = self.index[cx]
        qe, nmps, nlps, switch = QE[i]
        self.a -= qe
        if d == self.mps[cx]:  # CODEMPS
            if self.a & 0x8000:
                self.c += qe
                return
            if self.a < qe:
                self.a = qe
            else:
                self.c += qe
            self.index[cx] = nmps
        else:  # CODELPS
            if self.a < qe:
                self.c += qe
            else:
                self.a = qe
            if switch:
                self.mps[cx] = 1 - self.mps[cx]
            self.index[cx] = nlps
        while True:  # RENORME
            self.a <<= 1
            self.c <<= 1
            self.ct -= 1
            if self.ct == 0:
                self.byteout()
            if self.a & 0x8000:
                break

    def flush(self) -> bytes:
        temp = self.c + self.a  # SETBITS
        self.c |= 0xFFFF
        if self.c >= temp:
            self.c -= 0x8000
        self.c <<= self.ct
        self.byteout()
        self.c <<= self.ct
        self.byteout()
        out = self.out[1:]
        if not out or out[-1] != 0xFF:
            out.append(0xFF)
        out.append(0xAC)
        return bytes(out)


# Template 0's adaptive pixels at their nominal places (T.88 6.2.5.3): A1 … A4.
AT = [(3, -1), (-3, -1), (2, -2), (-2, -2)]
# Context bit k is the pixel at (dx, dy) (T.88 Figure 3, the order jbig2dec and pdf.js use).
TEMPLATE0 = [
    (-1, 0), (-2, 0), (-3, 0), (-4, 0), AT[0],
    (2, -1), (1, -1), (0, -1), (-1, -1), (-2, -1), AT[1],
    AT[2], (1, -2), (0, -2), (-1, -2), AT[3],
]
SLTP_CONTEXT = 0x9B25  # TPGDON's context for template 0 (T.88 6.2.5.7)


def generic_region(bits: np.ndarray) -> bytes:
    """Arithmetic-coded generic region data (template 0, TPGDON) of a 0/1 bitmap, 1 = black."""
    h, w = bits.shape
    pad = np.zeros((h + 2, w + 8), dtype=np.int64)
    pad[2:, 4:w + 4] = bits
    enc = MQEncoder(1 << 16)
    ltp = 0
    for y in range(h):
        row, prev = bits[y], bits[y - 1] if y else np.zeros(w, dtype=bits.dtype)
        same = bool(np.array_equal(row, prev))
        enc.encode(SLTP_CONTEXT, int(same != bool(ltp)))
        ltp = int(same)
        if ltp:
            continue
        # The context of every pixel of the row at once (all neighbours are known rows or the
        # row's earlier pixels, read from the bitmap itself).
        py = y + 2
        ctx = np.zeros(w, dtype=np.int64)
        for k, (dx, dy) in enumerate(TEMPLATE0):
            ctx |= pad[py + dy, 4 + dx:4 + dx + w] << k
        for cx, d in zip(ctx.tolist(), row.tolist()):
            enc.encode(cx, d)
    return enc.flush()


def segment(number: int, kind: int, data: bytes) -> bytes:
    """A segment header (T.88 7.2: one-byte page association, page 1, no referred segments)."""
    return struct.pack(">IBBBI", number, kind, 0, 1, len(data)) + data


def jbig2_page(bits: np.ndarray, dpi: int) -> bytes:
    h, w = bits.shape
    ppm = round(dpi / 0.0254)
    page_info = struct.pack(">IIIIBH", w, h, ppm, ppm, 0x01, 0)  # eventually lossless
    region_info = struct.pack(">IIIIB", w, h, 0, 0, 0)
    flags = 0x08  # MMR 0, template 0, TPGDON 1
    at = b"".join(struct.pack(">bb", dx, dy) for dx, dy in AT)
    region = region_info + bytes([flags]) + at + generic_region(bits)
    # PDF leaves out the file header and the end-of-page segment (PDF 1.7, 7.4.7).
    return segment(0, 48, page_info) + segment(1, 38, region)


def jbig2dec_bits(data: bytes, work: pathlib.Path) -> np.ndarray:
    """The reference decoder's reading of an embedded page, 1 = black."""
    src, out = work / "page.jb2", work / "page.pbm"
    src.write_bytes(data)
    subprocess.run(["jbig2dec", "--embedded", "-t", "pbm", "-o", str(out), str(src)],
                   check=True, capture_output=True)
    raw = out.read_bytes()
    # P4: "P4\n<w> <h>\n" then rows packed 8 pixels a byte, 1 = black.
    fields = raw.split(maxsplit=3)
    w, h = int(fields[1]), int(fields[2])
    packed = np.frombuffer(fields[3], dtype=np.uint8).reshape(h, (w + 7) // 8)
    return np.unpackbits(packed, axis=1)[:, :w].astype(np.int64)


# Source pages stored turned a quarter, shown upright by /Rotate 90.
SIDEWAYS = {4}


def name_of(page, xref: int) -> str:
    """The resource name the page paints image `xref` by."""
    return next(img[7] for img in page.get_images(full=True) if img[0] == xref)


def main() -> None:
    pages = [int(p) for p in sys.argv[1:]] or [3, 4, 5]
    doc = pymupdf.open(str(SOURCE))
    doc.select([p - 1 for p in pages])
    assert len(doc) == len(pages)
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        for page in doc:
            (xref, *_rest) = page.get_images()[0]
            pix = pymupdf.Pixmap(doc, xref)
            assert pix.n == 1, "a bilevel page"
            grey = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)
            bits = (grey[:, :pix.width] < 128).astype(np.int64)
            number = pages[page.number]
            if number in SIDEWAYS:
                bits = np.ascontiguousarray(np.rot90(bits))  # a quarter anticlockwise
            data = jbig2_page(bits, 300)
            if not np.array_equal(jbig2dec_bits(data, work), bits):
                sys.exit(f"jbig2dec does not give back page {page.number + 1}'s pixels")
            doc.update_stream(xref, data, compress=False)
            doc.xref_set_key(xref, "Filter", "/JBIG2Decode")
            doc.xref_set_key(xref, "DecodeParms", "null")
            doc.xref_set_key(xref, "BitsPerComponent", "1")
            doc.xref_set_key(xref, "ColorSpace", "/DeviceGray")
            if number in SIDEWAYS:
                doc.xref_set_key(xref, "Width", str(bits.shape[1]))
                doc.xref_set_key(xref, "Height", str(bits.shape[0]))
                # The image is painted over the page turned: a landscape page, shown upright.
                w, h = page.rect.width, page.rect.height
                page.set_mediabox(pymupdf.Rect(0, 0, h, w))
                page.clean_contents()
                cont = page.get_contents()[0]
                doc.update_stream(cont, f"q {h:.4f} 0 0 {w:.4f} 0 0 cm /{name_of(page, xref)} Do Q".encode())
                page.set_rotation(90)
            print(f"page {number}: {bits.shape[1]} × {bits.shape[0]}, {len(data)} bytes of JBIG2")
        doc.save(str(OUT), garbage=3, deflate=False)
        # poppler renders it (its own JBIG2 decoder) or the PDF is not written right.
        shown = subprocess.run(["pdftoppm", "-r", "20", "-gray", str(OUT), str(pathlib.Path(tmp) / "p")],
                               check=True, capture_output=True)
        if shown.stderr:
            sys.exit(f"poppler: {shown.stderr.decode()}")
    print(f"wrote {OUT.relative_to(ROOT)}")
    sideways()


def sideways() -> None:
    """Page 5 (table 四) stored turned a quarter clockwise on a landscape page, and page 4 (table
    三's first rows) stored upside down, each with no `/Rotate`: shown turned, as a scanner fed the page the
    wrong way writes it. OCR must find the turn itself (Tesseract's orientation detection)."""
    turned(4, -1, SIDEWAYS_OUT)
    turned(3, 2, UPSIDE_DOWN_OUT)


def turned(index: int, quarters: int, out: pathlib.Path) -> None:
    """The G4 scan's page `index` (from 0) alone, its pixels turned `quarters` quarter turns
    anticlockwise (numpy's rot90), JBIG2 on a page of the turned shape, no `/Rotate`."""
    doc = pymupdf.open(str(SOURCE))
    doc.select([index])
    page = doc[0]
    xref = page.get_images()[0][0]
    pix = pymupdf.Pixmap(doc, xref)
    grey = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)
    bits = np.ascontiguousarray(np.rot90((grey[:, :pix.width] < 128).astype(np.int64), k=quarters))
    with tempfile.TemporaryDirectory() as tmp:
        data = jbig2_page(bits, 300)
        if not np.array_equal(jbig2dec_bits(data, pathlib.Path(tmp)), bits):
            sys.exit("jbig2dec does not give back the turned page's pixels")
    w, h = page.rect.width, page.rect.height
    if quarters % 2:
        w, h = h, w
        page.set_mediabox(pymupdf.Rect(0, 0, w, h))
    doc.update_stream(xref, data, compress=False)
    for key, value in [("Filter", "/JBIG2Decode"), ("DecodeParms", "null"),
                       ("BitsPerComponent", "1"), ("ColorSpace", "/DeviceGray"),
                       ("Width", str(bits.shape[1])), ("Height", str(bits.shape[0]))]:
        doc.xref_set_key(xref, key, value)
    page.clean_contents()
    doc.update_stream(page.get_contents()[0],
                      f"q {w:.4f} 0 0 {h:.4f} 0 0 cm /{name_of(page, xref)} Do Q".encode())
    doc.save(str(out), garbage=3, deflate=False)
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
