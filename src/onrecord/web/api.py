"""The HTTP API under ``/api``: the record as JSON, with the export contract's field names.

Reads are open; writes (analyse, review) need the server's token in the
``X-Onrecord-Token`` header (or ``Authorization: Bearer``).  Lists are paged with
``offset`` and ``limit`` and answer ``{"total", "offset", "limit", "items"}``.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .. import export
from ..store import Store
from ..store import browse, review
from . import records
from .security import api_allowed

router = APIRouter(prefix="/api", tags=["record"])

Kind = Literal["direct", "indirect", "mixed", "nominal", "according_to", "narration"]
Relation = Literal["repeats", "supports", "contradicts"]
Offset = Query(0, ge=0, le=10_000_000, description="Skip this many.")
Limit = Query(20, ge=1, le=500, description="At most this many.")


async def get_store(request: Request) -> Store:
    """The record, through the connection of whichever thread uses it."""
    return request.app.state.store  # type: ignore[no-any-return]


def require_write(
    request: Request,
    x_onrecord_token: Optional[str] = Header(None, description="The token the server was started with."),
    authorization: Optional[str] = Header(None),
) -> None:
    settings = request.app.state.settings
    if not settings.token:
        raise HTTPException(403, "This record is served read-only. Start 'onrecord serve --token …' to allow writes.")
    if not api_allowed(settings.token, x_onrecord_token, authorization):
        raise HTTPException(401, "Send the server's token in the X-Onrecord-Token header.")


def _paged(total: int, offset: int, limit: int, items: list[Any]) -> Any:
    """A page of results, sent as it is: the records are plain JSON already (no re-encoding pass)."""
    return JSONResponse({"total": total, "offset": offset, "limit": limit, "items": items})


@router.get("/statements", summary="Search statements")
async def statements(
    request: Request,
    q: Optional[str] = Query(None, max_length=500, description="Full-text search of content, speaker and cue (word* for prefixes)."),
    speaker: Optional[str] = Query(None, max_length=300, description="Canonical speaker name (or mention when unresolved)."),
    outlet: Optional[str] = Query(None, max_length=300),
    date_from: Optional[str] = Query(None, max_length=30, description="Said on or after (ISO date)."),
    date_to: Optional[str] = Query(None, max_length=30, description="Said on or before (ISO date, any precision)."),
    kind: Optional[Kind] = None,
    polarity: Optional[Literal["assert", "deny"]] = None,
    link: Optional[Literal["repeats", "supports", "contradicts", "none"]] = Query(None, description="Only statements with such a link."),
    doc: Optional[str] = Query(None, max_length=300, description="Document id or hash."),
    offset: int = Offset,
    limit: int = Limit,
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    filters = browse.Filters(q=q, speaker=speaker, outlet=outlet, date_from=date_from, date_to=date_to,
                             kind=kind, polarity=polarity, link=link, doc=doc)
    index = linked = None
    if filters.indexable():
        from .pages import _index, _linked

        index, linked = _index(request, store), _linked(request, store)
    page = browse.search(store, filters, offset=offset, limit=limit, index=index, linked=linked)
    return _paged(page.total, offset, limit, [export.statement_record(s) for s in page.statements])


@router.get("/statements/{statement_id}", summary="One statement with its links and reviews")
async def statement(statement_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    st = browse.statement(store, statement_id)
    if st is None:
        raise HTTPException(404, f"No statement {statement_id!r}.")
    record = export.statement_record(st)
    record["links"] = [export.link_record(ln) for ln in browse.links_of(store, st.id)]
    record["reviews"] = [records.statement_review(r) for r in review.statement_reviews(store, st.id)]
    return record


@router.get("/facets", summary="Counts by speaker, outlet, kind, polarity and link for a search")
async def facets(
    request: Request,
    q: Optional[str] = Query(None, max_length=500),
    speaker: Optional[str] = Query(None, max_length=300),
    outlet: Optional[str] = Query(None, max_length=300),
    kind: Optional[Kind] = None,
    polarity: Optional[Literal["assert", "deny"]] = None,
    link: Optional[Literal["repeats", "supports", "contradicts", "none"]] = None,
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    from .pages import _facets

    filters = browse.Filters(q=q, speaker=speaker, outlet=outlet, kind=kind, polarity=polarity, link=link)
    return {name: [{"value": v, "count": n} for v, n in values] for name, values in _facets(request, store, filters).items()}


@router.get("/speakers", summary="Speakers, most quoted first")
async def speakers(
    request: Request,
    q: Optional[str] = Query(None, max_length=300, description="Name contains."),
    offset: int = Offset,
    limit: int = Limit,
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    rows, total = request.app.state.memo.get(
        ("speakers", q, offset, limit), lambda: browse.speaker_page(store, q=q, offset=offset, limit=limit)
    )
    return _paged(total, offset, limit, [dict(export.entity_record(e), statements=n) for e, n in rows])


@router.get("/speakers/{entity_id}", summary="One speaker with names, roles and statement count")
async def speaker(entity_id: int = Path(..., ge=0, le=2**62), store: Store = Depends(get_store)) -> dict[str, Any]:
    return records.speaker(store, entity_id)


@router.get("/speakers/{entity_id}/timeline", summary="What a speaker said over time, with each statement's links")
def timeline(entity_id: int = Path(..., ge=0, le=2**62), store: Store = Depends(get_store)) -> dict[str, Any]:
    return records.timeline(store, entity_id)


@router.get("/entities", summary="Every entity in the record (per-article canonical names)")
async def entities(request: Request, offset: int = Offset, limit: int = Limit, store: Store = Depends(get_store)) -> dict[str, Any]:
    every = request.app.state.memo.get("entities", lambda: list(store.entities()))
    return _paged(len(every), offset, limit, [export.entity_record(e) for e in every[offset:offset + limit]])


@router.get("/documents", summary="Documents in the order they were added")
async def documents(offset: int = Offset, limit: int = Limit, store: Store = Depends(get_store)) -> dict[str, Any]:
    rows, total = browse.document_list(store, offset=offset, limit=limit)
    return _paged(total, offset, limit, [dict(records.document(d), statements=n) for d, n in rows])


@router.get("/documents/{doc_id:path}", summary="One document with its text, statements and times")
async def document(doc_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    doc = store.get_document(doc_id)
    if doc is None:
        raise HTTPException(404, f"No document {doc_id!r}.")
    out = records.document(doc)
    out["text"] = doc.text
    out["statements"] = [export.statement_record(s) for s in store.statements(doc=doc.hash)]
    out["times"] = [export.time_record(t) for t in store.times(doc.hash)]
    return out


@router.get("/links", summary="Links between statements, strongest first")
async def links(
    relation: Optional[Relation] = None, offset: int = Offset, limit: int = Limit, store: Store = Depends(get_store)
) -> dict[str, Any]:
    rows, total = browse.links_page(store, relation, offset=offset, limit=limit)
    return _paged(total, offset, limit, [export.link_record(ln) for ln in rows])


@router.get("/contradictions", summary="Contradicting pairs with both sides")
async def contradictions(offset: int = Offset, limit: int = Limit, store: Store = Depends(get_store)) -> dict[str, Any]:
    pairs, total = records.contradictions(store, offset, limit)
    return _paged(total, offset, limit, pairs)


class RelateIn(BaseModel):
    claim: str = Field(..., max_length=20_000)
    text: str = Field(..., max_length=20_000)


@router.post("/relate", summary="Does a text support or contradict a claim?")
def relate(body: RelateIn) -> dict[str, Any]:
    from ..link.relate import relate as judge

    relation, score, why = judge(body.claim, body.text)
    return {"relation": relation, "score": round(score, 3), "why": why}


class AnalyseIn(BaseModel):
    text: Optional[str] = Field(None, max_length=5_000_000, description="An article (first line: its title).")
    id: Optional[str] = Field(None, max_length=200, description="Document id (default pasted.txt).")
    url: Optional[str] = Field(None, max_length=2000, description="Fetch this (server started with --allow-fetch).")
    published: Optional[str] = Field(None, max_length=40)
    outlet: Optional[str] = Field(None, max_length=200)


@router.post("/analyse", summary="Analyse an article into the record (token)", dependencies=[Depends(require_write)])
def analyse(body: AnalyseIn, request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    from .analyse import analyse as run

    settings = request.app.state.settings
    outcome = run(
        store,
        texts=[(body.id or "pasted.txt", body.text)] if body.text else [],
        urls=[body.url] if body.url else [],
        published=body.published,
        outlet=body.outlet,
        allow_fetch=settings.allow_fetch,
        relink=settings.relink,
    )
    return outcome.__dict__


class StatementReviewIn(BaseModel):
    statement: str = Field(..., max_length=100)
    verdict: Literal["correct", "wrong_speaker", "not_statement"]
    reviewer: str = Field(..., min_length=1, max_length=200)
    note: str = Field("", max_length=5000)
    speaker: Optional[str] = Field(None, max_length=300, description="The right speaker, for wrong_speaker.")


class LinkReviewIn(BaseModel):
    a: str = Field(..., max_length=100)
    b: str = Field(..., max_length=100)
    verdict: Literal["confirmed", "rejected"]
    reviewer: str = Field(..., min_length=1, max_length=200)
    note: str = Field("", max_length=5000)


@router.post("/reviews/statements", summary="Judge a statement (token)", dependencies=[Depends(require_write)])
def review_statement(body: StatementReviewIn, store: Store = Depends(get_store)) -> dict[str, Any]:
    try:
        done = review.add_statement_review(store, body.statement, body.verdict, body.reviewer, body.note, body.speaker)
    except review.ReviewError as exc:
        raise HTTPException(422, str(exc)) from exc
    return records.statement_review(done)


@router.post("/reviews/links", summary="Confirm or reject a link (token)", dependencies=[Depends(require_write)])
def review_link(body: LinkReviewIn, store: Store = Depends(get_store)) -> dict[str, Any]:
    try:
        done = review.add_link_review(store, body.a, body.b, body.verdict, body.reviewer, body.note)
    except review.ReviewError as exc:
        raise HTTPException(422, str(exc)) from exc
    return records.link_review(done)


@router.get("/reviews", summary="Every verdict on statements and links")
async def reviews(store: Store = Depends(get_store)) -> dict[str, Any]:
    return {
        "statements": [records.statement_review(r) for r in review.statement_reviews(store)],
        "links": [records.link_review(r) for r in review.link_reviews(store)],
    }


@router.get("/export/claimreviews", summary="Confirmed contradictions as schema.org ClaimReview JSON-LD drafts")
def claimreviews(store: Store = Depends(get_store)) -> list[dict[str, Any]]:
    return records.claim_reviews(store)


@router.get("/export/quotations", summary="Statements as schema.org Quotation JSON-LD")
def quotations(
    reviewed: bool = Query(False, description="Only statements a reviewer marked correct or corrected."),
    offset: int = Offset,
    limit: int = Query(100, ge=1, le=5000),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    return records.quotations(store, reviewed=reviewed, offset=offset, limit=limit)
