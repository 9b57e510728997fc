"""Linking a stored record one article at a time gives what linking it all in memory gives.

``link_store`` streams documents from the store, scores blocking's raw pairs a run at
a time and reads texts lazily; :func:`onrecord.link.link_record` holds everything.  The
two must agree link for link, score for score, in the same order.  The records are
the seed articles with their gold statements (skipped without ../shared) and a
record of our own, large enough (over 500 propositions) that word weights are
rescaled by rarity, and blocking is made to score its pairs in dozens of runs.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from onrecord.link import _propositions, link_record, narration_statements, resolve_entities
from onrecord.link.blocking import BlockingStats, candidate_pairs, keys_of, stream_pairs
from onrecord.link.record import StoredTexts, _record, link_store, resolve_store
from onrecord.model import Analysis, Document, Link, Speaker, Statement
from onrecord.store import Store

from test_link import SEEDS, _seed_statements

NOUNS = ("harbour bridge school hospital railway airport stadium library museum prison market theatre factory "
         "reservoir tunnel depot college clinic ferry terminal pier cinema brewery mill quarry orchard bakery "
         "chapel gallery foundry laundry pool garage workshop arena observatory aquarium lighthouse canal").split()
VERBS = "open close expand sell rebuild reopen demolish extend move merge repaint insure relocate modernise".split()
TOWNS = ["Leeds", "Derby", "Bath", "York", "Hull", "Ely", "Truro", "Ripon", "Wells", "Perth", "Dover", "Bangor"]
SPEAKERS = ["Anna Berg", "Tomas Lind", "Ruth Okafor", "Dev Patel", "Mara Quist", "Ivo Brandt", "Lena Sato"]


def _claim(i: int) -> str:
    """One claim of the record: a building, a town, what will happen to it and when (spread by a fixed shuffle)."""
    k = (i * 7919) % 10007
    return (f"the {NOUNS[k % len(NOUNS)]} in {TOWNS[(k // 41) % len(TOWNS)]} will {VERBS[(k // 13) % len(VERBS)]} "
            f"in {2001 + (k // 5) % 9}")


def _article(n: int) -> tuple[Document, list[Statement]]:
    """An article of ours: nine claims of its own, the previous article's first claim reported again
    (now and then negated: a contradiction), and a sentence in the outlet's own voice."""
    contents = [_claim(n * 9 + k) for k in range(9)]
    if n:
        again = _claim((n - 1) * 9)
        contents.append(again.replace(" will ", " will not ") if n % 4 == 0 else again)
    text = ""
    statements: list[Statement] = []
    doc_id = f"article-{n:03d}"
    for k, content in enumerate(contents):
        speaker = SPEAKERS[(n + k) % len(SPEAKERS)] if k < 9 else SPEAKERS[(n - 1) % len(SPEAKERS)]
        at = len(text)
        text += f"{speaker} said that {content}. "
        start = at + len(speaker) + len(" said that ")
        mention = Speaker(speaker, at, at + len(speaker), "PERSON", speaker)
        statements.append(Statement(doc_id, mention, None, [(start, start + len(content))], content, "indirect"))
    text += f"The council closed the {NOUNS[n % len(NOUNS)]} in {TOWNS[n % len(TOWNS)]} after the floods in March."
    return Document(doc_id, text), statements


def _own_record(path: Path) -> Path:
    with Store(path) as store:
        for n in range(60):
            doc, statements = _article(n)
            store.write_analysis(Analysis(doc, statements))
        store.write_analysis(Analysis(Document("no-statements", "The council closed the bridge in Leeds after the floods.")))
        store.add_override("merge", "Anna Berg", "Tomas Lind")  # replayed on every link, in both paths
    return path


def _seed_record(path: Path) -> Path:
    statements, texts, _, _ = _seed_statements()
    with Store(path) as store:
        for doc_id, text in texts.items():
            store.write_analysis(Analysis(Document(doc_id, text), [s for s in statements if s.doc_id == doc_id]))
    return path


def _in_memory(store: Store):
    """What linking the record held whole in memory finds (the path link_store took before it streamed)."""
    statements, texts = _record(store)
    narration = [n for doc_id, text in texts.items() for n in narration_statements(doc_id, text, statements)]
    return link_record(statements, texts, narration, resolution=resolve_store(store, (statements, texts))), narration


def _fields(ln: Link) -> tuple:
    return ln.relation, ln.a, ln.b, ln.score, ln.why, ln.opposed, ln.carriers_a, ln.carriers_b


def _same_linking(path: Path) -> list[Link]:
    with Store(path) as store:
        expected, narration = _in_memory(store)
        streamed = link_store(store)
        stored_narration = sorted(s.id for s in store.statements(kind="narration"))
    assert [_fields(ln) for ln in streamed.links] == [_fields(ln) for ln in expected.links]
    assert streamed.counts == expected.counts
    assert vars(streamed.stats) == vars(expected.stats)
    used = {ln.a for ln in expected.links} | {ln.b for ln in expected.links}
    assert stored_narration == sorted(n.id for n in narration if n.id in used)
    return streamed.links


def test_streamed_linking_of_our_record_is_the_in_memory_linking(tmp_path):
    links = _same_linking(_own_record(tmp_path / "own.db"))
    relations = {ln.relation for ln in links}
    assert {"repeats", "contradicts"} <= relations  # the comparison is about real links


@pytest.mark.skipif(not (SEEDS / "gold" / "seeds.json").exists(), reason="../shared/gold/seeds.json is not beside the project")
def test_streamed_linking_of_the_seeds_is_the_in_memory_linking(tmp_path):
    links = _same_linking(_seed_record(tmp_path / "seeds.db"))
    assert any(ln.relation == "contradicts" for ln in links)


def test_the_store_yields_every_document_with_its_own_statements_and_corrections(tmp_path):
    path = _own_record(tmp_path / "own.db")
    with Store(path) as store:
        link_store(store)  # stores narration, which the linker must not read back as statements
        seen = list(store.documents_with_statements())
        assert [doc_id for doc_id, _, _ in seen] == [doc_id for doc_id, _ in store.iter_texts()]
        assert seen[-1][0] == "no-statements" and seen[-1][2] == []
        assert all(st.kind != "narration" and st.doc_id == doc_id for doc_id, _, own in seen for st in own)
        assert sum(len(own) for _, _, own in seen) == 9 * 60 + 59
        names = {st.speaker.name for _, _, own in seen for st in own if st.speaker}
        assert "Tomas Lind" not in names and "Anna Berg" in names  # the user's merge, as statements() applies it
        texts = StoredTexts(store, keep=2)
        assert texts.get("article-007") == store.document_texts()["article-007"]
        assert texts.get("nowhere") is None and "nowhere" not in texts
        assert len(texts) == 61 and list(texts)[0] == "article-000"


def _brute_force(props, max_df: int = 200, top_k: int = 25, min_score: float = 1.5) -> list[tuple[int, int]]:
    """Blocking by its definition: pairs sharing keys held by at most max_df, scored, the k best of either member."""
    postings: dict[str, list[int]] = {}
    for i, p in enumerate(props):
        for k in keys_of(p):
            postings.setdefault(k, []).append(i)
    n = max(len(props), 2)
    scores: dict[tuple[int, int], float] = {}
    for key, ids in postings.items():
        if 2 <= len(ids) <= max_df:
            idf = math.log(1 + n / len(ids)) * (1.6 if key.startswith("x:") else 1.0)
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    scores[(ids[a], ids[b])] = scores.get((ids[a], ids[b]), 0.0) + float(np.float32(idf))
    kept = sorted((pair, s) for pair, s in scores.items() if np.float32(s) >= min_score)
    chosen: set[tuple[int, int]] = set()
    for side in (0, 1):
        by_member: dict[int, list[tuple[float, int, tuple[int, int]]]] = {}
        for order, (pair, s) in enumerate(kept):
            by_member.setdefault(pair[side], []).append((-float(np.float32(s)), order, pair))
        for ranked in by_member.values():
            chosen.update(pair for _, _, pair in sorted(ranked)[:top_k])
    return sorted(chosen)


def test_blocking_in_small_runs_chooses_the_pairs_its_definition_does(tmp_path):
    path = _own_record(tmp_path / "own.db")
    with Store(path) as store:
        statements, texts = _record(store)
    props = _propositions(statements, resolve_entities(statements), texts)
    whole, stats = candidate_pairs(props)
    small = BlockingStats()
    in_runs = list(stream_pairs(props, chunk=500, stats=small))  # dozens of runs
    assert in_runs == whole
    assert vars(small) == vars(stats) and stats.raw_pairs > 10 * 500
    assert [(i, j) for i, j, _ in whole] == _brute_force(props)
