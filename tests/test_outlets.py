"""The outlet filter's chooser: outlets of a real store, kept or left out with real keys."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from dateline.store.queries import list_outlets
from dateline.store.schema import open_store
from dateline.tui.outlets import OutletChoice, OutletScreen
from tests.test_app import screen_text
from tests.ui_store import write_ui_store


def outlets_of(tmp_path: Path) -> list[tuple[str, int]]:
    db = open_store(write_ui_store(tmp_path), create=False)
    try:
        return list_outlets(db)
    finally:
        db.close()


def test_outlets_are_listed_with_their_articles_most_first(tmp_path: Path) -> None:
    outlets = outlets_of(tmp_path)
    assert outlets[0] == ("Harbour Wire", 3)
    assert dict(outlets)["Steppe Herald"] == 1
    assert [count for _, count in outlets] == sorted((count for _, count in outlets), reverse=True)


class ChooserApp(App[None]):
    def __init__(self, outlets: list[tuple[str, int]], choice: OutletChoice) -> None:
        super().__init__()
        self.outlets, self.choice = outlets, choice
        self.results: list[OutletChoice | None] = []

    def on_mount(self) -> None:
        self.push_screen(OutletScreen(self.outlets, self.choice), self.results.append)


async def test_keys_keep_and_leave_out_outlets_and_escape_changes_nothing(tmp_path: Path) -> None:
    outlets = outlets_of(tmp_path)
    app = ChooserApp(outlets, OutletChoice())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("plus", "j", "minus", "j", "space", "space", "j", "space", "space", "space")
        await pilot.pause()
        shown = screen_text(app)
        assert f"+ {outlets[0][0]}" in shown and f"− {outlets[1][0]}" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [OutletChoice(keep=(outlets[0][0],), leave_out=(outlets[1][0], outlets[2][0]))]
        app.push_screen(OutletScreen(outlets, app.results[0]), app.results.append)
        await pilot.pause()
        await pilot.press("x", "escape")
        await pilot.pause()
    assert app.results[1] is None
    assert app.results[0].describe() == f"outlets {outlets[0][0]}; not {outlets[1][0]}, {outlets[2][0]}"
