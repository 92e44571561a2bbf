"""Write one extracted article to the store in one transaction: its paragraphs, events, actors
(merged with those already stored), mentions, quotes, dates and accounts."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils.db import Database

from dateline.extract.actors import same_person
from dateline.extract.copies import sketch
from dateline.extract.happenings import HeadlineCandidate, Segment, report_records, segments_of
from dateline.extract.model import KIND_REPORT, Actor, Article, Event, Extraction, date_range
from dateline.store.happenings import OwnHappening, record_segments, segment_values
from dateline.store.rows import insert_tuples, insert_tuples_in_few_statements
from dateline.store.schema import write_transaction


def content_id(article: Article) -> str:
    """A stable id from what the article says: the same article ingested twice gets the same id."""
    canonical = json.dumps(
        {"title": article.title, "published": str(article.published), "body": article.body}, sort_keys=True
    )
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]


def write_extraction(
    db: Database,
    article_id: str,
    x: Extraction,
    published_date: dt.date,
    given_date: bool = False,
) -> set[str] | None:
    """Store one extracted article in one transaction: all of it or none of it. Returns its actors'
    ids, or None when the article was already stored (by this process or another: the insert is
    idempotent, and the transaction holds the write lock from its start, so two ingests into one
    store wait for each other instead of failing)."""
    rows = article_rows(article_id, x, published_date, given_date)
    with write_transaction(db):
        return write_rows(db, rows)


def article_segments(article_id: str, x: Extraction, reports: list[tuple[str, Event]] | None = None) -> list[Segment]:
    """The accounts of an article's reports (`reports`, when the caller has them): a pure function of
    it, so a worker process computes it."""
    return segments_of(report_records(article_id, _reports(article_id, x) if reports is None else reports))


def _reports(article_id: str, x: Extraction) -> list[tuple[str, Event]]:
    # Only reports are timeline events: bylines, headings and background stay in the paragraphs.
    # Ids sort in reading order, so events of one day keep the article's order.
    return [(f"{article_id}-{e.paragraph:04d}-{e.start:05d}", e) for e in x.events if e.kind == KIND_REPORT]


ARTICLE_COLUMNS = ("id", "title", "outlet", "published", "published_given", "url", "source", "format", "author",
                   "captured", "paragraph_count", "sketch", "event_count", "ingested_at")  # fmt: skip
EVENT_COLUMNS = ("id", "article_id", "paragraph", "start", "end", "text", "date_value", "granularity", "date_source",
                 "date_text", "date_start", "date_end", "sort_key", "period_end", "published", "planned",
                 "date_conflict", "segment_id")  # fmt: skip
MENTION_COLUMNS = ("actor_id", "article_id", "paragraph", "start", "end", "text", "event_id")
QUOTE_COLUMNS = ("id", "article_id", "paragraph", "start", "end_paragraph", "end", "text", "speaker_id",
                 "speaker_name", "speaker_text", "speaker_paragraph", "speaker_start", "speaker_end", "cue",
                 "speaker_kind", "via", "event_id", "sort_key")  # fmt: skip
DATE_MENTION_COLUMNS = ("article_id", "paragraph", "start", "end", "text", "type", "value", "resolution")


@dataclass(frozen=True)
class ArticleRows:
    """One extracted article as the store keeps it, except what depends on the store (the stored ids
    of its actors, the happenings its accounts join, when it was written): a pure function of the
    article, so a worker process builds it and the one writer only executes it. Rows are tuples in
    the order of the *_COLUMNS above; where a stored actor id goes, the actor's key stands."""

    article_id: str
    article: tuple  # ARTICLE_COLUMNS but the last (ingested_at)
    outlet: str | None
    paragraphs: list[tuple[str, int, str]]
    actors: list[tuple[Actor, int]]  # each actor of the article, and how often it is mentioned
    events: list[tuple]
    event_actors: list[tuple[str, str, str]]  # event id, actor key, sort key
    segments: list[Segment]
    segment_values: dict[str, tuple]  # each account's row but its happening, by id (`happenings.segment_values`)
    headlines: dict[str, HeadlineCandidate]
    mentions: list[tuple]  # actor key in place of actor_id
    quotes: list[tuple]  # the speaker's actor key (or None) in place of speaker_id
    date_mentions: list[tuple]
    report_count: int  # the events of kind `report`: the timeline's events
    quote_count: int


def article_rows(
    article_id: str,
    x: Extraction,
    published_date: dt.date,
    given_date: bool = False,
) -> ArticleRows:
    """Everything `write_rows` stores of an extracted article, worked out without the store."""
    article = x.article
    published = published_date.isoformat()
    reports = _reports(article_id, x)
    segments = article_segments(article_id, x, reports)
    segment_of = {event_id: s.id for s in segments for event_id in s.event_ids}
    mention_counts = Counter(m.actor_key for m in x.mentions)
    events = []
    event_actors = []
    located: list[tuple[int, int, int, str, str]] = []
    for event_id, event in reports:
        first_day, last_day = date_range(event.date_value) or (published, published)
        time = event.date_value[10:] if event.granularity == "time" else ""
        events.append(
            (
                event_id, article_id, event.paragraph, event.start, event.end, event.text, event.date_value,
                event.granularity, event.date_source, event.date_text, event.date_start, event.date_end,
                first_day + time, event.period_end or last_day, published, int(event.planned), event.date_conflict,
                segment_of.get(event_id),
            )
        )  # fmt: skip
        if event.main:  # mentions and quotes belong to their sentence's main report
            located.append((event.paragraph, event.start, event.end, event_id, first_day + time))
        event_actors.extend((event_id, key, first_day + time) for key in event.actor_keys)
    event_at = _EventLocator(located, published)
    quotes = []
    for q in x.quotes:
        event_id, sort_key = event_at(q.paragraph, q.start)
        speaker = q.speaker_mention
        quotes.append(
            (
                hashlib.sha1(f"{article_id}:q:{q.paragraph}:{q.start}".encode()).hexdigest()[:16],
                article_id, q.paragraph, q.start, q.end_paragraph, q.end, q.text,
                q.speaker_key or None,  # the stored actor's id, by the writer
                # a named actor's name is read from `actors` (it can grow: "Blinken" -> "Antony Blinken");
                # this keeps the words of an unnamed one ("a senior official")
                None if q.speaker_key else q.speaker_name,
                speaker.text if speaker else None, speaker.paragraph if speaker else None,
                speaker.start if speaker else None, speaker.end if speaker else None,
                q.cue, q.speaker_kind, q.via, event_id, sort_key,
            )
        )  # fmt: skip
    return ArticleRows(
        article_id=article_id,
        article=(
            article_id,
            article.title,
            article.outlet,
            published,
            int(given_date),
            article.url,
            article.source,
            article.format,
            article.author,
            article.captured,
            len(article.paragraphs),
            json.dumps(sketch(article.body)),
            len(reports),
        ),
        outlet=article.outlet,
        paragraphs=[(article_id, p.index, p.text) for p in article.paragraphs],
        actors=[(actor, mention_counts[actor.key]) for actor in x.actors],
        events=events,
        event_actors=event_actors,
        segments=segments,
        segment_values={s.id: segment_values(s) for s in segments},
        headlines={
            event_id: HeadlineCandidate(event_id, event.text, event.date_source, len(event.actor_keys), published)
            for event_id, event in reports
        },
        mentions=[
            (m.actor_key, article_id, m.paragraph, m.start, m.end, m.text, event_at(m.paragraph, m.start)[0])
            for m in x.mentions
        ],
        quotes=quotes,
        date_mentions=[
            (article_id, d.paragraph, d.start, d.end, d.text, d.type, d.value, d.resolution) for d in x.dates
        ],
        report_count=len(reports),
        quote_count=len(x.quotes),
    )


def write_rows(
    db: Database, rows: ArticleRows, join_stored: bool = True, own: Sequence[OwnHappening] | None = None
) -> set[str] | None:
    """Store one article's rows inside the caller's transaction (see `write_extraction`). Returns its
    actors' ids, or None when the article was already stored. `join_stored=False` and `own`: see
    `record_segments`."""
    changes = db.conn.total_changes
    ingested_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    insert_tuples(db, "articles", ARTICLE_COLUMNS, [(*rows.article, ingested_at)], ignore=True)
    if db.conn.total_changes == changes:
        return None  # already there: nothing of it is written twice
    insert_tuples(db, "paragraphs", ("article_id", "idx", "text"), rows.paragraphs)
    actor_ids = _merge_actors(db, rows.actors)
    insert_tuples_in_few_statements(db, "events", EVENT_COLUMNS, rows.events)
    event_actors = [(event_id, actor_ids[key], sort_key) for event_id, key, sort_key in rows.event_actors]
    insert_tuples(db, "event_actors", ("event_id", "actor_id", "sort_key"), event_actors, ignore=True)
    # each report's rows in `event_actors`: one per stored actor (two of its actors' keys can be one actor)
    actor_counts = Counter(event_id for event_id, _ in {(event_id, actor_id) for event_id, actor_id, _ in event_actors})
    record_segments(db, rows.segments, rows.headlines, rows.outlet, join_stored, rows.segment_values, own, actor_counts)
    insert_tuples(db, "mentions", MENTION_COLUMNS, [(actor_ids[m[0]], *m[1:]) for m in rows.mentions])
    insert_tuples(
        db, "quotes", QUOTE_COLUMNS, [(*q[:7], actor_ids.get(q[7]) if q[7] else None, *q[8:]) for q in rows.quotes]
    )
    insert_tuples(db, "date_mentions", DATE_MENTION_COLUMNS, rows.date_mentions)
    return set(actor_ids.values())


# While a batch is written, the cycle collector runs every 50,000 new objects, not 700 (`store.collector`):
# in the writer's process of an ingest of 2,000 articles, 300 collections took 0.19-0.21 s of CPU; so, one
# or two, 0.02 s.
BATCH_COLLECTOR_THRESHOLD = 50_000


class _EventLocator:
    """The event (id, sort key) whose sentence holds an offset of a paragraph, found by bisection:
    placing every mention and quote of an article costs a logarithm each, not a scan of its events."""

    def __init__(self, events: list[tuple[int, int, int, str, str]], published: str) -> None:
        self.published = published
        self.by_paragraph: dict[int, tuple[list[int], list[tuple[int, int, int, str, str]]]] = {}
        for event in sorted(events, key=lambda e: (e[0], e[1])):
            starts, rows = self.by_paragraph.setdefault(event[0], ([], []))
            starts.append(event[1])
            rows.append(event)

    def __call__(self, paragraph: int, offset: int) -> tuple[str | None, str]:
        starts, rows = self.by_paragraph.get(paragraph, ((), ()))
        index = bisect.bisect_right(starts, offset) - 1  # the last sentence starting at or before `offset`
        if index >= 0 and offset < rows[index][2]:
            return rows[index][3], rows[index][4]
        return None, self.published


# A new person's stored namesakes. Each term of the OR is an index range (m015's case-insensitive
# indexes: LIKE with a literal prefix reads a NOCASE index's range, and `name = ?` is found through the
# same index and checked as written), not a scan of every actor.
_NAMESAKES = (
    "select id, name from actors where kind = 'person' and (surname like ? or name like ?"
    " or (name = ? collate nocase and name = ?))"
)
_ACTOR = "select id, name, titles, aliases from actors where id = ?"
_ACTORS = "select id, name, titles, aliases from actors where id in"


def _merge_actors(db: Database, actors: Sequence[tuple[Actor, int]]) -> dict[str, str]:
    """The stored id of each of an article's actors (by key), each created or enriched as `_merge_actor`
    says. Their rows are read in one statement (an actor this article has created or changed is read
    again), and the mentions that add nothing to a known actor but themselves are counted in one
    statement at the end: a count is no part of what merging reads."""
    keys = [actor.key for actor, _ in actors]
    rows: dict[str, tuple] = {}
    for start in range(0, len(keys), 500):
        some = keys[start : start + 500]
        rows.update((row[0], row) for row in db.conn.execute(f"{_ACTORS} ({','.join('?' * len(some))})", some))
    changed: set[str] = set()
    counted: list[tuple[int, str]] = []
    ids = {}
    for actor, count in actors:
        row = db.conn.execute(_ACTOR, [actor.key]).fetchone() if actor.key in changed else rows.get(actor.key)
        ids[actor.key] = _merge_actor(db, actor, count, row, changed, counted)
    db.conn.executemany("update actors set mention_count = mention_count + ? where id = ?", counted)
    return ids


def _merge_actor(
    db: Database, actor: Actor, mention_count: int, row: tuple | None, changed: set[str], counted: list
) -> str:
    """The id of the stored actor this article's actor is (`row`: the stored row of its key, or None),
    creating or enriching it. The ids it creates or changes go into `changed`; a mention that adds nothing
    to the actor's names or titles, only its count, goes into `counted` (count, id) to be written."""
    words = actor.name.split()
    surname = words[-1] if actor.kind == "person" else None
    if row is None and surname is not None:
        # the surname, or a first word that is how the person is called ("Xi")
        candidates = db.conn.execute(_NAMESAKES, [surname[:4] + "%", words[0] + " %", words[0], words[0]]).fetchall()
        matching = [actor_id for actor_id, name in candidates if same_person(name.split(), words)]
        row = db.conn.execute(_ACTOR, matching).fetchone() if len(matching) == 1 else None
    if row is None:
        insert_tuples(
            db,
            "actors",
            ("id", "name", "kind", "surname", "titles", "aliases", "mention_count"),
            [(actor.key, actor.name, actor.kind, surname, json.dumps(list(actor.titles)),
              json.dumps(list(actor.aliases)), mention_count)],
        )  # fmt: skip
        changed.add(actor.key)
        return actor.key
    actor_id, name, titles, aliases = row
    longer = actor.name if len(words) > len(name.split()) else name
    stored_titles, stored_aliases = json.loads(titles), json.loads(aliases)
    merged_titles = list(dict.fromkeys([*stored_titles, *actor.titles]))
    merged_aliases = sorted({*stored_aliases, *actor.aliases, actor.name, name} - {longer})
    if longer == name and merged_titles == stored_titles and merged_aliases == stored_aliases:
        counted.append((mention_count, actor_id))  # most mentions of a known actor add nothing but themselves
        return actor_id
    db.conn.execute(
        "update actors set name = ?, titles = ?, aliases = ?, mention_count = mention_count + ? where id = ?",
        [longer, json.dumps(merged_titles), json.dumps(merged_aliases), mention_count, actor_id],
    )
    changed.add(actor_id)
    return actor_id
