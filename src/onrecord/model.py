"""The vocabulary every stage of onrecord speaks.

Data flows one way — ingest → nlp → store → link → interfaces — and these plain
dataclasses are what passes between the stages.  They hold character offsets into
``Document.text`` exactly as ingested (Python string indices), never spaCy objects,
so that each stage can be run and tested alone and the store can persist them
without knowing anything about NLP.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

SpeakerType = Literal["PERSON", "ORG", "GPE", "GROUP", "OTHER"]
StatementKind = Literal["direct", "indirect", "mixed", "nominal", "according_to", "narration", "no_comment"]
Polarity = Literal["assert", "deny"]
DateSource = Literal["text", "publication", "unknown"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
LinkRelation = Literal["repeats", "supports", "contradicts"]

Offsets = tuple[int, int]


def content_hash(text: str) -> str:
    """Key documents by what they say, so the same article ingested twice is one row."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Document:
    """One article as ingested.

    ``id`` is what users and scorers call the document: the JSONL ``id`` or the file
    name.  ``origin`` says where it came from (``path`` or ``path:line``) so that
    errors and ``onrecord show`` can point back at the input.
    """

    id: str
    text: str
    published: str | None = None  # ISO 8601 date or datetime, as precise as known
    published_source: Literal["metadata", "text"] | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    origin: str = ""
    author: str | None = None  # byline, from a web page's metadata
    site: str | None = None  # the web site's own name, when it differs from the outlet
    outlet_source: Literal["metadata", "text"] | None = None
    notes: list[str] = field(default_factory=list)  # what ingest repaired or doubted, for the user

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass
class Appearance:
    """One place a text reached the record: an id with its outlet, date and URL.

    A wire story printed by fourteen papers is one text (analysed once) with fourteen
    appearances; ``similarity`` is 1.0 for an exact copy, less for a near-duplicate edit.
    """

    id: str
    doc_hash: str
    text_hash: str
    similarity: float = 1.0
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    origin: str = ""


@dataclass
class Speaker:
    """Who a statement is attributed to.

    ``start``/``end`` cover the mention in the attributing clause (the "he" of
    "he said"), while ``name`` is the canonical person or organisation it resolves
    to (``None`` when unresolved).  A group speaker ("Bolton and Pompeo") has type
    ``GROUP`` and lists its members' canonical names.
    """

    mention: str
    start: int
    end: int
    type: SpeakerType = "OTHER"
    name: str | None = None
    members: list[str] = field(default_factory=list)
    role: str | None = None  # e.g. "Russian President", kept when a title was stripped
    country: str | None = None  # for metonyms: "the Kremlin" → "Russia"


@dataclass
class Cue:
    """The words that make a statement an attribution ("said", "denials", "according to")."""

    text: str
    lemma: str
    cls: str  # assert, deny, warn, accuse, ask, believe, find, promise, …
    start: int
    end: int


@dataclass
class Statement:
    """One attributed statement: a speaker, a cue and the content they said.

    ``content_spans`` may hold several pieces when the cue interrupts the content
    ("The plan, he said, is working") or the quotation resumes after it ("“A,” he
    said. “B.”").  ``parent`` points at the enclosing
    statement for nested attributions (Trump's tweet that Moscow had informed…).
    """

    doc_id: str
    speaker: Speaker | None
    cue: Cue | None
    content_spans: list[Offsets]
    content: str
    kind: StatementKind
    polarity: Polarity = "assert"
    addressee: str | None = None
    sentence: Offsets | None = None
    confidence: float = 1.0
    parent: str | None = None
    date: str | None = None
    date_source: DateSource = "unknown"
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.make_id()

    def make_id(self, salt: str = "") -> str:
        """A stable id from where the statement is, so re-analysis finds the same row.

        The Analyzer salts it with the document's hash: two documents may share an id.
        """
        cue = f"{self.cue.start}-{self.cue.end}" if self.cue else "-"
        spans = ",".join(f"{s}-{e}" for s, e in self.content_spans)
        raw = f"{salt or self.doc_id}|{spans}|{cue}|{self.kind}"
        return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    @property
    def start(self) -> int:
        """Where the content starts; for a statement with no content (``no_comment``), the cue."""
        if self.content_spans:
            return min(s for s, _ in self.content_spans)
        return self.cue.start if self.cue else 0

    @property
    def end(self) -> int:
        if self.content_spans:
            return max(e for _, e in self.content_spans)
        return self.cue.end if self.cue else 0


@dataclass
class Time:
    """A temporal expression normalised to a TIMEX3 value against the publication date."""

    doc_id: str
    text: str
    start: int
    end: int
    type: TimeType
    value: str


@dataclass
class Entity:
    """A canonical speaker: one person or organisation under all its names."""

    name: str
    type: SpeakerType
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    id: int | None = None


@dataclass
class Link:
    """A relation between two statements, with the evidence a person needs to judge it."""

    relation: LinkRelation
    a: str
    b: str
    score: float
    why: str
    opposed: list[str] = field(default_factory=list)  # the word of each side that opposes the other (a, b)
    carriers_a: list[str] = field(default_factory=list)  # every statement carrying side a's claim (a first)
    carriers_b: list[str] = field(default_factory=list)  # every statement carrying side b's claim (b first)
    signature: tuple[str, str] | None = field(default=None, compare=False, repr=False)  # the two claims, while linking


@dataclass
class Analysis:
    """Everything the NLP stage found in one document, ready for the store."""

    document: Document
    statements: list[Statement] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
