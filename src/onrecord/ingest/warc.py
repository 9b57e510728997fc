"""Web archives (WARC and ARC, gzipped or not) → the articles in their HTML responses.

warcio streams the archive record by record, so a gigabyte of crawl never sits in
memory: only one response body at a time, and at most ``max_bytes`` of it.  Each
article keeps the archived URL (``WARC-Target-URI``) as its id and URL; its date is
the page's own publication date, else the day it was archived (``WARC-Date``).  A
damaged or truncated archive keeps every record read before the damage.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Document
from .fetch import MAX_BYTES
from .html import page_document

Item = Document | InputError

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def archive_documents(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Every HTML response's article, in archive order; other records are passed over."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(Errors.E009, where=str(path), detail=exc.strerror or str(exc))
        return
    from warcio.archiveiterator import ArchiveIterator  # here, not at import: only archives need it
    from warcio.exceptions import ArchiveLoadFailed

    with handle:
        records = ArchiveIterator(handle, arc2warc=True)
        offset = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
                yield InputError(Errors.E022, where=f"{path}@{offset}", detail=_first_line(exc))
                return
            try:
                item = _response_document(record, path, max_bytes)
                offset = records.get_record_offset()
            except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
                yield InputError(Errors.E022, where=f"{path}@{offset}", detail=_first_line(exc))
                return
            if item is not None:
                yield item


class Damaged(ValueError):
    """The archive stops making sense here: a record without headers, or cut short."""


def _response_document(record, path: Path, max_bytes: int) -> Item | None:
    if record.rec_type is None:
        raise Damaged("not a WARC or ARC record")
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if status != "200" or content_type not in ("text/html", "application/xhtml+xml"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{path}:{uri}"
    stream = record.content_stream()
    body = stream.read(max_bytes + 1)
    if len(body) > max_bytes:
        return InputError(Errors.E025, where=where, size=len(body), limit=max_bytes)
    if getattr(record.raw_stream, "limit", 0):
        raise Damaged(f"the record of {uri or 'a response'} is cut short")
    doc = page_document(body, uri or where, where, url=uri or None)
    if isinstance(doc, InputError):
        return doc
    archived = (record.rec_headers.get_header("WARC-Date") or "")[:10]
    if not doc.published and len(archived) == 10:
        doc.published, doc.published_source = archived, "metadata"
        doc.notes.append(f"no publication date on the page: dated {archived}, the day it was archived")
    doc.url = uri or doc.url  # where it was archived from; the page's canonical URL may differ
    return doc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
