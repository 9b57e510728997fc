"""Web pages → Documents: the article's text and metadata, without the page around it.

trafilatura finds the main text (menus, comments, related links, cookie banners and
footers left out) and the page's metadata: title, author, publication date, site
name and canonical URL.  The stored text is the headline, a blank line, then the
article's paragraphs separated by blank lines, the way a text file is read; every
offset in the record indexes that text.
"""

from __future__ import annotations

import re

from ..errors import Errors, InputError
from ..model import Document
from . import header

# Pages shorter than this after extraction hold no article (an index page, a paywall).
MIN_ARTICLE_CHARS = 200

# The publication date from the page's markup only: a full-text search takes
# "Copyright 2025" for 1 January 2025, and an undated page is better named undated.
_DATES = {"extensive_search": False, "original_date": True}

_SEPARATORS = re.compile(r"\s+[|\-–—:]\s+")


def page_document(
    html: bytes | str, doc_id: str, origin: str, url: str | None = None
) -> Document | InputError:
    """The article on one web page, or the error that says why there is none."""
    import trafilatura  # here, not at import: reading text or JSON Lines never pays for it

    try:
        found = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False,
            date_extraction_params=_DATES,
        )
    except Exception as exc:  # noqa: BLE001 - lxml and trafilatura raise many kinds on broken pages
        return InputError(Errors.E018, where=origin, detail=f"{type(exc).__name__}: {exc}")
    if found is None or not (getattr(found, "text", None) or "").strip():
        return InputError(Errors.E018, where=origin, detail="no article text found on the page")
    body = _paragraphs(found.text)
    if len(body) < MIN_ARTICLE_CHARS:
        return InputError(Errors.E018, where=origin, detail=f"only {len(body)} characters of article text")
    site = outlet_name(found.sitename)
    title = clean_title(found.title, found.sitename, site)
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    published = header.normalise_published(found.date) if found.date else None
    return Document(
        id=doc_id,
        text=text,
        published=published,
        published_source="metadata" if published else None,
        outlet=site,
        outlet_source="metadata" if site else None,
        title=title,
        url=found.url or url,
        author=clean_author(found.author, found.sitename),
        site=found.hostname,
        origin=origin,
    )


def _paragraphs(text: str) -> str:
    """trafilatura's one line a paragraph, as paragraphs with a blank line between."""
    lines = [ln.strip() for ln in text.replace("\r", "\n").split("\n")]
    return "\n\n".join(ln for ln in lines if ln)


def outlet_name(sitename: str | None) -> str | None:
    """The outlet in a site name: "WSVN 7News | Miami News, Weather" → "WSVN 7News"."""
    if not sitename:
        return None
    first = re.split(r"\s+\|\s+", sitename.strip())[0].strip()
    return first or None


def clean_title(title: str | None, sitename: str | None, outlet: str | None) -> str | None:
    """The headline without the site name pages append to it ("… - WSVN 7News | Miami")."""
    if not title:
        return None
    title = " ".join(title.split())
    for suffix in filter(None, [sitename, outlet]):
        for match in _SEPARATORS.finditer(title):
            if title[match.end():].startswith(suffix) and match.start() > 0:
                return title[: match.start()].strip()
    return title


def clean_author(author: str | None, sitename: str | None) -> str | None:
    """The byline, unless it is the site's own name ("CBS News February …" is no person)."""
    if not author:
        return None
    outlet = outlet_name(sitename)
    if outlet and outlet.lower() in author.lower():
        return None
    return author.strip() or None
