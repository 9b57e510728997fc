"""Where a position lies in the text: a title-case headline, a quotation, a paragraph, a clause's subject."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..docview import text_of
from .lexicon import _FUNCTION_WORDS, tables


@lru_cache(maxsize=4)
def _headlines(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of lines in title case ("Gold Star Mom Corners Obama On His Refusal"),
    where a run of capitalised words is no sign of a name."""
    spans = []
    start = 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[^\W\d][\w’'\-]*", line) if w.lower() not in _FUNCTION_WORDS | {"a", "an"}]
        if len(words) >= 3 and len(line) < 200 and sum(w[0].isupper() for w in words) >= 0.9 * len(words):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return tuple(spans)


def _in_headline(text: str, position: int) -> bool:
    return any(start <= position < end for start, end in _headlines(text))


def _named_in_body(text: str, name: str) -> bool:
    """Whether a name is written somewhere outside the title-case lines, or is a known given
    name and a surname ("Hillary Clinton Goes After…" names her; "Derelict Obama" names no one)."""
    t = tables()
    if len(name.split()) == 2 and name.split()[0].lower() in t.male | t.female:
        return True
    at = text.find(name)
    while at != -1:
        if not _in_headline(text, at):
            return True
        at = text.find(name, at + 1)
    return False


def _in_quote(text: str, position: int) -> bool:
    """Whether ``position`` lies inside quotation marks opened earlier in its paragraph."""
    paragraph = text[text.rfind("\n", 0, position) + 1 : position]
    curly = paragraph.count("“") - paragraph.count("”")
    return curly > 0 or paragraph.count('"') % 2 == 1 or paragraph.count("''") % 2 == 1


def _paragraph_start(text: str, position: int, back: int = 0) -> int:
    """Where the paragraph holding ``position`` begins, or the one ``back`` paragraphs before."""
    start = text.rfind("\n", 0, position) + 1
    for _ in range(back):
        while start > 1 and not text[start - 2].strip():
            start -= 1
        start = text.rfind("\n", 0, max(start - 1, 0)) + 1
    return start


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _subjects(sentence: Span, before: int, clauses: tuple[str, ...] = ("conj",)) -> list[Token]:
    """The subjects of the sentence's main verb and the verbs joined to it by ``clauses``, before
    ``before`` and outside quotations, with the names in apposition to them ("Clinton's
    opponent, Donald Trump,")."""
    text = text_of(sentence.doc)
    out = []
    for verb in [sentence.root] + [t for t in sentence.root.children if t.dep_ in clauses]:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects += [a for c in subjects if c.pos_ != "PROPN" for a in c.children if a.dep_ == "appos"]
        out += [c for c in subjects if c.i < before and not _in_quote(text, c.idx)]
    return out


@lru_cache(maxsize=2048)
def _word_pattern(word: str) -> re.Pattern[str]:
    """A word as a whole word, compiled once.

    A name that begins in lower case ("diCaprio", "van Gogh") is capitalised at the
    start of a sentence ("DiCaprio faces…"), so its first letter matches either case;
    a capitalised word is never written in lower case ("Bush" is no "bush").
    """
    if word[:1].islower():
        first = f"[{re.escape(word[0])}{re.escape(word[0].upper())}]"
        return re.compile(rf"\b{first}{re.escape(word[1:])}\b")
    return re.compile(rf"\b{re.escape(word)}\b")
