"""What "Wanneer" of an action means: Dutch (and English) dates as people type them in a meeting.

"15-12-2026", "20 januari", "eind juni", "Q3", "week 12", "najaar", "schooljaar 2026-2027" are
understood; anything else ("zsm", "na de MR") stays free text, as typed. A date without a year
means the first such date on or after the meeting's own date (in a meeting of 14 March 2026,
"20 januari" is 20 January 2027 and "eind juni" the end of June 2026), and the screen and the
documents say which year that is. Actions sort by their deadline (the last day the text can mean);
free text comes after every date.

Standard library and :mod:`grow_app.i18n` only: the session screen uses it while typing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from grow_app.i18n import t_in

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2,
    "maart": 3, "mrt": 3, "maa": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "ma", "di", "wo", "do", "vr", "za", "zo", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
)  # fmt: skip
PARTS = {
    "begin": "begin", "start": "begin", "early": "begin", "aan het begin van": "begin",
    "half": "half", "halverwege": "half", "medio": "half", "midden": "half", "mid": "half",
    "eind": "eind", "einde": "eind", "end": "eind", "end of": "eind", "late": "eind",
    "aan het eind van": "eind", "eind van": "eind", "einde van": "eind", "begin van": "begin",
}  # fmt: skip
SEASONS = {
    "voorjaar": "voorjaar", "lente": "voorjaar", "spring": "voorjaar",
    "zomer": "zomer", "summer": "zomer", "zomervakantie": "zomer",
    "najaar": "najaar", "herfst": "najaar", "autumn": "najaar", "fall": "najaar",
    "winter": "winter",
}  # fmt: skip
SEASON_MONTHS = {"voorjaar": (3, 5), "zomer": (6, 8), "najaar": (9, 11), "winter": (12, 2)}
ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4,
    "first": 1, "second": 2, "third": 3, "fourth": 4,
}  # fmt: skip
PREFIXES = (
    "uiterlijk", "uiterst", "voor", "vóór", "per", "op", "in", "rond", "omstreeks", "tegen",
    "ergens in", "deadline", "by", "before", "on", "in", "around", "due", "de", "het", "the",
)  # fmt: skip
"""Words in front of a date that do not change which date it is ("uiterlijk 1 april")."""
RELATIVE = {
    "deze week": ("week", 0), "volgende week": ("week", 1), "this week": ("week", 0),
    "next week": ("week", 1), "deze maand": ("month", 0), "volgende maand": ("month", 1),
    "this month": ("month", 0), "next month": ("month", 1), "dit jaar": ("year", 0),
    "volgend jaar": ("year", 1), "this year": ("year", 0), "next year": ("year", 1),
}  # fmt: skip

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_PART = "|".join(sorted(PARTS, key=len, reverse=True))
_SEASON = "|".join(sorted(SEASONS, key=len, reverse=True))
_YEAR = r"(?P<year>\d{4}|'\d{2})"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("iso", r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
        ("numeric", r"(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})(?:[-/.](?P<year>\d{4}|\d{2}))?"),
        ("month", r"(?P<month>\d{1,2})[-/](?P<year>\d{4})"),
        ("day", rf"(?P<day>\d{{1,2}})(?:e|ste|de|st|nd|rd|th)?\s+(?:of\s+)?(?P<mname>{_MONTH})\.?(?:,?\s+{_YEAR})?"),
        ("day", rf"(?P<mname>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?"),
        ("part", rf"(?P<part>{_PART})[\s-]+(?P<mname>{_MONTH})\.?(?:\s+{_YEAR})?"),
        ("month", rf"(?P<mname>{_MONTH})\.?(?:\s+{_YEAR})?"),
        ("quarter", rf"q\s?(?P<q>[1-4])(?:\s*[-/]?\s*{_YEAR})?"),
        ("quarter", rf"(?P<q>[1-4])e\s+kwartaal(?:\s+(?:van\s+)?{_YEAR})?"),
        ("quarter", rf"kwartaal\s+(?P<q>[1-4])(?:\s+{_YEAR})?"),
        ("quarter", rf"(?P<qword>{'|'.join(ORDINALS)})\s+(?:kwartaal|quarter)(?:\s+(?:van\s+|of\s+)?{_YEAR})?"),
        ("week", rf"(?:week|wk)\s*(?P<week>\d{{1,2}})(?:\s+(?:van\s+|of\s+)?{_YEAR})?"),
        ("season", rf"(?P<season>{_SEASON})(?:\s+{_YEAR})?"),
        ("schoolyear", r"(?:schooljaar\s+|school year\s+)?(?P<year>\d{4})\s*[-/]\s*(?P<year2>\d{4}|\d{2})"),
        ("part_year", rf"(?P<part>{_PART})\s+{_YEAR}"),
        ("year", _YEAR),
    )
)  # fmt: skip


@dataclass(frozen=True)
class When:
    """One "Wanneer" as typed, and the days it can mean (``start`` … ``end``, both None for free
    text). ``kind`` says how precise it is: day, part (of a month), month, quarter, week, season,
    schoolyear, part_year, year; '' for free text."""

    text: str
    kind: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    year_given: bool = False
    part: str = ""
    """begin / half / eind (part of a month or a year), or the season."""
    number: int = 0
    """The quarter or the week."""

    @property
    def is_date(self) -> bool:
        return self.end is not None

    @property
    def looks_like_a_date(self) -> bool:
        """Free text with a figure in it ("31-02", "na 3 mrt"): worth a word that it is no date."""
        return not self.is_date and any(c.isdigit() for c in self.text)

    @property
    def sort_key(self) -> tuple:
        """Dates by their deadline (then their start), free text after them, by its words."""
        if self.end is None or self.start is None:
            return (1, dt.date.max, dt.date.max, self.text.casefold())
        return (0, self.end, self.start, self.text.casefold())

    def label(self, *, long: bool = False, lang: str | None = None) -> str:
        """The date in words with its year, in the interface language (or ``lang``): "wo 20
        jan 2027" (or, ``long``, "20 januari 2027"), "eind juni 2026", "Q3 2026"; '' for free
        text."""
        if self.start is None or self.end is None:
            return ""
        start, end = self.start, self.end

        def month(number: int, short: bool = False) -> str:
            return month_name(number, short=short, lang=lang)

        if self.kind == "day":
            if long:
                return f"{start.day} {month(start.month)} {start.year}"
            weekday = t_in(lang, "when.weekdays").split(",")[start.weekday()]
            return f"{weekday} {start.day} {month(start.month, True)} {start.year}"
        if self.kind == "part":
            return t_in(lang, f"when.part.{self.part}", what=f"{month(start.month)} {start.year}")
        if self.kind == "month":
            return f"{month(start.month)} {start.year}"
        if self.kind == "quarter":
            return t_in(lang, "when.quarter", number=self.number, year=start.year)
        if self.kind == "week":
            return t_in(lang, "when.week", number=self.number, year=end.isocalendar().year)
        if self.kind == "season":
            years = f"{start.year}" if start.year == end.year else f"{start.year}-{end.year}"
            return f"{t_in(lang, f'when.season.{self.part}')} {years}"
        if self.kind == "schoolyear":
            return t_in(lang, "when.schoolyear", first=start.year, second=end.year)
        if self.kind == "part_year":
            return t_in(lang, f"when.part.{self.part}", what=str(start.year))
        return str(start.year)

    def with_year(self, lang: str | None = None) -> str:
        """For a document: the text as typed when it names its year (or is no date), otherwise
        the date in words with the year it means ("20 januari" -> "20 januari 2027"), in the
        interface language or ``lang`` (a paper: its card's)."""
        if not self.is_date or self.year_given:
            return self.text
        return self.label(long=True, lang=lang)


def month_name(month: int, *, short: bool = False, lang: str | None = None) -> str:
    key = "when.months_short" if short else "when.months"
    return t_in(lang, key).split(",")[month - 1]


def reference_date(value: str | dt.date | None) -> dt.date:
    """The day a date without a year is counted from: the meeting's date, or today."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return dt.date.today()


def parse_when(text: str, reference: str | dt.date | None = None) -> When:
    """What ``text`` means as a date, counted from ``reference`` (the meeting's date)."""
    ref = reference_date(reference)
    plain = _normalise(text)
    if not plain:
        return When(text)
    if plain in RELATIVE:
        return _relative(text, *RELATIVE[plain], ref)
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(plain)
        if match is None:
            continue
        try:
            found = _BUILD[kind](text, match.groupdict(), ref)
        except ValueError:  # 31-02, week 54, month 13: not a date
            return When(text)
        if found is not None:
            return found
    return When(text)


T = TypeVar("T")


def sorted_by_when(
    items: Iterable[T], text: Callable[[T], str], reference: str | dt.date | None = None
) -> list[T]:
    """``items`` in the order of their deadline (free text last, in the order given)."""
    ref = reference_date(reference)
    numbered = list(enumerate(items))
    numbered.sort(key=lambda pair: (parse_when(text(pair[1]), ref).sort_key[:3], pair[0]))
    return [item for _n, item in numbered]


def is_overdue(text: str, reference: str | dt.date | None, today: str | dt.date | None) -> bool:
    """True when ``text`` (agreed in a meeting on ``reference``) is a date that ended before
    ``today`` (e.g. the date of the next meeting)."""
    when = parse_when(text, reference)
    return when.end is not None and when.end < reference_date(today)


# -- reading ------------------------------------------------------------------------------------
def _normalise(text: str) -> str:
    plain = " ".join(text.casefold().replace("–", "-").replace("—", "-").split())
    plain = plain.strip(" .,;:!?")
    changed = True
    while changed:  # "uiterlijk op 1 april", "ma 15 december", "in het najaar"
        changed = False
        for word in (*PREFIXES, *WEEKDAYS):
            for lead in (f"{word} ", f"{word}, "):
                if plain.startswith(lead) and len(plain) > len(lead):
                    plain, changed = plain[len(lead) :].strip(), True
    return plain


def _year(value: str | None, fallback: int) -> tuple[int, bool]:
    if not value:
        return fallback, False
    value = value.lstrip("'")
    year = int(value)
    return (2000 + year if year < 100 else year), True


def _first_after(
    make: Callable[[int], tuple[dt.date, dt.date]], year: str | None, ref: dt.date
) -> tuple[dt.date, dt.date, bool]:
    """The period ``make(year)``; without a year, the first one that has not ended on ``ref``."""
    if year:
        number, _ = _year(year, ref.year)
        return (*make(number), True)
    for candidate in (ref.year - 1, ref.year, ref.year + 1):
        try:
            start, end = make(candidate)
        except ValueError:  # 29 februari in a year without it: try the next
            continue
        if end >= ref:
            return start, end, False
    raise ValueError("no such date")


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _day(text: str, g: dict, ref: dt.date) -> When:
    month = MONTHS[g["mname"]] if g.get("mname") else int(g["month"])
    day = int(g["day"])
    start, end, given = _first_after(lambda y: (dt.date(y, month, day),) * 2, g.get("year"), ref)
    return When(text, "day", start, end, given)


def _part(text: str, g: dict, ref: dt.date) -> When:
    month, part = MONTHS[g["mname"]], PARTS[g["part"]]
    days = {"begin": (1, 10), "half": (11, 20)}

    def make(y: int) -> tuple[dt.date, dt.date]:
        last = _month_end(y, month)
        first, until = days.get(part, (21, last.day))
        return dt.date(y, month, first), dt.date(y, month, until)

    start, end, given = _first_after(make, g.get("year"), ref)
    return When(text, "part", start, end, given, part)


def _month(text: str, g: dict, ref: dt.date) -> When:
    month = MONTHS[g["mname"]] if g.get("mname") else int(g["month"])
    start, end, given = _first_after(
        lambda y: (dt.date(y, month, 1), _month_end(y, month)), g.get("year"), ref
    )
    return When(text, "month", start, end, given)


def _quarter(text: str, g: dict, ref: dt.date) -> When:
    number = int(g["q"]) if g.get("q") else ORDINALS[g["qword"]]
    first = 3 * number - 2
    start, end, given = _first_after(
        lambda y: (dt.date(y, first, 1), _month_end(y, first + 2)), g.get("year"), ref
    )
    return When(text, "quarter", start, end, given, number=number)


def _week(text: str, g: dict, ref: dt.date) -> When:
    number = int(g["week"])

    def make(y: int) -> tuple[dt.date, dt.date]:
        monday = dt.date.fromisocalendar(y, number, 1)
        return monday, monday + dt.timedelta(days=6)

    start, end, given = _first_after(make, g.get("year"), ref)
    return When(text, "week", start, end, given, number=number)


def _season(text: str, g: dict, ref: dt.date) -> When:
    season = SEASONS[g["season"]]
    first, last = SEASON_MONTHS[season]

    def make(y: int) -> tuple[dt.date, dt.date]:
        end_year = y + 1 if last < first else y
        return dt.date(y, first, 1), _month_end(end_year, last)

    start, end, given = _first_after(make, g.get("year"), ref)
    return When(text, "season", start, end, given, season)


def _schoolyear(text: str, g: dict, ref: dt.date) -> When | None:
    first = int(g["year"])
    second, _ = _year(g["year2"], first + 1)
    if second != first + 1:
        return None  # "2026-2030": not a school year; free text
    return When(text, "schoolyear", dt.date(first, 8, 1), dt.date(second, 7, 31), True)


def _part_year(text: str, g: dict, ref: dt.date) -> When:
    year, _ = _year(g["year"], ref.year)
    part = PARTS[g["part"]]
    months = {"begin": (1, 3), "half": (6, 7), "eind": (10, 12)}[part]
    start, end = dt.date(year, months[0], 1), _month_end(year, months[1])
    return When(text, "part_year", start, end, True, part)


def _year_only(text: str, g: dict, ref: dt.date) -> When | None:
    year, _ = _year(g["year"], ref.year)
    if not 1900 <= year <= 2999:
        return None
    return When(text, "year", dt.date(year, 1, 1), dt.date(year, 12, 31), True)


def _iso(text: str, g: dict, ref: dt.date) -> When:
    day = dt.date(int(g["year"]), int(g["month"]), int(g["day"]))
    return When(text, "day", day, day, True)


def _relative(text: str, unit: str, ahead: int, ref: dt.date) -> When:
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=ahead)
        number = monday.isocalendar().week
        return When(text, "week", monday, monday + dt.timedelta(days=6), False, number=number)
    if unit == "month":
        month_index = ref.month - 1 + ahead
        year, month = ref.year + month_index // 12, month_index % 12 + 1
        return When(text, "month", dt.date(year, month, 1), _month_end(year, month), False)
    year = ref.year + ahead
    return When(text, "year", dt.date(year, 1, 1), dt.date(year, 12, 31), False)


_BUILD: dict[str, Callable[[str, dict, dt.date], When | None]] = {
    "iso": _iso,
    "numeric": _day,
    "day": _day,
    "part": _part,
    "month": _month,
    "quarter": _quarter,
    "week": _week,
    "season": _season,
    "schoolyear": _schoolyear,
    "part_year": _part_year,
    "year": _year_only,
}
