"""Time and peak memory of ``onrecord analyze`` on one huge document.

A 5 MB text once took 7 minutes and 7.6 GB: every chunk's spaCy Doc stayed alive
until the whole document was done.  This builds one document of the given size from
the BBC corpus (articles joined by blank lines), analyses it in a child process with
``--max-chars`` raised, and reports seconds, characters per second and the child's
peak resident memory, for several sizes so that the growth can be read off.

Usage: python benchmarks/huge_document.py [--sizes 1 2.5 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "bbc-news.jsonl"


def build(path: Path, chars: int) -> int:
    """Write one text of about ``chars`` characters; returns its length."""
    pieces, total = [], 0
    with CORPUS.open(encoding="utf-8") as lines:
        while total < chars:
            line = lines.readline()
            if not line:
                lines.seek(0)
                continue
            text = json.loads(line)["text"]
            pieces.append(text)
            total += len(text) + 2
    text = "\n\n".join(pieces)[:chars]
    path.write_text(text, encoding="utf-8")
    return len(text)


def measure(megabytes: float, folder: Path) -> dict:
    source = folder / f"huge-{megabytes}.txt"
    size = build(source, int(megabytes * 1_000_000))
    db = folder / f"huge-{megabytes}.db"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "analyze", str(source), "--db", str(db), "-q",
         "--max-chars", str(size + 1)],
        check=True,
    )
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"megabytes": megabytes, "characters": size, "seconds": round(seconds, 1),
            "chars_per_second": round(size / seconds), "peak_rss_mb": round(max(peak, before) / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1.0, 2.5, 5.0], help="Sizes in MB, smallest first.")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            result = measure(size, Path(tmp))
            results.append(result)
            print(f"{result['megabytes']:>5} MB: {result['seconds']:>7.1f} s, "
                  f"{result['chars_per_second']:>8,} chars/s, peak RSS {result['peak_rss_mb']:,} MB", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
