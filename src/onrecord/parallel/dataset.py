"""Analyses as a Parquet dataset: what ``analyze --out DIR`` writes and ``onrecord load DIR`` reads.

A big run on a cluster should not stream every statement back through one client:
each worker writes its partition's documents, statements, times and entities as
Parquet files named by the partition's index (``statements/part-00012.parquet``), so
a re-run overwrites a partition instead of adding a second copy, and a partition
whose files are complete is not analysed again.  The documents file is written last
and is the partition's mark of completion.  Files are written under a temporary name
and renamed, so a worker that dies mid-write leaves no half file behind.

The statement columns are the export contract's (``parquet.statement_fields``) plus
what the record needs to be rebuilt exactly (document hash, position, sentence), so
DuckDB (``SELECT * FROM 'DIR/statements/*.parquet'``) and Spark read the folder
as it is.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import export, parquet
from ..errors import Errors, OnrecordError
from ..model import Analysis, Cue, Document, Entity, Speaker, Statement, Time

FORMAT_VERSION = 1
META = "_onrecord.json"
TABLES = ("statements", "times", "entities", "documents")  # documents last: it marks a partition complete


class DatasetError(OnrecordError):
    """The folder is not an onrecord dataset, or not one this run can add to."""


def _fields(table: str) -> list:
    import pyarrow as pa

    text = pa.string()
    if table == "statements":
        return parquet.statement_fields() + [
            pa.field("doc_hash", text), pa.field("position", pa.int32()), pa.field("sentence", parquet.span_type()),
        ]
    if table == "times":
        return parquet.time_fields() + [pa.field("doc_hash", text)]
    if table == "entities":
        return [pa.field("doc_hash", text), pa.field("name", text), pa.field("type", text),
                pa.field("aliases", pa.list_(text)), pa.field("roles", pa.list_(text)), pa.field("country", text)]
    return [pa.field(name, text) for name in ("hash", "id", "text", "published", "published_source", "outlet",
                                              "title", "url", "origin", "model")] + [
        pa.field("partition", pa.int32()), pa.field("position", pa.int32()),
    ]


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def prepare(folder: str | Path, partition_size: int, model: str) -> None:
    """Make the dataset folder, or check that an existing one was cut into partitions the same way."""
    root = Path(folder)
    meta_path = root / META
    if meta_path.exists():
        meta = read_meta(root)
        if meta.get("partition_size") != partition_size:
            raise DatasetError(Errors.E034, where=str(root), found=meta.get("partition_size"), size=partition_size)
        return
    try:
        root.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            (root / table).mkdir(exist_ok=True)
        meta_path.write_text(json.dumps({"format": FORMAT_VERSION, "partition_size": partition_size, "model": model}) + "\n",
                             encoding="utf-8")
    except OSError as exc:
        raise DatasetError(Errors.E019, where=str(root), detail=exc.strerror or str(exc)) from exc


def read_meta(root: Path) -> dict[str, Any]:
    try:
        meta = json.loads((root / META).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DatasetError(Errors.E033, where=str(root), detail=f"no {META}") from exc
    except (OSError, ValueError) as exc:
        raise DatasetError(Errors.E033, where=str(root), detail=f"{META}: {exc}") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_VERSION:
        raise DatasetError(Errors.E033, where=str(root), detail=f"{META} is not format {FORMAT_VERSION}")
    return meta


def is_complete(folder: str | Path, index: int, hashes: list[str]) -> bool:
    """True when partition ``index`` is written and holds exactly these documents, in this order."""
    import pyarrow.parquet as pq

    path = Path(folder) / "documents" / part_name(index)
    if not path.exists():
        return False
    try:
        stored = pq.read_table(path, columns=["hash"]).column("hash").to_pylist()
    except Exception:  # noqa: BLE001 - an unreadable file is an incomplete partition: analyse again
        return False
    return stored == hashes


def write_partition(folder: str | Path, index: int, analyses: list[Analysis], model: str) -> None:
    """Write one partition's tables, documents last, each under a temporary name then renamed."""
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    for position, analysis in enumerate(analyses):
        doc, key = analysis.document, analysis.document.hash
        rows["documents"].append({
            "hash": key, "id": doc.id, "text": doc.text, "published": doc.published,
            "published_source": doc.published_source, "outlet": doc.outlet, "title": doc.title, "url": doc.url,
            "origin": doc.origin, "model": model, "partition": index, "position": position,
        })
        for number, st in enumerate(analysis.statements):
            rows["statements"].append(dict(export.statement_record(st), doc_hash=key, position=number,
                                           sentence=list(st.sentence) if st.sentence else None))
        rows["times"].extend(dict(export.time_record(t), doc_hash=key) for t in analysis.times)
        rows["entities"].extend(
            {"doc_hash": key, "name": e.name, "type": e.type, "aliases": list(e.aliases), "roles": list(e.roles),
             "country": e.country}
            for e in analysis.entities
        )
    for table in TABLES:
        target = Path(folder) / table / part_name(index)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        parquet.write(rows[table], str(temporary), _fields(table))
        os.replace(temporary, target)


def partitions(folder: str | Path) -> list[int]:
    """Indexes of the complete partitions in a dataset, in order."""
    root = Path(folder)
    if not root.is_dir():
        raise DatasetError(Errors.E033, where=str(root), detail="no such folder")
    read_meta(root)
    found = []
    for path in (root / "documents").glob("part-*.parquet"):
        try:
            found.append(int(path.stem.split("-", 1)[1]))
        except ValueError:
            continue
    return sorted(found)


def read_partition(folder: str | Path, index: int) -> Iterator[tuple[Analysis, str]]:
    """The analyses of one partition in input order, each with the model that made it."""
    import pyarrow.parquet as pq

    root = Path(folder)
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        path = root / table / part_name(index)
        try:
            tables[table] = pq.read_table(path).to_pylist() if path.exists() else []
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a damaged file
            raise DatasetError(Errors.E033, where=str(path), detail=str(exc).splitlines()[0]) from exc
    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for table in ("statements", "times", "entities"):
        for row in tables[table]:
            by_doc.setdefault(row["doc_hash"], {}).setdefault(table, []).append(row)
    for row in sorted(tables["documents"], key=lambda r: r["position"]):
        document = Document(
            id=row["id"], text=row["text"], published=row["published"], published_source=row["published_source"],
            outlet=row["outlet"], title=row["title"], url=row["url"], origin=row["origin"] or "",
        )
        found = by_doc.get(row["hash"], {})
        statements = [_statement(r, document.id) for r in sorted(found.get("statements", []), key=lambda r: r["position"])]
        times = [Time(doc_id=document.id, text=r["text"], start=r["span"][0], end=r["span"][1], type=r["type"],
                      value=r["value"]) for r in found.get("times", [])]
        entities = [Entity(name=r["name"], type=r["type"], aliases=list(r["aliases"] or []), roles=list(r["roles"] or []),
                           country=r["country"]) for r in found.get("entities", [])]
        yield Analysis(document=document, statements=statements, times=times, entities=entities), row["model"] or ""


def _statement(r: dict[str, Any], doc_id: str) -> Statement:
    """A statement back from its export record and the extra columns."""
    sp, cue = r["speaker"], r["cue"]
    speaker = None if sp is None else Speaker(
        mention=sp["mention"], start=sp["span"][0], end=sp["span"][1], type=sp["type"], name=sp["name"],
        members=list(sp["members"] or []), role=sp["role"], country=sp["country"],
    )
    cue_ = None if cue is None else Cue(text=cue["text"], lemma=cue["lemma"], cls=cue["class"],
                                        start=cue["span"][0], end=cue["span"][1])
    return Statement(
        id=r["id"], doc_id=doc_id, speaker=speaker, cue=cue_,
        content_spans=[(s, e) for s, e in r["content"]["spans"]], content=r["content"]["text"], kind=r["kind"],
        polarity=r["polarity"], addressee=r["addressee"], sentence=tuple(r["sentence"]) if r["sentence"] else None,
        confidence=r["confidence"], parent=r["parent"], date=r["date"], date_source=r["date_source"],
    )
