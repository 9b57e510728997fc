"""Publication date and outlet from the top of a plain-text article.

Wire copy and saved web pages carry them in predictable places: a date line under
the headline (``Jun 6, 2019`` then ``9:07 AM``), or a dateline opening the first
paragraph (``(Bloomberg) --``, ``WASHINGTON (Reuters) -``).  Only the first lines
are read, so a date deep in the story is never taken for the publication date.
"""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateparser

HEADER_LINES = 8

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:[,\s]+(?:at\s+)?\d{{1,2}}:\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?)?\s*$"
)
_TIME_LINE = re.compile(r"^\s*(\d{1,2}:\d{2})\s*([AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4})?\s*$")
# "WASHINGTON (AP) —", "LONDON, Dec 2 (Reuters) -", "FLINT, Mich., Oct. 4 (UPI) —": a place in
# capitals, an optional state abbreviation and date, the agency in brackets, a dash.
_DATELINE_OUTLET = re.compile(
    r"^\s*(?:[A-Z][A-Z .'-]*(?:,\s*[A-Z][a-z]{1,4}\.?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?,?\s)?"
    r"\(([A-Z][\w&.' -]{1,40})\)\s*(?:--|—|–|-)\s"
)
_BYLINE_OUTLET = re.compile(r"^\s*By\s+[^|]+\|\s*([A-Z][\w&.' -]{1,40})\s*$")


def _parse_date(text: str) -> datetime | None:
    try:
        return dateparser.parse(text, fuzzy=False)
    except (ValueError, OverflowError):
        return None


def find_published(text: str) -> str | None:
    """An ISO date (with the time when a time line follows) from the header lines."""
    lines = text.split("\n")[: HEADER_LINES * 2]
    nonblank = [ln for ln in lines if ln.strip()][:HEADER_LINES]
    for i, line in enumerate(nonblank):
        if not _DATE_LINE.match(line):
            continue
        moment = _parse_date(line.strip())
        if moment is None:
            continue
        has_time = ":" in line
        if not has_time and i + 1 < len(nonblank):
            time_match = _TIME_LINE.match(nonblank[i + 1])
            if time_match:
                clock = _parse_date(f"{moment.date().isoformat()} {nonblank[i + 1].strip()}")
                if clock is not None:
                    return clock.strftime("%Y-%m-%dT%H:%M")
        return moment.strftime("%Y-%m-%dT%H:%M") if has_time else moment.date().isoformat()
    return None


def find_outlet(text: str) -> str | None:
    """The outlet named in a dateline or byline near the top."""
    lines = [ln for ln in text.split("\n")[: HEADER_LINES * 2] if ln.strip()][:HEADER_LINES]
    for line in lines:
        m = _DATELINE_OUTLET.match(line) or _BYLINE_OUTLET.match(line)
        if m:
            return m.group(1).strip()
    return None


def find_title(text: str) -> str | None:
    """The first non-blank line, when it is short enough to be a headline."""
    for line in text.split("\n"):
        if line.strip():
            title = line.strip()
            return title if len(title) <= 300 else None
    return None


def normalise_published(value: str) -> str | None:
    """ISO 8601 date or minute-precision datetime, or None when it is not a date."""
    value = value.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$", value):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        return None
    if len(value) == 10:
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%dT%H:%M")
