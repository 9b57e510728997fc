"""TF-IDF and LSA (truncated SVD) vectors with a vocabulary fitted at training time.

The vocabulary, its IDF weights and the SVD components are plain arrays in one
``.npz`` file (loaded with ``allow_pickle=False``: numbers only, no code), so the
judge's similarity features are the same on every machine and sklearn version.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

TOKEN_PATTERN = r"(?u)\b\w\w+\b"


def _vectorizer(vocabulary: list[str] | None = None, max_features: int | None = None) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        vocabulary=vocabulary, max_features=max_features, stop_words="english", sublinear_tf=True,
        strip_accents="unicode", lowercase=True, token_pattern=TOKEN_PATTERN, min_df=1 if vocabulary else 2,
        dtype=np.float32,
    )


@dataclass
class Vectors:
    """TF-IDF rows (L2-normalised) and their projection on the SVD components."""

    vocabulary: list[str]
    idf: np.ndarray
    components: np.ndarray  # k × V

    def __post_init__(self) -> None:
        self._vec = _vectorizer(self.vocabulary)
        self._vec.idf_ = self.idf
        self._components_t = np.ascontiguousarray(self.components.T)

    def tfidf(self, texts: list[str]) -> Any:
        return self._vec.transform(texts)

    def svd(self, rows: Any) -> np.ndarray:
        return np.asarray(rows @ self._components_t)

    @classmethod
    def fit(cls, texts: list[str], *, max_features: int, components: int, seed: int) -> "Vectors":
        """Fit the vocabulary, IDF and SVD on the training texts (bodies and headlines)."""
        from sklearn.decomposition import TruncatedSVD

        vec = _vectorizer(max_features=max_features)
        matrix = vec.fit_transform(texts)
        svd = TruncatedSVD(n_components=components, random_state=seed).fit(matrix)
        vocabulary = [""] * len(vec.vocabulary_)
        for term, i in vec.vocabulary_.items():
            vocabulary[i] = term
        # Components are shipped in half precision (save): the judge is trained on what it will be served.
        return cls(vocabulary, vec.idf_.astype(np.float32), svd.components_.astype(np.float16).astype(np.float32))

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, vocabulary=np.array(self.vocabulary, dtype=str), idf=self.idf, components=self.components.astype(np.float16),
        )

    @classmethod
    def load(cls, path: Any) -> "Vectors":
        with np.load(path, allow_pickle=False) as data:
            return cls([str(t) for t in data["vocabulary"]], data["idf"].astype(np.float32), data["components"].astype(np.float32))
