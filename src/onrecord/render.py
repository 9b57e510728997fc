"""How the record looks in a terminal: tables, and an article with its statements marked.

Colour is for people at a terminal; in a pipe the same information comes as plain
text with ``[[ ]]`` markers, so output stays greppable and diffable.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .model import Appearance, Document, Entity, Statement

CONTENT_STYLE = "bold cyan"
SPEAKER_STYLE = "bold magenta"
CUE_STYLE = "bold yellow"


DENIAL_MARK = "✗"
LEGEND = f"{DENIAL_MARK} marks a denial (polarity deny): the speaker says the content is not so."


def _who(st: Statement) -> str:
    if st.speaker is None:
        return "?"
    return st.speaker.name or st.speaker.mention


def statement_blocks(
    statements: list[Statement],
    outlets: dict[str, str | None] | None = None,
    reach: dict[str, tuple[int, int]] | None = None,
) -> Group:
    """One block a statement, readable at 80 columns: who, cue, when and where on one line; the words below.

    A table of six columns wraps every cell to a few characters on a narrow terminal;
    a block keeps the content a paragraph of its own.
    """
    outlets = outlets or {}
    parts: list[RenderableType] = []
    denials = False
    for st in statements:
        head = Text()
        head.append(_who(st), style=SPEAKER_STYLE)
        if st.speaker and st.speaker.name and st.speaker.mention not in (st.speaker.name, ""):
            head.append(f" (“{st.speaker.mention}”)", style="dim")
        cue = st.cue.text if st.cue else "(continues)"
        head.append(" · ")
        if st.polarity == "deny":
            head.append(f"{DENIAL_MARK} ", style="bold red")
            denials = True
        head.append(cue, style=CUE_STYLE)
        head.append(f" · {st.date or 'undated'}")
        if outlets.get(st.doc_id):
            head.append(f" · {outlets[st.doc_id]}")
        head.no_wrap, head.overflow = True, "ellipsis"
        parts.append(head)
        body = Text(st.content or "(no content)", style=CONTENT_STYLE if st.content else "dim")
        parts.append(Padding(body, (0, 0, 0, 4), expand=False))
        seen, distinct = (reach or {}).get(st.doc_id, (1, 1))
        spread = f": in {in_outlets(seen, distinct)}" if seen > 1 else ""
        parts.append(Text(f"    {st.doc_id}{spread} · {st.kind} · {st.confidence:.2f}", style="dim",
                          no_wrap=True, overflow="ellipsis"))
        parts.append(Text(""))
    if not statements:
        parts.append(Text("No statements match.", style="dim"))
    elif denials:
        parts.append(Text(LEGEND, style="dim"))
    return Group(*parts)


def in_outlets(appearances: int, outlets: int) -> str:
    if outlets > 1:
        return f"{outlets} outlets" + (f", {appearances} appearances" if appearances > outlets else "")
    return f"{appearances} appearances"


def reach_line(appearances: list[Appearance]) -> str:
    """"in 5 outlets: Harbour Times 2025-03-14 (copy, 91% alike), …" for ``show``."""
    outlets = len({a.outlet for a in appearances if a.outlet})
    parts = []
    for a in appearances:
        where = " ".join(filter(None, [a.outlet, a.published, a.id if a.id != a.url else None, a.url]))
        parts.append(where + (f" ({a.similarity:.0%} alike)" if a.similarity < 1 else ""))
    return f"in {in_outlets(len(appearances), outlets)}: " + "; ".join(parts)


def speakers_table(rows: list[tuple[Entity, int]]) -> Table:
    table = Table(header_style="bold")
    for column in ("speaker", "type", "statements", "roles", "also called"):
        table.add_column(column, overflow="fold")
    for entity, count in rows:
        aliases = [a for a in entity.aliases if a != entity.name]
        table.add_row(entity.name, entity.type, str(count), "; ".join(entity.roles), "; ".join(aliases[:6]))
    return table


def documents_table(records: list[dict]) -> Table:
    table = Table(header_style="bold")
    for column in ("document", "outlet", "published", "statements", "title"):
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(r["id"], r["outlet"] or "", r["published"] or "undated", str(r["statements"]), r["title"] or "")
    return table


def _marks(statements: list[Statement]) -> list[tuple[int, int, str]]:
    marks: list[tuple[int, int, str]] = []
    for st in statements:
        marks += [(s, e, CONTENT_STYLE) for s, e in st.content_spans]
        if st.speaker and st.cue is not None:
            marks.append((st.speaker.start, st.speaker.end, SPEAKER_STYLE))
        if st.cue:
            marks.append((st.cue.start, st.cue.end, CUE_STYLE))
    return marks


def highlighted(document: Document, statements: list[Statement]) -> Text:
    """The article with content, speakers and cues in their colours."""
    text = Text(document.text)
    for start, end, style in sorted(_marks(statements), key=lambda m: m[2] != CONTENT_STYLE):
        text.stylize(style, start, end)
    return text


def bracketed(document: Document, statements: list[Statement]) -> str:
    """The article with ``[[`` ``]]`` around each statement's content, for pipes."""
    inserts: list[tuple[int, str]] = []
    for st in statements:
        for s, e in st.content_spans:
            inserts += [(s, "[["), (e, "]]")]
    out = document.text
    for pos, mark in sorted(inserts, key=lambda x: (x[0], x[1] == "[["), reverse=True):
        out = out[:pos] + mark + out[pos:]
    return out


def statement_list(statements: list[Statement]) -> list[str]:
    lines = []
    for n, st in enumerate(statements, start=1):
        speaker = st.speaker.name or st.speaker.mention if st.speaker else "?"
        mention = f" (“{st.speaker.mention}”)" if st.speaker and st.speaker.name and st.speaker.mention != st.speaker.name else ""
        cue = st.cue.text if st.cue else "(continues)"
        date = f" [{st.date}]" if st.date else ""
        lines.append(f"{n:>3}. {speaker}{mention} — {cue}{date} — {st.kind}, {st.polarity}: {st.content}")
    return lines


def console(stderr: bool = False, file: IO[str] | None = None) -> Console:
    if file is not None:
        return Console(file=file, highlight=False, soft_wrap=True, width=100, color_system=None)
    return Console(stderr=stderr, highlight=False, soft_wrap=True)
