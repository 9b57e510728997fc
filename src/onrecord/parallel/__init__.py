"""Analysis on every core, or on a Dask cluster, giving the record one process would.

``runners`` decides where partitions of the input are analysed (this process, a pool
of local processes, Dask distributed) and hands the results back in input order;
``work`` is what a worker does with a partition; ``dataset`` writes and reads the
Parquet dataset of ``analyze --out DIR`` and ``onrecord load DIR``.
"""

from __future__ import annotations

from .runners import DaskCluster, Inline, Lazy, LocalPool, RunError, all_cores, local_workers, partitioned, run, start_early
from .work import Done, Partition

__all__ = ["DaskCluster", "Done", "Inline", "Lazy", "LocalPool", "Partition", "RunError", "all_cores", "local_workers", "partitioned", "run", "start_early"]
