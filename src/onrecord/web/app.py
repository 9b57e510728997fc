"""The record in a browser: ``create_app`` builds the FastAPI application.

Pages (``pages.py``) are server-rendered, autoescaped Jinja2 and work without
JavaScript; the API (``api.py``) lives under ``/api`` with its schema at
``/openapi.json``.  Reading pages and API reads run on the event loop; writes and
long exports in worker threads; each thread keeps its own SQLite connection.
Answers are kept per URL until the record changes (``cache.py``); every response
carries the security headers of ``security.py``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..store import Store, browse
from .cache import ResponseCache
from .marks import link_badges, to_html, verdict_badge
from .security import SECURITY_HEADERS

HERE = Path(__file__).parent


@dataclass
class Settings:
    """How the server was started."""

    db: str
    token: str | None = None  # None: read-only
    allow_fetch: bool = False  # analyse may fetch URLs (public addresses only)
    max_upload_bytes: int = 5_000_000
    max_uploads: int = 20
    relink: bool = True  # re-link the record after an analysis
    secure_cookie: bool = False  # set when served over https
    cache_mb: float = 32  # rendered responses kept per server process (0: none)


class Stores:
    """One Store (SQLite connection) per worker thread, opened on first use."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.local = threading.local()
        Store(path).close()  # create and migrate once, before any reader

    def get(self) -> Store:
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = Store(self.path)
        return store


class ThreadStore:
    """A Store stand-in that uses the calling thread's own connection at each use.

    FastAPI may resolve a dependency in one worker thread and run the endpoint in
    another; SQLite connections must stay in the thread that opened them.
    """

    def __init__(self, stores: Stores) -> None:
        self._stores = stores

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._stores.get(), name)


class Memo:
    """Answers that depend only on the record (facets, link map), kept until the record changes.

    Each answer is tagged with the record's generation (``RecordWatch``) read before
    it was computed, and served only while the generation is the same: whatever
    commits to the file, this server or ``onrecord link`` in a terminal, the next
    request computes afresh.
    """

    def __init__(self, watch: browse.RecordWatch, size: int = 512) -> None:
        self.watch = watch
        self.size = size
        self.values: dict[object, tuple[int, object]] = {}
        self.lock = threading.Lock()

    def get(self, key: object, compute):  # type: ignore[no-untyped-def]
        generation = self.watch.refresh()
        with self.lock:
            hit = self.values.get(key)
            if hit is not None and hit[0] == generation:
                return hit[1]
        value = compute()
        self.put(key, value, generation)
        return value

    def peek(self, key: object):  # type: ignore[no-untyped-def]
        """The kept answer for ``key`` if it is of the record's present generation, else None."""
        generation = self.watch.refresh()
        with self.lock:
            hit = self.values.get(key)
        return hit[1] if hit is not None and hit[0] == generation else None

    def put(self, key: object, value: object, generation: int) -> None:
        """Keep an answer computed at ``generation`` (read before computing it); when full, drop stale ones first."""
        with self.lock:
            if len(self.values) >= self.size:
                stale = [k for k, (g, _) in self.values.items() if g != generation]
                for k in stale or [next(iter(self.values))]:
                    del self.values[k]
            self.values[key] = (generation, value)


class SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: no task per request)."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in self.headers if h[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def plotly_js() -> Path | None:
    """The charting library's script as the plotly package ships it (no copy in the repository)."""
    try:
        import plotly
    except ImportError:  # pragma: no cover - plotly is a dependency
        return None
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return path if path.exists() else None


def create_app(settings: Settings) -> FastAPI:
    from . import api, pages

    app = FastAPI(
        title="onrecord",
        version=__version__,
        description="Who said what, when, about whom — the record's HTTP API. JSON field names are those of "
        "the export contract (README). Writes (analyse, review) need the server's token in X-Onrecord-Token.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.stores = Stores(settings.db)
    app.state.store = ThreadStore(app.state.stores)
    app.state.watch = browse.RecordWatch(settings.db)
    app.state.memo = Memo(app.state.watch)
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.globals["version"] = __version__
    app.state.templates.env.filters.update(as_html=to_html, link_badges=link_badges, verdict_badge=verdict_badge)
    app.state.templates.env.auto_reload = False  # the templates ship with the package: no stat() a render
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ResponseCache, watch=app.state.watch, max_bytes=settings.cache_mb * 1_000_000)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    vendor = plotly_js()

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_script() -> Response:
        if vendor is None:
            return Response("// plotly is not installed\n", media_type="text/javascript")
        return FileResponse(vendor, media_type="text/javascript", headers={"cache-control": "public, max-age=86400"})

    app.include_router(pages.router)
    app.include_router(api.router)
    return app
