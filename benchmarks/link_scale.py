"""Link at scale: 100,000 BBC-derived statements through resolution, blocking and the rules.

Usage: python benchmarks/link_scale.py [--bbc PATH] [--n 100000] [--json]

Every sentence of the 2,225 BBC articles (about 41,000) becomes a statement — its
speaker taken from a "said X" / "X said" pattern when there is one — and the record
is filled to ``--n`` with re-reports by a second, synthetic outlet: the same sentence
trimmed (a repeat), re-worded with synonyms (a paraphrase), or negated (a
contradiction), so the rules have real work at the size of a large record.  Prints
the time of each stage, the blocking figures (keys, candidate pairs), the links by
relation and the peak memory.  Statements are built with regular expressions; the
alignment gate parses (spaCy) only the statements that the word rules pair.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from onrecord.link import _propositions, link_record  # noqa: E402
from onrecord.link.blocking import candidate_pairs  # noqa: E402
from onrecord.link.entities import resolve_entities  # noqa: E402
from onrecord.link.text import sentence_spans  # noqa: E402
from onrecord.model import Speaker, Statement  # noqa: E402

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bbc", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc" / "bbc-news.jsonl")
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.bbc.exists():
        print(f"no BBC corpus at {args.bbc}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    statements, texts = build(args.bbc, args.n)
    t1 = time.perf_counter()
    resolution = resolve_entities(statements)
    t2 = time.perf_counter()
    props = _propositions(statements, resolution, texts)
    t3 = time.perf_counter()
    _, stats = candidate_pairs(props)
    t4 = time.perf_counter()
    result = link_record(statements, texts, resolution=resolution)
    t5 = time.perf_counter()
    report = {
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
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for k, v in report.items():
            print(f"{k:20} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
