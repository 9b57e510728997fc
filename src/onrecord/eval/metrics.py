"""Counting and matching shared by every scorer."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass
class PRF:
    """Precision, recall and F1 from counts, kept as counts so slices add up."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


Spans = list[tuple[int, int]]


def char_set(spans: Spans) -> set[int]:
    chars: set[int] = set()
    for start, end in spans:
        chars.update(range(start, end))
    return chars


def overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def greedy_one_to_one(pairs: list[tuple[float, int, int]]) -> dict[int, int]:
    """Match gold to predictions by largest score first, each used once."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched: dict[int, int] = {}
    for _, g, p in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        matched[g] = p
    return matched


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "`": "'"})


def fold(text: str) -> str:
    """Case, accents, curly quotes and whitespace folded away, for anchored matching."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().casefold()


def words(text: str) -> list[str]:
    return re.findall(r"\w+(?:'\w+)?", fold(text))
