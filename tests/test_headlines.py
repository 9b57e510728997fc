"""Title Case headlines are parsed in sentence case, names kept, offsets unchanged."""

from __future__ import annotations

from onrecord.nlp.headlines import sentence_case_headlines


def test_cue_and_function_words_lose_their_capitals():
    line = "Railing Against Trump, Harbour Chief Vows To Close The Old Pier"
    assert sentence_case_headlines(line) == "Railing against Trump, Harbour Chief vows to Close the Old Pier"


def test_length_and_other_lines_are_unchanged():
    text = "Mayor Says No Plans To Close Port\n\nThe mayor said on Friday that the port would stay open."
    out = sentence_case_headlines(text)
    assert len(out) == len(text)
    assert out.split("\n")[0] == "Mayor says no plans to Close Port"
    assert out.split("\n")[2] == text.split("\n")[2]


def test_all_caps_and_short_lines_are_left_alone():
    assert sentence_case_headlines("BREAKING NEWS SAYS MAYOR") == "BREAKING NEWS SAYS MAYOR"
    assert sentence_case_headlines("Port Closes") == "Port Closes"
