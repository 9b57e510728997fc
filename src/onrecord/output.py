"""One output path for every command: a table for people, JSON Lines or CSV for programs.

Every command that lists something hands its records here, as sqlite-utils does, so
``--format`` and ``--output`` mean the same everywhere: ``jsonl`` writes the records as
they are (the export contract), ``csv`` writes them flat (nested fields as JSON, lists
joined with ``; ``), ``parquet`` writes them as columns with the same names and nesting
(for DuckDB and Spark), ``table`` hands them to the command's own renderer.  A file that
cannot be written is one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, Any, TypeVar

from .errors import Errors, OnrecordError


T = TypeVar("T")


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class OutputError(OnrecordError):
    """The output file cannot be written."""


@contextmanager
def opened(path: Path | None) -> Iterator[IO[str]]:
    """Standard output, or the file at ``path`` (checked before any record is made)."""
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise OutputError(Errors.E027, where=str(path), detail=exc.strerror or str(exc)) from exc
    with handle:
        yield handle


def write_bytes(data: bytes, path: Path | None) -> None:
    """A finished document (JSON-LD, GraphML, metadata) to standard output or a file."""
    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise OutputError(Errors.E027, where=str(path), detail=exc.strerror or str(exc)) from exc


def flat(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A nested record as one CSV row: ``speaker.name`` → ``speaker_name``, lists joined or as JSON."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flat(value, prefix=f"{name}_"))
        elif isinstance(value, list):
            simple = all(isinstance(v, (str, int, float)) for v in value)
            row[name] = "; ".join(str(v) for v in value) if simple else json.dumps(value, ensure_ascii=False)
        else:
            row[name] = "" if value is None else value
    return row


def _same(item: Any) -> dict[str, Any]:
    return item


def write(
    items: Iterable[T],
    fmt: Format,
    *,
    output: Path | None = None,
    record: Callable[[T], dict[str, Any]] = _same,
    table: Callable[[list[T]], object] | None = None,
    row: Callable[[T], dict[str, Any]] | None = None,
    columns: list[str] | None = None,
    fields: list | None = None,
) -> int:
    """Write the items in ``fmt``; returns how many were written.

    ``record`` makes an item the JSON object of the export contract; ``table`` renders
    all items for a person (a rich renderable, a string or a list of lines); ``row``
    and ``columns`` shape the CSV (by default the record flattened, with the first
    row's fields as columns); ``fields`` is the Arrow schema of the Parquet columns
    (inferred when not given).  Without a ``table`` renderer, ``table`` is JSON Lines.
    """
    if fmt is Format.table and table is None:
        fmt = Format.jsonl
    if fmt is Format.parquet:
        return _write_parquet((record(i) for i in items), output, fields)
    with opened(output) as handle:
        if fmt is Format.jsonl:
            count = 0
            for item in items:
                handle.write(json.dumps(record(item), ensure_ascii=False) + "\n")
                count += 1
            return count
        if fmt is Format.csv:
            shape = row or (lambda item: flat(record(item)))
            return _write_csv(handle, (shape(i) for i in items), columns)
        materialised = list(items)
        _print(table(materialised), handle)  # type: ignore[misc]
        return len(materialised)


def _write_parquet(records: Iterator[dict[str, Any]], output: Path | None, fields: list | None) -> int:
    """Parquet to a file, or to standard output when that is a file or a pipe (never a terminal)."""
    from . import parquet

    if output is None:
        if sys.stdout.isatty():
            raise OutputError(Errors.E030)
        sys.stdout.flush()
        return parquet.write(records, sys.stdout.buffer, fields)
    try:
        handle = output.open("wb")
    except OSError as exc:
        raise OutputError(Errors.E019, where=str(output), detail=exc.strerror or str(exc)) from exc
    with handle:
        return parquet.write(records, handle, fields)


def _write_csv(handle: IO[str], rows: Iterator[dict[str, Any]], columns: list[str] | None) -> int:
    writer: csv.DictWriter | None = None
    count = 0
    for r in rows:
        if writer is None:
            writer = csv.DictWriter(handle, fieldnames=columns or list(r), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(r)
        count += 1
    if writer is None and columns:
        csv.writer(handle).writerow(columns)
    return count


def _print(rendered: object, handle: IO[str]) -> None:
    if isinstance(rendered, str):
        handle.write(rendered if rendered.endswith("\n") or not rendered else rendered + "\n")
        return
    if isinstance(rendered, list):
        for line in rendered:
            handle.write(f"{line}\n")
        return
    from .render import console

    target = console() if handle is sys.stdout else console(file=handle)
    target.print(rendered, soft_wrap=False)
