"""Names as written: titles split off, tails and sentence openers cut, given names found.

"Russian President Vladimir Putin" is a role and a name; "Rendell, a Clinton surrogate"
is a name and an apposition; "Although Scott" is a sentence's first word and a surname.
These functions work on strings alone, with no document and no registry.
"""

from __future__ import annotations

import re

from ..cues import CUE_FORMS
from ..wordlists import is_post_nominal, split_post_nominals
from .lexicon import data, DETERMINERS, _CALENDAR, _FUNCTION_WORDS, _HONORIFICS, _LEADING_NOISE, _PARTICLE, _PERSON_TITLES, _SENTENCE_OPENERS, tables


POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


POSSESSIVE_INSIDE = re.compile(r"\w['’]s\b")


_NAME_WORD = r"(?:[A-Z](?![A-Z]{2})[\w\-’']*|[A-Z]\.|U\.S\.|U\.K\.|U\.N\.)"


_NAME_TAIL = re.compile(r"\s*(?:,|\(|—|–| - ).*$")


def _is_title(word: str) -> bool:
    """A word of a title before a name: "President", "Russian", and a common noun for what
    the person is ("Lawyer Philippe Sands", "Backbencher Stephen Pound")."""
    t = tables()
    lowered = word.lower().strip(",")
    return (lowered in t.titles or lowered in t.role_nouns or lowered in t.person_nouns
            or word.lower() in t.adjectives or word in t.adjectives)


def _name_word_at(words: list[str], i: int) -> bool:
    """A capitalised non-title word, or a particle inside a name ("Bill de Blasio")."""
    word = words[i]
    if word[:1].isupper():
        if i < len(words) - 1 and POSSESSIVE.sub("", word) in data("speakers")["organisation_names"]:
            return False  # "the Tories' Ken Clarke", "Labour MP Jo Cox": the party is the role
        return not _is_title(word)
    return 0 < i < len(words) - 1 and re.fullmatch(_PARTICLE, word) is not None and words[i - 1][:1].isupper()


def split_title(words: list[str]) -> tuple[str | None, str]:
    """"Russian President Vladimir Putin" → ("Russian President", "Vladimir Putin");
    "Philippe Sands QC" → ("QC", "Philippe Sands"): titles before a name and post-nominals
    after it are the role, never part of the name."""
    words, letters = split_post_nominals(words)
    i = len(words)
    while i > 0 and _name_word_at(words, i - 1) and len(words) - i < 4:
        i -= 1
    if i == len(words):  # no name at the end: all of it is the name as written
        return (" ".join(letters) or None), " ".join(words)
    role = " ".join(words[:i] + letters).strip(" ,") or None
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


def clean_role(role: str | None) -> str | None:
    """A role worth keeping: it names an office ("Home Secretary"), not "And" or a headline's words."""
    if not role:
        return None
    words = role.replace(",", " ").split()
    while words and words[0].lower() in _LEADING_NOISE:
        words = words[1:]
    t = tables()
    lowered = [w.lower().strip(".'’") for w in words]
    if not lowered:
        return None
    if all(w in _HONORIFICS or is_post_nominal(x) for w, x in zip(lowered, words)):
        return " ".join(words)  # "Sir", "QC": no part of the name, so kept as the role
    if not any(w in t.role_nouns or w in t.person_nouns or w in _PERSON_TITLES or w in t.titles or is_post_nominal(x)
               for w, x in zip(lowered, words) if w not in _HONORIFICS):
        return None
    if any(w in CUE_FORMS for w in lowered):
        return None
    return " ".join(words)


def _strip_sentence_opener(name: str) -> str:
    """"Although Scott", "If Kaine": a capitalised word that opens the sentence is no part of the name."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _SENTENCE_OPENERS:
        words = words[1:]
    return " ".join(words)


def clean_name(name: str) -> str:
    """"Rendell, a Clinton surrogate" → "Rendell"; "Stephen Lynch (D-Mass" → "Stephen Lynch";
    "Philippe Sands QC" → "Philippe Sands"."""
    cleaned = _NAME_TAIL.sub("", name).strip() or name
    return " ".join(split_post_nominals(cleaned.split())[0])


def _plausible_name(name: str) -> bool:
    """No function word ("Clinton Breaks With Obama", "Justice Against Sponsors") and no
    organisation's last word ("Yahoo News") inside: a person's name, not a phrase's."""
    words = name.split()
    if any(w.lower() in _FUNCTION_WORDS for w in words[1:]):
        return False
    return words[-1] not in tables().org_words


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


def _is_time_or_opener(name: str) -> bool:
    """"In June, the senator said": a fronted adverbial before the comma, not a name."""
    words = name.lower().split()
    return words[0] in _SENTENCE_OPENERS or any(w in _CALENDAR for w in words)


def _named_piece(mention: str) -> str:
    """Of "Ed Rendell, a campaign surrogate" or "The leader of the union, Tomas Brandt",
    the comma-separated piece that ends in a name."""
    pieces = [p.strip() for p in mention.split(",") if p.strip()]
    if len(pieces) < 2:
        return mention
    named = [p for p in pieces if p.split()[-1][:1].isupper() and not _is_title(p.split()[-1])]
    personal = [p for p in named if not _names_a_source(p)]
    return (personal or named or [mention])[0]


def _names_a_source(piece: str) -> bool:
    """"A spokeswoman for the Port Authority": a piece that says whose source someone is,
    not who; beside a name in apposition ("…, Mei Lin Zhou") the name is the speaker."""
    sources = set(data("speakers")["source_nouns"])
    return any(w in sources for w in piece.split() if w.islower())
