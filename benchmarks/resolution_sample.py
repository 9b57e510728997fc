"""A fixed-seed sample of pronoun and descriptor speakers on PolNeAR dev, for judging by hand.

PolNeAR's gold gives the source *mention* but never the person it stands for, so the
resolution of "he" or "the Republican nominee" can only be judged by reading the text
around it.  This script analyses the corpus, keeps the statements whose speaker mention
is a pronoun ("he", "they", "its") or a definite descriptor ("the senator", "the
Democratic nominee": "the" and a lower-case head), draws a stratified random sample
with a fixed seed, and prints for each item the document, the mention, the resolved
name and the ~400 characters before the mention.

Judgments are kept outside the repository (they would quote the corpus): a JSON object
mapping an item's key ("doc@start") to the right canonical name (or a list of names
that are equally right), to null when no person or organisation in the text is meant
(then any non-person answer is right), or to "n/a" when the mention is no speaker at
all (an attribution error, left out of the score).  With ``--judgments`` the script scores the
current run against them, so a change can be re-judged on the same sample.

Usage:
  python benchmarks/resolution_sample.py [--seed 11] [--per-class 30] [--statements dump.json]
      [--save statements.json] [--judgments judged.json] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "polnear-dev"

PRONOUNS = frozenset("he she they it his her their we i us them him its our my me hers theirs".split())
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def mention_class(mention: str) -> str | None:
    """"pronoun", "descriptor" or None: "the" and a lower-case head, before any appositive."""
    text = mention.strip()
    if _POSSESSIVE.sub("", text).lower() in PRONOUNS:
        return "pronoun"
    words = text.split(",")[0].split()
    if len(words) >= 2 and words[0].lower() == "the" and words[-1][:1].islower():
        return "descriptor"
    return None


def analyse(corpus: Path) -> list[dict]:
    """The exported statements of every PolNeAR dev article, as ``onrecord eval`` records them."""
    from onrecord.eval import brat, runner
    from onrecord.nlp.pipeline import Analyzer

    articles = brat.load_corpus(corpus)
    documents = [
        runner._gold_document(a.doc_id, a.text, a.published, corpus / "text" / a.doc_id, outlet=a.outlet, title=a.title)
        for a in articles
    ]
    statements, _, _ = runner._record(documents, Analyzer())
    return statements


def sample(statements: list[dict], seed: int, per_class: int) -> list[dict]:
    """``per_class`` items of each class, drawn from candidates in a stable order."""
    by_class: dict[str, list[dict]] = {"pronoun": [], "descriptor": []}
    for st in statements:
        speaker = st.get("speaker") or {}
        kind = mention_class(speaker.get("mention") or "")
        if kind:
            by_class[kind].append(st)
    rng = random.Random(seed)
    drawn = []
    for kind in ("pronoun", "descriptor"):
        pool = sorted(by_class[kind], key=lambda s: (s["doc"], s["speaker"]["span"][0]))
        for st in rng.sample(pool, min(per_class, len(pool))):
            drawn.append({**st, "class": kind})
    return drawn


def key(st: dict) -> str:
    return f"{st['doc']}@{st['speaker']['span'][0]}"


def show(items: list[dict], corpus: Path, before: int = 400) -> None:
    texts: dict[str, str] = {}
    for n, st in enumerate(items, 1):
        doc = st["doc"]
        text = texts.setdefault(doc, (corpus / "text" / doc).read_text("utf-8"))
        start, end = st["speaker"]["span"]
        context = text[max(0, start - before) : start] + "[[" + text[start:end] + "]]" + text[end : end + 120]
        print(f"#{n} {st['class']}  {key(st)}")
        print(f"   mention={st['speaker']['mention']!r}  name={st['speaker']['name']!r}  type={st['speaker']['type']}")
        print("   " + " ".join(context.split()))
        print()


def score(items: list[dict], judgments: dict[str, str | list[str] | None]) -> dict[str, tuple[int, int]]:
    """Correct/judged per class and overall; an item not judged (or judged "n/a") is left out."""
    tally: dict[str, list[int]] = {"pronoun": [0, 0], "descriptor": [0, 0], "all": [0, 0]}
    for st in items:
        k = key(st)
        right = judgments.get(k, "n/a")
        if right == "n/a":
            continue
        got = st["speaker"]["name"]
        if right is None:
            ok = st["speaker"]["type"] not in ("PERSON", "GROUP")
        else:
            ok = got in (right if isinstance(right, list) else [right])
        for bucket in (st["class"], "all"):
            tally[bucket][0] += ok
            tally[bucket][1] += 1
        if not ok:
            print(f"  wrong: {k}  {st['speaker']['mention']!r} -> {got!r} (want {right!r})")
    return {k: (v[0], v[1]) for k, v in tally.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--per-class", type=int, default=30)
    parser.add_argument("--statements", type=Path, help="reuse exported statements instead of analysing")
    parser.add_argument("--save", type=Path, help="write the exported statements here")
    parser.add_argument("--judgments", type=Path, help="score against hand judgments {doc@start: name|null}")
    parser.add_argument("--quiet", action="store_true", help="do not print the items")
    args = parser.parse_args()

    statements = json.loads(args.statements.read_text()) if args.statements else analyse(args.corpus)
    if args.save:
        args.save.write_text(json.dumps(statements))
    items = sample(statements, args.seed, args.per_class)
    if not args.quiet:
        show(items, args.corpus)
    if args.judgments:
        for bucket, (right, judged) in score(items, json.loads(args.judgments.read_text())).items():
            share = right / judged if judged else 0.0
            print(f"{bucket:<11} {right}/{judged}  {share:.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
