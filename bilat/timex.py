"""Time expressions: find them in a sentence and resolve them to closed ranges of days.

The figures, events and commitments extractors all ask the same two questions of a
sentence: *which words say when*, and *which days do they mean*. ``find_times`` answers
both; ``resolve`` reads one expression; ``year_spans`` tells the figures extractor which
characters are dates so that "2022" or "March 20" is never reported as a number.

Why a hand-written grammar: python-dateutil and dateparser parse *one date* ("Dec. 20,
1999" -> a datetime), but no maintained Python library reads English *period*
expressions ("the first two months of this year", "since 2013", "March 20-22", "the
past decade") into closed day ranges against an anchor date. ``dateparser.search``
also took about 75 ms a sentence here and read "from March 20-22" as 2022-03-20.
So the grammar is a small table of compiled patterns (``_RULES``), each with its own
reader; dateutil's ``relativedelta`` does the calendar arithmetic.

How a sentence is read
    1. every rule whose words occur in the sentence (a cheap set test) runs its pattern;
       its reader accepts or rejects each match
       (a bare "May" or "March" needs a cue such as "in"; "2000 troops" is no year) and
       describes it as a fixed ``Period``, a *floating* date whose year is not given
       ("in May", "March 20"), or no period at all;
    2. overlapping matches: the longest wins (then the earliest, then the first rule);
    3. a part word in front narrows it ("early 2022", "mid-March", "the end of last year");
    4. two dates joined by "to", "-", "through" (or "between ... and") become one range;
    5. a leading "since", "by", "until", "within", "so far" turns it into a ``since`` or
       ``deadline`` mention;
    6. a floating date gets its year (or month, or week) from the publication date and
       the tense; year-less dates listed together ("in April and May") get the same year.

Decisions (the rules readers of the export should know)
    * Year-less dates: ``tense="past"`` takes the latest instance that has begun by the
      publication date, ``"future"`` the earliest that has not ended; ``None`` takes the
      instance in the publication year unless it begins more than ``HORIZON`` (14 days)
      after the publication date, then the year before ("in May" said 2023-03-18 ->
      2022-05; "March 20-22" -> 2023-03-20..22). A bare weekday (or "the weekend") with no
      tense is the last one on or before the publication date (news mostly reports). "since"
      reads its date as past, "by" / "until" / "within" as future, whatever the tense.
    * "the past year" / "the last year": the calendar year before publication when the
      text is published in the first ``COMPLETED_YEAR_MONTHS`` (3) months of a year, when
      annual statistics of the completed year are what is reported; otherwise the twelve
      months up to the publication date.
    * "the past N years/months/weeks/days", "the past decade", "in the last ten years":
      publication date minus N units .. publication date (2013-03-18..2023-03-18).
    * "the next N years": publication date .. N years later; "the coming years", "in the
      future", "recent years" are mentions without a period.
    * "N years ago" and "a decade ago" mean that calendar year (2013); months ago the
      calendar month, weeks ago the Monday-Sunday week, days ago the day.
    * "since X": X's first day .. publication date.
    * Deadlines ("by X", "until X", "no later than X", "within X"): the period is X itself
      ("by 1990" -> 1990-01-01..1990-12-31); "by the end of the year" is the whole year;
      "within two years" is publication date .. two years later.
    * early / mid / late: thirds of a year (Jan-Apr, May-Aug, Sep-Dec), of a month (days
      1-10, 11-20, 21-end), of a decade or century (first 40 %, next 30 %, last 30 %);
      "the beginning / end of" a year is its first / last month, of a month as early / late.
    * "earlier this year" is January 1 .. publication date; "later this year" the rest.
    * Seasons are northern meteorological seasons (spring = March-May; winter Y = December
      Y .. February Y+1).
    * Split years ("1986/87", "fiscal 1986-87", "the 1986/87 season") are one twelve-month fiscal, crop
      or marketing year. Where it starts: a definition right after it ("1987/88 (October/September)",
      "fiscal 1986/87, ending June 30", "the fiscal year 1987/88 beginning today"), else the document's
      ``fiscal`` (``fiscal_year_of``: the first such definition anywhere in the text, else the default of
      the document's country, ``FISCAL_YEAR_START``), else July (``SPLIT_YEAR_START``).
    * A single fiscal year ("fiscal 1986", "FY2023") is the calendar year unless the text defines the
      fiscal year; then it is the fiscal year that begins in it when that starts in January-June (Japan,
      April) and the one that ends in it otherwise (July..June). "this / next / last financial year" is
      the fiscal year around publication (calendar year without one). "calendar 1986" is 1986.
    * "the year ending June 1986", "the nine months ended December 31", "the year to March": that many
      months ending then (the last such stretch over by publication when no year is given).
    * "end-1985", "end-February": the end part (last month of a year, last ten days of a month); a
      year-less date followed a word or two later by "last year" / "this year" takes that year
      ("end-February reserves last year" is February 1986).
    * "in the period", "that year", "the same month" are ``anaphor`` mentions with no period: the
      caller (figures) resolves them to the period named before.
    * Weeks run Monday-Sunday.
    * ``baseline`` mentions ("year-on-year", "from a year earlier", "10 years prior", "the
      same period last year") have no period of their own: ``offset_months`` says how far
      the compared period lies from the figure's, and ``baseline_of`` applies it.
    * A clock time ("01:35 AM") joins the date next to it; alone it has no period.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import partial
from typing import Callable

from dateutil.relativedelta import relativedelta

from .model import Period
from .textcache import text_cache

KINDS = ("point", "range", "since", "duration_back", "deadline", "set", "duration", "baseline", "anaphor")
TENSES = ("past", "future")
HORIZON = dt.timedelta(days=14)
COMPLETED_YEAR_MONTHS = 3
SPLIT_YEAR_START = 7  # a split year ("1986/87") with no known start runs July..June


@dataclass(frozen=True)
class Fiscal:
    """Where a document's fiscal (or crop, marketing) year starts.

    ``defined``: the text itself says so ("fiscal 1986/87, ending June 30", "1987/88
    (October/September)", "the fiscal year 1987/88 beginning today"); otherwise it is the
    default of the document's country (``FISCAL_YEAR_START``), which is used for split years
    and "this financial year" but not to move a single "fiscal 1987" off the calendar year.
    """

    month: int
    day: int = 1
    defined: bool = False
    # a company's reporting quarters ("2ND QTR JAN 31", "the second quarter ... the quarter ended Jan 31"):
    # the end of the quarter reported; "the second quarter", "the six months" are counted from it
    quarter_end: dt.date | None = None

    def year_starting(self, y: int) -> Period:
        """The fiscal year that begins in calendar year ``y``."""
        start = dt.date(y, self.month, min(self.day, calendar.monthrange(y, self.month)[1]))
        return Period(start, start + relativedelta(years=1) - dt.timedelta(days=1))

    def containing(self, d: dt.date) -> Period:
        p = self.year_starting(d.year)
        return p if p.start <= d else self.year_starting(d.year - 1)


# government fiscal years that do not follow the calendar, by first month, where that held from the
# 1980s on; split years ("1987/88") and "this financial year" of these countries start there unless
# the text says otherwise. Left out: countries whose split years are mostly crop years in wire copy
# (the United States) or whose fiscal year moved (New Zealand 1989, Indonesia 2001: 1980s copy
# keeps Indonesia's April).
FISCAL_YEAR_START: dict[str, int] = {
    "AUS": 7, "IND": 4, "JPN": 4, "GBR": 4, "CAN": 4, "IDN": 4, "PAK": 7, "BGD": 7, "EGY": 7,
    "KEN": 7, "ZAF": 4, "HKG": 4, "SGP": 4, "THA": 10, "MMR": 4, "KWT": 4,
}
_MONTH_NAMES = ("january|february|march|april|may|june|july|august|september|october|november|december|"
                "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_SPLIT = r"(?:19|20)\d\d\s*/\s*\d\d(?:\d\d)?"
# what may follow a split or fiscal year to define it: "(October/September)", ", ending June 30",
# "beginning today", "starting April 1"
_FISCAL_TAIL = re.compile(
    rf"\s*(?:\(\s*(?P<pair>{_MONTH_NAMES})\.?\s*[/-]\s*(?:{_MONTH_NAMES})\.?\s*\)"
    rf"|,?\s*(?:which\s+)?(?P<how>ending|ended|ends|to\s+end|beginning|began|begins|starting|started|starts|"
    rf"to\s+begin)\s+(?:on\s+)?(?:(?P<today>today)|(?:(?P<day1>\d{{1,2}})\s+)?(?P<mon>{_MONTH_NAMES})\.?"
    rf"(?:\s+(?P<day2>\d{{1,2}})(?!\d))?)\b)", re.I)
_FISCAL_HEAD = re.compile(rf"\b(?:fiscal|financial|budget)(?:\s+year)?\s+(?:19|20)\d\d(?:\s*/\s*\d\d(?:\d\d)?)?"
                          rf"|{_SPLIT}|\b(?:fiscal|financial|budget)\s+year\b", re.I)


def _fiscal_tail(m: re.Match, published: dt.date | None) -> Fiscal | None:
    """The fiscal year a definition (``_FISCAL_TAIL``) gives."""
    if m["pair"]:
        return Fiscal(_MONTH_NUM[m["pair"][:3].lower()], 1, True)
    if m["today"]:
        return Fiscal(published.month, published.day, True) if published is not None else None
    mon = _MONTH_NUM[m["mon"][:3].lower()]
    day = int(m["day1"] or m["day2"] or 0)
    if m["how"].lower().startswith(("end", "to end")):
        # the year ends with this month (or on this day): it starts the day after
        last = calendar.monthrange(2001, mon)[1]
        if day and day < last and not (mon == 2 and day == 28):
            nxt = dt.date(2001, mon, day) + dt.timedelta(days=1)
            return Fiscal(nxt.month, nxt.day, True)
        return Fiscal(mon % 12 + 1, 1, True)
    return Fiscal(mon, day or 1, True)


_ORD_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_QUARTER_DEF = re.compile(
    rf"\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:quarter|qtr)\.?\s+(?:ended\s+|ending\s+|to\s+)?"
    rf"(?P<mon>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})\b", re.I)
_QUARTER_ENDED = re.compile(rf"\bquarter\s+(?:ended|ending|to)\s+(?:on\s+)?(?P<mon>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})\b",
                            re.I)
_QUARTER_ORD = re.compile(r"\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:quarter|qtr)\b", re.I)


def _quarter_fiscal(text: str, published: dt.date | None) -> Fiscal | None:
    """A company's fiscal quarters: "2ND QTR JAN 31" or "the second quarter" with "the quarter ended
    Jan 31" in the same text; the quarter ends on that day, the fiscal year starts 3*N months earlier."""
    low = text.lower()
    if "quarter" not in low and "qtr" not in low:
        return None  # each pattern needs one of them; a substring test is far cheaper than the scans
    m = _QUARTER_DEF.search(text)
    n = mon = day = None
    if m:
        n, mon, day = _ORD_Q[m["ord"].lower()], _MONTH_NUM[m["mon"][:3].lower()], int(m["d"])
    else:
        e, o = _QUARTER_ENDED.search(text), _QUARTER_ORD.search(text)
        ords = {_ORD_Q[x.lower()] for x in _QUARTER_ORD.findall(text)}
        if e and o and len(ords) == 1:
            n, mon, day = ords.pop(), _MONTH_NUM[e["mon"][:3].lower()], int(e["d"])
    if n is None or published is None:
        return None
    end = _day(published.year, mon, day)
    if end is None:
        return None
    end = end.end if end.end <= published else (_day(published.year - 1, mon, day) or end).end
    start_month = (end.month - 3 * n) % 12 + 1
    return Fiscal(start_month, 1, True, quarter_end=end)


def fiscal_year_of(text: str, published: dt.date | None = None, country: str | None = None) -> Fiscal | None:
    """The fiscal year a text defines ("fiscal 1986/87, ending June 30" -> July 1; "1987/88
    (October/September)" -> October; "the fiscal year 1987/88 beginning today" -> the publication
    day), else the default of ``country`` (ISO3, ``FISCAL_YEAR_START``), else None."""
    for head in _FISCAL_HEAD.finditer(text):
        tail = _FISCAL_TAIL.match(text, head.end())
        if tail:
            f = _fiscal_tail(tail, published)
            if f is not None:
                return f
    q = _quarter_fiscal(text, published)
    if q is not None:
        return q
    if country and FISCAL_YEAR_START.get(country, 1) != 1:
        return Fiscal(FISCAL_YEAR_START[country])
    return None


@dataclass
class TimeMention:
    """One time expression in a text, with the days it means.

    ``kind``: "point" (a day, month, quarter, year, decade ...), "range" ("March 20-22",
    "2022-2023", "the next five years"), "since" ("since 2013": its start .. publication),
    "duration_back" ("the past decade"), "deadline" ("by 1990", "within this year"), "set"
    (habitual: "every year"), "duration" ("for 13 years": no period) or "baseline"
    ("year-on-year", "10 years prior": relative to another period, no period of its own).
    """

    start: int  # character offsets within the text passed in
    end: int
    text: str  # the words, e.g. "the first two months of this year"
    period: Period | None  # resolved closed range; None when it cannot be resolved
    kind: str  # one of KINDS
    anchor: str | None = None  # "past" / "future": the direction it points from the publication date
    # for kind "baseline": where the compared period lies from the figure's period, in months
    # ("year-on-year" -12, "10 years prior" -120); None when not known
    offset_months: int | None = None


# --- calendar helpers -------------------------------------------------------------------------
def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _months(y: int, m1: int, m2: int) -> Period:
    """Months m1..m2 of year y (m2 may run into the next year: 12..14 is Dec..Feb)."""
    end_y, end_m = y + (m2 - 1) // 12, (m2 - 1) % 12 + 1
    return Period(dt.date(y, m1, 1), _month_end(end_y, end_m))


def _day(y: int, m: int, d: int) -> Period | None:
    try:
        return Period.day(dt.date(y, m, d))
    except ValueError:
        return None


def _is_month_end(d: dt.date) -> bool:
    return d == _month_end(d.year, d.month)


def shift(period: Period, years: int = 0, months: int = 0, days: int = 0) -> Period:
    """``period`` moved by a calendar offset; whole months stay whole (Feb 2023 - 1 year = Feb 2022).

    Used for baselines: "an increase of 116% from 10 years prior" is ``shift(p, years=-10)``.
    """
    delta = relativedelta(years=years, months=months, days=days)
    start, end = period.start + delta, period.end + delta
    if not days and _is_month_end(period.end):
        end = _month_end(end.year, end.month)
    return Period(start, end)


def baseline_of(mention: TimeMention, period: Period | None) -> Period | None:
    """The compared period of a ``baseline`` mention for a figure of ``period``
    ("year-on-year" with a 2022 figure -> 2021)."""
    if period is None or mention.offset_months is None:
        return None
    return shift(period, months=mention.offset_months)


def _week(d: dt.date) -> Period:
    """The Monday-Sunday week holding ``d``."""
    monday = d - dt.timedelta(days=d.weekday())
    return Period(monday, monday + dt.timedelta(days=6))


def _decade(year: int) -> Period:
    """The decade a year falls in: 2023 -> 2020-01-01..2029-12-31."""
    d0 = year // 10 * 10
    return Period(dt.date(d0, 1, 1), dt.date(d0 + 9, 12, 31))


def _quarter(y: int, q: int) -> Period:
    return _months(y, 3 * q - 2, 3 * q)


def _weekday_of(k: int, wd: int) -> Period:
    """Weekday ``wd`` (Monday 0) of week index ``k`` ((ordinal-1)//7: weeks start on Monday)."""
    return Period.day(dt.date.fromordinal(k * 7 + 1 + wd))


def _weekend_of(k: int) -> Period:
    """Saturday-Sunday of week index ``k``."""
    return Period(dt.date.fromordinal(k * 7 + 6), dt.date.fromordinal(k * 7 + 7))


def _grain(p: Period) -> str | None:
    """"year", "month", "decade" or "century" when ``p`` is exactly one of those, else None."""
    if p.start.day != 1 or not _is_month_end(p.end):
        return None
    n = (p.end.year - p.start.year) * 12 + p.end.month - p.start.month + 1
    if n == 1:
        return "month"
    if p.start.month != 1:
        return None
    if n == 12:
        return "year"
    if n == 120 and p.start.year % 10 == 0:
        return "decade"
    if n == 1200 and p.start.year % 100 == 1:
        return "century"
    return None


def _part(p: Period, part: str, pub: dt.date | None) -> Period | None:
    """The early / mid / late / beginning / end part of a year, month, decade or century;
    "earlier" / "later" split the period at the publication date."""
    if part in ("earlier", "later"):
        if pub is None or not (p.start <= pub <= p.end):
            return None
        return Period(p.start, pub) if part == "earlier" else Period(pub, p.end)
    grain = _grain(p)
    if grain == "year":
        y = p.start.year
        return {"early": _months(y, 1, 4), "mid": _months(y, 5, 8), "late": _months(y, 9, 12),
                "begin": _months(y, 1, 1), "end": _months(y, 12, 12)}[part]
    if grain == "month":
        y, m = p.start.year, p.start.month
        first = {"early": 1, "begin": 1, "mid": 11, "late": 21, "end": 21}[part]
        last = {"early": 10, "begin": 10, "mid": 20}.get(part, p.end.day)
        return Period(dt.date(y, m, first), dt.date(y, m, last))
    if grain in ("decade", "century"):
        n = p.end.year - p.start.year + 1
        a, b = {"early": (0, 0.4), "begin": (0, 0.4), "mid": (0.4, 0.7), "late": (0.7, 1.0),
                "end": (0.7, 1.0)}[part]
        return Period(dt.date(p.start.year + round(n * a), 1, 1),
                      dt.date(p.start.year + round(n * b) - 1, 12, 31))
    return None


# --- floating dates (no year given) -----------------------------------------------------------
@dataclass(frozen=True)
class _Floating:
    """A date whose year (or month, or week) comes from the publication date.

    ``make(k)`` is the instance for index ``k``: a year, a month index (year*12 + month-1)
    or a week index ((ordinal-1)//7, weeks starting on Monday). None when k has no such
    date (February 29).
    """

    make: Callable[[int], Period | None]
    unit: str  # "year" | "month" | "week"
    past_default: bool = False  # with no tense, take the last instance on or before publication

    def base(self, pub: dt.date) -> int:
        if self.unit == "year":
            return pub.year
        if self.unit == "month":
            return pub.year * 12 + pub.month - 1
        return (pub.toordinal() - 1) // 7

    def pick_index(self, pub: dt.date, tense: str | None) -> int | None:
        """Which instance the text means (see the module docstring for the rule)."""
        base = self.base(pub)
        cands = [(k, p) for k, p in ((base + k, self.make(base + k)) for k in (-1, 0, 1)) if p is not None]
        if tense == "past" or (tense is None and self.past_default):
            began = [(p, k) for k, p in cands if p.start <= pub]
            return max(began)[1] if began else None
        if tense == "future":
            open_ = [(p, k) for k, p in cands if p.end >= pub]
            return min(open_)[1] if open_ else None
        same = self.make(base)
        return base if same is not None and same.start <= pub + HORIZON else base - 1

    def narrowed(self, f: Callable[[Period], Period | None]) -> _Floating:
        return replace(self, make=lambda k: _then(self.make(k), f))


def _then(p: Period | None, f: Callable[[Period], Period | None]) -> Period | None:
    return f(p) if p is not None else None


# --- vocabulary -------------------------------------------------------------------------------
_MONTH_NUM = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
              "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR_MONTHS = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
# "May" and "March" are also a verb and a noun: alone they need a cue ("in May")
_AMBIGUOUS_MONTHS = {"May", "March"}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_RE = "|".join(_WEEKDAYS)
_WEEKDAY_ANY = _WEEKDAY_RE + r"|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"

_WORD_NUMS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a": 1, "an": 1,
    "couple": 2,
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4,
             "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "latter": 2}
# a count; "a"/"an" are handled by the readers (they need a cue: "for a year", not "a year of")
_NUM = (r"(?:half\s+an?|(?:\d{1,3}(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen"
        r"|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten"
        r"|a\s+hundred|a\s+dozen|a\s+couple\s+of|a\s+few|few|several|many|some)(?:\s+and\s+a\s+half)?)")
# (months, days) per unit; hours and minutes are durations only
_UNIT = {"year": (12, 0), "decade": (120, 0), "century": (1200, 0),
         "quarter": (3, 0), "month": (1, 0), "week": (0, 7), "day": (0, 1), "hour": None, "minute": None,
         "second": None}
_UNITS = r"(?:years?|decades?|centuries|century|quarters?|months?|weeks?|days?|hours?|minutes?)"
_YEAR = r"(?<![\d.,$€£¥#])(?:1[0-9]|20)\d\d(?![\d%]|,\d|\.\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|\.\d)"
# words that make a 4-digit number a count, not a year ("2000 troops")
_COUNT_NOUNS = frozenset("""percent per million billion trillion thousand hundred times people persons
    tons tonnes barrels troops soldiers km kilometers kilometres miles meters metres square hectares acres
    yuan dollars rubles roubles euros pounds yen won rupees units vehicles cars workers students employees
    companies enterprises firms projects members visitors tourists households cases deaths refugees
    prisoners pieces sets items containers trains flights tanks missiles kg kilograms mw gw""".split())
_NUMBER_LABELS = frozenset("no number resolution article flight room route highway page pp section rule "
                           "order decree code model".split())
_MONTH_CUES = frozenset("in since by until till from to through throughout of during before after between "
                        "early late mid last next this end beginning start middle on for as".split())
_YEAR_CUES = frozenset("in since by until till from to through throughout of during before after between "
                       "year fiscal circa".split())
# words that may follow "on the 20th" when it is a day of the month
_FUNCTION_WORDS = frozenset("and or but to at in with without when after before as was were is will would "
                            "had has the a this last next".split())
# "Good Friday", "Black Monday": holidays and events, not the weekday around publication
_NAMED_DAYS = frozenset("good black bloody super ash holy maundy easter palm cyber blue".split())


def _num(s: str) -> float | None:
    """A count in digits or words; None when vague ("several", "a few")."""
    s = s.lower().replace("-", " ")
    try:
        return float(s)
    except ValueError:
        pass
    if s.startswith("half "):
        return 0.5
    extra = 0.0
    if s.endswith(" and a half"):
        s, extra = s[:-len(" and a half")], 0.5
        try:
            return float(s) + extra
        except ValueError:
            pass
    words = [w for w in s.split() if w != "of"]
    if not words or any(w in ("few", "several", "many", "some") for w in words):
        return None
    if words[0] in ("a", "an") and len(words) > 1:
        words = words[1:]
    total = extra
    for w in words:
        if w not in _WORD_NUMS:
            return None
        total += _WORD_NUMS[w]
    return float(total)


def _unit(s: str) -> str:
    """The singular unit name: "years" -> "year", "centuries" -> "century"."""
    s = s.lower()
    if s == "centuries":
        return "century"
    return s[:-1] if s.endswith("s") and s[:-1] in _UNIT else s


def _back(pub: dt.date, n: float, unit: str) -> dt.date:
    months, days = _UNIT[unit]
    return pub - relativedelta(months=round(n * months), days=round(n * days))


def _ahead(pub: dt.date, n: float, unit: str) -> dt.date:
    months, days = _UNIT[unit]
    return pub + relativedelta(months=round(n * months), days=round(n * days))


_PREV_WORD = re.compile(r"([A-Za-z]+)[\s,-]*$")


def _prev_word(text: str, pos: int) -> tuple[str, int]:
    """The word before ``pos`` (lower-cased) and where it starts; ("", pos) if none."""
    m = _PREV_WORD.search(text, max(0, pos - 24), pos)
    return (m.group(1).lower(), m.start()) if m else ("", pos)


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s+([A-Za-z%]+)", text[pos:pos + 24])
    return m.group(1).lower() if m else ""


# --- rule readers -----------------------------------------------------------------------------
@dataclass
class _Ctx:
    text: str
    pub: dt.date | None
    fiscal: "Fiscal | None" = None


@dataclass
class _Hit:
    """One rule's reading of one match."""

    start: int
    end: int
    kind: str
    period: Period | None = None
    floating: _Floating | None = None
    anchor: str | None = None
    offset_months: int | None = None
    calendar: bool = True  # its numbers are calendar labels (reported by year_spans)
    this: bool = False  # "this year"/"the year": "earlier"/"later" may narrow it
    needs_prefix: bool = False  # "the year": a time only in "the end of the year", "within the year"
    length: tuple[float, str] | None = None  # a duration's (count, unit), for "within two years"
    grain: str | None = None  # "year", "month", ... when known without the publication date ("last year")
    datable: bool = True  # False for a clock time or a numeric date of unknown order: no days to join
    clock: bool = False  # a time of day, which joins the date next to it
    rule: int = 0
    shared: _Floating | None = None  # coordinated year-less dates ("in April and May") share one year
    part: str | None = None  # the part word applied ("early", "end", ...)
    wrap: str | None = None  # the word that made it a since / deadline mention

    def dated(self) -> bool:
        """A date or range that part words, joins and since/by may apply to."""
        return self.kind in ("point", "range") and self.datable


_Reader = Callable[[re.Match, _Ctx], "_Hit | None"]


def _hit(m: re.Match, kind: str = "point", **kw) -> _Hit:
    return _Hit(m.start(), m.end(), kind, **kw)


def _month_of(s: str) -> int:
    return _MONTH_NUM[s[:3].lower()]


def _rel_year(word: str | None, pub: dt.date | None) -> int | None:
    """"this"/"last"/"next" (year) against the publication year."""
    if pub is None or word is None:
        return None
    return pub.year + {"this": 0, "current": 0, "last": -1, "next": 1}[word.lower().split()[-1]]


def _year_value(m: re.Match, ctx: _Ctx, floating: Callable[[int], Period | None], abs_group: str = "y",
                rel_group: str = "yr", **kw) -> _Hit:
    """A hit for an expression with an optional year: fixed when the year is given
    (in digits or as this/last/next year), else floating."""
    gd = m.groupdict()
    if gd.get(abs_group):
        return _hit(m, period=floating(int(gd[abs_group])), **kw)
    if gd.get(rel_group):
        y = _rel_year(gd[rel_group], ctx.pub)
        return _hit(m, period=floating(y) if y is not None else None, **kw)
    return _hit(m, floating=_Floating(floating, "year"), **kw)


def _month_cued(text: str, start: int) -> bool:
    """A bare month name is a month after a cue ("in May", "since March", "March and May")."""
    w, ws = _prev_word(text, start)
    if w in _MONTH_CUES:
        return True
    if w in ("and", "or"):  # "in March and May": the word before must be a month too
        w2, _ = _prev_word(text, ws)
        return w2[:3] in _MONTH_NUM and w2.capitalize() in _FULL_MONTHS.split("|")
    return False


def _last_next(m: re.Match, rel: str, cands: list[Period], pub: dt.date) -> _Hit:
    """"last X": the latest instance over before publication; "next X": the first one after it."""
    if rel in ("last", "past"):
        return _hit(m, period=max(p for p in cands if p.end < pub), anchor="past")
    return _hit(m, period=min(p for p in cands if p.start > pub), anchor="future")


def _r_iso(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """2023-03-16."""
    p = _day(int(m["y"]), int(m["m"]), int(m["d"]))
    return _hit(m, period=p) if p else None


def _r_numeric(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """12/03/2023, 03.12.2023: day-first or month-first is decided only when one part exceeds 12,
    or by the dots of European style; otherwise the mention has no period."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if a > 12 or (m["sep"] == "." and b <= 12):
        p = _day(y, b, a)
    elif b > 12 or a == b:
        p = _day(y, a, b)
    else:
        return _hit(m, datable=False)
    return _hit(m, period=p) if p else None


def _r_ymd_slash(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """2023/3/16, as Chinese sources write it."""
    p = _day(int(m["y"]), int(m["m"]), int(m["d"]))
    return _hit(m, period=p) if p else None


def _weekday_fits(m: re.Match, p: Period | None) -> bool:
    wd = m.groupdict().get("wd")
    return p is None or not wd or p.start.weekday() == _WEEKDAYS.index(
        next(w for w in _WEEKDAYS if w.startswith(wd.rstrip(".")[:3])))


def _r_date(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """March 20, 1999 / 20 December 1999 / Monday, March 20 / March 20 this year."""
    mon, d = _month_of(m["mon"]), int(re.match(r"\d+", m["d"]).group())
    if not m["y"] and not m["yr"] and m["mon"] in _AMBIGUOUS_MONTHS and m.start("mon") < m.start("d"):
        # "May 5" is a date, but not "may 5" (case-sensitive), a modal before a count ("May 5 people")
        # or a name ("the Long March 5 rocket")
        w, ws = _prev_word(ctx.text, m.start())
        if _next_word(ctx.text, m.end()) in _COUNT_NOUNS or (w and w not in _MONTH_CUES
                                                              and ctx.text[ws].isupper()):
            return None
    hit = _year_value(m, ctx, lambda y: _day(y, mon, d))
    if hit.floating is not None and m["wd"] and ctx.pub is not None:
        # the weekday names the year: "Monday, March 20" said in 2023 is 2023-03-20
        fits = [p for p in (_day(ctx.pub.year + k, mon, d) for k in (-1, 0, 1)) if _weekday_fits(m, p) and p]
        if len(fits) == 1:
            hit.floating, hit.period = None, fits[0]
    if hit.period is not None and not _weekday_fits(m, hit.period):
        hit.period = None  # the text contradicts itself: keep the words, claim no days
    return hit


def _r_day_range(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """March 20-22 / 20 to 22 March 2023."""
    mon = _month_of(m["mon"])
    d1, d2 = (int(re.match(r"\d+", m[g]).group()) for g in ("d1", "d2"))
    if d2 <= d1:
        return None

    def make(y: int) -> Period | None:
        a, b = _day(y, mon, d1), _day(y, mon, d2)
        return Period(a.start, b.end) if a and b else None

    return _year_value(m, ctx, make, kind="range")


def _r_month_year(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """March 2013, May of this year."""
    mon = _month_of(m["mon"])
    return _year_value(m, ctx, lambda y: _months(y, mon, mon))


def _r_month(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """A month name alone, or after last/next/this."""
    mon = _month_of(m["mon"])
    rel = (m["rel"] or "").lower()
    if not rel and m["mon"] in _AMBIGUOUS_MONTHS and not _month_cued(ctx.text, m.start()):
        return None
    make = partial(_months, m1=mon, m2=mon)
    if not rel:
        return _hit(m, floating=_Floating(make, "year"))
    if ctx.pub is None:
        return _hit(m)
    pub = ctx.pub
    if rel == "this":
        return _hit(m, period=make(pub.year))
    return _last_next(m, rel, [make(pub.year + k) for k in (-2, -1, 0, 1, 2)], pub)


def _r_weekday(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """on Monday, said Tuesday, last Friday, next Sunday morning."""
    rel = (m["rel"] or "").lower()
    if not rel and _prev_word(ctx.text, m.start())[0] in _NAMED_DAYS:
        return None  # a named day, not a date: "Good Friday Agreement", "Black Monday", "Super Tuesday"
    wd = _WEEKDAYS.index(m["wd"])
    make = partial(_weekday_of, wd=wd)
    if not rel:
        return _hit(m, floating=_Floating(make, "week", past_default=True))
    if ctx.pub is None:
        return _hit(m)
    pub = ctx.pub
    base = (pub.toordinal() - 1) // 7
    if rel == "this":
        return _hit(m, period=make(base))
    return _last_next(m, rel, [make(base + k) for k in (-2, -1, 0, 1, 2)], pub)


def _r_weekend(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """over the weekend / last weekend / this weekend / next weekend: a Saturday-Sunday."""
    rel = m["rel"].lower()
    make = _weekend_of
    if rel == "the":
        w, _ = _prev_word(ctx.text, m.start())
        if w not in ("over", "during", "at", "on", "for", "by", "until", "since", "through"):
            return None
        return _hit(m, floating=_Floating(make, "week", past_default=True))
    if ctx.pub is None:
        return _hit(m)
    pub = ctx.pub
    base = (pub.toordinal() - 1) // 7
    if rel == "this":
        return _hit(m, period=make(base))
    return _last_next(m, rel, [make(base + k) for k in (-2, -1, 0, 1, 2)], pub)


_REL_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
             "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2}


def _r_rel_day(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """today, yesterday, tomorrow, last night, this morning."""
    off = _REL_DAYS[" ".join(m.group().lower().split())]
    anchor = "past" if off < 0 else "future" if off > 0 else None
    if ctx.pub is None:
        return _hit(m, anchor=anchor)
    return _hit(m, period=Period.day(ctx.pub + dt.timedelta(days=off)), anchor=anchor)


def _r_rel_unit(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """last/this/next week, month, quarter, year, decade, century; the year before last."""
    unit = (m["u"] or m["u2"]).lower()
    rel = m["rel"].lower().split()[-1] if m["rel"] else "before_last"
    off = {"this": 0, "current": 0, "present": 0, "last": -1, "next": 1, "before_last": -2}[rel]
    anchor = "past" if off < 0 else "future" if off > 0 else None
    this = off == 0
    grain = unit if unit in ("year", "month", "decade", "century") else None
    if ctx.pub is None:
        return _hit(m, anchor=anchor, this=this, grain=grain)
    pub = ctx.pub
    if unit == "week":
        p = shift(_week(pub), days=7 * off)
    elif unit == "month":
        p = shift(_months(pub.year, pub.month, pub.month), months=off)
    elif unit == "quarter":
        p = shift(_quarter(pub.year, (pub.month - 1) // 3 + 1), months=3 * off)
    elif unit == "year":
        p = Period.year(pub.year + off)
    elif unit == "decade":
        p = _decade(pub.year + 10 * off)
    else:
        c0 = (pub.year - 1) // 100 * 100 + 1 + 100 * off
        p = Period(dt.date(c0, 1, 1), dt.date(c0 + 99, 12, 31))
    return _hit(m, period=p, anchor=anchor, this=this, grain=grain)


def _r_the_unit(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """"the year" / "the month" / "the decade": only a time in "the end of the year", "within the year",
    "by the end of the decade"."""
    if m["u"].lower() == "year":
        return _hit(m, floating=_Floating(Period.year, "year"), this=True, needs_prefix=True)
    if m["u"].lower() == "decade":  # the decade of the year the text is in
        return _hit(m, floating=_Floating(_decade, "year"), this=True, needs_prefix=True, grain="decade")
    return _hit(m, floating=_Floating(lambda k: _months(k // 12, k % 12 + 1, k % 12 + 1), "month"),
                this=True, needs_prefix=True)


def _r_past_n(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """the past year / the last ten years / over the past decade / these ten years / recent years."""
    if m["vague"]:
        if m["vague"].lower().split() == ["last", "years"] and re.match(r"\s+(?:\$|[\d.])", ctx.text[m.end():]) \
                and ctx.pub is not None:
            return _hit(m, period=Period.year(ctx.pub.year - 1), anchor="past")  # "last years 2.1 per cent"
        return _hit(m, "duration_back", anchor="past")
    unit = _unit(m["u"] or m["u1"] or m["u3"])
    if _UNIT.get(unit) is None:
        return None
    n_text = m["n"] or m["n3"]
    n = _num(n_text) if n_text else 1.0
    counted = bool(n_text)
    if n is None:
        return _hit(m, "duration_back", anchor="past", calendar=not counted)
    if ctx.pub is None:
        return _hit(m, "duration_back", anchor="past", calendar=not counted)
    pub = ctx.pub
    if unit == "year" and n == 1 and not counted and pub.month <= COMPLETED_YEAR_MONTHS:
        p = Period.year(pub.year - 1)  # early in a year, "the past year" is the completed year
    else:
        p = Period(_back(pub, n, unit), pub)
    return _hit(m, "duration_back", period=p, anchor="past", calendar=not counted)


def _r_next_n(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """the next five years / the coming year / the coming years / in the future."""
    if m["vague"]:
        return _hit(m, "range", anchor="future")
    unit = _unit(m["u"] or m["u1"])
    n = _num(m["n"]) if m["n"] else 1.0
    counted = bool(m["n"])
    if _UNIT.get(unit) is None:
        return None
    if n is None or ctx.pub is None:
        return _hit(m, "range", anchor="future", calendar=not counted)
    return _hit(m, "range", period=Period(ctx.pub, _ahead(ctx.pub, n, unit)), anchor="future",
                calendar=not counted, length=(n, unit))


def _r_ago(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """ten years ago -> that calendar year; two months ago -> that month; three days ago -> that day."""
    unit = _unit(m["u"])
    n = _num(m["n"])
    if _UNIT.get(unit) is None:
        return None
    if n is None or ctx.pub is None:
        return _hit(m, anchor="past", calendar=False)
    d = _back(ctx.pub, n, unit)
    if unit in ("year", "decade", "century"):
        p = Period.year(d.year)
    elif unit in ("month", "quarter"):
        p = _months(d.year, d.month, d.month)
    elif unit == "week":
        p = _week(d)
    else:
        p = Period.day(d)
    return _hit(m, period=p, anchor="past", calendar=False)


def _r_rel_shift(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """"10 years prior", "a year earlier", "two days later": relative to another period
    (``offset_months`` only for whole months)."""
    unit = _unit(m["u"])
    n = _num(m["n"])
    months = _UNIT.get(unit, (0, 0))[0]
    sign = 1 if m["dir"].lower() in ("later", "after", "on") else -1
    off = int(round(n * months)) * sign if n is not None and months else None
    return _hit(m, "baseline", offset_months=off, calendar=False)


def _r_yoy(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """year-on-year, month-on-month, quarter-on-quarter, y-o-y."""
    u = (m["u"] or "year").lower()
    return _hit(m, "baseline", offset_months={"year": -12, "month": -1, "quarter": -3}.get(u))


def _r_same_period(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """the same period last year (-12 months); "the same period of 2022" names its year instead."""
    return _hit(m, "baseline", offset_months=None if m["y"] else -12)


def _r_prev_unit(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """the previous year / the following year: relative to the year the text is talking about."""
    months = {"year": 12, "month": 1, "quarter": 3}[m["u"].lower()]
    sign = 1 if m["rel"].lower() == "following" else -1
    return _hit(m, "baseline", offset_months=sign * months)


def _r_year(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """A year: "2022", "in 1985", "fiscal 1986", "FY23", "the year 2022"."""
    fiscal = bool(m["fy"] or m["fy2"])
    y = int(m["y"] or m["y2"] or 2000 + int(m["yy"]))
    if not fiscal and not m["the"] and not m["cal"]:
        w, _ = _prev_word(ctx.text, m.start())
        nxt = _next_word(ctx.text, m.end())
        if nxt in _COUNT_NOUNS or ctx.text[m.end():m.end() + 1] == "%" or w in _NUMBER_LABELS:
            return None
        if ctx.text[max(0, m.start() - 1):m.start()] == "-" and not w.startswith(("mid", "end", "start", "early",
                                                                                     "late")):
            return None  # "COVID-2019"-like codes and "10-2019" scores; "mid-2021", "end-1985" are years
        if re.match(r"-[A-Za-z]", ctx.text[m.end():m.end() + 2]):
            return None  # "a 2000-strong delegation", "1500-member"
        if y < 1900 and w not in _YEAR_CUES:
            return None  # older years need a cue: "in 1840", not "1600 Pennsylvania Avenue"
    f = ctx.fiscal
    if fiscal and f is not None and f.defined and (f.month, f.day) != (1, 1):
        # the text defines its fiscal year: "fiscal 1987" is the one that begins in 1987 when it starts
        # in the first half of the calendar year (Japan: April), else the one that ends in 1987 (July..June)
        return _hit(m, period=f.year_starting(y if f.month <= 6 else y - 1))
    return _hit(m, period=Period.year(y))


def _r_year_range(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """2022-2023, 2024-2027, 1985-86, 2022/23, between 2010 and 2020."""
    y1 = int(m["y1"])
    y2 = int(m["y2"])
    if y2 < 100:
        y2 += y1 // 100 * 100
        if y2 < y1:
            y2 += 100  # "1999/00"
    sep = m["sep"].strip().lower()
    if not (y1 < y2 <= y1 + 100) or (sep == "and" and not m["between"]):
        return None
    if _next_word(ctx.text, m.end()) in _COUNT_NOUNS:
        return None
    cue = bool(m["fy"]) or _prev_word(ctx.text, m.start())[0] in _SPLIT_CUES \
        or _next_word(ctx.text, m.end()) in _SPLIT_CUES
    if y2 == y1 + 1 and (sep == "/" or (sep in ("-", "–") and len(m["y2"]) == 2 and cue)):
        # a split year ("1986/87", "fiscal 1986-87"): one fiscal, crop or marketing year, starting where
        # the sentence says ("(October/September)", "ending June 30", "beginning today"), else where the
        # document's fiscal year starts, else in July
        tail = _FISCAL_TAIL.match(ctx.text, m.end())
        local = _fiscal_tail(tail, ctx.pub) if tail else None
        f = local or ctx.fiscal
        if f is None or (f.month, f.day) == (1, 1):
            f = Fiscal(SPLIT_YEAR_START)
        hit = _hit(m, period=f.year_starting(y1))
        if local is not None:
            hit.end = tail.end()  # the definition is part of the mention, not a date of its own
        return hit
    return _hit(m, "range", period=Period(dt.date(y1, 1, 1), dt.date(y2, 12, 31)))


_SPLIT_CUES = frozenset("fiscal financial crop marketing season budget harvest campaign year fy".split())


def _r_fiscal_rel(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """this financial year, the current fiscal year, next fiscal year, last financial year: the
    document's fiscal year (``Fiscal``) around publication; without one, the calendar year."""
    if ctx.pub is None:
        return _hit(m)
    rel = m["rel"].lower().split()[-1]
    off = {"this": 0, "current": 0, "present": 0, "next": 1, "coming": 1, "new": 1, "last": -1,
           "previous": -1, "past": -1}[rel]
    f = ctx.fiscal or Fiscal(1)
    p = f.containing(ctx.pub)
    p = f.year_starting(p.start.year + off)
    anchor = "past" if off < 0 else "future" if off > 0 else None
    return _hit(m, period=p, anchor=anchor, this=off == 0)


_SPAN_MONTHS = {"year": 12, "quarter": 3, "half": 6, "half-year": 6, "half year": 6}


def _r_year_ending(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """"the year ending June 1986", "the year ended November 30", "the nine months to December 31, 1986",
    "the quarter ended March 31": the stretch of that length that ends then."""
    unit = " ".join(m["u"].lower().split())
    n = _SPAN_MONTHS.get(unit) or (int(_num(m["n"]) or 0) if m["n"] else 0)
    if not n:
        return None
    mon = _month_of(m["mon"])
    day = int(re.match(r"\d+", m["d"]).group()) if m["d"] else None

    def make(y: int) -> Period | None:
        end = _day(y, mon, day) if day else _months(y, mon, mon)
        if end is None:
            return None
        last = end.end
        start = (shift(Period(last, last), months=-n).end + dt.timedelta(days=1)) if day else \
            _months(y, mon, mon).start - relativedelta(months=n - 1)
        return Period(start, last)

    if m["y"]:
        return _hit(m, period=make(int(m["y"])))
    if ctx.pub is not None:
        # a stretch that "ended" or "ends": the last one over by publication
        p = make(ctx.pub.year)
        return _hit(m, period=p if p is not None and p.end <= ctx.pub else make(ctx.pub.year - 1))
    return _hit(m, floating=_Floating(make, "year", past_default=True))


def _r_months_reported(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """"the six months", "the nine months" of a company report: the months to the quarter it reports."""
    f = ctx.fiscal
    n = _num(m["n"])
    if f is None or f.quarter_end is None or not n or n != int(n):
        return None
    end = f.quarter_end
    start = end + dt.timedelta(days=1) - relativedelta(months=int(n))
    return _hit(m, period=Period(start, end))


def _r_anaphor(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """"in the period", "that year", "the same month": the period named before; the caller resolves it."""
    return _hit(m, "anaphor", calendar=False, datable=False)


def _r_decade(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """the 1980s, 1990s, the '80s."""
    if m["c"]:
        d0 = int(m["c"] + m["d"] + "0")
    else:
        d0 = 1900 + int(m["d2"]) * 10
    return _hit(m, period=_decade(d0))


_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}


def _r_century(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """the 20th century (1901-2000), the twenty-first century."""
    n = int(m["n"]) if m["n"] else _CENTURY_WORDS[m["w"].lower()]
    if not 1 <= n <= 22:
        return None
    c0 = (n - 1) * 100 + 1
    return _hit(m, period=Period(dt.date(c0, 1, 1), dt.date(c0 + 99, 12, 31)))


def _of_something_else(m: re.Match, ctx: _Ctx) -> bool:
    """"the first half of the match" is no time; "the first half of 2022" is."""
    return not m["yabs"] and not m["yrel"] and bool(re.match(r"\s+of\b", ctx.text[m.end():m.end() + 5]))


def _r_quarter(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """the first quarter (of 2022), Q1 2023, first-quarter, the first three quarters."""
    if _of_something_else(m, ctx):
        return None
    f = ctx.fiscal
    if f is not None and f.quarter_end is not None and m["q"] and not (m["yabs"] or m["yrel"] or m["yy"]):
        # the company's quarter: counted in the fiscal year of the quarter it reports
        fy = f.containing(f.quarter_end)
        k = _ORDINALS[m["q"].lower()]
        start = fy.start + relativedelta(months=3 * (k - 1))
        return _hit(m, period=Period(start, start + relativedelta(months=3) - dt.timedelta(days=1)))
    if m["q"]:
        make = partial(_quarter, q=_ORDINALS[m["q"].lower()])
    elif m["q2"]:
        make = partial(_quarter, q=int(m["q2"]))
    else:
        make = partial(_months, m1=1, m2=3 * int(_num(m["nq"])))
    if m["yy"]:
        return _hit(m, period=make(2000 + int(m["yy"])))
    return _year_value(m, ctx, make, abs_group="yabs", rel_group="yrel")


def _r_half(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """the first half of 2022, H1, H2 2023, second-half."""
    if _of_something_else(m, ctx):
        return None
    h = _ORDINALS[m["h"].lower()] if m["h"] else int(m["h2"])
    make = partial(_months, m1=6 * h - 5, m2=6 * h)
    if m["yy"]:
        return _hit(m, period=make(2000 + int(m["yy"])))
    return _year_value(m, ctx, make, abs_group="yabs", rel_group="yrel")


def _r_first_n(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """the first two months of this year, the first 10 days of March, the last week of 2022."""
    unit = _unit(m["u"])
    n = _num(m["n"]) if m["n"] else 1.0
    first = m["pos"].lower() in ("first", "opening")
    has_of = bool(m["mon"] or m["yabs"] or m["yrel"] or m["theyear"])
    if n is None or n != int(n) or not has_of and (not first or not m["n"]):
        # "the last two months" alone is a stretch back in time (another rule); "the first day" of what?
        return None
    n = int(n)

    def within(p: Period) -> Period | None:
        if unit in ("month", "quarter"):
            k = n * (3 if unit == "quarter" else 1)
            total = (p.end.year - p.start.year) * 12 + p.end.month - p.start.month + 1
            return _first_last_months(p, k, first) if k <= total else None
        days = n * (7 if unit == "week" else 1)
        if days > (p.end - p.start).days + 1:
            return None
        if first:
            return Period(p.start, p.start + dt.timedelta(days=days - 1))
        return Period(p.end - dt.timedelta(days=days - 1), p.end)

    if m["mon"]:
        mon = _month_of(m["mon"])
        return _year_value(m, ctx, lambda y: _then(_months(y, mon, mon), within), abs_group="my",
                           rel_group="myrel")
    return _year_value(m, ctx, lambda y: within(Period.year(y)), abs_group="yabs", rel_group="yrel")


def _first_last_months(p: Period, k: int, first: bool) -> Period:
    """The first (or last) k whole months of ``p``."""
    if first:
        first_month = Period(p.start, _month_end(p.start.year, p.start.month))
        return Period(p.start, shift(first_month, months=k - 1).end)
    last_month = Period(dt.date(p.end.year, p.end.month, 1), p.end)
    return Period(shift(last_month, months=-(k - 1)).start, p.end)


_SEASON_CUES = frozenset("in during since by until through throughout early late mid".split())
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}


def _r_season(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """this spring, last summer, the autumn of 2022, in winter."""
    s = m["s"].lower()
    rel = (m["rel"] or "").lower()
    a, b = _SEASON_MONTHS[s]
    make = partial(_months, m1=a, m2=b)
    if not (rel or m["yabs"] or m["yrel"]):
        w, _ = _prev_word(ctx.text, m.start())
        with_the = m.group().lower().startswith("the")
        if w not in _SEASON_CUES or (s == "fall" and not with_the) \
                or re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
            # "fall" is a verb unless "in the fall"; "a spring", "Spring Festival", "the fall of the Wall"
            return None
        return _hit(m, floating=_Floating(make, "year"))
    if rel:
        if ctx.pub is None:
            return _hit(m)
        pub = ctx.pub
        cands = [make(pub.year + k) for k in (-2, -1, 0, 1)]
        if rel == "this":  # the one under way, else the one in this calendar year
            now = [p for p in cands if p.start <= pub <= p.end]
            p = now[0] if now else make(pub.year if pub.month > 2 or s != "winter" else pub.year - 1)
            return _hit(m, period=p)
        return _last_next(m, rel, cands, pub)
    return _year_value(m, ctx, make, abs_group="yabs", rel_group="yrel")


def _r_ordinal_day(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """"on the 20th": a day of the month around publication."""
    w, _ = _prev_word(ctx.text, m.start())
    if w not in ("on", "by", "until", "till", "since", "from", "before", "after", "to"):
        return None
    nxt = _next_word(ctx.text, m.end())
    if nxt and nxt not in _FUNCTION_WORDS:
        return None  # an ordinal of something: "on the 20th anniversary", "by the 20th Party Congress"
    d = int(m["d"])
    return _hit(m, floating=_Floating(lambda k: _day(k // 12, k % 12 + 1, d), "month"))


def _r_clock(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """A clock time: joins an adjacent date; alone it has no days."""
    return _hit(m, datable=False, clock=True)


def _r_set(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """every year, annually, regularly, twice a year: habitual, no period."""
    n = m["n"] or m["n2"]
    return _hit(m, "set", calendar=not (n and re.search(r"\d", n)))


def _r_duration(m: re.Match, ctx: _Ctx) -> _Hit | None:
    """13 years, nine hours, a decade (after "for", "over", "within", ...), five-year."""
    n_text = m["n"] or m["n2"]
    if n_text.lower() in ("a", "an"):
        w, _ = _prev_word(ctx.text, m.start())
        if w not in ("for", "over", "within", "nearly", "almost", "about", "around", "than", "after", "in",
                     "only", "just", "least", "past", "of"):
            return None
    unit = _unit(m["u"] or m["u2"])
    n = _num(n_text)
    length = (n, unit) if n is not None and _UNIT.get(unit) else None
    return _hit(m, "duration", calendar=False, length=length)


# --- the rule table ---------------------------------------------------------------------------
def _month_re(name: str = "mon", abbr: bool = True) -> str:
    names = f"{_FULL_MONTHS}|{_ABBR_MONTHS}" if abbr else _FULL_MONTHS
    return rf"(?-i:(?P<{name}>{names}))(?![A-Za-z])"


def _yearq(abs_group: str = "yabs", rel_group: str = "yrel") -> str:
    """An optional year after a period: "of 2022", "2023", "this year", "of last year", "of the year"."""
    return (rf"(?:\s*,?\s*(?:of\s+|in\s+)?(?:(?P<{rel_group}>this|last|next|the\s+current)\s+year\b"
            rf"|(?P<{abs_group}>{_YEAR})|(?P<theyear>the\s+year\b)))?")


_YR_SUFFIX = rf"(?:,?\s+(?P<y>{_YEAR})|\s+(?:of\s+)?(?P<yr>this|last|next)\s+year\b)?"
_DASH = r"(?:-|–|—|to|through|till|until|and)"


@dataclass(frozen=True)
class _Rule:
    """A pattern, its reader, and the words a sentence must hold for the pattern to be worth running.

    Each of ``needs`` is a set of which one must occur (lower-cased words, "#digit" for any digit,
    "#year" for four digits that could be a year, ":" for a colon). Skipping rules this way keeps a
    sentence well under a millisecond.
    """

    name: str
    read: _Reader
    needs: tuple[frozenset[str], ...]
    pattern: re.Pattern

    def worth(self, tokens: frozenset[str]) -> bool:
        return all(not need.isdisjoint(tokens) for need in self.needs)


def _rule(name: str, read: _Reader, needs: tuple[str, ...], pattern: str) -> _Rule:
    """A rule; patterns are case-insensitive except where they say ``(?-i:...)`` (month names)."""
    return _Rule(name, read, tuple(frozenset(n.split()) for n in needs), re.compile(pattern, re.IGNORECASE))


_TOKEN = re.compile(r"[a-z]+")
_YEARISH = re.compile(r"(?:1\d|20)\d\d")


def _tokens(text: str) -> frozenset[str]:
    """The lower-cased words of ``text``, with "#digit" and ":" when it holds a digit or a colon,
    "#year" when four of its digits could be a year."""
    words = set(_TOKEN.findall(text.lower()))
    if any(c.isdigit() for c in text):
        words.add("#digit")
        if _YEARISH.search(text):
            words.add("#year")
    if ":" in text:
        words.add(":")
    return frozenset(words)


_DIGIT = "#digit"
_YEAR_DIGITS = "#year"  # rules that cannot match without a year
_MONTH_WORDS = ("january february march april may june july august september october november december "
                "jan feb mar apr jun jul aug sep sept oct nov dec")
_UNIT_WORDS = ("year years decade decades century centuries quarter quarters month months week weeks "
               "day days hour hours minute minutes")
_WD = rf"(?:(?-i:(?P<wd>{_WEEKDAY_ANY})),?\s+)?"  # "Monday, March 20"

# Order matters only for ties (same span): the earlier rule wins.
_RULES: tuple[_Rule, ...] = (
    _rule("iso_date", _r_iso, (_YEAR_DIGITS,),
          rf"(?<![\d/.-])(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    _rule("ymd_slash", _r_ymd_slash, (_YEAR_DIGITS,),
          r"(?<![\d/.])(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),
    _rule("numeric_date", _r_numeric, (_YEAR_DIGITS,),
          r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)(?!\d)"),
    _rule("month_day", _r_date, (_DIGIT, _MONTH_WORDS),
          rf"{_WD}{_month_re()}\s+(?P<d>{_DAY}){_YR_SUFFIX}"),
    _rule("day_month", _r_date, (_DIGIT, _MONTH_WORDS),
          rf"{_WD}(?:the\s+)?(?<![\d$.,])(?P<d>{_DAY})\s+(?:of\s+)?{_month_re()}{_YR_SUFFIX}"),
    _rule("month_day_range", _r_day_range, (_DIGIT, _MONTH_WORDS),
          rf"{_month_re()}\s+(?P<d1>{_DAY})\s*{_DASH}\s*(?P<d2>{_DAY}){_YR_SUFFIX}"),
    _rule("day_month_range", _r_day_range, (_DIGIT, _MONTH_WORDS),
          rf"(?<![\d$.,])(?P<d1>{_DAY})\s*{_DASH}\s*(?P<d2>{_DAY})\s+(?:of\s+)?{_month_re()}{_YR_SUFFIX}"),
    _rule("month_year", _r_month_year, (_MONTH_WORDS,),
          rf"{_month_re()}(?:\s*,?\s+(?:of\s+)?(?P<y>{_YEAR})|\s+(?:of\s+)?(?P<yr>this|last|next)\s+year\b)"),
    _rule("month", _r_month, (_MONTH_WORDS,),
          rf"(?:\b(?P<rel>last|next|this)\s+)?{_month_re(abbr=False)}"),
    _rule("weekday", _r_weekday, ("monday tuesday wednesday thursday friday saturday sunday",),
          rf"(?:\b(?P<rel>last|next|this)\s+)?(?-i:(?P<wd>{_WEEKDAY_RE}))\b"
          r"(?:\s+(?:morning|afternoon|evening|night)\b)?"),
    _rule("weekend", _r_weekend, ("weekend",),
          r"\b(?P<rel>last|next|this|the)\s+weekend\b"),
    _rule("relative_day", _r_rel_day,
          ("today tonight yesterday tomorrow day morning afternoon evening night",),
          r"\b(?:today|tonight|yesterday|tomorrow|the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"
          r"|this\s+(?:morning|afternoon|evening)|last\s+night)\b"),
    _rule("relative_unit", _r_rel_unit, ("last this next current present before",
                                         "week month quarter year decade century"),
          r"\b(?:(?P<rel>last|this|next|the\s+current|the\s+present)\s+(?P<u>week|month|quarter|year|decade"
          r"|century)|the\s+(?P<u2>year)\s+before\s+last)\b"),
    _rule("the_unit", _r_the_unit, ("year month decade",),
          r"\bthe\s+(?P<u>year|month|decade)\b"),
    _rule("past_n", _r_past_n, ("past last previous preceding these recent",),
          rf"\b(?:(?:the\s+)?(?:past|last|previous|preceding)\s+(?P<n>{_NUM})\s+(?P<u>{_UNITS})"
          r"|the\s+(?:past|last)\s+(?P<u1>year|month|week|decade|century|quarter)"
          rf"|these\s+(?P<n3>{_NUM})\s+(?P<u3>years|months|decades)"
          r"|(?:the\s+)?(?P<vague>(?:past|last|recent)\s+(?:few\s+|several\s+|couple\s+of\s+)?"
          r"(?:years|months|weeks|days|decades)|recent\s+(?:years|months|weeks|decades)))\b"),
    _rule("next_n", _r_next_n, ("next coming upcoming come future",),
          rf"\b(?:(?:the\s+)?(?:next|coming|upcoming)\s+(?P<n>{_NUM})\s+(?P<u>{_UNITS})"
          r"|the\s+(?:next|coming|upcoming)\s+(?P<u1>year|month|week|decade)"
          r"|(?P<vague>the\s+(?:coming|next|upcoming)\s+(?:few\s+|several\s+)?(?:years|months|decades|weeks)"
          r"|(?:the\s+)?years\s+to\s+come|in\s+the\s+(?:near\s+|foreseeable\s+|distant\s+)?future))\b"),
    _rule("ago", _r_ago, ("ago",),
          rf"\b(?P<n>{_NUM}|an?)\s+(?P<u>{_UNITS})\s+ago\b"),
    _rule("relative_shift", _r_rel_shift, ("prior earlier before previously later after on", _UNIT_WORDS),
          rf"\b(?P<n>{_NUM}|an?)\s+(?P<u>years?|months?|quarters?|decades?|weeks?|days?)\s+"
          r"(?P<dir>prior|earlier|before|previously|later|after|on)\b"),
    _rule("year_on_year", _r_yoy, ("on over yoy y", "year month quarter week yoy y"),
          r"\b(?:(?P<u>year|month|quarter|week)[-\s]+(?:on|over)[-\s]+(?P=u)|(?-i:y-o-y|yoy|YoY|y/y))\b"),
    _rule("same_period", _r_same_period, ("same",),
          r"\b(?:the\s+)?same\s+(?:period|time|months?|quarter|half)\s+(?:of\s+|in\s+)?"
          rf"(?:last\s+year|the\s+(?:previous|prior|preceding)\s+year|a\s+year\s+(?:ago|earlier|before)"
          rf"|(?P<y>{_YEAR}))"),
    _rule("previous_unit", _r_prev_unit, ("previous prior preceding following",),
          r"\bthe\s+(?P<rel>previous|prior|preceding|following)\s+(?P<u>year|month|quarter)\b"),
    _rule("year", _r_year, (_DIGIT,),
          rf"(?:(?P<the>\bthe\s+year\s+)|(?P<fy>\b(?:the\s+)?(?:fiscal|financial)(?:\s+year)?\s+)"
          rf"|(?P<cal>\b(?:the\s+)?calendar(?:\s+year)?\s+))?"
          rf"(?P<y>{_YEAR})(?:\s+fiscal\s+year\b)?"
          rf"|(?P<fy2>\bFY\s*)(?:(?P<y2>{_YEAR})|'?(?P<yy>\d\d)(?!\d))"),
    _rule("year_range", _r_year_range, (_YEAR_DIGITS,),
          rf"(?P<between>\bbetween\s+)?(?P<fy>(?:\bthe\s+)?(?:(?:fiscal|financial|crop|marketing|budget)"
          rf"(?:\s+year)?\s+|FY\s*))?(?P<y1>{_YEAR})"
          r"\s*(?P<sep>-|–|—|/|\s(?:to|through|until|and)\s)\s*"
          r"(?P<y2>(?:1[0-9]|20)\d\d|\d\d)(?![\d%]|,\d|\.\d)"),
    _rule("year_ending", _r_year_ending, ("ending ended to", "year quarter half months"),
          rf"\b(?:the\s+|its\s+|a\s+)?(?:fiscal\s+|financial\s+)?(?:(?P<n>{_NUM})\s+)?"
          rf"(?P<u>year|quarter|half[-\s]year|half|months)\s+(?:ending|ended|to)\s+(?:on\s+)?"
          rf"{_month_re()}(?:\s+(?P<d>{_DAY}))?(?:\s*,?\s+(?P<y>{_YEAR}))?"),
    _rule("months_reported", _r_months_reported, ("months",),
          rf"\bthe\s+(?:first\s+)?(?P<n>three|six|nine|twelve|3|6|9|12)\s+months\b(?!\s+(?:ended|ending)\b)"
          rf"(?!\s+to\s+(?:{_MONTH_NAMES})\b)"),
    _rule("fiscal_relative", _r_fiscal_rel, ("fiscal financial budget",),
          r"\b(?P<rel>this|next|last|current|the\s+(?:current|coming|next|previous|past|present|new|last))\s+"
          r"(?:fiscal|financial|budget)\s+year\b"),
    _rule("anaphor", _r_anaphor, ("period year month quarter",),
          r"\b(?:that|the\s+same)\s+(?:period|year|month|quarter)\b(?!\s+(?:last|of|ago)\b)"
          r"|\bthis\s+period\b|(?:(?<=\bin\s)|(?<=\bduring\s)|(?<=\bover\s)|(?<=\bfor\s))the\s+period\b"
          r"(?!\s+(?:of|from|to|between|since|ending|ended|under|when|in)\b)"),
    _rule("decade", _r_decade, (_DIGIT, "s"),
          r"(?:\bthe\s+)?(?:(?<![\d.,$])(?P<c>1[0-9]|20)(?P<d>\d)0'?s|(?<=the\s)'?(?P<d2>[2-9])0s)\b"),
    _rule("century", _r_century, ("century",),
          r"(?:\bthe\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>eighteenth|nineteenth|twentieth"
          r"|twenty[-\s]first))[\s-]+century\b"),
    _rule("quarter", _r_quarter, ("quarter quarters q",),
          r"(?:(?:\bthe\s+)?(?:(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter\b"
          r"|first\s+(?P<nq>two|three|2|3)\s+quarters\b)|(?-i:\bQ(?P<q2>[1-4]))(?:\s*'(?P<yy>\d\d)\b)?)"
          + _yearq()),
    _rule("half", _r_half, ("half h",),
          r"(?:(?:\bthe\s+)?(?P<h>first|second|latter|1st|2nd)[\s-]+half\b|(?-i:\bH(?P<h2>[12]))"
          r"(?:\s*'(?P<yy>\d\d)\b)?)(?!\d)" + _yearq()),
    _rule("first_n", _r_first_n, ("first last final opening",),
          rf"\bthe\s+(?P<pos>first|last|final|opening)\s+(?:(?P<n>{_NUM})\s+)?"
          r"(?P<u>months?|weeks?|days?|quarters?)\b"
          rf"(?:\s+(?:of|in)\s+{_month_re()}(?:\s*,?\s+(?P<my>{_YEAR})|\s+(?P<myrel>this|last|next)\s+year)?"
          rf"|{_yearq()})"),
    _rule("season", _r_season, ("spring summer autumn fall winter",),
          r"(?:\b(?P<rel>this|last|next|past|coming)\s+|\bthe\s+)?"
          r"(?-i:(?P<s>spring|summer|autumn|fall|winter))\b"
          rf"(?:\s*,?\s+(?:of\s+)?(?:(?P<yabs>{_YEAR})|(?P<yrel>this|last|next)\s+year\b))?"),
    _rule("ordinal_day", _r_ordinal_day, (_DIGIT, "st nd rd th"),
          r"\bthe\s+(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)\b"),
    _rule("clock", _r_clock, (": am pm m noon midnight",),
          r"(?<![\d.:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*(?-i:[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
          r"(?:\s+(?:GMT|UTC|local\s+time|Beijing\s+time|Moscow\s+time))?"
          r"|(?<![\d.:])(?:1[0-2]|0?[1-9])\s*(?-i:a\.m\.|p\.m\.|(?:am|pm|AM|PM)\b)|\b(?:noon|midnight)\b"),
    _rule("set", _r_set, ("every each annually yearly monthly weekly daily regularly periodically after "
                          "basis once twice thrice times",),
          rf"\b(?:every\s+(?:(?P<n>other|{_NUM})\s+)?(?:years?|months?|weeks?|days?|quarters?|decades?"
          rf"|spring|summer|autumn|winter|{_WEEKDAY_RE})|each\s+(?:year|month|week|day|quarter)"
          r"|annually|yearly|monthly|weekly|(?-i:daily)|regularly|periodically|year\s+after\s+year"
          r"|on\s+a\s+(?:regular|yearly|annual|monthly|weekly|daily)\s+basis"
          rf"|(?:once|twice|thrice|(?P<n2>{_NUM})\s+times)\s+(?:a|per|each|every)\s+"
          r"(?:year|month|week|day))\b"),
    _rule("duration", _r_duration, (_UNIT_WORDS,),
          rf"\b(?:(?P<n>{_NUM}|an?)\s+(?:more\s+|full\s+|consecutive\s+|straight\s+|long\s+)?(?P<u>{_UNITS})"
          rf"|(?P<n2>{_NUM})-(?P<u2>year|month|week|day|hour|minute|decade)s?(?:-long|-old)?)\b"),
)


# --- composing hits into mentions -------------------------------------------------------------
# a part word right before a dated hit: "early 2022", "mid-March", "the end of last year"
_PART = re.compile(r"\b(?:(?:the\s+)?(?P<p>early|late|mid)|(?P<q>earlier|later)(?:\s+in)?|(?:in\s+)?the\s+"
                   r"(?P<r>beginning|start|end|middle|close|turn)\s+of|(?P<e>end|start)(?=-))(?:\s*-\s*|\s+)$",
                   re.IGNORECASE)
_PART_NAME = {"early": "early", "late": "late", "mid": "mid", "earlier": "earlier", "later": "later",
              "beginning": "begin", "start": "begin", "turn": "begin", "end": "end", "close": "end",
              "middle": "mid"}
# a word before a hit that changes its kind: "since 2013", "by 1990", "within this year"
_WRAP = re.compile(r"\b(?P<w>since|by|until|till|through|within|no\s+later\s+than|not\s+later\s+than"
                   r"|so\s+far)\s+$", re.IGNORECASE)
_DEADLINE_WORDS = ("by", "until", "till", "through", "within", "no later than", "not later than")
# what may join two dates into one range
_JOIN = re.compile(r"\s*(?:-|–|—|to|through|till|until|and)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*", re.IGNORECASE)
_CLOCK_GAP = re.compile(r"\s*,?\s*(?:(?:at|on)\s+)?", re.IGNORECASE)


@text_cache(maxsize=1024)
def _matches(text: str) -> tuple[tuple[int, re.Match], ...]:
    """Every rule's matches in ``text`` (rule index, match), before any reader judges them.

    Matching does not depend on the publication date, the tense or the fiscal year, and a sentence
    is asked about with several of them (``year_spans`` without a date, each extractor with its
    own): cached, so the patterns run over a sentence once."""
    tokens = _tokens(text)
    return tuple((i, m) for i, rule in enumerate(_RULES) if rule.worth(tokens)
                 for m in rule.pattern.finditer(text))


def _candidates(text: str, pub: dt.date | None, fiscal: Fiscal | None = None) -> list[_Hit]:
    """Every rule's accepted matches, then the longest of overlapping ones (earliest, first rule on ties)."""
    ctx = _Ctx(text, pub, fiscal)
    hits: list[_Hit] = []
    for i, m in _matches(text):
        h = _RULES[i].read(m, ctx)
        if h is not None and h.end > h.start:
            h.rule = i
            hits.append(h)
    hits.sort(key=lambda h: (h.start - h.end, h.start, h.rule))
    chosen: list[_Hit] = []
    for h in hits:
        if all(h.end <= c.start or c.end <= h.start for c in chosen):
            chosen.append(h)
    return sorted(chosen, key=lambda h: h.start)


def _apply_part(h: _Hit, text: str, floor: int, pub: dt.date | None) -> None:
    """Narrow a dated hit by the part word in front of it ("early", "the end of", "earlier this")."""
    if not h.dated():
        return
    m = _PART.search(text, max(floor, h.start - 28), h.start)
    if not m:
        return
    part = _PART_NAME[(m["p"] or m["q"] or m["r"] or m["e"]).lower()]
    if part in ("earlier", "later") and not h.this:
        return
    probe = h.period
    if probe is None and h.floating is not None:
        probe = h.floating.make(2001 if h.floating.unit == "year" else 2001 * 12)
    if part not in ("earlier", "later") and not (h.grain or (probe and _grain(probe))):
        return  # a day, a quarter, a range: no part word applies
    h.part, h.start = part, m.start()


def _narrow(h: _Hit, pub: dt.date | None) -> tuple[Period | None, _Floating | None]:
    """The hit's period (or floating date) with its part word applied."""
    if h.part is None or (h.wrap in _DEADLINE_WORDS and h.part in ("end", "late")):
        # "by the end of the year" is a deadline of the year itself
        return h.period, h.floating
    part = h.part
    if h.floating is not None:
        return None, h.floating.narrowed(lambda p: _part(p, part, pub))
    return (_part(h.period, part, pub) if h.period else None), None


def _merge_ranges(hits: list[_Hit], text: str, pub: dt.date | None) -> list[_Hit]:
    """"March 20 to April 2", "from 2010 to 2020", "between March and May", "January-February":
    two dates joined into one range, the years of year-less ends taken from each other."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        a = hits[i]
        b = hits[i + 1] if i + 1 < len(hits) else None
        if b is not None and a.dated() and b.dated() and not a.needs_prefix and not b.needs_prefix:
            gap = _JOIN.fullmatch(text, a.end, b.start)
            between = _BETWEEN.search(text, max(0, a.start - 10), a.start)
            if gap and (between or gap.group().strip().lower() != "and"):
                merged = _join(a, b, pub)
                if merged is not None:
                    if between:
                        merged.start = between.start()
                    out.append(merged)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _join(a: _Hit, b: _Hit, pub: dt.date | None) -> _Hit | None:
    """One range from two dates; None when they do not make one (the second ends before the first)."""
    pa, fa = _narrow(a, pub)
    pb, fb = _narrow(b, pub)
    joined = _Hit(a.start, b.end, "range", calendar=a.calendar and b.calendar)
    if fa is not None and fb is not None:
        if fa.unit != fb.unit:
            return None

        def make(k: int) -> Period | None:
            x, y = fa.make(k), fb.make(k)
            if x is None or y is None:
                return None
            if y.end < x.start:  # "December to February" runs into the next year
                y = fb.make(k + 1)
            return Period(x.start, y.end) if y is not None else None

        joined.floating = _Floating(make, fa.unit, fa.past_default)
        return joined
    if fa is not None:
        if pb is None:
            return joined
        if fa.unit != "year":
            return None
        pa = fa.make(pb.end.year)
        if pa is not None and pa.start > pb.end:
            pa = fa.make(pb.end.year - 1)
    elif fb is not None:
        if pa is None:
            return joined
        if fb.unit != "year":
            return None
        pb = fb.make(pa.start.year)
        if pb is not None and pb.end < pa.start:
            pb = fb.make(pa.start.year + 1)
    if pa is None or pb is None:
        return joined  # a range in words whose days are not known (no publication date)
    if pb.end < pa.start:
        return None
    joined.period = Period(pa.start, pb.end)
    return joined


def _attach_clocks(hits: list[_Hit], text: str) -> list[_Hit]:
    """A clock time next to a date becomes part of it ("Mar 18, 2023 01:35 AM", "at 10 a.m. on Monday")."""
    out: list[_Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if prev is not None and _CLOCK_GAP.fullmatch(text, prev.end, h.start):
            if h.clock and prev.dated():
                prev.end = h.end
                continue
            if prev.clock and h.dated():
                h.start = prev.start
                out[-1] = h
                continue
        out.append(h)
    return out


def _coordinate(hits: list[_Hit], text: str, pub: dt.date | None) -> None:
    """Year-less dates listed together ("in April and May", "March, April or May") get one year:
    the one the whole list would get."""
    chain: list[tuple[_Hit, _Floating]] = []
    for h in hits + [None]:
        fl = _narrow(h, pub)[1] if h is not None and h.wrap is None else None
        if fl is not None and chain and fl.unit == chain[-1][1].unit and _LIST_GAP.fullmatch(
                text, chain[-1][0].end, h.start):
            chain.append((h, fl))
            continue
        if len(chain) > 1:
            makes = [f.make for _, f in chain]

            def joint(k: int, makes=makes) -> Period | None:
                ps = [mk(k) for mk in makes]
                return None if None in ps else Period(min(p.start for p in ps), max(p.end for p in ps))

            shared = _Floating(joint, chain[0][1].unit, chain[0][1].past_default)
            for c, _ in chain:
                c.shared = shared
        chain = [(h, fl)] if fl is not None else []


def _wrap(h: _Hit, text: str, floor: int) -> None:
    """"since X", "by X", "until X", "within X", "so far this year": the word before decides the kind."""
    m = _WRAP.search(text, max(floor, h.start - 22), h.start)
    if not m:
        return
    w = " ".join(m["w"].lower().split())
    if w == "so far":
        ok = h.this and h.part is None
        w = "since"
    elif w == "since":
        ok = h.kind == "point" and h.dated()
    elif w == "within":
        ok = h.dated() or (h.kind == "duration" and h.length is not None)
    else:
        ok = h.dated()
    if ok:
        h.wrap, h.start = w, m.start()


def _finish(h: _Hit, text: str, pub: dt.date | None, tense: str | None) -> TimeMention:
    """The mention as callers see it: floating dates anchored, since / deadline applied."""
    period, floating = _narrow(h, pub)
    effective = tense
    if effective is None and h.wrap == "since":
        effective = "past"
    elif effective is None and h.wrap in _DEADLINE_WORDS:
        effective = "future"  # "by December" said in March is this December
    anchor = h.anchor
    if floating is not None:
        k = (h.shared or floating).pick_index(pub, effective) if pub is not None else None
        period = floating.make(k) if k is not None else None
        if period is not None:
            anchor = "past" if period.end < pub else "future" if period.start > pub else None
    kind = h.kind
    if h.wrap == "since":
        kind, anchor = "since", "past"
        period = Period(period.start, pub) if period and pub and period.start <= pub else None
    elif h.wrap == "within" and h.kind == "duration":
        kind, anchor = "deadline", "future"
        period = Period(pub, _ahead(pub, *h.length)) if pub is not None and h.length else None
    elif h.wrap is not None:
        kind = "deadline"
        if period is not None and pub is not None:
            anchor = "past" if period.end < pub else "future"
    elif h.kind == "duration" and h.length and (ahead := _ahead_of(h, text, tense)) is not None:
        # "in three years' time", "will double it in two years", "will cut it by $10 billion over two
        # years": as "within two years", publication date .. two years later
        kind, anchor = "deadline", "future"
        period = Period(pub, _ahead(pub, *h.length)) if pub is not None else None
        return TimeMention(*ahead, text[ahead[0]:ahead[1]], period, kind, anchor, h.offset_months)
    return TimeMention(h.start, h.end, text[h.start:h.end], period, kind, anchor, h.offset_months)


_IN_TIME = re.compile(r"['’]?s?\s+time\b", re.IGNORECASE)
_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)
_OVER_BEFORE = re.compile(r"\bover\s+$", re.IGNORECASE)


def _ahead_of(h: _Hit, text: str, tense: str | None) -> tuple[int, int] | None:
    """Where a bare duration that counts forward from the publication date starts and ends with its
    words ("in three years' time"): "in N years' time" always, "in N years" and "over N years" in what
    is still to come ("the first fall in two years" and "rose over two years" are lengths); None if
    it does not count forward."""
    start = max(0, h.start - 6)
    m = _IN_BEFORE.search(text, start, h.start) or (_OVER_BEFORE.search(text, start, h.start)
                                                    if tense == "future" else None)
    if m is None:
        return None
    suffix = _IN_TIME.match(text, h.end) if m.group().lower().startswith("in") else None
    if suffix is None and tense != "future":
        return None
    return m.start(), suffix.end() if suffix else h.end


@text_cache(maxsize=1024)
def _analyse(text: str, pub: dt.date | None, tense: str | None,
             fiscal: Fiscal | None = None) -> tuple[tuple[TimeMention, bool], ...]:
    """Mentions of ``text`` with, for each, whether its numbers are calendar labels (for year_spans).
    Cached: the three extractors and year_spans all read the same sentence."""
    return tuple((_finish(h, text, pub, tense), h.calendar) for h in _hits(text, pub, fiscal))


@text_cache(maxsize=1024)
def _hits(text: str, pub: dt.date | None, fiscal: Fiscal | None = None) -> tuple[_Hit, ...]:
    """The hits of ``text`` before the tense is applied, shared by the extractors that ask with
    different tenses (finding them is most of the cost; ``_finish`` only reads them)."""
    hits = _candidates(text, pub, fiscal)
    floor = 0
    for h in hits:
        _apply_part(h, text, floor, pub)
        floor = h.end
    hits = _merge_ranges(_attach_clocks(hits, text), text, pub)
    floor = 0
    for h in hits:
        _wrap(h, text, floor)
        floor = h.end
    hits = [h for h in hits if not h.needs_prefix or h.part is not None or h.wrap == "within"]
    for a, b in zip(hits, hits[1:]):
        if a.floating is not None and a.floating.unit == "year" and b.grain == "year" and b.period is not None \
                and re.fullmatch(r"\s+(?:[a-z-]+\s+){1,2}", text[a.end:b.start]):
            a.period, a.floating = a.floating.make(b.period.start.year), None
    _coordinate(hits, text, pub)
    return tuple(hits)


def find_times(text: str, published: dt.date | None, tense: str | None = None,
               fiscal: Fiscal | None = None) -> list[TimeMention]:
    """All time expressions in ``text`` (a sentence), non-overlapping, in text order.

    ``published`` anchors relative expressions ("last year"); without it they are found but
    get no period, while absolute ones ("in 2022", "March 20, 2023") still resolve.
    ``tense`` ("past", "future" or None) decides year-less dates: "in May" in a plan published
    2023-03-18 is 2023-05, in a report 2022-05 (see the module docstring for None).
    ``fiscal`` (see ``fiscal_year_of``) places split years ("1986/87"), "this financial year" and,
    when the text defines it, "fiscal 1987".
    """
    if tense not in (None, *TENSES):
        raise ValueError(f"tense must be one of {TENSES} or None, not {tense!r}")
    return [replace(m) for m, _ in _analyse(text, published, tense, fiscal)]


def resolve(expr: str, published: dt.date | None, tense: str | None = None,
            fiscal: Fiscal | None = None) -> Period | None:
    """The period of one expression (the text of a mention): "the first two months of this year",
    "since 2013", "May". A standalone expression is read as if introduced by "in", so a bare
    "May" or "2022" counts as a date."""
    text = expr.strip()
    found = find_times(text, published, tense, fiscal) or find_times("in " + text, published, tense, fiscal)
    if not found:
        return None
    return max(found, key=lambda m: m.end - m.start).period


def year_spans(text: str, published: dt.date | None = None,
               fiscal: Fiscal | None = None) -> list[tuple[int, int]]:
    """Character spans of ``text`` that are dates ("2022", "2024-2027", "the 1980s", "March 20",
    "December 20, 1999"), so the figures extractor never reports them as numbers.

    Counts of time ("13 years", "the past 70 years", "ten years ago") are left out: their
    number is a figure of its own.

    Which spans are dates does not depend on ``published`` or ``fiscal``; an extractor passes the
    ones it gives ``find_times`` for the same sentence, so that both read one cached set of hits.
    """
    return [(m.start, m.end) for m, calendar_label in _analyse(text, published, None, fiscal)
            if calendar_label]

