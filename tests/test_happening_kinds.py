"""A happening keeps the kinds of occurrence its accounts name, so the writer skips the happenings an
account cannot join; a store from before upgrades with them worked out from its accounts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from dateline.cli.main import main
from tests.test_happenings import ARTICLES, write_articles


def kinds_by_headline(path: Path) -> dict[str, list[str] | None]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("select headline, kinds from happenings").fetchall()
    return {headline: None if kinds is None else sorted(json.loads(kinds)) for headline, kinds in rows}


def test_ingest_keeps_each_happenings_kinds_and_an_older_store_gets_them(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, list(ARTICLES))
    fresh = tmp_path / "fresh.db"
    assert main(["ingest", str(folder), "--db", str(fresh), "--quiet"]) == 0
    kinds = kinds_by_headline(fresh)
    call = next(k for h, k in kinds.items() if "telephone" in h)
    assert call is not None and "call" in call

    old = tmp_path / "old.db"
    assert main(["ingest", str(folder), "--db", str(old), "--quiet"]) == 0
    with sqlite3.connect(old) as conn:  # as the store was before the migration that keeps kinds
        conn.execute("alter table happenings drop column kinds")
        conn.execute("delete from _sqlite_migrations where name = 'm012_happening_kinds'")
        conn.execute("pragma user_version = 11")
    assert main(["ingest", str(folder), "--db", str(old), "--quiet"]) == 0  # nothing new: only the upgrade
    assert kinds_by_headline(old) == kinds
