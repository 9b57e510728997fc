"""An article cut into runs of text, each knowing which attributions cover it.

Templates render the runs one by one with autoescaping, so article text is never
markup: the marks are classes and attributes onrecord chose, the text is data.
Overlapping statements (a nested one inside another's content) become a flat run
list; a run's link goes to the innermost statement covering it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup, escape

from ..model import Statement, Time

PALETTE = 8  # speaker colours sp0 … sp7 in style.css


@dataclass
class Run:
    """A stretch of text with the same marks."""

    text: str
    start: int
    classes: list[str] = field(default_factory=list)
    statement: str | None = None  # innermost statement whose content covers it
    speaker: str | None = None
    time: str | None = None  # TIMEX3 value shown on hover


def to_html(marked: list[Run], link: bool = True) -> Markup:
    """The runs as HTML: every text and attribute value escaped here, as the templates would.

    Built in Python rather than a Jinja macro because a search page renders hundreds
    of runs and the macro call per run dominated its time.
    """
    out: list[str] = []
    for r in marked:
        text = escape(r.text)
        if not r.classes and not r.time:
            out.append(text)
            continue
        title = r.time or r.speaker
        attrs = f' class="{escape(" ".join(r.classes))}"' + (f' title="{escape(title)}"' if title else "")
        if link and r.statement and "speaker" not in r.classes and "cue" not in r.classes:
            out.append(f'<a href="/statement/{escape(r.statement)}"{attrs}>{text}</a>')
        else:
            out.append(f"<span{attrs}>{text}</span>")
    return Markup("".join(out))


RELATIONS = ("contradicts", "supports", "repeats")


def link_badges(links: dict[str, int]) -> Markup:
    """A badge a relation with links, contradicts first (called for every search result, so not a macro)."""
    return Markup("".join(f'<span class="badge {rel}">{int(links[rel])} {rel}</span> ' for rel in RELATIONS if links.get(rel)))


def verdict_badge(v: object) -> Markup:
    """A reviewer's verdict as a badge, titled with who decided and why; nothing without a verdict."""
    if not v:
        return Markup("")
    verdict = str(getattr(v, "verdict"))
    speaker = getattr(v, "speaker", None)
    return Markup(
        f'<span class="badge verdict-{escape(verdict)}" title="{escape(getattr(v, "reviewer"))}: {escape(getattr(v, "note"))}">'
        f'{escape(verdict.replace("_", " "))}{": " + escape(speaker) if speaker else ""}</span>'
    )


def speaker_label(st: Statement) -> str:
    if st.speaker is None:
        return "the outlet" if st.kind == "narration" else "unknown"
    return st.speaker.name or st.speaker.mention


def colour_of(label: str, colours: dict[str, int]) -> str:
    """One palette slot a speaker, in order of first appearance."""
    if label not in colours:
        colours[label] = len(colours) % PALETTE
    return f"sp{colours[label]}"


def runs(
    text: str,
    statements: list[Statement],
    times: list[Time] = (),  # type: ignore[assignment]
    *,
    focus: str | None = None,
    window: tuple[int, int] | None = None,
) -> list[Run]:
    """The text (or ``window`` of it) as runs marked with speakers, cues, contents and times.

    With ``focus`` only that statement is coloured; the others stay as plain links.
    """
    lo, hi = window or (0, len(text))
    colours: dict[str, int] = {}
    marks: list[tuple[int, int, str, object]] = []  # (start, end, kind, payload)
    for st in statements:
        if focus is not None and st.id != focus:
            continue
        colour = colour_of(speaker_label(st), colours)
        for s, e in st.content_spans:
            marks.append((s, e, "content", (st, colour)))
        if st.speaker is not None and st.speaker.end > st.speaker.start:
            marks.append((st.speaker.start, st.speaker.end, "speaker", (st, colour)))
        if st.cue is not None and st.cue.end > st.cue.start:
            marks.append((st.cue.start, st.cue.end, "cue", (st, colour)))
    for t in times:
        marks.append((t.start, t.end, "time", t))
    cuts = {lo, hi}
    for s, e, _, _ in marks:
        cuts.update(x for x in (s, e) if lo < x < hi)
    edges = sorted(cuts)
    out: list[Run] = []
    for s, e in zip(edges, edges[1:]):
        run = Run(text=text[s:e], start=s)
        inner: Statement | None = None
        for ms, me, kind, payload in marks:
            if not (ms <= s and e <= me):
                continue
            if kind == "time":
                run.time = payload.value  # type: ignore[attr-defined]
                run.classes.append("time")
                continue
            st, colour = payload  # type: ignore[misc]
            if kind == "content":
                if inner is None or (st.end - st.start) < (inner.end - inner.start):
                    inner = st
                    run.classes = [c for c in run.classes if not c.startswith("sp")] + [colour]
                if "content" not in run.classes:
                    run.classes.append("content")
            else:
                run.classes += [kind, colour]
                run.speaker = speaker_label(st)
        if inner is not None:
            run.statement = inner.id
            run.speaker = run.speaker or speaker_label(inner)
        if focus is not None and run.statement == focus:
            run.classes.append("focus")
        run.classes = list(dict.fromkeys(run.classes))
        out.append(run)
    return out


def context_window(text: str, st: Statement, pad: int = 160) -> tuple[int, int]:
    """The statement's sentence (or its content with some text around it) for a result list."""
    start, end = st.start, st.end
    if st.sentence:
        start, end = min(start, st.sentence[0]), max(end, st.sentence[1])
    if st.speaker is not None:
        start, end = min(start, st.speaker.start), max(end, st.speaker.end)
    if end - start > 900:
        end = start + 900
    if not st.sentence:
        start, end = max(0, start - pad), min(len(text), end + pad)
    return max(0, start), min(len(text), end)


_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def plot_date(value: str | None) -> str | None:
    """A TIMEX3 value as a calendar day a chart can place (a week → its Monday), or None."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := _WEEK.match(value):
            return (date.fromisocalendar(int(m[1]), int(m[2]), 1)).isoformat()
        if m := _MONTH.match(value):
            return date(int(m[1]), int(m[2]), 1).isoformat()
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1).isoformat()
    except ValueError:
        return None
    return None

