"""The seed article through the CLI, on a temporary store: what issue 2 promises users."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from dateline.cli.main import main
from tests.conftest import SEED, run_json


def test_lavrov_blinken_call_is_an_event_on_the_day_with_both_actors(seed_db: Path, capsys) -> None:
    events = run_json(capsys, "events", "--db", str(seed_db), "--json")
    call = [e for e in events if "telephone discussion" in e["text"]]
    assert len(call) == 1
    assert call[0]["date"] == "2022-02-15"
    assert call[0]["granularity"] == "day"
    assert call[0]["date_text"] == "Tuesday"
    assert {"Sergey Lavrov", "Antony Blinken"} <= set(call[0]["actors"])
    assert call[0]["article"]["outlet"] == "Anadolu Agency"
    assert call[0]["article"]["published"] == "2022-02-15"
    assert call[0]["paragraph"] == 1


def test_last_month_and_the_biden_remarks_are_dated(seed_db: Path, capsys) -> None:
    events = run_json(capsys, "events", "--db", str(seed_db), "--json")
    papers = next(e for e in events if "papers shared" in e["text"])
    assert (papers["date"], papers["granularity"], papers["date_text"]) == ("2022-01", "month", "last month")
    remarks = next(e for e in events if "Biden" in e["text"])
    assert (remarks["date"], remarks["granularity"]) == ("2022-02-15T15:30", "time")
    undated = next(e for e in events if e["text"].startswith("Russia has denied"))
    assert undated["date_text"] is None and (undated["date"], undated["date_source"]) == ("2022-02-15", "continued")
    assert next(e["date"] for e in events) == "2022-01", "the timeline is in date order"


def test_quotes_are_attributed_to_price_and_blinken(seed_db: Path, capsys) -> None:
    quotes = run_json(capsys, "quotes", "--db", str(seed_db), "--json")
    by_start = {q["text"][:30]: q["speaker"] for q in quotes}
    assert by_start["He underscored that, while fur"] == "Ned Price"
    assert by_start["continue to pursue a diplomati"] == "Antony Blinken"
    assert by_start["looks forward to receiving Rus"] == "Antony Blinken"
    spanning = next(q for q in quotes if q["text"].startswith("He noted"))
    assert spanning["speaker"] == "Ned Price"
    assert "Secretary Blinken reiterated our ongoing concerns" in spanning["text"], "runs over two paragraphs"
    assert not any(q["text"].startswith("open door policy") for q in quotes), "scare quotes are not speech"


def test_blinken_is_one_actor_with_aliases(seed_db: Path, capsys) -> None:
    actors = run_json(capsys, "actors", "--db", str(seed_db), "--json")
    blinkens = [a for a in actors if "Blinken" in a["name"] or any("Blinken" in x for x in a["aliases"])]
    assert len(blinkens) == 1
    blinken = blinkens[0]
    assert blinken["name"] == "Antony Blinken"
    assert blinken["kind"] == "person"
    assert "US Secretary of State" in blinken["titles"]
    assert {"Blinken", "Secretary Blinken"} <= set(blinken["aliases"])
    assert blinken["mentions"] == 4


def test_filters_narrow_the_timeline(seed_db: Path, capsys) -> None:
    assert len(run_json(capsys, "events", "--db", str(seed_db), "--json", "--actor", "Lavrov")) == 1
    assert len(run_json(capsys, "events", "--db", str(seed_db), "--json", "--search", "telephone")) == 2
    january = run_json(capsys, "events", "--db", str(seed_db), "--json", "--to", "2022-01-31")
    assert [e["date"] for e in january] == ["2022-01"]
    assert len(run_json(capsys, "events", "--db", str(seed_db), "--json", "--from", "2022-02-01")) == 12


def test_ingesting_twice_changes_nothing(seed_db: Path, capsys) -> None:
    def counts() -> dict[str, int]:
        with sqlite3.connect(seed_db) as conn:
            tables = [
                "articles",
                "paragraphs",
                "events",
                "actors",
                "mentions",
                "quotes",
                "date_mentions",
                "event_actors",
            ]
            return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}

    before = counts()
    capsys.readouterr()
    assert main(["ingest", str(SEED), "--db", str(seed_db)]) == 0
    assert "0 articles added, 1 unchanged" in capsys.readouterr().out
    assert counts() == before


def test_export_writes_cited_markdown(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "call.md"
    assert main(["export", "--db", str(seed_db), "-o", str(out)]) == 0
    text = out.read_text()
    assert "## 15 February 2022" in text and "## January 2022" in text
    assert "> — Antony Blinken [^" in text
    assert "[^1]: Anadolu Agency, “Top Russian, American diplomats talk via telephone" in text
    assert "published 2022-02-15, paragraphs 1, 2, 3," in text, "one footnote cites every paragraph of the happening"


def test_the_installed_command_runs_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "e2e.db"
    command = [sys.executable, "-m", "dateline.cli.main"]
    ingest = subprocess.run([*command, "ingest", str(SEED), "--db", str(db)], capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    assert "1 article added" in ingest.stdout
    events = subprocess.run([*command, "events", "--db", str(db)], capture_output=True, text=True)
    assert events.returncode == 0 and "telephone discussion Tuesday" in events.stdout


def test_missing_store_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["events", "--db", str(tmp_path / "nothing.db")]) == 2
    assert "no store at" in capsys.readouterr().err


def test_an_unknown_actor_is_a_clear_error(seed_db: Path, capsys) -> None:
    assert main(["events", "--db", str(seed_db), "--actor", "Nobody Atall"]) == 2
    assert "no actor matches 'Nobody Atall'" in capsys.readouterr().err
