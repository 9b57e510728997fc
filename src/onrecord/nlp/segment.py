"""Sentence boundaries that news layout makes obvious but the parser misses.

The small English parser happily runs a headline, a dateline and the first
paragraph into one "sentence", and glues ``Caracas.”We`` into one token.  Both
wreck attribution: a cue in one paragraph picks up content from another.  This
component runs before the parser and fixes what layout tells us for certain:
a newline ends a sentence, a quotation mark glued after sentence-final
punctuation opens a new one, and a headline run into the first sentence with no
line break ("Minister says fares to rise Transport Secretary Alan Moor has said…",
see ``headlines.run_in_headline_end``) is a sentence of its own.  The parser
respects boundaries set before it runs.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .docview import text_of
from .headlines import run_in_headline_end

_OPENERS = "“\"‘”"
_FINAL = ".!?"


def _is_glued_opener(doc: Doc, i: int) -> bool:
    """``.”We``: a mark after sentence-final punctuation with no space, then a word."""
    tok = doc[i]
    if tok.text not in _OPENERS or i == 0 or i + 1 >= len(doc):
        return False
    prev = doc[i - 1]
    return bool(prev.text and prev.text[-1] in _FINAL and not prev.whitespace_ and not tok.whitespace_)


def _after_dateline(doc: Doc, i: int) -> bool:
    """``(Bloomberg) -- Donald Trump said``: the story starts after the dash."""
    prev = doc[i - 1]
    if prev.text not in ("--", "—", "–", "-") or i < 3:
        return False
    window = doc[max(0, i - 12) : i - 1].text
    return window.rstrip().endswith(")") or window.rstrip().isupper()


@Language.factory("onrecord_segmenter", assigns=["token.is_sent_start"], requires=[])
def make_segmenter(nlp: Language, name: str) -> "LayoutSegmenter":
    return LayoutSegmenter()


class LayoutSegmenter:
    """spaCy component: sentence starts after line breaks and glued quote openers."""

    def __call__(self, doc: Doc) -> Doc:
        _split_run_in_headline(doc)
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            tok = doc[i]
            if tok.is_space:
                continue
            if "\n" in prev.text_with_ws and (prev.is_space or prev.whitespace_ == "\n" or prev.text_with_ws.endswith("\n")):
                tok.is_sent_start = True
            elif prev.is_space and len(prev.text) >= 3:
                # A blanked stretch (see select.py) or a wide gap: a new sentence.
                tok.is_sent_start = True
            elif _after_dateline(doc, i):
                tok.is_sent_start = True
            elif _is_glued_opener(doc, i):
                tok.is_sent_start = True
        return doc


def _split_run_in_headline(doc: Doc) -> None:
    """Start a sentence where a headline run into the lead ends."""
    end = run_in_headline_end(text_of(doc))
    if end is None:
        return
    span = doc.char_span(end, end + 1, alignment_mode="expand")
    if span is not None and span.start > 0:
        doc[span.start].is_sent_start = True
