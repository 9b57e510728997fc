"""Across documents: one speaker, one utterance, and where the record contradicts itself.

Public API (the CLI wires these into ``onrecord relate/timeline/contradictions/
entities/export links``):

* :func:`resolve_entities` / :func:`apply_overrides` — canonical speakers, merges with reasons;
* :func:`link_statements` — ``repeats`` / ``supports`` / ``contradicts`` links with score and why;
  :func:`link_record` does the same and also reports blocking figures;
* :func:`narration_statements` / :func:`used_narration` — the outlet's own-voice event clauses;
* :func:`relate` / :func:`relate_pairs` — a claim against a text, by the same rules;
* :func:`repeat_groups` — repeats links as groups of statement ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..model import Link, Statement
from .blocking import BlockingStats, candidate_pairs
from .entities import Merge, Resolution, apply_overrides, names_in_texts, resolve_entities
from .narration import narration_statements, used_narration
from .props import Prop, Vocabulary, build_anchor_index, proposition
from .relate import relate, relate_pairs
from .relations import compare, judge
from .repeats import overlapping, repeat_groups, repeat_verdict

__all__ = [
    "LinkResult", "Merge", "Resolution", "apply_overrides", "link_record", "link_statements",
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
    props = _propositions(every, res, texts or {})
    by_index = every

    def allow(i: int, j: int) -> bool:
        a, b = props[i], props[j]
        if (a.narration and b.narration) or a.question or b.question:
            return False
        return not overlapping(by_index[i], by_index[j])

    pairs, stats = candidate_pairs(props, allow=allow)
    links: list[Link] = []
    for i, j, _ in pairs:
        link = _link(props[i], props[j])
        if link is not None:
            links.append(link)
    links.sort(key=lambda ln: (-ln.score, ln.relation, ln.a, ln.b))
    counts = {r: sum(1 for ln in links if ln.relation == r) for r in ("repeats", "supports", "contradicts")}
    return LinkResult(links, stats, res, counts)


def _propositions(statements: list[Statement], res: Resolution, texts: dict[str, str]) -> list[Prop]:
    """Propositions for every statement, then word weights rescaled by their rarity in the record."""
    index = build_anchor_index(res)
    props = [proposition(st, index, text=texts.get(st.doc_id)) for st in statements]
    vocabulary = Vocabulary(n=len(props))
    for p in props:
        for stem in p.stems:
            vocabulary.df[stem] = vocabulary.df.get(stem, 0) + 1
    if vocabulary.n >= 500:
        for p in props:
            for u in p.units:
                u.weight *= vocabulary.scale(u.stem)
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


def link_pairs(statements: Iterable[Statement]) -> list[tuple[str, str]]:
    """Candidate pairs (ids) only: what blocking would compare, for inspection."""
    sts = list(statements)
    props = _propositions(sts, resolve_entities(sts), {})
    pairs, _ = candidate_pairs(props)
    return [(props[i].id, props[j].id) for i, j, _ in pairs]
