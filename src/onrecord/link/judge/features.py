"""Readable features of a claim/text pair, each with a name a person can check by hand.

A pair is described in two parts.  *Relatedness*: how much of the claim the text
repeats — its words, word pairs, names and numbers — and the TF-IDF and LSA (SVD)
similarity of the two, over the whole text and over the sentences that bear on the
claim most.  *Stance*: in those sentences, and in the whole text, the cues that
refute (``hoax``, ``debunked``), deny, hedge (``reportedly``, ``claims``) or negate
the claim's own words; numbers that disagree; and the link rules' own verdict on the
best sentence.  Word lists are the link stage's lexicon (``link/data/lexicon.json``).

Everything is computed with regular expressions, the link stage's light tokenizer and
scikit-learn's vectoriser, cached per text, so a body paired with many headlines is
read once and no spaCy parse is needed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

import numpy as np

from ..lexicon import lexicon
from ..text import Tok, has_phrase, mark_negation, sentence_spans, tokenize

if TYPE_CHECKING:
    from .vectors import Vectors

EVIDENCE_SENTENCES = 3
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DIGITS = re.compile(r"\d")
_TITLE_WORD = re.compile(r"^[A-Z][a-z]")

FEATURES: tuple[str, ...] = (
    # relatedness
    "tfidf_cos_text", "tfidf_cos_best", "tfidf_cos_lead", "svd_cos_text", "svd_cos_best",
    "share_words_text", "share_words_best", "share_words_lead", "share_bigrams_text",
    "share_names_text", "claim_names", "share_numbers_text", "claim_numbers_missing",
    "claim_words", "text_sentences_log",
    # stance, in the evidence sentences (the ones that bear on the claim)
    "refute_evidence", "deny_evidence", "hedge_evidence", "negated_claim_words_evidence",
    "question_evidence", "numbers_disagree_evidence", "confirm_evidence",
    # stance, in the opening three sentences and in every sentence that repeats the claim
    "refute_lead", "deny_lead", "hedge_lead", "refute_near", "deny_near", "hedge_near", "negated_claim_words_near",
    # stance, in the whole text
    "refute_text", "deny_text", "hedge_text", "negations_text",
    # the claim's own cues (a headline may itself say "hoax" or "reportedly")
    "refute_claim", "deny_claim", "hedge_claim", "negations_claim", "question_claim", "quoted_claim",
    # the link rules' verdict on the best sentence
    "rules_supports", "rules_contradicts", "rules_score",
)
# With the ``[semantic]`` extra: the sentence-embedding cosine of the claim with the whole text,
# with its best sentence and with its opening (the judge trained on them is ``model-semantic/``).
SEMANTIC_FEATURES: tuple[str, ...] = ("embed_cos_text", "embed_cos_best", "embed_cos_lead")
LEAD = 3
NEAR = 0.5  # a sentence repeating at least half of the claim's words is "near" it


@dataclass(frozen=True)
class Sentence:
    """One sentence with what the features need: its words' stems, names, numbers and cues."""

    text: str
    stems: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    names: frozenset[str]
    numbers: frozenset[str]
    negated: frozenset[str]  # stems inside a negation's scope
    refute: int
    deny: int
    hedge: int
    negations: int
    question: bool
    confirm: int
    quoted: bool


@dataclass(frozen=True)
class TextView:
    """A text read once: its sentences, their TF-IDF and SVD rows, and whole-text totals."""

    text: str
    sentences: tuple[Sentence, ...]
    tfidf_dense: np.ndarray  # the whole text's TF-IDF row, dense, L2-normalised
    tfidf_text: object  # sparse 1×V row, L2-normalised
    tfidf_sentences: object  # sparse S×V, rows L2-normalised
    svd_text: np.ndarray
    svd_sentences: np.ndarray
    stems: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    names: frozenset[str]
    numbers: frozenset[str]
    embed_text: np.ndarray | None = None  # unit-length sentence embedding of the whole text (semantic extra only)
    embed_sentences: np.ndarray | None = None  # one unit-length row per sentence


def feature_names(semantic: bool = False) -> tuple[str, ...]:
    """The judge's columns: :data:`FEATURES`, then :data:`SEMANTIC_FEATURES` for the semantic judge."""
    return FEATURES + SEMANTIC_FEATURES if semantic else FEATURES


def _content(tok: Tok, stop: frozenset[str]) -> bool:
    return tok.low not in stop and len(tok.low) > 1 and not _DIGITS.search(tok.low)


def _sentence(text: str) -> Sentence:
    lex = lexicon()
    toks = tokenize(text)
    negations = mark_negation(toks, lex.negation, lex.negation_phrases, lex.deny)
    stop = lex.stopwords
    content = [t for t in toks if _content(t, stop)]
    lows = [t.low for t in toks]
    # a name: a capitalised word not at the start of its sentence (headlines in title case count all)
    names = frozenset(t.stem for i, t in enumerate(toks) if i and _TITLE_WORD.match(t.text) and t.low not in stop)
    refute = sum(t.low in lex.refute or any(p in lex.refute for p in t.low.split("-")[1:]) for t in toks)
    refute += has_phrase(lows, lex.refute_phrases) is not None
    hedge = sum(t.low in lex.hedge for t in toks) + (has_phrase(lows, lex.hedge_phrases) is not None)
    stems = [t.stem for t in content]
    return Sentence(
        text=text,
        stems=frozenset(stems),
        bigrams=frozenset(zip(stems, stems[1:])),
        names=names,
        numbers=frozenset(n.replace(",", "") for n in _NUMBER.findall(text)),
        negated=frozenset(t.stem for t in content if t.neg),
        refute=refute,
        deny=sum(t.low in lex.deny for t in toks),
        hedge=hedge,
        negations=negations,
        question=text.rstrip(" \"'”’").endswith("?"),
        confirm=sum("confirm" in lex.clusters.get(t.stem, ()) for t in toks),
        quoted=any(q in text for q in ("'", '"', "‘", "“")),
    )


def split_sentences(text: str) -> list[str]:
    """The text's sentences (the project's one splitter), blank ones dropped."""
    out = [text[a:b].strip() for a, b in sentence_spans(text)]
    return [s for s in out if any(c.isalnum() for c in s)] or [text.strip()]


def read_text(text: str, vectors: "Vectors", embed: Callable[[list[str]], np.ndarray] | None = None) -> TextView:
    """Read a text once (cached by the caller): sentences, vectors and totals.

    ``embed`` (unit-length sentence embeddings, from the semantic extra) adds an
    embedding per sentence and one for the whole text, the normalised mean of them.
    """
    sentences = tuple(_sentence(s) for s in split_sentences(text))
    tf = vectors.tfidf([text] + [s.text for s in sentences])
    sv = vectors.svd(tf)
    embed_sentences = embed_text = None
    if embed is not None:
        embed_sentences = np.asarray(embed([s.text for s in sentences]), dtype=np.float32)
        mean = embed_sentences.mean(axis=0)
        embed_text = mean / (float(np.linalg.norm(mean)) or 1.0)
    return TextView(
        text=text,
        sentences=sentences,
        tfidf_dense=np.asarray(tf[0].todense()).ravel(),
        tfidf_text=tf[0],
        tfidf_sentences=tf[1:],
        svd_text=sv[0],
        svd_sentences=sv[1:],
        stems=frozenset().union(*(s.stems for s in sentences)),
        bigrams=frozenset().union(*(s.bigrams for s in sentences)),
        names=frozenset().union(*(s.names for s in sentences)),
        numbers=frozenset().union(*(s.numbers for s in sentences)),
        embed_text=embed_text,
        embed_sentences=embed_sentences,
    )


def _share(part: frozenset, whole: frozenset) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _claim_stems(claim: TextView) -> frozenset[str]:
    return claim.stems


def sentence_cosines(claim: TextView, text: TextView) -> np.ndarray:
    """TF-IDF cosine of the claim with each sentence of the text."""
    return np.asarray(text.tfidf_sentences @ claim.tfidf_dense).ravel()


def evidence_order(claim: TextView, text: TextView, cos: np.ndarray | None = None) -> list[int]:
    """Sentence indices of the text, the ones that bear most on the claim first.

    A sentence bears on the claim by the claim words it repeats (share of the claim's
    content words) and by its TF-IDF similarity; ties go to the earlier sentence.
    """
    if len(text.sentences) == 1:
        return [0]
    cos = sentence_cosines(claim, text) if cos is None else cos
    stems = claim.stems
    scores = [(0.5 * _share(stems, s.stems) + cos[i], -i) for i, s in enumerate(text.sentences)]
    return [-i for _, i in sorted(scores, reverse=True)]


def _svd_cos(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b) / (na * nb) if na and nb else 0.0


def pair_features(claim: TextView, text: TextView, rules: tuple[str, float] | None = None,
                  cos: np.ndarray | None = None) -> tuple[list[float], list[int]]:
    """(feature values in :data:`FEATURES` order, evidence sentence indices best first)."""
    cos = sentence_cosines(claim, text) if cos is None else cos
    order = evidence_order(claim, text, cos)
    evidence = order[:EVIDENCE_SENTENCES]
    best = evidence[0]
    tf_text = float(text.tfidf_dense @ claim.tfidf_dense)
    lead = text.sentences[:2]
    lead_stems = frozenset().union(*(s.stems for s in lead))
    ev = [text.sentences[i] for i in evidence]
    c_sent = claim.sentences
    stems = claim.stems
    negated_here = sum(len((stems - frozenset().union(*(c.negated for c in c_sent))) & s.negated) for s in ev)
    c_numbers = claim.numbers
    ev_numbers = frozenset().union(*(s.numbers for s in ev))
    numbers_disagree = float(bool(c_numbers) and bool(ev_numbers) and not (c_numbers & ev_numbers))
    relation, score = rules or ("neutral", 0.0)
    lead_s = text.sentences[:LEAD]
    near = [s for s in text.sentences if stems and _share(stems, s.stems) >= NEAR] or ev[:1]
    claim_negated = frozenset().union(*(c.negated for c in c_sent))
    negated_near = sum(len((stems - claim_negated) & s.negated) for s in near)
    values = [
        tf_text,
        float(cos[best]),
        float(max(cos[: len(lead)])),
        _svd_cos(claim.svd_text, text.svd_text),
        max(_svd_cos(claim.svd_text, text.svd_sentences[i]) for i in evidence),
        _share(stems, text.stems),
        max(_share(stems, s.stems) for s in ev),
        _share(stems, lead_stems),
        _share(claim.bigrams, text.bigrams),
        _share(claim.names, text.stems | text.names),
        math.log1p(len(claim.names)),
        _share(c_numbers, text.numbers),
        float(len(c_numbers - text.numbers)),
        math.log1p(len(stems)),
        math.log1p(len(text.sentences)),
        math.log1p(sum(s.refute for s in ev)),
        math.log1p(sum(s.deny for s in ev)),
        math.log1p(sum(s.hedge for s in ev)),
        math.log1p(negated_here),
        float(any(s.question for s in ev)),
        numbers_disagree,
        math.log1p(sum(s.confirm for s in ev)),
        math.log1p(sum(s.refute for s in lead_s)),
        math.log1p(sum(s.deny for s in lead_s)),
        math.log1p(sum(s.hedge for s in lead_s)),
        math.log1p(sum(s.refute for s in near)),
        math.log1p(sum(s.deny for s in near)),
        math.log1p(sum(s.hedge for s in near)),
        math.log1p(negated_near),
        math.log1p(sum(s.refute for s in text.sentences)),
        math.log1p(sum(s.deny for s in text.sentences)),
        math.log1p(sum(s.hedge for s in text.sentences)),
        math.log1p(sum(s.negations for s in text.sentences)),
        math.log1p(sum(s.refute for s in c_sent)),
        math.log1p(sum(s.deny for s in c_sent)),
        math.log1p(sum(s.hedge for s in c_sent)),
        math.log1p(sum(s.negations for s in c_sent)),
        float(any(s.question for s in c_sent)),
        float(any(s.quoted for s in c_sent)),
        float(relation == "supports"),
        float(relation == "contradicts"),
        float(score),
    ]
    if claim.embed_text is not None and text.embed_sentences is not None and text.embed_text is not None:
        sims = text.embed_sentences @ claim.embed_text
        values += [float(text.embed_text @ claim.embed_text), float(sims[best]), float(sims[: len(lead)].max())]
    return values, evidence


@lru_cache(maxsize=1)
def feature_index() -> dict[str, int]:
    return {name: i for i, name in enumerate(FEATURES)}
