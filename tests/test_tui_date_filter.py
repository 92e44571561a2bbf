"""The date filter's grammar (tui/filters.py), read without the app."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.tui.filters import parse_date_filter

NEWEST = dt.date(2022, 2, 24)  # a Thursday: dates without a year and relative ones are read against it


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", (None, None)),
        ("   ", (None, None)),
        ("Feb 20", ("2022-02-20", "2022-02-20")),
        ("Feb 2022", ("2022-02-01", "2022-02-28")),
        ("2022-W07", ("2022-02-14", "2022-02-20")),
        ("2022-Q1", ("2022-01-01", "2022-03-31")),
        ("the 20th of February", ("2022-02-20", "2022-02-20")),
        ("last week", ("2022-02-14", "2022-02-20")),
        ("since Feb 20", ("2022-02-20", None)),
        ("from Feb 20", ("2022-02-20", None)),
        ("since yesterday", ("2022-02-23", None)),
        ("after Feb 20", ("2022-02-21", None)),
        ("after Feb 2022", ("2022-03-01", None)),
        ("before Feb 20", (None, "2022-02-19")),
        ("before Feb 2022", (None, "2022-01-31")),
        ("until Feb 20", (None, "2022-02-20")),
        ("to Feb 20", (None, "2022-02-20")),
        ("up to Feb 2022", (None, "2022-02-28")),
        ("Feb 20 - Feb 24", ("2022-02-20", "2022-02-24")),
        ("Feb 20 – Feb 24", ("2022-02-20", "2022-02-24")),
        ("Feb 20 to Feb 24", ("2022-02-20", "2022-02-24")),
        ("from Feb 20 to Feb 24", ("2022-02-20", "2022-02-24")),
        ("between Feb 20 and Feb 24", ("2022-02-20", "2022-02-24")),
        ("Feb 20..Feb 24", ("2022-02-20", "2022-02-24")),
        ("2022-02-10..2022-02-20", ("2022-02-10", "2022-02-20")),
        ("2022-02-10 - 2022-02-20", ("2022-02-10", "2022-02-20")),
        ("..2022-01-31", (None, "2022-01-31")),
        ("2022-01-31..", ("2022-01-31", None)),
        ("Feb 20-24", ("2022-02-20", "2022-02-24")),
        ("20-24 February 2022", ("2022-02-20", "2022-02-24")),
        ("Feb 20-Mar 3", ("2022-02-20", "2022-03-03")),
        ("Dec 30 to Jan 5", ("2021-12-30", "2022-01-05")),
        ("Jan 2022 to Feb 2022", ("2022-01-01", "2022-02-28")),
    ],
)
def test_ranges_and_open_ends(typed: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_date_filter(typed, NEWEST) == expected


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Feb 24 to Feb 20", "“Feb 24 to Feb 20” ends (2022-02-20) before it starts (2022-02-24)"),
        ("2022-02-20..2022-02-10", "ends (2022-02-10) before it starts (2022-02-20)"),
        ("blah 2022", "Could not read “blah” in “blah 2022”"),
        ("Feb 20 please", "Could not read “please” in “Feb 20 please”"),
        ("since blah", "Not a date or period: “blah”"),
        ("banana", "Not a date or period: “banana”"),
        ("Feb 20 Feb 24", "names more than one date"),
        ("Feb 20 to whenever", "Not a date or period: “whenever”"),
    ],
)
def test_what_it_cannot_read_is_named(typed: str, said: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_date_filter(typed, NEWEST)
    assert said in str(refused.value)
