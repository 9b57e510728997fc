"""The people and organisations one document names, each under its fullest name.

A bare surname ("Blair") joins the person it fits ("Tony Blair"), unless another given
name or gender rules that out ("Mrs. Obama" is not "Mr. Obama").
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field

from ...model import Entity
from ..wordlists import split_post_nominals
from .gender import _gender_beside, _gender_of_name
from .lexicon import data, tables
from .names import _first_name, _given_names_agree, _strip_sentence_opener, clean_name, clean_role


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
        letters = split_post_nominals(name.split())[1]  # "Philippe Sands QC": the QC is a role
        if letters:
            role = " ".join([role, *letters]) if role else " ".join(letters)
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
            if person.surname.casefold() != surname.casefold():
                continue  # "Leonardo diCaprio" and "DiCaprio": a name's case varies in copy
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
            if (p.surname.casefold() == surname.casefold() or surname in p.name.split())
            and (gender is None or p.gender in (None, gender))
            and not (given and _first_name(p.name) and not _given_names_agree(given, p.name))
        ]
        return matches[0] if len(matches) == 1 else (max(matches, key=lambda p: len(p.positions)) if matches else None)

    def org(self, name: str, type_: str, country: str | None, alias: str) -> Entity:
        """The organisation under its full name ("Tories" → Conservative Party), made once."""
        short = name[4:] if name.startswith(("The ", "the ")) else name  # "The Labour" (a headline's "The")
        name = data("speakers")["organisation_names"].get(short, name)
        entity = self.orgs.get(name) or self._by_acronym(name)
        if entity is None:
            entity = self.orgs[name] = Entity(name=name, type=type_, country=country)  # type: ignore[arg-type]
        if alias not in entity.aliases:
            entity.aliases.append(alias)
        return entity

    def _by_acronym(self, name: str) -> Entity | None:
        """"NAAMSA" after "the National Association … of South Africa (NAAMSA)": an acronym in
        brackets right after a name is that name's short form."""
        if not (name.isupper() and len(name) > 1):
            return None
        pattern = re.compile(rf"\({re.escape(name)}\b")
        return next((e for e in self.orgs.values() if any(pattern.search(a) for a in e.aliases)), None)

    def entities(self) -> list[Entity]:
        out = [
            Entity(name=p.name, type="PERSON", aliases=sorted(p.aliases - {p.name}), roles=list(p.roles))
            for p in self.people.values()
        ]
        return out + list(self.orgs.values())
