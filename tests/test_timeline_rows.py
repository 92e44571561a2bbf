"""Drawing a timeline row (a happening, its reports) and scrolling by rows of different heights:
pure functions, checked on records written here."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rich.text import Text

from dateline.store.records import ArticleRef, HappeningReport
from dateline.tui import row_scroll
from dateline.tui.row_drawing import (
    HEADLINE_LINES,
    MARK_CONFLICT,
    MARK_PLANNED,
    badge,
    happening_lines,
    headline_indent,
    outlet_width,
    report_lines,
    wrap,
)

LONG = (
    "The foreign ministers of the two countries met for ninety minutes in a lakeside hotel and agreed to keep "
    "talking about the guarantees demanded in December, without any breakthrough on the troops massed at the "
    "border, both delegations said afterwards in separate briefings to reporters waiting outside."
)


@dataclass(frozen=True)
class Row:
    """A happening as a timeline row draws it (the fields of `store.records.TimelineRow`)."""

    date: str = "2022-01-21"
    granularity: str = "day"
    sort_key: str = "2022-01-21"
    planned: bool = False
    conflicting: bool = False
    headline: str = "Ministers met in Geneva."
    source_count: int = 1
    outlets: tuple[str, ...] = ("Wire Service",)


def words_of(lines: list[Text], start: int) -> list[str]:
    return " ".join(line.plain[start:] for line in lines).split()


@pytest.mark.parametrize("width", [40, 60, 75, 110, 150])
def test_a_long_headline_wraps_at_words_in_at_most_three_lines(width: int) -> None:
    lines = happening_lines(Row(headline=LONG), width, new_day=True, new_month=False)
    indent = headline_indent(width)
    assert all(line.cell_len == width for line in lines)
    headline_lines = [line.plain[indent:] for line in lines[:HEADLINE_LINES]]
    shown = " ".join(headline_lines).replace("…", " ").split()
    written = LONG.split()
    badge_words = {"1", "src", "Wire", "Service", "▸"}
    shown = [w for w in shown if w not in badge_words]
    assert shown == written[: len(shown)], "every word shown whole, in order, none cut"
    assert len(lines) <= HEADLINE_LINES + 1
    if len(shown) < len(written):
        assert "…" in lines[HEADLINE_LINES - 1].plain


def test_a_short_headline_is_one_line_with_its_date_marks_and_badge() -> None:
    row = Row(planned=True, conflicting=True, source_count=3, outlets=("Wire Service", "Daily Courier"))
    (line,) = happening_lines(row, 110, new_day=True, new_month=True)
    assert line.plain.startswith(" 2022-01-21")
    assert MARK_PLANNED in line.plain and MARK_CONFLICT in line.plain
    assert "Ministers met in Geneva." in line.plain
    assert line.plain.rstrip().endswith("3 src Wire Service, Daily Courier +1")


def test_the_date_shows_on_the_first_row_of_a_day_and_a_time_on_the_others() -> None:
    same_day = Row(date="2022-01-21T15:30", granularity="time", sort_key="2022-01-21T15:30")
    (first,) = happening_lines(same_day, 110, new_day=True, new_month=False)
    (later,) = happening_lines(same_day, 110, new_day=False, new_month=False)
    assert "2022-01-21 15:30" in first.plain
    assert "2022-01-21" not in later.plain and "│ 15:30" in later.plain
    narrow = happening_lines(Row(date="2022-01-21T15:30", granularity="time", headline=LONG), 60, new_day=True,
                             new_month=False)  # fmt: skip
    assert narrow[0].plain.startswith(" 2022-01-21 ") and narrow[1].plain.startswith(" 15:30")


def test_the_badge_names_whole_outlets_and_counts_the_rest() -> None:
    outlets = ("Wire Service", "Daily Courier", "State Agency")
    assert badge(5, outlets, 40).plain == "5 src Wire Service, Daily Courier +3"
    assert badge(5, outlets, 25).plain == "5 src Wire Service +4"
    assert badge(1, ("Wire Service",), 40).plain == "1 src Wire Service"
    assert badge(5, outlets, 9).cell_len <= 9


def test_the_badge_takes_a_line_of_its_own_rather_than_lose_its_outlet() -> None:
    width = 80
    body_width = width - headline_indent(width)
    no_outlet = len("  ▸ 1 src") + 6  # the badge cuts an outlet to no fewer than six cells

    def room_left(headline: str) -> int:  # on the wrapped headline's last line
        return body_width - wrap(Text(headline), body_width, HEADLINE_LINES)[-1].cell_len

    # A headline whose last line leaves room for "▸ 1 src" but not for any of the outlet after it.
    words = LONG.split()
    headline = next(h for h in (" ".join(words[:n]) for n in range(1, len(words))) if 10 < room_left(h) < no_outlet)
    lines = happening_lines(Row(headline=headline, outlets=("Wire Service",)), width, new_day=True, new_month=False)
    assert any(line.plain.rstrip().endswith("1 src Wire Service") for line in lines), [x.plain for x in lines]


def test_article_text_is_data_not_markup_or_terminal_control() -> None:
    row = Row(headline="[bold]Not bold[/] \x1b[31mred", outlets=("[i]Outlet\x1b",))
    (line,) = happening_lines(row, 110, new_day=True, new_month=False)
    assert "[bold]Not bold[/]" in line.plain and "\x1b" not in line.plain and "␛" in line.plain
    assert "[i]Outlet" in line.plain


def test_search_words_are_highlighted_in_the_headline() -> None:
    (line,) = happening_lines(Row(), 110, new_day=True, new_month=False, search_words=["geneva"])
    start = line.plain.index("Geneva")
    assert any(span.start <= start < span.end and "yellow" in str(span.style) for span in line.spans)


def test_a_report_shows_its_outlet_its_date_and_its_sentence_wrapped() -> None:
    article = ArticleRef("a1", "Talks end", "Daily Courier", "2022-01-22", None)
    report = HappeningReport("e1", article, 3, LONG, "2022-01-20", "stated")
    for width in (60, 110):
        lines = report_lines(report, width, last=False)
        assert all(line.cell_len == width for line in lines)
        assert "Daily Courier" in lines[0].plain or "Daily C…" in lines[0].plain
        assert "2022-01-20" in lines[0].plain
        assert "├" in lines[0].plain and lines[-1].plain.rstrip().endswith("…")
        assert " ".join(line.plain for line in lines).split()[-2] in LONG.split()
    assert "└" in report_lines(report, 110, last=True)[0].plain


def test_wrap_never_cuts_a_word() -> None:
    text = Text("alpha beta gamma delta epsilon zeta eta theta")
    lines = wrap(text, 12, 2)
    assert [line.plain for line in lines] == ["alpha beta", "gamma …"]
    assert all(line.cell_len <= 12 for line in lines)


# --- scrolling by rows ----------------------------------------------------------------------------

HEIGHTS = [1, 3, 2, 1, 4, 1, 1, 2, 3, 1]  # rows of a small timeline, in lines


def height(index: int) -> int:
    return HEIGHTS[index]


def test_the_screen_starts_at_a_row_and_shows_each_of_its_lines() -> None:
    shown = list(row_scroll.screen_rows(1, len(HEIGHTS), 6, height))
    assert shown == [(1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (3, 0)]
    assert row_scroll.row_at(1, len(HEIGHTS), 6, height, 4) == 2  # a click on a row's second line
    assert row_scroll.row_at(8, len(HEIGHTS), 6, height, 5) is None  # below the last row


def test_the_cursor_row_shows_whole_after_any_move() -> None:
    total, screen = len(HEIGHTS), 6
    top = 0
    for cursor in [*range(total), *reversed(range(total))]:
        top = row_scroll.top_showing(cursor, top, total, screen, height)
        lines = [row for row, _ in row_scroll.screen_rows(top, total, screen, height)]
        assert lines.count(cursor) == HEIGHTS[cursor], (cursor, top)


def test_a_row_taller_than_the_screen_starts_it() -> None:
    assert row_scroll.top_showing(4, 0, len(HEIGHTS), 3, height) == 4


def test_page_keys_move_a_screen_of_rows_and_reach_both_ends() -> None:
    total, screen = len(HEIGHTS), 5
    cursor, top, seen = 0, 0, [0]
    while cursor < total - 1:
        cursor, top = row_scroll.page_down(cursor, top, total, screen, height)
        assert top <= cursor <= row_scroll.last_whole_row(top, total, screen, height)
        seen.append(top)
        assert len(seen) < 20
    assert top == row_scroll.max_top(total, screen, height)
    while top > 0:
        cursor, top = row_scroll.page_up(cursor, top, total, screen, height)
        assert top <= cursor <= row_scroll.last_whole_row(top, total, screen, height)
    assert cursor == 0 or top == 0


def test_the_last_top_shows_the_last_row_at_the_bottom() -> None:
    assert row_scroll.max_top(len(HEIGHTS), 6, height) == 7  # rows 7, 8, 9: 2 + 3 + 1 lines


def test_display_rows_map_to_happenings_and_their_reports() -> None:
    rows = row_scroll.Rows(total=5)
    rows.expand(1, 2)
    rows.expand(3, 1)
    located = [rows.locate(i) for i in range(rows.count)]
    assert located == [(0, None), (1, None), (1, 0), (1, 1), (2, None), (3, None), (3, 0), (4, None)]
    assert [rows.index_of(p, r) for p, r in located] == list(range(rows.count))
    assert rows.fold(1) and rows.locate(2) == (2, None)


def test_the_reports_of_a_happening_share_one_outlet_column() -> None:
    articles = [ArticleRef(f"a{n}", "T", outlet, "2022-01-22", None) for n, outlet in enumerate(["AP", "Evening Post"])]
    reports = [
        HappeningReport(f"e{n}", a, 0, "They met in Geneva.", "2022-01-21", "stated") for n, a in enumerate(articles)
    ]
    width = outlet_width(reports)
    starts = [report_lines(r, 110, last=False, outlet_w=width)[0].plain.index("2022-01-21") for r in reports]
    assert starts[0] == starts[1], "the dates line up under each other"


def test_a_jump_far_measures_a_screen_of_rows_not_the_rows_between() -> None:
    """`G` on a million rows: only the rows that end on the screen are measured."""
    measured: list[int] = []

    def counted(index: int) -> int:
        measured.append(index)
        return 2

    total, screen = 1_000_000, 40
    top = row_scroll.top_showing(total - 1, 0, total, screen, counted)
    assert top == total - 20 and len(measured) <= 3 * screen
    measured.clear()
    cursor, top = row_scroll.page_down(0, 0, total, screen, counted)
    assert (cursor, top) == (20, 20) and len(measured) <= 3 * screen
