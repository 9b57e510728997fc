"""Pairs per second of ``onrecord relate --input`` on FNC-1 headline/body pairs, one core.

Feeds the first N held-out dev pairs of ../shared/corpus/fnc1-train (file order, so
bodies recur as they do in a real batch: one article tested against many headlines)
through ``relate_pairs`` as JSON lines, in this process, after loading the judge once.
Prints pairs/s (wall clock, and per CPU second: on a shared machine the second is what
one core does), the mean words per body, and the time to load the judge.

Usage: python benchmarks/relate_speed.py [--limit 2000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from onrecord.eval import fnc1
    from onrecord.link.judge import load_judge
    from onrecord.link.relate import relate_pairs

    folder = fnc1.find_fnc1(SHARED)
    if folder is None:
        raise SystemExit(f"{SHARED}/corpus/fnc1-train not found")
    data = fnc1.load_fnc1(folder)
    pairs = fnc1.dev_pairs(data)[: args.limit]
    lines = [json.dumps({"id": i, "claim": p.headline, "text": data.bodies[p.body_id]}) for i, p in enumerate(pairs)]

    started = time.perf_counter()
    load_judge()
    load_seconds = time.perf_counter() - started

    started, cpu = time.perf_counter(), time.process_time()
    answered = sum(1 for _ in relate_pairs(lines))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    result = {
        "pairs": answered,
        "bodies": len({p.body_id for p in pairs}),
        "mean_body_words": round(sum(len(data.bodies[p.body_id].split()) for p in pairs) / max(1, len(pairs)), 1),
        "seconds": round(seconds, 2),
        "pairs_per_second": round(answered / seconds, 1),
        "cpu_seconds": round(cpu, 2),
        "pairs_per_cpu_second": round(answered / cpu, 1),  # what one core does when the machine is shared
        "judge_load_seconds": round(load_seconds, 2),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
