"""The stance judge: relatedness first, then stance; its artefact; ``eval fnc1`` on a slice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.errors import OnrecordError
from onrecord.link.judge import JudgeVerdict, judge_pair, load_judge
from onrecord.link.judge.features import FEATURES
from onrecord.link.relate import relate_pairs

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
MODEL = Path(__file__).resolve().parent.parent / "src" / "onrecord" / "link" / "judge" / "model"

# Written for these tests: three short articles and the claims tested against them.
MUSEUM = (
    "The oldest painting in the city museum was stolen overnight. Thieves broke in through a skylight "
    "and cut the canvas from its frame. The gallery will stay closed until Monday while police search for the thieves."
)
SHARK = (
    "A picture that seems to show a shark swimming down a flooded street in Houston has been shared "
    "thousands of times since the storm. The picture is a hoax: the shark was cut from an old magazine "
    "photograph and pasted into the street scene. No shark was seen in the city, the fire service said."
)
BUDGET = (
    "The council approved a new budget for public libraries on Tuesday. Councillors said the money "
    "would pay for longer opening hours and for new books in the branches outside the town centre."
)


def test_unrelated_pair_is_neutral_and_not_related():
    v = judge_pair("A shark swam down a flooded street in Houston", BUDGET)
    assert isinstance(v, JudgeVerdict)
    assert (v.related, v.relation, v.label) == (False, "neutral", "unrelated")
    assert v.probabilities["unrelated"] >= 0.5
    assert "not about the same story" in v.why


def test_clear_refutation_contradicts_and_quotes_the_evidence():
    v = judge_pair("A shark swam down a flooded street in Houston", SHARK)
    assert (v.related, v.relation) == (True, "contradicts"), v.why
    assert any("hoax" in s for s in v.evidence)
    assert "hoax" in v.why  # the evidence sentence is quoted


def test_clear_agreement_supports():
    v = judge_pair("The museum's oldest painting was stolen", MUSEUM)
    assert (v.related, v.relation) == (True, "supports"), v.why
    assert 0.0 <= v.score <= 1.0
    assert abs(sum(v.probabilities.values()) - 1.0) < 1e-3
    assert set(v.probabilities) == {"agree", "disagree", "discuss", "unrelated"}


def test_relate_output_gains_related_and_keeps_its_fields():
    lines = [
        json.dumps({"id": "a", "claim": "A shark swam down a flooded street in Houston", "text": BUDGET}),
        json.dumps({"id": "b", "claim": "The museum's oldest painting was stolen", "text": MUSEUM}),
    ]
    out = [json.loads(x) for x in relate_pairs(lines)]
    assert [set(o) for o in out] == [{"id", "relation", "score", "related"}] * 2
    assert [o["related"] for o in out] == [False, True]
    (explained,) = list(relate_pairs([{"id": 1, "claim": "A shark swam down a flooded street in Houston", "text": SHARK}], why=True))
    assert explained["evidence"] and "hoax" in explained["why"]


def test_artefact_loads_offline_and_records_its_training():
    judge = load_judge()
    assert judge.stage1 is not None and judge.stage2 is not None
    record = json.loads((MODEL / "training.json").read_text("utf-8"))
    assert record["features"] == list(FEATURES)
    assert record["seed"] and record["sklearn"]
    dev = record["dev"]
    assert dev["f1m"] >= 0.65 and dev["f1"]["disagree"] >= 0.30 and dev["f1"]["unrelated"] >= 0.97, dev
    assert record["emergent_out_of_fold"]["accuracy"] >= 0.75  # the target (0.751: at it, not far above; docs/accuracy.md)
    assert sum(p.stat().st_size for p in MODEL.iterdir()) < 20 * 1024 * 1024


@pytest.mark.skipif(not (SHARED / "corpus" / "fnc1-train").is_dir(), reason="../shared/corpus/fnc1-train is not beside the project")
def test_eval_fnc1_runs_on_a_slice_of_held_out_bodies():
    from onrecord.eval import fnc1
    from onrecord.eval.runner import render_fnc1, run_fnc1

    data = fnc1.load_fnc1(SHARED / "corpus" / "fnc1-train")
    train_ids, dev_ids = fnc1.split_bodies(data.bodies)
    assert not train_ids & dev_ids and len(dev_ids) == round(0.2 * len(data.bodies))
    report = run_fnc1(SHARED, limit=60)
    assert report.pairs == 60
    figures = report.to_dict()
    assert set(figures["f1"]) == {"agree", "disagree", "discuss", "unrelated"}
    assert figures["f1"]["unrelated"] > 0.8
    assert "F1m" in render_fnc1(report)


def test_fnc_score_weights():
    from onrecord.eval.fnc1 import fnc_score, to_label

    assert fnc_score(["agree", "unrelated"], ["agree", "unrelated"]) == 1.25
    assert fnc_score(["agree"], ["discuss"]) == 0.25  # related, wrong stance
    assert fnc_score(["agree"], ["unrelated"]) == 0.0
    assert [to_label("supports", True), to_label("neutral", True), to_label("neutral", False)] == ["agree", "discuss", "unrelated"]


def test_the_default_judge_needs_no_extra(monkeypatch):
    from onrecord.link import semantic
    from onrecord.link.judge import model

    monkeypatch.delenv("ONRECORD_JUDGE", raising=False)
    monkeypatch.setattr(semantic, "available", lambda: False)
    assert not model.semantic_judge_usable()
    judge = load_judge(semantic=False)
    assert judge.semantic is False and judge.features_names == FEATURES
    # installed, the semantic judge is still only used when asked for (it is 30 times slower)
    monkeypatch.setattr(semantic, "available", lambda: True)
    assert not model.wants_semantic() and not model.semantic_judge_usable()
    monkeypatch.setenv("ONRECORD_JUDGE", "semantic")
    assert model.semantic_judge_usable()
    monkeypatch.setattr(semantic, "available", lambda: False)
    with pytest.raises(OnrecordError, match="E017"):
        load_judge.__wrapped__(None)  # asked for without the extra: the error says how to install it


def test_relate_semantic_without_the_extra_says_how_to_install(monkeypatch):
    from typer.testing import CliRunner

    from onrecord.cli import app
    from onrecord.link import semantic

    monkeypatch.setattr(semantic, "available", lambda: False)
    result = CliRunner().invoke(app, ["relate", "--semantic", "A shark swam down a street", SHARK])
    assert result.exit_code == 2 and "E017" in result.output and "onrecord[semantic]" in result.output


def test_sentence_embedding_features_are_cosines_of_the_claim_with_text_best_sentence_and_opening(monkeypatch):
    import numpy as np

    from onrecord.link.judge.features import SEMANTIC_FEATURES, feature_names

    def embed(sentences: list[str]) -> np.ndarray:  # a stand-in encoder: "hoax" sentences point one way
        rows = np.array([[1.0, 0.0] if "hoax" in s.lower() else [0.0, 1.0] for s in sentences])
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    from onrecord.link.judge.model import Judge

    base = load_judge(semantic=False)
    plain, _, _ = base.features("The shark picture is a hoax", SHARK)
    judge = Judge(base.vectors, base.stage1, base.stage2, semantic=True)
    assert judge.features_names == feature_names(True)
    from onrecord.link.judge import model

    monkeypatch.setattr(model, "_embedder", lambda: embed)
    values, _, view = judge.features("The shark picture is a hoax", SHARK)
    assert values[: len(plain)] == plain and len(values) == len(FEATURES) + len(SEMANTIC_FEATURES)
    text_cos, best_cos, lead_cos = values[len(plain):]
    assert best_cos == pytest.approx(1.0) and lead_cos == pytest.approx(1.0)
    assert text_cos == pytest.approx(1 / 5 ** 0.5)  # the mean of one "hoax" sentence and two others
    assert view.embed_sentences.shape == (3, 2)


@pytest.mark.skipif(not (MODEL.parent / "model-semantic" / "judge.json").exists(), reason="no semantic judge trained")
def test_the_semantic_judge_artefact_lists_the_embedding_features():
    from onrecord.link.judge.features import SEMANTIC_FEATURES

    manifest = json.loads((MODEL.parent / "model-semantic" / "judge.json").read_text("utf-8"))
    assert manifest["features"] == list(FEATURES + SEMANTIC_FEATURES) and manifest["semantic"] is True


def _bag_of_words_embed(sentences: list[str]):
    """A stand-in encoder for tests without the extra: hashed word counts, unit length."""
    import re
    import zlib

    import numpy as np

    rows = np.zeros((len(sentences), 256))
    for i, sentence in enumerate(sentences):
        for word in re.findall(r"[a-z]+", sentence.lower()):
            rows[i, zlib.crc32(word.encode()) % 256] += 1.0
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1.0, norms)


@pytest.mark.skipif(not (MODEL.parent / "model-semantic" / "judge.json").exists(), reason="no semantic judge trained")
def test_the_shipped_semantic_judge_loads_without_the_encoder_and_decides(monkeypatch):
    from onrecord.link import semantic
    from onrecord.link.judge import model

    monkeypatch.setattr(semantic, "available", lambda: True)  # the arrays load without the encoder; a stand-in reads
    judge = load_judge(semantic=True)
    assert judge.semantic and judge.stage1 is not None and judge.stage2 is not None
    monkeypatch.setattr(model, "_embedder", lambda: _bag_of_words_embed)
    judge._texts.clear()
    assert judge.judge("A shark swam down a flooded street in Houston", BUDGET).related is False
    assert judge.judge("A shark swam down a flooded street in Houston", SHARK).relation == "contradicts"
    assert judge.judge("The museum's oldest painting was stolen", MUSEUM).relation == "supports"
    judge._texts.clear()  # texts read with the stand-in must not reach a later test


@pytest.mark.skipif(not (MODEL.parent / "model-semantic" / "judge.json").exists(), reason="no semantic judge trained")
def test_the_semantic_judge_records_how_it_was_trained():
    record = json.loads((MODEL.parent / "model-semantic" / "training.json").read_text("utf-8"))
    assert record["semantic"]["encoder"].startswith("all-MiniLM-L6-v2")
    assert record["dev"]["f1m"] >= 0.65 and record["dev"]["f1"]["disagree"] >= 0.30
    assert record["emergent_out_of_fold"]["accuracy"] >= 0.75


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpus" / "fnc1-train").is_dir(), reason="FNC-1 not in ../shared")
@pytest.mark.parametrize("folder", ["model", "model-semantic"])
def test_the_shipped_judge_reads_what_it_was_trained_on(folder, monkeypatch):
    """The features of 200 FNC-1 dev pairs, computed now, equal those kept at training: retrain when this fails.

    The link rules' verdict is one of the features, so a rule change that alters it leaves
    a judge its own training script no longer reproduces.
    """
    import numpy as np

    from onrecord.eval import fnc1
    from onrecord.link import semantic
    from onrecord.link.judge.train import check_pairs

    check = MODEL.parent / folder / "check.npz"
    if not check.exists():
        pytest.skip(f"no {folder} judge trained")
    semantic_judge = folder == "model-semantic"
    if semantic_judge and not semantic.available():
        pytest.skip("the semantic extra is not installed")
    data = fnc1.load_fnc1(fnc1.find_fnc1(SHARED))
    _, dev_ids = fnc1.split_bodies(data.bodies)
    pairs = check_pairs([p for p in data.pairs if p.body_id in dev_ids])
    judge = load_judge(semantic=semantic_judge)
    now = np.array([judge.features(p.headline, data.bodies[p.body_id])[0] for p in pairs])
    with np.load(check) as saved:
        kept = saved["x"]
    differ = np.argwhere(~np.isclose(now, kept, atol=1e-5))
    names = judge.features_names
    assert not len(differ), f"{len(differ)} values differ, e.g. {names[differ[0][1]]} of pair {differ[0][0]}: retrain the judge"


def test_a_bare_question_only_discusses_the_claim():
    import numpy as np

    from onrecord.link.judge.model import only_asks

    judge = load_judge(semantic=False)
    for text in ("Was the minister killed in the attack?", "Did the council approve the library budget?"):
        claim = "The minister was killed in the attack" if "minister" in text else "The council approved the library budget"
        v = judge.judge(claim, text)
        assert (v.related, v.relation, v.label) == (True, "neutral", "discuss"), (text, v.probabilities)
    # a question that brings its own doubt, or a statement beside it, is not a bare question
    for text in ("Was the shark picture a hoax?", "The minister was killed. Was it an accident?"):
        values, _, _ = judge.features("The minister was killed in the attack", text)
        assert not only_asks(np.asarray(values))
