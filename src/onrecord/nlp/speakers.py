"""Who each speaker mention is, within one document.

The attribution stage records the mention in the attributing clause ("he",
"The Russian leader", "Putin’s").  A reader wants the person: here every mention is
resolved to a canonical name (titles stripped and kept as roles), organisations and
seats of government stay organisations with the country they stand for, groups
become their members, and pronouns and descriptors find their antecedent.

The document's people are gathered from three places, because the small English
model misses or mislabels many names: entity recognition, the mentions themselves,
and a pass over the raw text for the fullest form of each surname (a photo caption
is often the only place "Vladimir Putin" is spelled out).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Entity, Speaker, Statement
from .cues import CUE_FORMS
from .docview import ensure_extensions, text_of

PRONOUNS_PERSON = frozenset("he she him her his hers i me we us".split())
PRONOUNS_GROUP = frozenset("they them their".split())
PRONOUN_IT = frozenset("it its".split())
DETERMINERS = frozenset("the a an this that these those his her their its our my your".split())
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
POSSESSIVE_INSIDE = re.compile(r"\w['’]s\b")
_NAME_PIECE = re.compile(r"[A-Z][\w\-’'.]*|de|da|van|von|der|bin|al|la|le|del|di")


@dataclass(frozen=True)
class Tables:
    country_of: dict[str, str]
    adjectives: dict[str, str]
    capitals: dict[str, str]
    seats: dict[str, tuple[str, str]]
    titles: frozenset[str]
    role_nouns: frozenset[str]
    role_synonyms: dict[str, list[str]]
    person_nouns: frozenset[str]
    female: frozenset[str]
    male: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    org_words: frozenset[str]
    org_types: dict[str, tuple[str, ...]]
    owned_org_heads: frozenset[str]
    epithets: frozenset[str]
    office_words: frozenset[str]


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The lookup tables in ``data/speakers.json``, loaded once."""
    raw = json.loads(resources.files(__package__).joinpath("data/speakers.json").read_text("utf-8"))
    country_of = {alias.lower(): name for name, aliases in raw["countries"].items() for alias in aliases}
    return Tables(
        country_of=country_of,
        adjectives=raw["adjectives"],
        capitals=raw["capitals"],
        seats={k: (v[0], v[1]) for k, v in raw["seats"].items()},
        titles=frozenset(t.lower() for t in raw["titles"]),
        role_nouns=frozenset(raw["role_nouns"]),
        role_synonyms=raw["role_synonyms"],
        person_nouns=frozenset(raw["person_nouns"]),
        female=frozenset(w.lower() for w in raw["female_words"] + raw["female_names"]),
        male=frozenset(w.lower() for w in raw["male_words"] + raw["male_names"]),
        female_words=frozenset(w.lower() for w in raw["female_words"]),
        male_words=frozenset(w.lower() for w in raw["male_words"]),
        org_words=frozenset(raw["org_words"]),
        org_types={head: tuple(kinds) for head, kinds in raw["org_types"].items()},
        owned_org_heads=frozenset(raw["owned_org_heads"]),
        epithets=frozenset(raw["epithets"]),
        office_words=frozenset(raw["office_words"]),
    )


@dataclass
class Person:
    """A person known in this document: the fullest name seen, roles, where mentioned."""

    name: str
    roles: list[str] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)
    gender: str | None = None
    gender_sure: bool = False  # from a title or role word ("Mrs.", "widow"), not guessed from a given name

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


class Registry:
    """The people and organisations of one document, keyed by surname and name."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.orgs: dict[str, Entity] = {}

    def person(self, name: str, position: int, role: str | None = None, alias: str | None = None) -> Person:
        name = _strip_sentence_opener(clean_name(name))
        surname = name.split()[-1]
        hint = _gender_beside(name, role, alias)
        known = self._by_surname(surname, name, hint)
        if known is None:
            if name in self.people and role:
                name = f"{role} {name}"  # "Mrs. Obama" beside a "Mr. Obama" whose given name is unknown
            known = self.people.setdefault(name, Person(name=name))
        elif len(name.split()) > len(known.name.split()) and name.endswith(known.name.split()[-1]):
            self.people.pop(known.name, None)
            known.aliases.add(known.name)
            known.name = name
            self.people[name] = known
        self.note(known, role, alias)
        known.positions.append(position)
        if known.gender is None:
            known.gender = _gender_of_name(known.name)
        return known

    def note(self, person: Person, role: str | None, alias: str | None) -> None:
        """Record a role and an alias of a known person, and the gender its words give."""
        hint = _gender_beside(person.name, role, alias)
        role = clean_role(role)
        if role and role not in person.roles:
            person.roles.append(role)
        if alias:
            person.aliases.add(alias)
        if hint is not None and not person.gender_sure:
            person.gender, person.gender_sure = hint, True

    def _by_surname(self, surname: str, name: str, gender: str | None = None) -> Person | None:
        """The person a name is, if already known: the same surname, no other given name, and
        no other known gender ("Mrs. Obama" is not "Mr. Obama", nor is Michelle). A bare
        surname joins the most mentioned of the people it fits."""
        first = _first_name(name)
        wanted = gender or (_gender_of_name(name) if first else None)
        fits = []
        for person in self.people.values():
            if person.surname != surname:
                continue
            if first and _first_name(person.name):
                if not _given_names_agree(first, person.name):
                    continue
                return person  # the same given name: the same person, whatever a title says
            if wanted and person.gender and person.gender != wanted:
                continue
            fits.append(person)
        return max(fits, key=lambda p: len(p.positions)) if fits else None

    def find(self, name: str, gender: str | None = None) -> Person | None:
        """The person a name or bare surname stands for, the most mentioned if several. A known
        given name ("Bill Clinton") or gender ("Mrs. Obama") rules out the others; a capitalised
        word before a name ("Rival Hillary Clinton") is no given name."""
        surname = name.split()[-1]
        first = _first_name(name)
        t = tables()
        given = first if first and first.lower() in t.male | t.female else None
        matches = [
            p for p in self.people.values()
            if (p.surname == surname or surname in p.name.split())
            and (gender is None or p.gender in (None, gender))
            and not (given and _first_name(p.name) and not _given_names_agree(given, p.name))
        ]
        return matches[0] if len(matches) == 1 else (max(matches, key=lambda p: len(p.positions)) if matches else None)

    def org(self, name: str, type_: str, country: str | None, alias: str) -> Entity:
        entity = self.orgs.get(name)
        if entity is None:
            entity = self.orgs[name] = Entity(name=name, type=type_, country=country)  # type: ignore[arg-type]
        if alias not in entity.aliases:
            entity.aliases.append(alias)
        return entity

    def entities(self) -> list[Entity]:
        out = [
            Entity(name=p.name, type="PERSON", aliases=sorted(p.aliases - {p.name}), roles=list(p.roles))
            for p in self.people.values()
        ]
        return out + list(self.orgs.values())


def _first_name(name: str) -> str | None:
    """The given name, if any: "De Blasio" opening a sentence has none, its "De" is a particle."""
    words = name.split()
    if len(words) < 2 or (len(words) == 2 and re.fullmatch(_PARTICLE, words[0].lower())):
        return None
    if words[0].lower() in _HONORIFICS:
        return None  # "Mr. King" names no one's given name
    return words[0]


def _given_names_agree(first: str, name: str) -> bool:
    """Whether a given name fits a known name's: the same, or its initial ("J." for John)."""
    other = _first_name(name)
    return other is None or first == other or other.startswith(first[0] + ".")


def _gender_beside(name: str, role: str | None, alias: str | None) -> str | None:
    """The gender the words written with a name give: its title or role ("Mrs.", "9/11 widow",
    "a campaign spokeswoman"), not the name itself, whose given name may mislead (Terry)."""
    words = (role or "").replace(",", " ").split() + [w for w in name.split() if w.lower() in _HONORIFICS]
    if alias and name.split()[0] in alias.split():
        words += alias.split()[: alias.split().index(name.split()[0])]
    return _gender_of_words(words)


def _gender_of_words(words: list[str]) -> str | None:
    """"f" or "m" when the words hold gendered words ("Mrs.", "widow", "spokesman") of one gender only."""
    t = tables()
    lowered = {w.lower().strip(",.'’") for w in words} | {w.lower().strip(",'’") for w in words}
    female, male = bool(lowered & t.female_words), bool(lowered & t.male_words)
    if female != male:
        return "f" if female else "m"
    return None


def _gender_of_name(name: str) -> str | None:
    first = name.split()[0].lower()
    t = tables()
    if first in t.female and first not in t.male:
        return "f"
    if first in t.male and first not in t.female:
        return "m"
    return None


# --------------------------------------------------------------------------- names


def _is_title(word: str) -> bool:
    return word.lower().strip(",") in tables().titles or word.lower() in tables().adjectives or word in tables().adjectives


def _name_word_at(words: list[str], i: int) -> bool:
    """A capitalised non-title word, or a particle inside a name ("Bill de Blasio")."""
    word = words[i]
    if word[:1].isupper():
        return not _is_title(word)
    return 0 < i < len(words) - 1 and re.fullmatch(_PARTICLE, word) is not None and words[i - 1][:1].isupper()


def split_title(words: list[str]) -> tuple[str | None, str]:
    """"Russian President Vladimir Putin" → ("Russian President", "Vladimir Putin")."""
    i = len(words)
    while i > 0 and _name_word_at(words, i - 1) and len(words) - i < 4:
        i -= 1
    if i == len(words):  # no name at the end: all of it is the name as written
        return None, " ".join(words)
    role = " ".join(words[:i]).strip(" ,") or None
    return role, " ".join(words[i:])


def _clean(text: str) -> str:
    text = POSSESSIVE.sub("", text.strip())
    words = text.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    cleaned = " ".join(words).strip(" ,")
    if cleaned.endswith(".") and not re.search(r"(?:^|\s|\.)[A-Z]\.$", cleaned):
        cleaned = cleaned[:-1]
    return cleaned


_NAME_WORD = r"(?:[A-Z](?![A-Z]{2})[\w\-’']*|[A-Z]\.|U\.S\.|U\.K\.|U\.N\.)"
_PARTICLE = r"(?:de|da|van|von|der|del|di|la|le|al|bin)"
_NAME_TAIL = re.compile(r"\s*(?:,|\(|—|–| - ).*$")


_LEADING_NOISE = frozenset("and but now as then while when after with by so yet also new".split())
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady".split())


def clean_role(role: str | None) -> str | None:
    """A role worth keeping: it names an office ("Home Secretary"), not "And" or a headline's words."""
    if not role:
        return None
    words = role.replace(",", " ").split()
    while words and words[0].lower() in _LEADING_NOISE:
        words = words[1:]
    t = tables()
    lowered = [w.lower().strip(".'’") for w in words]
    if not lowered or all(w in _HONORIFICS for w in lowered):
        return None
    if not any(w in t.role_nouns or w in _PERSON_TITLES or w in t.titles for w in lowered if w not in _HONORIFICS):
        return None
    if any(w in CUE_FORMS for w in lowered):
        return None
    return " ".join(words)


_SENTENCE_OPENERS = frozenset(
    """although though if either neither did does in on at for of from to because since before until unless
    whether once only even when while after but and or so yet as then also like""".split()
)


def _strip_sentence_opener(name: str) -> str:
    """"Although Scott", "If Kaine": a capitalised word that opens the sentence is no part of the name."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _SENTENCE_OPENERS:
        words = words[1:]
    return " ".join(words)


def clean_name(name: str) -> str:
    """"Rendell, a Clinton surrogate" → "Rendell"; "Stephen Lynch (D-Mass" → "Stephen Lynch"."""
    cleaned = _NAME_TAIL.sub("", name).strip()
    return cleaned or name


_FUNCTION_WORDS = frozenset("with against on of for to and the from at in as by into over up".split())


def _plausible_name(name: str) -> bool:
    """No function word ("Clinton Breaks With Obama", "Justice Against Sponsors") and no
    organisation's last word ("Yahoo News") inside: a person's name, not a phrase's."""
    words = name.split()
    if any(w.lower() in _FUNCTION_WORDS for w in words[1:]):
        return False
    return words[-1] not in tables().org_words


@lru_cache(maxsize=4)
def _headlines(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of lines in title case ("Gold Star Mom Corners Obama On His Refusal"),
    where a run of capitalised words is no sign of a name."""
    spans = []
    start = 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[^\W\d][\w’'\-]*", line) if w.lower() not in _FUNCTION_WORDS | {"a", "an"}]
        if len(words) >= 3 and len(line) < 200 and sum(w[0].isupper() for w in words) >= 0.9 * len(words):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return tuple(spans)


def _in_headline(text: str, position: int) -> bool:
    return any(start <= position < end for start, end in _headlines(text))


def _named_in_body(text: str, name: str) -> bool:
    """Whether a name is written somewhere outside the title-case lines, or is a known given
    name and a surname ("Hillary Clinton Goes After…" names her; "Derelict Obama" names no one)."""
    t = tables()
    if len(name.split()) == 2 and name.split()[0].lower() in t.male | t.female:
        return True
    at = text.find(name)
    while at != -1:
        if not _in_headline(text, at):
            return True
        at = text.find(name, at + 1)
    return False


@lru_cache(maxsize=1024)
def _surname_pattern(surname: str) -> re.Pattern[str]:
    """Capitalised words before a surname, compiled once per surname."""
    return re.compile(rf"((?:{_NAME_WORD} ){{1,6}}(?:{_PARTICLE} )?){re.escape(surname)}\b")


def _fullest_forms(text: str, surname: str) -> list[tuple[str | None, str]]:
    """(role, name) for each spelled-out occurrence of a surname in the raw text; one in a
    headline counts only if the body spells it too ("Derelict Obama" is no one's name)."""
    out = []
    for m in _surname_pattern(surname).finditer(text):
        words = m.group(1).split() + [surname]
        while words and words[0].lower() in CUE_FORMS:
            words = words[1:]
        role, name = split_title(words)
        name_words = name.split()
        if len(name_words) >= 2 and not any(w.lower() in CUE_FORMS for w in name_words):
            if _in_headline(text, m.start()) and not _named_in_body(text, name):
                continue
            out.append((role, name))
    return out


_LOWER_ROLE = r"(?:nominee|candidate|leader|president|minister|secretary|spokesman|spokeswoman|adviser|chief|senator|governor|mayor|chairman)"
_ABBREVIATED_TITLE = r"(?:Gov|Sen|Rep|Lt|Gen|Mr|Mrs|Ms|Dr|Atty)\."
_TITLED = re.compile(
    rf"(?<![\w.])((?:(?:{_NAME_WORD}|{_LOWER_ROLE}|{_ABBREVIATED_TITLE}) ){{1,6}}{_NAME_WORD})(?![\w’'])"
)


def _titled_names(text: str) -> list[tuple[str, str]]:
    """(role, name) for "French President Marie Delorme" anywhere in the raw text.

    Only runs of capitalised words that hold a title word followed by at least two
    name words count, so headlines in title case do not make people of phrases.
    """
    found = []
    for m in _TITLED.finditer(text):
        words = m.group(1).split()
        role, name = split_title(words)
        name = POSSESSIVE.sub("", name)
        if not role or len(name.split()) < 2 or not any(w.lower() in _PERSON_TITLES for w in role.split()):
            continue
        if any(w.lower() in CUE_FORMS for w in name.split()):
            continue
        if any(POSSESSIVE.search(w) for w in name.split()[:-1]):
            continue  # "Mr. Trump's RT": the owner's name, then what he owns
        if not _plausible_name(name) or _in_headline(text, m.start()) and not _named_in_body(text, name):
            continue
        found.append((role, name))
    return found


_PERSON_TITLES = frozenset(
    """president minister secretary chancellor senator sen. rep. representative governor gov. mayor judge
    justice general gen. admiral colonel captain lieutenant mr mr. mrs mrs. ms ms. dr dr. professor prof.
    sir dame lord lady king queen prince princess pope reverend bishop ambassador director commissioner
    speaker leader chairman chairwoman chief spokesman spokeswoman adviser advisor coach premier nominee
    candidate""".split()
)


def _appositive_roles(text: str) -> list[tuple[str, str]]:
    """(role, name) from "the national security adviser, John Bolton," and "Bolton, the adviser,"."""
    roles = "|".join(sorted(tables().role_nouns, key=len, reverse=True))
    name = r"([A-Z][\w\-’']+(?: [A-Z][\w\-’']+){1,3})"
    before = re.compile(rf"\b(?:[Tt]he|[Aa]) ((?:[\w.’'\-]+ ){{0,6}}(?:{roles}))s?, {name}")
    after = re.compile(rf"{name}, (?:the|a|an) ((?:[\w.’'\-]+ ){{0,6}}(?:{roles}))\b(?![’']s)")  # not "the nominee's daughter"
    found = [(m.group(1), m.group(2)) for m in before.finditer(text)]
    found += [(m.group(2), m.group(1)) for m in after.finditer(text)]
    return [(role, name) for role, name in found if not _is_time_or_opener(name)]


_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


def _is_time_or_opener(name: str) -> bool:
    """"In June, the senator said": a fronted adverbial before the comma, not a name."""
    words = name.lower().split()
    return words[0] in _SENTENCE_OPENERS or any(w in _CALENDAR for w in words)


def build_registry(doc: Doc) -> Registry:
    """People from entity recognition, completed from the raw text."""
    registry = Registry()
    text = text_of(doc)
    found: list[tuple[str, int, str | None, str]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        words = _clean(text[ent.start_char : ent.end_char]).split()
        if not words or not all(_NAME_PIECE.fullmatch(w) for w in words):
            continue
        if any(len(w) > 3 and w.isupper() for w in words):
            continue  # a section heading ("THE BORROWING Back when…"), not a name
        if any(w.lower() in CUE_FORMS for w in words):
            continue
        if _in_headline(text, ent.start_char) and not _named_in_body(text, " ".join(words)):
            continue
        if ent.start > 0 and doc[ent.start - 1].lower_ in _HONORIFICS:
            words = [doc[ent.start - 1].text] + words  # "Mr." outside the entity still tells who
        role, name = split_title(words)
        if name[:1].isupper() and _plausible_name(name):
            found.append((name, ent.start_char, role, " ".join(words)))
    # names that tell who they are ("Michelle Obama", "Mr. Obama") before bare surnames, which
    # would otherwise join whichever Obama came first
    found.sort(key=lambda f: _first_name(f[0]) is None and _gender_beside(f[0], f[2], f[3]) is None)
    for name, start, role, alias in found:
        registry.person(name, start, role, alias=alias)
    for person in list(registry.people.values()):
        _complete_from_text(registry, text, person.surname)
    for role, name in _titled_names(text):
        registry.person(name, text.find(name), role, alias=name)
    for role, name in _appositive_roles(text):
        registry.person(name, text.find(name), role, alias=name)
    return registry


def _complete_from_text(registry: Registry, text: str, surname: str, sure_only: bool = False) -> None:
    """Register each spelled-out form of a surname ("Gov. Terry McAuliffe").

    For a surname the parse did not know as a person (``sure_only``), only forms that
    are surely a person's count: a title or a known given name, not "Some Democrats".
    """
    t = tables()
    for role, name in _fullest_forms(text, surname):
        if sure_only and clean_role(role) is None and name.split()[0].lower() not in t.male | t.female:
            continue
        if name.split()[-1] == surname and all(w[:1].isupper() or re.fullmatch(_PARTICLE, w) for w in name.split()):
            registry.person(name, text.find(name), role, alias=name)


# --------------------------------------------------------------------------- resolution


@dataclass
class Context:
    """What resolution of the next mention may draw on."""

    registry: Registry
    previous: list[Speaker] = field(default_factory=list)
    doc: Doc | None = None


def resolve_speakers(doc: Doc, statements: list[Statement]) -> list[Entity]:
    """Fill each statement's speaker; return the document's entities."""
    registry = build_registry(doc)
    ctx = Context(registry=registry, doc=doc)
    for st in sorted(statements, key=lambda s: s.start):
        if st.speaker is None:
            continue  # continuation quotes arrive with the earlier speaker's mention already
        _resolve(doc, st.speaker, ctx)
        ctx.previous.append(st.speaker)
    return registry.entities()


RELATIVE = frozenset("who which that whom".split())
_PAIRS = frozenset(["the two", "both", "the pair", "the couple", "the two men", "the two women"])


def _antecedent(doc: Doc, span: Span | None) -> Span | None:
    """"Russia, which has denied…": the noun phrase a relative pronoun stands for."""
    if span is None or len(span) != 1 or span[0].lower_ not in RELATIVE:
        return None
    verb = span[0].head
    if verb.dep_ != "relcl":
        return None
    noun = verb.head
    keep = [t for t in noun.subtree if t.i <= noun.i or t.dep_ in ("compound", "appos", "flat")]
    keep = [t for t in keep if t.i not in {x.i for x in verb.subtree}]
    if not keep:
        return None
    start = min(t.i for t in keep)
    while start < noun.i and doc[start].is_punct:
        start += 1
    return doc[start : noun.i + 1]


def _resolve(doc: Doc, speaker: Speaker, ctx: Context) -> None:
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    antecedent = _antecedent(doc, span)
    if antecedent is not None:
        stand_in = Speaker(mention=text_of(doc)[antecedent.start_char : antecedent.end_char],
                           start=antecedent.start_char, end=antecedent.end_char)
        _resolve(doc, stand_in, ctx)
        _copy(speaker, stand_in)
        return
    # a possessive pronoun ("his remarks", "its report") is also a determiner, which
    # _clean would strip to nothing: test for a pronoun first
    bare = POSSESSIVE.sub("", speaker.mention.strip()).lower()
    if bare in PRONOUNS_PERSON or bare in PRONOUNS_GROUP or bare in PRONOUN_IT:
        _resolve_pronoun(speaker, bare, ctx)
        return
    if bare in _PAIRS:
        pair = _plural_subject(speaker, ctx)  # "Mr. Obama and Mrs. Clinton … the two learned"
        if pair is not None and pair.type == "GROUP":
            _copy(speaker, pair)
            return
    mention = _clean(speaker.mention)
    if _resolve_place(speaker, mention):
        return
    members = _group_members(span, mention)
    if len(members) > 1 and not _one_described_twice(members):
        resolved = [_resolve_name_piece(doc, m, speaker.start, ctx) for m in members]
        resolved = [r for r in resolved if r.name and r.type in ("PERSON", "ORG", "GPE")]
        names = [r.name for r in resolved]
        if names:
            speaker.type = "GROUP" if len(names) > 1 else resolved[0].type
            speaker.members = names if len(names) > 1 else []
            speaker.name = " and ".join(names) if len(names) > 1 else names[0]
            speaker.country = resolved[0].country if len(names) == 1 else None
            return
    piece = _resolve_name_piece(doc, mention, speaker.start, ctx, span)
    speaker.type, speaker.name, speaker.role, speaker.country = piece.type, piece.name, piece.role, piece.country
    speaker.members = list(piece.members)


@dataclass
class _Piece:
    type: str = "OTHER"
    name: str | None = None
    role: str | None = None
    country: str | None = None
    members: list[str] = field(default_factory=list)


def _resolve_name_piece(doc: Doc, mention: str, position: int, ctx: Context, span: Span | None = None) -> _Piece:
    t = tables()
    probe = Speaker(mention=mention, start=position, end=position)
    if _resolve_place(probe, mention):
        return _Piece(probe.type, probe.name, None, probe.country)
    words = _named_piece(mention).split()
    bracket = next((i for i, w in enumerate(words) if w.startswith("(")), len(words))
    words = words[:bracket] if bracket > 0 else words  # "Rep. Stephen Lynch (D-Mass.)": the party tag is no part of the name
    while len(words) > 1 and words[-1].endswith(")"):
        words = words[:-1]
    if not words:
        return _Piece()
    owner, place = _split_of(words)
    if owner and owner[-1] in t.org_words:  # "the Association of Flight Attendants"
        name = " ".join(words[next(i for i, w in enumerate(words) if w[:1].isupper()):])
        entity = ctx.registry.org(name, "ORG", _country_in(words), mention)
        return _Piece("ORG", entity.name, None, entity.country)
    if len(owner) > 1 and _looks_like_name(owner, None):  # "Rep. Elijah Cummings of Maryland", "Mr. Morgan of the Sierra Club"
        return _resolve_name_piece(doc, " ".join(owner), position, ctx)
    if _looks_like_name(words, span):
        role, name = split_title(words)
        if role and any(w.lower() in CUE_FORMS for w in role.split()):
            role = None  # a title-case headline parsed as one long name: "Leader Rejects Mayor"
        if _names_an_organisation(role, name):
            entity = ctx.registry.org(name, "ORG", _country_in(words), mention)
            return _Piece("ORG", entity.name, role, entity.country)
        text = text_of(doc)
        if not _plausible_name(name) or (_in_headline(text, position) and not _named_in_body(text, name)):
            person = ctx.registry.find(name.split()[-1])  # "Derelict Obama" in a headline is Obama, if anyone
            return _Piece("PERSON", person.name, None) if person is not None else _Piece("OTHER", mention)
        person = ctx.registry.find(name, _gender_beside(name, role, mention))
        if person is not None and (len(name.split()) == 1 or name.split()[-1] == person.surname):
            ctx.registry.note(person, role, mention)
            return _Piece("PERSON", person.name, clean_role(role))
        if len(name.split()) >= 1 and name[:1].isupper():
            person = ctx.registry.person(name, position, role, alias=mention)
            named_otherwise = span is not None and any(t.ent_type_ in ("NORP", "ORG", "GPE") for t in span)
            if _first_name(person.name) is None and not named_otherwise:
                _complete_from_text(ctx.registry, text_of(doc), person.surname, sure_only=True)  # "Gov. Terry McAuliffe" is in the text
            return _Piece("PERSON", person.name, role)
    head = words[-1].lower()
    plural = head.endswith("s") and head[:-1] in t.role_nouns
    if head in t.role_nouns or plural or head in t.epithets:
        found = _resolve_descriptor(words, plural, position, ctx)
        if found is not None:
            return found
    definite = text_of(doc)[position : position + 4].lower() == "the "
    if (head in t.org_types or head in t.owned_org_heads) and definite and words[0][:1].islower():
        named = _organisation_meant(head, position, ctx)  # "the union": the Association of Flight Attendants
        if named is not None:
            entity = ctx.registry.org(named, "ORG", None, mention)
            return _Piece("ORG", entity.name, None, entity.country)
    if _people_somewhere(words):
        return _Piece("OTHER", " ".join(words))
    org = _organisation(words, span)
    if org is not None:
        country = _country_in(words)
        entity = ctx.registry.org(org, "ORG", country, mention)
        return _Piece("ORG", entity.name, None, country)
    if head in t.person_nouns or (head.endswith("s") and head[:-1] in t.person_nouns):
        return _Piece("OTHER", head if not head.endswith("s") or head[:-1] not in t.person_nouns else head[:-1])
    return _Piece("OTHER", mention or None)


def _organisation_meant(head: str, position: int, ctx: Context) -> str | None:
    """The organisation a definite "the <head>" stands for, named before it: for "the
    campaign" the campaign of the owner last mentioned; else the nearest name holding the
    head or a word org_types gives for it ("the fund": the International Monetary Fund);
    else an organisation named in the sentence before."""
    if ctx.doc is None:
        return None
    text = text_of(ctx.doc)
    t = tables()
    if head in t.owned_org_heads:
        return _owner_organisation(head, text, position)
    kinds = t.org_types.get(head, ()) + (head.capitalize(),)
    last = None
    for last in _kind_pattern(kinds).finditer(text, 0, position):
        pass
    if last is not None:
        return _known_organisation(_name_around(text, last.start(), last.end()), ctx)
    return _organisation_just_named(position, ctx)


@lru_cache(maxsize=128)
def _kind_pattern(kinds: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words, whole, as written (capitalised words are names' words)."""
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True)) + r")(?![\w])")


_CAPITALISED = re.compile(r"[A-Z][\w.&’'\-]*")
_NAME_LINKS = frozenset("of for on and &".split())


def _name_around(text: str, start: int, end: int) -> str:
    """The capitalised run holding text[start:end]: "Association of Flight Attendants" around
    "Association", "Washington Post" around "Post"; a leading "The" and a possessive dropped."""
    left = text[max(0, start - 150) : start].split(" ")[:-1] if text[start - 1 : start] == " " else []
    right = text[end : end + 150].split(" ")[1:] if text[end : end + 1] == " " else []
    taken_left: list[str] = []
    while left and (_CAPITALISED.fullmatch(left[-1]) or left[-1] in _NAME_LINKS and len(left) > 1 and _CAPITALISED.fullmatch(left[-2])):
        taken_left.insert(0, left.pop())
    taken_right: list[str] = []
    for i, word in enumerate(right):
        if _CAPITALISED.fullmatch(word) or word in _NAME_LINKS and i + 1 < len(right) and _CAPITALISED.fullmatch(right[i + 1]):
            taken_right.append(word)
        else:
            break
    words = taken_left + [text[start:end]] + taken_right
    while words and words[0] in ("The", "the", "A", "An"):
        words = words[1:]
    return POSSESSIVE.sub("", " ".join(words))


def _owner_organisation(head: str, text: str, position: int) -> str | None:
    """"the campaign" → "Clinton campaign": of the owners the text names with the head ("the
    Clinton campaign", "Trump’s presidential campaign"), the one mentioned last before."""
    owners = {
        m.group(1)
        for m in re.finditer(rf"\b([A-Z][\w\-]+)(?:['’]s)? (?:[a-z]+ )?{head}\b", text)
        if m.group(1).lower() not in DETERMINERS | _FUNCTION_WORDS | _SENTENCE_OPENERS
    }
    best, at = None, -1
    for owner in owners:
        for m in _word_pattern(owner).finditer(text, 0, position):
            if m.start() > at:
                best, at = owner, m.start()
    return f"{best} {head}" if best else None


def _known_organisation(name: str, ctx: Context) -> str:
    """The registry's name for an organisation already met under this name or alias."""
    for entity in ctx.registry.orgs.values():
        if name == entity.name or name in entity.aliases:
            return entity.name
    return name


def _organisation_just_named(position: int, ctx: Context) -> str | None:
    """The last organisation the parse found in the sentence before the mention or its own."""
    token = _token_at(ctx.doc, position) if ctx.doc is not None else None
    if token is None:
        return None
    start = ctx.doc[token.sent.start - 1].sent.start if token.sent.start > 0 else token.sent.start
    begin = ctx.doc[start].idx
    found = [e for e in ctx.doc.ents if e.label_ == "ORG" and begin <= e.start_char and e.end_char <= position]
    return _known_organisation(_clean(found[-1].text), ctx) if found else None


def _split_of(words: list[str]) -> tuple[list[str], list[str]]:
    """"Commission on Presidential Debates" → (["Commission"], ["Presidential", "Debates"]);
    "Rep. Elijah Cummings of Maryland" → (["Rep.", "Elijah", "Cummings"], ["Maryland"]): the
    capitalised words on each side of the last "of", "on" or "for" between them, if any."""
    for i in range(len(words) - 2, 0, -1):
        if words[i] in ("of", "on", "for") and words[i - 1][:1].isupper():
            rest = words[i + 1 :]
            rest = rest[1:] if rest and rest[0] == "the" else rest
            if rest and all(w[:1].isupper() for w in rest):
                start = i - 1
                while start > 0 and words[start - 1][:1].isupper():
                    start -= 1
                return words[start:i], rest
            return [], []
    return [], []


def _names_an_organisation(role: str | None, name: str) -> bool:
    """"The residents' group, Clean Calder", a lone "Ministry" or "Yahoo News": an organisation's name."""
    if role and role.split()[-1].strip(",").lower() in _ORG_HEADS:
        return True
    if name.split()[-1] in tables().org_words:
        return True
    return len(name.split()) == 1 and name.lower() in _ORG_HEADS


def _named_piece(mention: str) -> str:
    """Of "Ed Rendell, a campaign surrogate" or "The leader of the union, Tomas Brandt",
    the comma-separated piece that ends in a name."""
    pieces = [p.strip() for p in mention.split(",") if p.strip()]
    if len(pieces) < 2:
        return mention
    named = [p for p in pieces if p.split()[-1][:1].isupper() and not _is_title(p.split()[-1])]
    return named[0] if named else mention


PLACE_PREPOSITIONS = frozenset("in at from near inside outside across".split())


def _people_somewhere(words: list[str]) -> bool:
    """"Doctors in Athens", "political observers in Virginia": unnamed people and where they are."""
    t = tables()
    at = next((i for i, w in enumerate(words) if w in PLACE_PREPOSITIONS), None)
    if not at:
        return False
    head = words[at - 1].lower()
    return any(h in t.person_nouns or h in t.role_nouns for h in (head, head[:-1] if head.endswith("s") else head))


def _looks_like_name(words: list[str], span: Span | None) -> bool:
    """Capitalised words after any title, the last not a role noun ("the Russian leader" is not).
    A name ends the phrase: "Obama’s veto" and "the Obama administration" hold one, are none."""
    plain = not any(c in w for w in words for c in ",()")  # no appositive after the name
    if plain and words[-1][:1].islower() and not re.fullmatch(_PARTICLE, words[-1]):
        return False
    if span is not None and any(t.ent_type_ == "PERSON" for t in span):
        return True
    role, name = split_title(words)
    name_words = name.split()
    if not name_words or not all(w[:1].isupper() for w in name_words):
        return False
    if role and role.split()[-1] in PLACE_PREPOSITIONS:
        return False  # "Doctors in Athens", "officials at Boeing": the name is where they are
    if name_words[-1].lower() in tables().role_nouns or name_words[-1].lower() in tables().person_nouns:
        return False
    if span is not None and any(t.ent_type_ in ("ORG", "GPE", "NORP", "FAC") for t in span) and not role:
        return any(t.ent_type_ == "PERSON" for t in span) or _surname_known(name_words, span)
    return True


def _surname_known(words: list[str], span: Span) -> bool:
    """The small model often tags a surname (Maduro) as ORG; the text's names decide."""
    text = text_of(span.doc)
    return bool(_fullest_forms(text, words[-1]))


def _organisation(words: list[str], span: Span | None) -> str | None:
    """An organisation's name, if the words are one. An owner's ("Donald Trump’s campaign") is
    named as written elsewhere, "Trump campaign"; what an owner has ("Obama’s veto") is none."""
    owner = next((i for i, w in enumerate(words[:-1]) if POSSESSIVE.search(w) and w[:1].isupper()), None)
    if owner is not None:
        if words[-1].lower() not in _ORG_HEADS:
            return None
        return f"{POSSESSIVE.sub('', words[owner])} {words[-1]}"
    if span is not None and any(t.ent_type_ in ("ORG", "GPE", "NORP") for t in span):
        return " ".join(words)
    if any(w[:1].isupper() for w in words) or words[-1].lower() in _ORG_HEADS:
        return " ".join(words)
    return None


_ORG_HEADS = frozenset(
    """government ministry department agency police company firm campaign party committee council court
    administration office commission community union group bank board team club newspaper network channel
    service army military navy regime cabinet parliament congress senate embassy""".split()
)


def _country_in(words: list[str]) -> str | None:
    t = tables()
    for w in words:
        if w in t.adjectives:
            return t.adjectives[w]
        if w.lower() in t.country_of:
            return t.country_of[w.lower()]
    return None


def _resolve_place(speaker: Speaker, mention: str) -> bool:
    """Countries, capitals and seats of government, which speak for a state."""
    t = tables()
    key = mention.strip()
    if key in t.seats:
        name, country = t.seats[key]
        speaker.type, speaker.name, speaker.country = "ORG", name, country
        return True
    if key.lower() in t.country_of:
        speaker.type, speaker.name, speaker.country = "GPE", t.country_of[key.lower()], t.country_of[key.lower()]
        return True
    if key in t.capitals:
        speaker.type, speaker.name, speaker.country = "GPE", t.capitals[key], t.capitals[key]
        return True
    return False


def _one_described_twice(members: list[str]) -> bool:
    """"The former first lady and U.S. senator": descriptors without a name, the last singular,
    describe one person, not a group."""
    t = tables()
    named = any(_looks_like_name(m.split(), None) for m in members)
    head = members[-1].split()[-1].lower()
    return not named and (head in t.role_nouns or head in t.epithets) and not head.endswith("s")


def _group_members(span: Span | None, mention: str) -> list[str]:
    """"Bolton and Pompeo", "The adviser, John Bolton, and Secretary Mike Pompeo".

    "&" joins the words of a firm's name ("Lopes Filho & Associates"), never people, and
    an office may hold an "and" ("Work and Pensions Secretary Alan Smith").
    """
    if " and " not in mention:
        return []
    parts = _join_offices(re.split(r",?\s+and\s+", mention))
    if len(parts) < 2:
        return []
    pieces: list[str] = []
    for part in parts:
        sub = [p.strip() for p in part.split(",") if p.strip()]
        named = [p for p in sub if p[:1].isupper() and not all(_is_title(w) for w in p.split())]
        chosen = named[-1] if named else (sub[-1] if sub else "")
        if chosen:
            pieces.append(_clean(chosen))
    return [p for p in pieces if p]


def _join_offices(parts: list[str]) -> list[str]:
    """Rejoin an office split at its "and": "Work" + "Pensions Secretary Alan Smith".

    A part made only of office words ("Culture, Media") followed by a part that
    begins with one ("Sport Secretary Tessa Jowell") is one office and one person;
    "Bolton and Secretary Pompeo" stays two, since "Bolton" is no office word.
    """
    offices = tables().office_words
    out: list[str] = []
    for part in parts:
        words = part.split()
        if out and words and words[0] in offices and _office_words(out[-1], offices):
            out[-1] = f"{out[-1]} and {part}"
        else:
            out.append(part)
    return out


def _office_words(part: str, offices: frozenset[str]) -> bool:
    words = part.replace(",", " ").split()
    return 0 < len(words) <= 4 and all(w in offices for w in words)


def _resolve_descriptor(words: list[str], plural: bool, position: int, ctx: Context) -> _Piece | None:
    """"the Russian leader" → the person whose roles match; plural → the group of them."""
    t = tables()
    head = words[-1].lower().rstrip("s") if plural else words[-1].lower()
    wanted = t.role_synonyms.get(head, [head])
    country = _country_in(words)
    qualifiers = [w.lower() for w in words[:-1] if w.lower() not in DETERMINERS and w not in t.adjectives]
    party = _party(" ".join(words).lower())
    text = text_of(ctx.doc) if ctx.doc is not None else ""
    definite = not plural and re.match(r"(?:the|this|that) ", text[position : position + 6].lower()) is not None
    gender = _gender_of_words(words)  # "the former first lady and senator" is no man
    scored: list[tuple[float, Person]] = []
    for person in ctx.registry.people.values():
        if gender and person.gender not in (None, gender):
            continue
        # words near a name count only for a surely personal name: headlines in title case
        # ("Clinton Breaks With Obama") make people of phrases
        personal = person.gender is not None or len(person.name.split()) == 1
        others = frozenset(g for p in ctx.registry.people.values() if p is not person and p.surname == person.surname
                           for g in [_first_name(p.name)] if g)
        near = _words_near(text, person, position, others) if definite and personal else ""
        roles = " ".join(person.roles + [near]).lower()
        if not roles.strip():
            continue
        if party and _party(roles) not in (None, party):
            continue  # "the Republican nominee" is not the Libertarian one
        if "vice" not in qualifiers and _running_mate(text, person, others):
            continue  # nor the running mate, wherever the text calls him one
        score = 0.0
        if any(w in roles for w in wanted):
            score += 2
        role_country = _role_country(person.roles)
        if country and role_country == country:
            score += 1
        elif country and role_country not in (None, country):
            score -= 2
        score += 0.5 * sum(1 for q in qualifiers if re.search(rf"\b{re.escape(q)}\b", roles))
        if score >= 2:
            if definite and not country and role_country is not None:
                score -= 0.25  # a bare "the president" is the home country's, not "Russian President Putin"
            scored.append((score, person))
    if not scored:
        if definite and head in t.epithets:
            return _salient_person(position, gender, ctx)
        if not definite or head not in _OFFICES:
            return None
        # "Pence said … The Indiana governor added": the person speaking, or before anyone has, the headline's
        return _last_person_speaker(ctx, gender) or _headline_person(position, gender, ctx)
    scored.sort(key=lambda sp: (-sp[0], -max(sp[1].positions or [0])))
    if len(scored) > 1 and scored[0][0] == scored[1][0] and scored[0][1].surname == scored[1][1].surname:
        # a bare surname's words ("President Obama") fit both Obamas: the more mentioned is meant
        scored[:2] = sorted(scored[:2], key=lambda sp: -len(sp[1].positions))
    if plural:
        best = scored[0][0]
        members = [p.name for s, p in scored if s >= best - 0.5]
        if len(members) > 1:
            return _Piece("GROUP", " and ".join(members), " ".join(words), None, members)
        return _Piece("PERSON", members[0], " ".join(words))
    return _Piece("PERSON", scored[0][1].name, " ".join(words))


_OFFICES = frozenset("governor nominee candidate mayor senator congressman congresswoman lawmaker".split())
_PARTIES = {"republican": "R", "gop": "R", "democratic": "D", "democrat": "D", "libertarian": "L", "green": "G"}


def _party(text: str) -> str | None:
    """The party a descriptor or a person's role words name, if exactly one."""
    found = {code for word, code in _PARTIES.items() if re.search(rf"\b{word}\b", text)}
    found |= {m.group(1) for m in re.finditer(r"\b([RD])-[A-Z]", text.upper())}
    return found.pop() if len(found) == 1 else None


_NEAR_WORD = r"(?:[a-zA-Z’'\-]+|[A-Z][a-z]{1,3}\.)"  # "Sen." and "Gov." but no sentence's end
_NEAR_BEFORE = re.compile(rf"(?<![\w’'\-.])((?:{_NEAR_WORD} ){{0,4}})((?:[A-Z][\w.’'\-]* )*)$")
_NEAR_AFTER = re.compile(r"(?: \([^)]{1,12}\))?(?:, (?:the |a |an )?[\w.’'\- ]{1,60}?,)?")


@lru_cache(maxsize=2048)
def _word_pattern(word: str) -> re.Pattern[str]:
    """A word as a whole word, compiled once."""
    return re.compile(rf"\b{re.escape(word)}\b")


def _words_near(text: str, person: Person, before: int, others: frozenset[str] = frozenset()) -> str:
    """The words written next to a person's name before ``before``: "Republican presidential
    nominee Donald Trump", "Graham (R-S.C.)", "Christie, the New Jersey governor," — the roles
    a later descriptor ("the GOP nominee", "the governor") picks the person by. The given names
    of ``others`` who share the surname mark their own mentions ("Ivanka Trump, the nominee's
    daughter" says nothing of Donald). Each mention of the surname is read in a window
    around it, so a long text costs little."""
    out = []
    for at in _word_pattern(person.surname).finditer(text, 0, before):
        lead = _NEAR_BEFORE.search(text, max(0, at.start() - 120), at.start())
        if lead is None:
            continue
        if others and others & set(lead.group(1).split() + lead.group(2).split()):
            continue
        tail = _NEAR_AFTER.match(text, at.end(), before).group(0)
        if POSSESSIVE_INSIDE.search(tail):
            tail = ""  # "the nominee's daughter" is no nominee
        out.append(lead.group(1) + " " + tail)
    return " ".join(out)


def _running_mate(text: str, person: Person, others: frozenset[str]) -> bool:
    """Whether the text anywhere calls the person a vice-presidential nominee or running mate."""
    if "vice" in " ".join(person.roles).lower().split():
        return True
    if "vice" not in text and "running mate" not in text:
        return False
    return re.search(r"\bvice\b|running mate", _words_near(text, person, len(text), others).lower()) is not None


def _last_person_speaker(ctx: Context, gender: str | None = None) -> _Piece | None:
    """"The Russian leader" with no one holding that role: the person last speaking, of the
    descriptor's gender if it has one."""
    for speaker in reversed(ctx.previous):
        if speaker.type == "PERSON" and speaker.name:
            if gender and _gender(speaker, ctx) not in (None, gender):
                continue
            return _Piece("PERSON", speaker.name, None)
    return None


def _headline_person(position: int, gender: str | None, ctx: Context) -> _Piece | None:
    """The first person a headline before ``position`` names ("Hillary Clinton Goes After
    Donald Trump … The Democratic nominee attacked"): whom a lead's descriptor is about."""
    text = text_of(ctx.doc) if ctx.doc is not None else ""
    for start, end in _headlines(text):
        if start >= position:
            break
        named = [
            (at, person)
            for person in ctx.registry.people.values()
            if gender is None or person.gender in (None, gender)
            for at in [text.find(person.name, start, end)] if at != -1
        ]
        if named:
            return _Piece("PERSON", min(named, key=lambda n: n[0])[1].name, None)
    return None


def _salient_person(position: int, gender: str | None, ctx: Context) -> _Piece | None:
    """Whom an epithet ("the billionaire mogul", "the computer specialist") stands for: the
    last person named earlier in its sentence ("unendorse Trump after the mogul claimed"),
    else the named subject of the sentence before, else the last person speaking."""
    token = _token_at(ctx.doc, position) if ctx.doc is not None else None
    if token is None:
        return _last_person_speaker(ctx, gender)
    sentence = token.sent
    before = text_of(ctx.doc)[sentence.start_char : position]
    named = [
        (m.start(), person)
        for person in ctx.registry.people.values()
        if gender is None or person.gender in (None, gender)
        for m in [None, *_word_pattern(person.surname).finditer(before)][-1:] if m is not None
    ]
    if named:
        return _Piece("PERSON", max(named, key=lambda n: n[0])[1].name, None)
    if sentence.start > 0:
        previous = ctx.doc[sentence.start - 1].sent
        for child in _subjects(previous, previous.end):
            person = ctx.registry.find(child.text) if child.pos_ == "PROPN" else None
            if person is not None and (gender is None or person.gender in (None, gender)):
                return _Piece("PERSON", person.name, None)
    return _last_person_speaker(ctx, gender)


def _role_country(roles: list[str]) -> str | None:
    for role in roles:
        found = _country_in(role.split())
        if found:
            return found
    return None


FIRST_PERSON = frozenset("i me my we us our".split())


def _resolve_pronoun(speaker: Speaker, pronoun: str, ctx: Context) -> None:
    """The most salient compatible antecedent: a named subject just before, the last
    speaker, then recent names."""
    gender = "f" if pronoun in ("she", "her", "hers") else "m" if pronoun in ("he", "him", "his") else None
    wants_group = pronoun in PRONOUNS_GROUP
    wants_org = pronoun in PRONOUN_IT
    if pronoun in FIRST_PERSON and ctx.doc is not None and not _in_quote(text_of(ctx.doc), speaker.start):
        speaker.type, speaker.name = "OTHER", None  # "I" in the narrative is the writer of a column or letter
        return
    if gender is not None:
        person = _named_subject(speaker, gender, ctx)
        if person is not None:
            speaker.type, speaker.name, speaker.role, speaker.country = "PERSON", person.name, None, None
            return
    if wants_group:
        group = _plural_subject(speaker, ctx)
        if group is not None:
            _copy(speaker, group)
            return
    recent = _paragraph_start(text_of(ctx.doc), speaker.start, back=2) if ctx.doc is not None else 0
    for prev in reversed(ctx.previous):
        if prev.name is None or prev is speaker:
            continue
        if wants_group and (prev.type not in ("GROUP", "ORG", "GPE") or prev.start < recent):
            continue  # "they" is a group spoken of lately, not one quoted pages before
        if wants_org and (prev.type not in ("ORG", "GPE") or prev.mention.lower() in PRONOUNS_GROUP):
            continue  # "it" is no "they"
        if not wants_group and not wants_org:
            if prev.type != "PERSON" and not (prev.type == "OTHER" and prev.name in tables().person_nouns):
                continue
            known = _gender(prev, ctx)
            if gender and known not in (None, gender):
                continue
            if prev.type == "OTHER" and known != gender:
                continue  # an unnamed "reporter" takes a pronoun only when its gender is known
        _copy(speaker, prev)
        return
    candidates = [
        (max(q for q in p.positions if q < speaker.start), p)
        for p in ctx.registry.people.values()
        if p.positions and min(p.positions) < speaker.start and (gender is None or p.gender in (None, gender))
    ]
    named = max(candidates, key=lambda c: c[0]) if candidates and not wants_org and not wants_group else None
    noun = _nearby_person_noun(speaker, gender, ctx)
    if noun is not None and (named is None or noun[1] > named[0]):
        speaker.type, speaker.name = "OTHER", noun[0]  # the unnamed person is nearer than any name
        return
    if named is not None:
        speaker.type, speaker.name = "PERSON", named[1].name
        return
    speaker.type, speaker.name = "OTHER", None


def _paragraph_start(text: str, position: int, back: int = 0) -> int:
    """Where the paragraph holding ``position`` begins, or the one ``back`` paragraphs before."""
    start = text.rfind("\n", 0, position) + 1
    for _ in range(back):
        while start > 1 and not text[start - 2].strip():
            start -= 1
        start = text.rfind("\n", 0, max(start - 1, 0)) + 1
    return start


def _in_quote(text: str, position: int) -> bool:
    """Whether ``position`` lies inside quotation marks opened earlier in its paragraph."""
    paragraph = text[text.rfind("\n", 0, position) + 1 : position]
    curly = paragraph.count("“") - paragraph.count("”")
    return curly > 0 or paragraph.count('"') % 2 == 1 or paragraph.count("''") % 2 == 1


def _named_subject(speaker: Speaker, gender: str, ctx: Context) -> Person | None:
    """"Trump made the remark as he spoke", "Kerry said ...; he urged": the named subject of
    the pronoun's own sentence before it, else of the sentence before, outranks the last
    speaker, who may be someone the article quoted in between."""
    if ctx.doc is None:
        return None
    token = _token_at(ctx.doc, speaker.start)
    if token is None:
        return None
    sentence = token.sent
    person = _subject_person(sentence, token.i, gender, ctx)
    if person is None and sentence.start > 0:
        previous = ctx.doc[sentence.start - 1].sent
        person = _subject_person(previous, previous.end, gender, ctx)
    return person


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _subjects(sentence: Span, before: int, clauses: tuple[str, ...] = ("conj",)) -> list[Token]:
    """The subjects of the sentence's main verb and the verbs joined to it by ``clauses``, before
    ``before`` and outside quotations, with the names in apposition to them ("Clinton's
    opponent, Donald Trump,")."""
    text = text_of(sentence.doc)
    out = []
    for verb in [sentence.root] + [t for t in sentence.root.children if t.dep_ in clauses]:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects += [a for c in subjects if c.pos_ != "PROPN" for a in c.children if a.dep_ == "appos"]
        out += [c for c in subjects if c.i < before and not _in_quote(text, c.idx)]
    return out


def _subject_person(sentence: Span, before: int, gender: str, ctx: Context) -> Person | None:
    """The person named as subject of the sentence's main verb (or a verb conjoined to it), before ``before``."""
    for child in _subjects(sentence, before):
        if child.pos_ != "PROPN" or child.ent_type_ in ("GPE", "LOC", "FAC"):
            continue  # "Doctors in Athens had wanted…, but he insisted": a place is no "he"
        person = ctx.registry.find(child.text)
        if person is not None and person.gender in (None, gender):
            return person
    return None


_SUBJECT_PARTS = frozenset("compound amod det conj cc poss flat nummod".split())


def _plural_subject(speaker: Speaker, ctx: Context) -> Speaker | None:
    """"Mr. Grassley and Mr. Leahy say … they say", "McConnell aides acknowledged … But they":
    the plural subject of the pronoun's sentence before it, else of the sentence before,
    resolved as a mention of its own. A lone name is no antecedent of "they"."""
    if ctx.doc is None:
        return None
    token = _token_at(ctx.doc, speaker.start)
    if token is None:
        return None
    sentences = [(token.sent, token.i)]
    if token.sent.start > 0:
        previous = ctx.doc[token.sent.start - 1].sent
        sentences.append((previous, previous.end))
    for sentence, before in sentences:
        for subject in _subjects(sentence, before, ("conj", "ccomp", "parataxis")):
            if subject.lower_ in PRONOUNS_GROUP:
                return None  # "They … they": the chain goes further back than this
            if subject.tag_ not in ("NNS", "NNPS") and not any(c.dep_ == "conj" for c in subject.children):
                continue
            parts = [subject] + [t for c in subject.children if c.dep_ in _SUBJECT_PARTS for t in c.subtree]
            start, end = min(t.idx for t in parts), max(t.idx + len(t) for t in parts)
            stand_in = Speaker(mention=text_of(ctx.doc)[start:end], start=start, end=end)
            _resolve(ctx.doc, stand_in, ctx)
            if stand_in.name and (stand_in.type != "PERSON" or subject.tag_ in ("NNS", "NNPS")):
                return stand_in  # "the former secretary and current nominee" is one person
    return None


def _nearby_person_noun(speaker: Speaker, gender: str | None, ctx: Context) -> tuple[str, int] | None:
    """"Trump called a reporter rude after she asked…": an unnamed person just before."""
    if ctx.doc is None or gender is None:
        return None
    t = tables()
    window = ctx.doc.char_span(max(0, speaker.start - 250), speaker.start, alignment_mode="contract")
    if window is None:
        return None
    for tok in reversed(list(window)):
        # one person, introduced as such ("a reporter", "the doctor"): a bare plural or a
        # verb the tagger took for a noun ("Curry records, hosts, edits…") is none
        introduced = tok.tag_ == "NN" and any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)
        if introduced and tok.lemma_ in t.person_nouns and tok.ent_type_ != "PERSON":
            word = tok.lemma_
            if gender == "f" and word in t.male or gender == "m" and word in t.female:
                continue
            return word, tok.idx
    return None


def _gender(speaker: Speaker, ctx: Context) -> str | None:
    mention = speaker.mention.lower()
    if mention in ("she", "her"):
        return "f"
    if mention in ("he", "him", "his"):
        return "m"
    if speaker.type == "OTHER" and speaker.name:
        t = tables()
        if speaker.name in t.female:
            return "f"
        if speaker.name in t.male:
            return "m"
        return None
    words = speaker.mention.lower().split()
    t = tables()
    if any(w in t.female for w in words[:2]) and not any(w in t.male for w in words[:2]):
        return "f"
    if speaker.mention.lower() in ("she", "her"):
        return "f"
    if speaker.mention.lower() in ("he", "him"):
        return "m"
    for person in ctx.registry.people.values():
        if person.name == speaker.name:
            return person.gender
    return None


def _copy(target: Speaker, source: Speaker) -> None:
    target.type, target.name, target.role, target.country = source.type, source.name, source.role, source.country
    target.members = list(source.members)


# --------------------------------------------------------------------------- component


@Language.factory("onrecord_speakers")
def make_speaker_resolver(nlp: Language, name: str) -> "SpeakerResolver":
    return SpeakerResolver()


class SpeakerResolver:
    """spaCy component: resolves ``doc._.onrecord_statements`` speakers in place."""

    def __init__(self) -> None:
        ensure_extensions("onrecord_statements", "onrecord_entities")

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.onrecord_statements or []
        doc._.onrecord_entities = resolve_speakers(doc, statements)
        return doc

