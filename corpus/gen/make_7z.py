#!/usr/bin/env python3
"""7z archives of office reports, made with 7-Zip (`7zz`, Debian package 7zip):

  office/bundle.7z            huaian-2024.doc, jingan-2019.xlsx, suqian-2023/suqian-2023.odt
                              (LZMA2, -mx=9, solid), the members of office/bundle.zip
  office/encrypted-bundle.7z  huaian-2024.rtf with the password 'xxgk' and encrypted names (-mhe)
  fuzz/regressions/ingest_archive/zeros.7z  5 MB of zeros (a small bomb: refused by ratio)

Truth: bundle.7z's members are scored against the truth of the files they copy (tests/office.rs);
encrypted-bundle.7z has a truth with status `failed`.

    python3 corpus/gen/make_7z.py
"""
import json
import pathlib
import shutil
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OFFICE = ROOT / "corpus/reports/office"
TRUTH = ROOT / "corpus/truth/office"

with tempfile.TemporaryDirectory() as tmp:
    t = pathlib.Path(tmp)
    (t / "suqian-2023").mkdir()
    for name in ["huaian-2024.doc", "jingan-2019.xlsx", "huaian-2024.rtf"]:
        shutil.copy(OFFICE / name, t / name)
    shutil.copy(OFFICE / "suqian-2023.odt", t / "suqian-2023" / "suqian-2023.odt")
    for out in ["bundle.7z", "encrypted-bundle.7z"]:
        (OFFICE / out).unlink(missing_ok=True)
    subprocess.run(["7zz", "a", "-t7z", "-mx=9", str(OFFICE / "bundle.7z"), "huaian-2024.doc",
                    "jingan-2019.xlsx", "suqian-2023/suqian-2023.odt"], cwd=t, check=True,
                   stdout=subprocess.DEVNULL)
    # A small bomb for the ratio limit: 5 MB of zeros in about 1 KB.
    (t / "zeros.txt").write_bytes(bytes(5 << 20))
    bomb = ROOT / "fuzz/regressions/ingest_archive/zeros.7z"
    bomb.parent.mkdir(parents=True, exist_ok=True)
    bomb.unlink(missing_ok=True)
    subprocess.run(["7zz", "a", "-t7z", "-mx=9", str(bomb), "zeros.txt"], cwd=t, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["7zz", "a", "-t7z", "-pxxgk", "-mhe=on", str(OFFICE / "encrypted-bundle.7z"),
                    "huaian-2024.rtf"], cwd=t, check=True, stdout=subprocess.DEVNULL)

(TRUTH / "encrypted-bundle-7z.json").write_text(json.dumps({
    "source": "encrypted-bundle.7z",
    "status": "failed",
    "absent": [],
    "notes": "huaian-2024.rtf in a 7z encrypted with the password 'xxgk' (7-Zip, names encrypted "
             "too): unreadable without it, the message says a password is needed.",
    "cells": {},
}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
