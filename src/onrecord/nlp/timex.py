"""Temporal expressions, normalised to TIMEX3 values against the publication date.

"On Friday", "earlier this week" and "in March" only mean something next to the
article's date.  Expressions are found with patterns over the raw text (they are
short, regular and must run on every article), then resolved with calendar
arithmetic: news convention puts a bare weekday or month in the past unless the
clause points forward ("will meet on Monday").  Without a publication date,
relative expressions keep TimeML's placeholders (``XXXX-03``).

Extents include a leading "on"/"in" so the expression reads as written ("on
Friday"); TimeML scoring only asks for overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Time
from .docview import ensure_extensions, text_of

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "hundred": 100,
}
VAGUE = {"several", "a few", "few", "many", "some", "recent", "the past few", "the last few", "a couple of"}
UNITS = {
    "second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"), "week": ("", "W"),
    "month": ("", "M"), "year": ("", "Y"), "decade": ("", "DE"), "century": ("", "CE"),
}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?i:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred)"
_VAGUE = r"(?i:several|a few|few|many|some|recent|a couple of)"
_UNIT = r"(?i:second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?(?![\w-]*old)"
_PREP = r"(?:(?:[Oo]n|[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]his|[Ll]ast|[Nn]ext) )?"

FUTURE_MARKERS = re.compile(
    r"\b(?:will|won't|shall|'ll|going to|plans? to|planned|scheduled|expected to|is to|are to|due|set to|next|upcoming|later|to run through|until)\b",
    re.I,
)


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
    """Whether the clause before the expression points forward ("will meet on Monday")."""
    clause_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 80)
    return bool(FUTURE_MARKERS.search(text, clause_start + 1, start))


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
        (r"\b(?:[Ee]arlier|[Ll]ater) (?:this|in the) (?:week|month|year)\b", "relative_unit"),
        (r"\b(?:[Tt]he )?(?:[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Pp]revious|[Cc]oming) (?:fiscal )?(?:week|month|year)\b(?!s)", "relative_unit"),
        (rf"\b(?:[Tt]he )?(?:[Pp]ast|[Ll]ast|[Nn]ext|[Cc]oming) (?:{_NUM}|{_VAGUE}) {_UNIT}", "span_duration"),
        (rf"\b{_NUM}[- ]{_UNIT} ago\b", "ago"),
        (r"\b(?:[Ll]ast|[Tt]his|[Nn]ext) (?:spring|summer|autumn|fall|winter)\b", "season"),
        (rf"\b(?:[Ll]ast|[Tt]his|[Nn]ext) {_MONTH}(?! \d)", "modified_month"),
        (rf"{_PREP}{_WEEKDAY}(?: (?:morning|afternoon|evening|night))?\b", "weekday"),
        (r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)\b", "deictic"),
        (rf"{_PREP}(?:(?:early|mid|late)[- ])?{_MONTH}(?!\w| \d)", "month"),
        (r"\b(?:[Tt]he )?(?:19|20)\d0s\b", "decade"),
        (r"\b(?:[Tt]he )?(?:\d{1,2})(?:st|nd|rd|th) [Cc]entury\b", "century"),
        (rf"\b(?:{_NUM}|{_VAGUE})[- ]{_UNIT}(?:'|’)?(?=\W|$)", "duration"),
        (r"\b(?:[Ee]very|[Ee]ach) (?:day|week|month|year|morning|night|season)\b|\b(?:daily|weekly|monthly|annually|yearly)\b", "set"),
        (r"\b(?:[Nn]ow|[Cc]urrently|[Nn]owadays|[Aa]t present|[Rr]ight now)\b", "present"),
        (r"\b(?:[Rr]ecently|[Pp]reviously|[Ff]ormerly|[Ii]n the past)\b", "past"),
        (r"\b(?:[Ii]n the (?:near )?future|[Ss]oon)\b", "future"),
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
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            resolved = _resolve(name, m.group(0), text, start, dct)
            if resolved is None:
                continue
            type_, value = resolved
            taken.append((start, end))
            found.append(Found(start, end, type_, value))
    found.sort(key=lambda f: f.start)
    return found


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
        year = dct.year
        candidate = _safe_date(year, month, day)
        if candidate is None:
            return None
        if future and candidate < dct:
            year += 1
        elif not future and (candidate - dct).days > 183:
            year -= 1
        return "DATE", f"{year}-{month:02d}-{day:02d}"
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


@Language.factory("onrecord_timex")
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
