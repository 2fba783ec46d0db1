"""xxgk: Chinese government information-disclosure annual reports (政府信息公开工作年度报告)
as audited pandas DataFrames — the engine of the ``xxgk`` command line, from Python.

* :func:`extract` — read files and folders (the batch of ``xxgk extract``) → :class:`Result`
  with ``reports``, ``values``, ``findings``, ``wide`` and ``codebook`` DataFrames, and
  :meth:`Result.to_dir` writing exactly the CLI's files;
* :func:`read` — one report in memory → :class:`Report` (metadata, cells, findings);
* :func:`audit` — the cross-year rules over several results or output folders;
* :func:`codebook` — every key with its Chinese labels, unit and templates.

Errors are raised as :class:`XxgkError` with the CLI's one-line messages. Extraction runs
without the GIL, and Ctrl-C interrupts it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import warnings
from os import PathLike
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Union

import pandas as pd

from . import _frames
from ._report import Cell, Report, report_from
from ._result import CLI_FILES, Progress, Result, Summary, summary_from
from ._xxgk import XxgkError
from . import _xxgk

__all__ = [
    "extract",
    "read",
    "audit",
    "codebook",
    "Result",
    "Summary",
    "Report",
    "Cell",
    "XxgkError",
    "CLI_FILES",
]

__version__ = "0.1.0"

StrPath = Union[str, "PathLike[str]"]
ProgressArg = Union[bool, Callable[[int, int], object]]

#: The CLI's defaults (``--timeout-per-file``, ``--max-file-size``).
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_FILE_SIZE = 256


def _paths(paths: Union[StrPath, Iterable[StrPath]]) -> List[str]:
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [os.fsdecode(paths)]
    return [os.fsdecode(p) for p in paths]


def _check_limits(timeout_per_file: float, max_file_size: int) -> None:
    if not (timeout_per_file > 0 and timeout_per_file != float("inf")):
        raise ValueError("timeout_per_file must be a positive number of seconds")
    if max_file_size < 0:
        raise ValueError("max_file_size must be a number of megabytes (0 or more)")


def extract(
    paths: Union[StrPath, Iterable[StrPath]],
    threads: Optional[int] = None,
    progress: ProgressArg = False,
    *,
    timeout_per_file: float = DEFAULT_TIMEOUT,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    agencies: Optional[StrPath] = None,
) -> Result:
    """Read reports (files, and folders walked recursively) like ``xxgk extract``.

    Args:
        paths: a file or folder, or several.
        threads: worker threads (default: one per core).
        progress: ``True`` shows ``done/total files`` on standard error; a callable is called
            with ``(done, total)`` from the calling thread.
        timeout_per_file: give up on a file after this many seconds (``--timeout-per-file``).
        max_file_size: do not read files larger than this many megabytes (``--max-file-size``).
        agencies: a CSV of agency name aliases for the cross-year audit (``--agencies``).

    Returns:
        a :class:`Result`; ``result.to_dir(path)`` writes the very files the CLI writes.

    Raises:
        XxgkError: with the CLI's message — an input not found, no input files, an alias file
            that cannot be read, or none of the input files could be read (the result is then
            on the exception as ``.result``).
        KeyboardInterrupt: on Ctrl-C; the run stops and its files are discarded.
    """
    if threads is not None and threads < 1:
        raise ValueError("threads must be 1 or more")
    _check_limits(timeout_per_file, max_file_size)
    folder = Path(tempfile.mkdtemp(prefix="xxgk-"))
    reporter: Optional[Callable[[int, int], object]]
    bar: Optional[Progress] = None
    if progress is True:
        reporter = bar = Progress()
    elif callable(progress):
        reporter = progress
    else:
        reporter = None
    try:
        raw = _xxgk.extract(
            _paths(paths),
            str(folder),
            threads or 0,
            float(timeout_per_file),
            int(max_file_size),
            None if agencies is None else os.fsdecode(agencies),
            reporter,
        )
    except BaseException:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        if bar is not None:
            bar.close()
    result = Result(folder, summary_from(raw))
    for note in result.summary.notes:
        if not note.startswith("shard "):
            warnings.warn(f"xxgk: note: {note}", stacklevel=2)
    s = result.summary
    if s.files > 0 and s.unreadable == s.files:
        err = XxgkError(
            f"none of the {s.files} input files could be read (see {folder / 'reports.csv'})"
        )
        err.result = result  # type: ignore[attr-defined]
        raise err
    return result


def read(
    data_or_path: Union[bytes, bytearray, memoryview, StrPath],
    name: Optional[str] = None,
    *,
    timeout_per_file: float = DEFAULT_TIMEOUT,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Report:
    """Read one report.

    Args:
        data_or_path: the file's bytes, or its path (``str`` or path-like; a ``str`` is always
            a path, never content).
        name: the report id (default: the file name; ``"report"`` for bytes). The name is also
            a hint for the parser, as the file name is in a batch.
        timeout_per_file, max_file_size: as in :func:`extract` (for a path only).

    Returns:
        a :class:`Report`: metadata as in reports.csv, ``cells`` as a dict
        ``key → Cell(value, flag, raw, page, bbox)`` for every key of its template, and its
        within-report findings as a DataFrame. A file that is not a report, or cannot be read,
        gives a report whose ``status`` and ``message`` say so (as its row in reports.csv).

    Raises:
        XxgkError: the path does not exist, or is a folder.
    """
    _check_limits(timeout_per_file, max_file_size)
    if isinstance(data_or_path, (bytes, bytearray, memoryview)):
        data = bytes(data_or_path)
        digest = hashlib.sha256(data).hexdigest()
        text = _xxgk.read_bytes(data, name or "report", digest)
    else:
        text = _xxgk.read_path(
            os.fsdecode(data_or_path), name, float(timeout_per_file), int(max_file_size)
        )
    return report_from(json.loads(text))


def audit(
    results_or_output_dirs: Union[Result, StrPath, Iterable[Union[Result, StrPath]]],
    *,
    agencies: Optional[StrPath] = None,
) -> pd.DataFrame:
    """The cross-year findings (rules ``X-*``) over several batches, like ``xxgk audit``.

    Args:
        results_or_output_dirs: :class:`Result` objects and/or output folders of
            ``xxgk extract`` / ``xxgk merge`` (one or several); when a report id appears in more
            than one, the first wins. A result carries every report's full cross-year record;
            a folder of CSV files alone (no records.jsonl) gives no R-1 text comparison, as
            with ``xxgk audit``.
        agencies: a CSV of agency name aliases (``--agencies``).

    Returns:
        the findings as a DataFrame with the columns and dtypes of ``Result.findings``.
    """
    items = results_or_output_dirs
    if isinstance(items, (Result, str, bytes, os.PathLike)):
        items = [items]
    dirs = [str(i.folder) if isinstance(i, Result) else os.fsdecode(i) for i in items]
    text = _xxgk.audit(dirs, None if agencies is None else os.fsdecode(agencies))
    return _frames.read_csv(io.StringIO(text), _frames.FINDINGS)


def codebook() -> pd.DataFrame:
    """One row per key (the numeric columns of ``wide``): ``key`` (``table.row.col``),
    ``table``, ``row``, ``col``, ``table_zh``, ``row_zh``, ``col_zh`` (the template's labels),
    ``header_zh`` (the ``--headers zh`` column name), ``unit`` (``count``, ``万元``, or empty
    when the template names none) and ``templates`` (``v2019``/``v2021``, space-separated).
    All columns are text."""
    text = _xxgk.codebook_csv()
    return _frames.read_csv(io.StringIO(text))
