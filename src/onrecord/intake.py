"""Intake: what each ingested document is to the record, decided before it is analysed.

A document is identified by its id, and a story is analysed once:

- texts that are the same, or copies of one another (a wire story reprinted with a new
  headline or a sentence changed: 80% alike, see ``ingest.dedup``), directly or through
  another copy, are one *story*;
- a story is analysed under its **smallest id** (in code point order, as ``sort``
  orders them), with that appearance's text, date and outlet; every other id is an
  *appearance* of it, its own outlet, date, URL and text kept;
- a stored id with its stored text is unchanged, unless the user gave another date
  (the text is re-analysed, because every time expression is read against the date)
  or another outlet (updated);
- a stored id with another text is an error (E024), unless ``--force`` replaces it
  and its statements in one transaction.

So the record depends on which documents reached it, never on the order or the
process they came in: two runs over two halves of a folder, at once, leave what one
run over the folder leaves.  When a later document has the smaller id, the story
changes hands in one transaction: the same text and date only change the story's
name (no analysis); another text (or date) is analysed, as a new document would be,
and the story's ids and copies follow it, the old analysis going.

``decide`` predicts, before analysis, whether a document needs analysing; ``write``
and ``record`` settle it against the record as it is then (another run may have
written meanwhile), inside the write transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from datasketch import LeanMinHash

from .errors import Errors, InputError
from .ingest.dedup import MIN_SHINGLES, WireIndex, from_bytes, jaccard, shingles, signature, to_bytes
from .model import Analysis, Document, content_hash
from .store import Store

Action = Literal["analyse", "reanalyse", "appearance", "update", "unchanged", "conflict"]


@dataclass
class Verdict:
    action: Action
    doc: Document
    doc_hash: str | None = None  # the stored text an appearance belongs to (or, waiting, the text it waits for)
    similarity: float = 1.0
    releases: str | None = None  # an id to let go of first (--force with another text)
    error: InputError | None = None
    why: str = ""
    written: bool = False  # settled already, in the transaction that decided it


@dataclass
class _Text:
    """A text decided in this run and not yet written: its shingles, MinHash and likenesses measured."""

    text: str
    grams: set[str]
    sketch: LeanMinHash | None
    alike: dict[str, float] = field(default_factory=dict)
    first: str = ""  # the smallest id this run expects its story to have
    seen: int = -1  # the newest text of another run indexed when ``alike`` was measured (-1: never)


@lru_cache(maxsize=4096)
def _text_hash(text: str) -> str:
    return content_hash(text)


def _key(doc: Document) -> str:
    """A document's text hash, computed once per text (``Document.hash`` hashes the text at every use)."""
    return _text_hash(doc.text)


def sketch_text(text: str) -> _Text:
    grams = shingles(text)
    return _Text(text, grams, signature(grams) if len(grams) >= MIN_SHINGLES else None)


class Intake:
    """Routes documents into one Store; ``decide`` before analysis, ``write`` after."""

    def __init__(self, store: Store, force: bool = False) -> None:
        self.store = store
        self.force = force
        self._texts: dict[str, _Text] = {}  # hash → a text decided in this run, not yet written
        self._ids: dict[str, str] = {}  # id → hash decided in this run, not yet written
        self._uses: dict[str, int] = {}  # hash → how many of those ids carry it
        self._waiting: dict[str, list[Verdict]] = {}  # hash → appearances waiting for that text to be written
        self._verdicts: dict[str, Verdict] = {}  # id → verdict of a document being analysed
        self.index = WireIndex(self._text_of)
        self._seq = 0
        self._foreign = 0  # the newest MinHash stored by another run (or an earlier session) that we have read
        self._catch_up()

    def _catch_up(self) -> None:
        """Add the MinHashes stored since we last looked, by this process or another one writing the record."""
        for seq, text_hash, data in self.store.sketches_after(self._seq):
            self._seq = seq
            if text_hash not in self.index:  # this run's own texts are indexed when decided
                self._foreign = seq
                self.index.add(text_hash, from_bytes(data))

    def _text_of(self, text_hash: str) -> str | None:
        pending = self._texts.get(text_hash)
        return pending.text if pending is not None else self.store.text_of(text_hash)

    # ------------------------------------------------------------------ deciding

    def decide(self, doc: Document) -> Verdict:
        verdict = self._by_id(doc)
        if verdict is None or verdict.action == "analyse":
            verdict = self._by_text(doc, releases=verdict.releases if verdict else None)
        if verdict.action in ("analyse", "reanalyse"):
            self._verdicts[doc.id] = verdict
            if _key(doc) not in self._texts:
                self._pend(doc, sketch_text(doc.text), doc.id)
        if verdict.action in ("analyse", "reanalyse", "appearance") and not verdict.written:
            self._ids[doc.id] = _key(doc)
            self._uses[_key(doc)] = self._uses.get(_key(doc), 0) + 1
        return verdict

    def _by_id(self, doc: Document) -> Verdict | None:
        """The verdict when the id is known; None (or a release and analyse) when it is not."""
        if doc.id in self._ids:
            if self._ids[doc.id] == _key(doc):
                return Verdict("unchanged", doc, why="twice in this run")
            return self._conflict(doc)
        known = self.store.appearance(doc.id)
        if known is None:
            return None
        if known.text_hash != _key(doc):
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
        """Analyse when this id will be its story's smallest; else an appearance (of a stored or a pending text)."""
        if releases:  # --force: the user asked for this text to be analysed; write settles the rest
            self._pend(doc, sketch_text(doc.text), doc.id)
            return Verdict("analyse", doc, releases=releases)
        pending = self._texts.get(_key(doc))
        if pending is not None:  # the same text as one decided in this run
            later = doc.id > pending.first
            pending.first = min(pending.first, doc.id)
            if later or self._reusable(doc):
                return self._wait(doc, _key(doc), "the same text")
            return Verdict("analyse", doc, why="the same text, its first id, another date")
        head = self.store.story_head(_key(doc))
        if head is not None:  # the same text as a stored one
            story, first, published = head
            if doc.id > first:
                return Verdict("appearance", doc, doc_hash=story, why="the same text")
            if story == _key(doc) and published == doc.published:
                return self._take_name(doc)
            return Verdict("analyse", doc, why="the same text, its first id")
        self._catch_up()  # texts another run has stored since
        text = sketch_text(doc.text)
        found = self.index.near(text.grams, text.sketch, known=text.alike)
        text.seen = self._foreign
        for other, similarity in text.alike.items():  # likeness is mutual: a text decided earlier need not measure it again
            if other in self._texts:
                self._texts[other].alike[_key(doc)] = similarity
        firsts = [(self._first(h), h, similarity) for h, similarity in found]
        firsts = [f for f in firsts if f[0] is not None]
        if not firsts or doc.id < min(firsts)[0]:
            self._pend(doc, text, doc.id)
            return Verdict("analyse", doc, why=f"first of a story with {len(firsts)} other text(s)" if firsts else "")
        first, match, similarity = min(firsts)
        self._pend(doc, text, first)
        if match in self._texts:
            return self._wait(doc, match, f"a copy ({similarity:.0%} alike)")
        return Verdict("appearance", doc, doc_hash=match, similarity=similarity, why=f"a copy ({similarity:.0%} alike)")

    def _first(self, text_hash: str) -> str | None:
        """The smallest id of the story a text is in, as far as this run knows now."""
        pending = self._texts.get(text_hash)
        if pending is not None:
            return pending.first
        head = self.store.story_head(text_hash)
        return head[1] if head is not None else None

    def _pend(self, doc: Document, text: _Text, first: str) -> None:
        """Remember a text decided in this run until it is written, so later documents find it."""
        text.first = first
        self._texts.setdefault(_key(doc), text)
        if text.sketch is not None:
            self.index.add(_key(doc), text.sketch)

    def _reusable(self, doc: Document) -> bool:
        """Can the analysis of the same text decided in this run serve this document too (same date)?"""
        holder = next((v.doc for v in self._verdicts.values() if _key(v.doc) == _key(doc)), None)
        return holder is not None and holder.published == doc.published

    def _wait(self, doc: Document, text_hash: str, why: str) -> Verdict:
        return Verdict("appearance", doc, doc_hash=text_hash, why=why)

    def _take_name(self, doc: Document) -> Verdict:
        """The same text and date under a smaller id: the stored analysis is renamed, now, in one transaction."""
        with self.store.transaction():
            verdict = self._settle(doc, None, "")
        verdict.written = True
        return verdict

    def pending(self, doc_id: str) -> Verdict | None:
        """The verdict of a document accepted for analysis and not yet written."""
        return self._verdicts.get(doc_id)

    # ------------------------------------------------------------------ writing

    def record(self, verdict: Verdict) -> None:
        """Write a verdict that needs no analysis: an appearance or new metadata."""
        if verdict.written:
            return
        if verdict.action == "update":
            self.store.update_metadata(verdict.doc)
        elif verdict.action == "appearance":
            assert verdict.doc_hash is not None
            if verdict.doc_hash in self._texts and not self.store.has_text(verdict.doc_hash):
                self._waiting.setdefault(verdict.doc_hash, []).append(verdict)
            else:
                with self.store.transaction():
                    self._settle(verdict.doc, None, "")
                    self._forget(verdict.doc)

    def write(self, analysis: Analysis, model: str) -> Verdict:
        """Store an analysis as the record now says, in one transaction with what it replaces."""
        doc = analysis.document
        verdict = self._verdicts.pop(doc.id, None) or Verdict("analyse", doc)
        with self.store.transaction():
            if verdict.action == "reanalyse":
                self.store.replace_analysis(analysis, model, self._sketch_bytes(doc))
                outcome = verdict
            else:
                outcome = self._settle(doc, analysis, model, releases=verdict.releases)
                outcome.why = outcome.why or verdict.why
            self._forget(doc)
            self._settle_waiting(_key(doc), analysis, model)
        return outcome

    def _settle_waiting(self, text_hash: str, analysis: Analysis | None, model: str) -> None:
        """The documents of this run waiting for a text, now that it is written (and those waiting for theirs)."""
        for waiting in self._waiting.pop(text_hash, []):
            self._settle(waiting.doc, _reused(analysis, waiting.doc), model)
            self._forget(waiting.doc)
            self._settle_waiting(_key(waiting.doc), _reused(analysis, waiting.doc), model)

    def _forget(self, doc: Document) -> None:
        """A document is written: its id and (unless another document of this run still needs it) its text go."""
        key = _key(doc)
        if self._ids.get(doc.id) == key:
            del self._ids[doc.id]
            self._uses[key] -= 1
            if not self._uses[key]:
                del self._uses[key]
        if key not in self._uses and key not in self._waiting:
            self._texts.pop(key, None)

    def _sketch_bytes(self, doc: Document) -> bytes | None:
        text = self._texts.get(_key(doc)) or sketch_text(doc.text)
        return to_bytes(text.sketch) if text.sketch is not None else None

    def _settle(self, doc: Document, analysis: Analysis | None, model: str, releases: str | None = None) -> Verdict:
        """Put one document where the record, as it is now, says it belongs (inside a transaction).

        Its story is every stored story holding its text or a copy of it; the smallest
        id of them all names the merged story.  Only this document's own analysis is
        ever needed: a story's smallest id is either this document's or one already
        analysed.
        """
        if releases:
            self.store.remove_appearance(releases)
        known = self.store.appearance(doc.id)
        if known is not None:  # another run wrote this id meanwhile
            if known.text_hash == _key(doc):
                return Verdict("unchanged", doc, doc_hash=known.doc_hash, why="written meanwhile by another run")
            return Verdict("conflict", doc, error=InputError(Errors.E024, where=doc.origin or doc.id, id=doc.id))
        stories = self._stories(doc)
        if not stories:
            return self._analysed(doc, analysis, model, {}, why="")
        firsts = {story: self.store.primary(story) for story in stories}
        head = min(stories, key=lambda story: firsts[story][0])
        if doc.id < firsts[head][0]:
            if _key(doc) in stories and firsts[_key(doc)][1] == doc.published:
                self.store.rekey(doc)
                self.store.add_appearance(doc, _key(doc), 1.0)
                return Verdict("appearance", doc, doc_hash=_key(doc), why="the same text, now under its first id")
            if analysis is not None:
                return self._analysed(doc, analysis, model, stories, why="")
            # Unreachable by construction (see decide); kept so that nothing is ever lost.
            head_why = "kept as an appearance: its analysis was not at hand"
        else:
            head_why = ""
        self._keep(doc)
        similarity = self._likeness(_key(doc), head)
        self.store.add_appearance(doc, head, similarity)
        for story in stories:
            if story != head:
                self._hand_over(story, head)
        return Verdict("appearance", doc, doc_hash=head, similarity=similarity,
                       why=head_why or ("the same text" if similarity == 1.0 else f"a copy ({similarity:.0%} alike)"))

    def _stories(self, doc: Document) -> set[str]:
        """The stored stories this document's text is in, or copies a text of.

        The texts this run decided since (or before) this one measured their likeness
        to it when they were decided; only texts other runs stored since need the
        index again.
        """
        story = self.store.story(_key(doc))
        if story is not None:
            return {story}
        self._catch_up()
        text = self._texts.get(_key(doc)) or sketch_text(doc.text)
        if text.seen >= 0 and self._foreign <= text.seen:
            found = [h for h, similarity in text.alike.items() if similarity >= self.index.threshold and self.store.has_text(h)]
        else:
            found = [h for h, _ in self.index.near(text.grams, text.sketch, accept=self.store.has_text, known=text.alike)]
        return {s for s in (self.store.story(h) for h in found) if s is not None}

    def _analysed(self, doc: Document, analysis: Analysis | None, model: str, stories: set[str], why: str) -> Verdict:
        """This document's text becomes its story's analysed text; the stories it joins hand over to it."""
        assert analysis is not None, "a new story needs its analysis"
        if _key(doc) in stories:  # the same text under a smaller id with another date: analysed again
            self.store.replace_analysis(analysis, model)
            self.store.rekey(doc)
        else:
            self.store.write_analysis(analysis, model, self._sketch_bytes(doc))
        for story in stories:
            if story != _key(doc):
                self._hand_over(story, _key(doc))
        return Verdict("analyse", doc, doc_hash=_key(doc), why=why)

    def _keep(self, doc: Document) -> None:
        """Keep the text of a copy that is not analysed (and its MinHash), unless it is stored already."""
        if self.store.has_text(_key(doc)):
            return
        text = self._texts.get(_key(doc)) or sketch_text(doc.text)
        if text.sketch is None:
            return  # too short to be anyone's copy: only its exact text can name it, and its appearance does
        self.store.keep_copy(_key(doc), doc.text)
        self.store.add_sketch(_key(doc), to_bytes(text.sketch))

    def _hand_over(self, old: str, new: str) -> None:
        """Story ``old`` joins story ``new``: its ids follow, each with its text's likeness to the analysed text."""
        similarity = {h: self._likeness(h, new) for h in self.store.appearance_texts(old)}
        self.store.hand_over(old, new, {h: s for h, s in similarity.items() if s is not None})

    def _likeness(self, text_hash: str, doc_hash: str) -> float | None:
        """Jaccard similarity of a text's shingles to a story's analysed text (1.0 for the same text)."""
        if text_hash == doc_hash:
            return 1.0
        pending = self._texts.get(text_hash)
        if pending is not None and doc_hash in pending.alike:
            return pending.alike[doc_hash]  # measured when it was decided
        text, primary = self._text_of(text_hash), self.store.text_of(doc_hash)
        if text is None or primary is None:
            return None  # a copy written before copies were kept: its own figure stays
        return jaccard(shingles(text), shingles(primary))


def _reused(analysis: Analysis | None, doc: Document) -> Analysis | None:
    """The analysis of the same text and date serves another document: statements depend on nothing else."""
    if analysis is None or _key(analysis.document) != _key(doc) or analysis.document.published != doc.published:
        return None
    return Analysis(
        document=doc,
        statements=[replace(st, doc_id=doc.id) for st in analysis.statements],
        times=[replace(t, doc_id=doc.id) for t in analysis.times],
        entities=analysis.entities,
    )


def _changed(published: str | None, outlet: str | None, doc: Document) -> list[str]:
    """Metadata the user gave this time that differs from what the record holds."""
    changed = []
    if doc.published_source == "metadata" and doc.published and doc.published != published:
        changed.append("published")
    if doc.outlet_source == "metadata" and doc.outlet and doc.outlet != outlet:
        changed.append("outlet")
    return changed
