"""`s` selects the shown happenings, `u` unselects them, `e` exports the selected (or all shown)
happenings to a Markdown file; the selection itself lives in the timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import on, work
from textual.app import App

from dateline.store.happening_queries import happening_ids, iter_happenings
from dateline.store.records import HappeningFilter
from dateline.store.timeline import TimelineReader
from dateline.tui.command_bar import CommandBar
from dateline.tui.feed import TimelineFeed
from dateline.tui.messages import Notice, SelectionLoaded
from dateline.tui.text import clean
from dateline.tui.timeline import Timeline

SELECT_ALL_LIMIT = 50_000


class ExportAndSelection(App[None]):
    """An `App` only so that its `@on` handlers are collected; mixed into the app."""

    # the app's, read here
    reader: TimelineReader
    feed: TimelineFeed
    filter: HappeningFilter
    timeline: Timeline

    def action_export(self) -> None:
        from dateline.store.export import plural  # the export's module: not for the first screen

        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        default = str(Path.cwd() / f"dateline-export-{stamp}.md")
        what = (
            f"{plural(len(self.timeline.selected), 'selected happening')}"
            if self.timeline.selected
            else f"all {plural(self.feed.total, 'shown happening')}"
        )
        self.query_one(CommandBar).open("export", f"Export {what} to", default)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, path: Path, ids: list[str], flt: HappeningFilter, force: bool = False) -> None:
        from dateline.store.export import ExportError, export_happenings_markdown, plural, safe_write_text

        if ids:
            happenings = sorted((self.reader.happening(hid) for hid in ids), key=lambda h: (h.sort_key, h.id))
        else:
            with self.reader.connection() as db:
                happenings = list(iter_happenings(db, flt))
        try:
            safe_write_text(path, export_happenings_markdown(happenings), force=force)
        except ExportError as error:
            self.post_message(Notice(f"Could not export: {error}", "error"))
            return
        self.post_message(Notice(f"Exported {plural(len(happenings), 'happening')} to {clean(str(path))}"))

    def action_select_all(self) -> None:
        self.select_shown(self.filter)

    @work(thread=True, exclusive=True, group="select", exit_on_error=False)
    def select_shown(self, flt: HappeningFilter) -> None:
        with self.reader.connection() as db:
            ids = happening_ids(db, flt, SELECT_ALL_LIMIT + 1)
        self.post_message(SelectionLoaded(ids[:SELECT_ALL_LIMIT], len(ids) > SELECT_ALL_LIMIT))

    def on_selection_loaded(self, message: SelectionLoaded) -> None:
        self.timeline.select(message.ids)
        if message.truncated:
            self.notify(
                f"Selected the first {SELECT_ALL_LIMIT:,} shown happenings; narrow the filter to select the rest."
            )

    def action_unselect_all(self) -> None:
        self.timeline.unselect_all()

    @on(Timeline.SelectionChanged)
    def selection_changed(self, message: Timeline.SelectionChanged) -> None:
        self.update_status()
