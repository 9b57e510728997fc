"""``relate``: a claim against a text by the trained judge (the links' rules are one of its features), JSON lines, Emergent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.link import relate, relate_pairs

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.mark.parametrize(
    ("claim", "text", "expected", "evidence"),
    [
        # a denial in the text
        ("The singer was arrested in Oslo", "Police deny reports that the singer was arrested in Oslo", "contradicts", "deny"),
        # a refutation word
        ("A shark swam through a flooded Houston street", "Houston flooded-street shark photo is a hoax", "contradicts", "hoax"),
        # a headline's "No, …"
        ("The museum sold its oldest painting", "No, the museum has not sold its oldest painting", "contradicts", "No"),
        # negation of the claim's predicate
        ("The mayor resigned on Monday", "The mayor did not resign on Monday", "contradicts", "resign"),
        # opposite predicates
        ("Ticket prices rose this summer", "Ticket prices fell this summer", "contradicts", "↔"),
        # agreement in other words
        ("The company will buy the startup", "Company to acquire the startup for 2 billion", "supports", "acquire"),
        ("The minister was killed in the attack", "Minister dead after attack on convoy", "supports", "dead"),
        # a report without vouching for it
        ("The company will buy the startup", "Company reportedly in talks to acquire the startup", "neutral", ""),
        ("The minister was killed in the attack", "Was the minister killed in the attack?", "neutral", ""),
    ],
)
def test_relate_rules(claim, text, expected, evidence):
    relation, score, why = relate(claim, text)
    assert relation == expected, why
    assert 0.0 <= score <= 1.0
    assert evidence in why


def test_relate_is_neutral_on_unrelated_text():
    relation, _, _ = relate("The bridge will open in May", "Rain is expected across the north on Tuesday")
    assert relation == "neutral"


def test_relate_pairs_answers_json_lines_in_order():
    lines = [
        json.dumps({"id": "1", "claim": "The mayor resigned on Monday", "text": "The mayor did not resign on Monday"}),
        "",
        json.dumps({"id": "2", "claim": "The company will buy the startup", "text": "Company to acquire the startup"}),
    ]
    out = [json.loads(x) for x in relate_pairs(lines)]
    assert [o["id"] for o in out] == ["1", "2"]
    assert [o["relation"] for o in out] == ["contradicts", "supports"]
    assert set(out[0]) == {"id", "relation", "score", "related"}
    assert out[0]["related"] is True


def test_relate_pairs_accepts_dicts_and_can_explain():
    (out,) = list(relate_pairs([{"id": 7, "claim": "The mayor resigned on Monday", "text": "The mayor did not resign on Monday"}], why=True))
    assert out["id"] == 7 and out["relation"] == "contradicts" and "resign" in out["why"]


def test_relate_pairs_names_the_bad_line():
    with pytest.raises(ValueError, match="line 2"):
        list(relate_pairs([json.dumps({"id": 1, "claim": "a", "text": "b"}), "{not json"]))
    with pytest.raises(ValueError, match="claim"):
        list(relate_pairs([json.dumps({"id": 1, "text": "b"})]))


def _emergent_csv() -> Path | None:
    from onrecord.eval.emergent import find_emergent

    return find_emergent(SHARED) if SHARED.exists() else None


@pytest.mark.skipif(_emergent_csv() is None, reason="../shared/corpus/emergent-train is not beside the project")
def test_emergent_train_accuracy():
    from onrecord.eval.emergent import score_emergent

    report = score_emergent(_emergent_csv())
    assert report.pairs > 2000
    assert report.accuracy >= 0.70, report.to_dict()
    assert all(report.per_class[s].f1 > 0.6 for s in ("for", "against", "observing")), report.to_dict()
    assert report.held_out_pairs > 500  # rows of claims the judge never saw, scored apart
