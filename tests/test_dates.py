"""Statement dates: the time of saying, inherited by continuations, else publication."""

from __future__ import annotations


from onrecord.model import Document


def dated(analyzer, text: str, published: str | None) -> list[tuple[str | None, str | None, str]]:
    analysis = analyzer.analyze(Document(id="t", text=text, published=published))
    return [(s.cue.text if s.cue else None, s.date, s.date_source) for s in analysis.statements]


def test_time_attached_to_the_cue(analyzer):
    text = "“We are ready,” the mayor told reporters at City Hall on Tuesday."
    assert dated(analyzer, text, "2019-05-03") == [("told", "2019-04-30", "text")]


def test_dates_inside_the_content_are_not_the_date_of_saying(analyzer):
    text = "The minister said the treaty is set to expire in 2021."
    assert dated(analyzer, text, "2019-06-06") == [("said", "2019-06-06", "publication")]


def test_continuation_inherits_and_unknown_without_publication(analyzer):
    text = "In March, Ruiz said: “We will not sell.”\n\n“The port is ours and it will stay ours.”"
    assert dated(analyzer, text, "2019-05-03") == [("said", "2019-03", "text"), (None, "2019-03", "text")]
    assert dated(analyzer, "Ruiz said the port is ours.", None) == [("said", None, "unknown")]


def test_time_goes_to_the_nearest_cue(analyzer):
    text = "Asked about the mayor’s claim last week that the port was sold, Ruiz said it was not."
    result = dict((cue, date) for cue, date, _ in dated(analyzer, text, "2019-05-03"))
    assert result["claim"] == "2019-W17"
    assert result["said"] == "2019-05-03"


def test_said_on_a_weekday_dates_the_statement_before_and_after_the_cue(analyzer):
    published = "2019-05-03"  # a Friday: "on Tuesday" is 30 April
    for text in (
        "The mayor said on Tuesday that the port would stay open.",
        "On Tuesday, the mayor said the port would stay open.",
        "On Tuesday, he said: “The port will stay open.”",
        "Speaking on Tuesday, the mayor said the port would stay open.",
    ):
        assert dated(analyzer, text, published) == [("said", "2019-04-30", "text")], text


def test_tense_inside_a_quotation_does_not_move_the_day_of_saying(analyzer):
    text = "“The port will stay open,” the mayor said on Tuesday."
    assert dated(analyzer, text, "2019-05-03") == [("said", "2019-04-30", "text")]


def test_a_time_inside_a_relative_clause_dates_that_clause_not_the_saying(analyzer):
    text = "Ruiz, who was elected in 2015, said on Tuesday that he would resign."
    assert dated(analyzer, text, "2019-05-03") == [("said", "2019-04-30", "text")]


def test_a_time_of_a_relative_clause_never_dates_the_saying(analyzer):
    text = "The mayor, who took office last year, said the port would stay open."
    assert dated(analyzer, text, "2019-05-03") == [("said", "2019-05-03", "publication")]
