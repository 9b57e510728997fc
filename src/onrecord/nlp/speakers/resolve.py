"""Resolving one speaker mention to a canonical person, organisation, country or group.

The order of the rules: a relative pronoun's antecedent, a pronoun, a pair, a place,
a group of names, then one name, a descriptor, an organisation or an unnamed source.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...model import Entity, Speaker, Statement
from ..cues import CUE_FORMS
from ..docview import text_of
from .canonical import settle
from .context import Context, _Piece, _copy
from .descriptors import AGE, _party, _resolve_descriptor
from .gender import _gender_beside
from .groups import _group_members, _members_listed, _one_described_twice, _organisations_named_together
from .lexicon import _LEADING_NOISE, _OFFICES, PRONOUNS_GROUP, PRONOUNS_PERSON, PRONOUN_IT, RELATIVE, _PAIRS, tables
from .names import POSSESSIVE, _clean, _first_name, _named_piece, _plausible_name, clean_role, split_title
from .organisations import _country_in, _names_an_organisation, _organisation, _organisation_meant, _people_somewhere, _resolve_place, _split_of
from .people import _complete_from_text, _looks_like_name, build_registry
from .pronouns import _plural_subject, _resolve_pronoun
from .sources import issuer_named_before, owner_and_noun, resolve_owned
from .text import _in_headline, _named_in_body


def resolve_speakers(doc: Doc, statements: list[Statement]) -> list[Entity]:
    """Fill each statement's speaker; return the document's entities."""
    registry = build_registry(doc)
    ctx = Context(registry=registry, doc=doc)
    for st in sorted(statements, key=lambda s: s.start):
        if st.speaker is None:
            continue  # continuation quotes arrive with the earlier speaker's mention already
        _resolve(doc, st.speaker, ctx)
        settle(st.speaker, ctx)
        ctx.previous.append(st.speaker)
    return registry.entities()


def _antecedent(doc: Doc, span: Span | None) -> Span | None:
    """"Russia, which has denied…": the noun phrase a relative pronoun stands for."""
    if span is None or len(span) != 1 or span[0].lower_ not in RELATIVE:
        return None
    verb = span[0].head
    if verb.dep_ != "relcl":
        return None
    noun = verb.head
    keep = [t for t in noun.subtree if t.i <= noun.i or t.dep_ in ("compound", "appos", "flat")]
    keep = [t for t in keep if t.i not in {x.i for x in verb.subtree}]
    if not keep:
        return None
    start = min(t.i for t in keep)
    while start < noun.i and doc[start].is_punct:
        start += 1
    return doc[start : noun.i + 1]


def _resolve(doc: Doc, speaker: Speaker, ctx: Context) -> None:
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    antecedent = _antecedent(doc, span)
    if antecedent is not None:
        stand_in = Speaker(mention=text_of(doc)[antecedent.start_char : antecedent.end_char],
                           start=antecedent.start_char, end=antecedent.end_char)
        _resolve(doc, stand_in, ctx)
        _copy(speaker, stand_in)
        return
    # a possessive pronoun ("his remarks", "its report") is also a determiner, which
    # _clean would strip to nothing: test for a pronoun first
    bare = POSSESSIVE.sub("", speaker.mention.strip()).lower()
    if bare in PRONOUNS_PERSON or bare in PRONOUNS_GROUP or bare in PRONOUN_IT:
        _resolve_pronoun(speaker, bare, ctx)
        return
    if bare in _PAIRS:
        pair = _plural_subject(speaker, ctx)  # "Mr. Obama and Mrs. Clinton … the two learned"
        if pair is not None and pair.type == "GROUP":
            _copy(speaker, pair)
            return
    mention = _clean(speaker.mention)
    if _resolve_place(speaker, mention):
        return
    if _named_after_its_kind(mention):
        words = mention.split()
        name = " ".join(words[next(i for i, w in enumerate(words) if w[:1].isupper()):])
        entity = ctx.registry.org(name, "ORG", None, speaker.mention)
        speaker.type, speaker.name, speaker.role, speaker.country = "ORG", entity.name, None, entity.country
        return
    members = _group_members(span, mention)
    owned = owner_and_noun(mention.split())
    if owned is not None and owned[2] in ("by", "for"):
        members = []  # "a book by Robert Peston and serialised in the paper": one work, its author named once
    if len(members) > 1 and not _one_described_twice(members):
        resolved = [_resolve_name_piece(doc, m, speaker.start, ctx) for m in members]
        resolved = [r for r in resolved if r.name and r.type in ("PERSON", "ORG", "GPE")]
        names = [r.name for r in resolved]
        if names:
            speaker.type = "GROUP" if len(names) > 1 else resolved[0].type
            speaker.members = names if len(names) > 1 else []
            speaker.name = " and ".join(names) if len(names) > 1 else names[0]
            speaker.country = resolved[0].country if len(names) == 1 else None
            return
    piece = _resolve_name_piece(doc, mention, speaker.start, ctx, span)
    speaker.type, speaker.name, speaker.role, speaker.country = piece.type, piece.name, piece.role, piece.country
    speaker.members = list(piece.members)


def _resolve_name_piece(doc: Doc, mention: str, position: int, ctx: Context, span: Span | None = None) -> _Piece:
    t = tables()
    probe = Speaker(mention=mention, start=position, end=position)
    if _resolve_place(probe, mention):
        return _Piece(probe.type, probe.name, None, probe.country)
    words = _named_piece(mention).split()
    bracket = next((i for i, w in enumerate(words) if w.startswith("(")), len(words))
    words = words[:bracket] if bracket > 0 else words  # "Rep. Stephen Lynch (D-Mass.)": the party tag is no part of the name
    while len(words) > 1 and words[-1].endswith(")"):
        words = words[:-1]
    if not words:
        return _Piece()
    owner, place = _split_of(words)
    of_at = len(words) - len(place) - 1 if place else 0
    if owner and (owner[-1] in t.org_words or any(w in t.org_words for w in words[:of_at])):
        # "the Association of Flight Attendants"; "the National Association of Automobile
        # Manufacturers of South Africa": an organisation's name may hold several "of"s
        name = " ".join(words[next(i for i, w in enumerate(words) if w[:1].isupper()):])
        entity = ctx.registry.org(name, "ORG", _country_in(words), mention)
        return _Piece("ORG", entity.name, None, entity.country)
    if len(owner) > 1 and _looks_like_name(owner, None):  # "Rep. Elijah Cummings of Maryland", "Mr. Morgan of the Sierra Club"
        return _resolve_name_piece(doc, " ".join(owner), position, ctx)
    owned = resolve_owned(words, position, ctx)  # "a Downing Street spokesman", "a book by Robert Peston"
    if owned is not None:
        return owned
    if _described_as_organisation(mention) or len(words) == 1 and words[0] in ctx.registry.orgs:
        entity = ctx.registry.org(" ".join(words), "ORG", None, mention)  # "Ford" once it spoke as a company
        return _Piece("ORG", entity.name, None, entity.country)
    if _office_described(words, position, doc):  # "the Labour MP": someone named, by office and party
        found = _resolve_descriptor(words, False, position, ctx)
        return found if found is not None else _Piece("OTHER", " ".join(words))  # a person not found, no organisation
    if _looks_like_name(words, span):
        role, name = split_title(words)
        if role and any(w.lower() in CUE_FORMS for w in role.split()):
            role = None  # a title-case headline parsed as one long name: "Leader Rejects Mayor"
        if _names_an_organisation(role, name):
            if role and (len(name.split()) == 1 or _part_of_the_name(role)):
                name, role = _whole_name(words), None  # "the Foreign Office" is no office called "Office"
            entity = ctx.registry.org(name, "ORG", _country_in(words), mention)
            return _Piece("ORG", entity.name, role, entity.country)
        text = text_of(doc)
        if not _plausible_name(name) or (_in_headline(text, position) and not _named_in_body(text, name)):
            person = ctx.registry.find(name.split()[-1])  # "Derelict Obama" in a headline is Obama, if anyone
            return _Piece("PERSON", person.name, None) if person is not None else _Piece("OTHER", mention)
        person = ctx.registry.find(name, _gender_beside(name, role, mention))
        if person is not None and (len(name.split()) == 1 or name.split()[-1] == person.surname):
            ctx.registry.note(person, role, mention)
            return _Piece("PERSON", person.name, clean_role(role))
        if len(name.split()) >= 1 and name[:1].isupper():
            person = ctx.registry.person(name, position, role, alias=mention)
            named_otherwise = span is not None and any(t.ent_type_ in ("NORP", "ORG", "GPE") for t in span)
            if _first_name(person.name) is None and not named_otherwise:
                _complete_from_text(ctx.registry, text_of(doc), person.surname, sure_only=True)  # "Gov. Terry McAuliffe" is in the text
            return _Piece("PERSON", person.name, role)
    head = words[-1].lower()
    definite = text_of(doc)[position : position + 4].lower() == "the "
    if definite and len(words) == 1 and words[0].islower():
        together = _organisations_named_together(doc, position, head)  # "the firms": those just named
        if together:
            return _Piece("GROUP", " and ".join(together), None, None, together)
    if definite and all(w.islower() or "-" in w for w in words):
        listed = [_resolve_name_piece(doc, n, position, ctx).name for n in _members_listed(doc, head)]
        listed = [n for n in listed if n]
        if len(listed) >= 2:  # "the group", listed elsewhere as "the group, including A and B"
            return _Piece("GROUP", " and ".join(listed), None, None, listed)
    plural = head.endswith("s") and head[:-1] in t.role_nouns
    if head in t.role_nouns or plural or head in t.epithets or AGE.fullmatch(head):
        found = _resolve_descriptor(words, plural, position, ctx)
        if found is not None:
            return found
    definite = text_of(doc)[position : position + 4].lower() == "the "
    if (head in t.org_types or head in t.owned_org_heads) and definite and words[0][:1].islower():
        named = _organisation_meant(head, position, ctx)  # "the union": the Association of Flight Attendants
        if named is not None:
            entity = ctx.registry.org(named, "ORG", None, mention)
            return _Piece("ORG", entity.name, None, entity.country)
    issuer = issuer_named_before(text_of(doc), head, position) if definite and words[0].islower() else None
    if issuer is not None:  # "the suits" after "lawsuits filed by the RIAA": the issuer's
        found = _resolve_name_piece(doc, issuer, position, ctx)
        if found.name:
            return _Piece(found.type, found.name, head, found.country)
    if _people_somewhere(words):
        return _Piece("OTHER", " ".join(words))
    named = _name_before_its_kind(words, span)
    if named is not None:  # "Variety trade magazine", "Reuters news agency": the name, not its kind
        entity = ctx.registry.org(named, "ORG", _country_in(words), mention)
        return _Piece("ORG", entity.name, None, entity.country)
    org = _organisation(words, span)
    if org is not None:
        country = _country_in(words)
        entity = ctx.registry.org(org, "ORG", country, mention)
        return _Piece("ORG", entity.name, None, country)
    if head in t.role_nouns and len(words) > 1 and all(w.islower() for w in words):
        return _Piece("OTHER", " ".join(words))  # "the prime minister" no one named here holds: the office
    if head in t.person_nouns or (head.endswith("s") and head[:-1] in t.person_nouns):
        return _Piece("OTHER", head)  # "analysts said": many unnamed sources stay many
    return _Piece("OTHER", mention or None)


def _office_described(words: list[str], position: int, doc: Doc) -> bool:
    """"the Labour MP", "the Salford MP", "the Democratic Senator": a definite office described by
    its party, country or seat, which reads like a name in capitals but names no one; it stands
    for a person named before, as "the Russian leader" does.  No one's name stands between
    "the" and an elected office, so any words may describe one; before other roles, only
    party, country and lower-case words do ("the Foreign Secretary" is left to the name rules)."""
    t = tables()
    head = words[-1].lower()
    if len(words) < 2 or head not in t.role_nouns or text_of(doc)[position : position + 4].lower() != "the ":
        return False
    return head in _OFFICES or all(_party(w.lower()) is not None or w in t.adjectives or w.islower() for w in words[:-1])


def _named_after_its_kind(mention: str) -> bool:
    """"local group Victims and Citizens Against Crime", "the campaign group Friends and
    Neighbours": after a kind of organisation, a run of capitalised words is one name,
    its "and" included."""
    words = mention.split()
    at = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
    if at == 0 or words[at - 1].lower() not in tables().org_types:
        return False
    return all(w[:1].isupper() or w in ("and", "of", "for", "the", "&") for w in words[at:])


def _described_as_organisation(mention: str) -> bool:
    """"Ford, the US car company": a name whose apposition says what kind of organisation it is."""
    pieces = [p.split() for p in mention.split(",") if p.strip()]
    return len(pieces) >= 2 and pieces[1][0].lower() in ("the", "a", "an") \
        and pieces[1][-1].lower() in tables().org_types and pieces[0][-1][:1].isupper()


def _name_before_its_kind(words: list[str], span: Span | None) -> str | None:
    """The capitalised name before lower-case words ending in a kind of organisation
    ("Variety trade magazine", "Reuters news agency"), if the words are that."""
    at = next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))
    rest = words[at:]
    if at == 0 or not rest or not all(w.islower() for w in rest) or rest[-1] not in tables().org_types:
        return None
    demonyms = {t.text for t in span if t.ent_type_ == "NORP"} if span is not None else set()
    if all(w in tables().adjectives or w in demonyms for w in words[:at]):
        return None  # "a Norwegian court": where it sits, not its name
    return " ".join(words[:at])


def _part_of_the_name(role: str) -> bool:
    """"Elect the" before "Lords Campaign": capitalised words ending in a glue word, which
    no title does, are the start of the organisation's own name."""
    glue = ("the", "of", "and", "for", "on", "&")
    words = role.split()
    return words[0][:1].isupper() and words[-1] in glue and all(w[:1].isupper() or w in glue for w in words)


def _whole_name(words: list[str]) -> str:
    """An organisation's name as written, from its first capitalised word: "Foreign Office",
    "Finance and Economy Ministry"."""
    start = next((i for i, w in enumerate(words) if w[:1].isupper() and w.lower() not in _LEADING_NOISE), len(words) - 1)
    return " ".join(words[start:])
