"""Web pages, feeds and archives the tests write: the project's own text, never a real site's."""

from __future__ import annotations

from html import escape

FERRY_TITLE = "Harbour ferry service to resume after strike ends"
FERRY = [
    "The harbour ferry between Northport and Kessel Island will run again on Monday after a two-week strike "
    "by its crews ended with a new pay agreement, the operator said on Friday.",
    "“We are glad the boats are going back out, and we thank islanders for their patience,” said Marta Lindqvist, "
    "the chief executive of Kessel Ferries.",
    "The union representing the crews said the agreement raised wages by six percent over two years and "
    "restored the overtime rules that had been at the heart of the dispute.",
    "Island shopkeepers told the council that the strike had cost them a third of their usual trade, and the "
    "council leader, Tomas Brandt, said a support fund would be discussed next week.",
    "Timetables for the first week will be reduced while vessels are inspected, the operator added.",
]

FURNITURE = {
    "nav": "Home News Sport Weather Opinion Subscribe",
    "cookie": "We use cookies to improve your experience on our site. Accept all cookies",
    "related": "Lighthouse keeper retires after forty years",
    "newsletter": "Sign up for our morning briefing newsletter",
    "footer": "Copyright 2025 Northport Gazette. All rights reserved.",
}


def article_page(
    title: str = FERRY_TITLE,
    paragraphs: list[str] | None = None,
    *,
    published: str | None = "2025-03-14",
    site: str = "Northport Gazette",
    author: str = "Ada Quill",
    url: str = "https://gazette.example/news/ferry-to-resume",
) -> str:
    """A news page as sites serve them: the article inside menus, banners, related links and a footer."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in (paragraphs or FERRY))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | {escape(site)}</title>
<meta property="og:site_name" content="{escape(site)}">
<meta property="og:title" content="{escape(title)}">
<meta name="author" content="{escape(author)}">
{f'<meta property="article:published_time" content="{published}T08:30:00Z">' if published else ""}
<link rel="canonical" href="{url}">
</head><body>
<header><nav><ul>{"".join(f"<li><a href='/{w.lower()}'>{w}</a></li>" for w in FURNITURE["nav"].split())}</ul></nav></header>
<div class="cookie-banner" id="cookie-consent"><p>{FURNITURE["cookie"]}</p><button>Accept</button></div>
<main><article>
<h1>{escape(title)}</h1>
<p class="byline">By {escape(author)}</p>
{body}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/news/lighthouse">{FURNITURE["related"]}</a></li>
<li><a href="/news/bridge">Bridge repairs to close the coast road in May</a></li>
</ul></aside>
<div class="newsletter"><p>{FURNITURE["newsletter"]}</p></div>
</main>
<footer><p>{FURNITURE["footer"]}</p></footer>
</body></html>"""


def rss_feed(items: list[tuple[str, str, str]], title: str = "Northport Gazette") -> str:
    """RSS 2.0 with (title, link, RFC 822 date) items and summaries only."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><pubDate>{date}</pubDate>"
        f"<description>A short summary.</description></item>"
        for t, link, date in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{escape(title)}</title><link>https://gazette.example/</link>
<description>News</description>{entries}</channel></rss>"""


def atom_feed(entries: list[tuple[str, str, str, str]], title: str = "Kessel Courier") -> str:
    """Atom with (title, link, ISO date, full article HTML) entries."""
    items = "".join(
        f"<entry><title>{escape(t)}</title><link href=\"{escape(link)}\"/><id>{escape(link)}</id>"
        f"<updated>{date}</updated><author><name>Ben Okafor</name></author>"
        f"<content type=\"html\">{escape(html)}</content></entry>"
        for t, link, date, html in entries
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title><id>urn:courier</id>
<updated>2025-03-15T10:00:00Z</updated>{items}</feed>"""
