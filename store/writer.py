"""Write one extracted article to the store in one transaction: its paragraphs, events, actors
(merged with those already stored), mentions, quotes, dates and accounts."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
from collections import Counter

from sqlite_utils.db import Database

from dateline.extract.actors import same_person
from dateline.extract.copies import sketch
from dateline.extract.happenings import HeadlineCandidate, Segment, report_records, segments_of
from dateline.extract.model import KIND_REPORT, Article, Event, Extraction, date_range
from dateline.store.happenings import record_segments
from dateline.store.rows import insert_rows
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
    segments: list[Segment] | None = None,
) -> set[str] | None:
    """Store one extracted article in one transaction: all of it or none of it. Returns its actors'
    ids, or None when the article was already stored (by this process or another: the insert is
    idempotent, and the transaction holds the write lock from its start, so two ingests into one
    store wait for each other instead of failing)."""
    with write_transaction(db):
        return _write(db, article_id, x, published_date, given_date, segments)


def article_segments(article_id: str, x: Extraction) -> list[Segment]:
    """The accounts of an article's reports: a pure function of it, so a worker process computes it."""
    return segments_of(report_records(article_id, _reports(article_id, x)))


def _reports(article_id: str, x: Extraction) -> list[tuple[str, Event]]:
    # Only reports are timeline events: bylines, headings and background stay in the paragraphs.
    # Ids sort in reading order, so events of one day keep the article's order.
    return [(f"{article_id}-{e.paragraph:04d}-{e.start:05d}", e) for e in x.events if e.kind == KIND_REPORT]


def _write(
    db: Database,
    article_id: str,
    x: Extraction,
    published_date: dt.date,
    given_date: bool,
    segments: list[Segment] | None = None,
) -> set[str] | None:
    article = x.article
    published = published_date.isoformat()
    changes = db.conn.total_changes
    db["articles"].insert(
        {
            "id": article_id,
            "title": article.title,
            "outlet": article.outlet,
            "published": published,
            "published_given": int(given_date),
            "url": article.url,
            "source": article.source,
            "format": article.format,
            "author": article.author,
            "captured": article.captured,
            "paragraph_count": len(article.paragraphs),
            "sketch": json.dumps(sketch(article.body)),
            "event_count": sum(1 for e in x.events if e.kind == KIND_REPORT),
            "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
        ignore=True,
    )
    if db.conn.total_changes == changes:
        return None  # already there: nothing of it is written twice
    insert_rows(
        db, "paragraphs", [{"article_id": article_id, "idx": p.index, "text": p.text} for p in article.paragraphs]
    )
    mention_counts = Counter(m.actor_key for m in x.mentions)
    actor_ids = {actor.key: _merge_actor(db, actor, x, mention_counts[actor.key]) for actor in x.actors}
    event_rows = []
    event_actor_rows = []
    event_ids: list[tuple[int, int, int, str, str]] = []
    reports = _reports(article_id, x)
    if segments is None:
        segments = article_segments(article_id, x)
    segment_of = {event_id: s.id for s in segments for event_id in s.event_ids}
    for event_id, event in reports:
        first_day, last_day = date_range(event.date_value) or (published, published)
        time = event.date_value[10:] if event.granularity == "time" else ""
        event_rows.append(
            {
                "id": event_id,
                "article_id": article_id,
                "paragraph": event.paragraph,
                "start": event.start,
                "end": event.end,
                "text": event.text,
                "date_value": event.date_value,
                "granularity": event.granularity,
                "date_source": event.date_source,
                "date_text": event.date_text,
                "date_start": event.date_start,
                "date_end": event.date_end,
                "sort_key": first_day + time,
                "period_end": event.period_end or last_day,
                "published": published,
                "planned": int(event.planned),
                "date_conflict": event.date_conflict,
                "segment_id": segment_of.get(event_id),
            }
        )
        if event.main:  # mentions and quotes belong to their sentence's main report
            event_ids.append((event.paragraph, event.start, event.end, event_id, first_day + time))
        event_actor_rows.extend(
            {"event_id": event_id, "actor_id": actor_ids[key], "sort_key": first_day + time} for key in event.actor_keys
        )
    insert_rows(db, "events", event_rows)
    insert_rows(db, "event_actors", event_actor_rows, ignore=True)
    headline_candidates = {
        event_id: HeadlineCandidate(event_id, event.text, event.date_source, len(event.actor_keys), published)
        for event_id, event in reports
    }
    record_segments(db, segments, headline_candidates, article.outlet)

    event_at = _EventLocator(event_ids, published)

    insert_rows(
        db,
        "mentions",
        [
            {
                "actor_id": actor_ids[m.actor_key],
                "article_id": article_id,
                "paragraph": m.paragraph,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "event_id": event_at(m.paragraph, m.start)[0],
            }
            for m in x.mentions
        ],
    )
    quote_rows = []
    for q in x.quotes:
        event_id, sort_key = event_at(q.paragraph, q.start)
        speaker = q.speaker_mention
        quote_rows.append(
            {
                "id": hashlib.sha1(f"{article_id}:q:{q.paragraph}:{q.start}".encode()).hexdigest()[:16],
                "article_id": article_id,
                "paragraph": q.paragraph,
                "start": q.start,
                "end_paragraph": q.end_paragraph,
                "end": q.end,
                "text": q.text,
                "speaker_id": actor_ids.get(q.speaker_key) if q.speaker_key else None,
                # a named actor's name is read from `actors` (it can grow: "Blinken" -> "Antony Blinken");
                # this keeps the words of an unnamed one ("a senior official")
                "speaker_name": None if q.speaker_key else q.speaker_name,
                "speaker_text": speaker.text if speaker else None,
                "speaker_paragraph": speaker.paragraph if speaker else None,
                "speaker_start": speaker.start if speaker else None,
                "speaker_end": speaker.end if speaker else None,
                "cue": q.cue,
                "speaker_kind": q.speaker_kind,
                "via": q.via,
                "event_id": event_id,
                "sort_key": sort_key,
            }
        )
    insert_rows(db, "quotes", quote_rows)
    insert_rows(
        db,
        "date_mentions",
        [
            {
                "article_id": article_id,
                "paragraph": d.paragraph,
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "type": d.type,
                "value": d.value,
                "resolution": d.resolution,
            }
            for d in x.dates
        ],
    )
    return set(actor_ids.values())


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


def _merge_actor(db: Database, actor, x: Extraction, mention_count: int) -> str:  # type: ignore[no-untyped-def]
    """The id of the stored actor this article's actor is, creating or enriching it."""
    surname = actor.name.split()[-1] if actor.kind == "person" else None
    row = db.execute("select id, name, titles, aliases from actors where id = ?", [actor.key]).fetchone()
    if row is None and actor.kind == "person":
        candidates = db.execute(  # the surname, or a first word that is how the person is called ("Xi")
            "select id, name, titles, aliases from actors where kind = 'person' and (surname like ? or name like ? "
            "or name = ?)",
            [surname[:4] + "%", actor.name.split()[0] + " %", actor.name.split()[0]],
        ).fetchall()
        matching = [c for c in candidates if same_person(c[1].split(), actor.name.split())]
        row = matching[0] if len(matching) == 1 else None
    if row is None:
        db["actors"].insert(
            {
                "id": actor.key,
                "name": actor.name,
                "kind": actor.kind,
                "surname": surname,
                "titles": json.dumps(list(actor.titles)),
                "aliases": json.dumps(list(actor.aliases)),
                "mention_count": mention_count,
            }
        )
        return actor.key
    actor_id, name, titles, aliases = row
    longer = actor.name if len(actor.name.split()) > len(name.split()) else name
    merged_titles = list(dict.fromkeys([*json.loads(titles), *actor.titles]))
    merged_aliases = sorted({*json.loads(aliases), *actor.aliases, actor.name, name} - {longer})
    db.execute(
        "update actors set name = ?, titles = ?, aliases = ?, mention_count = mention_count + ? where id = ?",
        [longer, json.dumps(merged_titles), json.dumps(merged_aliases), mention_count, actor_id],
    )
    return actor_id
