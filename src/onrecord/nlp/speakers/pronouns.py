"""Pronouns ("he", "she", "they", "it") resolved to their antecedent.

The named subject of the pronoun's sentence or the sentence before outranks the last
speaker, who may be someone the article quoted in between; "they" is a group, "it" an
organisation, "I" outside a quotation the writer.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...model import Speaker
from ..docview import text_of
from .context import Context, _copy
from .gender import _gender_of_words
from .lexicon import _ORG_HEADS, FIRST_PERSON, PRONOUNS_GROUP, PRONOUN_IT, data, tables
from .people import _complete_from_text
from .registry import Person
from .text import _word_pattern, _in_quote, _paragraph_start, _subjects, _token_at


def _resolve_pronoun(speaker: Speaker, pronoun: str, ctx: Context) -> None:
    """The most salient compatible antecedent: a named subject just before, the last
    speaker, then recent names."""
    gender = "f" if pronoun in ("she", "her", "hers") else "m" if pronoun in ("he", "him", "his") else None
    wants_group = pronoun in PRONOUNS_GROUP
    wants_org = pronoun in PRONOUN_IT
    if pronoun in FIRST_PERSON and ctx.doc is not None and not _in_quote(text_of(ctx.doc), speaker.start):
        speaker.type, speaker.name = "OTHER", None  # "I" in the narrative is the writer of a column or letter
        return
    if gender is not None:
        person = _named_subject(speaker, gender, ctx)
        if person is not None:
            speaker.type, speaker.name, speaker.role, speaker.country = "PERSON", person.name, None, None
            return
    if wants_group:
        group = _plural_subject(speaker, ctx)
        if group is not None:
            _copy(speaker, group)
            return
    recent = _paragraph_start(text_of(ctx.doc), speaker.start, back=2) if ctx.doc is not None else 0
    for prev in reversed(ctx.previous):
        if prev.name is None or prev is speaker:
            continue
        if wants_group and (prev.type not in ("GROUP", "ORG", "GPE") or prev.start < recent):
            continue  # "they" is a group spoken of lately, not one quoted pages before
        if wants_org and (prev.type not in ("ORG", "GPE") or prev.mention.lower() in PRONOUNS_GROUP):
            continue  # "it" is no "they"
        if not wants_group and not wants_org and _unnamed_spokesperson(prev, gender):
            _copy(speaker, prev)  # "A Labour spokesman denied it … 'We said so,' he said"
            return
        if not wants_group and not wants_org:
            if prev.type != "PERSON" and not (prev.type == "OTHER" and prev.name in tables().person_nouns):
                continue
            known = _gender(prev, ctx)
            if gender and known not in (None, gender):
                continue
            if prev.type == "OTHER" and known != gender:
                continue  # an unnamed "reporter" takes a pronoun only when its gender is known
        _copy(speaker, prev)
        return
    candidates = [
        (_last_mention(p, speaker.start, ctx), p)  # the person last written before, by any of their names
        for p in ctx.registry.people.values()
        if p.positions and min(p.positions) < speaker.start and (gender is None or p.gender in (None, gender))
    ]
    named = max(candidates, key=lambda c: c[0]) if candidates and not wants_org and not wants_group else None
    noun = _nearby_person_noun(speaker, gender, ctx)
    if noun is not None and (named is None or noun[1] > named[0]):
        speaker.type, speaker.name = "OTHER", noun[0]  # the unnamed person is nearer than any name
        return
    if named is not None:
        speaker.type, speaker.name = "PERSON", named[1].name
        return
    speaker.type, speaker.name = "OTHER", None


def _unnamed_spokesperson(prev: Speaker, gender: str | None) -> bool:
    """Whether an earlier speaker is one unnamed person speaking for an organisation ("a
    Labour spokesman", listed under Labour) whom "he" or "she" may stand for."""
    if prev.type not in ("ORG", "GPE") or prev.role is None or prev.role not in data("speakers")["source_nouns"]:
        return False
    if prev.role.endswith("s") or prev.role == "team":
        return False  # "officials", "aides", a team: they, not he
    said = _gender_of_words([prev.role])
    return gender is not None and said in (None, gender)


def _named_subject(speaker: Speaker, gender: str, ctx: Context) -> Person | None:
    """"Trump made the remark as he spoke", "Kerry said ...; he urged": the named subject of
    the pronoun's own sentence before it, else of the sentence before, outranks the last
    speaker, who may be someone the article quoted in between."""
    if ctx.doc is None:
        return None
    token = _token_at(ctx.doc, speaker.start)
    if token is None:
        return None
    sentence = token.sent
    person = _subject_person(sentence, token.i, gender, ctx)
    pronoun = token.lower_
    for _ in range(3):  # "Staunton is a favourite. She arrived… ' It's lovely,' she said": the chain of "she"
        if person is not None or sentence.start == 0:
            break
        sentence = ctx.doc[sentence.start - 1].sent
        person = _subject_person(sentence, sentence.end, gender, ctx)
        if person is None and not _subject_is(sentence, pronoun):
            break
    if person is None and token.sent.start > 0:
        before = ctx.doc[token.sent.start - 1].sent
        first = next((t for t in token.sent if not t.is_space), token)
        last = next((t for t in reversed(before) if not t.is_space), before[-1])
        between = text_of(ctx.doc)[last.idx + len(last) : first.idx]
        # the sentence right before in the text, not one before a stretch blanked for the parser
        if not between.strip() and not any(before.start_char <= p.start < before.end_char for p in ctx.previous):
            person = _only_person_in(before, gender, ctx)  # "According to Ham, …": a speaker there goes on
    return person


def _only_person_in(sentence: Span, gender: str, ctx: Context) -> Person | None:
    """"That prompted the withdrawal of tycoon Steve Morgan, who… He also accused…": when the
    sentence before names no one as its subject, the one person of the pronoun's gender it
    names at all (outside quotations, and not as a modifier: "the James report", "Obama's
    policies") is the one
    the pronoun goes on about, not a speaker quoted further back.  A pronoun of the same
    gender before the name in that sentence carries a chain from further back instead."""
    text = text_of(sentence.doc)
    first_pronoun = next((
        t.i for t in sentence
        if t.pos_ == "PRON" and _gender_of_words([t.lower_]) == gender and not _inside_quotation(sentence.doc, t.idx)
    ), sentence.end)
    found: dict[str, Person] = {}
    for ent in sentence.ents:
        root = ent.root
        if ent.label_ != "PERSON" or _inside_quotation(sentence.doc, ent.start_char):
            continue
        if ent.start > first_pronoun:
            return None  # "…, he told me, is that he … kinder to Mr. Trump": the pronoun goes on from further back
        if root.dep_ in ("compound", "poss") and root.head.pos_ != "PROPN":
            continue  # "the James report", "Obama's policies": a modifier, not one spoken of
        person = ctx.registry.find(ent.text)
        if person is None:
            _complete_from_text(ctx.registry, text, _whole_word(root), sure_only=True)  # a name no statement gave
            person = ctx.registry.find(ent.text)
        if person is not None and person.gender in (None, gender):
            found[person.name] = person
    return next(iter(found.values())) if len(found) == 1 else None


def _inside_quotation(doc: Doc, char: int) -> bool:
    """Whether a position lies between the marks of a quotation the quotes stage found."""
    quotes = doc._.onrecord_quotes if doc.has_extension("onrecord_quotes") else None
    return any(q.inner_start <= char < q.inner_end for q in quotes or [])

def _last_mention(person: Person, before: int, ctx: Context) -> int:
    """Where the person was last mentioned before ``before``: the registry's positions, or a
    later bare surname ("Delacourt is one of the favourites"), which the registry does not
    record once the full name is known."""
    last = max(q for q in person.positions if q < before)
    if ctx.doc is not None:
        for m in _word_pattern(person.surname).finditer(text_of(ctx.doc), last, before):
            last = m.start()
    return last


def _subject_is(sentence: Span, pronoun: str) -> bool:
    """Whether the sentence's subject is the pronoun itself ("She arrived…"): the same person
    goes on, and the one it stands for is named further back."""
    return any(child.lower_ == pronoun for child in _subjects(sentence, sentence.end))


def _subject_person(sentence: Span, before: int, gender: str, ctx: Context) -> Person | None:
    """The person named as subject of the sentence's main verb (or a verb conjoined to it), before ``before``."""
    for child in _subjects(sentence, before):
        if child.pos_ != "PROPN" or child.ent_type_ in ("GPE", "LOC", "FAC"):
            continue  # "Doctors in Athens had wanted…, but he insisted": a place is no "he"
        word = _whole_word(child)
        person = ctx.registry.find(word)
        if person is None and child.ent_type_ not in ("ORG", "NORP") and ctx.doc is not None:
            _complete_from_text(ctx.registry, text_of(ctx.doc), word, sure_only=True)  # a name the parse missed
            person = ctx.registry.find(word)
        if person is not None and person.gender in (None, gender):
            return person
    return None


def _whole_word(tok: Token) -> str:
    """"Kilroy-Silk", which the tokenizer splits at its hyphen into "Kilroy", "-", "Silk":
    the token with the hyphenated pieces written against it."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and not doc[start - 1].whitespace_ and (doc[start - 1].text == "-" or doc[start].text == "-"):
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text == "-" or doc[end - 1].text == "-"):
        end += 1
    return doc[start:end].text


_SUBJECT_PARTS = frozenset("compound amod det conj cc poss flat nummod".split())


def _plural_subject(speaker: Speaker, ctx: Context) -> Speaker | None:
    """"Mr. Grassley and Mr. Leahy say … they say", "McConnell aides acknowledged … But they":
    the plural subject of the pronoun's sentence before it, else of the sentence before,
    resolved as a mention of its own. A lone name is no antecedent of "they"."""
    if ctx.doc is None:
        return None
    token = _token_at(ctx.doc, speaker.start)
    if token is None:
        return None
    sentences = [(token.sent, token.i)]
    if token.sent.start > 0:
        previous = ctx.doc[token.sent.start - 1].sent
        sentences.append((previous, previous.end))
    for sentence, before in sentences:
        for subject in _subjects(sentence, before, ("conj", "ccomp", "parataxis")):
            if subject.lower_ in PRONOUNS_GROUP:
                return None  # "They … they": the chain goes further back than this
            if subject.tag_ not in ("NNS", "NNPS") and not any(c.dep_ == "conj" for c in subject.children) \
                    and not _collective_organisation(subject):
                continue
            parts = [subject] + [t for c in subject.children if c.dep_ in _SUBJECT_PARTS for t in c.subtree]
            start, end = min(t.idx for t in parts), max(t.idx + len(t) for t in parts)
            stand_in = Speaker(mention=text_of(ctx.doc)[start:end], start=start, end=end)
            from .resolve import _resolve  # resolve imports this module

            _resolve(ctx.doc, stand_in, ctx)
            if stand_in.name and (stand_in.type != "PERSON" or subject.tag_ in ("NNS", "NNPS")):
                return stand_in  # "the former secretary and current nominee" is one person
    return None


def _collective_organisation(subject: Token) -> bool:
    """"The government postponed plans because they said…": a singular noun that heads an
    organisation ("the government", "the club", "the council") takes "they" in British
    and much American copy, the people who act for it; a bare name never does here."""
    return subject.tag_ == "NN" and subject.lemma_.lower() in _ORG_HEADS and any(
        c.dep_ == "det" and c.lower_ == "the" for c in subject.children
    )


def _nearby_person_noun(speaker: Speaker, gender: str | None, ctx: Context) -> tuple[str, int] | None:
    """"Trump called a reporter rude after she asked…": an unnamed person just before."""
    if ctx.doc is None or gender is None:
        return None
    t = tables()
    window = ctx.doc.char_span(max(0, speaker.start - 250), speaker.start, alignment_mode="contract")
    if window is None:
        return None
    for tok in reversed(list(window)):
        # one person, introduced as such ("a reporter", "the doctor"): a bare plural or a
        # verb the tagger took for a noun ("Curry records, hosts, edits…") is none
        introduced = tok.tag_ == "NN" and any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)
        if introduced and tok.lemma_ in t.person_nouns and tok.ent_type_ != "PERSON":
            word = tok.lemma_
            if gender == "f" and word in t.male or gender == "m" and word in t.female:
                continue
            return word, tok.idx
    return None


def _gender(speaker: Speaker, ctx: Context) -> str | None:
    mention = speaker.mention.lower()
    if mention in ("she", "her"):
        return "f"
    if mention in ("he", "him", "his"):
        return "m"
    if speaker.type == "OTHER" and speaker.name:
        t = tables()
        if speaker.name in t.female:
            return "f"
        if speaker.name in t.male:
            return "m"
        return None
    words = speaker.mention.lower().split()
    t = tables()
    if any(w in t.female for w in words[:2]) and not any(w in t.male for w in words[:2]):
        return "f"
    if speaker.mention.lower() in ("she", "her"):
        return "f"
    if speaker.mention.lower() in ("he", "him"):
        return "m"
    for person in ctx.registry.people.values():
        if person.name == speaker.name:
            return person.gender
    return None
