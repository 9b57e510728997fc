"""Real news pages as saved from the web (../shared/corpus/web-dev): article kept, furniture out."""

from __future__ import annotations

import json

import pytest

from onrecord.eval.metrics import fold
from onrecord.ingest import read_inputs

# What each page says of itself, read by a person from the page (dev data).
EXPECTED = {
    "bbc.com.52241221.html": ("New York ramps up mass burials amid virus outbreak", "2020-04-10", "BBC News"),
    "cbsnews.com.carolina.html": ("Black voters in South Carolina are crucial for Democratic candidates", "2020-02-24", "CBS News"),
    "standard.co.uk.caribbean.html": ("Turkey, Poland, Caribbean islands added to UK quarantine list", "2020-10-01", "Evening Standard"),
    "abc13.com-Copperfield.html": (
        "Aisha's Salon and Spa chain bans men from entering any of its 25 locations after man's lewd act", "2023-11-09", "ABC13 Houston"),
    "wsvn.com-crash.html": (
        "15-year-old driver killed, 14-year-old passenger critical in SW Miami-Dade crash", "2023-11-08", "WSVN 7News"),
    "bostonherald.com-Brothel-catering.html": (
        "Brothel catering to politicians, doctors, lawyers busted in Boston", "2023-11-08", "Boston Herald"),
}


@pytest.fixture(scope="module")
def pages(shared):
    corpus = shared / "corpus" / "web-dev"
    snippets = json.loads((corpus / "snippets.json").read_text("utf-8"))
    docs = {d.id: d for d in read_inputs([str(corpus)])}
    return snippets, docs


def test_every_article_snippet_kept_and_no_furniture(pages):
    snippets, docs = pages
    assert set(docs) == set(snippets)
    for name, gold in snippets.items():
        text = fold(docs[name].text)
        assert [s for s in gold["with"] if fold(s) not in text] == [], name
        assert [s for s in gold["without"] if fold(s) in text] == [], name


def test_title_date_outlet(pages):
    _, docs = pages
    for name, (title, published, outlet) in EXPECTED.items():
        doc = docs[name]
        assert (doc.title, doc.published, doc.outlet) == (title, published, outlet), name
        assert doc.text.startswith(title + "\n\n")


def test_statements_with_their_speakers(pages, analyzer):
    _, docs = pages
    found = {}
    for analysis in analyzer.pipe([docs["cbsnews.com.carolina.html"], docs["standard.co.uk.caribbean.html"]]):
        found[analysis.document.id] = {s.speaker.name for s in analysis.statements if s.speaker}
    assert {"Bernice Scott", "Gayle King"} <= found["cbsnews.com.carolina.html"]
    assert {"Humza Yousaf", "Chris Grayling"} <= found["standard.co.uk.caribbean.html"]
