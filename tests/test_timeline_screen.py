"""The timeline screen built around happenings, driven with real keys and clicks on stores written
here: rows wrapped at words, the scroll unit the row, expanding a happening into its reports, the
detail panel, the density strip, the outlet filter, and every panel reachable at 80x24."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual import events
from textual.message import Message
from textual.pilot import Pilot

from dateline.tui.app import DatelineApp, make_app
from dateline.tui.command_bar import CommandBar
from dateline.tui.density import DensityStrip, column_of
from dateline.tui.detail import DetailPanel
from dateline.tui.screens import SourceScreen
from dateline.tui.timeline import Timeline
from tests.test_app import screen_lines, settle
from tests.ui_store import write_ui_store, write_varied_store

WIDE, SMALL = (140, 45), (80, 24)


@asynccontextmanager
async def running(db: Path, size: tuple[int, int] = WIDE) -> AsyncIterator[tuple[Pilot, DatelineApp, list[Message]]]:
    messages: list[Message] = []
    app = make_app(db)
    async with app.run_test(size=size, message_hook=messages.append) as pilot:
        await settle(pilot, app)
        yield pilot, app, messages


def unique(messages: list[Message], kind: type) -> list:  # type: ignore[type-arg]
    """Messages of `kind`, each once (a message bubbling up is seen by the hook at every node)."""
    return [m for m in {id(m): m for m in messages}.values() if isinstance(m, kind)]


def timeline_lines(app: DatelineApp, position: int, report: int | None = None) -> list[str]:
    """What the screen shows on the lines of a timeline row, inside the panel's border."""
    timeline = app.timeline
    region = timeline.scrollable_content_region
    lines = screen_lines(app)
    return [lines[region.y + y][region.x : region.right].rstrip() for y in timeline.lines_of(position, report)]


def words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


@pytest.fixture
def crisis(tmp_path: Path) -> Path:
    return write_ui_store(tmp_path)


@pytest.fixture
def varied(tmp_path: Path) -> Path:
    return write_varied_store(tmp_path)


async def move_to_headline(pilot: Pilot, app: DatelineApp, fragment: str) -> int:
    await pilot.press("g")
    await settle(pilot, app)
    for _ in range(app.timeline.total):
        if app.timeline.current and fragment in app.timeline.current.headline:
            return app.timeline.cursor
        await pilot.press("j")
        await settle(pilot, app)
    raise AssertionError(f"no happening with {fragment!r}")


@pytest.mark.parametrize("size", [WIDE, SMALL])
async def test_each_headline_is_wrapped_at_words_and_shown_whole_or_cut_after_a_word(
    varied: Path, size: tuple[int, int]
) -> None:
    async with running(varied, size) as (_pilot, app, _messages):
        timeline = app.timeline
        shown = 0
        on_screen_rows = [p for p in range(timeline.total) if timeline.lines_of(p)]
        for position in on_screen_rows[:-1]:  # the last may be cut by the panel's bottom
            lines = timeline_lines(app, position)
            row = timeline.feed.row(position) if timeline.feed else None
            if row is None:
                continue
            shown += 1
            assert 1 <= len(lines) <= 4
            on_screen = [w for w in words(lines) if w != "│"]  # the date column: same day as above
            headline = row.headline.split()
            start = on_screen.index(headline[0])
            taken = on_screen[start : start + len(headline)]
            whole = [w for w in taken if w in headline]
            assert whole == headline[: len(whole)], "the headline's words in order, none cut"
            if len(whole) < len(headline):
                assert "…" in on_screen
            assert f"{row.source_count} src" in " ".join(lines)
        assert shown >= 5


async def test_the_cursor_row_shows_whole_while_moving_down_and_up(varied: Path) -> None:
    async with running(varied, SMALL) as (pilot, app, messages):
        timeline = app.timeline
        for key in ["j"] * (timeline.total + 2) + ["k"] * 8 + ["g"]:
            await pilot.press(key)
            await settle(pilot, app)
            lines = timeline_lines(app, timeline.cursor)
            row = timeline.current
            assert row is not None and lines, f"the cursor's row {timeline.cursor} is on screen"
            assert row.headline.split()[0] in lines[0], "its first line on screen"
            assert f"{row.source_count} src" in lines[-1], "its last line (the badge ends a row) on screen"
        assert unique(messages, Timeline.CursorMoved)[-1].index == 0


async def test_page_keys_and_half_pages_keep_the_cursor_row_whole_and_reach_the_end(varied: Path) -> None:
    async with running(varied, SMALL) as (pilot, app, messages):
        timeline = app.timeline
        seen = []
        for _ in range(timeline.total):
            await pilot.press("pagedown")
            await settle(pilot, app)
            assert timeline_lines(app, timeline.cursor), "the cursor's row is on screen"
            seen.append(timeline.cursor)
            if timeline.cursor == timeline.total - 1:
                break
        assert seen[-1] == timeline.total - 1 and len(seen) > 2 and seen == sorted(seen)
        await pilot.press("g")
        await settle(pilot, app)
        rows_on_screen = sum(1 for p in range(timeline.total) if timeline.lines_of(p))
        await pilot.press("ctrl+d")
        await settle(pilot, app)
        assert unique(messages, Timeline.CursorMoved)[-1].index == max(1, rows_on_screen // 2)
        await pilot.press("ctrl+u")
        await settle(pilot, app)
        assert unique(messages, Timeline.CursorMoved)[-1].index == 0


async def test_a_click_on_any_line_of_a_row_chooses_that_row(varied: Path) -> None:
    async with running(varied, WIDE) as (pilot, app, messages):
        timeline = app.timeline
        region = timeline.scrollable_content_region
        tall = [p for p in range(timeline.total) if len(timeline.lines_of(p)) >= 2][:3]
        assert tall, "rows of more than one line on screen"
        for position in tall:
            for y in timeline.lines_of(position):
                await pilot.click(offset=(region.x + 30, region.y + y))
                await settle(pilot, app)
                assert unique(messages, Timeline.CursorMoved)[-1].index == position
                assert timeline.current is not None and timeline.current.headline.split()[0] in " ".join(
                    timeline_lines(app, position)
                )


async def test_l_expands_into_reports_enter_opens_one_and_back_returns_to_it(crisis: Path) -> None:
    async with running(crisis, WIDE) as (pilot, app, messages):
        position = await move_to_headline(pilot, app, "Geneva")
        await pilot.press("l")
        await settle(pilot, app)
        timeline = app.timeline
        reports = [timeline_lines(app, position, n) for n in range(6)]
        outlets = {"Harbour Wire", "Northern Ledger", "Capital Agency", "Evening Courier"}
        shown = " ".join(" ".join(lines) for lines in reports)
        assert all(lines for lines in reports), "every report under the happening"
        assert {o for o in outlets if o in shown} == outlets
        assert "2022-01-20" in shown, "the date that outlet gives"
        await pilot.press("j", "j")
        await settle(pilot, app)
        moved = unique(messages, Timeline.CursorMoved)[-1]
        assert moved.index == position and moved.report is not None
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.source.article.id == moved.report.article.id
        assert app.screen.paragraph == moved.report.paragraph
        start, end = app.screen.passage
        assert app.screen.source.paragraphs[app.screen.paragraph][start:end] == moved.report.text, "its sentence marked"
        await pilot.press("escape")
        await settle(pilot, app)
        assert not isinstance(app.screen, SourceScreen)
        assert (timeline.cursor, timeline.current_report) == (position, moved.report)
        await pilot.press("h")
        await settle(pilot, app)
        assert timeline.current_report is None and timeline.cursor == position
        assert len(timeline_lines(app, position)) <= 4 and timeline.lines_of(position + 1) != range(0)


async def test_enter_on_a_happening_opens_its_headline_and_comes_back_to_the_same_row(crisis: Path) -> None:
    async with running(crisis, WIDE) as (pilot, app, _messages):
        position = await move_to_headline(pilot, app, "Kremlin")
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, SourceScreen)
        start, end = app.screen.passage
        assert "Kremlin" in app.screen.source.paragraphs[app.screen.paragraph][start:end], "the headline marked"
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.timeline.cursor == position and "Kremlin" in " ".join(timeline_lines(app, position))


async def test_the_detail_panel_shows_every_source_of_the_happening_under_the_cursor(crisis: Path) -> None:
    async with running(crisis, WIDE) as (pilot, app, _messages):
        await move_to_headline(pilot, app, "Geneva")
        await settle(pilot, app)
        panel = app.query_one(DetailPanel)
        region = panel.region
        text = "\n".join(line[region.x : region.right] for line in screen_lines(app)[region.y : region.bottom])
        assert "Sources (4)" in text and "disagree on the date" in text
        for outlet in ("Harbour Wire", "Northern Ledger", "Capital Agency"):
            assert outlet in text


async def test_a_click_on_the_density_strip_lands_on_that_day(crisis: Path) -> None:
    async with running(crisis, WIDE) as (pilot, app, _messages):
        strip = app.query_one(DensityStrip)
        target = next(i for i, bar in enumerate(strip.bars) if bar.first_day.isoformat() == "2022-02-10")
        column = column_of(target, len(strip.bars), strip.content_region.width)
        await pilot.click(DensityStrip, offset=(strip.content_region.x - strip.region.x + column, 0))
        await settle(pilot, app)
        assert app.timeline.current is not None and app.timeline.current.date == "2022-02-10"
        assert "▲ 2022-02-10" in "\n".join(screen_lines(app)[strip.region.y : strip.region.bottom])


async def test_the_outlet_filter_leaves_an_outlet_out_and_says_so(crisis: Path) -> None:
    async with running(crisis, WIDE) as (pilot, app, _messages):
        before = app.feed.total
        await pilot.press("o")
        await settle(pilot, app)
        lines = "\n".join(screen_lines(app))
        order = re.findall(r"([A-Z][a-z]+ [A-Z][a-z]+)  \d+ articles?", lines)  # as listed, top to bottom
        await pilot.press(*(["j"] * order.index("Capital Agency")), "minus", "enter")
        await settle(pilot, app)
        assert app.feed.filter.not_outlets == ("Capital Agency",)
        assert app.feed.total < before
        await pilot.pause(0.5)  # the strip counts a filter's days once it has stayed a moment
        await settle(pilot, app)
        assert sum(bar.count for bar in app.query_one(DensityStrip).bars) == app.feed.total
        assert "not Capital Agency" in screen_lines(app)[-2]
        for position in range(app.feed.total):
            row = app.feed.row(position)
            assert row is None or "Capital Agency" not in row.outlets


async def test_at_80x24_every_panel_is_brought_into_view_with_its_key(crisis: Path) -> None:
    async with running(crisis, SMALL) as (pilot, app, _messages):
        assert app.timeline.display and app.query_one(DensityStrip).display
        await pilot.press("p")
        await settle(pilot, app)
        panel = app.query_one(DetailPanel)
        assert panel.display and panel.has_focus and panel.region.width >= 30
        await pilot.press("a")
        await settle(pilot, app)
        assert app.query_one("#actors").display and not panel.display
        await pilot.press("a")
        await settle(pilot, app)
        assert app.timeline.has_focus
        footer = screen_lines(app)[-1]
        assert "o Outlets" in footer and "p Details" in footer and footer.rstrip().endswith("palette")


async def test_keys_typed_at_once_after_slash_go_to_the_search_bar(crisis: Path) -> None:
    """A fast typist (or a paste): every key after `/` lands in the search, none on the timeline."""
    async with running(crisis, WIDE) as (pilot, app, messages):
        moved = len(unique(messages, Timeline.CursorMoved))
        for char in "/Geneva":  # queued together, as a terminal delivers them, before any is handled
            key = events.Key("slash" if char == "/" else char, char)
            key.set_sender(app)  # as the terminal driver sends it
            app.post_message(key)
        await settle(pilot, app)
        await pilot.pause(0.3)  # the search runs 0.15 s after the last letter: not after the app has closed
        await settle(pilot, app)
        assert app.query_one(CommandBar).value == "Geneva" and app.feed.filter.search == "Geneva"
        assert app.query_one(CommandBar).has_focus
        assert all(m.index == 0 for m in unique(messages, Timeline.CursorMoved)[moved:]), "no key moved the cursor"


async def test_g_shows_the_last_row_whole_when_its_page_comes_after_the_jump(tmp_path: Path) -> None:
    """Rows not read yet are measured as one line; when they come, taller, the cursor's row is brought
    back whole (it was pushed below the screen)."""
    db = write_varied_store(tmp_path, days=80, per_day=5)
    async with running(db, SMALL) as (pilot, app, _messages):
        timeline = app.timeline
        assert timeline.total > 200, "the last page is not the first"
        await pilot.press("G")
        await settle(pilot, app)
        lines = timeline.lines_of(timeline.cursor)
        assert timeline.cursor == timeline.total - 1 and lines, "the last row on screen"
        row = timeline.current
        assert row is not None and row.headline.split()[0] in " ".join(timeline_lines(app, timeline.cursor))
        assert lines[-1] < timeline.scrollable_content_region.height
