"""What the app's workers post back to it: results of queries, progress, notices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from dateline.store.records import ActorSummary, Happening, HappeningFilter, QuoteRecord, SourceArticle

if TYPE_CHECKING:
    from dateline.tui.feed import _Prepared


@dataclass
class StoreReady(Message):
    newest_day: str | None  # None for an empty store
    first_screen: _Prepared | None = None  # the rows of the first screen, read with the store opened


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
class ActorsLoaded(Message):
    actors: list[ActorSummary]


@dataclass
class ActorQuotesLoaded(Message):
    quotes: list[QuoteRecord]
    title: str
    dates: str = ""  # the filters they are kept to (dates, search, outlets), shown under the panel


@dataclass
class HappeningLoaded(Message):
    """The happening under the cursor, with its reports and quotes."""

    happening: Happening


@dataclass
class StepFound(Message):
    """Where `]`/`[` or `n`/`N` lands under `filter`: a row, or None with what to tell the user."""

    filter: HappeningFilter
    target: int | None
    notice: str


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
