"""Candidate pairs by blocking: only statements that share a rare key are ever compared.

Comparing all pairs of 100,000 statements is 5·10⁹ comparisons; comparing those that
share something specific is a few hundred thousand.  Each proposition gets keys —
its content stems, its synonym clusters, its anchors (entities named or implied), and
anchor×predicate combinations ("Russia|deploy") that stay selective even when the
anchor alone is everywhere.  An inverted index over the keys, with every key held by
more than ``max_df`` propositions dropped (it says nothing about a pair), yields pairs
weighted by the rarity of what they share (an IDF sum); each proposition keeps its
``top_k`` best partners.  The pair arithmetic runs in numpy so the index scales.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .props import Prop

MAX_DF = 200
TOP_K = 25
MIN_SCORE = 1.5  # at least one rare key, or two middling ones


@dataclass
class BlockingStats:
    propositions: int = 0
    keys: int = 0
    keys_used: int = 0
    raw_pairs: int = 0
    candidate_pairs: int = 0


def keys_of(p: Prop) -> set[str]:
    """The blocking keys of one proposition (see the module docstring)."""
    keys: set[str] = set()
    written = [a for a in p.anchors if not a.speaker or a.surface != a.name]  # "we" and "he" count, the bare speaker not
    anchors = {a.name for a in written} | {k for a in written for k in a.keys}
    predicates: set[str] = set()
    for u in p.units:
        if u.weight >= 0.5:
            keys.add("s:" + u.stem)
            predicates.add(u.stem)
        for c in u.clusters:
            keys.add("c:" + c)
            predicates.add("c:" + c)
        for f in u.frames:
            predicates.add("f:" + f)
    for a in anchors:
        keys.add("a:" + a)
        for pred in predicates:
            keys.add(f"x:{a}|{pred}")
    if p.speaker and (p.deny or len(p.units) <= 3):
        # short contents and denials are about their speaker ("Russia denied any breaches")
        for pred in predicates:
            keys.add(f"x:{p.speaker}|{pred}")
            for k in p.speaker_keys:
                keys.add(f"x:{k}|{pred}")
    return keys


def candidate_pairs(
    props: list[Prop],
    *,
    max_df: int = MAX_DF,
    top_k: int = TOP_K,
    min_score: float = MIN_SCORE,
    allow=None,
) -> tuple[list[tuple[int, int, float]], BlockingStats]:
    """Pairs (i, j, score) with i < j that share rare keys; never all pairs.

    ``allow(i, j)`` may veto pairs (two narration sentences, say) before scoring.
    """
    stats = BlockingStats(propositions=len(props))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(props):
        for k in keys_of(p):
            postings[k].append(i)
    stats.keys = len(postings)
    n = max(len(props), 2)
    codes: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for key, ids in postings.items():
        df = len(ids)
        if df < 2 or df > max_df:
            continue
        stats.keys_used += 1
        arr = np.asarray(ids, dtype=np.int64)
        left, right = np.triu_indices(df, k=1)
        codes.append(arr[left] * n + arr[right])
        idf = math.log(1 + n / df) * (1.6 if key.startswith("x:") else 1.0)
        weights.append(np.full(left.shape[0], idf, dtype=np.float32))
    if not codes:
        return [], stats
    all_codes = np.concatenate(codes)
    all_weights = np.concatenate(weights)
    stats.raw_pairs = int(all_codes.shape[0])
    uniq, inverse = np.unique(all_codes, return_inverse=True)
    scores = np.bincount(inverse, weights=all_weights).astype(np.float32)
    keep = scores >= min_score
    uniq, scores = uniq[keep], scores[keep]
    left = (uniq // n).astype(np.int64)
    right = (uniq % n).astype(np.int64)
    chosen = _top_k(left, right, scores, len(props), top_k)
    pairs = []
    for idx in chosen:
        i, j = int(left[idx]), int(right[idx])
        if allow is None or allow(i, j):
            pairs.append((i, j, float(scores[idx])))
    stats.candidate_pairs = len(pairs)
    return pairs, stats


def _top_k(left: np.ndarray, right: np.ndarray, scores: np.ndarray, n: int, k: int) -> np.ndarray:
    """Indices of pairs that are among the k best of either of their two members."""
    if scores.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(-scores, kind="stable")
    keep = np.zeros(scores.shape[0], dtype=bool)
    for side in (left, right):
        s = side[order]
        # rank of each pair within its member's list, in score order
        sort_by_member = np.argsort(s, kind="stable")
        members = s[sort_by_member]
        starts = np.r_[0, np.flatnonzero(np.diff(members)) + 1]
        counts = np.diff(np.r_[starts, members.shape[0]])
        rank = np.arange(members.shape[0]) - np.repeat(starts, counts)
        keep[order[sort_by_member[rank < k]]] = True
    return np.flatnonzero(keep)
