"""Several processes writing one record: nothing lost, nothing duplicated, no traceback."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from onrecord.errors import StoreError
from onrecord.store import Store
from stories import dump, story_inputs

TOWNS = ["Ashford", "Brancaster", "Coldwell", "Dunmere", "Elsworth", "Farleigh", "Glenholm", "Hartwell"]


def _articles(folder: Path, towns: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for town in towns:
        text = (
            f"{town} bridge to reopen\n\n"
            f"The council in {town} said on Monday that the old bridge would reopen in May. "
            f"\"We have waited long enough,\" said Mary Holt, who chairs the {town} traders' group. "
            f"Engineers warned that repairs could take longer than planned."
        )
        lines.append(json.dumps({"id": town.lower(), "text": text, "published": "2026-03-02"}))
    path = folder / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _analyze(inputs: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "onrecord.cli", "analyze", str(inputs), "--db", str(db), "--batch-size", "1", "-q", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _record(db: Path) -> tuple[list[str], list[tuple[str, str, str]]]:
    with Store(db) as store:
        docs = sorted(d.id for d in store.documents())
        statements = sorted((s.id, s.doc_id, s.content) for s in store.statements())
    return docs, statements


@pytest.mark.slow
def test_two_writers_on_one_record_equal_one_run(tmp_path: Path) -> None:
    first = _articles(tmp_path / "a", TOWNS[:4])
    second = _articles(tmp_path / "b", TOWNS[4:])
    shared = tmp_path / "shared.db"
    runs = [_analyze(first, shared), _analyze(second, shared)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        assert "Traceback" not in err
    alone = tmp_path / "alone.db"
    both = _articles(tmp_path / "c", TOWNS)
    run = _analyze(both, alone)
    run.communicate(timeout=300)
    assert run.returncode == 0
    assert _record(shared) == _record(alone)
    assert len(_record(shared)[0]) == len(TOWNS)


def _jsonl(path: Path, docs) -> Path:  # type: ignore[no-untyped-def]
    path.write_text("".join(json.dumps({"id": d.id, "text": d.text, "published": d.published, "outlet": d.outlet,
                                        "url": d.url}) + "\n" for d in docs), encoding="utf-8")
    return path


@pytest.mark.slow
def test_two_writers_with_copies_across_them_equal_one_run(tmp_path: Path) -> None:
    """Copies of one story, the same text under several ids, split across two processes writing at once.

    Each story ends up analysed under its smallest id, whichever process brought it and
    whenever: the record equals one run over every input.
    """
    docs = story_inputs()
    shared = tmp_path / "shared.db"
    runs = [_analyze(_jsonl(tmp_path / "first.jsonl", docs[::2]), shared),
            _analyze(_jsonl(tmp_path / "second.jsonl", docs[1::2]), shared)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        assert "Traceback" not in err
    alone = tmp_path / "alone.db"
    run = _analyze(_jsonl(tmp_path / "all.jsonl", docs), alone)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    expected = dump(alone)
    assert [d[0] for d in expected["documents"]] == ["c-1", "e-0", "s-1", "u-1"]
    assert dump(shared) == expected


def test_a_writer_waits_for_the_lock_then_writes(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, lambda: holder.execute("COMMIT")).start()
    started = time.monotonic()
    with Store(db, lock_timeout=20) as store:
        with store.transaction():
            store.add_override("merge", "Ann Lee", "Ms Lee")
        assert store.overrides() == [("merge", "Ann Lee", "Ms Lee")]
    assert time.monotonic() - started >= 0.9
    holder.close()


def test_a_writer_that_cannot_get_the_lock_fails_with_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store(db, lock_timeout=0.5) as store:
            with pytest.raises(StoreError) as caught:
                with store.transaction():
                    pass
        message = str(caught.value)
        assert message.startswith("[E026]") and str(db) in message and "--lock-timeout" in message
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_analyze_exits_2_with_one_line_when_the_record_stays_locked(tmp_path: Path) -> None:
    inputs = _articles(tmp_path / "a", TOWNS[:1])
    db = tmp_path / "r.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        run = _analyze(inputs, db, "--lock-timeout", "0.5")
        _, err = run.communicate(timeout=300)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert run.returncode == 2
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if "E026" in line]
