"""The scorers, rule by rule, on hand-made gold with known answers, then on real gold."""

from __future__ import annotations

from pathlib import Path

from onrecord.eval import brat, seeds
from onrecord.eval.metrics import fold


def pred(doc, spans, speaker=None, cue=None, kind="indirect", name=None, members=(), text="x", id="p"):
    return {
        "id": id, "doc": doc, "kind": kind,
        "speaker": None if speaker is None else {"span": list(speaker), "name": name, "members": list(members), "mention": "m"},
        "cue": None if cue is None else {"span": list(cue), "text": "said"},
        "content": {"text": text, "spans": [list(s) for s in spans]},
    }


def article(gold, text="x" * 200):
    return brat.Article(doc_id="d", text=text, published=None, outlet=None, title=None, gold=gold)


def rel(content, source=None, cue=None, no_source=False, text="plain"):
    return brat.GoldRelation(content=content, source=source, cue=cue, no_source=no_source, text=text)


def test_half_of_the_shorter_span_is_the_threshold():
    gold = [rel([(0, 100)], source=[(150, 155)])]
    ok = brat.score_brat([article(gold)], [pred("d", [(50, 100)], speaker=(150, 152))])
    assert ok.content.tp == 1 and ok.content_source.tp == 1
    short = brat.score_brat([article(gold)], [pred("d", [(90, 200)])])
    assert short.content.tp == 0  # 10 shared of a 100-char shorter span


def test_one_to_one_greedy_by_largest_overlap():
    gold = [rel([(0, 100)])]
    report = brat.score_brat([article(gold)], [pred("d", [(0, 40)], id="a"), pred("d", [(0, 90)], id="b")])
    assert report.content.tp == 1 and report.content.predicted == 2
    assert [e["error"] for e in report.errors] == ["false_hit"]


def test_discontinuous_gold_is_a_union():
    gold = [rel([(0, 10), (20, 30)])]
    assert brat.score_brat([article(gold)], [pred("d", [(20, 30)])]).content.tp == 1


def test_source_rules():
    gold = [rel([(0, 50)], source=[(60, 65)]), rel([(100, 150)], no_source=True)]
    report = brat.score_brat([article(gold)], [pred("d", [(0, 50)], speaker=(70, 75)), pred("d", [(100, 150)])])
    assert report.content.tp == 2
    assert report.content_source.tp == 1  # the no-source relation counts as source-correct


def test_cue_errors_are_listed_and_precision_is_banded_by_confidence():
    gold = [rel([(0, 50)], source=[(60, 65)], cue=[(66, 70)]), rel([(100, 150)], source=[(160, 165)])]
    sure = dict(pred("d", [(0, 50)], speaker=(60, 65), cue=(80, 84), id="a"), confidence=0.95)
    unsure = dict(pred("d", [(100, 150)], speaker=(170, 175), id="b"), confidence=0.55)
    report = brat.score_brat([article(gold)], [sure, unsure])
    assert [e["error"] for e in report.errors] == ["cue", "source"]
    assert report.by_confidence == {"0.9–1": [1, 1], "0–0.6": [1, 0]}
    assert brat.confidence_band(0.8) == "0.8–0.9" and brat.confidence_band(1.0) == "0.9–1"


def test_direct_slice_by_quotation_marks():
    gold = [rel([(0, 10)], text="“We won,”"), rel([(20, 30)], text="that we won")]
    report = brat.score_brat([article(gold)], [pred("d", [(0, 10)])])
    assert (report.direct.recall, report.indirect.recall) == (1.0, 0.0)


def test_polnear_gold_loads_and_scores_itself(shared):
    articles = brat.load_corpus(shared / "corpus" / "polnear-dev")
    assert len(articles) == 84
    total = sum(len(a.gold) for a in articles)
    assert total == 2192
    perfect = [
        pred(a.doc_id, g.content, speaker=g.source[0] if g.source else None, cue=g.cue[0] if g.cue else None)
        for a in articles for g in a.gold
    ]
    report = brat.score_brat(articles, perfect)
    assert report.content.f1 == 1.0
    assert report.content_source.f1 > 0.99


GOLD = {
    "documents": [{"file": "a", "published": None, "outlet": None}],
    "statements": [
        {"id": "s1", "doc": "a", "speaker": ["Elena Ruiz"], "content_contains": "the port will reopen on Monday"},
        {"id": "s2", "doc": "a", "speaker": ["Tomas Brandt", "Mei Zhou"], "content_contains": "there is no deal"},
        {"id": "s3", "doc": "a", "speaker": ["Ana Ferreira"], "content_contains": "tests found lead", "optional": True},
    ],
    "links": [{"a": "s1", "b": "s2", "relation": "contradicts"}],
    "times": [{"doc": "a", "text": "earlier this week", "value": "2019-W18"}],
}


def test_anchored_rules():
    preds = [
        pred("a", [(0, 1)], speaker=(0, 1), name="Elena Ruíz", text="She said THE port  will reopen on monday.", id="x"),
        pred("a", [(0, 1)], speaker=(0, 1), name="Tomas Brandt and Mei Zhou", members=["Tomas Brandt", "Mei Zhou"],
             text="there’s no... There is no deal at all", id="y"),
        pred("a", [(0, 1)], speaker=(0, 1), name="Ana Ferreira", text="tests found lead", id="z"),
        pred("a", [(0, 1)], speaker=(0, 1), name="Someone", text="unrelated", id="w"),
    ]
    links = [{"relation": "contradicts", "a": "y", "b": "x"}]
    times = [{"doc": "a", "text": "earlier this week", "value": "2019-04-30/2019-05-02"}]
    report = seeds.score_seeds(GOLD, preds, times, links)
    assert (report.required, report.found, report.optional_found) == (2, 2, 1)
    assert [u["content"] for u in report.unmatched] == ["unrelated"]
    assert (report.links_found, report.times_found) == (1, 1)


def test_one_statement_may_hold_two_gold_pieces_of_one_utterance():
    gold = {
        "documents": [{"file": "a"}],
        "statements": [
            {"id": "q1", "doc": "a", "speaker": ["Elena Ruiz"], "content_contains": "We will appeal"},
            {"id": "q2", "doc": "a", "speaker": ["Elena Ruiz"], "content_contains": "This ruling cannot stand"},
        ],
    }
    both = pred("a", [(0, 1)], speaker=(0, 1), name="Elena Ruiz", text="“We will appeal,” … “This ruling cannot stand.”", id="x")
    report = seeds.score_seeds(gold, [both])
    assert (report.required, report.found, len(report.unmatched)) == (2, 2, 0)
    # Where there are two statements, each gold piece keeps its own.
    first = pred("a", [(0, 1)], speaker=(0, 1), name="Elena Ruiz", text="“We will appeal,”", id="y")
    report = seeds.score_seeds(gold, [first, both])
    assert (report.found, len(report.unmatched)) == (2, 0)


def test_anchored_length_and_word_share_rules():
    assert seeds.content_matches("x" * 10 + "the deal", "the deal")
    assert not seeds.content_matches("the deal " + "y" * 401, "the deal")
    assert seeds.content_matches("one two three four nine", "one two three four five")
    assert not seeds.content_matches("one two three", "one two three four five")
    assert fold("Nicolás  “Maduro’s”") == "nicolas \"maduro's\""


def test_week_values():
    assert seeds.value_matches("2019-W18", "2019-04-29/2019-05-02")
    assert seeds.value_matches("2019-05-01", "2019-W18")
    assert not seeds.value_matches("2019-W19", "2019-W18")


def test_seed_gold_has_25_required(shared):
    gold = seeds.load_gold(Path(shared) / "gold" / "seeds.json")
    assert sum(1 for s in gold["statements"] if not s.get("optional")) == 25
