"""The spaCy pipeline onrecord runs, and the Analyzer that turns Documents into Analyses.

The English model does tagging, parsing, lemmas and entities; onrecord adds its own
components around it (all real spaCy factories, so a user can inspect or reuse them
with ``nlp.pipe_names``).  The Analyzer is the only place that knows about spaCy
objects: what leaves it is plain ``model`` dataclasses with character offsets into
the document text exactly as ingested.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from ..errors import Errors, ModelError
from ..model import Analysis, Document, Entity, Statement, Time
from ..settings import DEFAULT_MODEL
from . import morph, segment  # noqa: F401  (register onrecord_morph, onrecord_segmenter)
from .docview import ensure_extensions, set_original_text
from .headlines import sentence_case_headlines
from .quotes import find_quotes
from .select import blank_unlikely


# Components the record needs from the English pipeline; anything else is disabled.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

# Documents longer than this are analysed in paragraph-aligned chunks, so one huge
# input cannot exhaust memory or hit spaCy's max_length.
CHUNK_CHARS = 100_000
BATCH_CHARS = 200_000  # characters the pipeline parses at once: bounds its memory on huge texts

_EXTRA_INFIXES = [
    r"(?<=[.,;:!?])[\"“”]",  # Caracas.”We → Caracas . ” We
    r"(?<=\w)[:;](?=[\"“”‘])",  # said:“We → said : “ We
]

_DOC_EXTENSIONS = (
    "onrecord_doc_id",
    "onrecord_published",
    "onrecord_statements",
    "onrecord_times",
    "onrecord_entities",
    "onrecord_quotes",
)


def register_extensions() -> None:
    """Doc attributes onrecord's components read and write: plain data on the Doc (see ``docdata``),
    so spaCy can serialise it and ``nlp.pipe(n_process=...)`` works."""
    ensure_extensions(*_DOC_EXTENSIONS)


def _tune_tokenizer(nlp: Language) -> None:
    """Split quotation marks glued to words, as news copy often has them."""
    infixes = list(nlp.Defaults.infixes) + _EXTRA_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# onrecord's own components, in pipeline order after the English model's.
STAGES = ("onrecord_quotes", "onrecord_attribution", "onrecord_speakers", "onrecord_timex", "onrecord_dates")

# The module whose import registers each stage's factory.
_STAGE_MODULES = {
    "onrecord_quotes": "quotes",
    "onrecord_attribution": "attribution",
    "onrecord_speakers": "speakers",
    "onrecord_timex": "timex",
    "onrecord_dates": "dates",
}


def build_pipeline(model: str = DEFAULT_MODEL, stages: tuple[str, ...] = STAGES) -> Language:
    """Load the English model and add onrecord's components in their place.

    ``stages`` lets a caller stop early (attribution without speakers or dates), as
    tests of a single stage and users who only want quotes do.
    """
    register_extensions()
    try:
        nlp = spacy.load(model, exclude=[])
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(Errors.E010, model=model, detail=str(exc).splitlines()[0]) from exc
    disabled = [p for p in nlp.pipe_names if p not in NEEDED]
    for name in disabled:
        nlp.disable_pipe(name)
    _swap_in_fast_morph(nlp)
    _tune_tokenizer(nlp)
    nlp.max_length = CHUNK_CHARS * 2 + 10
    first_parse = "parser" if "parser" in nlp.pipe_names else None
    if first_parse:
        nlp.add_pipe("onrecord_segmenter", before=first_parse)
    else:
        nlp.add_pipe("onrecord_segmenter", first=True)
    for stage in stages:
        importlib.import_module(f"{__package__}.{_STAGE_MODULES[stage]}")
        nlp.add_pipe(stage)
    return nlp


def _swap_in_fast_morph(nlp: Language) -> None:
    """Replace the attribute ruler and rule lemmatizer by one cheaper component.

    Only for pipelines built like spaCy's English ones (a ruler, then a rule-mode
    lemmatizer); any other pipeline keeps its own components untouched.
    """
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return
    if getattr(nlp.get_pipe("lemmatizer"), "mode", None) != "rule":
        return
    nlp.add_pipe("onrecord_morph", before="attribute_ruler")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")


_PARA = re.compile(r"\n\s*\n")


def chunk_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Paragraph-aligned pieces of at most ``limit`` characters, with their offsets."""
    if len(text) <= limit:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = max((m.end() for m in _PARA.finditer(text, start, end)), default=None)
            if cut is None or cut <= start:
                space = text.rfind(" ", start, end)
                cut = space + 1 if space > start else end
            end = cut
        chunks.append((start, text[start:end]))
        start = end
    return chunks


class Analyzer:
    """Runs the pipeline over Documents and hands back plain Analyses.

    Load once and reuse: loading the model costs about a second, a document a few
    milliseconds.
    """

    def __init__(self, model: str = DEFAULT_MODEL, select: bool = True, stages: tuple[str, ...] = STAGES) -> None:
        self.model_name = model
        self.select = select
        self.nlp = build_pipeline(model, stages)

    def make_doc(self, text: str) -> Doc:
        """Tokenise, with unlikely sentences blanked when selection is on.

        Selection needs the quotations, so they are found here once and handed to the
        quotes component on the Doc (headline casing changes no quotation mark).
        """
        model_text = sentence_case_headlines(text)
        quotes = find_quotes(text)
        doc = self.nlp.make_doc(blank_unlikely(model_text, quotes=quotes) if self.select else model_text)
        set_original_text(doc, text)
        doc._.onrecord_quotes = quotes
        return doc

    def analyze(self, document: Document) -> Analysis:
        return next(iter(self.pipe([document])))

    def pipe(
        self, documents: Iterable[Document], batch_size: int = 32, on_chunk: ChunkCallback | None = None
    ) -> Iterator[Analysis]:
        """Analyse a stream of documents lazily, so memory stays flat on big corpora.

        A long document is analysed in paragraph-aligned chunks; what each chunk
        yields is kept and its spaCy ``Doc`` dropped at once, so a 5 MB text never
        holds all its Docs (their tensors alone would be gigabytes).  ``on_chunk``
        hears ``(document id, characters done, characters in all)`` after each chunk
        of a document that has more than one, for progress on huge inputs.
        """
        for document, parts in self._with_parts(documents, batch_size, on_chunk):
            yield self._collect(document, parts)

    def _with_parts(
        self, documents: Iterable[Document], batch_size: int, on_chunk: ChunkCallback | None
    ) -> Iterator[tuple[Document, list[Part]]]:
        pending: dict[int, tuple[Document, int, list[Part]]] = {}
        order: list[int] = []

        def inputs() -> Iterator[Doc]:
            for n, document in enumerate(documents):
                pieces = chunk_text(document.text)
                pending[n] = (document, len(pieces), [])
                order.append(n)
                for offset, piece in pieces:
                    doc = self.make_doc(piece)
                    doc._.onrecord_doc_id = document.id
                    doc._.onrecord_published = document.published
                    doc.user_data["onrecord_key"] = (n, offset)
                    yield doc

        for doc in self._parsed(inputs(), batch_size):
            n, offset = doc.user_data["onrecord_key"]
            document, expected, parts = pending[n]
            parts.append(_part(doc, offset))
            if expected > 1 and on_chunk is not None:
                on_chunk(document.id, offset + len(doc.text), len(document.text))
            while order and len(pending[order[0]][2]) == pending[order[0]][1]:
                done = order.pop(0)
                finished, _, done_parts = pending.pop(done)
                yield finished, done_parts

    def _parsed(self, docs: Iterator[Doc], batch_size: int) -> Iterator[Doc]:
        """The pipeline over batches of at most ``batch_size`` Docs and about BATCH_CHARS characters.

        The parser precomputes kilobytes per token for a whole batch at once, so 32
        chunks of a huge text in one batch (half a million tokens) took gigabytes;
        news articles are small, and 32 of them stay one batch as before.
        """
        batch: list[Doc] = []
        size = 0
        for doc in docs:
            if batch and (len(batch) >= batch_size or size + len(doc.text) > BATCH_CHARS):
                yield from self.nlp.pipe(batch, batch_size=len(batch))
                batch, size = [], 0
            batch.append(doc)
            size += len(doc.text)
        if batch:
            yield from self.nlp.pipe(batch, batch_size=len(batch))

    @staticmethod
    def _collect(document: Document, parts: list[Part]) -> Analysis:
        analysis = Analysis(document=document)
        for offset, statements, times, entities in sorted(parts, key=lambda p: p[0]):
            if offset:
                statements = [shift_statement(s, offset) for s in statements]
                times = [replace(t, start=t.start + offset, end=t.end + offset) for t in times]
            analysis.statements.extend(statements)
            analysis.times.extend(times)
            analysis.entities.extend(entities)
        _stamp(analysis)
        return analysis


Part = tuple[int, list[Statement], list[Time], list[Entity]]
ChunkCallback = Callable[[str, int, int], None]


def _part(doc: Doc, offset: int) -> Part:
    """What one chunk's Doc found, as plain data: the Doc itself can then be freed."""
    return (offset, list(doc._.onrecord_statements or []), list(doc._.onrecord_times or []),
            list(doc._.onrecord_entities or []))


def shift_statement(statement: Statement, offset: int) -> Statement:
    """Move a statement found in a chunk to its place in the whole document."""

    def span(pair: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if pair is None else (pair[0] + offset, pair[1] + offset)

    speaker = statement.speaker and replace(
        statement.speaker, start=statement.speaker.start + offset, end=statement.speaker.end + offset
    )
    cue = statement.cue and replace(statement.cue, start=statement.cue.start + offset, end=statement.cue.end + offset)
    moved = replace(
        statement,
        speaker=speaker,
        cue=cue,
        content_spans=[(s + offset, e + offset) for s, e in statement.content_spans],
        sentence=span(statement.sentence),
        id="",
    )
    return moved


def _stamp(analysis: Analysis) -> None:
    """Give statements ids unique across documents and their document's id."""
    renamed: dict[str, str] = {}
    salt = analysis.document.hash
    for st in analysis.statements:
        st.doc_id = analysis.document.id
        new_id = st.make_id(salt=salt)
        renamed[st.id] = new_id
        st.id = new_id
    for st in analysis.statements:
        if st.parent is not None:
            st.parent = renamed.get(st.parent)
