"""``onrecord eval``: analyse a gold corpus the way a user would, export, and score.

Documents go through the same ingest → analyse → store → export path as any user's,
into a temporary database, so a score describes exactly what ``onrecord export``
writes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import Errors, OnrecordError
from ..export import link_record, statement_record, time_record
from ..model import Document
from ..store import Store
from . import brat, seeds, timeml

Analyze = Callable[[Iterable[Document]], Iterable[Any]]


def _record(documents: list[Document], analyzer: Any, link: bool = False) -> tuple[list[dict], list[dict], list[dict]]:
    """Analyse into a throwaway store (and link it) and export statements, times and links."""
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "eval.db") as store:
            with store.transaction():
                for analysis in analyzer.pipe(documents):
                    store.write_analysis(analysis, analyzer.model_name)
            if link:
                from ..link.record import link_store

                link_store(store)
            statements = [statement_record(s) for s in store.statements()]
            times = [time_record(t) for t in store.times()]
            links = [link_record(ln) for ln in store.links()]
    return statements, times, links


def _gold_document(
    doc_id: str, text: str, published: str | None, origin: Path, outlet: str | None = None, title: str | None = None
) -> Document:
    """A gold document as a user would ingest it: its metadata passed on the command line."""
    return Document(
        id=doc_id, text=text, published=published, published_source="metadata" if published else None,
        outlet=outlet, title=title, origin=str(origin),
    )


def run_seeds(shared: Path, analyzer: Any) -> seeds.SeedsReport:
    gold_path = shared / "gold" / "seeds.json"
    corpus = shared / "corpus" / "seeds"
    if not gold_path.exists():
        raise OnrecordError(Errors.E016, where=str(gold_path))
    gold = seeds.load_gold(gold_path)
    documents = []
    for meta in seeds.seed_documents(gold):
        text = (corpus / meta["file"]).read_text("utf-8")
        documents.append(_gold_document(meta["file"], text, meta["published"], corpus / meta["file"], outlet=meta["outlet"]))
    statements, times, links = _record(documents, analyzer, link=True)
    return seeds.score_seeds(gold, statements, times, links)


def run_polnear(shared: Path, analyzer: Any) -> brat.BratReport:
    corpus = shared / "corpus" / "polnear-dev"
    if not corpus.exists():
        raise OnrecordError(Errors.E016, where=str(corpus))
    articles = brat.load_corpus(corpus)
    documents = [
        _gold_document(a.doc_id, a.text, a.published, corpus / "text" / a.doc_id, outlet=a.outlet, title=a.title)
        for a in articles
    ]
    statements, _, _ = _record(documents, analyzer)
    return brat.score_brat(articles, statements)


def run_te3(shared: Path, analyzer: Any) -> timeml.TimeReport:
    corpus = shared / "corpus" / "te3-dev"
    if not corpus.exists():
        raise OnrecordError(Errors.E016, where=str(corpus))
    docs = timeml.load_corpus(corpus)
    documents = [_gold_document(d.doc_id, d.text, d.dct, corpus / f"{d.doc_id}.tml") for d in docs]
    _, times, _ = _record(documents, analyzer)
    return timeml.score_timeml(docs, times)


# ---------------------------------------------------------------- rendering


def run_emergent(shared: Path) -> Any:
    from . import emergent

    path = emergent.find_emergent(shared)
    if path is None:
        raise OnrecordError(Errors.E016, where=str(shared / "corpus" / "emergent-train"))
    return emergent.score_emergent(path)


def run_fnc1(shared: Path, limit: int | None = None) -> Any:
    from . import fnc1

    folder = fnc1.find_fnc1(shared)
    if folder is None:
        raise OnrecordError(Errors.E016, where=str(shared / "corpus" / "fnc1-train"))
    return fnc1.score_fnc1(folder, limit=limit)


def render_fnc1(report: Any) -> str:
    f1 = report.f1()
    lines = [
        f"FNC-1 dev (relate; held-out bodies of the train file) — {report.pairs} pairs, {report.bodies} bodies",
        *(f"  {label:<22} F1 {value:.3f}" for label, value in f1.items()),
        f"  {'F1m (mean of the four)':<22} {report.f1m:.3f}",
        f"  {'FNC-1 score / maximum':<22} {report.relative_score:.3f}",
    ]
    return "\n".join(lines)


def render_emergent(report: Any) -> str:
    lines = [f"Emergent train (relate) — {report.pairs} pairs", f"  accuracy               {report.accuracy:.3f}   (all rows; the judge was trained on some)"]
    for stance, prf in report.per_class.items():
        lines.append(_prf_line(stance, prf))
    lines.append(f"  held-out claims        {report.held_out_accuracy:.3f}   ({report.held_out_pairs} pairs of claims the judge never saw)")
    if report.out_of_fold is not None:
        lines.append(f"  out of fold            {report.out_of_fold:.3f}   (5 folds grouped by claim, at training time)")
    return "\n".join(lines)


def render_te3(report: timeml.TimeReport, errors: bool = False) -> str:
    lines = [
        "TempEval-3 dev (te3-dev)",
        _prf_line("span", report.span),
        _prf_line("value", report.value),
    ]
    if errors:
        for e in report.errors:
            lines.append(f"  [{e['doc']}] gold {e.get('gold')!r}={e.get('gold_value')} predicted {e.get('predicted')!r}={e.get('predicted_value')}")
    return "\n".join(lines)


def _prf_line(name: str, prf: Any) -> str:
    return f"  {name:<22} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}   ({prf.tp}/{prf.predicted} predicted, {prf.gold} gold)"


def render_brat(report: brat.BratReport, errors: bool = False) -> str:
    lines = [
        f"PolNeAR dev — {report.articles} articles",
        _prf_line("content", report.content),
        _prf_line("content+source", report.content_source),
        _prf_line("content+source+cue", report.content_source_cue),
        f"  {'direct recall':<22} {report.direct.recall:.3f}   ({report.direct.tp}/{report.direct.gold})",
        f"  {'indirect recall':<22} {report.indirect.recall:.3f}   ({report.indirect.tp}/{report.indirect.gold})",
        "  content+source precision by confidence: " + ", ".join(
            f"{band} {right / n:.2f} ({n})" for band, (n, right) in report.confidence_bands() if n
        ),
    ]
    if errors:
        summary = brat.error_summary(report.errors)
        lines.append("  errors by class: " + ", ".join(f"{k} {v}" for k, v in summary["by_class"].items()))
        lines.append("  most missed cues: " + ", ".join(f"{k!r} {v}" for k, v in summary["missed_cues"].items()))
        lines.append("  false hits by cue: " + ", ".join(f"{k!r} {v}" for k, v in summary["false_hit_cues"].items()))
        for e in report.errors:
            detail = " | ".join(f"{k}={v!r}" for k, v in e.items() if k not in ("error", "doc") and v)
            lines.append(f"  [{e['error']}] {e['doc']}: {detail}")
    return "\n".join(lines)


def render_seeds(report: seeds.SeedsReport, errors: bool = False) -> str:
    lines = [
        "Seeds (gold/seeds.json)",
        f"  required statements found   {report.found}/{report.required}",
        f"  optional statements found   {report.optional_found}",
        f"  unmatched predictions       {len(report.unmatched)}",
        f"  statement dates right       {report.dates_right}/{report.dates_total}",
        f"  pronoun/descriptor speakers {report.resolution_right}/{report.resolution_total} resolved",
        f"  times found                 {report.times_found}/{report.times_total}",
        f"  links found                 {report.links_found}/{report.links_total}",
        f"  other contradicts links     {report.other_contradicts}",
    ]
    if errors or report.missed or report.unmatched:
        for m in report.missed:
            lines.append(f"  [missed {m['id']}] {m['speaker']} :: {m['content'][:80]!r} (predicted speakers: {m['predicted_speakers']})")
        for u in report.unmatched:
            lines.append(f"  [unmatched] {u['doc']} {u['speaker']!r} <{u['cue']}> :: {u['content'][:80]!r}")
    return "\n".join(lines)
