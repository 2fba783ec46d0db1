"""xxgk.codebook and Result.codebook: one row per key of wide.csv."""

from __future__ import annotations

from pandas.api.types import is_string_dtype

import xxgk


def test_codebook_describes_every_wide_column(result):
    cb = xxgk.codebook()
    assert list(cb["key"]) == list(result.wide.columns[4:])
    assert all(is_string_dtype(cb[c]) for c in cb.columns)
    assert len(result.codebook) == len(cb)
    by_key = cb.set_index("key")
    total = by_key.loc["t3.new_received.total"]
    assert (total["table"], total["row"], total["col"]) == ("t3", "new_received", "total")
    assert "本年新收" in total["row_zh"] and total["col_zh"] == "总计"
    assert total["unit"] == "count" and total["templates"] == "v2019 v2021"
    assert by_key.loc["t2.fee.amount", "unit"] == "万元"
    assert by_key.loc["t2.fee.amount", "templates"] == "v2021"
    assert by_key.loc["t2.procurement.amount", "unit"] == ""
    assert by_key.loc["t3.new_received.total", "header_zh"].startswith("表三")
