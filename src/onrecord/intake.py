"""Intake: what each ingested document is to the record, decided before it is analysed.

A document is identified by its id, and a text is analysed once:

- a new id with a new text is analysed;
- a new id with a text already stored, or a near-duplicate of one (a wire copy), is
  another *appearance* of that text: no analysis, its outlet, date and URL kept;
- a stored id with its stored text is unchanged, unless the user gave another date
  (the text is re-analysed, because every time expression is read against the date)
  or another outlet (updated);
- a stored id with another text is an error (E024), unless ``--force`` replaces it
  and its statements in one transaction.

Texts accepted in this run are registered at once, so that the fifth copy of a
wire story in one folder is recognised even before the first copy is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .errors import Errors, InputError
from .ingest.dedup import WireIndex, from_bytes, to_bytes
from .model import Analysis, Document
from .store import Store

Action = Literal["analyse", "reanalyse", "appearance", "update", "unchanged", "conflict"]


@dataclass
class Verdict:
    action: Action
    doc: Document
    doc_hash: str | None = None  # the stored text an appearance belongs to
    similarity: float = 1.0
    releases: str | None = None  # an id to let go of first (--force with another text)
    error: InputError | None = None
    why: str = ""


class Intake:
    """Routes documents into one Store; ``decide`` before analysis, ``write`` after."""

    def __init__(self, store: Store, force: bool = False) -> None:
        self.store = store
        self.force = force
        self._texts: dict[str, str] = {}  # hash → text accepted in this run, not yet written
        self._ids: dict[str, str] = {}  # id → hash accepted in this run, not yet written
        self._waiting: dict[str, list[Verdict]] = {}  # hash → appearances waiting for their text
        self._verdicts: dict[str, Verdict] = {}  # id → verdict of a document being analysed
        self._signatures: dict[str, bytes] = {}
        self.index = WireIndex(self._text_of)
        self._rowid = 0
        self._foreign = 0  # the newest signature another run (or an earlier session) stored
        self._decided: dict[str, int] = {}  # hash → self._foreign when this run decided to analyse it
        self._catch_up()

    def _catch_up(self) -> None:
        """Add the signatures stored since we last looked, by this process or another one writing the record."""
        for rowid, doc_hash, data in self.store.signatures_after(self._rowid):
            self._rowid = rowid
            if doc_hash not in self._decided:
                self._foreign = rowid
            self.index.add(doc_hash, from_bytes(data))

    def _late_copy(self, doc: Document) -> tuple[str, float] | None:
        """The stored text this one turned out to copy: another process wrote it after we decided.

        Two ``analyze`` runs sharing a record decide at the same time; the one that
        writes second must keep its document as an appearance, as one run over all
        the inputs would, instead of losing its id (same text) or storing a second
        analysis of a wire copy.
        """
        if self.store.has_document(doc.hash):
            return doc.hash, 1.0
        self._catch_up()
        if self._foreign <= self._decided.get(doc.hash, -1):
            return None  # no other run stored a text since we decided: the decision stands
        match, similarity, _ = self.index.match(
            doc.text, accept=lambda h: h != doc.hash and h not in self._texts and self.store.has_document(h))
        return (match, similarity) if match is not None else None

    def _text_of(self, doc_hash: str) -> str | None:
        return self._texts.get(doc_hash) or self.store.text_of(doc_hash)

    # ------------------------------------------------------------------ deciding

    def decide(self, doc: Document) -> Verdict:
        verdict = self._by_id(doc)
        if verdict is None or verdict.action == "analyse":
            verdict = self._by_text(doc, releases=verdict.releases if verdict else None)
        if verdict.action in ("analyse", "reanalyse"):
            self._accept(verdict)
        return verdict

    def _by_id(self, doc: Document) -> Verdict | None:
        """The verdict when the id is known; None (or a release and analyse) when it is not."""
        if doc.id in self._ids:
            if self._ids[doc.id] == doc.hash:
                return Verdict("unchanged", doc, why="twice in this run")
            return self._conflict(doc)
        known = self.store.appearance(doc.id)
        if known is None:
            return None
        if known.text_hash != doc.hash:
            if not self.force:
                return self._conflict(doc)
            return Verdict("analyse", doc, releases=doc.id)
        primary = self.store.is_primary(doc.id)
        if self.force and primary:
            return Verdict("reanalyse", doc, doc_hash=known.doc_hash, why="--force")
        changed = _changed(known.published, known.outlet, doc)
        if "published" in changed and primary and known.text_hash == known.doc_hash:
            return Verdict("reanalyse", doc, doc_hash=known.doc_hash, why=f"re-dated {known.published or 'undated'} → {doc.published}")
        if changed:
            return Verdict("update", doc, doc_hash=known.doc_hash, why=", ".join(changed) + " updated")
        return Verdict("unchanged", doc)

    def _conflict(self, doc: Document) -> Verdict:
        error = InputError(Errors.E024, where=doc.origin or doc.id, id=doc.id)
        return Verdict("conflict", doc, error=error)

    def _by_text(self, doc: Document, releases: str | None) -> Verdict:
        if doc.hash in self._texts or self.store.has_document(doc.hash):
            return Verdict("appearance", doc, doc_hash=doc.hash, releases=releases, why="the same text")
        self._catch_up()  # texts another run has stored since
        match, similarity, sketch = self.index.match(doc.text)
        released = self.store.appearance(releases) if releases else None
        if match is not None and not (released and match == released.doc_hash):
            return Verdict("appearance", doc, doc_hash=match, similarity=similarity, releases=releases,
                           why=f"a copy ({similarity:.0%} alike)")
        if sketch is not None:
            self.index.add(doc.hash, sketch)
            self._signatures[doc.hash] = to_bytes(sketch)
        return Verdict("analyse", doc, releases=releases)

    def _accept(self, verdict: Verdict) -> None:
        doc = verdict.doc
        self._decided[doc.hash] = self._foreign
        self._texts[doc.hash] = doc.text
        self._ids[doc.id] = doc.hash
        self._verdicts[doc.id] = verdict

    def pending(self, doc_id: str) -> Verdict | None:
        """The verdict of a document accepted for analysis and not yet written."""
        return self._verdicts.get(doc_id)

    # ------------------------------------------------------------------ writing

    def record(self, verdict: Verdict) -> None:
        """Write a verdict that needs no analysis: an appearance or new metadata."""
        if verdict.action == "update":
            self.store.update_metadata(verdict.doc)
        elif verdict.action == "appearance":
            assert verdict.doc_hash is not None
            if verdict.doc_hash in self._texts and not self.store.has_document(verdict.doc_hash):
                self._waiting.setdefault(verdict.doc_hash, []).append(verdict)
                self._ids[verdict.doc.id] = verdict.doc.hash
            else:
                self._write_appearance(verdict)

    def _write_appearance(self, verdict: Verdict) -> None:
        with self.store.transaction():
            if verdict.releases:
                self.store.remove_appearance(verdict.releases)
            self.store.add_appearance(verdict.doc, verdict.doc_hash or verdict.doc.hash, verdict.similarity)

    def write(self, analysis: Analysis, model: str) -> Verdict:
        """Store an analysis as its verdict says, in one transaction with what it replaces."""
        doc = analysis.document
        verdict = self._verdicts.pop(doc.id, None) or Verdict("analyse", doc)
        signature = self._signatures.pop(doc.hash, None)
        with self.store.transaction():
            late = self._late_copy(doc) if verdict.action == "analyse" else None
            if late is not None:
                verdict = Verdict("appearance", doc, doc_hash=late[0], similarity=late[1], releases=verdict.releases,
                                  why="a copy stored meanwhile by another run")
                self._write_appearance(verdict)
                for waiting in self._waiting.pop(doc.hash, []):  # copies of this text in this run follow it there
                    waiting.doc_hash = late[0]
                    self._write_appearance(waiting)
                    self._ids.pop(waiting.doc.id, None)
                self._texts.pop(doc.hash, None)
                self._ids.pop(doc.id, None)
                return verdict
            if verdict.releases:
                self.store.remove_appearance(verdict.releases)
            if verdict.action == "reanalyse":
                self.store.replace_analysis(analysis, model, signature)
            else:
                self.store.write_analysis(analysis, model, signature)
            for waiting in self._waiting.pop(doc.hash, []):
                self._write_appearance(waiting)
                self._ids.pop(waiting.doc.id, None)
        self._texts.pop(doc.hash, None)
        self._ids.pop(doc.id, None)
        return verdict


def _changed(published: str | None, outlet: str | None, doc: Document) -> list[str]:
    """Metadata the user gave this time that differs from what the record holds."""
    changed = []
    if doc.published_source == "metadata" and doc.published and doc.published != published:
        changed.append("published")
    if doc.outlet_source == "metadata" and doc.outlet and doc.outlet != outlet:
        changed.append("outlet")
    return changed
