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
