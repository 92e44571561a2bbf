"""`bulk_load` builds the store's indexes and full-text indexes once at the end: the store it leaves is
the one writing row by row leaves (schema, rows, counts, search results)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.store.bulk import bulk_load, finish_bulk_load
from dateline.store.ingest import ingest_paths
from dateline.store.records import HappeningFilter
from dateline.store.schema import open_store
from dateline.store.timeline import TimelineReader
from tests.crisis_store import ARTICLES

WORDS = ["security", "Geneva", "drills", "sanctions", "Lavrov", "hospital"]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The articles, one file both ways read (its path is stored with each article)."""
    path = tmp_path_factory.mktemp("source") / "crisis.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n")
    return str(path)


def _contents(path: Path) -> dict[str, object]:
    """Everything a store holds that a reader can see: its schema, every table's rows (but when each
    article was written), what each word finds, the kept counts."""
    db = open_store(path)  # the integrity check writes
    schema = db.execute(
        "select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by type, name"
    ).fetchall()
    tables = {}
    for (name,) in db.execute("select name from sqlite_master where type = 'table' and name not like '%fts%'"):
        if name in ("_sqlite_migrations", "happening_numbers"):  # labels, compared through what they label:
            continue  # written row by row, happenings since merged away were numbered too
        columns = [c for c in db[name].columns_dict if c not in ("ingested_at", "happening_number")]
        listed = ", ".join(f'"{c}"' for c in columns)
        tables[name] = db.execute(f'select {listed} from "{name}" order by {listed}').fetchall()
    tables["events numbered otherwise than their happening"] = db.execute(
        "select count(*) from event_happenings m left join happening_numbers n on n.n = m.happening_number"
        " where n.id is not m.happening_id"
    ).fetchall()
    found = {}
    for word in WORDS:
        found[word] = db.execute(
            "select rowid from events_fts where events_fts match ? order by rowid", [word]
        ).fetchall()
    db.execute("insert into events_fts(events_fts) values ('integrity-check')")  # raises when the index is not whole
    db.close()
    return {"schema": schema, "tables": tables, "found": found}


@pytest.fixture(scope="module")
def row_by_row(tmp_path_factory: pytest.TempPathFactory, source: str) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("rows")
    db = open_store(folder / "rows.db")
    ingest_paths(db, [source])
    db.close()
    return _contents(folder / "rows.db")


def test_a_bulk_load_leaves_the_store_writing_row_by_row_leaves(tmp_path: Path, source: str, row_by_row: dict) -> None:
    db = open_store(tmp_path / "bulk.db")
    with bulk_load(db):
        assert not db.execute("select * from sqlite_master where name = 'idx_events_sort_key_id'").fetchall()
        ingest_paths(db, [source])
    db.close()
    bulk = _contents(tmp_path / "bulk.db")
    assert bulk["tables"]["happenings"]  # something was written
    assert any(bulk["found"].values())
    assert bulk == row_by_row
    assert TimelineReader(tmp_path / "bulk.db").count(HappeningFilter(search="security")) > 0


def test_a_bulk_load_cut_off_is_finished_by_the_next_one(tmp_path: Path, source: str, row_by_row: dict) -> None:
    killed = (  # a load whose process ends inside the block, as a killed one does
        "import os, sys\n"
        "from dateline.store.bulk import bulk_load\n"
        "from dateline.store.ingest import ingest_paths\n"
        "from dateline.store.schema import open_store\n"
        "db = open_store(sys.argv[1])\n"
        "with bulk_load(db):\n"
        "    ingest_paths(db, [sys.argv[2]])\n"
        "    os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", killed, str(tmp_path / "bulk.db"), source], check=True)
    assert _contents(tmp_path / "bulk.db") != row_by_row  # no indexes, words not found
    db = open_store(tmp_path / "bulk.db")
    finish_bulk_load(db)
    db.close()
    assert _contents(tmp_path / "bulk.db") == row_by_row


def test_an_error_inside_a_bulk_load_leaves_the_store_whole(tmp_path: Path, source: str, row_by_row: dict) -> None:
    db = open_store(tmp_path / "bulk.db")
    with pytest.raises(RuntimeError), bulk_load(db):
        ingest_paths(db, [source])
        raise RuntimeError("cut off")
    db.close()
    assert _contents(tmp_path / "bulk.db") == row_by_row
