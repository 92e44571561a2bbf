"""Loading many articles at once: the store's indexes and full-text indexes built once at the end.

Row by row, every article written updates a dozen B-tree indexes keyed by hashes (random places in
files of gigabytes) and the full-text index of its events. `bulk_load` lets go of
what the writer does not read while it writes (every secondary index but the actors', which it merges
by, the trigger feeding the full-text index and those keeping `event_happenings`), and builds
them again when the block ends,
from the definitions the store held: the store is then the one writing row by row gives (same schema,
same rows, same counts, the same words found; `tests/test_bulk_load.py` checks it).

Inside the block the writer must not join stored happenings (`join_stored=False`): joining reads
happenings and accounts by the indexes let go. What was let go is written in `_bulk_load` in the same
transaction, so a load cut off (a crash, ctrl+c) is finished by the next `bulk_load` or `finish_bulk_load`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils.db import Database

from dateline.store.schema import EVENT_HAPPENINGS_TRIGGERS, fill_event_happenings, write_transaction

_PENDING = "_bulk_load"
_KEPT_INDEXES_ON = ("actors", "_sqlite_migrations")  # what the writer reads while it writes
_FTS_TRIGGERS = {"events_ai": "events_fts"}
_TRIGGERS = [*_FTS_TRIGGERS, *EVENT_HAPPENINGS_TRIGGERS]  # what they keep is worked out again at the end


@contextmanager
def bulk_load(db: Database) -> Iterator[Database]:
    """Write many articles (each in its own transaction, as the writer does) with the store's secondary
    indexes and full-text triggers let go; they are built again when the block ends, also on an error."""
    finish_bulk_load(db)  # a load cut off before: its store made whole first
    with write_transaction(db):
        db.execute(f"create table {_PENDING} (kind text, name text, sql text)")
        dropped = db.execute(
            "select type, name, sql from sqlite_master where sql is not null and ("
            f"(type = 'index' and tbl_name not in ({','.join('?' * len(_KEPT_INDEXES_ON))}))"
            f" or (type = 'trigger' and name in ({','.join('?' * len(_TRIGGERS))})))",
            [*_KEPT_INDEXES_ON, *_TRIGGERS],
        ).fetchall()
        db.conn.executemany(f"insert into {_PENDING} (kind, name, sql) values (?, ?, ?)", dropped)
        for kind, name, _ in dropped:
            db.execute(f'drop {kind} "{name}"')
    try:
        yield db
    finally:
        finish_bulk_load(db)


def finish_bulk_load(db: Database) -> None:
    """Build again what `bulk_load` let go (nothing when no load is pending): the indexes, each in one
    pass over its table, the full-text indexes from their tables, each event's happening and day, then
    the triggers."""
    if not db[_PENDING].exists():
        return
    with write_transaction(db):
        pending = db.execute(f"select kind, name, sql from {_PENDING} order by rowid").fetchall()
        for kind, _, sql in pending:
            if kind == "index":
                db.execute(sql)
        triggers = {name: sql for kind, name, sql in pending if kind == "trigger"}
        for name, table in _FTS_TRIGGERS.items():
            if name in triggers:
                db.execute(f"insert into {table}({table}) values ('rebuild')")
        if triggers.keys() & EVENT_HAPPENINGS_TRIGGERS.keys():
            fill_event_happenings(db)
        for sql in triggers.values():
            db.execute(sql)
        db.execute(f"drop table {_PENDING}")
