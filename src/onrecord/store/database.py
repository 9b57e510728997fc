"""The record in one SQLite file: the only module in onrecord that speaks SQL.

Each document is written with its statements and times in one transaction, keyed by
the hash of its text, so analysing the same input twice changes nothing and an
interrupted run keeps every document it finished.  Statements are indexed for full
text search with FTS5.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Errors, StoreError
from ..model import Analysis, Appearance, Cue, Document, Entity, Link, Speaker, Statement, Time
from .schema import MIGRATIONS, SCHEMA_VERSION


DEFAULT_LOCK_TIMEOUT = 60.0


class Store:
    """An onrecord database; use as a context manager or call ``close()``.

    Any number of processes may share one file.  WAL mode lets readers go on while a
    writer writes; writers take the lock up front (``BEGIN IMMEDIATE``) for short
    transactions only, and wait for one another for up to ``lock_timeout`` seconds,
    retrying with backoff, before giving up with :attr:`Errors.E026`.
    """

    def __init__(self, path: str | Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.path = str(path)
        self.lock_timeout = lock_timeout
        try:
            # SQLite's own busy handler waits a short while (a reader, such as the web server, while a
            # writer commits); _begin retries on top of it up to the lock timeout.
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=min(lock_timeout, 10.0))
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self._retry(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            self.db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            if _is_locked(exc):
                raise StoreError(Errors.E026, where=self.path, seconds=lock_timeout) from exc
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
        if version == SCHEMA_VERSION:
            return
        # Another process may be migrating the same file: take the write lock, then look again.
        self._begin()
        try:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _retry(self, operation):  # type: ignore[no-untyped-def]
        """Run an operation that needs the write lock, retrying with backoff until the lock timeout."""
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.05
        while True:
            try:
                return operation()
            except sqlite3.OperationalError as exc:
                if not _is_locked(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreError(Errors.E026, where=self.path, seconds=self.lock_timeout) from exc
                time.sleep(min(delay, max(deadline - time.monotonic(), 0.0)) * random.uniform(0.5, 1.0))
                delay = min(delay * 2, 1.0)

    def _begin(self) -> None:
        """Start a write transaction holding the lock from the start, so it can never deadlock halfway."""
        self._retry(lambda: self.db.execute("BEGIN IMMEDIATE"))

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
            self._begin()
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
        self._begin()

    # ------------------------------------------------------------------ writing

    def has_document(self, hash_: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE hash = ?", (hash_,)).fetchone() is not None

    def write_analysis(self, analysis: Analysis, model: str = "", signature: bytes | None = None) -> bool:
        """Store a document and what was found in it; False if that text is already stored.

        The document's id becomes its first appearance; ``signature`` (a MinHash of its
        shingles) lets later wire copies of it be recognised.  A text kept as a copy until
        now (a smaller id brought it: it is the story's analysed text from now on) leaves
        ``copies``.
        """
        if self.has_document(analysis.document.hash):
            return False
        with self.transaction():
            self._insert_document(analysis.document, model)
            self.db.execute("DELETE FROM copies WHERE hash = ?", (analysis.document.hash,))
            self._add_appearance(analysis.document, analysis.document.hash, 1.0)
            if signature is not None:
                self.add_sketch(analysis.document.hash, signature)
            self._insert_findings(analysis)
        return True

    def replace_analysis(self, analysis: Analysis, model: str = "", signature: bytes | None = None) -> None:
        """Re-analysis of a stored text (``analyze --force``, a changed date): its old findings go.

        Its appearances stay; the document keeps the id it was first analysed under.
        """
        doc = analysis.document
        with self.transaction():
            if not self.has_document(doc.hash):
                self.write_analysis(analysis, model, signature)
                return
            self.db.execute("DELETE FROM statements WHERE doc_hash = ?", (doc.hash,))
            self.db.execute("DELETE FROM times WHERE doc_hash = ?", (doc.hash,))
            self.db.execute(
                "UPDATE documents SET published = ?, published_source = ?, outlet = ?, title = ?, url = ?, origin = ?,"
                " author = ?, site = ?, model = ?, analysed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE hash = ?",
                (doc.published, doc.published_source, doc.outlet, doc.title, doc.url, doc.origin, doc.author,
                 doc.site, model, doc.hash),
            )
            if self.appearance(doc.id) is None:
                self._add_appearance(doc, doc.hash, 1.0)
            else:
                self._update_appearance(doc)
            if signature is not None:
                self.add_sketch(doc.hash, signature)
            self._insert_findings(analysis)

    def _insert_document(self, doc: Document, model: str) -> None:
        seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
        self.db.execute(
            "INSERT INTO documents (hash, id, text, published, published_source, outlet, title, url, origin, model, seq,"
            " author, site) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.hash, doc.id, doc.text, doc.published, doc.published_source, doc.outlet, doc.title, doc.url,
             doc.origin, model, seq, doc.author, doc.site),
        )

    def _insert_findings(self, analysis: Analysis) -> None:
        doc = analysis.document
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

    # ------------------------------------------------------------------ appearances

    def appearance(self, doc_id: str) -> Appearance | None:
        """The appearance an id names, or None when the id is new to the record."""
        row = self.db.execute("SELECT * FROM appearances WHERE id = ?", (doc_id,)).fetchone()
        return _appearance(row) if row is not None else None

    def add_appearance(self, doc: Document, doc_hash: str, similarity: float = 1.0) -> None:
        """Another id under which a stored text (or a near copy of it) reached the record."""
        with self.transaction():
            self._add_appearance(doc, doc_hash, similarity)

    def _add_appearance(self, doc: Document, doc_hash: str, similarity: float) -> None:
        seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM appearances").fetchone()[0]
        self.db.execute(
            "INSERT INTO appearances (id, doc_hash, text_hash, similarity, published, published_source, outlet, title,"
            " author, site, url, origin, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, doc_hash, doc.hash, similarity, doc.published, doc.published_source, doc.outlet, doc.title,
             doc.author, doc.site, doc.url, doc.origin, seq),
        )

    def _update_appearance(self, doc: Document) -> None:
        self.db.execute(
            "UPDATE appearances SET published = ?, published_source = ?, outlet = ?, title = COALESCE(?, title),"
            " url = COALESCE(?, url), origin = ? WHERE id = ?",
            (doc.published, doc.published_source, doc.outlet, doc.title, doc.url, doc.origin, doc.id),
        )

    def update_metadata(self, doc: Document) -> None:
        """New outlet or date for a stored id whose text is unchanged (no re-analysis needed)."""
        with self.transaction():
            self._update_appearance(doc)
            self.db.execute(
                "UPDATE documents SET outlet = ?, published = ?, published_source = ? WHERE id = ? AND hash ="
                " (SELECT doc_hash FROM appearances WHERE id = ?)",
                (doc.outlet, doc.published, doc.published_source, doc.id, doc.id),
            )

    def is_primary(self, doc_id: str) -> bool:
        """Is this the id the text was first analysed under (the ``doc`` of its statements)?"""
        return self.db.execute(
            "SELECT 1 FROM documents d JOIN appearances a ON a.doc_hash = d.hash WHERE a.id = ? AND d.id = ?",
            (doc_id, doc_id),
        ).fetchone() is not None

    def remove_appearance(self, doc_id: str) -> None:
        """Let go of an id (``analyze --force`` with another text under it).

        A text left with no appearance goes with its statements; one still printed
        elsewhere stays, under its smallest remaining id.  A copy's text no id names
        any more goes too, so that it no longer draws new texts into the story.
        """
        with self.transaction():
            row = self.db.execute("SELECT doc_hash, text_hash FROM appearances WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                return
            doc_hash, text_hash = row
            self.db.execute("DELETE FROM appearances WHERE id = ?", (doc_id,))
            following = self.db.execute(
                "SELECT id FROM appearances WHERE doc_hash = ? ORDER BY id LIMIT 1", (doc_hash,)
            ).fetchone()
            if following is None:
                self.db.execute("DELETE FROM documents WHERE hash = ?", (doc_hash,))
                self.db.execute("DELETE FROM sketches WHERE hash = ?", (doc_hash,))
            else:
                self.db.execute(
                    "UPDATE documents SET id = ? WHERE hash = ? AND id = ?", (following[0], doc_hash, doc_id)
                )
            if text_hash != doc_hash and self.story(text_hash) is None:
                self.db.execute("DELETE FROM copies WHERE hash = ?", (text_hash,))
                self.db.execute("DELETE FROM sketches WHERE hash = ?", (text_hash,))

    def appearances(self, doc_hash: str | None = None) -> list[Appearance]:
        """Appearances of one text (or of all): the analysed id first, then by id, however they arrived."""
        sql = "SELECT a.* FROM appearances a JOIN documents d ON d.hash = a.doc_hash"
        order = " ORDER BY a.doc_hash, a.id != d.id, a.id"
        if doc_hash is None:
            rows = self.db.execute(sql + order)
        else:
            rows = self.db.execute(sql + " WHERE a.doc_hash = ?" + order, (doc_hash,))
        return [_appearance(r) for r in rows]

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Every stored text's MinHash (analysed texts and copies), to find wire copies of it among new inputs."""
        for _, doc_hash, data in self.sketches_after(0):
            yield doc_hash, data

    def sketches_after(self, seq: int) -> Iterator[tuple[int, str, bytes]]:
        """MinHashes stored after ``seq`` (by this or another process), oldest first."""
        for r in self.db.execute("SELECT seq, hash, minhash FROM sketches WHERE seq > ? ORDER BY seq", (seq,)):
            yield r[0], r[1], r[2]

    def add_sketch(self, text_hash: str, minhash: bytes) -> None:
        self.db.execute("INSERT OR IGNORE INTO sketches (hash, minhash) VALUES (?, ?)", (text_hash, minhash))

    def text_of(self, text_hash: str) -> str | None:
        """A stored text by its hash: a document's analysed text or a copy's."""
        row = self.db.execute("SELECT text FROM documents WHERE hash = ?", (text_hash,)).fetchone()
        if row is None:
            row = self.db.execute("SELECT text FROM copies WHERE hash = ?", (text_hash,)).fetchone()
        return row[0] if row is not None else None

    def has_text(self, text_hash: str) -> bool:
        return self.text_of(text_hash) is not None

    # ------------------------------------------------------------------ stories

    def story(self, text_hash: str) -> str | None:
        """The analysed text (document hash) of the story a text belongs to, or None if it is new."""
        if self.has_document(text_hash):
            return text_hash
        row = self.db.execute("SELECT doc_hash FROM appearances WHERE text_hash = ? LIMIT 1", (text_hash,)).fetchone()
        return row[0] if row is not None else None

    def primary(self, doc_hash: str) -> tuple[str, str | None]:
        """(id, publication date) of a story's analysed appearance."""
        row = self.db.execute("SELECT id, published FROM documents WHERE hash = ?", (doc_hash,)).fetchone()
        return row[0], row[1]

    def story_head(self, text_hash: str) -> tuple[str, str, str | None] | None:
        """(document hash, id, publication date) of the story a text is in, read at one instant, or None.

        One statement, so another run handing the story over meanwhile is seen wholly or not at all.
        """
        row = self.db.execute(
            "SELECT hash, id, published FROM documents WHERE hash = :h UNION ALL"
            " SELECT * FROM (SELECT d.hash, d.id, d.published FROM appearances a JOIN documents d ON d.hash = a.doc_hash"
            " WHERE a.text_hash = :h LIMIT 1) LIMIT 1",
            {"h": text_hash},
        ).fetchone()
        return (row[0], row[1], row[2]) if row is not None else None

    def keep_copy(self, text_hash: str, text: str) -> None:
        """The text of a copy that is not analysed, kept so that it can take its story over later."""
        self.db.execute("INSERT OR IGNORE INTO copies (hash, text) VALUES (?, ?)", (text_hash, text))

    def rekey(self, doc: Document) -> None:
        """A smaller id with the same text and date takes its story over: the analysis stands, the names change.

        Statements are keyed by the text, not the id, so nothing else moves.
        """
        with self.transaction():
            self.db.execute(
                "UPDATE documents SET id = ?, published = ?, published_source = ?, outlet = ?, title = ?, url = ?,"
                " origin = ?, author = ?, site = ? WHERE hash = ?",
                (doc.id, doc.published, doc.published_source, doc.outlet, doc.title, doc.url, doc.origin, doc.author,
                 doc.site, doc.hash),
            )

    def hand_over(self, old: str, new: str, similarity: dict[str, float]) -> None:
        """A story's analysed text gives way to another (stored already): its ids follow, its findings go.

        ``similarity`` is each appearance text's likeness to the new analysed text (an
        appearance whose text is not known keeps its own); the old text is kept as a copy.
        """
        with self.transaction():
            text = self.text_of(old)
            if text is not None:
                self.keep_copy(old, text)
            for row in self.db.execute("SELECT id, text_hash FROM appearances WHERE doc_hash = ?", (old,)).fetchall():
                self.db.execute(
                    "UPDATE appearances SET doc_hash = ?, similarity = COALESCE(?, similarity) WHERE id = ?",
                    (new, similarity.get(row[1]), row[0]),
                )
            self.db.execute("DELETE FROM documents WHERE hash = ?", (old,))

    def appearance_texts(self, doc_hash: str) -> list[str]:
        """The hashes of the texts a story's ids carry."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT text_hash FROM appearances WHERE doc_hash = ?", (doc_hash,))]

    def reach(self) -> dict[str, tuple[int, int]]:
        """Document id → (appearances, distinct outlets), for "in 14 outlets"."""
        rows = self.db.execute(
            "SELECT d.id, COUNT(a.id) AS n, COUNT(DISTINCT a.outlet) AS outlets FROM documents d"
            " JOIN appearances a ON a.doc_hash = d.hash GROUP BY d.hash"
        )
        return {r["id"]: (r["n"], r["outlets"]) for r in rows}

    def resolve(self, key: str) -> str | None:
        """The hash of the text an id (any appearance), a hash or a unique hash prefix names."""
        row = self.db.execute("SELECT doc_hash FROM appearances WHERE id = ?", (key,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT hash FROM documents WHERE id = ? OR hash = ? ORDER BY seq LIMIT 1", (key, key)
            ).fetchone()
        if row is None and len(key) >= 6 and re.fullmatch(r"[0-9a-f]+", key):
            rows = self.db.execute("SELECT hash FROM documents WHERE hash LIKE ? LIMIT 2", (key + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return row[0] if row is not None else None

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

    def corrections(self) -> dict[str, str]:
        """Speaker name → the name the user's merges make it, in order (a split undoes a merge of the pair).

        Views apply this at once, so a correction shows everywhere without waiting
        for the next ``onrecord link``.
        """
        into: dict[str, str] = {}
        for action, a, b in self.overrides():
            if action == "merge" and a != b:
                into[b] = a
            elif action == "split" and into.get(b) == a:
                del into[b]
        canon: dict[str, str] = {}
        for name in into:
            seen, target = {name}, into[name]
            while target in into and target not in seen:
                seen.add(target)
                target = into[target]
            canon[name] = target
        return canon

    def speaker_names(self) -> set[str]:
        """Every name a correction may use: canonical speaker names and their mentions."""
        names = {r[0] for r in self.db.execute("SELECT name FROM entities")}
        names |= {r[0] for r in self.db.execute("SELECT alias FROM entity_aliases")}
        names |= {r[0] for r in self.db.execute("SELECT DISTINCT speaker_name FROM statements WHERE speaker_name IS NOT NULL")}
        return names

    def document_texts(self) -> dict[str, str]:
        """Document id → text, for stages that read around a statement."""
        return {r["id"]: r["text"] for r in self.db.execute("SELECT id, text FROM documents ORDER BY seq")}

    # ------------------------------------------------------------------ reading for the linker, one article at a time

    def iter_texts(self) -> Iterator[tuple[str, str]]:
        """(document id, text) in record order, read as they are asked for: a large record never sits in memory."""
        for r in self.db.execute("SELECT id, text FROM documents ORDER BY seq"):
            yield r["id"], r["text"]

    def document_text(self, doc_id: str) -> str | None:
        """The text of the document stored under ``doc_id`` (the ``doc`` of its statements)."""
        row = self.db.execute("SELECT text FROM documents WHERE id = ? ORDER BY seq DESC LIMIT 1", (doc_id,)).fetchone()
        return row[0] if row is not None else None

    def documents_with_statements(self) -> Iterator[tuple[str, str, list[Statement]]]:
        """Each document's id, text and own statements (narration left out) in record order; corrections applied.

        Every document is yielded, with or without statements, so that the linker can
        read the outlet's own voice in it; one article is held at a time.
        """
        canon = self.corrections()
        for doc in self.db.execute("SELECT id, hash, text FROM documents ORDER BY seq"):
            rows = self.db.execute(
                "SELECT s.*, ? AS doc_id FROM statements s WHERE s.doc_hash = ? AND s.kind != 'narration' ORDER BY s.position",
                (doc["id"], doc["hash"]),
            )
            yield doc["id"], doc["text"], [_corrected(_statement(r), canon) for r in rows]

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
            from .review import apply_verdicts

            apply_verdicts(self)  # a reviewer's rejected link stays rejected, a confirmed one stays

    # ------------------------------------------------------------------ reading

    def documents(self) -> list[Document]:
        return [_document(r) for r in self.db.execute("SELECT * FROM documents ORDER BY seq")]

    def document_counts(self) -> dict[str, int]:
        """Document id → how many statements (not narration) the record holds for it."""
        return {
            r[0]: r[1]
            for r in self.db.execute(
                "SELECT d.id, COUNT(s.id) FROM documents d"
                " LEFT JOIN statements s ON s.doc_hash = d.hash AND s.kind != 'narration' GROUP BY d.hash"
            )
        }

    def get_document(self, key: str) -> Document | None:
        """By any id it appeared under, by hash, or by a unique hash prefix of at least six characters."""
        doc_hash = self.resolve(key)
        if doc_hash is None:
            return None
        row = self.db.execute("SELECT * FROM documents WHERE hash = ?", (doc_hash,)).fetchone()
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
        """Statements in document order (or most confident first), filtered as asked; corrections applied."""
        canon = self.corrections()
        where, args = [], []
        if speaker:
            clause = "(s.speaker_name LIKE ? OR s.speaker_mention LIKE ? OR s.speaker_members LIKE ?"
            args += [f"%{speaker}%"] * 3
            corrected = [name for name, into in canon.items() if speaker.lower() in into.lower()]
            if corrected:
                clause += f" OR s.speaker_name IN ({', '.join('?' * len(corrected))})"
                args += corrected
            where.append(clause + ")")
        if doc:
            where.append("d.hash = ?")
            args.append(self.resolve(doc) or "")
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
            yield _corrected(_statement(row), canon)

    def speakers(self) -> list[tuple[Entity, int]]:
        """Speakers with their statement counts, most quoted first; names a user merged count as one."""
        rows = self.db.execute(
            "SELECT e.id, COUNT(s.id) AS n FROM entities e JOIN statements s ON s.entity_id = e.id GROUP BY e.id"
        ).fetchall()
        entities = {e.id: e for e in self.entities()}
        canon = self.corrections()
        merged: dict[tuple[str, str], tuple[Entity, int]] = {}
        for r in rows:
            entity = entities[r["id"]]
            name = canon.get(entity.name, entity.name)
            key = (name, entity.type)
            if key not in merged:
                merged[key] = (Entity(name=name, type=entity.type, aliases=[], roles=[], country=entity.country,
                                      id=entity.id if name == entity.name else None), 0)
            kept, count = merged[key]
            if name == entity.name:
                kept.id = entity.id
            kept.aliases = sorted(set(kept.aliases) | set(entity.aliases) | ({entity.name} - {name}))
            kept.roles = sorted(set(kept.roles) | set(entity.roles))
            kept.country = kept.country or entity.country
            merged[key] = (kept, count + r["n"])
        return sorted(merged.values(), key=lambda pair: (-pair[1], pair[0].name))

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
            sql += " WHERE d.hash = ?"
            args = [self.resolve(doc) or ""]
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


def _is_locked(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _statements(script: str) -> list[str]:
    """A migration script cut into its SQL statements (executescript would commit our transaction)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


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


def _corrected(st: Statement, canon: dict[str, str]) -> Statement:
    """The statement with its speaker renamed as the user's merges say (see :meth:`Store.corrections`)."""
    if st.speaker is not None and canon:
        st.speaker.name = canon.get(st.speaker.name or "", st.speaker.name)
        st.speaker.members = [canon.get(m, m) for m in st.speaker.members]
    return st


def _document(r: sqlite3.Row) -> Document:
    return Document(
        id=r["id"], text=r["text"], published=r["published"], published_source=r["published_source"],
        outlet=r["outlet"], title=r["title"], url=r["url"], origin=r["origin"] or "",
        author=r["author"], site=r["site"],
    )


def _appearance(r: sqlite3.Row) -> Appearance:
    return Appearance(
        id=r["id"], doc_hash=r["doc_hash"], text_hash=r["text_hash"], similarity=r["similarity"],
        published=r["published"], outlet=r["outlet"], title=r["title"], author=r["author"], url=r["url"],
        origin=r["origin"] or "",
    )
