"""A bulk load writes each article's accounts as happenings of its own (`join_stored=False`), worked out in
the writer or ahead in a worker (`own_happenings`): the store is the one the joining writer leaves when no
account of one article resembles another article's."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic_store import made_article, pools
from dateline.store.happenings import own_happenings
from dateline.store.schema import open_store, write_transaction
from dateline.store.writer import ArticleRows, article_rows, write_rows


@pytest.fixture(scope="module")
def articles() -> list[ArticleRows]:
    people, orgs = pools()
    return [article_rows(*made_article(number, people, orgs, 20)) for number in range(40)]


def _rows(path: Path) -> dict[str, list]:
    db = open_store(path)
    tables = {}
    for name, sql in db.execute(
        "select name, sql from sqlite_master where type = 'table' and name not like '%fts%'"
        " and name != '_sqlite_migrations'"
    ):
        columns = ", ".join(f'"{c}"' for c in db[name].columns_dict if c != "ingested_at")
        rowid = "" if "without rowid" in sql.lower() else "rowid, "  # rowids too: the same rows written in order
        tables[name] = sorted(db.execute(f'select {rowid}{columns} from "{name}"').fetchall(), key=repr)
    db.close()
    return tables


def _written(path: Path, articles: list[ArticleRows], **how: object) -> dict[str, list]:
    db = open_store(path)
    with write_transaction(db):
        for rows in articles:
            own = own_happenings(rows.segments, rows.headlines, rows.outlet) if how.get("ahead") else None
            write_rows(db, rows, join_stored=bool(how.get("join_stored", True)), own=own)
    db.close()
    return _rows(path)


def test_own_happenings_are_those_the_joining_writer_makes(tmp_path: Path, articles: list[ArticleRows]) -> None:
    joined = _written(tmp_path / "joined.db", articles)
    assert len(joined["happenings"]) > 300
    assert _written(tmp_path / "own.db", articles, join_stored=False) == joined
    assert _written(tmp_path / "ahead.db", articles, join_stored=False, ahead=True) == joined
