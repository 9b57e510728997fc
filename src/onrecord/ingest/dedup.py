"""Wire copies: the same story printed by many outlets, recognised before analysis.

Papers reprint agency copy with small edits: a new headline, a dropped paragraph, a
house spelling.  Each text is reduced to shingles (every run of ``SHINGLE_WORDS``
words of its normalised text: case, accents, quotation marks and punctuation folded),
and a MinHash of those shingles goes into a datasketch LSH index.  A new text whose
shingles overlap a stored one's by at least ``THRESHOLD`` (Jaccard similarity,
checked exactly on the two texts after the LSH proposes the pair) is an appearance
of the stored text, not a document of its own.

Why 5 words and 0.8 (measured on the whole BBC corpus, 2,225 articles, after the
100 exact copies are matched by hash): the pairs of distinct texts the LSH proposes
fall into three groups.  Below 0.35, different stories that share phrases; 0.45 to
0.75, one story in a longer and a shorter version (read on the bbc-val pairs: a
third more text one way), kept as documents of their own because their statements
differ; 0.81 to 0.998, re-edits that change a headline, a word or a sentence (54
articles), which are one text.  0.8 sits in the gap.

A copy of a copy belongs to the same story even when it is less than 0.8 alike to
the first text (a story edited twice): the record's stories are the groups of texts
linked by copies, which do not depend on the order the texts arrive in, where "a copy
of the first text that came" would (``intake`` names each story by its smallest id).
In the BBC corpus every group is a pair (57 pairs; no chains).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from datasketch import LeanMinHash, MinHash, MinHashLSH

SHINGLE_WORDS = 5
THRESHOLD = 0.8
NUM_PERM = 128
MIN_SHINGLES = 20  # shorter texts are compared by hash only: too few shingles to judge

_WORD = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _strip_combining(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group() if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Lower case, accents and punctuation folded, so house style does not count as an edit.

    Only non-ASCII characters can be combining marks, so only runs of them are looked at
    one by one: the parent process decides every input this way before any is analysed.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    return folded if folded.isascii() else _NON_ASCII.sub(_strip_combining, folded)


def shingles(text: str) -> set[str]:
    words = _WORD.findall(normalise(text))
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1)  # its permutations are drawn once: costly to draw


def signature(grams: Iterable[str]) -> LeanMinHash:
    sketch = MinHash(num_perm=NUM_PERM, seed=1, permutations=_TEMPLATE.permutations, scheme=_TEMPLATE.scheme)
    sketch.update_batch([g.encode("utf-8") for g in grams])
    return LeanMinHash(sketch)


def to_bytes(sketch: LeanMinHash) -> bytes:
    buffer = bytearray(sketch.bytesize())
    sketch.serialize(buffer)
    return bytes(buffer)


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash.deserialize(bytearray(data))


class WireIndex:
    """Stored texts by MinHash; ``match`` finds the one a new text is a copy of.

    ``text_of`` fetches a stored text by hash, so the LSH's proposal is checked with
    the exact Jaccard similarity before anything is merged.
    """

    def __init__(self, text_of, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.text_of = text_of
        # The LSH proposes candidates at a lower similarity than we accept, so that
        # MinHash's estimation error never hides a true copy.
        self.lsh = MinHashLSH(threshold=max(threshold - 0.2, 0.3), num_perm=NUM_PERM)

    def __contains__(self, doc_hash: str) -> bool:
        return doc_hash in self.lsh.keys

    def add(self, doc_hash: str, sketch: LeanMinHash) -> None:
        if doc_hash not in self.lsh.keys:
            self.lsh.insert(doc_hash, sketch)

    def match(self, text: str, accept=None) -> tuple[str | None, float, LeanMinHash | None]:  # type: ignore[no-untyped-def]
        """(hash of the stored text it copies or None, their similarity, the new text's signature).

        ``accept(hash)`` may narrow the candidates (say, to texts already written).
        """
        grams = shingles(text)
        sketch = signature(grams) if len(grams) >= MIN_SHINGLES else None
        found = self.near(grams, sketch, accept)
        return (found[0][0], found[0][1], sketch) if found else (None, 0.0, sketch)

    def near(self, grams: set[str], sketch: LeanMinHash | None, accept=None,  # type: ignore[no-untyped-def]
             known: dict[str, float] | None = None) -> list[tuple[str, float]]:
        """Every indexed text a text with these shingles is a copy of, most alike first (ties by hash).

        ``known`` holds similarities measured before, so a text matched again (when it
        is written, after another run stored texts) is only compared with the new ones.
        """
        if sketch is None:
            return []
        found = []
        for candidate in self.lsh.query(sketch):
            if accept is not None and not accept(candidate):
                continue
            similarity = known.get(candidate) if known else None
            if similarity is None:
                other = self.text_of(candidate)
                if other is None:
                    continue
                similarity = jaccard(grams, shingles(other))
                if known is not None:
                    known[candidate] = similarity
            if similarity >= self.threshold:
                found.append((candidate, similarity))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))
