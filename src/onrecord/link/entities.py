"""Cross-document entity resolution: one entity per real speaker, under all its names.

Within a document the nlp stage already resolves "he" and "the Russian leader" to a
name.  Across documents the same person reaches the record as "Nicolas Maduro" and
"Nicolás Maduro", "Mr Blair" and "Tony Blair", "Lord Goldsmith" and "Peter
Goldsmith".  The rules here merge those, and only those: a bare surname joins a full
name only when exactly one compatible full name with that surname is in the record,
so two different Johnsons stay apart.  Seats of government and capitals keep their
own entity but record what they stand for (the Kremlin → Russia).

Every merge carries a ``why`` a person can check, and user corrections
(:func:`apply_overrides`) are replayed after the automatic rules so they survive
re-analysis.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator

from ..model import Entity, Speaker, Statement
from ..nlp.wordlists import names as name_lists, particle_pattern, split_post_nominals
from .lexicon import lexicon
from .text import fold

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_ROLE_FILLERS = frozenset("the a an of for and 's".split())


@dataclass
class Merge:
    """One name joined to a canonical entity, and the reason a reader can check."""

    alias: str
    into: str
    why: str
    rule: str  # accent | title | surname | nickname | role | government | capital | user

    def to_dict(self) -> dict[str, str]:
        return {"alias": self.alias, "into": self.into, "why": self.why, "rule": self.rule}


@dataclass
class _Name:
    """A surface name as met in the record, with what the rules need to know of it."""

    surface: str
    type: str
    key: str  # folded, title-less: "nicolas maduro"
    honorific: str | None = None  # "mr", "lord" when one was stripped
    roles: set[str] = field(default_factory=set)
    country: str | None = None
    count: int = 0


@dataclass
class Resolution:
    """What the rules decided: every surface name's canonical entity, and why.

    Unpacks as ``canonical, merges = resolve_entities(...)``; ``entities`` holds the
    merged :class:`Entity` objects (aliases and roles pooled) for the store and export,
    ``stands_for`` the country an organisation or metonym stands for.
    """

    canonical: dict[str, str] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    stands_for: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Any]:
        yield self.canonical
        yield self.merges

    def canon(self, name: str | None) -> str | None:
        """The canonical name for a surface name (exact, then folded and title-less)."""
        if not name:
            return None
        if name in self.canonical:
            return self.canonical[name]
        return self._by_key().get(person_key(name)[0]) or self._by_key().get(fold(name).strip())

    def _by_key(self) -> dict[str, str]:
        cache = self.__dict__.get("_key_cache")
        if cache is None or len(cache) < len(self.canonical) // 2:
            cache = {}
            for surface, canon in self.canonical.items():
                cache.setdefault(person_key(surface)[0], canon)
                cache.setdefault(fold(surface).strip(), canon)
            self.__dict__["_key_cache"] = cache
        return cache

    def country_of(self, canon: str | None) -> str | None:
        """The country an entity stands for or belongs to (the Kremlin → Russia)."""
        if not canon:
            return None
        if canon in self.stands_for:
            return self.stands_for[canon]
        entity = self.entities.get(canon)
        return entity.country if entity else None


# ---------------------------------------------------------------- name keys


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Title, honorific and nationality words, folded (built once: every name key reads them)."""
    lex = lexicon()
    words = {fold(t).strip(".") for t in lex.speakers.get("titles", [])}
    words |= {fold(a).strip(".") for a in lex.speakers.get("adjectives", {})}
    return frozenset(words | lex.honorifics | lex.titles | {"the", "former", "late", "u.s", "us", "uk", "u.k"})


def person_key(name: str) -> tuple[str, str | None, str]:
    """(key, honorific, role): "U.S. President Donald Trump’s" → ("donald trump", None, "U.S. President").

    Titles are stripped from the front only, so a surname that is also a title word
    ("Martin Luther King") survives; at least one word always remains.
    """
    raw = _POSSESSIVE.sub("", name.strip())
    words, letters = split_post_nominals(raw.replace(",", " ").split())  # "Philippe Sands QC" is Philippe Sands
    titles = _titles()
    honorifics = lexicon().honorifics
    cut = 0
    honorific = None
    while cut < len(words) - 1 and fold(words[cut]).strip(".") in titles:
        w = fold(words[cut]).strip(".")
        if w in honorifics and honorific is None:
            honorific = w
        cut += 1
    role = " ".join([w for w in words[:cut] if fold(w) not in ("the", "former", "late")] + letters) or ""
    key = " ".join(fold(w).replace(".", "") for w in words[cut:])
    return key, honorific, role


def _gender(first: str) -> str | None:
    lex = lexicon()
    female, male = first in lex.female_names, first in lex.male_names
    return "f" if female and not male else "m" if male and not female else None


def _honorific_gender(honorific: str | None) -> str | None:
    lex = lexicon()
    if honorific in lex.female_honorifics:
        return "f"
    if honorific in lex.male_honorifics:
        return "m"
    return None


def _first_names_compatible(a: str, b: str) -> str | None:
    """Why two first names may name one person ("tony"/"anthony"), or None."""
    if a == b:
        return "same first name"
    nick = lexicon().nicknames
    if nick.get(a, a) == nick.get(b, b):
        return f"'{a}' is short for '{nick.get(a, a)}'" if a != nick.get(a, a) else f"'{b}' is short for '{a}'"
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return "initial matches first name"
    return None


# ---------------------------------------------------------------- gathering


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(country alias → country, capital → country, seat → country), folded keys; built once, read only."""
    lex = lexicon()
    countries = {fold(a).replace(".", ""): name for name, aliases in lex.speakers.get("countries", {}).items() for a in aliases}
    countries.update({fold(name).replace(".", ""): name for name in lex.speakers.get("countries", {})})
    capitals = {fold(k): v for k, v in lex.speakers.get("capitals", {}).items()}
    capitals.update({fold(k): v for k, v in lex.places.items()})
    seats = {fold(k): v for k, v in lex.governments.items()}
    return countries, capitals, seats


def _records(items: Iterable[Statement | Entity | Speaker | str]) -> Iterator[tuple[str, str, list[str], str | None, list[str]]]:
    """(name, type, roles, country, aliases) for everything that names a speaker."""
    for item in items:
        if isinstance(item, Statement):
            if item.speaker is not None:
                yield from _records([item.speaker])
        elif isinstance(item, Speaker):
            if item.type == "GROUP":
                for member in item.members:
                    yield member, "PERSON", [], None, []
            elif item.name:
                yield item.name, item.type, [item.role] if item.role else [], item.country, []
        elif isinstance(item, Entity):
            yield item.name, item.type, list(item.roles), item.country, list(item.aliases)
        elif isinstance(item, str) and item.strip():
            yield item, "OTHER", [], None, []


def _collect(items: Iterable[Statement | Entity | Speaker | str]) -> tuple[dict[str, _Name], list[tuple[str, str]]]:
    """Surface names with their keys, and the (alias, name) ties the documents state."""
    names: dict[str, _Name] = {}
    ties: list[tuple[str, str]] = []
    for name, typ, roles, country, aliases in _records(items):
        entry = _add(names, name, typ)
        entry.count += 1
        entry.roles.update(r for r in roles if r)
        entry.country = entry.country or country
        for alias in aliases:
            if alias and alias != name:
                _add(names, alias, typ)
                ties.append((alias, name))
    return names, ties


def _add(names: dict[str, _Name], surface: str, typ: str) -> _Name:
    if surface not in names:
        if _is_role_phrase(surface):
            key, honorific, role = "role: " + _role_key(surface), None, ""
        elif typ in ("PERSON", "OTHER"):
            key, honorific, role = person_key(surface)
        else:
            key, honorific, role = _org_key(surface), None, ""
        if role and fold(role).strip(".") in lexicon().honorifics and " " not in role:
            role = ""  # "Mr" is a form of address, not a role
        names[surface] = _Name(surface, typ, key, honorific, {role} if role else set())
    elif typ != "OTHER" and names[surface].type == "OTHER":
        names[surface].type = typ
    return names[surface]


def _org_key(name: str) -> str:
    words = [w for w in fold(_POSSESSIVE.sub("", name.strip())).replace(".", "").split()]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


# ---------------------------------------------------------------- union-find


class _Groups:
    """Union-find over surface names, remembering one reason per merge."""

    def __init__(self, names: Iterable[str]) -> None:
        self.parent = {n: n for n in names}
        self.merges: list[Merge] = []

    def find(self, n: str) -> str:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def union(self, alias: str, into: str, why: str, rule: str) -> None:
        ra, rb = self.find(alias), self.find(into)
        if ra == rb:
            return
        self.parent[ra] = rb
        self.merges.append(Merge(alias, into, why, rule))


# ---------------------------------------------------------------- the rules


def resolve_entities(items: Iterable[Statement | Entity | Speaker | str]) -> Resolution:
    """One entity per real speaker across documents, each merge with its reason.

    Accepts statements (their speakers), speakers, stored entities (with aliases and
    roles) or bare names, in any mix.
    """
    names, ties = _collect(items)
    groups = _Groups(names)
    stands_for: dict[str, str] = {}
    for alias, name in ties:
        groups.union(alias, name, f"'{alias}' is recorded as an alias of '{name}'", "alias")
    _merge_same_key(names, groups)
    _merge_places(names, groups, stands_for)
    _merge_full_names(names, groups)
    ambiguous = _merge_surnames(names, groups)
    _merge_roles(names, groups, ambiguous)
    return _finish(names, groups, stands_for, ambiguous)


def _person_like(n: _Name) -> bool:
    countries, capitals, seats = _gazetteer()
    k = n.key
    return (n.type in ("PERSON", "OTHER") and not k.startswith("role: ")
            and k not in countries and k not in capitals and k not in seats and _written_as_a_name(n.surface))


def _written_as_a_name(surface: str) -> bool:
    """A person's name is capitalised word by word, but for particles ("Ludwig van Beethoven").

    A run with a lower-case common noun in it ("Hong Kong stock markets") is no person's name,
    so its last word is no surname for a bare "Markets" to join.
    """
    particles = {p.lower() for p in name_lists().particles}
    for word in surface.split():
        core = word.strip(".,'’\"()")
        if core and not core[0].isupper() and not core[0].isdigit() and core.lower() not in particles \
                and not core.lower().startswith(("mc", "mac", "o'")):
            return False
    return True


def _is_role_phrase(name: str) -> bool:
    """"the attorney general", "Foreign Secretary": every word a title or role noun."""
    words = _role_key(name).split()
    if not words:
        return False
    role_nouns = set(lexicon().speakers.get("role_nouns", [])) | _titles()
    return all(w in role_nouns for w in words) and not (len(words) == 1 and words[0] in lexicon().honorifics)


def _merge_same_key(names: dict[str, _Name], groups: _Groups) -> None:
    """Names equal once accents, case, titles and possessives are gone."""
    by_key: dict[tuple[str, str], list[_Name]] = defaultdict(list)
    for n in names.values():
        if n.key:
            by_key[(n.key, "P" if _person_like(n) else "O")].append(n)
    for group in by_key.values():
        if len(group) < 2:
            continue
        head = _preferred(group)
        for n in group:
            if n is not head:
                groups.union(n.surface, head.surface, _same_key_why(n, head), _same_key_rule(n, head))


def _same_key_rule(a: _Name, b: _Name) -> str:
    return {"accent-folded names equal": "accent", "the same name in the possessive": "possessive"}.get(
        _same_key_why(a, b), "title")


def _plain(s: str) -> str:
    return fold(_POSSESSIVE.sub("", s)).replace(".", "").strip()


def _same_key_why(a: _Name, b: _Name) -> str:
    """Name the one difference between two spellings that share a key."""
    sa, sb = _POSSESSIVE.sub("", a.surface.strip()), _POSSESSIVE.sub("", b.surface.strip())
    if sa.lower() != sb.lower() and fold(sa) == fold(sb):
        return "accent-folded names equal"
    if sa == sb:
        return "the same name in the possessive"
    if fold(sa) == fold(sb):
        return "the same name written differently"
    roles = sorted(r for r in (person_key(a.surface)[2], person_key(b.surface)[2]) if r)
    if roles and fold(roles[0]).strip(".") not in lexicon().honorifics:
        return f"the same name without the role '{roles[0]}'"
    if roles:
        return f"the same name without the title '{roles[0]}'"
    return "the same name once case, accents and titles are set aside"


def _preferred(group: list[_Name]) -> _Name:
    """The canonical spelling: accented forms first (Nicolás), then the most used, then the longest."""
    def rank(n: _Name) -> tuple[int, int, int, int, int]:
        accents = sum(1 for c in n.surface if ord(c) > 127 and c.isalpha())
        title_free = int(person_key(n.surface)[0] == _plain(n.surface))
        plain = int(not _POSSESSIVE.search(n.surface))
        return (plain, title_free, accents, n.count, -len(n.surface))
    return max(group, key=rank)


def _merge_places(names: dict[str, _Name], groups: _Groups, stands_for: dict[str, str]) -> None:
    """Countries under one name; seats of government and capitals stand for their country.

    "Russian government" and "government of Russia" join the seat of Russia's
    government (the Kremlin) when the record has it; a capital used as a speaker
    ("Moscow said") joins its country.
    """
    countries, capitals, seats = _gazetteer()
    country_names = {}
    seat_names: dict[str, str] = {}
    for n in names.values():
        k = n.key.replace(".", "")
        if k in countries:
            country_names.setdefault(countries[k], []).append(n)
        if k in seats:
            stands_for[n.surface] = seats[k]
            seat_names.setdefault(seats[k], n.surface)
    for country, members in country_names.items():
        head = next((m for m in members if m.surface == country), _preferred(members))
        for m in members:
            if m is not head:
                groups.union(m.surface, head.surface, f"'{m.surface}' names the country {country}", "country")
    for n in names.values():
        k = n.key.replace(".", "")
        government = _government_of(k, countries)
        if government and government in seat_names:
            seat = seat_names[government]
            groups.union(n.surface, seat, f"the {seat} is the seat of {_the(government)}'s government", "government")
            stands_for[n.surface] = government
        elif government:
            stands_for[n.surface] = government
        if k in capitals and k not in countries:
            country = capitals[k]
            stands_for[n.surface] = country
            target = next((m.surface for m in country_names.get(country, [])), None)
            if target:
                groups.union(n.surface, target, f"{n.surface} is the capital of {_the(country)} and stands for it", "capital")


def _the(country: str) -> str:
    """"the United States", "Russia": country names as they read in a sentence."""
    return f"the {country}" if country.startswith(("United", "European", "Netherlands", "Philippines")) else country


def _government_of(key: str, countries: dict[str, str]) -> str | None:
    """"russian government" / "government of russia" / "moscow's government" → "Russia"."""
    adjectives = {fold(a).replace(".", ""): c for a, c in lexicon().speakers.get("adjectives", {}).items()}
    m = re.fullmatch(r"(.+?) (?:government|administration|authorities)", key) or re.fullmatch(
        r"(?:government|administration|authorities) of (?:the )?(.+)", key
    )
    if not m:
        return None
    place = m.group(1).strip()
    return adjectives.get(place) or countries.get(place)


def _split_person(key: str) -> tuple[str, str] | None:
    """(first, last) of a full name key; None for a single word."""
    words = key.split()
    if len(words) < 2:
        return None
    return words[0], words[-1]


def _merge_full_names(names: dict[str, _Name], groups: _Groups) -> None:
    """Full names with one surname merge when their first names are compatible (Mike = Michael)."""
    by_surname: dict[str, list[_Name]] = defaultdict(list)
    for n in names.values():
        if _person_like(n) and _split_person(n.key):
            by_surname[_split_person(n.key)[1]].append(n)
    for surname, people in by_surname.items():
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                if groups.find(a.surface) == groups.find(b.surface):
                    continue
                fa, fb = _split_person(a.key)[0], _split_person(b.key)[0]
                why = _first_names_compatible(fa, fb)
                if why and why != "same first name" and _genders_agree(a, b):
                    head = _preferred([a, b])
                    other = b if head is a else a
                    groups.union(other.surface, head.surface, f"{why}: same surname '{surname.capitalize()}'", "nickname")


def _genders_agree(a: _Name, b: _Name) -> bool:
    ga = _honorific_gender(a.honorific) or _gender((_split_person(a.key) or (a.key, ""))[0])
    gb = _honorific_gender(b.honorific) or _gender((_split_person(b.key) or (b.key, ""))[0])
    return ga is None or gb is None or ga == gb


def _merge_surnames(names: dict[str, _Name], groups: _Groups) -> dict[str, list[str]]:
    """A bare surname ("Blair", "Mr Blair", "Lord Goldsmith") joins the only compatible full name."""
    full_by_surname: dict[str, dict[str, _Name]] = defaultdict(dict)
    for n in names.values():
        if _person_like(n) and _split_person(n.key):
            full_by_surname[_split_person(n.key)[1]][groups.find(n.surface)] = n
    ambiguous: dict[str, list[str]] = {}
    for n in names.values():
        if not _person_like(n) or _split_person(n.key) or not n.key or groups.find(n.surface) != n.surface:
            continue  # one decision per group of bare forms ("Blair", "Mr Blair")
        candidates = [c for c in full_by_surname.get(n.key, {}).values() if _genders_agree(n, c)]
        people = {groups.find(c.surface): c for c in candidates}
        if len(people) == 1:
            root = next(iter(people))
            full = _display(names, groups, root)
            first = _split_person(names[root].key)[0].capitalize() if _split_person(names[root].key) else ""
            groups.union(n.surface, root, f"surname of the only {first} {n.key.title()} in the record ({full})", "surname")
        elif len(people) > 1:
            ambiguous[n.surface] = sorted(_display(names, groups, r) for r in people)
    return ambiguous


def _display(names: dict[str, _Name], groups: _Groups, root: str) -> str:
    members = [n for n in names.values() if groups.find(n.surface) == root]
    return _preferred(members).surface if members else root


def _role_key(role: str) -> str:
    words = [fold(w).strip(".") for w in _POSSESSIVE.sub("", role).split()]
    adjectives = {fold(a).strip(".") for a in lexicon().speakers.get("adjectives", {})}
    return " ".join(w for w in words if w not in _ROLE_FILLERS and w not in adjectives)


def _merge_roles(names: dict[str, _Name], groups: _Groups, ambiguous: dict[str, list[str]]) -> None:
    """A role used as a name ("the attorney general") joins the only person the record gives that role."""
    holders: dict[str, set[str]] = defaultdict(set)
    for n in names.values():
        for role in n.roles:
            if _role_key(role):
                holders[_role_key(role)].add(groups.find(n.surface))
    for n in names.values():
        if not n.key.startswith("role: "):
            continue
        key = n.key[len("role: "):]
        people = {r for r in holders.get(key, set()) if r != groups.find(n.surface)}
        if len(people) == 1:
            root = next(iter(people))
            full = _display(names, groups, root)
            groups.union(n.surface, root, f"the record gives the role '{key}' to {full} alone", "role")
        elif len(people) > 1:
            ambiguous[n.surface] = sorted(_display(names, groups, r) for r in people)


def _finish(names: dict[str, _Name], groups: _Groups, stands_for: dict[str, str], ambiguous: dict[str, list[str]]) -> Resolution:
    members: dict[str, list[_Name]] = defaultdict(list)
    for n in names.values():
        members[groups.find(n.surface)].append(n)
    res = Resolution(merges=list(groups.merges), ambiguous=ambiguous)
    for group in members.values():
        head = _canonical_member(group)
        roles = sorted({r for n in group for r in n.roles})
        country = next((n.country for n in group if n.country), None)
        typ = Counter(n.type for n in group if n.type != "OTHER").most_common(1)
        entity = Entity(
            name=head.surface, type=typ[0][0] if typ else "OTHER",  # type: ignore[arg-type]
            aliases=sorted({n.surface for n in group} - {head.surface}), roles=roles,
            country=country or next((stands_for[n.surface] for n in group if n.surface in stands_for), None),
        )
        res.entities[head.surface] = entity
        for n in group:
            res.canonical[n.surface] = head.surface
            if n.surface in stands_for:
                res.stands_for.setdefault(head.surface, stands_for[n.surface])
    for m in res.merges:
        m.into = res.canonical.get(m.into, m.into)
    return res


def _canonical_member(group: list[_Name]) -> _Name:
    """A full, title-less name when there is one: "Tony Blair" over "Mr Blair"."""
    full = [n for n in group if _split_person(n.key) and person_key(n.surface)[0] == _plain(n.surface)]
    countries = [n for n in group if n.key in _gazetteer()[0] and n.surface == _gazetteer()[0][n.key]]
    return _preferred(countries or full or group)


# ---------------------------------------------------------------- user corrections


def _override_fields(o: Any) -> tuple[str, str, str]:
    """An override as (action, a, b) from a dict, a store row, a tuple or an object."""
    if isinstance(o, dict) or hasattr(o, "keys"):
        return o["action"], o["a"], o["b"]
    if isinstance(o, (tuple, list)):
        return o[0], o[1], o[2]
    return o.action, o.a, o.b


def apply_overrides(resolved: Resolution | list[Entity], overrides: Iterable[Any]) -> Resolution | list[Entity]:
    """Replay user corrections, in order, on top of the automatic resolution.

    ``merge(A, B)``: B (and everything resolved to it) becomes part of A.
    ``split(A, alias)``: that name leaves A and becomes its own entity.
    Overrides name entities by their names, never by row ids, so they apply the
    same way after the record is analysed again.  Returns the same kind it was given.
    """
    as_list = not isinstance(resolved, Resolution)
    res = resolve_entities(resolved) if as_list else _copy(resolved)
    for o in overrides:
        action, a, b = _override_fields(o)
        if action == "merge":
            _user_merge(res, a, b)
        elif action == "split":
            _user_split(res, a, b)
        else:
            raise ValueError(f"unknown entity override action: {action!r}")
    return list(res.entities.values()) if as_list else res


def _copy(res: Resolution) -> Resolution:
    return Resolution(
        canonical=dict(res.canonical), merges=list(res.merges),
        entities={k: Entity(e.name, e.type, list(e.aliases), list(e.roles), e.country, e.id) for k, e in res.entities.items()},
        stands_for=dict(res.stands_for), ambiguous=dict(res.ambiguous),
    )


def _user_merge(res: Resolution, a: str, b: str) -> None:
    ca, cb = res.canon(a) or a, res.canon(b) or b
    if ca == cb:
        return
    ea = res.entities.setdefault(ca, Entity(ca, "OTHER"))
    eb = res.entities.pop(cb, Entity(cb, "OTHER"))
    ea.aliases = sorted(set(ea.aliases) | set(eb.aliases) | {cb})
    ea.roles = sorted(set(ea.roles) | set(eb.roles))
    ea.country = ea.country or eb.country
    for surface, canon in list(res.canonical.items()):
        if canon == cb:
            res.canonical[surface] = ca
    res.canonical[b] = res.canonical[cb] = ca
    res.merges.append(Merge(b, ca, f"merged by the user: {b} is {ca}", "user"))
    res.__dict__.pop("_key_cache", None)


def _user_split(res: Resolution, a: str, alias: str) -> None:
    ca = res.canon(a) or a
    entity = res.entities.get(ca)
    if entity is None:
        return
    moved = {s for s, c in res.canonical.items() if c == ca and (s == alias or person_key(s)[0] == person_key(alias)[0])}
    moved.add(alias)
    entity.aliases = [x for x in entity.aliases if x not in moved]
    res.entities[alias] = Entity(alias, entity.type, sorted(moved - {alias}), [], entity.country)
    for s in moved:
        res.canonical[s] = alias
    res.merges = [m for m in res.merges if not (m.alias in moved and m.into == ca)]
    res.merges.append(Merge(alias, alias, f"split by the user from {ca}", "user"))
    res.__dict__.pop("_key_cache", None)


# ---------------------------------------------------------------- names in running text

_CAP_RUN = re.compile(rf"(?:[A-Z][\w’'\-.]*|[A-Z]\.)(?:\s+(?:[A-Z][\w’'\-.]*|[A-Z]\.|{particle_pattern()}))*")


def names_in_texts(texts: Iterable[str]) -> list[Speaker]:
    """People named in the articles ("Venezuelan President Nicolás Maduro"), with their roles.

    Statements only name their speakers; the people they talk *about* (Maduro,
    Guaidó) must be known too, so that "Maduro" in one statement and "the Venezuelan
    leader's regime" in another can be tied to one person and country.  A run of
    capitalised words counts as a person when a known first name starts its last
    two or three words; the capitalised words before it that are titles or
    nationalities become the role.
    """
    lex = lexicon()
    firsts = lex.female_names | lex.male_names
    titles = _titles()
    found: dict[str, Speaker] = {}
    for text in texts:
        for m in _CAP_RUN.finditer(text):
            words = [w.rstrip(".,’'") if not re.fullmatch(r"[A-Z]\.", w) else w for w in m.group().split()]
            words = [_POSSESSIVE.sub("", w) for w in words]
            for i, w in enumerate(words):
                if fold(w) in firsts and i + 1 < len(words) and words[i + 1][:1].isupper():
                    name_words = words[i : i + 3] if i + 2 < len(words) and words[i + 2][:1].isupper() else words[i : i + 2]
                    if any(fold(x).strip(".") in titles for x in name_words[1:]):
                        name_words = name_words[:2]
                    name = " ".join(name_words)
                    role = " ".join(x for x in words[:i] if fold(x).strip(".") in titles and fold(x) != "the")
                    speaker = found.setdefault(name, Speaker(name, -1, -1, "PERSON", name))
                    if role and not speaker.role:
                        speaker.role = role
                    break
    return list(found.values())
