"""Read queries for browsing the record: faceted search, one statement with its
neighbours, speakers, documents, links, and whole tables for CSV.

The web pages, the HTTP API and the exports ask these questions; they are here
because the store is the only place with SQL.  Every query is parametrised and
paged, so a record of thousands of articles answers in milliseconds.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Document, Entity, Link, Statement
from .database import _document, _statement, fts_query

if TYPE_CHECKING:
    from .database import Store

LINK_FILTERS = ("repeats", "supports", "contradicts", "none")
FACETS = ("speaker", "outlet", "kind", "polarity", "link")

# Tables and views a user may download whole; nothing else is ever interpolated into SQL.
EXPORT_TABLES = (
    "documents", "statements", "entities", "entity_aliases", "entity_roles", "times", "links",
    "entity_overrides", "statement_reviews", "link_reviews",
)


@dataclass
class Filters:
    """What a search asks for; every field optional, all of them ANDed."""

    q: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    kind: str | None = None
    polarity: str | None = None
    link: str | None = None
    doc: str | None = None
    entity_id: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (over ``statements s JOIN documents d``) and its arguments."""
        where: list[str] = []
        args: list[Any] = []
        if self.q and self.q.strip():
            where.append("s.id IN (SELECT statement_id FROM statements_fts WHERE statements_fts MATCH ?)")
            args.append(fts_query(self.q))
        if self.speaker:
            where.append("COALESCE(s.speaker_name, s.speaker_mention) = ?")
            args.append(self.speaker)
        if self.outlet:
            where.append("d.outlet = ?")
            args.append(self.outlet)
        if self.date_from:
            where.append("COALESCE(s.date, d.published) >= ?")
            args.append(self.date_from)
        if self.date_to:
            where.append("substr(COALESCE(s.date, d.published), 1, ?) <= ?")
            args += [len(self.date_to), self.date_to]
        if self.kind:
            where.append("s.kind = ?")
            args.append(self.kind)
        if self.polarity:
            where.append("s.polarity = ?")
            args.append(self.polarity)
        if self.link in ("repeats", "supports", "contradicts"):
            where.append("s.id IN (SELECT a FROM links WHERE relation = ? UNION SELECT b FROM links WHERE relation = ?)")
            args += [self.link, self.link]
        elif self.link == "none":
            where.append("s.id NOT IN (SELECT a FROM links UNION SELECT b FROM links)")
        if self.doc:
            where.append("(d.id = ? OR d.hash = ?)")
            args += [self.doc, self.doc]
        if self.entity_id is not None:
            where.append("s.entity_id = ?")
            args.append(self.entity_id)
        return (" WHERE " + " AND ".join(where)) if where else "", args

    def indexable(self) -> bool:
        """A full-text search whose other filters a :class:`MatchIndex` row can check (see :meth:`accepts`)."""
        return bool(self.q and self.q.strip()) and not (
            self.date_from or self.date_to or self.doc or self.entity_id is not None
        )

    def accepts(self, row: tuple, linked: dict[str, set[str]]) -> bool:
        """Whether a :class:`MatchIndex` row passes the speaker, outlet, kind, polarity and link filters.

        The same tests as :meth:`where`, on (rowid, id, speaker, outlet, kind, polarity).
        """
        _, sid, speaker, outlet, kind, polarity = row
        if (self.speaker and speaker != self.speaker) or (self.outlet and outlet != self.outlet):
            return False
        if (self.kind and kind != self.kind) or (self.polarity and polarity != self.polarity):
            return False
        if self.link in ("repeats", "supports", "contradicts"):
            return self.link in linked.get(sid, ())
        if self.link == "none":
            return not linked.get(sid)
        return True


@dataclass
class Page:
    """One page of statements and the total that matched."""

    statements: list[Statement]
    total: int
    offset: int
    limit: int
    outlets: dict[str, str | None] = field(default_factory=dict)
    published: dict[str, str | None] = field(default_factory=dict)


_FROM = " FROM statements s JOIN documents d INDEXED BY documents_meta ON d.hash = s.doc_hash"


def _from(filters: Filters) -> str:
    """The statements alone when no filter needs their document (the join costs a lookup a row)."""
    needs_doc = filters.outlet or filters.date_from or filters.date_to or filters.doc
    return _FROM if needs_doc else " FROM statements s"


def search(
    store: "Store", filters: Filters, *, offset: int = 0, limit: int = 20,
    index: "MatchIndex | None" = None, linked: dict[str, set[str]] | None = None,
) -> Page:
    """A page of statements matching ``filters`` in the order they entered the record, with the total.

    The page is chosen on row ids alone, then only its rows are read whole: a broad
    search over a large record sorts ids, not texts.  With an ``index`` of the
    record's present version (and its ``linked`` map), a full-text search is
    matched on the full-text rows alone (see :class:`MatchIndex`).
    """
    if index is not None and linked is not None and filters.indexable():
        rows = index.matches(store, filters, linked)
        return _page(store, [r[0] for r in rows[offset:offset + limit]], len(rows), offset, limit)
    where, args = filters.where()
    source = _from(filters)
    total = store.db.execute("SELECT COUNT(*)" + source + where, args).fetchone()[0]
    ids = [r[0] for r in store.db.execute(
        "SELECT s.rowid" + source + where + " ORDER BY s.rowid LIMIT ? OFFSET ?", [*args, int(limit), int(offset)]
    )]
    return _page(store, ids, total, offset, limit)


Facets = dict[str, list[tuple[str, int]]]


def search_with_facets(
    store: "Store", filters: Filters, *, offset: int = 0, limit: int = 20, linked: dict[str, set[str]],
    counted: tuple[int, Facets] | None = None, index: "MatchIndex | None" = None, top: int = 12,
) -> tuple[Page, Facets]:
    """A page of statements with the facet counts of everything that matched, for the search page.

    Without ``counted`` (the total and facets of these filters, kept by the caller
    for the record's version) the matching rows are read once, with the columns the
    facets count: the total, the page and the facets all come from that one pass,
    where counting, paging and faceting separately would run the full-text match
    three times.  With ``counted`` only the page is read.  With an ``index`` of the
    record's present version a full-text search is matched from it (:class:`MatchIndex`).
    """
    if index is not None and filters.indexable():
        rows = index.matches(store, filters, linked)
    elif counted is not None:
        where, args = filters.where()
        ids = [r[0] for r in store.db.execute(
            "SELECT s.rowid" + _from(filters) + where + " ORDER BY s.rowid LIMIT ? OFFSET ?", [*args, int(limit), int(offset)]
        )]
        return _page(store, ids, counted[0], offset, limit), counted[1]
    else:
        rows = _facet_rows(store, filters, order=True)
    ids = [r[0] for r in rows[offset:offset + limit]] if offset < len(rows) else []
    return _page(store, ids, len(rows), offset, limit), counted[1] if counted is not None else _count_facets(rows, linked, top)


def _page(store: "Store", ids: list[int], total: int, offset: int, limit: int) -> Page:
    """The statements of these row ids, read whole, with their documents' outlets and dates."""
    page = Page([], total, offset, limit)
    if not ids:
        return page
    marks = ", ".join("?" * len(ids))
    rows = store.db.execute(
        "SELECT s.*, d.id AS doc_id, d.outlet AS doc_outlet, d.published AS doc_published" + _FROM
        + f" WHERE s.rowid IN ({marks}) ORDER BY s.rowid",
        ids,
    ).fetchall()
    page.statements = [_statement(r) for r in rows]
    for r in rows:
        page.outlets[r["doc_id"]] = r["doc_outlet"]
        page.published[r["doc_id"]] = r["doc_published"]
    return page


def linked_relations(store: "Store") -> dict[str, set[str]]:
    """Statement id → the relations of its links (read once; callers may cache it per record version)."""
    out: dict[str, set[str]] = {}
    for r in store.db.execute("SELECT a, b, relation FROM links"):
        out.setdefault(r[0], set()).add(r[2])
        out.setdefault(r[1], set()).add(r[2])
    return out


def facets(store: "Store", filters: Filters, *, linked: dict[str, set[str]], top: int = 12) -> tuple[int, Facets]:
    """How many statements match, and their counts by speaker, outlet, kind, polarity and link type.

    One pass over the matching rows, counted in Python: five GROUP BYs over a broad
    full-text match cost five times as much.
    """
    rows = _facet_rows(store, filters)
    return len(rows), _count_facets(rows, linked, top)


def _facet_rows(store: "Store", filters: Filters, *, order: bool = False) -> list[tuple]:
    """(rowid, id, speaker, outlet, kind, polarity) of every matching statement, from covering indexes."""
    where, args = filters.where()
    return store.db.execute(
        "SELECT s.rowid, s.id, COALESCE(s.speaker_name, s.speaker_mention), d.outlet, s.kind, s.polarity" + _FROM + where
        + (" ORDER BY s.rowid" if order else ""),
        args,
    ).fetchall()


@dataclass
class MatchIndex:
    """Every statement's row and facet values, by its full-text row: one version of the record in memory.

    The full-text table keeps each statement's id in its own stored columns, so
    asking it for ids reads every matching row's text; asking for its row ids reads
    the index alone, several times faster.  This map turns those row ids into
    statements, with the values the search page counts, so a full-text search
    (with speaker, outlet, kind, polarity or link filters) is matched, paged and
    counted without reading a statement.  Reading it costs a scan of the record
    (about 0.1 s for 20,000 statements) and some 150 bytes a statement; callers keep
    it for one version of the record (``RecordWatch``).
    """

    statement_of: dict[int, int]  # full-text row id → statement row id
    rows: dict[int, tuple]  # statement row id → (rowid, id, speaker, outlet, kind, polarity)

    def matches(self, store: "Store", filters: Filters, linked: dict[str, set[str]]) -> list[tuple]:
        """The rows matching an :meth:`~Filters.indexable` search, in record order."""
        found = {
            self.statement_of.get(r[0])
            for r in store.db.execute("SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?", (fts_query(filters.q or ""),))
        }
        found.discard(None)
        rows = (self.rows[r] for r in sorted(found))  # type: ignore[type-var]
        return [r for r in rows if filters.accepts(r, linked)]


def match_index(store: "Store") -> MatchIndex:
    """Read the :class:`MatchIndex` of the record as it is now."""
    statement_of: dict[int, int] = {}
    rows: dict[int, tuple] = {}
    for fts_row, *row in store.db.execute(
        "SELECT f.rowid, s.rowid, s.id, COALESCE(s.speaker_name, s.speaker_mention), d.outlet, s.kind, s.polarity"
        " FROM statements_fts f JOIN statements s INDEXED BY statements_facets ON s.id = f.statement_id"
        " JOIN documents d INDEXED BY documents_meta ON d.hash = s.doc_hash"
    ):
        statement_of[fts_row] = row[0]
        rows[row[0]] = tuple(row)
    return MatchIndex(statement_of, rows)


def _count_facets(rows: list[tuple], linked: dict[str, set[str]], top: int) -> Facets:
    from collections import Counter

    counters: dict[str, Counter] = {name: Counter() for name in FACETS}
    speakers, outlets, links = counters["speaker"], counters["outlet"], counters["link"]
    for _, sid, speaker, outlet, _, _ in rows:
        if speaker:
            speakers[speaker] += 1
        if outlet:
            outlets[outlet] += 1
        for relation in linked.get(sid, ()):
            links[relation] += 1
    counters["kind"].update(r[4] for r in rows)
    counters["polarity"].update(r[5] for r in rows)
    return {
        name: sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top] for name, counter in counters.items()
    }


def statement(store: "Store", statement_id: str) -> Statement | None:
    row = store.db.execute(
        "SELECT s.*, d.id AS doc_id" + _FROM + " WHERE s.id = ?", (statement_id,)
    ).fetchone()
    return _statement(row) if row is not None else None


def statements_by_id(store: "Store", ids: list[str]) -> dict[str, Statement]:
    """Several statements at once (the other ends of links), by id."""
    out: dict[str, Statement] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        marks = ", ".join("?" * len(part))
        for r in store.db.execute("SELECT s.*, d.id AS doc_id" + _FROM + f" WHERE s.id IN ({marks})", part):
            out[r["id"]] = _statement(r)
    return out


def document_of(store: "Store", statement_id: str) -> Document | None:
    row = store.db.execute(
        "SELECT d.* FROM documents d JOIN statements s ON s.doc_hash = d.hash WHERE s.id = ?", (statement_id,)
    ).fetchone()
    return _document(row) if row is not None else None


_DOCUMENT_META = "hash, id, '' AS text, published, published_source, outlet, title, url, origin, author, site"


def documents_by_id(store: "Store", doc_ids: list[str], *, text: bool = True) -> dict[str, Document]:
    """Document id → document (the newest with that id), for outlets and dates beside statements.

    ``text=False`` leaves each text out (empty): a list of statements that shows
    only outlets and dates need not read whole articles.
    """
    out: dict[str, Document] = {}
    ids = list(dict.fromkeys(doc_ids))
    columns = "*" if text else _DOCUMENT_META
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        marks = ", ".join("?" * len(part))
        for r in store.db.execute(f"SELECT {columns} FROM documents WHERE id IN ({marks}) ORDER BY seq", part):
            out[r["id"]] = _document(r)
    return out


def document_list(store: "Store", *, offset: int = 0, limit: int = 50) -> tuple[list[tuple[Document, int]], int]:
    """A page of documents with their statement counts, and the number of documents."""
    total = store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    rows = store.db.execute(
        "SELECT d.*, (SELECT COUNT(*) FROM statements s WHERE s.doc_hash = d.hash AND s.kind != 'narration') AS n"
        " FROM documents d ORDER BY d.seq LIMIT ? OFFSET ?",
        (int(limit), int(offset)),
    ).fetchall()
    return [(_document(r), r["n"]) for r in rows], total


def links_of(store: "Store", statement_id: str) -> list[Link]:
    """Every link with this statement at either end, strongest first."""
    rows = store.db.execute(
        "SELECT * FROM links WHERE a = ? UNION SELECT * FROM links WHERE b = ? ORDER BY score DESC",
        (statement_id, statement_id),
    )
    return [_link(r) for r in rows]


def links_page(store: "Store", relation: str | None = None, *, offset: int = 0, limit: int = 50) -> tuple[list[Link], int]:
    """Links of one relation (or all), strongest first, and how many there are."""
    where, args = ("WHERE relation = ?", [relation]) if relation else ("", [])
    total = store.db.execute(f"SELECT COUNT(*) FROM links {where}", args).fetchone()[0]
    rows = store.db.execute(
        f"SELECT * FROM links {where} ORDER BY score DESC, relation, a, b LIMIT ? OFFSET ?", [*args, int(limit), int(offset)]
    )
    return [_link(r) for r in rows], total


def link_between(store: "Store", a: str, b: str) -> Link | None:
    row = store.db.execute("SELECT * FROM links WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)", (a, b, b, a)).fetchone()
    return _link(row) if row is not None else None


def link_counts(store: "Store", ids: list[str]) -> dict[str, dict[str, int]]:
    """Statement id → relation → number of links, for badges in lists."""
    out: dict[str, dict[str, int]] = {}
    if not ids:
        return out
    marks = ", ".join("?" * len(ids))
    for end in ("a", "b"):
        for r in store.db.execute(
            f"SELECT {end} AS sid, relation, COUNT(*) AS n FROM links WHERE {end} IN ({marks}) GROUP BY sid, relation", ids
        ):
            slot = out.setdefault(r["sid"], {})
            slot[r["relation"]] = slot.get(r["relation"], 0) + r["n"]
    return out


def entity(store: "Store", entity_id: int) -> Entity | None:
    row = store.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    aliases = [r[0] for r in store.db.execute("SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (entity_id,))]
    roles = [r[0] for r in store.db.execute("SELECT role FROM entity_roles WHERE entity_id = ? ORDER BY role", (entity_id,))]
    return Entity(id=row["id"], name=row["name"], type=row["type"], country=row["country"], aliases=aliases, roles=roles)


def entity_by_name(store: "Store", name: str) -> Entity | None:
    row = store.db.execute("SELECT id FROM entities WHERE name = ? ORDER BY id LIMIT 1", (name,)).fetchone()
    return entity(store, row[0]) if row is not None else None


def speaker_page(store: "Store", *, q: str | None = None, offset: int = 0, limit: int = 50) -> tuple[list[tuple[Entity, int]], int]:
    """Speakers with their statement counts, most quoted first (names containing ``q``)."""
    where, args = ("WHERE e.name LIKE ?", [f"%{q}%"]) if q else ("", [])
    total = store.db.execute(
        f"SELECT COUNT(*) FROM (SELECT e.id FROM entities e JOIN statements s ON s.entity_id = e.id {where} GROUP BY e.id)", args
    ).fetchone()[0]
    rows = store.db.execute(
        f"SELECT e.*, COUNT(s.id) AS n FROM entities e JOIN statements s ON s.entity_id = e.id {where}"
        " GROUP BY e.id ORDER BY n DESC, e.name LIMIT ? OFFSET ?",
        [*args, int(limit), int(offset)],
    ).fetchall()
    return [(Entity(id=r["id"], name=r["name"], type=r["type"], country=r["country"]), r["n"]) for r in rows], total


def speaker_statements(store: "Store", entity_id: int, *, limit: int = 2000) -> list[Statement]:
    """What one speaker said, in date order (undated last)."""
    rows = store.db.execute(
        "SELECT s.*, d.id AS doc_id" + _FROM + " WHERE s.entity_id = ?"
        " ORDER BY COALESCE(s.date, d.published, '9999'), d.seq, s.position LIMIT ?",
        (entity_id, int(limit)),
    )
    return [_statement(r) for r in rows]


def spoken_about(store: "Store") -> Iterator[tuple[str, str, str, str, int]]:
    """(speaker, speaker type, entity, entity type, times) for the speaker–subject network.

    An entity is "spoken about" when its name or one of its capitalised aliases
    (four letters or more) occurs as whole words in the content of a statement by
    another speaker.  Names are looked up by word n-grams in a dictionary, so the
    cost grows with the words of the record, not with words × names.
    """
    names: dict[str, tuple[str, str]] = {}
    longest = 1
    for r in store.db.execute(
        "SELECT e.name, e.type, a.alias FROM entities e JOIN entity_aliases a ON a.entity_id = e.id"
        " WHERE e.type != 'OTHER' AND length(a.alias) > 3 AND substr(a.alias, 1, 1) = upper(substr(a.alias, 1, 1))"
        " AND substr(a.alias, 1, 1) != lower(substr(a.alias, 1, 1))"
        " UNION SELECT name, type, name FROM entities WHERE type != 'OTHER'"
    ):
        key = " ".join(_WORD.findall(r[2]))
        if key and key[:1].isupper() and key not in names:
            names[key] = (r[0], r[1])
            longest = max(longest, key.count(" ") + 1)
    longest = min(longest, 6)
    counts: dict[tuple[str, str, str, str], int] = {}
    for r in store.db.execute(
        "SELECT e.name, e.type, s.content FROM statements s JOIN entities e ON e.id = s.entity_id"
    ):
        words = _WORD.findall(r["content"])
        seen: set[str] = set()
        for i in range(len(words)):
            if not words[i][:1].isupper():
                continue  # every name starts with a capital
            for n in range(1, longest + 1):
                hit = names.get(" ".join(words[i:i + n])) if i + n <= len(words) else None
                if hit is None or hit[0] == r["name"] or hit[0] in seen:
                    continue
                seen.add(hit[0])
                key = (r["name"], r["type"], hit[0], hit[1])
                counts[key] = counts.get(key, 0) + 1
    for (a, at, b, bt), n in sorted(counts.items()):
        yield a, at, b, bt, n


_WORD = re.compile(r"[\w’'.&-]+")


def table_rows(store: "Store", table: str) -> tuple[list[str], Iterator[sqlite3.Row]]:
    """Column names and rows of one whole table (from :data:`EXPORT_TABLES` only)."""
    if table not in EXPORT_TABLES:
        raise ValueError(f"no table {table!r}; one of {', '.join(EXPORT_TABLES)}")
    cur = store.db.execute(f'SELECT * FROM "{table}"')
    return [c[0] for c in cur.description], iter(cur)


class RecordWatch:
    """Tells whether the record has changed since the last look, whoever changed it.

    SQLite's ``data_version`` of a connection changes whenever another connection
    (in this process or any other: a reviewer's POST, ``onrecord link`` in a
    terminal, a second server worker) commits to the file.  This connection never
    writes, so it sees every commit; reading the pragma costs microseconds, so every
    request can ask before trusting a cached answer.  ``generation`` counts the
    changes seen, starting at 1.
    """

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.lock = threading.Lock()
        self.seen: int | None = None
        self.generation = 0

    def refresh(self) -> int:
        """The generation of the record now (a new one if anything was committed since the last call)."""
        with self.lock:
            version = self.db.execute("PRAGMA data_version").fetchone()[0]
            if version != self.seen:
                self.seen = version
                self.generation += 1
            return self.generation

    def close(self) -> None:
        self.db.close()


def _link(r: sqlite3.Row) -> Link:
    return Link(relation=r["relation"], a=r["a"], b=r["b"], score=r["score"], why=r["why"])
