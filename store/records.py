"""What the store hands out: frozen dataclasses built from rows at the store's boundary."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleRef:
    id: str
    title: str
    outlet: str | None
    published: str
    url: str | None
    author: str | None = None  # the byline, as the source gives it

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "author": self.author,
            "published": self.published,
            "url": self.url,
        }


@dataclass(frozen=True)
class QuoteRecord:
    id: str
    speaker: str | None
    speaker_id: str | None
    text: str
    article: ArticleRef
    paragraph: int  # 0-based
    event_id: str | None
    sort_key: str
    start: int = 0  # offsets of the quoted words: start in `paragraph`,
    end_paragraph: int = 0  # end in `end_paragraph`
    end: int = 0
    speaker_kind: str | None = None  # person, organisation, country, document
    via: str | None = None  # who relayed the words, when someone did


@dataclass(frozen=True)
class TimelineEvent:
    id: str
    date: str  # TIMEX3 value
    granularity: str
    date_source: str
    date_text: str | None
    sort_key: str
    text: str
    article: ArticleRef
    paragraph: int  # 0-based
    start: int
    end: int
    period_end: str | None = None  # the last day it covers (YYYY-MM-DD): its date's, or a period's
    actors: tuple[str, ...] = ()
    quotes: tuple[QuoteRecord, ...] = field(default=())

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "date": self.date,
            "period_end": self.period_end,
            "granularity": self.granularity,
            "date_source": self.date_source,
            "date_text": self.date_text,
            "text": self.text,
            "article": self.article.as_json(),
            "paragraph": self.paragraph + 1,
            "actors": list(self.actors),
            "quotes": [{"speaker": q.speaker, "text": q.text} for q in self.quotes],
        }


@dataclass(frozen=True)
class ActorSummary:
    id: str
    name: str
    kind: str
    titles: tuple[str, ...]
    aliases: tuple[str, ...]
    mentions: int

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "titles": list(self.titles),
            "aliases": list(self.aliases),
            "mentions": self.mentions,
        }


@dataclass(frozen=True)
class Span:
    """A marked passage in one paragraph of the source view."""

    paragraph: int
    start: int
    end: int
    kind: str  # event, actor, quote, date


@dataclass(frozen=True)
class SourceArticle:
    article: ArticleRef
    paragraphs: tuple[str, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class EventFilter:
    """What the timeline shows: all of these at once."""

    date_from: str | None = None  # YYYY-MM-DD, inclusive: events whose period ends on or after it
    date_to: str | None = None  # inclusive: events whose period starts on or before it
    actor_ids: tuple[str, ...] = ()  # events that involve every one of these actors
    search: str | None = None  # full-text search over event sentences

    @property
    def active(self) -> bool:
        return bool(self.date_from or self.date_to or self.actor_ids or self.search)


@dataclass(frozen=True)
class HappeningReport:
    """One report of a happening: an article's sentence (or clause) and the date it gives."""

    event_id: str
    article: ArticleRef
    paragraph: int  # 0-based
    text: str
    date: str  # TIMEX3 value this report gives
    date_source: str

    def as_json(self) -> dict[str, object]:
        return {
            "event_id": self.event_id,
            "article": self.article.as_json(),
            "paragraph": self.paragraph + 1,
            "text": self.text,
            "date": self.date,
            "date_source": self.date_source,
        }


@dataclass(frozen=True)
class Happening:
    """One real-world occurrence with every report of it, from one article or many."""

    id: str
    date: str  # TIMEX3 value most sources give
    granularity: str
    sort_key: str
    planned: bool
    date_conflicts: tuple[tuple[str, tuple[str, ...]], ...]  # (date, outlets giving it) when sources disagree
    headline: str
    actors: tuple[str, ...]
    reports: tuple[HappeningReport, ...]
    quotes: tuple[QuoteRecord, ...] = ()
    copy_of: tuple[tuple[str, str], ...] = ()  # (article id, id of the earlier source it is a wire copy of)
    headline_event_id: str | None = None  # the report its headline is (less a dateline the sentence opens with)
    period_end: str | None = None  # the last day it covers (YYYY-MM-DD): its date's, or its period's

    @property
    def sources(self) -> tuple[ArticleRef, ...]:
        return tuple({r.article.id: r.article for r in self.reports}.values())

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "date": self.date,
            "period_end": self.period_end,
            "granularity": self.granularity,
            "planned": self.planned,
            "date_conflicts": [{"date": d, "outlets": list(o)} for d, o in self.date_conflicts],
            "headline": self.headline,
            "actors": list(self.actors),
            "sources": [{**a.as_json(), "copy_of": dict(self.copy_of).get(a.id)} for a in self.sources],
            "reports": [r.as_json() for r in self.reports],
            "quotes": [{"speaker": q.speaker, "text": q.text, "event_id": q.event_id} for q in self.quotes],
        }


@dataclass(frozen=True)
class HappeningFilter:
    """Which happenings to list: every condition at once."""

    date_from: str | None = None
    date_to: str | None = None
    actor_ids: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()  # reported by at least one of these outlets
    not_outlets: tuple[str, ...] = ()  # reported by none of these
    search: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.date_from or self.date_to or self.actor_ids or self.outlets or self.not_outlets or self.search)


@dataclass(frozen=True)
class TimelineRow:
    """A happening as one timeline row draws it (no reports: those come with `TimelineReader.happening()`)."""

    id: str
    date: str  # TIMEX3 value most sources give
    granularity: str  # day, week, month, year, ...
    sort_key: str
    planned: bool
    conflicting: bool  # its sources give different dates
    headline: str
    source_count: int
    outlets: tuple[str, ...]  # outlets of its sources, most sources first, at most 5
    report_count: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.sort_key, self.id)


@dataclass(frozen=True)
class PeriodCount:
    """How many happenings a day, ISO week or month holds (the density strip)."""

    period: str  # "2022-02-15", "2022-W07" or "2022-02"
    first_day: str  # YYYY-MM-DD: where a click on it lands
    count: int
