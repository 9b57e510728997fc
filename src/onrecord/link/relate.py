"""``onrecord relate``: does a text support or contradict a claim — by the links' own rules.

A fact-checker tests a new claim against a sentence or a headline.  Both become
propositions exactly as statements in the record do, and :func:`relations.judge`
decides, in its free-text mode: the two were put side by side by a person, so they
are taken to be on one story, and a refutation ("hoax", "debunked"), a denial
("police deny reports of …"), a negation, or a hedge ("reportedly", "claims") in the
text decides the stance even when few words are shared.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterable, Iterator

from ..model import Statement
from .props import AnchorIndex, build_anchor_index, proposition
from .relations import judge


@lru_cache(maxsize=1)
def _index() -> AnchorIndex:
    return build_anchor_index(None)


def _as_statement(text: str, doc: str) -> Statement:
    return Statement(doc_id=doc, speaker=None, cue=None, content_spans=[(0, len(text))], content=text, kind="indirect")


def relate(claim: str, text: str) -> tuple[str, float, str]:
    """(relation, score, why): ``supports`` | ``contradicts`` | ``neutral`` for the text about the claim.

    The claim is taken as asserted; the text is what is being judged.  The score is
    the strength of the evidence in [0, 1]; ``why`` names it.
    """
    a = proposition(_as_statement(claim, "claim"), _index())
    b = proposition(_as_statement(text, "text"), _index())
    verdict = judge(a, b, free_text=True)
    return verdict.relation, verdict.score, verdict.why


def relate_record(record: dict[str, Any], *, why: bool = False) -> dict[str, Any]:
    """One ``{"id", "claim", "text"}`` record → ``{"id", "relation", "score"}`` (and ``why`` if asked)."""
    missing = [k for k in ("claim", "text") if not isinstance(record.get(k), str)]
    if missing:
        raise ValueError(f"missing or non-string field(s): {', '.join(missing)}")
    relation, score, reason = relate(record["claim"], record["text"])
    out: dict[str, Any] = {"id": record.get("id"), "relation": relation, "score": score}
    if why:
        out["why"] = reason
    return out


def relate_pairs(lines: Iterable[str | dict[str, Any]], *, why: bool = False) -> Iterator[str | dict[str, Any]]:
    """The ``--input pairs.jsonl`` mode: JSON lines in, JSON lines out, in order.

    Strings are parsed and answered as JSON strings; dicts are answered as dicts.
    Blank lines are skipped; a malformed line raises ``ValueError`` naming its number.
    """
    for number, line in enumerate(lines, start=1):
        if isinstance(line, dict):
            yield relate_record(line, why=why)
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            out = relate_record(record, why=why)
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            raise ValueError(f"line {number}: {exc}") from exc
        yield json.dumps(out, ensure_ascii=False)
