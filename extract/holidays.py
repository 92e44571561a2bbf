"""The dates of the holidays news text names by name ("Thanksgiving Day", "Easter")."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday (Monday 0) of a month; n = -1 is the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


_FIXED = {
    "new year's day": (1, 1), "new year": (1, 1), "valentine's day": (2, 14), "may day": (5, 1),
    "independence day": (7, 4), "halloween": (10, 31), "veterans day": (11, 11), "christmas eve": (12, 24),
    "christmas": (12, 25), "christmas day": (12, 25), "boxing day": (12, 26), "new year's eve": (12, 31),
}  # fmt: skip
_BY_RULE = {
    "martin luther king day": lambda year: _nth_weekday(year, 1, 0, 3),
    "presidents' day": lambda year: _nth_weekday(year, 2, 0, 3),
    "memorial day": lambda year: _nth_weekday(year, 5, 0, -1),
    "labor day": lambda year: _nth_weekday(year, 9, 0, 1),
    "thanksgiving": lambda year: _nth_weekday(year, 11, 3, 4),
    "thanksgiving day": lambda year: _nth_weekday(year, 11, 3, 4),
    # the Tuesday after the first Monday of November
    "election day": lambda year: _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1),
    "good friday": lambda year: easter(year) - dt.timedelta(days=2),
    "easter": easter,
    "easter sunday": easter,
    "easter monday": lambda year: easter(year) + dt.timedelta(days=1),
}

# longest names first, so that "Christmas Day" is not read as "Christmas"
_NAMES = sorted((*_FIXED, *_BY_RULE), key=len, reverse=True)
HOLIDAY = "|".join(re.escape(name).replace("'", "['’]").replace(r"\ ", r"\s+") for name in _NAMES)


def holiday_date(name: str, year: int) -> dt.date:
    """The date of the holiday called `name` (one of those in HOLIDAY, any case) in `year`."""
    key = re.sub(r"\s+", " ", name.lower().replace("’", "'"))
    if key in _FIXED:
        return dt.date(year, *_FIXED[key])
    return _BY_RULE[key](year)
