"""Latency of ``onrecord serve`` under load: many concurrent clients on loopback.

Starts ``onrecord serve`` on a record (by default the whole BBC corpus, analysed and
linked into a cache file first if it is not there yet), then runs ``--clients``
concurrent clients, each sending requests back to back (no think time) from a fixed
mix until ``--requests`` have been sent or ``--seconds`` have passed.  The mix:

- ``search``: the search page with a word from the record (and sometimes a facet);
- ``statement``: a statement page;
- ``contradictions``: a page of contradicting pairs;
- ``api``: ``/api/statements?q=…``, ``/api/statements/{id}`` and ``/api/contradictions``.

Each client is one keep-alive HTTP/1.1 connection written on asyncio streams (on
uvloop where installed): the load generator shares the two cores with the server,
so it must cost little a request.  Search words, statements and speakers are drawn
from the record, so nearly every search and statement URL is new to the server; the
contradictions page and ``/api/contradictions`` repeat, and are answered from the
server's kept responses as they would be for real readers.

Prints p50/p95/max latency by kind, throughput, failures (any status but 200, or
an error), the server's and the load generator's CPU time per request (so a figure
taken on a busy shared machine can be read against its load average, also
printed); ``--json`` also writes them to a file.  Before the load, ``--cpu-sample``
URLs of each kind are sent one at a time and the server's CPU a request is
reported by kind: unlike latency, that figure hardly moves with other jobs.

Usage: python benchmarks/serve_load.py [--db bbc.db] [--clients 50] [--requests 3000] [--seconds 60] [--workers 2]
       [--cpu-sample 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "bbc-news.jsonl"
ONRECORD = Path(sys.executable).parent / "onrecord"


def build_record(db: Path) -> None:
    """Analyse and link the BBC corpus into ``db`` (minutes on two cores; done once)."""
    print(f"analysing {CORPUS} into {db} (once; pass --db to reuse a record) …", file=sys.stderr)
    subprocess.run([str(ONRECORD), "analyze", str(CORPUS), "--db", str(db), "-q"], check=True)
    subprocess.run([str(ONRECORD), "link", "--db", str(db)], check=True)


def sample_urls(db: Path, n: int, seed: int = 7) -> dict[str, list[str]]:
    """URLs of each kind drawn from the record itself (read-only, straight from the file)."""
    rnd = random.Random(seed)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = [r[0] for r in con.execute("SELECT id FROM statements WHERE kind != 'narration'")]
    words: list[str] = []
    for (content,) in con.execute("SELECT content FROM statements ORDER BY random() LIMIT 400"):
        words += [w.lower() for w in re.findall(r"[A-Za-z]{5,}", content)]
    speakers = [r[0] for r in con.execute(
        "SELECT speaker_name FROM statements WHERE speaker_name IS NOT NULL GROUP BY speaker_name ORDER BY COUNT(*) DESC LIMIT 30")]
    contradictions = con.execute("SELECT COUNT(*) FROM links WHERE relation = 'contradicts'").fetchone()[0]
    con.close()
    pages = max(1, min(contradictions // 20, 10))
    urls: dict[str, list[str]] = {"search": [], "statement": [], "contradictions": [], "api": []}
    for _ in range(n):
        params = {"q": rnd.choice(words)}
        if rnd.random() < 0.3:
            params["speaker"] = rnd.choice(speakers)
        if rnd.random() < 0.2:
            params = {"kind": rnd.choice(["direct", "indirect", "according_to"]), "offset": str(rnd.randrange(0, 200, 20))}
        urls["search"].append("/?" + urlencode(params))
        urls["statement"].append("/statement/" + rnd.choice(ids))
        urls["contradictions"].append("/contradictions" + (f"?offset={20 * rnd.randrange(pages)}" if pages > 1 else ""))
        urls["api"].append(rnd.choice([
            "/api/statements?" + urlencode({"q": rnd.choice(words), "limit": 20}),
            "/api/statements/" + quote(rnd.choice(ids)),
            "/api/contradictions?limit=20",
        ]))
    return urls


def smoke_urls(db: Path) -> list[str]:
    """One of every other page and endpoint, checked once before the load (must answer 200)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    entity = con.execute("SELECT entity_id FROM statements WHERE entity_id IS NOT NULL GROUP BY entity_id"
                         " ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    doc = con.execute("SELECT id FROM documents ORDER BY seq LIMIT 1").fetchone()
    con.close()
    urls = ["/", "/speakers", "/documents", "/reviews", "/export", "/analyse", "/login", "/openapi.json",
            "/api/speakers", "/api/documents", "/api/links", "/api/entities", "/api/facets?q=minister", "/api/reviews",
            "/api/export/claimreviews", "/api/export/quotations", "/export/links.csv", "/export/claimreviews.jsonld",
            "/export/network.gexf"]
    if entity:
        urls += [f"/speaker/{entity[0]}", f"/api/speakers/{entity[0]}", f"/api/speakers/{entity[0]}/timeline"]
    if doc:
        urls += ["/document/" + quote(doc[0]), "/api/documents/" + quote(doc[0])]
    return urls


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and all its descendants so far, from /proc (Linux)."""
    total, stack, seen = 0.0, [pid], set()
    tick = os.sysconf("SC_CLK_TCK")
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


def run(coro):  # type: ignore[no-untyped-def]
    """Run the clients on uvloop where it is installed (the loop uvicorn serves on): a lighter load generator."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; returns the status (body read and dropped).

    A bare client on asyncio streams: the load generator shares the machine's two
    cores with the server, so it must cost little per request (httpx costs ~6 ms).
    """
    writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def run_load(port: int, urls: dict[str, list[str]], clients: int, total: int, seconds: float) -> dict:
    mix = [(kind, url) for kind, values in urls.items() for url in values]
    random.Random(11).shuffle(mix)
    latencies: dict[str, list[float]] = {k: [] for k in urls}
    failures: list[str] = []
    sent = 0
    stop_at = time.monotonic() + seconds

    async def client() -> None:
        nonlocal sent
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while sent < total and time.monotonic() < stop_at:
                kind, url = mix[sent % len(mix)]
                sent += 1
                started = time.perf_counter()
                try:
                    status = await asyncio.wait_for(_get(reader, writer, url), 60)
                    if status != 200:
                        failures.append(f"{status} {url}")
                except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
                    failures.append(f"{type(exc).__name__} {url}")
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                latencies[kind].append(time.perf_counter() - started)
        finally:
            writer.close()

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.monotonic() - started
    done = sum(len(v) for v in latencies.values())

    def summary(values: list[float]) -> dict:
        if not values:
            return {"n": 0}
        q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
        return {"n": len(values), "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1),
                "max_ms": round(max(values) * 1000, 1)}

    return {
        "clients": clients, "requests": done, "seconds": round(wall, 1), "per_second": round(done / wall, 1),
        "failures": len(failures), "failure_examples": failures[:5],
        "by_kind": {k: summary(v) for k, v in latencies.items()},
        "all": summary([x for v in latencies.values() for x in v]),
    }


async def cpu_by_kind(port: int, urls: dict[str, list[str]], n: int, server_pid: int) -> dict[str, float]:
    """Server CPU ms a request of each kind, one client sending them one after another.

    CPU time hardly moves with the machine's load, unlike latency: this is the figure
    to compare across changes when other jobs share the cores.
    """
    out: dict[str, float] = {}
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for kind, values in urls.items():
            sample = values[:n]
            before = cpu_seconds(server_pid)
            for url in sample:
                await _get(reader, writer, url)
            out[kind] = round((cpu_seconds(server_pid) - before) * 1000 / max(1, len(sample)), 2)
    finally:
        writer.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="A linked record (default: the BBC corpus, analysed once into a cache file).")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000, help="Stop after this many requests …")
    parser.add_argument("--seconds", type=float, default=60, help="… or after this many seconds.")
    parser.add_argument("--workers", type=int, default=2, help="onrecord serve --workers (2: one a core)")
    parser.add_argument("--warmup", type=int, default=100, help="Requests sent first and not counted.")
    parser.add_argument("--cpu-sample", type=int, default=300,
                        help="Before the load, send this many URLs of each kind one at a time to measure the server's CPU a request by kind (0: skip).")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()

    db = args.db or Path(tempfile.gettempdir()) / "onrecord-bbc-serve.db"
    if not db.exists():
        build_record(db)
    urls = sample_urls(db, max(50, args.requests // 4))
    port = free_port()
    server = subprocess.Popen(
        [str(ONRECORD), "serve", "--db", str(db), "--port", str(port), "--workers", str(args.workers)],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "ONRECORD_TOKEN": ""},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        smoke = {}
        import httpx

        with httpx.Client(base_url=base, timeout=120) as http:
            for url in smoke_urls(db):
                started = time.perf_counter()
                try:
                    status: object = http.get(url).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                smoke[url] = [status, round((time.perf_counter() - started) * 1000, 1)]
        warm = {k: v[: max(1, args.warmup // 4)] for k, v in sample_urls(db, max(1, args.warmup // 4), seed=99).items()}
        run(run_load(port, warm, min(args.clients, 10), args.warmup, 60))
        by_kind = run(cpu_by_kind(port, sample_urls(db, args.cpu_sample, seed=5), args.cpu_sample, server.pid)) if args.cpu_sample else {}
        import resource

        server_cpu = cpu_seconds(server.pid)
        own_cpu = resource.getrusage(resource.RUSAGE_SELF)
        result = run(run_load(port, urls, args.clients, args.requests, args.seconds))
        server_cpu = cpu_seconds(server.pid) - server_cpu
        after = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (after.ru_utime + after.ru_stime) - (own_cpu.ru_utime + own_cpu.ru_stime)
        result["server_cpu_ms_per_request"] = round(server_cpu * 1000 / max(1, result["requests"]), 2)
        result["client_cpu_ms_per_request"] = round(client_cpu * 1000 / max(1, result["requests"]), 2)
        result["server_cpu_ms_by_kind"] = by_kind
        result["load_average"] = os.getloadavg()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        result["record"] = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("documents", "statements", "links")}
    result["workers"] = args.workers
    result["smoke"] = smoke
    result["smoke_failures"] = [u for u, (status, _) in smoke.items() if status != 200]
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
