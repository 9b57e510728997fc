"""Odd text never crashes the analysis, and offsets always index the text as ingested."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.model import Document

NEWSY = st.sampled_from(['"', "“", "”", "‘", "’", "'", " said ", " he ", "\n\n", ".", ",", " according to ", ":", "—", "Mr. "])


def check(analysis, text: str) -> None:
    for s in analysis.statements:
        for a, b in s.content_spans:
            assert 0 <= a < b <= len(text)
        if s.speaker is not None:
            assert text[s.speaker.start : s.speaker.end] == s.speaker.mention
        if s.cue is not None:
            assert text[s.cue.start : s.cue.end] == s.cue.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=30), NEWSY), max_size=40).map("".join))
def test_arbitrary_text_never_crashes(analyzer, text):
    check(analyzer.analyze(Document(id="h", text=text)), text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n ",
        "“",
        "He said “this never closes.\n\nAnd “neither does this,” she said. ”Oops",
        "”We start with a closer,” the minister said.”",
        '"' * 50,
        "Caracas.”We aren’t leaving,” Putin said.“And another",
        "\x00\x01 binary-ish \ufffd text said \u202e reversed",
        "said said said said: said",
        "A" * 5000,
    ],
)
def test_unbalanced_and_odd_quotes(analyzer, text):
    check(analyzer.analyze(Document(id="odd", text=text)), text)


def test_one_megabyte_document(analyzer):
    narration = "The ferry left the harbour at noon and the gulls followed it out past the breakwater.\n\n" * 6
    paragraph = narration + "“The harbour will reopen,” the mayor said. Officials denied that talks had failed.\n\n"
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    analysis = analyzer.analyze(Document(id="big", text=text))
    check(analysis, text)
    assert len(analysis.statements) >= 2 * (len(text) // len(paragraph)) * 0.9


def test_bbc_mojibake_articles(analyzer, shared):
    path = shared / "corpus" / "bbc" / "bbc-news.jsonl"
    broken = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "Â" in record["text"] or "â€" in record["text"]:
                broken.append(Document(id=record["id"], text=record["text"]))
            if len(broken) == 25:
                break
    assert len(broken) == 25
    for analysis, doc in zip(analyzer.pipe(broken), broken):
        check(analysis, doc.text)
