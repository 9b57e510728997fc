"""Metadata that makes Datasette show a record sensibly: readable views first, facets, internals hidden.

Datasette (0.x and 1.0) reads metadata from a file given with ``--metadata``, or
from ``metadata.json`` in a configuration directory (``datasette DIR/``), never
from the SQLite file it serves; and the file names each database by its file's
stem (``story.db`` → ``story``).  So the metadata is written for one record:
``onrecord export datasette --db story.db -o story.metadata.json``.  The table
settings (facets, sortable columns, label columns, hidden tables) are 0.x's
metadata keys, which Datasette 1.0 still reads from that file (it moves them into
its configuration).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TEMPLATE = Path(__file__).parent / "data" / "datasette-metadata.json"


def database_name(db: str | Path) -> str:
    """The name Datasette gives a database file: its name without the suffix."""
    return Path(db).stem


def metadata(db: str | Path) -> dict[str, Any]:
    """Datasette metadata for the record in ``db``: title, description and per-table settings."""
    template = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    tables = template.pop("tables")
    return dict(template, databases={database_name(db): {"tables": tables}})


def metadata_json(db: str | Path) -> bytes:
    return (json.dumps(metadata(db), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
