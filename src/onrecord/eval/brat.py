"""Attribution scored against brat standoff gold (PolNeAR), as EVALUATION.md says.

Unit: one gold attribution relation (an ``E`` line with a Content role), from the
first annotator's file of each article.  A prediction matches a relation when the
characters they share are at least half of the shorter content (unions of pieces),
one-to-one, greedy by largest overlap within the article.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .metrics import PRF, Spans, char_set, greedy_one_to_one, overlaps

DIRECT_MARKS = re.compile("[\"“”]")


@dataclass
class GoldRelation:
    content: Spans
    source: Spans | None
    cue: Spans | None
    no_source: bool
    text: str = ""

    @property
    def direct(self) -> bool:
        return bool(DIRECT_MARKS.search(self.text))


def _spans(raw: str) -> Spans:
    return [(int(a), int(b)) for a, b in (piece.split() for piece in raw.split(";"))]


def load_ann(path: Path, text: str) -> list[GoldRelation]:
    """The relations of one .ann file (definitions may follow their use)."""
    spans: dict[str, Spans] = {}
    events: list[list[str]] = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            _, _, rest = parts[1].partition(" ")
            spans[parts[0]] = _spans(rest)
        elif parts[0].startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    relations = []
    for args in events:
        trigger, roles = args[0], dict(a.split(":", 1) for a in args[1:] if ":" in a)
        if "Content" not in roles or any(v not in spans for v in roles.values()):
            continue
        content = spans[roles["Content"]]
        relations.append(
            GoldRelation(
                content=content,
                source=spans.get(roles.get("Source", "")),
                cue=spans.get(roles.get("Cue", "")),
                no_source=trigger.startswith("Attribution-no-source"),
                text=" ".join(text[s:e] for s, e in content),
            )
        )
    return relations


@dataclass
class Article:
    doc_id: str
    text: str
    published: str | None
    outlet: str | None
    title: str | None
    gold: list[GoldRelation]


def load_corpus(corpus: Path) -> list[Article]:
    """Every article with text and annotations, and its metadata, in name order."""
    meta: dict[str, dict[str, str]] = {}
    tsv = corpus / "metadata.tsv"
    if tsv.exists():
        with tsv.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                meta[row["filename"]] = row
    articles = []
    for text_path in sorted((corpus / "text").glob("*.txt")):
        anns = sorted((corpus / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not anns:
            continue
        text = text_path.read_text("utf-8")
        row = meta.get(text_path.stem, {})
        articles.append(
            Article(
                doc_id=text_path.name,
                text=text,
                published=row.get("publication_date") or None,
                outlet=row.get("publisher") or None,
                title=row.get("title") or None,
                gold=load_ann(anns[0], text),
            )
        )
    return articles


@dataclass
class BratReport:
    content: PRF = field(default_factory=PRF)
    content_source: PRF = field(default_factory=PRF)
    content_source_cue: PRF = field(default_factory=PRF)
    direct: PRF = field(default_factory=PRF)
    indirect: PRF = field(default_factory=PRF)
    articles: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    # confidence band → [predictions, right on content and source]: is the score a guide?
    by_confidence: dict[str, list[int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "content": self.content.to_dict(),
            "content+source": self.content_source.to_dict(),
            "content+source+cue": self.content_source_cue.to_dict(),
            "direct_recall": round(self.direct.recall, 4),
            "indirect_recall": round(self.indirect.recall, 4),
            "precision_by_confidence": {band: {"predicted": n, "right": k} for band, (n, k) in self.confidence_bands()},
        }

    def confidence_bands(self) -> list[tuple[str, list[int]]]:
        """(band, [predicted, right]) from the most confident band down."""
        return sorted(self.by_confidence.items(), key=lambda item: -float(item[0].split("–")[0]))


CONFIDENCE_BANDS = (0.9, 0.8, 0.7, 0.6, 0.0)


def confidence_band(confidence: float) -> str:
    """"0.9–1", "0.8–0.9" … "0–0.6": the bands precision is reported by."""
    low = next(b for b in CONFIDENCE_BANDS if confidence >= b - 1e-9)
    high = CONFIDENCE_BANDS[CONFIDENCE_BANDS.index(low) - 1] if low != CONFIDENCE_BANDS[0] else 1
    return f"{low:g}–{high:g}"


def _pred_spans(pred: dict[str, Any], key: str) -> Spans:
    part = pred.get(key)
    if not part or not part.get("span"):
        return []
    return [tuple(part["span"])]  # type: ignore[list-item]


def score_article(article: Article, preds: list[dict[str, Any]], report: BratReport) -> None:
    """Add one article's matches to the report, and its errors for --errors."""
    gold = article.gold
    # A refusal to speak (kind no_comment) has no content by the export contract, so it
    # is no content prediction: neither a hit nor a false hit here.
    preds = [p for p in preds if p.get("kind") != "no_comment"]
    pred_chars = [char_set([tuple(s) for s in p["content"]["spans"]]) for p in preds]  # type: ignore[misc]
    pairs = []
    for gi, g in enumerate(gold):
        gc = char_set(g.content)
        for pi, pc in enumerate(pred_chars):
            shared = len(gc & pc)
            if shared and shared >= 0.5 * min(len(gc), len(pc)):
                pairs.append((float(shared), gi, pi))
    matched = greedy_one_to_one(pairs)
    right: set[int] = set()
    report.articles += 1
    for prf in (report.content, report.content_source, report.content_source_cue):
        prf.gold += len(gold)
        prf.predicted += len(preds)
    for gi, g in enumerate(gold):
        sliced = report.direct if g.direct else report.indirect
        sliced.gold += 1
        if gi not in matched:
            report.errors.append(_miss(article, g, pred_chars, preds))
            continue
        pred = preds[matched[gi]]
        report.content.tp += 1
        sliced.tp += 1
        source_ok = g.no_source or (g.source is not None and overlaps(_pred_spans(pred, "speaker"), g.source))
        if g.source is None and not g.no_source:
            source_ok = pred.get("speaker") is None
        if source_ok:
            report.content_source.tp += 1
            right.add(matched[gi])
            if g.cue is None or overlaps(_pred_spans(pred, "cue"), g.cue):
                report.content_source_cue.tp += 1
            else:
                report.errors.append(_error("cue", article, g, pred))
        else:
            report.errors.append(_error("source", article, g, pred))
    for pi, pred in enumerate(preds):
        band = report.by_confidence.setdefault(confidence_band(float(pred.get("confidence") or 0.0)), [0, 0])
        band[0] += 1
        band[1] += pi in right
    used = set(matched.values())
    for pi, pred in enumerate(preds):
        if pi not in used:
            report.errors.append({"error": "false_hit", "doc": article.doc_id, "kind": pred["kind"],
                                  "cue": (pred.get("cue") or {}).get("text"), "content": pred["content"]["text"][:200]})


def _snippet(article: Article, spans: Spans | None) -> str | None:
    return " … ".join(article.text[s:e] for s, e in spans)[:200] if spans else None


def _miss(article: Article, g: GoldRelation, pred_chars: list[set[int]], preds: list[dict[str, Any]]) -> dict[str, Any]:
    gc = char_set(g.content)
    near = next((p for p, pc in zip(preds, pred_chars) if pc & gc), None)
    return {
        "error": "boundary" if near is not None else "missed",
        "doc": article.doc_id,
        "slice": "direct" if g.direct else "indirect",
        "cue": _snippet(article, g.cue),
        "source": _snippet(article, g.source),
        "content": g.text[:200],
        "predicted": near["content"]["text"][:200] if near else None,
    }


def _error(kind: str, article: Article, g: GoldRelation, pred: dict[str, Any]) -> dict[str, Any]:
    return {
        "error": kind,
        "doc": article.doc_id,
        "slice": "direct" if g.direct else "indirect",
        "cue": _snippet(article, g.cue),
        "source": _snippet(article, g.source),
        "predicted_source": (pred.get("speaker") or {}).get("mention"),
        "predicted_cue": (pred.get("cue") or {}).get("text"),
        "content": g.text[:200],
    }


def score_brat(articles: list[Article], predictions: list[dict[str, Any]]) -> BratReport:
    """Score exported statements (dicts) against the articles' gold."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for pred in predictions:
        by_doc.setdefault(pred["doc"], []).append(pred)
    report = BratReport()
    for article in articles:
        score_article(article, by_doc.get(article.doc_id, []), report)
    return report


def error_summary(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts by error class and slice, and the commonest missed cues."""
    by_class = Counter(f"{e['error']}/{e.get('slice', e.get('kind', ''))}" for e in errors)
    missed_cues = Counter((e.get("cue") or "").lower() for e in errors if e["error"] in ("missed", "boundary"))
    false_cues = Counter((e.get("cue") or "(none)").lower() for e in errors if e["error"] == "false_hit")
    return {
        "by_class": dict(by_class.most_common()),
        "missed_cues": dict(missed_cues.most_common(25)),
        "false_hit_cues": dict(false_cues.most_common(15)),
    }
