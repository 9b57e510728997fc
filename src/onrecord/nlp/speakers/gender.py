"""The gender the words about a person give: a title ("Mrs."), a role ("spokeswoman"), a given name.

A title or role word is sure; a given name is only a guess (Terry, Leslie), so it never
overrides what a title says.
"""

from __future__ import annotations

from .lexicon import _HONORIFICS, tables


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
