"""What a worker does with one partition: the same Analyzer as one process, loaded once per worker.

This module is imported in every worker process (local or on a Dask cluster), so it
holds only what a worker needs: the partition it is handed, the model cache and the
dataset writer.  What goes back to the parent is plain data (``Done``), picklable
because the model dataclasses are; a spaCy ``Doc`` never leaves the worker.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import Errors, OnrecordError
from ..model import Analysis, Document

if TYPE_CHECKING:
    from ..nlp.pipeline import Analyzer


@dataclass
class Partition:
    """Consecutive documents of the input; ``index`` is their place in it, and names their files."""

    index: int
    documents: list[Document]


@dataclass
class Done:
    """A worker's answer for one partition.

    ``analyses`` when the parent writes the record; when the worker wrote Parquet
    files itself (``--out``), only ``summary``: (document id, statements) for progress.
    ``skipped``: ids of documents whose partition the dataset already holds (not
    analysed again).  ``error`` is an onrecord error met on the worker, as (code name,
    its fields).
    """

    index: int
    analyses: list[Analysis] = field(default_factory=list)
    summary: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    error: tuple[str, dict[str, Any]] | None = None

    def raise_error(self) -> None:
        if self.error is not None:
            name, fields = self.error
            raise OnrecordError(Errors[name], **fields)


def joined(pieces: list[Done]) -> Done:
    """One partition's answer from the answers for its pieces, in order; the first error stands for all."""
    if len(pieces) == 1:
        return pieces[0]
    done = Done(pieces[0].index)
    for piece in pieces:
        if piece.error is not None:
            return Done(piece.index, error=piece.error)
        done.analyses.extend(piece.analyses)
        done.summary.extend(piece.summary)
        done.skipped.extend(piece.skipped)
    return done


_ANALYZERS: dict[str, "Analyzer"] = {}
_LOCKS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()


def analyzer_for(model: str) -> tuple["Analyzer", threading.Lock]:
    """The worker's Analyzer for ``model``, loaded on first use; a lock for threads sharing it.

    A Dask worker may run several tasks in threads; spaCy's pipeline is not meant to
    be run by two threads at once, so they take turns (run one thread per worker
    process for speed: ``dask worker --nthreads 1``).
    """
    from ..nlp.pipeline import Analyzer

    with _GUARD:
        if model not in _ANALYZERS:
            _ANALYZERS[model] = Analyzer(model)
            _LOCKS[model] = threading.Lock()
        return _ANALYZERS[model], _LOCKS[model]


def load(model: str) -> None:
    """Load the model ahead of the first partition (a pool initialiser); errors wait for the first task."""
    try:
        analyzer_for(model)
    except OnrecordError:
        pass


def analyze_partition(partition: Partition, model: str, out: str | None = None) -> Done:
    """Analyse one partition; write it as Parquet under ``out``, or hand the analyses back."""
    try:
        analyzer, lock = analyzer_for(model)
        with lock:
            analyses = list(analyzer.pipe(partition.documents))
        if out is None:
            return Done(partition.index, analyses=analyses)
        from .dataset import write_partition

        write_partition(out, partition.index, analyses, analyzer.model_name)
    except OnrecordError as exc:
        return Done(partition.index, error=(exc.code.name, dict(exc.kwargs)))
    return Done(partition.index, summary=[(a.document.id, len(a.statements)) for a in analyses])
