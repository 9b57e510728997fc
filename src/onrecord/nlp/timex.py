"""Temporal expressions, normalised to TIMEX3 values against the publication date.

"On Friday", "earlier this week" and "in March" only mean something next to the
article's date.  Expressions are found with patterns over the raw text (they are
short, regular and must run on every article), then resolved with calendar
arithmetic: news convention puts a bare weekday or month in the past unless the
clause points forward ("will meet on Monday").  Without a publication date,
relative expressions keep TimeML's placeholders (``XXXX-03``).

Extents include a leading "on"/"in" so the expression reads as written ("on
Friday"); TimeML scoring only asks for overlap.  Where the preposition is what
makes the words temporal ("for years", "at the time", "in the summer"), it is
matched but left out of the extent, as TimeML does.  Anaphoric expressions ("that
year", "the following day") take their value from the latest date before them,
once every expression is found.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Time
from .cues import _IRREGULAR, VERB_CUES, _inflections
from .docview import ensure_extensions, text_of

def _tables() -> dict[str, Any]:
    """The word tables in ``data/timex.json``, loaded once."""
    return json.loads(resources.files(__package__).joinpath("data/timex.json").read_text("utf-8"))


_T = _tables()
MONTHS: dict[str, int] = _T["months"]
WEEKDAYS: dict[str, int] = _T["weekdays"]
SEASONS: dict[str, tuple[str, int]] = {k: (v[0], v[1]) for k, v in _T["seasons"].items()}
NUMBERS: dict[str, int] = _T["numbers"]
VAGUE: set[str] = set(_T["vague_amounts"])
UNITS: dict[str, tuple[str, str]] = {k: (v[0], v[1]) for k, v in _T["units"].items()}
ORDINALS: dict[str, int] = _T["ordinals"]
HOLIDAYS: dict[str, tuple[int, int]] = {k: (v[0], v[1]) for k, v in _T["holidays"].items()}


def _alternation(words: Any) -> str:
    """A regex alternation of words, longest first so "sept" wins over "sep"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _past_saying() -> frozenset[str]:
    """Past forms of the reporting verbs: "said on Monday" was said, whatever "will" came before."""
    return frozenset(
        form for verb in VERB_CUES for form in _inflections(verb) if form.endswith("ed") or form in _IRREGULAR.get(verb, ())
    )


_FULL_MONTHS = [max((m for m in MONTHS if MONTHS[m] == n), key=len) for n in range(1, 13)]
_SHORT_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
_MONTH = rf"(?:(?:{_alternation(m.capitalize() for m in _FULL_MONTHS)})|(?:{_alternation(m.capitalize() for m in _SHORT_MONTHS)})\.?)"
_WEEKDAY = rf"(?:{_alternation(w.capitalize() for w in WEEKDAYS)})"
_NUM = rf"(?i:\d+|{_alternation(NUMBERS)})"
_VAGUE = rf"(?i:{_alternation(VAGUE)})"
_UNIT = r"(?i:second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?(?![\w-]*old)"
_PREP = r"(?:(?:[Oo]n|[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]his|[Ll]ast|[Nn]ext) )?"
_SEASON = rf"(?:{_alternation(SEASONS)})"
_ORDINAL = rf"(?:{_alternation(ORDINALS)})"
_BARE_UNIT = rf"(?i:{_alternation(_T['bare_duration_units'])})"
_DURATION_BEFORE = rf"(?i:{_alternation(_T['duration_before'])})"
_HOLIDAY = rf"(?i:{_alternation(HOLIDAYS)})"

FUTURE_MARKERS = re.compile(rf"\b(?:{_alternation(_T['future_markers'])})\b", re.I)
PAST_SAYING = re.compile(rf"\b(?:{_alternation(_past_saying())})\b", re.I)
_YEAR_REF = r"(?:(?:19|20)\d{2}|the year|this year|last year|next year)"
_HOLIDAY_TITLE = _alternation(" ".join(w[:1].upper() + w[1:] for w in h.split()) for h in HOLIDAYS).replace("'", "['’]")
PARTICIPLE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were|has|have|had|to)\s+$", re.I)  # "to be published"
_PREPOSITIONS = "by|in|on|at|for|with|to|from|of|and|but|or|that"  # "the week after by…": the adverb, no clause
_CLAUSE_WORDS = rf"(?i:{_alternation(_T['clause_words'])})"
QUOTE_MARKS = "\"“”«»"


ANAPHOR = "ANAPHOR:"  # a value to be taken from the antecedent once every expression is found


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    type: str
    value: str


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published[:19]).date()
    except ValueError:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None


def _future(text: str, start: int) -> bool:
    """Whether the clause before the expression points forward ("will meet on Monday").

    The clause stops at a quotation mark (the tense inside a quotation is the quoted
    speaker's, not the narrator's), and a past reporting verb nearer the expression
    than any future marker keeps it in the past ("he will go, she said on Monday").
    """
    clause_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 80,
                       *(text.rfind(q, 0, start) for q in QUOTE_MARKS))
    markers = list(FUTURE_MARKERS.finditer(text, clause_start + 1, start))
    if not markers:
        return False
    saying = [m for m in PAST_SAYING.finditer(text, markers[-1].end(), start) if not PARTICIPLE_BEFORE.search(text[max(0, m.start() - 12) : m.start()])]
    return not saying


# ---------------------------------------------------------------- resolvers


def _weekday(name: str, dct: date | None, future: bool) -> str:
    target = WEEKDAYS[name.lower()]
    if dct is None:
        return f"XXXX-WXX-{target + 1}"
    delta = (dct.weekday() - target) % 7
    if future and delta != 0:
        return (dct + timedelta(days=7 - delta)).isoformat()
    return (dct - timedelta(days=delta)).isoformat()


def _month_only(month: int, dct: date | None, future: bool, modifier: str = "") -> str:
    if dct is None:
        return f"XXXX-{month:02d}"
    year = dct.year
    if modifier == "last":
        year = dct.year if month < dct.month else dct.year - 1
    elif modifier == "next":
        year = dct.year if month > dct.month else dct.year + 1
    elif future:
        year = dct.year if month >= dct.month else dct.year + 1
    elif month > dct.month:
        year = dct.year - 1
    return f"{year}-{month:02d}"


def _season(name: str, modifier: str, dct: date | None) -> str:
    code, first_month = SEASONS[name.lower()]
    if dct is None:
        return f"XXXX-{code}"
    year = dct.year
    if modifier == "last":
        year = dct.year if dct.month >= first_month + 3 else dct.year - 1
    elif modifier == "next":
        year = dct.year if dct.month < first_month else dct.year + 1
    return f"{year}-{code}"


def _relative_unit(modifier: str, unit: str, dct: date | None) -> str:
    """this/last/next week, month or year."""
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(modifier, 0)
    if dct is None:
        return {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit]
    if unit == "week":
        return _iso_week(dct + timedelta(weeks=step))
    if unit == "month":
        month_index = dct.year * 12 + dct.month - 1 + step
        return f"{month_index // 12}-{month_index % 12 + 1:02d}"
    return str(dct.year + step)


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _duration(amount: str, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    n = _number(amount)
    count = "X" if n is None else str(n)
    time_part, letter = UNITS[unit]
    if letter == "DE":
        return f"P{n * 10}Y" if n is not None else "PXDE"
    if letter == "CE":
        return f"P{n * 100}Y" if n is not None else "PXCE"
    return f"P{time_part}{count}{letter}"


def _clock(hour: int, minute: int, meridiem: str | None) -> tuple[int, int]:
    meridiem = (meridiem or "").lower().replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    if meridiem == "am" and hour == 12:
        hour = 0
    return hour, minute


# ---------------------------------------------------------------- patterns


def _rules() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, resolver name), most specific first; earlier matches win overlaps."""
    specs = [
        (rf"(?:{_WEEKDAY},? )?{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}(?:,? (?:at )?\d{{1,2}}:\d{{2}} ?(?:[AaPp]\.?[Mm]\.?)?)?", "full_mdy"),
        (rf"(?:{_WEEKDAY},? )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH},? \d{{4}}", "full_dmy"),
        (r"\b\d{4}-\d{2}-\d{2}\b", "iso"),
        (rf"\b\d{{1,2}}:\d{{2}}(?: ?[AaPp]\.?[Mm]\.?)?(?: (?:GMT|UTC|EST|EDT|PST|PDT|BST|CET))?(?: {_WEEKDAY})?", "clock"),
        (r"\b\d{1,2} ?(?:[AaPp]\.[Mm]\.|[AaPp][Mm])\b", "clock"),
        (rf"{_PREP}{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b(?!,? \d{{4}})", "month_day"),
        (rf"{_PREP}\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH}(?! \d{{4}})", "day_month"),
        (rf"{_PREP}(?:(?:early|mid|late)[- ])?{_MONTH},? \d{{4}}", "month_year"),
        (rf"{_PREP}(?:(?:early|mid|late)[- ])?{_MONTH},? (?:last|this|next) year\b", "month_relative_year"),
        (rf"\b(?:[Tt]he )?(?:{_ORDINAL}|last(?= quarter of))[- ]quarter\b(?: of {_YEAR_REF})?", "quarter"),
        (r"\bQ[1-4](?: (?:19|20)\d{2})?\b", "quarter"),
        (r"\b(?:[Tt]his|[Ll]ast|[Nn]ext|[Tt]he (?:previous|current|coming|next|last)) quarter\b", "relative_quarter"),
        (rf"\b(?:[Tt]he )?(?:first|second)[- ]half of {_YEAR_REF}", "half"),
        (rf"\b(?:[Tt]he )?(?:(?:early|late|mid)[- ])?{_SEASON}(?: of)? (?:19|20)\d{{2}}\b", "season_year"),
        (r"\b(?:[Tt]he )?(?:[Pp]ast|[Ll]ast|[Nn]ext|[Cc]oming|[Pp]revious|[Tt]his|[Cc]urrent) decade\b(?!s)", "relative_decade"),
        (r"\b(?:[Tt]his|[Ll]ast|[Nn]ext|[Tt]he) weekend\b", "weekend"),
        (r"\b(?:[Ee]arlier|[Ll]ater) (?:this|in the) (?:week|month|year)\b", "relative_unit"),
        (r"\b(?:[Tt]he )?(?:[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Pp]revious|[Cc]oming) (?:fiscal )?(?:week|month|year)\b(?!s)", "relative_unit"),
        (rf"\b(?:[Tt]he )?(?:[Pp]ast|[Ll]ast|[Nn]ext|[Cc]oming) (?:{_NUM}|{_VAGUE}) {_UNIT}", "span_duration"),
        (rf"\b(?:(?:[Tt]he )?[Cc]oming|[Tt]he (?:past|last|next)) (?:{_BARE_UNIT})\b", "span_duration"),
        (r"\b(?:[Tt]hat|[Tt]he) same (?:day|week|month|year)\b|\b[Tt]hat (?:day|week|month|year)\b(?![\w-])(?! after\b)", "anaphor"),
        (r"\b[Tt]he (?:following|next) day\b|\b[Tt]he following (?:week|month|year)\b", "anaphor"),
        (rf"\b[Tt]he (?:day|week|month|year) (?:before|after)(?= *[.,;:)]| (?:{_PREPOSITIONS})\b)", "anaphor"),
        (rf"\b(?P<x>[Tt]he (?:day|week|month|year))(?= (?:before|after) (?!(?:{_PREPOSITIONS})\b)[A-Za-z])", "event_anchored"),
        (r"\b(?:[Tt]he )?(?:end|start|beginning|middle) of (?:the |this |last |next )?(?:year|month|week)\b", "part_of_unit"),
        (rf"\b{_NUM}[- ]{_UNIT} ago\b", "ago"),
        (r"\b(?:[Ll]ast|[Tt]his|[Nn]ext) (?:spring|summer|autumn|fall|winter)\b", "season"),
        (rf"\b(?:[Ii]n|[Dd]uring|[Oo]ver|[Bb]y|[Uu]ntil|[Ss]ince|[Tt]hrough) (?P<x>(?:the )?(?:(?:early|late)[- ])?{_SEASON})\b(?! of\b)(?![- ]\w)", "bare_season"),
        (rf"(?:[Oo]n )?\b(?:{_HOLIDAY_TITLE})(?!\w)(?<!Christmas)", "holiday"),
        (rf"\b(?:[Aa]t|[Oo]ver|[Bb]efore|[Aa]fter|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Tt]his|[Ll]ast|[Nn]ext) Christmas\b(?! (?!(?:{_CLAUSE_WORDS})\b)\w)", "holiday"),
        (rf"\b(?:[Oo]n )?{_WEEKDAY}s\b", "weekly_day"),
        (r"\b(?:[Aa]t |[Bb]y |[Uu]ntil |[Bb]efore |[Aa]fter |[Ff]rom |[Ss]ince )?(?:noon|midnight)\b", "noon"),
        (r"\b(?:(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts) )?(?:(?:early|late|mid)[- ])?['’]?[2-9]0s\b", "short_decade"),
        (rf"\b(?:[Ll]ast|[Tt]his|[Nn]ext) {_MONTH}(?! \d)", "modified_month"),
        (rf"{_PREP}{_WEEKDAY}(?: (?:morning|afternoon|evening|night))?\b", "weekday"),
        (r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)\b", "deictic"),
        (rf"{_PREP}(?:(?:early|mid|late)[- ])?{_MONTH}(?!\w| \d)", "month"),
        (r"\b(?:[Tt]he )?(?:19|20)\d0s\b", "decade"),
        (r"\b(?:[Tt]he )?(?:\d{1,2})(?:st|nd|rd|th) [Cc]entury\b", "century"),
        (rf"\b(?:{_NUM}|{_VAGUE})[- ]{_UNIT}(?:'|’)?(?=\W|$)", "duration"),
        (r"\b(?:[Ee]very|[Ee]ach) (?:day|week|month|year|morning|night|season)\b|\b(?:daily|weekly|monthly|annually|yearly)\b", "set"),
        (r"\b(?:[Nn]ow|[Cc]urrently|[Nn]owadays|[Aa]t present|[Rr]ight now)\b", "present"),
        (r"\b(?:[Rr]ecently|[Pp]reviously|[Ff]ormerly|[Ii]n the past|[Rr]ecent times|[Tt]hose days)\b", "past"),
        (r"\b(?:[Aa]t|[Ss]ince|[Uu]ntil|[Bb]efore) (?P<x>(?:the|that) time)\b(?! of\b| when\b| to\b| for\b|s)", "then"),
        (rf"\b{_DURATION_BEFORE} (?P<x>{_BARE_UNIT})\b(?![\w-]*\s*old\b)", "bare_duration"),
        (r"(?:^|(?<=[.!?\n] )|(?<=[“\"]))(?P<x>Hours|Days|Weeks|Months|Years|Decades)\b(?= (?:of|later|earlier|before|after|ago)\b)", "bare_duration"),
        (r"\b(?:[Ii]n the (?:near )?future|[Ss]oon)\b", "future"),
        (r"(?<=\b(?:1[89]|20)\d{2}[-–/])\d{2}\b(?![-–/]?\d)", "year_range_end"),
        (r"(?<![\d,.$£€])\b(?:1[89]|20)\d{2}\b(?!\d|,\d|%| percent| (?:people|votes|troops|dollars|pounds|euros))", "year"),
    ]
    return [(re.compile(pattern), name) for pattern, name in specs]


RULES = _rules()


def find_times(text: str, published: str | None) -> list[Found]:
    """Every temporal expression in the text, with its TIMEX3 type and value."""
    dct = _parse_published(published)
    taken: list[tuple[int, int]] = []
    found: list[Found] = []
    for pattern, name in RULES:
        for m in pattern.finditer(text):
            start, end = m.span("x") if "x" in pattern.groupindex else m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            resolved = _resolve(name, text[start:end], text, start, dct)
            if resolved is None:
                continue
            type_, value = resolved
            taken.append((start, end))
            found.append(Found(start, end, type_, value))
    found.sort(key=lambda f: f.start)
    return _resolve_anaphors(found)


def _resolve_anaphors(found: list[Found]) -> list[Found]:
    """"That year", "the following day": the value of the latest time before them, moved."""
    resolved: list[Found] = []
    antecedent: str | None = None
    for f in found:
        if f.value.startswith(ANAPHOR):
            _, unit, shift = f.value.split(":")
            f = Found(f.start, f.end, f.type, _event_day(antecedent, unit) if shift == "E" else _shifted(antecedent, unit, int(shift)))
        elif f.type in ("DATE", "TIME") and f.value[:1].isdigit():
            antecedent = f.value
        resolved.append(f)
    return resolved


def _shifted(antecedent: str | None, unit: str, shift: int) -> str:
    """The ``unit`` that holds the antecedent, ``shift`` units on; TimeML's X where the text does not say."""
    value = antecedent or ""
    year = value[:4] if re.match(r"\d{4}", value) else "XXXX"
    day = _safe_iso(value[:10]) if re.match(r"\d{4}-\d{2}-\d{2}", value) else None
    if unit == "year":
        return str(int(year) + shift) if year != "XXXX" else year
    if unit == "month":
        if re.match(r"\d{4}-\d{2}(?!\d)", value[:7]) and value[5:6].isdigit():
            index = int(year) * 12 + int(value[5:7]) - 1 + shift
            return f"{index // 12}-{index % 12 + 1:02d}"
        return f"{year}-XX"
    if unit == "week":
        if day is not None:
            return _iso_week(day + timedelta(weeks=shift))
        return f"{year}-WXX"
    if day is not None:
        return (day + timedelta(days=shift)).isoformat()
    if re.match(r"\d{4}-\d{2}$", value):
        return f"{value}-XX"
    return f"{year}-XX-XX"


def _event_day(antecedent: str | None, unit: str) -> str:
    """"The day before <event>": a day of the story's latest year, the rest unknown."""
    year = antecedent[:4] if antecedent and re.match(r"\d{4}", antecedent) else "XXXX"
    return {"year": "XXXX", "month": f"{year}-XX", "week": f"{year}-WXX"}.get(unit, f"{year}-XX-XX")


def _part_of_unit(lower: list[str], dct: date | None, future: bool) -> str:
    """"The end of the year": this one ahead, the last one behind (unless it is already here)."""
    unit = lower[-1]
    explicit = next((w for w in lower if w in ("this", "last", "next")), None)
    if explicit is None:
        part = next(w for w in lower if w in ("end", "start", "beginning", "middle"))
        explicit = "this"
        if dct is not None and not future and part == "end":
            here = {"year": dct.month == 12, "month": dct.day >= 24, "week": dct.weekday() >= 4}[unit]
            explicit = "this" if here else "last"
        elif dct is not None and future and part in ("start", "beginning"):
            explicit = "next"
    return _relative_unit(explicit, unit, dct)


def _safe_iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _resolve(name: str, expr: str, text: str, start: int, dct: date | None) -> tuple[str, str] | None:
    words = expr.replace(",", " ").replace(".", " ").replace("-", " ").split()
    lower = [w.lower() for w in words]
    future = _future(text, start)
    if name in ("full_mdy", "full_dmy", "iso"):
        try:
            moment = datetime.strptime(" ".join(_date_words(lower)), "%m %d %Y") if name != "iso" else datetime.fromisoformat(expr)
        except ValueError:
            return None
        if ":" in expr:
            clock = re.search(r"(\d{1,2}):(\d{2}) ?([AaPp]\.?[Mm]\.?)?", expr)
            if clock:
                h, mi = _clock(int(clock.group(1)), int(clock.group(2)), clock.group(3))
                return "TIME", f"{moment.date().isoformat()}T{h:02d}:{mi:02d}"
        return "DATE", moment.date().isoformat()
    if name == "clock":
        clock = re.search(r"(\d{1,2})(?::(\d{2}))? ?([AaPp]\.?[Mm]\.?)?", expr)
        if clock is None:
            return None
        h, mi = _clock(int(clock.group(1)), int(clock.group(2) or 0), clock.group(3))
        if h > 23 or mi > 59:
            return None
        day = dct.isoformat() if dct else "XXXX-XX-XX"
        weekday = next((w for w in lower if w in WEEKDAYS), None)
        if weekday and dct:
            day = _weekday(weekday, dct, True)  # "15:00 GMT Saturday": a kick-off ahead
        return "TIME", f"{day}T{h:02d}:{mi:02d}"
    if name in ("month_day", "day_month"):
        month = next(MONTHS[w] for w in lower if w in MONTHS)
        day = int(next(re.sub(r"\D", "", w) for w in lower if re.match(r"\d", w)))
        if not 1 <= day <= 31:
            return None
        if dct is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}"
        value = _day_of_month(month, day, dct, future)
        return None if value is None else ("DATE", value)
    if name == "month_relative_year":
        month = next(MONTHS[w] for w in lower if w in MONTHS)
        step = {"last": -1, "next": 1}.get(next(w for w in lower if w in ("last", "this", "next")), 0)
        return "DATE", f"{dct.year + step}-{month:02d}" if dct else f"XXXX-{month:02d}"
    if name in ("quarter", "half"):
        return "DATE", _part_of_year(name, lower, dct, future)
    if name == "relative_quarter":
        step = next((v for w, v in (("previous", -1), ("last", -1), ("next", 1), ("coming", 1)) if w in lower), 0)
        if dct is None:
            return "DATE", "XXXX-QX"
        index = dct.year * 4 + (dct.month - 1) // 3 + step
        return "DATE", f"{index // 4}-Q{index % 4 + 1}"
    if name == "season_year":
        season = next(w for w in lower if w in SEASONS)
        return "DATE", f"{next(w for w in lower if w.isdigit())}-{SEASONS[season][0]}"
    if name == "relative_decade":
        step = next((v for w, v in (("past", -1), ("last", -1), ("previous", -1), ("next", 1), ("coming", 1)) if w in lower), 0)
        if lower[0] == "the" and step:
            return "DURATION", "P10Y"  # "over the next decade": ten years from now
        return "DATE", str(dct.year // 10 + step) if dct else "XXX"
    if name == "weekend":
        return "DATE", _weekend(lower[0], dct, future)
    if name == "bare_season":
        season = next(w for w in lower if w in SEASONS)
        if season == "fall" and lower[0] != "the":
            return None  # "in fall" is too often the noun
        return "DATE", _season_around(season, dct, future)
    if name == "holiday":
        holiday = re.sub(r"^(?:on|at|over|before|after|since|until|by|during|this|last|next) ", "", expr.lower().replace("’", "'"))
        month, day = HOLIDAYS[holiday]
        modifier = lower[0] if lower[0] in ("last", "next") else ""
        return "DATE", _day_of_month(month, day, dct, modifier == "next" or (future and modifier != "last")) or f"XXXX-{month:02d}-{day:02d}"
    if name == "weekly_day":
        return "SET", f"XXXX-WXX-{WEEKDAYS[lower[-1][:-1]] + 1}"
    if name == "noon":
        day = dct.isoformat() if dct else "XXXX-XX-XX"
        return "TIME", f"{day}T{'12:00' if 'noon' in lower else '24:00'}"
    if name == "short_decade":
        if lower[0] in ("his", "her", "their", "its") or (lower[0] != "the" and not re.search(r"early|late|mid", expr)):
            return None  # "in his 80s" is an age; a bare "80s" too often a score or a speed
        return "DATE", "19" + re.search(r"([2-9])0s", expr).group(1)  # type: ignore[union-attr]
    if name == "anaphor":
        unit = next(w for w in lower if w in ("day", "week", "month", "year"))
        shift = 1 if ("following" in lower or "next" in lower or "after" in lower) else -1 if "before" in lower else 0
        return "DATE", f"{ANAPHOR}{unit}:{shift}"
    if name == "event_anchored":
        return "DATE", f"{ANAPHOR}{lower[-1]}:E"  # "the day before he was arrested": the year of the story at best
    if name == "part_of_unit":
        return "DATE", _part_of_unit(lower, dct, future)
    if name == "year_range_end":
        first = text[start - 5 : start - 1]
        if not first.isdigit() or int(expr) <= int(first[2:]):
            return None
        return "DATE", first[:2] + expr  # "1957-58": the second year of the span
    if name == "then":
        return "DATE", "FUTURE_REF" if future else "PAST_REF"
    if name == "bare_duration":
        return "DURATION", _duration("several", lower[-1])
    if name == "month_year":
        month = next(MONTHS[w] for w in lower if w in MONTHS)
        year = next(w for w in lower if re.fullmatch(r"\d{4}", w))
        return "DATE", f"{year}-{month:02d}"
    if name == "relative_unit":
        unit = next(w for w in lower if w in ("week", "month", "year"))
        modifier = next((w for w in lower if w in ("last", "past", "previous", "next", "coming")), "this")
        return "DATE", _relative_unit(modifier, unit, dct)
    if name == "span_duration":
        unit = lower[-1]
        amount = next((w for w in lower if _number(w) is not None), "X")
        return "DURATION", _duration(amount if amount != "X" else "several", unit)
    if name == "ago":
        n = _number(lower[0])
        unit = lower[1].rstrip("s") if len(lower) > 2 else ""
        if dct is None or n is None or unit not in ("year", "month", "day", "week"):
            return "DATE", "PAST_REF"
        if unit == "year":
            return "DATE", str(dct.year - n)
        if unit == "month":
            index = dct.year * 12 + dct.month - 1 - n
            return "DATE", f"{index // 12}-{index % 12 + 1:02d}"
        return "DATE", (dct - timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    if name == "season":
        return "DATE", _season(lower[-1], lower[0], dct)
    if name == "modified_month":
        return "DATE", _month_only(MONTHS[lower[-1]], dct, future, lower[0])
    if name == "weekday":
        weekday = next(w for w in lower if w in WEEKDAYS)
        value = _weekday(weekday, dct, future)
        part = next((w for w in lower if w in ("morning", "afternoon", "evening", "night")), None)
        if part:
            return "TIME", f"{value}T{ {'morning': 'MO', 'afternoon': 'AF', 'evening': 'EV', 'night': 'NI'}[part]}"
        return "DATE", value
    if name == "deictic":
        word = lower[0]
        if expr[:1].isupper() and not _starts_sentence(text, start):
            return None  # "Radio 4's Today programme", "USA Today": a name
        if dct is None:
            return "DATE", "PRESENT_REF" if word == "today" else ("PAST_REF" if word == "yesterday" else "FUTURE_REF")
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        day = (dct + timedelta(days=shift)).isoformat()
        return ("TIME", f"{day}TNI") if word == "tonight" else ("DATE", day)
    if name == "month":
        month_word = next((w for w in lower if w in MONTHS), None)
        if month_word is None or (month_word == "may" and not expr.strip().split()[-1][:1].isupper()):
            return None
        if month_word in ("mar", "may", "jun", "jan") and words[-1] in ("Mar", "Jan"):
            return None
        if month_word == "may" and len(words) == 1 and not _month_context(text, start, len(expr)):
            return None
        return "DATE", _month_only(MONTHS[month_word], dct, future)
    if name == "decade":
        digits = re.search(r"(\d{3})0s", expr)
        return "DATE", digits.group(1) if digits else None  # type: ignore[return-value]
    if name == "century":
        n = int(re.search(r"\d+", expr).group(0))  # type: ignore[union-attr]
        return "DATE", f"{n - 1:02d}"
    if name == "duration":
        amount = next((w for w in lower if _number(w) is not None or w in ("several", "few", "many", "some", "recent")), "X")
        unit = re.search(_UNIT, expr.lower()).group(0)  # type: ignore[union-attr]
        if unit == "second" and lower[0] in ("a", "an", "one") and _ordinal_second(text, start + len(expr)):
            return None  # "a second vessel": the ordinal, not one second
        return "DURATION", _duration(amount, unit)
    if name == "set":
        return "SET", _set_value(lower)
    if name == "present":
        return "DATE", "PRESENT_REF"
    if name == "past":
        return "DATE", "PAST_REF"
    if name == "future":
        return "DATE", "FUTURE_REF"
    if name == "year":
        return "DATE", expr
    return None


def _day_of_month(month: int, day: int, dct: date | None, future: bool) -> str | None:
    """A day named without its year: the nearest one on the side the clause points to."""
    if dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    year = dct.year
    candidate = _safe_date(year, month, day)
    if candidate is None:
        return None
    if future and candidate < dct:
        year += 1
    elif not future and (candidate - dct).days > 183:
        year -= 1
    return f"{year}-{month:02d}-{day:02d}"


def _part_of_year(name: str, lower: list[str], dct: date | None, future: bool) -> str:
    """A quarter or half: of the year it names, else the one nearest the publication on the clause's side."""
    if name == "half":
        part = f"H{1 if 'first' in lower else 2}"
        months = (1, 6) if part == "H1" else (7, 12)
    else:
        q = next((int(w[1]) for w in lower if re.fullmatch(r"q[1-4]", w)), None)
        q = q or next((ORDINALS[w] for w in lower if w in ORDINALS), 4)  # "the last quarter of 2018"
        part = f"Q{q}"
        months = (3 * q - 2, 3 * q)
    year_word = next((w for w in lower if re.fullmatch(r"\d{4}", w)), None)
    if year_word:
        return f"{year_word}-{part}"
    if dct is None:
        return f"XXXX-{part}"
    of_year = lower[lower.index("of") + 1 :] if "of" in lower else []  # "of last year", "of next year"
    if "last" in of_year or "next" in of_year:
        return f"{dct.year + (1 if 'next' in of_year else -1)}-{part}"
    if future:
        return f"{dct.year if months[1] >= dct.month else dct.year + 1}-{part}"
    return f"{dct.year if months[0] <= dct.month else dct.year - 1}-{part}"


def _season_around(season: str, dct: date | None, future: bool) -> str:
    """"In the winter" without a year: the last one begun, or the next one not over if the clause looks ahead."""
    code, first = SEASONS[season]
    if dct is None:
        return f"XXXX-{code}"
    if code == "WI":  # December to February, named for the year of its December
        if future:
            return f"{dct.year - 1 if dct.month <= 2 else dct.year}-WI"
        return f"{dct.year if dct.month == 12 else dct.year - 1}-WI"
    last = first + 2
    if future:
        return f"{dct.year if last >= dct.month else dct.year + 1}-{code}"
    return f"{dct.year if first <= dct.month else dct.year - 1}-{code}"


def _weekend(modifier: str, dct: date | None, future: bool) -> str:
    """ISO weekends: "this weekend" is the publication week's, "at the weekend" the last or, ahead, the next."""
    if dct is None:
        return "XXXX-WXX-WE"
    step = {"last": -1, "next": 1, "this": 0}.get(modifier)
    if step is None:  # "the weekend"
        step = 0 if future or dct.weekday() >= 5 else -1
    return f"{_iso_week(dct + timedelta(weeks=step))}-WE"


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    return not before or before[-1] in ".!?\n:\"“‘'(—-"


def _ordinal_second(text: str, end: int) -> bool:
    """"a second" followed by a noun is the ordinal ("a second vessel", "a second time")."""
    following = re.match(r"\s+([A-Za-z]+)", text[end:])
    return bool(following) and following.group(1).lower() not in {
        "later", "earlier", "ago", "before", "after", "of", "or", "and", "longer", "too", "in", "to", "for", "than",
    }


def _month_context(text: str, start: int, length: int) -> bool:
    """"May" is a month only before a day, year or after "in"/"early"/"late"."""
    before = text[max(0, start - 8) : start].lower()
    after = text[start + length : start + length + 6]
    return bool(re.search(r"(?:in|early|late|mid|since|until|by|of)[ -]?$", before)) or bool(re.match(r"[ ,]+\d", after))


def _date_words(lower: list[str]) -> list[str]:
    month = next(str(MONTHS[w]) for w in lower if w in MONTHS)
    numbers = [re.sub(r"\D", "", w) for w in lower if re.match(r"\d", w) and ":" not in w]
    day = next(n for n in numbers if len(n) <= 2)
    year = next(n for n in numbers if len(n) == 4)
    return [month, day, year]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _set_value(lower: list[str]) -> str:
    for word, value in (("day", "P1D"), ("daily", "P1D"), ("week", "P1W"), ("weekly", "P1W"), ("month", "P1M"),
                        ("monthly", "P1M"), ("year", "P1Y"), ("annually", "P1Y"), ("yearly", "P1Y")):
        if word in lower:
            return value
    return "P1D"


# ---------------------------------------------------------------- component


@Language.factory("onrecord_timex", assigns=["doc._.onrecord_times"], requires=[])
def make_timex(nlp: Language, name: str) -> "TimexTagger":
    return TimexTagger()


class TimexTagger:
    """spaCy component: sets ``doc._.onrecord_times`` from the document's own text."""

    def __init__(self) -> None:
        ensure_extensions("onrecord_times", "onrecord_doc_id", "onrecord_published")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        doc_id = doc._.onrecord_doc_id or ""
        doc._.onrecord_times = [
            Time(doc_id=doc_id, text=text[f.start : f.end], start=f.start, end=f.end, type=f.type, value=f.value)  # type: ignore[arg-type]
            for f in find_times(text, doc._.onrecord_published)
        ]
        return doc
