"""The writer's own ways of inserting rows store what one row at a time stores."""

from __future__ import annotations

from pathlib import Path

from dateline.store import rows
from dateline.store.ingest import ingest_paths
from dateline.store.schema import open_store


def _article(path: Path, sentences: int) -> Path:
    text = " ".join(
        f"The ministry in Town{i} said on Monday that talks about grain{i} went on." for i in range(sentences)
    )
    path.write_text(f"Many talks\n\nPublished February 15,2022\n\n{text}\n", encoding="utf-8")
    return path


def test_an_articles_events_are_inserted_whole_and_found_by_their_words(tmp_path: Path, monkeypatch) -> None:
    """Events go in many to a statement (`rows.insert_tuples_in_few_statements`), in several statements past
    `ROWS_A_STATEMENT`: every event is stored once and the full-text index finds each by its own word."""
    monkeypatch.setattr(rows, "ROWS_A_STATEMENT", 7)
    db = open_store(tmp_path / "s.db")
    report = ingest_paths(db, [str(_article(tmp_path / "a.txt", 40))], jobs=1)
    assert report.events == db.execute("select count(distinct id) from events").fetchone()[0] > 30
    for (text,) in db.execute("select text from events").fetchall():
        word = next(w for w in text.split() if w.startswith("grain"))
        found = db.execute(
            "select e.text from events_fts f join events e on e.rowid = f.rowid where events_fts match ?", [word]
        )
        assert [row[0] for row in found] == [text]
