"""Candidates the grammar shows are not statements, and speakers shared between
candidates: instructions, rubrics, reports inside reports, coordinated cues, trailing
participles.  Each test says which linguistic fact it encodes.
"""

from __future__ import annotations

import json
from importlib import resources

from spacy.tokens import Token

from .. import cues as lexicon
from ...model import Statement
from ..speakers.lexicon import _ORG_HEADS, tables
from ..wordlists import data
from .grammar import CLAUSAL, CONTENT_POS, SUBJECTS, _Found, _agent, _finite, _subtree_ids, _verb_entry
from .verbs import _is_trailing_participle


def _not_a_statement(f: _Found) -> bool:
    """Candidates whose grammar shows they report no words: each test says which fact."""
    return (
        _unspoken_imperative(f) or _says_nothing(f) or _rubric_label(f) or _found_a_thing(f) or _a_thing_on_display(f)
        or _presents_a_thing(f) or _did_not_happen(f) or _seeks_a_thing(f) or _verdict(f) or _a_thing_described(f)
        or _own_act_to_come(f) or _adds_a_thing(f)
    )


_ACTS = data("acts")
PRESENTING = frozenset(_ACTS["presenting"])
PRESENTED_THINGS = frozenset(_ACTS["presented_things"])
NON_OCCURRING = frozenset(_ACTS["non_occurring"])
VERDICT_PREDICATES = frozenset(_ACTS["verdict_predicates"])
WANTING = frozenset(_ACTS["wanting"])
ADDING = frozenset(_ACTS["adding"])


def _adds_a_thing(f: _Found) -> bool:
    """"adding emphasis through a loudhailer", "added a clause to the bill": "add" reports words
    only through a clause, a quote or a thing said ("added that…", "adding: “…”", "added a word
    of caution", "added the words…"); with any other thing as its object it reports an act."""
    verb = f.cue[0]
    if f.cue_lemma not in ADDING or f.quote_chars or any(c.dep_ in CLAUSAL for c in verb.children):
        return False
    things = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
    return bool(things) and not any(_said_thing(t) for t in things)


def _said_thing(noun: Token) -> bool:
    """A noun of something said ("words", "a comment"), or of one ("a note of caution")."""
    if lexicon.noun_cue(noun.lemma_.lower()) is not None:
        return True
    return any(p.lower_ == "of" and any(lexicon.noun_cue(o.lemma_.lower()) is not None for o in p.children if o.dep_ == "pobj")
               for p in noun.children if p.dep_ == "prep")


def _own_act_to_come(f: _Found) -> bool:
    """"Police want to hear from anyone", "Owen is hoping to repeat his success": a verb of
    wanting whose to-infinitive (no object, no clause) is the subject's own future act
    describes an intention, not words.  "Hopes that states will…" (a stance) and "wants
    the parties to commit…" (a demand on others) stay statements."""
    verb = f.cue[0]
    if f.quote_chars:
        return False
    if _wanted_act(verb):
        return True  # "is hoping to repeat his success": the repeating is wanted, not done
    if f.cue_lemma not in WANTING or any(c.dep_ in CLAUSAL + ("dobj",) for c in verb.children):
        return False
    return any(c.dep_ == "xcomp" and _wanted_act(c) for c in verb.children)


def _wanted_act(verb: Token) -> bool:
    """A to-infinitive governed by a verb of wanting with no object: the subject's own act to come."""
    head = verb.head
    if verb.dep_ != "xcomp" or not any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children):
        return False
    entry = _verb_entry(head)
    return entry is not None and entry.lemma in WANTING and not any(c.dep_ in CLAUSAL + ("dobj",) for c in head.children)


def _presents_a_thing(f: _Found) -> bool:
    """"Ford unveiled the Fusion and Zephyr models", "unveiled the final version of the plan":
    presenting a product or a version of something is an act; only presenting what is
    itself said -- a proposal, a plan, a list, figures (``data/acts.json``) -- or a clause
    puts words on record ("France and Germany unveiled a proposal for…")."""
    verb = f.cue[0]
    if f.cue_lemma not in PRESENTING or f.quote_chars or any(c.dep_ in CLAUSAL for c in verb.children):
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.lower_ not in PRESENTED_THINGS and obj.lemma_.lower() not in PRESENTED_THINGS


def _did_not_happen(f: _Found) -> bool:
    """"MPs and peers have failed to agree on reform", "neglected to mention": the verb above
    says the reporting act did not take place, so nothing was said."""
    verb = f.cue[0]
    return verb.dep_ == "xcomp" and verb.head.lemma_ in NON_OCCURRING and not f.quote_chars


def _seeks_a_thing(f: _Found) -> bool:
    """"Lewis-Francis sought Collins' advice", "lawsuits seeking information": seeking a
    thing is trying to get it; only "seeks to <do>" states an aim."""
    verb = f.cue[0]
    if f.cue_lemma != "seek" or f.quote_chars or any(c.dep_ in ("xcomp",) + CLAUSAL for c in verb.children):
        return False
    return any(c.dep_ == "dobj" for c in verb.children)


def _verdict(f: _Found) -> bool:
    """"C-Murder was found guilty of killing…", "was found dead": a passive finding of a
    state (``data/acts.json``) with no finder named is an outcome the writer reports."""
    verb = f.cue[0]
    if f.cue_lemma != "find" or not any(c.dep_ == "auxpass" for c in verb.children) or _agent(verb) is not None:
        return False
    return any(c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ in VERDICT_PREDICATES for c in verb.children)


def _unspoken_imperative(f: _Found) -> bool:
    """"Don't blame Bush", "ask yourself that question", "to demand information": a
    cue verb in its bare form with no subject anywhere is an instruction or a purpose,
    what someone should do, not something anyone said.  A gerund with no subject to
    find ("assuming that…", "having said that", "in advocating enlargement") names the
    activity the same way.  A tensed main verb with no subject anywhere is no verb at all
    but a noun the tagger misread ("blocking these search queries the rate of infection…").
    (Passives, whose content is their subject, are none of these.)"""
    verb = f.cue[0]
    if f.speaker is not None or f.kind != "indirect" or f.quote_chars:
        return False
    if verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("auxpass", "aux") for c in verb.children):
        # "blocking these search queries the rate…": a present-tense main verb inside its
        # sentence with no subject is a plural noun misread (a list item "Calls men names"
        # opens its line, its subject left out on purpose; a name right before it is its
        # subject swallowed by the phrase before: "…the terror war, Obama and Clinton call them…")
        return verb.dep_ == "ROOT" and verb.i > verb.sent.start and verb.doc[verb.i - 1].pos_ != "PROPN"
    return verb.tag_ in ("VB", "VBG")


def _says_nothing(f: _Found) -> bool:
    """"They were backed by Mr. Kerry": once the speaker and cue are taken out, a content
    of function words alone ("by", a comma) reports no words at all."""
    if f.quote_chars or f.kind == "no_comment":
        return False
    doc = f.cue[0].doc
    taken = {t.i for t in f.cue} | (set(range(f.speaker.start, f.speaker.end)) if f.speaker is not None else set())
    return not any(doc[i].pos_ in CONTENT_POS for i in f.content - taken)


def _rubric_labels() -> frozenset[str]:
    """Newsroom labels that head a line with a colon ("Correction: …", "DVD review: …",
    "Obituary: …"), from ``data/layout.json``: they name a kind of text, not someone who said it."""
    raw = json.loads(resources.files("onrecord.nlp").joinpath("data/layout.json").read_text("utf-8"))
    return frozenset(raw["rubric_labels"])


RUBRIC_LABELS = _rubric_labels()


def _rubric_label(f: _Found) -> bool:
    """A colon line whose "speaker" ends in a newsroom rubric is the outlet's own notice
    or section label: "Correction:", "Editor's note:", "DVD review:", "Profile:"."""
    if f.cue_lemma != ":" or f.speaker is None:
        return False
    words = [t.lower_ for t in f.speaker if not t.is_punct]
    return bool(words) and words[-1] in RUBRIC_LABELS


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


def _a_thing_on_display(f: _Found) -> bool:
    """"The poster shows two faces", "the restoration revealed some items", "show off
    something": showing or revealing a thing, not a proposition, by a thing that is no
    one (neither a person, an organisation nor a poll or report) puts nothing on record.
    A tensed clause ("results showed that sales rose") is a finding and stays; a
    participle ("faces superimposed on pigs") is part of the scene."""
    verb = f.cue[0]
    if verb.lemma_ not in ("show", "reveal", "display") or f.quote_chars:
        return False
    if any(c.dep_ == "prt" for c in verb.children):
        return True  # "show off", "show up": no reporting sense at all
    if f.speaker is None or any(c.dep_ in CLAUSAL and _finite(c) or c.dep_ in ("oprd", "xcomp") for c in verb.children):
        return False
    return _no_one(f.speaker.root)  # "shows the two men's faces superimposed on pigs": a scene, no clause


def _no_one(root: Token) -> bool:
    """A common noun naming a thing: neither a person, a role, an organisation nor a poll
    or report that speaks for its authors."""
    if root.pos_ != "NOUN" or root.ent_type_ or root.lemma_.lower() in lexicon.NONHUMAN_SOURCE_NOUNS:
        return False
    t = tables()
    people = t.person_nouns | t.role_nouns | _ORG_HEADS
    return root.lemma_.lower() not in people and root.lower_ not in people


def _a_thing_described(f: _Found) -> bool:
    """"a draft bill proposing a smaller second chamber", "a webpage announcing that the site
    had been defaced": a participle that describes a thing (no one who could speak) says
    what the thing holds; the writer describes it, no one is quoted."""
    verb = f.cue[0]
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or f.speaker is None or f.quote_chars:
        return False
    return f.speaker.root.i == verb.head.i and _no_one(verb.head)


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
        if f.speaker is not None and f.speaker.root.head.i == verb.i or any(c.dep_ == "auxpass" for c in verb.children):
            continue  # "Police say the suspect ran off but is believed to…": a passive is no second statement of theirs
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
        head = verb.head
        if head.i not in by_cue and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) and f.speaker is not None \
                and not any(head.i in g.content for g in found if g is not f):
            continue  # "a court ruled X, but the Court of Appeal cleared him, saying…": the one who cleared him says it
        outer = next((by_cue[a.i] for a in verb.ancestors if a.i in by_cue and by_cue[a.i].speaker is not None), None)
        if outer is not None and outer.kind != "nominal":
            f.speaker = outer.speaker
