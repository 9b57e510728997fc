"""A statement's content as a comparable proposition: what it is about, and with which polarity.

The relation rules compare two propositions, never raw text.  A proposition holds

* **units** — content words as stems, with the lexicon's synonym clusters and event
  frames, each signed: -1 inside a negation's scope or under a denial
  ("The Kremlin has denied that the Russian government persuaded Maduro": *persuade* -1);
* **anchors** — who and where it is about, resolved to canonical entities and their
  countries ("the Kremlin" → Kremlin/Russia, "Maduro" → Nicolás Maduro/Venezuela),
  including "we" (the speaker's side), "he" and "there" when the text around the
  statement says who or where;
* markers — hedged ("reportedly"), refuted ("hoax"), a question; quantities and years.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Statement
from .entities import Resolution, person_key
from .lexicon import lexicon
from .text import Tok, fold, has_phrase, mark_negation, sentence_spans, tokenize

STRONG = 0.8  # a match at least this strong is evidence on its own (same stem, synonyms, opposites)
_FIRST_PERSON = frozenset("we us our ours i me my mine".split())
_THIRD_PERSON = frozenset("he him his she her hers".split())
_QUESTION_CUES = frozenset("ask asked asks asking question questioned wonder wondered inquire inquired".split())
_NONE: frozenset[str] = frozenset()  # one shared empty set: most words have no cluster and no frame, and a
# record holds hundreds of thousands of units


@dataclass(slots=True)
class Unit:
    """A content word: its stem, its clusters and frames, its sign and weight."""

    stem: str
    surface: str
    clusters: frozenset[str]
    frames: frozenset[str]
    sign: int
    weight: float
    polar: float = 1.0  # how much its sign says about the claim: names little, predicates most
    focus: bool = False  # the first content word after a negation: what the negation is about


@dataclass(slots=True)
class Anchor:
    """Who or what a statement is about, as a canonical name plus what it stands for."""

    name: str
    keys: frozenset[str]
    surface: str
    speaker: bool = False  # implied by the speaker ("we"), not written in the content
    weight: float = 1.0  # lowered for anchors found everywhere in the record ("United Kingdom" in British news)


@dataclass(slots=True)
class Quantity:
    """A number attached to what it counts: "at least two planeloads" → [2, inf) planeload."""

    low: float
    high: float
    unit: str
    surface: str


@dataclass(slots=True)
class Prop:
    """Everything the relation rules read about one statement.

    A record holds one per statement while it is linked, so it keeps only what the
    rules read (slots, shared empty sets, interned words); ``stems`` is derived.
    """

    id: str
    doc: str
    speaker: str | None
    speaker_keys: frozenset[str]
    kind: str
    units: list[Unit]
    anchors: list[Anchor]
    deny: bool = False
    hedge: str | None = None
    hedges: frozenset[str] = frozenset()  # every hedge marker seen
    refute: str | None = None  # anywhere: decides in free text ("Fake-News: …")
    refute_claim: str | None = None  # said of the claim itself ("the reports are false"): flips it
    denial: str | None = None  # a denial word inside the content ("police deny reports of …")
    question: bool = False
    quantities: list[Quantity] = field(default_factory=list)
    years: frozenset[str] = frozenset()
    text: str = ""  # folded content, for near-exact comparison
    date: str | None = None

    @property
    def narration(self) -> bool:
        return self.kind == "narration"

    @property
    def stems(self) -> frozenset[str]:
        """The stems of its units (the words the record's rarity weights count)."""
        return frozenset(u.stem for u in self.units)

    def weight(self) -> float:
        return sum(u.weight for u in self.units) + sum(a.weight for a in self.anchors if not a.speaker)


# ---------------------------------------------------------------- anchors


@dataclass
class AnchorIndex:
    """Folded names (1–4 words) → (canonical name, keys), from the gazetteer and the resolution."""

    names: dict[str, tuple[str, frozenset[str]]]
    surnames: frozenset[str]  # keys that are a bare surname: not after another capitalised word ("Lleyton Hewitt")
    persons: frozenset[str]  # canonical names of people, for "he" in quotes
    places: frozenset[str]  # canonical names of places, for "there"
    resolution: Resolution | None

    def speaker_anchor(self, name: str | None) -> Anchor | None:
        if not name:
            return None
        keys = {name}
        country = _entity_country(self.resolution, name)
        if country:
            keys.add(country)
        return Anchor(name, frozenset(keys), name, speaker=True)


def _entity_country(res: Resolution | None, canon: str) -> str | None:
    """The country a canonical entity stands for, belongs to, or holds office in."""
    if res is None:
        return None
    found = res.country_of(canon)
    if found:
        return found
    entity = res.entities.get(canon)
    if entity is None:
        return None
    adjectives = _adjectives()
    for role in entity.roles:
        for word in role.replace("-", " ").split():
            country = adjectives.get(fold(word).replace(".", ""))
            if country:
                return country
    return None


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    lex = lexicon()
    table = {fold(k).replace(".", ""): v for k, v in lex.speakers.get("adjectives", {}).items()}
    return table


@lru_cache(maxsize=1)
def _gazetteer_names() -> dict[str, tuple[str, frozenset[str]]]:
    lex = lexicon()
    names: dict[str, tuple[str, frozenset[str]]] = {}
    for country, aliases in lex.speakers.get("countries", {}).items():
        for alias in [country, *aliases]:
            key = _name_key(alias)
            if key and key not in ("the", "us"):
                names[key] = (country, frozenset({country}))
    for adjective, country in lex.speakers.get("adjectives", {}).items():
        names.setdefault(_name_key(adjective), (country, frozenset({country})))
    for place, country in {**lex.speakers.get("capitals", {}), **lex.places}.items():
        names.setdefault(_name_key(place), (country, frozenset({country})))
    for seat, country in lex.governments.items():
        names[_name_key(seat)] = (seat, frozenset({seat, country}))
    for seat, (org, country) in lex.speakers.get("seats", {}).items():
        names.setdefault(_name_key(seat), (org, frozenset({org, country})))
    names["u s"] = names["us"] = ("United States", frozenset({"United States"}))
    return names


def _name_key(name: str) -> str:
    return " ".join(fold(name).replace(".", " ").replace("'s", "").split())


def build_anchor_index(res: Resolution | None) -> AnchorIndex:
    """Every name an anchor can be written as, for one record."""
    names = dict(_gazetteer_names())
    persons: set[str] = set()
    bare: set[str] = set()
    places = {v[0] for v in names.values()}
    if res is not None:
        surnames: dict[str, set[str]] = {}
        for surface, canon in res.canonical.items():
            entity = res.entities.get(canon)
            keys = {canon}
            country = _entity_country(res, canon)
            if country:
                keys.add(country)
            key = _name_key(person_key(surface)[0]) if entity and entity.type == "PERSON" else _name_key(surface)
            if key and key not in names and not key.startswith("role"):
                names[key] = (canon, frozenset(keys))
                if entity is not None and entity.type == "PERSON" and " " not in key:
                    bare.add(key)
            full = _name_key(surface)
            if full and full not in names:
                names[full] = (canon, frozenset(keys))
            if entity is not None and entity.type == "PERSON":
                persons.add(canon)
                last = key.split()[-1] if key else ""
                if last:
                    surnames.setdefault(last, set()).add(canon)
        for last, owners in surnames.items():
            if len(owners) == 1 and last not in names:
                canon = next(iter(owners))
                names[last] = names.get(_name_key(canon), (canon, frozenset({canon})))
                bare.add(last)
    return AnchorIndex(names, frozenset(bare), frozenset(persons), frozenset(places), res)


def find_anchors(toks: list[Tok], index: AnchorIndex) -> tuple[list[Anchor], set[int]]:
    """Anchors written in the content, and the token positions they cover."""
    found: list[Anchor] = []
    covered: set[int] = set()
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not tok.cap or (tok.low in ("us", "u.s") and tok.text == "us"):
            i += 1
            continue
        hit = None
        for n in (4, 3, 2, 1):
            if i + n > len(toks):
                continue
            key = _name_key(" ".join(t.low for t in toks[i : i + n]))
            if key in index.names:
                if n == 1 and key in index.surnames and i > 0 and toks[i - 1].cap and toks[i - 1].clause == tok.clause \
                        and fold(toks[i - 1].low) not in lexicon().honorifics and toks[i - 1].low not in lexicon().stopwords:
                    break  # "Lleyton Hewitt" is not the Hewitt of the record
                hit = (n, index.names[key])
                break
        if hit is None and "-" in tok.low:
            head = _name_key(tok.low.split("-")[0])
            if head in index.names:
                hit = (1, index.names[head])
        if hit:
            n, (name, keys) = hit
            found.append(Anchor(name, keys, " ".join(t.text for t in toks[i : i + n])))
            covered.update(range(i, i + n))
            i += n
        else:
            i += 1
    return found, covered


# ---------------------------------------------------------------- context: he, we, there


def _preceding_sentence(text: str, start: int) -> str:
    """The sentence before the one holding ``start`` (or the start of that one)."""
    window_start = max(0, start - 1200)
    window = text[window_start:start]
    spans = sentence_spans(window)
    if not spans:
        return ""
    last = spans[-1]
    if window[last[0] : last[1]].strip() and len(spans) >= 2 and (last[1] - last[0]) < 40:
        return window[spans[-2][0] : spans[-2][1]] + " " + window[last[0] : last[1]]
    if len(spans) >= 2 and start - (window_start + last[0]) < 3:
        return window[spans[-2][0] : spans[-2][1]]
    return window[last[0] : last[1]] if len(spans) == 1 else window[spans[-2][0] : last[1]]


def _context_person(text: str, start: int, index: AnchorIndex, speaker: str | None) -> Anchor | None:
    """The first known person of the preceding sentence who is not the speaker: a quote's "he"."""
    toks = tokenize(_preceding_sentence(text, start))
    anchors, _ = find_anchors(toks, index)
    for a in anchors:
        if a.name in index.persons and a.name != speaker:
            return Anchor(a.name, a.keys, a.surface)
    return None


def _context_place(text: str, start: int, index: AnchorIndex) -> Anchor | None:
    """The last place named before the statement: what "there" points at."""
    toks = tokenize(text[max(0, start - 400) : start])
    anchors, _ = find_anchors(toks, index)
    for a in reversed(anchors):
        if a.name in index.places or (index.resolution and a.name in index.resolution.stands_for):
            return Anchor(a.name, a.keys, "there")
    return None


# ---------------------------------------------------------------- quantities

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozen": 12, "thousand": 1000, "million": 1e6, "billion": 1e9,
}
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12}
_LOWER = {("at", "least"), ("more", "than"), ("over",), ("above",), ("upwards", "of"), ("no", "fewer"), ("no", "less")}
_UPPER = {("at", "most"), ("less", "than"), ("fewer", "than"), ("under",), ("up", "to"), ("below",), ("no", "more")}
_ABOUT = {("about",), ("around",), ("nearly",), ("almost",), ("roughly",), ("some",), ("approximately",), ("close", "to")}
_NUM = re.compile(r"^\d+(?:[.,]\d+)*$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _number(toks: list[Tok], i: int) -> tuple[float, int] | None:
    """The value of the number starting at token i, and how many tokens it takes."""
    low = toks[i].low
    if _NUM.match(low):
        try:
            value = float(low.replace(",", ""))
        except ValueError:
            return None
        used = 1
    elif low in _NUMBER_WORDS and low not in ("hundred", "thousand", "million", "billion"):
        value, used = float(_NUMBER_WORDS[low]), 1
    else:
        m = re.fullmatch(r"(\d+(?:\.\d+)?)(k|m|bn|b|mn)", low)
        if not m:
            return None
        return float(m.group(1)) * _SCALE[m.group(2)], 1
    if i + used < len(toks) and toks[i + used].low in _SCALE:
        value *= _SCALE[toks[i + used].low]
        used += 1
    return value, used


def find_quantities(toks: list[Tok], stopwords: frozenset[str]) -> tuple[list[Quantity], frozenset[str]]:
    """Numbers with the noun they count, as intervals; and the years mentioned."""
    out: list[Quantity] = []
    years: set[str] = set()
    for i, tok in enumerate(toks):
        if _YEAR.match(tok.low) and not (i + 1 < len(toks) and toks[i + 1].low in ("people", "troops", "units")):
            years.add(tok.low)
            continue
        parsed = _number(toks, i)
        if parsed is None or (i > 0 and _number(toks, i - 1)):
            continue
        value, used = parsed
        j = i + used
        while j < len(toks) and (toks[j].low in stopwords or toks[j].low in ("more", "additional", "extra")) and j < i + used + 2:
            j += 1
        if j >= len(toks) or toks[j].clause != tok.clause:
            continue
        low, high = _bounds(toks, i, value)
        out.append(Quantity(low, high, toks[j].stem, " ".join(t.text for t in toks[max(0, i - 2) : j + 1])))
    return out, frozenset(years) or _NONE


def _bounds(toks: list[Tok], i: int, value: float) -> tuple[float, float]:
    before2 = tuple(t.low for t in toks[max(0, i - 2) : i])
    before1 = before2[-1:] if before2 else ()
    if before2 in _LOWER or before1 in _LOWER:
        return value, math.inf
    if before2 in _UPPER or before1 in _UPPER:
        return 0.0, value
    if before2 in _ABOUT or before1 in _ABOUT:
        return value * 0.85, value * 1.15
    return value * 0.98, value * 1.02


# ---------------------------------------------------------------- building a proposition


@dataclass
class Vocabulary:
    """Document frequencies over the record, so that rare words weigh more than common ones."""

    df: dict[str, int] = field(default_factory=dict)
    n: int = 0

    def scale(self, stem: str) -> float:
        """1.0 for rare stems, down to 0.35 for the most frequent; flat on small records."""
        if self.n < 500:
            return 1.0
        df = self.df.get(stem, 0)
        if df <= 1:
            return 1.0
        return max(0.35, min(1.0, math.log(self.n / df) / math.log(self.n / 5)))


def analyse(text: str) -> tuple[list[Tok], int]:
    """Tokens with negation scope marked, and the number of negations seen."""
    lex = lexicon()
    toks = tokenize(text)
    count = mark_negation(toks, lex.negation, lex.negation_phrases, lex.deny)
    return toks, count


def proposition(
    st: Statement,
    index: AnchorIndex,
    *,
    text: str | None = None,
    vocabulary: Vocabulary | None = None,
    speaker: str | None = None,
) -> Prop:
    """The comparable form of one statement (see the module docstring)."""
    lex = lexicon()
    toks, _ = analyse(st.content)
    anchors, covered = find_anchors(toks, index)
    lows = [t.low for t in toks]
    deny = st.polarity == "deny"
    refute = _refutation(toks, lex)
    refute_claim = _predicative_refutation(toks, lex)
    denial = next((w for w in lows if w in lex.deny), None)
    if refute_claim:
        # "the reports are a hoax": what the content says is denied as a whole, so the
        # denial words inside it ("debunks") must not negate a second time
        mark_negation(toks, lex.negation, lex.negation_phrases)
        deny = not deny
    speaker = speaker if speaker is not None else _speaker_name(st, index)
    speaker_anchor = index.speaker_anchor(speaker)
    _pronoun_anchors(st, toks, anchors, speaker, speaker_anchor, index, text)
    if speaker_anchor is not None:
        anchors.append(speaker_anchor)
    units = _units(toks, covered, deny, lex, vocabulary)
    quantities, years = find_quantities(toks, lex.stopwords)
    return Prop(
        id=st.id, doc=st.doc_id, speaker=speaker,
        speaker_keys=speaker_anchor.keys if speaker_anchor else _NONE,
        kind=st.kind, units=units, anchors=_dedupe(anchors), deny=deny,
        hedge=(hedges := _hedges(st.content, lows, lex)) and sorted(hedges)[0] or None, hedges=hedges, refute=refute, refute_claim=refute_claim, denial=denial, question=_is_question(st, lows),
        quantities=quantities, years=years, text=fold(st.content).strip(" \"'“”‘’,."), date=st.date,
    )


def _speaker_name(st: Statement, index: AnchorIndex) -> str | None:
    sp = st.speaker
    if sp is None:
        return None
    name = sp.name or (sp.members[0] if sp.members else None)
    if name and index.resolution is not None:
        return index.resolution.canon(name) or name
    return name


def _pronoun_anchors(st: Statement, toks: list[Tok], anchors: list[Anchor], speaker: str | None,
                     speaker_anchor: Anchor | None, index: AnchorIndex, text: str | None) -> None:
    """"we" is the speaker's side; "he" the speaker (reported speech) or the person in context (quotes); "there" the last place."""
    lows = {t.low for t in toks}
    if lows & _FIRST_PERSON and speaker_anchor is not None:
        anchors.append(Anchor(speaker_anchor.name, speaker_anchor.keys, "we", speaker=True))
    if lows & _THIRD_PERSON:
        if st.kind == "direct" and text:
            person = _context_person(text, st.start, index, speaker)
            if person:
                anchors.append(person)
        elif st.kind != "direct" and speaker_anchor is not None and st.speaker and st.speaker.type == "PERSON":
            anchors.append(Anchor(speaker_anchor.name, speaker_anchor.keys, "he", speaker=True))
    if text and any(t.low == "there" and not _existential(toks, i) for i, t in enumerate(toks)):
        place = _context_place(text, st.start, index)
        if place:
            anchors.append(place)


_BE = frozenset("is are was were be been being has have had will would could may might seems seem appears remain remains".split())


def _existential(toks: list[Tok], i: int) -> bool:
    """ "there is/are/have been …" points at nothing; "sending troops there" points at a place."""
    return i + 1 < len(toks) and toks[i + 1].low in _BE


def _units(toks: list[Tok], covered: set[int], deny: bool, lex, vocabulary: Vocabulary | None) -> list[Unit]:
    """Signed, weighted content words.

    A word's *polar* weight says how much its sign tells about the claim: a predicate
    from the lexicon tells most, an ordinary word less, a name (capitalised inside a
    sentence that is not in title case) almost nothing: "Rehana is alive" denies the
    killing, not Rehana.
    """
    units: list[Unit] = []
    seen: dict[str, int] = {}
    skip = lex.stopwords | lex.negation | lex.deny | lex.hedge | lex.refute | _FIRST_PERSON | _THIRD_PERSON | {"not"}
    words = [t for t in toks if t.low not in lex.stopwords and t.low[:1].isalpha()]
    title_case = len(words) >= 3 and sum(1 for t in words if t.cap) >= 0.7 * len(words)
    names = set() if title_case else _name_positions(toks, lex)
    focus = _negation_focus(toks, lex)
    for i, tok in enumerate(toks):
        if i in covered or tok.low in skip or len(tok.low) < 2 or tok.low[0].isdigit() or tok.low in _NUMBER_WORDS:
            continue
        stem = tok.stem
        sign = -1 if tok.neg else 1
        if deny:
            sign = -sign
        phrasal = _phrasal(toks, i, lex)
        if phrasal:
            stem, clusters = phrasal  # "stay out of" is not "stay"
        else:
            clusters = lex.clusters.get(stem, _NONE)
        frames = frozenset(f for c in clusters - lex.topics for f in lex.frames.get(c, ())) or _NONE
        weight = (0.3 if stem in lex.common else 1.0) * (vocabulary.scale(stem) if vocabulary else 1.0)
        if stem in seen:  # one unit per stem: a repeated word is not more evidence
            prev = units[seen[stem]]
            if prev.sign != sign and sign < 0:
                prev.sign = sign
            continue
        seen[stem] = len(units)
        name = i in names and not clusters
        predicate = bool(clusters - lex.topics)
        polar = 1.0 if predicate or (i in focus and not name) else 0.1 if name else 0.6
        units.append(Unit(sys.intern(stem), sys.intern(tok.text), clusters, frames, sign, weight, polar, i in focus and not name))
    return units


def _negation_focus(toks: list[Tok], lex) -> set[int]:
    """The first content word after each negation: what "not" is about ("aren't *sending* troops")."""
    out: set[int] = set()
    skip = lex.stopwords | lex.negation | lex.deny | {"not", "ever", "yet", "even", "all", "any", "at"}
    awaiting = False
    clause = -1
    for i, tok in enumerate(toks):
        if tok.clause != clause:
            clause, awaiting = tok.clause, False
        if tok.low in lex.negation or tok.low in lex.deny or tok.low == "not":
            awaiting = True
            continue
        if not awaiting or not tok.neg or tok.low in skip or tok.stem in lex.common or tok.low in lex.common:
            continue
        out.add(i)
        awaiting = False
    return out


def _name_positions(toks: list[Tok], lex) -> set[int]:
    """Capitalised words that are names: inside a sentence, or opening a run of capitals ("Macaulay Culkin")."""
    out: set[int] = set()
    for i, tok in enumerate(toks):
        if not tok.cap or tok.low in lex.stopwords:
            continue
        if i > 0 or (i + 1 < len(toks) and toks[i + 1].cap and toks[i + 1].low not in lex.stopwords):
            out.add(i)
    return out


def _phrasal(toks: list[Tok], i: int, lex) -> tuple[str, frozenset[str]] | None:
    """A phrasal verb's own stem and cluster: "talked Maduro out of leaving" is *persuade*."""
    for j in range(i + 1, min(len(toks), i + 6)):
        if toks[j].clause != toks[i].clause:
            break
        cluster = lex.phrasal.get((toks[i].stem, toks[j].low))
        if cluster:
            return f"{toks[i].stem}_{toks[j].low}", frozenset({cluster})
    return None


def _dedupe(anchors: list[Anchor]) -> list[Anchor]:
    out: dict[tuple[str, bool], Anchor] = {}
    for a in anchors:
        out.setdefault((a.name, a.speaker), a)
    return list(out.values())


def _refutation(toks: list[Tok], lex) -> str | None:
    """A word or phrase calling the claim false: "hoax", "debunked", a headline's "No, …", an emphatic "NOT"."""
    lows = [t.low for t in toks]
    if lows and lows[0] in ("no", "nope") and len(toks) > 1 and toks[0].text[:1].isupper():
        return toks[0].text
    for t in toks:
        if t.low in lex.refute:
            return t.low
        if "-" in t.low and any(part in lex.refute for part in t.low.split("-")):
            return next(part for part in t.low.split("-") if part in lex.refute)
        if t.text in ("NOT", "NO", "NEVER", "ISN'T", "ISN’T", "DIDN'T", "DIDN’T"):
            return t.text
    phrase = has_phrase(lows, lex.refute_phrases)
    return " ".join(phrase) if phrase else None


_QUESTION_START = frozenset("did does do is are was were has have can could will would should who what why how".split())


_COPULA = frozenset("is are was were be been being as called calls call dismissed labelled labeled branded".split())


def _predicative_refutation(toks: list[Tok], lex) -> str | None:
    """A refutation word said of the content itself: "… is a hoax", "Fake: …", "false, he said".

    An attributive use ("the fake site", "false starting") refutes nothing.
    """
    for i, t in enumerate(toks):
        if t.low not in lex.refute:
            continue
        before = [x.low for x in toks[max(0, i - 3) : i] if x.clause == t.clause]
        opening = i == 0 or toks[i - 1].clause != t.clause
        closing = i + 1 == len(toks) or toks[i + 1].clause != t.clause
        if opening and not closing and i + 1 < len(toks) and toks[i + 1].low not in lex.stopwords and toks[i + 1].clause == t.clause:
            continue  # "Fake site": an adjective before its noun
        if opening or closing or any(w in _COPULA for w in before):
            return t.low
    return None


def _hedges(content: str, lows: list[str], lex) -> frozenset[str]:
    """Markers that report a claim without vouching for it: hedge words and phrases, a question mark."""
    found = {w for w in lows if w in lex.hedge}
    phrase = has_phrase(lows, lex.hedge_phrases)
    if phrase:
        found.add(" ".join(phrase))
    if "?" in content:
        found.add("?")
    return frozenset(found) or _NONE


def _is_question(st: Statement, lows: list[str]) -> bool:
    """Questions assert nothing: "she asked if he had warned Putin"."""
    if st.cue is not None and (st.cue.cls == "ask" or fold(st.cue.text) in _QUESTION_CUES):
        return True
    if st.content.rstrip(" \"'”’").endswith("?"):
        return True
    return bool(lows) and lows[0] in ("if", "whether") and st.kind != "direct"
