"""Refusals to speak: "declined to comment", "did not respond to a request for comment".

A spokesman who declines to comment is on the record, but saying nothing is not a
statement with content: recorded as one, "to comment on the report" or "a request for
comment" becomes what they "said".  Such clauses are statements of kind
``no_comment`` with the speaker and the cue and no content.  The frames, each a fact of
English a linguist would state:

- a verb of refusing with an infinitive of speaking: "declined to comment", "refused to
  answer further questions", "declined to be drawn on";
- a verb of answering under negation, with no reported words: "did not respond to a
  request for comment", "has not commented", "did not return calls";
- unreachability for comment: "could not be reached for comment", "was unavailable for
  comment";
- "no comment" as the object of a verb: "had no comment", "offered no comment".

The verbs inside a frame (the refusal and the speaking verb) make no other statement.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..docview import sentence_of
from .grammar import Quotes, _Found, _is_inside, _negated, _speaker_span, _subject_of


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("onrecord.nlp").joinpath("data/silence.json").read_text("utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


def no_comment_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """Every refusal to speak in the document, one ``_Found`` each (no content)."""
    found: list[_Found] = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX", "ADJ", "NOUN") or _is_inside(tok.idx, quotes):
            continue
        frame = _frame(tok)
        if frame is None:
            continue
        head, cue = frame
        subject = _subject_of(head) if head.pos_ in ("VERB", "AUX") else _copula_subject(head)
        if subject is None or subject.lower_ in ("it", "there"):
            continue
        found.append(
            _Found(
                cue=cue, cue_class="no_comment", cue_lemma=head.lemma_.lower(), speaker=_speaker_span(subject),
                content=set(), kind="no_comment", sentence=sentence_of(head), confidence=0.8,
            )
        )
    return found


def _frame(tok: Token) -> tuple[Token, list[Token]] | None:
    """The head of a refusal frame at ``tok`` and its cue words, or None."""
    words = _words()
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and lemma in words["refusing"]:
        inf = next((c for c in tok.children if c.dep_ == "xcomp" and c.lemma_.lower() in words["speaking"]), None)
        if inf is not None and not _reports_words(inf):
            return tok, [tok, inf]
    if tok.pos_ in ("VERB", "AUX") and lemma in words["responding"] and _negated(tok) and not _reports_words(tok):
        if _answers_a_request(tok, lemma):
            return tok, _with_negation(tok)
    if lemma in words["reaching"] and _for_comment(tok):
        negated = _negated(tok) or lemma == "unavailable" or any(c.dep_ == "neg" for c in tok.head.children if tok.dep_ == "acomp")
        if negated:
            return (tok.head if tok.pos_ == "ADJ" and tok.dep_ == "acomp" else tok), _with_negation(tok)
    if tok.pos_ == "NOUN" and lemma in words["comment_nouns"] and tok.dep_ == "dobj" and any(c.lower_ == "no" for c in tok.children):
        return tok.head, [tok.head, tok]
    return None


def _answers_a_request(verb: Token, lemma: str) -> bool:
    """"did not return calls", "did not respond (to a request for comment)": what went
    unanswered, when named, is a call, a message or a request, with nothing added ("did
    not respond to letters asking voters to confirm their address" is an act)."""
    objects = _words()["returning_objects"]
    if lemma == "return":
        return any(c.dep_ == "dobj" and c.lower_ in objects for c in verb.children)
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"):
        obj = next((p for p in prep.children if p.dep_ == "pobj"), None)
        if obj is None or obj.lower_ not in objects or any(c.dep_ in ("acl", "relcl") for c in obj.children):
            return False
    return True


def _reports_words(verb: Token) -> bool:
    """A clause or quotation of its own ("would not comment except to say that…") is a statement."""
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.subtree if c.head.i == verb.i)


def _for_comment(tok: Token) -> bool:
    """"reached for comment", "unavailable for comment"."""
    words = _words()
    return any(
        c.dep_ == "prep" and c.lower_ == "for" and any(p.lemma_.lower() in words["comment_nouns"] for p in c.children)
        for c in tok.children
    )


def _with_negation(tok: Token) -> list[Token]:
    """The cue as read: "did not respond", "could not be reached"."""
    words = [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < tok.i]
    return sorted(words + [tok], key=lambda t: t.i)


def _copula_subject(adj: Token) -> Token | None:
    """"A spokesman was unavailable for comment": the subject of the copula."""
    head = adj.head if adj.dep_ == "acomp" else None
    if head is None:
        return None
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def frame_cues(found: list[_Found]) -> set[int]:
    """Token indices of every refusal frame's cue, which no other rule may take as a cue."""
    return {t.i for f in found if f.kind == "no_comment" for t in f.cue}
