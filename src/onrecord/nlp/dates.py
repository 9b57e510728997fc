"""When each statement was made: the date of saying, not the dates inside what was said.

A time expression dates a statement when it sits in the statement's sentence, outside
every statement's content ("set to expire in 2021" is content), and nearer to this
statement's cue than to any other cue of the sentence ("Trump's tweet earlier this
week that…, Putin said…": the week is the tweet's).  A continuation quote inherits the
date of the statement it continues; anything else was said, as far as the text
tells, when it was published.  A time inside a relative clause dates that clause
("Ruiz, who was elected in 2015, said on Tuesday…": 2015 is the election's), never
a cue outside it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .docview import ensure_extensions
from ..model import Statement, Time

DATED_TYPES = ("DATE", "TIME")
NOT_A_DAY = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def _inside(time: Time, spans: list[tuple[int, int]]) -> bool:
    return any(s <= time.start and time.end <= e for s, e in spans)


def _cue_anchor(st: Statement) -> int | None:
    return None if st.cue is None else (st.cue.start + st.cue.end) // 2


def relative_clauses(doc: Doc, times: list[Time]) -> dict[int, list[tuple[int, int]]]:
    """For each time (by its start), the extents of the relative clauses that hold it."""
    found: dict[int, list[tuple[int, int]]] = {}
    for t in times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        found[t.start] = [
            (a.left_edge.idx, a.right_edge.idx + len(a.right_edge))
            for a in span.root.ancestors if a.dep_ in ("relcl", "acl")
        ]
    return found


def assign_dates(
    statements: list[Statement], times: list[Time], published: str | None,
    clauses: dict[int, list[tuple[int, int]]] | None = None,
) -> None:
    """Set ``date`` and ``date_source`` on every statement, in place.

    ``clauses`` (from :func:`relative_clauses`) keeps a time in a relative clause from
    dating a cue outside that clause.
    """
    contents = [span for st in statements for span in st.content_spans]
    usable = [t for t in times if t.type in DATED_TYPES and t.value not in NOT_A_DAY and not _inside(t, contents)]
    previous: Statement | None = None
    for st in sorted(statements, key=lambda s: s.start):
        anchor = _cue_anchor(st)
        own = [
            t for t in usable
            if anchor is None or all(s <= anchor < e for s, e in (clauses or {}).get(t.start, []))
        ]
        value = _own_time(st, statements, own)
        if value is not None:
            st.date, st.date_source = value, "text"
        elif st.cue is None and previous is not None:
            st.date, st.date_source = previous.date, previous.date_source
        elif published:
            st.date, st.date_source = published[:10], "publication"
        else:
            st.date, st.date_source = None, "unknown"
        previous = st


def _own_time(st: Statement, statements: list[Statement], times: list[Time]) -> str | None:
    anchor = _cue_anchor(st)
    if anchor is None or st.sentence is None:
        return None
    start, end = st.sentence
    rivals = [
        a for other in statements
        if other is not st and other.sentence is not None and other.sentence[0] < end and start < other.sentence[1]
        for a in [_cue_anchor(other)] if a is not None
    ]
    best: tuple[int, Time] | None = None
    for t in times:
        if not (start <= t.start and t.end <= end):
            continue
        middle = (t.start + t.end) // 2
        distance = abs(middle - anchor)
        if any(abs(middle - a) < distance for a in rivals):
            continue
        if best is None or distance < best[0]:
            best = (distance, t)
    return best[1].value if best else None


@Language.factory(
    "onrecord_dates",
    assigns=["doc._.onrecord_statements"],
    requires=["doc._.onrecord_statements", "doc._.onrecord_times", "token.dep"],
)
def make_dater(nlp: Language, name: str) -> "StatementDater":
    return StatementDater()


class StatementDater:
    """spaCy component: dates ``doc._.onrecord_statements`` from ``doc._.onrecord_times``."""

    def __init__(self) -> None:
        ensure_extensions("onrecord_statements", "onrecord_times", "onrecord_published")

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.onrecord_statements or []
        times = doc._.onrecord_times or []
        clauses = relative_clauses(doc, times) if statements and times else None
        assign_dates(statements, times, doc._.onrecord_published, clauses)
        doc._.onrecord_statements = statements  # dated in place: a read of the Doc gives fresh copies
        return doc
