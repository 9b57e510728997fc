"""The link rules' own verdict on a claim and one sentence: one feature of the judge.

This is what ``relate`` answered before the judge (``relations.judge`` in free-text
mode).  The judge asks it only about the sentence that bears most on the claim, and
weighs its answer with everything else; propositions are cached per sentence.
"""

from __future__ import annotations

from functools import lru_cache

from ...model import Statement
from ..props import AnchorIndex, Prop, build_anchor_index, proposition
from ..relations import Verdict, judge


@lru_cache(maxsize=1)
def _index() -> AnchorIndex:
    return build_anchor_index(None)


@lru_cache(maxsize=65_536)
def _proposition(text: str, doc: str) -> Prop:
    st = Statement(doc_id=doc, speaker=None, cue=None, content_spans=[(0, len(text))], content=text, kind="indirect")
    return proposition(st, _index())


def rules_verdict(claim: str, text: str) -> Verdict:
    """supports / contradicts / neutral by the hand-written rules, taking both as one story."""
    return judge(_proposition(claim, "claim"), _proposition(text, "text"), free_text=True)
