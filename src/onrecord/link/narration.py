"""The outlet's own voice: sentences that state events without attributing them.

"In March, Bolton warned nations … to stay out of Venezuela after Russia landed at
least two planeloads of troops in Caracas."  Bolton's warning is a statement; the
clause after "after" is the outlet itself reporting an event, and Putin's later "we
have never done that" contradicts it.  Such clauses become statements of kind
``narration`` (no speaker: the outlet is the source) so links can point at them; the
caller keeps only those a link uses (:func:`used_narration`).

What is left of a sentence once every statement's content, cue and speaker are cut
out is split at clause connectives; a piece is narration when it has a subject and a
finite verb, no quotation mark and no reporting word of its own.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..model import Link, Statement
from .text import TOKEN, fold, sentence_spans

_CONNECTIVE = re.compile(
    r",\s+(?:while|but|and|as|although|though|whereas|after|before|when|because|since|despite|with)\s+"
    r"|\s+(?:while|after|before|because|although|though|whereas|despite|since)\s+|;\s*|:\s+|\s+[—–]\s+|\s+--\s+"
)
_LEAD = re.compile(r"^(?:and|but|so|then|while|after|as|because|when|since|though|although|yet|also)\s+", re.I)
_QUOTE_MARKS = "\"“”«»„"
_REPORTING = frozenset(
    """said says say saying told tells tell telling according added adds noted notes stated states
    claimed claims claim asked asks warned warns denied denies insisted insists argued argues
    announced announces reported reports reportedly alleged alleges allegedly believes believed
    tweeted tweets wrote writes explained explains""".split()
)
_AUX = frozenset("is are was were has have had will would could can may might must should does did do be been being".split())
_SUBJECT_START = frozenset("the a an its their his her our this that these those some several many most".split())
_IRREGULAR_PAST = frozenset(
    """sent went took gave came got made held met paid led fell rose grew shot fought caught sought struck flew fled
    withdrew broke began wrote found stood won lost kept left built bought sold ran drove hit cut put set spent""".split()
)
MIN_WORDS, MAX_WORDS = 5, 60


def narration_statements(doc_id: str, text: str, statements: Iterable[Statement], doc: Any = None) -> list[Statement]:
    """Statements of kind ``narration`` for the event clauses the outlet states itself.

    ``doc`` may be the spaCy Doc of the same text: its sentences and parse then decide
    (a clause needs a subject of a verb inside it); without it, light rules do.
    """
    own = [s for s in statements if s.doc_id == doc_id]
    occupied = _occupied(own)
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc is not None else sentence_spans(text)
    out: list[Statement] = []
    for ss, se in sentences:
        if _headline(text[ss:se]):
            continue
        for start, end in _free_pieces(ss, se, occupied):
            for ps, pe in _clauses(text, start, end):
                if _is_narration(text, ps, pe, doc):
                    out.append(_statement(doc_id, text, ps, pe, (ss, se)))
    return out


def used_narration(narration: Iterable[Statement], links: Iterable[Link]) -> list[Statement]:
    """The narration statements some link points at: the only ones worth storing."""
    used = {ln.a for ln in links} | {ln.b for ln in links}
    return [s for s in narration if s.id in used]


def _occupied(statements: list[Statement]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for st in statements:
        spans.extend(st.content_spans)
        if st.cue is not None:
            spans.append((st.cue.start, st.cue.end))
        if st.speaker is not None and st.speaker.end > st.speaker.start:
            spans.append((st.speaker.start, st.speaker.end))
    return sorted(spans)


def _free_pieces(start: int, end: int, occupied: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of [start, end) that no statement covers."""
    pieces: list[tuple[int, int]] = []
    pos = start
    for s, e in occupied:
        if e <= pos or s >= end:
            continue
        if s > pos:
            pieces.append((pos, s))
        pos = max(pos, e)
    if pos < end:
        pieces.append((pos, end))
    return pieces


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a free stretch at clause connectives, trimming connectives and punctuation."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _CONNECTIVE.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    trimmed = []
    for s, e in out:
        piece = text[s:e]
        lead = _LEAD.match(piece)
        if lead:
            s += lead.end()
            piece = text[s:e]
        stripped = piece.strip(" ,.;:!?\n\t")
        if stripped:
            s += piece.index(stripped)
            trimmed.append((s, s + len(stripped)))
    return trimmed


def _headline(sentence: str) -> bool:
    """Title-case lines without a full stop: headlines, bylines, captions' credits."""
    words = [w for w in sentence.split() if w[:1].isalpha()]
    if not words or sentence.rstrip().endswith((".", "!", "?", "”", '"')):
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= 0.6 * len(words)


def _is_narration(text: str, start: int, end: int, doc: Any) -> bool:
    piece = text[start:end]
    words = TOKEN.findall(piece)
    if not (MIN_WORDS <= len(words) <= MAX_WORDS) or any(m in piece for m in _QUOTE_MARKS) or piece.endswith("?"):
        return False
    lows = [fold(w) for w in words]
    if any(w in _REPORTING for w in lows):
        return False
    first = words[0]
    if not (first[:1].isupper() or lows[0] in _SUBJECT_START) or lows[0] in _AUX:
        return False
    if doc is not None:
        return _has_clause(doc, start, end)
    return _has_finite_verb(lows)


def _has_finite_verb(lows: list[str]) -> bool:
    """A past-tense or auxiliary-led verb after the first word: "Russia landed", "Russia has backed"."""
    for i, w in enumerate(lows[1:], start=1):
        if w in _AUX and i + 1 < len(lows):
            return True
        if w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4):
            return True
        if w.endswith("s") and i == 1 and len(w) > 3 and not w.endswith("ss"):
            return True  # "Russia backs", "The pact limits"
    return False


def _has_clause(doc: Any, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX") and span.start <= t.head.i < span.end for t in span)


def _statement(doc_id: str, text: str, start: int, end: int, sentence: tuple[int, int]) -> Statement:
    return Statement(
        doc_id=doc_id, speaker=None, cue=None, content_spans=[(start, end)], content=text[start:end],
        kind="narration", polarity="assert", sentence=sentence, confidence=0.6,
    )
