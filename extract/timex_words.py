"""The words of time the rules share, and the calendar arithmetic behind them.

Month, weekday, season, unit and part-of-day names with their patterns, the modifiers TimeML counts
as part of an expression ("early next year"), and the year of a month or the date of a weekday
written without one.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.extract.model import MONTH_NAMES
from dateline.extract.timex_context import _Context

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": 4, "SU": 7, "FA": 10}  # winter spans two years; it is taken as the current one
DAY_WORD_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
DURATION_UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
    "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE",
}  # fmt: skip
TIME_UNITS = ("second", "minute", "hour")

# Month and weekday names must be capitalised: "may" and "march" are verbs.
# Abbreviations: with a full stop any month but May; without one, not "Mar" either (a word, a name).
_ABBREVIATIONS = [a for n in MONTH_NAMES if n != "May" for a in (["Sept"] if n == "September" else []) + [n[:3]]]
MONTH = (
    "(?P<month>"
    + "|".join([*MONTH_NAMES, *(rf"{a}\." for a in _ABBREVIATIONS), *(a for a in _ABBREVIATIONS if a != "Mar")])
    + r")(?![\w])"
)
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))"
PART = r"(?P<part>morning|afternoon|evening|night)"
# Words that, before an expression, are part of it in TimeML ("early next year").
MODIFIER = r"(?:(?P<mod>early|late|(?:earlier|later)(?:\s+in)?|mid|the end of|the beginning of|the start of|the middle of|the rest of)[- ]?\s*)?"  # noqa: E501
APPROX = r"(?:(?:nearly|almost|around|roughly|approximately|no more than|more than|less than|at least|at most|up to|fewer than|no fewer than)\s+)?"  # noqa: E501
TIMEZONE = r"(?:\s+(?:local time|[A-Z][a-z]+ time|GMT|UTC|[ECMP][SD]T|ET|PT|CET|CEST|EET|BST|MSK))?"


# --- helpers -------------------------------------------------------------------------------


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


NEAR_MONTHS = 2  # a month or day-of-month without a year this close to publication needs no tense


def _year_for_month(month: int, day: int | None, ctx: _Context, m: re.Match[str], tense: str | None = None) -> int:
    """The year of a month (and day) written without one, by the news conventions; `tense`, when
    the words already tell it, stands for the verb's."""
    anchor = ctx.published
    months_apart = {
        year: (year - anchor.year) * 12 + month - anchor.month for year in range(anchor.year - 1, anchor.year + 2)
    }
    nearest = min(months_apart, key=lambda year: abs(months_apart[year]))
    # A date within two months of publication is that one, whatever the verb: "was extended to
    # Nov. 16" in an article of Oct. 30 is the coming Nov. 16, not last year's.
    if abs(months_apart[nearest]) <= NEAR_MONTHS:
        return nearest
    tense = tense or ctx.tense(m.start(), m.end())
    if tense == "future" and (month, day or 32) < (anchor.month, anchor.day):
        return anchor.year + 1
    if tense == "past" and dt.date(anchor.year, month, min(day or 1, 28)) > anchor:
        return anchor.year - 1
    return anchor.year if tense else nearest  # no verb to go by: the nearer one


def _valid_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday_date(weekday: int, ctx: _Context, m: re.Match[str], relation: str | None) -> dt.date:
    """The date of a weekday named in the text: the most recent one (today included) unless
    the verb is future or the text says "next"; "the previous Friday" is the one before the day
    last mentioned."""
    relation = (relation or "").lower()
    anchor = ctx.reference if relation in ("previous", "following") else ctx.published
    relation = {"previous": "last", "following": "next"}.get(relation, relation)
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if relation == "last":
        return anchor - dt.timedelta(days=back or 7)
    if relation in ("next", "coming"):
        return anchor + dt.timedelta(days=forward or 7)
    if relation == "this":
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    if ctx.tense(m.start(), m.end()) == "future":
        return anchor + dt.timedelta(days=forward)
    return anchor - dt.timedelta(days=back)
