"""Gradient-boosted trees as plain arrays: exported from scikit-learn, evaluated with numpy.

scikit-learn's ``HistGradientBoostingClassifier`` is fitted at training time; its trees
are then written as arrays (feature, threshold, left, right, leaf value) in an
``.npz`` loaded with ``allow_pickle=False``.  Prediction walks every tree at once,
one level per numpy step, so it needs no pickle, no particular sklearn version, and a
fraction of a millisecond per pair.  Features here never miss (no NaN), so the
missing-value branches of sklearn's trees are not needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass
class Trees:
    """A boosted ensemble: ``classes``; per tree its root, the class column it adds to; node arrays."""

    classes: tuple[str, ...]
    baseline: np.ndarray  # one raw score per tree column (1 for binary, else one per class)
    roots: np.ndarray
    columns: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray  # bool
    value: np.ndarray
    depth: int
    reference: np.ndarray  # per feature, the training median: what "without this feature" means in ``reasons``

    @classmethod
    def from_sklearn(cls, model: Any, reference: np.ndarray) -> "Trees":
        roots, columns, parts = [], [], []
        offset = 0
        for iteration in model._predictors:
            for column, predictor in enumerate(iteration):
                nodes = predictor.nodes
                if nodes["is_categorical"].any():
                    raise ValueError("categorical splits are not exported")
                roots.append(offset)
                columns.append(column)
                parts.append((nodes, offset))
                offset += len(nodes)
        cat = lambda f, dtype: np.concatenate([  # noqa: E731
            (nodes[f] + off if f in ("left", "right") else nodes[f]).astype(dtype) for nodes, off in parts
        ])
        return cls(
            classes=tuple(str(c) for c in model.classes_),
            baseline=np.asarray(model._baseline_prediction, dtype=np.float64).ravel(),
            roots=np.array(roots, dtype=np.int64), columns=np.array(columns, dtype=np.int64),
            feature=cat("feature_idx", np.int64), threshold=cat("num_threshold", np.float64),
            left=cat("left", np.int64), right=cat("right", np.int64), leaf=cat("is_leaf", bool),
            value=cat("value", np.float64), depth=int(max(nodes["depth"].max() for nodes, _ in parts)) + 1,
            reference=np.asarray(reference, dtype=np.float64),
        )

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Raw scores, rows × tree columns: every tree walked at once, one level per step."""
        x = np.atleast_2d(x)
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        rows = np.arange(len(x))[:, None]
        for _ in range(self.depth):
            leaf = self.leaf[node]
            if leaf.all():
                break
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(leaf, node, np.where(go_left, self.left[node], self.right[node]))
        out = np.zeros((len(x), len(self.baseline))) + self.baseline
        np.add.at(out, (np.broadcast_to(rows, node.shape), np.broadcast_to(self.columns, node.shape)), self.value[node])
        return out

    def proba(self, x: np.ndarray) -> np.ndarray:
        raw = self.raw(x)
        if raw.shape[1] == 1:  # binary: the score is for classes[1]
            p = 1.0 / (1.0 + np.exp(-raw[:, 0]))
            out = np.stack([1.0 - p, p], axis=1)
        else:
            raw = raw - raw.max(axis=1, keepdims=True)
            e = np.exp(raw)
            out = e / e.sum(axis=1, keepdims=True)
        return out[0] if np.ndim(x) == 1 else out

    def reasons(self, x: np.ndarray, chosen: str, names: dict[str, str], features: tuple[str, ...], n: int = 3) -> list[str]:
        """The features whose own value raised ``chosen`` most: each put back to its training median in turn."""
        k = self.classes.index(chosen)
        moved = np.flatnonzero(x != self.reference)  # a feature at its median cannot have moved the answer
        if not len(moved):
            return []
        trial = np.repeat(x[None, :], len(moved), axis=0)
        trial[np.arange(len(moved)), moved] = self.reference[moved]
        base = self.proba(x[None, :])[0, k]
        drop = base - self.proba(trial)[:, k]
        top = np.argsort(-drop)[:n]
        return [f"{names.get(features[moved[i]], features[moved[i]])} ({x[moved[i]]:.2f})" for i in top if drop[i] > 0.01]

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, classes=np.array(self.classes, dtype=str), baseline=self.baseline, roots=self.roots, columns=self.columns,
            feature=self.feature.astype(np.int16), threshold=self.threshold, left=self.left.astype(np.int32),
            right=self.right.astype(np.int32), leaf=self.leaf, value=self.value, depth=np.array(self.depth),
            reference=self.reference,
        )

    @classmethod
    def load(cls, path: Any) -> "Trees":
        with np.load(path, allow_pickle=False) as d:
            return cls(
                classes=tuple(str(c) for c in d["classes"]), baseline=d["baseline"], roots=d["roots"].astype(np.int64),
                columns=d["columns"].astype(np.int64), feature=d["feature"].astype(np.int64), threshold=d["threshold"],
                left=d["left"].astype(np.int64), right=d["right"].astype(np.int64), leaf=d["leaf"].astype(bool),
                value=d["value"], depth=int(d["depth"]), reference=d["reference"],
            )
