"""What the app's workers post back to it: results of queries, progress, notices."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from dateline.store.records import ActorSummary, EventFilter, QuoteRecord, SourceArticle, TimelineEvent


@dataclass
class StoreReady(Message):
    newest_day: str | None  # None for an empty store


@dataclass
class StoreFailed(Message):
    message: str


@dataclass
class IngestProgress(Message):
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IngestProgress)


@dataclass
class CountLoaded(Message):
    generation: int
    total: int  # events matching the filter
    all_events: int  # events in the store
    cursor: int
    pages: dict[int, list[TimelineEvent]]  # the pages the screen shows, loaded with the count: one round trip


@dataclass
class FilterFoundAhead(Message):
    """What applying `filter` with the cursor on `keep_id` would show, found before it was asked."""

    filter: EventFilter
    keep_id: str | None
    count: CountLoaded


@dataclass
class PageLoaded(Message):
    generation: int
    page: int
    events: list[TimelineEvent]


@dataclass
class ActorsLoaded(Message):
    actors: list[ActorSummary]


@dataclass
class ActorQuotesLoaded(Message):
    quotes: list[QuoteRecord]
    title: str
    dates: str = ""  # the date filter they are kept to, shown under the panel


@dataclass
class MatchFound(Message):
    """Where `n` (forward) or `N` lands: the next (previous) event matching the search, with the pages
    shown there."""

    generation: int
    page_generation: int
    search: str
    forward: bool
    target: int | None  # None: no match that way
    pages: dict[int, list[TimelineEvent]]


@dataclass
class PeriodFound(Message):
    """Where `]` (forward) or `[` lands from a day (or month), with the pages shown there."""

    generation: int
    page_generation: int
    period: str
    forward: bool
    target: int | None  # None: no event that way
    pages: dict[int, list[TimelineEvent]]
    ahead: bool  # found in advance: remember it, do not move


@dataclass
class SourceLoaded(Message):
    source: SourceArticle
    paragraph: int
    passage: tuple[int, int] | None


@dataclass
class SelectionLoaded(Message):
    ids: list[str]
    truncated: bool


@dataclass
class Notice(Message):
    text: str
    severity: str = "information"
