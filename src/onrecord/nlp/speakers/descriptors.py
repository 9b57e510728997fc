"""Descriptors ("the Russian leader", "the Democratic nominee") resolved to the person meant.

A descriptor names an office or a role; the person is the one the text gives that role
(by a title, an apposition or words written beside the name), in that country and party.
"""

from __future__ import annotations

import re

from ..docview import text_of
from .context import Context, _Piece
from .gender import _gender_of_words
from .lexicon import _OFFICE_MODIFIERS, DETERMINERS, _OFFICES, _PARTIES, tables
from .names import POSSESSIVE_INSIDE, _first_name
from .organisations import _country_in, _role_country
from .pronouns import _gender
from .registry import Person
from .text import _headlines, _subjects, _token_at, _word_pattern


def _resolve_descriptor(words: list[str], plural: bool, position: int, ctx: Context) -> _Piece | None:
    """"the Russian leader" → the person whose roles match; plural → the group of them."""
    t = tables()
    head = words[-1].lower().rstrip("s") if plural else words[-1].lower()
    wanted = t.role_synonyms.get(head, [head])
    country = _country_in(words)
    modifiers = [w for w in words[:-1] if w.lower() not in DETERMINERS and w not in t.adjectives]
    qualifiers = [w.lower() for w in modifiers]
    party = _party(" ".join(words).lower())
    # before an elected office, a seat or a state in capitals ("the Glasgow Kelvin MP") picks out
    # its holder: someone the text calls only "Labour MP" is not the one meant (before other
    # roles capitals belong to the office or its body: "the Culture Secretary", "the Celtic manager")
    seats = [w.lower() for w in modifiers
             if w[:1].isupper() and _party(w.lower()) is None and _country_in([w]) is None] if head in _OFFICES else []
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
        own = [_own_role(r) for r in person.roles]
        roles = " ".join(own + [near]).lower()
        if not roles.strip():
            continue
        if party and _party(roles) not in (None, party):
            continue  # "the Republican nominee" is not the Libertarian one
        if "vice" not in qualifiers and _running_mate(text, person, others):
            continue  # nor the running mate, wherever the text calls him one
        if not _holds_office(own + near.split("; "), wanted, qualifiers):
            continue  # "the prime minister" is not the Deputy Prime Minister
        if seats and not all(_names_seat(roles, q) for q in seats):
            continue
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
        if definite and (head in t.epithets or AGE.fullmatch(head)):
            return _salient_person(position, gender, ctx)  # "the billionaire", "the 31-year-old"
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


def _own_role(role: str) -> str:
    """"Senator Leahy's spokeswoman" is a spokeswoman: the words before a possessive are another's."""
    return re.split(r"['’]s\s+", role)[-1]


AGE = re.compile(r"\d+-year-old")  # "the 31-year-old": an epithet for someone already named


def _names_seat(roles: str, seat: str) -> bool:
    """Whether a person's role words name a seat or state, written out or abbreviated ("R-Mont.")."""
    if re.search(rf"\b{re.escape(seat)}\b", roles):
        return True
    return any(seat.startswith(short) for short in re.findall(r"\b([a-z]{2,})\.", roles))


def _holds_office(roles: list[str], wanted: list[str], qualifiers: list[str]) -> bool:
    """Whether one of a person's roles names the office a descriptor names, with no modifier
    the descriptor lacks: the Deputy Prime Minister and the shadow home secretary hold
    another office than "the prime minister" and "the home secretary". A person no role of
    whom names the office is left to the scoring."""
    naming = [r.lower() for r in roles if any(w in r.lower() for w in wanted)]
    if not naming:
        return True
    allowed = set(qualifiers)
    return any(not (set(re.findall(r"[a-z]+", r)) & _OFFICE_MODIFIERS) - allowed for r in naming)


def _party(text: str) -> str | None:
    """The party a descriptor or a person's role words name, if exactly one."""
    found = {code for word, code in _PARTIES.items() if re.search(rf"\b{word}\b", text)}
    found |= {m.group(1) for m in re.finditer(r"\b([RD])-[A-Z]", text.upper())}
    return found.pop() if len(found) == 1 else None


_NEAR_WORD = r"(?:[a-zA-Z’'\-]+|[A-Z][a-z]{1,3}\.)"  # "Sen." and "Gov." but no sentence's end


_NEAR_BEFORE = re.compile(rf"(?<![\w’'\-.])((?:{_NEAR_WORD} ){{0,4}})((?:[A-Z][\w.’'\-]* )*)$")


_NEAR_AFTER = re.compile(r"(?: \([^)]{1,12}\))?(?:, (?:the |a |an )?[\w.’'\- ]{1,60}?,)?")


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
    return "; ".join(out)


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
