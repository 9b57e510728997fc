"""The hand-written word lists of the link stage, loaded once.

Everything the relation rules know about English lives in ``data/lexicon.json`` so a
reviewer can read and extend it without touching code.  No weight in it was learnt
from data: the lists are written by hand (Emergent is only used to measure them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..nlp.wordlists import data, names, places


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str]
    common: frozenset[str]  # stems of words too frequent to be evidence on their own
    negation: frozenset[str]
    negation_phrases: tuple[tuple[str, ...], ...]
    deny: frozenset[str]
    refute: frozenset[str]
    refute_phrases: tuple[tuple[str, ...], ...]
    hedge: frozenset[str]
    hedge_phrases: tuple[tuple[str, ...], ...]
    clusters: dict[str, frozenset[str]]  # stem → cluster names
    frames: dict[str, frozenset[str]]  # cluster → frame names
    antonyms: frozenset[tuple[str, str]]  # (cluster, cluster), both orders
    irregular: dict[str, str]
    nicknames: dict[str, str]
    honorifics: frozenset[str]  # forms of address: "mr", "baroness" (nlp/data/names.json)
    titles: frozenset[str]  # office and rank words before a name: "senator", "gov"
    female_honorifics: frozenset[str]
    male_honorifics: frozenset[str]
    governments: dict[str, str]  # seat of government → country (nlp/data/places.json)
    places: dict[str, str]  # capital, region or demonym → country
    speakers: dict  # the nlp stage's speakers.json, for countries and adjectives
    female_names: frozenset[str]
    male_names: frozenset[str]
    topics: frozenset[str]  # clusters that name things, not predicates: their sign says less
    frame_heads: frozenset[str]  # clusters general enough to stand for their whole frame ("involve")
    phrasal: dict[tuple[str, str], str]  # (verb stem, particle) → cluster: "talked … out of" = persuade


def _data(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text("utf-8")


def _speakers_tables() -> dict:
    """The nlp stage's tables of countries, titles and role nouns, from the one copy of each
    list (``nlp/data``), so that both stages agree."""
    where = places()
    return {
        "countries": where.countries, "adjectives": where.adjectives, "capitals": where.capitals,
        "titles": list(names().title_words), "role_nouns": data("speakers")["role_nouns"],
    }


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.lower().replace("’", "'").split()) for p in items)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and stem the lists; cached because every proposition consults them."""
    from .text import stem  # text imports nothing from here at import time

    raw = json.loads(_data("lexicon.json"))
    words = lambda key: raw[key].lower().replace("’", "'").split()  # noqa: E731
    clusters: dict[str, set[str]] = {}
    for name, members in raw["clusters"].items():
        for w in members.split():
            clusters.setdefault(stem(w), set()).add(name)
    frames: dict[str, set[str]] = {}
    for frame, members in raw["frames"].items():
        for cluster in members.split():
            frames.setdefault(cluster, set()).add(frame)
    antonyms = {(a, b) for a, b in raw["antonyms"]} | {(b, a) for a, b in raw["antonyms"]}
    return Lexicon(
        stopwords=frozenset(words("stopwords")),
        common=frozenset(stem(w) for w in words("common")),
        negation=frozenset(words("negation")),
        negation_phrases=_phrases(raw["negation_phrases"]),
        deny=frozenset(words("deny")),
        refute=frozenset(words("refute")),
        refute_phrases=_phrases(raw["refute_phrases"]),
        hedge=frozenset(words("hedge")),
        hedge_phrases=_phrases(raw["hedge_phrases"]),
        clusters={k: frozenset(v) for k, v in clusters.items()},
        frames={k: frozenset(v) for k, v in frames.items()},
        antonyms=frozenset(antonyms),
        irregular={k.replace("’", "'"): v for k, v in raw["irregular"].items()},
        nicknames=raw["nicknames"],
        honorifics=frozenset(names().honorifics),
        female_honorifics=frozenset(h for h, g in names().honorifics.items() if g == "f"),
        male_honorifics=frozenset(h for h, g in names().honorifics.items() if g == "m"),
        titles=frozenset(t.strip(".") for t in names().titles),
        governments={seat: country for seat, (_, country) in places().seats.items()},
        places={**places().capitals, **places().regions},
        speakers=_speakers_tables(),
        female_names=names().female_names,
        male_names=names().male_names,
        topics=frozenset(words("topics")),
        frame_heads=frozenset(c for heads in raw["frame_heads"].values() for c in heads.split()),
        phrasal={(stem(k.split()[0]), k.split()[1]): v for k, v in raw["phrasal"].items()},
    )
