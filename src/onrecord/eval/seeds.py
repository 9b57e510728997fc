"""Anchored gold: what a careful reader finds in a few articles (gold/seeds.json, the BBC dev gold).

A gold statement is found by a prediction of the same document whose content holds
the gold piece (folded, at most 400 characters longer) or 80% of its words, and whose
speaker (or, for a group, one of its members) is one of the gold names.

Each gold item is paired with a prediction by maximum bipartite matching first, so
that links are judged on distinct statements wherever the record has them.  A gold
item left over is still found by a prediction that holds it even if that prediction
was paired already: EVALUATION.md asks only that some statement hold the piece, and
one statement rightly holds two pieces of one utterance (``“A,” he added. “B.”``,
one cue, two quotations).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .metrics import fold, words

LONGER_BY_AT_MOST = 400
WORD_SHARE = 0.8


@dataclass
class SeedsReport:
    """The score of an anchored gold.  ``missed`` holds every required item not found;
    ``wrong_speaker`` is the part of it whose piece a statement holds with another speaker."""

    required: int = 0
    found: int = 0
    optional_found: int = 0
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    predictions: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    wrong_speaker: list[dict[str, Any]] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    links_found: int = 0
    links_total: int = 0
    other_contradicts: int = 0
    times_found: int = 0
    times_total: int = 0
    dates_right: int = 0
    dates_total: int = 0
    resolution_right: int = 0
    resolution_total: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def unmatched_share(self) -> float:
        """Unmatched predictions over all (non-narration) predictions: the precision side."""
        return len(self.unmatched) / self.predictions if self.predictions else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "required_found": self.found,
            "required": self.required,
            "optional_found": self.optional_found,
            "predictions": self.predictions,
            "unmatched_predictions": len(self.unmatched),
            "unmatched_share": round(self.unmatched_share, 3),
            "recall_by_kind": {kind: {"found": f, "required": n} for kind, (f, n) in sorted(self.by_kind.items())},
            "links_found": self.links_found,
            "links": self.links_total,
            "other_contradicts": self.other_contradicts,
            "times_found": self.times_found,
            "times": self.times_total,
            "statement_dates_right": self.dates_right,
            "statement_dates": self.dates_total,
            "pronoun_descriptor_resolution": [self.resolution_right, self.resolution_total],
            "missed": self.missed,
            "wrong_speaker": self.wrong_speaker,
            "unmatched": self.unmatched,
        }


def load_gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


def gold_documents(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """Per document: file name, and the metadata a user would pass at ingest."""
    return [
        {"file": d["file"], "published": d.get("published"), "outlet": d.get("outlet")}
        for d in gold["documents"]
    ]


def content_matches(pred_text: str, piece: str) -> bool:
    """Holds the piece, or 80% of its words; never more than 400 characters longer.

    The length bound applies to both tests: a whole article "holds" any piece.
    """
    folded_pred, folded_piece = fold(pred_text), fold(piece)
    if len(folded_pred) - len(folded_piece) > LONGER_BY_AT_MOST:
        return False
    if folded_piece in folded_pred:
        return True
    gold_words = words(piece)
    if not gold_words:
        return False
    pred_words = set(words(pred_text))
    return sum(1 for w in gold_words if w in pred_words) >= WORD_SHARE * len(gold_words)


def speaker_matches(pred: dict[str, Any], names: list[str]) -> bool:
    speaker = pred.get("speaker") or {}
    candidates = [speaker.get("name")] + list(speaker.get("members") or [])
    wanted = {fold(n) for n in names}
    return any(c and fold(c) in wanted for c in candidates)


def _max_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """Gold index → prediction index, a maximum bipartite matching (augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges.get(g, []):
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in sorted(edges):
        augment(g, set())
    return {g: p for p, g in owner.items()}


def score_seeds(
    gold: dict[str, Any],
    statements: list[dict[str, Any]],
    times: list[dict[str, Any]] | None = None,
    links: list[dict[str, Any]] | None = None,
) -> SeedsReport:
    report = SeedsReport()
    docs = {d["file"] for d in gold["documents"]}
    preds = [s for s in statements if s["doc"] in docs]
    items = gold["statements"] + [dict(o, outlet=True) for o in gold.get("outlet_statements", [])]
    edges: dict[int, list[int]] = {}
    for gi, item in enumerate(items):
        for pi, pred in enumerate(preds):
            if pred["doc"] != item["doc"] or not content_matches(pred["content"]["text"], item["content_contains"]):
                continue
            if item.get("outlet"):
                if pred["kind"] == "narration":
                    edges.setdefault(gi, []).append(pi)
            elif speaker_matches(pred, item["speaker"]):
                edges.setdefault(gi, []).append(pi)
    matched = _max_matching(edges)
    for gi, candidates in edges.items():
        matched.setdefault(gi, candidates[0])
    for gi, item in enumerate(items):
        if item.get("outlet"):
            continue
        if item.get("optional"):
            report.optional_found += gi in matched
            continue
        report.required += 1
        tally = report.by_kind.setdefault(item.get("kind", "?"), [0, 0])
        tally[1] += 1
        tally[0] += gi in matched
        if _needs_resolution(item.get("speaker_mention", "")):
            report.resolution_total += 1
            report.resolution_right += gi in matched
        if gi in matched:
            report.found += 1
            _check_date(report, item, preds[matched[gi]])
        else:
            miss = _describe_miss(item, preds)
            report.missed.append(miss)
            if _held_by_a_statement(item, preds):
                report.wrong_speaker.append(miss)
            if "date" in item:
                report.dates_total += 1
    used = set(matched.values())
    report.predictions = sum(1 for pred in preds if pred["kind"] != "narration")
    for pi, pred in enumerate(preds):
        if pi not in used and pred["kind"] != "narration":
            report.unmatched.append(
                {"doc": pred["doc"], "speaker": (pred.get("speaker") or {}).get("name"),
                 "cue": (pred.get("cue") or {}).get("text"), "content": pred["content"]["text"][:160]}
            )
    by_gold_id = {items[g]["id"]: preds[p]["id"] for g, p in matched.items()}
    _score_links(report, gold.get("links", []), links or [], by_gold_id)
    _score_times(report, gold.get("times", []), times or [])
    return report


PRONOUNS = frozenset("he she they it him her his its their we i".split())


def _needs_resolution(mention: str) -> bool:
    """Pronouns and descriptors ("the Russian leader"): the mentions that need resolving."""
    words = mention.split()
    if not words:
        return False
    last = re.sub(r"['’]s?$", "", words[-1])
    return words[0].lower() in PRONOUNS or (words[0].lower() == "the" and last[:1].islower())


def _describe_miss(item: dict[str, Any], preds: list[dict[str, Any]]) -> dict[str, Any]:
    same_content = [p for p in preds if p["doc"] == item["doc"] and content_matches(p["content"]["text"], item["content_contains"])]
    return {
        "id": item["id"],
        "speaker": item["speaker"],
        "content": item["content_contains"],
        "predicted_speakers": [(p.get("speaker") or {}).get("name") for p in same_content],
    }


def _held_by_a_statement(item: dict[str, Any], preds: list[dict[str, Any]]) -> bool:
    """A statement (not the outlet's narration) holds the piece: the miss is the speaker's."""
    return any(
        p["doc"] == item["doc"] and p["kind"] != "narration" and content_matches(p["content"]["text"], item["content_contains"])
        for p in preds
    )


def _check_date(report: SeedsReport, item: dict[str, Any], pred: dict[str, Any]) -> None:
    if "date" not in item:
        return
    report.dates_total += 1
    if pred.get("date") and value_matches(pred["date"], item["date"]):
        report.dates_right += 1


def _score_links(report: SeedsReport, gold_links: list[dict[str, Any]], links: list[dict[str, Any]], ids: dict[str, str]) -> None:
    # a link is one finding for every statement that carries each side (near-identical claims)
    carried = [(ln["relation"], {frozenset((x, y)) for x in ln.get("carriers_a") or [ln["a"]] for y in ln.get("carriers_b") or [ln["b"]]})
               for ln in links]
    pairs = {(rel, pair) for rel, found in carried for pair in found}
    gold_pairs = set()
    for gl in gold_links:
        a, b = ids.get(gl["a"]), ids.get(gl["b"])
        if a and b:
            gold_pairs.add(frozenset((a, b)))
    report.other_contradicts = sum(1 for rel, found in carried if rel == "contradicts" and not (found & gold_pairs))
    for gl in gold_links:
        report.links_total += 1
        a, b = ids.get(gl["a"]), ids.get(gl["b"])
        if a is None or b is None:
            continue
        relations = {gl["relation"], "supports"} if gl["relation"] == "repeats" else {gl["relation"]}
        if any((r, frozenset((a, b))) in pairs for r in relations):
            report.links_found += 1


def _score_times(report: SeedsReport, gold_times: list[dict[str, Any]], times: list[dict[str, Any]]) -> None:
    for gt in gold_times:
        report.times_total += 1
        for t in times:
            if t["doc"] == gt["doc"] and fold(gt["text"]) in fold(t["text"]) and value_matches(t["value"], gt["value"]):
                report.times_found += 1
                break


_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _range(value: str) -> tuple[date, date] | None:
    """The days a TIMEX3 date value covers: a day, an ISO week, a month, or an interval."""
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = _range(first), _range(last)
        return (a[0], b[1]) if a and b else None
    week = _WEEK.match(value)
    if week:
        year, number = int(week.group(1)), int(week.group(2))
        return date.fromisocalendar(year, number, 1), date.fromisocalendar(year, number, 7)
    month = _MONTH.match(value)
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        start = date(year, number, 1)
        end = date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)
        return start, end
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day, day


def value_matches(predicted: str, gold: str) -> bool:
    """Equal values; for a week or interval, a value inside it (or the week holding it) counts."""
    if predicted == gold:
        return True
    if not (_WEEK.match(gold) or "/" in gold):
        return False
    g, p = _range(gold), _range(predicted)
    if g is None or p is None:
        return False
    if "/" in gold:  # an interval inside one week: that week is right too
        g = (g[0] - timedelta(days=g[0].weekday()), g[1] + timedelta(days=6 - g[1].weekday()))
    return g[0] <= p[0] and p[1] <= g[1]
