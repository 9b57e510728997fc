"""What deciding a document's identity costs a single run, without the model.

Feeds the BBC file (or ``--limit`` of it) through ``Intake`` as ``onrecord analyze``
does — decide, then record an appearance or write an analysis, in batches of 50 — but
with empty analyses, so that the figure is the intake's own cost (hashing, shingling,
MinHash LSH, SQLite) and not spaCy's.  Run it with each version of the code on
``PYTHONPATH`` to compare them; the best of ``--rounds`` counts, because a shared
machine's speed drifts; CPU seconds of this process are reported, as
wall-clock time on a loaded machine measures the other processes too.

Usage: python benchmarks/intake_cost.py [--limit N] [--rounds 3] [--order file|reversed]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from onrecord.ingest import read_inputs
from onrecord.intake import Intake
from onrecord.model import Analysis
from onrecord.store import Store

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "bbc" / "bbc-news.jsonl"


def one_round(docs: list, batch: int = 50) -> dict:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "r.db") as store:
        intake = Intake(store)
        started, cpu = time.perf_counter(), time.process_time()
        counts: dict[str, int] = {}
        queue = []
        for doc in docs:
            verdict = intake.decide(doc)
            counts[verdict.action] = counts.get(verdict.action, 0) + 1
            if verdict.action in ("analyse", "reanalyse"):
                queue.append(Analysis(document=doc))
            else:
                intake.record(verdict)
            if len(queue) >= batch:
                with store.transaction():
                    for analysis in queue:
                        intake.write(analysis, "m")
                queue.clear()
        with store.transaction():
            for analysis in queue:
                intake.write(analysis, "m")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        return {"seconds": seconds, "cpu": cpu, "decided": counts, "documents": store.counts()["documents"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--order", choices=["file", "reversed"], default="file")
    args = parser.parse_args()
    docs = [d for d in read_inputs([str(CORPUS)]) if not isinstance(d, Exception)][: args.limit]
    if args.order == "reversed":
        docs = docs[::-1]
    rounds = [one_round(docs) for _ in range(args.rounds)]
    best = min(rounds, key=lambda r: r["cpu"])
    print(json.dumps({"inputs": len(docs), "order": args.order, "best_cpu_seconds": round(best["cpu"], 3),
                      "all_cpu_seconds": [round(r["cpu"], 3) for r in rounds],
                      "all_seconds": [round(r["seconds"], 3) for r in rounds], "decided": best["decided"],
                      "documents": best["documents"]}))


if __name__ == "__main__":
    main()
