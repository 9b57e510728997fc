"""Time expressions scored against TimeML gold (TempEval-3), as EVALUATION.md says.

Input is the plain text inside ``<TEXT>`` (tags removed, entities unescaped) with the
document creation time as the publication date.  Gold and predicted expressions
match when their spans overlap, one to one; a value counts only when it equals the
gold TIMEX3 value exactly.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .metrics import PRF, greedy_one_to_one

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTime:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class TimeMLDoc:
    doc_id: str
    text: str
    dct: str | None
    gold: list[GoldTime]


def load_timeml(path: Path) -> TimeMLDoc:
    raw = path.read_text("utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\".*?</DCT>", raw, re.S)
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    text_parts: list[str] = []
    gold: list[GoldTime] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    cursor = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[cursor : m.start()])
        text_parts.append(piece)
        position += len(piece)
        cursor = m.end()
        closing, name = m.group(1) == "/", m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (position, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(GoldTime(start, position, attrs.get("type", ""), attrs.get("value", ""), ""))
            open_timex = None
    tail = html.unescape(body[cursor:])
    text_parts.append(tail)
    text = "".join(text_parts)
    for g in gold:
        g.text = text[g.start : g.end]
    return TimeMLDoc(path.stem, text, dct_match.group(1) if dct_match else None, gold)


def load_corpus(folder: Path) -> list[TimeMLDoc]:
    return [load_timeml(p) for p in sorted(folder.glob("*.tml"))]


@dataclass
class TimeReport:
    span: PRF = field(default_factory=PRF)
    value: PRF = field(default_factory=PRF)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "value": self.value.to_dict()}


def score_timeml(docs: list[TimeMLDoc], predicted: list[dict[str, Any]]) -> TimeReport:
    """Score exported times (dicts with doc, span, value) against the documents' gold."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for t in predicted:
        by_doc.setdefault(t["doc"], []).append(t)
    report = TimeReport()
    for doc in docs:
        preds = by_doc.get(doc.doc_id, [])
        pairs = []
        for gi, g in enumerate(doc.gold):
            for pi, p in enumerate(preds):
                s, e = p["span"]
                shared = min(e, g.end) - max(s, g.start)
                if shared > 0:
                    pairs.append((float(shared), gi, pi))
        matched = greedy_one_to_one(pairs)
        for prf in (report.span, report.value):
            prf.gold += len(doc.gold)
            prf.predicted += len(preds)
        report.span.tp += len(matched)
        for gi, pi in matched.items():
            g, p = doc.gold[gi], preds[pi]
            if p["value"] == g.value:
                report.value.tp += 1
            else:
                report.errors.append({"doc": doc.doc_id, "gold": g.text, "gold_value": g.value,
                                      "predicted": p["text"], "predicted_value": p["value"]})
        for gi, g in enumerate(doc.gold):
            if gi not in matched:
                report.errors.append({"doc": doc.doc_id, "gold": g.text, "gold_value": g.value, "predicted": None})
        used = set(matched.values())
        for pi, p in enumerate(preds):
            if pi not in used:
                report.errors.append({"doc": doc.doc_id, "gold": None, "predicted": p["text"], "predicted_value": p["value"]})
    return report
