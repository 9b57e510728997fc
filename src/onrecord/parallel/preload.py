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


# A few sentences of the kinds the components handle, so that what they set up on first use
# (caches, compiled patterns, the model's buffers) is set up here once, not in every worker.
WARM_UP = (
    "Council backs plan for the bridge\n\n"
    "The council said on Monday that the bridge would reopen in May. "
    "\u201cWe have waited long enough,\u201d said Mary Holt, who chairs the residents' group. "
    "Engineers warned that costs could rise, according to a report published last week."
)


def _preload() -> None:
    model = os.environ.get(PRELOAD_MODEL)
    if not model:
        return
    import gc

    from ..model import Document
    from .work import analyzer_for

    try:
        analyzer, _ = analyzer_for(model)
        analyzer.analyze(Document(id="warm-up", text=WARM_UP, published="2026-01-05"))
    except Exception:  # noqa: BLE001 - reported by the first task instead, never by the fork server
        return
    # Objects made so far are never scanned by a worker's garbage collector, so the model's
    # pages stay shared between workers instead of being copied into each one.
    gc.freeze()


_preload()
