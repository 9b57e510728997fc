"""Gathering a document's people: entity recognition, completed from the raw text.

The small English model misses or mislabels many names, so the fullest form of each
surname is looked for in the text too (a photo caption is often the only place
"Vladimir Putin" is spelled out), with the titles and appositions written beside it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..cues import CUE_FORMS
from ..docview import text_of
from .gender import _gender_beside
from .lexicon import DETERMINERS, PLACE_PREPOSITIONS, data, _ABBREVIATED_TITLE, _HONORIFICS, _LOWER_ROLE, _NAME_PIECE, _PARTICLE, _PERSON_TITLES, tables
from .names import POSSESSIVE, _NAME_WORD, _clean, _first_name, _is_time_or_opener, _plausible_name, clean_role, split_title
from .registry import Registry
from .text import _in_headline, _named_in_body


@lru_cache(maxsize=1024)
def _surname_pattern(surname: str) -> re.Pattern[str]:
    """Capitalised words before a surname, compiled once per surname."""
    return re.compile(rf"(?<![\w.’'\-])((?:{_NAME_WORD} ){{1,6}}(?:{_PARTICLE} )?)(?i:{re.escape(surname)})\b")


def _fullest_forms(text: str, surname: str) -> list[tuple[str | None, str]]:
    """(role, name) for each spelled-out occurrence of a surname in the raw text; one in a
    headline counts only if the body spells it too ("Derelict Obama" is no one's name)."""
    out = []
    for m in _surname_pattern(surname).finditer(text):
        words = m.group(1).split() + [m.group(0).split()[-1]]  # "Leonardo diCaprio" as written
        while words and (words[0].lower() in CUE_FORMS or words[0].lower() in DETERMINERS):
            words = words[1:]  # "said Tom Hale", "The Labour": no word of a name
        role, name = split_title(words)
        name_words = name.split()
        if len(name_words) >= 2 and not any(w.lower() in CUE_FORMS for w in name_words):
            if _in_headline(text, m.start()) and not _named_in_body(text, name):
                continue
            out.append((role, name))
    return out


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


def _appositive_roles(text: str) -> list[tuple[str, str]]:
    """(role, name) from "the national security adviser, John Bolton," and "Bolton, the adviser,"."""
    roles = "|".join(sorted(tables().role_nouns, key=len, reverse=True))
    name = r"([A-Z][\w\-’']+(?: [A-Z][\w\-’']+){1,3})"
    before = re.compile(rf"\b(?:[Tt]he|[Aa]) ((?:[\w.’'\-]+ ){{0,6}}(?:{roles}))s?, {name}")
    after = re.compile(rf"{name}, (?:the|a|an) ((?:[\w.’'\-]+ ){{0,6}}(?:{roles}))\b(?![’']s)")  # not "the nominee's daughter"
    found = [(m.group(1), m.group(2)) for m in before.finditer(text)]
    found += [(m.group(2), m.group(1)) for m in after.finditer(text)]
    return [(role, name) for role, name in found if not _is_time_or_opener(name)]


def build_registry(doc: Doc) -> Registry:
    """People from entity recognition, completed from the raw text."""
    registry = Registry()
    text = text_of(doc)
    found: list[tuple[str, int, str | None, str]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        words = _clean(text[ent.start_char : ent.end_char]).split()
        owner = next((i for i, w in enumerate(words[:-1]) if POSSESSIVE.search(w)), None)
        if owner is not None:  # "Cherie Blair's Matrix Chambers": the name ends at its possessive
            words = words[:owner] + [POSSESSIVE.sub("", words[owner])]
        if not words or not all(_NAME_PIECE.fullmatch(w) for w in words):
            continue
        if any(len(w) > 3 and w.isupper() for w in words):
            continue  # a section heading ("THE BORROWING Back when…"), not a name
        if any(w.lower() in CUE_FORMS for w in words):
            continue
        if " ".join(words) in data("speakers")["organisation_names"]:
            continue  # "Labour" tagged as a person is the party
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
        if name.split()[-1].casefold() == surname.casefold() and all(w[:1].isupper() or re.fullmatch(_PARTICLE, w) for w in name.split()):
            registry.person(name, text.find(name), role, alias=name)


def _surname_known(words: list[str], span: Span) -> bool:
    """The small model often tags a surname (Maduro) as ORG; the text's names decide. A
    surname alone refers back to a name spelled out before it (or in a headline, to the
    story's): "Ford, the US car company, reported…" is no Bill Ford named later."""
    text = text_of(span.doc)
    if _in_headline(text, span.start_char):
        return bool(_fullest_forms(text, words[-1]))
    return bool(_fullest_forms(text[: span.start_char], words[-1]))


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
