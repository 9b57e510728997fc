"""Two ``onrecord analyze`` runs at once over the halves of a file against one run over all of it.

Issue 14's test of the record under concurrency: the two runs share one ``--db``, both
must exit 0, and the record they leave must equal the one a single run leaves — the
same documents (each story under its smallest id, with that appearance's text and
metadata), the same appearances, statements (with their ids) and time expressions.
Entities are compared too and reported apart: an analysis that a smaller id later took
over leaves the people and organisations it found behind (see docs/accuracy.md).

Usage: python benchmarks/concurrent_halves.py [--input FILE] [--workers 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from stories import dump  # noqa: E402  (the tests' dump of a record)

from onrecord.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "bbc-news.jsonl"


def analyze(inputs: Path, db: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "onrecord.cli", "analyze", str(inputs), "--db", str(db), "-q", "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )


def entities(db: Path) -> list[tuple]:
    with Store(db) as store:
        return sorted((e.name, e.type, e.country, tuple(e.aliases), tuple(e.roles)) for e in store.entities())


def finish(run: subprocess.Popen, started: float) -> dict:
    _, err = run.communicate()
    return {"exit": run.returncode, "seconds": round(time.monotonic() - started, 1),
            "summary": err.strip().splitlines()[0] if err.strip() else "", "traceback": "Traceback" in err}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    lines = args.input.read_text(encoding="utf-8").splitlines(keepends=True)
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        halves = [folder_path / "first.jsonl", folder_path / "second.jsonl"]
        halves[0].write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
        halves[1].write_text("".join(lines[len(lines) // 2:]), encoding="utf-8")
        shared, alone = folder_path / "shared.db", folder_path / "alone.db"
        started = time.monotonic()
        runs = [analyze(half, shared, args.workers) for half in halves]
        concurrent = [finish(run, started) for run in runs]
        started = time.monotonic()
        single = finish(analyze(args.input, alone, args.workers), started)
        a, b = dump(alone), dump(shared)
        report = {
            "inputs": len(lines), "concurrent": concurrent, "single": single,
            "counts": {k: [len(a[k]), len(b[k])] for k in a},
            "differences": {k: {"only_single": sorted(set(a[k]) - set(b[k]))[:5],
                                "only_concurrent": sorted(set(b[k]) - set(a[k]))[:5],
                                "n": len(set(a[k]) ^ set(b[k]))} for k in a},
            "entities": {"single": len(entities(alone)), "concurrent": len(entities(shared)),
                         "differ": len(set(entities(alone)) ^ set(entities(shared))),
                         "only_single": sorted(set(entities(alone)) - set(entities(shared)))[:5],
                         "only_concurrent": sorted(set(entities(shared)) - set(entities(alone)))[:5]},
            "load": os.getloadavg(),
        }
    text = json.dumps(report, indent=1, default=str)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
