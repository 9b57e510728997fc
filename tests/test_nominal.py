"""Nominal attributions: noun cues, their speakers and their content.

The sentences are our own.  Each test pins one way a noun reports what someone
said, intended or asked, and where the parse puts the speaker.
"""

from __future__ import annotations

import pytest

from onrecord.model import Statement
from onrecord.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(stages=("onrecord_quotes", "onrecord_attribution"))


def nominal(nlp, text: str) -> list[Statement]:
    return [s for s in nlp(text)._.onrecord_statements if s.kind == "nominal"]


def test_infinitive_of_an_intent_noun(nlp):
    found = nominal(nlp, "Parents were angered by the council's decision to close the library.")
    assert len(found) == 1
    assert found[0].speaker.mention == "the council's"
    assert found[0].cue.cls == "intend"
    assert found[0].content == "to close the library"


def test_intent_noun_needs_an_infinitive(nlp):
    assert nominal(nlp, "The council's decision on the library angered parents.") == []


def test_light_verb_subject_speaks(nlp):
    found = nominal(nlp, "The two unions signed an agreement to end the strike by Friday.")
    assert found[0].speaker.mention == "The two unions"
    assert found[0].content == "to end the strike by Friday"


def test_with_phrase_of_a_verb(nlp):
    found = nominal(nlp, "The senator responded with attacks on the governor's budget.")
    assert found[0].speaker.mention == "The senator"
    assert found[0].content == "the governor's budget"


def test_headline_parsed_as_noun_phrase(nlp):
    found = nominal(nlp, "Trump Charges That Rivals Took Bribes")
    assert found[0].speaker.mention == "Trump"
    assert found[0].content == "That Rivals Took Bribes"


def test_date_is_not_what_remarks_were_about(nlp):
    assert nominal(nlp, "Critics dismissed the minister's remarks on Tuesday.") == []


def test_faced_questions_have_no_named_speaker(nlp):
    found = nominal(nlp, "The agency faced questions about its spending.")
    assert len(found) == 1
    assert found[0].speaker is None
    assert found[0].content == "its spending"


def test_criticism_for_names_its_reason(nlp):
    found = nominal(nlp, "The mayor drew sharp criticism for cutting bus routes.")
    assert found[0].speaker is None
    assert found[0].content == "cutting bus routes"


def test_ideas_about_something(nlp):
    found = nominal(nlp, "Voters were unmoved by the governor's ideas about school funding.")
    assert found[0].speaker.mention == "the governor's"
    assert found[0].content == "school funding"
