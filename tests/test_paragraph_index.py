"""m016: the paragraphs' full-text index (never searched) is gone from new and upgraded stores, and a
bulk load cut off before the upgrade does not bring its trigger back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from dateline.cli.main import main
from dateline.store.bulk import finish_bulk_load
from dateline.store.schema import migrations, open_store
from tests.conftest import SEED


def _paragraph_index(path: Path) -> list[str]:
    db = sqlite_utils.Database(sqlite3.connect(path))
    names = [
        n
        for (n,) in db.execute(
            "select name from sqlite_master where 'paragraphs' in (name, tbl_name) or name like 'paragraphs_%'"
            " order by name"
        )
    ]
    db.conn.close()
    return names


def test_a_new_store_has_no_paragraph_index(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    assert main(["ingest", str(SEED), "--db", str(path), "--quiet"]) == 0
    assert _paragraph_index(path) == ["paragraphs", "sqlite_autoindex_paragraphs_1"]


def test_an_older_store_loses_it_also_with_a_bulk_load_cut_off(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="m016_no_paragraph_search")
    assert "paragraphs_fts" in db.table_names()
    # a bulk load of an older Dateline cut off: it had let the paragraphs' trigger go, to make it again
    trigger = db.execute("select sql from sqlite_master where name = 'paragraphs_ai'").fetchone()[0]
    db.execute("create table _bulk_load (kind text, name text, sql text)")
    db.execute("insert into _bulk_load values ('trigger', 'paragraphs_ai', ?)", [trigger])
    db.execute("drop trigger paragraphs_ai")
    db.conn.commit()
    db.conn.close()
    upgraded = open_store(path)
    finish_bulk_load(upgraded)
    upgraded.conn.close()
    assert _paragraph_index(path) == ["paragraphs", "sqlite_autoindex_paragraphs_1"]
    assert main(["ingest", str(SEED), "--db", str(path), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["events", "--db", str(path), "--search", "Blinken", "--json"]) == 0
    assert capsys.readouterr().out.count("Blinken") > 1
