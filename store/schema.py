"""The SQLite schema, created and upgraded by sqlite-utils migrations, and opening a store."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import platformdirs
import sqlite_utils
from sqlite_utils.db import Database

from dateline.extract.safe_text import visible
from dateline.store.errors import DatelineError

SCHEMA_VERSION = 19  # PRAGMA user_version after every migration below has run (there is no m004)

migrations = sqlite_utils.Migrations("dateline")


class StoreError(DatelineError):
    """The store cannot be used; the message says why and what to do."""


@migrations()
def m001_initial(db: Database) -> None:
    db["articles"].create(
        {
            "id": str,
            "title": str,
            "outlet": str,
            "published": str,  # YYYY-MM-DD: when it was reported
            "published_given": int,  # 1 when the date came from --published, not the article
            "url": str,
            "source": str,
            "format": str,
            "paragraph_count": int,
            "event_count": int,
            "ingested_at": str,
        },
        pk="id",
        not_null={"title", "published"},
    )
    db["paragraphs"].create(
        {"article_id": str, "idx": int, "text": str},
        pk=("article_id", "idx"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["events"].create(
        {
            "id": str,
            "article_id": str,
            "paragraph": int,  # 0-based
            "start": int,  # offsets of the sentence in the paragraph
            "end": int,
            "text": str,
            "date_value": str,  # TIMEX3 value: when it happened
            "granularity": str,
            "date_source": str,  # stated / relative / publication
            "date_text": str,
            "date_start": int,
            "date_end": int,
            "sort_key": str,  # first day covered, with the time when known: orders the timeline
            "period_end": str,  # last day covered, for date-range filters
            "published": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["events"].create_index(["sort_key", "id"])
    db["events"].create_index(["article_id"])
    db["actors"].create(
        {
            "id": str,
            "name": str,
            "kind": str,
            "surname": str,  # for merging people across articles
            "titles": str,  # JSON list
            "aliases": str,  # JSON list
            "mention_count": int,
        },
        pk="id",
    )
    db["actors"].create_index(["surname"])
    db["actors"].create_index(["mention_count"])
    db["mentions"].create(
        {
            "id": int,
            "actor_id": str,
            "article_id": str,
            "paragraph": int,
            "start": int,
            "end": int,
            "text": str,
            "event_id": str,
        },
        pk="id",
        foreign_keys=[("actor_id", "actors", "id"), ("article_id", "articles", "id")],
    )
    db["mentions"].create_index(["article_id", "paragraph"])
    db["mentions"].create_index(["actor_id"])
    db["event_actors"].create({"event_id": str, "actor_id": str}, pk=("event_id", "actor_id"))
    db["event_actors"].create_index(["actor_id", "event_id"])
    db["quotes"].create(
        {
            "id": str,
            "article_id": str,
            "paragraph": int,
            "start": int,
            "end_paragraph": int,
            "end": int,
            "text": str,
            "speaker_id": str,  # the actor, null when the speaker is unknown or unnamed
            "speaker_name": str,  # canonical name, or the words used ("a senior official")
            "speaker_text": str,  # the mention it was attributed from
            "speaker_paragraph": int,
            "speaker_start": int,
            "speaker_end": int,
            "cue": str,
            "event_id": str,
            "sort_key": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["quotes"].create_index(["event_id"])
    db["quotes"].create_index(["speaker_id", "sort_key"])
    db["quotes"].create_index(["article_id"])
    db["date_mentions"].create(
        {
            "id": int,
            "article_id": str,
            "paragraph": int,
            "start": int,
            "end": int,
            "text": str,
            "type": str,
            "value": str,
            "resolution": str,
        },
        pk="id",
    )
    db["date_mentions"].create_index(["article_id", "paragraph"])
    db["events"].enable_fts(["text"], create_triggers=True, tokenize="porter")
    db["paragraphs"].enable_fts(["text"], create_triggers=True, tokenize="porter")


@migrations()
def m002_actor_timeline_index(db: Database) -> None:
    """Each event's sort key beside its actors, so one actor's timeline is an index range:
    counting, paging and finding a date in it no longer visit the events table."""
    db["event_actors"].add_column("sort_key", str)
    db.execute("update event_actors set sort_key = (select sort_key from events where events.id = event_id)")
    db["event_actors"].create_index(["actor_id", "sort_key", "event_id"])


@migrations()
def m003_event_total(db: Database) -> None:
    """The number of events, kept by triggers, so the app's first screen does not count a million rows."""
    db.execute("create table event_total (n integer not null)")
    db.execute("insert into event_total (n) select count(*) from events")
    db.execute("create trigger events_total_insert after insert on events begin update event_total set n = n + 1; end")
    db.execute("create trigger events_total_delete after delete on events begin update event_total set n = n - 1; end")


@migrations()
def m005_article_author(db: Database) -> None:
    """An article's byline, and when a web archive captured its page: metadata, never actors or events."""
    db["articles"].add_column("author", str)
    db["articles"].add_column("captured", str)


@migrations()
def m006_quote_speaker_kind(db: Database) -> None:
    """What kind of speaker each quote has (person, organisation, country, document) and who relayed
    it ("..., Ushakov said, quoting Putin": the words are Putin's, `via` Yuri Ushakov)."""
    db["quotes"].add_column("speaker_kind", str)
    db["quotes"].add_column("via", str)


@migrations()
def m007_happenings(db: Database) -> None:
    """Happenings: each article's accounts of an occurrence (`segments`), joined across articles into
    `happenings`. Events say which account they belong to and whether they are planned or conflict."""
    db["events"].add_column("planned", int, not_null_default=0)
    db["events"].add_column("date_conflict", str)
    db["events"].add_column("segment_id", str)
    db["events"].create_index(["segment_id"])
    db["segments"].create(
        {
            "id": str,
            "article_id": str,
            "happening_id": str,
            "day": str,  # the first day of its date: accounts are compared with those a day apart
            "date_value": str,
            "sort_key": str,
            "planned": int,
            "terms": str,  # JSON {stem: weight}: what `same_happening` compares
            "actors": str,  # JSON [actor key]
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["segments"].create_index(["day"])
    db["segments"].create_index(["happening_id"])
    db["segments"].create_index(["article_id"])
    db["happenings"].create(
        {
            "id": str,
            "date_value": str,
            "granularity": str,
            "sort_key": str,
            "period_end": str,
            "planned": int,
            "date_conflicts": str,  # JSON [{date, articles}] when sources give different dates
            "headline": str,
            "headline_event_id": str,
            "source_count": int,
            "report_count": int,
        },
        pk="id",
    )
    db["happenings"].create_index(["sort_key", "id"])


@migrations()
def m008_happening_aggregates(db: Database) -> None:
    """What a happening's row needs kept so an article joins it at a cost that does not grow with it:
    its sources per date (JSON {date: [sources, outlets]}); its accounts by day and id (the first few
    near a day) and by id (the smallest, which names it), each an index range."""
    db["happenings"].add_column("date_sources", str)
    db["segments"].create_index(["happening_id", "day", "id"])
    rows = db.execute(
        "select s.happening_id, s.date_value, count(distinct s.article_id),"
        " group_concat(distinct coalesce(a.outlet, a.id)) from segments s join articles a on a.id = s.article_id"
        " group by s.happening_id, s.date_value"
    ).fetchall()
    date_sources: dict[str, dict[str, list]] = {}
    for hid, value, sources, outlets in rows:
        date_sources.setdefault(hid, {})[value] = [sources, sorted(set(outlets.split(",")))]
    for hid, by_date in date_sources.items():
        db.execute("update happenings set date_sources = ? where id = ?", [json.dumps(by_date, sort_keys=True), hid])
    db["segments"].create_index(["happening_id", "id"])


@migrations()
def m009_article_sketch(db: Database) -> None:
    """Each article's bottom-k sketch (JSON), so a happening's sources can be told apart from wire
    copies of one another; articles already stored are sketched from their paragraphs."""
    from dateline.extract.copies import sketch

    db["articles"].add_column("sketch", str)
    for (article_id,) in db.execute("select id from articles").fetchall():
        paragraphs = db.execute("select text from paragraphs where article_id = ? order by idx", [article_id])
        body = "\n\n".join(text for (text,) in paragraphs.fetchall())
        db.execute("update articles set sketch = ? where id = ?", [json.dumps(sketch(body)), article_id])


@migrations()
def m010_segment_kinds(db: Database) -> None:
    """What an account's likeness to another also reads: the kinds of occurrence it names (JSON
    [kind]) and the last day of the period it gives. Accounts already stored keep neither (they
    are compared by words and actors alone, as before)."""
    db["segments"].add_column("kinds", str)
    db["segments"].add_column("period_end", str)


@migrations()
def m011_happening_days(db: Database) -> None:
    """How many happenings each day holds (by the first ten characters of their sort key), and how many
    there are, kept by triggers: the timeline finds the row at any position, a day's first row and the
    density of every day without counting a million rows. `version` changes with every write to
    `happenings`, so a reader knows when what it worked out from them is stale.

    The writer replaces a happening's row (`insert or replace`, whose implied delete fires triggers only
    with recursive triggers on): the row it replaces is deleted before the insert, so the counts stay exact."""
    db.execute("create table happening_days (day text primary key, n integer not null) without rowid")
    db.execute("create table happening_total (n integer not null, version integer not null)")
    db.execute("insert into happening_total (n, version) select count(*), 0 from happenings")
    db.execute(
        "insert into happening_days (day, n) select substr(sort_key, 1, 10), count(*) from happenings group by 1"
    )
    new_day, add = "substr(new.sort_key, 1, 10)", "on conflict (day) do update set n = n + 1"
    for trigger in (
        # the row an `insert or replace` replaces is deleted here, so its delete trigger fires whether or
        # not the connection has recursive triggers on (sqlite-utils turns them on; plain sqlite3 not)
        "happenings_days_replace before insert on happenings begin delete from happenings where id = new.id; end",
        f"happenings_days_insert after insert on happenings begin"
        f" insert into happening_days (day, n) values ({new_day}, 1) {add};"
        " update happening_total set n = n + 1, version = version + 1; end",
        "happenings_days_delete after delete on happenings begin"
        " update happening_days set n = n - 1 where day = substr(old.sort_key, 1, 10);"
        " update happening_total set n = n - 1, version = version + 1; end",
        "happenings_days_update after update on happenings begin"
        " update happening_days set n = n - 1 where day = substr(old.sort_key, 1, 10);"
        f" insert into happening_days (day, n) values ({new_day}, 1) {add};"
        " update happening_total set version = version + 1; end",
    ):
        db.execute(f"create trigger {trigger}")


@migrations()
def m012_happening_kinds(db: Database) -> None:
    """Every kind of occurrence a happening's accounts name (JSON [kind]), NULL when one of its accounts
    names none (it may match any account). A new account naming only other kinds cannot join it, so the
    writer skips it without reading its accounts. Happenings already stored get theirs from their accounts."""
    db["happenings"].add_column("kinds", str)
    db.execute(
        "update happenings set kinds = ("
        " select case when sum(s.kinds is null or s.kinds = '[]') > 0 then null else ("
        "  select json_group_array(value) from (select distinct j.value from segments s2, json_each(s2.kinds) j"
        "  where s2.happening_id = happenings.id order by j.value)) end"
        " from segments s where s.happening_id = happenings.id)"
    )


@migrations()
def m013_event_happenings(db: Database) -> None:
    """Each event's happening and that happening's day (the first ten characters of its sort key), by the
    event's rowid, kept by triggers: a search's day index reads its matching events' rowids from the
    full-text index, in rowid order, and finds each one's happening and day here, one table in the same
    order, instead of looking up its account and its happening (two random lookups each, 1 s for the
    144,000 matches of a word in a million happenings). Stores already written get theirs from their
    accounts and happenings (`fill_event_happenings`)."""
    db.execute(
        "create table event_happenings (rowid integer primary key, happening_id text, day text)"
    )  # rowid: the event's
    db.execute("create index idx_event_happenings_happening_id on event_happenings (happening_id)")
    db.execute(
        "insert into event_happenings (rowid, happening_id, day)"
        " select e.rowid, s.happening_id, substr(h.sort_key, 1, 10) from events e"
        " join segments s on s.id = e.segment_id join happenings h on h.id = s.happening_id order by e.rowid"
    )
    for trigger in [*_M013_TRIGGERS.values(), EVENT_HAPPENINGS_TRIGGERS["event_happenings_day"]]:
        db.execute(f"create trigger {trigger}")


# The writer stores an article's events, then its accounts (segments, `insert or replace`), then each
# happening's row (`insert or replace`, after relabelling the accounts of the happenings it joins).
_M013_TRIGGERS = {  # as m013 made them (m017 replaces the first two)
    "event_happenings_segment": "event_happenings_segment after insert on segments begin"
    " insert or replace into event_happenings (rowid, happening_id, day)"
    " select e.rowid, new.happening_id,"
    " (select substr(h.sort_key, 1, 10) from happenings h where h.id = new.happening_id)"
    " from events e where e.segment_id = new.id; end",
    "event_happenings_relabel": "event_happenings_relabel after update of happening_id on segments begin"
    " update event_happenings set happening_id = new.happening_id"
    " where rowid in (select e.rowid from events e where e.segment_id = new.id); end",
}
_NUMBER = "(select n from happening_numbers where id = new.happening_id)"
# Not `insert or ignore`: the statement firing a trigger imposes its own conflict clause on the trigger's
# (the writer's `insert or replace` of an account would replace the number, renumbering the happening).
_NUMBERED = (
    " insert into happening_numbers (id) select new.happening_id where new.happening_id is not null"
    f" and {_NUMBER} is null;"
)
EVENT_HAPPENINGS_TRIGGERS = {
    "event_happenings_segment": "event_happenings_segment after insert on segments begin"
    + _NUMBERED
    + " insert or replace into event_happenings (rowid, happening_id, day, happening_number)"
    " select e.rowid, new.happening_id,"
    f" (select substr(h.sort_key, 1, 10) from happenings h where h.id = new.happening_id), {_NUMBER}"
    " from events e where e.segment_id = new.id; end",
    "event_happenings_relabel": "event_happenings_relabel after update of happening_id on segments begin"
    + _NUMBERED
    + f" update event_happenings set happening_id = new.happening_id, happening_number = {_NUMBER}"
    " where rowid in (select e.rowid from events e where e.segment_id = new.id); end",
    # only the events whose day differs (an index range each side of it): a happening's row is written
    # again with each article joining it, its day rarely changes, and its new events get it on insert
    "event_happenings_day": "event_happenings_day after insert on happenings begin"
    + "".join(
        f" update event_happenings set day = substr(new.sort_key, 1, 10) where happening_id = new.id and {differs};"
        for differs in ("day is null", "day < substr(new.sort_key, 1, 10)", "day > substr(new.sort_key, 1, 10)")
    )
    + " end",
}


@migrations()
def m014_event_happenings_by_day(db: Database) -> None:
    """`event_happenings` indexed by happening and day, and its day trigger rewriting only the events
    whose day differs from their happening's: with m013's, each article joining a happening rewrote every
    event of it (a join's cost grew with the happening's size)."""
    db.execute("drop index if exists idx_event_happenings_happening_id")
    db.execute("create index idx_event_happenings_happening_id_day on event_happenings (happening_id, day)")
    db.execute("drop trigger if exists event_happenings_day")
    db.execute(f"create trigger {EVENT_HAPPENINGS_TRIGGERS['event_happenings_day']}")


@migrations()
def m015_actor_names_nocase(db: Database) -> None:
    """Actors' surnames and names indexed case-insensitively (SQLite's NOCASE folds ASCII, as its LIKE
    does): the writer's search for a new person's stored namesakes (`surname like 'Lavr%' or name like
    'Sergey %' or name = 'Sergey'`) becomes three index ranges instead of a scan of every actor, which
    cost half of a synthetic store's build once it held 40,000 actors."""
    db.execute("create index idx_actors_surname_nocase on actors (surname collate nocase)")
    db.execute("create index idx_actors_name_nocase on actors (name collate nocase)")


@migrations()
def m016_no_paragraph_search(db: Database) -> None:
    """The paragraphs' full-text index goes: nothing ever searched it (searches read `events_fts`, and
    an event's text is a sentence of its paragraph, so most words were indexed twice), and keeping it
    was a tenth of the writer's time."""
    triggers = ("paragraphs_ai", "paragraphs_ad", "paragraphs_au")
    for trigger in triggers:
        db.execute(f"drop trigger if exists {trigger}")
    db.execute("drop table if exists paragraphs_fts")
    if db["_bulk_load"].exists():  # a bulk load cut off (`store.bulk`) must not make the trigger again
        db.execute(f"delete from _bulk_load where name in ({', '.join('?' * len(triggers))})", triggers)


@migrations()
def m017_happening_numbers(db: Database) -> None:
    """A number for each happening (`happening_numbers`, given in the order happenings are first written,
    never reused) kept beside each event's happening in `event_happenings`: a search's count is the number
    of distinct happenings among its matching events, and an integer set filled nearly in order (the
    matches are read in rowid order, that is in the order their events were written) costs a fifth of a
    set of text ids filled at random (CPU, 'security' at 5M, 719,229 matches: 1.1-1.5 s with random keys
    or the text ids, 0.22-0.25 s with these). Stores already written number their happenings in the
    order of their first events."""
    db.execute("create table happening_numbers (n integer primary key, id text not null unique)")
    db.execute("alter table event_happenings add column happening_number integer")
    _number_happenings(db)
    for name in ("event_happenings_segment", "event_happenings_relabel"):
        db.execute(f"drop trigger if exists {name}")
        db.execute(f"create trigger {EVENT_HAPPENINGS_TRIGGERS[name]}")


@migrations()
def m018_happening_days_reach(db: Database) -> None:
    """How far the periods of each day's happenings reach (`happening_days.reach`: at least the latest
    `period_end` of the happenings starting that day, kept by the day triggers; never lowered, so a
    bound): a filter's first rows from its first day on are read from that day, and before it only on
    the few days whose happenings reach into it (a month or a year starting before it), not by reading
    every happening or every search match dated before it."""
    db.execute("alter table happening_days add column reach text")
    db.execute(
        "update happening_days set reach = (select max(h.period_end) from happenings h"
        " where h.sort_key >= happening_days.day and h.sort_key <= happening_days.day || char(65535))"
    )
    for name, trigger in _DAY_TRIGGERS.items():
        db.execute(f"drop trigger if exists {name}")
        db.execute(f"create trigger {trigger}")


@migrations()
def m019_happening_periods(db: Database) -> None:
    """A happening's `period_end` reaches as far as its accounts of its date say their period does ("from
    February 10 to 20": the 20th), not only to its date's last day: a date filter from the 20th keeps it.
    Written so from now on (`happenings._period_end`); here for the happenings already stored (the day
    triggers raise their days' reach)."""
    db.execute(
        "update happenings set period_end = p.reach from (select s.happening_id as id, max(s.period_end) as reach"
        " from segments s join happenings h on h.id = s.happening_id"
        " where s.period_end is not null and s.date_value = h.date_value group by s.happening_id) as p"
        " where happenings.id = p.id and p.reach > happenings.period_end"
    )


_ADD_DAY = (
    "insert into happening_days (day, n, reach) values (substr(new.sort_key, 1, 10), 1, new.period_end)"
    " on conflict (day) do update set n = n + 1, reach = max(coalesce(reach, ''), coalesce(excluded.reach, ''));"
)
_DAY_TRIGGERS = {  # m011's, each day's reach kept too
    "happenings_days_insert": "happenings_days_insert after insert on happenings begin "
    + _ADD_DAY
    + " update happening_total set n = n + 1, version = version + 1; end",
    "happenings_days_update": "happenings_days_update after update on happenings begin"
    " update happening_days set n = n - 1 where day = substr(old.sort_key, 1, 10); "
    + _ADD_DAY
    + " update happening_total set version = version + 1; end",
}


def _number_happenings(db: Database) -> None:
    """Number the happenings of `event_happenings` that have none yet, in the order of their first events,
    and give every event its happening's number."""
    db.execute(
        "insert or ignore into happening_numbers (id) select happening_id from event_happenings"
        " where happening_id is not null group by happening_id order by min(rowid)"
    )
    db.execute(
        "update event_happenings set happening_number = (select n from happening_numbers where id = happening_id)"
    )


def fill_event_happenings(db: Database) -> None:
    """Work out `event_happenings` from the events' accounts and happenings (what its triggers keep); a
    happening numbered before keeps its number."""
    db.execute("delete from event_happenings")
    db.execute(
        "insert into event_happenings (rowid, happening_id, day)"
        " select e.rowid, s.happening_id, substr(h.sort_key, 1, 10) from events e"
        " join segments s on s.id = e.segment_id join happenings h on h.id = s.happening_id order by e.rowid"
    )
    _number_happenings(db)


def default_db_path() -> Path:
    """`$DATELINE_DB`, else dateline.db in the user's data directory."""
    if env := os.environ.get("DATELINE_DB"):
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("dateline", appauthor=False)) / "dateline.db"


def open_store(path: str | Path, create: bool = True) -> Database:
    """Open the store at `path`: with `create`, for writing (created or upgraded when needed);
    without, read-only - a read never creates, migrates or writes the file, and works in a
    folder the user cannot write.

    Raises StoreError, one line saying why and what to do, for a missing or empty file (when not
    creating), a folder, a file that is not a Dateline store, a store written by a newer (or, to
    read, an older) Dateline, and a store or folder that cannot be written (when creating)."""
    path = Path(path)
    shown = visible(str(path))
    try:
        if path.is_dir():
            raise StoreError(f"{shown} is a folder, not a store file")
        if not create:
            return _open_read_only(path, shown)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, check_same_thread=False)
        db = Database(conn)
        _check_store(db, path, shown, reading=False)
        if db.journal_mode != "wal":
            db.enable_wal()
        if migrations.pending(db):  # a new store, or one written by an older Dateline: bring it up to date
            with write_transaction(db):  # one process creates the schema; another waits, then finds it made
                if migrations.pending(db):
                    migrations.apply(db)
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        _probe_write(db)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        return db
    except sqlite3.DatabaseError as error:
        raise StoreError(store_error_message(shown, error)) from None
    except OSError as error:
        raise StoreError(f"cannot open {shown}: {error.strerror or error}") from None


SQLITE_CANTOPEN = 14
BUSY_TIMEOUT = 60  # seconds a writer waits for another process's transaction to end


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock at its start (BEGIN IMMEDIATE), waiting up to
    BUSY_TIMEOUT for another writer: a transaction that reads first and writes later could
    instead fail at once with `database is locked` when another process wrote in between.
    Inside an open transaction, a savepoint of it."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    db.conn.commit()


class StoreOutdated(StoreError):
    """The store was written by an older Dateline: opening it to write (`create=True`) upgrades it."""


def _probe_write(db: Database) -> None:
    """Write the header and roll back: a store that cannot be written (a read-only file, a folder
    where the log cannot be made) is found on opening, not at the first article."""
    with write_transaction(db):
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.conn.rollback()


def store_error_message(shown: str, error: sqlite3.DatabaseError) -> str:
    """One line for an SQLite error on the store, naming the usual causes in words."""
    text = str(error)
    if "readonly" in text or "read-only" in text:
        return f"{shown} is read-only: nothing can be added to it ({text})"
    if "disk is full" in text or "disk I/O" in text:
        return f"cannot write {shown}: the disk is full ({text})"
    if "unable to open" in text:
        return f"cannot open {shown}: its folder cannot be written or the file cannot be read ({text})"
    if "locked" in text or "busy" in text:
        return f"{shown} is busy: another process kept it locked for {BUSY_TIMEOUT} s ({text})"
    return f"{shown} is not a usable Dateline store ({text})"


def _check_store(db: Database, path: Path, shown: str, reading: bool) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        db.conn.close()
        raise StoreError(
            f"{shown} was written by a newer Dateline (schema version {version}; this one reads up to "
            f"{SCHEMA_VERSION}): upgrade Dateline to open it"
        )
    tables = set(db.table_names())
    if tables and "_sqlite_migrations" not in tables:
        db.conn.close()
        raise StoreError(f"{shown} is a SQLite file but not a Dateline store")
    if reading and not tables:
        db.conn.close()
        raise StoreError(f"{shown} is empty, not a store yet: run `dateline ingest FILES --db {shown}` first")
    if reading and migrations.pending(db):
        db.conn.close()
        raise StoreOutdated(
            f"{shown} was written by an older Dateline: open it once with `dateline browse --db {shown}` "
            "(or ingest into it) to upgrade it"
        )


def _open_read_only(path: Path, shown: str) -> Database:
    """A read-only connection (`mode=ro`). In a folder that cannot be written a store in WAL mode
    cannot get the shared-memory file readers need; it is then read as immutable, which a store
    whose writers have all finished (its log checkpointed away) is."""
    if not path.exists():
        raise StoreError(f"no store at {shown}: run `dateline ingest FILES --db {shown}` first")
    if not path.is_file():
        raise StoreError(f"{shown} is not a regular file, not a store")
    if path.stat().st_size == 0:
        raise StoreError(f"{shown} is empty, not a store yet: run `dateline ingest FILES --db {shown}` first")
    location = store_uri(path.resolve())
    try:
        db = _connect(location + "?mode=ro")
    except sqlite3.OperationalError as error:
        # Only when the store cannot be opened at all (no shared-memory file in a folder that cannot
        # be written): a store that is busy is waited for, never read as if nothing could change it.
        if getattr(error, "sqlite_errorcode", None) != SQLITE_CANTOPEN and "unable to open" not in str(error):
            raise
        db = _connect(location + "?immutable=1")
    _check_store(db, path, shown, reading=True)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def store_uri(path: str | Path) -> str:
    """The SQLite URI of the store at `path` (absolute), for opening it with `?mode=ro` or `?immutable=1`:
    on POSIX, the bytes of its name percent-encoded, so that a name that is not UTF-8 (a folder named in
    Latin-1) opens the same file."""
    if os.name == "posix":
        return "file:" + quote(os.fsencode(path))
    from urllib.request import pathname2url  # imports http and email: only where it is needed

    return "file:" + pathname2url(str(path))


def _connect(uri: str) -> Database:
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, check_same_thread=False)
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()  # opening is lazy: fail here, not later
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return Database(conn)
