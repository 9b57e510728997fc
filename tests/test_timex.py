"""Time expressions and their TIMEX3 values against a publication date."""

from __future__ import annotations

import pytest

from onrecord.eval import timeml
from onrecord.nlp.timex import find_times

FRIDAY = "2019-05-03"  # a Friday
THURSDAY = "2019-06-06T09:07"


def times(text: str, published: str | None = FRIDAY) -> list[tuple[str, str, str]]:
    return [(text[t.start : t.end], t.type, t.value) for t in find_times(text, published)]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("He spoke to reporters on Friday.", FRIDAY, ("on Friday", "DATE", "2019-05-03")),
        ("The uprising began on Tuesday.", FRIDAY, ("on Tuesday", "DATE", "2019-04-30")),
        ("The two will meet on Monday.", FRIDAY, ("on Monday", "DATE", "2019-05-06")),
        ("Both said earlier this week that it failed.", FRIDAY, ("earlier this week", "DATE", "2019-W18")),
        ("Sales rose last week.", FRIDAY, ("last week", "DATE", "2019-W17")),
        ("In March, the envoy warned them.", FRIDAY, ("In March", "DATE", "2019-03")),
        ("Elections are due in November.", FRIDAY, ("in November", "DATE", "2019-11")),
        ("They met in Helsinki last summer.", FRIDAY, ("last summer", "DATE", "2018-SU")),
        ("It happened last year.", THURSDAY, ("last year", "DATE", "2018")),
        ("The treaty ends later this year.", THURSDAY, ("later this year", "DATE", "2019")),
        ("Thursday, June 6, 2019.", THURSDAY, ("Thursday, June 6, 2019", "DATE", "2019-06-06")),
        ("Signed on 7 March 2003 in Paris.", THURSDAY, ("7 March 2003", "DATE", "2003-03-07")),
        ("Posted Jun 6, 2019 at 9:07 AM", THURSDAY, ("Jun 6, 2019 at 9:07 AM", "TIME", "2019-06-06T09:07")),
        ("The vote is on April 7.", "2013-03-22", ("on April 7", "DATE", "2013-04-07")),
        ("The ban expires in 2021.", THURSDAY, ("2021", "DATE", "2021")),
        ("Prices doubled in the 1990s.", THURSDAY, ("the 1990s", "DATE", "199")),
        ("It took a month to rebuild.", THURSDAY, ("a month", "DURATION", "P1M")),
        ("Talks lasted two years.", THURSDAY, ("two years", "DURATION", "P2Y")),
        ("the worst in a decade", THURSDAY, ("a decade", "DURATION", "P10Y")),
        ("over the past several months", THURSDAY, ("the past several months", "DURATION", "PXM")),
        ("a four-week course", THURSDAY, ("four-week", "DURATION", "P4W")),
        ("She visits every week.", THURSDAY, ("every week", "SET", "P1W")),
        ("Prices are now falling.", THURSDAY, ("now", "DATE", "PRESENT_REF")),
        ("He recently resigned.", THURSDAY, ("recently", "DATE", "PAST_REF")),
        ("It opened six years ago.", "2013-03-21", ("six years ago", "DATE", "2007")),
        ("It rained yesterday.", FRIDAY, ("yesterday", "DATE", "2019-05-02")),
    ],
)
def test_each_rule(text, published, expected):
    assert expected in times(text, published)


def test_without_publication_date_placeholders_stay():
    assert ("In March", "DATE", "XXXX-03") in times("In March, he left.", None)
    assert ("on Friday", "DATE", "XXXX-WXX-5") in times("He left on Friday.", None)


def test_may_the_verb_is_not_a_month():
    assert times("Officials may resign. The bill may pass in May.") == [("in May", "DATE", "2019-05")]


def test_ages_and_counts_are_not_times():
    assert times("The 22-year-old fled. About 2,019 people and 1,550 warheads.") == []


def test_seed_gold_times(shared):
    import json

    gold = json.loads((shared / "gold" / "seeds.json").read_text("utf-8"))
    published = {d["file"]: d["published"] for d in gold["documents"]}
    for g in gold["times"]:
        text = (shared / "corpus" / "seeds" / g["doc"]).read_text("utf-8")
        found = times(text, published[g["doc"]])
        assert any(g["text"] in t and v == g["value"] for t, _, v in found), (g, found)


def test_te3_dev_value_f1(shared):
    docs = timeml.load_corpus(shared / "corpus" / "te3-dev")
    assert sum(len(d.gold) for d in docs) == 84
    predicted = [
        {"doc": d.doc_id, "span": [f.start, f.end], "value": f.value, "text": d.text[f.start : f.end]}
        for d in docs
        for f in find_times(d.text, d.dct)
    ]
    report = timeml.score_timeml(docs, predicted)
    assert report.value.f1 >= 0.85


def test_timeml_loader_offsets(tmp_path):
    tml = tmp_path / "x.tml"
    tml.write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">March 22</TIMEX3></DCT>'
        "<TEXT>A &amp; B met <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2013-03-21\">Thursday</TIMEX3>.</TEXT></TimeML>",
        encoding="utf-8",
    )
    doc = timeml.load_timeml(tml)
    assert doc.text == "A & B met Thursday."
    assert doc.dct == "2013-03-22"
    (g,) = doc.gold
    assert doc.text[g.start : g.end] == "Thursday" and g.value == "2013-03-21"


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # the tense of a quotation is the quoted speaker's; a past reporting verb outranks an earlier "will"
        ("“We will win,” she said on Tuesday.", FRIDAY, ("on Tuesday", "DATE", "2019-04-30")),
        ("He will step down, his office said on Monday.", FRIDAY, ("on Monday", "DATE", "2019-04-29")),
        ("The book is due to be published in June.", FRIDAY, ("in June", "DATE", "2019-06")),
        # the end of a year that is behind the clause is last year's
        ("Cases peaked by the end of the year.", "2013-03-22", ("the end of the year", "DATE", "2012")),
        ("The plant will close by the end of the year.", "2013-03-22", ("the end of the year", "DATE", "2013")),
        ("The winter of 1962-63 was the coldest.", THURSDAY, ("63", "DATE", "1963")),
        ("In October last year, the shop closed.", THURSDAY, ("In October last year", "DATE", "2018-10")),
        ("In recent times the club has struggled.", THURSDAY, ("recent times", "DATE", "PAST_REF")),
        ("Prices fell in 2016 and rose again the following year.", THURSDAY, ("the following year", "DATE", "2017")),
        ("It was sold in May 2012 and resold the day before the merger.", THURSDAY, ("the day", "DATE", "2012-XX-XX")),
        ("Crowds gathered on Christmas Day.", FRIDAY, ("on Christmas Day", "DATE", "2018-12-25")),
        ("Shops were busy over Christmas and the new year.", FRIDAY, ("over Christmas", "DATE", "2018-12-25")),
        ("The market opens on Mondays.", FRIDAY, ("on Mondays", "SET", "XXXX-WXX-1")),
        ("The deadline passed at noon.", FRIDAY, ("at noon", "TIME", "2019-05-03T12:00")),
        ("Prices soared in the late 80s.", FRIDAY, ("the late 80s", "DATE", "198")),
        ("The plant closed just weeks after the sale.", FRIDAY, ("weeks", "DURATION", "PXW")),
    ],
)
def test_rules_found_in_te3_dev_and_bbc_val(text, published, expected):
    assert expected in times(text, published)


def test_names_and_ordinals_are_not_times():
    assert times("He told BBC Radio 4's Today programme that a second ship had sailed.", None) == []
    assert times("She is in her late 40s and released a Christmas album.", None) == []
