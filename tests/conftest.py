"""Shared fixtures: every test runs away from the real home directory and default store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.cli.main import main

SEED = Path(__file__).resolve().parent.parent / "seeds" / "anadolu-2022-02-15-lavrov-blinken-call.txt"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("DATELINE_DB", str(home / "default.db"))
    return home


@pytest.fixture
def seed_db(tmp_path: Path) -> Path:
    """A store holding the bundled seed article, built through the CLI."""
    db = tmp_path / "seed.db"
    assert main(["ingest", str(SEED), "--db", str(db), "--quiet"]) == 0
    return db


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    """Run the CLI and parse its JSON Lines output."""
    capsys.readouterr()
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
