"""Link at scale: time and peak memory of ``onrecord link`` at 25/50/100% of the BBC record, and how they grow.

Usage:
  python benchmarks/link_scale.py [--db RECORD] [--work DIR] [--fractions 0.25 0.5 1] [--json out.json]
  python benchmarks/link_scale.py --synthetic 100000 [--json]

The record is the whole BBC file analysed by ``onrecord analyze`` (``--db`` an analysed
record; without it the file is analysed into ``--work``, which takes minutes and is
kept for the next run).  For each fraction the first documents of the record, in the
order they reached it, are copied with their statements into a record of their own,
and ``link`` runs on it in a fresh process, exactly as ``onrecord link`` does.
Reported for each: documents, statements, candidate pairs, links, wall seconds, CPU
seconds (user+sys: the figure to trust on a shared machine) and peak RSS; then the
growth exponent of each (the least-squares slope of log figure against log documents:
1.0 grows as the record does, 2.0 as its pairs), also of each figure less what linking an
empty record costs (start-up and imports, which flatter the plain exponent), and the
load average before and after.

``--synthetic N`` is the older stress test: every sentence of the 2,225 BBC articles
becomes a statement (speakers from "said X" patterns), filled to N with re-reports by
a second, synthetic outlet (trimmed, re-worded or negated), linked in memory with
:func:`onrecord.link.link_record`; it prints the time of each stage, the blocking
figures and the peak memory.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from onrecord.model import Analysis, Speaker, Statement  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "bbc-news.jsonl"

# ---------------------------------------------------------------- the analysed BBC record, in fractions


def analysed_record(db: Path | None, work: Path, corpus: Path) -> Path:
    """The analysed BBC record: ``db`` if given, else one analysed into ``work`` (once)."""
    if db is not None:
        return db
    target = work / "bbc.db"
    if not target.exists():
        print(f"analysing {corpus} into {target} (minutes; kept for the next run)", file=sys.stderr)
        subprocess.run([sys.executable, "-c", "from onrecord.cli import app; app()", "analyze", str(corpus), "--db", str(target), "-q"],
                       check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return target


def fraction_record(source: Path, fraction: float, work: Path) -> Path:
    """A record holding the first ``fraction`` of ``source``'s documents with their statements (made once)."""
    from onrecord.store import Store

    target = work / f"{source.stem}-{round(fraction * 100)}.db"
    if target.exists():
        return target
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with Store(source) as full, Store(partial) as part:
        documents = full.documents()
        with part.transaction():
            for doc in documents[: round(len(documents) * fraction)]:
                own = [s for s in full.statements(doc=doc.hash) if s.kind != "narration"]
                part.write_analysis(Analysis(doc, own))
    partial.rename(target)
    return target


CHILD = """
import json, resource, sys, time
t0, c0 = time.perf_counter(), time.process_time()
from onrecord.store import Store
from onrecord.link.record import link_store
with Store(sys.argv[1]) as store:
    counts = store.counts()
    result = link_store(store)
print(json.dumps({
    "documents": counts["documents"], "statements": counts["statements"], "propositions": result.stats.propositions,
    "candidate_pairs": result.stats.candidate_pairs, "links": result.counts,
    "wall_s": round(time.perf_counter() - t0, 1), "cpu_s": round(time.process_time() - c0, 1),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
}))
"""


def link_once(record: Path) -> dict:
    """``link`` on a copy of ``record`` in a fresh process: its figures, peak RSS its own."""
    copy = record.with_suffix(".linking.db")
    copy.write_bytes(record.read_bytes())
    try:
        out = subprocess.run([sys.executable, "-c", CHILD, str(copy)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def growth_exponent(sizes: list[float], values: list[float]) -> float:
    """The least-squares slope of log value against log size."""
    xs, ys = [math.log(x) for x in sizes], [math.log(max(y, 1e-9)) for y in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else float("nan")


def scale(db: Path | None, work: Path, corpus: Path, fractions: list[float]) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    source = analysed_record(db, work, corpus)
    records = {f: fraction_record(source, f, work) for f in [0.0, *fractions]}
    load_before = os.getloadavg()
    base = {"fraction": 0.0, **link_once(records[0.0])}  # the fixed cost: start-up, imports, an empty record
    print(json.dumps(base), file=sys.stderr)
    runs = []
    for f in fractions:
        run = {"fraction": f, **link_once(records[f])}
        print(json.dumps(run), file=sys.stderr)
        runs.append(run)
    sizes = [r["documents"] for r in runs]
    figures = ("wall_s", "cpu_s", "peak_rss_mb")
    exponents = {k: round(growth_exponent(sizes, [r[k] for r in runs]), 2) for k in figures}
    above = {k: round(growth_exponent(sizes, [r[k] - base[k] for r in runs]), 2) for k in figures}
    return {"base": base, "runs": runs, "growth_exponent": exponents, "growth_exponent_above_base": above,
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()]}


# ---------------------------------------------------------------- the synthetic stress test

_SAID_AFTER = re.compile(r"\b(?:said|says|told|added)\s+((?:[A-Z][a-z]+\s?){1,3})")
_SAID_BEFORE = re.compile(r"((?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+)\s+(?:said|says|told|added)\b")
_AUX = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could)\b")
_SWAPS = {"said": "stated", "big": "large", "rise": "increase", "fall": "drop", "buy": "acquire", "help": "support",
          "win": "victory", "killed": "murdered", "sent": "dispatched"}


def _speaker(sentence: str, start: int) -> Speaker | None:
    m = _SAID_AFTER.search(sentence) or _SAID_BEFORE.search(sentence)
    if not m:
        return None
    name = m.group(1).strip()
    if name.lower() in ("the", "he", "she", "it", "they", "mr", "but"):
        return None
    return Speaker(name, start + m.start(1), start + m.start(1) + len(name), "PERSON", name)


def bbc_statements(path: Path) -> tuple[list[Statement], dict[str, str]]:
    from onrecord.link.text import sentence_spans

    statements: list[Statement] = []
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["text"]
            texts[doc["id"]] = text
            for s, e in sentence_spans(text):
                sentence = text[s:e]
                if len(sentence.split()) < 4:
                    continue
                kind = "direct" if '"' in sentence else "indirect"
                statements.append(Statement(doc["id"], _speaker(sentence, s), None, [(s, e)], sentence, kind))
    return statements, texts


def re_report(st: Statement, n: int, rng: random.Random) -> Statement:
    """A second outlet's version: trimmed, re-worded or negated."""
    words = st.content.split()
    roll = rng.random()
    if roll < 0.4 and len(words) > 8:
        content = " ".join(words[: max(6, int(len(words) * 0.8))])
    elif roll < 0.8:
        content = " ".join(_SWAPS.get(w, w) for w in words)
    else:
        content = _AUX.sub(lambda m: m.group(1) + " not", st.content, count=1)
    doc = f"outlet2-{n // 20}"
    return Statement(doc, st.speaker, None, [(0, len(content))], content, st.kind, id=f"{doc}:{n}")


def build(path: Path, n: int, seed: int = 7) -> tuple[list[Statement], dict[str, str]]:
    statements, texts = bbc_statements(path)
    rng = random.Random(seed)
    originals = list(statements)
    i = 0
    while len(statements) < n:
        statements.append(re_report(rng.choice(originals), i, rng))
        i += 1
    return statements[:n], texts


def synthetic(corpus: Path, n: int) -> dict:
    from onrecord.link import _propositions, link_record
    from onrecord.link.blocking import candidate_pairs
    from onrecord.link.entities import resolve_entities

    t0 = time.perf_counter()
    statements, texts = build(corpus, n)
    t1 = time.perf_counter()
    resolution = resolve_entities(statements)
    t2 = time.perf_counter()
    props = _propositions(statements, resolution, texts)
    t3 = time.perf_counter()
    _, stats = candidate_pairs(props)
    del props
    t4 = time.perf_counter()
    result = link_record(statements, texts, resolution=resolution)
    t5 = time.perf_counter()
    return {
        "statements": len(statements),
        "entities": len(resolution.entities),
        "merges": len(resolution.merges),
        "blocking_keys": stats.keys,
        "blocking_keys_used": stats.keys_used,
        "raw_key_pairs": stats.raw_pairs,
        "candidate_pairs": stats.candidate_pairs,
        "links": result.counts,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "seconds": {
            "build_statements": round(t1 - t0, 1),
            "resolve_entities": round(t2 - t1, 1),
            "propositions": round(t3 - t2, 1),
            "blocking": round(t4 - t3, 1),
            "link_record_total": round(t5 - t4, 1),
        },
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="an analysed BBC record (else the BBC file is analysed into --work)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/onrecord-link-scale"), help="where the fraction records are kept")
    ap.add_argument("--bbc", type=Path, default=CORPUS)
    ap.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    ap.add_argument("--synthetic", type=int, metavar="N", help="the synthetic stress test with N statements instead")
    ap.add_argument("--json", nargs="?", const="-", help="write the report as JSON (to a file, or - for stdout)")
    args = ap.parse_args(argv)
    if args.db is None and not args.bbc.exists():
        print(f"no BBC corpus at {args.bbc}", file=sys.stderr)
        return 2
    report = synthetic(args.bbc, args.synthetic) if args.synthetic else scale(args.db, args.work, args.bbc, args.fractions)
    if args.json:
        text = json.dumps(report, indent=2)
        print(text) if args.json == "-" else Path(args.json).write_text(text + "\n", encoding="utf-8")
    if args.json != "-":
        _print(report)
    return 0


def _print(report: dict) -> None:
    if "runs" not in report:
        for k, v in report.items():
            print(f"{k:20} {v}")
        return
    print(f"{'share':>6} {'docs':>6} {'statements':>10} {'pairs':>9} {'links':>6} {'wall s':>7} {'CPU s':>7} {'peak RSS MB':>12}")
    for r in report["runs"]:
        print(f"{r['fraction']:>6.0%} {r['documents']:>6} {r['statements']:>10} {r['candidate_pairs']:>9} "
              f"{sum(r['links'].values()):>6} {r['wall_s']:>7} {r['cpu_s']:>7} {r['peak_rss_mb']:>12}")
    b = report["base"]
    print(f"an empty record: {b['wall_s']} s wall, {b['cpu_s']} s CPU, {b['peak_rss_mb']} MB")
    for label, g in (("", report["growth_exponent"]), (" above the empty record's", report["growth_exponent_above_base"])):
        print(f"growth exponent{label}: wall {g['wall_s']}, CPU {g['cpu_s']}, peak RSS {g['peak_rss_mb']}")
    print(f"load average before {report['load_average_before']}, after {report['load_average_after']}")


if __name__ == "__main__":
    raise SystemExit(main())
