"""The word lists about places, people's names and grammar, one data file each, loaded once.

Both stages read them: the speakers stage to resolve a mention within an article, the
link stage to join names across articles. Kept in one place so the two never disagree
on what an honorific, a seat of government or a name particle is. This module imports
no spaCy, so the link stage can read it cheaply.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=8)
def data(name: str) -> dict[str, Any]:
    """The JSON object in ``nlp/data/<name>.json``."""
    return json.loads(resources.files(__package__).joinpath(f"data/{name}.json").read_text("utf-8"))


@dataclass(frozen=True)
class Places:
    """Places that speak for a state (``places.json``)."""

    countries: dict[str, list[str]]  # country → the ways a text writes it
    adjectives: dict[str, str]  # "Russian" → Russia
    capitals: dict[str, str]  # "Moscow" → Russia
    seats: dict[str, tuple[str, str]]  # "No 10" → (Downing Street, United Kingdom)
    regions: dict[str, str]  # "Scotland", "Britons" → United Kingdom (link stage only)


@dataclass(frozen=True)
class Names:
    """How people's names are written (``names.json``), lower-cased."""

    honorifics: dict[str, str]  # "mrs" → "f"; "dr" → "" (no gender)
    titles: frozenset[str]  # office and rank words before a name: "senator", "gov."
    title_words: tuple[str, ...]  # every word a title run may hold, as written: "Foreign", "of"
    abbreviated_titles: tuple[str, ...]  # "Gov", "Sen": written with a full stop
    particles: tuple[str, ...]  # "de", "van": lower-case words inside a surname
    post_nominals: frozenset[str]  # "qc", "mp": letters after a name, no part of it
    female_names: frozenset[str]
    male_names: frozenset[str]

    @property
    def address_forms(self) -> frozenset[str]:
        """Honorifics as written, with and without their full stop: "mr", "mr."."""
        return frozenset(self.honorifics) | {f"{h}." for h in self.honorifics}

    def gendered(self, gender: str) -> frozenset[str]:
        """The honorifics of one gender ("f" or "m"), with and without their full stop."""
        words = {h for h, g in self.honorifics.items() if g == gender}
        return frozenset(words | {f"{h}." for h in words})


@lru_cache(maxsize=1)
def places() -> Places:
    raw = data("places")
    return Places(
        countries=raw["countries"],
        adjectives=raw["adjectives"],
        capitals=raw["capitals"],
        seats={k: (v[0], v[1]) for k, v in raw["seats"].items()},
        regions=raw["regions"],
    )


@lru_cache(maxsize=1)
def names() -> Names:
    raw = data("names")
    return Names(
        honorifics={k.lower(): v for k, v in raw["honorifics"].items()},
        titles=frozenset(t.lower() for t in raw["titles"]),
        title_words=tuple(raw["title_words"]),
        abbreviated_titles=tuple(raw["abbreviated_titles"]),
        particles=tuple(raw["particles"]),
        post_nominals=frozenset(p.lower() for p in raw.get("post_nominals", [])),
        female_names=frozenset(n.lower() for n in raw["female_names"]),
        male_names=frozenset(n.lower() for n in raw["male_names"]),
    )


def grammar() -> dict[str, Any]:
    """Grammar words (``grammar.json``): pronouns, determiners, sentence openers…"""
    return data("grammar")


@lru_cache(maxsize=1)
def _post_nominals() -> frozenset[str]:
    """The post-nominals of ``names.json`` and nameparser's suffix acronyms ("qc", "obe")."""
    from nameparser.config import CONSTANTS

    return names().post_nominals | frozenset(s.lower() for s in CONSTANTS.suffix_acronyms)


def is_post_nominal(word: str) -> bool:
    """Whether a word written after a name is a post-nominal ("QC", "M.P."), in capitals as
    post-nominals are written: "Am" or "Ms" after a name is a word, not letters."""
    letters = word.strip(",;").replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha() and letters.lower() in _post_nominals()


def split_post_nominals(words: list[str]) -> tuple[list[str], list[str]]:
    """"Philippe Sands QC" → (["Philippe", "Sands"], ["QC"]): the name, and the letters after it.
    At least one word of the name stays."""
    cut = len(words)
    while cut > 1 and is_post_nominal(words[cut - 1]):
        cut -= 1
    return words[:cut], [w.strip(",;") for w in words[cut:]]


def particle_pattern() -> str:
    """A regular expression for one name particle: ``(?:de|da|van…)``."""
    return "(?:" + "|".join(names().particles) + ")"
