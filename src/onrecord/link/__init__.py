"""Across documents: one speaker, one utterance, and where the record contradicts itself.

Public API (the CLI wires these into ``onrecord relate/timeline/contradictions/
entities merge|split/export links``):

* :func:`resolve_entities` / :func:`apply_overrides` — canonical speakers, merges with reasons,
  user corrections replayed by name; :func:`names_in_texts` — people the articles name;
* :func:`link_statements` — ``repeats`` / ``supports`` / ``contradicts`` links, best first;
  :func:`link_record` — the same with blocking figures and the resolution used;
* :func:`narration_statements` / :func:`used_narration` — the outlet's own-voice event clauses;
* :func:`relate` / :func:`relate_pairs` — a claim against a text, by the same rules;
* :func:`repeat_groups` — repeats links as groups of statement ids.

Typical wiring, from a store::

    statements = list(store.statements())
    texts = {d.id: d.text for d in store.documents()}
    narration = [n for doc_id, text in texts.items() for n in narration_statements(doc_id, text, statements)]
    resolution = apply_overrides(resolve_entities(statements + list(store.entities())), overrides)
    links = link_statements(statements, texts, narration, resolution=resolution)
    store.write_links(links)   # and store used_narration(narration, links) as statements
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..model import Link, Statement
from .align import gate, one_per_claim_pair
from .blocking import BlockingStats, candidate_pairs, stream_pairs
from .entities import Merge, Resolution, apply_overrides, names_in_texts, resolve_entities
from .narration import narration_statements, used_narration
from .props import AnchorIndex, Prop, Vocabulary, build_anchor_index, proposition
from .relate import relate, relate_pairs
from .relations import compare, judge
from .repeats import overlapping, repeat_groups, repeat_verdict

__all__ = [
    "LinkResult", "Merge", "Resolution", "apply_overrides", "link_record", "link_statements", "names_in_texts",
    "narration_statements", "relate", "relate_pairs", "repeat_groups", "resolve_entities", "used_narration",
]


@dataclass
class LinkResult:
    """Links plus what it took to find them (for benchmarks and ``onrecord relate`` summaries)."""

    links: list[Link]
    stats: BlockingStats
    resolution: Resolution
    counts: dict[str, int] = field(default_factory=dict)


def link_statements(
    statements: list[Statement],
    texts: dict[str, str] | None = None,
    narration: list[Statement] | None = None,
    *,
    resolution: Resolution | None = None,
) -> list[Link]:
    """Repeats, supports and contradicts links between statements, best first.

    ``texts`` (document id → text) lets pronouns and "there" be resolved from the
    sentences around a statement; ``narration`` adds the outlet's own-voice clauses
    (links to them are contradicts only); ``resolution`` may carry user overrides.
    """
    return link_record(statements, texts, narration, resolution=resolution).links


def link_record(
    statements: list[Statement],
    texts: dict[str, str] | None = None,
    narration: list[Statement] | None = None,
    *,
    resolution: Resolution | None = None,
) -> LinkResult:
    """:func:`link_statements` with the blocking figures and the entity resolution used."""
    every = list(statements) + list(narration or [])
    res = resolution or resolve_entities(list(statements) + names_in_texts((texts or {}).values()))
    index = build_anchor_index(res)
    props = _propositions(every, res, texts or {}, index)
    return link_propositions(every, props, res, index, texts or {}, nested_ids(every))


def link_propositions(
    every: list[Statement],
    props: list[Prop],
    res: Resolution,
    index: AnchorIndex,
    texts: Mapping[str, str],
    nested: set[str],
) -> LinkResult:
    """The links between propositions already built (``props[i]`` is ``every[i]``'s, reweighed by :func:`reweigh`).

    Candidate pairs are compared as blocking streams them, so the pairs are never held
    as a list; ``texts`` may read articles lazily (only linked statements' are read);
    ``nested`` is :func:`nested_ids` of the statements.
    """

    def allow(i: int, j: int) -> bool:
        a, b = props[i], props[j]
        if (a.narration and b.narration) or a.question or b.question:
            return False
        return not overlapping(every[i], every[j])

    stats = BlockingStats()
    links: list[Link] = []
    for i, j, _ in stream_pairs(props, allow=allow, stats=stats):
        link = _link(props[i], props[j])
        if link is not None:
            links.append(link)
    by_id = {p.id: p for p in props}
    statements = {st.id: st for st in every}
    links = gate(links, by_id, statements, index, texts)  # type: ignore[arg-type]
    links = one_per_claim_pair(collapse_repeats(links, by_id, nested))
    links.sort(key=lambda ln: (-ln.score, ln.relation, ln.a, ln.b))
    counts = {r: sum(1 for ln in links if ln.relation == r) for r in ("repeats", "supports", "contradicts")}
    return LinkResult(links, stats, res, counts)


def _propositions(statements: list[Statement], res: Resolution, texts: dict[str, str], index: AnchorIndex | None = None) -> list[Prop]:
    """Propositions for every statement, then word weights rescaled by their rarity in the record."""
    index = index or build_anchor_index(res)
    return reweigh([proposition(st, index, text=texts.get(st.doc_id)) for st in statements])


def reweigh(props: list[Prop]) -> list[Prop]:
    """Word and anchor weights rescaled by their rarity among ``props`` (the whole record's), in place."""
    vocabulary = Vocabulary(n=len(props))
    for p in props:
        for key in p.stems | {"@" + a.name for a in p.anchors}:
            vocabulary.df[key] = vocabulary.df.get(key, 0) + 1
    if vocabulary.n >= 500:
        for p in props:
            for u in p.units:
                u.weight *= vocabulary.scale(u.stem)
            for a in p.anchors:
                a.weight = vocabulary.scale("@" + a.name)
    return props


def _link(a: Prop, b: Prop) -> Link | None:
    """The one link (if any) between two propositions: a repeat first, else a stance."""
    cmp = compare(a, b)
    rep = repeat_verdict(a, b, cmp)
    if rep is not None:
        return Link("repeats", a.id, b.id, rep.score, rep.why)
    verdict = judge(a, b, cmp)
    if verdict.relation == "neutral":
        return None
    if verdict.relation == "contradicts" and a.doc == b.doc and a.speaker and a.speaker == b.speaker:
        return None  # one speaker in one article: a concession ("but"), not a contradiction
    return Link(verdict.relation, a.id, b.id, verdict.score, verdict.why)  # type: ignore[arg-type]


def nested_ids(statements: list[Statement]) -> set[str]:
    """Ids of statements inside another's content (Washington's claims inside Putin's rejection).

    Decided within each document, so a record may be read one document at a time.
    """
    nested = {st.id for st in statements if st.parent}
    by_doc: dict[str, list[Statement]] = {}
    for st in statements:
        by_doc.setdefault(st.doc_id, []).append(st)
    for group in by_doc.values():
        for st in group:
            for other in group:
                if other is not st and other.start <= st.start and st.end <= other.end and (other.start, other.end) != (st.start, st.end):
                    nested.add(st.id)
                    break
    return nested


def collapse_repeats(links: list[Link], props: dict[str, Prop], nested: set[str] | None = None) -> list[Link]:
    """One supports/contradicts link per pair of repeat groups: the best-scoring one.

    A quote carried by five outlets is one utterance; a contradiction against it is
    shown once (the repeats links list its other sources), preferring direct quotes
    and statements that stand on their own over ones nested in another.
    """
    nested = nested or set()

    def rank(ln: Link) -> tuple[int, int, float]:
        ends = (ln.a, ln.b)
        direct = sum(1 for x in ends if props.get(x) is not None and props[x].kind == "direct")
        return (-sum(1 for x in ends if x in nested), direct, ln.score)

    group_of: dict[str, int] = {}
    for n, group in enumerate(repeat_groups(links)):
        for sid in group:
            group_of[sid] = n
    best: dict[tuple, Link] = {}
    out: list[Link] = []
    for ln in links:
        if ln.relation == "repeats":
            out.append(ln)
            continue
        ga, gb = group_of.get(ln.a, ln.a), group_of.get(ln.b, ln.b)
        key = (ln.relation, frozenset((ga, gb)))
        held = best.get(key)
        if held is None or rank(ln) > rank(held):
            best[key] = ln
    return out + list(best.values())


def link_pairs(statements: Iterable[Statement]) -> list[tuple[str, str]]:
    """Candidate pairs (ids) only: what blocking would compare, for inspection."""
    sts = list(statements)
    props = _propositions(sts, resolve_entities(sts), {})
    pairs, _ = candidate_pairs(props)
    return [(props[i].id, props[j].id) for i, j, _ in pairs]
