"""The pages: search, statement, speaker, contradictions, document, analyse, reviews, exports.

Server-rendered and autoescaped; every page works without JavaScript.  Forms
that write (review, analyse) need a session from /login and carry its CSRF field;
after a write the browser is redirected (POST → 303 → GET) so a reload never
repeats it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.datastructures import UploadFile

from ..model import Document, Statement
from ..store import Store
from ..store import browse, review
from . import records
from .api import get_store
from .marks import Run, context_window, runs, speaker_label
from .security import SESSION_COOKIE, csrf_token, form_allowed, new_session, same, session_id

router = APIRouter(include_in_schema=False)
PAGE = 20


def _safe_url(url: Optional[str]) -> Optional[str]:
    """Only http(s) addresses become links: a ``javascript:`` URL in an article's metadata stays text."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme in ("http", "https") else None


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    settings = request.app.state.settings
    cookie = request.cookies.get(SESSION_COOKIE)
    signed_in = session_id(settings.token, cookie) is not None
    templates = request.app.state.templates
    templates.env.filters.setdefault("safe_url", _safe_url)
    return templates.TemplateResponse(
        request,
        name,
        {
            "writable": bool(settings.token),
            "signed_in": signed_in,
            "csrf": csrf_token(settings.token, cookie) if signed_in else "",
            "allow_fetch": settings.allow_fetch,
            **context,
        },
        status_code=status,
    )


@dataclass
class FacetLinks:
    """One facet of the search page: its values with their counts and links, and the link that clears it."""

    chosen: Optional[str]
    clear_href: str
    options: list[tuple[str, int, str, bool]]


@dataclass
class Result:
    """One search result as the page shows it (attributes, not a dict: templates read them many times)."""

    st: Statement
    doc: Optional[Document]
    who: str
    links: dict[str, int]
    runs: list[Run]
    verdict: Optional[review.StatementReview]


def _facet_links(request: Request, facets: dict[str, list[tuple[str, int]]], filters: browse.Filters) -> dict[str, FacetLinks]:
    """Each facet value with the link that selects it, and the link that clears the facet."""
    base = {k: v for k, v in request.query_params.items() if v and k != "offset"}
    out: dict[str, FacetLinks] = {}
    for name, values in facets.items():
        chosen = getattr(filters, name)
        rest = {k: v for k, v in base.items() if k != name}
        prefix = urlencode(rest)
        prefix = f"?{prefix}&" if prefix else "?"
        out[name] = FacetLinks(
            chosen, "?" + urlencode(rest) if rest else "/",
            [(value, n, prefix + urlencode({name: value}), value == chosen) for value, n in values],
        )
    return out


def _query(request: Request, **changes: Any) -> str:
    """This page's query string with some parameters changed (None drops one)."""
    params = {k: v for k, v in request.query_params.items() if v}
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


# ------------------------------------------------------------------ reading


def _counted_key(filters: browse.Filters) -> tuple:
    return ("counted", tuple(sorted(filters.__dict__.items())))


def _linked(request: Request, store: Store) -> dict[str, set[str]]:
    return request.app.state.memo.get("linked", lambda: browse.linked_relations(store))  # type: ignore[no-any-return]


def _facets(request: Request, store: Store, filters: browse.Filters) -> dict[str, list[tuple[str, int]]]:
    """Facet counts, computed once per search and record version."""
    linked = _linked(request, store)
    return request.app.state.memo.get(_counted_key(filters), lambda: browse.facets(store, filters, linked=linked))[1]  # type: ignore[no-any-return]


def _index(request: Request, store: Store) -> browse.MatchIndex:
    return request.app.state.memo.get("match_index", lambda: browse.match_index(store))  # type: ignore[no-any-return]


def _search(request: Request, store: Store, filters: browse.Filters, offset: int) -> tuple[browse.Page, browse.Facets]:
    """A page of results and the facets of the whole search; the total and facets are kept per record version."""
    memo = request.app.state.memo
    linked = _linked(request, store)
    generation = memo.watch.refresh()
    counted = memo.peek(_counted_key(filters))
    index = _index(request, store) if filters.indexable() else None
    page, facets = browse.search_with_facets(store, filters, offset=offset, limit=PAGE, linked=linked, counted=counted, index=index)
    if counted is None:
        memo.put(_counted_key(filters), (page.total, facets), generation)
    return page, facets


@router.get("/", response_class=HTMLResponse)
async def search_page(
    request: Request,
    q: Optional[str] = Query(None, max_length=500),
    speaker: Optional[str] = Query(None, max_length=300),
    outlet: Optional[str] = Query(None, max_length=300),
    date_from: Optional[str] = Query(None, max_length=30),
    date_to: Optional[str] = Query(None, max_length=30),
    kind: Optional[str] = Query(None, max_length=30),
    polarity: Optional[str] = Query(None, max_length=30),
    link: Optional[str] = Query(None, max_length=30),
    offset: int = Query(0, ge=0, le=10_000_000),
    store: Store = Depends(get_store),
) -> HTMLResponse:
    filters = browse.Filters(q=q, speaker=speaker, outlet=outlet, date_from=date_from or None, date_to=date_to or None,
                             kind=kind or None, polarity=polarity or None, link=link or None)
    page, facets = _search(request, store, filters, offset)
    docs = browse.documents_by_id(store, [s.doc_id for s in page.statements])
    counts = browse.link_counts(store, [s.id for s in page.statements])
    verdicts = review.latest_statement_verdicts(store, [s.id for s in page.statements])
    results = []
    for st in page.statements:
        doc = docs.get(st.doc_id)
        text = doc.text if doc else st.content
        window = context_window(text, st) if doc else (0, len(text))
        results.append(Result(st, doc, speaker_label(st), counts.get(st.id, {}),
                              runs(text, [st], focus=st.id, window=window) if doc else [], verdicts.get(st.id)))
    return render(
        request, "search.html", filters=filters, page=page, results=results,
        facets=_facet_links(request, facets, filters),
        prev=_query(request, offset=max(0, offset - PAGE) or None) if offset else None,
        next=_query(request, offset=offset + PAGE) if offset + PAGE < page.total else None,
        documents=request.app.state.memo.get("documents", lambda: store.counts()["documents"]),
    )


@router.get("/statement/{statement_id}", response_class=HTMLResponse)
async def statement_page(request: Request, statement_id: str, store: Store = Depends(get_store)) -> HTMLResponse:
    st = browse.statement(store, statement_id)
    if st is None:
        return render(request, "error.html", status=404, message=f"No statement {statement_id!r} in this record.")
    doc = browse.document_of(store, st.id)
    links = browse.links_of(store, st.id)
    others = browse.statements_by_id(store, [ln.b if ln.a == st.id else ln.a for ln in links])
    docs = browse.documents_by_id(store, [s.doc_id for s in others.values()], text=False)
    related: dict[str, list[dict[str, Any]]] = {"repeats": [], "supports": [], "contradicts": []}
    link_verdicts = review.latest_link_verdicts(store)
    for ln in links:
        other = others.get(ln.b if ln.a == st.id else ln.a)
        if other is None:
            continue
        related[ln.relation].append({
            "link": ln, "other": other, "doc": docs.get(other.doc_id), "who": speaker_label(other),
            "verdict": link_verdicts.get((ln.relation, ln.a, ln.b)),
        })
    times = list(store.times(doc.hash)) if doc else []
    return render(
        request, "statement.html", st=st, doc=doc, who=speaker_label(st), related=related,
        runs=runs(doc.text, [st], times, focus=st.id) if doc else [],
        reviews=review.statement_reviews(store, st.id), link_reviews=review.link_reviews(store, st.id),
        entity=browse.entity_by_name(store, st.speaker.name) if st.speaker and st.speaker.name else None,
    )


@router.get("/speakers", response_class=HTMLResponse)
async def speakers_page(
    request: Request, q: Optional[str] = Query(None, max_length=300), offset: int = Query(0, ge=0, le=10_000_000),
    store: Store = Depends(get_store),
) -> HTMLResponse:
    rows, total = request.app.state.memo.get(
        ("speakers", q, offset), lambda: browse.speaker_page(store, q=q, offset=offset, limit=50)
    )
    return render(request, "speakers.html", rows=rows, total=total, q=q or "", offset=offset,
                  prev=_query(request, offset=max(0, offset - 50) or None) if offset else None,
                  next=_query(request, offset=offset + 50) if offset + 50 < total else None)


@router.get("/speaker/{entity_id}", response_class=HTMLResponse)
def speaker_page(request: Request, entity_id: int, store: Store = Depends(get_store)) -> HTMLResponse:
    entity = browse.entity(store, entity_id)
    if entity is None:
        return render(request, "error.html", status=404, message=f"No speaker {entity_id} in this record.")
    line = records.timeline(store, entity_id)
    return render(request, "speaker.html", entity=entity, points=line["points"],
                  stance_counts={k: sum(1 for p in line["points"] if p["stance"] == k) for k in ("contradicts", "supports", "repeats", "none")})


@router.get("/contradictions", response_class=HTMLResponse)
async def contradictions_page(request: Request, offset: int = Query(0, ge=0, le=10_000_000), store: Store = Depends(get_store)) -> HTMLResponse:
    pairs, total = records.contradictions(store, offset, PAGE)
    verdicts = review.latest_link_verdicts(store)
    for p in pairs:
        p["verdict"] = verdicts.get(("contradicts", p["a"]["id"], p["b"]["id"]))
    return render(request, "contradictions.html", pairs=pairs, total=total, offset=offset,
                  prev=_query(request, offset=max(0, offset - PAGE) or None) if offset else None,
                  next=_query(request, offset=offset + PAGE) if offset + PAGE < total else None)


@router.get("/documents", response_class=HTMLResponse)
async def documents_page(request: Request, offset: int = Query(0, ge=0, le=10_000_000), store: Store = Depends(get_store)) -> HTMLResponse:
    rows, total = browse.document_list(store, offset=offset, limit=50)
    return render(request, "documents.html", rows=rows, total=total, offset=offset,
                  prev=_query(request, offset=max(0, offset - 50) or None) if offset else None,
                  next=_query(request, offset=offset + 50) if offset + 50 < total else None)


@router.get("/document/{doc_id:path}", response_class=HTMLResponse)
async def document_page(request: Request, doc_id: str, store: Store = Depends(get_store)) -> HTMLResponse:
    doc = store.get_document(doc_id)
    if doc is None:
        return render(request, "error.html", status=404, message=f"No document {doc_id!r} in this record.")
    statements = list(store.statements(doc=doc.hash))
    times = list(store.times(doc.hash))
    colours: dict[str, int] = {}
    legend = []
    for st in statements:
        if st.kind == "narration":
            continue
        label = speaker_label(st)
        if label not in colours:
            colours[label] = len(colours) % 8
            legend.append((label, f"sp{colours[label]}"))
    return render(request, "document.html", doc=doc, statements=statements, legend=legend,
                  runs=runs(doc.text, [s for s in statements if s.kind != "narration"], times), times=times)


@router.get("/reviews", response_class=HTMLResponse)
async def reviews_page(request: Request, store: Store = Depends(get_store)) -> HTMLResponse:
    return render(request, "reviews.html", statement_reviews=review.statement_reviews(store),
                  link_reviews=review.link_reviews(store))


# ------------------------------------------------------------------ writing


def _signed_in(request: Request) -> bool:
    return session_id(request.app.state.settings.token, request.cookies.get(SESSION_COOKIE)) is not None


async def _form(request: Request) -> Any:
    settings = request.app.state.settings
    length = int(request.headers.get("content-length") or 0)
    if length > settings.max_upload_bytes * settings.max_uploads + 1_000_000:
        raise HTTPException(413, "Too much at once: send fewer or smaller files.")
    form = await request.form(max_files=settings.max_uploads, max_fields=50)
    if not form_allowed(settings.token, request.cookies.get(SESSION_COOKIE), form.get("csrf")):  # type: ignore[arg-type]
        raise HTTPException(403, "Sign in with the server's token first (the form had no valid session).")
    return form


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", error=None)


@router.post("/login")
async def login(request: Request) -> Response:
    settings = request.app.state.settings
    form = await request.form(max_files=0, max_fields=5)
    name = str(form.get("reviewer") or "").strip()[:200]
    if not settings.token or not same(str(form.get("token") or ""), settings.token):
        return render(request, "login.html", status=403, error="That is not this server's token." if settings.token else
                      "This record is served read-only: start 'onrecord serve --token …' to review.")
    response = RedirectResponse(str(form.get("next") or "/") if str(form.get("next") or "/").startswith("/") and not str(form.get("next") or "/").startswith("//") else "/", status_code=303)
    response.set_cookie(SESSION_COOKIE, new_session(settings.token), httponly=True, samesite="strict", secure=settings.secure_cookie)
    if name:
        response.set_cookie("onrecord_reviewer", name, samesite="strict", secure=settings.secure_cookie)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await _form(request)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _in_thread(request: Request, write: Any, *args: Any) -> Any:
    """Run a store call in a worker thread, with that thread's own connection."""
    from starlette.concurrency import run_in_threadpool

    return run_in_threadpool(lambda: write(request.app.state.stores.get(), *args))


@router.post("/review/statement")
async def review_statement(request: Request) -> Response:
    form = await _form(request)
    sid = str(form.get("statement") or "")
    try:
        await _in_thread(request, review.add_statement_review, sid, str(form.get("verdict") or ""),
                         str(form.get("reviewer") or ""), str(form.get("note") or ""), str(form.get("speaker") or "") or None)
    except review.ReviewError as exc:
        return render(request, "error.html", status=422, message=str(exc))
    response = RedirectResponse(f"/statement/{sid}#review", status_code=303)
    response.set_cookie("onrecord_reviewer", str(form.get("reviewer") or "")[:200], samesite="strict")
    return response


@router.post("/review/link")
async def review_link(request: Request) -> Response:
    form = await _form(request)
    try:
        await _in_thread(request, review.add_link_review, str(form.get("a") or ""), str(form.get("b") or ""),
                         str(form.get("verdict") or ""), str(form.get("reviewer") or ""), str(form.get("note") or ""))
    except review.ReviewError as exc:
        return render(request, "error.html", status=422, message=str(exc))
    back = str(form.get("back") or "/contradictions")
    if not back.startswith("/") or back.startswith("//"):
        back = "/contradictions"
    response = RedirectResponse(back, status_code=303)
    response.set_cookie("onrecord_reviewer", str(form.get("reviewer") or "")[:200], samesite="strict")
    return response


@router.get("/analyse", response_class=HTMLResponse)
async def analyse_page(request: Request) -> HTMLResponse:
    return render(request, "analyse.html", outcome=None)


@router.post("/analyse", response_class=HTMLResponse)
async def analyse_post(request: Request) -> HTMLResponse:
    from .analyse import analyse

    settings = request.app.state.settings
    form = await _form(request)
    files: list[tuple[str, bytes]] = []
    errors: list[str] = []
    for upload in form.getlist("files"):
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue
        data = await upload.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            errors.append(f"{upload.filename}: over the upload limit of {settings.max_upload_bytes:,} bytes; not analysed")
            continue
        files.append((upload.filename, data))
    urls = [u.strip() for u in str(form.get("urls") or "").splitlines() if u.strip()][: settings.max_uploads]
    text = str(form.get("text") or "")
    published, outlet = str(form.get("published") or "") or None, str(form.get("outlet") or "") or None
    texts = [(str(form.get("name") or "pasted.txt"), text)] if text.strip() else []
    outcome = await _in_thread(
        request, lambda store: analyse(store, texts=texts, files=files, urls=urls, published=published, outlet=outlet,
                                       allow_fetch=settings.allow_fetch, relink=settings.relink),
    )
    outcome.errors = errors + outcome.errors
    return render(request, "analyse.html", outcome=outcome)


# ------------------------------------------------------------------ exports


@router.get("/export", response_class=HTMLResponse)
async def export_page(request: Request) -> HTMLResponse:
    return render(request, "export.html", tables=browse.EXPORT_TABLES)


@router.get("/export/{table}.csv")
def export_csv(table: str, store: Store = Depends(get_store)) -> Response:
    if table not in browse.EXPORT_TABLES:
        raise HTTPException(404, f"No table {table!r}.")
    columns, cursor = browse.table_rows(store, table)
    rows = list(cursor)  # read here: the response is streamed from another thread

    def lines():  # type: ignore[no-untyped-def]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(list(row))
            if buffer.tell() > 65536:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": f'attachment; filename="{table}.csv"'})


@router.get("/export/network.{fmt}")
def export_network(request: Request, fmt: str, store: Store = Depends(get_store)) -> Response:
    from ..network import speaker_network, write_graph

    if fmt not in ("graphml", "gexf"):
        raise HTTPException(404, "network.graphml or network.gexf")
    data = request.app.state.memo.get(("network", fmt), lambda: write_graph(speaker_network(browse.spoken_about(store)), fmt))
    return Response(data, media_type="application/xml",
                    headers={"content-disposition": f'attachment; filename="onrecord-network.{fmt}"'})


@router.get("/export/claimreviews.jsonld")
def export_claimreviews(store: Store = Depends(get_store)) -> Response:
    return JSONResponse(records.claim_reviews(store), media_type="application/ld+json")


@router.get("/export/quotations.jsonld")
def export_quotations(reviewed: bool = False, store: Store = Depends(get_store)) -> Response:
    return JSONResponse(records.quotations(store, reviewed=reviewed, offset=0, limit=100_000), media_type="application/ld+json")


@router.get("/export/datasette-metadata.json")
def export_datasette(request: Request) -> Response:
    from .datasette import database_name, metadata_json

    db = request.app.state.settings.db
    name = re.sub(r"[^\w.-]", "_", database_name(db), flags=re.ASCII)
    return Response(metadata_json(db), media_type="application/json",
                    headers={"content-disposition": f'attachment; filename="{name}.metadata.json"'})


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
