"""The command line, end to end on the project's own example articles."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from onrecord.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("analyze", "statements", "speakers", "show", "export", "eval"):
        assert command in result.output


def test_analyze_then_query_and_export(tmp_path, examples):
    db = str(tmp_path / "r.db")
    first = run("analyze", str(examples), "--db", db)
    assert first.exit_code == 0, first.output
    assert "3 documents analysed" in first.output
    again = run("analyze", str(examples), "--db", db)
    assert again.exit_code == 0
    assert "0 documents analysed" in again.output and "3 already in the record" in again.output

    lines = run("statements", "--db", db, "--format", "jsonl", "--speaker", "Brandt").output.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all("Brandt" in (r["speaker"]["name"] or "") for r in records)

    rows = list(csv.DictReader(io.StringIO(run("statements", "--db", db, "--format", "csv").output)))
    assert {"speaker", "cue", "content", "kind"} <= set(rows[0])

    ranked = [json.loads(line)["confidence"] for line in
              run("statements", "--db", db, "--sort", "confidence", "--format", "jsonl").output.splitlines()]
    assert ranked == sorted(ranked, reverse=True) and len(set(ranked)) > 1
    confident = [json.loads(line) for line in run("export", "statements", "--db", db, "--min-confidence", "0.9").output.splitlines()]
    assert confident and all(r["confidence"] >= 0.9 for r in confident) and len(confident) < len(ranked)

    found = run("statements", "--db", db, "--search", "goalposts", "--format", "jsonl").output.splitlines()
    assert len(found) == 1 and "goalposts" in found[0]

    shown = run("show", "harbour-times-strike.txt", "--db", db)
    assert shown.exit_code == 0 and "[[" in shown.output and "Elena Ruiz" in shown.output
    assert run("show", "nope.txt", "--db", db).exit_code == 2

    speakers = run("speakers", "--db", db, "--format", "jsonl").output.splitlines()
    names = [json.loads(s)["name"] for s in speakers]
    assert "Elena Ruiz" in names and "Tomas Brandt" in names


def test_export_contract_offsets(tmp_path, examples):
    db = str(tmp_path / "r.db")
    run("analyze", str(examples), "--db", db, "-q")
    texts = {p.name: p.read_text("utf-8") for p in examples.glob("*.txt")}
    out = tmp_path / "statements.jsonl"
    assert run("export", "statements", "--db", db, "--output", str(out)).exit_code == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) >= 20
    for r in records:
        assert set(r) >= {"id", "doc", "speaker", "cue", "content", "kind", "polarity", "date", "parent"}
        text = texts[r["doc"]]
        if r["speaker"]:
            s, e = r["speaker"]["span"]
            assert r["speaker"]["type"] in {"PERSON", "ORG", "GPE", "GROUP", "OTHER"}
            assert text[s:e] == r["speaker"]["mention"]
        if r["cue"]:
            s, e = r["cue"]["span"]
            assert text[s:e] == r["cue"]["text"]
        for s, e in r["content"]["spans"]:
            assert text[s:e] in r["content"]["text"]
        assert r["polarity"] in ("assert", "deny")
    denial = next(r for r in records if r["cue"] and r["cue"]["lemma"] == "deny")
    assert denial["polarity"] == "deny"
    entities = run("export", "entities", "--db", db).output.splitlines()
    assert all({"name", "type", "aliases", "roles"} <= set(json.loads(e)) for e in entities)


def test_bad_inputs_are_named_and_the_rest_lands(tmp_path):
    (tmp_path / "good.txt").write_text("Title\n\n“It is over,” the mayor said.", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\xff" * 500)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "batch.jsonl").write_text('{"id": "j1", "text": "He said yes."}\n{oops\n', encoding="utf-8")
    db = str(tmp_path / "r.db")
    result = run("analyze", str(tmp_path), "--db", db)
    assert result.exit_code == 1
    assert "blob.txt" in result.output and "E001" in result.output
    assert "empty.txt" in result.output
    assert "batch.jsonl:2" in result.output
    assert "2 documents analysed" in result.output


def test_stdin(tmp_path):
    db = str(tmp_path / "r.db")
    result = run("analyze", "-", "--db", db, "--published", "2025-03-14", input="Headline\n\n“No,” Ruiz said.")
    assert result.exit_code == 0, result.output
    (line,) = run("statements", "--db", db, "--format", "jsonl").output.splitlines()
    assert json.loads(line)["doc"] == "stdin"


def test_missing_db_and_bad_model(tmp_path):
    assert run("statements", "--db", str(tmp_path / "none.db")).exit_code == 2
    result = run("analyze", "x.txt", "--db", str(tmp_path / "r.db"), "--model", "no_such_pipeline")
    assert result.exit_code == 2 and "E010" in result.output


def test_link_contradictions_timeline_relate_entities(tmp_path, shared):
    db = str(tmp_path / "r.db")
    seeds = shared / "corpus" / "seeds"
    assert run("analyze", str(seeds / "000_74f9bc2048f974de.txt"), "--published", "2019-05-03", "--db", db, "-q").exit_code == 0
    assert run("analyze", str(seeds / "002_67183b8b9b4f04f6.txt"), "--db", db, "-q").exit_code == 0
    linked = run("link", "--db", db)
    assert linked.exit_code == 0 and "contradicts" in linked.output
    links = [json.loads(line) for line in run("export", "links", "--db", db).output.splitlines()]
    assert {ln["relation"] for ln in links} >= {"repeats", "supports", "contradicts"}
    assert all(ln["why"] for ln in links)
    contra = run("contradictions", "--db", db, "--format", "jsonl").output.splitlines()
    first = json.loads(contra[0])
    assert first["a"]["content"]["text"] and first["b"]["content"]["text"]
    assert any(json.loads(c)["a"]["kind"] == "narration" or json.loads(c)["b"]["kind"] == "narration" for c in contra)
    assert all(ln["carriers_a"][0] == ln["a"] and ln["carriers_b"][0] == ln["b"] for ln in links)
    assert all(len(ln["opposed"]) == 2 for ln in links if ln["relation"] == "contradicts")
    table = run("contradictions", "--db", db).output
    assert "»talked«" in table and "»persuaded«" in table  # the opposing words of the Kremlin's denial, marked
    assert "Bloomberg (narration)" in table
    assert run("contradictions", "--db", db, "--min-score", "0.99").output.strip() == "No contradictions in the record match."
    strong = run("contradictions", "--db", db, "--min-score", "0.85").output
    assert strong.startswith("0.9") and "Kremlin" in strong and "Putin" not in strong
    putin = run("contradictions", "--db", db, "--speaker", "Putin").output
    assert putin and "Vladimir Putin" in putin and "Kremlin denies" not in putin
    troops = [json.loads(c) for c in run("contradictions", "--db", db, "--search", "troops", "--format", "jsonl").output.splitlines()]
    assert troops and all("troops" in (c["a"]["content"]["text"] + c["b"]["content"]["text"]).lower() for c in troops)
    timeline = run("timeline", "--db", db, "--speaker", "Putin").output
    assert timeline.index("2019-05-03") < timeline.index("2019-06-06")
    answer = json.loads(run("relate", "Russia sent troops to Venezuela", "Putin denies sending troops to Venezuela").output)
    assert answer["relation"] == "contradicts"
    entities = [json.loads(e) for e in run("export", "entities", "--db", db).output.splitlines()]
    maduro = next(e for e in entities if e["name"] == "Nicolás Maduro")
    assert maduro["merges"][0]["alias"] == "Nicolas Maduro"
    assert run("entities", "merge", "Vladimir Putin", "Kremlin", "--db", db).exit_code == 0
    run("link", "--db", db)
    assert "Kremlin → Vladimir Putin" in run("entities", "list", "--db", db).output


def test_relate_pairs_file(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": "1", "claim": "The bridge collapsed", "text": "Bridge collapse is a hoax, officials say"}\n', encoding="utf-8")
    (line,) = run("relate", "--input", str(pairs)).output.splitlines()
    record = json.loads(line)
    assert record["id"] == "1" and record["relation"] in ("supports", "contradicts", "neutral") and "score" in record
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{oops\n{"id": "2", "claim": 3}\n{"id": "3", "claim": "A", "text": "B"}\n', encoding="utf-8")
    result = run("relate", "--input", str(bad))
    assert result.exit_code == 1  # bad lines are skipped by name, as analyze skips bad inputs
    assert f"{bad}:1" in result.stderr and f"{bad}:2" in result.stderr and "E029" in result.stderr
    (answered,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert answered["id"] == "3"
    assert run("relate", "--input", str(tmp_path / "missing.jsonl")).exit_code == 2
