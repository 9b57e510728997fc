"""Which sentences can hold an attribution, decided before any model runs.

Tagging, parsing and entity recognition cost almost all of the pipeline's time, and
in news a quarter or more of the words sit in sentences with no quotation mark and
no reporting word: nothing there can become a statement.  Blanking those sentences
(every character but newlines turned into a space) keeps the text's length, so all
offsets stay those of the document, while the models skip the blanked stretches.
"""

from __future__ import annotations

import re

from .cues import CUE_FORMS
from .paragraphs import sentence_spans
from .quotes import ALL_MARKS, Quote, find_quotes

__all__ = ["blank_unlikely", "candidate_spans", "sentence_spans"]

_WORD = re.compile(r"[A-Za-z]+")
_DASHES = ("―", "—", "--")
_NOT_NEWLINE = re.compile(r"[^\n]")


def _may_attribute(sentence: str) -> bool:
    if any(mark in sentence for mark in ALL_MARKS if mark not in "'’"):
        return True
    if ":" in sentence[:60] or any(d in sentence for d in _DASHES):
        return True
    return any(w.lower() in CUE_FORMS for w in _WORD.findall(sentence))


def candidate_spans(text: str, found: list[Quote] | None = None) -> list[tuple[int, int]]:
    """Sentences that may hold an attribution, plus every sentence inside a quotation.

    ``found`` are the text's quotations when the caller has them already.
    """
    quotes = [(q.start, q.end) for q in (find_quotes(text) if found is None else found)]
    keep: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        inside_quote = any(qs < end and start < qe for qs, qe in quotes)
        if inside_quote or _may_attribute(text[start:end]):
            keep.append((start, end))
    return keep


def blank_unlikely(text: str, min_saving: float = 0.1, quotes: list[Quote] | None = None) -> str:
    """The text with non-candidate sentences blanked; unchanged when little would be saved."""
    keep = candidate_spans(text, quotes)
    kept = sum(e - s for s, e in keep)
    if len(text) == 0 or kept >= (1 - min_saving) * len(text):
        return text
    out = []
    pos = 0
    for start, end in keep:
        out.append(_blank(text[pos:start]))
        out.append(text[start:end])
        pos = end
    out.append(_blank(text[pos:]))
    return "".join(out)


def _blank(piece: str) -> str:
    """Spaces for everything but line breaks, which carry paragraph structure."""
    return _NOT_NEWLINE.sub(" ", piece)
