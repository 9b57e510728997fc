"""Imported once by the fork server of a local pool, so the model is loaded there once.

Every worker process is then forked from that server with the model already in
memory (shared copy-on-write), instead of each importing spaCy and loading the model
on its own: on a busy machine that start-up costs as much as analysing hundreds of
articles.  The model's name comes in the environment (a fork server takes no
arguments); a model that cannot be loaded is left to the first task, which reports
it as one line.
"""

from __future__ import annotations

import os

PRELOAD_MODEL = "ONRECORD_PRELOAD_MODEL"


def _preload() -> None:
    model = os.environ.get(PRELOAD_MODEL)
    if not model:
        return
    from .work import analyzer_for

    try:
        analyzer_for(model)
    except Exception:  # noqa: BLE001 - reported by the first task instead, never by the fork server
        pass


_preload()
