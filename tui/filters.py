"""Reading what the user types into the date filter: a small grammar over the time expressions the
extractor reads in articles.

    filter  := ""                                   (no date filter)
             | period                               Feb 2022, Feb 20, last week, 2022-W07
             | ("since" | "from") period            from the period's first day on
             | "after" period                       from the day after the period
             | ("until" | "till" | "through" | "to" | "up to" | "by") period
                                                    up to the period's last day
             | "before" period                      up to the day before the period
             | ["from" | "between"] period SEP period
             | period ".." | ".." period            open ranges
    SEP     := ".." | "to" | "until" | "till" | "through" | "and" | "-" | "–" | "—"

"Feb 20-24" and "20-24 Feb" borrow the month (and year) from the other end. Each period must be read
whole: a word the reader cannot place is named in the error ("blah 2022" is not the year 2022), and a
range that ends before it starts is refused rather than shown as an empty timeline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from dateline.extract.model import date_range

EXAMPLES = "try Feb 2022, Feb 20 to Feb 24, since Feb 20, before Jan 10, last week"
_FILLERS = {"the", "of", "on", "in"}  # "the 20th of February"
_ISO_VALUE = re.compile(r"\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q[1-4]))?")  # a value typed as stored
_ISO_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
_OPEN = re.compile(r"(since|from|after|until|till|through|up to|to|by|before)\s+(.*)", re.I | re.S)
_BETWEEN = re.compile(r"(?:from|between)\s+(.*)", re.I | re.S)
_WORD_SEPARATOR = re.compile(r"\s+(?:to|until|till|through|and)\s+", re.I)
_DASH = re.compile(r"\s*(?:\.\.|–|—)\s*|\s+-\s+")
# In a date filter "Mar 3" is a month, not a verb: abbreviations are spelt out before reading.
_MONTH_ABBREVIATION = re.compile(r"\b(" + "|".join(calendar.month_abbr[1:]) + r"|Sept)\.?(?=\s|$|\d)", re.I)
_DAY_NUMBER = re.compile(r"\d{1,2}")
_DAY_IN_DATE = re.compile(r"(?<![\d-])\d{1,2}(?:st|nd|rd|th)?(?![\d-])")


def parse_date_filter(text: str, newest: dt.date) -> tuple[str | None, str | None]:
    """What `text` keeps, as (first day, last day), ISO, either None for open; relative expressions
    ("last week", "yesterday") and dates without a year are read against `newest`. Raises ValueError
    with a message for the user when `text` cannot be read whole or names a reversed range."""
    text = " ".join(text.split())
    if not text:
        return None, None
    opened = _OPEN.fullmatch(text)
    left, right = (text, None) if opened and opened[1].lower() != "from" else _split(text)
    if right is None:  # one period, or an open range ("since X", "before X")
        if opened:
            word, rest = opened[1].lower(), opened[2]
            start, end = _period(rest, newest)
            if word in ("since", "from"):
                return start, None
            if word == "after":
                return _shift(end, 1), None
            if word == "before":
                return None, _shift(start, -1)
            return None, end
        return _period(text, newest)
    if between := _BETWEEN.fullmatch(left):
        left = between[1]
    start = end = None
    left, right = _borrow_month(left, right)
    if left:
        start = _period(left, newest)[0]
    if right:
        end = _period(right, newest)[1]
    if start and end and end < start:
        raise ValueError(f"“{text}” ends ({end}) before it starts ({start}): put the earlier date first")
    return start, end


def _split(text: str) -> tuple[str, str | None]:
    """`text` cut at its range separator: (left, right), right None when there is none."""
    for pattern in (_DASH, _WORD_SEPARATOR):
        parts = pattern.split(text, maxsplit=1)
        if len(parts) == 2:
            return parts[0].strip(), parts[1].strip()
    # "Feb 20-24", "20-24 Feb", "Feb 20-Mar 3": a hyphen after a day number, outside an ISO date
    protected = {m.start() + i for m in _ISO_DATE.finditer(text) for i in range(m.end() - m.start())}
    for m in re.finditer(r"(?<=\d)-(?=\s*\w)", text):
        if m.start() not in protected and not re.search(r"\d{3}$", text[: m.start()]):
            return text[: m.start()].strip(), text[m.end() :].strip()
    return text, None


def _borrow_month(left: str, right: str) -> tuple[str, str]:
    """A bare day number at one end takes its month (and year) from the other: "Feb 20-24",
    "20 to 24 February 2022"."""
    if _DAY_NUMBER.fullmatch(right) and _DAY_IN_DATE.search(left):
        return left, _DAY_IN_DATE.sub(right, left, count=1)
    if _DAY_NUMBER.fullmatch(left) and _DAY_IN_DATE.search(right):
        return _DAY_IN_DATE.sub(left, right, count=1), right
    return left, right


def _period(text: str, newest: dt.date) -> tuple[str, str]:
    """The first and last day of the one period `text` names, read whole."""
    text = text.strip()
    if _ISO_VALUE.fullmatch(text) and (typed := date_range(text)):
        return typed
    from dateline.extract.timex import tag_times  # the tagger's rules: loaded when a date is first typed

    found = [t for t in tag_times(_spelt_out(text), newest) if t.type in ("DATE", "TIME")]
    if not found:
        raise ValueError(f"Not a date or period: “{text}” ({EXAMPLES})")
    if len(found) > 1:
        raise ValueError(f"“{text}” names more than one date: join them with “to” or “..” ({EXAMPLES})")
    timex, spelt = found[0], _spelt_out(text)
    rest = f"{spelt[: timex.start]} {spelt[timex.end :]}"
    unread = [w for w in re.findall(r"[^\s,.;]+", rest) if w.lower() not in _FILLERS]
    if unread:
        raise ValueError(f"Could not read “{' '.join(unread)}” in “{text}” ({EXAMPLES})")
    covered = date_range(timex.value)
    if covered is None:
        raise ValueError(f"“{text}” names no period the timeline can show ({EXAMPLES})")
    return covered


def _spelt_out(text: str) -> str:
    def month(m: re.Match[str]) -> str:
        return calendar.month_name[[a.lower() for a in calendar.month_abbr].index(m[1][:3].lower())]

    return _MONTH_ABBREVIATION.sub(month, text)


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
