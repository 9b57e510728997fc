"""Noun cues: "Putin's denials that…", "assertions by X that…", "her decision to…"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import cues as lexicon
from ..docview import sentence_of
from .grammar import LIGHT_VERBS, Quotes, _Found, _is_inside, _speaker_span, _subject_of, _subtree_ids


def nominal_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """"Putin's denials that…", "assertions by X that…", "a warning about…"."""
    found: list[_Found] = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or _is_inside(tok.idx, quotes):
            continue
        entry = lexicon.noun_cue(tok.lemma_)
        if entry is None:
            continue
        item = _nominal(tok, entry)
        if item is not None:
            found.append(item)
    return found


# Entity types that can speak, for names the tagger took for common nouns.
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Verbs whose subject utters the noun they govern: "X voiced concerns about…", "X
# raised questions about…", "X signed an agreement to…".  Not "draw", "face",
# "receive" or "attract": their subject is the target of the criticism.
NOMINAL_LIGHT_VERBS = LIGHT_VERBS | frozenset("lodge file air pose signal sign reach have share".split())


def _nominal_speaker(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if noun.dep_ == "dobj" and noun.head.lemma_ in NOMINAL_LIGHT_VERBS:
        return _subject_of(noun.head)
    if _instrument_of_verb(noun):
        return _subject_of(noun.head.head)
    if noun.dep_ == "ROOT":
        return _headline_compound(noun)
    for sibling in noun.head.children:
        # "rejected assertions by the utility that…": the parser hung "by" on the verb.
        if sibling.dep_ == "prep" and sibling.lower_ == "by" and sibling.i == noun.right_edge.i + 1:
            return next((g for g in sibling.children if g.dep_ == "pobj"), None)
    return None


def _instrument_of_verb(noun: Token) -> bool:
    """"X responded with attacks on Y", "peppered him with questions about…": the
    subject of the verb is the one speaking through the noun."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "with" and prep.dep_ == "prep" and prep.head.pos_ == "VERB"


def _headline_compound(noun: Token) -> Token | None:
    """"Trump Claims That…" parsed as a noun phrase: the name compounded to the noun
    is the speaker.  Only for a noun heading its sentence, where the verb was lost."""
    for child in noun.children:
        if child.dep_ == "compound" and child.i < noun.i and any(_name_like(t) for t in child.subtree):
            return child
    return None


def _name_like(tok: Token) -> bool:
    """A name even when tagged as a common noun ("Trump" → "trump")."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in SPEAKER_ENTS or tok.is_title


def _that_clause(noun: Token) -> set[int]:
    """The "that…" clause of a noun, found in the parse or, failing that, right after it."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            return _subtree_ids(child)
    doc = noun.doc
    j = noun.i + 1
    limit = min(len(doc), noun.i + 6)
    while j < limit and doc[j].lower_ != "that" and doc[j].pos_ in ("ADV", "DET", "NOUN", "ADJ", "ADP", "PROPN"):
        if doc[j].dep_ not in ("npadvmod", "advmod", "det", "amod", "prep", "pobj", "compound"):
            break
        j += 1
    if j < len(doc) and doc[j].lower_ == "that" and doc[j].dep_ == "mark":
        head = doc[j].head
        if head.i > j:
            ids = _subtree_ids(head)
            return {i for i in ids if i >= j}
    return set()


def _infinitive(noun: Token) -> set[int]:
    """The "to…" complement of a noun: "her decision to run", "a vow to cut taxes".

    The parser hangs it as ``acl`` (sometimes ``xcomp``) with its own ``aux`` "to";
    a passive infinitive ("a decision to be reviewed") is the same shape and still the
    intent's content, so no further test is needed.
    """
    for child in noun.children:
        if child.dep_ in ("acl", "xcomp") and child.i > noun.i and child.pos_ in ("VERB", "AUX"):
            if any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
                return _subtree_ids(child)
    return set()


def _nominal_content(noun: Token, entry: lexicon.CueEntry) -> set[int]:
    """What the noun reports: a that-clause, an infinitive, or a prepositional object."""
    content = _that_clause(noun)
    if content:
        return content
    if entry.cls in lexicon.INFINITIVE_NOUN_CLASSES:
        content = _infinitive(noun)
        if content or entry.cls == "intend":
            return content
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _content_preps(entry) and entry.cls != "find":
            if not _temporal_object(child):
                return _subtree_ids(child) - {child.i}
    return set()


def _content_preps(entry: lexicon.CueEntry) -> tuple[str, ...]:
    """Blame names its reason with "for": "criticism for failing to act"."""
    general = ("of", "about", "against", "over", "on")
    return general + ("for",) if entry.cls == "accuse" else general


def _temporal_object(prep: Token) -> bool:
    """"his remarks on Saturday": a date says when, not what."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


# Verbs whose subject is the target of the noun, not its speaker: "X faced
# questions about…", "X drew criticism for…".  The speaker is unnamed.
TARGET_VERBS = frozenset("face draw receive attract field weather endure".split())


def _undergone(noun: Token) -> bool:
    """Criticism or questions someone faced: a statement with no named speaker."""
    return noun.dep_ == "dobj" and noun.head.lemma_ in TARGET_VERBS


def _nominal(noun: Token, entry: lexicon.CueEntry) -> _Found | None:
    speaker_tok = _nominal_speaker(noun)
    content = _nominal_content(noun, entry)
    if not content or (speaker_tok is None and not _undergone(noun)):
        return None
    speaker = _speaker_span(speaker_tok) if speaker_tok is not None else None
    if speaker is not None:
        content -= set(range(speaker.start, speaker.end))
    return _Found(
        cue=[noun],
        cue_class=entry.cls,
        cue_lemma=entry.lemma,
        speaker=speaker,
        content=content,
        kind="nominal",
        sentence=sentence_of(noun),
        confidence=0.7,
    )
