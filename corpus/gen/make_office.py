#!/usr/bin/env python3
"""Make corpus/reports/office/ (and corpus/truth/office/) from the DOCX/HTML corpus with real tools.

Run from the repository root:  python3 corpus/gen/make_office.py
Needs LibreOffice (soffice, Writer and Calc), Chromium and the Python package websocket-client
(for the DevTools protocol). Not byte-deterministic (LibreOffice stamps dates); the truth is.

Sources (two contents, each read as the corpus already reads it):
  huaian-2024   corpus/reports/formats/huaian-2024.docx and huaian-2024-gbk.html (v2021, 淮安 2024)
  suqian-2023   corpus/reports/variants/v2021-docx-source.docx (v2021, 宿城区 2023: the seed's DOCX)
  jingan-2019   corpus/reports/variants/v2019-html-source.html (v2019, 静安区 2019: the seed's page)

Outputs:
  NAME.doc      soffice --convert-to doc (filter "MS Word 97") from the DOCX
  NAME.wps      the same .doc bytes under a .wps name, as WPS Office writes DOC-format .wps
  NAME.odt      soffice --convert-to odt
  NAME.rtf      soffice --convert-to rtf
  NAME-page.doc the web page opened with --infilter="HTML (StarWriter)" and saved as .doc
  NAME.xls/.xlsx/.ods
                the web page opened by Calc (--infilter="HTML (StarCalc)"): one sheet holding
                the page's paragraphs (merged across the sheet) and its tables (merged regions
                for rowspan/colspan). The GBK page is first re-encoded to UTF-8 with a charset
                declaration: Calc's HTML import does not guess GBK.
  NAME.et       the .xls bytes under an .et name (WPS Spreadsheets writes BIFF8 .et files)
  NAME.mht      Chromium's own MHTML (DevTools Page.captureSnapshot) of the web page
  encrypted-huaian-2024.docx
                huaian-2024.docx encrypted with the password "xxgk" by msoffcrypto-tool 5.4.2
                (ECMA-376 agile encryption, as Word writes it): status failed, no cells
  bundle.zip    huaian-2024.doc, jingan-2019.xlsx and suqian-2023/suqian-2023.odt in a zip

The truth of each output is the truth of its source with `source` changed; a zip's members are
scored by the tests one by one against the truth of the file they copy.
"""

import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "corpus" / "reports"
TRUTH = ROOT / "corpus" / "truth"
OUT = REPORTS / "office"
TRUTH_OUT = TRUTH / "office"
PROFILE = "file:///tmp/xxgk-lo-office-profile"

# name -> (docx source or None, html source or None, truth file)
SOURCES = {
    "huaian-2024": (
        REPORTS / "formats" / "huaian-2024.docx",
        REPORTS / "formats" / "huaian-2024-gbk.html",
        TRUTH / "formats" / "huaian-2024.json",
    ),
    "suqian-2023": (
        REPORTS / "variants" / "v2021-docx-source.docx",
        None,
        TRUTH / "variants" / "v2021-docx-source.json",
    ),
    "jingan-2019": (
        None,
        REPORTS / "variants" / "v2019-html-source.html",
        TRUTH / "variants" / "v2019-html-source.json",
    ),
}


def soffice(src, fmt, outdir, infilter=None):
    cmd = ["soffice", f"-env:UserInstallation={PROFILE}", "--headless", "--norestore"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", fmt, "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, capture_output=True)
    out = Path(outdir) / (Path(src).stem + "." + fmt.split(":")[0])
    if not out.exists():
        raise SystemExit(f"soffice did not write {out}")
    return out


def utf8_page(src, work):
    """The page re-encoded to UTF-8 with a charset declaration (Calc does not guess GBK)."""
    raw = src.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    if "charset" not in text[:2000].lower():
        text = text.replace("<head>", '<head><meta charset="utf-8">', 1)
    out = Path(work) / (src.stem + "-utf8.html")
    out.write_text(text, "utf-8")
    return out


def chromium_mhtml(page, dest):
    """Chromium's MHTML of a page through the DevTools protocol (Page.captureSnapshot)."""
    import websocket  # pip install websocket-client

    port = 9337
    proc = subprocess.Popen(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            f"--remote-debugging-port={port}",
            f"--user-data-dir={tempfile.mkdtemp()}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        targets = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as r:
                    targets = json.load(r)
                if any(t.get("type") == "page" for t in targets):
                    break
            except OSError:
                pass
            time.sleep(0.2)
        target = next(t for t in targets if t.get("type") == "page")
        ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=30)
        ids = iter(range(1, 1000))

        def call(method, **params):
            i = next(ids)
            ws.send(json.dumps({"id": i, "method": method, "params": params}))
            while True:
                msg = json.loads(ws.recv())
                if msg.get("id") == i:
                    if "error" in msg:
                        raise SystemExit(f"{method}: {msg['error']}")
                    return msg.get("result", {})

        call("Page.enable")
        call("Page.navigate", url=page.resolve().as_uri())
        time.sleep(2)
        snap = call("Page.captureSnapshot", format="mhtml")
        ws.close()
        # Chromium writes CRLF line ends; keep the bytes as the protocol gives them.
        Path(dest).write_bytes(snap["data"].encode("utf-8"))
    finally:
        proc.terminate()
        proc.wait()


def encrypt(src, dest):
    import msoffcrypto  # pip install msoffcrypto-tool==5.4.2

    with open(src, "rb") as f, open(dest, "wb") as out:
        msoffcrypto.OfficeFile(f).encrypt("xxgk", out)


def truth_for(src_truth, name, note):
    t = json.loads(Path(src_truth).read_text("utf-8"))
    t["source"] = name
    t["notes"] = note
    return json.dumps(t, ensure_ascii=False, indent=1) + "\n"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    TRUTH_OUT.mkdir(parents=True, exist_ok=True)
    made = []  # (file name, truth source, note)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for stem, (docx, page, truth) in SOURCES.items():
            if docx:
                src = work / f"{stem}.docx"
                shutil.copy(docx, src)
                for fmt in ("doc", "odt", "rtf"):
                    out = soffice(src, fmt, work)
                    shutil.copy(out, OUT / out.name)
                    made.append((out.name, truth, f"{docx.name} saved as .{fmt} by LibreOffice Writer"))
                shutil.copy(OUT / f"{stem}.doc", OUT / f"{stem}.wps")
                made.append((f"{stem}.wps", truth, f"{stem}.doc renamed .wps (WPS writes DOC-format .wps)"))
            if page:
                utf8 = utf8_page(page, work)
                src = work / f"{stem}-page.html"
                shutil.copy(utf8, src)
                out = soffice(src, "doc", work, "HTML (StarWriter)")
                shutil.copy(out, OUT / out.name)
                made.append((out.name, truth, f"{page.name} opened as HTML (StarWriter), saved as .doc"))
                src = work / f"{stem}.html"
                shutil.copy(utf8, src)
                for fmt in ("xls", "xlsx", "ods"):
                    out = soffice(src, fmt, work, "HTML (StarCalc)")
                    shutil.copy(out, OUT / out.name)
                    made.append((out.name, truth, f"{page.name} opened by LibreOffice Calc, saved as .{fmt}"))
                shutil.copy(OUT / f"{stem}.xls", OUT / f"{stem}.et")
                made.append((f"{stem}.et", truth, f"{stem}.xls renamed .et (WPS Spreadsheets writes BIFF8 .et)"))
                chromium_mhtml(page, OUT / f"{stem}.mht")
                made.append((f"{stem}.mht", truth, f"{page.name} saved by Chromium as MHTML (DevTools Page.captureSnapshot)"))
    encrypt(SOURCES["huaian-2024"][0], OUT / "encrypted-huaian-2024.docx")
    (TRUTH_OUT / "encrypted-huaian-2024-docx.json").write_text(
        json.dumps(
            {
                "source": "encrypted-huaian-2024.docx",
                "status": "failed",
                "absent": [],
                "notes": "huaian-2024.docx encrypted with the password 'xxgk' (msoffcrypto-tool, ECMA-376 agile): unreadable without it, the message says a password is needed.",
                "cells": {},
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        "utf-8",
    )
    with zipfile.ZipFile(OUT / "bundle.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.write(OUT / "huaian-2024.doc", "huaian-2024.doc")
        z.write(OUT / "jingan-2019.xlsx", "jingan-2019.xlsx")
        z.write(OUT / "suqian-2023.odt", "suqian-2023/suqian-2023.odt")
    for name, truth, note in made:
        stem = name.replace(".", "-", name.count(".") - 1) if name.count(".") > 1 else name
        tname = stem.rsplit(".", 1)[0] + "-" + stem.rsplit(".", 1)[1] + ".json"
        (TRUTH_OUT / tname).write_text(truth_for(truth, name, note), "utf-8")
        print(name)


if __name__ == "__main__":
    main()
