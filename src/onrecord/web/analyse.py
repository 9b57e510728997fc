"""Adding articles from the browser: pasted text, uploaded files, fetched URLs.

Everything goes through the same readers as ``onrecord analyze`` (the inputs are
written to a private temporary folder and read by ``ingest.read_inputs``), so a
pasted article gets the same header parsing, limits and error messages as a file.
One Analyzer is loaded on first use and shared under a lock.
"""

from __future__ import annotations

import re
import tempfile
import threading
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..ingest import read_inputs
from ..store import Store
from .security import UnsafeURL, check_public_url

_lock = threading.Lock()
_analyzer = None
FETCH_LIMIT = 5_000_000
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "form"}


@dataclass
class Outcome:
    """What an analysis added and what it had to skip, for the page and the API."""

    documents: list[str] = field(default_factory=list)
    statements: int = 0
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    relinking: bool = False  # the record is being re-linked in the background


def analyzer():  # type: ignore[no-untyped-def]
    global _analyzer
    if _analyzer is None:
        from ..nlp.pipeline import Analyzer
        from .. import settings

        _analyzer = Analyzer(settings.default_model())
    return _analyzer


def safe_name(name: str, fallback: str) -> str:
    """A file name that stays inside the temporary folder and keeps a readable id."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^\w.\-]+", "_", base).strip("._")
    return base[:120] or fallback


class _Text(HTMLParser):
    """Visible text of an HTML page, paragraphs on their own lines (title first)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if tag in SKIP_TAGS:
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag in ("p", "br", "h1", "h2", "h3", "li", "div", "blockquote"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in "".join(parser.parts).split("\n")]
    body = "\n\n".join(ln for ln in lines if ln)
    title = parser.title.strip()
    return f"{title}\n\n{body}" if title else body


def fetch(url: str) -> tuple[str, str]:
    """(file name, text) of a public URL; redirects are followed only to public addresses."""
    check_public_url(url)

    class Checked(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            check_public_url(newurl)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(Checked)
    request = urllib.request.Request(url, headers={"user-agent": "onrecord"})
    with opener.open(request, timeout=15) as response:  # noqa: S310 - scheme and address checked above
        raw = response.read(FETCH_LIMIT + 1)
        kind = response.headers.get_content_type()
        charset = response.headers.get_content_charset() or "utf-8"
    if len(raw) > FETCH_LIMIT:
        raise UnsafeURL(f"{url}: more than {FETCH_LIMIT:,} bytes; not analysed")
    text = raw.decode(charset, errors="replace")
    if kind in ("text/html", "application/xhtml+xml"):
        text = html_text(text)
    name = safe_name(re.sub(r"^https?://", "", url).rstrip("/").replace("/", "_"), "fetched") + ".txt"
    return name, text


def _same_text(store: Store, doc_id: str, data: bytes) -> bool:
    """Whether the id already holds this very text (then it is "unchanged", not renamed)."""
    held = store.appearance(doc_id)
    text = store.text_of(held.text_hash) if held is not None else None
    return text is not None and text.strip() == data.decode("utf-8", "replace").strip()


def analyse(
    store: Store,
    *,
    texts: list[tuple[str, str]] = (),  # type: ignore[assignment]
    files: list[tuple[str, bytes]] = (),  # type: ignore[assignment]
    urls: list[str] = (),  # type: ignore[assignment]
    published: str | None = None,
    outlet: str | None = None,
    allow_fetch: bool = False,
    relink: bool = True,
) -> Outcome:
    """Analyse the given inputs into the store (and re-link the record if asked)."""
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="onrecord-web-") as tmp:
        folder = Path(tmp)
        used: set[str] = set()

        def put(name: str, data: bytes) -> None:
            # an id is one text: a name the record already holds for another text gets a number,
            # so a second pasted text or an edited upload is kept beside the first, never over it
            stem, n = name, 1
            while name in used or (store.appearance(name) is not None and not _same_text(store, name, data)):
                n += 1
                name = f"{n}-{stem}"
            used.add(name)
            (folder / name).write_bytes(data)

        for name, text in texts:
            if text.strip():
                put(safe_name(name, "pasted.txt"), text.encode("utf-8"))
        for name, data in files:
            put(safe_name(name, "upload.txt"), data)
        for url in urls:
            if not url.strip():
                continue
            if not allow_fetch:
                outcome.errors.append(f"{url}: fetching URLs is off; start the server with --allow-fetch")
                continue
            try:
                name, text = fetch(url)
            except (UnsafeURL, OSError, ValueError) as exc:
                outcome.errors.append(str(exc))
                continue
            put(name, text.encode("utf-8"))
        documents = []
        for item in read_inputs([str(folder)], published=published or None, outlet=outlet or None):
            if isinstance(item, InputError):
                outcome.errors.append(str(item).replace(str(folder) + "/", ""))
            elif store.has_document(item.hash):
                outcome.unchanged.append(item.id)
            else:
                documents.append(item)
        if documents:
            with _lock:
                nlp = analyzer()
                analyses = list(nlp.pipe(documents))
                with store.transaction():
                    for analysis in analyses:
                        store.write_analysis(analysis, nlp.model_name)
                        outcome.documents.append(analysis.document.id)
                        outcome.statements += len(analysis.statements)
            if relink:
                outcome.relinking = relink_in_background(store.path)
    return outcome


_relinking = threading.Lock()


def relink_in_background(path: str) -> bool:
    """Re-link the whole record in a thread of its own (minutes on a large record).

    One re-link at a time: returns False (and starts none) if one is running; it
    may have read the record before this article came, so say so to the user.
    """
    if not _relinking.acquire(blocking=False):
        return False

    def run() -> None:
        from ..link.record import link_store

        try:
            with Store(path) as own:
                link_store(own)
        finally:
            _relinking.release()

    threading.Thread(target=run, name="onrecord-relink", daemon=True).start()
    return True
