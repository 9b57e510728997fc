"""Shared fixtures: one Analyzer per test session (loading the model costs a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def analyzer():
    from onrecord.nlp.pipeline import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data beside the project; tests that need it skip without it."""
    if not SHARED.exists():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture
def examples() -> Path:
    return ROOT / "examples"


HOSTILE = (
    "Harbour board denies <script>alert(1)</script> leak\n\n"
    "The harbour board denied on Monday that any records had leaked. "
    "\u201cNothing left the building <img src=x onerror=alert(1)>,\u201d said <b onmouseover=alert(1)>Mallory</b>.\n\n"
    "\u201cRead javascript:alert(1) for the details,\u201d said javascript:alert(1) Jones, a spokesman for the board.\n"
)


@pytest.fixture(scope="session")
def web_record(tmp_path_factory, analyzer, shared) -> Path:
    """The seeds (dated as EVALUATION.md says), a hostile article of our own, linked: the web tests' record."""
    import json

    from onrecord.ingest import read_inputs
    from onrecord.link.record import link_store
    from onrecord.store import Store

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({"id": "hostile-<b>1</b>", "text": HOSTILE, "outlet": "<i>Evil</i> Post",
                                   "url": "javascript:alert(1)", "published": "2019-06-07"}) + "\n", encoding="utf-8")
    seeds = shared / "corpus" / "seeds"
    inputs = [
        ([str(seeds / "000_74f9bc2048f974de.txt")], "2019-05-03"),
        ([str(seeds / "002_67183b8b9b4f04f6.txt")], None),
        ([str(hostile)], None),
    ]
    db = folder / "record.db"
    with Store(db) as store:
        for paths, published in inputs:
            for analysis in analyzer.pipe(d for d in read_inputs(paths, published=published)):
                store.write_analysis(analysis, analyzer.model_name)
        link_store(store)
    return db


@pytest.fixture
def record_copy(web_record, tmp_path) -> Path:
    """A private copy of the web record for a test that writes to it."""
    import shutil

    target = tmp_path / "record.db"
    shutil.copy(web_record, target)
    return target
