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
    # 2: appearances (issues 13 and 14). A text is analysed once; every id, outlet, date
    # and URL it reached the record under is an appearance of it, so every id resolves.
    # ``text_hash`` is the hash of the appearance's own text: the document's hash for an
    # exact copy, another one for a wire copy recognised as a near-duplicate
    # (``similarity`` is then their Jaccard similarity on word shingles).
    """
    ALTER TABLE documents ADD COLUMN author TEXT;
    ALTER TABLE documents ADD COLUMN site TEXT;

    CREATE TABLE appearances (
        id TEXT PRIMARY KEY,
        doc_hash TEXT NOT NULL REFERENCES documents (hash) ON DELETE CASCADE,
        text_hash TEXT NOT NULL,
        similarity REAL NOT NULL DEFAULT 1.0,
        published TEXT,
        published_source TEXT,
        outlet TEXT,
        title TEXT,
        author TEXT,
        site TEXT,
        url TEXT,
        origin TEXT,
        seq INTEGER NOT NULL,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX appearances_doc ON appearances (doc_hash, seq);
    CREATE INDEX appearances_text ON appearances (text_hash);
    INSERT OR IGNORE INTO appearances
        (id, doc_hash, text_hash, published, published_source, outlet, title, url, origin, seq)
        SELECT id, hash, hash, published, published_source, outlet, title, url, origin, seq
        FROM documents ORDER BY seq;

    CREATE TABLE signatures (
        doc_hash TEXT PRIMARY KEY REFERENCES documents (hash) ON DELETE CASCADE,
        minhash BLOB NOT NULL
    );
    """,
    # 3: a reviewer's verdicts, kept apart from what analysis and linking rewrite.
    # Keyed by the stable statement id, with the document id, spans and text kept so
    # a verdict can be re-attached when re-analysis moves a statement; views give
    # Datasette (and anyone with sqlite3) readable tables.
    """
    CREATE TABLE statement_reviews (
        id INTEGER PRIMARY KEY,
        statement_id TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        spans TEXT NOT NULL,
        text TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('correct', 'wrong_speaker', 'not_statement')),
        speaker TEXT,
        note TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX statement_reviews_statement ON statement_reviews (statement_id);

    CREATE TABLE link_reviews (
        id INTEGER PRIMARY KEY,
        relation TEXT NOT NULL,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        a_doc TEXT NOT NULL,
        a_text TEXT NOT NULL,
        b_doc TEXT NOT NULL,
        b_text TEXT NOT NULL,
        why TEXT NOT NULL DEFAULT '',
        verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'rejected')),
        note TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX link_reviews_pair ON link_reviews (a, b);

    CREATE INDEX statements_kind ON statements (kind);
    -- covering: joins from statements read a document's metadata without reading past its text
    CREATE INDEX documents_meta ON documents (hash, id, outlet, published, seq);
    -- covering: search facets count from this index, never from the statements' texts
    CREATE INDEX statements_facets ON statements (id, speaker_name, speaker_mention, kind, polarity, doc_hash, entity_id);
    CREATE INDEX links_a ON links (a);
    CREATE INDEX links_b ON links (b);

    CREATE VIEW record_statements AS
        SELECT s.id, d.id AS doc, d.outlet, d.published, s.date, s.speaker_name AS speaker,
               s.speaker_mention, s.speaker_type, s.cue_text AS cue, s.cue_class, s.kind, s.polarity,
               s.confidence, s.content,
               (SELECT r.verdict FROM statement_reviews r WHERE r.statement_id = s.id ORDER BY r.id DESC LIMIT 1) AS review
        FROM statements s JOIN documents d ON d.hash = s.doc_hash;
    CREATE VIEW record_links AS
        SELECT l.relation, l.score, l.why,
               l.a, sa.speaker_name AS a_speaker, da.outlet AS a_outlet, sa.date AS a_date, sa.content AS a_content,
               l.b, sb.speaker_name AS b_speaker, db.outlet AS b_outlet, sb.date AS b_date, sb.content AS b_content,
               (SELECT r.verdict FROM link_reviews r WHERE r.a = l.a AND r.b = l.b ORDER BY r.id DESC LIMIT 1) AS review
        FROM links l
        JOIN statements sa ON sa.id = l.a JOIN documents da ON da.hash = sa.doc_hash
        JOIN statements sb ON sb.id = l.b JOIN documents db ON db.hash = sb.doc_hash;
    CREATE VIEW record_speakers AS
        SELECT e.id, e.name, e.type, e.country, COUNT(s.id) AS statements
        FROM entities e JOIN statements s ON s.entity_id = e.id GROUP BY e.id;
    """,
    # 4: a contradiction's opposing words and the statements carrying each side (JSON lists)
    """
    ALTER TABLE links ADD COLUMN opposed TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE links ADD COLUMN carriers_a TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE links ADD COLUMN carriers_b TEXT NOT NULL DEFAULT '[]';
    """,
    # 5: stories (issue 14). Texts alike enough to be copies of one another, directly or
    # through another copy, are one story, analysed once under its smallest id, whatever
    # order or process they arrived in.  ``copies`` keeps the text of every copy that is not
    # the analysed one, so that a later, smaller id can take the story over and a copy's
    # likeness to a new primary can be measured; ``sketches`` holds the MinHash of every
    # text, analysed or copy, in the order written (never reused: other runs read it on).
    """
    CREATE TABLE copies (
        hash TEXT PRIMARY KEY,
        text TEXT NOT NULL
    );
    CREATE TABLE sketches (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        hash TEXT NOT NULL UNIQUE,
        minhash BLOB NOT NULL
    );
    INSERT INTO sketches (hash, minhash) SELECT doc_hash, minhash FROM signatures ORDER BY rowid;
    DROP TABLE signatures;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
