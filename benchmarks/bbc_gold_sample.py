"""The fixed-seed draw of BBC dev articles behind ``tests/data/bbc_dev_gold.json``.

The BBC corpus has no attribution gold, so a dev gold was written by hand for a
sample of its ``bbc-val-*`` articles (the only BBC ids that may be read to tune).
This script makes the sample reproducible and free of hand-picking: it keeps the
``bbc-val-*`` ids, sorts them, and for each of the five categories (business,
entertainment, politics, sport, tech) shuffles that category's ids with
``random.Random(f"{SEED}-{category}")`` and takes the first ``PER_CATEGORY`` articles that hold
any attribution at all.  "Any attribution" is a mechanical test stated here:
the text contains a double or single quotation mark used as a quote (``"``, or a
space-led ``'``) or one of the reporting words in ``CUES``.  An article failing
it is skipped, not replaced by choice.

Usage:
  python benchmarks/bbc_gold_sample.py [--seed 2026] [--per-category 3] [--text]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "bbc-news.jsonl"
SEED = 2026
PER_CATEGORY = 3
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
CUES = re.compile(r"\b(?:said|says|say|told|added|according to|claimed|warned|denied|argued)\b", re.IGNORECASE)
QUOTE = re.compile(r"\"|(?:^|\s)'")


def has_attribution(text: str) -> bool:
    """True if the text shows a quotation mark or a common reporting word."""
    return bool(QUOTE.search(text) or CUES.search(text))


def draw(corpus: Path = CORPUS, seed: int = SEED, per_category: int = PER_CATEGORY) -> list[dict]:
    """The drawn articles (id, category, text), category by category in a fixed order."""
    by_category: dict[str, list[dict]] = {c: [] for c in CATEGORIES}
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"].startswith("bbc-val-") and record["category"] in by_category:
                by_category[record["category"]].append(record)
    drawn: list[dict] = []
    for category in CATEGORIES:
        records = sorted(by_category[category], key=lambda r: r["id"])
        random.Random(f"{seed}-{category}").shuffle(records)
        drawn.extend([r for r in records if has_attribution(r["text"])][:per_category])
    return drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-category", type=int, default=PER_CATEGORY)
    parser.add_argument("--text", action="store_true", help="print each article's text too")
    args = parser.parse_args()
    for record in draw(seed=args.seed, per_category=args.per_category):
        print(record["id"], record["category"], len(record["text"]))
        if args.text:
            print(record["text"], end="\n\n")


if __name__ == "__main__":
    main()
