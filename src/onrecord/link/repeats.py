"""Repeats: one utterance carried by several articles, grouped with every source kept.

Five outlets quoting the same Putin line should read as one utterance with five
sources, not five statements.  A pair is a repeat when the speakers agree (or one is
unknown) and the content is

* the same quote (equal once case, accents, quote marks and punctuation are folded);
* near-exact: rapidfuzz token-set ratio ≥ 90 with comparable lengths, or half the
  word 3-shingles shared (a trimmed or re-punctuated quote);
* the same reported content: the propositions cover each other (relatedness ≥ 0.6)
  with the same polarity, e.g. a quote and its paraphrase in indirect speech.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..model import Link, Statement
from .props import Prop
from .relations import Comparison, Verdict, _evidence

_PUNCT = re.compile(r"[^\w\s]")
NEAR_EXACT = 90.0
SHINGLE_SHARE = 0.5
SAME_CONTENT = 0.6


def _norm(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text).split())


def _shingles(words: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def speakers_agree(a: Prop, b: Prop) -> bool:
    return a.speaker is None or b.speaker is None or a.speaker == b.speaker


def repeat_verdict(a: Prop, b: Prop, cmp: Comparison | None = None) -> Verdict | None:
    """A repeats verdict with score and reason, or None (see the module docstring)."""
    if a.narration or b.narration or not speakers_agree(a, b) or a.deny != b.deny:
        return None
    ta, tb = _norm(a.text), _norm(b.text)
    if not ta or not tb:
        return None
    if cmp is not None and cmp.agreement < 0.5 and ta != tb:
        return None  # one "not" apart: near-identical words, opposite claims
    if ta == tb:
        return Verdict("repeats", 1.0, "the same quote")
    wa, wb = ta.split(), tb.split()
    short, long_ = sorted((len(wa), len(wb)))
    if short >= 4 and short / long_ >= 0.6:
        ratio = fuzz.token_set_ratio(ta, tb)
        if ratio >= NEAR_EXACT:
            return Verdict("repeats", round(ratio / 100, 3), f"near-exact quote (token-set ratio {ratio:.0f})")
    if short >= 6:
        sa, sb = _shingles(wa), _shingles(wb)
        share = len(sa & sb) / min(len(sa), len(sb))
        if share >= SHINGLE_SHARE:
            return Verdict("repeats", round(0.7 + 0.25 * share, 3), f"{share:.0%} of word 3-shingles shared")
    if cmp is not None and a.speaker and a.speaker == b.speaker and cmp.agreement >= 0.8:
        strong = cmp.strong(agrees=1)
        if cmp.related >= SAME_CONTENT and (len(strong) >= 2 or _contained(a, b, cmp)):
            return Verdict("repeats", round(0.5 + 0.4 * cmp.related, 3), f"the same reported content: {_evidence(cmp, strong)}")
    return None


def _contained(a: Prop, b: Prop, cmp: Comparison) -> bool:
    """Every word and anchor of the shorter content is matched in the longer one."""
    short = a if a.weight() <= b.weight() else b
    matched_units = {id(m.a) for m in cmp.matches} | {id(m.b) for m in cmp.matches}
    matched_anchors = {id(x) for x, _, _ in cmp.anchors} | {id(y) for _, y, _ in cmp.anchors}
    return all(id(u) in matched_units for u in short.units) and all(
        id(x) in matched_anchors for x in short.anchors if not x.speaker) and bool(short.units)


def repeat_groups(links: list[Link]) -> list[list[str]]:
    """Statement ids grouped by their repeats links (connected components), largest first."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ln in links:
        if ln.relation == "repeats":
            parent[find(ln.a)] = find(ln.b)
    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))


def overlapping(a: Statement, b: Statement) -> bool:
    """Two statements of one document over the same characters (a nested attribution)."""
    if a.doc_id != b.doc_id:
        return False
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.content_spans for s2, e2 in b.content_spans)
