"""Unnamed sources and works that speak for someone named: whose spokesman, whose report.

"A Downing Street spokesman", "a spokeswoman for Chelsea" and "a Labour spokesman" are
unnamed people who speak for an organisation: the organisation is the speaker and the
noun its role. "A book by Robert Peston", "a Financial Times report" and "a survey by
Earthlink" speak for their author or issuer: the author is the speaker and the work its
role. Nothing here fires without an owner the text names.
"""

from __future__ import annotations

import re

from ...model import Speaker
from .context import Context, _Piece
from .lexicon import DETERMINERS, _ORG_HEADS, data, tables
from .names import POSSESSIVE
from .organisations import _country_in, _organisation_meant, _resolve_place

_OWNER_LINKS = frozenset("for at from of with by".split())
_NAME_GLUE = frozenset("of and for on & de du la le von van".split())


def _nouns(key: str) -> frozenset[str]:
    return frozenset(data("speakers")[key])


def owner_and_noun(words: list[str]) -> tuple[list[str], str, str] | None:
    """(owner's words, source or work noun, how the owner is written: "by" an author,
    "for" an organisation, a "prefix" or "possessive" before the noun, a "common" noun
    ("party spokesman"), a "title" before a work ("a Bloomberg poll")) of "Downing Street
    spokesman", "spokeswoman for Chelsea", "book by Robert Peston", "party spokesman";
    None when the words are no unnamed source or work, or name the person too ("Valve
    spokesman Doug Lombardi")."""
    sources, works = _nouns("source_nouns"), _nouns("work_nouns")
    lowered = [w.lower() for w in words]
    # written in lower case: a capitalised "Review" or "Survey" is a word of a name
    at = next((i for i, w in enumerate(words) if w.islower() and (w in sources or w in works)), None)
    if at is None:
        return None
    noun = lowered[at]
    after = words[at + 1 :]
    if after and lowered[at + 1] in _OWNER_LINKS and (lowered[at + 1] != "by" or noun in works):
        rest = [w for w in after[1:]]
        while rest and rest[0].lower() in DETERMINERS:
            rest = rest[1:]
        owner = _capitalised_run(rest)
        after_run = rest[len(owner) : len(owner) + 2]
        if owner and len(after_run) == 2 and after_run[0].islower() and after_run[0] not in _NAME_GLUE \
                and after_run[1][:1].isupper():
            return None  # "a study by Loyola Law School professor Justin Levitt": the name comes after a title
        if owner:
            return owner, noun, "by" if lowered[at + 1] == "by" else "for"
        if rest and rest[0].lower() in _ORG_HEADS:
            return [rest[0].lower()], noun, "common"
        return None
    if after:
        return None  # "spokesman Alex Folkes", "report reveals": not the source's own words
    before = words[:at]
    skipped = 0
    while (skipped < 2 and len(before) > 1 and before[-1].islower() and before[-1] not in DETERMINERS
           and before[-1] not in _ORG_HEADS and (before[-2][:1].isupper() or before[-2].islower())):
        before, skipped = before[:-1], skipped + 1  # "Google's security team", "Labour campaign spokesman"
    if skipped and not before[-1][:1].isupper():
        before = words[:at]
    run: list[str] = []
    for w in reversed(before):
        if w[:1].isupper() or (run and w.lower() in _NAME_GLUE):
            run.insert(0, w)
        else:
            break
    while run and run[0].lower() in _NAME_GLUE:
        run = run[1:]
    if run:
        owned = POSSESSIVE.search(run[-1]) is not None
        run[-1] = POSSESSIVE.sub("", run[-1])
        if noun in works and not owned:
            return run, noun, "title"  # "a Bloomberg poll": an outlet's or a firm's, whoever shares its name
        return run, noun, "possessive" if owned else "prefix"
    if before and before[-1].lower() in _ORG_HEADS:
        return [before[-1].lower()], noun, "common"
    return None


def _capitalised_run(words: list[str]) -> list[str]:
    """"Reporters Without Borders, which…" → its capitalised words, glue words inside kept,
    up to the first lower-case word or comma."""
    run: list[str] = []
    for w in words:
        if w[:1].isupper() or (run and w.lower() in _NAME_GLUE):
            run.append(w.rstrip(","))
            if w.endswith(","):
                break
        else:
            break
    while run and run[-1].lower() in _NAME_GLUE:
        run.pop()
    return run


def resolve_owned(words: list[str], position: int, ctx: Context) -> _Piece | None:
    """The speaker an unnamed source or a work stands for, with the noun as its role: a person
    the document knows ("a spokeswoman for Hillary Clinton"), a seat of government or a
    country, else an organisation. None when the words are neither or name no owner."""
    found = owner_and_noun(words)
    if found is None:
        return None
    owner, noun, kind = found
    if kind == "common":
        named = _organisation_meant(owner[0], position, ctx)  # "a party spokesman": the party named before
        if named is None or named.lower() == owner[0]:
            return None  # "Party" alone names no party
        owner = named.split()
    text = " ".join(owner)
    if text.lower() in {w.lower() for w in _nouns("source_nouns") | _nouns("work_nouns")}:
        return None
    if text in data("speakers")["organisation_names"]:
        entity = ctx.registry.org(text, "ORG", None, text)  # "a Labour spokesman": the Labour Party
        return _Piece("ORG", entity.name, noun, entity.country)
    probe = Speaker(mention=text, start=position, end=position)
    if _resolve_place(probe, text):
        return _Piece(probe.type, probe.name, noun, probe.country)
    person = ctx.registry.find(text) if kind != "title" else None
    if person is not None and owner[-1] == person.surname and (kind == "by" or person.gender is not None):
        # an author, or surely a person (a given name or title says a gender): a club the parse took for one is none
        return _Piece("PERSON", person.name, noun)
    t = tables()
    if kind in ("by", "possessive") and len(owner) >= 2 and owner[0].lower() in t.male | t.female:
        person = ctx.registry.person(text, position, None, alias=text)  # "a book by Martin Keld": a given name
        return _Piece("PERSON", person.name, noun)
    entity = ctx.registry.org(text, "ORG", _country_in(owner), text)
    return _Piece("ORG", entity.name, noun, entity.country)


_ISSUER = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in data("speakers")["issuing_participles"]) + r")(?: [\w-]+){0,3}? by (?:the )?"
    r"([A-Z][\w&'’-]*(?: (?:of|for|and|&|the|[A-Z][\w&'’-]*))*)"
)


def issuer_named_before(text: str, head: str, position: int) -> str | None:
    """"717 lawsuits … were filed this week by the Recording Industry Association of America.
    The suits, brought on behalf of…, cite…": a definite work ("the suits", "the report")
    speaks for whoever the text last said issued a work of that kind ("lawsuits filed by X",
    a participle of issuing before "by": "the party, led by Trump" issued no poll), in the
    600 characters before it."""
    stem = head[:-1] if head.endswith("s") else head
    if stem not in _nouns("work_nouns"):
        return None
    window_start = max(0, position - 600)
    found = None
    for m in re.finditer(rf"\b\w*{re.escape(stem)}s?\b", text[window_start:position]):
        at = window_start + m.end()
        sentence_end = text.find(". ", at, position)
        issuer = _ISSUER.search(text, at, sentence_end if sentence_end != -1 else position)
        if issuer is not None:
            found = issuer.group(1).rstrip(" ,")
            while found.split()[-1].lower() in _NAME_GLUE:
                found = found.rsplit(" ", 1)[0]
    return found
