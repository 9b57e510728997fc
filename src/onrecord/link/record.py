"""Linking the whole record: what ``onrecord link`` (and ``onrecord eval``) run.

Reads every statement and article from the store, adds the outlets' own-voice
clauses, resolves speakers across articles with the user's corrections replayed on
top, finds repeats, supports and contradicts, and writes the links back with the
narration statements they point at.
"""

from __future__ import annotations

from ..model import Statement
from ..store import Store
from . import LinkResult, link_record
from .entities import Resolution, apply_overrides, names_in_texts, resolve_entities
from .narration import narration_statements, used_narration


def _record(store: Store) -> tuple[list[Statement], dict[str, str]]:
    """The record's own statements (not narration) and every article's text, read once."""
    return [s for s in store.statements() if s.kind != "narration"], store.document_texts()


def resolve_store(store: Store, record: tuple[list[Statement], dict[str, str]] | None = None) -> Resolution:
    """One entity per real speaker across the record, with the user's corrections replayed."""
    statements, texts = record or _record(store)
    resolution = resolve_entities(list(statements) + names_in_texts(texts.values()))
    return apply_overrides(resolution, store.overrides())  # type: ignore[return-value]


def link_store(store: Store, semantic: bool = False) -> LinkResult:
    """Link the whole record; ``semantic`` adds paraphrased repeats (optional extra)."""
    statements, texts = _record(store)
    by_doc: dict[str, list] = {}
    for st in statements:
        by_doc.setdefault(st.doc_id, []).append(st)
    narration = []
    for doc_id, text in texts.items():
        narration.extend(narration_statements(doc_id, text, by_doc.get(doc_id, [])))
    result = link_record(statements, texts, narration, resolution=resolve_store(store, (statements, texts)))
    if semantic:
        from .semantic import paraphrased_repeats

        linked = {frozenset((ln.a, ln.b)) for ln in result.links}
        extra = paraphrased_repeats(statements, linked)
        result.links.extend(extra)
        result.counts["repeats"] = result.counts.get("repeats", 0) + len(extra)
        result.counts["semantic_repeats"] = len(extra)
    store.replace_links(result.links, used_narration(narration, result.links))
    return result
