"""Every --format of every listing command, option checks, and corrections that show everywhere."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.output import flat
from onrecord.store.database import fts_query

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    from conftest import ROOT

    examples = ROOT / "examples"
    db = str(tmp_path_factory.mktemp("out") / "r.db")
    assert run("analyze", str(examples), "--db", db, "-q").exit_code == 0
    assert run("link", "--db", db).exit_code == 0
    return db


LISTINGS = [
    ("statements",),
    ("speakers",),
    ("documents",),
    ("timeline",),
]


@pytest.mark.parametrize("command", LISTINGS, ids=lambda c: c[0])
def test_every_format_of_every_listing(record, command):
    jsonl = run(*command, "--db", record, "--format", "jsonl")
    assert jsonl.exit_code == 0, jsonl.output
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert records
    as_csv = run(*command, "--db", record, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert as_csv.exit_code == 0 and len(rows) == len(records)
    table = run(*command, "--db", record, "--format", "table")
    assert table.exit_code == 0 and table.stdout.strip() and not table.stdout.lstrip().startswith("{")


@pytest.mark.parametrize("what", ["statements", "documents", "entities", "times", "links"])
def test_export_writes_jsonl_or_csv_to_a_file(record, tmp_path, what):
    target = tmp_path / f"{what}.csv"
    result = run("export", what, "--db", record, "--format", "csv", "-o", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    jsonl = run("export", what, "--db", record).stdout.splitlines()
    assert len(rows) == len(jsonl) + 1 or (not jsonl and len(rows) <= 1)


def test_statements_table_is_one_block_a_statement_with_a_legend(record):
    shown = run("statements", "--db", record).stdout
    first = shown.split("\n\n")[0].splitlines()
    assert "·" in first[0] and first[1].startswith("    ")  # who · cue · date · outlet, then the words
    if "✗" in shown:
        assert "✗ marks a denial" in shown


def test_unwritable_output_is_one_line_and_exit_2(record):
    result = run("export", "statements", "--db", record, "-o", "/nonexistent-folder/x.jsonl")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert "E027" in line and "/nonexistent-folder/x.jsonl" in line


@pytest.mark.parametrize(
    "args",
    [("statements", "--kind", "bogus"), ("statements", "--min-confidence", "1.5"),
     ("export", "statements", "--min-confidence", "-0.1"), ("export", "statements", "--format", "table")],
)
def test_options_are_validated(record, args):
    result = run(*args, "--db", record)
    assert result.exit_code == 2


def test_corrections_refuse_unknown_names_and_offer_close_ones(record):
    result = run("entities", "merge", "Nobody Here", "Also Nobody", "--db", record)
    assert result.exit_code == 2 and "E028" in result.stderr
    close = run("entities", "merge", "Elena Ruis", "Tomas Brandt", "--db", record)
    assert close.exit_code == 2 and "Elena Ruiz" in close.stderr


def test_a_merge_shows_at_once_in_every_view(tmp_path, examples):
    db = str(tmp_path / "r.db")
    run("analyze", str(examples), "--db", db, "-q")
    before = [json.loads(line) for line in run("statements", "--db", db, "--format", "jsonl").stdout.splitlines()]
    brandt = [r for r in before if (r["speaker"] or {}).get("name") == "Tomas Brandt"]
    assert brandt
    assert run("entities", "merge", "Elena Ruiz", "Tomas Brandt", "--db", db).exit_code == 0
    after = [json.loads(line) for line in run("statements", "--db", db, "--format", "jsonl").stdout.splitlines()]
    names = {r["id"]: (r["speaker"] or {}).get("name") for r in after}
    assert all(names[r["id"]] == "Elena Ruiz" for r in brandt)
    exported = {json.loads(line)["id"]: json.loads(line)["speaker"] for line in run("export", "statements", "--db", db).stdout.splitlines()}
    assert all(exported[r["id"]]["name"] == "Elena Ruiz" for r in brandt)
    speakers = [json.loads(line) for line in run("speakers", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert "Tomas Brandt" not in {s["name"] for s in speakers}
    ruiz = next(s for s in speakers if s["name"] == "Elena Ruiz")
    assert "Tomas Brandt" in ruiz["aliases"]
    by_speaker = run("statements", "--db", db, "--speaker", "Ruiz", "--format", "jsonl").stdout.splitlines()
    assert {json.loads(line)["id"] for line in by_speaker} >= {r["id"] for r in brandt}
    assert run("entities", "split", "Elena Ruiz", "Tomas Brandt", "--db", db).exit_code == 0
    undone = {json.loads(line)["id"]: json.loads(line)["speaker"]["name"]
              for line in run("statements", "--db", db, "--format", "jsonl", "--speaker", "Brandt").stdout.splitlines()}
    assert undone and set(undone.values()) == {"Tomas Brandt"}


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.recursive(
    st.none() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(min_size=1, max_size=5), inner, max_size=3),
    max_leaves=8), max_size=5))
def test_flat_rows_hold_only_csv_cells(record_):
    for value in flat(record_).values():
        assert isinstance(value, (str, int, float))


@given(st.text(max_size=60))
def test_fts_query_is_always_literal_terms(text):
    query = fts_query(text)
    assert query == '""' or all(part.startswith('"') and part.rstrip("*").endswith('"') for part in query.split(" "))


def test_contradictions_honour_every_format(record):
    jsonl = run("contradictions", "--db", record, "--format", "jsonl")
    as_csv = run("contradictions", "--db", record, "--format", "csv")
    table = run("contradictions", "--db", record)
    assert jsonl.exit_code == as_csv.exit_code == table.exit_code == 0
    pairs = [json.loads(line) for line in jsonl.stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == len(pairs)
    assert all({"score", "why", "a_id", "b_id"} <= set(r) for r in rows)
    assert table.stdout.strip() and not table.stdout.lstrip().startswith("{")
