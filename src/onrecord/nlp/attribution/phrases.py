"""Source phrases: "according to X, …" and parenthetical "as X put it"."""

from __future__ import annotations

from spacy.tokens import Doc

from ..docview import sentence_of
from .grammar import (
    CLAUSAL,
    PERSONAL_PRONOUNS,
    Quotes,
    SAY_LIKE,
    _Found,
    _is_inside,
    _speaker_span,
    _subtree_ids,
)


def according_to_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """"…, according to X": the rest of the clause is X's content."""
    found: list[_Found] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        if _is_inside(tok.idx, quotes):
            continue  # "…,'' according to its own website.''": part of the quoted words
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        sent = sentence_of(tok)
        source = _speaker_span(pobj)
        if any(c.dep_ == "appos" and c.i > pobj.i for c in pobj.children):
            # "According to X, the move reeks of fear": the parser made the claim X's apposition.
            source = doc[min([t.left_edge.i for t in pobj.lefts] + [pobj.i]) : pobj.i + 1]
            phrase = {tok.i, to.i} | set(range(source.start, source.end))
        else:
            phrase = _subtree_ids(tok) | _subtree_ids(to) | {tok.i, to.i}
        content = {t.i for t in sent} - phrase
        content = {i for i in content if not doc[i].is_space}
        found.append(
            _Found(
                cue=[tok, to],
                cue_class="assert",
                cue_lemma="according to",
                speaker=source,
                content=content,
                kind="according_to",
                sentence=sent,
                confidence=0.8,
            )
        )
    return found


def as_put_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """"As one memo put it, the requirement is…", "The system, as Trump said, is rigged".

    An "as"-clause with a saying verb and nothing said inside it attributes the
    clause it is attached to: the rest of the sentence is the content.
    """
    found: list[_Found] = []
    for tok in doc:
        if tok.lemma_ not in SAY_LIKE and tok.lemma_ != "put":
            continue
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) or _is_inside(tok.idx, quotes):
            continue
        start = tok.left_edge.i
        if start > sentence_of(tok).start and doc[start - 1].text not in (",", "—", "(", "–"):
            continue  # only a parenthetical "as"-clause: not "as wealthy as he claims to be"
        if doc[start].lower_ in ("even", "just", "so"):
            continue  # "even as he says…" concedes; it does not attribute
        says = tok.lemma_ in SAY_LIKE and not any(c.dep_ in CLAUSAL + ("dobj", "xcomp") for c in tok.children)
        puts = tok.lemma_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if not (says or puts) or subject is None or subject.lower_ in PERSONAL_PRONOUNS - {"he", "she", "they"}:
            continue
        sentence = sentence_of(tok)
        clause = _subtree_ids(tok)
        content = {t.i for t in sentence if t.i not in clause and not t.is_space}
        if not any(doc[i].pos_ in ("VERB", "AUX") for i in content):
            continue
        cue = [tok] + [c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "it"]
        found.append(
            _Found(
                cue=cue, cue_class="assert", cue_lemma=" ".join(t.lower_ for t in cue),
                speaker=_speaker_span(subject), content=content, kind="indirect", sentence=sentence,
                confidence=0.75,
            )
        )
    return found
