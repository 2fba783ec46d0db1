"""The result of :func:`xxgk.extract`: the batch's output folder, loaded lazily as DataFrames."""

from __future__ import annotations

import shutil
import sys
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import Dict, Mapping, Tuple, Union

import pandas as pd

from . import _frames

#: The files ``xxgk extract`` writes with its default options, in the order it lists them.
CLI_FILES: Tuple[str, ...] = (
    "reports.csv",
    "values.csv",
    "findings.csv",
    "wide.csv",
    "codebook.csv",
)
#: What the cross-year audit needs of each report (``xxgk extract --shard`` writes it too).
RECORDS_FILE = "records.jsonl"


@dataclass(frozen=True)
class Summary:
    """What a run did (the numbers of the CLI's summary line)."""

    #: Input files, one row each in ``reports``.
    files: int
    #: Files by status: ``ok``, ``partial``, ``legacy``, ``unsupported``, ``failed``.
    by_status: Mapping[str, int]
    #: Rows of ``findings`` (cross-year findings included).
    findings: int
    #: Files whose bytes could not be read at all (a subset of ``failed``).
    unreadable: int
    #: Wall-clock seconds.
    seconds: float
    #: Symlink loops, unreadable folders and the like (also issued as warnings).
    notes: Tuple[str, ...] = field(default_factory=tuple)
    #: The CLI's one-line summary.
    line: str = ""

    def __str__(self) -> str:
        return self.line


class Result:
    """The output of one run of the batch, exactly as ``xxgk extract`` writes it.

    The CSV files live in a private temporary folder that is removed when the result is garbage
    collected; :meth:`to_dir` copies them out. The DataFrames are read on first access:

    * ``reports`` — one row per input file (reports.csv);
    * ``values`` — one row per template cell (values.csv) with ``agency``, ``year``,
      ``template`` and ``key`` (``table.row.col``) joined on; ``value`` is ``Float64``
      (missing unless the flag is ``number`` or ``uncertain``), ``flag`` and ``raw`` are text;
    * ``findings`` — what the audit found (findings.csv);
    * ``wide`` — one row per report, one ``Float64`` column per key (wide.csv); blank, dash,
      absent and uncertain cells are ``<NA>``;
    * ``codebook`` — one row per key with its Chinese labels, unit and templates.
    """

    def __init__(self, folder: Path, summary: Summary, owned: bool = True) -> None:
        self._folder = Path(folder)
        self.summary = summary
        if owned:
            self._cleanup = weakref.finalize(self, shutil.rmtree, str(self._folder), True)

    @property
    def folder(self) -> Path:
        """The folder holding the CSV files (temporary; use :meth:`to_dir` to keep them)."""
        return self._folder

    @cached_property
    def reports(self) -> pd.DataFrame:
        """reports.csv: one row per input file."""
        return _frames.read_csv(self._folder / "reports.csv", _frames.REPORTS)

    @cached_property
    def values(self) -> pd.DataFrame:
        """values.csv with agency, year, template and key joined on."""
        raw = _frames.read_csv(self._folder / "values.csv", _frames.VALUES_FILE)
        return _frames.join_values(raw, self.reports)

    @cached_property
    def findings(self) -> pd.DataFrame:
        """findings.csv: within-report and cross-year findings."""
        return _frames.read_csv(self._folder / "findings.csv", _frames.FINDINGS)

    @cached_property
    def wide(self) -> pd.DataFrame:
        """wide.csv: one row per report, one numeric column per key."""
        return _frames.read_wide(self._folder / "wide.csv")

    @property
    def codebook(self) -> pd.DataFrame:
        """One row per key of ``wide`` (see :func:`xxgk.codebook`)."""
        from . import codebook

        return codebook()

    def to_dir(self, path: Union[str, "PathLike[str]"], records: bool = False) -> Path:
        """Write the files ``xxgk extract`` writes (reports.csv, values.csv, findings.csv,
        wide.csv, codebook.csv; not the run's manifest xxgk-run.json), byte for byte, into ``path`` (created when missing). Returns the folder.

        With ``records=True`` also records.jsonl (as ``xxgk extract --shard`` writes it), so
        that a later ``xxgk audit`` / ``xxgk merge`` over the folder can run every cross-year
        rule, the text comparison R-1 included."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        for name in CLI_FILES + ((RECORDS_FILE,) if records else ()):
            shutil.copyfile(self._folder / name, out / name)
        return out

    def __repr__(self) -> str:
        return f"<xxgk.Result {self.summary.line}>"


def summary_from(d: Dict[str, object]) -> Summary:
    """The native summary dict as a :class:`Summary`."""
    return Summary(
        files=int(d["files"]),  # type: ignore[arg-type]
        by_status=dict(d["by_status"]),  # type: ignore[call-overload]
        findings=int(d["findings"]),  # type: ignore[arg-type]
        unreadable=int(d["unreadable"]),  # type: ignore[arg-type]
        seconds=float(d["seconds"]),  # type: ignore[arg-type]
        notes=tuple(d["notes"]),  # type: ignore[call-overload]
        line=str(d["line"]),
    )


class Progress:
    """``progress=True``: ``xxgk: done/total files`` on standard error, updated in place."""

    def __init__(self) -> None:
        self._last = (-1, -1)

    def __call__(self, done: int, total: int) -> None:
        if (done, total) != self._last and total > 0:
            self._last = (done, total)
            sys.stderr.write(f"\rxxgk: {done}/{total} files")
            sys.stderr.flush()

    def close(self) -> None:
        if self._last != (-1, -1):
            sys.stderr.write("\n")
            sys.stderr.flush()
