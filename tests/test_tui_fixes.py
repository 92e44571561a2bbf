"""Pilot tests for the timeline screen's bugs of issue 11: each presses real keys (or clicks) and checks
what the screen shows or what the app was told."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.app import App
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from dateline.cli.main import main
from dateline.store.ingest import ingest_paths
from dateline.store.schema import open_store
from dateline.tui.app import DatelineApp, make_app
from dateline.tui.detail import DetailPanel
from dateline.tui.panels import ActorsPanel
from dateline.tui.screens import MessageScreen, SourceScreen
from dateline.tui.timeline import Timeline
from tests.crisis_store import write_aid_store
from tests.test_app import screen_lines, settle

DAYS = [f"2022-02-{day:02d}" for day in range(1, 21)]
COUNTRIES = [
    "France", "Spain", "Italy", "Portugal", "Austria", "Hungary", "Romania", "Bulgaria", "Greece", "Turkey",
    "Sweden", "Norway", "Finland", "Denmark", "Estonia", "Latvia", "Lithuania", "Belgium", "Netherlands",
    "Ireland", "Canada", "Mexico", "Brazil", "Argentina", "Japan", "India", "Australia", "Egypt",
    "Chile", "Peru", "Colombia", "Kenya", "Nigeria", "Morocco", "Algeria", "Tunisia", "Iraq", "Jordan",
]  # fmt: skip


@pytest.fixture
def convoys_db(tmp_path: Path) -> Path:
    """Twenty days of six short aid reports each (120 happenings, more than a screen holds), two outlets."""
    return write_aid_store(tmp_path, DAYS, 6)


@asynccontextmanager
async def running(
    db_path: Path, size: tuple[int, int] = (140, 45)
) -> AsyncIterator[tuple[Pilot, DatelineApp, list[Message]]]:
    """The app at `size`, its first screen loaded, with every message it handled."""
    messages: list[Message] = []
    app = make_app(db_path)
    async with app.run_test(size=size, message_hook=messages.append) as pilot:
        await settle(pilot, app)
        yield pilot, app, messages


def cursor_lines(app: DatelineApp) -> tuple[list[int], str]:
    """The screen lines that show the timeline's cursor row (a row is one to four lines), and their text."""
    timeline = app.timeline
    ys = [timeline.scrollable_content_region.y + y for y in timeline.lines_of(timeline.cursor, timeline.report)]
    lines = screen_lines(app)
    return ys, " ".join(lines[y] for y in ys)


def notices(messages: list[Message]) -> list[str]:
    return [m.notification.message for m in messages if isinstance(m, Notify)]


def moves(messages: list[Message]) -> list[int]:
    return [m.index for m in messages if isinstance(m, Timeline.CursorMoved)]


async def test_the_cursor_row_stays_on_screen_while_scrolling_down(convoys_db: Path) -> None:
    async with running(convoys_db) as (pilot, app, _messages):
        timeline = app.timeline
        region = timeline.scrollable_content_region
        for step in range(1, region.height + 6):
            await pilot.press("j")
            await settle(pilot, app)
            ys, line = cursor_lines(app)
            assert ys and all(region.y <= y < region.bottom for y in ys), f"step {step}: the cursor row is inside"
            for y in ys:
                widget, _ = app.get_widget_at(region.x + 5, y)
                assert widget is timeline, f"step {step}: nothing covers the cursor row"
            assert timeline.current and timeline.current.headline[:20] in line, f"step {step}: {line!r}"
        assert screen_lines(app)[-2].startswith(f" row {timeline.cursor + 1} │")


async def test_a_click_selects_the_row_clicked(convoys_db: Path) -> None:
    async with running(convoys_db) as (pilot, app, messages):
        timeline = app.timeline
        for row in (0, 3, 7):
            for y in timeline.lines_of(row):  # any line of a row (its headline, its badge) chooses it
                y += timeline.scrollable_content_region.y
                assert await pilot.click(offset=(timeline.scrollable_content_region.x + 40, y))
                await settle(pilot, app)
                assert moves(messages)[-1] == row
            _, line = cursor_lines(app)
            assert timeline.current and timeline.current.headline[:20] in line


async def test_ctrl_d_and_ctrl_u_move_half_a_page(convoys_db: Path) -> None:
    """Half the rows on screen (rows, not lines: a row is one to four lines)."""
    async with running(convoys_db) as (pilot, app, messages):
        timeline = app.timeline
        on_screen = sum(1 for row in range(timeline.total) if timeline.lines_of(row))
        await pilot.press("ctrl+d")
        await settle(pilot, app)
        half = moves(messages)[-1]
        assert on_screen // 3 <= half <= on_screen * 2 // 3 and half > 1
        await pilot.press("ctrl+d", "ctrl+d")
        await settle(pilot, app)
        assert moves(messages)[-1] == 3 * half
        _, line = cursor_lines(app)
        assert timeline.current.headline[:20] in line
        await pilot.press("ctrl+u")
        await settle(pilot, app)
        assert moves(messages)[-1] == 2 * half


async def type_into_bar(pilot: Pilot, app: DatelineApp, key: str, text: str) -> None:
    """Open the command bar with `key`, type `text` key by key, press enter, let the app settle."""
    await pilot.press(key)
    app.query_one("#command-bar").value = ""
    await pilot.press(*("space" if char == " " else char for char in text), "enter")
    await pilot.pause(0.2)
    await settle(pilot, app)


@pytest.mark.parametrize(
    ("typed", "shown", "first_day", "last_day"),
    [
        ("since Feb 15", 36, "2022-02-15", "2022-02-20"),
        ("after Feb 15", 30, "2022-02-16", "2022-02-20"),
        ("before Feb 3", 12, "2022-02-01", "2022-02-02"),
        ("until Feb 3", 18, "2022-02-01", "2022-02-03"),
        ("Feb 3 - Feb 5", 18, "2022-02-03", "2022-02-05"),
        ("Feb 3 to Feb 5", 18, "2022-02-03", "2022-02-05"),
        ("Feb 3..Feb 5", 18, "2022-02-03", "2022-02-05"),
    ],
)
async def test_the_date_filter_reads_ranges(
    convoys_db: Path, typed: str, shown: int, first_day: str, last_day: str
) -> None:
    async with running(convoys_db) as (pilot, app, _messages):
        await type_into_bar(pilot, app, "f", typed)
        timeline = app.timeline
        assert timeline.total == shown
        assert f"{shown} of 120 happenings" in screen_lines(app)[-2]
        days = {timeline.row_at(i).date for i in range(timeline.total)}
        assert (min(days), max(days)) == (first_day, last_day)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Feb 5 to Feb 3", "ends (2022-02-03) before it starts (2022-02-05)"),
        ("blah 2022", "Could not read “blah”"),
        ("banana", "Not a date or period: “banana”"),
    ],
)
async def test_the_date_filter_says_what_it_refuses(convoys_db: Path, typed: str, said: str) -> None:
    async with running(convoys_db) as (pilot, app, messages):
        await type_into_bar(pilot, app, "f", typed)
        assert any(said in notice for notice in notices(messages)), notices(messages)
        assert app.timeline.total == 120, "the timeline is left as it was"
        assert "filters: none" in screen_lines(app)[-2]
        bar = app.query_one("#command-bar")
        assert bar.display and bar.has_focus and bar.value == typed, "what was typed stays, to be put right"


async def test_the_help_screen_names_keys_as_they_are_typed(convoys_db: Path) -> None:
    async with running(convoys_db, size=(120, 80)) as (pilot, app, _messages):
        await pilot.press("question_mark")
        await settle(pilot, app)
        shown = screen_lines(app)
        await pilot.press("tab", "end")  # the help scrolls: the source view's keys are at its end
        await settle(pilot, app)
        shown += screen_lines(app)
        text = "\n".join(shown)
        assert "question_mark" not in text and "square_bracket" not in text
        for keys, description in [("f1 / ?", "Help"), ("]", "Next day"), ("esc / ⌫ / q", "Back to timeline")]:
            line = next(line for line in shown if f"│  {keys} " in line and description in line)
            between = line[line.index(keys) + len(keys) : line.index(description)]
            assert between.strip() == "" and len(between) >= 2, f"{keys!r} and {description!r} apart: {line!r}"


async def test_the_palette_offers_each_command_once(convoys_db: Path) -> None:
    async with running(convoys_db) as (pilot, app, _messages):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert len(titles) == len(set(titles)), sorted(t for t in titles if titles.count(t) > 1)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Next", "space", *"day")
        await pilot.pause(0.5)
        shown = screen_lines(app)
        assert any("Next day" in line for line in shown)
        assert any("key: ]" in line for line in shown), "the palette names the key as typed"


async def test_the_footer_follows_the_step_of_z(convoys_db: Path) -> None:
    async with running(convoys_db) as (pilot, app, messages):
        assert "] Next day" in screen_lines(app)[-1]
        await pilot.press("z")
        await settle(pilot, app)
        footer = screen_lines(app)[-1]
        assert "] Next month" in footer and "Next day" not in footer
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert app.timeline.current.date == "2022-02-01", "no later month: the cursor stays"
        assert "No later happenings." in notices(messages)
        await pilot.press("z", "right_square_bracket")
        await settle(pilot, app)
        assert app.timeline.current.date == "2022-02-02"
        assert "] Next day" in screen_lines(app)[-1]


@pytest.fixture
def actors_db(tmp_path: Path) -> Path:
    """People with titles and long names, organisations and countries: more actors than the panel's
    height (so it has a scrollbar), counts of one and two digits."""
    lines = []
    for n in range(12):
        text = "\n\n".join(
            [
                f"Foreign Minister Katarzyna Wisniewska-Nowak met NATO envoys in Warsaw, round {n}.",
                f"Prime Minister Jan Kowal told reporters that Ukraine and Poland would hold talks, round {n}.",
                f"Germany said the European Union would send observers, round {n}.",
                f'"We will keep talking until round {n} is done," Jan Kowal said.',
                *(f"{country} said it backed the talks, round {n}." for country in COUNTRIES[n::4]),
            ]
        )
        lines.append(json.dumps({"title": f"Talks {n}", "published": DAYS[n], "outlet": "Wire", "text": text}))
    source = tmp_path / "talks.jsonl"
    source.write_text("\n".join(lines) + "\n")
    db_path = tmp_path / "talks.db"
    ingest_paths(open_store(db_path), [str(source)])
    return db_path


def panel_lines(app: DatelineApp, panel: Widget) -> list[str]:
    """The lines the panel shows inside its border and left of its scrollbar."""
    region = panel.scrollable_content_region
    return [line[region.x : region.right].rstrip() for line in screen_lines(app)[region.y : region.bottom]]


@pytest.mark.parametrize("size", [(140, 45), (100, 30)])
async def test_every_actor_shows_its_mentions_on_its_line(actors_db: Path, size: tuple[int, int]) -> None:
    async with running(actors_db, size=size) as (_pilot, app, _messages):
        panel = app.query_one(ActorsPanel)
        assert {a.kind for a in panel.actors} == {"person", "organisation", "country"}
        assert panel.virtual_size.height > panel.scrollable_content_region.height, "a scrollbar"
        shown = panel_lines(app, panel)
        for actor in panel.actors[: panel.scrollable_content_region.height // 2]:
            (line,) = [line for line in shown if line[2:].startswith(actor.name[:8])]
            assert line.endswith(f" {actor.mentions}"), f"{actor.name}: {line!r}"
            if actor.titles:
                assert shown[shown.index(line) + 1].strip() == actor.titles[0], "the title under the name"


async def test_an_actors_quotes_keep_to_the_date_filter(actors_db: Path) -> None:
    async with running(actors_db) as (pilot, app, _messages):
        panel = app.query_one(ActorsPanel)
        await pilot.press("a", *["j"] * [a.name for a in panel.actors].index("Jan Kowal"), "space")
        await settle(pilot, app)
        quotes = app.query_one(DetailPanel)
        dates = sorted({q.article.published for q in quotes.quotes})
        assert len(quotes.quotes) == 12 and dates == DAYS[:12]
        await type_into_bar(pilot, app, "f", "Feb 3 to Feb 5")
        shown = "\n".join(panel_lines(app, quotes))
        assert [q.article.published for q in quotes.quotes] == ["2022-02-03", "2022-02-04", "2022-02-05"]
        assert [day for day in DAYS if day in shown] == ["2022-02-03", "2022-02-04", "2022-02-05"]
        assert "Quotes of Jan Kowal" in screen_lines(app)[quotes.region.y]
        assert "2022-02-03..2022-02-05" in screen_lines(app)[quotes.region.bottom - 1]
        await type_into_bar(pilot, app, "f", "")
        assert len(quotes.quotes) == 12, "the dates cleared, every quote again"


@pytest.mark.parametrize("quit_with", ["q", "escape", "ctrl+q"])
async def test_a_missing_store_ends_the_app_with_a_failure(tmp_path: Path, quit_with: str) -> None:
    async with running(tmp_path / "missing.db") as (pilot, app, _messages):
        assert isinstance(app.screen, MessageScreen)
        assert "no store at" in "\n".join(screen_lines(app))
        await pilot.press(quit_with)
        await pilot.pause()
    assert app.return_code == 2


def test_dateline_browse_on_a_missing_store_exits_non_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the command: the app runs headless, `q` is pressed on the message, the status is 2 and
    the reason stays on stderr."""
    run = App.run

    async def quit_on_the_message(pilot: Pilot) -> None:
        while not isinstance(pilot.app.screen, MessageScreen):
            await pilot.pause(0.05)
        await pilot.press("q")

    def headless(self: App, *args: object, **kwargs: object) -> object:
        return run(self, headless=True, size=(80, 24), auto_pilot=quit_on_the_message)

    monkeypatch.setattr(App, "run", headless)
    missing = tmp_path / "missing.db"
    assert main(["browse", "--db", str(missing)]) == 2
    assert "no store at" in capsys.readouterr().err


async def test_a_search_without_a_match_says_so(convoys_db: Path) -> None:
    async with running(convoys_db) as (pilot, app, messages):
        await type_into_bar(pilot, app, "slash", "zeppelin")
        timeline = app.timeline
        first_row = screen_lines(app)[timeline.scrollable_content_region.y]
        assert "No happenings match search “zeppelin”" in first_row
        assert "0 of 120 happenings" in screen_lines(app)[-2]
        failed = [m for m in messages if isinstance(m, Worker.StateChanged) and m.state == WorkerState.ERROR]
        assert not failed, "reading an empty result is no error"
        await type_into_bar(pilot, app, "slash", "Kharkiv")
        assert "No happenings match" not in "\n".join(screen_lines(app))


async def test_n_and_N_jump_between_the_matches_of_the_last_search(convoys_db: Path) -> None:
    async with running(convoys_db) as (pilot, app, messages):
        timeline = app.timeline
        await pilot.press("n")
        await settle(pilot, app)
        assert "No search to repeat: / searches." in notices(messages)
        await pilot.press("slash", *"Kharkiv")
        await pilot.pause(0.3)
        await settle(pilot, app)
        kharkiv = timeline.total
        assert kharkiv == 8
        await pilot.press("escape")  # the filter goes, its matches stay to be visited among the rest
        await settle(pilot, app)
        assert timeline.total == 120 and "Kharkiv" in timeline.current.headline, "the match it was on stays"
        visited = [timeline.cursor]
        for _ in range(25):
            await pilot.press("n")
            await settle(pilot, app)
            _, line = cursor_lines(app)
            if timeline.cursor == visited[-1]:
                break
            assert "Kharkiv" in timeline.current.headline and "Kharkiv" in line
            visited.append(timeline.cursor)
        matches = [i for i in range(120) if "Kharkiv" in timeline.row_at(i).headline]
        assert visited == matches and len(matches) == kharkiv  # it was on the first
        assert "No later match for “Kharkiv”." in notices(messages)
        await pilot.press("N", "N")
        await settle(pilot, app)
        assert timeline.cursor == matches[-3]
        await pilot.press("g", "N")
        await settle(pilot, app)
        assert "No earlier match for “Kharkiv”." in notices(messages)


async def test_at_80x24_every_panel_is_brought_into_view(actors_db: Path) -> None:
    async with running(actors_db, size=(80, 24)) as (pilot, app, _messages):
        actors, quotes, timeline = app.query_one(ActorsPanel), app.query_one(DetailPanel), app.timeline
        assert not actors.display and not quotes.display and timeline.size.width >= 70

        def footer_is_whole() -> str:
            """The footer's keys end before the palette's, with room to spare: none is cut."""
            footer = screen_lines(app)[-1]
            keys, palette = footer.split("▏")
            assert keys.endswith(" ") and palette == "^p palette", footer
            return keys

        keys = footer_is_whole()
        assert all(key in keys for key in ("→ Expand", "/ Search", "f Dates", "o Outlets", "a Actors", "p Details"))
        await pilot.press("a")
        await settle(pilot, app)
        assert actors.display and app.focused is actors
        assert screen_lines(app)[0].startswith("╭─ Actors")
        shown = panel_lines(app, actors)
        kowal = [a.name for a in actors.actors].index("Jan Kowal")
        await pilot.press(*["j"] * kowal)
        assert any(line.startswith("☺ Jan Kowal") for line in panel_lines(app, actors)), shown
        footer_is_whole()
        await pilot.press("space")
        await settle(pilot, app)
        assert "Timeline · actors: Kowal" in screen_lines(app)[app.timeline.region.y]  # under the density strip
        await pilot.press("a")  # back to the timeline, the panel out of the way
        await settle(pilot, app)
        assert not actors.display and app.focused is timeline and timeline.size.width >= 70
        await pilot.press("p")
        await settle(pilot, app)
        assert quotes.display and app.focused is quotes and not actors.display
        assert "Quotes of Jan Kowal" in screen_lines(app)[0]
        footer_is_whole()
        await pilot.press("p")
        await settle(pilot, app)
        assert not quotes.display and app.focused is timeline
        status = screen_lines(app)[-2]
        shown, total = app.feed.total, app.feed.all_total
        assert 1 < shown < total
        assert status.startswith(f" row 1 │ {shown} of {total} happenings │ filters: actors Jan Kowal │ 0 selected │ ")
        assert status.endswith("…") and len(status) == 79, "the store's path is cut last, with an ellipsis"
        await pilot.press("enter")  # the source view's footer is whole too
        await settle(pilot, app)
        assert isinstance(app.screen, SourceScreen)
        assert "esc Back to timeline" in footer_is_whole()
