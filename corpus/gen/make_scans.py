#!/usr/bin/env python3
"""Scanned copies of corpus PDFs, made the way office scanners make them.

Each source PDF is rendered with poppler's `pdftoppm`, then degraded page by page (a small
rotation, a slight blur, speckle, paper tone) and wrapped back into a PDF with `img2pdf`, which
embeds the image stream as it is (JPEG → DCTDecode, G4 TIFF → CCITTFaxDecode): no text layer.

Styles (issue 12):
  grey   200 dpi, 8-bit grey JPEG, quality 70, skew +1.5°, blur, speckle
  g4     300 dpi, bilevel CCITT G4, skew -1.0°, speckle
  seal   150 dpi, colour JPEG, skew +0.8°, a red seal ring over the last page's text

Truth: the source's truth JSON with `source` replaced and a note; the numbers are the same.

    python3 corpus/gen/make_scans.py           # writes corpus/reports/scans, corpus/truth/scans

Tools: poppler-utils (pdftoppm), Pillow, numpy, img2pdf (see corpus/gen/README.md).
"""

import io
import json
import pathlib
import random
import subprocess
import tempfile

import img2pdf
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

ROOT = pathlib.Path(__file__).resolve().parents[2]
REPORTS = ROOT / "corpus" / "reports"
TRUTH = ROOT / "corpus" / "truth"
OUT = REPORTS / "scans"
OUT_TRUTH = TRUTH / "scans"

# (source pdf, its truth json, output stem, styles)
SOURCES = [
    ("huaian-2024.pdf", "huaian-2024.json", "huaian-2024", ["grey", "g4", "seal"]),
    ("variants/v2019-html.pdf", "variants/v2019-html.json", "v2019-html", ["grey"]),
]

STYLES = {
    "grey": dict(dpi=200, skew=1.5, blur=0.6, speckle=0.0006, note="200 dpi grey JPEG q70, skew +1.5°, blur, speckle"),
    "g4": dict(dpi=300, skew=-1.0, blur=0.5, speckle=0.0003, note="300 dpi bilevel CCITT G4, skew -1.0°, speckle"),
    "seal": dict(dpi=150, skew=0.8, blur=0.4, speckle=0.0004, note="150 dpi colour JPEG q70, skew +0.8°, red seal ring over the last page's text"),
}


def render(pdf: pathlib.Path, dpi: int, colour: bool, work: pathlib.Path) -> list:
    """Pages as PIL images (pdftoppm)."""
    args = ["pdftoppm", "-r", str(dpi), "-png"]
    if not colour:
        args.append("-gray")
    subprocess.run(args + [str(pdf), str(work / "p")], check=True)
    return [Image.open(p).convert("RGB" if colour else "L") for p in sorted(work.glob("p-*.png"))]


def degrade(img: Image.Image, style: dict, rng: random.Random) -> Image.Image:
    """Skew, blur, paper tone and speckle, like a flatbed scan."""
    fill = (250, 250, 246) if img.mode == "RGB" else 250
    img = img.rotate(style["skew"], resample=Image.BICUBIC, expand=False, fillcolor=fill)
    img = img.filter(ImageFilter.GaussianBlur(style["blur"]))
    a = np.asarray(img).astype(np.int16)
    # paper tone: white is never quite white
    a = np.minimum(a, 245) + rng.randint(-3, 3)
    # speckle: isolated dark dots
    h, w = a.shape[:2]
    n = int(h * w * style["speckle"])
    ys = np.array([rng.randrange(h) for _ in range(n)])
    xs = np.array([rng.randrange(w) for _ in range(n)])
    a[ys, xs] = 40
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), img.mode)


def seal(img: Image.Image) -> Image.Image:
    """A red seal ring (with a star) over the lower right text, where the stamp goes."""
    w, h = img.size
    over = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(over)
    r = int(w * 0.11)
    cx, cy = int(w * 0.70), int(h * 0.30)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(215, 40, 40, 170), width=max(3, r // 14))
    s = r // 3
    star = [(cx + s * np.cos(np.pi / 2 + k * 4 * np.pi / 5), cy - s * np.sin(np.pi / 2 + k * 4 * np.pi / 5)) for k in range(5)]
    d.polygon(star, fill=(215, 40, 40, 150))
    return Image.alpha_composite(img.convert("RGBA"), over).convert("RGB")


def encode(img: Image.Image, name: str) -> bytes:
    buf = io.BytesIO()
    if name == "g4":
        img.point(lambda v: 255 if v > 150 else 0).convert("1").save(buf, format="TIFF", compression="group4", dpi=(300, 300))
    else:
        dpi = STYLES[name]["dpi"]
        img.save(buf, format="JPEG", quality=70, dpi=(dpi, dpi))
    return buf.getvalue()


def make(src: str, truth: str, stem: str, style_name: str) -> None:
    style = STYLES[style_name]
    rng = random.Random(f"{stem}-{style_name}")
    with tempfile.TemporaryDirectory() as tmp:
        pages = render(REPORTS / src, style["dpi"], style_name == "seal", pathlib.Path(tmp))
        out_pages = []
        for i, page in enumerate(pages):
            page = degrade(page, style, rng)
            if style_name == "seal" and i == len(pages) - 1:
                page = seal(page)
            out_pages.append(encode(page, style_name))
    dpi = style["dpi"]
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    name = f"{stem}-{style_name}.pdf"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_bytes(img2pdf.convert(out_pages, layout_fun=layout))
    data = json.loads((TRUTH / truth).read_text())
    data["source"] = name
    data["notes"] = f"Scan of {src}: {style['note']}, wrapped with img2pdf (no text layer). Same cells as the source."
    OUT_TRUTH.mkdir(parents=True, exist_ok=True)
    (OUT_TRUTH / f"{stem}-{style_name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    print(name, (OUT / name).stat().st_size, "bytes")


def main() -> None:
    for src, truth, stem, styles in SOURCES:
        for s in styles:
            make(src, truth, stem, s)


if __name__ == "__main__":
    main()
