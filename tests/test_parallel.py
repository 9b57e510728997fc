"""Every core and a Dask cluster give the record one process gives: same rows, same order, none twice."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import _worker_count, app

runner = CliRunner()

# Articles written for these tests: each has quotes, reported speech, a date and a named speaker.
PLACES = [
    ("Ashford", "Mary Holt", "the bridge", "reopen in May"),
    ("Brancaster", "Tom Reyes", "the harbour wall", "be rebuilt before winter"),
    ("Coldwell", "Anita Shah", "the library", "stay open on Sundays"),
    ("Dunmere", "Peter Lowe", "the bus depot", "move to the ring road"),
    ("Elsworth", "Grace Okafor", "the swimming pool", "close for repairs in June"),
    ("Farleigh", "Owen Price", "the market hall", "host a food fair"),
    ("Glenholm", "Ruth Adair", "the ferry", "run twice a day"),
]


def _article(town: str, person: str, thing: str, plan: str) -> dict[str, str]:
    text = (
        f"{town} council backs plan for {thing}\n\n"
        f"The council in {town} said on Monday that {thing} would {plan}. "
        f"\"We have waited long enough for this,\" said {person}, who chairs the {town} residents' group. "
        f"{person.split()[-1]} added that the work had been delayed twice. "
        f"Engineers warned that the costs could rise, according to a report published last week. "
        f"The mayor denied that the plan had been rushed."
    )
    return {"id": town.lower(), "text": text, "published": "2026-03-02", "outlet": "The Courier"}


def _inputs(folder: Path, count: int = len(PLACES)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(_article(*p)) + "\n" for p in PLACES[:count]), encoding="utf-8")
    return path


def run(*args: str):
    return runner.invoke(app, list(args))


def record(db: Path) -> dict[str, list[tuple]]:
    """Everything the record holds that an analysis writes, in the order the record keeps it."""
    con = sqlite3.connect(db)
    try:
        return {
            "documents": con.execute(
                "SELECT seq, hash, id, text, published, published_source, outlet, title, url, origin, model"
                " FROM documents ORDER BY seq").fetchall(),
            "statements": con.execute(
                "SELECT s.* FROM statements s JOIN documents d ON d.hash = s.doc_hash ORDER BY d.seq, s.position").fetchall(),
            "entities": con.execute("SELECT * FROM entities ORDER BY id").fetchall(),
            "aliases": con.execute("SELECT * FROM entity_aliases ORDER BY entity_id, alias").fetchall(),
            "roles": con.execute("SELECT * FROM entity_roles ORDER BY entity_id, role").fetchall(),
            "times": con.execute(
                "SELECT t.* FROM times t JOIN documents d ON d.hash = t.doc_hash ORDER BY d.seq, t.start").fetchall(),
            "search": con.execute("SELECT content, speaker, cue, statement_id FROM statements_fts ORDER BY rowid").fetchall(),
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> tuple[Path, dict]:
    """The reference: the inputs analysed by one process."""
    folder = tmp_path_factory.mktemp("one")
    inputs = _inputs(folder)
    db = folder / "one.db"
    result = run("analyze", str(inputs), "--db", str(db), "--workers", "1", "-q")
    assert result.exit_code == 0, result.output
    reference = record(db)
    assert len(reference["documents"]) == len(PLACES)
    assert len(reference["statements"]) >= 2 * len(PLACES)
    return inputs, reference


@pytest.mark.slow
def test_two_workers_give_the_one_process_record_and_finish_an_interrupted_run(tmp_path, one_process):
    inputs, reference = one_process
    db = tmp_path / "two.db"
    result = run("analyze", str(inputs), "--db", str(db), "--workers", "2", "--partition-size", "2")
    assert result.exit_code == 0, result.output
    assert record(db) == reference
    progress = [line.split()[1].rstrip(":") for line in result.output.splitlines() if line.startswith("analysed ")]
    assert progress == [place[0].lower() for place in PLACES]  # one plain line a document, in input order
    # A run that stopped after three documents, finished by two workers: nothing twice, nothing missing.
    partial = tmp_path / "partial.db"
    first = run("analyze", str(_inputs(tmp_path / "three", 3)), "--db", str(partial), "--workers", "1", "-q")
    assert first.exit_code == 0, first.output
    rest = run("analyze", str(inputs), "--db", str(partial), "--workers", "2", "--partition-size", "2", "-q")
    assert rest.exit_code == 0, rest.output
    assert f"{len(PLACES) - 3} documents analysed" in rest.output and "3 already in the record" in rest.output
    finished = record(partial)
    assert sorted(d[1:3] for d in finished["documents"]) == sorted(d[1:3] for d in reference["documents"])
    for table in ("statements", "times", "search"):
        assert sorted(finished[table]) == sorted(reference[table]), table


@pytest.mark.slow
def test_dask_local_cluster_gives_the_one_process_record(tmp_path, one_process):
    pytest.importorskip("distributed")
    inputs, reference = one_process
    db = tmp_path / "dask.db"
    result = run("analyze", str(inputs), "--db", str(db), "--dask", "local:2", "--partition-size", "2", "-q")
    assert result.exit_code == 0, result.output
    assert record(db) == reference
    # Run again: everything is in the record, so no cluster starts and nothing is added.
    again = run("analyze", str(inputs), "--db", str(db), "--dask", "local:2", "--partition-size", "2", "-q")
    assert again.exit_code == 0, again.output
    assert f"0 documents analysed, 0 statements, {len(PLACES)} already in the record" in again.output
    assert record(db) == reference


@pytest.mark.slow
def test_out_writes_a_dataset_that_load_merges_once(tmp_path, one_process):
    import pyarrow.parquet as pq

    inputs, reference = one_process
    out = tmp_path / "dataset"
    result = run("analyze", str(inputs), "--out", str(out), "--workers", "1", "--partition-size", "3", "-q")
    assert result.exit_code == 0, result.output
    parts = sorted(p.name for p in (out / "statements").iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    # DuckDB and Spark read the statements with the export contract's columns.
    table = pq.read_table(out / "statements")
    assert {"id", "doc", "speaker", "cue", "content", "kind", "confidence"} <= set(table.column_names)
    assert table.num_rows == len(reference["statements"])
    db = tmp_path / "loaded.db"
    for _ in range(2):
        loaded = run("load", str(out), "--db", str(db), "-q")
        assert loaded.exit_code == 0, loaded.output
        assert record(db) == reference
    assert "0 documents loaded" in loaded.output
    # A re-run skips the partitions already written and redoes a missing one only.
    (out / "documents" / "part-00001.parquet").unlink()
    again = run("analyze", str(inputs), "--out", str(out), "--workers", "1", "--partition-size", "3", "-q")
    assert again.exit_code == 0, again.output
    assert "3 documents analysed" in again.output and f"{len(PLACES) - 3} already in the dataset" in again.output
    # Cut into other partitions, the folder would mix two runs: refused.
    other = run("analyze", str(inputs), "--out", str(out), "--workers", "1", "--partition-size", "2", "-q")
    assert other.exit_code == 2 and "E034" in other.output


def test_export_statements_as_parquet_has_the_contract_columns(tmp_path, examples):
    import pyarrow.parquet as pq

    db = str(tmp_path / "r.db")
    assert run("analyze", str(examples), "--db", db, "-q").exit_code == 0
    jsonl = [json.loads(line) for line in run("export", "statements", "--db", db).output.splitlines()]
    target = tmp_path / "s.parquet"
    result = run("export", "statements", "--db", db, "--format", "parquet", "-o", str(target))
    assert result.exit_code == 0, result.output
    rows = pq.read_table(target).to_pylist()
    assert rows == jsonl and rows
    piped = runner.invoke(app, ["export", "times", "--db", db, "--format", "parquet"])
    assert piped.exit_code == 0
    times = pq.read_table(io.BytesIO(piped.stdout_bytes)).to_pylist()
    assert times == [json.loads(line) for line in run("export", "times", "--db", db).output.splitlines()]


def test_bad_cluster_options_and_folders_are_one_line(tmp_path):
    inputs = _inputs(tmp_path, 2)
    bad = run("analyze", str(inputs), "--db", str(tmp_path / "r.db"), "--dask", "local:many")
    assert bad.exit_code == 2 and "E036" in bad.output and "Traceback" not in bad.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("load", str(empty), "--db", str(tmp_path / "r.db"))
    assert result.exit_code == 2 and "E033" in result.output
    missing = run("load", str(tmp_path / "nowhere"), "--db", str(tmp_path / "r.db"))
    assert missing.exit_code == 2 and "E033" in missing.output
    model = run("analyze", str(inputs), "--db", str(tmp_path / "r.db"), "--workers", "2", "--partition-size", "1",
                "--model", "no_such_pipeline")
    assert model.exit_code == 2 and "E010" in model.output


def test_worker_count_is_all_cores_but_never_more_than_partitions():
    assert _worker_count(["-"], None, None, 20) == 1
    assert _worker_count(["a.jsonl"], 8, 30, 20) == 2
    assert _worker_count(["a.jsonl"], 2, 5, 20) == 1
    assert _worker_count(["a.jsonl"], 3, None, 20) == 3


def test_a_fault_on_a_worker_is_one_error_naming_its_documents():
    from onrecord.model import Document
    from onrecord.parallel import RunError, partitioned, run as run_partitions

    class Broken:
        slots = 1

        def submit(self, partition, out, last=False):
            return partition

        def result(self, future):
            raise ValueError("bad span")

        def close(self):
            pass

    documents = [Document("a", "One."), Document("b", "Two.")]
    with pytest.raises(RunError, match=r"E035.*ValueError: bad span, in documents a to b"):
        list(run_partitions(Broken(), partitioned(documents, 5)))


def test_a_local_partition_goes_out_in_pieces_and_comes_back_as_one():
    """Pieces balance two cores at the end of a run; the answer is the partition's, in order."""
    from concurrent.futures import Future

    from onrecord.model import Analysis, Document
    from onrecord.parallel import Done, LocalPool, Partition, work
    from onrecord.parallel.runners import PIECE_DOCS, TAIL_PIECE_DOCS

    class Recorder:
        def __init__(self):
            self.sent = []

        def submit(self, fn, partition, model, out):
            self.sent.append([d.id for d in partition.documents])
            future = Future()
            future.set_result(Done(partition.index, analyses=[Analysis(document=d) for d in partition.documents]))
            return future

        def shutdown(self, **_):
            pass

    pool = LocalPool(2, "unused-model")
    pool.executor.shutdown()
    pool.executor = Recorder()
    documents = [Document(f"d{n}", f"Text {n}.") for n in range(2 * PIECE_DOCS + 1)]
    done = pool.result(pool.submit(Partition(7, documents), None))
    assert [len(ids) for ids in pool.executor.sent] == [PIECE_DOCS, PIECE_DOCS, 1]
    assert done.index == 7 and [a.document.id for a in done.analyses] == [d.id for d in documents]
    pool.executor.sent.clear()
    done = pool.result(pool.submit(Partition(7, documents), None, last=True))  # the input's end: small pieces
    assert [len(ids) for ids in pool.executor.sent] == [TAIL_PIECE_DOCS] * (len(documents) // TAIL_PIECE_DOCS) + [1]
    assert [a.document.id for a in done.analyses] == [d.id for d in documents]
    pool.executor.sent.clear()
    pool.submit(Partition(7, documents), "some/folder")  # a worker writing its files gets the whole partition
    assert [len(ids) for ids in pool.executor.sent] == [len(documents)]
    failed = work.joined([Done(3, analyses=[Analysis(document=documents[0])]), Done(3, error=("E035", {"detail": "x"}))])
    assert failed.error == ("E035", {"detail": "x"}) and not failed.analyses


def test_run_tells_the_runner_which_partition_ends_the_input():
    from onrecord.model import Analysis, Document
    from onrecord.parallel.runners import partitioned, run
    from onrecord.parallel.work import Done

    class Runner:
        slots = 2

        def __init__(self):
            self.flags = []

        def submit(self, partition, out, last=False):
            self.flags.append((partition.index, last))
            return Done(partition.index, analyses=[Analysis(document=d) for d in partition.documents])

        def result(self, future):
            return future

        def close(self):
            pass

    runner = Runner()
    documents = [Document(f"d{n}", f"Text {n}.") for n in range(5)]
    done = list(run(runner, partitioned(documents, 2)))
    assert runner.flags == [(0, False), (1, False), (2, True)]
    assert [a.document.id for d in done for a in d.analyses] == [d.id for d in documents]
    assert list(run(Runner(), partitioned([], 2))) == []
