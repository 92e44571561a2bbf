"""Opening the store: ingesting the bundled sample on first run (with a progress bar), upgrading a
store an older Dateline wrote, and a store that cannot be opened reported on screen and, once the
terminal is restored, as the command's error and exit status. Mixed into the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import work
from textual.app import App
from textual.widgets import ProgressBar, Static

from dateline.store import queries
from dateline.store.records import HappeningFilter
from dateline.store.schema import StoreError, StoreOutdated, open_store
from dateline.store.timeline import TimelineReader
from dateline.tui.feed import TimelineFeed, read_first_screen
from dateline.tui.messages import IngestProgress, StoreFailed, StoreReady
from dateline.tui.text import plain
from dateline.tui.timeline import Timeline


class StoreOpening(App[None]):
    """An `App` so that `run` reaches Textual's own through `super()`; `action_quit` replaces Textual's."""

    # the app's, read here (`failure` and `newest_day` are set here)
    db_path: Path
    ingest_first: list[str] | None
    reader: TimelineReader
    failure: StoreError | None
    newest_day: dt.date
    filter: HappeningFilter
    timeline: Timeline
    feed: TimelineFeed

    def on_load(self) -> None:
        self.open_store()  # while the terminal is set up and the screen composed

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_store(self) -> None:
        """Open (ingest into, upgrade) the store and read the first screen's rows, in one worker started
        before the screen is composed: the first frame drawn once the store is ready has rows."""
        first_screen = None
        try:
            if self.ingest_first:
                from dateline.store.ingest import ingest_paths  # extraction: first run only, not the first screen

                db = open_store(self.db_path, create=True)
                ingest_paths(db, self.ingest_first, progress=lambda d, t, _: self.post_message(IngestProgress(d, t)))
                db.close()
            try:
                with self.reader.connection() as db:
                    newest = queries.newest_event_day(db)
            except StoreOutdated:  # the app upgrades a store an older Dateline wrote; reading alone never does
                open_store(self.db_path, create=True).close()
                with self.reader.connection() as db:
                    newest = queries.newest_event_day(db)
            if newest is not None:
                first_screen = read_first_screen(self.reader, self.filter)
        except StoreError as error:
            self.post_message(StoreFailed(str(error)))
            return
        self.post_message(StoreReady(newest, first_screen))

    def on_ingest_progress(self, message: IngestProgress) -> None:
        bar = self.query_one("#loading-bar", ProgressBar)
        bar.update(total=message.total, progress=message.done)
        self.query_one("#loading-label", Static).update(
            plain(f"Ingesting the bundled sample articles… {message.done}/{message.total}")
        )

    def on_store_failed(self, message: StoreFailed) -> None:
        self.failure = StoreError(message.message)
        from dateline.tui.screens import MessageScreen  # the screens not shown first: imported when shown

        self.push_screen(MessageScreen("Dateline cannot open this store", message.message))

    async def action_quit(self) -> None:
        """Quit; after a store that could not be opened, with that failure's status (the message screen
        replaced a traceback, not the failure)."""
        self.exit(return_code=self.failure.exit_code if self.failure else 0)

    def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Run the app; a store that could not be opened is raised once the terminal is restored, so the
        command says why on stderr and exits with the store error's status, as every other command does."""
        result = super().run(*args, **kwargs)
        if self.failure is not None:
            raise self.failure
        return result

    def on_store_ready(self, message: StoreReady) -> None:
        self.query_one("#loading").display = False
        if message.newest_day:
            self.newest_day = dt.date.fromisoformat(message.newest_day)
        else:
            empty = self.query_one("#empty", Static)
            empty.update(
                plain(
                    "This store has no events yet.\n\nAdd articles with\n  dateline ingest FILES... "
                    f"--db {self.db_path}\n\nArticles without a publication date are only ingested with "
                    "--published DATE."
                )
            )
            empty.display = True
            self.timeline.display = False
        if message.first_screen is not None:
            self.feed.keep_ahead(message.first_screen)
        self.apply_filter(self.filter)
