"""How the record looks in a terminal: tables, and an article with its statements marked.

Colour is for people at a terminal; in a pipe the same information comes as plain
text with ``[[ ]]`` markers, so output stays greppable and diffable.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .model import Appearance, Document, Entity, Statement

CONTENT_STYLE = "bold cyan"
SPEAKER_STYLE = "bold magenta"
CUE_STYLE = "bold yellow"


def statements_table(statements: list[Statement]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for column in ("doc", "speaker", "cue", "kind", "conf", "content"):
        table.add_column(column, overflow="fold")
    for st in statements:
        speaker = st.speaker.name or st.speaker.mention if st.speaker else "?"
        table.add_row(
            st.doc_id,
            speaker,
            (st.cue.text if st.cue else "—") + (" ✗" if st.polarity == "deny" else ""),
            st.kind,
            f"{st.confidence:.2f}",
            st.content,
        )
    return table


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


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=True)
