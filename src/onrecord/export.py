"""Model objects as the JSON Lines of the export contract (see the README).

Scorers outside the project read exactly these fields, so they change only with a
new contract version: add fields, never rename or drop them.
"""

from __future__ import annotations

from typing import Any

from .model import Appearance, Document, Entity, Link, Statement, Time


def statement_record(st: Statement) -> dict[str, Any]:
    sp, cue = st.speaker, st.cue
    return {
        "id": st.id,
        "doc": st.doc_id,
        "speaker": None
        if sp is None
        else {
            "name": sp.name,
            "mention": sp.mention,
            "span": [sp.start, sp.end],
            "type": sp.type,
            "members": list(sp.members),
            "role": sp.role,
            "country": sp.country,
        },
        "cue": None if cue is None else {"text": cue.text, "lemma": cue.lemma, "class": cue.cls, "span": [cue.start, cue.end]},
        "content": {"text": st.content, "spans": [[s, e] for s, e in st.content_spans]},
        "kind": st.kind,
        "polarity": st.polarity,
        "addressee": st.addressee,
        "confidence": st.confidence,
        "date": st.date,
        "date_source": st.date_source,
        "parent": st.parent,
    }


def document_record(doc: Document, appearances: list[Appearance]) -> dict[str, Any]:
    """A stored text with its metadata and every place it appeared (wire copies included).

    ``id`` is the id it was first analysed under (the ``doc`` of its statements);
    ``appearances`` lists every id it reached the record under, this one first.
    """
    return {
        "id": doc.id,
        "title": doc.title,
        "published": doc.published,
        "outlet": doc.outlet,
        "author": doc.author,
        "url": doc.url,
        "text": doc.text,
        "appearances": [
            {"id": a.id, "outlet": a.outlet, "published": a.published, "url": a.url, "title": a.title,
             "similarity": round(a.similarity, 3)}
            for a in appearances
        ],
    }


def entity_record(entity: Entity, merges: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """An entity; ``merges`` lists each name joined into it across articles, and why."""
    record: dict[str, Any] = {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "country": entity.country,
    }
    if merges is not None:
        record["merges"] = merges
    return record


def time_record(time: Time) -> dict[str, Any]:
    return {"doc": time.doc_id, "text": time.text, "span": [time.start, time.end], "type": time.type, "value": time.value}


def link_record(link: Link) -> dict[str, Any]:
    return {"relation": link.relation, "a": link.a, "b": link.b, "score": link.score, "why": link.why,
            "opposed": link.opposed, "carriers_a": link.carriers_a or [link.a], "carriers_b": link.carriers_b or [link.b]}


CSV_COLUMNS = [
    "id", "doc", "speaker", "speaker_mention", "speaker_type", "cue", "cue_class", "kind", "polarity",
    "confidence", "date", "content", "start", "end",
]


def statement_row(st: Statement) -> dict[str, Any]:
    """A flat row for CSV and tables: one line a statement, spans as its extent."""
    sp = st.speaker
    return {
        "id": st.id,
        "doc": st.doc_id,
        "speaker": (sp.name or "") if sp else "",
        "speaker_mention": sp.mention if sp else "",
        "speaker_type": sp.type if sp else "",
        "cue": st.cue.text if st.cue else "",
        "cue_class": st.cue.cls if st.cue else "",
        "kind": st.kind,
        "polarity": st.polarity,
        "confidence": st.confidence,
        "date": st.date or "",
        "content": st.content,
        "start": st.start,
        "end": st.end,
    }
