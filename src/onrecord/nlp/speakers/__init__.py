"""Who each speaker mention is, within one document.

The attribution stage records the mention in the attributing clause ("he",
"The Russian leader", "Putin’s"). A reader wants the person: here every mention is
resolved to a canonical name (titles stripped and kept as roles), organisations and
seats of government stay organisations with the country they stand for, groups
become their members, and pronouns and descriptors find their antecedent.

Where each idea lives:

- ``lexicon``: the word lists (all in ``nlp/data/*.json``), loaded once;
- ``names``: names as strings (titles, tails, given names); ``gender``: what words say of gender;
- ``registry``: the document's people and organisations; ``people``: gathering them from the text;
- ``resolve``: one mention to a speaker, calling on ``pronouns``, ``descriptors``,
  ``organisations`` and ``groups``; ``text``: positions (headlines, quotations, clauses);
- this module: the spaCy component ``onrecord_speakers``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..docview import ensure_extensions
from .lexicon import DETERMINERS, PRONOUN_IT, PRONOUNS_GROUP, PRONOUNS_PERSON, Tables, tables
from .names import POSSESSIVE, clean_name, clean_role, split_title
from .people import build_registry
from .registry import Person, Registry
from .resolve import resolve_speakers

__all__ = [
    "DETERMINERS", "PRONOUNS_GROUP", "PRONOUNS_PERSON", "PRONOUN_IT", "POSSESSIVE", "Person", "Registry",
    "SpeakerResolver", "Tables", "build_registry", "clean_name", "clean_role", "make_speaker_resolver",
    "resolve_speakers", "split_title", "tables",
]


@Language.factory(
    "onrecord_speakers",
    assigns=["doc._.onrecord_statements", "doc._.onrecord_entities"],
    requires=["doc._.onrecord_statements", "doc.sents", "doc.ents", "token.dep", "token.head", "token.pos", "token.tag"],
)
def make_speaker_resolver(nlp: Language, name: str) -> "SpeakerResolver":
    return SpeakerResolver()


class SpeakerResolver:
    """spaCy component: resolves ``doc._.onrecord_statements`` speakers in place."""

    def __init__(self) -> None:
        ensure_extensions("onrecord_statements", "onrecord_entities")

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.onrecord_statements or []
        doc._.onrecord_entities = resolve_speakers(doc, statements)
        doc._.onrecord_statements = statements  # resolved in place: a read of the Doc gives fresh copies
        return doc
