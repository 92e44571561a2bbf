"""Who said what: speakers by the grammar of reported speech, their kind, and who relayed them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from extract.actors import find_actors
from extract.quotes import find_quotes
from store.schema import migrations, open_store
from tests.conftest import run_json
from tui.cli import main


def speakers(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(quoted words, speaker's name, speaker kind, via) for every quote in `text`."""
    actors, mentions = find_actors(text)
    names = {a.key: a.name for a in actors}
    return [
        (q.text, names.get(q.speaker_key or "", q.speaker_name), q.speaker_kind, q.via)
        for q in find_quotes(text, actors, mentions)
    ]


def test_a_person_speaker_has_kind_person() -> None:
    text = 'Foreign Minister Anna Kowalczyk said: "We will not bow to threats."'
    assert speakers(text) == [("We will not bow to threats.", "Anna Kowalczyk", "person", None)]


def test_store_upgrade_adds_speaker_kind_and_via(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="m006_quote_speaker_kind")
    assert "speaker_kind" not in db["quotes"].columns_dict
    db.conn.close()
    upgraded = open_store(path)
    assert {"speaker_kind", "via"} <= set(upgraded["quotes"].columns_dict)


def test_quotes_json_carries_speaker_kind_and_via(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Example Times\nTalks stall\nPublished March 3, 2022\nhttps://example.com/a\n\n"
        'Foreign Minister Anna Kowalczyk said: "We will not bow to threats."\n',
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    assert main(["ingest", str(article), "--db", str(db), "--quiet"]) == 0
    (record,) = run_json(capsys, "quotes", "--db", str(db), "--json")
    assert record["speaker"] == "Anna Kowalczyk"
    assert record["speaker_kind"] == "person"
    assert record["via"] is None
