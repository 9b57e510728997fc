"""False hits the attribution stage must not report: acts rather than words, reports
inside reports, contents with nothing said.

The sentences are our own.  Each test pins one precision rule of
``onrecord.nlp.attribution`` and, where it matters, the near neighbour the rule must
leave alone.
"""

from __future__ import annotations

import pytest

from onrecord.model import Statement
from onrecord.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(stages=("onrecord_quotes", "onrecord_attribution"))


def statements(nlp, text: str) -> list[Statement]:
    return nlp(text)._.onrecord_statements


def cues(nlp, text: str) -> list[str]:
    return [s.cue.text for s in statements(nlp, text) if s.cue is not None]


def test_report_inside_a_report_is_one_statement(nlp):
    found = statements(nlp, "The ferry operator said the inspectors believe the hull is sound.")
    assert [s.cue.text for s in found] == ["said"]
    assert found[0].content == "the inspectors believe the hull is sound"


def test_what_a_document_shows_inside_a_report_is_not_a_second_statement(nlp):
    assert cues(nlp, "The lawyer said the footage shows the guard opening the gate.") == ["said"]


def test_noun_cue_inside_a_report_stays(nlp):
    found = statements(nlp, "The auditor said she accepted the firm’s assurance that the books were complete.")
    assert {"said", "assurance"} <= set(s.cue.text for s in found)


def test_bare_imperative_is_not_a_statement(nlp):
    assert statements(nlp, "Don’t blame the weather for the late trains.") == []


def test_instruction_to_the_reader_is_not_a_statement(nlp):
    assert statements(nlp, "Please ask yourself that question before the vote.") == []


def test_subject_of_imperative_neighbour_still_speaks(nlp):
    st = statements(nlp, "The coach will ask the players to rest on Sunday.")
    assert [s.speaker.mention for s in st] == ["The coach"]


def test_newsroom_rubric_is_no_speaker(nlp):
    text = "Correction: An earlier version of this article misstated the date of the vote.\n"
    assert [s for s in statements(nlp, text) if s.cue and s.cue.text == ":"] == []


def test_name_before_colon_still_speaks(nlp):
    text = "Moreno: The city needs a new bridge before winter\n"
    found = [s for s in statements(nlp, text) if s.cue and s.cue.text == ":"]
    assert [s.speaker.mention for s in found] == ["Moreno"]


def test_content_of_function_words_says_nothing(nlp):
    from onrecord.nlp.attribution.filters import _says_nothing
    from onrecord.nlp.attribution.grammar import _Found

    doc = nlp("The plan was backed by the mayor.")
    backed, by = doc[3], doc[4]
    speaker = doc[5:7]
    found = _Found(cue=[backed], cue_class="support", cue_lemma="back", speaker=speaker,
                   content={by.i, 5, 6}, kind="indirect", sentence=doc[0:8], confidence=0.6)
    assert _says_nothing(found)
    found.content = {0, 1}
    assert not _says_nothing(found)


def test_finding_a_thing_is_not_a_finding(nlp):
    assert cues(nlp, "The engineers found a way around the flooded tunnel.") == []


def test_finding_that_still_reports(nlp):
    assert cues(nlp, "The engineers found that the tunnel had flooded.") == ["found"]


def test_a_study_finding_a_count_still_reports(nlp):
    assert cues(nlp, "A 2019 study found 40 cases of fraud in the county.") == ["found"]


def test_finding_a_law_unconstitutional_still_reports(nlp):
    assert cues(nlp, "Last year a federal judge found the curfew unconstitutional.") == ["found"]


def test_the_time_of_saying_is_not_what_was_said(nlp):
    assert statements(nlp, "It was what Ana Costa said when she resigned from the paper in anger.") == []
    (st,) = statements(nlp, "The council has not said when it would vote on the harbour plan.")
    assert st.content == "when it would vote on the harbour plan"


def test_according_to_inside_a_quotation_is_part_of_the_quoted_words(nlp):
    text = "The audit says the firm “holds 900 shell companies, according to its own filings.”"
    found = statements(nlp, text)
    assert [(s.cue.text, s.speaker.mention) for s in found] == [("says", "The audit")]


def test_two_reports_inside_each_other_keep_the_wider_one():
    from onrecord.model import Cue, Speaker
    from onrecord.nlp.attribution.reconcile import _set_parents
    from onrecord.nlp.attribution.filters import _outermost

    def st(cue_at: int, spans: list[tuple[int, int]]) -> Statement:
        return Statement(doc_id="d", speaker=Speaker("x", 0, 1), cue=Cue("said", "say", "assert", cue_at, cue_at + 4),
                         content_spans=spans, content="…", kind="indirect")

    wide, narrow = st(10, [(0, 5), (20, 90)]), st(50, [(8, 40)])
    _set_parents([wide, narrow])
    assert [s.id for s in _outermost([wide, narrow])] == [wide.id]


@pytest.mark.parametrize("text", [
    "The restored print revealed some forgotten scenes.",
    "The mural shows three fishermen hauling a net.",
    "Collectors still like to show off their first editions.",
])
def test_a_thing_showing_a_thing_is_not_a_statement(nlp, text):
    assert cues(nlp, text) == []


def test_a_finding_shown_by_figures_stays(nlp):
    assert cues(nlp, "The figures showed that ferry traffic had doubled.") == ["showed"]


def test_a_court_that_cleared_him_is_the_one_saying(nlp):
    text = ("A district court ruled that Holm would have to pay a fine, but the Court of Appeal "
            "cleared him, saying that others had posted the files.")
    found = {s.cue.text: s.speaker.mention for s in statements(nlp, text) if s.cue is not None and s.speaker is not None}
    assert found["saying"] == "the Court of Appeal"


@pytest.mark.parametrize("text", [
    "Osei was adding emphasis through a loudhailer on the quay when the ferry left.",
    "The council added a clause to the harbour bill on Tuesday.",
])
def test_adding_a_thing_is_an_act(nlp, text):
    assert "adding" not in cues(nlp, text) and "added" not in cues(nlp, text)


@pytest.mark.parametrize("text", [
    "Marsh said the talks would resume, adding that the union had been helpful.",
    "Marsh added a note of caution about the timetable.",
    "At the end of her speech she added the words \u201cvote for the bridge\u201d.",
])
def test_adding_words_stays_a_statement(nlp, text):
    assert any(c.lower().startswith("add") for c in cues(nlp, text)), statements(nlp, text)


def test_the_person_asked_is_the_listener_and_the_question_is_what_was_said(nlp):
    text = "The council met on Monday.\n\n\u201cWhat is it about the timetable that worries you?\u201d Marsh asked Osei."
    asked = [s for s in statements(nlp, text) if s.cue is not None and s.cue.text == "asked"]
    assert len(asked) == 1 and asked[0].content.startswith("\u201cWhat is it about the timetable")
    assert asked[0].addressee == "Osei"
