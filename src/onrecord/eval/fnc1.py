"""FNC-1 (Fake News Challenge, 2017): ``relate`` as a stance and relatedness classifier.

Each row pairs a headline with an article body, labelled agree / disagree / discuss /
unrelated.  ``relate(headline, body)`` answers a relation and whether the two are
related, mapped as docs/EVALUATION.md says: supports → agree, contradicts → disagree,
neutral and related → discuss, neutral and not related → unrelated.

Only the train file is public here, so it is split by body id (as the FNC-1 baseline
does): a seeded shuffle of the body ids, the last fifth held out as dev.  The judge is
trained on the other four fifths (``onrecord.link.judge.train``) and is never scored
on a body it was trained on.  Figures: F1 of each class, their mean (F1m, Hanselowski
et al. 2018) and the FNC-1 weighted score relative to its maximum (0.25 for a right
related/unrelated call, 0.75 more for the right one of agree/disagree/discuss).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = ("agree", "disagree", "discuss")
SPLIT_SEED = 1489215  # the seed the FNC-1 baseline shuffles its body ids with
DEV_FRACTION = 0.2


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: int
    stance: str


@dataclass
class Fnc1Data:
    bodies: dict[int, str]
    pairs: list[Pair]


def find_fnc1(shared: str | Path) -> Path | None:
    """The folder ``shared/corpus/fnc1-train`` if it holds both CSV files."""
    folder = Path(shared) / "corpus" / "fnc1-train"
    ok = (folder / "train_bodies.csv").is_file() and (folder / "train_stances.csv").is_file()
    return folder if ok else None


def load_fnc1(folder: str | Path) -> Fnc1Data:
    """Bodies by id and the labelled headline/body pairs, in file order."""
    folder = Path(folder)
    with open(folder / "train_bodies.csv", newline="", encoding="utf-8") as fh:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(fh)}
    with open(folder / "train_stances.csv", newline="", encoding="utf-8") as fh:
        pairs = [Pair(r["Headline"], int(r["Body ID"]), r["Stance"]) for r in csv.DictReader(fh) if r["Stance"] in LABELS]
    return Fnc1Data(bodies, pairs)


def split_bodies(body_ids: Iterable[int], seed: int = SPLIT_SEED, dev_fraction: float = DEV_FRACTION) -> tuple[set[int], set[int]]:
    """(train ids, dev ids): a fixed seeded shuffle of the sorted body ids, the last fraction held out."""
    ids = sorted(set(body_ids))
    random.Random(seed).shuffle(ids)
    cut = int(round(len(ids) * (1 - dev_fraction)))
    return set(ids[:cut]), set(ids[cut:])


def dev_pairs(data: Fnc1Data) -> list[Pair]:
    """The held-out pairs: every pair whose body is in the dev fifth."""
    _, dev = split_bodies(data.bodies)
    return [p for p in data.pairs if p.body_id in dev]


def to_label(relation: str, related: bool) -> str:
    """``relate``'s answer in FNC-1's labels."""
    if relation == "supports":
        return "agree"
    if relation == "contradicts":
        return "disagree"
    return "discuss" if related else "unrelated"


def fnc_score(gold: list[str], predicted: list[str]) -> float:
    """The FNC-1 weighted score: 0.25 for the right related/unrelated call, 0.75 more for the right stance."""
    score = 0.0
    for g, p in zip(gold, predicted):
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.50
        if g in RELATED and p in RELATED:
            score += 0.25
    return score


@dataclass
class Fnc1Report:
    gold: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)
    bodies: int = 0

    @property
    def pairs(self) -> int:
        return len(self.gold)

    def f1(self) -> dict[str, float]:
        from sklearn.metrics import f1_score

        values = f1_score(self.gold, self.predicted, labels=list(LABELS), average=None, zero_division=0)
        return {label: float(v) for label, v in zip(LABELS, values)}

    @property
    def f1m(self) -> float:
        f1 = self.f1()
        return sum(f1.values()) / len(f1)

    @property
    def relative_score(self) -> float:
        best = fnc_score(self.gold, self.gold)
        return fnc_score(self.gold, self.predicted) / best if best else 0.0

    def confusion(self) -> dict[str, dict[str, int]]:
        from sklearn.metrics import confusion_matrix

        table = confusion_matrix(self.gold, self.predicted, labels=list(LABELS))
        return {g: {p: int(table[i][j]) for j, p in enumerate(LABELS)} for i, g in enumerate(LABELS)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "bodies": self.bodies,
            "f1": {k: round(v, 4) for k, v in self.f1().items()},
            "f1m": round(self.f1m, 4),
            "fnc_score_relative": round(self.relative_score, 4),
            "confusion": self.confusion(),
        }


Answer = Callable[[str, str], tuple[str, bool]]


def _judge_answer(claim: str, text: str) -> tuple[str, bool]:
    from ..link.relate import relate_full

    result = relate_full(claim, text)
    return result.relation, result.related


def score_pairs(data: Fnc1Data, pairs: list[Pair], answer: Answer | None = None) -> Fnc1Report:
    """Answer each pair (``relate`` by default) and keep gold and predicted labels side by side."""
    answer = answer or _judge_answer
    report = Fnc1Report(bodies=len({p.body_id for p in pairs}))
    for pair in pairs:
        relation, related = answer(pair.headline, data.bodies[pair.body_id])
        report.gold.append(pair.stance)
        report.predicted.append(to_label(relation, related))
    return report


def score_fnc1(folder: str | Path, *, limit: int | None = None, answer: Answer | None = None) -> Fnc1Report:
    """Score ``relate`` on the held-out dev bodies (the first ``limit`` dev pairs if given)."""
    data = load_fnc1(folder)
    pairs = dev_pairs(data)
    return score_pairs(data, pairs[:limit] if limit else pairs, answer)
