"""Time expressions on sentences written for this test, not taken from any corpus.

te3-dev is small (84 expressions) and was tuned on; these sentences check that the
rules generalise to the classes it hardly holds: durations without a number ("for
years", "months of talks"), the coming/past/next period, decades, quarters, seasons,
weekends and anaphoric "at the time" / "that year".  Expected values follow the
TimeML TIMEX3 guidelines, the way the TE3 gold writes them (a decade is ``P10Y``,
"recent weeks" is ``PXW``).  The publication date is a Friday.
"""

from __future__ import annotations

import pytest

from onrecord.nlp.timex import find_times

FRIDAY = "2019-05-03"


def times(text: str, published: str | None = FRIDAY) -> list[tuple[str, str, str]]:
    return [(text[t.start : t.end], t.type, t.value) for t in find_times(text, published)]


CASES = [
    # durations with no number: TimeML's X stands for the unknown amount
    ("Residents have complained about the noise for years.", ("years", "DURATION", "PXY")),
    ("The talks dragged on for weeks before a deal was struck.", ("weeks", "DURATION", "PXW")),
    ("After months of negotiations, the unions accepted the offer.", ("months", "DURATION", "PXM")),
    ("The dispute over the border has simmered for decades.", ("decades", "DURATION", "PXDE")),
    ("It could take days to restore power to the valley.", ("days", "DURATION", "PXD")),
    ("Rescuers worked for hours to free the driver.", ("hours", "DURATION", "PTXH")),
    ("He spent decades in exile before returning home.", ("decades", "DURATION", "PXDE")),
    ("Lawmakers have argued over the bill for months.", ("months", "DURATION", "PXM")),
    ("Unemployment is at its lowest level in years.", ("years", "DURATION", "PXY")),
    # a period counted from now, with or without a number
    ("The population is expected to double over the next decade.", ("the next decade", "DURATION", "P10Y")),
    ("Crime has fallen steadily over the past decade.", ("the past decade", "DURATION", "P10Y")),
    ("Officials will review the rules in the coming months.", ("the coming months", "DURATION", "PXM")),
    ("In the coming days, the ministry will publish the report.", ("the coming days", "DURATION", "PXD")),
    ("Prices have risen sharply in recent years.", ("recent years", "DURATION", "PXY")),
    ("Over the past few years the town has lost its bank and its school.", ("the past few years", "DURATION", "PXY")),
    ("The report covers the last three months.", ("the last three months", "DURATION", "P3M")),
    # decades as dates
    ("The plant will be closed by the end of next decade.", ("next decade", "DATE", "202")),
    ("It is the warmest spring this decade.", ("this decade", "DATE", "201")),
    # quarters and halves of the year
    ("Sales fell in the first quarter, the company said.", ("the first quarter", "DATE", "2019-Q1")),
    ("Shares rose 5% in the third quarter of 2018.", ("the third quarter of 2018", "DATE", "2018-Q3")),
    ("The firm expects profits to recover next quarter.", ("next quarter", "DATE", "2019-Q3")),
    ("Growth slowed in the second half of 2018.", ("the second half of 2018", "DATE", "2018-H2")),
    # seasons and weekends
    ("The bridge will reopen in the autumn.", ("the autumn", "DATE", "2019-FA")),
    ("The river flooded in the winter.", ("the winter", "DATE", "2018-WI")),
    ("Thousands marched through the capital at the weekend.", ("the weekend", "DATE", "2019-W17-WE")),
    ("The leaders will meet this weekend.", ("this weekend", "DATE", "2019-W18-WE")),
    # anaphoric references to a time already in the story
    ("The mayor, who was in office at the time, declined to comment.", ("the time", "DATE", "PAST_REF")),
    ("At that time, the factory employed 2,000 people.", ("that time", "DATE", "PAST_REF")),
    ("The law was passed in 2008. That year, the party also lost its majority.", ("That year", "DATE", "2008")),
    ("The fire broke out on March 3. Two people died that day.", ("that day", "DATE", "2019-03-03")),
    # kept as they were
    ("The rebels have controlled the town since last year.", ("last year", "DATE", "2018")),
    ("The ceasefire has held for more than a week.", ("a week", "DURATION", "P1W")),
    ("The centre closed in the 1980s.", ("the 1980s", "DATE", "198")),
]

# Written after the rules above and run untouched: 14 of 15 right ("That same year" was missed, then fixed).
CASES += [
    ("The strike has lasted weeks and shows no sign of ending.", ("weeks", "DURATION", "PXW")),
    ("Within days of the vote, the coalition collapsed.", ("days", "DURATION", "PXD")),
    ("Investors have waited years for a dividend.", ("years", "DURATION", "PXY")),
    ("The agency expects demand to grow over the coming decade.", ("the coming decade", "DURATION", "P10Y")),
    ("In the past few weeks, three ministers have resigned.", ("the past few weeks", "DURATION", "PXW")),
    ("Turnout was lower than at any election in recent decades.", ("recent decades", "DURATION", "PXDE")),
    ("Profits doubled in the second quarter of 2017.", ("the second quarter of 2017", "DATE", "2017-Q2")),
    ("At the time, nobody thought the dam would fail.", ("the time", "DATE", "PAST_REF")),
    ("The museum reopened in the spring of 2016.", ("the spring of 2016", "DATE", "2016-SP")),
    ("Police were called to the flat over the weekend.", ("the weekend", "DATE", "2019-W17-WE")),
    ("The club was founded in 1902. That same year it won the cup.", ("That same year", "DATE", "1902")),
    ("Talks will resume next weekend in Geneva.", ("next weekend", "DATE", "2019-W19-WE")),
    ("She has led the charity for nearly two decades.", ("two decades", "DURATION", "P20Y")),
    ("The bank cut rates in the final quarter of last year.", ("the final quarter of last year", "DATE", "2018-Q4")),
    ("Exports fell in December last year.", ("in December last year", "DATE", "2018-12")),
]

NOT_TIMES = [
    "It is time to act, the senator said.",
    "For the first time, a woman leads the party.",
    "At the same time, costs rose across the sector.",
    "The minutes of the meeting were published.",
    "Shops extended their opening hours.",
    "The flu season peaked early.",
    "She was at the time of the attack in London.",
    "He was jailed three times.",
]


# What the rules missed when these sentences were written (emptied as rules land).
MISSED: set[str] = set()


def _cases() -> list:
    return [
        pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason="missed before this rule"))
        if any(text.startswith(m) for m in MISSED) else pytest.param(text, expected)
        for text, expected in CASES
    ]


@pytest.mark.parametrize("text,expected", _cases())
def test_expression_and_value(text, expected):
    assert expected in times(text)


@pytest.mark.parametrize("text", NOT_TIMES)
def test_not_a_time(text):
    assert times(text) == []
