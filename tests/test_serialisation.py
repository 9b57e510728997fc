"""onrecord's spaCy components leave only plain data on the Doc, so spaCy can serialise it.

``doc.to_bytes()`` must keep every onrecord annotation, spaCy's own
``nlp.pipe(n_process=2)`` must give what one process gives, a saved pipeline must load
and annotate as the one that saved it, and every factory says what it assigns and needs.
"""

from __future__ import annotations

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from conftest import HOSTILE
from onrecord.model import Cue, Entity, Speaker, Statement, Time
from onrecord.nlp import docdata
from onrecord.nlp.docview import text_of
from onrecord.nlp.pipeline import STAGES

ANNOTATIONS = ("onrecord_statements", "onrecord_times", "onrecord_entities", "onrecord_quotes")

OWN = (
    "Mayor defends bridge budget\n\n"
    "The mayor, Ruth Okafor, said on Tuesday that the bridge would open in March. "
    "\u201cWe are on time and on budget,\u201d she told reporters. "
    "Her rival denied that the council had approved the contract, according to the Gazette."
)


def _texts(examples) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(examples.glob("*.txt"))] + [OWN, HOSTILE]


def _annotated(analyzer, text: str) -> Doc:
    """A Doc as the Analyzer makes it (selection, quotations found first), with an id and a date."""
    doc = analyzer.make_doc(text)
    doc._.onrecord_doc_id = "doc-1"
    doc._.onrecord_published = "2024-05-07"
    return analyzer.nlp(doc)


def test_doc_bytes_round_trip_keeps_every_annotation(analyzer, examples):
    for text in _texts(examples):
        doc = _annotated(analyzer, text)
        back = Doc(analyzer.nlp.vocab).from_bytes(doc.to_bytes())
        for name in ANNOTATIONS:
            assert getattr(back._, name) == getattr(doc._, name), name
        assert back._.onrecord_doc_id == "doc-1" and back._.onrecord_published == "2024-05-07"
        assert text_of(back) == text
        statements = back._.onrecord_statements
        assert statements and all(isinstance(s, Statement) for s in statements)
    # the last Doc read back still carries what the later components added to the statements
    assert any(s.speaker is not None and s.speaker.name for s in statements)
    assert all(s.date == "2024-05-07" for s in statements if s.date_source == "publication")


def test_own_text_round_trip_has_its_statements(analyzer):
    doc = Doc(analyzer.nlp.vocab).from_bytes(_annotated(analyzer, OWN).to_bytes())
    found = {(s.speaker.name if s.speaker else None, s.cue.lemma if s.cue else None, s.date, s.date_source)
             for s in doc._.onrecord_statements}
    assert ("Ruth Okafor", "say", "2024-05-07", "text") in found
    assert ("Ruth Okafor", "tell", "2024-05-07", "publication") in found
    assert [(t.text, t.value) for t in doc._.onrecord_times] == [("on Tuesday", "2024-05-07"), ("in March", "2024-03")]
    assert [(e.name, e.roles) for e in doc._.onrecord_entities] == [("Ruth Okafor", ["mayor"])]


def test_doc_user_data_is_plain(analyzer):
    """What the components leave on the Doc packs with msgpack as it is: no Python objects."""
    doc = _annotated(analyzer, OWN)
    packed = srsly.msgpack_loads(srsly.msgpack_dumps(list(doc.user_data.values())))
    assert len(packed) == len(doc.user_data)
    assert doc.user_data["onrecord_statements"] == docdata.plain(doc, "onrecord_statements")


def test_statement_with_every_field_set_survives_plain_form():
    st = Statement(
        doc_id="d", speaker=Speaker("the ministers", 0, 13, "GROUP", "Ministers", ["A B", "C D"], "Minister", "France"),
        cue=Cue("warned", "warn", "warn", 14, 20), content_spans=[(21, 40), (45, 60)], content="x", kind="mixed",
        polarity="deny", addressee="reporters", sentence=(0, 61), confidence=0.7, parent="abc", date="2024-05-01",
        date_source="text",
    )
    plain = srsly.msgpack_loads(srsly.msgpack_dumps(docdata.statement_to_plain(st)))
    assert docdata.statement_from_plain(plain) == st
    entity = Entity("Ruth Okafor", "PERSON", ["Okafor"], ["mayor"], "UK", 3)
    assert docdata.entity_from_plain(srsly.msgpack_loads(srsly.msgpack_dumps(docdata._flat(entity)))) == entity
    time = Time("d", "on Tuesday", 3, 13, "DATE", "2024-05-07")
    assert docdata.time_from_plain(srsly.msgpack_loads(srsly.msgpack_dumps(docdata._flat(time)))) == time


def test_changes_in_place_are_set_back(analyzer):
    """A read gives copies: changing one does not change the Doc until it is set back."""
    doc = _annotated(analyzer, OWN)
    statements = doc._.onrecord_statements
    statements[0].content = "changed"
    assert doc._.onrecord_statements[0].content != "changed"
    doc._.onrecord_statements = statements
    assert doc._.onrecord_statements[0].content == "changed"


def test_spacy_n_process_gives_the_statements_of_one_process(analyzer, examples):
    texts = _texts(examples)
    one = [d._.onrecord_statements for d in analyzer.nlp.pipe(texts)]
    two = [d._.onrecord_statements for d in analyzer.nlp.pipe(texts, n_process=2, batch_size=2)]
    assert two == one
    assert all(one)


def test_factories_declare_what_they_assign_and_require(analyzer):
    names = ("onrecord_segmenter", "onrecord_morph", *STAGES)
    for name in names:
        meta = Language.get_factory_meta(name)
        assert meta.assigns, name
        assert isinstance(meta.requires, list), name
    assert "doc._.onrecord_statements" in Language.get_factory_meta("onrecord_attribution").assigns
    assert "doc._.onrecord_statements" in Language.get_factory_meta("onrecord_dates").requires
    assert "doc._.onrecord_times" in Language.get_factory_meta("onrecord_dates").requires
    # every requirement is met by a component before it in the real pipeline
    problems = analyzer.nlp.analyze_pipes(pretty=False)["problems"]
    assert not any(problems.values()), problems


def test_saved_pipeline_loads_and_annotates_the_same(analyzer, tmp_path):
    import spacy

    analyzer.nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == analyzer.nlp.pipe_names
    for text in (OWN, HOSTILE):
        a, b = analyzer.nlp(text), loaded(text)
        assert [t.lemma_ for t in b] == [t.lemma_ for t in a]
        assert b._.onrecord_statements == a._.onrecord_statements
