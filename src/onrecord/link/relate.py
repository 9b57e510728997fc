"""``onrecord relate``: is a text about a claim's story, and does it support or contradict it?

A fact-checker tests a claim against a headline, a sentence or a whole article.
Two texts put side by side are often *not* about one story, so relatedness comes
first: the trained judge (``link/judge``) decides whether the text is about the same
event or proposition — the same entities, the same predicate, the same numbers —
and only then its stance.  Unrelated pairs are ``neutral`` with ``"related": false``.
For a long text the judge picks the sentences that bear on the claim and ``why``
quotes them.  The link rules' own verdict on the best sentence is one of the judge's
features (``link/judge/rules.py``).
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from .judge import JudgeVerdict, judge_pair


def relate_full(claim: str, text: str) -> JudgeVerdict:
    """The judge's whole answer: related, relation, score, probabilities, evidence, why."""
    return judge_pair(claim, text)


def relate(claim: str, text: str) -> tuple[str, float, str]:
    """(relation, score, why): ``supports`` | ``contradicts`` | ``neutral`` for the text about the claim.

    The claim is taken as asserted; the text is what is being judged.  The score is
    the judge's probability for the answer, in [0, 1]; ``why`` names the features
    that decided it and quotes the evidence sentences.
    """
    verdict = judge_pair(claim, text)
    return verdict.relation, verdict.score, verdict.why


def relate_record(record: dict[str, Any], *, why: bool = False) -> dict[str, Any]:
    """One ``{"id", "claim", "text"}`` record → ``{"id", "relation", "score", "related"}``.

    With ``why`` also the reason and ``evidence``, the text's sentences quoted, best first.
    """
    missing = [k for k in ("claim", "text") if not isinstance(record.get(k), str)]
    if missing:
        raise ValueError(f"missing or non-string field(s): {', '.join(missing)}")
    verdict = judge_pair(record["claim"], record["text"])
    out: dict[str, Any] = {"id": record.get("id"), "relation": verdict.relation, "score": verdict.score,
                           "related": verdict.related}
    if why:
        out["why"] = verdict.why
        out["evidence"] = verdict.evidence
    return out


def _answer_line(line: str, why: bool) -> dict[str, Any]:
    """One JSON line's answer; a ValueError says what is wrong with the line."""
    record = json.loads(line)  # json.JSONDecodeError is a ValueError
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    return relate_record(record, why=why)


def relate_lines(lines: Iterable[str], *, why: bool = False) -> Iterator[tuple[int, dict[str, Any] | ValueError]]:
    """Each non-blank JSON line's answer, or the ValueError that says what is wrong with it, by line number.

    Callers choose what a bad line means: ``relate_pairs`` stops, the CLI skips it by name.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, _answer_line(line, why)
        except ValueError as exc:
            yield number, exc


def relate_pairs(lines: Iterable[str | dict[str, Any]], *, why: bool = False) -> Iterator[str | dict[str, Any]]:
    """The ``--input pairs.jsonl`` mode: JSON lines in, JSON lines out, in order.

    Strings are parsed and answered as JSON strings; dicts are answered as dicts.
    Blank lines are skipped; a malformed line raises ``ValueError`` naming its number.
    """
    for number, line in enumerate(lines, start=1):
        if isinstance(line, dict):
            yield relate_record(line, why=why)
        elif line.strip():
            try:
                yield json.dumps(_answer_line(line, why), ensure_ascii=False)
            except ValueError as exc:
                raise ValueError(f"line {number}: {exc}") from exc
