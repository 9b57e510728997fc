"""Claims: who does what in a statement's content, read from a dependency parse.

A contradiction is between two *claims*, not two bags of words.  "Graeme Souness
… damaging his reputation" and "consumers … up to $1,000 in damages" share a stem
and nothing else: different subjects, and *damages* is a noun the sentence does not
predicate of anyone.  A claim is one clause of the content:

* **subject** — the entity it is about, resolved like the record's anchors ("the
  Kremlin" → Kremlin/Russia, "we" → the speaker, "his government" → the speaker's
  state); a common noun ("house prices") only counts with the names that pin it down;
  a content without a subject of its own ("denied *sending troops*") is about its speaker;
* **predicates** — the verb and what it governs: its infinitival complements
  ("looking to get *involved*"), the complement of a copula ("is not *dead*"), the
  object of a light verb ("offering *support*"), and any word of the lexicon's event
  clusters inside the predicate phrase; each signed by the negations above it and
  by the statement's own denial;
* **objects**, **places** and **quantities** inside the predicate phrase, so that
  "raise taxes" is not "raise spending" and 11% of one profit is not 20% of another.

Only statements that the word-level rules already pair are parsed (a few thousand in
a large record), with the project's spaCy model without its entity recogniser.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Iterator

from .lexicon import lexicon
from .props import AnchorIndex, Prop, _context_person, find_anchors
from .text import fold, stem, tokenize

SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_COMPLEMENTS = frozenset({"xcomp", "acomp", "attr", "oprd", "pcomp"})
_NEGATORS = frozenset({"not", "n't", "n’t", "never", "no", "neither", "nor", "without", "none"})
_LOWER = {("at", "least"), ("more", "than"), ("over",), ("above",), ("upwards", "of"), ("no", "fewer"), ("no", "less")}
_UPPER = {("at", "most"), ("less", "than"), ("fewer", "than"), ("under",), ("up", "to"), ("below",), ("no", "more")}
_ABOUT = {("about",), ("around",), ("nearly",), ("almost",), ("roughly",), ("some",), ("approximately",), ("close", "to")}
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
MAX_CLAIM_WORDS = 150  # a longer content is a speech or an attribution error, not one claim


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The gate's word lists (link/data/align.json), as sets."""
    raw = json.loads(resources.files(__package__).joinpath("data", "align.json").read_text("utf-8"))
    out: dict[str, Any] = {k: frozenset(v.split()) for k, v in raw.items() if isinstance(v, str) and k != "about"}
    out["own_pronouns"] = raw["own_pronouns"]
    out["period_words"] = {w: unit for unit, ws in raw["period_words"].items() for w in ws.split()}
    return out


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    """Month names and their abbreviations (nlp/data/timex.json: the one list of them)."""
    from ..nlp.wordlists import data

    return frozenset(data("timex")["months"])


@dataclass(slots=True)
class Pred:
    """A predicate word of a claim, with its sign (-1 negated or denied)."""

    stem: str
    surface: str
    clusters: frozenset[str]
    frames: frozenset[str]
    sign: int
    verb: bool


@dataclass(slots=True)
class Subject:
    """What a claim is about: entity names (resolved), or a common-noun head with the names pinning it down."""

    names: frozenset[str]
    keys: frozenset[str]
    head: str | None
    surface: str
    implicit: bool = False


@dataclass(slots=True)
class Amount:
    """A number in the predicate phrase, as an interval, with the stem of what it counts."""

    low: float
    high: float
    unit: str
    surface: str


@dataclass
class Claim:
    """One clause of a statement's content (see the module docstring)."""

    subject: Subject | None
    preds: list[Pred]
    objects: frozenset[str] = frozenset()
    object_text: str = ""  # the direct object as written, for the reason in plain words
    verb_text: str = ""  # the clause's head as written
    places: frozenset[str] = frozenset()  # keys of anchors the record knows, inside the predicate phrase
    names: frozenset[str] = frozenset()  # every name inside the predicate phrase, known or not
    amounts: list[Amount] = field(default_factory=list)
    eventive: bool = False  # a past or perfect verb: an event an outlet can report
    copular: bool = False
    bare: bool = False  # a noun with nothing of its own but a determiner ("increases", "any breaches")
    nominal: bool = False  # a noun phrase, not a clause ("Russian violations", "his plans")
    years: frozenset[str] = frozenset()
    perfect: bool = False  # "has never won", "had not seen": true up to the time it is said
    periods: frozenset[str] = frozenset()  # the periods a change is measured over: "month", "year", "october"


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    from ..settings import DEFAULT_MODEL

    import os

    return spacy.load(os.environ.get("ONRECORD_MODEL") or DEFAULT_MODEL, exclude=["ner"])


def parse(contents: Iterable[str]) -> dict[str, Any]:
    """content → spaCy Doc, for each distinct content (for a handful; see :func:`parse_each`)."""
    return dict(parse_each(contents))


def parse_each(contents: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """(content, spaCy Doc) for each distinct content, streamed in batches: read each, then let it go."""
    distinct = list(dict.fromkeys(c for c in contents if c))
    if not distinct:
        return
    yield from zip(distinct, _nlp().pipe(distinct, batch_size=64))


# ---------------------------------------------------------------- claims from a parse


def claims(doc: Any, prop: Prop, index: AnchorIndex, text: str | None = None, start: int = 0) -> list[Claim]:
    """The claims of one statement's content (its parse ``doc``), subjects resolved in its context."""
    words_in = sum(1 for t in doc if not t.is_punct)
    if words_in < 2 or words_in > MAX_CLAIM_WORDS:
        # a single word ("increases", a headline's "dead") is no proposition; a content of
        # dozens of sentences is an attribution error or a speech, not one claim
        return []
    heads = [t for t in doc if _is_head(t)]
    out: list[Claim] = []
    for head in heads:
        claim = _claim(head, heads, prop, index, text, start)
        if claim is not None and claim.preds:
            out.append(claim)
    return out


def _is_head(t: Any) -> bool:
    if t.dep_ == "ROOT":
        return True
    if t.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in SUBJ for c in t.children):
        return True
    return t.dep_ == "conj" and _is_head(t.head)


def _subject_token(head: Any) -> Any | None:
    for c in head.children:
        if c.dep_ in SUBJ:
            return c
    if head.dep_ == "conj" and head.head.i != head.i:
        return _subject_token(head.head)
    return None


def _phrase(head: Any, heads: list[Any], subject: Any | None) -> list[Any]:
    """The predicate phrase: the head's subtree less the subject and any other clause."""
    skip: set[int] = set()
    if subject is not None:
        skip.update(t.i for t in subject.subtree)
    for other in heads:
        if other.i != head.i and other.i in {t.i for t in head.subtree} and other.i not in skip:
            skip.update(t.i for t in other.subtree)
    return [t for t in head.subtree if t.i not in skip]


def _claim(head: Any, heads: list[Any], prop: Prop, index: AnchorIndex, text: str | None, start: int) -> Claim | None:
    w = words()
    subj_tok = _subject_token(head)
    nominal = head.pos_ in ("NOUN", "PROPN") and head.dep_ == "ROOT"
    if nominal:
        subject = _nominal_subject(head, prop, index, text, start)
        phrase = [t for t in _phrase(head, heads, None) if t.i == head.i or t.dep_ not in ("amod", "poss", "compound", "det")]
    else:
        subject = _subject(subj_tok, prop, index, text, start) if subj_tok is not None else _speaker_subject(prop)
        phrase = _phrase(head, heads, subj_tok)
    preds = _predicates(head, phrase, prop, nominal)
    pred_words = {p.surface for p in preds} | {head.text}
    own = [t for t in phrase if _governed_by(t, head, pred_words)]
    objects: set[str] = set()
    object_text = ""
    for t in own:
        if t.dep_ in ("dobj", "attr", "oprd") and t.pos_ in ("NOUN", "PROPN") and t.lower_ not in w["object_pronouns"]:
            objects.add(stem(t.text))
            objects.update(stem(x.text) for x in t.children if x.dep_ == "compound")
            objects.update(stem(p.text) for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj")
            object_text = object_text or " ".join(x.text for x in t.subtree)
    toks = tokenize(" ".join(t.text for t in own))
    anchors, _ = find_anchors(toks, index)
    places = frozenset(k for a in anchors for k in a.keys | {a.name})
    names = places | frozenset("n:" + fold(t.text) for t in own if _is_name(t))
    tags = {t.tag_ for t in [head, *[c for c in head.children if c.dep_ in ("aux", "auxpass")]]}
    eventive = head.pos_ == "VERB" and head.lemma_ not in w["light_verbs"] and (
        head.tag_ == "VBD" or (head.tag_ == "VBN" and bool(tags & {"VBZ", "VBP", "VBD"})))
    if any(c.lower_ in ("will", "would", "could", "may", "might", "should", "must", "can") for c in head.children):
        eventive = False
    years = frozenset(t.text for t in phrase if _YEAR.match(t.text))
    bare = nominal and all(c.dep_ in ("det", "punct") for c in head.children)
    if not nominal and _irrealis(head):
        return None
    perfect = head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)
    return Claim(subject, preds, frozenset(objects), object_text, head.text, places, names, _amounts(phrase), eventive,
                 head.lemma_ == "be", bare, nominal, years, perfect, _periods(phrase))


def _periods(phrase: list[Any]) -> frozenset[str]:
    """The period a change is measured over: a month named ("in October" — a month), or a unit ("on the year")."""
    units = words()["period_words"]
    months = _months()
    out: set[str] = set()
    for t in phrase:
        low = t.lower_.strip(".")
        if low in months and t.pos_ == "PROPN":
            out.update((f"in:{low[:3]}", "month"))
        elif low in units:
            out.add(units[low])
    return frozenset(out)


def _governed_by(t: Any, head: Any, pred_words: set[str]) -> bool:
    """Does the nearest verb above this word belong to the claim's predicate (not a clause hanging off it)?"""
    node = t
    for _ in range(12):
        if node.i == head.i:
            return True
        parent = node.head
        if parent.i == node.i:
            return False
        if parent.pos_ == "VERB" and parent.i != head.i:
            return parent.text in pred_words or parent.lemma_ in words()["light_verbs"]
        node = parent
    return False


def _irrealis(head: Any) -> bool:
    """A clause that asserts no fact: under "if", a modal other than will, or a verb of wish, fear or expectation.

    "Everyone would be surprised if he didn't win", "the Tories must not be allowed to win",
    "sales are expected to fall": such clauses can both hold with their opposite.
    """
    w = words()
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in head.children) and head.head.lemma_ not in w["implicative_verbs"]:
        return True  # "important for Liverpool to win": a to-infinitive says what should happen, not what did
    node = head
    for _ in range(12):
        for c in node.children:
            if c.dep_ == "mark" and c.lower_ in w["conditional_marks"]:
                return True
            if c.dep_ in ("aux", "auxpass") and c.lower_ in w["irrealis_modals"]:
                return True
        if node.i != head.i and node.lemma_ in w["irrealis_verbs"]:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return any(c.lemma_ in w["irrealis_verbs"] and c.dep_ in ("xcomp", "acomp", "ccomp") for c in head.children) or \
        head.lemma_ in w["irrealis_verbs"]


def _predicates(head: Any, phrase: list[Any], prop: Prop, nominal: bool) -> list[Pred]:
    """Predicate words: the head, its complements, a light verb's object, and lexicon event words."""
    lex = lexicon()
    w = words()
    in_phrase = {t.i for t in phrase}
    chosen: list[Any] = []
    if nominal or head.lemma_ not in w["light_verbs"]:
        chosen.append(head)
    for t in phrase:
        if t.i == head.i:
            continue
        if t.dep_ in _COMPLEMENTS and t.pos_ in ("VERB", "ADJ") and t.lemma_ not in w["light_verbs"]:
            chosen.append(t)
        elif t.dep_ in ("advcl", "acl") and t.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
                and t.lemma_ not in w["light_verbs"]:
            chosen.append(t)
        elif t.dep_ == "dobj" and t.head.lemma_ in w["light_verbs"] and t.pos_ == "NOUN":
            chosen.append(t)
        elif lex.clusters.get(stem(t.text), frozenset()) - lex.topics and t.pos_ in ("VERB", "NOUN", "ADJ") \
                and t.dep_ != "amod":
            chosen.append(t)  # an attributive adjective ("lower taxes") qualifies a thing; the clause does not predicate it
    out: list[Pred] = []
    seen: set[str] = set()
    for t in chosen:
        if t.i not in in_phrase and t.i != head.i:
            continue
        s, clusters = _stem_and_clusters(t)
        if s in seen or t.lower_ in lex.stopwords or t.lower_ in lex.deny:
            continue
        seen.add(s)
        frames = frozenset(f for c in clusters - lex.topics for f in lex.frames.get(c, ()))
        sign = _sign(t, head) * (-1 if prop.deny else 1)
        out.append(Pred(s, t.text, clusters, frames, sign, t.pos_ == "VERB"))
    return out


def _stem_and_clusters(t: Any) -> tuple[str, frozenset[str]]:
    """A phrasal verb's own stem and cluster ("talked … out of" is *persuade*), else the word's."""
    lex = lexicon()
    s = stem(t.text)
    for c in t.children:
        cluster = lex.phrasal.get((s, c.lower_))
        if cluster and c.i > t.i:
            return f"{s}_{c.lower_}", frozenset({cluster})
    return s, lex.clusters.get(s, frozenset())


def _sign(t: Any, head: Any) -> int:
    """-1 for each negation on the way from a word up to its clause head, and for a denial verb above it."""
    lex = lexicon()
    sign = 1
    node = t
    for _ in range(12):
        for c in node.children:
            if c.dep_ == "neg" or (c.lower_ in _NEGATORS and c.dep_ in ("det", "advmod", "neg", "preconj")):
                sign = -sign
        if node.i != t.i and node.lower_ in lex.deny:
            sign = -sign
        if node.i == head.i or node.head.i == node.i:
            break
        if node.dep_ == "prep":
            break  # a prepositional adjunct is presupposed: "not straightforward in attacking" still attacks
        node = node.head
    return sign


def _amounts(phrase: list[Any]) -> list[Amount]:
    """Numbers with what they count; a year is a date, not an amount."""
    out: list[Amount] = []
    for t in phrase:
        if not t.like_num or _YEAR.match(t.text) or t.dep_ == "compound" and t.head.like_num:
            continue
        value = _value(t)
        if value is None:
            continue
        unit_tok = t.head if t.dep_ in ("nummod", "quantmod") and t.head.i != t.i else None
        while unit_tok is not None and unit_tok.like_num and unit_tok.head.i != unit_tok.i:
            unit_tok = unit_tok.head
        unit = "%" if unit_tok is not None and unit_tok.text == "%" else stem(unit_tok.text) if unit_tok is not None else ""
        symbol = next((c.text for c in t.children if c.pos_ == "SYM" or c.text in "£$€¥"), "")
        if symbol:
            unit = symbol + (unit if unit in _SCALE else "")
        if not unit or unit in _SCALE and not symbol:
            continue
        scale = next((_SCALE[c.lower_] for c in [*t.children, t.head] if c.lower_ in _SCALE and c.i != t.i), 1.0)
        value *= scale
        low, high = _bounds(t, value)
        span = [t] if unit_tok is None else sorted([t, unit_tok], key=lambda x: x.i)
        out.append(Amount(low, high, unit, " ".join(x.text for x in span)))
    return out


def _value(t: Any) -> float | None:
    raw = t.text.replace(",", "").lower()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(k|m|bn|mn)?", raw)
    if m:
        return float(m.group(1)) * (_SCALE[m.group(2)] if m.group(2) else 1.0)
    numbers = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
    return float(numbers[raw]) if raw in numbers else None


def _bounds(t: Any, value: float) -> tuple[float, float]:
    doc = t.doc
    before2 = tuple(x.lower_ for x in doc[max(0, t.i - 2) : t.i] if not x.is_punct and x.pos_ != "SYM")
    before1 = before2[-1:]
    if before2 in _LOWER or before1 in _LOWER:
        return value, float("inf")
    if before2 in _UPPER or before1 in _UPPER:
        return 0.0, value
    if before2 in _ABOUT or before1 in _ABOUT:
        return value * 0.85, value * 1.15
    return value * 0.98, value * 1.02


# ---------------------------------------------------------------- subjects


def _speaker_subject(prop: Prop) -> Subject | None:
    """A content with no subject of its own ("denied sending troops") is about its speaker."""
    if not prop.speaker:
        return None
    return Subject(frozenset({prop.speaker}), frozenset({prop.speaker}) | prop.speaker_keys, None, prop.speaker, implicit=True)


def _pronoun(word: str, prop: Prop, index: AnchorIndex, text: str | None, start: int) -> Subject | None:
    """we → the speaker; he/his → the speaker of reported speech, or the person before a quote;
    it/its → an organisation speaker of reported speech ("the board denied that it had sold …")."""
    role = words()["own_pronouns"].get(word)
    if role is None or not prop.speaker:
        return None
    if role == "speaker" or (role == "organisation" and prop.kind != "direct" and prop.speaker not in index.persons):
        return Subject(frozenset({prop.speaker}), frozenset({prop.speaker}) | prop.speaker_keys, None, word)
    if role == "person":
        if prop.kind == "direct":
            person = _context_person(text, start, index, prop.speaker) if text else None
            if person is None:
                return None
            return Subject(frozenset({person.name}), frozenset({person.name}) | person.keys, None, word)
        if prop.speaker in index.persons:
            return Subject(frozenset({prop.speaker}), frozenset({prop.speaker}) | prop.speaker_keys, None, word)
    return None


def _subject(tok: Any, prop: Prop, index: AnchorIndex, text: str | None, start: int) -> Subject | None:
    """The subject's entity, or its common-noun head with the names inside it; None when it cannot be resolved."""
    w = words()
    low = tok.lower_
    if tok.pos_ == "PRON" or low in w["unresolved_subjects"]:
        return _pronoun(low, prop, index, text, start)
    span = list(tok.subtree)
    return _noun_subject(tok, span, prop, index, text, start)


def _nominal_subject(head: Any, prop: Prop, index: AnchorIndex, text: str | None, start: int) -> Subject | None:
    """A nominal content ("Russian violations") is about its possessor or nationality; else about its speaker."""
    mods = [c for c in head.children if c.dep_ in ("amod", "poss", "compound")]
    for m in mods:
        if m.pos_ == "PRON":
            found = _pronoun(m.lower_, prop, index, text, start)
            if found:
                return found
    toks = tokenize(" ".join(t.text for m in mods for t in m.subtree))
    anchors, _ = find_anchors(toks, index)
    if anchors:
        names = frozenset(_state(a.name, a.keys) for a in anchors)
        return Subject(names, names | frozenset(k for a in anchors for k in a.keys), None, " ".join(a.surface for a in anchors))
    return _speaker_subject(prop)


def _noun_subject(tok: Any, span: list[Any], prop: Prop, index: AnchorIndex, text: str | None, start: int) -> Subject | None:
    w = words()
    toks = tokenize(" ".join(t.text for t in span))
    anchors, covered = find_anchors(toks, index)
    names = {a.name for a in anchors}
    keys = {k for a in anchors for k in a.keys} | names
    proper = [t for t in span if _is_name(t)]
    head_is_name = _is_name(tok) or (anchors and fold(tok.text) in " ".join(fold(a.surface) for a in anchors).split())
    if proper and not anchors:
        run = " ".join(fold(t.text) for t in proper)
        names.add("n:" + run)
        keys.add("n:" + run)
    for m in tok.children:
        if m.dep_ == "poss" and m.pos_ == "PRON":
            found = _pronoun(m.lower_, prop, index, text, start)
            if found:
                names |= found.names
                keys |= found.keys
    if head_is_name:
        return Subject(frozenset(names), frozenset(keys), None, " ".join(t.text for t in span))
    head = stem(tok.text)
    if tok.lower_ in w["state_nouns"] or head in {stem(x) for x in w["state_nouns"]}:
        states = {_state(n, frozenset(keys)) for n in names}
        if states:
            return Subject(frozenset(states), frozenset(keys | states), None, " ".join(t.text for t in span))
    return Subject(frozenset(names), frozenset(keys), head, " ".join(t.text for t in span))


def _is_name(t: Any) -> bool:
    """A proper noun, except a capitalised first word standing alone ("Sales rose", "House prices fell")."""
    if t.pos_ != "PROPN":
        return False
    first = t.i == 0 or t.is_sent_start or t.doc[t.i - 1].is_punct and t.doc[t.i - 1].is_quote
    if not first:
        return True
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return nxt is not None and nxt.text[:1].isupper()


def _state(name: str, keys: frozenset[str]) -> str:
    """The state an entity belongs to, for "the Russian government" or "his government" (Putin's: Russia)."""
    countries = set(lexicon().speakers.get("countries", {}))
    if name in countries:
        return name
    found = [k for k in keys if k in countries]
    return found[0] if found else name


def is_state(name: str) -> str | None:
    """The country a name stands for when it is a country or a seat of government ("the Kremlin")."""
    lex = lexicon()
    if name in lex.speakers.get("countries", {}):
        return name
    return lex.governments.get(name)

