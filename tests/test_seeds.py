"""The two seed articles end to end, scored against gold/seeds.json."""

from __future__ import annotations

import pytest

from onrecord.eval import runner


@pytest.fixture(scope="module")
def report(analyzer, shared):
    return runner.run_seeds(shared, analyzer)


def test_every_required_statement_with_its_canonical_speaker(report):
    assert report.required == 25
    assert report.found == 25, report.missed


def test_few_statements_beyond_the_gold(report):
    assert len(report.unmatched) <= 3, report.unmatched


def test_named_speakers_resolved(analyzer, shared):
    from onrecord.model import Document

    text = (shared / "corpus" / "seeds" / "002_67183b8b9b4f04f6.txt").read_text("utf-8")
    analysis = analyzer.analyze(Document(id="002", text=text))
    by_mention = {(s.speaker.mention, s.cue.text if s.cue else None): s.speaker for s in analysis.statements}
    assert by_mention[("The Russian leader", "said")].name == "Vladimir Putin"
    assert by_mention[("He", "accused")].name == "Vladimir Putin"
    assert by_mention[("U.S. President Donald Trump’s", "tweet")].name == "Donald Trump"
    assert by_mention[("Moscow", "informed")].name == "Russia"
    assert by_mention[("Washington’s", "claims")].name == "United States"
    assert by_mention[("which", "denied")].name == "Russia"


def test_pronoun_and_descriptor_speakers_resolved(report):
    assert (report.resolution_right, report.resolution_total) == (9, 9)


def test_statement_dates_and_times(report):
    assert (report.dates_right, report.dates_total) == (7, 7)
    assert (report.times_found, report.times_total) == (9, 9)


def test_cross_article_links(report):
    assert (report.links_found, report.links_total) == (7, 7)
    assert report.other_contradicts <= 5
