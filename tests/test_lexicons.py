"""The word lists the speakers stage and the link stage share agree with each other.

Each list is kept once (``nlp/data/names.json``, ``places.json``, ``grammar.json``);
these tests catch a list that drifts back into code or into a second file, and an
entry one stage knows and the other cannot use.
"""

from __future__ import annotations

import json
from importlib import resources

from onrecord.link import entities
from onrecord.link.lexicon import lexicon
from onrecord.nlp import wordlists
from onrecord.nlp.speakers import lexicon as speaker_lexicon
from onrecord.nlp.speakers.names import split_title


def _keys(package: str, name: str) -> set[str]:
    return set(json.loads(resources.files(package).joinpath(f"data/{name}.json").read_text("utf-8"))) - {"about"}


def test_no_list_is_kept_twice():
    shared = [_keys("onrecord.nlp", n) for n in ("names", "places", "grammar")]
    own = [_keys("onrecord.nlp", "speakers"), _keys("onrecord.link", "lexicon")]
    for i, a in enumerate(shared + own):
        for b in (shared + own)[i + 1 :]:
            assert not a & b, f"kept twice: {a & b}"
    for key in ("honorifics", "governments", "places", "female_names", "male_names", "countries", "seats", "titles"):
        assert key not in _keys("onrecord.link", "lexicon") | _keys("onrecord.nlp", "speakers"), key


def test_every_honorific_and_title_the_nlp_side_strips_the_link_side_strips():
    for word in speaker_lexicon._PERSON_TITLES:
        assert word.strip(".") in entities._titles(), word
    for honorific in wordlists.names().honorifics:
        key, found, _ = entities.person_key(f"{honorific.capitalize()} Halloran")
        assert key == "halloran" and found == honorific


def test_honorifics_say_their_gender_to_both_stages():
    tables = speaker_lexicon.tables()
    for honorific, gender in wordlists.names().honorifics.items():
        assert (honorific in lexicon().female_honorifics) == (gender == "f") == (honorific in tables.female_words)
        assert (honorific in lexicon().male_honorifics) == (gender == "m") == (honorific in tables.male_words)


def test_every_place_stands_for_a_listed_country():
    where = wordlists.places()
    countries = set(where.countries)
    for table in (where.adjectives, where.capitals, where.regions):
        assert set(table.values()) <= countries, set(table.values()) - countries
    for seat, (organisation, country) in where.seats.items():
        assert country in countries, seat
        assert organisation in where.seats or organisation == "Congress" or organisation == "European Commission", seat


def test_both_stages_read_the_same_seats_and_capitals():
    where = wordlists.places()
    assert lexicon().governments == {seat: country for seat, (_, country) in where.seats.items()}
    assert speaker_lexicon.tables().capitals.items() <= lexicon().places.items()


def test_name_particles_are_one_list():
    for particle in wordlists.names().particles:
        assert speaker_lexicon._NAME_PIECE.fullmatch(particle)
        assert entities._CAP_RUN.fullmatch(f"Anna {particle} Souza")
        assert split_title(["Anna", particle, "Souza"]) == (None, f"Anna {particle} Souza")


def test_given_names_are_one_list():
    assert lexicon().female_names == wordlists.names().female_names
    assert lexicon().male_names == wordlists.names().male_names


def test_post_nominals_leave_the_name_on_both_sides():
    for letters in wordlists.names().post_nominals:
        written = letters.upper()
        assert split_title(["Philippe", "Sands", written]) == (written, "Philippe Sands")
        key, _, role = entities.person_key(f"Philippe Sands {written}")
        assert key == "philippe sands" and role == written


def test_speaker_only_lists_hold_known_words():
    raw = wordlists.data("speakers")
    assert set(raw["qualified_org_heads"]) <= set(raw["org_heads"])
    assert set(raw["office_modifiers"]).isdisjoint(raw["role_nouns"])
    assert set(raw["organisation_names"].values()) >= {"Labour Party", "Conservative Party"}
