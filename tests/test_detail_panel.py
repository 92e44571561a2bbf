"""The detail panel on a real happening read from a store built here: every source with its date, the
dates they disagree on, the quotes with their speakers; enter opens a source's paragraph."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App, ComposeResult
from textual.message import Message

from dateline.store.happening_queries import iter_happenings
from dateline.store.records import Happening
from dateline.store.schema import open_store
from dateline.tui.detail import DetailPanel
from tests.test_app import screen_text
from tests.ui_store import write_ui_store


def geneva(tmp_path: Path) -> Happening:
    db = open_store(write_ui_store(tmp_path), create=False)
    found = next(h for h in iter_happenings(db) if "Geneva" in h.headline and len(h.sources) > 1)
    db.close()
    return found


class PanelApp(App[None]):
    def __init__(self, happening: Happening) -> None:
        super().__init__()
        self.happening = happening

    def compose(self) -> ComposeResult:
        yield DetailPanel()

    def on_mount(self) -> None:
        panel = self.query_one(DetailPanel)
        panel.show_happening(self.happening)
        panel.focus()


async def test_every_source_with_its_date_and_the_quotes_show_and_enter_opens_one(tmp_path: Path) -> None:
    happening = geneva(tmp_path)
    messages: list[Message] = []
    async with PanelApp(happening).run_test(size=(70, 60), message_hook=messages.append) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(pilot.app)
        for outlet in ("Harbour Wire", "Northern Ledger", "Capital Agency", "Evening Courier"):
            assert outlet in shown
        assert "Sources (4)" in shown and "disagree on the date" in shown
        assert "2022-01-20: Capital Agency" in shown
        assert "Blinken" in shown and "“We did not come here expecting a breakthrough”" in shown
        await pilot.press("j", "enter")
        await pilot.pause()
    opened = [m for m in {id(m): m for m in messages}.values() if isinstance(m, DetailPanel.OpenReport)]
    assert len(opened) == 1
    second_source = happening.sources[1]
    assert opened[0].report.article.id == second_source.id
    assert opened[0].report.paragraph == 0


async def test_the_headline_is_shown_whole(tmp_path: Path) -> None:
    happening = geneva(tmp_path)
    async with PanelApp(happening).run_test(size=(50, 60)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = " ".join(re.sub("[▊▎│]", " ", screen_text(pilot.app)).split())
    assert " ".join(happening.headline.split()) in shown


def test_an_actors_quotes_keep_to_every_filter(tmp_path: Path) -> None:
    """The details panel's quotes of a chosen actor: within dates, search and outlets, not dates only."""
    from dateline.store.happening_queries import speaker_quotes
    from dateline.store.queries import resolve_actor
    from dateline.store.records import HappeningFilter

    db = open_store(write_ui_store(tmp_path), create=False)
    try:
        lavrov = resolve_actor(db, "Sergei Lavrov")
        assert lavrov is not None

        def said(**conditions: object) -> list[str]:
            quotes, total = speaker_quotes(db, HappeningFilter(**conditions), lavrov.id, 10)  # type: ignore[arg-type]
            assert total == len(quotes)
            return [q.text for q in quotes]

        assert said() == ["The conversation was useful and frank"]
        assert said(search="Geneva") == said(outlets=("Harbour Wire",)) == said()  # the meeting is kept
        assert said(search="Kremlin") == said(not_outlets=("Northern Ledger",)) == []
        assert said(date_from="2022-02-01") == []
    finally:
        db.close()
