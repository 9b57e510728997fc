"""Shared fixtures: one Analyzer per test session (loading the model costs a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def analyzer():
    from onrecord.nlp.pipeline import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data beside the project; tests that need it skip without it."""
    if not SHARED.exists():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture
def examples() -> Path:
    return ROOT / "examples"
