"""What onrecord's components leave on a Doc: plain data, read back as model dataclasses.

spaCy serialises a Doc's ``user_data`` with msgpack (``doc.to_bytes``) and moves Docs
between processes that way (``nlp.pipe(texts, n_process=2)``), so a Doc that holds
Python objects cannot leave its process (spaCy's E871) nor be saved.  Each annotation
here is therefore a Doc extension with a getter and a setter: setting
``doc._.onrecord_statements`` stores dicts, lists, strings and numbers under the
extension's name in ``doc.user_data``; reading it builds fresh ``Statement``s from them.

Because a read gives new objects, a component that changes statements in place must
set them back (``doc._.onrecord_statements = statements``) for the change to stay.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import cache, partial
from typing import Any

from spacy.tokens import Doc

from ..model import Cue, Entity, Speaker, Statement, Time

Plain = dict[str, Any]

STATEMENTS = "onrecord_statements"
TIMES = "onrecord_times"
ENTITIES = "onrecord_entities"
QUOTES = "onrecord_quotes"


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _flat(obj: Any) -> Plain:
    """A dataclass of plain fields as a dict; tuples become lists (what msgpack gives back) and lists are copied."""
    values = obj.__dict__
    out: Plain = {name: values[name] for name in _names(type(obj))}
    for name, value in out.items():
        kind = type(value)
        if kind is tuple:
            out[name] = list(value)
        elif kind is list:
            out[name] = [list(v) if type(v) is tuple else v for v in value]
    return out


def statement_to_plain(st: Statement) -> Plain:
    out = _flat(st)
    out["speaker"] = None if st.speaker is None else _flat(st.speaker)
    out["cue"] = None if st.cue is None else _flat(st.cue)
    return out


def statement_from_plain(data: Plain) -> Statement:
    speaker, cue, sentence = data.get("speaker"), data.get("cue"), data.get("sentence")
    return Statement(**{
        **data,
        "speaker": None if speaker is None else Speaker(**{**speaker, "members": list(speaker.get("members") or [])}),
        "cue": None if cue is None else Cue(**cue),
        "content_spans": [(s, e) for s, e in data["content_spans"]],
        "sentence": None if sentence is None else (sentence[0], sentence[1]),
    })


def time_from_plain(data: Plain) -> Time:
    return Time(**data)


def entity_from_plain(data: Plain) -> Entity:
    return Entity(**{**data, "aliases": list(data.get("aliases") or []), "roles": list(data.get("roles") or [])})


def quote_from_plain(data: Plain) -> Any:
    from .quotes import Quote  # quotes.py registers its component through this module

    return Quote(**data)


# name → (one item to plain data, one item from plain data)
CODECS: dict[str, tuple[Callable[[Any], Plain], Callable[[Plain], Any]]] = {
    STATEMENTS: (statement_to_plain, statement_from_plain),
    TIMES: (_flat, time_from_plain),
    ENTITIES: (_flat, entity_from_plain),
    QUOTES: (_flat, quote_from_plain),
}


def _get(name: str, doc: Doc) -> list[Any] | None:
    plain = doc.user_data.get(name)
    if plain is None:
        return None
    load = CODECS[name][1]
    return [load(item) for item in plain]


def _set(name: str, doc: Doc, value: list[Any] | None) -> None:
    if value is None:
        doc.user_data.pop(name, None)
        return
    dump = CODECS[name][0]
    doc.user_data[name] = [dump(item) for item in value]


def register(name: str) -> None:
    """Make ``doc._.<name>`` read and write plain data, replacing any earlier plain-valued extension."""
    if Doc.has_extension(name) and isinstance(Doc.get_extension(name)[2], partial) and Doc.get_extension(name)[2].func is _get:
        return
    Doc.set_extension(name, getter=partial(_get, name), setter=partial(_set, name), force=True)


def plain(doc: Doc, name: str) -> list[Plain] | None:
    """The stored plain form of an annotation, without building dataclasses (what crosses processes)."""
    return doc.user_data.get(name)
