"""Shared fixtures: the corpus, its truth files, the CLI binary and one extraction of the corpus."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Dict

import pytest

import xxgk

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "corpus" / "reports"
TRUTH = ROOT / "corpus" / "truth"


def truth(name: str) -> Dict[str, object]:
    """A truth file by its path under corpus/truth, without `.json`."""
    return json.loads((TRUTH / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def xxgk_bin() -> Path:
    """The `xxgk` CLI: $XXGK_BIN, else built with cargo (a no-op when up to date)."""
    if os.environ.get("XXGK_BIN"):
        return Path(os.environ["XXGK_BIN"])
    out = subprocess.run(
        ["cargo", "build", "-q", "-p", "xxgk", "--message-format=json"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg.get("executable"):
            if msg["target"]["name"] == "xxgk":
                return Path(msg["executable"])
    raise RuntimeError("cargo built no xxgk executable")


#: Seconds per file for the whole-corpus runs (the CLI's default is 60 s).
TIMEOUT = 900


@pytest.fixture(scope="session")
def result() -> xxgk.Result:
    """The whole corpus, extracted once. The per-file time limit is generous: a scan's OCR
    under a loaded machine must not hit it, or two runs compared byte for byte would differ
    by a timeout, not by what they read."""
    return xxgk.extract(REPORTS, threads=2, timeout_per_file=TIMEOUT)
