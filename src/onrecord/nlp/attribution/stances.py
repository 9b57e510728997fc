"""Stance adjectives and nouns predicated of a speaker: "aides were confident that…",
"Graham has been critical of Trump", "she is a staunch opponent of the death penalty".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import cues as lexicon
from ..docview import sentence_of
from .grammar import (
    CONTENT_POS,
    Quotes,
    _Found,
    _finite,
    _is_inside,
    _negated,
    _speaker_span,
    _subject_of,
    _subtree_ids,
)


# Prepositions that introduce what a stance adjective is about.
ADJECTIVE_PREPS = frozenset("of about that on to with over".split())


def adjective_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """"Clinton aides were confident that…", "Graham has been critical of Trump",
    "she is a staunch opponent of the death penalty"."""
    found: list[_Found] = []
    for tok in doc:
        if tok.lower_ not in lexicon.STANCE_FORMS or tok.dep_ not in ("acomp", "oprd", "attr") or _is_inside(tok.idx, quotes):
            continue
        if tok.pos_ == "ADJ":
            entry = lexicon.adjective_cue(tok.lemma_)
        elif tok.pos_ == "NOUN" and tok.dep_ == "attr":
            entry = lexicon.stance_noun(tok.lemma_)  # "is a staunch opponent of…"
        else:
            entry = None
        if entry is None:
            continue
        item = _adjective(tok, entry)
        if item is not None:
            found.append(item)
    return found


def _adjective(adj: Token, entry: lexicon.CueEntry) -> _Found | None:
    """The copula's subject holds the stance; a clause or a prepositional object is its content."""
    copula = adj.head
    subject = _subject_of(copula) if copula.pos_ in ("AUX", "VERB") else None
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON") or subject.lower_ in ("it", "this", "that"):
        return None
    content: set[int] = set()
    for child in list(adj.children) + [c for c in copula.children if c.dep_ == "ccomp" and c.i > adj.i]:
        if child.dep_ == "ccomp" and _finite(child):
            content = _subtree_ids(child)
            break
        if child.dep_ == "prep" and child.lower_ in ADJECTIVE_PREPS:
            content = _subtree_ids(child) - {child.i}
            break
    if not content or not any(adj.doc[i].pos_ in CONTENT_POS for i in content):
        return None
    speaker = _speaker_span(subject)
    return _Found(
        cue=[adj], cue_class=entry.cls, cue_lemma=entry.lemma, speaker=speaker,
        content=content - set(range(speaker.start, speaker.end)), kind="indirect",
        sentence=sentence_of(adj), confidence=0.55, negated=_negated(copula),
    )
