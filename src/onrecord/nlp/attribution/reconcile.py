"""From token candidates to Statements: character spans, quotations taken whole,
duplicates merged, cue-less quotations continued, and nesting recorded as ``parent``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from .. import cues as lexicon
from ...model import Cue, Speaker, Statement
from ..docview import span_text, text_of
from ..intervals import Intervals
from ..paragraphs import flattened_at
from ..quotes import Quote
from .grammar import Quotes, SCARE_QUOTE_WORDS, _Found, is_quotation


def _char_runs(doc: Doc, ids: set[int]) -> list[tuple[int, int]]:
    """Contiguous token runs → character spans, without edge punctuation or space."""
    runs: list[tuple[int, int]] = []
    for i in sorted(ids):
        if runs and i == runs[-1][1]:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    spans: list[tuple[int, int]] = []
    for a, b in runs:
        while a < b and (doc[a].is_space or (doc[a].is_punct and doc[a].text not in "“\"‘([")):
            a += 1
        while b > a and (doc[b - 1].is_space or (doc[b - 1].is_punct and doc[b - 1].text not in "”\"’)]?!")):
            b -= 1
        if a < b:
            spans.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)))
    return _merge_close(text_of(doc), spans)


def _merge_close(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join pieces separated only by punctuation or space: one content, not three."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and all(not ch.isalnum() for ch in text[merged[-1][1] : s]):
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _extend_to_quotes(spans: list[tuple[int, int]], quotes: Quotes) -> tuple[list[tuple[int, int]], list[Quote]]:
    """A content that touches a quotation takes all of it: the marks say where it ends.

    Single marks count as much as double ones: British copy quotes in single marks
    ('Nobody leant on me,' he said), and ``quotes`` keeps only the single-quoted
    passages that are quotations, not apostrophes or quotes nested in double marks.
    """
    touched: list[Quote] = []
    out: list[tuple[int, int]] = []
    for s, e in spans:
        for q in quotes.overlapping(s, e):
            if is_quotation(q):
                s, e = min(s, q.start), max(e, q.end)
                touched.append(q)
        out.append((s, e))
    return _merge_overlapping(out), touched


def _merge_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _kind(text: str, spans: list[tuple[int, int]], touched: list[Quote], base: str) -> str:
    if base in ("nominal", "according_to") or not touched:
        return base
    inner = sum(q.inner_end - q.inner_start for q in touched)
    total = sum(len(text[s:e].strip(" ,.;:\"“”")) for s, e in spans)
    return "direct" if total and inner >= 0.85 * total else "mixed"


def _to_statement(doc: Doc, item: _Found, quotes: Quotes) -> Statement | None:
    if item.kind == "no_comment":
        return _no_comment(doc, item)
    spans = _char_runs(doc, item.content)
    spans = spans + list(item.quote_chars)
    spans, touched = _extend_to_quotes(spans, quotes)
    if item.speaker is not None:
        spans = _cut(spans, item.speaker.start_char, item.speaker.end_char)
    for tok in item.cue:
        spans = _cut(spans, tok.idx, tok.idx + len(tok.text))
    spans = [_strip_space(text_of(doc), s, e) for s, e in spans if text_of(doc)[s:e].strip(" ,.;:\"“”‘’—-")]
    if not spans:
        return None
    cue_start = min(t.idx for t in item.cue)
    cue_end = max(t.idx + len(t.text) for t in item.cue)
    kind = _kind(text_of(doc), spans, touched, item.kind)
    speaker = None
    if item.speaker is not None:
        speaker = Speaker(mention=span_text(doc, item.speaker), start=item.speaker.start_char, end=item.speaker.end_char)
    return Statement(
        doc_id=doc._.onrecord_doc_id or "",
        speaker=speaker,
        cue=Cue(text=text_of(doc)[cue_start:cue_end], lemma=item.cue_lemma, cls=item.cue_class, start=cue_start, end=cue_end),
        content_spans=spans,
        content=" … ".join(text_of(doc)[s:e] for s, e in spans),
        kind=kind,  # type: ignore[arg-type]
        polarity=lexicon.polarity_of(item.cue_class, item.negated),  # type: ignore[arg-type]
        addressee=span_text(doc, item.addressee) if item.addressee is not None else None,
        sentence=_trimmed(item.sentence),
        confidence=round(max(0.05, min(1.0, item.confidence + (0.1 if kind == "direct" else 0.0))), 2),
    )


def _no_comment(doc: Doc, item: _Found) -> Statement:
    """A refusal to speak: speaker and cue, and no content (see ``silence``)."""
    cue_start = min(t.idx for t in item.cue)
    cue_end = max(t.idx + len(t.text) for t in item.cue)
    speaker = None
    if item.speaker is not None:
        speaker = Speaker(mention=span_text(doc, item.speaker), start=item.speaker.start_char, end=item.speaker.end_char)
    entry = lexicon.verb_cue(item.cue_lemma)
    return Statement(
        doc_id=doc._.onrecord_doc_id or "",
        speaker=speaker,
        cue=Cue(text=text_of(doc)[cue_start:cue_end], lemma=item.cue_lemma, cls=entry.cls if entry else "assert", start=cue_start, end=cue_end),
        content_spans=[],
        content="",
        kind="no_comment",
        sentence=_trimmed(item.sentence),
        confidence=item.confidence,
    )


def _strip_space(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trimmed(sentence: Span) -> tuple[int, int]:
    """A sentence's extent without trailing space tokens (which hold blanked text)."""
    words = [t for t in sentence if not t.is_space]
    if not words:
        return (sentence.start_char, sentence.end_char)
    return (words[0].idx, words[-1].idx + len(words[-1].text))


def _cut(spans: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """Remove [a, b) from content spans (the cue or speaker inside a quote's reach)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if b <= s or e <= a:
            out.append((s, e))
            continue
        if s < a:
            out.append((s, a))
        if b < e:
            out.append((b, e))
    return [(s, e) for s, e in out if e > s]


def _covered(stmts: Intervals[Statement], q: Quote) -> bool:
    for st in stmts.overlapping(q.inner_start, q.inner_end):
        for s, e in st.content_spans:
            if s <= q.inner_start and q.inner_end <= e:
                return True
            if s < q.inner_end and q.inner_start < e and (min(e, q.inner_end) - max(s, q.inner_start)) > 0.5 * (q.inner_end - q.inner_start):
                return True
    return False


def _continuations(doc: Doc, quotes: Quotes, stmts: list[Statement]) -> list[Statement]:
    """Quotations no cue reaches: the previous quoted speaker is still talking."""
    out: list[Statement] = []
    text = text_of(doc)
    by_extent = Intervals(stmts, extent=_extent)
    quoted = Intervals([s for s in stmts if s.kind in ("direct", "mixed")], extent=_extent)
    single_style = _quotes_in_single_marks(quotes)
    for q in quotes:
        if not (q.double or (single_style and is_quotation(q))) or _covered(by_extent, q):
            continue
        words = len(text[q.inner_start : q.inner_end].split())
        if words < SCARE_QUOTE_WORDS:
            continue
        if not _starts_sentence(text, q.start):
            continue
        prev = _previous_speaker_statement(quoted, q.start, text)
        if prev is None:
            continue
        sent = doc.char_span(q.start, q.end, alignment_mode="expand")
        speaker = _nearest_speaker(stmts, q.start)
        out.append(
            Statement(
                doc_id=doc._.onrecord_doc_id or "",
                speaker=replace(speaker, members=list(speaker.members)) if speaker is not None else None,
                cue=None,
                content_spans=[(q.start, q.end)],
                content=text[q.start : q.end],
                kind="direct",
                sentence=(q.start, q.end) if sent is None else (sent.start_char, sent.end_char),
                confidence=0.7,
            )
        )
        quoted.add(out[-1])
    return out


def _quotes_in_single_marks(quotes: Quotes) -> bool:
    """British copy quotes in single marks; American copy keeps them for quotes inside
    quotes and for titles ('All Bets Are Off.'), which continue nobody's words.  A
    document whose single-quoted quotations outnumber its double-quoted ones is British."""
    single = sum(1 for q in quotes if not q.double and is_quotation(q))
    return single > sum(1 for q in quotes if q.double)


def _join_continuations(text: str, stmts: list[Statement], paragraph_ends: frozenset[int] = frozenset()) -> list[Statement]:
    """A cue-less quotation that goes on with its speaker's quote in the same paragraph
    is a further piece of that statement, not a statement of its own.

    ``“A,” she said. “B.”`` is one utterance with one cue: PolNeAR annotates it as one
    relation with two pieces, and the seed gold's two items ("second quote of the same
    cue") are both held by it.  A quotation after an indirect report, or in a later
    paragraph, stays its own statement: there, annotators split as often as they join.
    ``paragraph_ends`` are where quotations ended because the next paragraph's opened
    (text with its line breaks lost): a quotation after one is in a later paragraph.
    """
    out: list[Statement] = []
    last: int | None = None  # where in ``out`` the latest statement with a speaker is
    for st in sorted(stmts, key=lambda s: (s.start, s.end)):
        if st.cue is None and last is not None and _continues(text, out[last], st) and out[last].end not in paragraph_ends:
            spans = out[last].content_spans + st.content_spans
            out[last] = replace(out[last], content_spans=spans, content=" … ".join(text[s:e] for s, e in spans), id="")
            continue
        out.append(st)
        if st.speaker is not None and not (last is not None and _aside_of(out[last], st)):
            last = len(out) - 1
    return out


def _same_mention(quoted: Statement, st: Statement) -> bool:
    """``quoted`` is a quotation and ``st`` is attributed to the very same speaker mention."""
    return (
        quoted.kind in ("direct", "mixed")
        and st.speaker is not None
        and quoted.speaker is not None
        and st.speaker.start == quoted.speaker.start
    )


def _aside_of(quoted: Statement, st: Statement) -> bool:
    """"“A,” said Caddell, speaking of her health. “B.”": the participle shares the quote's
    speaker mention and the quotation goes on past it."""
    return st.kind == "indirect" and _same_mention(quoted, st)


def _continues(text: str, last: Statement, st: Statement) -> bool:
    """``st`` took ``last``'s speaker, ``last`` is quoted, and no paragraph break parts them.

    In text whose breaks were lost, the paragraph-equivalent is the quotation and its
    cue's sentence: a narration sentence between the two parts them.
    """
    if not (_same_mention(last, st) and last.end <= st.start):
        return False
    gap = text[last.end : st.start]
    if "\n" in gap:
        return False
    return not flattened_at(text, st.start) or len(_SENTENCE_ENDS.findall(gap)) <= 1


_SENTENCE_ENDS = re.compile(r"[.!?][\"”’']?\s")


def _nearest_speaker(stmts: list[Statement], start: int) -> Speaker | None:
    """Who spoke last before a cue-less quotation: the speaker it continues.

    The nearest earlier statement of any kind counts ("Sanders said young voters were
    tired. “They are sick of it.”"), so an indirect statement between two quotes
    hands the floor to its speaker.
    """
    before = [st for st in stmts if st.speaker is not None and st.start < start]
    return max(before, key=lambda st: st.start).speaker if before else None


def _extent(st: Statement) -> tuple[int, int]:
    return (st.start, st.end)


def _starts_sentence(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;”\"" or text[j - 1 : j + 1] in (".”", '."')


def _previous_speaker_statement(quoted: Intervals[Statement], start: int, text: str) -> Statement | None:
    """The nearest earlier quoted statement within the last few paragraphs."""
    best = next(quoted.before(start), None)
    if best is None:
        return None
    gap = text[best.end : start]
    if gap.count("\n\n") > 2 or len(gap) > 1500:
        return None
    # Another cue between the two would own the quote; only plain narration may sit between.
    return best


def _dedupe(stmts: list[Statement]) -> list[Statement]:
    """Two rules finding the same content: keep the more confident, better-typed one."""
    stmts = sorted(stmts, key=lambda s: (-s.confidence, s.start))
    kept: Intervals[Statement] = Intervals(extent=_extent)
    cues: set[int] = set()
    for st in stmts:
        if st.cue is not None and st.cue.start in cues:
            continue
        if any(_same_claim(st, k) for k in kept.overlapping(st.start, st.end)):
            continue
        kept.add(st)
        if st.cue is not None:
            cues.add(st.cue.start)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _same_claim(a: Statement, b: Statement) -> bool:
    if a.cue and b.cue and a.cue.start == b.cue.start:
        return True
    overlap = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a.content_spans for s2, e2 in b.content_spans)
    la = sum(e - s for s, e in a.content_spans)
    lb = sum(e - s for s, e in b.content_spans)
    same_speaker = (a.speaker and b.speaker and a.speaker.start == b.speaker.start) or (a.cue is None or b.cue is None)
    return bool(same_speaker) and overlap > 0.8 * min(la, lb)


def _set_parents(stmts: list[Statement]) -> None:
    """A statement whose cue sits inside another's content is nested in it."""
    by_extent = Intervals(stmts, extent=_extent)
    for st in stmts:
        if st.cue is None:
            continue
        best: Statement | None = None
        for other in by_extent.overlapping(st.cue.start, st.cue.end):
            if other is st:
                continue
            if any(s <= st.cue.start and st.cue.end <= e for s, e in other.content_spans):
                if best is None or (other.end - other.start) < (best.end - best.start):
                    best = other
        st.parent = best.id if best is not None else None
    _break_cycles(stmts)


def _break_cycles(stmts: list[Statement]) -> None:
    """Two statements whose cues each sit in the other's content: the wider one is outer.

    Left as they are, each would be dropped as the other's nested report.
    """
    by_id = {st.id: st for st in stmts}
    for st in stmts:
        other = by_id.get(st.parent) if st.parent else None
        if other is not None and other.parent == st.id:
            wider = max((st, other), key=lambda x: (sum(e - s for s, e in x.content_spans), -x.start))
            wider.parent = None
