"""Throughput of ``onrecord analyze --workers N`` (and ``--dask local:N``) against one worker.

Takes the first ``--limit`` (default 300) ``bbc-train-*`` articles of
../shared/corpus/bbc/bbc-news.jsonl (a speed measure only: no rule is read off them),
runs the real command in a fresh process for each setting, alternating the settings
``--rounds`` times and keeping the fastest run of each (a shared machine's speed
drifts), and reports:

- wall-clock seconds and documents per second of the whole command (model loading,
  worker start-up, reading and writing the record included), and the ratio to one worker;
- whether each record holds the same documents in the same order and the same
  statements (every column) as the one-worker record;
- the load average before and after, since other work on the machine depresses the ratio;
- CPU seconds of the command and every process it started (sampled with psutil, since
  pool workers are children of a fork server the command never waits for): the total
  (the price of parallelism is total minus one worker's) and the critical path
  (command + fork server + busiest worker), the wall time to expect on an idle machine;
  each process's CPU seconds by role; and the command's own CPU per document
  (``cpu_ms_command_per_doc``: with workers, what reading, deciding, receiving and writing
  cost the one process that writes the record), which load barely changes.

On a shared Linux machine with autogroup scheduling (``/proc/sys/kernel/sched_autogroup_enabled``)
CPU is divided between sessions, not processes: a busy machine gives the whole command
the same share whatever ``--workers`` says, so the wall-clock ratio is only meaningful
when the machine is quiet; the CPU figures are meaningful either way.

``--ceiling`` also runs two one-worker commands over the two halves of the input at once:
their ratio to one command is what this machine gives two independent processes, the
bound on any two-worker run (if each spends more CPU a document than a lone command, the
cores slow each other down).

Usage: python benchmarks/workers.py [--limit 300] [--workers 1 2] [--dask 2] [--rounds 2] [--ceiling] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "bbc-news.jsonl"
ONRECORD = str(Path(sys.executable).with_name("onrecord"))


def subset(limit: int, target: Path) -> int:
    """The first ``limit`` training articles, as a JSON Lines file."""
    lines = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            if json.loads(line)["id"].startswith("bbc-train-"):
                lines.append(line)
                if len(lines) >= limit:
                    break
    target.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def timed(inputs: Path, db: Path, option: list[str]) -> dict:
    """Wall seconds and CPU seconds (per process) of one whole ``onrecord analyze`` run into a fresh record."""
    return timed_together([(inputs, db)], option)


def timed_together(jobs: list[tuple[Path, Path]], option: list[str]) -> dict:
    """As :func:`timed`, for several commands started at once (each its input and record); wall until the last ends."""
    import psutil

    for _, db in jobs:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    runs = [subprocess.Popen([ONRECORD, "analyze", str(inputs), "--db", str(db), "-q", *option],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for inputs, db in jobs]
    commands = {run.pid: psutil.Process(run.pid) for run in runs}
    cpu: dict[int, tuple[str, float]] = {}
    while any(run.poll() is None for run in runs):
        processes = []
        for command in commands.values():
            try:
                processes += [command, *command.children(recursive=True)]
            except psutil.Error:
                continue
        for process in processes:
            try:
                times = process.cpu_times()
                role = "command" if process.pid in commands else _role(process)
                cpu[process.pid] = (role, times.user + times.system)
            except psutil.Error:
                continue
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    for run in runs:
        if run.returncode != 0:
            sys.exit(run.stderr.read() if run.stderr else f"onrecord analyze {option} failed")
    by_role: dict[str, list[float]] = {}
    for role, used in cpu.values():
        by_role.setdefault(role, []).append(used)
    total = sum(sum(v) for v in by_role.values())
    path = sum(max(v) for role, v in by_role.items() if role != "worker") + max(by_role.get("worker", [0.0]))
    command = sum(by_role.get("command", [0.0]))
    return {"seconds": seconds, "cpu_total": round(total, 1), "cpu_critical_path": round(path, 1),
            "cpu_command": round(command, 2),
            "cpu_by_role": {role: sorted(round(v, 2) for v in used) for role, used in sorted(by_role.items())}}


def _role(process) -> str:  # type: ignore[no-untyped-def]
    """What a process of the run is: the fork server, a pool or Dask worker, or a helper."""
    line = " ".join(process.cmdline())
    parent = process.parent()
    if "spawn_main" in line or (parent is not None and "forkserver" in " ".join(parent.cmdline())):
        return "worker"  # a forked worker shows its fork server's command line: ask its parent first
    if "forkserver" in line:
        return "fork server"
    if "resource_tracker" in line:
        return "resource tracker"
    return "other"


def content(db: Path) -> tuple[list, list]:
    """Documents in record order, and every statement column in record order."""
    con = sqlite3.connect(db)
    try:
        documents = con.execute("SELECT seq, hash, id FROM documents ORDER BY seq").fetchall()
        statements = con.execute(
            "SELECT s.* FROM statements s JOIN documents d ON d.hash = s.doc_hash ORDER BY d.seq, s.position"
        ).fetchall()
    finally:
        con.close()
    return documents, statements


def ceiling(folder: Path, inputs: Path, one: dict, rounds: int) -> dict:
    """Two ``--workers 1`` commands, one per half of the input, started together (fastest of ``rounds``).

    Nothing is shared between them but the machine: their ratio to one command over the
    whole input is the most two processes can give here.  Where each spends more CPU a
    document than the lone command did, the cores slow each other down (shared caches,
    memory bandwidth, a host's other tenants) and no scheduling of workers wins that back.
    """
    lines = inputs.read_text(encoding="utf-8").splitlines(keepends=True)
    halves = [folder / "half-a.jsonl", folder / "half-b.jsonl"]
    halves[0].write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    halves[1].write_text("".join(lines[len(lines) // 2:]), encoding="utf-8")
    best: dict | None = None
    for _ in range(max(1, rounds)):
        measured = timed_together([(halves[0], folder / "half-a.db"), (halves[1], folder / "half-b.db")], ["--workers", "1"])
        print(f"two halves at once: {measured} load {load_average()}", file=sys.stderr, flush=True)
        if best is None or measured["seconds"] < best["seconds"]:
            best = measured
    assert best is not None
    commands = best["cpu_by_role"].get("command", [])
    return {
        "seconds": round(best["seconds"], 1),
        "ratio_to_one_worker": round(one["seconds"] / best["seconds"], 2),
        "cpu_s_each": commands,
        "cpu_s_one_command_whole_input": one["cpu_total"],
        "cpu_per_document_vs_alone": round(sum(commands) / max(1e-9, one["cpu_total"]), 3),
    }


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=300, help="the first N bbc-train articles")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2], help="worker counts to time (1 is the reference)")
    parser.add_argument("--dask", type=int, nargs="*", default=[], help="also time --dask local:N for these N")
    parser.add_argument("--rounds", type=int, default=2, help="alternate the settings this many times; fastest counts")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--ceiling", action="store_true",
                        help="also time two one-worker commands over the two halves at once: what this machine gives "
                             "two independent processes, the most any two-worker run can reach")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found; put ../shared beside the project")
    settings = {f"workers {n}": ["--workers", str(n)] for n in sorted(set(args.workers) | {1})}
    settings.update({f"dask local:{n}": ["--dask", f"local:{n}"] for n in args.dask})
    results: dict = {"cores": os.cpu_count(), "load_average_before": load_average(), "rounds": args.rounds}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = folder / "bbc.jsonl"
        results["documents"] = subset(args.limit, inputs)
        best: dict[str, dict] = {}
        for _ in range(max(1, args.rounds)):
            for name, option in settings.items():
                measured = timed(inputs, folder / f"{name.replace(' ', '_').replace(':', '')}.db", option)
                if name not in best or measured["seconds"] < best[name]["seconds"]:
                    best[name] = measured
                print(f"{name}: {measured} load {load_average()}", file=sys.stderr, flush=True)
        reference = content(folder / "workers_1.db")
        rows = []
        for name in settings:
            documents, statements = content(folder / f"{name.replace(' ', '_').replace(':', '')}.db")
            seconds, one = best[name]["seconds"], best["workers 1"]
            rows.append({
                "setting": name,
                "seconds": round(seconds, 1),
                "docs_per_s": round(results["documents"] / seconds, 2),
                "ratio_to_one_worker": round(one["seconds"] / seconds, 2),
                "cpu_s_total": best[name]["cpu_total"],
                "cpu_s_critical_path": best[name]["cpu_critical_path"],
                "cpu_s_command": best[name]["cpu_command"],
                "cpu_ms_command_per_doc": round(1000 * best[name]["cpu_command"] / max(1, results["documents"]), 2),
                "cpu_s_by_process": best[name]["cpu_by_role"],
                "ratio_to_one_worker_if_idle": round(one["cpu_critical_path"] / best[name]["cpu_critical_path"], 2),
                "statements": len(statements),
                "same_record_as_one_worker": (documents, statements) == reference,
            })
        results["runs"] = rows
        if args.ceiling:
            results["ceiling"] = ceiling(folder, inputs, best["workers 1"], args.rounds)
    results["load_average_after"] = load_average()
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
