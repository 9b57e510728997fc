"""What the parse says about cues, speakers and clauses, shared by every rule family.

The candidate type (``_Found``), the reporting-verb lookup, and the helpers that find a
cue's speaker (subjects, agents, inverted and controlled subjects) and cut mentions out
of the parse live here, so each family module reads as its rules alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .. import cues as lexicon
from ..intervals import Intervals
from ..quotes import Quote


SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
CLAUSAL = ("ccomp", "csubj")
TIME_DEPS = ("npadvmod", "tmod")
LIGHT_VERBS = frozenset("issue make give offer express voice repeat deliver raise send post publish level renew".split())
SAY_LIKE = frozenset("say tell add state note explain insist claim assert argue contend maintain write tweet declare reply respond".split())
HEADLINE_FORMS = {"says": "say", "said": "say", "tells": "tell", "warns": "warn", "denies": "deny", "urges": "urge", "claims": "claim", "insists": "insist", "vows": "vow", "rejects": "reject", "admits": "admit", "slams": "slam", "blasts": "blast", "calls": "call", "predicts": "predict", "believes": "believe"}
RELATIVE_PRONOUNS = frozenset("who that which whom".split())
SCARE_QUOTE_WORDS = 4
# A content must hold at least one word of these kinds to say anything.
CONTENT_POS = frozenset({"NOUN", "PROPN", "PRON", "VERB", "AUX", "NUM", "ADJ"})


@dataclass
class _Found:
    """A candidate attribution in token terms, before reconciliation."""

    cue: list[Token]
    cue_class: str
    cue_lemma: str
    speaker: Span | None
    content: set[int]  # token indices
    kind: str
    sentence: Span
    confidence: float
    negated: bool = False
    addressee: Span | None = None
    quote_chars: list[tuple[int, int]] = field(default_factory=list)  # whole quotes to add as content


def _subtree_ids(tok: Token, exclude: set[int] | None = None) -> set[int]:
    ids = {t.i for t in tok.subtree}
    return ids - exclude if exclude else ids


Quotes = Intervals[Quote]


def is_quotation(q: Quote) -> bool:
    """Someone's words in marks: any double-quoted passage, or a closed single-quoted one
    long enough not to be a scare quote (British copy quotes in single marks)."""
    return q.double or (q.closed and q.inner_end - q.inner_start >= 12)


def index_quotes(quotes: list[Quote]) -> Quotes:
    return Intervals(quotes, extent=lambda q: (q.start, q.end))


def _is_inside(i_char: int, quotes: Quotes) -> Quote | None:
    for q in quotes.overlapping(i_char, i_char + 1):
        if q.inner_start <= i_char < q.inner_end:
            return q
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _speaker_span(head: Token) -> Span:
    """The subject as mentioned: its subtree without relative clauses and trailing commas."""
    doc = head.doc
    if _swallowed(head):
        return _name_at(head)
    cut = {t.i for c in head.children if c.dep_ in ("relcl", "acl", "advcl", "parataxis") or _clause_aside(c) for t in c.subtree}
    ids = [t.i for t in head.subtree if t.i not in cut and not t.is_space]
    ids = [i for i in ids if abs(i - head.i) < 40]
    if not ids:
        return doc[head.i : head.i + 1]
    start, end = _run_around(set(ids), head.i)
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("both", "also", "all")):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ in ("both",)):
        start += 1
    if head.i < start or head.i >= end:
        return doc[head.i : head.i + 1]
    return doc[start:end]


def _clause_aside(tok: Token) -> bool:
    """", despite admitting that…": a prepositional clause set off after a name is no part of it."""
    return tok.dep_ == "prep" and _set_off(tok) and any(c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX") for c in tok.children)


def _run_around(ids: set[int], i: int) -> tuple[int, int]:
    """The contiguous stretch of ``ids`` holding token ``i`` (a cut relative clause ends it)."""
    start = end = i
    while start - 1 in ids:
        start -= 1
    while end + 1 in ids:
        end += 1
    return start, end + 1


def _subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker token of a cue verb, climbing coordinations and participles."""
    if _passive_without_agent(verb):
        return None  # "he was told", "the minister is said to have resigned": not who spoke
    for child in _subjects_named_first(verb):
        if child.dep_ in ("nsubj", "nsubjpass") and not (child.dep_ == "nsubjpass" and _agent(verb)):
            # "Russia, which has denied…": the mention in the attributing clause is
            # "which"; the speakers stage resolves it to its antecedent.  A bare
            # "that" is no mention at all ("a program that allows…"): take the noun.
            if child.lower_ == "that" and verb.dep_ == "relcl":
                return verb.head
            return _sender(child)
    agent = _agent(verb)
    if agent is not None:
        return agent
    inverted = _postverbal_subject(verb)
    if inverted is not None:
        return inverted
    run_in = _subject_filed_as_conjunct(verb)
    if run_in is not None:
        return run_in
    if depth < 3 and verb.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp", "dep") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return head
        if head.pos_ in ("VERB", "AUX"):
            return _subject_of(head, depth + 1)
        governor = _controlling_verb(verb)
        if governor is not None:
            return _subject_of(governor, depth + 1)
        return _nominal_controller(verb)
    return _name_before_subjectless(verb)


def _sender(subject: Token) -> Token:
    """"A message sent to F-Secure by Google's security team said…": a message, letter or
    report that names who sent, wrote or issued it speaks for them; the agent of its
    participle is the speaker.  ("A report released last year found…" names no one.)"""
    if subject.lemma_.lower() not in lexicon.NONHUMAN_SOURCE_NOUNS:
        return subject
    for child in subject.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = _agent(child)
            if agent is not None and agent.pos_ in ("NOUN", "PROPN"):
                return agent
    return subject


def _subject_filed_as_conjunct(verb: Token) -> Token | None:
    """"The market has its problems and analysts warn that…": the parser joined "analysts"
    to the object before and gave "warn" the first clause's subject.

    A tensed verb joined to another with no subject of its own, right after "and" (or
    "but") and a noun phrase, has that noun phrase for its subject: an object cannot
    stand between a conjunction and its verb.  A present tense must agree with it
    ("analysts warn", "the union warns"), which keeps "X has problems and worries Y" whole.
    """
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    noun = verb.doc[verb.i - 1] if verb.i > 0 else None
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "conj" or noun.head.i == verb.i:
        return None
    before = noun.left_edge.i - 1
    if before < 0 or verb.doc[before].lower_ not in ("and", "but"):
        return None
    plural = noun.tag_ in ("NNS", "NNPS")
    if verb.tag_ == "VBP" and not plural or verb.tag_ == "VBZ" and plural:
        return None
    return noun


def _subjects_named_first(verb: Token) -> list[Token]:
    """A verb's children, a named subject before any other: a clause has one subject, and
    when the parse splits a hyphenated title from the name ("said co-ordinator Peter
    Facey" as the subjects "co" and "Facey"), the name is the one who spoke."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) < 2:
        return children
    named = [c for c in subjects if c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG")]
    return named + [c for c in children if c not in named]


def _passive_without_agent(verb: Token) -> bool:
    """A passive cue with no "by" phrase: its subject was told, asked or talked about.

    The one who spoke is unnamed ("the minister is said to have resigned" is hearsay,
    not the minister's words), so the statement has no speaker rather than the wrong one.
    A passive joined to another verb shares its subject, which is just as much the one
    talked about: "Collins will not coach, but will be expected to make changes".
    """
    return (
        _verb_entry(verb) is not None
        and any(c.dep_ == "auxpass" for c in verb.children)
        and (any(c.dep_ == "nsubjpass" for c in verb.children) or verb.dep_ == "conj")
        and _agent(verb) is None
    )


def _swallowed(name: Token) -> bool:
    """A name the parser put inside the phrase before its verb (see ``_name_before_subjectless``)."""
    doc = name.doc
    if name.i + 1 >= len(doc) or name.dep_ in SUBJECTS:
        return False
    verb = doc[name.i + 1]
    if verb.pos_ not in ("VERB", "AUX") or name.head.i == verb.i:
        return False
    found = _name_before_subjectless(verb)
    return found is not None and found.i == name.i


def _name_at(tok: Token) -> Span:
    """The person's name a token ends: its PERSON entity, else the token alone.

    Any other entity around it is the parser's and the tagger's shared mistake ("the
    Washington Post Trump"), so only the name itself is trusted.
    """
    if tok.ent_type_ == "PERSON":
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return tok.doc[ent.start : tok.i + 1]
    return tok.doc[tok.i : tok.i + 1]


def _name_before_subjectless(verb: Token) -> Token | None:
    """"In a meeting with the editorial board of the Post Trump said that…".

    A tensed cue verb left without a subject by a parser that swallowed the name into
    the phrase before it: the proper name right before the verb is who spoke.
    """
    if verb.i == 0 or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ not in ("ROOT", "conj"):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ != "PROPN" or before.dep_ not in ("pobj", "compound", "appos", "dobj"):
        return None
    return before


def _nominal_controller(verb: Token) -> Token | None:
    """"his campaign theme of questioning trade deals", "donors intent on deciding who…".

    A gerund after a preposition that hangs on a noun is done by that noun's possessor;
    after an adjective modifying a noun, by the noun itself.
    """
    head = verb.head
    if verb.dep_ != "pcomp" or head.dep_ != "prep":
        return None
    owner = head.head
    if owner.pos_ == "PROPN" or (owner.pos_ == "NOUN" and owner.dep_ in ("nsubj", "nsubjpass") and _set_off(head)):
        return owner  # "Paul Ryan, despite admitting that…": the phrase hangs on the speaker
    if owner.pos_ == "NOUN":
        return next((c for c in owner.children if c.dep_ == "poss"), None)
    if owner.pos_ == "ADJ" and owner.dep_ == "amod" and owner.head.pos_ in ("NOUN", "PROPN"):
        return owner.head
    return None


def _set_off(tok: Token) -> bool:
    """A phrase opened by a comma: an aside on the word before it."""
    return tok.i > 0 and tok.doc[tok.i - 1].text == ","


def _controlling_verb(verb: Token) -> Token | None:
    """The clause whose subject is also the unexpressed subject of a participle or infinitive.

    "voted to hold him in contempt for refusing to testify", "decided against
    recommending charges", "is determined to warn", "won't be able to brag": the
    gerund hangs off a preposition, the infinitive off an adjective; either way the
    one who refuses, recommends or warns is the subject of the verb above.
    """
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("ADV", "ADJ") and head.head.head.pos_ in ("VERB", "AUX"):
        return head.head.head  # "stopped short of calling…"
    if verb.dep_ in ("xcomp", "conj") and head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp") and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _postverbal_subject(verb: Token) -> Token | None:
    """"…,” said Caddell": the parser often files the inverted subject as an object."""
    doc = verb.doc
    if verb.i == 0 or not (doc[verb.i - 1].is_punct or doc[verb.i - 1].is_quote):
        return None
    if verb.lemma_ not in SAY_LIKE or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    for child in verb.rights:
        if child.left_edge.i > verb.i + 2:
            break
        if child.dep_ in ("dobj", "attr", "npadvmod", "dep", "appos", "oprd") and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
        break
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _verb_entry(tok: Token) -> lexicon.CueEntry | None:
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        entry = lexicon.verb_cue(tok.lemma_) or _misread_lemma(tok)
        if entry:
            return entry
    lemma = HEADLINE_FORMS.get(tok.lower_)
    if lemma and tok.i > 0 and tok.is_title and any(c.dep_ in SUBJECTS for c in tok.children):
        return lexicon.verb_cue(lemma)
    return None


_INFLECTION = (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", ""))


def _misread_lemma(tok: Token) -> lexicon.CueEntry | None:
    """The small model's lemmatizer reads "hopes" as hop and "rated" as rat.

    When the lemma is no cue, undo the inflection on the word itself; only verb tags
    get here, so "hopes" the noun is never a cue.
    """
    word = tok.lower_
    if tok.tag_ not in ("VBZ", "VBD", "VBN", "VBG") or word == tok.lemma_:
        return None
    for suffix, ending in _INFLECTION:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            entry = lexicon.verb_cue(word[: -len(suffix)] + ending)
            if entry is not None:
                return entry
    return None


PERSONAL_PRONOUNS = frozenset("i we he she they you it".split())


def _finite(clause: Token) -> bool:
    """A clause with its own tensed verb ("allowed that it was wrong"), not "to be"."""
    return clause.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in clause.children
    )
