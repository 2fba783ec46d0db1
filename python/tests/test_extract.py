"""xxgk.extract: the CLI's files byte for byte, DataFrame dtypes, values from truth, errors,
progress and Ctrl-C."""

from __future__ import annotations

import _thread
import os
import signal
import zipfile
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from pandas.api.types import is_string_dtype

import xxgk
from conftest import REPORTS, TIMEOUT, truth


def test_to_dir_is_byte_identical_to_the_cli(result, xxgk_bin, tmp_path):
    cli = tmp_path / "cli"
    subprocess.run(
        [str(xxgk_bin), "extract", str(REPORTS), "--out", str(cli), "--quiet", "--threads", "2",
         "--timeout-per-file", str(TIMEOUT)],
        check=True,
    )
    py = result.to_dir(tmp_path / "py")
    # The CLI also writes its run manifest, which names the files of its own run, and keeps
    # Tesseract's answers for the scans (ocr-cache/, not an output).
    assert sorted(set(os.listdir(cli)) - {"xxgk-run.json", "ocr-cache"}) == sorted(xxgk.CLI_FILES)
    assert sorted(os.listdir(py)) == sorted(xxgk.CLI_FILES)
    for name in xxgk.CLI_FILES:
        assert (py / name).read_bytes() == (cli / name).read_bytes(), name


def test_dataframe_dtypes(result):
    r = result.reports
    for c in ["report", "sha256", "format", "agency", "template", "status", "message"]:
        assert is_string_dtype(r[c]), c
    for c in ["pages", "year"]:
        assert r[c].dtype == "Int64", c
    for c in ["cells_found", "cells_expected", "errors", "warnings"]:
        assert r[c].dtype == "int64", c

    v = result.values
    assert list(v.columns) == [
        "report", "agency", "year", "template", "table", "row", "col", "key",
        "value", "flag", "raw", "page", "bbox", "ocr_confidence",
    ]
    assert v["value"].dtype == "Float64"
    assert v["year"].dtype == "Int64"
    assert v["page"].dtype == "Int64"
    assert v["ocr_confidence"].dtype == "Int64"
    for c in ["report", "agency", "template", "table", "row", "col", "key", "flag", "raw", "bbox"]:
        assert is_string_dtype(v[c]), c

    f = result.findings
    assert f["expected"].dtype == "Float64" and f["actual"].dtype == "Float64"
    for c in ["report", "other_report", "rule", "severity", "status", "cells", "message"]:
        assert is_string_dtype(f[c]), c

    w = result.wide
    assert list(w.columns[:4]) == ["report", "agency", "year", "template"]
    assert w["year"].dtype == "Int64"
    assert all(w[c].dtype == "Float64" for c in w.columns[4:])


def test_rows_match_the_summary(result):
    s = result.summary
    # A zip or 7z archive is one report per member; a saved page's `_files` folder (its
    # pictures) is part of the page, not reports of its own.
    files = [
        f
        for f in REPORTS.rglob("*.*")
        if not (f.parent.name.endswith("_files")
                and f.parent.with_name(f.parent.name[:-6] + ".html").exists())
    ]
    members = sum(
        len([n for n in zipfile.ZipFile(f).namelist() if not n.endswith("/")]) - 1
        for f in files
        if f.suffix == ".zip"
    )
    # No 7z module in the standard library: the members are the rows named after the archive.
    ids = list(result.reports["report"])
    for f in files:
        if f.suffix == ".7z":
            inside = [i for i in ids if i.startswith(f"{f.relative_to(REPORTS)}!")]
            members += max(len(inside), 1) - 1
    assert any("bundle.7z!" in i for i in ids)
    assert s.files == len(result.reports) == len(files) + members
    assert s.findings == len(result.findings)
    assert sum(s.by_status.values()) == s.files
    assert str(s) == s.line and s.line.startswith(f"{s.files} files: ")


def _cell(values: pd.DataFrame, report: str, key: str) -> pd.Series:
    rows = values[(values["report"] == report) & (values["key"] == key)]
    assert len(rows) == 1, (report, key)
    return rows.iloc[0]


def test_values_and_wide_hold_the_truth(result):
    t = truth("huaian-2024")
    v, w = result.values, result.wide
    cell = _cell(v, "huaian-2024.pdf", "t3.new_received.total")
    assert cell["value"] == 3119 and cell["flag"] == "number" and cell["raw"] == "3119"
    assert cell["agency"] == t["agency"] == "淮安市人民政府"
    assert cell["year"] == t["year"] == 2024
    assert cell["template"] == "v2021"
    assert cell["page"] >= 1 and len(cell["bbox"].split()) == 4
    row = w[w["report"] == "huaian-2024.pdf"].iloc[0]
    for key, expected in t["cells"].items():
        assert row[key] == float(expected), key
        assert _cell(v, "huaian-2024.pdf", key)["value"] == float(expected), key
    assert _cell(v, "huaian-2024.pdf", "t2.fee.amount")["value"] == 96171.6


def test_blank_is_missing_never_zero(result):
    t = truth("variants/blank-zeros")
    blanks = [k for k, x in t["cells"].items() if x == ""]
    assert blanks
    v, w = result.values, result.wide
    row = w[w["report"] == "variants/blank-zeros.pdf"].iloc[0]
    for key in blanks:
        cell = _cell(v, "variants/blank-zeros.pdf", key)
        assert cell["flag"] == "blank" and pd.isna(cell["value"]), key
        assert pd.isna(row[key]), key
    # keys of the other template are absent from this report: missing in wide, no values rows
    assert pd.isna(row["t3.other_no_fee_paid.total"])


def test_progress_callback_sees_every_file(tmp_path):
    seen = []
    res = xxgk.extract([REPORTS / "huaian-2024.pdf", REPORTS / "pingtan-2022.txt"],
                       threads=1, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (2, 2)
    assert list(res.reports["report"]) == ["huaian-2024.pdf", "pingtan-2022.txt"]


def test_ctrl_c_interrupts_the_run():
    def interrupt(done, total):
        _thread.interrupt_main()

    # A run started in the background (`cmd &`, nohup) inherits SIGINT ignored, and then
    # Python installs no handler and `interrupt_main` does nothing: install Python's own.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            xxgk.extract(REPORTS, threads=1, progress=interrupt)
    finally:
        signal.signal(signal.SIGINT, previous)


def test_an_exception_in_the_progress_callback_stops_the_run():
    def fail(done, total):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        xxgk.extract(REPORTS, threads=1, progress=fail)


def _cli_error(xxgk_bin: Path, *args: str) -> str:
    p = subprocess.run([str(xxgk_bin), *args], capture_output=True, text=True)
    assert p.returncode == 2
    return p.stderr.strip().splitlines()[-1]


def test_errors_carry_the_cli_message(xxgk_bin, tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(xxgk.XxgkError) as e:
        xxgk.extract(missing)
    assert str(e.value) == f"input not found: {missing}"
    assert _cli_error(xxgk_bin, "extract", str(missing), "--out", str(tmp_path / "o")) == (
        f"xxgk: {e.value}"
    )

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(xxgk.XxgkError) as e:
        xxgk.extract([empty])
    assert str(e.value) == f"no input files found in {empty}"
    assert _cli_error(xxgk_bin, "extract", str(empty), "--out", str(tmp_path / "o")) == (
        f"xxgk: {e.value}"
    )


def test_unreadable_inputs_only_raise_with_the_result(tmp_path):
    with pytest.raises(xxgk.XxgkError, match=r"^none of the 1 input files could be read") as e:
        xxgk.extract([REPORTS / "variants" / "encrypted-password.pdf"], max_file_size=0)
    assert list(e.value.result.reports["status"]) == ["failed"]
