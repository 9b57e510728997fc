"""Headlines in Title Case, read in sentence case by the model.

The small English model tags "Obama Sees 'Personal Insult' If Blacks Don't Rally" or
"Sanders Vows To Eliminate Tax Breaks" as a string of proper nouns, so the cue verb
and its subject are lost.  Before parsing, the Analyzer lower-cases, in such lines
only, the words that are not names: reporting words and function words.  Names keep
their capitals, the text keeps its length, so every offset is unchanged, and the
document's own text is what statements are cut from.
"""

from __future__ import annotations

import re

from .cues import CUE_FORMS

# Closed-class words that Title Case capitalises.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor if as at by for from in into of off on onto over to up with
    without about after against before amid despite during since than that this these
    those through under until via is are was were be been being am has have had do does
    did will would shall should can could may might must not no its his her their our
    your my he she they it we you who whom which what when where why how""".split()
)

_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]*")
_LINE = re.compile(r"[^\n]+")


def _is_title_case(line: str) -> bool:
    """Most content words capitalised, over a short line: a headline, not a sentence."""
    if len(line) > 250:
        return False
    words = [w for w in _WORD.findall(line) if w.lower() not in FUNCTION_WORDS]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.8 * len(words) and not line.isupper()


def _sentence_case(line: str) -> str:
    def lower(m: re.Match[str]) -> str:
        word = m.group()
        if m.start() == 0 or not word[0].isupper() or word.isupper():
            return word
        folded = word.lower()
        return folded if folded in FUNCTION_WORDS or folded in CUE_FORMS else word

    return _WORD.sub(lower, line)


def sentence_case_headlines(text: str) -> str:
    """The text with Title Case lines in sentence case (same length, names kept)."""
    if not text:
        return text
    return _LINE.sub(lambda m: _sentence_case(m.group()) if _is_title_case(m.group()) else m.group(), text)


# --- Headlines run into the first sentence -------------------------------------------
#
# Some archives (the BBC news corpus among them) keep the headline and the body on one
# line: "Minister says fares to rise Transport Secretary Alan Moor has said fares…".
# The parser reads that as one sentence, so the headline's verb takes the lead's
# subject as its content.  Two facts of news writing find the seam without a model:
# a headline is short and written in headlinese (no article, no full stop), and the
# lead sentence restates it ("Minister says fares to rise" → "…has said fares will
# rise").  The seam is a capitalised word after a headline word; of the seams within
# headline length, the one whose headline the lead restates best wins.

MAX_HEADLINE_CHARS = 90
_RUN_IN_MIN_LINE = 160
_TOKEN = re.compile(r"\S+")
_LEAD_WINDOW = 40
_DETERMINERS = frozenset("the a an two three four five six some more most many all one".split())
_CLOSERS = "'’\"”"


def _bare(word: str) -> str:
    """A word folded for comparison: no quotes or punctuation, no possessive, lower case."""
    word = word.strip("'’\"“”‘(),.:;!?-").lower()
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]  # "cars" restated as "car"
    return word


def _capitalised(word: str) -> bool:
    core = word.lstrip("'‘\"“(")
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def _seam_after(prev: str) -> bool:
    """Whether a headline may end with this word: not mid-phrase ("at", "Britain's")."""
    if prev.endswith((",", ":", ";", "-", "—")):
        return False
    bare = _bare(prev)
    if not bare or bare in FUNCTION_WORDS:
        return False
    return not prev.rstrip(_CLOSERS).endswith(("'s", "’s")) or prev[-1] in _CLOSERS and prev.count(prev[-1]) > 1


def _restated(headline: list[str], lead: list[str]) -> float:
    """How well the lead restates the headline: shared content words minus unshared."""
    lead_words = {_bare(w) for w in lead}
    stems = {w[:5] for w in lead_words if len(w) >= 5}
    score = 0.0
    for word in headline:
        bare = _bare(word)
        if not bare or bare in FUNCTION_WORDS:
            continue
        if bare in lead_words or (len(bare) >= 5 and bare[:5] in stems):
            score += 1.0
        else:
            score -= 0.5
    return score


def run_in_headline_end(text: str) -> int | None:
    """Where a headline run into the first sentence ends, or None when there is none.

    Only a first line far longer than a headline is examined: a title on its own line
    is already a sentence of its own.
    """
    first_line = text.split("\n", 1)[0]
    if len(first_line) < _RUN_IN_MIN_LINE:
        return None
    words = list(_TOKEN.finditer(first_line[: MAX_HEADLINE_CHARS + 200]))
    best: tuple[float, int] | None = None
    for k in range(3, len(words)):  # a headline has three words at least
        start = words[k].start()
        if start > MAX_HEADLINE_CHARS:
            break
        word, prev = words[k].group(), words[k - 1].group()
        if "." in first_line[: start].rstrip(_CLOSERS + " ")[-1:] or not _capitalised(word) or not _seam_after(prev):
            continue
        if any(w.group().endswith((".", "!", "?")) and not w.group()[:-1].isupper() for w in words[: k - 1]):
            break  # a full stop: the first sentence ended already, no run-in headline
        headline = [w.group() for w in words[:k]]
        if _repeats_itself(headline):
            break  # "Women MPs reveal taunts Women…": the lead has begun already
        lead = [w.group() for w in words[k : k + _LEAD_WINDOW]]
        score = _restated(headline, lead)
        if _bare(word) in _DETERMINERS:
            score += 1.5
        if prev[-1] in _CLOSERS and prev[-2:-1] not in ("s",):
            score += 1.0  # "Hartley: 'I was never pressured' The attorney…"
        if _capitalised(prev) and prev[-1] not in _CLOSERS:
            score -= 1.0  # "…at Arsenal Chelsea boss": a name may go on (ties go to the later seam)
        if DEBUG:
            print("   cand", start, repr(first_line[:start]), round(score, 2))
        if best is None or score >= best[0]:
            best = (score, start)
    if best is None or best[0] < _MIN_SCORE:
        return None
    return best[1]


_MIN_SCORE = 0.5
DEBUG = False


def _repeats_itself(headline: list[str]) -> bool:
    """A headline names each thing once; a content word twice means the lead began."""
    seen: set[str] = set()
    for word in headline:
        bare = _bare(word)
        if not bare or bare in FUNCTION_WORDS:
            continue
        if bare in seen:
            return True
        seen.add(bare)
    return False
