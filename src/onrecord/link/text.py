"""A light tokenizer, stemmer and negation-scope marker for statement content.

Linking compares hundreds of thousands of short texts, so it cannot afford a spaCy
parse per statement.  What the relation rules need is modest: content words reduced
to a common stem ("involved" = "involvement"), and for each word whether it sits
inside the scope of a negation ("we aren't sending troops": *send* and *troops* are
negated).  Plain regular expressions and a cached suffix stemmer do that in a few
microseconds per word.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'", "`": "'"})

# Abbreviations with inner full stops (U.S., U.K.) and hyphenated compounds (land-based) stay one token.
TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’\-][^\W_]+)*")
# Where a negation's scope ends: punctuation and contrastive or concessive words.
_BOUNDARY_PUNCT = re.compile(r"[,;:.!?()\[\]—–]|\s-\s|\s--\s")
_BOUNDARY_WORDS = frozenset("but while whereas although though however yet despite unlike instead".split())


def fold(text: str) -> str:
    """Lower case without accents or curly quotes: "Nicolás" and "Nicolas" compare equal."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    raw = json.loads(resources.files(__package__).joinpath("data", "lexicon.json").read_text("utf-8"))
    return {k.replace("’", "'"): v for k, v in raw["irregular"].items()}


_VOWEL = re.compile(r"[aeiouy]")
_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    # suffix, replacement, minimum length of what remains
    ("izations", "ize", 3), ("ization", "ize", 3), ("isations", "ize", 3), ("isation", "ize", 3),
    ("ational", "ate", 3), ("ations", "ate", 3), ("ation", "ate", 3),
    ("ements", "e", 4), ("ement", "e", 4), ("ments", "", 4), ("ment", "", 4),
    ("ences", "", 4), ("ence", "", 4), ("ances", "", 4), ("ance", "", 4),
    ("ions", "", 4), ("ion", "", 4),
    ("ingly", "", 3), ("edly", "", 3), ("ings", "", 3), ("ing", "", 3),
    ("ies", "y", 2), ("ied", "y", 2), ("ed", "", 3),
    ("ness", "", 3), ("fully", "ful", 3), ("ly", "", 4),
    ("ers", "", 4), ("er", "", 4),
)
_KEEP_S = ("ss", "us", "is", "ous", "ics")


@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """A suffix-stripping stem: one key for a word's inflections and close derivations.

    Deliberately crude (Porter-like rules without the measure bookkeeping): it only has
    to map the forms that news writers alternate between onto one key, and the same
    function is applied to the lexicon, so its quirks cancel out.
    """
    w = fold(word).strip("'.")
    irregular = _irregular()
    if w in irregular:
        if irregular[w] == w:
            return w  # listed as its own stem: "news", "crisis"
        w = irregular[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    w = _strip_suffix(w)
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" and not _VOWEL.match(w[-1]):
        w = w[:-1]  # stopp → stop
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def _strip_suffix(w: str) -> str:
    for suffix, repl, keep in _SUFFIXES:
        if w.endswith(suffix):
            rest = w[: -len(suffix)]
            if len(rest) >= keep and _VOWEL.search(rest):
                return rest + repl
            return w
    if w.endswith("es") and w[:-2].endswith(("s", "x", "z", "ch", "sh")) and len(w) > 4:
        return w[:-2]
    if w.endswith("s") and not w.endswith(_KEEP_S) and len(w) > 3:
        return w[:-1]
    return w


@dataclass(slots=True)
class Tok:
    """One word of a content: where it is, its stem, and whether a negation covers it."""

    text: str
    low: str
    stem: str
    start: int
    end: int
    cap: bool
    neg: bool = False
    clause: int = 0


def _split_contraction(low: str) -> tuple[str, bool]:
    """("aren't" → "are", negated); "cannot" is "can not"."""
    if low.endswith("n't") and len(low) > 3:
        base = {"can't": "can", "won't": "will", "shan't": "shall", "ain't": "be"}.get(low, low[:-3])
        return base, True
    if low == "cannot":
        return "can", True
    return low, False


def tokenize(text: str) -> list[Tok]:
    """Words with offsets, folded forms, stems and clause numbers (no negation yet)."""
    toks: list[Tok] = []
    clause = 0
    pos = 0
    for m in TOKEN.finditer(text):
        if _BOUNDARY_PUNCT.search(text, pos, m.start()):
            clause += 1
        pos = m.end()
        surface = m.group()
        low = fold(surface)
        if low.endswith("'s") and len(low) > 3:
            low = low[:-2]  # possessive (or "it's"): the word itself is what matters
        if low in _BOUNDARY_WORDS:
            clause += 1
        base, negated = _split_contraction(low)
        toks.append(Tok(surface, base, stem(base), m.start(), m.end(), surface[:1].isupper(), False, clause))
        if negated:
            toks.append(Tok("n't", "not", "not", m.end() - 3, m.end(), False, False, clause))
    return toks


def mark_negation(toks: list[Tok], negators: frozenset[str], phrases: tuple[tuple[str, ...], ...],
                  denials: frozenset[str] = frozenset()) -> int:
    """Mark every word inside a negation's scope; return how many negations were seen.

    A negation ("not", "never", "no", "without", a denial word) covers the rest of
    its clause, and a second one in the same clause cancels it ("not unlikely").
    "out of" negates only the next word: "talked Maduro out of leaving".
    """
    count = 0
    state = False
    clause = -1
    skip_next = 0
    one_word: int | None = None
    for i, tok in enumerate(toks):
        if tok.clause != clause:
            clause, state = tok.clause, False
        if skip_next:
            skip_next -= 1
            tok.neg = state
            continue
        if tok.low == "out" and i + 1 < len(toks) and toks[i + 1].low == "of":
            one_word, skip_next = i + 2, 1
            tok.neg = state
            continue
        if tok.low in negators or tok.low in denials or _starts_phrase(toks, i, phrases):
            state = not state
            count += 1
        tok.neg = state if one_word != i else not state
    return count


def _starts_phrase(toks: list[Tok], i: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    for phrase in phrases:
        if phrase[0] == "out":
            continue
        n = len(phrase)
        if toks[i].low == phrase[0] and tuple(t.low for t in toks[i : i + n]) == phrase:
            return phrase[0] not in ("no", "not")  # "no"/"not" count as single words already
    return False


def has_phrase(lows: list[str], phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The first listed phrase that occurs in the folded words, if any."""
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(lows) - n + 1):
            if lows[i] == phrase[0] and tuple(lows[i : i + n]) == phrase:
                return phrase
    return None


# One sentence splitter for the whole project: the pre-screen's, abbreviation-aware.
from ..nlp.select import sentence_spans  # noqa: E402,F401
