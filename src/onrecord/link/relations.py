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
SPECIFIC = 0.6  # an anchor weighing less is everywhere in the record and ties nothing together


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
        return [m for m in self.matches if m.strength >= STRONG and m.a.weight > 0.3 and m.b.weight > 0.3
                and (agrees is None or m.agrees == agrees)]

    def frame(self, agrees: int) -> list[Match]:
        return [m for m in self.matches if m.strength < STRONG and m.agrees == agrees and _counts_for_polarity(m)]

    def decisive(self, agrees: int) -> bool:
        """A strong match of a predicate or of what a negation is about, with this polarity."""
        return any(min(m.a.polar, m.b.polar) >= 1.0 for m in self.strong(agrees))

    def evidence(self, agrees: int) -> float:
        """The weight of strong evidence of one polarity: a predicate counts 1, a plain word 0.6, a name 0.1."""
        return sum(m.strength * min(m.a.polar, m.b.polar) for m in self.strong(agrees))

    def anchor_names(self) -> list[str]:
        names: list[str] = []
        for a, b, _ in self.anchors:
            label = a.name if a.name == b.name else f"{a.surface}/{b.surface}"
            if label not in names:
                names.append(label)
        return names

    def content_anchors(self) -> int:
        """Distinct shared anchors written (or pronoun-implied) on both sides; an entity and its country count once.

        A bare speaker ("Trump said …") is not what the content is about, so it only
        adds to relatedness, never to this count.
        """
        return len({frozenset(a.keys & b.keys) or a.name for a, b, _ in self.anchors
                    if not (_bare(a) or _bare(b)) and min(a.weight, b.weight) >= SPECIFIC})


def _bare(a: Anchor) -> bool:
    return a.speaker and a.surface == a.name


@dataclass
class Verdict:
    relation: str  # supports | contradicts | neutral
    score: float
    why: str


def _strength(u: Unit, v: Unit) -> tuple[float, bool]:
    """How two words match: same stem, synonyms, opposites, one event frame, or not at all."""
    if u.stem == v.stem:
        return SAME_STEM, False
    if not u.clusters or not v.clusters:
        return 0.0, False
    if u.clusters & v.clusters:
        return SYNONYM, False
    antonyms = lexicon().antonyms
    if any((c, d) in antonyms for c in u.clusters for d in v.clusters):
        return OPPOSITE, True
    if u.frames & v.frames:
        return FRAME, False
    return 0.0, False


def _word_matches(a: list[Unit], b: list[Unit]) -> list[Match]:
    """A one-to-one matching of words, strongest first: each word is evidence once."""
    by_stem = {v.stem: j for j, v in enumerate(b)}
    with_clusters = [(j, v) for j, v in enumerate(b) if v.clusters]
    candidates: list[tuple[float, int, int, float, bool]] = []
    for i, u in enumerate(a):
        j = by_stem.get(u.stem)
        if j is not None:
            candidates.append((SAME_STEM * (u.weight * b[j].weight) ** 0.5, i, j, SAME_STEM, False))
        if not u.clusters:
            continue
        for j, v in with_clusters:
            if v.stem == u.stem:
                continue
            strength, opposite = _strength(u, v)
            if strength:
                candidates.append((strength * (u.weight * v.weight) ** 0.5, i, j, strength, opposite))
    candidates.sort(key=lambda c: -c[0])
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[Match] = []
    for weight, i, j, strength, opposite in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append(Match(a[i], b[j], strength, opposite, weight))
    return out


def _anchor_matches(a: Prop, b: Prop) -> list[tuple[Anchor, Anchor, float]]:
    """Shared anchors, one-to-one; a speaker-implied anchor never matches another speaker-implied one."""
    candidates = []
    for i, x in enumerate(a.anchors):
        for j, y in enumerate(b.anchors):
            if x.speaker and y.speaker:
                continue
            s = 1.0 if x.name == y.name else 0.6 if x.keys & y.keys else 0.0
            if s:
                candidates.append((s, i, j))
    candidates.sort(key=lambda c: -c[0])
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for s, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((a.anchors[i], b.anchors[j], s))
    return out


def compare(a: Prop, b: Prop) -> Comparison:
    """Match words and anchors one-to-one; relatedness is the share of both sides covered."""
    cmp = Comparison()
    cmp.matches = _word_matches(a.units, b.units)
    cmp.anchors = _anchor_matches(a, b)
    wa, wb = a.weight(), b.weight()
    if wa and wb:
        words = sum(m.weight for m in cmp.matches)
        anchors = sum(s * min(x.weight, y.weight) * (1.0 if not (x.speaker or y.speaker) else 0.5) for x, y, s in cmp.anchors)
        shared = words + anchors
        # Dice over both sides, raised towards the coverage of the shorter one: a short
        # statement wholly inside a long one is about the same thing.
        dice = 2 * shared / (wa + wb)
        cmp.related = min(1.0, 0.5 * dice + 0.5 * shared / min(wa, wb))
    cmp.agreement = _agreement([m for m in cmp.matches if _counts_for_polarity(m)])
    return cmp


def _agreement(matches: list[Match]) -> float:
    """Do the matched words agree in polarity (+1) or not (-1)?  Asked of the most telling tier.

    What a negation is about decides first ("sent *no* troops" against "sent troops"),
    then predicates ("prices rose" against "prices fell", whatever else is shared),
    then all words weighted by how much their sign says.
    """
    tiers = (
        [m for m in matches if m.a.focus or m.b.focus],
        [m for m in matches if min(m.a.polar, m.b.polar) >= 1.0],
        matches,
    )
    for tier in tiers:
        weighted = sum(m.weight * min(m.a.polar, m.b.polar) for m in tier)
        if weighted:
            return sum(m.weight * min(m.a.polar, m.b.polar) * m.agrees for m in tier) / weighted
    return 0.0


def _counts_for_polarity(m: Match) -> bool:
    """A frame match speaks to polarity only through the frame's general word.

    Not being *involved* denies any support or troops; denying one act (*persuade*)
    says nothing about another (*back*) of the same frame.
    """
    if m.strength != FRAME:
        return True
    heads = lexicon().frame_heads
    return bool((m.a.clusters | m.b.clusters) & heads)


# ---------------------------------------------------------------- the rules

MIN_RELATED_CONTRADICTS = 0.2
MIN_RELATED_SUPPORTS = 0.3
MIN_RELATED_NUMBERS = 0.6
MIN_RELATED_DATES = 0.7
MIN_EVIDENCE = 0.9  # one predicate (same or synonym), or two plain words, of the right polarity
MIN_RELATED_OPPOSITE = 0.6  # opposites alone (rose/fell) decide only between otherwise matching statements
MIN_RELATED_FRAME = 0.35  # a frame-only match (not involved ~ support) needs more of both statements shared


def judge(a: Prop, b: Prop, cmp: Comparison | None = None, *, free_text: bool = False) -> Verdict:
    """supports / contradicts / neutral for two propositions, with score and evidence.

    ``free_text`` is ``relate``'s mode: the two texts were put side by side by a
    person, so they are taken to be about the same story and a weaker overlap counts
    (a headline rarely repeats a claim's words); a refutation or hedge in the text
    then decides on its own.  The record's links never assume that.
    """
    if (a.question or b.question) and not free_text:
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
    if free_text:
        # a person put the two side by side: one side calling the story false decides
        word = _one_sided(a.refute, b.refute) or _one_sided(a.denial, b.denial)
        if word:
            return Verdict("contradicts", round(0.6 + 0.4 * min(1.0, cmp.related), 3), f"one side calls it false: '{word}'")
    if cmp.agreement > -0.34 or (not free_text and cmp.related < MIN_RELATED_CONTRADICTS):
        return None
    strong = cmp.evidence(agrees=-1)
    heads = cmp.frame(agrees=-1)
    anchors = cmp.content_anchors()
    if free_text:
        if strong <= 0 and not heads:
            return None
    elif not ((strong >= MIN_EVIDENCE and cmp.decisive(-1)) or (heads and anchors >= 2 and cmp.related >= MIN_RELATED_FRAME)
              or (cmp.decisive(-1) and cmp.related >= MIN_RELATED_OPPOSITE)):
        return None
    elif anchors < 1 and cmp.related < 0.5:
        return None  # sharing words but no one and nowhere: different stories
    matches = cmp.strong(agrees=-1) + heads
    score = _score(cmp, strong + 0.5 * len(heads), anchors)
    return Verdict("contradicts", score, f"{_contradiction_kind(a, b, matches)}: {_evidence(cmp, matches)}")


def _one_sided(x: str | None, y: str | None) -> str | None:
    return (x or y) if bool(x) != bool(y) else None


def _contradiction_kind(a: Prop, b: Prop, matches: list[Match]) -> str:
    if a.narration or b.narration:
        other = b if a.narration else a
        return f"{_side(other)} against what the outlet reports"
    if a.deny != b.deny:
        denier, asserter = (a, b) if a.deny else (b, a)
        if denier.refute_claim:
            return f"'{denier.refute_claim}': {_side(denier)} what {asserter.speaker or 'the other side'} asserts"
        return f"denial against assertion ({_side(denier)} what {asserter.speaker or 'the other side'} asserts)"
    if any(m.opposite for m in matches):
        return "opposite predicates"
    return "negation: one side says the opposite"


def _score(cmp: Comparison, evidence: float, anchors: int) -> float:
    """0–1: how much of both statements the shared proposition covers, how clear its polarity
    is, and how much evidence and how many shared anchors back it."""
    coverage = min(1.0, cmp.related / 0.6)
    clarity = abs(cmp.agreement)
    support = min(1.0, evidence / 2.5) * 0.6 + min(1.0, anchors / 3) * 0.4
    return round(0.4 * coverage + 0.3 * clarity * coverage + 0.3 * support, 3)


def _numbers(a: Prop, b: Prop, cmp: Comparison) -> Verdict | None:
    """The same quantity given different numbers, in otherwise agreeing statements."""
    if cmp.related < MIN_RELATED_NUMBERS or cmp.agreement < 0.34 or a.deny != b.deny:
        return None
    if a.years and b.years and a.years.isdisjoint(b.years):
        # the same event dated differently: only when everything else matches closely,
        # since two years usually mean two events ("the 2016 election", "the 2020 election")
        if len(a.years) == len(b.years) == 1 and cmp.related >= MIN_RELATED_DATES and cmp.decisive(1):
            why = f"different dates for the same event: {next(iter(a.years))} vs {next(iter(b.years))}"
            return Verdict("contradicts", round(0.4 + 0.5 * cmp.related, 3), f"{why}; {_evidence(cmp, cmp.strong(1))}")
        return None
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.unit == qb.unit and qa.unit not in _LOOSE_UNITS and len(qa.unit) > 2 and _disjoint(qa, qb):
                why = f"different numbers for the same '{qa.unit}': '{qa.surface}' vs '{qb.surface}'"
                return Verdict("contradicts", round(0.4 + 0.5 * cmp.related, 3), f"{why}; {_evidence(cmp, cmp.strong(1))}")
    return None


# Units that measure many different things (money, shares, time): equal units do not mean one quantity.
_LOOSE_UNITS = frozenset(
    """percent per cent pct point dollar pound euro yen rupe yuan rouble ruble franc year month week day hour minute
    second time bn m k""".split()
)


def _disjoint(x: Quantity, y: Quantity) -> bool:
    return x.high < y.low or y.high < x.low


def _support(a: Prop, b: Prop, cmp: Comparison, free_text: bool) -> Verdict | None:
    if a.narration or b.narration or cmp.agreement < 0.5:
        return None
    if free_text and b.hedges - a.hedges:
        return None  # the text reports the claim without vouching for it
    if not free_text and (a.hedges or b.hedges):
        return None
    strong = cmp.evidence(agrees=1)
    heads = cmp.frame(agrees=1)
    anchors = cmp.content_anchors()
    if not free_text:
        if a.speaker and a.speaker == b.speaker:
            return None  # a speaker agreeing with themself is a repeat, not support
        if cmp.related < MIN_RELATED_SUPPORTS:
            return None
        if not ((strong >= 1.5 and anchors >= 1 and cmp.decisive(1)) or (strong >= 2.4 and anchors >= 1 and cmp.related >= 0.5)
                or (heads and anchors >= 2 and cmp.related >= MIN_RELATED_FRAME)):
            return None
    matches = cmp.strong(agrees=1) + heads
    score = _score(cmp, strong + 0.5 * len(heads), anchors)
    return Verdict("supports", score, f"agree: {_evidence(cmp, matches)}")
