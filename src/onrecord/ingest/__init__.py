"""Ingest: every way a document gets into onrecord.  Nothing else reads input files."""

from .readers import DEFAULT_MAX_CHARS, read_inputs

__all__ = ["DEFAULT_MAX_CHARS", "read_inputs"]
