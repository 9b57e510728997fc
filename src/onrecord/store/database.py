"""The record in one SQLite file: the only module in onrecord that speaks SQL.

Each document is written with its statements and times in one transaction, keyed by
the hash of its text, so analysing the same input twice changes nothing and an
interrupted run keeps every document it finished.  Statements are indexed for full
text search with FTS5.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Errors, StoreError
from ..model import Analysis, Cue, Document, Entity, Link, Speaker, Statement, Time
from .schema import MIGRATIONS, SCHEMA_VERSION


class Store:
    """An onrecord database; use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(Errors.E012, where=self.path, detail=str(exc)) from exc
        self._depth = 0
        self._migrate()

    # ------------------------------------------------------------------ lifecycle

    def _migrate(self) -> None:
        try:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(Errors.E012, where=self.path, detail=str(exc)) from exc
        if version > SCHEMA_VERSION:
            raise StoreError(Errors.E011, where=self.path, found=version, supported=SCHEMA_VERSION)
        if version == 0 and tables:
            raise StoreError(Errors.E012, where=self.path, detail="it holds other tables")
        for number in range(version, SCHEMA_VERSION):
            # executescript commits any open transaction, so the script carries its own.
            self.db.executescript(f"BEGIN; {MIGRATIONS[number]} PRAGMA user_version = {number + 1}; COMMIT;")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes; nested uses join the outer one (each document stays atomic)."""
        if self._depth == 0:
            self.db.execute("BEGIN")
        else:
            self.db.execute(f"SAVEPOINT s{self._depth}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.db.execute("ROLLBACK")
            else:
                self.db.execute(f"ROLLBACK TO s{self._depth}")
                self.db.execute(f"RELEASE s{self._depth}")
            raise
        self._depth -= 1
        if self._depth == 0:
            self.db.execute("COMMIT")
        else:
            self.db.execute(f"RELEASE s{self._depth}")

    def checkpoint(self) -> None:
        """Commit the outermost transaction so far and carry on in a new one.

        Batch writers call this every N documents: an interrupt then loses at most
        the documents since the last checkpoint, never a committed one.
        """
        if self._depth != 1:
            raise RuntimeError("checkpoint() belongs in the outermost transaction")
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    # ------------------------------------------------------------------ writing

    def has_document(self, hash_: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE hash = ?", (hash_,)).fetchone() is not None

    def write_analysis(self, analysis: Analysis, model: str = "") -> bool:
        """Store a document and what was found in it; False if that text is already stored."""
        if self.has_document(analysis.document.hash):
            return False
        with self.transaction():
            self._insert(analysis, model)
        return True

    def replace_analysis(self, analysis: Analysis, model: str = "") -> None:
        """Re-analysis of a stored text (``analyze --force``): its old findings go."""
        with self.transaction():
            self.db.execute("DELETE FROM documents WHERE hash = ?", (analysis.document.hash,))
            self._insert(analysis, model)

    def _insert(self, analysis: Analysis, model: str) -> None:
        doc = analysis.document
        seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
        self.db.execute(
            "INSERT INTO documents (hash, id, text, published, published_source, outlet, title, url, origin, model, seq)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.hash, doc.id, doc.text, doc.published, doc.published_source, doc.outlet, doc.title, doc.url,
             doc.origin, model, seq),
        )
        entity_ids = {(e.name, e.type): self._upsert_entity(e) for e in analysis.entities}
        rows = []
        fts = []
        for position, st in enumerate(analysis.statements):
            entity_id = self._speaker_entity(st.speaker, entity_ids)
            rows.append(_statement_row(st, doc.hash, position, entity_id))
            speaker_text = " ".join(filter(None, [st.speaker and st.speaker.mention, st.speaker and st.speaker.name]))
            fts.append((st.content, speaker_text, st.cue.text if st.cue else "", st.id))
        self.db.executemany(f"INSERT OR REPLACE INTO statements VALUES ({', '.join('?' * 28)})", rows)
        self.db.executemany("INSERT INTO statements_fts (content, speaker, cue, statement_id) VALUES (?, ?, ?, ?)", fts)
        self.db.executemany(
            'INSERT INTO times (doc_hash, text, start, "end", type, value) VALUES (?, ?, ?, ?, ?, ?)',
            [(doc.hash, t.text, t.start, t.end, t.type, t.value) for t in analysis.times],
        )

    def _speaker_entity(self, speaker: Speaker | None, known: dict[tuple[str, str], int]) -> int | None:
        if speaker is None or not speaker.name or speaker.type == "OTHER":
            return None
        key = (speaker.name, speaker.type)
        if key not in known:
            known[key] = self._upsert_entity(
                Entity(name=speaker.name, type=speaker.type, aliases=[speaker.mention], country=speaker.country)
            )
        entity_id = known[key]
        self.db.execute("INSERT OR IGNORE INTO entity_aliases VALUES (?, ?)", (entity_id, speaker.mention))
        if speaker.role:
            self.db.execute("INSERT OR IGNORE INTO entity_roles VALUES (?, ?)", (entity_id, speaker.role))
        return entity_id

    def _upsert_entity(self, entity: Entity) -> int:
        self.db.execute(
            "INSERT INTO entities (name, type, country) VALUES (?, ?, ?)"
            " ON CONFLICT (name, type) DO UPDATE SET country = COALESCE(entities.country, excluded.country)",
            (entity.name, entity.type, entity.country),
        )
        entity_id = self.db.execute(
            "SELECT id FROM entities WHERE name = ? AND type = ?", (entity.name, entity.type)
        ).fetchone()[0]
        self.db.executemany("INSERT OR IGNORE INTO entity_aliases VALUES (?, ?)", [(entity_id, a) for a in entity.aliases])
        self.db.executemany("INSERT OR IGNORE INTO entity_roles VALUES (?, ?)", [(entity_id, r) for r in entity.roles])
        return entity_id

    def replace_links(self, links: list[Link], narration: list[Statement]) -> None:
        """The record's cross-article links, with the outlet statements they point at.

        Narration statements exist only as ends of links, so they are rewritten with
        them: re-linking never leaves an orphan behind.
        """
        with self.transaction():
            self.db.execute("DELETE FROM statements WHERE kind = 'narration'")
            hashes = {r["id"]: r["hash"] for r in self.db.execute("SELECT id, hash FROM documents ORDER BY seq DESC")}
            rows, fts = [], []
            for st in narration:
                doc_hash = hashes.get(st.doc_id)
                if doc_hash is None:
                    continue
                rows.append(_statement_row(st, doc_hash, 100_000 + st.start, None))
                fts.append((st.content, "", "", st.id))
            self.db.executemany(f"INSERT OR REPLACE INTO statements VALUES ({', '.join('?' * 28)})", rows)
            self.db.executemany("INSERT INTO statements_fts (content, speaker, cue, statement_id) VALUES (?, ?, ?, ?)", fts)
            self.write_links(links, replace=True)

    def add_override(self, action: str, a: str, b: str) -> None:
        """A user's correction of the entity resolution, replayed on every re-link."""
        with self.transaction():
            self.db.execute("INSERT INTO entity_overrides (action, a, b) VALUES (?, ?, ?)", (action, a, b))

    def overrides(self) -> list[tuple[str, str, str]]:
        return [(r["action"], r["a"], r["b"]) for r in self.db.execute("SELECT * FROM entity_overrides ORDER BY id")]

    def document_texts(self) -> dict[str, str]:
        """Document id → text, for stages that read around a statement."""
        return {r["id"]: r["text"] for r in self.db.execute("SELECT id, text FROM documents ORDER BY seq")}

    def write_links(self, links: list[Link], replace: bool = True) -> None:
        with self.transaction():
            if replace:
                self.db.execute("DELETE FROM links")
            self.db.executemany(
                "INSERT OR REPLACE INTO links (relation, a, b, score, why, opposed, carriers_a, carriers_b)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(ln.relation, ln.a, ln.b, ln.score, ln.why, json.dumps(ln.opposed, ensure_ascii=False),
                  json.dumps(ln.carriers_a), json.dumps(ln.carriers_b)) for ln in links],
            )

    # ------------------------------------------------------------------ reading

    def documents(self) -> list[Document]:
        return [_document(r) for r in self.db.execute("SELECT * FROM documents ORDER BY seq")]

    def get_document(self, key: str) -> Document | None:
        """By id, by hash, or by a unique hash prefix of at least six characters."""
        row = self.db.execute("SELECT * FROM documents WHERE id = ? OR hash = ? ORDER BY seq LIMIT 1", (key, key)).fetchone()
        if row is None and len(key) >= 6 and re.fullmatch(r"[0-9a-f]+", key):
            rows = self.db.execute("SELECT * FROM documents WHERE hash LIKE ? LIMIT 2", (key + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return _document(row) if row is not None else None

    def statements(
        self,
        *,
        speaker: str | None = None,
        doc: str | None = None,
        search: str | None = None,
        min_confidence: float | None = None,
        kind: str | None = None,
        limit: int | None = None,
        by_confidence: bool = False,
    ) -> Iterator[Statement]:
        """Statements in document order (or most confident first), filtered as asked."""
        where, args = [], []
        if speaker:
            where.append("(s.speaker_name LIKE ? OR s.speaker_mention LIKE ? OR s.speaker_members LIKE ?)")
            args += [f"%{speaker}%"] * 3
        if doc:
            where.append("(d.id = ? OR d.hash = ? OR d.hash LIKE ?)")
            args += [doc, doc, f"{doc}%" if len(doc) >= 6 else doc]
        if search:
            where.append("s.id IN (SELECT statement_id FROM statements_fts WHERE statements_fts MATCH ?)")
            args.append(fts_query(search))
        if min_confidence is not None:
            where.append("s.confidence >= ?")
            args.append(min_confidence)
        if kind:
            where.append("s.kind = ?")
            args.append(kind)
        sql = "SELECT s.*, d.id AS doc_id FROM statements s JOIN documents d ON d.hash = s.doc_hash"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY " + ("s.confidence DESC, d.seq, s.position" if by_confidence else "d.seq, s.position")
        if limit:
            sql += f" LIMIT {int(limit)}"
        for row in self.db.execute(sql, args):
            yield _statement(row)

    def speakers(self) -> list[tuple[Entity, int]]:
        rows = self.db.execute(
            "SELECT e.id, COUNT(s.id) AS n FROM entities e JOIN statements s ON s.entity_id = e.id"
            " GROUP BY e.id ORDER BY n DESC, e.name"
        ).fetchall()
        entities = {e.id: e for e in self.entities()}
        return [(entities[r["id"]], r["n"]) for r in rows]

    def entities(self) -> Iterator[Entity]:
        aliases: dict[int, list[str]] = {}
        for r in self.db.execute("SELECT entity_id, alias FROM entity_aliases ORDER BY alias"):
            aliases.setdefault(r[0], []).append(r[1])
        roles: dict[int, list[str]] = {}
        for r in self.db.execute("SELECT entity_id, role FROM entity_roles ORDER BY role"):
            roles.setdefault(r[0], []).append(r[1])
        for r in self.db.execute("SELECT * FROM entities ORDER BY name"):
            yield Entity(
                id=r["id"], name=r["name"], type=r["type"], country=r["country"],
                aliases=aliases.get(r["id"], []), roles=roles.get(r["id"], []),
            )

    def times(self, doc: str | None = None) -> Iterator[Time]:
        sql = 'SELECT t.*, d.id AS doc_id FROM times t JOIN documents d ON d.hash = t.doc_hash'
        args: list[str] = []
        if doc:
            sql += " WHERE d.id = ? OR d.hash = ?"
            args = [doc, doc]
        for r in self.db.execute(sql + " ORDER BY d.seq, t.start", args):
            yield Time(doc_id=r["doc_id"], text=r["text"], start=r["start"], end=r["end"], type=r["type"], value=r["value"])

    def links(self) -> Iterator[Link]:
        for r in self.db.execute("SELECT * FROM links ORDER BY score DESC, relation, a, b"):
            yield Link(relation=r["relation"], a=r["a"], b=r["b"], score=r["score"], why=r["why"],
                       opposed=json.loads(r["opposed"]), carriers_a=json.loads(r["carriers_a"]),
                       carriers_b=json.loads(r["carriers_b"]))

    def counts(self) -> dict[str, int]:
        return {
            table: self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("documents", "statements", "entities", "times", "links")
        }


def fts_query(text: str) -> str:
    """User words as quoted FTS5 terms, so punctuation never becomes query syntax.

    A trailing ``*`` on a word keeps its prefix search; everything else is literal.
    """
    terms = []
    for word in re.findall(r"[\w’'*.-]+", text):
        prefix = word.endswith("*")
        word = word.strip("*").replace('"', "")
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms) if terms else '""'


def _statement_row(st: Statement, doc_hash: str, position: int, entity_id: int | None) -> tuple:
    sp, cue = st.speaker, st.cue
    return (
        st.id, doc_hash, position,
        sp.mention if sp else None, sp.start if sp else None, sp.end if sp else None,
        sp.type if sp else None, sp.name if sp else None, json.dumps(sp.members) if sp else None,
        sp.role if sp else None, sp.country if sp else None, entity_id,
        cue.text if cue else None, cue.lemma if cue else None, cue.cls if cue else None,
        cue.start if cue else None, cue.end if cue else None,
        st.content, json.dumps(st.content_spans), st.kind, st.polarity, st.addressee,
        st.sentence[0] if st.sentence else None, st.sentence[1] if st.sentence else None,
        st.confidence, st.parent, st.date, st.date_source,
    )


def _statement(r: sqlite3.Row) -> Statement:
    speaker = None
    if r["speaker_mention"] is not None:
        speaker = Speaker(
            mention=r["speaker_mention"], start=r["speaker_start"], end=r["speaker_end"], type=r["speaker_type"],
            name=r["speaker_name"], members=json.loads(r["speaker_members"] or "[]"), role=r["speaker_role"],
            country=r["speaker_country"],
        )
    cue = None
    if r["cue_text"] is not None:
        cue = Cue(text=r["cue_text"], lemma=r["cue_lemma"], cls=r["cue_class"], start=r["cue_start"], end=r["cue_end"])
    sentence = (r["sentence_start"], r["sentence_end"]) if r["sentence_start"] is not None else None
    return Statement(
        id=r["id"], doc_id=r["doc_id"], speaker=speaker, cue=cue,
        content_spans=[tuple(p) for p in json.loads(r["content_spans"])], content=r["content"], kind=r["kind"],
        polarity=r["polarity"], addressee=r["addressee"], sentence=sentence, confidence=r["confidence"],
        parent=r["parent"], date=r["date"], date_source=r["date_source"],
    )


def _document(r: sqlite3.Row) -> Document:
    return Document(
        id=r["id"], text=r["text"], published=r["published"], published_source=r["published_source"],
        outlet=r["outlet"], title=r["title"], url=r["url"], origin=r["origin"] or "",
    )
