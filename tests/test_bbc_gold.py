"""The BBC dev gold (tests/data/bbc_dev_gold.json): well formed, and scored by ``onrecord eval bbc``."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.errors import OnrecordError
from onrecord.eval import runner, seeds

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "bbc_dev_gold.json"
KINDS = {"direct", "indirect", "mixed", "nominal", "according_to", "no_comment"}


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text("utf-8"))


@pytest.fixture(scope="module")
def texts(shared, gold) -> dict[str, str]:
    wanted = {d["file"] for d in gold["documents"]}
    found = {}
    with (shared / "corpus" / "bbc" / "bbc-news.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in wanted:
                found[record["id"]] = record["text"]
    return found


def test_the_gold_is_the_fixed_seed_draw(shared, gold):
    spec = importlib.util.spec_from_file_location("bbc_gold_sample", ROOT / "benchmarks" / "bbc_gold_sample.py")
    sample = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sample)
    drawn = [r["id"] for r in sample.draw(shared / "corpus" / "bbc" / "bbc-news.jsonl")]
    assert [d["file"] for d in gold["documents"]] == drawn
    assert all(doc_id.startswith("bbc-val-") for doc_id in drawn)


def test_every_anchor_is_in_its_article(gold, texts):
    ids = [item["id"] for item in gold["statements"]]
    assert len(ids) == len(set(ids))
    for item in gold["statements"]:
        text = texts[item["doc"]]
        assert item["content_contains"] in text, item["id"]
        assert item["speaker_mention"] in text, item["id"]
        assert item["cue"] in text, item["id"]
        assert item["kind"] in KINDS and item["polarity"] in {"assert", "deny"}, item["id"]
        assert item["speaker"] and all(isinstance(name, str) for name in item["speaker"]), item["id"]


def test_a_gold_naming_other_bbc_splits_is_refused(shared, gold, tmp_path):
    bad = dict(gold, documents=[{"file": "bbc-train-0000", "published": None, "outlet": "BBC"}])
    with pytest.raises(OnrecordError, match="bbc-val"):
        runner.bbc_documents(shared / "corpus" / "bbc" / "bbc-news.jsonl", bad)


def test_eval_bbc_reports_its_figures(shared):
    """The figures, not a threshold on them: found/required, unmatched/predictions, recall by kind."""
    result = CliRunner().invoke(app, ["eval", "bbc", "--errors", "--shared", str(shared)])
    assert result.exit_code == 0, result.output
    found = re.search(r"required statements found +(\d+)/(\d+) +\((\d\.\d{3}), exact canonical speaker\)", result.output)
    assert found and int(found[2]) == 144 and int(found[1]) <= 144
    extra = re.search(r"unmatched predictions +(\d+)/(\d+) +\((\d\.\d{3})\)", result.output)
    assert extra and 0 < int(extra[2]) and int(extra[1]) <= int(extra[2])
    kinds = dict(re.findall(r"(\w+) \d+/(\d+)", result.output.split("recall by kind", 1)[1].splitlines()[0]))
    assert kinds == {"according_to": "1", "direct": "88", "indirect": "40", "mixed": "15"}
    listed = [line for line in result.output.splitlines() if line.lstrip().startswith("[")]
    assert len(listed) == int(found[2]) - int(found[1]) + int(extra[1])


def test_the_report_splits_misses_from_speaker_errors():
    gold = {
        "documents": [{"file": "d", "published": None, "outlet": "BBC"}],
        "statements": [
            {"id": "1", "doc": "d", "speaker": ["Ann Lee"], "kind": "direct", "content_contains": "rain is coming"},
            {"id": "2", "doc": "d", "speaker": ["Ann Lee"], "kind": "indirect", "content_contains": "the dam will hold"},
            {"id": "3", "doc": "d", "speaker": ["Bob Roe"], "kind": "indirect", "content_contains": "nobody was told"},
        ],
    }
    preds = [
        {"id": "p1", "doc": "d", "kind": "direct", "speaker": {"name": "Ann Lee"}, "cue": {"text": "said"}, "content": {"text": "Rain is coming."}},
        {"id": "p2", "doc": "d", "kind": "indirect", "speaker": {"name": "Lee spokesman"}, "cue": {"text": "said"}, "content": {"text": "the dam will hold"}},
        {"id": "p3", "doc": "d", "kind": "narration", "speaker": None, "cue": None, "content": {"text": "nobody was told"}},
    ]
    figures = seeds.score_seeds(gold, preds).to_dict()
    assert (figures["required_found"], figures["required"], figures["predictions"], figures["unmatched_predictions"]) == (1, 3, 2, 1)
    assert figures["unmatched_share"] == 0.5
    assert figures["recall_by_kind"] == {"direct": {"found": 1, "required": 1}, "indirect": {"found": 0, "required": 2}}
    assert [m["id"] for m in figures["wrong_speaker"]] == ["2"]
    assert [m["id"] for m in figures["missed"]] == ["2", "3"]


def test_eval_bbc_without_its_gold_says_what_to_do(shared, tmp_path):
    result = CliRunner().invoke(app, ["eval", "bbc", "--shared", str(shared), "--gold", str(tmp_path / "none.json")])
    assert result.exit_code != 0
    assert "gold file not found" in result.output
