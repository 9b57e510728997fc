"""The optional semantic extra: paraphrased repeats, and a clear error without it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.link import semantic
from onrecord.model import Speaker, Statement


def st(doc: str, text: str, name: str = "Elena Ruiz") -> Statement:
    return Statement(doc_id=doc, speaker=Speaker(mention=name, start=0, end=1, type="PERSON", name=name),
                     cue=None, content_spans=[(0, len(text))], content=text, kind="indirect")


def test_without_the_extra_link_semantic_says_how_to_install(tmp_path, monkeypatch, examples):
    runner = CliRunner()
    db = str(tmp_path / "r.db")
    runner.invoke(app, ["analyze", str(examples), "--db", db, "-q"])
    monkeypatch.setattr(semantic, "available", lambda: False)
    semantic.encoder.cache_clear()
    result = runner.invoke(app, ["link", "--db", db, "--semantic"])
    assert result.exit_code == 2
    assert "E017" in result.output and "onrecord[semantic]" in result.output


@pytest.mark.skipif(not semantic.available(), reason="the semantic extra is not installed")
def test_paraphrases_of_one_speaker_are_repeats_but_negations_are_not():
    statements = [
        st("a", "the port will reopen to ships next week after the strike ends"),
        st("b", "ships will be able to use the port again next week once the strike is over"),
        st("c", "the port will not reopen to ships next week after the strike ends"),
        st("d", "the port will reopen to ships next week after the strike ends", name="Tomas Brandt"),
    ]
    links = semantic.paraphrased_repeats(statements, set(), threshold=0.7)
    pairs = {frozenset((ln.a, ln.b)) for ln in links}
    assert frozenset((statements[0].id, statements[1].id)) in pairs
    assert not any(statements[2].id in p for p in pairs)
    assert not any(statements[3].id in p for p in pairs)
    assert all(ln.relation == "repeats" and "cosine" in ln.why for ln in links)


def test_each_sentence_is_encoded_once_and_the_cache_stays_bounded(monkeypatch):
    import numpy as np

    encoded: list[str] = []

    class Encoder:
        def encode(self, texts, **_):
            encoded.extend(texts)
            return np.array([[float(len(t)), 1.0] for t in texts])

    monkeypatch.setattr(semantic, "encoder", lambda: Encoder())
    cache = semantic._Embeddings(limit=3)
    first = cache(["one", "three", "one"])
    assert encoded == ["one", "three"] and first.shape == (3, 2) and (first[0] == first[2]).all()
    cache(["three", "four", "fives"])
    assert encoded == ["one", "three", "four", "fives"]
    assert list(cache.rows) == ["three", "four", "fives"]  # "one", the oldest, was dropped
    assert cache([]).shape[0] == 0
