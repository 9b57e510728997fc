"""Attributions from the dependency parse: who (speaker) said (cue) what (content).

Rules over spaCy's parse rather than a trained model, because no attribution corpus
with a licence that allows shipping exists, and rules can be read and fixed.  Each
rule family lives in its own module and yields ``_Found`` candidates in token terms;
``extract`` reconciles them with the quotation marks (a direct quote is content
however the parser cut it), resolves overlaps and nesting, and converts them to
``model.Statement`` with character offsets.

Families, one module each:
- ``verbs``: verb cues ("X said that…", "…, he said", "X denied Y", "X told reporters: “…”",
  "X has been endorsed by Y");
- ``phrases``: "according to X, …" and "as X put it";
- ``nominal``: noun cues ("X's denials that…", "assertions by X that…", "the poll's finding");
- ``stances``: stance adjectives and nouns ("aides were confident that…", "critical of Trump");
- ``layout``: colon attributions in headlines and transcripts ("Sanders: Clinton needs to…")
  and dash signatures;
- ``silence``: refusals to speak ("declined to comment", "did not respond to a request for
  comment"), kind ``no_comment`` with no content.

``grammar`` holds what they share (the candidate type, subjects, speaker spans),
``filters`` the candidates that are no statements, and ``reconcile`` the step from
token candidates to ``Statement``s, including quotations with no cue in reach: the
previous speaker is still talking.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...model import Statement
from ..docview import ensure_extensions, text_of
from ..quotes import find_quotes
from .filters import _not_a_statement, _outermost, _participles_share_speaker, _split_coordinated_cues
from .grammar import _Found, index_quotes
from .layout import colon_attributions, inverted_lead_attributions, signature_attributions
from .nominal import nominal_attributions
from .phrases import according_to_attributions, as_put_attributions
from .silence import frame_cues, no_comment_attributions
from .reconcile import _continuations, _dedupe, _join_continuations, _set_parents, _to_statement
from .stances import adjective_attributions
from .verbs import verb_attributions


def extract(doc: Doc) -> list[Statement]:
    """All attributed statements of a parsed document, in document order."""
    found_quotes = doc._.onrecord_quotes if doc.has_extension("onrecord_quotes") else None
    quotes = index_quotes(found_quotes if found_quotes is not None else find_quotes(text_of(doc)))
    found: list[_Found] = []
    for family in (
        verb_attributions,
        according_to_attributions,
        as_put_attributions,
        nominal_attributions,
        adjective_attributions,
        colon_attributions,
        signature_attributions,
        inverted_lead_attributions,
        no_comment_attributions,
    ):
        found.extend(family(doc, quotes))
    silent = frame_cues(found)
    found = [f for f in found if f.kind == "no_comment" or not any(t.i in silent for t in f.cue)]
    _split_coordinated_cues(found)
    _participles_share_speaker(found)
    found = [f for f in found if not _not_a_statement(f)]
    stmts = [st for st in (_to_statement(doc, f, quotes) for f in found) if st is not None]
    stmts = _dedupe(stmts)
    stmts = _dedupe(stmts + _continuations(doc, quotes, stmts))
    stmts = _join_continuations(text_of(doc), stmts, frozenset(q.end for q in quotes if q.reopened))
    _set_parents(stmts)
    stmts = _outermost(stmts)
    return stmts


@Language.factory(
    "onrecord_attribution",
    assigns=["doc._.onrecord_statements"],
    requires=["doc.sents", "doc.ents", "token.dep", "token.head", "token.pos", "token.tag", "token.lemma"],
)
def make_attribution(nlp: Language, name: str) -> "AttributionExtractor":
    return AttributionExtractor()


class AttributionExtractor:
    """spaCy component: sets ``doc._.onrecord_statements``."""

    def __init__(self) -> None:
        ensure_extensions("onrecord_statements", "onrecord_doc_id", "onrecord_quotes")

    def __call__(self, doc: Doc) -> Doc:
        doc._.onrecord_statements = extract(doc)
        return doc
