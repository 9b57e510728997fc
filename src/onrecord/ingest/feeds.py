"""RSS and Atom feeds → the articles they list.

feedparser reads every feed dialect.  A feed item is an article when the feed
carries its full text (``content:encoded``, Atom ``content``); otherwise the article
is fetched from the item's link, which is what a feed is for.  The item's date,
title and author are kept, and the feed's title is the outlet.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

from ..errors import Errors, InputError
from ..model import Document
from .fetch import Fetcher
from .html import MIN_ARTICLE_CHARS, page_document

Item = Document | InputError

FEED_CONTENT_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/feed+xml",
})


def looks_like_feed(body: bytes) -> bool:
    """An XML document whose root is a feed (rss, feed, rdf:RDF), judged from its start."""
    head = body[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")) or head.startswith(
        (b"<rss", b"<feed", b"<rdf:rdf")
    )


def feed_documents(body: bytes, where: str, fetcher: Fetcher | None) -> Iterator[Item]:
    """Each item's article; an item that cannot be read is its own error."""
    import feedparser  # here, not at import: reading text or JSON Lines never pays for it

    parsed = feedparser.parse(body)
    version = parsed.get("version") or ""
    if not version or (parsed.get("bozo") and not parsed.entries):
        problem = parsed.get("bozo_exception")
        detail = str(problem).splitlines()[0] if problem else "no rss or feed element"
        yield InputError(Errors.E021, where=where, detail=detail)
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        yield _item_document(entry, f"{where}#{number}", outlet, fetcher)


def _item_document(entry: dict, where: str, outlet: str | None, fetcher: Fetcher | None) -> Item:
    link = entry.get("link")
    published = _entry_date(entry)
    html = _full_content(entry)
    if html is None and link and fetcher is not None:
        fetched = fetcher.get(link)
        if isinstance(fetched, InputError):
            return fetched
        html = fetched.body.decode(fetched.charset or "utf-8", "replace")
    if html is None:
        return InputError(Errors.E018, where=link or where, detail="the feed item has no text and no link")
    doc = page_document(html, link or where, link or where, url=link)
    if isinstance(doc, InputError):
        return doc
    if entry.get("title"):
        title = " ".join(entry["title"].split())
        if doc.title != title and not doc.text.startswith(title):
            body = doc.text[len(doc.title) + 2 :] if doc.title and doc.text.startswith(doc.title + "\n\n") else doc.text
            doc.text = f"{title}\n\n{body}"
        doc.title = title
    if published:
        doc.published, doc.published_source = published, "metadata"
    if outlet and (not doc.outlet or _is_domain(doc.outlet)):
        doc.outlet, doc.outlet_source = outlet, "metadata"
    if entry.get("author") and not doc.author:
        doc.author = entry["author"]
    doc.url = link or doc.url
    doc.origin = where
    return doc


def _is_domain(name: str) -> bool:
    """A site name that is only a host name ("courier.example"): the feed's title says more."""
    return " " not in name and "." in name


def _full_content(entry: dict) -> str | None:
    """The item's own article HTML, when the feed carries more than a summary."""
    pieces = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    html = max(pieces, key=len, default="")
    if len(html) >= MIN_ARTICLE_CHARS:
        return f"<html><body><article>{html}</article></body></html>"
    return None


def _entry_date(entry: dict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    moment = datetime(*parsed[:6], tzinfo=timezone.utc)
    if moment.hour == 0 and moment.minute == 0:
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%dT%H:%M")
