"""The Dateline app: timeline in the middle, actors left, quotes right, a status line below.

Every query runs in a thread worker that posts a message back; widgets never touch the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, ProgressBar, Static
from textual.worker import Worker, WorkerState

from dateline.store import queries
from dateline.store.collector import CollectorBefore, collect_as_before, collect_less
from dateline.store.happening_queries import speaker_quotes
from dateline.store.records import ActorSummary, HappeningFilter, TimelineRow
from dateline.store.schema import StoreError
from dateline.store.timeline import Cancelled, TimelineReader
from dateline.tui.actor_ahead import ActorFilterAhead
from dateline.tui.command_actions import CommandBarActions
from dateline.tui.command_bar import CommandBar
from dateline.tui.day_steps import DaySteps
from dateline.tui.density import DensityStrip
from dateline.tui.density_outlets import DensityAndOutlets
from dateline.tui.detail import DetailPanel
from dateline.tui.export_select import ExportAndSelection
from dateline.tui.feed import TimelineFeed
from dateline.tui.help_keys import HelpAndPalette
from dateline.tui.messages import ActorQuotesLoaded, ActorsLoaded, HappeningLoaded, Notice, SourceLoaded
from dateline.tui.outlets import OutletChoice
from dateline.tui.panels import ActorsPanel, KeysFooter, StatusLine
from dateline.tui.search_steps import SearchSteps
from dateline.tui.store_opening import StoreOpening
from dateline.tui.text import plain
from dateline.tui.timeline import Timeline

ACTORS_SHOWN = 300
QUOTES_PANEL_MIN_WIDTH = 120  # terminal columns below which the quotes panel is hidden unless toggled in
ACTORS_PANEL_MIN_WIDTH = 90  # below which the actors panel is too: `a` and `p` bring either one in
PROMPTING = {"search", "date_filter"}  # actions that open the command bar for typing
SHORT_TERMINAL = 30  # lines below which the density strip draws its bars in one line, not two
ACTOR_QUOTES_SHOWN = 100  # an actor's latest quotes, in date order: the panel is a reading aid, not the archive


class DatelineApp(
    StoreOpening,
    DaySteps,
    DensityAndOutlets,
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
        # The search and date keys are the app's first (priority): what is typed right after them goes
        # to the bar, not to the widget that had the focus when those keys arrived.
        Binding("slash", "search", "Search", priority=True),
        Binding("f", "date_filter", "Dates", priority=True),
        Binding("o", "outlets", "Outlets"),
        Binding("a", "toggle_actors", "Actors"),
        Binding("p", "toggle_quotes", "Details"),
        Binding("t", "focus_timeline", "Timeline", show=False),
        Binding("s", "select_all", "Select shown", show=False),
        Binding("u", "unselect_all", "Unselect", show=False),
        Binding("e", "export", "Export"),
        Binding("c", "clear_filters", "Clear filters", show=False),
        Binding("r", "reload", "Reload", show=False),
        Binding("z", "zoom", "Day/month steps", show=False),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, db_path: Path, ingest_first: list[str] | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.ingest_first = ingest_first
        self.reader = TimelineReader(self.db_path)
        self.feed: TimelineFeed  # made on mount, given the timeline and the reader
        self.filter = HappeningFilter()  # the filter asked for (the feed knows the one shown)
        self.chosen_actors: tuple[ActorSummary, ...] = ()
        # the actor whose quotes the quotes panel shows, and the dates they are kept to
        self.quotes_of: tuple[ActorSummary, HappeningFilter] | None = None
        self.failure: StoreError | None = None  # the store could not be opened: the command exits with it
        self._ahead_timer: Timer | None = None  # the actor look-ahead's pause (see `find_actor_filter_ahead`)
        self.actor_order = "count"
        self.side_panel: str | None = None  # the side panel `a` or `p` brought into a narrow terminal
        self._search_timer: Timer | None = None
        # the search `n`/`N` step through: the one typed last, kept (and highlighted) when escape
        # clears the search filter, so its matches can be visited among the happenings around them
        self.match_search: str | None = None
        self._export_to = Path()  # the file the overwrite question is about
        self.actors_loaded = False
        self.newest_day = dt.date.today()  # "last week" in the date filter is relative to the newest event
        self._collector_before: CollectorBefore | None = None  # the thresholds the app found (quietened)

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            actors = ActorsPanel(id="actors")
            actors.border_title = "Actors"
            actors.border_subtitle = "by count"
            yield actors
            with Vertical(id="centre"):
                yield DensityStrip(id="density")
                timeline = Timeline(id="timeline")
                timeline.border_title = "Timeline"
                yield timeline
                yield Static(id="empty")
                with Vertical(id="loading"):
                    yield Static("Preparing the store…", id="loading-label")
                    yield ProgressBar(id="loading-bar", show_eta=False)
                yield CommandBar()
            detail = DetailPanel(id="quotes")
            detail.border_title = "Details"
            yield detail
        yield StatusLine(id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(CommandBar).display = False
        self.query_one("#empty").display = False
        self.query_one("#loading").display = bool(self.ingest_first)
        self.feed = TimelineFeed(self.timeline, self.reader)
        self.query_one(Timeline).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.lay_out_panels(event.size)  # the app's own size is updated after this handler runs

    def lay_out_panels(self, size: Size | None = None) -> None:
        """On a narrow terminal the timeline keeps its room: the quotes panel goes first, then actors;
        a panel brought in with `a` or `p` takes the place of the other side panel."""
        size = size or self.size
        width = size.width
        quotes, actors = self.query_one(DetailPanel), self.query_one(ActorsPanel)
        shown = {"actors": width >= ACTORS_PANEL_MIN_WIDTH, "quotes": width >= QUOTES_PANEL_MIN_WIDTH}
        if self.side_panel is not None and not shown[self.side_panel]:
            shown = {"actors": False, "quotes": False, self.side_panel: True}
        actors.display, quotes.display = shown["actors"], shown["quotes"]
        self.query_one(DensityStrip).set_class(size.height < SHORT_TERMINAL, "short")
        if self.focused is not None and not self.focused.display:
            self.screen.set_focus(self.timeline)  # now: a panel brought in right after takes the focus

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys that open the command bar are letters too: typed into an input (the bar itself), or
        on a screen over the timeline, they are not commands."""
        typing = isinstance(self.focused, Input) or self.screen is not self.screen_stack[0]
        return not (action in PROMPTING and typing)

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    # --- the timeline's data ---------------------------------------------------------------

    def apply_filter(self, flt: HappeningFilter, keep: TimelineRow | None = None) -> None:
        """Show the happenings matching `flt`; keep the cursor on `keep` (or the nearest happening)."""
        self.filter = flt
        self.feed.show(flt, keep.key if keep else None)

    @on(TimelineFeed.Shown)
    def filter_shown(self, message: TimelineFeed.Shown) -> None:
        first = not self.actors_loaded
        if first:
            self.actors_loaded = True
            self.call_after_refresh(self.load_actors)  # the side panel after the first screen
            self.call_after_refresh(self._quieten_garbage_collector)
        # The chosen actors go in the timeline's title: the timeline is redrawn for the new filter
        # anyway, while marking them in the actors panel would repaint (or re-measure) all of it.
        self.timeline.border_title = timeline_title(self.chosen_actors)
        self.timeline.empty_text = (
            f"No happenings match {'; '.join(self.filter_descriptions())}.\n"
            + ("/ changes the search; c clears every filter." if self.filter.search else "c clears every filter.")
            if message.total == 0 and message.filter.active
            else ""
        )
        self.timeline.refresh()
        self.update_status()
        if first:  # the strip's counts after the first screen's rows are drawn, not competing with them
            self.call_after_refresh(self.count_days, message.filter)
        else:
            self.count_days(message.filter)
        wanted = (self.chosen_actors[-1], message.filter) if self.chosen_actors else None
        if wanted is not None and wanted != self.quotes_of:  # another actor, or other filters
            self.quotes_of = wanted
            others = "; ".join(d for d in self.filter_descriptions() if not d.startswith("actors "))
            self.call_after_refresh(self.load_actor_quotes, *wanted, others)

    @on(Timeline.CursorMoved)
    def cursor_moved(self, message: Timeline.CursorMoved) -> None:
        if not self.chosen_actors:
            if message.row is None:
                self.query_one(DetailPanel).show_happening(None)
            else:
                self.load_happening(message.row.id)
        self.mark_density(message.row)
        self.update_status()

    @work(thread=True, exclusive=True, group="happening", exit_on_error=False)
    def load_happening(self, happening_id: str) -> None:
        self.post_message(HappeningLoaded(self.reader.happening(happening_id)))

    @on(Timeline.ReportsWanted)
    def reports_wanted(self, message: Timeline.ReportsWanted) -> None:
        self.load_happening(message.row.id)

    def on_happening_loaded(self, message: HappeningLoaded) -> None:
        self.timeline.show_reports(message.happening.id, message.happening.reports)
        current = self.timeline.current
        if self.chosen_actors or current is None or current.id != message.happening.id:
            return  # the cursor moved on meanwhile
        self.query_one(DetailPanel).show_happening(message.happening)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A query that fails (a store damaged or locked while the app runs) is reported, not a crash."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            if isinstance(error, Cancelled):
                return  # a query a newer filter made useless
            self.notify(
                f"Could not read the store: {type(error).__name__}: {error}", severity="error", timeout=10, markup=False
            )

    def on_notice(self, message: Notice) -> None:
        self.notify(message.text, severity=message.severity, markup=False)  # type: ignore[arg-type]

    # --- source view -----------------------------------------------------------------------

    @on(Timeline.OpenSource)
    def open_happening_source(self, message: Timeline.OpenSource) -> None:
        self.load_happening_source(message.row.id)

    @work(thread=True, exclusive=True, group="source", exit_on_error=False)
    def load_happening_source(self, happening_id: str) -> None:
        """The source paragraph of the happening's headline report (its first report, failing that)."""
        happening = self.reader.happening(happening_id)
        report = next((r for r in happening.reports if r.event_id == happening.headline_event_id), happening.reports[0])
        self.post_message(self._source_at(report.article.id, report.paragraph, None, report.text))

    @on(Timeline.OpenReport)
    @on(DetailPanel.OpenReport)
    def open_report_source(self, message: Timeline.OpenReport | DetailPanel.OpenReport) -> None:
        report = message.report
        self.load_source(report.article.id, report.paragraph, None, report.text)

    @on(DetailPanel.OpenQuote)
    def open_quote_source(self, message: DetailPanel.OpenQuote) -> None:
        quote = message.quote
        end = quote.end if quote.end_paragraph == quote.paragraph else None
        self.load_source(quote.article.id, quote.paragraph, (quote.start, end) if end is not None else None)

    @work(thread=True, exclusive=True, group="source", exit_on_error=False)
    def load_source(
        self, article_id: str, paragraph: int, passage: tuple[int, int] | None, sentence: str | None = None
    ) -> None:
        """An article opened at a paragraph, `passage` (or `sentence`, found in it) highlighted."""
        self.post_message(self._source_at(article_id, paragraph, passage, sentence))

    def _source_at(
        self, article_id: str, paragraph: int, passage: tuple[int, int] | None, sentence: str | None
    ) -> SourceLoaded:
        """The source screen's message: the article, the paragraph, the passage to highlight."""
        with self.reader.connection() as db:
            source = queries.source_article(db, article_id)
        if sentence is not None and paragraph < len(source.paragraphs):
            start = source.paragraphs[paragraph].find(sentence)
            passage = (start, start + len(sentence)) if start >= 0 else None
        return SourceLoaded(source, paragraph, passage)

    def on_source_loaded(self, message: SourceLoaded) -> None:
        from dateline.tui.screens import SourceScreen  # the screens not shown first: imported when shown

        passage = message.passage or (0, len(message.source.paragraphs[message.paragraph]))
        self.push_screen(SourceScreen(message.source, message.paragraph, passage))

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
    def load_actor_quotes(self, actor: ActorSummary, flt: HappeningFilter, filters: str) -> None:
        """The actor's latest quotes over time, within every filter the timeline shows (`filters` says
        which, under the panel)."""
        with self.reader.connection() as db:
            quotes, total = speaker_quotes(db, flt, actor.id, ACTOR_QUOTES_SHOWN)
        shown = f" (latest {len(quotes)} of {total})" if total > len(quotes) else ""
        self.post_message(ActorQuotesLoaded(quotes, f"Quotes of {actor.name} over time{shown}", filters))

    def on_actor_quotes_loaded(self, message: ActorQuotesLoaded) -> None:
        empty = "No quotes of this actor within these filters."
        if not message.dates:
            empty = "No quotes attributed to this actor."
        self.query_one(DetailPanel).show_quotes(message.quotes, message.title, empty, message.dates)

    # --- panels, filters, help --------------------------------------------------------------

    def action_toggle_actors(self) -> None:
        self._toggle_panel("actors", self.query_one(ActorsPanel))

    def action_toggle_quotes(self) -> None:
        self._toggle_panel("quotes", self.query_one(DetailPanel))

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
        self.apply_filter(HappeningFilter(), keep=self.timeline.current)

    def action_reload(self) -> None:
        """Read the store again: articles ingested since the app opened appear."""
        self.quotes_of = None
        self.apply_filter(self.filter, keep=self.timeline.current)
        self.load_actors()

    def action_zoom(self) -> None:
        self.timeline.zoom()
        for strip in self.query(DensityStrip):  # the days it holds, summed by month or not: no new count
            strip.show_counts(strip.counts, months=self.timeline.zoomed_out)
        self.mark_density(self.timeline.current)
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
        outlets = OutletChoice(flt.outlets, flt.not_outlets).describe()
        if outlets:
            filters.append(outlets)
        return filters

    def update_status(self) -> None:
        shown = self.feed.total
        parts = [f"row {self.timeline.cursor + 1:,}"] if shown else []
        counting = "" if self.feed.counted else "+ (counting)"  # a search's first rows, shown before its count
        parts.append(f"{shown:,}{counting} of {self.feed.all_total:,} happenings")
        filters = self.filter_descriptions()
        parts.append("filters: " + ("; ".join(filters) if filters else "none"))
        parts.append(f"{len(self.timeline.selected)} selected")
        parts.append(str(self.db_path))  # last: on a narrow terminal it is what is cut
        self.query_one(StatusLine).show(" │ ".join(parts))

    def _quieten_garbage_collector(self) -> None:
        """Keep Python's garbage collector from stalling keypresses (`store.collector`): everything made to
        start up lives as long as the app, and a full collection walked it (30-50 ms that fell on whichever
        key came at the time); collected less often, the full collections that still walk the drawn rows
        (about 10 ms) come rarely. The app leaves the collector as it found it when it ends (`on_unmount`)."""
        self._collector_before = collect_less(10_000, oldest=50)

    def on_unmount(self) -> None:
        """The collector as the app found it: a process that goes on after the app (the tests, a caller of
        `make_app`) keeps no object frozen by it, nor its thresholds."""
        if self._collector_before is not None:
            collect_as_before(self._collector_before)
            self._collector_before = None


def timeline_title(chosen: tuple[ActorSummary, ...]) -> Text:
    """The timeline's title, naming the chosen actors (people by surname); literal text, as names
    come from articles and a border title would otherwise be read as markup."""
    names = " + ".join((a.name.split() or [""])[-1] if a.kind == "person" else a.name for a in chosen)
    return plain(f"Timeline · actors: {names}" if names else "Timeline")


def make_app(db_path: str | Path, ingest_first: list[str] | None = None) -> DatelineApp:
    """The app on the store at `db_path`; `ingest_first` files are ingested before it opens."""
    return DatelineApp(Path(db_path), ingest_first=ingest_first)
