"""A reviewer's verdicts on statements and links, kept apart from what analysis rewrites.

``analyze --force`` deletes and re-inserts a document's statements and ``link``
rewrites every link, so verdicts live in tables of their own.  Each is keyed by the
stable statement id and also keeps the document id, spans and text: when
re-analysis moves a statement (a changed rule gives it new spans, so a new id) the
verdict is re-attached to the statement of that document with the same text, or
else the one overlapping it most.  Every write of the links applies the verdicts:
a rejected link stays out, a confirmed one stays in, and a statement that is not a
statement links to nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .database import Store

STATEMENT_VERDICTS = ("correct", "wrong_speaker", "not_statement")
LINK_VERDICTS = ("confirmed", "rejected")


@dataclass
class StatementReview:
    """One verdict on a statement: who decided what, when, and why."""

    id: int
    statement_id: str
    doc_id: str
    spans: list[tuple[int, int]]
    text: str
    verdict: str
    speaker: str | None
    note: str
    reviewer: str
    created_at: str


@dataclass
class LinkReview:
    """One verdict on a link, with both ends' text so it reads without the record."""

    id: int
    relation: str
    a: str
    b: str
    a_doc: str
    a_text: str
    b_doc: str
    b_text: str
    why: str
    verdict: str
    note: str
    reviewer: str
    created_at: str


class ReviewError(ValueError):
    """A verdict that cannot be recorded (unknown statement or link, bad verdict)."""


def add_statement_review(
    store: "Store", statement_id: str, verdict: str, reviewer: str, note: str = "", speaker: str | None = None
) -> StatementReview:
    """Record a verdict on a statement; the latest verdict of a statement is the one that counts."""
    if verdict not in STATEMENT_VERDICTS:
        raise ReviewError(f"verdict must be one of {', '.join(STATEMENT_VERDICTS)}")
    if verdict == "wrong_speaker" and not (speaker or "").strip():
        raise ReviewError("a wrong_speaker verdict needs the right speaker")
    if not reviewer.strip():
        raise ReviewError("say who you are (reviewer)")
    row = store.db.execute(
        "SELECT s.content, s.content_spans, d.id AS doc_id FROM statements s JOIN documents d ON d.hash = s.doc_hash"
        " WHERE s.id = ?",
        (statement_id,),
    ).fetchone()
    if row is None:
        raise ReviewError(f"no statement {statement_id!r} in the record")
    with store.transaction():
        cur = store.db.execute(
            "INSERT INTO statement_reviews (statement_id, doc_id, spans, text, verdict, speaker, note, reviewer)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (statement_id, row["doc_id"], row["content_spans"], row["content"], verdict,
             (speaker or "").strip() or None, note.strip(), reviewer.strip()),
        )
        if verdict == "not_statement":
            store.db.execute("DELETE FROM links WHERE a = ? OR b = ?", (statement_id, statement_id))
    return _statement_review(store.db.execute("SELECT * FROM statement_reviews WHERE id = ?", (cur.lastrowid,)).fetchone())


def add_link_review(store: "Store", a: str, b: str, verdict: str, reviewer: str, note: str = "") -> LinkReview:
    """Record a verdict on the link between statements ``a`` and ``b`` (in either order)."""
    if verdict not in LINK_VERDICTS:
        raise ReviewError(f"verdict must be one of {', '.join(LINK_VERDICTS)}")
    if not reviewer.strip():
        raise ReviewError("say who you are (reviewer)")
    link = store.db.execute(
        "SELECT * FROM links WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)", (a, b, b, a)
    ).fetchone()
    if link is None:
        raise ReviewError(f"no link between {a!r} and {b!r} in the record")
    ends = {
        r["id"]: r
        for r in store.db.execute(
            "SELECT s.id, s.content, d.id AS doc_id FROM statements s JOIN documents d ON d.hash = s.doc_hash"
            " WHERE s.id IN (?, ?)",
            (link["a"], link["b"]),
        )
    }
    ea, eb = ends.get(link["a"]), ends.get(link["b"])
    with store.transaction():
        cur = store.db.execute(
            "INSERT INTO link_reviews (relation, a, b, a_doc, a_text, b_doc, b_text, why, verdict, note, reviewer)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (link["relation"], link["a"], link["b"], ea["doc_id"] if ea else "", ea["content"] if ea else "",
             eb["doc_id"] if eb else "", eb["content"] if eb else "", link["why"], verdict, note.strip(),
             reviewer.strip()),
        )
        if verdict == "rejected":
            store.db.execute("DELETE FROM links WHERE relation = ? AND a = ? AND b = ?", (link["relation"], link["a"], link["b"]))
    return _link_review(store.db.execute("SELECT * FROM link_reviews WHERE id = ?", (cur.lastrowid,)).fetchone())


def statement_reviews(store: "Store", statement_id: str | None = None) -> list[StatementReview]:
    """Every verdict on statements (or on one), oldest first."""
    if statement_id is None:
        rows = store.db.execute("SELECT * FROM statement_reviews ORDER BY id")
    else:
        rows = store.db.execute("SELECT * FROM statement_reviews WHERE statement_id = ? ORDER BY id", (statement_id,))
    return [_statement_review(r) for r in rows]


def link_reviews(store: "Store", statement_id: str | None = None) -> list[LinkReview]:
    """Every verdict on links (or on the links of one statement), oldest first."""
    if statement_id is None:
        rows = store.db.execute("SELECT * FROM link_reviews ORDER BY id")
    else:
        rows = store.db.execute("SELECT * FROM link_reviews WHERE a = ? OR b = ? ORDER BY id", (statement_id, statement_id))
    return [_link_review(r) for r in rows]


def latest_statement_verdicts(store: "Store", ids: list[str] | None = None) -> dict[str, StatementReview]:
    """Statement id → its latest verdict (of those asked for, or all)."""
    out: dict[str, StatementReview] = {}
    if ids is not None and not ids:
        return out
    if ids is None:
        rows = store.db.execute("SELECT * FROM statement_reviews ORDER BY id")
    else:
        marks = ", ".join("?" * len(ids))
        rows = store.db.execute(f"SELECT * FROM statement_reviews WHERE statement_id IN ({marks}) ORDER BY id", ids)
    for r in rows:
        out[r["statement_id"]] = _statement_review(r)
    return out


def latest_link_verdicts(store: "Store") -> dict[tuple[str, str, str], LinkReview]:
    """(relation, a, b) → the latest verdict on that link."""
    out: dict[tuple[str, str, str], LinkReview] = {}
    for r in store.db.execute("SELECT * FROM link_reviews ORDER BY id"):
        out[(r["relation"], r["a"], r["b"])] = _link_review(r)
    return out


def reattach(store: "Store") -> int:
    """Point verdicts whose statement id is gone at the statement that took its place.

    The same text in the same document wins; else the statement of that document
    whose spans overlap the old ones most.  Returns how many verdicts moved.
    """
    moved = 0
    for r in store.db.execute(
        "SELECT r.id, r.statement_id, r.doc_id, r.spans, r.text FROM statement_reviews r"
        " WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = r.statement_id)"
    ).fetchall():
        new = _successor(store, r["doc_id"], r["text"], [tuple(p) for p in json.loads(r["spans"])])
        if new:
            store.db.execute("UPDATE statement_reviews SET statement_id = ? WHERE id = ?", (new, r["id"]))
            moved += 1
    for end in ("a", "b"):
        for r in store.db.execute(
            f"SELECT r.id, r.{end} AS sid, r.{end}_doc AS doc, r.{end}_text AS text FROM link_reviews r"
            f" WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = r.{end})"
        ).fetchall():
            new = _successor(store, r["doc"], r["text"], [])
            if new:
                store.db.execute(f"UPDATE link_reviews SET {end} = ? WHERE id = ?", (new, r["id"]))
                moved += 1
    return moved


def _successor(store: "Store", doc_id: str, text: str, spans: list[tuple[int, int]]) -> str | None:
    rows = store.db.execute(
        "SELECT s.id, s.content, s.content_spans FROM statements s JOIN documents d ON d.hash = s.doc_hash"
        " WHERE d.id = ?",
        (doc_id,),
    ).fetchall()
    for r in rows:
        if r["content"] == text:
            return r["id"]
    best, best_overlap = None, 0
    for r in rows:
        overlap = sum(
            max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in spans for s2, e2 in json.loads(r["content_spans"])
        )
        if overlap > best_overlap:
            best, best_overlap = r["id"], overlap
    return best


def apply_verdicts(store: "Store") -> None:
    """Re-apply every verdict to freshly written links (called by ``Store.write_links``).

    A rejected link is removed; a confirmed link the linker no longer finds is put
    back (a person decided it); links of a statement judged not a statement go.
    """
    reattach(store)
    for (relation, a, b), review in latest_link_verdicts(store).items():
        if review.verdict == "rejected":
            store.db.execute("DELETE FROM links WHERE relation = ? AND a = ? AND b = ?", (relation, a, b))
        else:
            both = store.db.execute("SELECT COUNT(*) FROM statements WHERE id IN (?, ?)", (a, b)).fetchone()[0]
            if both == 2 or a == b:
                store.db.execute(
                    "INSERT OR IGNORE INTO links (relation, a, b, score, why) VALUES (?, ?, ?, ?, ?)",
                    (relation, a, b, 1.0, review.why or f"confirmed by {review.reviewer}"),
                )
    for sid, review in latest_statement_verdicts(store).items():
        if review.verdict == "not_statement":
            store.db.execute("DELETE FROM links WHERE a = ? OR b = ?", (sid, sid))


def _statement_review(r: sqlite3.Row) -> StatementReview:
    return StatementReview(
        id=r["id"], statement_id=r["statement_id"], doc_id=r["doc_id"],
        spans=[tuple(p) for p in json.loads(r["spans"])], text=r["text"], verdict=r["verdict"],
        speaker=r["speaker"], note=r["note"], reviewer=r["reviewer"], created_at=r["created_at"],
    )


def _link_review(r: sqlite3.Row) -> LinkReview:
    return LinkReview(
        id=r["id"], relation=r["relation"], a=r["a"], b=r["b"], a_doc=r["a_doc"], a_text=r["a_text"],
        b_doc=r["b_doc"], b_text=r["b_text"], why=r["why"], verdict=r["verdict"], note=r["note"],
        reviewer=r["reviewer"], created_at=r["created_at"],
    )
