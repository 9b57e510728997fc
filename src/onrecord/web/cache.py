"""Rendered responses kept until the record changes, and revalidation with ETags.

Every page and API answer is a function of the record and the URL alone, except
for a signed-in reviewer's pages (their forms carry the session's CSRF field).  So
a GET without a session is answered from memory when the same URL was rendered
since the record last changed; ``RecordWatch`` says whether it changed (any commit
by anyone: a verdict shows on the very next request).  Each kept answer carries an
ETag, a hash of its body, with ``Cache-Control: no-cache``: a browser may keep a
page but asks again each time, and gets ``304 Not Modified`` while the record
gives the same bytes.

Plain ASGI (no task or thread per request): a hit costs a dictionary lookup and
one ``PRAGMA data_version``.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from ..store.browse import RecordWatch
from .security import SESSION_COOKIE

NOT_CACHED = ("/static/", "/vendor/")  # files with their own validators
SKIP_ON_304 = {b"content-length", b"content-type"}


@dataclass
class Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes


def etag_of(body: bytes) -> bytes:
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


def matches(if_none_match: bytes | None, etag: bytes) -> bool:
    """If-None-Match names this ETag (weak comparison, as RFC 9110 asks for GET), or is ``*``."""
    if not if_none_match:
        return False
    for tag in if_none_match.split(b","):
        tag = tag.strip()
        if tag == b"*" or tag.removeprefix(b"W/") == etag:
            return True
    return False


class ResponseCache:
    """ASGI middleware: GET answers kept per URL for the record's present generation."""

    def __init__(self, app, watch: RecordWatch, max_bytes: float = 32_000_000, max_entry: int = 1_000_000) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.watch = watch
        self.max_bytes = int(max_bytes)
        self.max_entry = max_entry
        self.entries: OrderedDict[tuple[str, bytes], Entry] = OrderedDict()
        self.size = 0
        self.generation = 0

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        generation = self.watch.refresh()
        if generation != self.generation:
            self.entries.clear()
            self.size = 0
            self.generation = generation
        key = (scope["path"], scope["query_string"])
        if_none_match = _header(scope, b"if-none-match")
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
            await self._answer(send, entry, if_none_match)
            return
        start: dict | None = None
        chunks: list[bytes] = []
        size = 0
        streaming = False

        async def capture(message) -> None:  # type: ignore[no-untyped-def]
            nonlocal start, size, streaming
            if streaming:
                await send(message)
            elif message["type"] == "http.response.start":
                start = message
                if message["status"] != 200 or any(k.lower() == b"set-cookie" for k, _ in message.get("headers", [])):
                    streaming = True  # only plain successes are kept
                    await send(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                more = message.get("more_body", False)
                if size > self.max_entry:  # too large to keep: send on as it comes
                    streaming = True
                    await send(start)
                    await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": more})
                elif not more:
                    body = b"".join(chunks)
                    entry = self._entry(start, body)  # type: ignore[arg-type]
                    if generation == self.generation:
                        self._keep(key, entry)
                    await self._answer(send, entry, if_none_match)
            else:
                await send(message)

        await self.app(scope, receive, capture)

    def _cacheable(self, scope) -> bool:  # type: ignore[no-untyped-def]
        if scope["type"] != "http" or scope["method"] != "GET" or self.max_bytes <= 0:
            return False
        if scope["path"].startswith(NOT_CACHED):
            return False
        cookie = _header(scope, b"cookie")
        return not (cookie and SESSION_COOKIE.encode() + b"=" in cookie)

    @staticmethod
    def _entry(start: dict, body: bytes) -> Entry:
        etag = etag_of(body)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"etag", b"content-length")]
        if not any(k.lower() == b"cache-control" for k, _ in headers):
            headers.append((b"cache-control", b"no-cache"))
        headers += [(b"etag", etag), (b"content-length", str(len(body)).encode())]
        return Entry(start["status"], headers, body, etag)

    def _keep(self, key: tuple[str, bytes], entry: Entry) -> None:
        cost = len(entry.body) + 512
        if cost > self.max_bytes:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old.body) + 512
        self.entries[key] = entry
        self.size += cost
        while self.size > self.max_bytes:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body) + 512

    @staticmethod
    async def _answer(send, entry: Entry, if_none_match: bytes | None) -> None:  # type: ignore[no-untyped-def]
        if matches(if_none_match, entry.etag):
            headers = [(k, v) for k, v in entry.headers if k.lower() not in SKIP_ON_304]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": entry.status, "headers": entry.headers})
        await send({"type": "http.response.body", "body": entry.body})


def _header(scope, name: bytes) -> bytes | None:  # type: ignore[no-untyped-def]
    for key, value in scope.get("headers", ()):
        if key == name:
            return value
    return None
