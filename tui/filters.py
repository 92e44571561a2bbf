"""Reading what the user types into a filter."""

from __future__ import annotations

import datetime as dt

from extract.model import date_range
from extract.timex import tag_times


def parse_date_filter(text: str, newest: dt.date) -> tuple[str | None, str | None]:
    """ "2022-02-10..2022-02-20", "Feb 2022", "last week" (relative to `newest`) -> (from, to)."""
    text = text.strip()
    if not text:
        return None, None
    if ".." in text:
        left, _, right = text.partition("..")
        start = _period(left, newest)[0] if left.strip() else None
        end = _period(right, newest)[1] if right.strip() else None
        return start, end
    return _period(text, newest)


def _period(text: str, newest: dt.date) -> tuple[str, str]:
    found = [t for t in tag_times(text.strip(), newest) if t.type in ("DATE", "TIME")]
    covered = date_range(found[0].value) if found else None
    if covered is None:
        raise ValueError(f"Not a date or period: {text.strip()!r} (try 2022-02-10..2022-02-20, Feb 2022, last week)")
    return covered
