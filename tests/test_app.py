"""The Textual app driven headlessly with Pilot: real keys on real stores."""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from dateline.cli.main import main
from dateline.store import timeline
from dateline.store.records import HappeningFilter
from dateline.store.schema import SCHEMA_VERSION
from dateline.tui.app import DatelineApp, make_app
from dateline.tui.command_actions import CommandBarActions
from dateline.tui.detail import DetailPanel
from dateline.tui.feed import TimelineFeed
from dateline.tui.filters import parse_date_filter
from dateline.tui.panels import ActorsPanel
from dateline.tui.screens import HelpScreen, MessageScreen, SourceScreen
from tests.conftest import SEED
from tests.crisis_store import meeting_headline, write_aid_store, write_crisis_store

SIZE = (140, 40)


async def settle(pilot, app: DatelineApp) -> None:
    """Let workers finish and their messages be handled (twice: pages follow counts)."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def opened(db_path: Path, messages: list[Message] | None = None) -> AsyncIterator[tuple[Pilot, DatelineApp]]:
    """The app on `db_path`, run headless at SIZE, its first screen loaded; every message it handles
    goes to `messages` when given."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE, message_hook=messages.append if messages is not None else None) as pilot:
        await settle(pilot, app)
        yield pilot, app


_SVG_TEXT = re.compile(r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>([^<]*)</text>')


def screen_lines(app: DatelineApp) -> list[str]:
    """What the terminal shows, line by line, read from Textual's public screenshot (an SVG in which
    every run of text sits at its cell: 12.2 units a column, 24.4 a line)."""
    width, height = app.size
    lines = [[" "] * width for _ in range(height)]
    for x, y, length, text in _SVG_TEXT.findall(app.export_screenshot()):
        column, row = round(float(x) / 12.2), round((float(y) - 20) / 24.4)
        chars = list(html.unescape(text).replace("\xa0", " "))
        cells = round(float(length) / 12.2)
        if len(chars) < cells and len(chars) == 1:  # a wide character (two cells)
            chars.append("")
        for offset, char in enumerate(chars):
            if 0 <= row < height and column + offset < width:
                lines[row][column + offset] = char
    return ["".join(line).rstrip() for line in lines]


def screen_text(app: DatelineApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(screen_lines(app))


def rows(app: DatelineApp) -> list[str]:
    """The headlines of the rows the timeline holds."""
    timeline = app.timeline
    return [timeline.row_at(i).headline for i in range(timeline.total) if timeline.row_at(i)]


async def move_to_event(pilot, app: DatelineApp, fragment: str) -> int:
    """Move the cursor, key by key, to the happening whose headline holds `fragment`."""
    index = next(i for i, text in enumerate(rows(app)) if fragment in text)
    await pilot.press("g")
    for _ in range(index):
        await pilot.press("j")
    await settle(pilot, app)
    assert app.timeline.current and fragment in app.timeline.current.headline
    return index


async def test_move_open_source_and_return_to_the_same_row(seed_db: Path) -> None:
    async with opened(seed_db) as (pilot, app):
        assert app.timeline.total == 3
        await pilot.press("G")
        assert app.timeline.cursor == 2
        await pilot.press("g", "j", "j")
        assert app.timeline.cursor == 2
        index = await move_to_event(pilot, app, "telephone discussion Tuesday")
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, SourceScreen)
        current = app.screen.query(".paragraph.current")
        assert len(current) == 1 and current.first().id == "p0", "the event's paragraph is highlighted"
        assert "Lavrov and US Secretary of State" in str(current.first().render())
        assert app.screen.passage == (0, len(app.timeline.current.headline)), "the headline is the marked passage"
        await pilot.press("escape")
        await settle(pilot, app)
        assert not isinstance(app.screen, SourceScreen)
        assert app.timeline.cursor == index, "back exactly where we were"
        assert app.focused is app.timeline


async def test_search_as_you_type_then_clear(seed_db: Path) -> None:
    async with opened(seed_db) as (pilot, app):
        await pilot.press("slash", *"telephone")
        await pilot.pause(0.3)
        await settle(pilot, app)
        assert app.timeline.total == 1
        assert all("telephone" in text for text in rows(app))
        assert "1 of 3 happenings" in str(app.query_one("#status").render())
        await pilot.press("enter")
        await pilot.press("j")
        assert app.timeline.cursor == 0, "one match: nowhere to go"
        await pilot.press("slash", "escape")
        await settle(pilot, app)
        assert app.timeline.total == 3


async def test_actor_filter_and_actor_quotes(seed_db: Path) -> None:
    async with opened(seed_db) as (pilot, app):
        await pilot.press("a")
        panel = app.query_one(ActorsPanel)
        assert app.focused is panel
        names = [actor.name for actor in panel.actors]
        for _ in range(names.index("Ned Price")):
            await pilot.press("j")
        await pilot.press("space")
        await settle(pilot, app)
        assert app.timeline.total == 1
        assert "telephone discussion" in rows(app)[0]
        assert app.timeline.border_title == "Timeline · actors: Price"
        quotes = app.query_one(DetailPanel)
        assert {q.speaker for q in quotes.quotes} == {"Ned Price"} and len(quotes.quotes) == 2
        await pilot.press("x")
        await settle(pilot, app)
        assert app.timeline.total == 3


async def test_quote_enter_jumps_to_its_paragraph(seed_db: Path) -> None:
    async with opened(seed_db) as (pilot, app):
        await move_to_event(pilot, app, "telephone discussion")
        await pilot.press("tab")  # timeline -> details panel
        panel = app.query_one(DetailPanel)
        assert app.focused is panel
        prompts = [str(getattr(panel.get_option_at_index(i).prompt, "plain", "")) for i in range(panel.option_count)]
        price = next(i for i, prompt in enumerate(prompts) if prompt.split("\n")[0].endswith("Ned Price"))
        start = panel.highlighted or 0
        steps = sum(not panel.get_option_at_index(i).disabled for i in range(start + 1, price + 1))  # j skips headings
        await pilot.press(*["j"] * steps, "enter")  # Ned Price's first quote, in the third paragraph
        await settle(pilot, app)
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.paragraph == 2


async def test_select_two_happenings_and_export(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "picked.md"
    async with opened(seed_db) as (pilot, app):
        await move_to_event(pilot, app, "telephone discussion Tuesday")
        await pilot.press("space")  # selects and moves down
        await move_to_event(pilot, app, "3.30 p.m.")
        await pilot.press("space")
        assert len(app.timeline.selected) == 2
        assert "2 selected" in str(app.query_one("#status").render())
        await pilot.press("e")
        bar = app.query_one("#command-bar")
        assert bar.value.endswith(".md")
        bar.value = str(out)
        await pilot.press("enter")
        await settle(pilot, app)
    text = out.read_text()
    assert text.count("\n- ") == 2
    assert "telephone discussion Tuesday" in text and "3.30 p.m. local time" in text
    assert "**15:30**" in text
    assert "[^1]: Anadolu Agency, “Top Russian, American diplomats" in text


async def test_export_without_selection_exports_what_is_shown(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "[bold]shown.md"  # the path in the notice is shown as typed, not as markup
    messages: list[Message] = []
    async with opened(seed_db, messages) as (pilot, app):
        await pilot.press("slash", *"Biden", "enter")
        await settle(pilot, app)
        await pilot.press("e")
        app.query_one("#command-bar").value = str(out)
        await pilot.press("enter")
        await settle(pilot, app)
        notices = [(m.notification.message, m.notification.markup) for m in messages if isinstance(m, Notify)]
    assert out.read_text().count("\n- ") == 1
    assert (f"Exported 1 happening to {out}", False) in notices


async def test_date_filter_and_day_steps(seed_db: Path) -> None:
    async with opened(seed_db) as (pilot, app):
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert app.timeline.current.date.startswith("2022-02-15"), "] jumps from January to the next day"
        await pilot.press("left_square_bracket")
        await settle(pilot, app)
        assert app.timeline.cursor == 0
        await pilot.press("f")
        app.query_one("#command-bar").value = "Jan 2022"
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.timeline.total == 1


def test_parse_date_filter() -> None:
    import datetime as dt

    newest = dt.date(2022, 2, 15)
    assert parse_date_filter("2022-02-10..2022-02-20", newest) == ("2022-02-10", "2022-02-20")
    assert parse_date_filter("Feb 2022", newest) == ("2022-02-01", "2022-02-28")
    assert parse_date_filter("last week", newest) == ("2022-02-07", "2022-02-13")
    assert parse_date_filter("..2022-01-31", newest) == (None, "2022-01-31")
    assert parse_date_filter("", newest) == (None, None)
    with pytest.raises(ValueError):
        parse_date_filter("banana", newest)


async def test_markup_and_escape_sequences_render_literally(tmp_path: Path) -> None:
    article = tmp_path / "markup.txt"
    article.write_text(
        "Outlet [bold]Name[/]\nA title with [link=http://x]a link[/link]\nPublished March 1, 2022\n\n"
        "Officials said on Monday that [bold]nothing[/] was \x1b[31mred\x1b[0m here [/] at all.\n"
    )
    db = tmp_path / "markup.db"
    assert main(["ingest", str(article), "--db", str(db), "--quiet"]) == 0
    app = make_app(db)
    async with app.run_test(size=(220, 40)) as pilot:
        await settle(pilot, app)
        shown = screen_text(app)
        assert "[bold]nothing[/]" in shown  # the outlet is not on the row: it is in the source view below
        assert "␛[31mred" in shown
        await pilot.press("enter")
        await settle(pilot, app)
        shown = screen_text(app)
        assert "[link=http://x]a link[/link]" in shown
        assert "Outlet [bold]Name[/] · published 2022-03-01" in shown
        assert "[bold]nothing[/] was ␛[31mred␛[0m here [/] at all." in shown


async def test_help_lists_every_binding(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(120, 80)) as pilot:
        await settle(pilot, app)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        await pilot.press("tab", "end")  # the help scrolls: the source view's keys are at its end
        await pilot.pause()
        shown += screen_text(app)
        for description in ("Search", "Dates", "Export", "Select", "Next day", "Back to timeline", "Clear actors"):
            assert description in shown
        for mark in ("◷", "≠", "Planned", "different dates", "Outlets", "Expand"):
            assert mark in shown
        assert "Next month (once z steps by months)" in shown  # `]` is listed twice: the help says when
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_empty_store_says_so(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    assert main(["ingest", str(tmp_path / "none*.txt"), "--db", str(db), "--quiet"]) == 1
    async with opened(db) as (_pilot, app):
        assert "This store has no events yet" in screen_text(app)


@pytest.mark.parametrize("problem", ["missing", "corrupt", "newer"])
async def test_unusable_stores_get_a_message_not_a_traceback(tmp_path: Path, problem: str) -> None:
    db = tmp_path / "bad.db"
    if problem == "corrupt":
        db.write_bytes(b"this is not a database" * 100)
    elif problem == "newer":
        assert main(["ingest", str(SEED), "--db", str(db), "--quiet"]) == 0
        with sqlite3.connect(db) as conn:
            conn.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    async with opened(db) as (_pilot, app):
        assert isinstance(app.screen, MessageScreen)
        expected = {"missing": "no store at", "corrupt": "not a usable Dateline store", "newer": "newer Dateline"}
        assert expected[problem] in screen_text(app)


async def test_first_run_ingests_the_bundled_seeds(tmp_path: Path) -> None:
    from dateline.store.sources import seed_files

    db = tmp_path / "first.db"
    app = make_app(db, ingest_first=seed_files())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.timeline.total == 3


async def test_command_palette_offers_the_actions(seed_db: Path) -> None:
    async with opened(seed_db) as (pilot, app):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Search", "Dates", "Export", "Select", "Next day", "Clear actors"} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Clear filters", "enter")
        await settle(pilot, app)
        assert app.timeline.total == 3


async def test_a_store_that_breaks_while_open_is_reported_not_a_crash(seed_db: Path) -> None:
    messages: list[Message] = []
    async with opened(seed_db, messages) as (pilot, app):
        with sqlite3.connect(seed_db) as conn:
            conn.execute("drop table events_fts")
        await pilot.press("slash", *"telephone", "enter")
        await pilot.pause(0.3)
        await settle(pilot, app)
        assert app.is_running
        assert any("Could not read the store" in m.notification.message for m in messages if isinstance(m, Notify))


async def test_a_narrow_terminal_keeps_room_for_the_timeline(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert not app.query_one(DetailPanel).display and not app.query_one(ActorsPanel).display
        assert app.timeline.size.width >= 70
        assert "Russian Foreign Minister Sergey Lavrov" in screen_text(app)


async def test_reload_shows_articles_ingested_while_open(seed_db: Path, tmp_path: Path) -> None:
    async with opened(seed_db) as (pilot, app):
        assert app.timeline.total == 3
        later = tmp_path / "later.txt"
        later.write_text("Wire\nLater news\nPublished March 1, 2022\n\nTalks resumed on Monday in Geneva.\n")
        assert main(["ingest", str(later), "--db", str(seed_db), "--quiet"]) == 0
        await pilot.press("r")
        await settle(pilot, app)
        assert app.timeline.total == 4
        assert "4 of 4 happenings" in str(app.query_one("#status").render())


async def test_day_steps_across_pages_land_on_the_first_happening_of_the_day(tmp_path: Path) -> None:
    """`]`/`[` over days of 130 happenings each, so a step lands on a page not loaded yet: each step lands on
    the first happening of the next (previous) day with the whole screen drawn, pressed at once or after
    the cursor rested (its day's position is then known to the reader)."""
    days = ["2022-02-01", "2022-02-03", "2022-02-07", "2022-02-08"]
    db_path = write_aid_store(tmp_path, days, 130, headline=meeting_headline)
    async with opened(db_path) as (pilot, app):
        timeline = app.timeline
        assert timeline.total == 4 * 130
        for rest in (False, True):
            for key, day in [("right_square_bracket", d) for d in days[1:]] + [("left_square_bracket", days[2])]:
                await pilot.press(key)
                if rest:
                    await pilot.pause(0.1)
                await settle(pilot, app)
                assert timeline.current.sort_key[:10] == day
                assert timeline.cursor == days.index(day) * 130, "the first happening of its day"
                first, last = timeline.rows_in_view()
                assert first <= timeline.cursor <= last
                assert all(timeline.row_at(i) for i in range(first, last + 1)), "the whole screen drawn"
            await pilot.press("g")
            await settle(pilot, app)


async def test_choosing_the_highlighted_actor_shows_what_was_found_ahead(tmp_path: Path) -> None:
    """The filter found while an actor is highlighted is the one a fresh query gives."""
    async with opened(write_crisis_store(tmp_path)) as (pilot, app):
        await pilot.press("G", "a")  # the cursor on the last happening: the filter keeps it in view
        names = [actor.name for actor in app.query_one(ActorsPanel).actors]
        await pilot.press(*["j"] * names.index("Olaf Scholz"))
        await pilot.pause(0.2)  # the highlight rests: its filter is found ahead
        await settle(pilot, app)
        shown = []
        for found_ahead in (True, False):
            flt, keep = app.highlighted_actor_filter(), app.timeline.current.key
            assert app.feed.prepared(flt, keep) is found_ahead
            await pilot.press("space")
            await settle(pilot, app)
            timeline = app.timeline
            shown.append((timeline.total, timeline.cursor, [timeline.row_at(i).id for i in range(timeline.total)]))
            await pilot.press("space")  # unchoose
            await settle(pilot, app)
            app.feed.prepare(HappeningFilter(search="nothing like this"))  # found ahead: another filter
            await settle(pilot, app)
        assert shown[0] == shown[1] and 1 < shown[0][0] < app.timeline.total and shown[0][1] > 0


def test_titles_naming_actors_are_literal_text() -> None:
    from dateline.store.records import ActorSummary
    from dateline.tui.app import timeline_title

    actor = ActorSummary("person:x", "Anna [bold]Markup[/]", "person", (), (), 1)
    org = ActorSummary("organisation:y", "[link=x]Org[/link]", "organisation", (), (), 1)
    assert timeline_title((actor, org)).plain == "Timeline · actors: [bold]Markup[/] + [link=x]Org[/link]"
    assert timeline_title(()).plain == "Timeline"


async def test_the_quotes_panel_title_is_literal(seed_db: Path) -> None:
    async with opened(seed_db) as (pilot, app):
        panel = app.query_one(DetailPanel)
        panel.show_quotes([], "Quotes of [b]Someone[/b] over time", "none")
        await pilot.pause()
        from textual.content import Content

        assert Content.from_markup(panel.border_title).plain == "Quotes of [b]Someone[/b] over time"


async def test_paging_far_keeps_only_the_pages_around_the_screen(tmp_path: Path) -> None:
    """Paging down through 520 happenings (six pages), then back to the top: the feed holds the pages
    around the screen, never every page it has read; every row on screen is drawn."""
    db_path = write_aid_store(tmp_path, ["2022-02-01", "2022-02-03", "2022-02-07", "2022-02-08"], 130,
                              headline=meeting_headline)  # fmt: skip
    async with opened(db_path) as (pilot, app):
        timeline, held = app.timeline, []
        for _ in range(200):
            await pilot.press("pagedown")
            await settle(pilot, app)
            first, last = timeline.rows_in_view()  # rows of one to four lines: the happenings on screen
            assert all(timeline.row_at(i) for i in range(first, last + 1))
            held.append(app.feed.pages_held)
            if timeline.cursor == timeline.total - 1:
                break
        assert timeline.cursor == 519 and max(held) <= 2 * 3 + 2, held  # WINDOW pages either side of the screen
        await pilot.press("g")
        await settle(pilot, app)
        assert timeline.row_at(0) is not None
        # back at the top, the pages passed were let go: pages 0 to 3 are near, 4 and 5 the last screen's (kept for G)
        assert app.feed.pages_held <= 6
        first, last = timeline.rows_shown_moving_to(519)
        assert app.feed.has_rows(first, last), "G lands without reading a page"


async def test_a_searchs_first_rows_come_before_its_count(tmp_path: Path) -> None:
    """A search keeping more happenings than the first screen's pages hold: its first rows are shown before
    they are counted (the status says so), then the count lets the timeline scroll to its last match; the
    rows are those the store's reader lists for the search."""
    days = ["2022-02-01", "2022-02-03", "2022-02-07", "2022-02-08"]
    db_path = write_aid_store(tmp_path, days, 130, headline=meeting_headline)
    messages: list[Message] = []
    async with opened(db_path, messages) as (pilot, app):
        messages.clear()
        await pilot.press("slash", *"met", "enter")
        await settle(pilot, app)
        shown = [m for m in messages if isinstance(m, TimelineFeed.Shown) and m.filter.search == "met"]
        shown = list({id(m): m for m in shown}.values())  # once each (a message is seen by each node it bubbles to)
        assert [(m.counted, m.total) for m in shown] == [(False, 100), (True, 520)]
        assert app.feed.counted and app.timeline.total == 520
        assert "520 of 520 happenings" in str(app.query_one("#status").render())
        await pilot.press("G")
        await settle(pilot, app)
        assert app.timeline.cursor == 519
        listed = app.reader.rows_after(HappeningFilter(search="met"), None, 1000)
        assert app.timeline.current == listed[-1]


async def test_a_search_is_read_and_counted_once_as_it_is_typed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each letter starts reading the search's matches and counting them; once the typing pauses, its rows
    and count are those (the matches read once, counted once), shown as when found after the pause."""
    days = ["2022-02-01", "2022-02-03", "2022-02-07", "2022-02-08"]
    db_path = write_aid_store(tmp_path, days, 130, headline=meeting_headline)
    statements: list[str] = []
    opened_store = timeline.open_store

    def open_store(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        db = opened_store(*args, **kwargs)
        db.conn.set_trace_callback(statements.append)  # each statement as run, its values in it
        return db

    monkeypatch.setattr(timeline, "open_store", open_store)
    messages: list[Message] = []
    async with opened(db_path, messages) as (pilot, app):
        messages.clear()
        await pilot.press("slash", *"met")
        await settle(pilot, app)
        await pilot.pause(0.3)
        await settle(pilot, app)
        shown = [m for m in messages if isinstance(m, TimelineFeed.Shown) and m.filter.search == "met"]
        assert shown and (shown[-1].counted, shown[-1].total) == (True, 520)
        assert "520 of 520 happenings" in str(app.query_one("#status").render())
    met = [sql for sql in statements if "'\"met\"*'" in sql]
    assert sum(sql.startswith("select count(distinct m.happening_number)") for sql in met) == 1, met
    assert sum("insert into temp.search_matches" in sql for sql in met) == 1, met
    # Before the pause ends: with the search never applied, the letters alone read and count it.
    statements.clear()
    monkeypatch.setattr(CommandBarActions, "_search", lambda self, value: None)
    async with opened(db_path, messages) as (pilot, app):
        messages.clear()
        await pilot.press("slash", *"met")
        await settle(pilot, app)
        assert not [m for m in messages if isinstance(m, TimelineFeed.Shown) and m.filter.search]
    met = [sql for sql in statements if "'\"met\"*'" in sql]
    assert sum(sql.startswith("select count(distinct m.happening_number)") for sql in met) == 1, met
    assert sum("insert into temp.search_matches" in sql for sql in met) == 1, met
