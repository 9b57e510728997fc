"""Where partitions are analysed: here, in a pool of local processes, or on a Dask cluster.

The three runners take the same ``Partition``s and give back the same ``Done``s
through ``work.analyze_partition``, so what lands in the record never depends on where
it was computed.  ``run`` keeps a bounded window of partitions in flight and hands
results back in input order (the window is the reorder buffer): the record then
holds the documents in the order one process would have written them, and memory
stays flat however long the input.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from ..errors import Errors, OnrecordError
from ..model import Document
from . import work
from .work import Done, Partition


class RunError(OnrecordError):
    """The runner could not start, or lost a worker it could not replace."""


class Runner(Protocol):
    slots: int

    def submit(self, partition: Partition, out: str | None, last: bool = False) -> Any: ...

    def result(self, future: Any) -> Done: ...

    def close(self) -> None: ...


def all_cores() -> int:
    """The cores this process may use (a container's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def partitioned(documents: Iterable[Document], size: int) -> Iterator[Partition]:
    """Consecutive runs of ``size`` documents, numbered from 0 in input order."""
    batch: list[Document] = []
    index = 0
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield Partition(index, batch)
            index, batch = index + 1, []
    if batch:
        yield Partition(index, batch)


def run(runner: Runner, partitions: Iterable[Partition], out: str | None = None, force: bool = False) -> Iterator[Done]:
    """Every partition's ``Done``, in input order, with at most two per worker in flight.

    With ``out``, a partition whose files already hold exactly its documents is not
    analysed again (unless ``force``): a re-run after a crash finishes the job.
    """
    from . import dataset

    window = 0  # known once the runner has started: a run with nothing to do starts none
    pending: deque[tuple[Partition, Any]] = deque()
    for partition, last in _with_last(partitions):
        if out is not None and not force and dataset.is_complete(out, partition.index, [d.hash for d in partition.documents]):
            pending.append((partition, None))
        else:
            pending.append((partition, runner.submit(partition, out, last)))
            window = window or max(2, 2 * runner.slots)
        while pending and (pending[0][1] is None or (window and len(pending) >= window)):
            yield _answer(runner, *pending.popleft())
    while pending:
        yield _answer(runner, *pending.popleft())


def _with_last(partitions: Iterable[Partition]) -> Iterator[tuple[Partition, bool]]:
    """Each partition, and whether it is the input's last (one partition read ahead)."""
    held: Partition | None = None
    for partition in partitions:
        if held is not None:
            yield held, False
        held = partition
    if held is not None:
        yield held, True


def _answer(runner: Runner, partition: Partition, future: Any) -> Done:
    if future is None:
        return Done(partition.index, skipped=[d.id for d in partition.documents])
    try:
        done = runner.result(future)
    except OnrecordError:
        raise
    except Exception as exc:  # noqa: BLE001 - a fault inside the analysis: one line naming the documents
        first, last = partition.documents[0].id, partition.documents[-1].id
        raise RunError(Errors.E035, detail=f"{type(exc).__name__}: {exc}, in documents {first} to {last}") from exc
    done.raise_error()
    return done


class Lazy:
    """A runner started on the first partition: a re-run with nothing left to do starts no processes."""

    def __init__(self, start: Callable[[], Runner]) -> None:
        self._start = start
        self._runner: Runner | None = None

    @property
    def started(self) -> Runner:
        if self._runner is None:
            self._runner = self._start()
        return self._runner

    @property
    def slots(self) -> int:  # type: ignore[override]
        return self.started.slots

    def submit(self, partition: Partition, out: str | None, last: bool = False) -> Any:
        return self.started.submit(partition, out, last)

    def result(self, future: Any) -> Done:
        return self.started.result(future)

    def close(self) -> None:
        if self._runner is not None:
            self._runner.close()


def local_workers(spec: str, default: int) -> int | None:
    """The worker count of ``local`` or ``local:N``; None for a scheduler address; E036 for nonsense."""
    if spec != "local" and not spec.startswith("local:"):
        return None
    count = spec.partition(":")[2]
    if count and not (count.isdigit() and int(count) > 0):
        raise RunError(Errors.E036, value=spec)
    return int(count) if count else default


class _Ready:
    """A future that is already done: the inline runner's answer."""

    def __init__(self, done: Done) -> None:
        self.done = done

    def result(self) -> Done:
        return self.done


class Inline:
    """This process, one partition after another (``--workers 1 --out DIR``)."""

    slots = 1

    def __init__(self, model: str) -> None:
        self.model = model

    def submit(self, partition: Partition, out: str | None, last: bool = False) -> _Ready:
        return _Ready(work.analyze_partition(partition, self.model, out))

    def result(self, future: _Ready) -> Done:
        return future.result()

    def close(self) -> None:
        pass


def _worker_start(model: str) -> None:
    """In each pool process: Ctrl-C is the parent's to handle, then load the model once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    work.load(model)


# Documents a local worker is handed at a time when it hands the analyses back.  A partition of 20
# is cut in two, so the end of a run leaves one core idle for half a second, not for a whole
# partition's two (300 documents were 15 partitions: one worker analysed 8, the other 7, then idled).
# Smaller pieces cost more than they save: each batch the parser runs has a fixed cost, and
# batches of 5 took 10% more worker CPU than batches of 20 (batches of 10: 2%).
PIECE_DOCS = 10
# The input's last partition goes in pieces of 2: whichever worker finishes first takes the
# next, so the run ends with the workers at most a couple of documents apart (0.35 s of one
# idle core at the end of 300 BBC articles with pieces of 10).
TAIL_PIECE_DOCS = 2


def _context(model: str) -> multiprocessing.context.BaseContext:
    """The fork server's context, preloading ``model`` (see preload.py); spawn where there is none."""
    from .preload import PRELOAD_MODEL

    # Workers are forked from a fork server that has loaded the model once, never from this
    # process, which may hold threads (a progress bar, Dask's) that a fork would break.
    if "forkserver" in multiprocessing.get_all_start_methods():
        os.environ[PRELOAD_MODEL] = model
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["onrecord.parallel.preload"])
        return context
    return multiprocessing.get_context("spawn")  # Windows: each worker loads the model itself


def start_early(model: str) -> None:
    """Start the fork server now, so it loads the model while this process starts up and reads input.

    On two cores, loading the model (two seconds) otherwise waits for this process's own
    imports and first partition; the pool started later uses the same server.  Costs
    nothing on the way to the answer if no partition needs analysing: the server is
    never asked for a worker and ends with this process.
    """
    if _context(model).get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


class LocalPool:
    """``--workers N``: N processes on this machine, each with its own Analyzer."""

    def __init__(self, workers: int, model: str) -> None:
        from concurrent.futures import ProcessPoolExecutor

        context = _context(model)
        self.slots = workers
        self.model = model
        self.executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start, initargs=(model,))

    def submit(self, partition: Partition, out: str | None, last: bool = False) -> Any:
        """A list of futures: the partition's pieces, or the whole partition when the worker writes its files."""
        docs = partition.documents
        size = len(docs) if out is not None else TAIL_PIECE_DOCS if last else PIECE_DOCS
        return [self.executor.submit(work.analyze_partition, Partition(partition.index, docs[i : i + size]), self.model, out)
                for i in range(0, len(docs), size)]

    def result(self, futures: Any) -> Done:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return work.joined([future.result() for future in futures])
        except BrokenProcessPool as exc:
            raise RunError(Errors.E035, detail="a worker process ended unexpectedly, perhaps out of memory") from exc

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """``--dask SCHEDULER`` or ``--dask local:N``: partitions run as tasks on Dask distributed.

    Dask moves a partition to another worker when one dies (the model is loaded once
    per worker, on its first partition); a partition that kills several workers in a
    row is reported, and a re-run skips what the record (or the dataset) holds.
    """

    def __init__(self, spec: str, model: str, default_workers: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise RunError(Errors.E031) from exc
        self.model = model
        self.cluster = None
        workers = local_workers(spec, default_workers)
        if workers is not None:
            import dask

            # The workers' sampling profiler (every 10 ms) feeds a dashboard nobody opens here.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(spec, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise RunError(Errors.E032, address=spec, detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
        self.slots = max(1, sum(self.client.nthreads().values()))

    def submit(self, partition: Partition, out: str | None, last: bool = False) -> Any:
        import warnings

        with warnings.catch_warnings():  # a partition of long articles is a "large graph": expected, not a problem
            warnings.filterwarnings("ignore", message=".*[Ll]arge (graph|object).*")
            return self.client.submit(work.analyze_partition, partition, self.model, out, pure=False, retries=1)

    def result(self, future: Any) -> Done:
        from distributed import KilledWorker

        try:
            done = future.result()
        except KilledWorker as exc:
            raise RunError(Errors.E035, detail=f"Dask workers died on a partition: {exc}") from exc
        future.release()
        return done

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
