"""Attributions from the dependency parse: who (speaker) said (cue) what (content).

Rules over spaCy's parse rather than a trained model, because no attribution corpus
with a licence that allows shipping exists, and rules can be read and fixed.  Each
rule family lives in its own function and yields ``_Found`` candidates in token
terms; ``extract`` reconciles them with the quotation marks (a direct quote is
content however the parser cut it), resolves overlaps and nesting, and converts
them to ``model.Statement`` with character offsets.

Families:
- verb cues ("X said that…", "…, he said", "X denied Y", "X told reporters: “…”");
- ``according to X``;
- nominal cues ("X's denials that…", "assertions by X that…", "the poll's finding");
- stance adjectives ("aides were confident that…", "Graham has been critical of Trump");
- colon attributions in headlines ("Sanders: Clinton needs to…");
- quotations with no cue in reach: continuations of the previous speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Cue, Speaker, Statement
from . import cues as lexicon
from .docview import ensure_extensions, sentence_of, span_text, text_of
from .intervals import Intervals
from .quotes import Quote, find_quotes

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
CLAUSAL = ("ccomp", "csubj")
TIME_DEPS = ("npadvmod", "tmod")
LIGHT_VERBS = frozenset("issue make give offer express voice repeat deliver raise send post publish level renew".split())
SAY_LIKE = frozenset("say tell add state note explain insist claim assert argue contend maintain write tweet declare reply respond".split())
# Assert-class verbs whose bare object is the topic or gist of what was said:
# "barely mentioned climate change", "stressed the need for…", "recalled the talks".
TOPIC_OBJECT_VERBS = frozenset(
    "mention stress emphasize emphasise reiterate recall proclaim highlight reference cite raise repeat lament".split()
)
OBJECT_CONTENT_CLASSES = frozenset(
    {"deny", "accuse", "warn", "promise", "admit", "announce", "find", "recommend", "ask", "intend", "discuss", "support"}
)
HEADLINE_FORMS = {"says": "say", "said": "say", "tells": "tell", "warns": "warn", "denies": "deny", "urges": "urge", "claims": "claim", "insists": "insist", "vows": "vow", "rejects": "reject", "admits": "admit", "slams": "slam", "blasts": "blast", "calls": "call", "predicts": "predict", "believes": "believe"}
# Verbs whose object is only ever the listener; "warned Washington against…" keeps it.
LISTENER_ONLY = frozenset("tell inform notify brief advise assure remind".split())
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


# --------------------------------------------------------------------------- helpers


def _subtree_ids(tok: Token, exclude: set[int] | None = None) -> set[int]:
    ids = {t.i for t in tok.subtree}
    return ids - exclude if exclude else ids


Quotes = Intervals[Quote]


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
    cut = {t.i for c in head.children if c.dep_ in ("relcl", "acl", "advcl", "parataxis") for t in c.subtree}
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
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not (child.dep_ == "nsubjpass" and _agent(verb)):
            # "Russia, which has denied…": the mention in the attributing clause is
            # "which"; the speakers stage resolves it to its antecedent.  A bare
            # "that" is no mention at all ("a program that allows…"): take the noun.
            if child.lower_ == "that" and verb.dep_ == "relcl":
                return verb.head
            return child
    agent = _agent(verb)
    if agent is not None:
        return agent
    inverted = _postverbal_subject(verb)
    if inverted is not None:
        return inverted
    if depth < 3 and verb.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp", "dep") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return head
        if head.pos_ in ("VERB", "AUX"):
            return _subject_of(head, depth + 1)
        governor = _controlling_verb(verb)
        if governor is not None:
            return _subject_of(governor, depth + 1)
    return None


def _controlling_verb(verb: Token) -> Token | None:
    """The clause whose subject is also the unexpressed subject of a participle or infinitive.

    "voted to hold him in contempt for refusing to testify", "decided against
    recommending charges", "is determined to warn", "won't be able to brag": the
    gerund hangs off a preposition, the infinitive off an adjective; either way the
    one who refuses, recommends or warns is the subject of the verb above.
    """
    head = verb.head
    if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
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


def _right_content(verb: Token, skip: set[int]) -> set[int]:
    """Everything the verb governs to its right, minus addressees and time phrases."""
    ids: set[int] = set()
    for child in verb.rights:
        if child.i in skip or child.dep_ in ("punct", "cc", "conj", "advmod", "npadvmod", "dative", "mark") or child.is_space:
            continue
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "on", "during", "after", "before", "to", "with", "from", "while", "since", "for"):
            if not (child.lower_ in ("for", "on") and verb.lemma_ == "call"):
                continue
        if child.dep_ == "advcl" and not any(g.lower_ in ("if", "whether") for g in child.children):
            continue
        ids |= _without_temporal_clauses(child)
    return ids


def _addressee(verb: Token) -> Token | None:
    if verb.lemma_ not in lexicon.ADDRESSEE_VERBS:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "to" and verb.lemma_ in SAY_LIKE:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return child
    return None



# --------------------------------------------------------------------------- rule families


def verb_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """"X said (that) …", "…, he said", "X denied Y", "X told reporters: …"."""
    found: list[_Found] = []
    for tok in doc:
        entry = _verb_entry(tok)
        if entry is None or _is_inside(tok.idx, quotes) or _hypothetical(tok) or _passive_participle(tok):
            continue
        if _nested_without_clause(tok, entry) or _own_belief_restated(tok, entry):
            continue
        item = _verb_attribution(tok, entry, quotes)
        if item is not None:
            found.append(item)
    return found


# Classes that read as events or stances when nested in someone's words without a
# clause of their own: "denied that inspectors found lead", "said Putin isn't seeking…".
EVENT_LIKE_CLASSES = frozenset({"find", "intend", "discuss", "support"})


def _nested_without_clause(tok: Token, entry: lexicon.CueEntry) -> bool:
    """Inside someone's words, "found lead" or "calling for an uprising" is what they said.

    Event-like cues and verb-preposition cues only make a statement of their own when
    they are not governed by another cue, or carry a clause of their own.
    """
    if any(c.dep_ in CLAUSAL for c in tok.children) or _is_trailing_participle(tok):
        return False
    particle = any(_is_particle_prep(tok, c) for c in tok.children)
    if entry.cls not in EVENT_LIKE_CLASSES and not particle:
        return False
    return _under_cue(tok)


PERSONAL_PRONOUNS = frozenset("i we he she they you it".split())
# Verbs that take an infinitive or small clause to report an act, a permission or an
# obligation rather than words: "allows investors to gain", "was supposed to be
# escorted", "may prove to be transient", "determine whether…".
INFINITIVE_ACTS = frozenset("allow suppose prove determine".split())


def _own_belief_restated(tok: Token, entry: lexicon.CueEntry) -> bool:
    """"Clinton said she thinks America is strongest…": one statement, not two.

    A belief verb whose subject is a pronoun, inside the clause of a saying verb, is
    how the speaker framed what they said; the saying verb's statement already holds it.
    """
    if entry.cls != "believe" or not any(c.dep_ == "nsubj" and c.lower_ in PERSONAL_PRONOUNS for c in tok.children):
        return False
    head = tok
    while head.dep_ in ("ccomp", "conj") and head.head.i != head.i:
        head = head.head
        outer = lexicon.verb_cue(head.lemma_) if head.pos_ in ("VERB", "AUX") else None
        if outer is not None and outer.cls != "believe":
            return True
    return False


def _under_cue(tok: Token) -> bool:
    """Whether a reporting verb or noun governs this token: it is part of that content.

    A conjoined verb is the cue's sibling, not its content: "criticized the deals and
    called for tariffs" reports two things.
    """
    child = tok
    for anc in tok.ancestors:
        sibling = child.dep_ == "conj" and child.head.i == anc.i
        phase = child.dep_ == "xcomp" and anc.lemma_ in ASPECTUAL_VERBS
        child = anc
        if sibling or phase:
            continue
        if anc.pos_ in ("NOUN", "PROPN") and lexicon.noun_cue(anc.lemma_):
            return True
        if anc.pos_ in ("VERB", "AUX") and lexicon.verb_cue(anc.lemma_) and lexicon.verb_cue(anc.lemma_).cls not in EVENT_LIKE_CLASSES:
            return True
    return False


def _hypothetical(verb: Token) -> bool:
    """"asked if he had warned Putin": a cue under if/whether reports no statement."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in verb.children)


def _passive_participle(verb: Token) -> bool:
    """"Asked about the tweet, Putin said…": the subject was asked, not asking."""
    if verb.tag_ != "VBN" or any(c.dep_ in SUBJECTS for c in verb.children):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _inverted(verb: Token, subject: Token | None) -> bool:
    """"“…,” he said" parsed with the quote's verb as head and the cue as its ccomp."""
    if subject is None or verb.i <= verb.head.i or subject.i <= verb.head.i:
        return False
    if any(c.dep_ == "mark" for c in verb.children):
        return False
    left = subject.left_edge.i - 1
    return left >= 0 and (verb.doc[left].is_punct or verb.doc[left].is_quote)


ADVERBIAL_MARKS = frozenset("because although though while as since if unless before after until so once whereas".split())


def _misparsed_complement(clause: Token) -> bool:
    """"said after the convention he would not accept…": a reported clause filed as advcl."""
    if clause.dep_ != "advcl" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    return not any(c.dep_ == "mark" and c.lower_ in ADVERBIAL_MARKS for c in clause.children)


def _quoted_subject(verb: Token, subject: Token | None, quotes: Quotes) -> tuple[Token, Quote] | None:
    """"“… Full panic mode,” said Leslie Wimes": the parser took quoted words for the subject."""
    if subject is None or subject.i > verb.i or verb.lemma_ not in SAY_LIKE:
        return None
    quote = _is_inside(subject.idx, quotes)
    if quote is None or not quote.closed or quote.end > verb.idx:
        return None
    speaker = next((c for c in verb.rights if c.dep_ == "nsubj"), None) or _postverbal_subject(verb)
    if speaker is None:
        speaker = _name_between(quote, verb)
    return (speaker, quote) if speaker is not None else None


def _name_between(quote: Quote, verb: Token) -> Token | None:
    """"“…,” Tulsa police Chief Chuck Jordan said": the words between quote and cue.

    When the parser loses the subject of a cue that follows a quotation, a short run
    of nouns and names between the closing mark and the verb is the speaker; its
    last noun is the head.
    """
    doc = verb.doc
    run = [t for t in doc[: verb.i] if t.idx >= quote.end]
    if not run or len(run) > 8 or "\n" in doc.text[quote.end : verb.idx]:
        return None
    words = [t for t in run if not t.is_punct]
    if not words or not words[0].text[:1].isupper():
        return None
    if any(t.pos_ in ("AUX", "ADP", "SCONJ", "CCONJ", "PRON") and t.lower_ not in ("of",) for t in words):
        return None
    return next((t for t in reversed(words) if t.pos_ in ("PROPN", "NOUN")), None)


# Passive cues whose grammatical subject is the listener or a raised subject, not what
# was said: "he was told", "she was asked", "he is said to have…", "it is believed…".
PASSIVE_LISTENER_CLASSES = frozenset({"ask", "believe", "warn", "promise", "intend"})
# Without a "by" agent these passives mostly report acts: "was charged with murder",
# "was admitted to hospital", "the video was released", "PCP was found".
PASSIVE_ACTS = frozenset("charge address answer observe admit find release grant allow publish show".split())


def _finite(clause: Token) -> bool:
    """A clause with its own tensed verb ("allowed that it was wrong"), not "to be"."""
    return clause.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in clause.children
    )


def _before_a_colon_dropped(clauses: list[Token], verb: Token) -> list[Token]:
    """"The news set off fireworks: Republicans said they were convinced…".

    When the parser hangs a lead-in before the speaker on the cue as a second
    complement ("…: Republicans said that…", "Claiming X, Trump told Fox that…"), the
    clause after the cue is what was said; the lead-in is narration or a statement of
    its own.
    """
    right = [c for c in clauses if c.i > verb.i]
    if not right:
        return clauses
    doc = verb.doc
    kept = []
    for c in clauses:
        between = doc[c.right_edge.i + 1 : verb.i]
        lead_in = c.i < verb.i and any(t.text in (":", ",") or t.dep_ in ("nsubj", "nsubjpass") for t in between)
        if not lead_in or _is_inside_quote_token(c) or any(t.is_quote for t in between):
            # “A,” he said, “B”: a quotation split by its cue is one content
            kept.append(c)
    return kept


def _passive_subject(verb: Token) -> Token | None:
    """"Clinton has been endorsed by dozens of papers", "a curfew was announced".

    In a passive the subject is what was endorsed, announced or reported, and the
    agent (when given) is the source.  Listener passives and raising ("is said to")
    are left to the other rules.
    """
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    entry = lexicon.verb_cue(verb.lemma_)
    if entry is None or entry.cls in PASSIVE_LISTENER_CLASSES or verb.lemma_ in lexicon.ADDRESSEE_VERBS:
        return None
    if any(c.dep_ in CLAUSAL + ("xcomp", "oprd") for c in verb.children):
        return None
    if verb.lemma_ in PASSIVE_ACTS and _agent(verb) is None:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS or subject.pos_ == "PRON":
        return None
    return subject


def _passive_attribution(verb: Token, entry: lexicon.CueEntry, subject: Token) -> _Found:
    agent = _agent(verb)
    speaker = _speaker_span(agent) if agent is not None else None
    content = _subtree_ids(subject)
    return _Found(
        cue=[verb], cue_class=entry.cls, cue_lemma=entry.lemma, speaker=speaker, content=content,
        kind="indirect", sentence=sentence_of(verb), confidence=0.6 if agent is not None else 0.45,
        negated=_negated(verb),
    )


# Verbs of phase: "continues to insist that…", "began to warn…" report what the
# verb they govern reports.
ASPECTUAL_VERBS = frozenset("continue begin start keep resume".split())


def _phase_of_another_cue(verb: Token) -> bool:
    """"He continues to insist that…": the statement is the insisting one."""
    return verb.lemma_ in ASPECTUAL_VERBS and any(
        c.dep_ == "xcomp" and _verb_entry(c) is not None for c in verb.children
    )


def _verb_attribution(verb: Token, entry: lexicon.CueEntry, quotes: Quotes) -> _Found | None:
    doc = verb.doc
    if _phase_of_another_cue(verb):
        return None
    passive = _passive_subject(verb)
    if passive is not None:
        return _passive_attribution(verb, entry, passive)
    subject = _subject_of(verb)
    inverted = _quoted_subject(verb, subject, quotes)
    if inverted is not None:
        speaker_tok, quote = inverted
        return _Found(
            cue=[verb], cue_class=entry.cls, cue_lemma=entry.lemma, speaker=_speaker_span(speaker_tok),
            content=set(), kind="direct", sentence=sentence_of(verb), confidence=0.85,
            quote_chars=[(quote.start, quote.end)],
        )
    addressee = _addressee(verb)
    skip = {t.i for t in addressee.subtree} if addressee is not None and verb.lemma_ in LISTENER_ONLY else set()
    if subject is not None:
        mention = _speaker_span(subject)
        skip |= set(range(mention.start, mention.end))
    clausal = _before_a_colon_dropped([c for c in verb.children if c.dep_ in CLAUSAL and c.i not in skip], verb)
    if not clausal and verb.lemma_ in SAY_LIKE:
        clausal = [c for c in verb.rights if _misparsed_complement(c) and c.i not in skip]
    if (verb.lemma_ in INFINITIVE_ACTS or entry.lemma in lexicon.FINITE_CLAUSE_ONLY) and not any(
        c.dep_ == "ccomp" and _finite(c) for c in verb.children
    ):
        return None
    content: set[int] = set()
    confidence = 0.85
    if clausal:
        for c in clausal:
            content |= _subtree_ids(c)
    elif verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and _inverted(verb, subject)):
        # "The plan, he said, is working" / "“…,” he said" parsed with the quote as head.
        head = verb.head
        content = _subtree_ids(head) - _subtree_ids(verb)
        confidence = 0.8
    else:
        content = _object_content(verb, entry, skip)
        confidence = 0.7 if content else 0.0
    if content and not any(doc[i].pos_ in CONTENT_POS for i in content):
        content = set()  # "endorsed by" with the agent cut away leaves only "by"
    quote_chars = _adjacent_quote(verb, quotes, content)
    if not content and not quote_chars:
        return None
    if quote_chars and not content:
        confidence = 0.85
    touches_quote = bool(content) and any(
        q.double for q in quotes.overlapping(doc[min(content)].idx, doc[max(content)].idx + 1)
    )
    predicative = any(c.dep_ == "oprd" or _is_particle_prep(verb, c) for c in verb.children)
    by_object = entry.cls in OBJECT_CONTENT_CLASSES and entry.lemma not in lexicon.CLAUSE_ONLY
    strong = clausal or quote_chars or touches_quote or predicative or by_object
    if entry.lemma in lexicon.WEAK_VERBS and not strong:
        return None
    if entry.cls == "believe" and _about_a_statement(verb, content):
        return None
    if entry.cls == "support" and not clausal and (subject is None or subject.ent_type_ in ("GPE", "NORP")):
        return None  # "Russia has backed Maduro" is policy the outlet reports, not something said
    content -= {verb.i}
    content -= _trailing_participle_cues(verb, content)
    content -= _asides(doc, content)
    content -= _conjoined_reports(verb, content)
    cue_tokens = [verb] + [c for c in verb.children if c.dep_ == "prt" or (c.dep_ == "prep" and verb.lemma_ == "call" and c.lower_ in ("for", "on"))]
    content -= {t.i for t in cue_tokens}
    speaker = _speaker_span(subject) if subject is not None else None
    if speaker is not None:
        content -= set(range(speaker.start, speaker.end))
    return _Found(
        cue=cue_tokens,
        cue_class=entry.cls,
        cue_lemma=entry.lemma,
        speaker=speaker,
        content=content,
        kind="indirect",
        sentence=sentence_of(verb),
        confidence=confidence if subject is not None else confidence - 0.2,
        negated=_negated(verb),
        addressee=doc[addressee.left_edge.i : addressee.right_edge.i + 1] if addressee is not None else None,
        quote_chars=quote_chars,
    )


# Verb + preposition pairs whose object is what was said: "called for", "spoke of".
PARTICLE_PREPS: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "describe": frozenset({"as"}),
    "point": frozenset({"to", "out"}),
    "talk": frozenset({"about", "of"}),
    "speak": frozenset({"of", "about"}),
    "refer": frozenset({"to"}),
    "respond": frozenset({"to"}),
    "complain": frozenset({"about", "of"}),
    "rail": frozenset({"against", "at"}),
    "view": frozenset({"as"}),
    "regard": frozenset({"as"}),
    "see": frozenset({"as"}),
    "portray": frozenset({"as"}),
    "depict": frozenset({"as"}),
    "paint": frozenset({"as"}),
    "cast": frozenset({"as"}),
    "frame": frozenset({"as"}),
    "press": frozenset({"on", "about", "for"}),
    "grill": frozenset({"on", "about", "over"}),
    "decide": frozenset({"against", "on"}),
    "write": frozenset({"about", "of"}),
    "tweet": frozenset({"about"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about", "of"}),
    "testify": frozenset({"about"}),
    "worry": frozenset({"about"}),
    "agree": frozenset({"on", "with"}),
}


SPEECH_ACT_CLASSES = frozenset({"assert", "deny", "warn", "accuse", "ask", "promise", "admit", "announce"})


def _conjoined_reports(verb: Token, content: set[int]) -> set[int]:
    """"She said A, and when pressed, the aide replied B": B is the aide's statement.

    A clause conjoined to the reported clause that has its own subject and its own
    reporting verb starts a new attribution; it is not part of what was said first.
    """
    doc = verb.doc
    cut: set[int] = set()
    for i in sorted(content):
        tok = doc[i]
        second_clause = tok.dep_ == "ccomp" and tok.head.i == verb.i and any(
            c.dep_ == "ccomp" and c.i < tok.i for c in verb.children
        )
        entry = _verb_entry(tok) if (tok.dep_ == "conj" or second_clause) and tok.i != verb.i else None
        if i in cut or entry is None or entry.cls not in SPEECH_ACT_CLASSES:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) or _is_inside_quote_token(tok):
            continue
        if any(c.dep_ == "mark" or c.tag_ in ("WDT", "WP", "WRB") for c in tok.children):
            continue  # "…and that the footage did not show…" is still the reported content
        cut |= _subtree_ids(tok)
        cut |= {c.i for c in tok.head.children if c.dep_ in ("cc", "punct") and tok.head.i < c.i < tok.left_edge.i}
    if not cut or len(cut) >= len(content):
        return set()
    rest = sorted(content - cut)
    while rest and doc[rest[-1]].dep_ in ("cc", "punct"):
        cut.add(rest.pop())  # "…eligible, and" loses its dangling conjunction
    return cut


CONCESSIVE_MARKS = frozenset("although though whereas while".split())
CIRCUMSTANCE_PREPS = frozenset("amid despite".split())


def _asides(doc: Doc, content: set[int]) -> set[int]:
    """Words the writer adds after the reported part: ", who says he is honored",
    ", although he again refused…", "amid growing concerns…".

    A relative clause set off by a comma, a concessive clause and a circumstance
    phrase describe, but are not part of, what the speaker said.
    """
    cut: set[int] = set()
    for i in sorted(content):
        tok = doc[i]
        if i in cut or tok.left_edge.i == 0:
            continue
        before = doc[tok.left_edge.i - 1]
        aside = (
            (tok.dep_ == "relcl" and before.text == "," and tok.head.pos_ in ("NOUN", "PROPN"))
            or (tok.dep_ == "advcl" and before.text == "," and any(c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in tok.children))
            or (tok.dep_ == "prep" and tok.lower_ in CIRCUMSTANCE_PREPS)
        )
        if aside and not _is_inside_quote_token(tok):
            cut |= _subtree_ids(tok)
            if before.text == ",":
                cut.add(before.i)
    return cut if len(cut) < len(content) else set()


def _is_inside_quote_token(tok: Token) -> bool:
    """Quoted words are the speaker's own, asides included."""
    quotes = tok.doc._.onrecord_quotes if tok.doc.has_extension("onrecord_quotes") else None
    return bool(quotes) and any(q.inner_start <= tok.idx < q.inner_end for q in quotes)


def _trailing_participle_cues(verb: Token, content: set[int]) -> set[int]:
    """"said A, citing B" / "…, arguing that B": B is a second statement, not part of A.

    The parser often hangs the participle inside A's clause; its subtree leaves A so
    that each statement keeps its own words (the participle's own rule gives it the
    same speaker).
    """
    doc = verb.doc
    cut: set[int] = set()
    for i in sorted(content):
        tok = doc[i]
        if i in cut or tok.i == verb.i or not _is_trailing_participle(tok) or lexicon.verb_cue(tok.lemma_) is None:
            continue
        cut |= _subtree_ids(tok) | {tok.left_edge.i - 1}
    return cut


def _is_trailing_participle(tok: Token) -> bool:
    """", citing the strike", "; arguing that…": a participle clause set off by punctuation."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "conj", "xcomp") or tok.left_edge.i == 0:
        return False
    return tok.doc[tok.left_edge.i - 1].text in TRAILING_PUNCT and not any(c.dep_ in SUBJECTS for c in tok.children)


TRAILING_PUNCT = (",", ";", "—", "–")


# Prepositions whose object is the topic of a cue of these classes when the verb has
# no other complement: "complained about his mic", "commented on the death",
# "pleaded for his life", "believe in the good sense of…".
CLASS_PREPS: dict[str, frozenset[str]] = {
    "assert": frozenset({"about", "on"}),
    "accuse": frozenset({"about", "against", "over"}),
    "believe": frozenset({"about", "in"}),
    "discuss": frozenset({"about", "on"}),
    "ask": frozenset({"for", "about"}),
    "recommend": frozenset({"for"}),
    "warn": frozenset({"about", "against", "of"}),
}


def _is_particle_prep(verb: Token, child: Token) -> bool:
    preps = PARTICLE_PREPS.get(verb.lemma_)
    if preps is None and verb.lemma_ not in SAY_LIKE:
        entry = lexicon.verb_cue(verb.lemma_)
        preps = CLASS_PREPS.get(entry.cls) if entry is not None else None
        if preps and any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
            return False
    return bool(preps) and child.dep_ in ("prep", "prt", "dative") and child.lower_ in preps and child.i > verb.i


def _about_a_statement(verb: Token, content: set[int]) -> bool:
    """"he believes Putin's denials": an attitude to someone else's statement, not a claim."""
    return any(
        c.dep_ in ("dobj", "ccomp") and c.pos_ in ("NOUN", "PROPN") and lexicon.noun_cue(c.lemma_) is not None
        for c in verb.children
    )


TEMPORAL_MARKS = frozenset("after before when while since until as once".split())


def _without_temporal_clauses(tok: Token) -> set[int]:
    """A subtree minus trailing "after Russia landed…" clauses, which narrate, not quote."""
    ids = _subtree_ids(tok)
    for t in tok.subtree:
        if t.i <= tok.i or t.lower_ not in TEMPORAL_MARKS:
            continue
        if t.dep_ == "mark" and t.head.dep_ == "advcl" and t.head.i != tok.i:
            ids -= _subtree_ids(t.head)
        elif t.dep_ == "prep" and any(c.dep_ in ("pcomp", "pobj") and c.pos_ in ("VERB", "AUX") for c in t.children):
            ids -= _subtree_ids(t)
    return ids


def _object_content(verb: Token, entry: lexicon.CueEntry, skip: set[int]) -> set[int]:
    """Content carried by objects: "denied any breaches", "urged X to stay out"."""
    if verb.lemma_ in ("call", "label", "brand", "dub", "term", "describe", "consider") and any(
        c.dep_ in ("oprd", "ccomp", "xcomp") or _is_particle_prep(verb, c) for c in verb.children
    ):
        return _right_content(verb, skip)
    particle = next((c for c in verb.children if _is_particle_prep(verb, c)), None)
    if particle is not None:
        return _subtree_ids(particle) - {particle.i}
    xcomps = [c for c in verb.children if c.dep_ == "xcomp" and c.i not in skip]
    if xcomps and entry.lemma not in ("continue",):
        ids: set[int] = set()
        for c in verb.children:
            if c.dep_ in ("dobj",) and c.i not in skip:
                ids |= _subtree_ids(c)
        for c in xcomps:
            ids |= _without_temporal_clauses(c)
        return ids
    if entry.cls in OBJECT_CONTENT_CLASSES or entry.lemma in SAY_LIKE or entry.lemma in TOPIC_OBJECT_VERBS or verb.lemma_ == "call":
        if entry.lemma in ("tell", "inform", "notify", "brief", "advise") :
            return set()
        ids = _right_content(verb, skip)
        return ids
    return set()


def _adjacent_quote(verb: Token, quotes: Quotes, content: set[int]) -> list[tuple[int, int]]:
    """A quotation the cue introduces with a colon or closes with a comma."""
    if content:
        return []
    doc = verb.doc
    end_char = verb.idx + len(verb.text)
    after = text_of(doc)[end_char : end_char + 60]
    colon = _colon_paragraph(verb)
    if colon is not None:
        return [colon]
    before = _quote_before(verb, quotes)
    if before is not None:
        return [before]
    for q in quotes.overlapping(end_char, end_char + 61):
        gap = text_of(doc)[end_char : q.start]
        if 0 <= q.start - end_char <= 60 and ":" in gap and "\n\n" not in gap and len(gap.strip()) <= len(after):
            if gap.strip().endswith(":") or gap.strip() == ":":
                return [(q.start, q.end)]
        if q.double and gap.strip() == "," and verb.lemma_ in SAY_LIKE | {"boast", "quip", "joke", "tweet", "write"}:
            return [(q.start, q.end)]  # "Trump boasted, “That makes me smart.”"
    return []


def _quote_before(verb: Token, quotes: Quotes) -> tuple[int, int] | None:
    """"“You winning?” Trump said." — the parser split the quote off; rejoin it."""
    doc = verb.doc
    if verb.dep_ != "ROOT":
        return None
    sent_start = sentence_of(verb).start_char
    for q in quotes.overlapping(max(0, sent_start - 3), verb.idx):
        if q.double and q.end <= verb.idx and verb.idx - q.end < 60:
            between = text_of(doc)[q.end : sent_start] + text_of(doc)[sent_start : verb.idx]
            if "\n" not in between and q.end >= sent_start - 3:
                return (q.start, q.end)
    return None


def _colon_paragraph(verb: Token) -> tuple[int, int] | None:
    """"Christie added: It's typical of…" — the rest of the paragraph is the content."""
    doc = verb.doc
    nxt = verb.i + 1
    while nxt < len(doc) and (doc[nxt].dep_ in ("prt", "advmod") and doc[nxt].i - verb.i < 3):
        nxt += 1
    if nxt >= len(doc) or doc[nxt].text != ":":
        return None
    start = doc[nxt].idx + 1
    text = text_of(doc)
    end = text.find("\n", start)
    if end == -1:
        end = len(text)
    if end - start < 3 and end < len(text):  # colon at line end: the content is the next paragraph
        nxt_start = end
        while nxt_start < len(text) and text[nxt_start].isspace():
            nxt_start += 1
        end = text.find("\n", nxt_start)
        end = len(text) if end == -1 else end
        start = nxt_start
    while start < end and text[start].isspace():
        start += 1
    return (start, end) if end - start > 2 else None


def according_to_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """"…, according to X": the rest of the clause is X's content."""
    found: list[_Found] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
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


def _line_starts(doc: Doc) -> list[Token]:
    """The first word of every line: where headlines and transcript turns begin."""
    text = text_of(doc)
    offsets = [t.idx for t in doc]
    starts: list[Token] = []
    for line_start in [0] + [m.end() for m in _NEWLINES.finditer(text)]:
        i = bisect_left(offsets, line_start)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if i < len(doc) and (not starts or starts[-1].i != i):
            starts.append(doc[i])
    return starts


_NEWLINES = re.compile(r"\n")


def _is_name_like(tok: Token) -> bool:
    return (
        tok.pos_ == "PROPN"
        or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or (tok.is_upper and tok.is_alpha)
        or tok.lower_ in lexicon.NONHUMAN_SOURCE_NOUNS
        or (tok.is_title and tok.is_alpha)
    )


def colon_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """Headlines and transcripts: "Sanders: Clinton needs to…", "PENCE: Well, look…"."""
    found: list[_Found] = []
    for first in _line_starts(doc):
        line_end = text_of(doc).find("\n", first.idx)
        line_end = len(text_of(doc)) if line_end == -1 else line_end
        toks = [t for t in doc[first.i : min(len(doc), first.i + 6)] if t.idx < line_end]
        colon = next((t for t in toks[1:] if t.text == ":"), None)
        if colon is None:
            continue
        name = [t for t in toks if t.i < colon.i]
        while name and (name[0].is_quote or name[0].is_punct):
            name = name[1:]  # "\"PENCE: …": a transcript turn quoted whole
        if not name or not all(_is_name_like(t) or t.is_punct for t in name) or not any(t.is_alpha for t in name):
            continue
        if name[0].lower_ == "the":
            continue  # "The Latest: Trump urges…" is a rubric, not a speaker
        content_span = doc.char_span(colon.idx + 1, line_end, alignment_mode="expand")
        if content_span is None or len([t for t in content_span if t.is_alpha]) < 2:
            continue
        found.append(
            _Found(
                cue=[colon],
                cue_class="assert",
                cue_lemma=":",
                speaker=doc[name[0].i : name[-1].i + 1],
                content={t.i for t in content_span},
                kind="indirect",
                sentence=doc[first.i : content_span.end],
                confidence=0.6,
            )
        )
    return found


SIGNATURE_DASHES = ("―", "—", "–", "--", "-")


def signature_attributions(doc: Doc, quotes: Quotes) -> list[_Found]:
    """Reader comments and tweets: "“…” ― Francisco Herrero" (a dash, then a name)."""
    found: list[_Found] = []
    text = text_of(doc)
    for q in quotes:
        if not q.double:
            continue
        line_end = text.find("\n", q.end)
        line_end = len(text) if line_end == -1 else line_end
        tail = text[q.end : line_end]
        stripped = tail.lstrip()
        dash = next((d for d in SIGNATURE_DASHES if stripped.startswith(d)), None)
        if dash is None:
            continue
        name_start = q.end + (len(tail) - len(stripped)) + len(dash)
        name = doc.char_span(name_start, line_end, alignment_mode="expand")
        if name is None:
            continue
        words = [t for t in name if not t.is_space and not t.is_punct]
        if not words or len(words) > 8 or not words[0].text[:1].isupper():
            continue
        dash_span = doc.char_span(name_start - len(dash), name_start, alignment_mode="expand")
        if dash_span is None:
            continue
        speaker = doc[words[0].i : words[-1].i + 1]
        found.append(
            _Found(
                cue=list(dash_span),
                cue_class="assert",
                cue_lemma=dash,
                speaker=speaker,
                content=set(),
                kind="direct",
                sentence=sentence_of(speaker.root),
                confidence=0.75,
                quote_chars=[(q.start, q.end)],
            )
        )
    return found


# --------------------------------------------------------------------------- reconciliation


def _char_runs(doc: Doc, ids: set[int]) -> list[tuple[int, int]]:
    """Contiguous token runs → character spans, without edge punctuation or space."""
    runs: list[tuple[int, int]] = []
    for i in sorted(ids):
        if runs and i == runs[-1][1]:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    spans: list[tuple[int, int]] = []
    for a, b in runs:
        while a < b and (doc[a].is_space or (doc[a].is_punct and doc[a].text not in "“\"‘([")):
            a += 1
        while b > a and (doc[b - 1].is_space or (doc[b - 1].is_punct and doc[b - 1].text not in "”\"’)]?!")):
            b -= 1
        if a < b:
            spans.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)))
    return _merge_close(text_of(doc), spans)


def _merge_close(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join pieces separated only by punctuation or space: one content, not three."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and all(not ch.isalnum() for ch in text[merged[-1][1] : s]):
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _extend_to_quotes(spans: list[tuple[int, int]], quotes: Quotes) -> tuple[list[tuple[int, int]], list[Quote]]:
    """A content that touches a quotation takes all of it: the marks say where it ends."""
    touched: list[Quote] = []
    out: list[tuple[int, int]] = []
    for s, e in spans:
        for q in quotes.overlapping(s, e):
            if q.double:
                s, e = min(s, q.start), max(e, q.end)
                touched.append(q)
        out.append((s, e))
    return _merge_overlapping(out), touched


def _merge_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _kind(text: str, spans: list[tuple[int, int]], touched: list[Quote], base: str) -> str:
    if base in ("nominal", "according_to") or not touched:
        return base
    inner = sum(q.inner_end - q.inner_start for q in touched)
    total = sum(len(text[s:e].strip(" ,.;:\"“”")) for s, e in spans)
    return "direct" if total and inner >= 0.85 * total else "mixed"


def _to_statement(doc: Doc, item: _Found, quotes: Quotes) -> Statement | None:
    spans = _char_runs(doc, item.content)
    spans = spans + list(item.quote_chars)
    spans, touched = _extend_to_quotes(spans, quotes)
    if item.speaker is not None:
        spans = _cut(spans, item.speaker.start_char, item.speaker.end_char)
    for tok in item.cue:
        spans = _cut(spans, tok.idx, tok.idx + len(tok.text))
    spans = [_strip_space(text_of(doc), s, e) for s, e in spans if text_of(doc)[s:e].strip(" ,.;:\"“”‘’—-")]
    if not spans:
        return None
    cue_start = min(t.idx for t in item.cue)
    cue_end = max(t.idx + len(t.text) for t in item.cue)
    kind = _kind(text_of(doc), spans, touched, item.kind)
    speaker = None
    if item.speaker is not None:
        speaker = Speaker(mention=span_text(doc, item.speaker), start=item.speaker.start_char, end=item.speaker.end_char)
    return Statement(
        doc_id=doc._.onrecord_doc_id or "",
        speaker=speaker,
        cue=Cue(text=text_of(doc)[cue_start:cue_end], lemma=item.cue_lemma, cls=item.cue_class, start=cue_start, end=cue_end),
        content_spans=spans,
        content=" … ".join(text_of(doc)[s:e] for s, e in spans),
        kind=kind,  # type: ignore[arg-type]
        polarity=lexicon.polarity_of(item.cue_class, item.negated),  # type: ignore[arg-type]
        addressee=span_text(doc, item.addressee) if item.addressee is not None else None,
        sentence=_trimmed(item.sentence),
        confidence=round(max(0.05, min(1.0, item.confidence + (0.1 if kind == "direct" else 0.0))), 2),
    )


def _strip_space(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trimmed(sentence: Span) -> tuple[int, int]:
    """A sentence's extent without trailing space tokens (which hold blanked text)."""
    words = [t for t in sentence if not t.is_space]
    if not words:
        return (sentence.start_char, sentence.end_char)
    return (words[0].idx, words[-1].idx + len(words[-1].text))


def _cut(spans: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """Remove [a, b) from content spans (the cue or speaker inside a quote's reach)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if b <= s or e <= a:
            out.append((s, e))
            continue
        if s < a:
            out.append((s, a))
        if b < e:
            out.append((b, e))
    return [(s, e) for s, e in out if e > s]


def _covered(stmts: Intervals[Statement], q: Quote) -> bool:
    for st in stmts.overlapping(q.inner_start, q.inner_end):
        for s, e in st.content_spans:
            if s <= q.inner_start and q.inner_end <= e:
                return True
            if s < q.inner_end and q.inner_start < e and (min(e, q.inner_end) - max(s, q.inner_start)) > 0.5 * (q.inner_end - q.inner_start):
                return True
    return False


def _continuations(doc: Doc, quotes: Quotes, stmts: list[Statement]) -> list[Statement]:
    """Quotations no cue reaches: the previous quoted speaker is still talking."""
    out: list[Statement] = []
    text = text_of(doc)
    by_extent = Intervals(stmts, extent=_extent)
    quoted = Intervals([s for s in stmts if s.kind in ("direct", "mixed")], extent=_extent)
    for q in quotes:
        if not q.double or _covered(by_extent, q):
            continue
        words = len(text[q.inner_start : q.inner_end].split())
        if words < SCARE_QUOTE_WORDS:
            continue
        if not _starts_sentence(text, q.start):
            continue
        prev = _previous_speaker_statement(quoted, q.start, text)
        if prev is None:
            continue
        sent = doc.char_span(q.start, q.end, alignment_mode="expand")
        speaker = _nearest_speaker(stmts, q.start)
        out.append(
            Statement(
                doc_id=doc._.onrecord_doc_id or "",
                speaker=replace(speaker, members=list(speaker.members)) if speaker is not None else None,
                cue=None,
                content_spans=[(q.start, q.end)],
                content=text[q.start : q.end],
                kind="direct",
                sentence=(q.start, q.end) if sent is None else (sent.start_char, sent.end_char),
                confidence=0.7,
            )
        )
        quoted.add(out[-1])
    return out


def _nearest_speaker(stmts: list[Statement], start: int) -> Speaker | None:
    """Who spoke last before a cue-less quotation: the speaker it continues.

    The nearest earlier statement of any kind counts ("Sanders said young voters were
    tired. “They are sick of it.”"), so an indirect statement between two quotes
    hands the floor to its speaker.
    """
    before = [st for st in stmts if st.speaker is not None and st.start < start]
    return max(before, key=lambda st: st.start).speaker if before else None


def _extent(st: Statement) -> tuple[int, int]:
    return (st.start, st.end)


def _starts_sentence(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;”\"" or text[j - 1 : j + 1] in (".”", '."')


def _previous_speaker_statement(quoted: Intervals[Statement], start: int, text: str) -> Statement | None:
    """The nearest earlier quoted statement within the last few paragraphs."""
    best = next(quoted.before(start), None)
    if best is None:
        return None
    gap = text[best.end : start]
    if gap.count("\n\n") > 2 or len(gap) > 1500:
        return None
    # Another cue between the two would own the quote; only plain narration may sit between.
    return best


def _dedupe(stmts: list[Statement]) -> list[Statement]:
    """Two rules finding the same content: keep the more confident, better-typed one."""
    stmts = sorted(stmts, key=lambda s: (-s.confidence, s.start))
    kept: Intervals[Statement] = Intervals(extent=_extent)
    cues: set[int] = set()
    for st in stmts:
        if st.cue is not None and st.cue.start in cues:
            continue
        if any(_same_claim(st, k) for k in kept.overlapping(st.start, st.end)):
            continue
        kept.add(st)
        if st.cue is not None:
            cues.add(st.cue.start)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _same_claim(a: Statement, b: Statement) -> bool:
    if a.cue and b.cue and a.cue.start == b.cue.start:
        return True
    overlap = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a.content_spans for s2, e2 in b.content_spans)
    la = sum(e - s for s, e in a.content_spans)
    lb = sum(e - s for s, e in b.content_spans)
    same_speaker = (a.speaker and b.speaker and a.speaker.start == b.speaker.start) or (a.cue is None or b.cue is None)
    return bool(same_speaker) and overlap > 0.8 * min(la, lb)


def _set_parents(stmts: list[Statement]) -> None:
    """A statement whose cue sits inside another's content is nested in it."""
    by_extent = Intervals(stmts, extent=_extent)
    for st in stmts:
        if st.cue is None:
            continue
        best: Statement | None = None
        for other in by_extent.overlapping(st.cue.start, st.cue.end):
            if other is st:
                continue
            if any(s <= st.cue.start and st.cue.end <= e for s, e in other.content_spans):
                if best is None or (other.end - other.start) < (best.end - best.start):
                    best = other
        st.parent = best.id if best is not None else None


def extract(doc: Doc) -> list[Statement]:
    """All attributed statements of a parsed document, in document order."""
    found_quotes = doc._.onrecord_quotes if doc.has_extension("onrecord_quotes") and doc._.onrecord_quotes is not None else None
    quotes = index_quotes(found_quotes if found_quotes is not None else find_quotes(text_of(doc)))
    found: list[_Found] = []
    for family in (
        verb_attributions,
        according_to_attributions,
        as_put_attributions,
        nominal_attributions,
        adjective_attributions,
        colon_attributions,
        signature_attributions,
    ):
        found.extend(family(doc, quotes))
    _split_coordinated_cues(found)
    _participles_share_speaker(found)
    found = [f for f in found if not _not_a_statement(f)]
    stmts = [st for st in (_to_statement(doc, f, quotes) for f in found) if st is not None]
    stmts = _dedupe(stmts)
    stmts = _dedupe(stmts + _continuations(doc, quotes, stmts))
    _set_parents(stmts)
    stmts = _outermost(stmts)
    return stmts


def _not_a_statement(f: _Found) -> bool:
    """Candidates whose grammar shows they report no words: each test says which fact."""
    return _unspoken_imperative(f) or _says_nothing(f) or _rubric_label(f) or _found_a_thing(f)


def _unspoken_imperative(f: _Found) -> bool:
    """"Don't blame Bush", "ask yourself that question", "to demand information": a
    cue verb in its bare form with no subject anywhere is an instruction or a purpose,
    what someone should do, not something anyone said.  (Passives, whose content is
    their subject, are not bare forms.)"""
    verb = f.cue[0]
    return f.speaker is None and f.kind == "indirect" and verb.tag_ == "VB" and not f.quote_chars


def _says_nothing(f: _Found) -> bool:
    """"They were backed by Mr. Kerry": once the speaker and cue are taken out, a content
    of function words alone ("by", a comma) reports no words at all."""
    if f.quote_chars:
        return False
    doc = f.cue[0].doc
    taken = {t.i for t in f.cue} | (set(range(f.speaker.start, f.speaker.end)) if f.speaker is not None else set())
    return not any(doc[i].pos_ in CONTENT_POS for i in f.content - taken)


# Newsroom labels that head a line with a colon: "Correction: …", "WARNING: …",
# "Video: …".  They name a kind of text, not someone who said it.
RUBRIC_LABELS = frozenset("correction corrections clarification update updated editor's editors note warning video photo photos watch listen read related".split())


def _rubric_label(f: _Found) -> bool:
    """A colon line whose "speaker" is a newsroom rubric is the outlet's own notice."""
    if f.cue_lemma != ":" or f.speaker is None:
        return False
    words = [t.lower_ for t in f.speaker if not t.is_punct]
    return bool(words) and all(w in RUBRIC_LABELS for w in words)


def _found_a_thing(f: _Found) -> bool:
    """"found a way through the Clean Air Act", "found little unity", "find themselves":
    a person finding a bare noun phrase came upon or obtained it.  Only a clause ("found
    that…"), a predicate ("found the law unconstitutional") or a study, poll or report as
    finder ("a study found 31 cases") makes "find" report a finding."""
    verb = f.cue[0]
    if verb.lemma_ not in ("find", "discover") or f.quote_chars or any(c.dep_ in CLAUSAL + ("oprd", "xcomp") for c in verb.children):
        return False
    if f.speaker is not None and f.speaker.root.lemma_.lower() in lexicon.NONHUMAN_SOURCE_NOUNS:
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ == "ADJ":
        return False
    content = [verb.doc[i] for i in f.content]
    return not any(t.pos_ in ("VERB", "AUX") or _object_predicate(t, obj) for t in content)


def _object_predicate(tok: Token, obj: Token) -> bool:
    """An adjective after the object that is not attributive: "found the law unconstitutional"."""
    return tok.pos_ == "ADJ" and tok.i > obj.i and not (tok.dep_ == "amod" and tok.head.i > tok.i)


def _outermost(stmts: list[Statement]) -> list[Statement]:
    """Drop a verb's report that sits inside another verb's report: one statement, not two.

    "Aides said Clinton hopes to…", "X said the videos show…", "it shows he'd be awake":
    the inner cue is part of the clause the outer speaker uttered, so the outer speaker
    is the one on record and the inner "statement" reaches the reader only through them
    (and is often no speech at all).  A noun cue is different in kind: "Putin's denials
    that…" or "Trump's tweet that Moscow had informed…" names a statement rather than
    making one, so a noun cue inside a report, and a report inside a noun cue's content,
    both stay.
    """
    by_id = {st.id: st for st in stmts}
    return [st for st in stmts if not _inside_a_report(st, by_id)]


def _inside_a_report(st: Statement, by_id: dict[str, Statement]) -> bool:
    parent = by_id.get(st.parent) if st.parent else None
    return parent is not None and "nominal" not in (st.kind, parent.kind)


def _split_coordinated_cues(found: list[_Found]) -> None:
    """"X said A and warned B": the parser may hang "warned" inside A; give it X.

    A cue verb with no subject of its own, conjoined inside another cue's content,
    is that speaker's second statement, and its words leave the first one's content.
    """
    for f in found:
        verb = f.cue[0]
        if f.speaker is not None and f.speaker.root.head.i == verb.i:
            continue
        for other in found:
            if other is f or verb.i not in other.content or other.speaker is None:
                continue
            if verb.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in verb.children):
                f.speaker = other.speaker
                f.confidence = max(f.confidence, 0.75)
                other.content -= _subtree_ids(verb) | {t.i for t in verb.children if t.dep_ == "cc"}
                cc = [c.i for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i]
                other.content -= set(cc)
                break


def _participles_share_speaker(found: list[_Found]) -> None:
    """"X said A, arguing that B": the one arguing is X, however deep the parser hung it."""
    by_cue = {f.cue[0].i: f for f in found}
    for f in found:
        verb = f.cue[0]
        if not _is_trailing_participle(verb):
            continue
        outer = next((by_cue[a.i] for a in verb.ancestors if a.i in by_cue and by_cue[a.i].speaker is not None), None)
        if outer is not None and outer.kind != "nominal":
            f.speaker = outer.speaker


# --------------------------------------------------------------------------- component


@Language.factory("onrecord_attribution")
def make_attribution(nlp: Language, name: str) -> "AttributionExtractor":
    return AttributionExtractor()


class AttributionExtractor:
    """spaCy component: sets ``doc._.onrecord_statements``."""

    def __init__(self) -> None:
        ensure_extensions("onrecord_statements", "onrecord_doc_id", "onrecord_quotes")

    def __call__(self, doc: Doc) -> Doc:
        doc._.onrecord_statements = extract(doc)
        return doc
