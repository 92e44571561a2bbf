"""A happening's date: the one most sources give; a conflict only where sources name different days."""

from __future__ import annotations

from dateline.extract.happenings import consensus_date


def test_a_finer_date_within_anothers_is_no_conflict() -> None:
    best, conflicts = consensus_date([("2022-01-21", "a"), ("2022-01-21TEV", "b"), ("2022-01", "c")])
    assert best == "2022-01-21"
    assert conflicts == []


def test_sources_naming_different_days_are_listed_with_their_dates() -> None:
    best, conflicts = consensus_date([("2022-01-21", "a"), ("2022-01-21", "b"), ("2022-01-22", "c")])
    assert best == "2022-01-21"
    assert conflicts == [("2022-01-21", ["a", "b"]), ("2022-01-22", ["c"])]
