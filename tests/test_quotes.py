"""Quotation-mark pairing on the shapes news copy really has."""

from __future__ import annotations

from onrecord.nlp.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_and_straight_double_quotes():
    text = 'The mayor said “we will reopen” and the chief added "not yet".'
    assert quoted(text) == ["“we will reopen”", '"not yet"']


def test_closing_mark_glued_as_opener():
    text = "She spoke of the harbour.”We are not closing it,” she said."
    assert quoted(text) == ["”We are not closing it,”"]


def test_quote_running_over_paragraphs_reopened_without_closing():
    text = "“The first part ends here.\n\n“The second part goes on,” he said."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].paragraphs == 2
    assert text[quotes[0].start : quotes[0].end] == text[: text.index(",”") + 2]


def test_unbalanced_quote_stops_at_paragraph_end():
    text = 'He said "this never closes.\n\nA new paragraph with "a pair" here.'
    assert quoted(text) == ['"this never closes.', '"a pair"']
    assert find_quotes(text)[0].closed is False


def test_apostrophes_are_not_quotes():
    text = "The voters’ choice isn’t clear, and it’s the ’90s all over again."
    assert quoted(text) == []


def test_single_quotes_in_headlines():
    assert quoted("Mayor Says Plan Not ‘Dead’ After Vote") == ["‘Dead’"]
    assert quoted("He called it 'a disgrace' twice.") == ["'a disgrace'"]


def test_odd_text_never_raises():
    for text in ["", "”", "“", '"' * 7, "’’’‘‘", "“\n\n“\n\n”", "a\x00b“c", "”We" * 50]:
        find_quotes(text)


def test_doubled_apostrophes_as_quotation_marks():
    text = "''We will not sell,'' the owner said."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].inner_start : quotes[0].inner_end] == "We will not sell,"


def test_closing_mark_opening_a_paragraph():
    text = "Readers wrote in.\n”The mayor is wrong about the port.” ― Ana Costa"
    assert quoted(text) == ["”The mayor is wrong about the port.”"]


def test_a_stray_mark_in_flattened_text_does_not_swallow_the_article():
    text = 'Headline Goldsmith says "I was not leant on. ' + "The minister spoke at length. " * 100
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == '"I was not leant on.'
    assert q.closed is False


def test_curly_quote_inside_a_curly_quote():
    text = "“I’d rather live in what he calls “hell” than live with him.” ― Ana Costa"
    assert quoted(text) == [text[: text.index("” ―") + 1]]


def test_an_excerpt_in_straight_marks_holds_curly_quotes_and_ends_where_the_style_changes():
    text = (
        'The paper reports:\n\n"The first morning she called it a “mess” and left. She came back.\n\n'
        '"By noon the square was full.\n\n“We stayed,” she said later.'
    )
    excerpt, own = find_quotes(text)
    assert text[excerpt.start : excerpt.end].startswith('"The first morning')
    assert text[excerpt.start : excerpt.end].endswith("the square was full.")  # “mess” nests inside
    assert excerpt.closed is False
    assert text[own.start : own.end] == "“We stayed,”"


def test_a_straight_mark_glued_after_a_full_stop_opens_a_quote():
    text = 'The crowd cheered when she arrived on the red carpet."It is louder than I expected," she told the BBC.'
    assert quoted(text) == ['"It is louder than I expected,"']
