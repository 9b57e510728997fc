"""Every error a user can meet, written once, with a code and what to do.

Modelled on spaCy's ``errors.py``: messages live here, not at the raise site, so they
stay consistent and can be looked up by code ("onrecord E003").  Input problems are
``InputError``s: the batch goes on without that input and the exit status says so.
"""

from __future__ import annotations

from enum import Enum


class Errors(str, Enum):
    E001 = "{where}: not a text file (binary content). Convert it to UTF-8 text or leave it out."
    E002 = "{where}: cannot be decoded as UTF-8 or Latin-1 text. Re-save it as UTF-8."
    E003 = "{where}: empty text, nothing to analyse. Remove it or fill it in."
    E004 = "{where}: invalid JSON ({detail}). Fix the line so it is one JSON object."
    E005 = "{where}: missing required field {field!r}. Each JSON line needs 'id' and 'text'."
    E006 = "{where}: document is {size:,} characters, over the limit of {limit:,}. Split it, or raise --max-chars."
    E007 = "{where}: no such file or folder. Check the path."
    E008 = "{where}: field {field!r} must be a string, not {kind}. Fix the line."
    E009 = "{where}: cannot read ({detail}). Check its permissions."
    E010 = "Cannot load spaCy pipeline {model!r}: {detail}. Install it with pip, or pass --model with an installed pipeline."
    E011 = "{where}: database schema version {found} is newer than this onrecord ({supported}). Upgrade onrecord."
    E012 = "{where}: not an onrecord database ({detail}). Pass --db with another path."
    E013 = "{where}: {detail}"
    E014 = "No document matches {doc!r}. List them with 'onrecord statements --format table' or check the id."
    E015 = "{where}: publication date {value!r} is not a date. Use ISO 8601 (2019-06-06 or 2019-06-06T09:07)."
    E016 = "{where}: gold file not found. Pass --shared with the shared data folder (--gold for the BBC dev gold), or put ../shared beside the project."
    E017 = "Semantic similarity is an optional extra. Install it with: pip install 'onrecord[semantic]'."
    E018 = "{where}: no article found in the web page ({detail}). Save the article's own page, or give its text."
    E019 = "{where}: cannot fetch ({detail}). Check the URL, or save the page and analyse the file."
    E020 = "{where}: robots.txt does not allow onrecord to fetch this page. Save it by hand if you may use it."
    E021 = "{where}: not an RSS or Atom feed ({detail}). Give the feed's own URL or file."
    E022 = "{where}: web archive damaged or cut short ({detail}); the records before it were read. Re-download it."
    E023 = "{where}: {kind} is neither a web page nor a feed. Give an HTML page, an RSS/Atom feed or a WARC file."
    E024 = "{where}: id {id!r} already holds another text. Use --force to replace it (and its statements), or give this text another id."
    E025 = "{where}: {size:,} bytes is over the limit of {limit:,}. Save what you need and analyse the file."
    E026 = (
        "{where}: the record is locked by another writer and stayed locked for {seconds:g} s. Every document "
        "committed so far is kept; run the command again, or raise --lock-timeout (or $ONRECORD_LOCK_TIMEOUT)."
    )
    E027 = "{where}: cannot write the output ({detail}). Check the folder exists and is writable, or leave out -o."
    E028 = "{name!r} is not a name in the record.{hint} List the names with 'onrecord speakers'."
    E029 = "{where}: {detail}. Each line must be a JSON object with string fields 'claim' and 'text'."
    E030 = "Parquet is binary and standard output is a terminal: give -o FILE.parquet, or redirect the output to a file."
    E031 = "Running on a Dask cluster is an optional extra. Install it with: pip install 'onrecord[cluster]'."
    E032 = (
        "{address}: cannot reach the Dask scheduler ({detail}). Start one with 'dask scheduler' and workers with "
        "'dask worker ADDRESS', or use --dask local:N for a cluster on this machine."
    )
    E033 = "{where}: not an onrecord dataset ({detail}). Pass a folder written by 'onrecord analyze --out'."
    E034 = (
        "{where}: holds partitions of {found} documents, and this run makes partitions of {size}. "
        "Pass --partition-size {found}, or write to another --out folder."
    )
    E035 = (
        "a worker stopped while analysing ({detail}). Every document written so far is kept; "
        "run the same command again to finish the job."
    )
    E036 = "--dask {value!r}: give a scheduler address (tcp://host:8786) or local:N (N worker processes here)."

    def format(self, **kwargs: object) -> str:  # type: ignore[override]
        return f"[{self.name}] " + self.value.format(**kwargs)


class OnrecordError(Exception):
    """Base of onrecord's own errors: the message is meant for the user as it is."""

    def __init__(self, code: Errors, **kwargs: object) -> None:
        self.code = code
        self.kwargs = kwargs
        super().__init__(code.format(**kwargs))


class InputError(OnrecordError):
    """One input (file, JSON line) was skipped; the rest of the batch goes on."""


class ModelError(OnrecordError):
    """The spaCy pipeline could not be loaded."""


class StoreError(OnrecordError):
    """The database cannot be used as it is."""
