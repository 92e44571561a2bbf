"""TimexValue: one parsed TIMEX3 value that every layer reads (order, days covered, how it is written)."""

from __future__ import annotations

import pytest

from dateline.extract.model import TimexValue, dates_disagree


@pytest.mark.parametrize(
    ("value", "human", "short"),
    [
        ("2022-02-15", "15 February 2022", "2022-02-15"),
        ("2022-02-15T15:30", "15 February 2022, 15:30", "2022-02-15 15:30"),
        ("2022-02-15TEV", "15 February 2022, evening", "~ 15 February 2022, evening"),
        ("2022-01", "January 2022", "Jan 2022"),
        ("2022-W07", "week 7, 2022", "2022 week 7"),
        ("2022-W07-WE", "weekend of week 7, 2022", "~ weekend of week 7, 2022"),
        ("2022-Q1", "Q1 2022", "~ Q1 2022"),
        ("2022-H2", "second half of 2022", "~ second half of 2022"),
        ("2021-WI", "winter 2021", "~ winter 2021"),
        ("2022", "2022", "2022"),
        ("199", "the 1990s", "~ the 1990s"),
        ("PRESENT_REF", "PRESENT_REF", "~ PRESENT_REF"),
    ],
)
def test_written_as_people_write_it(value: str, human: str, short: str) -> None:
    parsed = TimexValue.parse(value)
    assert parsed.human() == human
    assert parsed.short() == short


def test_values_sort_as_the_timeline_does_and_name_their_month() -> None:
    values = [TimexValue.parse(v) for v in ("2022-02-15T09:00", "2022-02", "2022-W07", "2022-02-15", "2021")]
    assert [v.value for v in sorted(values)] == ["2021", "2022-02", "2022-W07", "2022-02-15", "2022-02-15T09:00"]
    assert TimexValue.parse("2022-W07").month_key == "2022-02"
    assert TimexValue.parse("2022-W07").first_day_key == "2022-02-14"
    assert TimexValue.parse("2022-02-15").day == "2022-02-15"
    assert TimexValue.parse("2022-02").day is None


@pytest.mark.parametrize(
    ("values", "disagree"),
    [
        (["2022-01-21", "2022-01-22"], True),
        (["2022-01-21", "2022-01-21TEV", "2022-01"], False),  # one within the other
        (["2022-01", "2022-01-02", "2022-01-05"], True),  # both in the month, not the same day
        (["2022-W03", "2022-01-21"], False),
        (["2022-01-21", "PRESENT_REF"], False),
        (["2022-01-21"], False),
    ],
)
def test_dates_disagree_only_when_they_share_no_day(values: list[str], disagree: bool) -> None:
    assert dates_disagree(values) is disagree
