"""Bad input gets one clear line on stderr, never stops the batch and never half-stores."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import dateline.store.sources
from dateline.cli.main import main
from tests.conftest import SEED

GOOD_TEXT = """Example Outlet
Talks resume in Geneva
Published March 3, 2022
https://example.org/talks

Negotiators met in Geneva on Wednesday, officials said.

The next round is planned for next week.
"""


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"select count(*) from {table}").fetchone()[0]


def test_a_batch_with_bad_files_ingests_the_good_ones_and_names_the_bad(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (folder / "dateless.txt").write_text(
        "Some Outlet\nA headline without a date\n\nA body paragraph that says things.\n"
    )
    (folder / "broken.jsonl").write_text(
        json.dumps({"title": "Fine", "published": "2022-03-01", "text": "Kyiv said on Monday that talks failed."})
        + "\n{not json\n"
    )
    db = tmp_path / "batch.db"
    assert main(["ingest", str(folder), "--db", str(db)]) == 1
    captured = capsys.readouterr()
    errors = captured.err.splitlines()
    assert any("empty.txt: the file is empty" in line for line in errors)
    assert any("binary.txt: the file is binary" in line for line in errors)
    assert any("dateless.txt: no publication date found" in line for line in errors)
    assert any("broken.jsonl:2: not valid JSON" in line for line in errors)
    assert "2 articles added, 0 unchanged, 4 failed" in captured.out
    assert count(db, "articles") == 2


def test_published_option_dates_a_dateless_article(tmp_path: Path) -> None:
    dateless = tmp_path / "dateless.txt"
    dateless.write_text("Some Outlet\nA headline\n\nThe minister spoke on Friday about the crisis.\n")
    db = tmp_path / "d.db"
    assert main(["ingest", str(dateless), "--db", str(db), "--published", "2022-02-18"]) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("select published, published_given from articles").fetchone() == ("2022-02-18", 1)
        assert conn.execute("select date_value from events").fetchone() == ("2022-02-18",)


def test_non_utf8_is_read_with_a_fallback_and_says_so(tmp_path: Path, capsys) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(GOOD_TEXT.replace("Geneva", "Genève").encode("cp1252"))
    db = tmp_path / "l.db"
    assert main(["ingest", str(latin), "--db", str(db)]) == 0
    assert "not valid UTF-8; read it as cp1252" in capsys.readouterr().err
    with sqlite3.connect(db) as conn:
        assert "Genève" in conn.execute("select text from paragraphs where idx = 0").fetchone()[0]


def test_a_western_file_is_named_windows_1252_when_that_reads_it(tmp_path: Path, capsys) -> None:
    """ "Café" reads the same in cp1250 and cp1252: the guesser may name either; the warning names cp1252."""
    cafe = tmp_path / "cafe.txt"
    cafe.write_bytes(GOOD_TEXT.replace("Geneva", "the Café Central").encode("cp1252"))
    assert main(["ingest", str(cafe), "--db", str(tmp_path / "c.db")]) == 0
    assert "not valid UTF-8; read it as cp1252" in capsys.readouterr().err


def test_huge_files_are_refused(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dateline.store.sources, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text(GOOD_TEXT * 5)
    assert main(["ingest", str(big), "--db", str(tmp_path / "b.db")]) == 1
    assert "the file is too large" in capsys.readouterr().err


def test_missing_paths_and_empty_globs_are_named(tmp_path: Path, capsys) -> None:
    assert main(["ingest", str(tmp_path / "nope.txt"), str(tmp_path / "*.none"), "--db", str(tmp_path / "m.db")]) == 1
    err = capsys.readouterr().err
    assert "nope.txt: no such file or folder" in err and "no file matches this pattern" in err


def test_markdown_html_and_jsonl_articles(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Markdown piece\noutlet: Blog\npublished: 2022-02-20\nurl: https://x.org/md\n---\n"
        "# Heading\n\nThe **army** said on Sunday it had [withdrawn](https://x.org).\n"
    )
    (tmp_path / "b.html").write_text(
        "<html><head><title>T</title><meta property='og:site_name' content='Paper'>"
        "<meta property='article:published_time' content='2022-02-21T10:00:00Z'></head>"
        "<body><nav>Menu</nav><article><h1>HTML piece</h1><p>Troops moved on Monday.</p>"
        "<p>Subscribe</p></article></body></html>"
    )
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"title": "J1", "outlet": "Wire", "published": "2022-02-22", "url": None, "text": "One.\n\nTwo."})
        + "\n"
    )
    db = tmp_path / "f.db"
    assert main(["ingest", str(tmp_path), "--db", str(db), "--quiet"]) == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select title, outlet, published, format from articles order by published").fetchall()
        assert rows == [
            ("Markdown piece", "Blog", "2022-02-20", "markdown"),
            ("HTML piece", "Paper", "2022-02-21", "html"),
            ("J1", "Wire", "2022-02-22", "jsonl"),
        ]
        md = conn.execute(
            "select text from paragraphs p join articles a on a.id = p.article_id where format='markdown'"
        ).fetchall()
        assert md == [("The army said on Sunday it had withdrawn.",)]
        html = conn.execute(
            "select count(*) from paragraphs p join articles a on a.id = p.article_id where format='html'"
        ).fetchone()
        assert html == (1,), "boilerplate paragraphs are dropped"


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import dateline.store.ingest as ingest
    def write_then_die(db, rows, *args, **kwargs):
        article_id = rows.article_id
        # Die with SIGKILL in the middle of the article's transaction: the article row and its
        # paragraphs are written, the events are not.
        db["articles"].insert({"id": article_id, "title": "partial", "published": "2022-01-01"})
        db["paragraphs"].insert_all({"article_id": article_id, "idx": i, "text": "x"} for i in range(3))
        os.kill(os.getpid(), signal.SIGKILL)
    ingest.write_rows = write_then_die
    from dateline.cli.main import main
    main(["ingest", sys.argv[1], "--db", sys.argv[2]])
    """
)


def test_a_process_killed_during_ingest_leaves_no_partial_article(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    assert main(["ingest", str(SEED), "--db", str(db), "--quiet"]) == 0
    other = tmp_path / "other.txt"
    other.write_text(GOOD_TEXT)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    result = subprocess.run([sys.executable, "-c", KILLER, str(other), str(db)], env=env, capture_output=True)
    assert result.returncode == -signal.SIGKILL
    assert count(db, "articles") == 1
    assert count(db, "paragraphs") == 12
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    # and the article goes in whole on the next try
    assert main(["ingest", str(other), "--db", str(db), "--quiet"]) == 0
    assert count(db, "articles") == 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_whose_name_is_not_utf8_is_stored_under_a_name_that_says_so(tmp_path: Path, jobs: int) -> None:
    """A file named in Latin-1 among others: its article is stored, named with the byte that is not UTF-8
    written out (\\xe9); it stopped the batch with a traceback, the articles of the open batch unstored."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_TEXT)
    try:
        odd = Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.txt"))
        odd.write_text(GOOD_TEXT.replace("Geneva", "Vienna"))
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    (folder / "z.txt").write_text(GOOD_TEXT.replace("Geneva", "Minsk"))
    db = tmp_path / "s.db"
    assert main(["ingest", str(folder), "--db", str(db), "--quiet", "--jobs", str(jobs)]) == 0
    with sqlite3.connect(db) as conn:
        sources = sorted(row[0] for row in conn.execute("select source from articles"))
    assert sources == [str(folder / "a.txt"), str(folder) + "/caf\\xe9.txt", str(folder / "z.txt")]


def test_a_bad_line_of_a_gzipped_feed_is_named_as_in_a_plain_one(tmp_path: Path) -> None:
    """FILE:LINE and the reason, as for a .jsonl; it was 'FILE: FILE:LINE: reason'."""
    import gzip

    from dateline.store.sources import read_file

    lines = "\n".join(['{"title": "T", "published": "2022-03-01", "text": "Kyiv said on Monday."}', "{not json"])
    (tmp_path / "plain.jsonl").write_text(lines + "\n")
    (tmp_path / "packed.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    (tmp_path / "bare").write_text(lines + "\n")
    read = {name: list(read_file(tmp_path / name)) for name in ("plain.jsonl", "packed.jsonl.gz", "bare")}
    for name, results in read.items():
        assert [source for source, _, _ in results] == [f"{tmp_path / name}:1", f"{tmp_path / name}:2"]
        assert str(results[1][1]) == str(read["plain.jsonl"][1][1])
