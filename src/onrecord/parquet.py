"""The record's JSON objects as Parquet, for DuckDB, Spark and pandas users.

The columns are the export contract's fields with the same names and nesting
(``speaker.name`` is a field of the struct column ``speaker``), so a query written
against ``export statements`` JSON reads the Parquet file unchanged.  Schemas are
explicit rather than inferred: a file whose batch happens to have no speaker still
has the same column types as every other file, which Spark needs to read a folder
of them as one table.  pyarrow is imported only when Parquet is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

ROWS_PER_GROUP = 10_000  # records held in memory before a row group is written


def _pa():  # type: ignore[no-untyped-def]
    import pyarrow

    return pyarrow


def span_type():  # type: ignore[no-untyped-def]
    return _pa().list_(_pa().int64())


def statement_fields() -> list:
    """The export contract's statement record as Arrow fields."""
    pa = _pa()
    text = pa.string()
    speaker = pa.struct([
        ("name", text), ("mention", text), ("span", span_type()), ("type", text),
        ("members", pa.list_(text)), ("role", text), ("country", text),
    ])
    cue = pa.struct([("text", text), ("lemma", text), ("class", text), ("span", span_type())])
    content = pa.struct([("text", text), ("spans", pa.list_(span_type()))])
    return [
        pa.field("id", text), pa.field("doc", text), pa.field("speaker", speaker), pa.field("cue", cue),
        pa.field("content", content), pa.field("kind", text), pa.field("polarity", text),
        pa.field("addressee", text), pa.field("confidence", pa.float64()), pa.field("date", text),
        pa.field("date_source", text), pa.field("parent", text),
    ]


def time_fields() -> list:
    pa = _pa()
    return [pa.field("doc", pa.string()), pa.field("text", pa.string()), pa.field("span", span_type()),
            pa.field("type", pa.string()), pa.field("value", pa.string())]


def link_fields() -> list:
    pa = _pa()
    return [pa.field("relation", pa.string()), pa.field("a", pa.string()), pa.field("b", pa.string()),
            pa.field("score", pa.float64()), pa.field("why", pa.string())]


def schema(fields: list):  # type: ignore[no-untyped-def]
    return _pa().schema(fields)


def batches(records: Iterable[dict[str, Any]], size: int = ROWS_PER_GROUP) -> Iterator[list[dict[str, Any]]]:
    """Records in lists of at most ``size``, so a big export never sits in memory whole."""
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write(records: Iterable[dict[str, Any]], sink: str | IO[bytes], fields: list | None = None) -> int:
    """Write records (export-contract dicts) as one Parquet file; returns how many.

    Without ``fields`` the schema is inferred from the first row group (for
    listings other than the export's), and an empty listing is a file with no columns.
    """
    pa = _pa()
    import pyarrow.parquet as pq

    given = schema(fields) if fields is not None else None
    writer = None
    count = 0
    try:
        for batch in batches(records):
            table = pa.Table.from_pylist(batch, schema=given)
            if writer is None:
                writer = pq.ParquetWriter(sink, table.schema)
                given = table.schema  # later row groups keep the first one's types
            writer.write_table(table)
            count += len(batch)
        if writer is None:
            writer = pq.ParquetWriter(sink, given if given is not None else pa.schema([]))
    finally:
        if writer is not None:
            writer.close()
    return count
