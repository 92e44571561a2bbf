"""What the timeline does ahead of the next key, while the user reads the screen: the rows a page key
would show are drawn, so the key only lays them out (at 1M happenings, drawing a screen of rows new to
the timeline was half of PgDn's time)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from dateline.tui import timeline as timeline_module
from dateline.tui.app import make_app
from dateline.tui.density_outlets import DENSITY_PAUSE
from dateline.tui.timeline import Timeline
from tests.crisis_store import meeting_headline, write_aid_store
from tests.test_app import settle

SIZE = (120, 40)
DAYS = ["2022-02-01", "2022-02-03", "2022-02-07", "2022-02-08"]


@pytest.fixture
def aid(tmp_path: Path) -> Path:
    return write_aid_store(tmp_path, DAYS, 60, headline=meeting_headline)  # 240 happenings


async def quiet(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """The first screen settled, and what follows it too: the density strip counts its days a moment after
    (`DENSITY_PAUSE`), which changes the layout and redraws the timeline."""
    await settle(pilot, app)
    await asyncio.sleep(DENSITY_PAUSE + 0.2)
    await settle(pilot, app)


def count_rows_drawn(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The headlines of the happening rows the timeline draws from now on (each time one is drawn): for a
    key or a frame, and ahead of the next key."""
    drawn: list[str] = []
    ahead: list[str] = []
    drawing_ahead = [False]
    original_lines = timeline_module.happening_lines
    original_ahead = Timeline._draw_ahead

    def counted(row, *args, **kwargs):  # type: ignore[no-untyped-def]
        (ahead if drawing_ahead[0] else drawn).append(row.headline)
        return original_lines(row, *args, **kwargs)

    def draw_ahead(self: Timeline) -> None:
        drawing_ahead[0] = True
        try:
            original_ahead(self)
        finally:
            drawing_ahead[0] = False

    monkeypatch.setattr(timeline_module, "happening_lines", counted)
    monkeypatch.setattr(Timeline, "_draw_ahead", draw_ahead)
    return drawn, ahead


async def test_the_rows_a_page_down_shows_are_drawn_before_the_key(aid: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(aid)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot, app)
        drawn, ahead = count_rows_drawn(monkeypatch)
        for _ in range(2):  # and again from the page it lands on
            await pilot.press("pagedown")
            await settle(pilot, app)
            first, last = app.timeline.rows_in_view()
            assert first > 0 and all(app.timeline.row_at(i) for i in range(first, last + 1))
            # only the cursor's row is drawn again (highlighted); every other row shown was drawn ahead
            assert drawn == [app.timeline.current.headline], drawn
            drawn.clear()
            await asyncio.sleep(0.2)
            await settle(pilot, app)
            assert len(ahead) > 5, ahead  # the rows of the screen after it
            ahead.clear()
        await pilot.press("pageup")
        await settle(pilot, app)
        assert len(drawn) <= 1, drawn  # at most the cursor's row (highlighted once already on this page)


async def test_rows_drawn_ahead_are_those_drawn_on_screen(aid: Path) -> None:
    """A page down shows the same lines whether its rows were drawn ahead or when it came."""

    async def page_down_lines(wait: float) -> list[str]:
        app = make_app(aid)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await asyncio.sleep(wait)
            await pilot.press("pagedown")
            await settle(pilot, app)
            return [app.timeline.render_line(y).text for y in range(app.timeline.rows_shown)]

    assert await page_down_lines(0.2) == await page_down_lines(0)


async def test_a_jump_of_the_scrollbar_asks_for_its_rows_before_the_frame_that_draws_them(aid: Path) -> None:
    app = make_app(aid)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        timeline = app.timeline
        assert not timeline.feed.has_rows(180, 200)
        timeline.scroll_to(y=180, animate=False, immediate=True)  # what a drag of the scrollbar does
        # before any frame is drawn (nothing awaited): the page holding the rows it moved to is being read
        assert any(worker.group == "feed-pages" for worker in app.workers)
        await settle(pilot, app)
        first, last = timeline.rows_in_view()
        assert first == 180 and all(timeline.row_at(i) for i in range(first, last + 1))


def lines_drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of each timeline line drawn from now on."""
    drawn: list[str] = []
    original = Timeline.render_line

    def render_line(self: Timeline, y: int):  # type: ignore[no-untyped-def]
        strip = original(self, y)
        drawn.append(strip.text.strip())
        return strip

    monkeypatch.setattr(Timeline, "render_line", render_line)
    return drawn


async def test_a_jump_waits_for_rows_read_quickly_instead_of_drawing_placeholders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frame of placeholders put the frame with the rows a frame later (Textual draws 60 a second); the
    screen's rows come from two pages, read apart, and are shown in one frame."""
    monkeypatch.setattr(timeline_module, "_WAIT_FOR_ROWS", 5.0)  # however slow the machine, the rows come first
    app = make_app(write_aid_store(tmp_path, DAYS, 100, headline=meeting_headline))  # 400 happenings
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot, app)
        drawn = lines_drawn(monkeypatch)
        app.timeline.scroll_to(y=185, animate=False, immediate=True)  # rows of two pages (100-199, 200-299)
        await settle(pilot, app)
        first, last = app.timeline.rows_in_view()
        assert first == 185 and last >= 200
        assert drawn and "…" not in drawn, drawn
        assert any("met" in line for line in drawn)


async def test_a_jump_to_rows_read_slowly_shows_placeholders_meanwhile(
    aid: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(aid)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        reader = app.reader
        rows_at, rows_after = reader.rows_at, reader.rows_after

        def slow(read):  # type: ignore[no-untyped-def]
            def reading(*args, **kwargs):  # type: ignore[no-untyped-def]
                threading.Event().wait(0.5)
                return read(*args, **kwargs)

            return reading

        monkeypatch.setattr(reader, "rows_at", slow(rows_at))
        monkeypatch.setattr(reader, "rows_after", slow(rows_after))
        drawn = lines_drawn(monkeypatch)
        app.timeline.scroll_to(y=180, animate=False, immediate=True)
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert "…" in drawn  # the rows are still being read: the screen says so
        await settle(pilot, app)
        assert app.timeline.row_at(180) is not None
