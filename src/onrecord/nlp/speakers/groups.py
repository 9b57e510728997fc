"""Mentions that name several speakers ("Bolton and Pompeo") and the "and"s that do not."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .lexicon import tables
from .names import _clean, _is_title
from .people import _looks_like_name


def _one_described_twice(members: list[str]) -> bool:
    """"The former first lady and U.S. senator": descriptors without a name, the last singular,
    describe one person, not a group."""
    t = tables()
    named = any(_looks_like_name(m.split(), None) for m in members)
    head = members[-1].split()[-1].lower()
    return not named and (head in t.role_nouns or head in t.epithets) and not head.endswith("s")


def _group_members(span: Span | None, mention: str) -> list[str]:
    """"Bolton and Pompeo", "The adviser, John Bolton, and Secretary Mike Pompeo".

    "&" joins the words of a firm's name ("Lopes Filho & Associates"), never people, and
    an office may hold an "and" ("Work and Pensions Secretary Alan Smith").
    """
    if " and " not in mention:
        return []
    parts = _join_offices(re.split(r",?\s+and\s+", mention))
    if len(parts) < 2:
        return []
    pieces: list[str] = []
    for part in parts:
        sub = [p.strip() for p in part.split(",") if p.strip()]
        named = [p for p in sub if p[:1].isupper() and not all(_is_title(w) for w in p.split())]
        chosen = named[-1] if named else (sub[-1] if sub else "")
        if chosen:
            pieces.append(_clean(chosen))
    return [p for p in pieces if p]


def _join_offices(parts: list[str]) -> list[str]:
    """Rejoin an office split at its "and": "Work" + "Pensions Secretary Alan Smith".

    A part made only of office words ("Culture, Media") followed by a part that
    begins with one ("Sport Secretary Tessa Jowell") is one office and one person;
    "Bolton and Secretary Pompeo" stays two, since "Bolton" is no office word.
    """
    offices = tables().office_words
    out: list[str] = []
    for part in parts:
        words = part.split()
        if out and words and words[0] in offices and _office_words(out[-1], offices):
            out[-1] = f"{out[-1]} and {part}"
        else:
            out.append(part)
    return out


def _office_words(part: str, offices: frozenset[str]) -> bool:
    words = part.replace(",", " ").split()
    return 0 < len(words) <= 4 and all(w in offices for w in words)


def _organisations_named_together(doc: Doc, position: int, noun: str) -> list[str]:
    """"Shares of Sumitomo Mitsui and Daiwa Securities jumped … The firms denied": a definite
    plural of a kind of organisation ("the firms", "the banks") stands for the organisations
    last named together, two or more in one sentence, before it."""
    t = tables()
    singular = noun[:-3] + "y" if noun.endswith("ies") else noun[:-1] if noun.endswith("s") else None
    if singular not in t.org_types:
        return []
    sentences = [s for s in doc.sents if s.end_char <= position]
    for sentence in reversed(sentences[-4:]):
        names: list[str] = []
        for ent in sentence.ents:
            if ent.label_ == "ORG" and not any(ent.text in n or n in ent.text for n in names):
                names.append(ent.text)
        if len(names) >= 2:
            return names
    return []


_COLLECTIVES = frozenset("group panel committee delegation coalition alliance team".split())


def _members_listed(doc: Doc, noun: str) -> list[str]:
    """"The cross-party group, including Ken Clarke and Paul Tyler, is confident…": the people
    a collective noun lists with "including", wherever in the story, are who "the group" is."""
    if noun not in _COLLECTIVES:
        return []
    for tok in doc:
        if tok.lower_ != noun or tok.pos_ != "NOUN":
            continue
        including = next((c for c in tok.children if c.lower_ == "including"), None)
        if including is None:
            continue
        ids = {t.i for t in including.subtree}
        names = [e.text for e in doc.ents if e.label_ == "PERSON" and e.start in ids]
        if len(names) >= 2:
            return names
    return []
