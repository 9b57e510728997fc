"""The store: onrecord's record in one SQLite file, and the only place with SQL."""

from .database import Store, fts_query
from .schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "fts_query"]
