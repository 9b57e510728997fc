"""Emergent (Ferreira and Vlachos 2016): ``relate`` as a stance classifier on headlines.

Each row pairs a claim (``claimHeadline``) with an article headline
(``articleHeadline``) labelled for / against / observing.  ``relate(claim, headline)``
answers supports / contradicts / neutral, scored as for / against / observing:
accuracy and per-class precision, recall and F1, plus the confusion table.  The
reference point is a trained classifier's 73.3% on the held-out split; ``relate``
is hand-written rules and is scored on the train split it was tuned on.
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
        }


def load_emergent(csv_path: str | Path) -> list[dict[str, str]]:
    """Rows with claimHeadline, articleHeadline and articleHeadlineStance."""
    with open(csv_path, newline="", encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh) if row.get("articleHeadlineStance") in STANCES]


def score_emergent(csv_path: str | Path, *, limit: int | None = None) -> EmergentReport:
    """Run ``relate`` over the file and score it (see the module docstring)."""
    report = EmergentReport()
    rows = load_emergent(csv_path)
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
    return report


def find_emergent(shared: str | Path) -> Path | None:
    """The train CSV under ``shared/corpus/emergent-train``, if present."""
    folder = Path(shared) / "corpus" / "emergent-train"
    found = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    return found[0] if found else None
