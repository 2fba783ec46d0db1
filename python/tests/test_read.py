"""xxgk.read: one report from a path or from bytes."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.api.types import is_string_dtype

import xxgk
from conftest import REPORTS, truth


def test_read_a_path_gives_meta_cells_and_findings(result):
    t = truth("huaian-2024")
    r = xxgk.read(REPORTS / "huaian-2024.pdf")
    assert (r.report, r.agency, r.year, r.template) == (
        "huaian-2024.pdf", "淮安市人民政府", 2024, "v2021")
    assert r.status == "ok" and r.format == "pdf" and r.pages == 6
    assert r.cells_found == r.cells_expected == len(r.cells) == len(t["cells"])
    for key, expected in t["cells"].items():
        assert r.cells[key].flag == "number", key
        assert r.cells[key].value == float(expected), key
    c = r.cells["t3.new_received.total"]
    assert c.value == 3119 and isinstance(c.value, int) and c.raw == "3119"
    assert isinstance(c.page, int) and c.page >= 1
    assert c.bbox is not None and len(c.bbox) == 4 and c.bbox[0] < c.bbox[2]
    assert isinstance(r.cells["t2.fee.amount"].value, float)

    # the same cells as the batch's values.csv, and the same findings
    v = result.values[result.values["report"] == "huaian-2024.pdf"]
    for row in v.itertuples():
        cell = r.cells[row.key]
        assert (cell.flag, cell.raw) == (row.flag, row.raw)
        assert cell.value == row.value and cell.page == row.page
    assert list(r.findings.columns) == list(result.findings.columns)
    assert r.findings["expected"].dtype == "Float64"
    assert is_string_dtype(r.findings["rule"])
    batch = result.findings[result.findings["report"] == "huaian-2024.pdf"]
    assert len(r.findings) == len(batch[batch["other_report"] == ""])


def test_read_bytes_is_the_same_report(result):
    data = (REPORTS / "variants" / "blank-zeros.pdf").read_bytes()
    r = xxgk.read(data, name="variants/blank-zeros.pdf")
    row = result.reports[result.reports["report"] == "variants/blank-zeros.pdf"].iloc[0]
    assert r.sha256 == row["sha256"]
    assert (r.agency, r.year, r.template, r.status) == (
        row["agency"], row["year"], row["template"], row["status"])
    t = truth("variants/blank-zeros")
    for key, expected in t["cells"].items():
        cell = r.cells[key]
        if expected == "":
            assert cell.flag == "blank" and cell.value is None, key
        else:
            assert cell.value == float(expected), key
    assert xxgk.read(bytearray(data)).report == "report"


def test_read_something_else_says_what_it_is(tmp_path):
    r = xxgk.read(REPORTS / "variants" / "not-a-report.pdf")
    assert r.status == "unsupported" and r.template is None and r.cells == {}
    assert r.message
    with pytest.raises(xxgk.XxgkError, match="^input not found: "):
        xxgk.read(tmp_path / "missing.pdf")
    with pytest.raises(xxgk.XxgkError, match="is a folder"):
        xxgk.read(tmp_path)
    with pytest.raises(ValueError):
        xxgk.read(b"", timeout_per_file=0)
