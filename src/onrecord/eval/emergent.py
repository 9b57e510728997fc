"""Emergent (Ferreira and Vlachos 2016): ``relate`` as a stance classifier on headlines.

Each row pairs a claim (``claimHeadline``) with an article headline
(``articleHeadline``) labelled for / against / observing.  ``relate(claim, headline)``
answers supports / contradicts / neutral, scored as for / against / observing:
accuracy and per-class precision, recall and F1, plus the confusion table.  The
reference point is a trained classifier's 73.3% on the held-out split.

``relate``'s judge is trained on part of this file (the claims whose headlines are
not FNC-1 dev headlines), so the accuracy over every row is partly training
accuracy.  The honest figures are reported beside it: accuracy on the rows of claims
the shipped judge never saw (``held_out``), and the out-of-fold accuracy measured at
training time (cross-validation grouped by claim, from the judge's training.json).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..link.relate import relate
from .metrics import PRF

TO_STANCE = {"supports": "for", "contradicts": "against", "neutral": "observing"}
STANCES = ("for", "against", "observing")


@dataclass
class EmergentReport:
    pairs: int = 0
    correct: int = 0
    per_class: dict[str, PRF] = field(default_factory=lambda: {s: PRF() for s in STANCES})
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) → count
    held_out_pairs: int = 0
    held_out_correct: int = 0
    out_of_fold: float | None = None  # from the judge's training.json

    @property
    def held_out_accuracy(self) -> float:
        return self.held_out_correct / self.held_out_pairs if self.held_out_pairs else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.pairs if self.pairs else 0.0

    @property
    def macro_f1(self) -> float:
        return sum(p.f1 for p in self.per_class.values()) / len(self.per_class)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_class": {s: p.to_dict() for s, p in self.per_class.items()},
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "held_out": {"pairs": self.held_out_pairs, "accuracy": round(self.held_out_accuracy, 4)},
            "out_of_fold_accuracy": self.out_of_fold,
        }


def load_emergent(csv_path: str | Path) -> list[dict[str, str]]:
    """Rows with claimHeadline, articleHeadline and articleHeadlineStance."""
    with open(csv_path, newline="", encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh) if row.get("articleHeadlineStance") in STANCES]


def score_emergent(csv_path: str | Path, *, limit: int | None = None) -> EmergentReport:
    """Run ``relate`` over the file and score it (see the module docstring)."""
    report = EmergentReport()
    rows = load_emergent(csv_path)
    trained, report.out_of_fold = _judge_training()
    for row in rows[:limit] if limit else rows:
        relation, _, _ = relate(row["claimHeadline"], row["articleHeadline"])
        predicted, gold = TO_STANCE[relation], row["articleHeadlineStance"]
        report.pairs += 1
        report.correct += predicted == gold
        report.confusion[(gold, predicted)] += 1
        report.per_class[predicted].predicted += 1
        report.per_class[gold].gold += 1
        if predicted == gold:
            report.per_class[gold].tp += 1
        if row.get("claimId") not in trained:
            report.held_out_pairs += 1
            report.held_out_correct += predicted == gold
    return report


def _judge_training() -> tuple[frozenset[str], float | None]:
    """The Emergent claim ids the shipped judge was trained on, and its out-of-fold accuracy."""
    import json

    from ..link.judge.model import judge_folder, wants_semantic

    try:
        record = json.loads(judge_folder(wants_semantic()).joinpath("training.json").read_text("utf-8"))
    except (OSError, ValueError):
        return frozenset(), None
    emergent = record.get("data", {}).get("emergent", {})
    return frozenset(emergent.get("claims_trained", [])), record.get("emergent_out_of_fold", {}).get("accuracy")


def find_emergent(shared: str | Path) -> Path | None:
    """The train CSV under ``shared/corpus/emergent-train``, if present."""
    folder = Path(shared) / "corpus" / "emergent-train"
    found = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    return found[0] if found else None
