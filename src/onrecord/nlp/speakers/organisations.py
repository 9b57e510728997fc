"""Organisations, countries and seats of government as speakers.

"The Kremlin" speaks for Russia, "Moscow said" is Russia, "the union" is the union the
text named before, "Trump's campaign" is the Trump campaign.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from ...model import Speaker
from ..docview import text_of
from .context import Context
from .lexicon import DETERMINERS, PLACE_PREPOSITIONS, _FUNCTION_WORDS, _NAME_LINKS, _ORG_HEADS, _SENTENCE_OPENERS, data, tables
from .names import POSSESSIVE, _clean
from .text import _token_at, _word_pattern


def _organisation_meant(head: str, position: int, ctx: Context) -> str | None:
    """The organisation a definite "the <head>" stands for, named before it: for "the
    campaign" the campaign of the owner last mentioned; else the nearest name holding the
    head or a word org_types gives for it ("the fund": the International Monetary Fund);
    else an organisation named in the sentence before."""
    if ctx.doc is None:
        return None
    text = text_of(ctx.doc)
    t = tables()
    if head in t.owned_org_heads:
        return _owner_organisation(head, text, position)
    kinds = t.org_types.get(head, ()) + (head.capitalize(),)
    last = None
    for last in _kind_pattern(kinds).finditer(text, 0, position):
        pass
    if last is not None:
        return _known_organisation(_name_around(text, last.start(), last.end()), ctx)
    return _organisation_just_named(position, ctx)


@lru_cache(maxsize=128)
def _kind_pattern(kinds: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words, whole, as written (capitalised words are names' words)."""
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True)) + r")(?![\w])")


_CAPITALISED = re.compile(r"[A-Z][\w.&’'\-]*")


def _name_around(text: str, start: int, end: int) -> str:
    """The capitalised run holding text[start:end]: "Association of Flight Attendants" around
    "Association", "Washington Post" around "Post"; a leading "The" and a possessive dropped."""
    left = text[max(0, start - 150) : start].split(" ")[:-1] if text[start - 1 : start] == " " else []
    right = text[end : end + 150].split(" ")[1:] if text[end : end + 1] == " " else []
    taken_left: list[str] = []
    while left and (_CAPITALISED.fullmatch(left[-1]) or left[-1] in _NAME_LINKS and len(left) > 1 and _CAPITALISED.fullmatch(left[-2])):
        taken_left.insert(0, left.pop())
    taken_right: list[str] = []
    for i, word in enumerate(right):
        if _CAPITALISED.fullmatch(word) or word in _NAME_LINKS and i + 1 < len(right) and _CAPITALISED.fullmatch(right[i + 1]):
            taken_right.append(word)
        else:
            break
    words = taken_left + [text[start:end]] + taken_right
    while words and words[0] in ("The", "the", "A", "An"):
        words = words[1:]
    return POSSESSIVE.sub("", " ".join(words))


def _owner_organisation(head: str, text: str, position: int) -> str | None:
    """"the campaign" → "Clinton campaign": of the owners the text names with the head ("the
    Clinton campaign", "Trump’s presidential campaign"), the one mentioned last before."""
    owners = {
        m.group(1)
        for m in re.finditer(rf"\b([A-Z][\w\-]+)(?:['’]s)? (?:[a-z]+ )?{head}\b", text)
        if m.group(1).lower() not in DETERMINERS | _FUNCTION_WORDS | _SENTENCE_OPENERS
    }
    best, at = None, -1
    for owner in owners:
        for m in _word_pattern(owner).finditer(text, 0, position):
            if m.start() > at:
                best, at = owner, m.start()
    return f"{best} {head}" if best else None


def _known_organisation(name: str, ctx: Context) -> str:
    """The registry's name for an organisation already met under this name or alias."""
    for entity in ctx.registry.orgs.values():
        if name == entity.name or name in entity.aliases:
            return entity.name
    return name


def _organisation_just_named(position: int, ctx: Context) -> str | None:
    """The last organisation the parse found in the sentence before the mention or its own."""
    token = _token_at(ctx.doc, position) if ctx.doc is not None else None
    if token is None:
        return None
    start = ctx.doc[token.sent.start - 1].sent.start if token.sent.start > 0 else token.sent.start
    begin = ctx.doc[start].idx
    found = [e for e in ctx.doc.ents if e.label_ == "ORG" and begin <= e.start_char and e.end_char <= position]
    return _known_organisation(_clean(found[-1].text), ctx) if found else None


def _split_of(words: list[str]) -> tuple[list[str], list[str]]:
    """"Commission on Presidential Debates" → (["Commission"], ["Presidential", "Debates"]);
    "Rep. Elijah Cummings of Maryland" → (["Rep.", "Elijah", "Cummings"], ["Maryland"]): the
    capitalised words on each side of the last "of", "on" or "for" between them, if any."""
    for i in range(len(words) - 2, 0, -1):
        if words[i] in ("of", "on", "for") and words[i - 1][:1].isupper():
            rest = words[i + 1 :]
            rest = rest[1:] if rest and rest[0] == "the" else rest
            if rest and all(w[:1].isupper() for w in rest):
                start = i - 1
                while start > 0 and words[start - 1][:1].isupper():
                    start -= 1
                return words[start:i], rest
            return [], []
    return [], []


def _names_an_organisation(role: str | None, name: str) -> bool:
    """"The residents' group, Clean Calder", a lone "Ministry" or "Yahoo News": an organisation's name."""
    if role and role.split()[-1].strip(",").lower() in _ORG_HEADS:
        return True
    if name.split()[-1] in tables().org_words or name in data("speakers")["organisation_names"]:
        return True  # "Yahoo News"; "Labour", which the parse may take for a person
    return len(name.split()) == 1 and name.lower() in _ORG_HEADS


def _people_somewhere(words: list[str]) -> bool:
    """"Doctors in Athens", "political observers in Virginia": unnamed people and where they are."""
    t = tables()
    at = next((i for i, w in enumerate(words) if w in PLACE_PREPOSITIONS), None)
    if not at:
        return False
    head = words[at - 1].lower()
    return any(h in t.person_nouns or h in t.role_nouns for h in (head, head[:-1] if head.endswith("s") else head))


def _organisation(words: list[str], span: Span | None) -> str | None:
    """An organisation's name, if the words are one. An owner's ("Donald Trump’s campaign") is
    named as written elsewhere, "Trump campaign"; what an owner has ("Obama’s veto") is none."""
    owner = next((i for i, w in enumerate(words[:-1]) if POSSESSIVE.search(w) and w[:1].isupper()), None)
    if owner is not None:
        if words[-1].lower() not in _ORG_HEADS:
            return None
        return f"{POSSESSIVE.sub('', words[owner])} {words[-1]}"
    if span is not None and any(t.ent_type_ in ("ORG", "GPE", "NORP") for t in span):
        return " ".join(words)
    if any(w[:1].isupper() for w in words) or words[-1].lower() in _ORG_HEADS:
        return " ".join(words)
    return None


def _country_in(words: list[str]) -> str | None:
    t = tables()
    for w in words:
        if w in t.adjectives:
            return t.adjectives[w]
        if w.lower() in t.country_of:
            return t.country_of[w.lower()]
    return None


def _resolve_place(speaker: Speaker, mention: str) -> bool:
    """Countries, capitals and seats of government, which speak for a state."""
    t = tables()
    key = mention.strip()
    if key in t.seats:
        name, country = t.seats[key]
        speaker.type, speaker.name, speaker.country = "ORG", name, country
        return True
    if key.lower() in t.country_of:
        speaker.type, speaker.name, speaker.country = "GPE", t.country_of[key.lower()], t.country_of[key.lower()]
        return True
    if key in t.capitals:
        speaker.type, speaker.name, speaker.country = "GPE", t.capitals[key], t.capitals[key]
        return True
    return False


def _role_country(roles: list[str]) -> str | None:
    for role in roles:
        found = _country_in(role.split())
        if found:
            return found
    return None
