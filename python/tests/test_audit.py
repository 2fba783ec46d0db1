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

    # the same as `xxgk audit` over the folders to_dir wrote
    dirs = [a.to_dir(tmp_path / "a"), b.to_dir(tmp_path / "b")]
    cli = subprocess.run([str(xxgk_bin), "audit", *map(str, dirs)],
                         check=True, capture_output=True, text=True).stdout
    from xxgk import _frames
    expected = _frames.read_csv(io.StringIO(cli), _frames.FINDINGS)
    pd.testing.assert_frame_equal(found, expected)
    pd.testing.assert_frame_equal(xxgk.audit(dirs), expected)


def test_audit_of_one_result_gives_its_cross_year_findings(result):
    found = xxgk.audit(result)
    cross = result.findings[result.findings["other_report"] != ""]
    assert len(found) == len(cross) > 0
    pd.testing.assert_frame_equal(_sorted(found), _sorted(cross))
