"""Cached views of a parsed document that onrecord's components share.

``Doc.text`` is rebuilt from the tokens on every access and ``Token.sent`` walks the
document each time; both sit in the components' inner loops.  The Analyzer also
parses a copy of the text with unlikely sentences blanked (see ``select.py``), so the
true text of the document is stored on the Doc and must be read from here.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

TEXT_KEY = "onrecord_text"


def ensure_extensions(*names: str) -> None:
    """Register the Doc attributes a component reads or writes, once, defaulting to None.

    Components register their own so each can run in a pipeline built by hand.
    """
    for name in names:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def set_original_text(doc: Doc, text: str) -> None:
    """Record the document's own text (same length as ``doc.text``) on the Doc."""
    doc.user_data[TEXT_KEY] = text


def text_of(doc: Doc) -> str:
    """The document's own text, joined once."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def sentence_of(tok: Token) -> Span:
    """The sentence holding a token, from a per-document index."""
    doc = tok.doc
    index = doc.user_data.get("onrecord_sent_index")
    if index is None:
        index = [0] * len(doc)
        sents = list(doc.sents)
        for n, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                index[i] = n
        doc.user_data["onrecord_sents"] = sents
        doc.user_data["onrecord_sent_index"] = index
    return doc.user_data["onrecord_sents"][index[tok.i]]


def span_text(doc: Doc, span: Span) -> str:
    """A span's text from the document's own text (not the blanked copy)."""
    return text_of(doc)[span.start_char : span.end_char]
