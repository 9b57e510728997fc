"""Candidate pairs by blocking: only statements that share a rare key are ever compared.

Comparing all pairs of 100,000 statements is 5·10⁹ comparisons; comparing those that
share something specific is a few hundred thousand.  Each proposition gets keys —
its content stems, its synonym clusters, its anchors (entities named or implied), and
anchor×predicate combinations ("Russia|deploy") that stay selective even when the
anchor alone is everywhere.  An inverted index over the keys, with every key held by
more than ``max_df`` propositions dropped (it says nothing about a pair), yields pairs
weighted by the rarity of what they share (an IDF sum); each proposition keeps its
``top_k`` best partners.  The pair arithmetic runs in numpy, a run of propositions at a
time (:func:`stream_pairs`), so the index scales in time and in memory.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .props import Prop

MAX_DF = 200
TOP_K = 25
MIN_SCORE = 1.5  # at least one rare key, or two middling ones
CHUNK_PAIRS = 1_000_000  # raw pairs scored at a time: bounds the memory blocking takes, whatever the record's size


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
    A list of :func:`stream_pairs`, for callers that want them all at once.
    """
    stats = BlockingStats()
    pairs = list(stream_pairs(props, max_df=max_df, top_k=top_k, min_score=min_score, allow=allow, stats=stats))
    return pairs, stats


def stream_pairs(
    props: list[Prop],
    *,
    max_df: int = MAX_DF,
    top_k: int = TOP_K,
    min_score: float = MIN_SCORE,
    allow=None,
    stats: BlockingStats | None = None,
    chunk: int = CHUNK_PAIRS,
) -> Iterator[tuple[int, int, float]]:
    """The candidate pairs in (i, j) order, one at a time; ``stats`` is filled as they go.

    The raw pairs (every two propositions sharing a key) outnumber the candidates
    several times over (6.6 million against 0.85 million on the BBC record), so they are
    never all held at once: they are scored in runs of first members ``[lo, hi)`` —
    every pair whose first member falls in the run, with every key it shares, so its
    score is complete — of about ``chunk`` raw pairs each, and of each run only the
    pairs that can still be among a member's ``top_k`` best are kept.  The pairs and
    their order are those of scoring all raw pairs at once.
    """
    stats = stats if stats is not None else BlockingStats()
    stats.propositions = len(props)
    blocks, stats.keys = _blocks(props, max_df)
    stats.keys_used = len(blocks)
    n = max(len(props), 2)
    if not blocks:
        return
    left, right, scores, by_first = _best_of_runs(_scored(blocks, n, len(props), min_score, chunk, stats), len(props), top_k)
    chosen = by_first | (_ranks(right, scores) < top_k)  # among the k best of its second member, over the whole record
    count = 0
    for idx in np.flatnonzero(chosen):
        i, j = int(left[idx]), int(right[idx])
        if allow is None or allow(i, j):
            count += 1
            yield i, j, float(scores[idx])
    stats.candidate_pairs = count


def _blocks(props: list[Prop], max_df: int) -> tuple[list[tuple[np.ndarray, float]], int]:
    """Each usable key as (the sorted indices of the propositions holding it, its weight), in first-seen order.

    Also returns how many distinct keys there were.  The key strings are let go here:
    only their postings and weights are needed to score pairs.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(props):
        for k in keys_of(p):
            postings[k].append(i)
    n = max(len(props), 2)
    blocks: list[tuple[np.ndarray, float]] = []
    for key, ids in postings.items():
        df = len(ids)
        if df < 2 or df > max_df:
            continue
        idf = math.log(1 + n / df) * (1.6 if key.startswith("x:") else 1.0)
        blocks.append((np.asarray(ids, dtype=np.int64), idf))
    return blocks, len(postings)


def _bounds(blocks: list[tuple[np.ndarray, float]], size: int, chunk: int) -> list[int]:
    """Proposition indices that cut the record into runs of about ``chunk`` raw pairs (by first member)."""
    per_left = np.zeros(max(size, 1), dtype=np.int64)
    for ids, _ in blocks:
        per_left[ids] += np.arange(ids.shape[0] - 1, -1, -1)  # the p-th holder pairs with the df-1-p after it
    cumulative = np.cumsum(per_left)
    cuts = np.searchsorted(cumulative, np.arange(chunk, int(cumulative[-1]), chunk), side="right")
    return sorted({0, *(int(c) for c in cuts), size})


def _best_of_runs(runs: Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]], size: int, k: int
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The pairs of every run that may be among the k best of a member, and which are so for their first member.

    A run holds all the pairs of its first members, so their ranks there are final.  A
    second member's pairs come from many runs, in order, so a pair is dropped when k
    pairs of that member rank above it already: k better ones in its own run, or k
    kept from earlier runs scoring at least as much (``best`` holds each member's k
    best scores so far; an earlier pair wins a tie).  What is left is ranked over the
    record by :func:`stream_pairs`.
    """
    best = np.full((max(size, 1), k), -np.inf, dtype=np.float32)  # each row best first
    kept: list[tuple[np.ndarray, ...]] = []
    for left, right, scores in runs:
        by_first = _ranks(left, scores) < k
        rank = _ranks(right, scores)
        second = (rank < k) & (scores > best[right, k - 1])
        keep = by_first | second
        if second.any():
            _raise_best(best, right[second], rank[second], scores[second], k)
        kept.append((left[keep], right[keep], scores[keep], by_first[keep]))
    if not kept:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32), np.zeros(0, dtype=bool)
    return tuple(np.concatenate(parts) for parts in zip(*kept))  # type: ignore[return-value]


def _raise_best(best: np.ndarray, members: np.ndarray, rank: np.ndarray, scores: np.ndarray, k: int) -> None:
    """Merge one run's best scores per member (at most k each, ``rank`` their place) into ``best``."""
    touched, row = np.unique(members, return_inverse=True)
    new = np.full((touched.shape[0], k), -np.inf, dtype=np.float32)
    new[row, rank] = scores
    merged = np.concatenate([best[touched], new], axis=1)
    merged = -np.sort(-merged, axis=1)
    best[touched] = merged[:, :k]


def _scored(blocks: list[tuple[np.ndarray, float]], n: int, size: int, min_score: float, chunk: int,
            stats: BlockingStats) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(left, right, score) of the pairs scoring at least ``min_score``, a run of first members at a time.

    Every raw pair of one key gets its weight; a pair's score is the sum over the keys
    it shares, added in key order.  Runs come in order and are ordered by (left, right).
    """
    firsts = np.asarray([ids[0] for ids, _ in blocks], dtype=np.int64)
    last_lefts = np.asarray([ids[-2] for ids, _ in blocks], dtype=np.int64)  # the last holder with a partner after it
    bounds = _bounds(blocks, size, chunk)
    for lo, hi in zip(bounds, bounds[1:]):
        codes: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for b in np.flatnonzero((firsts < hi) & (last_lefts >= lo)):
            ids, idf = blocks[b]
            df = ids.shape[0]
            first, stop = (int(x) for x in np.searchsorted(ids, (lo, hi)))
            s0, s1 = _row_start(first, df), _row_start(min(stop, df - 1), df)
            if s1 <= s0:
                continue  # its holders skip this run
            left, right = np.triu_indices(df, k=1)  # row-major: the pairs of holders first..stop-1 lie together
            codes.append(ids[left[s0:s1]] * n + ids[right[s0:s1]])
            weights.append(np.full(s1 - s0, idf, dtype=np.float32))
        if not codes:
            continue
        all_codes = np.concatenate(codes)
        all_weights = np.concatenate(weights)
        del codes, weights
        stats.raw_pairs += int(all_codes.shape[0])
        uniq, inverse = np.unique(all_codes, return_inverse=True)
        scores = np.bincount(inverse, weights=all_weights).astype(np.float32)
        del all_codes, all_weights, inverse
        keep = scores >= min_score
        uniq, scores = uniq[keep], scores[keep]
        members = np.int32 if n < 2**31 else np.int64
        yield (uniq // n).astype(members), (uniq % n).astype(members), scores


def _row_start(row: int, df: int) -> int:
    """Where row ``row`` of the strict upper triangle of a df×df matrix starts, in row-major order."""
    return row * (2 * df - row - 1) // 2


def _ranks(side: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Each pair's rank within its member's pairs (``side`` names the member), best score first, ties in order."""
    ranks = np.zeros(scores.shape[0], dtype=np.int64)
    if scores.shape[0] == 0:
        return ranks
    order = np.argsort(-scores, kind="stable")
    s = side[order]
    sort_by_member = np.argsort(s, kind="stable")
    members = s[sort_by_member]
    starts = np.r_[0, np.flatnonzero(np.diff(members)) + 1]
    counts = np.diff(np.r_[starts, members.shape[0]])
    ranks[order[sort_by_member]] = np.arange(members.shape[0]) - np.repeat(starts, counts)
    return ranks
