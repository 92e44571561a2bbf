"""The Dateline app: timeline in the middle, actors left, quotes right, a status line below.

Every query runs in a thread worker that posts a message back; widgets never touch the store.
"""

from __future__ import annotations

import datetime as dt
import gc
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState

from dateline.store import queries
from dateline.store.records import ActorSummary, EventFilter, TimelineEvent
from dateline.store.schema import StoreError
from dateline.tui.actor_ahead import ActorFilterAhead
from dateline.tui.command_actions import CommandBarActions
from dateline.tui.command_bar import CommandBar
from dateline.tui.data import StoreReader
from dateline.tui.day_steps import DaySteps
from dateline.tui.export_select import ExportAndSelection
from dateline.tui.help_keys import HelpAndPalette
from dateline.tui.messages import (
    ActorQuotesLoaded,
    ActorsLoaded,
    CountLoaded,
    FilterFoundAhead,
    Notice,
    PageLoaded,
    SourceLoaded,
)
from dateline.tui.panels import ActorsPanel, KeysFooter, QuotesPanel, StatusLine
from dateline.tui.screens import SourceScreen
from dateline.tui.search_steps import SearchSteps
from dateline.tui.store_opening import StoreOpening
from dateline.tui.text import plain
from dateline.tui.timeline import PAGE_SIZE, Timeline
from dateline.tui.timeline_data import count_and_pages, read_page

ACTORS_SHOWN = 300
QUOTES_PANEL_MIN_WIDTH = 120  # terminal columns below which the quotes panel is hidden unless toggled in
ACTORS_PANEL_MIN_WIDTH = 90  # below which the actors panel is too: `a` and `p` bring either one in
ACTOR_QUOTES_SHOWN = 100  # an actor's latest quotes, in date order: the panel is a reading aid, not the archive


class DatelineApp(
    StoreOpening,
    DaySteps,
    SearchSteps,
    CommandBarActions,
    ExportAndSelection,
    ActorFilterAhead,
    HelpAndPalette,
    App[None],
):
    CSS_PATH = "dateline.tcss"
    TITLE = "Dateline"

    BINDINGS = [
        Binding("f1,question_mark", "help", "Help"),
        Binding("slash", "search", "Search"),
        Binding("f", "date_filter", "Dates"),
        Binding("a", "toggle_actors", "Actors"),
        Binding("p", "toggle_quotes", "Quotes"),
        Binding("t", "focus_timeline", "Timeline", show=False),
        Binding("s", "select_all", "Select shown"),
        Binding("u", "unselect_all", "Unselect", show=False),
        Binding("e", "export", "Export"),
        Binding("c", "clear_filters", "Clear filters"),
        Binding("r", "reload", "Reload", show=False),
        Binding("z", "zoom", "Day/month steps", show=False),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, db_path: Path, ingest_first: list[str] | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.ingest_first = ingest_first
        self.reader = StoreReader(self.db_path)
        self.filter = EventFilter()
        self.generation = 0
        self.total_all = 0
        self.shown = 0
        self.chosen_actors: tuple[ActorSummary, ...] = ()
        # the actor whose quotes the quotes panel shows, and the dates they are kept to
        self.quotes_of: tuple[ActorSummary, str | None, str | None] | None = None
        self.failure: StoreError | None = None  # the store could not be opened: the command exits with it
        self.reset_day_steps()
        # what choosing the highlighted actor would show, found ahead (see `find_actor_filter_ahead`)
        self.filter_ahead: FilterFoundAhead | None = None
        self._ahead_wanted: tuple[EventFilter, str | None] | None = None
        self._ahead_timer: Timer | None = None
        self._ahead_counting: sqlite3.Connection | None = None  # the connection of the look-ahead in flight
        self.actor_order = "count"
        self.side_panel: str | None = None  # the side panel `a` or `p` brought into a narrow terminal
        self._search_timer: Timer | None = None
        # the search `n`/`N` step through: the one typed last, kept (and highlighted) when escape
        # clears the search filter, so its matches can be visited among the events around them
        self.match_search: str | None = None
        self._export_to = Path()  # the file the overwrite question is about
        self.actors_loaded = False
        self._counting: sqlite3.Connection | None = None  # the connection of the count in flight
        self.newest_day = dt.date.today()  # "last week" in the date filter is relative to the newest event

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            actors = ActorsPanel(id="actors")
            actors.border_title = "Actors"
            actors.border_subtitle = "by count"
            yield actors
            with Vertical(id="centre"):
                timeline = Timeline(id="timeline")
                timeline.border_title = "Timeline"
                yield timeline
                yield Static(id="empty")
                with Vertical(id="loading"):
                    yield Static("Preparing the store…", id="loading-label")
                    yield ProgressBar(id="loading-bar", show_eta=False)
                yield CommandBar()
            quotes = QuotesPanel(id="quotes")
            quotes.border_title = "Quotes"
            yield quotes
        yield StatusLine(id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(CommandBar).display = False
        self.query_one("#empty").display = False
        self.query_one("#loading").display = bool(self.ingest_first)
        self.query_one(Timeline).focus()
        self.open_store()

    def on_resize(self, event: events.Resize) -> None:
        self.lay_out_panels()

    def lay_out_panels(self) -> None:
        """On a narrow terminal the timeline keeps its room: the quotes panel goes first, then actors;
        a panel brought in with `a` or `p` takes the place of the other side panel."""
        width = self.size.width
        quotes, actors = self.query_one(QuotesPanel), self.query_one(ActorsPanel)
        shown = {"actors": width >= ACTORS_PANEL_MIN_WIDTH, "quotes": width >= QUOTES_PANEL_MIN_WIDTH}
        if self.side_panel is not None and not shown[self.side_panel]:
            shown = {"actors": False, "quotes": False, self.side_panel: True}
        actors.display, quotes.display = shown["actors"], shown["quotes"]
        if self.focused is not None and not self.focused.display:
            self.timeline.focus()

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    # --- the timeline's data ---------------------------------------------------------------

    def apply_filter(self, flt: EventFilter, keep: TimelineEvent | None = None) -> None:
        """Show the events matching `flt`; keep the cursor on `keep` (or the nearest event)."""
        self.filter = flt
        self.generation += 1
        self.reset_day_steps()
        if self._counting is not None:
            self._counting.interrupt()  # a search typed further makes the running count useless
        ahead, self.filter_ahead = self.filter_ahead, None
        if ahead is not None and (ahead.filter, ahead.keep_id) == (flt, keep.id if keep else None):
            self.on_count_loaded(replace(ahead.count, generation=self.generation))  # found while highlighted
            return
        # The status line changes when the count lands: a frame drawn now would hold Textual's next
        # frame back a whole frame period (60 per second) after the results arrive.
        self.count_events(self.generation, flt, keep, self.timeline.pages_shown_at)

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def count_events(
        self,
        generation: int,
        flt: EventFilter,
        keep: TimelineEvent | None,
        pages_shown_at: Callable[[int, int], list[int]],
    ) -> None:
        with self.reader.connection() as db:
            self._counting = db.conn
            try:
                count = count_and_pages(db, generation, flt, keep, pages_shown_at)
            except sqlite3.OperationalError as error:
                if "interrupted" in str(error):
                    return  # superseded by a newer filter
                raise
            finally:
                self._counting = None
        self.post_message(count)

    def on_count_loaded(self, message: CountLoaded) -> None:
        if message.generation != self.generation:
            return
        self.shown = message.total
        if not self.actors_loaded:
            self.actors_loaded = True
            self.call_after_refresh(self.load_actors)  # the side panel after the first screen
            self.call_after_refresh(_quieten_garbage_collector)
        self.total_all = message.all_events
        # The chosen actors go in the timeline's title: the timeline is redrawn for the new filter
        # anyway, while marking them in the actors panel would repaint (or re-measure) all of it.
        self.timeline.border_title = timeline_title(self.chosen_actors)
        self.timeline.empty_text = (
            f"No events match {'; '.join(self.filter_descriptions())}.\n"
            + ("/ changes the search; c clears every filter." if self.filter.search else "c clears every filter.")
            if message.total == 0 and self.filter.active
            else ""
        )
        self.timeline.reset(message.total, message.cursor)
        for page, rows in message.pages.items():
            self.timeline.add_page(self.timeline.generation, page, rows)
        last_page = (message.total - 1) // PAGE_SIZE
        # Work ahead (the last page, so `G` is instant; the actor's quotes; the next days) starts after
        # this frame: a worker running meanwhile would take turns at the GIL with the drawing.
        if last_page not in message.pages and not self.filter.active:
            self.timeline.requested.add(last_page)
            self.call_after_refresh(
                self.load_page, self.timeline.generation, self.filter, last_page, None, None, message.total
            )
        self.update_status()
        wanted = (self.chosen_actors[-1], self.filter.date_from, self.filter.date_to) if self.chosen_actors else None
        if wanted is not None and wanted != self.quotes_of:  # another actor, or other dates
            self.quotes_of = wanted
            self.call_after_refresh(self.load_actor_quotes, *wanted)

    @on(Timeline.PageWanted)
    def want_page(self, message: Timeline.PageWanted) -> None:
        timeline = self.timeline
        before, after = timeline.neighbours(message.page)
        self.load_page(timeline.generation, self.filter, message.page, before, after, timeline.total)

    @work(thread=True, group="pages", exit_on_error=False)
    def load_page(
        self,
        generation: int,
        flt: EventFilter,
        page: int,
        before: TimelineEvent | None,
        after: TimelineEvent | None,
        total: int,
    ) -> None:
        with self.reader.connection() as db:
            events = read_page(db, flt, page, before, after, total)
        self.post_message(PageLoaded(generation, page, events))

    def on_page_loaded(self, message: PageLoaded) -> None:
        self.timeline.add_page(message.generation, message.page, message.events)

    @on(Timeline.CursorMoved)
    def cursor_moved(self, message: Timeline.CursorMoved) -> None:
        if not self.chosen_actors:
            event = message.event
            quotes = list(event.quotes) if event else []
            self.query_one(QuotesPanel).show_quotes(quotes, "Quotes in this event", "No quotes in this event.")
        self.update_status()
        if message.event is not None:
            self.call_after_refresh(self.find_periods_ahead, message.event)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A query that fails (a store damaged or locked while the app runs) is reported, not a crash."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(
                f"Could not read the store: {type(error).__name__}: {error}", severity="error", timeout=10, markup=False
            )

    def on_notice(self, message: Notice) -> None:
        self.notify(message.text, severity=message.severity, markup=False)  # type: ignore[arg-type]

    # --- source view -----------------------------------------------------------------------

    @on(Timeline.OpenSource)
    def open_event_source(self, message: Timeline.OpenSource) -> None:
        event = message.event
        self.load_source(event.article.id, event.paragraph, (event.start, event.end))

    @on(QuotesPanel.OpenQuote)
    def open_quote_source(self, message: QuotesPanel.OpenQuote) -> None:
        quote = message.quote
        end = quote.end if quote.end_paragraph == quote.paragraph else None
        self.load_source(quote.article.id, quote.paragraph, (quote.start, end) if end is not None else None)

    @work(thread=True, exclusive=True, group="source", exit_on_error=False)
    def load_source(self, article_id: str, paragraph: int, passage: tuple[int, int] | None) -> None:
        with self.reader.connection() as db:
            source = queries.source_article(db, article_id)
        if passage is None:
            passage = (0, len(source.paragraphs[paragraph]))
        self.post_message(SourceLoaded(source, paragraph, passage))

    def on_source_loaded(self, message: SourceLoaded) -> None:
        self.push_screen(SourceScreen(message.source, message.paragraph, message.passage))

    # --- actors and quotes -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="actors", exit_on_error=False)
    def load_actors(self) -> None:
        with self.reader.connection() as db:
            actors = queries.list_actors(db, order=self.actor_order, limit=ACTORS_SHOWN)
        self.post_message(ActorsLoaded(actors))

    def on_actors_loaded(self, message: ActorsLoaded) -> None:
        self.query_one(ActorsPanel).show_actors(message.actors)

    @on(ActorsPanel.OrderChanged)
    def actor_order_changed(self, message: ActorsPanel.OrderChanged) -> None:
        self.actor_order = message.order
        self.load_actors()

    @on(ActorsPanel.ChosenChanged)
    def actors_chosen(self, message: ActorsPanel.ChosenChanged) -> None:
        self.chosen_actors = message.chosen
        ids = tuple(actor.id for actor in message.chosen)
        self.apply_filter(replace(self.filter, actor_ids=ids), keep=self.timeline.current)
        if not message.chosen:
            self.quotes_of = None  # the quotes panel follows the cursor again

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def load_actor_quotes(self, actor: ActorSummary, date_from: str | None, date_to: str | None) -> None:
        """The actor's latest quotes over time, within the date filter (the timeline's dates)."""
        dates = EventFilter(date_from=date_from, date_to=date_to)
        with self.reader.connection() as db:
            quotes = queries.list_quotes(db, dates, speaker_id=actor.id, limit=ACTOR_QUOTES_SHOWN, latest=True)
            if len(quotes) < ACTOR_QUOTES_SHOWN:
                total = len(quotes)
            elif dates.active:
                total = len(queries.list_quotes(db, dates, speaker_id=actor.id))
            else:
                total = queries.count_quotes_of(db, actor.id)
        shown = f" (latest {len(quotes)} of {total})" if total > len(quotes) else ""
        period = f"{date_from or '…'}..{date_to or '…'}" if dates.active else ""
        self.post_message(ActorQuotesLoaded(quotes, f"Quotes of {actor.name} over time{shown}", period))

    def on_actor_quotes_loaded(self, message: ActorQuotesLoaded) -> None:
        empty = "No quotes of this actor in these dates." if message.dates else "No quotes attributed to this actor."
        self.query_one(QuotesPanel).show_quotes(message.quotes, message.title, empty, message.dates)

    # --- panels, filters, help --------------------------------------------------------------

    def action_toggle_actors(self) -> None:
        self._toggle_panel("actors", self.query_one(ActorsPanel))

    def action_toggle_quotes(self) -> None:
        self._toggle_panel("quotes", self.query_one(QuotesPanel))

    def _toggle_panel(self, name: str, panel: Widget) -> None:
        """To the panel, brought into view if the terminal is too narrow to show it; pressed again in
        the panel, back to the timeline (a panel brought in goes again)."""
        # Focus moves now, not after the queued keys (as `focus()` does): a key typed right after
        # `a` or `p` goes where the user sees the focus.
        if panel.display and panel.has_focus:
            if self.side_panel == name:
                self.side_panel = None
                self.lay_out_panels()
            self.screen.set_focus(self.timeline)
            return
        if not panel.display:
            self.side_panel = name
            self.lay_out_panels()
        self.screen.set_focus(panel)

    def action_focus_timeline(self) -> None:
        self.timeline.focus()

    def action_clear_filters(self) -> None:
        self.query_one(ActorsPanel).action_clear_actors()
        self.chosen_actors = ()
        self.quotes_of = None
        self.timeline.search_words = []
        self.match_search = None
        self.apply_filter(EventFilter(), keep=self.timeline.current)

    def action_reload(self) -> None:
        """Read the store again: articles ingested since the app opened appear."""
        self.quotes_of = None
        self.filter_ahead = self._ahead_wanted = None
        self.apply_filter(self.filter, keep=self.timeline.current)
        self.load_actors()

    def action_zoom(self) -> None:
        self.timeline.zoom()
        self.notify("[ and ] now move by " + ("month" if self.timeline.zoomed_out else "day"), markup=False)

    def filter_descriptions(self) -> list[str]:
        flt = self.filter
        filters = []
        if flt.search:
            filters.append(f"search “{flt.search}”")
        if flt.date_from or flt.date_to:
            filters.append(f"dates {flt.date_from or '…'}..{flt.date_to or '…'}")
        if self.chosen_actors:
            filters.append("actors " + " + ".join(a.name for a in self.chosen_actors))
        return filters

    def update_status(self) -> None:
        parts = [f"row {self.timeline.cursor + 1:,}"] if self.shown else []
        parts.append(f"{self.shown:,} of {self.total_all:,} events")
        filters = self.filter_descriptions()
        parts.append("filters: " + ("; ".join(filters) if filters else "none"))
        parts.append(f"{len(self.timeline.selected)} selected")
        parts.append(str(self.db_path))  # last: on a narrow terminal it is what is cut
        self.query_one(StatusLine).show(" │ ".join(parts))


def timeline_title(chosen: tuple[ActorSummary, ...]) -> Text:
    """The timeline's title, naming the chosen actors (people by surname); literal text, as names
    come from articles and a border title would otherwise be read as markup."""
    names = " + ".join((a.name.split() or [""])[-1] if a.kind == "person" else a.name for a in chosen)
    return plain(f"Timeline · actors: {names}" if names else "Timeline")


def _quieten_garbage_collector() -> None:
    """Keep Python's garbage collector from stalling keypresses. Everything made to start up
    (Textual's widgets and styles, the first page) lives as long as the app: frozen out of the
    collector's sight, a full collection no longer walks it (30-50 ms that fell on whichever key
    came at the time). Young objects are collected less often, so the full collections that still
    walk the drawn rows (about 10 ms) come rarely; most garbage goes by reference counting anyway."""
    gc.freeze()
    gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(max(gen0, 10_000), gen1, max(gen2, 50))


def make_app(db_path: str | Path, ingest_first: list[str] | None = None) -> DatelineApp:
    """The app on the store at `db_path`; `ingest_first` files are ingested before it opens."""
    return DatelineApp(Path(db_path), ingest_first=ingest_first)
