"""CPU time the web application spends on one request, by kind, measured in-process.

A latency figure taken on a shared machine moves with its load; the CPU time a
request costs the server hardly does, and it bounds what two cores can serve:
at ``c`` ms a request, two processes answer at most ``2000 / c`` requests a
second, and 50 back-to-back clients wait about ``50 / that`` seconds each.

The application is called as an ASGI app (no socket, no HTTP parsing: those are
measured by ``serve_load.py``), with the same URL mix as ``serve_load.py`` drawn
from the record, each URL once unless ``--repeat`` is given.  Each of ``--rounds``
draws new URLs; the least CPU of the rounds is reported (other jobs on a shared
machine only ever add to it).  ``--profile KIND`` prints the hottest functions of
that kind under cProfile.

Usage: python benchmarks/serve_cpu.py --db bbc.db [--n 300] [--rounds 3] [--profile search]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve_load import sample_urls  # noqa: E402


async def call(app, url: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """One GET through the ASGI app; returns the status and the body's length."""
    path, _, query = url.partition("?")
    from urllib.parse import unquote

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": unquote(path), "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"accept", b"*/*")], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }
    status, size = 0, 0

    async def receive():  # type: ignore[no-untyped-def]
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message) -> None:  # type: ignore[no-untyped-def]
        nonlocal status, size
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))

    await app(scope, receive, send)
    return status, size


async def measure(app, urls: list[str]) -> dict:  # type: ignore[no-untyped-def]
    cpu, wall = time.process_time(), time.perf_counter()
    statuses: dict[int, int] = {}
    size = 0
    for url in urls:
        status, n = await call(app, url)
        statuses[status] = statuses.get(status, 0) + 1
        size += n
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"n": len(urls), "cpu_ms": round(cpu * 1000 / len(urls), 2), "wall_ms": round(wall * 1000 / len(urls), 2),
            "kb": round(size / 1024 / len(urls), 1), "statuses": statuses}


def inline_threadpool() -> None:
    """Run FastAPI's sync endpoints in the calling thread, so a profile sees their work."""
    import fastapi.routing

    async def inline(func, *args, **kwargs):  # type: ignore[no-untyped-def]
        return func(*args, **kwargs)

    fastapi.routing.run_in_threadpool = inline  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--n", type=int, default=300, help="URLs of each kind.")
    parser.add_argument("--repeat", type=int, default=1, help="Send each URL this many times (a warm cache).")
    parser.add_argument("--rounds", type=int, default=3, help="Measure this many times (new URLs each time); the least CPU is reported.")
    parser.add_argument("--profile", help="cProfile this kind (search, statement, contradictions, api).")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    os.environ.setdefault("ONRECORD_SERVE_DB", str(args.db.resolve()))
    from onrecord.web.serve import app_from_environment

    app = app_from_environment()
    loop = asyncio.new_event_loop()
    warm = sample_urls(args.db, 20, seed=99)  # other URLs: imports, templates, the record's link map
    loop.run_until_complete(measure(app, [u for v in warm.values() for u in v]))
    out: dict = {"load_average_before": os.getloadavg()}
    rounds: dict[str, list[dict]] = {}
    for r in range(args.rounds):
        urls = sample_urls(args.db, args.n, seed=7 + r)  # new URLs each round: a kept answer is not measured twice
        for kind, values in urls.items():
            sample = [u for u in values for _ in range(args.repeat)]
            if args.profile == kind and r == 0:
                inline_threadpool()  # cProfile sees only the thread it runs in
                profile = cProfile.Profile(time.process_time)
                profile.enable()
                rounds.setdefault(kind, []).append(loop.run_until_complete(measure(app, sample)))
                profile.disable()
                pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
                pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(30)
            else:
                rounds.setdefault(kind, []).append(loop.run_until_complete(measure(app, sample)))
    for kind, results in rounds.items():
        cpu = sorted(x["cpu_ms"] for x in results)
        out[kind] = dict(results[0], cpu_ms=cpu[0], cpu_ms_rounds=cpu)
    out["load_average_after"] = os.getloadavg()
    print(json.dumps(out, indent=2))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
