"""Real inputs: web pages, URLs on a loopback server, RSS and Atom feeds, web archives.

Nothing here touches the internet: pages are the tests' own writing, served from
127.0.0.1 by a server the tests start.
"""

from __future__ import annotations

import gzip
import http.server
import io
import json
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timezone

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.cli import app
from onrecord.errors import InputError
from onrecord.ingest import read_inputs
from onrecord.ingest.fetch import USER_AGENT, Fetcher
from onrecord.ingest.html import clean_title, outlet_name

from webpages import FERRY, FERRY_TITLE, FURNITURE, article_page, atom_feed, rss_feed

runner = CliRunner()


def split(items):
    return [i for i in items if not isinstance(i, InputError)], [i for i in items if isinstance(i, InputError)]


class Site:
    """Routes of a loopback web server: path → (status, content type, body, seconds to wait)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes, float]] = {}
        self.agents: list[str] = []

    def add(self, path: str, body: str | bytes, kind: str = "text/html; charset=utf-8", status: int = 200, delay: float = 0.0):
        self.routes[path] = (status, kind, body.encode("utf-8") if isinstance(body, str) else body, delay)


@pytest.fixture
def site():
    routes = Site()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            routes.agents.append(self.headers.get("User-Agent", ""))
            status, kind, body, delay = routes.routes.get(self.path, (404, "text/plain", b"not found", 0.0))
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    routes.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield routes
    server.shutdown()
    server.server_close()


# ---------------------------------------------------------------- web pages


def test_page_text_and_metadata_without_furniture(tmp_path):
    (tmp_path / "ferry.html").write_text(article_page(), encoding="utf-8")
    (doc,) = read_inputs([str(tmp_path / "ferry.html")])
    assert doc.id == "ferry.html"
    assert doc.text.startswith(FERRY_TITLE + "\n\n")
    for paragraph in FERRY:
        assert paragraph in doc.text
    for furniture in FURNITURE.values():
        assert furniture not in doc.text
    assert (doc.title, doc.published, doc.outlet, doc.author) == (FERRY_TITLE, "2025-03-14", "Northport Gazette", "Ada Quill")
    assert doc.url == "https://gazette.example/news/ferry-to-resume"


def test_site_names_and_titles():
    assert outlet_name("WSVN 7News | Miami News, Weather, Sports") == "WSVN 7News"
    assert clean_title("Crash on the coast road - WSVN 7News | Miami News", "WSVN 7News | Miami News", "WSVN 7News") == "Crash on the coast road"
    assert clean_title("Talks go on - and on", "Gazette", "Gazette") == "Talks go on - and on"


def test_page_without_article_is_named(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><nav>Home News</nav></body></html>", encoding="utf-8")
    (err,) = read_inputs([str(tmp_path / "index.html")])
    assert isinstance(err, InputError) and err.code.name == "E018" and "index.html" in str(err)


def test_analyze_page_offsets_index_stored_text(tmp_path):
    (tmp_path / "ferry.htm").write_text(article_page(), encoding="utf-8")
    db = str(tmp_path / "r.db")
    result = runner.invoke(app, ["analyze", str(tmp_path / "ferry.htm"), "--db", db])
    assert result.exit_code == 0, result.output
    (document,) = [json.loads(line) for line in runner.invoke(app, ["export", "documents", "--db", db]).output.splitlines()]
    assert set(document) >= {"id", "title", "published", "outlet", "author", "url", "text", "appearances"}
    assert document["author"] == "Ada Quill" and document["outlet"] == "Northport Gazette"
    statements = [json.loads(line) for line in runner.invoke(app, ["export", "statements", "--db", db]).output.splitlines()]
    speakers = {s["speaker"]["name"] for s in statements if s["speaker"]}
    assert {"Marta Lindqvist", "Tomas Brandt"} <= speakers
    for st in statements:
        for s, e in st["content"]["spans"]:
            assert document["text"][s:e] in st["content"]["text"]


# ---------------------------------------------------------------- URLs


def test_url_fetch_names_onrecord_and_bad_urls_are_skipped(site, tmp_path):
    site.add("/news/ferry", article_page())
    site.add("/slow", article_page(), delay=2.0)
    site.add("/report.pdf", b"%PDF-1.4 not a page", kind="application/pdf")
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", kind="text/plain")
    site.add("/private/memo", article_page())
    urls = [f"{site.base}{p}" for p in ("/news/ferry", "/missing", "/slow", "/report.pdf", "/private/memo")]
    docs, errors = split(list(read_inputs(urls, fetcher=Fetcher(timeout=0.5))))
    assert [d.id for d in docs] == [urls[0]] and docs[0].outlet == "Northport Gazette"
    messages = {e.kwargs["where"]: (e.code.name, str(e)) for e in errors}
    assert messages[urls[1]][0] == "E019" and "404" in messages[urls[1]][1]
    assert messages[urls[2]][0] == "E019" and "0.5 s" in messages[urls[2]][1]
    assert messages[urls[3]][0] == "E023" and "application/pdf" in messages[urls[3]][1]
    assert messages[urls[4]][0] == "E020"
    assert site.agents and all(agent == USER_AGENT and agent.startswith("onrecord/") for agent in site.agents)


def test_size_limit(site):
    site.add("/huge", article_page(paragraphs=FERRY * 50))
    (err,) = read_inputs([f"{site.base}/huge"], fetcher=Fetcher(max_bytes=5_000))
    assert err.code.name == "E025"


# ---------------------------------------------------------------- feeds


def test_rss_feed_url_fetches_each_article(site):
    date = format_datetime(datetime(2025, 3, 14, 8, 30, tzinfo=timezone.utc))
    site.add("/news/ferry", article_page())
    site.add("/news/gone", "gone", status=404)
    items = [("Ferry to resume", f"{site.base}/news/ferry", date), ("Gone", f"{site.base}/news/gone", date)]
    site.add("/rss", rss_feed(items), kind="application/rss+xml")
    docs, errors = split(list(read_inputs([f"{site.base}/rss"])))
    (doc,) = docs
    assert doc.id == f"{site.base}/news/ferry" and doc.published == "2025-03-14T08:30"
    assert doc.title == "Ferry to resume" and doc.text.startswith("Ferry to resume\n\n")
    (err,) = errors
    assert err.code.name == "E019" and "/news/gone" in str(err)


def test_atom_file_with_full_content_needs_no_network(tmp_path):
    html = "".join(f"<p>{p}</p>" for p in FERRY)
    feed = atom_feed([("Ferry crews back at work", "https://courier.example/ferry", "2025-03-15T10:00:00Z", html)])
    (tmp_path / "courier.atom").write_text(feed, encoding="utf-8")
    (doc,) = read_inputs([str(tmp_path / "courier.atom")], fetcher=Fetcher(timeout=0.01))
    assert doc.id == "https://courier.example/ferry" and doc.outlet == "Kessel Courier" and doc.author == "Ben Okafor"
    assert doc.published == "2025-03-15T10:00" and FERRY[1] in doc.text


def test_feed_that_is_not_xml(tmp_path):
    (tmp_path / "feed.xml").write_text("this is { not a feed", encoding="utf-8")
    (err,) = read_inputs([str(tmp_path / "feed.xml")])
    assert err.code.name == "E021" and "feed.xml" in str(err)


# ---------------------------------------------------------------- web archives


def _warc(records: list[tuple[str, int, str, bytes]]) -> bytes:
    """A gzipped WARC of (URI, status, content type, body) responses, written with warcio."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, status, kind, body in records:
        headers = StatusAndHeaders(f"{status} OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2025-03-16T12:00:00Z"})
        writer.write_record(record)
    return out.getvalue()


def test_warc_html_responses_only(tmp_path):
    undated = article_page(title="Kessel council to discuss support fund", published=None)
    data = _warc([
        ("https://gazette.example/news/ferry", 200, "text/html; charset=utf-8", article_page().encode()),
        ("https://gazette.example/logo.png", 200, "image/png", b"\x89PNG\r\n" + bytes(200)),
        ("https://gazette.example/missing", 404, "text/html", b"<html>gone</html>"),
        ("https://gazette.example/news/fund", 200, "text/html", undated.encode()),
    ])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    docs, errors = split(list(read_inputs([str(tmp_path / "crawl.warc.gz")])))
    assert not errors
    assert [d.id for d in docs] == ["https://gazette.example/news/ferry", "https://gazette.example/news/fund"]
    assert docs[0].published == "2025-03-14" and docs[0].url == "https://gazette.example/news/ferry"
    assert docs[1].published == "2025-03-16" and any("archived" in n for n in docs[1].notes)


def test_truncated_warc_keeps_what_was_read(tmp_path):
    data = _warc([
        ("https://gazette.example/news/ferry", 200, "text/html", article_page().encode()),
        ("https://gazette.example/news/fund", 200, "text/html", article_page(title="Fund to be discussed").encode()),
    ])
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - 300])
    docs, errors = split(list(read_inputs([str(tmp_path / "cut.warc.gz")])))
    assert [d.id for d in docs] == ["https://gazette.example/news/ferry"]
    (err,) = errors
    assert err.code.name == "E022" and "cut.warc.gz" in str(err)


def test_analyze_mixed_folder_end_to_end(site, tmp_path):
    """Pages, a feed, an archive, a broken archive: the good ones land, each bad one is named."""
    (tmp_path / "ferry.html").write_text(article_page(), encoding="utf-8")
    (tmp_path / "broken.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nnot really")[:-10])
    (tmp_path / "feed.xml").write_text("<html>not a feed</html>", encoding="utf-8")
    db = str(tmp_path / "r.db")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--db", db])
    assert result.exit_code == 1
    assert "broken.warc.gz" in result.output and "E022" in result.output
    assert "feed.xml" in result.output and "E021" in result.output
    assert "1 documents analysed" in result.output


LIBRARY = [
    "Kessel Island's only library will open on Sundays from April, the council said on Wednesday, after a "
    "petition signed by more than a thousand residents asked for longer hours.",
    "“People told us the weekend was the only time they could come, so we listened,” said Nora Vik, who chairs "
    "the council's culture committee.",
    "The extra hours will be paid for by closing the mobile library van, which the council said was used by "
    "fewer than twenty people a week.",
]


def test_feed_url_page_and_archive_end_to_end(site, tmp_path):
    """One run over a feed URL, a page URL that fails, and an archive holding a copy of a fed page."""
    date = format_datetime(datetime(2025, 3, 14, 8, 30, tzinfo=timezone.utc))
    site.add("/news/ferry", article_page())
    site.add("/news/library", article_page(title="Library to open on Sundays", paragraphs=LIBRARY))
    items = [("Ferry to resume", f"{site.base}/news/ferry", date), ("Library to open on Sundays", f"{site.base}/news/library", date)]
    site.add("/rss", rss_feed(items), kind="application/rss+xml")
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(_warc([("https://mirror.example/ferry", 200, "text/html",
                                article_page(title="Ferry to resume", site="Coast Herald").encode())]))
    db = str(tmp_path / "r.db")
    result = runner.invoke(app, ["analyze", f"{site.base}/rss", f"{site.base}/missing", str(archive), "--db", db])
    assert result.exit_code == 1 and "E019" in result.output and "/missing" in result.output
    assert "2 documents analysed" in result.output and "1 more appearances" in result.output
    documents = [json.loads(line) for line in runner.invoke(app, ["export", "documents", "--db", db]).output.splitlines()]
    ferry = next(d for d in documents if d["id"].endswith("/news/ferry"))
    assert [a["outlet"] for a in ferry["appearances"]] == ["Northport Gazette", "Coast Herald"]
    assert ferry["appearances"][1]["id"] == "https://mirror.example/ferry"
    statements = [json.loads(line) for line in runner.invoke(app, ["export", "statements", "--db", db]).output.splitlines()]
    speakers = {s["speaker"]["name"] for s in statements if s["speaker"]}
    assert {"Marta Lindqvist", "Nora Vik"} <= speakers
    shown = runner.invoke(app, ["show", "https://mirror.example/ferry", "--db", db])
    assert shown.exit_code == 0 and "Lindqvist" in shown.output and "in 2 outlets" in shown.output
