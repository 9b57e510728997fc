"""The database schema as an ordered list of migrations.

A database records the number of migrations applied (``PRAGMA user_version``);
opening it applies the missing ones in order, inside a transaction each.  A file
written by a newer onrecord is refused rather than misread.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the record.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta (key, value) VALUES ('application', 'onrecord');

    CREATE TABLE documents (
        hash TEXT PRIMARY KEY,
        id TEXT NOT NULL,
        text TEXT NOT NULL,
        published TEXT,
        published_source TEXT,
        outlet TEXT,
        title TEXT,
        url TEXT,
        origin TEXT,
        model TEXT,
        analysed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        seq INTEGER NOT NULL
    );
    CREATE INDEX documents_id ON documents (id);

    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        country TEXT,
        UNIQUE (name, type)
    );
    CREATE TABLE entity_aliases (
        entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        UNIQUE (entity_id, alias)
    );
    CREATE TABLE entity_roles (
        entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        UNIQUE (entity_id, role)
    );

    CREATE TABLE statements (
        id TEXT PRIMARY KEY,
        doc_hash TEXT NOT NULL REFERENCES documents (hash) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        speaker_mention TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_type TEXT,
        speaker_name TEXT,
        speaker_members TEXT,
        speaker_role TEXT,
        speaker_country TEXT,
        entity_id INTEGER REFERENCES entities (id),
        cue_text TEXT,
        cue_lemma TEXT,
        cue_class TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        content TEXT NOT NULL,
        content_spans TEXT NOT NULL,
        kind TEXT NOT NULL,
        polarity TEXT NOT NULL,
        addressee TEXT,
        sentence_start INTEGER,
        sentence_end INTEGER,
        confidence REAL NOT NULL,
        parent TEXT,
        date TEXT,
        date_source TEXT
    );
    CREATE INDEX statements_doc ON statements (doc_hash, position);
    CREATE INDEX statements_entity ON statements (entity_id);
    CREATE INDEX statements_speaker ON statements (speaker_name);

    CREATE TABLE times (
        doc_hash TEXT NOT NULL REFERENCES documents (hash) ON DELETE CASCADE,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL
    );
    CREATE INDEX times_doc ON times (doc_hash, start);

    CREATE TABLE links (
        relation TEXT NOT NULL,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        score REAL NOT NULL,
        why TEXT NOT NULL,
        UNIQUE (relation, a, b)
    );

    CREATE TABLE entity_overrides (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );

    CREATE VIRTUAL TABLE statements_fts USING fts5 (
        content, speaker, cue, statement_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
        DELETE FROM statements_fts WHERE statement_id = old.id;
    END;
    """,
    # 2: a contradiction's opposing words and the statements carrying each side (JSON lists)
    """
    ALTER TABLE links ADD COLUMN opposed TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE links ADD COLUMN carriers_a TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE links ADD COLUMN carriers_b TEXT NOT NULL DEFAULT '[]';
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
