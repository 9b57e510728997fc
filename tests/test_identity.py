"""Document identity: wire copies, one id one text, every id resolves, honest metadata."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.ingest import read_inputs
from onrecord.ingest.dedup import THRESHOLD, jaccard, shingles
from onrecord.model import content_hash
from onrecord.store import Store
from stories import WIRE, Analyses, dump, feed, story_inputs

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def wire_edits() -> list[str]:
    """Five papers' versions of one agency story: headlines, a word here and there, a line cut."""
    base = WIRE
    return [
        base,
        base.replace("Port workers accept pay deal, ending harbour strike", "Northport dock strike over as workers back deal"),
        base.replace("nine days", "more than a week").replace("Friday morning", "Friday"),
        base.replace(" and local hauliers said they had laid off drivers during the dispute", ""),
        base.replace("Harbour master", "The harbour master,").replace("Vandermolen said", "Vandermolen, said").replace(
            "percent", "per cent"),
    ]


def write_jsonl(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


def test_wire_edits_are_alike_enough_and_other_stories_are_not():
    edits = [shingles(t) for t in wire_edits()]
    assert all(jaccard(edits[0], e) >= THRESHOLD for e in edits[1:])
    other = shingles(WIRE.replace("Port workers", "Bus drivers").split("\n\n", 3)[0] + " The council met on Monday to "
                     "discuss the budget for parks, libraries and the bus station, and the vote was put off again.")
    assert jaccard(edits[0], other) < 0.3


def test_five_wire_copies_one_analysis_five_appearances(tmp_path):
    outlets = ["Northport Gazette", "Kessel Courier", "Coast Herald", "Valley Post", "Island Times"]
    records = [
        {"id": f"wire-{n}", "text": text, "outlet": outlet, "published": f"2025-03-{14 + n % 2:02d}",
         "url": f"https://news{n}.example/port-deal"}
        for n, (text, outlet) in enumerate(zip(wire_edits(), outlets))
    ]
    write_jsonl(tmp_path / "wire.jsonl", records)
    db = str(tmp_path / "r.db")
    result = run("analyze", str(tmp_path / "wire.jsonl"), "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 documents analysed" in result.output and "4 more appearances" in result.output
    (document,) = [json.loads(line) for line in run("export", "documents", "--db", db).output.splitlines()]
    assert document["id"] == "wire-0"
    assert [a["id"] for a in document["appearances"]] == [r["id"] for r in records]
    assert [a["outlet"] for a in document["appearances"]] == outlets
    assert document["appearances"][0]["similarity"] == 1.0 and all(
        THRESHOLD <= a["similarity"] < 1 for a in document["appearances"][1:])
    statements = [json.loads(line) for line in run("statements", "--db", db, "--doc", "wire-3", "--format", "jsonl").output.splitlines()]
    assert statements and {s["doc"] for s in statements} == {"wire-0"}
    assert "wire-0: in 5 outlets" in run("statements", "--db", db).output
    shown = run("show", "wire-4", "--db", db)
    assert shown.exit_code == 0 and "in 5 outlets" in shown.output and "Island Times" in shown.output
    again = run("analyze", str(tmp_path / "wire.jsonl"), "--db", db)
    assert "0 documents analysed" in again.output and "5 already in the record" in again.output


def test_same_text_under_two_ids_both_resolve(tmp_path):
    text = "Ferry talks resume\n\n“We are close to a deal,” said Marta Lindqvist, the operator's chief executive."
    write_jsonl(tmp_path / "a.jsonl", [{"id": "bbc-a", "text": text}, {"id": "bbc-b", "text": text}])
    db = str(tmp_path / "r.db")
    assert run("analyze", str(tmp_path / "a.jsonl"), "--db", db, "--published", "2025-03-14").exit_code == 0
    for doc_id in ("bbc-a", "bbc-b"):
        shown = run("show", doc_id, "--db", db)
        assert shown.exit_code == 0 and "Lindqvist" in shown.output
        lines = run("statements", "--db", db, "--doc", doc_id, "--format", "jsonl").output.splitlines()
        assert [json.loads(line)["doc"] for line in lines] == ["bbc-a"]
    (document,) = [json.loads(line) for line in run("export", "documents", "--db", db).output.splitlines()]
    assert [a["id"] for a in document["appearances"]] == ["bbc-a", "bbc-b"]


def test_one_id_two_texts_is_an_error_unless_forced(tmp_path):
    db = str(tmp_path / "r.db")
    write_jsonl(tmp_path / "v1.jsonl", [{"id": "story", "text": "Title\n\n“The bridge will open in May,” Brandt said."}])
    write_jsonl(tmp_path / "v2.jsonl", [{"id": "story", "text": "Title\n\n“The bridge will open in June,” Ruiz said."}])
    assert run("analyze", str(tmp_path / "v1.jsonl"), "--db", db).exit_code == 0
    refused = run("analyze", str(tmp_path / "v2.jsonl"), "--db", db)
    assert refused.exit_code == 1 and "E024" in refused.output and "'story' already holds another text" in refused.output
    assert "--force" in refused.output
    assert "May" in run("show", "story", "--db", db).output
    forced = run("analyze", str(tmp_path / "v2.jsonl"), "--db", db, "--force")
    assert forced.exit_code == 0, forced.output
    (st,) = [json.loads(line) for line in run("statements", "--db", db, "--format", "jsonl").output.splitlines()]
    assert "June" in st["content"]["text"] and st["doc"] == "story"
    with Store(db) as store:
        assert store.counts()["documents"] == 1


def test_changed_date_redates_and_changed_outlet_updates(tmp_path):
    article = tmp_path / "mayor.txt"
    article.write_text("Port deal\n\n“It is a good deal for the town,” Mayor Ruiz said.", encoding="utf-8")
    db = str(tmp_path / "r.db")
    first = run("analyze", str(article), "--db", db)
    assert "1 document has no date: mayor.txt" in first.output
    (st,) = [json.loads(line) for line in run("export", "statements", "--db", db).output.splitlines()]
    assert st["date"] is None
    redated = run("analyze", str(article), "--db", db, "--published", "2019-06-06")
    assert redated.exit_code == 0 and "re-dated" in redated.output, redated.output
    (st,) = [json.loads(line) for line in run("export", "statements", "--db", db).output.splitlines()]
    assert st["date"] == "2019-06-06"
    moved = run("analyze", str(article), "--db", db, "--published", "2019-06-06", "--outlet", "Harbour Times")
    assert "outlet updated" in moved.output, moved.output
    (document,) = [json.loads(line) for line in run("export", "documents", "--db", db).output.splitlines()]
    assert (document["outlet"], document["published"]) == ("Harbour Times", "2019-06-06")
    assert document["appearances"][0]["outlet"] == "Harbour Times"


def test_mojibake_is_repaired_and_bad_bytes_are_named(tmp_path):
    write_jsonl(tmp_path / "m.jsonl", [{"id": "m1", "text": "Budget rises\n\nThe plan costs Â£5m, the minister said."}])
    (doc,) = read_inputs([str(tmp_path / "m.jsonl")])
    assert doc.text == "Budget rises\n\nThe plan costs £5m, the minister said."
    assert any("mojibake repaired" in n for n in doc.notes)
    raw = "Caf\u00e9 owners said “no” to the plan.\n".encode("utf-8") + b"Line two has a stray \xe9 byte.\n"
    (tmp_path / "bad.txt").write_bytes(raw)
    (doc,) = read_inputs([str(tmp_path / "bad.txt")])
    assert doc.text.startswith("Café owners said “no”") and "stray é byte" in doc.text
    (note,) = doc.notes
    position = raw.index(bytes([0xE9]))
    assert "0xE9" in note and f"offset {position}" in note and "line 2" in note


def test_migration_from_a_version_one_record(tmp_path):
    """A record written before appearances existed: every stored id becomes an appearance."""
    import sqlite3

    from onrecord.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.executescript(MIGRATIONS[0])
    con.execute("INSERT INTO documents (hash, id, text, seq) VALUES ('h1', 'old.txt', 'Old text.', 1)")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    with Store(path) as store:
        (appearance,) = store.appearances()
        assert (appearance.id, appearance.doc_hash) == ("old.txt", "h1")
        assert store.get_document("old.txt").text == "Old text."


def test_two_runs_deciding_at_once_keep_every_id_and_one_analysis(tmp_path):
    """Two analyze runs on one record decide before either writes: the second writer keeps an appearance."""
    from onrecord.intake import Intake
    from onrecord.model import Analysis, Document

    edits = wire_edits()
    with Store(tmp_path / "r.db") as first_store, Store(tmp_path / "r.db") as second_store:
        first, second = Intake(first_store), Intake(second_store)
        original = Document(id="a-1", text=WIRE, outlet="Harbour Times")
        same_text = Document(id="b-1", text=WIRE, outlet="Coastal Courier")
        copy = Document(id="b-2", text=edits[1], outlet="Valley Post")
        assert first.decide(original).action == "analyse"
        assert second.decide(same_text).action == "analyse"  # neither run has written yet
        waiting = second.decide(copy)  # a copy of what the second run is analysing: it waits for that text
        assert waiting.action == "appearance"
        second.record(waiting)
        other = Document(id="b-3", text=edits[2].replace("Northport", "Southport"), outlet="Valley Post")
        with first_store.transaction():
            first.write(Analysis(document=original), "m")
        late = second.decide(other)  # decided after the first run wrote: an appearance at once
        assert late.action == "appearance"
        second.record(late)
        with second_store.transaction():
            assert second.write(Analysis(document=same_text), "m").action == "appearance"
        assert len(first_store.documents()) == 1
        assert {a.id for a in first_store.appearances(original.hash)} == {"a-1", "b-1", "b-2", "b-3"}


def test_a_story_is_analysed_under_its_smallest_id_in_any_order(tmp_path, analyzer):
    """Every order of the inputs, and two runs interleaved on one record, leave the same record."""
    import random

    from onrecord.intake import Intake

    docs = story_inputs()
    analyse = Analyses(analyzer)
    reference = tmp_path / "sorted.db"
    with Store(reference) as store:
        feed(Intake(store), sorted(docs, key=lambda d: d.id), analyse, lag=0)
    expected = dump(reference)
    assert [d[0] for d in expected["documents"]] == ["c-1", "e-0", "s-1", "u-1"]
    by_id = {a[0]: a for a in expected["appearances"]}
    assert {i for i, a in by_id.items() if a[1] == docs[3].hash} == {"c-1", "c-2", "c-5", "c-9"}
    assert by_id["c-2"][3] < THRESHOLD <= by_id["c-5"][3]  # a copy of a copy: in the story, less alike to its text
    assert all(present for _, present in expected["texts"])  # every copy's text is kept
    ferry = [json.loads(s) for s in expected["statements"] if json.loads(s)["doc_id"] == "e-0"]
    assert ferry and {s["date"] for s in ferry} >= {"2025-03-10"}  # dated as e-0, its smallest id, says
    orders = [docs, docs[::-1]] + [random.Random(seed).sample(docs, len(docs)) for seed in range(3)]
    for n, order in enumerate(orders):
        for lag in (0, 3):
            db = tmp_path / f"order-{n}-{lag}.db"
            with Store(db) as store:
                feed(Intake(store), order, analyse, lag)
            assert dump(db) == expected, (n, lag, [d.id for d in order])
    for seed in range(4):  # two runs deciding and writing in turns on one record, each over half the inputs
        order = random.Random(seed).sample(docs, len(docs))
        db = tmp_path / f"two-{seed}.db"
        with Store(db) as one, Store(db) as other:
            halves = [(Intake(one), order[::2]), (Intake(other), order[1::2])]
            steps = [0] * 5 + [1] * 5
            random.Random(seed).shuffle(steps)
            pending: list[list] = [[], []]
            for who in steps:
                intake, inputs = halves[who]
                doc = inputs.pop(0)
                verdict = intake.decide(doc)
                if verdict.action in ("analyse", "reanalyse"):
                    pending[who].append(doc)
                else:
                    intake.record(verdict)
                if len(pending[who]) > seed % 3:
                    with intake.store.transaction():
                        intake.write(analyse(pending[who].pop(0)), "m")
            for who, (intake, _) in enumerate(halves):
                for doc in pending[who]:
                    with intake.store.transaction():
                        intake.write(analyse(doc), "m")
        assert dump(db) == expected, seed


def test_a_later_smaller_id_takes_the_story_over(tmp_path):
    """The same text and date: renamed, statements (and their ids) kept; a copy: analysed, and the ids follow it."""
    db = str(tmp_path / "r.db")
    edits = wire_edits()
    write_jsonl(tmp_path / "b.jsonl", [{"id": "story-b", "text": WIRE, "published": "2025-03-14", "outlet": "Kessel Courier"}])
    assert run("analyze", str(tmp_path / "b.jsonl"), "--db", db).exit_code == 0
    before = [json.loads(line) for line in run("export", "statements", "--db", db).output.splitlines()]
    assert before and {s["doc"] for s in before} == {"story-b"}

    write_jsonl(tmp_path / "a.jsonl", [{"id": "story-a", "text": WIRE, "published": "2025-03-14", "outlet": "Coast Herald"}])
    renamed = run("analyze", str(tmp_path / "a.jsonl"), "--db", db)
    assert renamed.exit_code == 0 and "0 documents analysed" in renamed.output, renamed.output
    after = [json.loads(line) for line in run("export", "statements", "--db", db).output.splitlines()]
    assert [s["id"] for s in after] == [s["id"] for s in before] and {s["doc"] for s in after} == {"story-a"}
    (document,) = [json.loads(line) for line in run("export", "documents", "--db", db).output.splitlines()]
    assert (document["id"], document["outlet"]) == ("story-a", "Coast Herald")
    assert [a["id"] for a in document["appearances"]] == ["story-a", "story-b"]

    write_jsonl(tmp_path / "0.jsonl", [{"id": "story-0", "text": edits[1], "published": "2025-03-14"}])
    taken = run("analyze", str(tmp_path / "0.jsonl"), "--db", db)
    assert taken.exit_code == 0 and "1 documents analysed" in taken.output, taken.output
    (document,) = [json.loads(line) for line in run("export", "documents", "--db", db).output.splitlines()]
    assert document["id"] == "story-0" and document["text"] == edits[1]
    assert [a["id"] for a in document["appearances"]] == ["story-0", "story-a", "story-b"]
    assert THRESHOLD <= document["appearances"][1]["similarity"] < 1
    statements = [json.loads(line) for line in run("export", "statements", "--db", db).output.splitlines()]
    assert statements and {s["doc"] for s in statements} == {"story-0"}
    assert not {s["id"] for s in statements} & {s["id"] for s in before}  # the old analysis went with its text
    with Store(db) as store:
        assert store.counts()["documents"] == 1
        assert store.text_of(content_hash(WIRE)) == WIRE  # kept as a copy: it could take the story back
    assert "Northport" in run("show", "story-b", "--db", db).output
