"""Readers: files, folders, JSON Lines, web pages, URLs, feeds, web archives, stdin → Documents.

Nothing else in onrecord reads input or goes to the network.  A bad input never
stops the batch: in its place the reader yields the ``InputError`` that says which
file, line or URL and what to do, and the caller reports it and goes on.  Every
document's text has its mojibake repaired here (``repair.py``), so what is stored,
and indexed by every offset, is the repaired text.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from ..errors import Errors, InputError
from ..model import Document
from . import header
from .feeds import FEED_CONTENT_TYPES, feed_documents, looks_like_feed
from .fetch import Fetcher, is_url
from .html import page_document
from .repair import Decoded, decode, fix_mojibake
from .warc import archive_documents, is_archive

DEFAULT_MAX_CHARS = 5_000_000
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})

Item = Document | InputError


def read_inputs(
    paths: list[str],
    *,
    published: str | None = None,
    outlet: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: TextIO | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Item]:
    """Every document of every input, in order, with errors in place of bad inputs.

    Only an ``http(s)://`` argument, or the links of a feed, makes onrecord fetch anything.
    """
    if published is not None and header.normalise_published(published) is None:
        yield InputError(Errors.E015, where="--published", value=published)
        return
    override = Overrides(header.normalise_published(published) if published else None, outlet)
    fetcher = fetcher or Fetcher()
    for path in paths:
        if path == "-":
            items = _read_stdin(stdin or sys.stdin)
        elif is_url(path):
            items = _read_url(path, fetcher)
        else:
            items = _read_path(Path(path), fetcher)
        for item in items:
            yield item if isinstance(item, InputError) else _finish(item, override, max_chars)


class Overrides:
    """Metadata the user gave on the command line; it wins over what the text says."""

    def __init__(self, published: str | None, outlet: str | None) -> None:
        self.published = published
        self.outlet = outlet

    def apply(self, doc: Document) -> Document:
        if self.published:
            doc.published, doc.published_source = self.published, "metadata"
        if self.outlet:
            doc.outlet, doc.outlet_source = self.outlet, "metadata"
        return doc


def _finish(doc: Document, override: Overrides, max_chars: int) -> Item:
    """What every document gets, whatever its kind: limits checked, mojibake repaired, overrides."""
    where = doc.origin or doc.id
    if not doc.text.strip():
        return InputError(Errors.E003, where=where)
    if len(doc.text) > max_chars:
        return InputError(Errors.E006, where=where, size=len(doc.text), limit=max_chars)
    doc.text, note = fix_mojibake(doc.text)
    if note:
        doc.notes.append(f"{where}: {note}")
        if doc.title:
            doc.title = fix_mojibake(doc.title)[0]
    return override.apply(doc)


def _read_path(path: Path, fetcher: Fetcher) -> Iterator[Item]:
    if not path.exists():
        yield InputError(Errors.E007, where=str(path))
    elif path.is_dir():
        for child in _walk(path):
            yield from _read_file(child, fetcher)
    else:
        yield from _read_file(path, fetcher)


def _walk(folder: Path) -> list[Path]:
    """Files under a folder, sorted, skipping hidden ones and unknown kinds."""
    known = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            child = Path(root) / name
            if child.suffix.lower() in known or is_archive(child):
                found.append(child)
    return found


def _read_file(path: Path, fetcher: Fetcher) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
        return
    if is_archive(path):
        yield from archive_documents(path)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(Errors.E009, where=str(path), detail=exc.strerror or str(exc))
        return
    if suffix in HTML_SUFFIXES:
        yield page_document(raw, path.name, str(path))
    elif suffix in FEED_SUFFIXES:
        yield from feed_documents(raw, str(path), fetcher)
    else:
        decoded = decode(raw, str(path))
        if isinstance(decoded, InputError):
            yield decoded
            return
        yield _plain_document(decoded, path.name, str(path))


def _read_url(url: str, fetcher: Fetcher) -> Iterator[Item]:
    """A web page, a feed, or plain text at a URL, told apart by what the server sends."""
    fetched = fetcher.get(url)
    if isinstance(fetched, InputError):
        yield fetched
        return
    kind = fetched.content_type
    if kind in FEED_CONTENT_TYPES or looks_like_feed(fetched.body):
        yield from feed_documents(fetched.body, url, fetcher)
    elif kind in ("text/html", "application/xhtml+xml"):
        yield page_document(fetched.body, url, url, url=fetched.url)
    elif kind == "text/plain":
        decoded = decode(fetched.body, url)
        if isinstance(decoded, InputError):
            yield decoded
            return
        doc = _plain_document(decoded, url, url)
        doc.url = fetched.url
        yield doc
    else:
        yield InputError(Errors.E023, where=url, kind=kind or "an unnamed content type")


def _plain_document(decoded: Decoded, doc_id: str, origin: str) -> Document:
    """A plain-text article: title, date and outlet read from its first lines."""
    text = decoded.text
    published = header.find_published(text)
    outlet = header.find_outlet(text)
    return Document(
        id=doc_id,
        text=text,
        published=published,
        published_source="text" if published else None,
        outlet=outlet,
        outlet_source="text" if outlet else None,
        title=header.find_title(text),
        origin=origin,
        notes=list(decoded.notes),
    )


def _read_stdin(stream: TextIO) -> Iterator[Item]:
    text = stream.read()
    if text.lstrip().startswith("{"):
        yield from _jsonl_lines(((line, []) for line in text.splitlines()), "<stdin>")
    else:
        yield _plain_document(Decoded(text.replace("\r\n", "\n").replace("\r", "\n")), "stdin", "<stdin>")


def _read_jsonl(path: Path) -> Iterator[Item]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(Errors.E009, where=str(path), detail=exc.strerror or str(exc))
        return
    with handle:
        yield from _jsonl_lines((_decode_line(raw, f"{path}:{n}") for n, raw in enumerate(handle, start=1)), str(path))


def _decode_line(raw: bytes, where: str) -> tuple[str, list[str]]:
    """One JSON line as text; bytes that are not UTF-8 are named, never silently replaced."""
    decoded = decode(raw, where) if raw.strip() else Decoded("")
    if isinstance(decoded, InputError):
        return raw.decode("utf-8", "replace"), []
    return decoded.text, decoded.notes


_OPTIONAL = ("published", "outlet", "title", "url")


def _jsonl_lines(lines: Iterable[tuple[str, list[str]]], where: str) -> Iterator[Item]:
    """One document per JSON line; each bad line is its own error, the rest go on."""
    for number, (line, notes) in enumerate(lines, start=1):
        if not line.strip():
            continue
        at = f"{where}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(Errors.E004, where=at, detail=exc.msg)
            continue
        item = _record_document(record, at)
        if isinstance(item, Document):
            item.notes.extend(notes)
        yield item


def _record_document(record: object, at: str) -> Item:
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
    outlet = record.get("outlet") or header.find_outlet(text)
    return Document(
        id=str(record["id"]),
        text=text,
        published=published,
        published_source=source,  # type: ignore[arg-type]
        outlet=outlet,
        outlet_source=("metadata" if record.get("outlet") else "text") if outlet else None,
        title=record.get("title"),
        url=record.get("url"),
        origin=at,
    )
