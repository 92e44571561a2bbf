"""Data never drives a terminal or a renderer: every byte from an article (text, title, outlet,
URL) and every file name reaches the terminal through one sanitiser, JSON output escapes C1
controls too, and the Markdown export escapes every field and is written whole or not at all."""

from __future__ import annotations

import datetime as dt
import json
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from dateline.cli.main import main
from dateline.extract.safe_text import json_line, visible
from tests.helpers_fs import read_only

ESC_TEXT = "Kyiv said on Monday that \x1b]0;pwned\x07talks\x1b[2J failed \x9b31m badly here."
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # anything but the newline that ends a line


def hostile_store(tmp_path: Path, url: str = "https://example.org/a> <script>alert(8)</script>") -> Path:
    source = tmp_path / "hostile.jsonl"
    record = {
        "title": "Title \x1b[31mred\x1b[0m <img src=x onerror=alert(1)>",
        "outlet": "Wire\x1b]8;;http://evil/\x07",
        "published": "2022-03-01",
        "url": url,
        "text": ESC_TEXT + " “We will not \x1b[5mblink\x1b[0m,” Dmytro Kuleba said. [x](javascript:alert(1)) <b>",
    }
    source.write_text(json.dumps(record) + "\n")
    db = tmp_path / "hostile.db"
    assert main(["ingest", str(source), "--db", str(db), "--quiet"]) == 0
    return db


def test_the_sanitiser_shows_controls_and_json_escapes_c1() -> None:
    assert visible("a\x1b[2Jb\x07\x9bc\n\u202e") == "a␛[2Jb␇<U+009B>c␊<U+202E>"
    assert visible("one\ttwo\nthree", keep="\t\n") == "one\ttwo\nthree"
    line = json_line({"text": "x\x1b\x9b\x85\u2028y"})
    assert not RAW_CONTROL.search(line) and "\u2028" not in line
    assert json.loads(line) == {"text": "x\x1b\x9b\x85\u2028y"}


@pytest.mark.parametrize("command", [["events"], ["actors"], ["quotes"]])
def test_plain_listings_show_control_characters_instead_of_obeying_them(tmp_path: Path, capsys, command) -> None:
    db = hostile_store(tmp_path)
    capsys.readouterr()
    assert main([*command, "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert printed.strip()
    assert not RAW_CONTROL.search(printed), repr(printed)
    if command == ["events"]:
        assert "␛]0;pwned␇talks␛[2J failed <U+009B>31m" in printed
        assert "Wire␛]8;;http:" in printed


@pytest.mark.parametrize("command", [["events"], ["actors"], ["quotes"]])
def test_json_output_escapes_every_control_and_keeps_the_text(tmp_path: Path, capsys, command) -> None:
    db = hostile_store(tmp_path)
    capsys.readouterr()
    assert main([*command, "--db", str(db), "--json"]) == 0
    printed = capsys.readouterr().out
    assert not RAW_CONTROL.search(printed), repr(printed)
    records = [json.loads(line) for line in printed.splitlines()]
    if command == ["events"]:
        assert records[0]["text"] == ESC_TEXT  # escaped on the way out, the same text when parsed
        assert records[0]["article"]["outlet"] == "Wire\x1b]8;;http://evil/\x07"


def test_a_file_name_with_escapes_and_a_newline_is_one_visible_error_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "evil\x1b]0;owned\x07\nname.txt"
    bad.write_text("")
    assert main(["ingest", str(bad), "--db", str(tmp_path / "s.db")]) == 1
    errors = capsys.readouterr().err
    assert not RAW_CONTROL.search(errors), repr(errors)
    assert len(errors.splitlines()) == 1
    assert "evil␛]0;owned␇␊name.txt: the file is empty" in errors


def test_argument_errors_echo_what_was_typed_visibly(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["events", "--db", str(tmp_path / "s.db"), "--bogus\x1b[2J"])
    assert exit_.value.code == 2
    assert "--bogus␛[2J" in capsys.readouterr().err


def render(markdown: str) -> str:
    """HTML as a renderer that passes raw HTML through would make it (the dangerous setting)."""
    return MarkdownIt("commonmark", {"html": True}).render(markdown)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a> <script>alert(8)</script>",
        "x> <script>alert(8)</script>",
        "javascript:alert(8)",
        "https://example.org/a>\n\n<script>alert(8)</script>",
        "https://example.org/ok?a=1&b=2#frag",
    ],
)
def test_the_export_writes_no_live_html_or_script_link_whatever_the_url(tmp_path: Path, url: str) -> None:
    db = hostile_store(tmp_path, url)
    out = tmp_path / "out.md"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    markdown = out.read_text(encoding="utf-8")
    assert not RAW_CONTROL.search(markdown), repr(markdown)
    html = render(markdown)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html).__str__()
    links = re.findall(r'href="([^"]*)"', html)
    if url.startswith("https://example.org/ok"):
        assert links == ["https://example.org/ok?a=1&amp;b=2#frag"]
    elif url.startswith("https://"):
        assert len(links) == 1 and " " not in links[0] and "<" not in links[0]
    else:
        assert links == []
    if "alert" in url:
        assert "alert(8)" in html  # the URL is shown, not dropped


def test_export_refuses_to_overwrite_without_force(seed_db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "notes.md"
    out.write_text("my notes\n")
    assert main(["export", "--db", str(seed_db), "-o", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "exists; give --force to overwrite it" in error
    assert out.read_text() == "my notes\n"
    assert main(["export", "--db", str(seed_db), "-o", str(out), "--force"]) == 0
    assert out.read_text().startswith("# Dateline timeline")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def _one_line_failure(capsys, argv: list[str], expected: str) -> None:
    capsys.readouterr()
    code = main(argv)
    error = capsys.readouterr().err
    assert code != 0
    assert error.count("\n") == 1 and "Traceback" not in error, error
    assert expected in error, error


def test_export_os_errors_are_one_line_each(seed_db: Path, tmp_path: Path, capsys) -> None:
    base = ["export", "--db", str(seed_db), "--force", "-o"]
    _one_line_failure(capsys, [*base, str(tmp_path / "missing" / "x.md")], "does not exist")
    _one_line_failure(capsys, [*base, str(tmp_path)], "it is a folder")
    if Path("/dev/full").exists():
        _one_line_failure(capsys, [*base, "/dev/full"], "not a regular file")
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        _one_line_failure(capsys, [*base, str(folder / "x.md")], "cannot write")
    assert list(folder.iterdir()) == []


def test_an_export_cut_short_by_the_disk_leaves_the_old_file_whole(tmp_path: Path) -> None:
    # A file-size limit makes the write fail part-way, as a full disk does (EFBIG instead of ENOSPC).
    db = tmp_path / "big.db"
    article = tmp_path / "big.txt"
    # one happening a day, each its own entry in the export
    days = [dt.date(2010, 1, 1) + dt.timedelta(days=3 * n) for n in range(1500)]
    body = "\n\n".join(f"Talks in Geneva resumed on {d:%B} {d.day}, {d.year}, round {n}." for n, d in enumerate(days))
    article.write_text(f"Wire\nLong talks\nPublished March 3, 2022\n\n{body}\n")
    assert main(["ingest", str(article), "--db", str(db), "--quiet"]) == 0
    out = tmp_path / "old.md"
    out.write_text("the old export\n")
    limit = 64 * 1024

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "export", "--db", str(db), "-o", str(out), "--force"],
        capture_output=True, text=True, preexec_fn=cap, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "File too large" in result.stderr and "nothing was changed" in result.stderr
    assert out.read_text() == "the old export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("big")) == ["old.md"]


async def test_the_app_asks_before_overwriting_an_export(seed_db: Path, tmp_path: Path) -> None:
    from tests.test_app import opened, screen_lines, settle

    out = tmp_path / ("notes-" * 30 + ".md")  # a path longer than the screen is wide
    out.write_text("my notes\n")
    async with opened(seed_db) as (pilot, app):
        bar = app.query_one("#command-bar")
        await pilot.press("e")
        bar.value = str(out)
        await pilot.press("enter")
        await settle(pilot, app)
        assert bar.display and bar.mode == "overwrite"
        assert any("Overwrite the file? (y/N)" in line for line in screen_lines(app)), "the question is on screen"
        await pilot.press("n", "enter")
        await settle(pilot, app)
        assert out.read_text() == "my notes\n"
        await pilot.press("e")
        bar.value = str(out)
        await pilot.press("enter", "y", "enter")
        await settle(pilot, app)
    assert out.read_text().startswith("# Dateline timeline")
