"""The command bar's jobs: `/` search as you type, `f` the date filter, `e` the export file name
(and the question before a file is overwritten).

Mixed into the app, which owns the filter and applies it; the search typed last (`match_search`),
which `n`/`N` step through, is set here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from textual import on
from textual.app import App
from textual.timer import Timer
from textual.widgets import Input

from dateline.store.queries import parse_search
from dateline.store.records import HappeningFilter, TimelineRow
from dateline.tui.command_bar import CommandBar
from dateline.tui.feed import TimelineFeed
from dateline.tui.text import clean
from dateline.tui.timeline import Timeline


class CommandBarActions(App[None]):
    """An `App` only so that its `@on` handlers (which select the command bar) are collected."""

    # its own state (set in the app's `__init__`)
    match_search: str | None  # the search typed last, which `n`/`N` step through
    _search_timer: Timer | None
    _export_to: Path  # the file the overwrite question is about
    # the app's, read here
    filter: HappeningFilter
    feed: TimelineFeed
    timeline: Timeline
    newest_day: dt.date

    def action_search(self) -> None:
        prompt = "Search (enter keeps it, escape clears it; n/N then visit its matches)"
        self.query_one(CommandBar).open("search", prompt, self.filter.search or "")

    def action_date_filter(self, typed: str | None = None) -> None:
        current = ""
        if self.filter.date_from or self.filter.date_to:
            current = f"{self.filter.date_from or ''}..{self.filter.date_to or ''}"
        self.query_one(CommandBar).open(
            "dates",
            "Dates: Feb 2022, Feb 20 to Feb 24, since Feb 20, before Jan 10, last week (empty clears)",
            current if typed is None else typed,
        )

    @on(Input.Changed, "#command-bar")
    def command_changed(self, message: Input.Changed) -> None:
        bar = self.query_one(CommandBar)
        if bar.mode != "search":
            return
        if self._search_timer:
            self._search_timer.stop()
        value = message.value
        self._search_timer = self.set_timer(0.15, lambda: self._search(value))
        if value.strip() and value.strip() != self.filter.search:
            self.feed.search_typed(replace(self.filter, search=value.strip()))  # read while the pause runs

    def _search(self, value: str, keep: TimelineRow | None = None) -> None:
        """Search for `value` (nothing: no search), from the first match, or with the row `keep` under the cursor."""
        self.timeline.search_words = (value if value.strip() else self.match_search or "").split()
        if (value.strip() or None) != self.filter.search:
            self.apply_filter(replace(self.filter, search=value.strip() or None), keep=keep)

    @on(Input.Submitted, "#command-bar")
    def command_submitted(self, message: Input.Submitted) -> None:
        bar = self.query_one(CommandBar)
        bar.display = False
        self.screen.set_focus(self.timeline)  # now: a bar opened again right after keeps the focus
        if bar.mode == "search":
            if self._search_timer:
                self._search_timer.stop()
            self.match_search = message.value.strip() or None
            self._search(message.value)
            if problems := parse_search(message.value)[1]:  # the search still runs, on what could be read
                problem = "; ".join(dict.fromkeys(problems))
                self.notify(
                    f"Search: {problem}; searched for the rest (f1: the syntax)", severity="warning", markup=False
                )
        elif bar.mode == "dates":
            self._set_dates(message.value)
        elif bar.mode == "export":
            path = Path(message.value).expanduser()
            if path.is_file():  # ask before replacing a file; anything else that is there, export refuses
                self._export_to = path
                # the question first: a long path is cut at the end of the title, the question never
                bar.open("overwrite", f"Overwrite the file? (y/N) {clean(str(path))} exists", "")
                return
            self.export(path, sorted(self.timeline.selected), self.filter)
        elif bar.mode == "overwrite":
            if message.value.strip().lower() in ("y", "yes"):
                self.export(self._export_to, sorted(self.timeline.selected), self.filter, force=True)
            else:
                self.notify("Export cancelled: nothing was written.", markup=False)

    @on(CommandBar.Cancelled)
    def command_cancelled(self, message: CommandBar.Cancelled) -> None:
        self.screen.set_focus(self.timeline)  # now: a bar opened again right after keeps the focus
        if message.mode == "search":
            if self._search_timer:
                self._search_timer.stop()
            self.match_search = self.query_one(CommandBar).value.strip() or self.match_search
            self._search("", keep=self.timeline.current)  # the search goes; the happening it found stays in view

    def _set_dates(self, text: str) -> None:
        from dateline.tui.filters import parse_date_filter  # the date grammar: once dates are typed

        try:
            date_from, date_to = parse_date_filter(text, self.newest_day)
        except ValueError as error:
            self.notify(str(error), severity="error", markup=False)
            self.action_date_filter(text)  # what was typed stays, to be put right
            return
        self.apply_filter(replace(self.filter, date_from=date_from, date_to=date_to), keep=self.timeline.current)
