"""One report read in memory by :func:`xxgk.read`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, NamedTuple, Optional, Tuple, Union

import pandas as pd

from . import _frames

Number = Union[int, float]


class Cell(NamedTuple):
    """One template cell, as in values.csv."""

    #: The number (``int`` when printed without decimals) when ``flag`` is ``number``, the best
    #: reading when ``uncertain``; ``None`` otherwise (blank, dash, absent, no reading).
    value: Optional[Number]
    #: ``number``, ``blank``, ``dash``, ``absent`` or ``uncertain``.
    flag: str
    #: The cell's text as printed.
    raw: str
    #: 1-based page (PDF), else ``None``.
    page: Optional[int]
    #: ``(x0, y0, x1, y1)`` in PDF points from the page's top-left (PDF), else ``None``.
    bbox: Optional[Tuple[float, float, float, float]]


@dataclass
class Report:
    """One report: its metadata (the columns of reports.csv), every expected cell keyed by
    ``table.row.col``, and its findings (columns and dtypes of ``Result.findings``)."""

    report: str
    sha256: str
    format: str
    pages: Optional[int]
    agency: Optional[str]
    year: Optional[int]
    template: Optional[str]
    status: str
    message: str
    cells_found: int
    cells_expected: int
    errors: int
    warnings: int
    cells: Dict[str, Cell]
    findings: pd.DataFrame

    def __repr__(self) -> str:
        return (
            f"<xxgk.Report {self.report!r} {self.agency or ''} {self.year or ''} "
            f"{self.template or ''} {self.status}: {self.cells_found}/{self.cells_expected} cells, "
            f"{self.errors} errors, {self.warnings} warnings>"
        )


def number(text: str) -> Optional[Number]:
    """A normalised value (``3119``, ``96171.6``, ``-2``) as a Python number; empty → None."""
    if text == "":
        return None
    body = text[1:] if text.startswith("-") else text
    return int(text) if body.isdigit() else float(text)


def report_from(obj: Dict[str, object]) -> Report:
    """A ``reports.jsonl`` object as a :class:`Report`."""
    cells: Dict[str, Cell] = {}
    for key, c in obj["cells"].items():  # type: ignore[union-attr]
        bbox = c.get("bbox")
        cells[key] = Cell(
            value=number(c.get("value") or ""),
            flag=c["flag"],
            raw=c.get("raw") or "",
            page=c.get("page"),
            bbox=tuple(float(x) for x in bbox) if bbox else None,  # type: ignore[arg-type]
        )
    return Report(
        report=obj["report"],  # type: ignore[arg-type]
        sha256=obj["sha256"],  # type: ignore[arg-type]
        format=obj["format"],  # type: ignore[arg-type]
        pages=obj.get("pages"),  # type: ignore[arg-type]
        agency=obj.get("agency"),  # type: ignore[arg-type]
        year=obj.get("year"),  # type: ignore[arg-type]
        template=obj.get("template"),  # type: ignore[arg-type]
        status=obj["status"],  # type: ignore[arg-type]
        message=obj["message"],  # type: ignore[arg-type]
        cells_found=int(obj["cells_found"]),  # type: ignore[arg-type]
        cells_expected=int(obj["cells_expected"]),  # type: ignore[arg-type]
        errors=int(obj["errors"]),  # type: ignore[arg-type]
        warnings=int(obj["warnings"]),  # type: ignore[arg-type]
        cells=cells,
        findings=_frames.findings_frame(obj["findings"]),  # type: ignore[arg-type]
    )
