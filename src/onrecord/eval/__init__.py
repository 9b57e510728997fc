"""Scoring onrecord against gold, by the rules of ../shared/docs/EVALUATION.md."""
