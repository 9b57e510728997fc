"""JSON shapes the API, the pages and the exports share, built from the store's answers.

Statement, entity, time and link fields are the export contract's (``export.py``);
what is new here (reviews, timelines, contradiction pairs) only adds fields.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import HTTPException

from .. import export, schemaorg
from ..model import Document, Statement
from ..store import Store
from ..store import browse, review
from .marks import plot_date, speaker_label


def document(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "hash": doc.hash, "title": doc.title, "outlet": doc.outlet, "published": doc.published, "url": doc.url}


def statement_review(r: review.StatementReview) -> dict[str, Any]:
    out = asdict(r)
    out["spans"] = [list(p) for p in r.spans]
    return out


def link_review(r: review.LinkReview) -> dict[str, Any]:
    return asdict(r)


def speaker(store: Store, entity_id: int) -> dict[str, Any]:
    entity = browse.entity(store, entity_id)
    if entity is None:
        raise HTTPException(404, f"No speaker {entity_id}.")
    said = browse.speaker_statements(store, entity_id)
    return dict(export.entity_record(entity), statements=len(said))


def _stance(counts: dict[str, int]) -> str:
    """The colour of a point: contradicted beats supported beats repeated."""
    for relation in ("contradicts", "supports", "repeats"):
        if counts.get(relation):
            return relation
    return "none"


def timeline(store: Store, entity_id: int) -> dict[str, Any]:
    """A speaker's statements as chart points: date, text, and the link that colours it."""
    entity = browse.entity(store, entity_id)
    if entity is None:
        raise HTTPException(404, f"No speaker {entity_id}.")
    said = browse.speaker_statements(store, entity_id)
    counts = browse.link_counts(store, [s.id for s in said])
    docs = browse.documents_by_id(store, [s.doc_id for s in said], text=False)
    points = []
    for st in said:
        doc = docs.get(st.doc_id)
        day = plot_date(st.date) or plot_date((doc.published or "")[:10] if doc else None)
        points.append({
            "id": st.id, "date": day, "value": st.date, "content": st.content, "kind": st.kind,
            "polarity": st.polarity, "doc": st.doc_id, "outlet": doc.outlet if doc else None,
            "links": counts.get(st.id, {}), "stance": _stance(counts.get(st.id, {})),
        })
    return {"speaker": entity.name, "id": entity_id, "points": points}


def pair(store: Store, link_row: Any, by_id: dict[str, Statement], docs: dict[str, Document]) -> dict[str, Any] | None:
    a, b = by_id.get(link_row.a), by_id.get(link_row.b)
    if a is None or b is None:
        return None

    def side(st: Statement) -> dict[str, Any]:
        doc = docs.get(st.doc_id)
        return dict(export.statement_record(st), outlet=doc.outlet if doc else None,
                    published=doc.published if doc else None, who=speaker_label(st))

    return {"score": link_row.score, "why": link_row.why, "a": side(a), "b": side(b)}


def contradictions(store: Store, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """A page of contradicting pairs, both sides with speaker, outlet and date."""
    rows, total = browse.links_page(store, "contradicts", offset=offset, limit=limit)
    by_id = browse.statements_by_id(store, [x for ln in rows for x in (ln.a, ln.b)])
    docs = browse.documents_by_id(store, [s.doc_id for s in by_id.values()], text=False)
    out = []
    for ln in rows:
        p = pair(store, ln, by_id, docs)
        if p is not None:
            out.append(p)
    return out, total


def claim_reviews(store: Store) -> list[dict[str, Any]]:
    """Every confirmed contradiction (latest verdict) as a ClaimReview draft."""
    confirmed = [
        r for (relation, _, _), r in review.latest_link_verdicts(store).items()
        if relation == "contradicts" and r.verdict == "confirmed"
    ]
    by_id = browse.statements_by_id(store, [x for r in confirmed for x in (r.a, r.b)])
    docs = browse.documents_by_id(store, [s.doc_id for s in by_id.values()], text=False)
    out = []
    for r in confirmed:
        a, b = by_id.get(r.a), by_id.get(r.b)
        if a is None or b is None:
            continue
        out.append(schemaorg.claim_review(
            a, b, docs, why=r.why, reviewer=r.reviewer, reviewed_at=r.created_at, note=r.note, link_id=f"{r.a}~{r.b}",
        ))
    return out


def quotations(store: Store, *, reviewed: bool, offset: int, limit: int) -> list[dict[str, Any]]:
    """Statements as Quotations; a reviewer's corrected speaker replaces the found one."""
    verdicts = review.latest_statement_verdicts(store)
    if reviewed:
        ids = [sid for sid, r in verdicts.items() if r.verdict in ("correct", "wrong_speaker")][offset:offset + limit]
        statements = [s for s in browse.statements_by_id(store, ids).values()]
    else:
        page = browse.search(store, browse.Filters(), offset=offset, limit=limit)
        statements = [s for s in page.statements if verdicts.get(s.id) is None or verdicts[s.id].verdict != "not_statement"]
    docs = browse.documents_by_id(store, [s.doc_id for s in statements], text=False)
    out = []
    for st in statements:
        q = schemaorg.quotation(st, docs.get(st.doc_id))
        verdict = verdicts.get(st.id)
        if verdict is not None and verdict.verdict == "wrong_speaker" and verdict.speaker:
            q["spokenByCharacter"] = {"@type": "Person", "name": verdict.speaker}
            q["creator"] = q["spokenByCharacter"]
        out.append(q)
    return out
