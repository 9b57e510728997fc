"""The alignment gate: a record link only between claims about the same thing.

The word-level rules (relations.py) propose supports and contradicts links; a
fact-checker trusts only those where the two statements make claims a linguist would
align.  A ``contradicts`` link needs, for one clause of each content (clauses.py):

* the **same subject** — the same resolved entity (the Kremlin and Russia are one
  state; "we" is the speaker; "his government" is the speaker's state), or the same
  common-noun head pinned down by the same names ("house prices in London");
* the **same predicate** — one lemma, synonyms or antonyms of the lexicon, or one
  event frame through its general word ("not involved" against "offering support"),
  each a predicate of its clause, never a noun that happens to share a stem;
* **compatible arguments** — objects and places that do not differ, years that do not
  differ (two years are usually two events);
* an **opposition** — a denial against an assertion, a negation, antonymous
  predicates, or different numbers for the same measure of the same subject.

Irrealis clauses (conditionals, modals, wishes and expectations) make no claim
(clauses.py).  The outlet's own narration takes part only through clauses that
report an event of a named subject ("Russia landed troops"), never a description.  ``supports`` needs
the same alignment with agreeing polarity.

:func:`decide` is the one place where the stance of two aligned claims is decided;
a trained stance judge can be consulted there as an extra check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ..model import Link, Statement
from .clauses import Amount, Claim, Pred, Subject, claims, is_state, parse_each, words
from .lexicon import lexicon
from .props import AnchorIndex, Prop
from .repeats import repeat_groups
from .relations import FRAME, OPPOSITE, SAME_STEM, SYNONYM, _strength
from .text import fold


@dataclass
class Alignment:
    """Two claims that share subject and predicate, with the matched predicate words."""

    a: Prop
    b: Prop
    ca: Claim
    cb: Claim
    pa: Pred
    pb: Pred
    strength: float
    opposite: bool

    @property
    def agrees(self) -> int:
        sign = self.pa.sign * self.pb.sign
        return -sign if self.opposite else sign


@dataclass
class Stance:
    """A decided relation with its score, the reason in plain words, and the opposing words of each side."""

    relation: str
    score: float
    why: str
    opposed: tuple[str, str]


# ---------------------------------------------------------------- subjects and arguments

_COLLECTIVE = frozenset({"we", "us", "our", "ours"})  # an official's "we" is the state or body they speak for


def same_subject(x: Subject | None, y: Subject | None, private: frozenset[str] = frozenset()) -> str | None:
    """"entity" when both name one entity, "generic" for one common-noun head without names, else None.

    A state stands for its government and seat ("the Kremlin", "the Russian government"), for
    those who hold its offices (Putin) and for the "we" of anyone speaking for it; never for a
    ``private`` person as such: Wales winning is not the actor Clive Owen's "I haven't won anything".
    """
    if x is None or y is None:
        return None
    if x.head or y.head:
        if not (x.head and y.head and x.head == y.head):
            return None
        if x.names or y.names:
            return "entity" if x.names & y.names else None
        return "generic"
    if x.names & y.names:
        return "entity"
    for p, q in ((x, y), (y, x)):
        for name in p.names:
            state = is_state(name)
            if state and state in q.keys and (not (q.names & private) or fold(q.surface) in _COLLECTIVE):
                return "entity"
    return None


def _arguments_agree(ca: Claim, cb: Claim, pa: Pred, pb: Pred) -> bool:
    """Objects and places that are not different things, and no two different years."""
    oa, ob = ca.objects - {pa.stem}, cb.objects - {pb.stem}
    if oa and ob and not (oa & ob):
        return False
    if ca.places and cb.places and not (ca.places & cb.places):
        return False
    return True


def _predicates_match(pa: Pred, pb: Pred) -> tuple[float, bool]:
    strength, opposite = _strength(pa, pb)  # type: ignore[arg-type]
    if strength == FRAME and not ((pa.clusters | pb.clusters) & lexicon().frame_heads):
        return 0.0, False  # denying one act of a frame says nothing about another
    if strength == SAME_STEM and not (pa.verb or pb.verb or pa.clusters):
        # two nouns sharing a stem are one predicate only as the heads of nominal claims
        return strength, False
    return strength, opposite


def align(a: Prop, b: Prop, claims_a: list[Claim], claims_b: list[Claim], private: frozenset[str] = frozenset()) -> list[Alignment]:
    """Every pair of clauses that share subject, predicate and arguments, strongest predicate match first."""
    out: list[Alignment] = []
    for ca in claims_a:
        if a.narration and not _reportable(ca):
            continue
        for cb in claims_b:
            if b.narration and not _reportable(cb):
                continue
            if ca.nominal != cb.nominal:
                continue  # a noun phrase ("tax cuts") is a claim only against another noun phrase
            subject = same_subject(ca.subject, cb.subject, private)
            if subject is None or (subject == "generic" and not (ca.names & cb.names) and not _one_voice(a, b)):
                continue  # "profits rose" is about whoever speaks: the same only in one voice or with one name
            for pa in ca.preds:
                for pb in cb.preds:
                    strength, opposite = _predicates_match(pa, pb)
                    if (ca.bare or cb.bare) and (opposite or strength < SYNONYM):
                        continue  # a bare noun ("increases") is a claim only against the same word
                    if strength and _arguments_agree(ca, cb, pa, pb):
                        out.append(Alignment(a, b, ca, cb, pa, pb, strength, opposite))
    out.sort(key=lambda al: (-al.strength, al.opposite))
    return out


def _one_voice(a: Prop, b: Prop) -> bool:
    """One speaker, or one article: there "the programme" is the same programme throughout."""
    return a.doc == b.doc or (bool(a.speaker) and a.speaker == b.speaker)


def _reportable(c: Claim) -> bool:
    """Outlet narration counts only as an event of a named subject: "Russia landed troops", not "the music is dead"."""
    return c.eventive and not c.copular and c.subject is not None and bool(c.subject.names) and not c.subject.implicit


# ---------------------------------------------------------------- the stance of aligned claims


def decide(al: Alignment, proposed: str) -> Stance | None:
    """The stance of two aligned claims: the one seam where a stance judge may be added as a further check.

    ``proposed`` is what the word-level rules said (supports or contradicts); the
    aligned claims must say the same.
    """
    a, b = al.a, al.b
    hedged = bool(a.hedges or b.hedges)
    if al.agrees < 0 and proposed == "contradicts":
        kind, base = _opposition_kind(al)
    elif al.agrees > 0 and proposed == "contradicts":
        numbers = _numbers(al) or _dates(al)
        if numbers is None:
            return None
        kind, base = numbers
    elif al.agrees > 0 and proposed == "supports" and not hedged:
        return Stance("supports", round(_certainty(al, 0.7), 3), f"agree: {_evidence(al)}", (al.pa.surface, al.pb.surface))
    else:
        return None
    if _measures_change(al) and not _same_scope(al.ca, al.cb):
        return None
    if al.strength == FRAME:
        base *= 0.75
    elif al.strength == OPPOSITE or al.strength == SYNONYM:
        base *= 0.95
    return Stance("contradicts", round(_certainty(al, base), 3), f"{kind}: {_evidence(al)}", (al.pa.surface, al.pb.surface))


def _measures_change(al: Alignment) -> bool:
    """A rise against a fall, or two figures: claims about a measure and how it changed."""
    return bool(al.ca.amounts and al.cb.amounts) or "change" in (al.pa.frames | al.pb.frames)


def _same_scope(ca: Claim, cb: Claim) -> bool:
    """The same measure is opposed only over the same place and period.

    "House prices fell 0.4% in October" does not contradict "prices rose in Greater London" (a
    region against the nation) nor "11.8% higher on the year" (a year against a month): both
    sides must name the same places (or none) and measure over the same period.
    """
    def scope(c: Claim) -> frozenset[str]:
        return frozenset(n for n in c.names if not (n.startswith("n:") and f"in:{n[2:5]}" in c.periods))

    if scope(ca) != scope(cb):
        return False
    units_a = {p for p in ca.periods if not p.startswith("in:")}
    units_b = {p for p in cb.periods if not p.startswith("in:")}
    months_a, months_b = ca.periods - units_a, cb.periods - units_b
    return units_a == units_b and (not (months_a and months_b) or bool(months_a & months_b))


def superseded(al: Alignment, statements: dict[str, Statement]) -> bool:
    """A negated perfect is true up to when it was said: a later event does not contradict it.

    "In 2003, Stewart said he had never won a Grammy" and "Stewart won his first Grammy" (told
    later) can both be true.  When the negated side is dated from its own text, the other side
    contradicts it only if dated no later.
    """
    for neg, claim, pred, other in ((al.a, al.ca, al.pa, al.b), (al.b, al.cb, al.pb, al.a)):
        if pred.sign >= 0 or neg.deny or not claim.perfect:
            continue
        said, event = statements.get(neg.id), statements.get(other.id)
        if said is None or event is None or said.date_source != "text" or not said.date:
            continue
        if not event.date or event.date[:len(said.date)] > said.date:
            return True
    return False


def _evidence(al: Alignment) -> str:
    """The opposing words, then each side in plain words."""
    link = "↔" if al.opposite else "=" if al.strength == SAME_STEM else "~"
    sa = f"not '{al.pa.surface}'" if al.pa.sign < 0 else f"'{al.pa.surface}'"
    sb = f"not '{al.pb.surface}'" if al.pb.sign < 0 else f"'{al.pb.surface}'"
    return f"{sa} {link} {sb} ({_clause(al, 'a')}; {_clause(al, 'b')})"


def _certainty(al: Alignment, base: float) -> float:
    """Specific (a named subject, a verb) and certain (no hedge, a speaker on each side) scores higher."""
    score = base
    subject = al.ca.subject
    if subject is not None and subject.head:
        score *= 0.9
    if al.a.hedges or al.b.hedges:
        score *= 0.8
    if al.a.narration or al.b.narration:
        score *= 0.9
    if not (al.pa.verb and al.pb.verb):
        score *= 0.9
    return min(1.0, score)


def _opposition_kind(al: Alignment) -> tuple[str, float]:
    a, b = al.a, al.b
    if a.narration or b.narration:
        other = b if a.narration else a
        return f"{other.speaker or 'a source'} {'denies' if other.deny else 'says'} against what the outlet reports", 0.85
    if a.deny != b.deny:
        return "denial against assertion", 0.95
    if al.opposite:
        return "opposite predicates", 0.8
    return "negation: one side says the opposite", 0.85


def _numbers(al: Alignment) -> tuple[str, float] | None:
    """Different numbers for the same measure of the same subject, in the same period."""
    if al.strength < SYNONYM or al.opposite:
        return None
    ya, yb = al.ca.years | al.a.years, al.cb.years | al.b.years
    if ya and yb and ya.isdisjoint(yb):
        return None
    for qa in al.ca.amounts:
        for qb in al.cb.amounts:
            if qa.unit == qb.unit and _disjoint(qa, qb):
                return f"different numbers for the same measure: '{qa.surface}' against '{qb.surface}'", 0.75
    return None


def _dates(al: Alignment) -> tuple[str, float] | None:
    """One event (same verb, same object, both past) dated in two different years."""
    ca, cb = al.ca, al.cb
    if al.strength != SAME_STEM or not (ca.eventive and cb.eventive) or not ca.objects or ca.objects != cb.objects:
        return None
    if len(ca.years) == len(cb.years) == 1 and ca.years != cb.years:
        return f"different dates for the same event: {next(iter(ca.years))} against {next(iter(cb.years))}", 0.6
    return None


def _disjoint(x: Amount, y: Amount) -> bool:
    return x.high < y.low or y.high < x.low


def _clause(al: Alignment, side: str) -> str:
    """One side in plain words: who says what of whom."""
    p, c, pred = (al.a, al.ca, al.pa) if side == "a" else (al.b, al.cb, al.pb)
    who = "the outlet reports" if p.narration else f"{p.speaker or 'a source'} {'denies' if p.deny else 'says'}"
    subject = c.subject.surface if c.subject is not None else "?"
    negated = pred.sign < 0 and not p.deny
    said = " ".join(x for x in (subject, "not" if negated else "", c.verb_text, c.object_text) if x)
    if fold(pred.surface) not in fold(said).split():
        said += f" … {pred.surface}"
    return f"{who}: {said}"


# ---------------------------------------------------------------- the gate over a record's links


def gate(links: list[Link], props: dict[str, Prop], statements: dict[str, Statement], index: AnchorIndex,
         texts: dict[str, str]) -> list[Link]:
    """Keep repeats; keep a supports/contradicts link only when its claims align, with the aligned reason and score."""
    stance_links = [ln for ln in links if ln.relation in ("supports", "contradicts")]
    by_content: dict[str, list[str]] = {}
    for sid in dict.fromkeys(x for ln in stance_links for x in (ln.a, ln.b)):
        st = statements.get(sid)
        if st is not None and st.content:
            by_content.setdefault(st.content, []).append(sid)
    found_claims: dict[str, list[Claim]] = {}
    for content, doc in parse_each(by_content):  # one parse at a time: a large record never holds them all
        for sid in by_content[content]:
            st = statements[sid]
            found_claims[sid] = claims(doc, props[sid], index, texts.get(st.doc_id), st.start)

    def claims_of(sid: str) -> list[Claim]:
        return found_claims.get(sid, [])

    out = [ln for ln in links if ln.relation not in ("supports", "contradicts")]
    private = private_persons(index)
    denied = denials_of_reported_claims(links, statements, props)
    for ln in stance_links:
        if frozenset((ln.a, ln.b)) in denied:
            continue  # decided below, by the claim the denial reports

        a, b = props[ln.a], props[ln.b]
        for al in align(a, b, claims_of(ln.a), claims_of(ln.b), private):
            found = decide(al, ln.relation)
            if found is not None and found.relation == "contradicts" and superseded(al, statements):
                found = None
            if found is not None:
                score = round(0.75 * found.score + 0.25 * ln.score, 3)
                out.append(Link(found.relation, ln.a, ln.b, score, found.why,  # type: ignore[arg-type]
                                opposed=list(found.opposed), signature=_signature(al, found.why.startswith("different numbers"))))
                break
    out.extend(_joined_to_aligned(denied.values(), out, statements))
    return out


def _joined_to_aligned(denials: Iterable[Link], aligned: list[Link], statements: dict[str, Statement]) -> list[Link]:
    """A reported-claim denial is one finding with an aligned denial of the same statement in its article.

    "Putin rejected Washington's claims of Russian violations" and "Russia, which has denied any
    breaches" (one article) against the US's "Russian violations" are one contradiction: the
    denial takes the aligned link's signature, so that it is listed as another carrier of that side.
    """
    out = []
    for dn in denials:
        denial = statements[dn.a]
        for ln in aligned:
            if ln.relation != "contradicts" or dn.b not in (ln.a, ln.b) or not ln.signature:
                continue
            other = statements.get(ln.b if ln.a == dn.b else ln.a)
            if other is not None and other.polarity == "deny" and other.doc_id == denial.doc_id:
                sig_said, sig_denial = (ln.signature[0], ln.signature[1]) if ln.a == dn.b else (ln.signature[1], ln.signature[0])
                dn.signature = (sig_denial, sig_said)
                dn.score = min(dn.score, ln.score)  # the aligned link states the finding; this one carries it
                break
        out.append(dn)
    return out


def private_persons(index: AnchorIndex) -> frozenset[str]:
    """The record's people who hold no office of a state (see :func:`same_subject`)."""
    res = index.resolution
    offices = words()["state_offices"]
    out = set()
    for name in index.persons:
        entity = res.entities.get(name) if res is not None else None
        roles = entity.roles if entity is not None else ()
        if not any(fold(w).strip(".,") in offices for role in roles for w in role.replace("-", " ").split()):
            out.add(name)
    return frozenset(out)


def denials_of_reported_claims(links: list[Link], statements: dict[str, Statement],
                               props: dict[str, Prop] | None = None) -> dict[frozenset, Link]:
    """A denial of what another speaker claimed, against that speaker's own statement of the claim.

    "Brandt rejected the mayor's claim that a deal was close" holds the mayor's claim as a
    nested statement; where that nested claim repeats something the mayor said elsewhere
    ("negotiations were very close to a deal"), the repeat link has already established that
    both are one claim, so the denial contradicts the mayor's statement.  No clause
    alignment is needed: the reporter did it by naming whose claim is denied.  Speakers are
    compared as the record resolved them (``props``): "Mr Brandt" and "Karl Brandt" are one
    speaker, who cannot contradict himself this way.
    """
    found: dict[frozenset, Link] = {}

    def who(st: Statement) -> str:
        prop = props.get(st.id) if props is not None else None
        return (prop.speaker if prop is not None and prop.speaker else "") or _speaker_name(st)

    for ln in links:
        if ln.relation != "repeats":
            continue
        for nested_id, said_id in ((ln.a, ln.b), (ln.b, ln.a)):
            nested, said = statements.get(nested_id), statements.get(said_id)
            if nested is None or said is None or not nested.parent:
                continue
            denial = statements.get(nested.parent)
            if denial is None or denial.polarity != "deny" or said.polarity == "deny" or said.id == denial.id:
                continue
            who_denies, who_said = who(denial), who(said)
            if not who_denies or not who_said or who_denies == who_said or who(nested) != who_said:
                continue
            key = frozenset((denial.id, said.id))
            score = round(0.9 * ln.score + 0.1, 3)
            held = found.get(key)
            if held is not None and held.score >= score:
                continue
            cue = denial.cue.text if denial.cue else "denies"
            why = (f"denial against assertion: {who_denies} {cue.lower()} {who_said}'s claim, which {who_said} "
                   f"stated: '{_short(said.content)}'")
            found[key] = Link("contradicts", denial.id, said.id, score, why, opposed=[cue, ""],
                              signature=(f"denies/{fold(who_denies)}/{nested.id}", f"claims/{fold(who_said)}/{nested.id}"))
    return found


def _speaker_name(st: Statement) -> str:
    return (st.speaker.name or st.speaker.mention or "") if st.speaker is not None else ""


def _short(text: str, words: int = 14) -> str:
    parts = " ".join(text.split()).strip("\"'“”‘’").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _signature(al: Alignment, numbers: bool = False) -> tuple[str, str]:
    """What each side claims, as a key: near-identical statements carry the same claim.

    Numbers are part of the claim only when they are what opposes ("before the 4-2 defeat" does
    not make "he threatened Neville" another claim).
    """
    def side(p: Prop, c: Claim, pred: Pred) -> str:
        subj = c.subject
        who = "|".join(sorted(subj.names)) if subj is not None else "?"
        head = subj.head if subj is not None and subj.head else ""
        key = min(pred.clusters) if pred.clusters else pred.stem
        amounts = ",".join(sorted(f"{q.low:g}-{q.high:g}{q.unit}" for q in c.amounts)) if numbers else ""
        return f"{who}/{head}/{key}/{pred.sign}/{amounts}/{'n' if p.narration else fold(p.speaker or '')}"

    return side(al.a, al.ca, al.pa), side(al.b, al.cb, al.pb)


def one_per_claim_pair(links: list[Link]) -> list[Link]:
    """One supports/contradicts link per pair of claims, the best, listing every statement that carries each side."""
    out: list[Link] = []
    best: dict[tuple, Link] = {}
    carriers: dict[tuple, tuple[list[str], list[str]]] = {}
    for ln in links:
        sig = getattr(ln, "signature", None)
        if ln.relation == "repeats" or not sig:
            out.append(ln)
            continue
        key = (ln.relation, frozenset(sig))
        held = best.get(key)
        if held is None:
            best[key] = ln
            carriers[key] = ([ln.a], [ln.b])
            continue
        same_order = held.signature[0] == sig[0]  # type: ignore[attr-defined]
        ca, cb = carriers[key]
        for mine, theirs in ((ln.a, ln.b),) if same_order else ((ln.b, ln.a),):
            if mine not in ca:
                ca.append(mine)
            if theirs not in cb:
                cb.append(theirs)
        if ln.score > held.score:
            best[key] = ln if same_order else Link(ln.relation, ln.b, ln.a, ln.score, ln.why, opposed=ln.opposed[::-1],
                                                   signature=held.signature)  # type: ignore[attr-defined]
    group_of: dict[str, list[str]] = {}
    for group in repeat_groups(links):
        for sid in group:
            group_of[sid] = group
    for key, ln in best.items():
        ca, cb = carriers[key]
        ca = {y for x in ca for y in group_of.get(x, [x])}
        cb = {y for x in cb for y in group_of.get(x, [x])}
        ln.carriers_a = [ln.a] + sorted(x for x in ca if x != ln.a)
        ln.carriers_b = [ln.b] + sorted(x for x in cb if x != ln.b)
        out.append(ln)
    return out


def statements_by_id(statements: list[Statement]) -> dict[str, Statement]:
    return {s.id: s for s in statements}


_ = Any
