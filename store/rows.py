"""Writing rows fast: one prepared statement a table."""

from __future__ import annotations

from sqlite_utils.db import Database


def insert_rows(
    db: Database, table: str, rows: list[dict[str, object]], ignore: bool = False, replace: bool = False
) -> None:
    """Insert rows that share their keys (plain SQLite values) with one prepared statement:
    `executemany`, without sqlite-utils' per-value conversion, which cost a fifth of an ingest."""
    if rows:
        columns = tuple(rows[0])
        insert_tuples(db, table, columns, [tuple(row[c] for c in columns) for row in rows], ignore, replace)


def insert_tuples(
    db: Database, table: str, columns: tuple[str, ...], rows: list[tuple], ignore: bool = False, replace: bool = False
) -> None:
    """Insert rows given as tuples of plain SQLite values in the order of `columns`, with one
    prepared statement: rows built ahead (in a worker process) need no conversion here."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    verb = "insert or replace" if replace else "insert or ignore" if ignore else "insert"
    db.conn.executemany(f'{verb} into "{table}" ({names}) values ({", ".join("?" * len(columns))})', rows)
