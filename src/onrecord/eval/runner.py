"""``onrecord eval``: analyse a gold corpus the way a user would, export, and score.

Documents go through the same ingest → analyse → store → export path as any user's,
into a temporary database, so a score describes exactly what ``onrecord export``
writes.
"""

from __future__ import annotations

import json
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


BBC_GOLD = Path(__file__).resolve().parents[3] / "tests" / "data" / "bbc_dev_gold.json"
BBC_DEV_PREFIX = "bbc-val-"


def _load_anchored_gold(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise OnrecordError(Errors.E016, where=str(path))
    return seeds.load_gold(path)


def run_anchored(gold: dict[str, Any], documents: list[Document], analyzer: Any, link: bool = False) -> seeds.SeedsReport:
    """Analyse the gold's documents as a user would and score them against the anchored gold."""
    statements, times, links = _record(documents, analyzer, link=link)
    return seeds.score_seeds(gold, statements, times, links)


def run_seeds(shared: Path, analyzer: Any) -> seeds.SeedsReport:
    gold = _load_anchored_gold(shared / "gold" / "seeds.json")
    corpus = shared / "corpus" / "seeds"
    documents = []
    for meta in seeds.gold_documents(gold):
        text = (corpus / meta["file"]).read_text("utf-8")
        documents.append(_gold_document(meta["file"], text, meta["published"], corpus / meta["file"], outlet=meta["outlet"]))
    return run_anchored(gold, documents, analyzer, link=True)


def bbc_documents(corpus: Path, gold: dict[str, Any]) -> list[Document]:
    """The gold's BBC articles from the JSONL by id, as a user would ingest them.

    Only ``bbc-val-*`` ids may be in a dev gold: the other BBC splits are never read
    to tune, so a gold naming one is refused rather than scored.
    """
    metas = {meta["file"]: meta for meta in seeds.gold_documents(gold)}
    outside = sorted(doc_id for doc_id in metas if not doc_id.startswith(BBC_DEV_PREFIX))
    if outside:
        raise OnrecordError(Errors.E013, where=str(corpus), detail=f"the BBC dev gold may name only {BBC_DEV_PREFIX}* ids, not {', '.join(outside)}")
    found: dict[str, Document] = {}
    with corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            record = json.loads(line)
            meta = metas.get(record.get("id"))
            if meta is not None:
                found[meta["file"]] = _gold_document(
                    meta["file"], record["text"], meta["published"], Path(f"{corpus}:{number}"), outlet=meta["outlet"]
                )
    absent = [doc_id for doc_id in metas if doc_id not in found]
    if absent:
        raise OnrecordError(Errors.E013, where=str(corpus), detail=f"no article with id {', '.join(absent)}")
    return [found[doc_id] for doc_id in metas]


def run_bbc(shared: Path, analyzer: Any, gold_path: Path | None = None) -> seeds.SeedsReport:
    """The BBC dev gold (tests/data/bbc_dev_gold.json) against bbc-news.jsonl: no dates, no links."""
    gold = _load_anchored_gold(gold_path or BBC_GOLD)
    corpus = shared / "corpus" / "bbc" / "bbc-news.jsonl"
    if not corpus.exists():
        raise OnrecordError(Errors.E016, where=str(corpus))
    return run_anchored(gold, bbc_documents(corpus, gold), analyzer)


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


def run_web(shared: Path, analyzer: Any) -> Any:
    """Each saved page through ingest, analysis and the store, as ``onrecord analyze`` does it."""
    from ..export import document_record
    from ..ingest import read_inputs
    from . import web

    corpus = shared / "corpus" / "web-dev"
    if not (corpus / "snippets.json").exists():
        raise OnrecordError(Errors.E016, where=str(corpus / "snippets.json"))
    gold = web.load_snippets(corpus)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "web.db") as store:
            for name, snippets in gold.items():
                (item,) = list(read_inputs([str(corpus / name)]))
                if not isinstance(item, Document):
                    results.append(web.score_page(name, snippets, None, [], error=str(item)))
                    continue
                (analysis,) = list(analyzer.pipe([item]))
                store.write_analysis(analysis, analyzer.model_name)
                stored = store.get_document(name)
                statements = [statement_record(s) for s in store.statements(doc=name)]
                record = document_record(stored, store.appearances(stored.hash)) if stored else None
                results.append(web.score_page(name, snippets, record, statements))
    return web.WebReport(results)


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
        lines.extend(_anchored_errors(report))
    return "\n".join(lines)


def render_bbc(report: seeds.SeedsReport, errors: bool = False) -> str:
    found_share = report.found / report.required if report.required else 0.0
    lines = [
        "BBC dev gold (tests/data/bbc_dev_gold.json)",
        f"  required statements found   {report.found}/{report.required}  ({found_share:.3f}, exact canonical speaker)",
        f"  optional statements found   {report.optional_found}",
        f"  unmatched predictions       {len(report.unmatched)}/{report.predictions}  ({report.unmatched_share:.3f})",
        f"  found, wrong speaker        {len(report.wrong_speaker)}",
        f"  pronoun/descriptor speakers {report.resolution_right}/{report.resolution_total} resolved",
        "  recall by kind              " + ", ".join(
            f"{kind} {found}/{total}" for kind, (found, total) in sorted(report.by_kind.items())
        ),
    ]
    if errors:
        lines.extend(_anchored_errors(report))
    return "\n".join(lines)


def _anchored_errors(report: seeds.SeedsReport) -> list[str]:
    """Misses (no statement holds the piece), speaker errors (one does, with another speaker), extras."""
    lines = []
    speaker_errors = {m["id"] for m in report.wrong_speaker}
    for m in report.missed:
        if m["id"] in speaker_errors:
            lines.append(f"  [speaker {m['id']}] {m['speaker']} :: {m['content'][:80]!r} (predicted speakers: {m['predicted_speakers']})")
        else:
            narration = " (held by narration)" if m["predicted_speakers"] else ""
            lines.append(f"  [missed {m['id']}] {m['speaker']} :: {m['content'][:80]!r}{narration}")
    for u in report.unmatched:
        lines.append(f"  [unmatched] {u['doc']} {u['speaker']!r} <{u['cue']}> :: {u['content'][:80]!r}")
    return lines
