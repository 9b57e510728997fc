"""Across documents: one speaker, one utterance, and where the record contradicts itself."""
