"""The speakers stage's word lists, read from the data files once.

Places, names and grammar words are shared with the link stage (``nlp/wordlists.py``);
the lists only this stage needs (role nouns, organisation words, epithets…) are in
``data/speakers.json``. Nothing here is written in code: to teach the stage a word,
edit the data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..wordlists import data, grammar, names, particle_pattern, places


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
    """The lookup tables of ``data/speakers.json``, ``places.json`` and ``names.json``, loaded once."""
    raw = data("speakers")
    where, who = places(), names()
    country_of = {alias.lower(): name for name, aliases in where.countries.items() for alias in aliases}
    female_words = frozenset(w.lower() for w in raw["female_words"]) | who.gendered("f")
    male_words = frozenset(w.lower() for w in raw["male_words"]) | who.gendered("m")
    return Tables(
        country_of=country_of,
        adjectives=where.adjectives,
        capitals=where.capitals,
        seats=where.seats,
        titles=frozenset(t.lower() for t in who.title_words),
        role_nouns=frozenset(raw["role_nouns"]),
        role_synonyms=raw["role_synonyms"],
        person_nouns=frozenset(raw["person_nouns"]),
        female=female_words | who.female_names,
        male=male_words | who.male_names,
        female_words=female_words,
        male_words=male_words,
        org_words=frozenset(raw["org_words"]),
        org_types={head: tuple(kinds) for head, kinds in raw["org_types"].items()},
        owned_org_heads=frozenset(raw["owned_org_heads"]),
        epithets=frozenset(raw["epithets"]),
        office_words=frozenset(raw["office_words"]),
    )


def _words(key: str) -> frozenset[str]:
    return frozenset(grammar()[key])


PRONOUNS_PERSON = _words("pronouns_person")
PRONOUNS_GROUP = _words("pronouns_group")
PRONOUN_IT = _words("pronoun_it")
FIRST_PERSON = _words("first_person")
DETERMINERS = _words("determiners")
RELATIVE = _words("relatives")
_PAIRS = _words("pairs")
_SENTENCE_OPENERS = _words("sentence_openers")
_LEADING_NOISE = _words("leading_noise")
_FUNCTION_WORDS = _words("function_words")
_CALENDAR = _words("calendar")
PLACE_PREPOSITIONS = _words("place_prepositions")
_NAME_LINKS = _words("name_links")

_HONORIFICS = names().address_forms  # "mr", "mr.", "baroness": a form of address, no part of a name
_PERSON_TITLES = names().titles | _HONORIFICS  # words that make a run before a name a person's title
_PARTICLE = particle_pattern()  # "de", "van": lower-case words inside a name
_NAME_PIECE = re.compile(r"[A-Z][\w\-’'.]*|" + _PARTICLE)
_ABBREVIATED_TITLE = "(?:" + "|".join(names().abbreviated_titles) + r")\."

_ORG_HEADS = frozenset(data("speakers")["org_heads"])
_OFFICES = frozenset(data("speakers")["elected_offices"])  # a bare "the governor" may mean whoever spoke last
_PARTIES: dict[str, str] = data("speakers")["parties"]
_OFFICE_MODIFIERS = frozenset(data("speakers")["office_modifiers"])  # "deputy", "shadow": another office
_LOWER_ROLE = "(?:" + "|".join(data("speakers")["lower_roles"]) + ")"
