"""What may stand as a speaker's canonical name, checked once the mention is resolved.

A canonical name is a person's or an organisation's name, or a typed generic source
("analysts", "prime minister"). A pronoun ("you", "someone"), a number ("One wonders",
"83% were happy"), a sentence opener caught in a name ("GMT. But Parry") or a lone
heading word ("Office") is none: the name falls back to what it stands for, or to
nothing, which a reader can see is unknown rather than wrongly named.
"""

from __future__ import annotations

import re

from ...model import Speaker
from .context import Context
from ..docview import text_of
from ..wordlists import is_post_nominal, names
from .lexicon import data, grammar, tables

_CLAUSE_OPENERS = frozenset("but and although though if because while when whereas meanwhile yet so however".split())


_QUANTITY_GLUE = frozenset("of the a an or percent per cent some about nearly almost over more than".split())


def _words(key: str) -> frozenset[str]:
    return frozenset(grammar()[key])


def _spoken_word(word: str) -> str:
    """A word as a pronoun or number list holds it: "You" → "you"; "WHO" and "IT" stay names."""
    return word if word.isupper() and len(word) > 1 else word.lower()


def _is_number(words: list[str]) -> bool:
    first = words[0]
    return first[:1].isdigit() or first.startswith("%") or _spoken_word(first) in _words("numbers")


def settle(speaker: Speaker, ctx: Context) -> None:
    """Make the speaker's canonical name a name, a typed generic source, or nothing."""
    if speaker.name is None:
        return
    text = text_of(ctx.doc) if ctx.doc is not None else ""
    if text and _fragment_of_a_compound(text, speaker):
        speaker.type, speaker.name, speaker.members = "OTHER", None, []  # "No-one knows", "The e-mails show"
        return
    if text and len(speaker.name.split()) == 1 and is_post_nominal(speaker.name):
        owner = _post_nominal_owner(text, speaker.start, ctx)  # "Judge Richard Mawrey, QC told the hearing"
        speaker.type, speaker.name, speaker.members = ("PERSON", owner, []) if owner else ("OTHER", None, [])
        return
    words = speaker.name.split()
    if speaker.type == "GROUP":
        if _spoken_word(words[0]) in _words("not_names"):
            speaker.type, speaker.name, speaker.members = "OTHER", None, []  # "them", "He and Canterbury"
        return
    if not re.search(r"[^\W\d_]", speaker.name) or _is_number(words):
        while words and (_is_number(words) or words[0].lower() in _QUANTITY_GLUE):
            words = words[1:]  # "one insider" is an insider, "two Democratic speechwriters" speechwriters
        rest = " ".join(words) if words and re.search(r"[^\W\d_]", words[-1]) else None
        if words and _spoken_word(words[0]) in _words("not_names"):
            rest = None  # "Half of them", "one of her colleagues": who they are is said elsewhere
        speaker.type, speaker.name, speaker.members = "OTHER", rest, []
        return
    if _spoken_word(words[0]) in _words("not_names"):
        speaker.type, speaker.name, speaker.members = "OTHER", None, []
        return
    cut = max((i for i, w in enumerate(words) if i > 0 and w[:1].isupper() and w.lower() in _CLAUSE_OPENERS), default=0)
    if cut and cut < len(words) - 1:
        rest = " ".join(words[cut + 1 :])  # "T. But Parry": a new sentence began at "But"
        person = ctx.registry.find(rest)
        speaker.name = person.name if person is not None else rest
        return
    if len(words) == 1 and words[0][:1].isupper() and not _surname_of_someone(words[0], ctx):
        lowered = words[0].lower()
        if lowered in data("speakers")["qualified_org_heads"]:
            speaker.type, speaker.name = "OTHER", None  # "Office", "Ministry": whose is not said
        elif _generic(words[0]) is not None:
            speaker.type, speaker.name = "OTHER", _generic(words[0])  # "Analysts", "the Bishop": a typed source


def _fragment_of_a_compound(text: str, speaker: Speaker) -> bool:
    """A name cut at a hyphen before a lower-case word is part of one word ("No-one", "e-mails").

    A hyphenated name goes on in capitals ("Kilroy-Silk"), so it is never cut this way.
    """
    end = speaker.end
    tail = speaker.name.split()[-1] if speaker.name else ""
    return (text[end : end + 1] in ("-", "‐") and text[end + 1 : end + 2].islower()
            and text[max(0, end - len(tail)) : end] == tail)


_NAME_BEFORE_COMMA = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’.-]*)\s*,\s*$")


def _post_nominal_owner(text: str, start: int, ctx: Context) -> str | None:
    """The person whose letters a lone post-nominal is: the name just before it and a comma."""
    found = _NAME_BEFORE_COMMA.search(text[max(0, start - 80) : start])
    if found is None:
        return None
    run = found.group(1).split()
    for size in range(min(3, len(run)), 1, -1):
        person = ctx.registry.find(" ".join(run[-size:]))
        if person is not None:
            return person.name
    return " ".join(run[-2:]) if len(run) >= 2 else None


def _surname_of_someone(word: str, ctx: Context) -> bool:
    """Whether the document names a person in full with this surname ("Poll" of "Graham Poll")."""
    person = ctx.registry.find(word)
    return person is not None and len(person.name.split()) > 1


def _generic(word: str) -> str | None:
    """The typed generic source a common noun names ("Analysts" → "analysts"), if it is one:
    many unnamed sources stay many, as the text has them."""
    t = tables()
    lowered = word.lower()
    nouns = t.role_nouns | t.person_nouns | frozenset(data("speakers")["work_nouns"]) | names().titles
    for form in (lowered[:-1] if lowered.endswith("s") else None, lowered):
        if form and form in nouns:
            return lowered
    return None
