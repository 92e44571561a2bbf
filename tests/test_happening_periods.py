"""A happening whose accounts give a period ("from February 10 to 20") covers the whole of it: a date filter
from the period's last day keeps it, in the command line and the app's reader alike."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dateline.cli.main import main
from dateline.store.records import HappeningFilter
from dateline.store.schema import open_store
from dateline.store.timeline import TimelineReader
from tests.conftest import run_json

DRILLS = (
    "{outlet}\nDrills begin\nPublished February 9, 2022\n\n"
    "Russia and Belarus will hold joint military exercises from February 10 to 20, the defence ministry said "
    "on Wednesday.\n"
)


def _store(tmp_path: Path, outlets: tuple[str, ...] = ("Harbour Wire",)) -> Path:
    db = tmp_path / "s.db"
    for number, outlet in enumerate(outlets):
        article = tmp_path / f"a{number}.txt"
        article.write_text(DRILLS.format(outlet=outlet) + f"Officials gave details {number}.\n", encoding="utf-8")
        assert main(["ingest", str(article), "--db", str(db), "--quiet"]) == 0
    return db


def _drills(capsys, db: Path, *filters: str) -> list[dict]:
    found = run_json(capsys, "happenings", "--db", str(db), "--json", *filters)
    return [h for h in found if "exercises" in h["headline"]]


def test_a_happening_of_a_period_is_kept_by_a_filter_from_its_last_day(tmp_path: Path, capsys) -> None:
    db = _store(tmp_path)
    capsys.readouterr()
    assert [h["date"] for h in _drills(capsys, db, "--from", "2022-02-20")] == ["2022-02-10"]
    assert _drills(capsys, db, "--from", "2022-02-21") == []
    reader = TimelineReader(db)
    rows = reader.rows_after(HappeningFilter(date_from="2022-02-20"), None, 10)
    assert any("exercises" in row.headline for row in rows)
    reader.close()


def test_the_period_stays_when_other_outlets_report_its_start_only(tmp_path: Path, capsys) -> None:
    """A later report that gives only the first day joins the stored happening, which brings the end it kept."""
    db = _store(tmp_path)
    later = tmp_path / "later.txt"
    later.write_text(
        "Northern Ledger\nDrills start\nPublished February 10, 2022\n\nRussia and Belarus began joint military "
        "exercises on Thursday, the defence ministry said.\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(later), "--db", str(db), "--quiet"]) == 0
    capsys.readouterr()
    (drills,) = _drills(capsys, db, "--from", "2022-02-20")
    assert len(drills["sources"]) == 2


def test_an_older_store_gets_its_happenings_periods_on_upgrading(tmp_path: Path, capsys) -> None:
    db = _store(tmp_path)
    with sqlite3.connect(db) as conn:  # as Dateline left them before m019: the date's own last day
        conn.execute("update happenings set period_end = substr(sort_key, 1, 10)")
        conn.execute("update happening_days set reach = day")
        conn.execute("delete from _sqlite_migrations where name = 'm019_happening_periods'")
        conn.execute("pragma user_version = 18")
    open_store(db).close()
    with sqlite3.connect(db) as conn:
        assert ("2022-02-10", "2022-02-20") in conn.execute("select date_value, period_end from happenings").fetchall()
        assert conn.execute("select reach from happening_days where day = '2022-02-10'").fetchone() == ("2022-02-20",)
    capsys.readouterr()
    assert len(_drills(capsys, db, "--from", "2022-02-20")) == 1


def test_events_and_happenings_show_the_period(tmp_path: Path, capsys) -> None:
    db = _store(tmp_path)
    capsys.readouterr()
    assert main(["events", "--db", str(db), "--from", "2022-02-20"]) == 0
    assert capsys.readouterr().out.startswith("10–20 February 2022 ")
    assert main(["happenings", "--db", str(db), "--from", "2022-02-20"]) == 0
    assert capsys.readouterr().out.startswith("10–20 February 2022 ")
    (drills,) = _drills(capsys, db, "--from", "2022-02-20")
    assert (drills["date"], drills["period_end"]) == ("2022-02-10", "2022-02-20")
    events = run_json(capsys, "events", "--db", str(db), "--json", "--from", "2022-02-20")
    assert [(e["date"], e["period_end"]) for e in events] == [("2022-02-10", "2022-02-20")]


def test_a_period_is_written_as_people_write_it() -> None:
    from dateline.store.export import human_period

    assert human_period("2022-02-10", "2022-02-20") == "10–20 February 2022"
    assert human_period("2022-02-28", "2022-03-03") == "28 February – 3 March 2022"
    assert human_period("2021-12-30", "2022-01-02") == "30 December 2021 – 2 January 2022"
    assert human_period("2022-02-10", "2022-02-10") == "10 February 2022"
    assert human_period("2022-02", "2022-02-28") == "February 2022"  # a month's own last day: no period
    assert human_period("2022-02-10T15:30", None) == "10 February 2022, 15:30"


def test_the_export_gives_the_period_under_its_first_day(tmp_path: Path, capsys) -> None:
    db = _store(tmp_path)
    out = tmp_path / "out.md"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "## 10 February 2022" in text and "- _(10–20 February 2022)_ _(planned)_ Russia and Belarus" in text
