"""xxgk.audit: cross-year findings over several batches, as `xxgk audit` prints them."""

from __future__ import annotations

import io
import subprocess

import pandas as pd

import xxgk
from conftest import REPORTS


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(list(df.columns)).reset_index(drop=True)


def test_audit_across_two_batches_matches_the_cli(xxgk_bin, tmp_path):
    a = xxgk.extract(REPORTS / "variants" / "hongze-2023.pdf")
    b = xxgk.extract(REPORTS / "variants" / "hongze-2024.pdf")
    # each batch alone has no earlier year
    assert (a.findings["other_report"] == "").all()
    assert (b.findings["other_report"] == "").all()

    found = xxgk.audit([a, b])
    assert set(found["rule"]) >= {"X-1"}
    x1 = found[found["rule"] == "X-1"].iloc[0]
    assert (x1["report"], x1["other_report"]) == ("hongze-2024.pdf", "hongze-2023.pdf")
    assert x1["actual"] - x1["expected"] in (3, -3)
    assert found["expected"].dtype == "Float64"

    # the same as `xxgk audit` over the folders to_dir writes, with and without records.jsonl
    from xxgk import _frames

    def cli_audit(*dirs):
        out = subprocess.run([str(xxgk_bin), "audit", *map(str, dirs)],
                             check=True, capture_output=True, text=True).stdout
        return _frames.read_csv(io.StringIO(out), _frames.FINDINGS)

    full = [a.to_dir(tmp_path / "a", records=True), b.to_dir(tmp_path / "b", records=True)]
    pd.testing.assert_frame_equal(found, cli_audit(*full))
    csv_only = [a.to_dir(tmp_path / "a2"), b.to_dir(tmp_path / "b2")]
    pd.testing.assert_frame_equal(xxgk.audit(csv_only), cli_audit(*csv_only))
    assert "X-1" in set(xxgk.audit(csv_only)["rule"])


def test_audit_of_one_result_gives_its_cross_year_findings(result, tmp_path):
    found = xxgk.audit(result)
    cross = result.findings[result.findings["other_report"] != ""]
    assert len(found) == len(cross) > 0
    assert "R-1" in set(found["rule"])
    pd.testing.assert_frame_equal(_sorted(found), _sorted(cross))
    # a folder with records.jsonl keeps R-1; the four CSV files alone cannot
    with_records = xxgk.audit(result.to_dir(tmp_path / "r", records=True))
    pd.testing.assert_frame_equal(_sorted(with_records), _sorted(cross))
    csv_only = xxgk.audit(result.to_dir(tmp_path / "c"))
    assert "R-1" not in set(csv_only["rule"])
    assert len(csv_only) == len(cross) - (cross["rule"] == "R-1").sum()
