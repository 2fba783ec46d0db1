"""Loading xxgk's CSV files into pandas DataFrames with explicit dtypes.

Text columns stay text (an empty field is the empty string, exactly as in the file); number
columns are pandas' nullable ``Int64`` / ``Float64`` (an empty field is ``<NA>``, never 0).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Union

import pandas as pd

TEXT = str
INT = "int64"
NULLABLE_INT = "Int64"
NUMBER = "Float64"

REPORTS: Dict[str, object] = {
    "report": TEXT,
    "sha256": TEXT,
    "format": TEXT,
    "pages": NULLABLE_INT,
    "agency": TEXT,
    "year": NULLABLE_INT,
    "template": TEXT,
    "status": TEXT,
    "cells_found": INT,
    "cells_expected": INT,
    "errors": INT,
    "warnings": INT,
    "message": TEXT,
}

VALUES_FILE: Dict[str, object] = {
    "report": TEXT,
    "table": TEXT,
    "row": TEXT,
    "col": TEXT,
    "value": NUMBER,
    "flag": TEXT,
    "raw": TEXT,
    "page": NULLABLE_INT,
    "bbox": TEXT,
    "ocr_confidence": NULLABLE_INT,
}

#: The columns of ``Result.values``: values.csv with agency, year, template and key joined on.
VALUES_COLUMNS: List[str] = [
    "report",
    "agency",
    "year",
    "template",
    "table",
    "row",
    "col",
    "key",
    "value",
    "flag",
    "raw",
    "page",
    "bbox",
    "ocr_confidence",
]

FINDINGS: Dict[str, object] = {
    "report": TEXT,
    "other_report": TEXT,
    "rule": TEXT,
    "severity": TEXT,
    "status": TEXT,
    "cells": TEXT,
    "expected": NUMBER,
    "actual": NUMBER,
    "message": TEXT,
}

WIDE_META: Dict[str, object] = {
    "report": TEXT,
    "agency": TEXT,
    "year": NULLABLE_INT,
    "template": TEXT,
}

Source = Union[str, Path, io.StringIO]


def read_csv(source: Source, dtypes: Optional[Mapping[str, object]] = None) -> pd.DataFrame:
    """Read one xxgk CSV: ``dtypes`` for its columns (default: all text), empty = missing only
    in number columns."""
    missing = {c: [""] for c, t in (dtypes or {}).items() if t in (NULLABLE_INT, NUMBER)}
    return pd.read_csv(
        source,
        dtype=TEXT if dtypes is None else dict(dtypes),
        keep_default_na=False,
        na_values=missing,
        encoding="utf-8",
    )


def read_wide(path: Path) -> pd.DataFrame:
    """wide.csv: the four meta columns, then one ``Float64`` column per key."""
    header = pd.read_csv(path, nrows=0, encoding="utf-8").columns
    dtypes: Dict[str, object] = dict(WIDE_META)
    dtypes.update({c: NUMBER for c in header if c not in WIDE_META})
    return read_csv(path, dtypes)


def join_values(values: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """values.csv with each report's agency, year and template, and the key ``table.row.col``."""
    meta = reports[["report", "agency", "year", "template"]]
    out = values.merge(meta, on="report", how="left", sort=False)
    out["key"] = out["table"] + "." + out["row"] + "." + out["col"]
    return out[VALUES_COLUMNS]


def findings_frame(records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Findings given as dicts (``reports.jsonl`` objects) as a DataFrame like findings.csv."""
    rows: List[Dict[str, object]] = []
    for f in records:
        row = dict(f)
        cells = row.get("cells")
        if isinstance(cells, (list, tuple)):
            row["cells"] = " ".join(str(c) for c in cells)
        for c in ("expected", "actual"):
            row[c] = None if row.get(c) in (None, "") else float(str(row[c]))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(FINDINGS))
    return frame.astype(FINDINGS)
