"""Readers: files, folders, JSON Lines and standard input → Documents.

Nothing else in onrecord reads input.  A bad input never stops the batch: in its
place the reader yields the ``InputError`` that says which file or line and what to
do, and the caller reports it and goes on.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ..errors import Errors, InputError
from ..model import Document
from . import header

DEFAULT_MAX_CHARS = 5_000_000
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

Item = Document | InputError


def read_inputs(
    paths: list[str],
    *,
    published: str | None = None,
    outlet: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: TextIO | None = None,
) -> Iterator[Item]:
    """Every document of every input, in order, with errors in place of bad inputs."""
    if published is not None and header.normalise_published(published) is None:
        yield InputError(Errors.E015, where="--published", value=published)
        return
    override = Overrides(header.normalise_published(published) if published else None, outlet)
    for path in paths:
        if path == "-":
            yield from _read_stdin(stdin or sys.stdin, override, max_chars)
        else:
            yield from _read_path(Path(path), override, max_chars)


class Overrides:
    """Metadata the user gave on the command line; it wins over what the text says."""

    def __init__(self, published: str | None, outlet: str | None) -> None:
        self.published = published
        self.outlet = outlet

    def apply(self, doc: Document) -> Document:
        if self.published:
            doc.published, doc.published_source = self.published, "metadata"
        if self.outlet:
            doc.outlet = self.outlet
        return doc


def _read_path(path: Path, override: Overrides, max_chars: int) -> Iterator[Item]:
    if not path.exists():
        yield InputError(Errors.E007, where=str(path))
    elif path.is_dir():
        for child in _walk(path):
            yield from _read_file(child, override, max_chars)
    else:
        yield from _read_file(path, override, max_chars)


def _walk(folder: Path) -> list[Path]:
    """Files under a folder, sorted, skipping hidden ones and unknown kinds."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            child = Path(root) / name
            if child.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                found.append(child)
    return found


def _read_file(path: Path, override: Overrides, max_chars: int) -> Iterator[Item]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path, override, max_chars)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(Errors.E009, where=str(path), detail=exc.strerror or str(exc))
        return
    text = decode(raw, str(path))
    if isinstance(text, InputError):
        yield text
        return
    yield from _text_document(text, path.name, str(path), override, max_chars)


def decode(raw: bytes, where: str) -> str | InputError:
    """UTF-8 (BOM removed), else Windows-1252; binary content is refused."""
    if b"\x00" in raw[:8192] or _mostly_control(raw[:8192]):
        return InputError(Errors.E001, where=where)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _mostly_control(sample: bytes) -> bool:
    if not sample:
        return False
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control / len(sample) > 0.05


def _text_document(text: str, doc_id: str, origin: str, override: Overrides, max_chars: int) -> Iterator[Item]:
    if not text.strip():
        yield InputError(Errors.E003, where=origin)
        return
    if len(text) > max_chars:
        yield InputError(Errors.E006, where=origin, size=len(text), limit=max_chars)
        return
    published = header.find_published(text)
    doc = Document(
        id=doc_id,
        text=text,
        published=published,
        published_source="text" if published else None,
        outlet=header.find_outlet(text),
        title=header.find_title(text),
        origin=origin,
    )
    yield override.apply(doc)


def _read_stdin(stream: TextIO, override: Overrides, max_chars: int) -> Iterator[Item]:
    text = stream.read()
    if text.lstrip().startswith("{"):
        yield from _jsonl_lines(text.splitlines(), "<stdin>", override, max_chars)
    else:
        yield from _text_document(text.replace("\r\n", "\n"), "stdin", "<stdin>", override, max_chars)


def _read_jsonl(path: Path, override: Overrides, max_chars: int) -> Iterator[Item]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(Errors.E009, where=str(path), detail=exc.strerror or str(exc))
        return
    with handle:
        lines = (raw.decode("utf-8", "replace") for raw in handle)
        yield from _jsonl_lines(lines, str(path), override, max_chars)


_OPTIONAL = ("published", "outlet", "title", "url")


def _jsonl_lines(lines, where: str, override: Overrides, max_chars: int) -> Iterator[Item]:
    """One document per JSON line; each bad line is its own error, the rest go on."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        at = f"{where}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(Errors.E004, where=at, detail=exc.msg)
            continue
        yield _record_document(record, at, override, max_chars)


def _record_document(record: object, at: str, override: Overrides, max_chars: int) -> Item:
    if not isinstance(record, dict):
        return InputError(Errors.E004, where=at, detail="not an object")
    for name in ("id", "text"):
        if name not in record:
            return InputError(Errors.E005, where=at, field=name)
    for name in ("id", "text", *_OPTIONAL):
        value = record.get(name)
        if value is not None and not isinstance(value, str) and not (name == "id" and isinstance(value, int)):
            return InputError(Errors.E008, where=at, field=name, kind=type(value).__name__)
    text = record["text"].replace("\r\n", "\n")
    if not text.strip():
        return InputError(Errors.E003, where=at)
    if len(text) > max_chars:
        return InputError(Errors.E006, where=at, size=len(text), limit=max_chars)
    published = record.get("published")
    source = "metadata"
    if published:
        normalised = header.normalise_published(published)
        if normalised is None:
            return InputError(Errors.E015, where=at, value=published)
        published = normalised
    else:
        published = header.find_published(text)
        source = "text" if published else None
    doc = Document(
        id=str(record["id"]),
        text=text,
        published=published,
        published_source=source,  # type: ignore[arg-type]
        outlet=record.get("outlet") or header.find_outlet(text),
        title=record.get("title"),
        url=record.get("url"),
        origin=at,
    )
    return override.apply(doc)
