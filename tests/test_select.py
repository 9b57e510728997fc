"""Pre-screening sentences before the models run."""

from __future__ import annotations

from onrecord.nlp.select import blank_unlikely, candidate_spans, sentence_spans


def test_sentences_do_not_end_at_titles_or_initials():
    text = "Lenox grew fast, Mr. Clarke said. John G. Roberts Jr. spoke later. The U.S. agreed."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Lenox grew fast, Mr. Clarke said.",
        "John G. Roberts Jr. spoke later.",
        "The U.S. agreed.",
    ]


def test_candidates_are_cue_or_quote_sentences():
    text = "The ferry left at noon. The captain said it was late. Gulls followed. “It was calm,” he added."
    kept = [text[a:b] for a, b in candidate_spans(text)]
    assert kept == ["The captain said it was late.", "“It was calm,” he added."]


def test_blanking_keeps_length_and_line_breaks():
    text = "The ferry left at noon.\nThe captain said it was late.\nGulls followed the boat all day long."
    blanked = blank_unlikely(text, min_saving=0.0)
    assert len(blanked) == len(text)
    assert blanked.count("\n") == 2
    assert "The captain said it was late." in blanked
    assert "ferry" not in blanked and "Gulls" not in blanked


def test_sentences_inside_a_quote_are_kept():
    text = "“We tried everything. Nothing worked. The port stays shut,” the mayor said."
    assert blank_unlikely(text, min_saving=0.0) == text
