"""The command line checks its own arguments as a user would expect, documents every option with
an example per command, and loads only what a command uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dateline.cli.main import build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def error_of(capsys, *argv: str) -> str:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    error = capsys.readouterr().err
    assert code == 2, error
    assert error.count("\n") == 1 and "Traceback" not in error, error
    return error


@pytest.mark.parametrize("command", ["events", "happenings", "quotes"])
@pytest.mark.parametrize("limit", ["0", "-1", "two"])
def test_a_limit_below_one_is_refused(seed_db: Path, capsys, command: str, limit: str) -> None:
    assert "argument --limit" in error_of(capsys, command, "--db", str(seed_db), "--limit", limit)


def test_quotes_limit_prints_at_most_that_many(seed_db: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["quotes", "--db", str(seed_db)]) == 0
    assert len(capsys.readouterr().out.splitlines()) > 1
    assert main(["quotes", "--db", str(seed_db), "--limit", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_version_prints_the_installed_version(capsys) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out == f"dateline {version('dateline')}\n"


def test_a_reversed_or_unreadable_date_range_is_refused(seed_db: Path, capsys) -> None:
    db = ["--db", str(seed_db)]
    assert "is after --to" in error_of(capsys, "events", *db, "--from", "2022-02-01", "--to", "2022-01-01")
    assert "not a calendar date: 'yesterday'" in error_of(capsys, "events", *db, "--from", "yesterday")
    assert "not a date: '2022-02-30'" in error_of(capsys, "quotes", *db, "--to", "2022-02-30")
    capsys.readouterr()
    assert main(["events", *db, "--from", "15 February 2022", "--to", "Feb 15, 2022"]) == 0  # written out: fine


def test_a_search_opening_with_a_minus_is_read_as_a_search_not_an_option(seed_db: Path, capsys) -> None:
    error = error_of(capsys, "happenings", "--db", str(seed_db), "--search", "-Putin")
    assert "--search '-Putin': NOT needs a word before it" in error  # the search's own rule, not argparse's
    assert "expected one argument" in error_of(capsys, "happenings", "--db", str(seed_db), "--search", "--json")


def test_an_unknown_argument_is_named_by_its_subcommand(seed_db: Path, capsys) -> None:
    error = error_of(capsys, "events", "--db", str(seed_db), "--search", "Putin", "extra")
    assert error.startswith("dateline events: error: unrecognized arguments: extra")
    assert "`dateline events --help` lists the options" in error
    assert error_of(capsys, "--bogus").startswith("dateline: error: unrecognized arguments: --bogus")


@pytest.mark.parametrize(
    ("search", "problem"),
    [
        ("Lavrov OR", "OR needs a word after it"),
        ("NOT Lavrov", "NOT needs a word before it"),
        ('"security guarantees', "a phrase is not closed"),
        ("(Lavrov OR Blinken", "a ( is not closed"),
        ("?!", "there is no word to search for"),
    ],
)
def test_a_search_syntax_error_is_one_line_with_the_syntax(seed_db: Path, capsys, search: str, problem: str) -> None:
    error = error_of(capsys, "events", "--db", str(seed_db), "--search", search)
    assert problem in error and '"a phrase", prefix*, OR, NOT' in error


def texts(capsys, db: Path, search: str) -> list[str]:
    capsys.readouterr()
    assert main(["events", "--db", str(db), "--search", search]) == 0
    return capsys.readouterr().out.splitlines()


def test_search_operators_phrases_and_prefixes_work(seed_db: Path, capsys) -> None:
    blinken = texts(capsys, seed_db, "Blinken")
    kremlin = texts(capsys, seed_db, "Kremlin")
    both = texts(capsys, seed_db, "Blinken OR Kremlin")
    assert blinken and kremlin and set(both) == set(blinken) | set(kremlin) and len(both) > len(blinken)
    without = texts(capsys, seed_db, "Blinken NOT Lavrov")
    assert without and set(without) < set(blinken) and not any("Lavrov" in line for line in without)
    phrase = texts(capsys, seed_db, '"security guarantees"')
    assert phrase and all("security guarantees" in line for line in phrase)
    assert set(texts(capsys, seed_db, "guarant*")) >= set(phrase)
    assert texts(capsys, seed_db, "(Blinken OR Kremlin) AND Lavrov")


def test_every_option_has_a_description_and_every_command_an_example() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, type(parser._subparsers._group_actions[0])))
    assert len(commands.choices) >= 8
    for name, command in commands.choices.items():
        undocumented = [a.option_strings or a.dest for a in command._actions if not a.help]
        assert undocumented == [], name
        assert command.epilog and command.epilog.startswith("example") and "dateline" in command.epilog, name
        assert command.description, name


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [(["--help"], ""), (["events", "--limit", "1"], ""), (["timex", "--published", "2022-02-15"], "Talks end Friday.")],
)
def test_commands_import_only_what_they_use(seed_db: Path, argv: list[str], stdin: str) -> None:
    heavy = (
        "textual",
        "dateparser",
        "trafilatura",
        "warcio",
        "dateline.extract.pipeline",
        "dateline.extract.actors",
        "rich",
    )
    code = (
        "import sys\nfrom dateline.cli.main import main\n"
        f"try:\n    main({[*argv, *(['--db', str(seed_db)] if argv[0] == 'events' else [])]!r})\n"
        "except SystemExit:\n    pass\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True, cwd=ROOT)
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr
    assert result.stdout.strip()


def test_a_file_that_cannot_be_read_is_one_line(tmp_path: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["timex", "--published", "2022-02-15", str(tmp_path / "missing\x1b[2J.txt")]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "cannot read" in error and "No such file" in error and "\x1b" not in error
