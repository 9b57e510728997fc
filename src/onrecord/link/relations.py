"""Supports and contradicts: comparing two propositions and naming the evidence.

Two statements are about the same thing when their content words match (same stem,
synonyms, opposites, or words of one event frame: *involve* ~ *support* ~ *send
troops*) and they share anchors (who and where).  Each word match carries the signs
of both sides; their weighted balance is the *agreement*: +1 when both say the same
thing, -1 when one negates or denies what the other asserts.

* **contradicts**: related, and the matched evidence disagrees in polarity (a denial
  against an assertion, a negation, opposites such as stay/leave), or the same
  quantity is given different numbers;
* **supports**: related, agreeing, neither side hedged, and two different speakers;
* everything else is **neutral**.

The same :func:`judge` serves the record's links and ``relate`` on free text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import lexicon
from .props import STRONG, Anchor, Prop, Quantity, Unit

SAME_STEM, SYNONYM, OPPOSITE, FRAME = 1.0, 0.9, 0.8, 0.45


@dataclass(slots=True)
class Match:
    """One piece of evidence: a word of each side, how strongly they match, and whether signs agree."""

    a: Unit
    b: Unit
    strength: float
    opposite: bool  # antonyms: the match itself flips polarity
    weight: float

    @property
    def agrees(self) -> int:
        sign = self.a.sign * self.b.sign
        return -sign if self.opposite else sign

    def describe(self) -> str:
        sa = f"not '{self.a.surface}'" if self.a.sign < 0 else f"'{self.a.surface}'"
        sb = f"not '{self.b.surface}'" if self.b.sign < 0 else f"'{self.b.surface}'"
        link = "↔" if self.opposite else "~" if self.strength < SAME_STEM else "="
        return f"{sa} {link} {sb}"


@dataclass
class Comparison:
    """What two propositions share, and how much of each it covers."""

    matches: list[Match] = field(default_factory=list)
    anchors: list[tuple[Anchor, Anchor, float]] = field(default_factory=list)
    related: float = 0.0
    agreement: float = 0.0

    def strong(self, agrees: int | None = None) -> list[Match]:
        return [m for m in self.matches if m.strength >= STRONG and m.a.weight >= 0.5 and m.b.weight >= 0.5
                and (agrees is None or m.agrees == agrees)]

    def frame(self, agrees: int) -> list[Match]:
        return [m for m in self.matches if m.strength < STRONG and m.agrees == agrees]

    def anchor_names(self) -> list[str]:
        names: list[str] = []
        for a, b, _ in self.anchors:
            label = a.name if a.name == b.name else f"{a.surface}/{b.surface}"
            if label not in names:
                names.append(label)
        return names

    def content_anchors(self) -> int:
        """Distinct shared anchors, counting an entity and its country once."""
        return len({frozenset(a.keys & b.keys) or a.name for a, b, _ in self.anchors})


@dataclass
class Verdict:
    relation: str  # supports | contradicts | neutral
    score: float
    why: str


def _best_match(u: Unit, other: list[Unit], by_stem: dict[str, Unit]) -> Match | None:
    if u.stem in by_stem:
        v = by_stem[u.stem]
        return Match(u, v, SAME_STEM, False, SAME_STEM * (u.weight * v.weight) ** 0.5)
    if not u.clusters:
        return None
    antonyms = lexicon().antonyms
    best: Match | None = None
    for v in other:
        if not v.clusters:
            continue
        if u.clusters & v.clusters:
            strength, opposite = SYNONYM, False
        elif any((c, d) in antonyms for c in u.clusters for d in v.clusters):
            strength, opposite = OPPOSITE, True
        elif u.frames & v.frames:
            strength, opposite = FRAME, False
        else:
            continue
        weight = strength * (u.weight * v.weight) ** 0.5
        if best is None or weight > best.weight:
            best = Match(u, v, strength, opposite, weight)
    return best


def _anchor_matches(a: Prop, b: Prop) -> list[tuple[Anchor, Anchor, float]]:
    """Shared anchors; a speaker-implied anchor never matches another speaker-implied one."""
    out: list[tuple[Anchor, Anchor, float]] = []
    for x in a.anchors:
        best: tuple[Anchor, Anchor, float] | None = None
        for y in b.anchors:
            if x.speaker and y.speaker:
                continue
            s = 1.0 if x.name == y.name else 0.6 if x.keys & y.keys else 0.0
            if s and (best is None or s > best[2]):
                best = (x, y, s)
        if best:
            out.append(best)
    return out


def compare(a: Prop, b: Prop) -> Comparison:
    """Match words both ways and anchors; relatedness is the share of both sides covered."""
    cmp = Comparison()
    by_stem_b = {u.stem: u for u in b.units}
    by_stem_a = {u.stem: u for u in a.units}
    covered_a = covered_b = 0.0
    seen: set[tuple[str, str]] = set()
    for u in a.units:
        m = _best_match(u, b.units, by_stem_b)
        if m:
            covered_a += m.weight
            cmp.matches.append(m)
            seen.add((m.a.stem, m.b.stem))
    for v in b.units:
        m = _best_match(v, a.units, by_stem_a)
        if m:
            covered_b += m.weight
            if (m.b.stem, m.a.stem) not in seen:  # keep A on the left
                cmp.matches.append(Match(m.b, m.a, m.strength, m.opposite, m.weight))
    cmp.anchors = _anchor_matches(a, b) + [(x, y, s) for y, x, s in _anchor_matches(b, a)]
    anchor_a = sum(s for x, _, s in cmp.anchors[: len(cmp.anchors)] if not x.speaker)
    weight_a, weight_b = a.weight(), b.weight()
    total = weight_a + weight_b
    if total:
        anchor_cover = sum(s * (0.5 if (x.speaker or y.speaker) else 1.0) for x, y, s in cmp.anchors)
        cmp.related = min(1.0, (covered_a + covered_b + anchor_cover) / total)
    del anchor_a
    weighted = sum(m.weight for m in cmp.matches)
    if weighted:
        cmp.agreement = sum(m.weight * m.agrees for m in cmp.matches) / weighted
    cmp.anchors = _dedupe_pairs(cmp.anchors)
    return cmp


def _dedupe_pairs(pairs: list[tuple[Anchor, Anchor, float]]) -> list[tuple[Anchor, Anchor, float]]:
    seen: set[frozenset[str]] = set()
    out = []
    for x, y, s in pairs:
        key = frozenset((x.name, y.name))
        if key not in seen:
            seen.add(key)
            out.append((x, y, s))
    return out


# ---------------------------------------------------------------- the rules

MIN_RELATED_CONTRADICTS = 0.2
MIN_RELATED_SUPPORTS = 0.3
MIN_RELATED_NUMBERS = 0.45


def judge(a: Prop, b: Prop, cmp: Comparison | None = None, *, free_text: bool = False) -> Verdict:
    """supports / contradicts / neutral for two propositions, with score and evidence.

    ``free_text`` is ``relate``'s mode: the two texts were put side by side by a
    person, so they are taken to be about the same story and a weaker overlap counts
    (a headline rarely repeats a claim's words); a refutation or hedge in the text
    then decides on its own.  The record's links never assume that.
    """
    if a.question or b.question:
        return Verdict("neutral", 0.0, "a question asserts nothing")
    cmp = cmp or compare(a, b)
    verdict = _contradiction(a, b, cmp, free_text) or _numbers(a, b, cmp) or _support(a, b, cmp, free_text)
    return verdict or Verdict("neutral", round(cmp.related, 3), "no shared proposition with a clear polarity")


def _evidence(cmp: Comparison, matches: list[Match]) -> str:
    parts = [m.describe() for m in sorted(matches, key=lambda m: -m.weight)[:3]]
    names = cmp.anchor_names()[:3]
    if names:
        parts.append("about " + ", ".join(names))
    return "; ".join(parts)


def _side(p: Prop) -> str:
    if p.narration:
        return "the outlet reports"
    who = p.speaker or "the source"
    return f"{who} denies" if p.deny else f"{who} says"


def _contradiction(a: Prop, b: Prop, cmp: Comparison, free_text: bool) -> Verdict | None:
    opposed_strong = cmp.strong(agrees=-1)
    opposed_frame = cmp.frame(agrees=-1)
    anchors = cmp.content_anchors()
    if free_text and (bool(a.refute) != bool(b.refute)) and cmp.agreement <= 0.34:
        word = a.refute or b.refute
        return Verdict("contradicts", round(0.6 + 0.4 * min(1.0, cmp.related), 3), f"one side calls it '{word}'")
    min_related = 0.0 if free_text else MIN_RELATED_CONTRADICTS
    if cmp.agreement > -0.34 or cmp.related < min_related:
        return None
    if not opposed_strong and not (opposed_frame and (anchors >= 2 or free_text)):
        return None
    if not free_text and not opposed_strong and cmp.related < MIN_RELATED_CONTRADICTS + 0.1:
        return None
    score = _score(cmp, opposed_strong or opposed_frame)
    kind = _contradiction_kind(a, b, opposed_strong or opposed_frame)
    return Verdict("contradicts", score, f"{kind}: {_evidence(cmp, opposed_strong + opposed_frame)}")


def _contradiction_kind(a: Prop, b: Prop, matches: list[Match]) -> str:
    if a.narration or b.narration:
        other = b if a.narration else a
        return f"{_side(other)} against what the outlet reports"
    if a.deny != b.deny:
        denier, asserter = (a, b) if a.deny else (b, a)
        if denier.refute and denier.refute not in ("not", "no"):
            return f"'{denier.refute}': {_side(denier)} what {asserter.speaker or 'the other side'} asserts"
        return f"denial against assertion ({_side(denier)} what {asserter.speaker or 'the other side'} asserts)"
    if any(m.opposite for m in matches):
        return "opposite predicates"
    return "negation: one side says the opposite"


def _score(cmp: Comparison, matches: list[Match]) -> float:
    """Relatedness times how one-sided the polarity is, lifted by strong evidence and shared anchors."""
    strong = sum(1 for m in matches if m.strength >= STRONG)
    base = 0.35 + 0.65 * min(1.0, cmp.related * 1.6)
    lift = min(0.15, 0.05 * strong + 0.03 * cmp.content_anchors())
    return round(min(1.0, base * abs(cmp.agreement) + lift), 3)


def _numbers(a: Prop, b: Prop, cmp: Comparison) -> Verdict | None:
    """The same quantity given different numbers, in otherwise agreeing statements."""
    if cmp.related < MIN_RELATED_NUMBERS or cmp.agreement < 0.34 or a.deny != b.deny:
        return None
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.unit == qb.unit and _disjoint(qa, qb):
                why = f"different numbers for the same '{qa.unit}': '{qa.surface}' vs '{qb.surface}'"
                return Verdict("contradicts", round(0.5 + 0.4 * cmp.related, 3), f"{why}; {_evidence(cmp, cmp.strong(1))}")
    return None


def _disjoint(x: Quantity, y: Quantity) -> bool:
    return x.high < y.low or y.high < x.low


def _support(a: Prop, b: Prop, cmp: Comparison, free_text: bool) -> Verdict | None:
    if a.narration or b.narration or cmp.agreement < 0.5:
        return None
    if (a.hedge and not free_text) or b.hedge:
        if not (free_text and b.hedge and a.hedge == b.hedge):
            return None
    if not free_text:
        if a.speaker and a.speaker == b.speaker:
            return None  # a speaker agreeing with themself is a repeat, not support
        if cmp.related < MIN_RELATED_SUPPORTS:
            return None
        agreeing = cmp.strong(agrees=1)
        if len(agreeing) < 1 or (cmp.content_anchors() < 1 and len(agreeing) < 2):
            if not (cmp.frame(agrees=1) and cmp.content_anchors() >= 2):
                return None
    matches = cmp.strong(agrees=1) or cmp.frame(agrees=1)
    score = _score(cmp, matches)
    return Verdict("supports", score, f"agree: {_evidence(cmp, matches)}")
