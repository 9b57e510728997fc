"""Pairing quotation marks the way news text actually uses them.

Real articles mix straight and curly marks, open quotes with a closing mark glued to
the previous sentence (``Caracas.”We aren’t``), leave quotes unclosed, and run one
quote over several paragraphs by re-opening it at each paragraph start without
closing the previous one.  textacy raises on such text; here every mark is
classified from its neighbours and an unclosed quote ends at its paragraph, so odd
text yields fewer quotes, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from . import docdata
from .docview import ensure_extensions, text_of
from .paragraphs import flattened_at, sentence_end

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
DOUBLE_STRAIGHT = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
SINGLE_STRAIGHT = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_STRAIGHT

_PARA_BREAK = re.compile(r"\n\s*\n|\n(?=\s*\S)")


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner`` excludes them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    double: bool
    closed: bool
    paragraphs: int = 1
    reopened: bool = False  # ended where the next paragraph's opening mark begins (flattened text)

    @property
    def inner(self) -> tuple[int, int]:
        return (self.inner_start, self.inner_end)


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` can open a quote, judged from its neighbours."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if _is_space(after):
        return False
    return _is_space(before) or before in "([{—–-:/" or before in ALL_MARKS


def _closes(text: str, i: int) -> bool:
    """Whether the mark at ``i`` can close a quote."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if _is_space(before) and not _is_space(after):
        return False
    return True


def _glued_opener(text: str, i: int) -> bool:
    """A closing mark used as an opener: ``Caracas.”We`` or ``”We`` at a paragraph start;
    or a straight mark glued after a full stop with no quote open (``carpet."It's``)."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else ""
    return before in ".,;:!?\n" and (after.isalnum() or after in "‘'")


def _is_apostrophe(text: str, i: int) -> bool:
    """Single marks are mostly apostrophes: ``aren’t``, ``’90s``, ``voters’``."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isalnum() and after.isalnum():
        return True
    if after.isdigit() and _is_space(before):
        return True
    return False


def _paragraph_ends(text: str) -> list[int]:
    """Offsets where paragraphs end (a newline), so unclosed quotes stop there."""
    ends = [m.start() for m in _PARA_BREAK.finditer(text)]
    ends.append(len(text))
    return ends


def _same_style(a: str, b: str) -> bool:
    """Straight with straight, curly with curly: one writer's quote keeps one kind of mark."""
    return (a == DOUBLE_STRAIGHT) == (b == DOUBLE_STRAIGHT)


def _next_paragraph_reopens(text: str, para_end: int, opener: str) -> int | None:
    """Offset of the opening mark that continues a quote in the next paragraph, if any.

    Only a mark of the quote's own style continues it: an excerpt pasted in straight
    marks is not continued by a curly-quoted paragraph of the article around it.
    """
    j = para_end
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and text[j] in DOUBLE_OPEN + DOUBLE_STRAIGHT and _opens(text, j) and _same_style(opener, text[j]):
        if _TURN_LABEL.match(text, j + 1):
            return None  # "WALLACE: …" opens the next speaker's turn, not more of this one
        return j
    return None


# A transcript turn label: "PENCE:", "MR. TRUMP:" at the start of a paragraph.
_TURN_LABEL = re.compile(r"[A-Z][A-Z.'\- ]{1,30}:")


_DOUBLED_APOSTROPHES = re.compile(r"''|``")


def _fold_doubled_marks(text: str) -> str:
    """Archive copy writes quotes as two apostrophes (''We did,'' he said) or backticks.

    Each pair becomes one straight mark plus a space, on the side that keeps the
    mark's role readable (space before an opener, after a closer), so the text keeps
    its length and every offset stays valid.
    """
    if "''" not in text and "``" not in text:
        return text
    chars = list(text)
    for m in _DOUBLED_APOSTROPHES.finditer(text):
        i = m.start()
        after = text[i + 2] if i + 2 < len(text) else ""
        if m.group() == "``" or (after and not after.isspace() and after not in ".,;:!?)"):
            chars[i], chars[i + 1] = " ", '"'
        else:
            chars[i], chars[i + 1] = '"', " "
    return "".join(chars)


def find_quotes(text: str) -> list[Quote]:
    """Every double-quoted passage, plus single-quoted ones that are clearly quotes."""
    text = _fold_doubled_marks(text)
    quotes = [_bounded(text, q) for q in _find_double(text)]
    quotes.extend(_find_single(text, quotes))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _find_double(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    para_ends = _paragraph_ends(text)
    pi = 0
    open_at: int | None = None
    first_open: int | None = None
    paragraphs = 1
    nested = 0
    for i, ch in enumerate(text):
        while pi < len(para_ends) - 1 and para_ends[pi] < i:
            nested = 0
            if open_at is not None and first_open is not None:
                reopen = _next_paragraph_reopens(text, para_ends[pi], text[first_open])
                if reopen is None:
                    quotes.append(_make(text, first_open, para_ends[pi], closed=False, paragraphs=paragraphs))
                    open_at = first_open = None
                    paragraphs = 1
            pi += 1
        if ch not in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT:
            continue
        if open_at is None:
            if ch in DOUBLE_OPEN or (ch == DOUBLE_STRAIGHT and (_opens(text, i) or _glued_opener(text, i))) or (
                ch in DOUBLE_CLOSE and _glued_opener(text, i)
            ):
                open_at = first_open = i
            continue
        if ch == DOUBLE_STRAIGHT and text[open_at] == DOUBLE_STRAIGHT and _flattened_reopen(text, i):
            # '…his will. "You are not…': in text whose paragraph breaks were lost, a
            # mark opening a sentence inside an open quote opens the next paragraph's
            # quotation; the last one was never closed, as news style wants.
            quotes.append(_make(text, open_start(first_open, open_at), _trim_back(text, i), closed=False, paragraphs=paragraphs, reopened=True))
            open_at = first_open = i
            paragraphs = 1
            continue
        if ch in DOUBLE_OPEN and i > open_at and _is_continuation_reopen(text, open_at, i) and _same_style(text[open_at], ch):
            open_at = i
            paragraphs += 1
            continue
        if ch in DOUBLE_OPEN and _opens(text, i) and (text[open_at] == DOUBLE_STRAIGHT or _nested_inside(text, i, para_ends[pi])):
            nested += 1  # “He called it “hell” and left.”: a quote inside the quote
            continue
        if ch in DOUBLE_CLOSE and nested:
            nested -= 1
            continue
        if ch in DOUBLE_CLOSE or (ch == DOUBLE_STRAIGHT and _closes(text, i)) or ch in DOUBLE_OPEN:
            if ch in DOUBLE_OPEN and _opens(text, i) and not _closes(text, i):
                # Two openers in a row within a paragraph: the first was never closed.
                quotes.append(_make(text, open_start(first_open, open_at), _trim_back(text, i), closed=False, paragraphs=paragraphs))
                open_at = first_open = i
                paragraphs = 1
                continue
            quotes.append(_make(text, open_start(first_open, open_at), i + 1, closed=True, paragraphs=paragraphs))
            open_at = first_open = None
            paragraphs = 1
    if open_at is not None and first_open is not None:
        quotes.append(_make(text, first_open, _trim_back(text, len(text)), closed=False, paragraphs=paragraphs))
    return [q for q in quotes if q.inner_end > q.inner_start]


# Text without paragraph breaks (wire copy flattened to one line) lets a stray mark
# "open" a quote that runs to the end of the article.  A quote with no line break
# inside that runs this long is cut at its first sentence end instead; and in a line
# too long to be one paragraph (see ``paragraphs``), an unclosed quote ends with its
# sentence, the only paragraph-equivalent such text has.
MAX_QUOTE_CHARS = 2000


def _bounded(text: str, q: Quote) -> Quote:
    length = q.end - q.start
    if "\n" in text[q.start : q.end] or (q.reopened and length <= MAX_QUOTE_CHARS):
        return q
    if q.closed and length <= MAX_QUOTE_CHARS:
        return q
    if not q.closed and length <= MAX_QUOTE_CHARS // 2 and not flattened_at(text, q.start):
        return q
    end = sentence_end(text, q.inner_start, q.end)
    if end >= q.end and length > MAX_QUOTE_CHARS // 2:
        end = q.inner_start + MAX_QUOTE_CHARS // 2
    return Quote(q.start, end, q.inner_start, end, q.double, False, q.paragraphs)


def _nested_inside(text: str, i: int, para_end: int) -> bool:
    """An opener inside an open quote nests when two closers follow before the next opener."""
    closers = 0
    for ch in text[i + 1 : para_end]:
        if ch in DOUBLE_OPEN:
            return False
        if ch in DOUBLE_CLOSE:
            closers += 1
            if closers == 2:
                return True
    return False


def _is_continuation_reopen(text: str, open_at: int, i: int) -> bool:
    """An opener at a paragraph start while a quote is open continues that quote."""
    j = i - 1
    saw_newline = False
    while j > open_at and text[j].isspace():
        saw_newline = saw_newline or text[j] == "\n"
        j -= 1
    return saw_newline


def _trim_back(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _make(text: str, start: int, end: int, *, closed: bool, paragraphs: int, reopened: bool = False) -> Quote:
    inner_start = start + 1
    inner_end = end - 1 if closed else end
    return Quote(start, end, inner_start, max(inner_start, inner_end), True, closed, paragraphs, reopened)


def _flattened_reopen(text: str, i: int) -> bool:
    """A straight mark that opens a sentence (after ". ") in a line too long to be a paragraph."""
    if not _opens(text, i) or _closes(text, i):
        return False
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return j >= 0 and j < i - 1 and text[j] in ".!?" and flattened_at(text, i)


def _find_single(text: str, doubles: list[Quote]) -> list[Quote]:
    """Single-quoted passages (headlines, quotes inside quotes) that are not apostrophes.

    Only pairs that open and close within one sentence-sized stretch count, since a
    stray apostrophe must never swallow a paragraph.
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            open_at = None
            continue
        if ch not in SINGLE_OPEN + SINGLE_CLOSE + SINGLE_STRAIGHT:
            continue
        if _is_apostrophe(text, i):
            continue
        if open_at is None:
            if (ch in SINGLE_OPEN or ch == SINGLE_STRAIGHT) and _opens(text, i):
                open_at = i
            continue
        if (ch in SINGLE_CLOSE or ch == SINGLE_STRAIGHT) and _closes(text, i) and i - open_at < 300:
            after = text[i + 1] if i + 1 < len(text) else ""
            if _plural_possessive(text, i, open_at):
                continue
            if not after.isalnum():
                quotes.append(Quote(open_at, i + 1, open_at + 1, i, False, True))
                open_at = None
        elif ch in SINGLE_OPEN:
            open_at = i
    return [q for q in quotes if q.inner_end - q.inner_start >= 2 and not _inside(q, doubles)]


def _plural_possessive(text: str, i: int, open_at: int) -> bool:
    """"'The players' union will decide,' he said": a mark after a plural "s" and before
    a lower-case word is a possessive when the quote it would close closes later in
    its sentence."""
    if text[i - 1 : i] != "s" or text[i + 1 : i + 2] != " " or not text[i + 2 : i + 3].islower():
        return False
    stop = min(len(text), open_at + 300)
    for j in range(i + 1, stop):
        ch = text[j]
        if ch == "\n" or (ch in ".!?" and text[j + 1 : j + 2] == " " and text[j - 1 : j] not in ("'", "’")):
            return False
        if ch in SINGLE_CLOSE + SINGLE_STRAIGHT and not _is_apostrophe(text, j) and _closes(text, j):
            after = text[j + 1] if j + 1 < len(text) else ""
            if not after.isalnum():
                return True
    return False


def _inside(q: Quote, others: list[Quote]) -> bool:
    return any(o.start <= q.start and q.end <= o.end for o in others)


@Language.factory("onrecord_quotes", assigns=["doc._.onrecord_quotes"], requires=[])
def make_quote_finder(nlp: Language, name: str) -> "QuoteFinder":
    return QuoteFinder()


class QuoteFinder:
    """spaCy component: sets ``doc._.onrecord_quotes`` to the document's quotations.

    The Analyzer finds them before the models run (to choose what to parse) and
    leaves them on the Doc; they are computed here only for Docs made elsewhere.
    """

    def __init__(self) -> None:
        ensure_extensions("onrecord_quotes")

    def __call__(self, doc: Doc) -> Doc:
        if docdata.plain(doc, docdata.QUOTES) is None:  # asked without building the Quotes
            doc._.onrecord_quotes = find_quotes(text_of(doc))
        return doc


def open_start(first_open: int | None, open_at: int) -> int:
    """Where the open quote began (its first paragraph's mark)."""
    return open_at if first_open is None else first_open
