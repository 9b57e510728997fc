"""Load the shipped judge and answer one pair: related or not, then its stance.

The artefact is in ``link/judge/model/``: ``judge.json`` (the feature names and
labels), ``relatedness.npz`` and ``stance.npz`` (the two stages' gradient-boosted
trees as plain arrays, see trees.py), ``vectors.npz`` (TF-IDF vocabulary, IDF and
SVD arrays) and ``training.json`` (how it was trained and its dev figures).  Nothing
is unpickled and nothing downloaded.  ``why`` names the features whose values moved
the answer most (each put back to its training median in turn) and quotes the
sentences of the text that bear on the claim.
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import Errors, OnrecordError
from .features import (EVIDENCE_SENTENCES, TextView, evidence_order, feature_index, feature_names, pair_features, read_text,
                       sentence_cosines)
from .rules import rules_verdict
from .trees import Trees
from .vectors import Vectors

MODEL_DIR = Path(__file__).resolve().parent / "model"
SEMANTIC_MODEL_DIR = Path(__file__).resolve().parent / "model-semantic"  # trained with the sentence-embedding features
LABELS = ("agree", "disagree", "discuss", "unrelated")
TO_RELATION = {"agree": "supports", "disagree": "contradicts", "discuss": "neutral", "unrelated": "neutral"}
TEXT_CACHE = 4096

# What each feature means to a reader of ``why`` (the names stay the column names).
_PLAIN = {
    "tfidf_cos_text": "TF-IDF similarity of the whole text", "tfidf_cos_best": "TF-IDF similarity of the best sentence",
    "tfidf_cos_lead": "TF-IDF similarity of the opening", "svd_cos_text": "topic (SVD) similarity",
    "svd_cos_best": "topic (SVD) similarity of the evidence", "share_words_text": "claim words found in the text",
    "share_words_best": "claim words found in one sentence", "share_words_lead": "claim words in the opening",
    "share_bigrams_text": "claim word pairs found", "share_names_text": "claim names found",
    "claim_names": "names in the claim", "share_numbers_text": "claim numbers found",
    "claim_numbers_missing": "claim numbers missing", "claim_words": "length of the claim",
    "text_sentences_log": "length of the text", "refute_evidence": "refuting words in the evidence",
    "deny_evidence": "denials in the evidence", "hedge_evidence": "hedges in the evidence",
    "negated_claim_words_evidence": "claim words negated in the evidence", "question_evidence": "a question in the evidence",
    "numbers_disagree_evidence": "numbers that disagree", "confirm_evidence": "confirmations in the evidence",
    "refute_lead": "refuting words in the opening", "deny_lead": "denials in the opening", "hedge_lead": "hedges in the opening",
    "refute_near": "refuting words beside the claim's words", "deny_near": "denials beside the claim's words",
    "hedge_near": "hedges beside the claim's words", "negated_claim_words_near": "claim words negated where repeated",
    "quoted_claim": "the claim quotes someone", "refute_text": "refuting words in the text",
    "deny_text": "denials in the text", "hedge_text": "hedges in the text", "negations_text": "negations in the text",
    "refute_claim": "refuting words in the claim", "deny_claim": "denials in the claim", "hedge_claim": "hedges in the claim",
    "negations_claim": "negations in the claim", "question_claim": "the claim is a question",
    "rules_supports": "the link rules say supports", "rules_contradicts": "the link rules say contradicts",
    "rules_score": "the link rules' score",
    "embed_cos_text": "meaning (sentence-embedding) similarity of the text",
    "embed_cos_best": "meaning similarity of the best sentence", "embed_cos_lead": "meaning similarity of the opening",
}


@dataclass
class JudgeVerdict:
    """The judge's answer for one claim and one text."""

    related: bool
    relation: str  # supports | contradicts | neutral
    score: float  # in [0, 1]: the probability of the answer given
    probabilities: dict[str, float]  # agree / disagree / discuss / unrelated
    evidence: list[str] = field(default_factory=list)  # the text's sentences that bear on the claim, best first
    why: str = ""
    label: str = "unrelated"  # the FNC-1 label: agree | disagree | discuss | unrelated


class Judge:
    """The two stages and the vectors, with a bounded cache of texts already read."""

    def __init__(self, vectors: Vectors, stage1: Trees | None, stage2: Trees | None, semantic: bool = False) -> None:
        self.vectors = vectors
        self.stage1 = stage1
        self.stage2 = stage2
        self.semantic = semantic  # reads sentence embeddings too (the [semantic] extra)
        self._texts: OrderedDict[str, TextView] = OrderedDict()

    @property
    def features_names(self) -> tuple[str, ...]:
        """The columns this judge reads, in order (derived from ``semantic``, never set apart from it)."""
        return feature_names(self.semantic)

    def read(self, text: str) -> TextView:
        view = self._texts.get(text)
        if view is None:
            view = read_text(text, self.vectors, _embedder() if self.semantic else None)
            self._texts[text] = view
            if len(self._texts) > TEXT_CACHE:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(text)
        return view

    def features(self, claim: str, text: str) -> tuple[list[float], list[int], TextView]:
        """Feature values, evidence sentence indices (best first), and the text as read."""
        values, order, view, _ = self.features_and_rules(claim, text)
        return values, order, view

    def features_and_rules(self, claim: str, text: str) -> tuple[list[float], list[int], TextView, Any]:
        """As :meth:`features`, plus the link rules' verdict on the best sentence."""
        c, t = self.read(claim), self.read(text)
        cos = sentence_cosines(c, t)
        best = t.sentences[evidence_order(c, t, cos)[0]].text
        rules = rules_verdict(claim, best)
        values, order = pair_features(c, t, (rules.relation, rules.score), cos)
        return values, order, t, rules

    def probabilities_matrix(self, x: np.ndarray) -> np.ndarray:
        """Rows of (agree, disagree, discuss, unrelated) probabilities."""
        assert self.stage1 is not None and self.stage2 is not None
        p1 = self.stage1.proba(x)
        unrelated = p1[..., self.stage1.classes.index("unrelated")]
        p2 = self.stage2.proba(x) * (1.0 - unrelated)[..., None]
        cols = [p2[..., self.stage2.classes.index(k)] for k in ("agree", "disagree", "discuss")]
        return np.stack(cols + [unrelated], axis=-1)

    @staticmethod
    def decide(probs: np.ndarray, x: np.ndarray | None = None) -> tuple[str, float]:
        """Unrelated when stage 1 says so (p ≥ 0.5), else the likeliest stance; a bare question only discusses.

        ``x`` (the pair's features) lets :func:`only_asks` overrule a side taken on a text that
        asserts nothing.
        """
        if probs[3] >= 0.5:
            return "unrelated", float(probs[3])
        k = int(np.argmax(probs[:3]))
        if LABELS[k] != "discuss" and x is not None and only_asks(x):
            k = LABELS.index("discuss")
        return LABELS[k], float(probs[k] / max(1e-9, probs[:3].sum()))

    def judge(self, claim: str, text: str) -> JudgeVerdict:
        values, order, view, rules = self.features_and_rules(claim, text)
        x = np.asarray(values, dtype=np.float64)
        probs = self.probabilities_matrix(x[None, :])[0]
        label, score = self.decide(probs, x)
        evidence = [view.sentences[i].text for i in order[:EVIDENCE_SENTENCES]]
        return JudgeVerdict(
            related=label != "unrelated",
            relation=TO_RELATION[label],
            score=round(min(1.0, max(0.0, score)), 3),
            probabilities={k: round(float(p), 4) for k, p in zip(LABELS, probs)},
            evidence=evidence if label != "unrelated" else evidence[:1],
            why=self._why(x, label, evidence, rules),
            label=label,
        )

    def _why(self, x: np.ndarray, label: str, evidence: list[str], rules: Any) -> str:
        assert self.stage1 is not None and self.stage2 is not None
        if label == "unrelated":
            reasons = self.stage1.reasons(x, "unrelated", _PLAIN, self.features_names)
            return "not about the same story: " + (", ".join(reasons) or "little in common")
        head = {"agree": "supports", "disagree": "contradicts", "discuss": "related, reported without taking sides"}[label]
        reasons = self.stage2.reasons(x, label, _PLAIN, self.features_names)
        quoted = " | ".join(f'"{_clip(s)}"' for s in evidence[:2])
        agreeing = rules is not None and rules.relation == TO_RELATION[label] and rules.relation != "neutral"
        said = f"; the link rules: {rules.why}" if agreeing else ""
        return f"{head}: " + (", ".join(reasons) or "the balance of the features") + said + f"; evidence: {quoted}"

    def save(self, folder: Path) -> None:
        """Write judge.json, relatedness.npz, stance.npz and vectors.npz into ``folder``."""
        assert self.stage1 is not None and self.stage2 is not None
        folder.mkdir(parents=True, exist_ok=True)
        manifest = {"features": list(self.features_names), "labels": list(LABELS), "semantic": self.semantic, "stages": {
            "relatedness.npz": list(self.stage1.classes), "stance.npz": list(self.stage2.classes)}}
        (folder / "judge.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        self.stage1.save(folder / "relatedness.npz")
        self.stage2.save(folder / "stance.npz")
        self.vectors.save(folder / "vectors.npz")


def only_asks(x: np.ndarray) -> bool:
    """The text is one question with no refuting, denying or negating word: it asks, and asserts nothing.

    "Was the minister killed in the attack?" neither supports nor contradicts "The minister was
    killed in the attack"; it reports the claim as open.  A question that brings its own doubt
    ("Was the video a hoax?") is left to the trees.  On Emergent's headlines the rule turns 18
    sides taken into the right "observing" and 7 right sides into "observing" (all rows).
    """
    at = feature_index()
    one_sentence = abs(x[at["text_sentences_log"]] - math.log(2)) < 1e-9
    return bool(one_sentence and x[at["question_evidence"]] == 1
                and x[at["refute_text"]] == 0 and x[at["deny_text"]] == 0 and x[at["negations_text"]] == 0)


def _clip(sentence: str, limit: int = 200) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _embedder() -> Any:
    from .. import semantic

    return semantic.embed


def wants_semantic() -> bool:
    """``ONRECORD_JUDGE=semantic`` (what ``relate --semantic`` sets) asks for the semantic judge.

    It is opt-in, as ``link --semantic`` is: it reads a little better (docs/accuracy.md) but
    embeds every sentence it reads, about 30 times slower than the default judge.
    """
    import os

    return os.environ.get("ONRECORD_JUDGE", "").strip().lower() == "semantic"


def semantic_judge_usable() -> bool:
    """Asked for (:func:`wants_semantic`), shipped (``model-semantic/``) and the [semantic] extra installed."""
    from .. import semantic

    return wants_semantic() and judge_folder(True).joinpath("judge.json").is_file() and semantic.available()


def judge_folder(semantic: bool) -> Any:
    """Where the judge's arrays and its training.json are."""
    return resources.files(__package__).joinpath("model-semantic" if semantic else "model")


@lru_cache(maxsize=2)
def load_judge(semantic: bool | None = None) -> Judge:
    """The judge shipped in the package (loaded once per process).

    ``semantic`` None follows :func:`wants_semantic`; the default judge needs nothing beyond
    the base install, the semantic one the [semantic] extra (E017 names it when missing).
    """
    use_semantic = wants_semantic() if semantic is None else semantic
    if use_semantic:
        from .. import semantic as extra

        if not extra.available():
            raise OnrecordError(Errors.E017)
    folder = judge_folder(use_semantic)
    raw = json.loads(folder.joinpath("judge.json").read_text("utf-8"))
    if raw["features"] != list(feature_names(use_semantic)):
        raise RuntimeError("judge.json was trained on other features than features.py computes: retrain the judge")
    with folder.joinpath("vectors.npz").open("rb") as fh:
        vectors = Vectors.load(fh)
    with folder.joinpath("relatedness.npz").open("rb") as fh:
        stage1 = Trees.load(fh)
    with folder.joinpath("stance.npz").open("rb") as fh:
        stage2 = Trees.load(fh)
    return Judge(vectors, stage1, stage2, semantic=use_semantic)


def judge_pair(claim: str, text: str) -> JudgeVerdict:
    """Is the text about the claim's story, and does it support, contradict or only discuss it?"""
    return load_judge(wants_semantic()).judge(claim, text)
