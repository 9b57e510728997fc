"""The SQLite record: round trips, idempotence, search, migrations."""

from __future__ import annotations

import sqlite3

import pytest

from onrecord.errors import StoreError
from onrecord.model import Analysis, Cue, Document, Entity, Link, Speaker, Statement, Time
from onrecord.store import SCHEMA_VERSION, Store, fts_query


def analysis(text: str = "“We will reopen,” Mayor Ruiz said on Friday.", doc_id: str = "a.txt") -> Analysis:
    doc = Document(id=doc_id, text=text, published="2025-03-14", outlet="HT")
    st = Statement(
        doc_id=doc_id,
        speaker=Speaker(mention="Mayor Ruiz", start=19, end=29, type="PERSON", name="Elena Ruiz", role="Mayor"),
        cue=Cue(text="said", lemma="say", cls="assert", start=30, end=34),
        content_spans=[(0, 18)],
        content="“We will reopen,”",
        kind="direct",
        sentence=(0, len(text)),
        confidence=0.9,
    )
    return Analysis(
        document=doc,
        statements=[st],
        times=[Time(doc_id=doc_id, text="on Friday", start=35, end=44, type="DATE", value="2025-03-14")],
        entities=[Entity(name="Elena Ruiz", type="PERSON", aliases=["Mayor Ruiz"], roles=["Mayor"])],
    )


def test_round_trip_and_idempotent(tmp_path):
    with Store(tmp_path / "r.db") as store:
        assert store.write_analysis(analysis(), "m") is True
        assert store.write_analysis(analysis(), "m") is False
        (st,) = store.statements()
        assert st.doc_id == "a.txt"
        assert st.speaker.name == "Elena Ruiz" and st.speaker.role == "Mayor"
        assert st.cue.cls == "assert" and st.content_spans == [(0, 18)]
        (time,) = store.times()
        assert time.value == "2025-03-14"
        assert store.counts() == {"documents": 1, "statements": 1, "entities": 1, "times": 1, "links": 0}
        ((entity, n),) = store.speakers()
        assert (entity.name, n, entity.roles, entity.aliases) == ("Elena Ruiz", 1, ["Mayor"], ["Mayor Ruiz"])
        assert store.get_document("a.txt").outlet == "HT"
        assert store.get_document(analysis().document.hash[:8]).id == "a.txt"


def test_filters_and_search(tmp_path):
    with Store(tmp_path / "r.db") as store:
        store.write_analysis(analysis())
        other = analysis("“Nothing is agreed,” Brandt said on Friday.", "b.txt")
        other.statements[0].speaker = Speaker(mention="Brandt", start=21, end=27, type="PERSON", name="Tomas Brandt")
        other.statements[0].content = "“Nothing is agreed,”"
        store.write_analysis(other)
        assert [s.doc_id for s in store.statements(speaker="ruiz")] == ["a.txt"]
        assert [s.doc_id for s in store.statements(doc="b.txt")] == ["b.txt"]
        assert [s.doc_id for s in store.statements(search="reopen")] == ["a.txt"]
        assert [s.doc_id for s in store.statements(search="reop*")] == ["a.txt"]
        for odd in ['"', "AND (", "*", "reopen)", "NEAR(", "-", ""]:
            list(store.statements(search=odd))
        assert list(store.statements(min_confidence=0.95)) == []


def test_replace_rewrites_findings(tmp_path):
    with Store(tmp_path / "r.db") as store:
        store.write_analysis(analysis())
        again = analysis()
        again.statements[0].confidence = 0.5
        store.replace_analysis(again)
        assert [s.confidence for s in store.statements()] == [0.5]


def test_batch_rollback_keeps_committed(tmp_path):
    path = tmp_path / "r.db"
    with Store(path) as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.write_analysis(analysis())
                store.checkpoint()
                store.write_analysis(analysis("“Second,” Brandt said.", "b.txt"))
                raise RuntimeError("interrupted")
    with Store(path) as store:
        assert [d.id for d in store.documents()] == ["a.txt"]


def test_links(tmp_path):
    with Store(tmp_path / "r.db") as store:
        store.write_links([Link("contradicts", "x", "y", 0.8, "denial against assertion")])
        assert [(ln.relation, ln.a, ln.b) for ln in store.links()] == [("contradicts", "x", "y")]


def test_version_and_foreign_files(tmp_path):
    path = tmp_path / "r.db"
    Store(path).close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError) as err:
        Store(path)
    assert err.value.code.name == "E011"
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (y)")
    con.commit()
    con.close()
    with pytest.raises(StoreError):
        Store(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        Store(junk)


def test_fts_query_quotes_terms():
    assert fts_query('troops AND ("Caracas') == '"troops" "AND" "Caracas"'
    assert fts_query("rec*") == '"rec"*'
