"""Sentences and paragraph-equivalents found from the text alone, before any model runs.

News text marks paragraphs with line breaks, and several rules lean on them: an
unclosed quotation ends with its paragraph, "X added: …" reports the rest of it.
Archives that flatten an article to one line (the BBC news corpus, wire copy pasted
into a form) lose that signal, and "the rest of the paragraph" becomes the rest of
the article.  A line far longer than any real paragraph is such text; there the
paragraph-equivalent of a position is its sentence.
"""

from __future__ import annotations

import re

# Real paragraphs stay under this (the longest in PolNeAR dev is 938 characters); a
# longer line is text whose paragraph breaks were lost.
MAX_PARAGRAPH_CHARS = 1000

# A sentence ends at . ! ? (optionally followed by a closing mark) before space, or
# at a line break.  Deliberately simple: a missed boundary only keeps more text.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])|\n+")
# Words whose full stop does not end a sentence: "Mr. Clarke said", "John G. Roberts".
ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Rev|Hon|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|E\.U)|\b[A-Z])\.$"
)


def _real_end(text: str, m: re.Match[str]) -> bool:
    """A match that is no abbreviation's full stop ("Mr.", "U.S.")."""
    return not (text[m.start() - 1 : m.start()] == "." and ABBREVIATION.search(text, max(0, m.start() - 6), m.start()))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence offsets by punctuation and line breaks, skipping abbreviations."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        if not _real_end(text, m):
            continue
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_end(text: str, start: int, stop: int | None = None) -> int:
    """Where the sentence holding ``start`` ends (after its closing mark), at most ``stop``."""
    stop = len(text) if stop is None else stop
    for m in SENTENCE_END.finditer(text, start, stop):
        if _real_end(text, m):
            end = m.start()
            mark = text[end : end + 1]
            return end + 1 if mark in "\"”’'" else end
    return stop


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """The line (paragraph) holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def flattened_at(text: str, pos: int) -> bool:
    """Whether ``pos`` sits in a line too long to be one paragraph: breaks were lost."""
    start, end = line_bounds(text, pos)
    return end - start > MAX_PARAGRAPH_CHARS


def paragraph_end(text: str, start: int) -> int:
    """The end of the paragraph holding ``start``, or of its sentence in flattened text."""
    _, end = line_bounds(text, start)
    if end - text.rfind("\n", 0, start) - 1 > MAX_PARAGRAPH_CHARS:
        return sentence_end(text, start, end)
    return end
