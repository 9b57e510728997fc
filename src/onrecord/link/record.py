"""Linking the whole record: what ``onrecord link`` (and ``onrecord eval``) run.

Reads the record from the store one article at a time, adds the outlets' own-voice
clauses, resolves speakers across articles with the user's corrections replayed on
top, finds repeats, supports and contradicts, and writes the links back with the
narration statements they point at.

Memory is what a record of any size must be linked in, so nothing is read whole:
resolution streams the statements and then the texts; each article's text is read
with its statements, turned into propositions and let go; blocking scores its raw
pairs a run at a time (blocking.py); the alignment gate reads the texts of the few
linked statements when it needs them.  What stays is one compact proposition per
statement.  The links are those :func:`link_record` finds on the same record, in the
same order.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from itertools import chain

from ..model import Statement
from ..store import Store
from . import LinkResult, link_propositions, nested_ids, reweigh
from .entities import Resolution, apply_overrides, names_in_texts, resolve_entities
from .narration import narration_statements, used_narration
from .props import Prop, build_anchor_index, proposition


class StoredTexts(Mapping[str, str]):
    """Document id → text, read from the store when asked, the last few kept.

    Stands in for a dict of every text where a stage reads only some of them (the
    gate reads the articles around the statements a link points at).
    """

    def __init__(self, store: Store, keep: int = 64) -> None:
        self.store = store
        self.keep = keep
        self._recent: OrderedDict[str, str | None] = OrderedDict()

    def get(self, doc_id: str, default: str | None = None) -> str | None:  # type: ignore[override]
        if doc_id in self._recent:
            self._recent.move_to_end(doc_id)
            text = self._recent[doc_id]
        else:
            text = self.store.document_text(doc_id)
            self._recent[doc_id] = text
            if len(self._recent) > self.keep:
                self._recent.popitem(last=False)
        return default if text is None else text

    def __getitem__(self, doc_id: str) -> str:
        text = self.get(doc_id)
        if text is None:
            raise KeyError(doc_id)
        return text

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self.get(doc_id) is not None

    def __iter__(self) -> Iterator[str]:
        return (doc_id for doc_id, _ in self.store.iter_texts())

    def __len__(self) -> int:
        return self.store.counts()["documents"]


def _record(store: Store) -> tuple[list[Statement], dict[str, str]]:
    """The record's own statements (not narration) and every article's text, read at once (small records, tests)."""
    return [s for s in store.statements() if s.kind != "narration"], store.document_texts()


def resolve_store(store: Store, record: tuple[list[Statement], dict[str, str]] | None = None) -> Resolution:
    """One entity per real speaker across the record, with the user's corrections replayed.

    Without ``record`` the statements and then the texts are streamed from the store
    (the names the articles mention are gathered text by text).
    """
    if record is not None:
        statements, texts = record
        items = list(statements) + names_in_texts(texts.values())
    else:
        own = (s for s in store.statements() if s.kind != "narration")
        items = chain(own, _names_in_store(store))  # type: ignore[assignment]
    resolution = resolve_entities(items)
    return apply_overrides(resolution, store.overrides())  # type: ignore[return-value]


def _names_in_store(store: Store) -> Iterator:
    """The people the articles name, read text by text once the statements have been read."""
    yield from names_in_texts(text for _, text in store.iter_texts())


def link_store(store: Store, semantic: bool = False) -> LinkResult:
    """Link the whole record; ``semantic`` adds paraphrased repeats (optional extra)."""
    resolution = resolve_store(store)
    index = build_anchor_index(resolution)
    statements: list[Statement] = []
    narration: list[Statement] = []
    props: list[Prop] = []
    narration_props: list[Prop] = []
    nested: set[str] = set()
    for doc_id, text, own in store.documents_with_statements():
        clauses = narration_statements(doc_id, text, own)
        props.extend(proposition(st, index, text=text) for st in own)
        narration_props.extend(proposition(st, index, text=text) for st in clauses)
        nested |= nested_ids(own + clauses)
        statements.extend(own)
        narration.extend(clauses)
    every = statements + narration  # the order link_record numbers them in: statements, then narration
    props = reweigh(props + narration_props)
    del narration_props
    result = link_propositions(every, props, resolution, index, StoredTexts(store), nested)
    del props, every
    if semantic:
        from .semantic import paraphrased_repeats

        linked = {frozenset((ln.a, ln.b)) for ln in result.links}
        extra = paraphrased_repeats(statements, linked)
        result.links.extend(extra)
        result.counts["repeats"] = result.counts.get("repeats", 0) + len(extra)
        result.counts["semantic_repeats"] = len(extra)
    store.replace_links(result.links, used_narration(narration, result.links))
    return result
