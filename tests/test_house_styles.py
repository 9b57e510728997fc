"""House styles: British single-quote quoting, colon headlines and rubrics, headlines run
into the first sentence, text with no paragraph breaks, and refusals to speak.

Every text here is our own writing, in the styles of British and wire copy.
"""

from __future__ import annotations

import pytest

from onrecord.export import statement_record
from onrecord.nlp.headlines import run_in_headline_end
from onrecord.nlp.paragraphs import paragraph_end
from onrecord.nlp.pipeline import build_pipeline
from onrecord.nlp.quotes import find_quotes

FILLER = "The league table was unchanged after the weekend. " * 20


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(stages=("onrecord_quotes", "onrecord_attribution"))


def statements(nlp, text: str):
    return nlp(text)._.onrecord_statements


def by_cue(nlp, text: str) -> dict[str, object]:
    return {st.cue.text: st for st in statements(nlp, text) if st.cue is not None}


# --- headlines run into the lead --------------------------------------------------------

RUN_IN = (
    "Minister says rail fares to rise Transport Secretary Alan Moor has said rail fares will "
    "rise by more than inflation next year. Mr Moor told MPs the increase was needed to pay for "
    "new trains and that passengers would see the benefit within two years."
)


def test_a_headline_run_into_the_lead_ends_where_the_lead_restates_it():
    end = run_in_headline_end(RUN_IN)
    assert RUN_IN[:end] == "Minister says rail fares to rise "


def test_the_lead_opening_with_an_article_after_a_quoted_headline():
    text = "Harbour plan 'a mistake' The harbour board has been told its plan to fill in the old dock is a mistake, and that the town will pay for it for decades to come, by a panel of engineers."
    assert text[: run_in_headline_end(text)] == "Harbour plan 'a mistake' "


def test_no_run_in_headline_when_the_title_has_its_own_line_or_the_text_is_short():
    assert run_in_headline_end("Minister says rail fares to rise\n" + RUN_IN[33:]) is None
    assert run_in_headline_end("Rail fares will rise, the minister said.") is None


def test_no_run_in_headline_in_a_plain_lead_sentence():
    text = "Rail fares will rise by more than inflation next year, the transport secretary has said, in a move that will anger commuters across the south east of the country."
    assert run_in_headline_end(text) is None


def test_the_run_in_headline_is_a_sentence_of_its_own(nlp):
    doc = nlp(RUN_IN)
    assert next(iter(doc.sents)).text.strip() == "Minister says rail fares to rise"
    said = by_cue(nlp, RUN_IN)["said"]
    assert RUN_IN[said.speaker.start : said.speaker.end] == "Transport Secretary Alan Moor"


# --- colon headlines and rubrics ------------------------------------------------------------

def test_a_name_colon_quote_headline_ends_at_its_closing_mark(nlp):
    text = "Hartley: 'I was never pressured' The attorney general has denied that anyone pushed him to change his legal advice before the vote in the Commons. " + FILLER
    st = next(s for s in statements(nlp, text) if s.cue.text == ":")
    assert st.content == "'I was never pressured'"
    assert st.speaker.mention == "Hartley"
    assert st.kind == "direct"


@pytest.mark.parametrize("label", ["DVD review", "Obituary", "Profile", "Film preview"])
def test_a_rubric_before_a_colon_is_no_speaker(nlp, label):
    text = f"{label}: The Quiet Harbour A gentle drama about a fishing village, The Quiet Harbour was the surprise success of last summer. " + FILLER
    assert not [s for s in statements(nlp, text) if s.speaker is not None and s.speaker.mention == label]


def test_a_colon_content_in_flattened_text_ends_with_its_sentence(nlp):
    text = FILLER + "The coach was pleased. He added: We were the better side by a distance. The club then confirmed the signing of a striker from Leeds. " + FILLER
    added = by_cue(nlp, text)["added"]
    assert added.content == "We were the better side by a distance"


def test_paragraph_end_is_the_line_end_in_text_with_paragraphs():
    text = "He added: we won. We were better.\nNext paragraph."
    assert paragraph_end(text, 10) == text.index("\n")


# --- single-quote (British) quoting ---------------------------------------------------------

def test_single_marks_quote_in_british_copy(nlp):
    st = by_cue(nlp, "'Nobody leant on me at any stage,' he said.")["said"]
    assert st.kind == "direct"
    assert st.content == "'Nobody leant on me at any stage,'"


def test_double_quotes_nested_in_single_quotes_stay_inside(nlp):
    text = "'They told me \"you will never play again\" and I proved them wrong,' said the striker."
    st = by_cue(nlp, text)["said"]
    assert st.content.startswith("'They told me") and st.content.endswith("wrong,'")


def test_apostrophes_and_plural_possessives_are_not_quotation_marks():
    assert find_quotes("Rock 'n' roll came back in the '90s, at Blair's and the students' union.") == []
    (q,) = find_quotes("'The players' union will decide on Friday,' he said.")
    assert q.end == len("'The players' union will decide on Friday,'")


def test_an_unclosed_quote_in_flattened_text_ends_with_its_sentence(nlp):
    text = FILLER + 'He told reporters: "We played well and we will learn from this. The young lads were superb. Club officials said safety work on the north stand had been completed. ' + FILLER
    (q,) = [q for q in find_quotes(text) if q.double]
    assert text[q.start : q.end] == '"We played well and we will learn from this.'
    cues = by_cue(nlp, text)
    assert cues["told"].content == '"We played well and we will learn from this.'
    assert cues["said"].content == "safety work on the north stand had been completed"


# --- addressees -------------------------------------------------------------------------------

def test_a_programme_told_is_the_addressee_not_the_content(nlp):
    text = "Its director, Anna Pell, told the BBC's Today programme that the film was 'a love letter to the sea'."
    st = by_cue(nlp, text)["told"]
    assert st.addressee == "the BBC's Today programme"
    assert st.content == "that the film was 'a love letter to the sea'"


def test_told_an_agency_on_a_day(nlp):
    st = by_cue(nlp, "The singer told Reuters on Tuesday that the tour would go ahead.")["told"]
    assert st.addressee == "Reuters"
    assert "Tuesday" not in st.content


# --- refusals to speak ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, cue, mention",
    [
        ("A spokesman for the council declined to comment on the report.", "declined to comment", "A spokesman for the council"),
        ("The studio did not respond to a request for comment.", "did not respond", "The studio"),
        ("Ministers refused to answer further questions on the deal.", "refused to answer", "Ministers"),
        ("The player's agent could not be reached for comment.", "could not be reached", "The player's agent"),
        ("The bank had no comment on the sale.", "had no comment", "The bank"),
    ],
)
def test_refusals_to_speak_are_no_comment_without_content(nlp, text, cue, mention):
    (st,) = statements(nlp, text)
    assert (st.kind, st.cue.text, st.speaker.mention, st.content, st.content_spans) == ("no_comment", cue, mention, "", [])
    record = statement_record(st)
    assert record["kind"] == "no_comment" and record["content"] == {"text": "", "spans": []}


def test_a_refusal_reported_by_someone_else_is_their_statement(nlp):
    (st,) = statements(nlp, "A spokesman said the club would not comment on speculation.")
    assert st.kind == "indirect" and st.cue.text == "said"


def test_not_commenting_beyond_a_clause_is_a_statement(nlp):
    st = by_cue(nlp, "The minister would not comment, but said that the talks had gone well.")["said"]
    assert st.content == "that the talks had gone well"


def test_quoted_paragraphs_run_together_are_one_statement_each(nlp):
    text = (FILLER + 'The manager said: "We were poor today and we know it. We have to be better. '
            '"You are not going to win anything playing like that. "The fans deserve better." The club said nothing more. ' + FILLER)
    quoted = [s for s in statements(nlp, text) if s.kind == "direct"]
    assert [s.content for s in quoted] == [
        '"We were poor today and we know it. We have to be better.',
        '"You are not going to win anything playing like that.',
        '"The fans deserve better."',
    ]
    assert all(s.speaker is not None and s.speaker.mention == "The manager" for s in quoted)


@pytest.mark.parametrize(
    "text",
    [
        "LONDON, Dec 2 (Reuters) - Britain's finance minister said on Tuesday that growth would slow.",
        "WASHINGTON (AP) — Britain's finance minister told The Associated Press that growth would slow.",
    ],
)
def test_a_wire_dateline_is_neither_speaker_nor_content(nlp, text):
    (st,) = statements(nlp, text)
    assert text[st.speaker.start : st.speaker.end] == "Britain's finance minister"
    assert st.content == "that growth would slow"


@pytest.mark.parametrize("text", ["Police were called to the ground.", "His application was rejected last week."])
def test_passives_of_acts_without_an_agent_are_no_statements(nlp, text):
    assert statements(nlp, text) == []


def test_the_accused_is_not_what_was_said(nlp):
    (st,) = statements(nlp, "The party has been accused of double standards.")
    assert (st.speaker, st.content) == (None, "of double standards")


def test_not_answering_a_letter_is_an_act_not_a_refusal_to_speak(nlp):
    text = "Thousands of voters were removed because they did not respond to letters asking them to confirm their address."
    assert not [s for s in statements(nlp, text) if s.kind == "no_comment"]


def test_in_flattened_text_a_quote_after_narration_is_a_statement_of_its_own(nlp):
    text = (FILLER + '"We were poor today," the manager said. "We must be better." The club is tenth in the table. '
            'It has won two games since October. "Nobody here is giving up on this season." ' + FILLER)
    found = statements(nlp, text)
    said = next(s for s in found if s.cue is not None and s.cue.text == "said")
    assert said.content == '"We were poor today," … "We must be better."'
    (alone,) = [s for s in found if s.cue is None]
    assert alone.content == '"Nobody here is giving up on this season."'
    assert alone.speaker.mention == "the manager"


def test_an_unquoted_colon_headline_ends_where_the_lead_begins(nlp):
    text = "Marlow: Tories will lose the north A senior Conservative has predicted that his party will lose most of its northern seats at the next general election. " + FILLER
    colon = next(s for s in statements(nlp, text) if s.cue.text == ":")
    assert (colon.speaker.mention, colon.content) == ("Marlow", "Tories will lose the north")


# --- acts and intentions are no statements (issue 11, unmatched BBC predictions) ---------


@pytest.mark.parametrize(
    "text",
    [
        "The carmaker is renewing its range, unveiling two electric models at the Geneva show.",
        "Councillors and residents have failed to agree on the route since 2019.",
        "The sprinter sought his old coach's advice before the final.",
        "In 2011 the singer was found guilty of assault.",
        "The charity is hoping to raise a million pounds by the summer.",
        "Detectives want to hear from anyone who saw the van.",
        "The poster shows the two leaders' faces superimposed on flying sheep.",
        "The committee has unveiled a draft bill proposing a smaller upper house.",
    ],
)
def test_acts_and_intentions_are_no_statements(nlp, text):
    assert [s for s in statements(nlp, text) if s.kind != "no_comment"] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The minister unveiled a proposal to merge the two agencies.", "a proposal to merge the two agencies"),
        ("The union hopes that the talks will resume next week.", "that the talks will resume next week"),
        ("The campaign wants every party to sign the pledge.", "every party to sign the pledge"),
        ("A poll shows that most voters back the plan.", "that most voters back the plan"),
    ],
)
def test_proposals_stances_and_demands_stay_statements(nlp, text, content):
    (st,) = statements(nlp, text)
    assert st.content == content


def test_a_cue_joined_to_a_verb_under_if_is_hypothetical(nlp):
    text = "The key is if the captain comes out and says that he is happy at the club."
    assert statements(nlp, text) == []


def test_a_passives_agent_is_not_what_was_said(nlp):
    text = "The suits name defendants who are identified only by numbers given to their computers."
    assert not [s for s in statements(nlp, text) if s.cue is not None and s.cue.text == "identified"]


def test_a_subject_run_into_the_object_before_is_the_speaker(nlp):
    text = "However, the housing market has its problems and economists warn that rates could rise."
    warn = by_cue(nlp, text)["warn"]
    assert text[warn.speaker.start : warn.speaker.end] == "economists"


def test_a_conditional_would_reports_no_statement_but_a_narrative_would_does(nlp):
    assert statements(nlp, "Many supporters would find such a move hard to accept.") == []
    (st,) = statements(nlp, "The coach would later say that the move had been a mistake.")
    assert st.content == "that the move had been a mistake"


def test_a_cue_for_its_grounds_keeps_them(nlp):
    (st,) = statements(nlp, "The inspectors blamed the council for the delays.")
    assert st.content == "the council for the delays"


def test_a_verb_joined_without_a_conjunction_is_the_reported_predicate(nlp):
    text = "And he admitted the rival club's deal - complete with naming rights - has given the board food for thought."
    (st,) = statements(nlp, text)
    assert st.content.endswith("has given the board food for thought")


def test_a_relative_clause_inside_the_reported_sentence_is_part_of_it(nlp):
    (st,) = [s for s in statements(nlp, "The actor said the man, who later ran off, claimed he was a fan.") if s.cue.text == "said"]
    assert st.content == "the man, who later ran off, claimed he was a fan"
