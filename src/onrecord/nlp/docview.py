"""Cached views of a parsed document that onrecord's components share.

``Doc.text`` is rebuilt from the tokens on every access and ``Token.sent`` walks the
document each time; both sit in the components' inner loops.  The Analyzer also
parses a copy of the text with unlikely sentences blanked (see ``select.py``), so the
true text of the document is stored on the Doc and must be read from here.

What is kept on the Doc itself (``user_data``) is plain data only, so that spaCy can
serialise the Doc (``doc.to_bytes``) and move it between processes; the caches of
this module are per-process views kept beside the Doc, never in it, and hold no
spaCy object (a Span would keep its Doc alive for ever).
"""

from __future__ import annotations

import weakref

from spacy.tokens import Doc, Span, Token

from . import docdata

TEXT_KEY = "onrecord_text"


def ensure_extensions(*names: str) -> None:
    """Register the Doc attributes a component reads or writes, once, defaulting to None.

    Components register their own so each can run in a pipeline built by hand.  The
    annotations of ``docdata`` (statements, times, entities, quotations) are stored as
    plain data and read back as dataclasses; the others hold plain values already.
    """
    for name in names:
        if name in docdata.CODECS:
            docdata.register(name)
        elif not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class _View:
    """What this process has worked out about one Doc: its joined text and sentence index."""

    __slots__ = ("text", "bounds", "index")

    def __init__(self) -> None:
        self.text: str | None = None
        self.bounds: list[tuple[int, int]] | None = None
        self.index: list[int] | None = None


_VIEWS: weakref.WeakKeyDictionary[Doc, _View] = weakref.WeakKeyDictionary()


def _view(doc: Doc) -> _View:
    view = _VIEWS.get(doc)
    if view is None:
        view = _VIEWS[doc] = _View()
    return view


def set_original_text(doc: Doc, text: str) -> None:
    """Record the document's own text (same length as ``doc.text``) on the Doc."""
    doc.user_data[TEXT_KEY] = text


def text_of(doc: Doc) -> str:
    """The document's own text, joined once."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        view = _view(doc)
        if view.text is None:
            view.text = doc.text
        text = view.text
    return text


def sentence_of(tok: Token) -> Span:
    """The sentence holding a token, from a per-document index."""
    doc = tok.doc
    view = _view(doc)
    if view.index is None:
        index = [0] * len(doc)
        bounds = [(sent.start, sent.end) for sent in doc.sents]
        for n, (start, end) in enumerate(bounds):
            for i in range(start, end):
                index[i] = n
        view.bounds, view.index = bounds, index
    assert view.bounds is not None
    start, end = view.bounds[view.index[tok.i]]
    return doc[start:end]


def span_text(doc: Doc, span: Span) -> str:
    """A span's text from the document's own text (not the blanked copy)."""
    return text_of(doc)[span.start_char : span.end_char]
