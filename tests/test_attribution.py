"""Each attribution pattern with the statement it must yield.

The sentences are our own; the expected outputs are what a careful reader would
record.  The pipeline stops after attribution so these tests pin down that stage
alone (speaker names are the speakers stage's job).
"""

from __future__ import annotations

import pytest

from onrecord.model import Statement
from onrecord.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(stages=("onrecord_quotes", "onrecord_attribution"))


def statements(nlp, text: str) -> list[Statement]:
    doc = nlp(text)
    return doc._.onrecord_statements


def one(nlp, text: str) -> Statement:
    found = statements(nlp, text)
    assert len(found) == 1, [(s.cue and s.cue.text, s.content) for s in found]
    return found[0]


def test_reported_speech_with_that(nlp):
    st = one(nlp, "The harbour master said that the port would reopen on Monday.")
    assert st.speaker.mention == "The harbour master"
    assert (st.cue.text, st.cue.lemma, st.cue.cls) == ("said", "say", "assert")
    assert st.content == "that the port would reopen on Monday"
    assert st.kind == "indirect"
    assert st.polarity == "assert"


def test_reported_speech_without_that(nlp):
    st = one(nlp, "Mayor Ana Ruiz says she will not resign.")
    assert st.speaker.mention == "Mayor Ana Ruiz"
    assert st.content == "she will not resign"


def test_direct_quote_with_cue_after(nlp):
    text = "“We have done nothing wrong,” the company said in a statement."
    st = one(nlp, text)
    assert st.kind == "direct"
    assert st.content == "“We have done nothing wrong,”"
    assert st.speaker.mention == "the company"
    assert text[st.cue.start : st.cue.end] == "said"


def test_inverted_speaker(nlp):
    st = one(nlp, "“The water is safe,” said Omar Haddad, a city engineer.")
    assert st.speaker.mention.startswith("Omar Haddad")
    assert st.kind == "direct"


def test_cue_inside_the_content_splits_it(nlp):
    text = "The plan, she said, is working better than anyone expected."
    st = one(nlp, text)
    assert st.speaker.mention == "she"
    assert len(st.content_spans) == 2
    pieces = [text[s:e] for s, e in st.content_spans]
    assert pieces == ["The plan", "is working better than anyone expected"]


def test_colon_quote(nlp):
    st = one(nlp, "The minister told the council: “There will be no new taxes this year.”")
    assert st.kind == "direct"
    assert st.content == "“There will be no new taxes this year.”"
    assert st.addressee == "the council"


def test_denial_has_deny_polarity(nlp):
    st = one(nlp, "The ministry has denied that inspectors found lead in the water.")
    assert st.speaker.mention == "The ministry"
    assert st.cue.cls == "deny"
    assert st.polarity == "deny"
    assert st.content == "that inspectors found lead in the water"


def test_according_to(nlp):
    st = one(nlp, "The strike cost the port two million euros, according to union officials.")
    assert st.kind == "according_to"
    assert st.speaker.mention == "union officials"
    assert st.cue.text == "according to"
    assert st.content == "The strike cost the port two million euros"


def test_nominal_cue_with_possessive(nlp):
    found = statements(nlp, "Observers doubted the mayor’s claim that the pipes were replaced in 2010.")
    nominal = [s for s in found if s.kind == "nominal"]
    assert len(nominal) == 1
    assert nominal[0].speaker.mention == "the mayor’s"
    assert nominal[0].content == "that the pipes were replaced in 2010"


def test_nominal_cue_with_by(nlp):
    found = statements(nlp, "Residents rejected assertions by the utility that the leak was small.")
    nominal = [s for s in found if s.kind == "nominal"]
    assert nominal[0].speaker.mention == "the utility"
    assert nominal[0].content == "that the leak was small"


def test_mixed_quote(nlp):
    st = one(nlp, "Ruiz said the report was “deeply flawed” and should be withdrawn.")
    assert st.kind == "mixed"
    assert "“deeply flawed”" in st.content


def test_quote_resumed_after_its_cue_is_one_statement_in_two_pieces(nlp):
    text = "“We will appeal,” the lawyer added. “This ruling cannot stand and we will say so in court.”"
    st = one(nlp, text)
    assert st.kind == "direct"
    assert st.cue.text == "added"
    assert st.speaker.mention == "the lawyer"
    first, second = st.content_spans
    assert text[first[0] : first[1]] == "“We will appeal,”"
    assert text[second[0] : second[1]] == "“This ruling cannot stand and we will say so in court.”"
    assert st.content == "“We will appeal,” … “This ruling cannot stand and we will say so in court.”"


def test_quote_in_a_later_paragraph_is_a_continuation_with_no_cue(nlp):
    text = "“We will appeal,” the lawyer added.\n\n“This ruling cannot stand and we will say so in court.”"
    found = statements(nlp, text)
    assert [s.kind for s in found] == ["direct", "direct"]
    assert found[0].cue.text == "added"
    assert found[1].cue is None
    assert (found[1].speaker.mention, found[1].speaker.start) == ("the lawyer", found[0].speaker.start)
    assert found[1].content == "“This ruling cannot stand and we will say so in court.”"


def test_quote_after_an_indirect_report_stays_its_own_statement(nlp):
    text = (
        "“The port must reopen,” the mayor said. Ruiz said the unions were tired of waiting. "
        "“We have been patient for months and it is over.”"
    )
    found = statements(nlp, text)
    assert [(s.kind, s.cue and s.cue.text) for s in found] == [("direct", "said"), ("indirect", "said"), ("direct", None)]
    assert found[2].speaker.mention == "Ruiz"


def test_continuation_takes_the_nearest_earlier_speaker(nlp):
    text = (
        "“The port must reopen,” the mayor said on Monday. Later, Ruiz said the unions were tired of waiting.\n\n"
        "“We have been patient for months and the patience is gone.”"
    )
    found = statements(nlp, text)
    assert found[-1].cue is None
    assert found[-1].speaker.mention == "Ruiz"


def test_quote_over_two_paragraphs(nlp):
    text = "“The first thing is money.\n\n“The second is time,” the director said."
    st = one(nlp, text)
    assert st.content.startswith("“The first thing is money.")
    assert st.content.endswith("time,”")


def test_headline_cue(nlp):
    st = one(nlp, "Mayor Says No Plans to Close Harbour\n\nThe mayor spoke on Monday.")
    assert st.speaker.mention == "Mayor"
    assert st.content.startswith("No Plans")


def test_coordinated_cues_share_the_speaker(nlp):
    text = "The governor said the fines had hurt small firms and warned the council against new levies."
    found = statements(nlp, text)
    cues = {s.cue.text: s for s in found}
    assert cues["said"].content == "the fines had hurt small firms"
    assert cues["warned"].speaker.mention == "The governor"
    assert cues["warned"].content == "the council against new levies"


def test_nested_statement_has_parent(nlp):
    text = "Critics said the mayor’s promise that the pipes were safe had been broken."
    found = statements(nlp, text)
    outer = next(s for s in found if s.cue.text == "said")
    inner = next(s for s in found if s.cue.text == "promise")
    assert inner.parent == outer.id


def test_a_verb_cue_inside_another_statement_is_part_of_it(nlp):
    found = statements(nlp, "Critics said the mayor promised that the pipes were safe.")
    assert [(s.cue.text, s.content) for s in found] == [("said", "the mayor promised that the pipes were safe")]


def test_question_under_if_is_not_a_statement(nlp):
    found = statements(nlp, "She asked if he had told the board about the loss.")
    assert [s.cue.text for s in found] == ["asked"]


def test_scare_quotes_alone_are_not_statements(nlp):
    assert statements(nlp, "The so-called “reform” passed on Tuesday.") == []


def test_signature_dash(nlp):
    st = one(nlp, "“The port is our livelihood.” ― Maria Costa, dock worker")
    assert st.speaker.mention.startswith("Maria Costa")
    assert st.kind == "direct"


def test_transcript_turns(nlp):
    found = statements(nlp, "HOST: Will you run again next year?\nRUIZ: I have not decided.")
    assert [(s.speaker.mention, s.cue.text, s.content) for s in found] == [
        ("HOST", ":", "Will you run again next year?"),
        ("RUIZ", ":", "I have not decided"),
    ]


def test_offsets_index_the_text(nlp):
    text = "Intro line.\n\n“It is over,” Ruiz said. Later, Ruiz denied that she had resigned."
    for st in statements(nlp, text):
        assert text[st.speaker.start : st.speaker.end] == st.speaker.mention
        assert text[st.cue.start : st.cue.end] == st.cue.text
        for s, e in st.content_spans:
            assert text[s:e] in st.content


def test_cue_then_comma_then_quote(nlp):
    st = one(nlp, "The mayor boasted, “That makes me the best negotiator in the city.”")
    assert st.kind == "direct"
    assert st.cue.text == "boasted"
    assert st.content == "“That makes me the best negotiator in the city.”"


def test_according_to_when_the_claim_is_parsed_as_an_apposition(nlp):
    text = "According to conservative talk radio host Rush Limbaugh, the move reeks of “fear” and desperation."
    st = one(nlp, text)
    assert st.kind == "according_to"
    assert st.speaker.mention == "conservative talk radio host Rush Limbaugh"
    assert st.content == "the move reeks of “fear” and desperation"


def test_inverted_speaker_after_a_two_sentence_quote(nlp):
    text = "“The port is in crisis. Total crisis,” said Maria Costa, a union official."
    st = one(nlp, text)
    assert st.kind == "direct"
    assert st.speaker.mention.startswith("Maria Costa")
    assert st.content == "“The port is in crisis. Total crisis,”"


def test_reported_clause_parsed_as_adverbial(nlp):
    st = one(nlp, "Ruiz said after the vote she would not accept the offer if it were made.")
    assert st.speaker.mention == "Ruiz"
    assert "she would not accept the offer" in st.content


def test_rubric_before_a_colon_is_not_a_speaker(nlp):
    found = statements(nlp, "The Latest: Mayor urges calm after the port fire\n\nThe fire started at noon.")
    assert all(s.speaker is None or s.speaker.mention != "The Latest" for s in found)


def test_stances_of_people_but_not_policies_of_states(nlp):
    st = one(nlp, "Senator Ana Costa strongly supports the new port tax.")
    assert (st.cue.cls, st.content) == ("support", "the new port tax")
    assert statements(nlp, "Russia has staunchly backed the Venezuelan government.") == []


def test_gerund_after_a_preposition_takes_the_clause_subject(nlp):
    found = statements(nlp, "The council voted to fine the operator for refusing to publish its safety records.")
    refusing = next(s for s in found if s.cue.text == "refusing")
    assert refusing.speaker.mention == "The council"
    assert refusing.content == "to publish its safety records"


def test_infinitive_after_an_adjective_takes_the_clause_subject(nlp):
    st = one(nlp, "The mayor is determined to warn residents about the flood risk.")
    assert st.speaker.mention == "The mayor"
    assert st.cue.text == "warn"


def test_passive_cue_takes_its_subject_as_content(nlp):
    st = one(nlp, "The harbour plan has been endorsed by three local newspapers.")
    assert st.speaker.mention == "three local newspapers"
    assert st.content == "The harbour plan"
    agentless = one(nlp, "A curfew was announced on Saturday.")
    assert agentless.speaker is None
    assert agentless.content == "A curfew"


def test_passive_acts_without_an_agent_are_not_statements(nlp):
    assert statements(nlp, "The driver was charged with careless driving.") == []


def test_quoted_transcript_turns(nlp):
    text = '"HOST: Will you run again next year?\n\n"RUIZ: I have not decided.'
    found = statements(nlp, text)
    assert [(s.speaker.mention, s.content) for s in found] == [
        ("HOST", "Will you run again next year?"),
        ("RUIZ", "I have not decided."),
    ]


def test_own_belief_inside_a_saying_clause_is_one_statement(nlp):
    st = one(nlp, "Ruiz said she thinks the port will reopen soon.")
    assert st.cue.text == "said"
    assert st.content == "she thinks the port will reopen soon"


def test_permission_with_an_infinitive_is_an_act(nlp):
    assert statements(nlp, "The new rule allows ferries to dock at night.") == []


def test_topic_object_of_mention(nlp):
    st = one(nlp, "In her speech, the governor barely mentioned the harbour strike.")
    assert (st.speaker.mention, st.cue.text, st.content) == ("the governor", "mentioned", "the harbour strike")


def test_participle_after_a_comma_is_a_second_statement(nlp):
    found = statements(nlp, "Ruiz said the port would reopen, citing the end of the strike.")
    said = next(s for s in found if s.cue.text == "said")
    citing = next(s for s in found if s.cue.text == "citing")
    assert said.content == "the port would reopen"
    assert citing.speaker.mention == "Ruiz"
    assert citing.content == "the end of the strike"


def test_misread_lemma_still_finds_the_cue(nlp):
    st = one(nlp, "Ruiz hopes that the ferries will run again by June.")
    assert (st.cue.lemma, st.content) == ("hope", "that the ferries will run again by June")


def test_aside_after_the_object_is_not_content(nlp):
    st = one(nlp, "The union praised the new contract, which runs for three years.")
    assert st.content == "the new contract"


def test_conjoined_cues_are_siblings(nlp):
    found = statements(nlp, "Ruiz criticized the port fees and called for a review of the contracts.")
    assert [(s.cue.text, s.content) for s in found] == [
        ("criticized", "the port fees"),
        ("called for", "a review of the contracts"),
    ]


def test_conjoined_reply_is_its_own_statement(nlp):
    text = "She said fathers would not be eligible, and when pressed on the point, the aide replied that the rules were clear."
    found = statements(nlp, text)
    said = next(s for s in found if s.cue.text == "said")
    replied = next(s for s in found if s.cue.text == "replied")
    assert said.content == "fathers would not be eligible"
    assert replied.speaker.mention == "the aide"


def test_phase_verb_gives_way_to_the_cue_it_governs(nlp):
    st = one(nlp, "The governor continued to call for more information about the shooting.")
    assert (st.speaker.mention, st.cue.text, st.content) == ("The governor", "call for", "more information about the shooting")


def test_speaker_between_quote_and_cue_when_the_parse_loses_it(nlp):
    text = "“I make this promise to you: we will rebuild the pier,” Harbour Chief Ana Ruiz said Monday."
    st = one(nlp, text)
    assert st.kind == "direct"
    assert "Ruiz" in st.speaker.mention


def test_topic_preposition_of_a_cue_class(nlp):
    st = one(nlp, "The harbour master has also commented on the closure of the pier.")
    assert (st.cue.text, st.content) == ("commented", "the closure of the pier")


def test_lead_in_before_a_colon_is_not_content(nlp):
    st = one(nlp, "The ruling set off another round of fireworks on Friday: Republicans said they were convinced the agency had erred.")
    assert (st.speaker.mention, st.content) == ("Republicans", "they were convinced the agency had erred")


def test_participle_lead_in_before_the_speaker_is_not_content(nlp):
    text = "Claiming the inquiry is designed to pressure the judges, Ruiz told reporters that the panel was biased."
    told = next(s for s in statements(nlp, text) if s.cue.text == "told")
    assert told.content == "that the panel was biased"


def test_quote_split_by_its_cue_stays_one_content(nlp):
    st = one(nlp, "“My adviser brings me a new chart every morning,” he said, “and the charts are terrifying to read.”")
    assert st.content_spans[0][0] == 0 and len(st.content_spans) == 2


def test_stance_adjective_with_a_clause(nlp):
    st = one(nlp, "Harbour officials were confident that the ferries would run by June.")
    assert (st.speaker.mention, st.cue.text, st.cue.cls) == ("Harbour officials", "confident", "believe")
    assert st.content == "that the ferries would run by June"


def test_stance_adjective_with_an_object(nlp):
    st = one(nlp, "Ruiz has long been critical of the port authority.")
    assert (st.speaker.mention, st.cue.cls, st.content) == ("Ruiz", "accuse", "the port authority")


def test_stance_noun_predicated_of_the_speaker(nlp):
    st = one(nlp, "Ruiz is a staunch opponent of the new port tax.")
    assert (st.speaker.mention, st.cue.text, st.content) == ("Ruiz", "opponent", "the new port tax")


def test_parenthetical_as_clause_attributes_its_sentence(nlp):
    st = one(nlp, "The pier, as the harbour master put it, is a disaster waiting to happen.")
    assert (st.speaker.mention, st.cue.text) == ("the harbour master", "put it")
    assert st.content == "The pier … is a disaster waiting to happen"
    assert all(not st.content.startswith("The fund") for st in statements(nlp, "The fund is as large as its owner claims to be."))


def test_inverted_lead_said_name_colon_quote(nlp):
    found = statements(nlp, "The fees went up again. Said Ruiz: “Nobody asked the dock workers what they think.”")
    st = next(s for s in found if s.kind == "direct")
    assert (st.speaker.mention, st.cue.text) == ("Ruiz", "Said")
    assert st.content == "“Nobody asked the dock workers what they think.”"


def test_gerund_after_a_possessed_noun_takes_the_possessor(nlp):
    found = statements(nlp, "Voters liked his campaign theme of questioning the port contracts.")
    questioning = next(s for s in found if s.cue.text == "questioning")
    assert questioning.speaker.mention == "his"


def test_reported_clause_misparsed_under_a_long_listener(nlp):
    st = one(nlp, "At the summit, she told a gathering of harbour town mayors that few cities had planned for the floods.")
    assert (st.speaker.mention, st.cue.text) == ("she", "told")
    assert st.content == "that few cities had planned for the floods"
    assert st.addressee.startswith("a gathering of harbour town mayors")


def test_name_swallowed_by_the_phrase_before_its_verb(nlp):
    st = one(nlp, "At a rally in the river town of Dunmore Elena Ruiz said the bridge would be rebuilt.")
    assert st.speaker.mention == "Ruiz"  # the tagger merged the town into the name: only the last word is sure
    assert st.content == "the bridge would be rebuilt"


def test_gerund_after_a_phrase_on_the_speaker_or_an_adverb(nlp):
    found = statements(nlp, "Mayor Tom Brandt, despite admitting that the budget was short, said the school would open.")
    assert [(s.speaker.mention, s.cue.text, s.content) for s in found] == [
        ("Mayor Tom Brandt", "admitting", "that the budget was short"),
        ("Mayor Tom Brandt", "said", "the school would open"),
    ]
    found = statements(nlp, "Ruiz praised the workers but stopped short of calling the strike justified.")
    assert ("Ruiz", "calling") in [(s.speaker.mention, s.cue.text) for s in found]


def test_a_quoted_object_is_what_was_said_whatever_the_verb(nlp):
    st = one(nlp, 'The strikers chanted "No deal, no work!" outside the gates.')
    assert (st.speaker.mention, st.cue.text, st.kind) == ("The strikers", "chanted", "direct")
    assert st.content == '"No deal, no work!"'


def test_naming_verb_with_two_objects_and_characterize_as(nlp):
    st = one(nlp, 'The minister branded the council a "nest of cronies."')
    assert st.content == 'the council a "nest of cronies."'
    st = one(nlp, "Ruiz characterized the plan as “reckless and rushed.”")
    assert st.content == "“reckless and rushed.”"


def test_quote_resumed_after_a_participle_of_the_same_speaker(nlp):
    text = "“The port is ours,” said Ruiz, referring to the mayor’s harbour deal. “Nobody will take it from this town.”"
    found = statements(nlp, text)
    quoted = [s for s in found if s.kind == "direct"]
    assert len(quoted) == 1 and len(quoted[0].content_spans) == 2
    assert ("referring", "the mayor’s harbour deal") in [(s.cue.text, s.content) for s in found]


def test_a_passive_cue_without_agent_has_no_speaker(nlp):
    st = one(nlp, "The harbour master is said to have resigned.")
    assert st.speaker is None  # hearsay: the harbour master said nothing
    assert st.content == "The harbour master … to have resigned"
    st = one(nlp, "Ruiz was told that the plant would close.")
    assert st.speaker is None and st.content == "that the plant would close"
    st = one(nlp, "The plan was endorsed by the mayor.")
    assert st.speaker.mention == "the mayor"


def test_a_phrase_before_the_speaker_is_no_part_of_the_cue(nlp):
    st = one(nlp, 'For the Greens, Ana Costa called the new target "hopelessly timid".')
    assert (st.speaker.mention, st.cue.text) == ("Ana Costa", "called")
