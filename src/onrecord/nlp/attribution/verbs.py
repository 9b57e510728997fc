"""Verb cues: "X said (that) …", "…, he said", "X denied Y", "X has been endorsed by Y".

The largest family.  A cue verb's content is its clausal complement, the quotation it
introduces or closes, or (for verbs whose object is what was said) its object; the
helpers below decide which, and cut away what the writer added around the report.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import cues as lexicon
from ..docview import sentence_of, text_of
from ..paragraphs import paragraph_end
from ..wordlists import data
from ..quotes import Quote
from .grammar import (
    CLAUSAL,
    CONTENT_POS,
    PERSONAL_PRONOUNS,
    Quotes,
    RELATIVE_PRONOUNS,
    SAY_LIKE,
    SUBJECTS,
    _Found,
    _agent,
    _finite,
    _is_inside,
    _negated,
    _passive_without_agent,
    _postverbal_subject,
    _speaker_span,
    _subject_of,
    _subtree_ids,
    _verb_entry,
    is_quotation,
)


# Assert-class verbs whose bare object is the topic or gist of what was said:
# "barely mentioned climate change", "stressed the need for…", "recalled the talks".
TOPIC_OBJECT_VERBS = frozenset(
    "mention stress emphasize emphasise reiterate recall proclaim highlight reference cite raise repeat lament downplay".split()
)


OBJECT_CONTENT_CLASSES = frozenset(
    {"deny", "accuse", "warn", "promise", "admit", "announce", "find", "recommend", "ask", "intend", "discuss", "support"}
)


# Verbs whose object is only ever the listener; "warned Washington against…" keeps it.
LISTENER_ONLY = frozenset("tell inform notify brief advise assure remind".split())
ASKED_OF = frozenset({"ask"})  # whose object is the question asked or the person asked


# Verbs whose "for" phrase gives what someone is charged with: "cite the individuals for
# distributing music", "blamed the mayor for the delays".
GROUNDS_FOR = frozenset("cite blame fault criticize criticise praise".split())


def _right_content(verb: Token, skip: set[int]) -> set[int]:
    """Everything the verb governs to its right, minus addressees and time phrases."""
    ids: set[int] = set()
    for child in verb.rights:
        if child.dep_ == "conj" and _predicate_of_object(verb, child):
            ids |= _without_temporal_clauses(child)
            continue
        if child.i in skip or child.dep_ in ("punct", "cc", "conj", "advmod", "npadvmod", "dative", "mark") or child.is_space:
            continue
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "on", "during", "after", "before", "to", "with", "from", "while", "since", "for"):
            if not (child.lower_ in ("for", "on") and verb.lemma_ == "call" or child.lower_ == "for" and verb.lemma_ in GROUNDS_FOR):
                continue
        if child.dep_ == "advcl" and not any(g.lower_ in ("if", "whether") for g in child.children):
            continue
        ids |= _without_temporal_clauses(child)
    return ids


def _predicate_of_object(verb: Token, conj: Token) -> bool:
    """"He confessed Arsenal's deal - complete with naming rights - has given the club food
    for thought": the parser joined "has given" to "confessed" as a second verb.  A tensed
    verb with no subject and no "and", "or" or "but" before it is no coordinated verb (a
    coordination needs its conjunction): it is the predicate of a clause whose subject the
    parser took for the cue's object, and that clause is what was said."""
    obj = next((c for c in verb.children if c.i < conj.i and (c.dep_ == "dobj" or c.dep_ == "ccomp" and c.pos_ in ("NOUN", "PROPN"))), None)
    if obj is None or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
        return False
    if any(c.dep_ == "cc" and obj.i < c.i < conj.i for c in verb.children) or any(c.dep_ == "cc" for c in conj.children if c.i < conj.i):
        return False
    return _finite(conj) and conj.tag_ != "VBD" or any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP", "MD") for c in conj.children)


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
    """"asked if he had warned Putin": a cue under if/whether reports no statement.

    A cue conjoined to the verb the "if" marks is as hypothetical as it is: "the key is
    if Gerrard comes out and says that he is happy" reports nothing he said.
    """
    if _conditional_would(verb):
        return True
    clause = verb
    while True:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in clause.children):
            return True
        if clause.dep_ != "conj" or clause.head.i == clause.i:
            return False
        clause = clause.head


NARRATIVE_WOULD = frozenset(data("acts")["narrative_would"])


def _conditional_would(verb: Token) -> bool:
    """"Some fans would find such a move controversial", "many Mexicans would hope…": a
    cue under "would" says what someone would do or think, not what they did.  "She would
    later say that…" is the future of a past narrative and stays."""
    if not any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
        return False
    return not any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in NARRATIVE_WOULD for c in verb.children)


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


def _complement_under_addressee(addressee: Token) -> list[Token]:
    """"told a meeting of island leaders that few people understood…".

    After a long listener phrase the parser files the reported clause as a relative
    (or adnominal) clause of the listener's last noun ("told the BBC's Today programme
    that…").  After a verb of telling, "that" and a clause
    with a subject of its own is far likelier the reported clause than a relative
    clause with its object gapped ("told the mayors that she had met"), and the verb
    has no other content.
    """
    for tok in addressee.subtree:
        if tok.dep_ not in ("relcl", "acl") or tok.i <= addressee.i:
            continue
        first = tok.doc[tok.left_edge.i]
        if first.lower_ != "that" or first.head.i != tok.i:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i != first.i for c in tok.children):
            return [tok]
    return []


ADVERBIAL_MARKS = frozenset("because although though while as since if unless before after until so once whereas".split())


def _misparsed_complement(clause: Token) -> bool:
    """"said after the convention he would not accept…": a reported clause filed as advcl."""
    if clause.dep_ != "advcl" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    if clause.doc[clause.left_edge.i].tag_ == "WRB" and _said_thing_elsewhere(clause.head):
        return False  # "what she said when she resigned": the when-clause says when, not what
    return not any(c.dep_ == "mark" and c.lower_ in ADVERBIAL_MARKS for c in clause.children)


def _said_thing_elsewhere(verb: Token) -> bool:
    """"what Wahl said", "the words he said": the cue's object is a relative pronoun or its antecedent.

    Then a when-clause after it is the time of saying; without one ("have not said
    when they would vote") it is the indirect question that was asked or answered.
    """
    return verb.dep_ == "relcl" or any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in verb.children)


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
# "was admitted to hospital", "the video was released", "PCP was found", "was accused of
# theft", "police were called", "the application was rejected".
PASSIVE_ACTS = frozenset("charge accuse call reject address answer observe admit find release grant allow publish show rule".split())


def _without_lead_ins(clauses: list[Token], verb: Token, quotes: Quotes) -> list[Token]:
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
        if not lead_in or _is_inside(c.idx, quotes) or any(t.is_quote for t in between):
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
    # "told reporters", "asked Osei": the one told, or the person asked, is the listener, never what
    # was said (a question is asked, a person only asked something; but "warned Washington against
    # using force" is what was said)
    listener = addressee is not None and (
        verb.lemma_ in LISTENER_ONLY or verb.lemma_ in ASKED_OF and addressee.pos_ in ("PROPN", "PRON"))
    skip = {t.i for t in addressee.subtree} if listener else set()
    if subject is not None:
        mention = _speaker_span(subject)
        skip |= set(range(mention.start, mention.end))
    clausal = _without_lead_ins([c for c in verb.children if c.dep_ in CLAUSAL and c.i not in skip], verb, quotes)
    if not clausal and verb.lemma_ in SAY_LIKE:
        clausal = [c for c in verb.rights if _misparsed_complement(c) and c.i not in skip]
    if not clausal and addressee is not None:
        clausal = _complement_under_addressee(addressee)
        skip -= {t.i for c in clausal for t in c.subtree}
    if entry.lemma in lexicon.FINITE_CLAUSE_ONLY and not any(c.dep_ == "ccomp" and _finite(c) for c in verb.children):
        return None
    content: set[int] = set()
    confidence = 0.85
    if clausal:
        for c in clausal:
            content |= _subtree_ids(c)
        content |= {i for c in verb.rights if c.dep_ == "conj" and _predicate_of_object(verb, c) for i in _subtree_ids(c)}
    elif verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and _inverted(verb, subject)):
        # "The plan, he said, is working" / "“…,” he said" parsed with the quote as head.
        head = verb.head
        content = _subtree_ids(head) - _subtree_ids(verb)
        confidence = 0.8
    else:
        content = _object_content(verb, entry, skip) or _quoted_object(verb, quotes, skip)
        confidence = 0.7 if content else 0.0
        if content and subject is None:
            content |= _raised_subject(verb)
    if content and not any(doc[i].pos_ in CONTENT_POS for i in content):
        content = set()  # "endorsed by" with the agent cut away leaves only "by"
    quote_chars = _adjacent_quote(verb, quotes, content)
    if not content and not quote_chars:
        return None
    if quote_chars and not content:
        confidence = 0.85
    touches_quote = bool(content) and any(
        is_quotation(q) for q in quotes.overlapping(doc[min(content)].idx, doc[max(content)].idx + 1)
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
    content -= _agent_phrase(verb)
    content -= _trailing_participle_cues(verb, content)
    content -= _asides(doc, content, quotes)
    content -= _conjoined_reports(verb, content, quotes)
    cue_tokens = [verb] + [c for c in verb.rights if c.dep_ == "prt" or (c.dep_ == "prep" and verb.lemma_ == "call" and c.lower_ in ("for", "on"))]
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
        addressee=_listener_span(addressee, content) if addressee is not None else None,
        quote_chars=quote_chars,
    )


def _agent_phrase(verb: Token) -> set[int]:
    """"Defendants who are identified only by the codes…": the "by" phrase of a passive names
    who (or what) did it, the speaker's place, never what was said."""
    return {i for c in verb.children if c.dep_ == "agent" for i in _subtree_ids(c)}


def _listener_span(addressee: Token, content: set[int]) -> Span:
    """The listener as written, without a reported clause the parser hung inside it."""
    doc = addressee.doc
    end = addressee.right_edge.i + 1
    inside = [i for i in content if addressee.i < i < end]
    if inside:
        end = min(inside)
    while end - 1 > addressee.left_edge.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[addressee.left_edge.i : end]


# Verb + preposition pairs whose object is what was said: "called for", "spoke of".
PARTICLE_PREPS: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "describe": frozenset({"as"}),
    "liken": frozenset({"to"}),
    "compare": frozenset({"to", "with"}),
    "characterize": frozenset({"as"}),
    "characterise": frozenset({"as"}),
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


def _conjoined_reports(verb: Token, content: set[int], quotes: Quotes) -> set[int]:
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
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) or _is_inside(tok.idx, quotes):
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


def _asides(doc: Doc, content: set[int], quotes: Quotes) -> set[int]:
    """Words the writer adds after the reported part: ", who says he is honored",
    ", although he again refused…", "amid growing concerns…".

    A relative clause set off by a comma after the reported words, a concessive clause
    and a circumstance phrase describe, but are not part of, what the speaker said.
    """
    cut: set[int] = set()
    for i in sorted(content):
        tok = doc[i]
        if i in cut or tok.left_edge.i == 0:
            continue
        before = doc[tok.left_edge.i - 1]
        aside = (
            (tok.dep_ == "relcl" and before.text == "," and tok.head.pos_ in ("NOUN", "PROPN") and _trails(tok, content))
            or (tok.dep_ == "advcl" and before.text == "," and any(c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in tok.children))
            or (tok.dep_ == "prep" and tok.lower_ in CIRCUMSTANCE_PREPS)
        )
        if aside and not _is_inside(tok.idx, quotes):
            cut |= _subtree_ids(tok)
            if before.text == ",":
                cut.add(before.i)
    return cut if len(cut) < len(content) else set()


def _trails(clause: Token, content: set[int]) -> bool:
    """Whether nothing but punctuation of the content follows the clause: "…, who says he is
    honored" trails the report, while "the man, who later disappeared, claimed…" sits inside
    the reported sentence, between its subject and its verb, and is part of it."""
    doc = clause.doc
    return not any(i > clause.right_edge.i and not doc[i].is_punct for i in content)


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


def _raised_subject(verb: Token) -> set[int]:
    """"The minister is said to have resigned": the subject is part of what is said."""
    if not _passive_without_agent(verb) or not any(c.dep_ == "xcomp" for c in verb.children):
        return set()
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return set() if subject is None or subject.lower_ in RELATIVE_PRONOUNS else _subtree_ids(subject)


def _quoted_object(verb: Token, quotes: Quotes, skip: set[int]) -> set[int]:
    """"Protesters chanted “What curfew?”": an object in quotation marks is what was said,
    whatever the verb's class."""
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "oprd") and child.i not in skip and _is_inside(child.idx, quotes) is not None:
            return _subtree_ids(child)
    return set()


NAMING_VERBS = frozenset("call label brand dub term describe consider".split())


def _object_content(verb: Token, entry: lexicon.CueEntry, skip: set[int]) -> set[int]:
    """Content carried by objects: "denied any breaches", "urged X to stay out"."""
    objects = sum(1 for c in verb.children if c.dep_ == "dobj")
    if verb.lemma_ in NAMING_VERBS and (objects >= 2 or any(
        c.dep_ in ("oprd", "ccomp", "xcomp") or _is_particle_prep(verb, c) for c in verb.children
    )):  # "branded North Korea an outlaw nation": two objects, the second is the name
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
        if is_quotation(q) and gap.strip() == "," and verb.lemma_ in SAY_LIKE | {"boast", "quip", "joke", "tweet", "write"}:
            return [(q.start, q.end)]  # "Trump boasted, “That makes me smart.”"
    return []


def _quote_before(verb: Token, quotes: Quotes) -> tuple[int, int] | None:
    """"“You winning?” Trump said." — the parser split the quote off; rejoin it."""
    doc = verb.doc
    if verb.dep_ != "ROOT":
        return None
    sent_start = sentence_of(verb).start_char
    for q in quotes.overlapping(max(0, sent_start - 3), verb.idx):
        if is_quotation(q) and q.end <= verb.idx and verb.idx - q.end < 60:
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
    end = paragraph_end(text, start)
    if end - start < 3 and end < len(text):  # colon at line end: the content is the next paragraph
        nxt_start = end
        while nxt_start < len(text) and text[nxt_start].isspace():
            nxt_start += 1
        end = paragraph_end(text, nxt_start)
        start = nxt_start
    while start < end and text[start].isspace():
        start += 1
    return (start, end) if end - start > 2 else None
