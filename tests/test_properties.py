"""Properties that must hold for any input: the store gives back what it was given, pieces reassemble, spans stay inside."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.model import Analysis, Cue, Document, Speaker, Statement
from onrecord.nlp.pipeline import chunk_text
from onrecord.nlp.quotes import ALL_MARKS, find_quotes
from onrecord.store import Store

WORDS = st.sampled_from(["the", "mayor", "said", "“", "”", '"', "'", "‘", "’", "\n\n", "\n", " ", ".", "ferry", "Ann’s", "é", "🙂"])
TEXT = st.lists(WORDS, min_size=1, max_size=60).map(" ".join)


@st.composite
def analyses(draw) -> Analysis:  # type: ignore[no-untyped-def]
    text = draw(st.text(min_size=12, max_size=200).filter(lambda t: t.strip()))
    doc = Document(id=draw(st.text(min_size=1, max_size=12)), text=text,
                   published=draw(st.sampled_from([None, "2019-05-03", "2019-06-06T09:07"])),
                   outlet=draw(st.sampled_from([None, "Harbour Times"])))
    statements = []
    for _ in range(draw(st.integers(0, 4))):
        a = draw(st.integers(0, len(text) - 2))
        b = draw(st.integers(a + 1, len(text)))
        s = draw(st.integers(0, len(text) - 1))
        speaker = draw(st.sampled_from([None, Speaker(mention=text[s:s + 1], start=s, end=s + 1, type="PERSON",
                                                      name=draw(st.sampled_from([None, "Ann Lee", "Bo Ng"])),
                                                      members=[], role=None, country=None)]))
        cue = draw(st.sampled_from([None, Cue(text=text[s:s + 1], lemma="say", cls="assert", start=s, end=s + 1)]))
        statements.append(Statement(
            doc_id=doc.id, speaker=speaker, cue=cue, content_spans=[(a, b)], content=text[a:b],
            kind=draw(st.sampled_from(["direct", "indirect", "mixed"])), polarity=draw(st.sampled_from(["assert", "deny"])),
            confidence=draw(st.floats(0, 1)), date=draw(st.sampled_from([None, "2019-05-03"])),
        ))
    unique = {st_.id: st_ for st_ in statements}
    return Analysis(document=doc, statements=list(unique.values()), times=[], entities=[])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(analyses())
def test_the_store_gives_back_what_it_was_given(tmp_path: Path, analysis: Analysis) -> None:
    db = tmp_path / f"{abs(hash(analysis.document.text))}.db"
    with Store(db) as store:
        assert store.write_analysis(analysis)
        (document,) = store.documents()
        assert (document.id, document.text, document.published, document.outlet) == (
            analysis.document.id, analysis.document.text, analysis.document.published, analysis.document.outlet)
        back = {s.id: s for s in store.statements()}
    assert set(back) == {s.id for s in analysis.statements}
    for original in analysis.statements:
        got = back[original.id]
        assert (got.content_spans, got.content, got.kind, got.polarity, got.date) == (
            [tuple(p) for p in original.content_spans], original.content, original.kind, original.polarity, original.date)
        assert got.confidence == original.confidence
        assert (got.speaker is None) == (original.speaker is None)
        if original.speaker:
            assert (got.speaker.name, got.speaker.start, got.speaker.end) == (
                original.speaker.name, original.speaker.start, original.speaker.end)
    db.unlink()


@given(st.text(max_size=3000), st.integers(50, 800))
def test_chunks_reassemble_the_text(text: str, limit: int) -> None:
    pieces = chunk_text(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert text[offset:offset + len(piece)] == piece
    if len(text) > limit:
        assert all(len(piece) <= limit for _, piece in pieces)


@given(TEXT)
def test_quote_spans_sit_inside_the_text_on_quotation_marks(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)
        assert text[q.start] in ALL_MARKS
        if q.closed:
            assert text[q.end - 1] in ALL_MARKS
