"""Attributions the page layout makes: "Sanders: Clinton needs to…" headlines and
transcript turns, quotations signed with a dash ("“…” ― Maria Costa"), and the
inverted lead "Said Ellis: “…”".
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Token

from .. import cues as lexicon
from ..docview import sentence_of, text_of
from ..headlines import run_in_headline_end
from ..paragraphs import paragraph_end
from .grammar import SAY_LIKE, Quotes, _Found


def _line_starts(doc: Doc) -> list[Token]:
    """The first word of every line: where headlines and transcript turns begin."""
    text = text_of(doc)
    offsets = [t.idx for t in doc]
    starts: list[Token] = []
    for line_start in [0] + [m.end() for m in _NEWLINES.finditer(text)]:
        i = bisect_left(offsets, line_start)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if i < len(doc) and (not starts or starts[-1].i != i):
            starts.append(doc[i])
    return starts


_NEWLINES = re.compile(r"\n")


def _is_name_like(tok: Token) -> bool:
    return (
        tok.pos_ == "PROPN"
        or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or (tok.is_upper and tok.is_alpha)
        or tok.lower_ in lexicon.NONHUMAN_SOURCE_NOUNS
        or (tok.is_title and tok.is_alpha)
    )


def colon_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """Headlines and transcripts: "Sanders: Clinton needs to…", "PENCE: Well, look…"."""
    found: list[_Found] = []
    for first in _line_starts(doc):
        line_end = text_of(doc).find("\n", first.idx)
        line_end = len(text_of(doc)) if line_end == -1 else line_end
        toks = [t for t in doc[first.i : min(len(doc), first.i + 6)] if t.idx < line_end]
        colon = next((t for t in toks[1:] if t.text == ":"), None)
        if colon is None:
            continue
        name = [t for t in toks if t.i < colon.i]
        while name and (name[0].is_quote or name[0].is_punct):
            name = name[1:]  # "\"PENCE: …": a transcript turn quoted whole
        if not name or not all(_is_name_like(t) or t.is_punct for t in name) or not any(t.is_alpha for t in name):
            continue
        if name[0].lower_ == "the":
            continue  # "The Latest: Trump urges…" is a rubric, not a speaker
        content_end = _colon_content_end(doc, colon, line_end, quotes)
        content_span = doc.char_span(colon.idx + 1, content_end, alignment_mode="expand")
        if content_span is None or len([t for t in content_span if t.is_alpha]) < 2:
            continue
        found.append(
            _Found(
                cue=[colon],
                cue_class="assert",
                cue_lemma=":",
                speaker=doc[name[0].i : name[-1].i + 1],
                content={t.i for t in content_span},
                kind="indirect",
                sentence=doc[first.i : content_span.end],
                confidence=0.6,
            )
        )
    return found


def _colon_content_end(doc: Doc, colon: Token, line_end: int, quotes: Quotes) -> int:
    """Where what a colon line reports ends.

    "Hartley: 'I was never pressured'": a quotation opening after the colon is the
    content, up to its closing mark.  Otherwise the rest of the line, but a headline
    run into the lead ends where the lead begins, and a line too long to be a
    paragraph (its breaks were lost) ends with its sentence.
    """
    text = text_of(doc)
    start = colon.idx + 1
    while start < line_end and text[start] == " ":
        start += 1
    quote = next((q for q in quotes.overlapping(start, start + 1) if q.start == start), None)
    if quote is not None:
        return min(quote.end, line_end) if quote.end > start else line_end
    headline_end = run_in_headline_end(text) if colon.idx < 200 else None
    if headline_end is not None and colon.idx < headline_end:
        return min(line_end, headline_end)
    return min(line_end, paragraph_end(text, start))


SIGNATURE_DASHES = ("―", "—", "–", "--", "-")


def signature_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """Reader comments and tweets: "“…” ― Francisco Herrero" (a dash, then a name)."""
    found: list[_Found] = []
    text = text_of(doc)
    for q in quotes:
        if not q.double:
            continue
        line_end = text.find("\n", q.end)
        line_end = len(text) if line_end == -1 else line_end
        tail = text[q.end : line_end]
        stripped = tail.lstrip()
        dash = next((d for d in SIGNATURE_DASHES if stripped.startswith(d)), None)
        if dash is None:
            continue
        name_start = q.end + (len(tail) - len(stripped)) + len(dash)
        name = doc.char_span(name_start, line_end, alignment_mode="expand")
        if name is None:
            continue
        words = [t for t in name if not t.is_space and not t.is_punct]
        if not words or len(words) > 8 or not words[0].text[:1].isupper():
            continue
        dash_span = doc.char_span(name_start - len(dash), name_start, alignment_mode="expand")
        if dash_span is None:
            continue
        speaker = doc[words[0].i : words[-1].i + 1]
        found.append(
            _Found(
                cue=list(dash_span),
                cue_class="assert",
                cue_lemma=dash,
                speaker=speaker,
                content=set(),
                kind="direct",
                sentence=sentence_of(speaker.root),
                confidence=0.75,
                quote_chars=[(q.start, q.end)],
            )
        )
    return found


def inverted_lead_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """"Said Ellis: “I don't get the sense…”": a sentence opened by the cue, then the name.

    The parser reads "Said Ellis" as a name, so the verb rules never see it; the shape
    alone (a saying verb first, a short capitalised name, a colon or comma, then a
    quotation) is unambiguous.
    """
    found: list[_Found] = []
    for first in doc:
        if first.lemma_.lower() not in SAY_LIKE or not first.is_title or not _opens_sentence(first):
            continue
        name = []
        for tok in doc[first.i + 1 : first.i + 7]:
            if tok.text in (":", ","):
                break
            name.append(tok)
        else:
            continue
        after = doc[name[-1].i + 2] if name and name[-1].i + 2 < len(doc) else None
        if not name or after is None or not all(t.is_title or t.text in (".", "-") for t in name):
            continue
        quote = next((q for q in quotes.overlapping(after.idx, after.idx + 1) if q.start == after.idx), None)
        if quote is None:
            continue
        found.append(
            _Found(
                cue=[first], cue_class="assert", cue_lemma=first.lemma_.lower(),
                speaker=doc[name[0].i : name[-1].i + 1], content=set(), kind="direct",
                sentence=sentence_of(first), confidence=0.85, quote_chars=[(quote.start, quote.end)],
            )
        )
    return found


def _opens_sentence(tok: Token) -> bool:
    """First word of a sentence by punctuation, whatever the parser's sentence split says."""
    if tok.i == 0:
        return True
    before = tok.doc[tok.i - 1]
    return before.text in (".", "!", "?", "”", '"') or (before.is_space and "\n" in before.text)
