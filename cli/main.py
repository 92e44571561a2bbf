"""The `dateline` command: open the app, or ingest, list, export and tag dates from scripts."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.extract.safe_text import json_line, visible
from dateline.store.errors import DatelineError

if TYPE_CHECKING:  # each command imports what it uses when it runs: `--help` and `timex` stay fast
    from sqlite_utils.db import Database

    from dateline.store.ingest import IngestReport
    from dateline.store.records import EventFilter, HappeningFilter

PROGRESS_THRESHOLD = 5  # more files than this get a progress bar on a terminal


def _date_arg(text: str) -> dt.date:
    """A calendar date: 2022-02-15, or as written ("15 February 2022", "Feb 15, 2022"), with its
    year; words relative to today ("yesterday", "last week") are refused, not silently resolved."""
    if m := re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as error:
            raise argparse.ArgumentTypeError(f"not a date: {text!r} ({error})") from None
    if not re.search(r"(?<!\d)\d{4}(?!\d)", text):
        raise argparse.ArgumentTypeError(f"not a calendar date: {text!r} (give one with its year, like 2022-02-15)")
    from dateline.extract.articles import parse_date  # dateparser, only for dates written out

    parsed = parse_date(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (try YYYY-MM-DD)")
    return parsed


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is not 1 or more")
    return number


def out(line: str) -> None:
    """One line of plain output on stdout: everything that came from data is made visible."""
    print(visible(line))


def err(line: str) -> None:
    """One line on stderr (errors, warnings), through the same sanitiser: a file name or an error
    message that holds escape sequences or a newline is shown, not obeyed."""
    print(visible(line), file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse, with its error lines (which echo what was typed) through the sanitiser."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, visible(f"{self.prog}: error: {message} (`{self.prog} --help` lists the options)") + "\n")

    commands: dict[str, argparse.ArgumentParser] | None = None  # the subcommands' parsers, by name

    def subcommand(self, name: str | None) -> argparse.ArgumentParser:
        """The parser of subcommand `name` (this one for none)."""
        return (self.commands or {}).get(name or "", self)


class _Version(argparse.Action):
    """`--version`: the installed package's version, looked up only when asked for (not at every start)."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # type: ignore[no-untyped-def]
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("dateline")
        except PackageNotFoundError:  # run from a checkout that is not installed
            number = "unknown (not installed)"
        out(f"dateline {number}")
        parser.exit(0)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, help="the store file (default: $DATELINE_DB or the user data folder)")


def _add_outlet_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--outlet",
        action="append",
        default=[],
        metavar="NAME",
        help="keep happenings this outlet reported (repeatable)",
    )
    parser.add_argument(
        "--not-outlet", action="append", default=[], metavar="NAME", help="leave out happenings this outlet reported"
    )


def _add_filters(
    parser: argparse.ArgumentParser,
    actor_help: str = "involving this actor: a name, alias or surname (repeatable: all of them)",
) -> None:
    _add_db(parser)
    parser.add_argument(
        "--from", dest="date_from", type=_date_arg, metavar="DATE", help="on or after this date (2022-02-15)"
    )
    parser.add_argument("--to", dest="date_to", type=_date_arg, metavar="DATE", help="on or before this date")
    parser.add_argument(
        "--actor", action="append", default=[], metavar="NAME", help=actor_help,
    )  # fmt: skip
    parser.add_argument(
        "--search", metavar="TEXT",
        help='full-text search of the sentences: words (all must appear; the last may be a prefix), '
        '"a phrase", prefix*, OR, NOT, AND (upper case), -word (NOT word) and (groups), '
        'e.g. \'"security guarantees" OR Putin\'',
    )  # fmt: skip


def _command(sub, name: str, help: str, examples: list[str]) -> argparse.ArgumentParser:  # type: ignore[no-untyped-def]
    """A subcommand whose --help says what it does and shows how it is used."""
    lines = "\n".join(f"  {example}" for example in examples)
    return sub.add_parser(
        name, help=help, description=help[0].upper() + help[1:] + ".",
        epilog=f"example{'s' if len(examples) > 1 else ''}:\n{lines}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dateline",
        description="Turn news articles into a timeline you can browse, search and cite. "
        "With no command, opens the app on the default store (the bundled sample on first run).",
    )
    parser.add_argument("--version", action=_Version, help="print Dateline's version and exit")
    sub = parser.add_subparsers(dest="command")
    parser.commands = sub.choices

    browse = _command(sub, "browse", "open the app on a store", ["dateline browse --db crisis.db"])
    _add_db(browse)

    ingest = _command(
        sub, "ingest", "add articles (files, folders, globs) to the store",
        ["dateline ingest articles/ --db crisis.db", "dateline ingest 'feeds/*.jsonl' notes.md --published 2022-02-15"],
    )  # fmt: skip
    ingest.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="article files (text, Markdown, HTML, .html.gz, WARC, JSON Lines), folders (read recursively) "
        "or glob patterns",
    )  # fmt: skip
    _add_db(ingest)
    ingest.add_argument("--published", type=_date_arg, help="publication date for articles that have none")
    ingest.add_argument("--quiet", action="store_true", help="print only errors")
    ingest.add_argument(
        "--jobs", type=_positive, default=None, metavar="N",
        help=f"extract in N processes: the writer's and N-1 workers (default: the cores, here {_cores()})",
    )  # fmt: skip
    ingest.add_argument(
        "--dask", metavar="ADDRESS",
        help="extract on the workers of this Dask cluster (tcp://HOST:8786) instead; needs dateline[dask] "
        "installed here and on the workers",
    )  # fmt: skip

    events = _command(
        sub, "events", "print the timeline in date order",
        ["dateline events --from 2022-02-10 --to 2022-02-20 --actor Lavrov",
         "dateline events --search '\"security guarantees\" OR NATO' --json --limit 20"],
    )  # fmt: skip
    _add_filters(events)
    events.add_argument("--json", action="store_true", help="one JSON object per event and line")
    events.add_argument("--limit", type=_positive, metavar="N", help="print at most N events")

    happenings = _command(
        sub, "happenings", "print the happenings (reports of one occurrence merged across articles) in date order",
        ["dateline happenings --from 2022-01-20 --to 2022-01-22 --actor Blinken --not-outlet TASS"],
    )  # fmt: skip
    _add_filters(happenings)
    _add_outlet_filters(happenings)
    happenings.add_argument("--json", action="store_true", help="one JSON object per happening and line")
    happenings.add_argument("--limit", type=_positive, metavar="N", help="print at most N happenings")

    actors = _command(
        sub, "actors", "list actors with their mention counts", ["dateline actors --kind person --sort name"]
    )  # fmt: skip
    _add_db(actors)
    actors.add_argument("--json", action="store_true", help="one JSON object per actor and line")
    actors.add_argument(
        "--sort", choices=["count", "name"], default="count", help="most mentioned first (default), or by name"
    )
    actors.add_argument(
        "--kind", choices=["person", "organisation", "country", "place"], help="only actors of this kind"
    )

    quotes = _command(
        sub, "quotes", "list quotes with their speakers, or attribute quotes in JSON Lines",
        ["dateline quotes --actor Zelensky --from 2022-02-24", "dateline quotes --jsonl docs.jsonl"],
    )  # fmt: skip
    _add_filters(quotes, "said by this actor: a name, alias or surname (repeatable: any of them)")
    quotes.add_argument("--json", action="store_true", help="one JSON object per quote and line")
    quotes.add_argument("--limit", type=_positive, metavar="N", help="print at most N quotes")
    quotes.add_argument(
        "--jsonl", type=Path, metavar="IN.jsonl", help='find quotes in {"doc", "text"} lines (no store)'
    )

    export = _command(
        sub, "export", "write the (filtered) happenings as Markdown with citations",
        ["dateline export --actor Blinken --from 2022-01-01 -o blinken.md",
         "dateline export -o timeline.md --force"],
    )  # fmt: skip
    _add_filters(export)
    _add_outlet_filters(export)
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.md", help="the Markdown file to write"
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE.md if it exists")

    timex = _command(
        sub, "timex", "tag time expressions (no store)",
        ["echo 'Talks resume next Tuesday.' | dateline timex --published 2022-02-15",
         "dateline timex --jsonl docs.jsonl"],
    )  # fmt: skip
    timex.add_argument("file", nargs="?", default=None, help="a text file, or - for stdin (the default)")
    timex.add_argument("--jsonl", type=Path, metavar="IN.jsonl", help='{"doc", "published", "text"} lines')
    timex.add_argument(
        "--published",
        type=_date_arg,
        metavar="DATE",
        help="publication date of the text (relative dates count from it)",
    )

    parse = _command(
        sub, "parse", "show what Dateline reads from files, without storing anything",
        ["dateline parse page.html.gz archive.warc --json"],
    )  # fmt: skip
    parse.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or glob patterns")
    parse.add_argument("--json", action="store_true", help="one JSON object per article, paragraphs included")
    parse.add_argument("--published", type=_date_arg, help="publication date for articles that have none")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(_searches_attached(sys.argv[1:] if argv is None else argv))
    if unknown:  # named by the subcommand's parser, whose --help lists its options
        parser.subcommand(args.command).error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        handler = {
            None: cmd_browse,
            "browse": cmd_browse,
            "ingest": cmd_ingest,
            "events": cmd_events,
            "happenings": cmd_happenings,
            "actors": cmd_actors,
            "quotes": cmd_quotes,
            "export": cmd_export,
            "timex": cmd_timex,
            "parse": cmd_parse,
        }[args.command]
        return handler(args)
    except DatelineError as error:  # the store's, the export's and the command line's own
        err(f"dateline: {error}")
        return error.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:  # Ctrl-C: one line, no traceback (an ingest keeps every article stored whole)
        whole = "; every article stored so far is whole: ingest again to add the rest"
        err(f"dateline: interrupted{whole if args.command == 'ingest' else ''}")
        return 130
    except OSError as error:  # a file named on the command line that cannot be read (timex, --jsonl)
        err(f"dateline: cannot read {error.filename or ''}: {error.strerror or error}")
        return 1


class UsageError(DatelineError):
    """The command line asks for something that is not there; the message says what."""


def _searches_attached(argv: list[str]) -> list[str]:
    """`--search -Putin` as `--search=-Putin`: a search may open with `-` (NOT), which argparse would take for
    an option and refuse ("expected one argument"). A value opening with `--` stays an option."""
    out: list[str] = []
    for arg in argv:
        if out and out[-1] == "--search" and arg.startswith("-") and not arg.startswith("--"):
            out[-1] = f"--search={arg}"
        else:
            out.append(arg)
    return out


def _filter(args: argparse.Namespace, db: Database) -> EventFilter:
    """The filter options, checked (a reversed date range, a search that is not valid) and with
    actor names resolved to actors once, here, not in every query."""
    from dateline.store.queries import SEARCH_SYNTAX, resolve_actor, search_error
    from dateline.store.records import EventFilter

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(f"--from {args.date_from} is after --to {args.date_to}: no date lies between them")
    if args.search is not None and (problem := search_error(db, args.search)):
        raise UsageError(f"--search {args.search!r}: {problem} (a search is {SEARCH_SYNTAX})")
    actor_ids = []
    for name in args.actor:
        actor = resolve_actor(db, name)
        if actor is None:
            raise UsageError(f"no actor matches {name!r} (`dateline actors` lists them)")
        actor_ids.append(actor.id)
    return EventFilter(
        date_from=args.date_from.isoformat() if args.date_from else None,
        date_to=args.date_to.isoformat() if args.date_to else None,
        actor_ids=tuple(actor_ids),
        search=args.search,
    )


def _happening_filter(args: argparse.Namespace, db: Database) -> HappeningFilter:
    from dateline.store.records import HappeningFilter

    events = _filter(args, db)
    outlets, not_outlets = tuple(args.outlet), tuple(args.not_outlet)
    return HappeningFilter(events.date_from, events.date_to, events.actor_ids, outlets, not_outlets, events.search)


def _db_path(args: argparse.Namespace) -> Path:
    from dateline.store.schema import default_db_path

    return args.db or default_db_path()


def _open(args: argparse.Namespace, create: bool = False) -> Database:
    from dateline.store.schema import open_store

    return open_store(_db_path(args), create=create)


def cmd_browse(args: argparse.Namespace) -> int:
    from dateline.store.schema import default_db_path
    from dateline.tui.app import make_app  # textual is only imported when the UI opens

    path = getattr(args, "db", None)
    first_run_seeds = None
    if path is None:
        path = default_db_path()
        if not path.exists():
            from dateline.store.sources import seed_files  # the readers of every format: first run only

            first_run_seeds = seed_files()
    make_app(path, ingest_first=first_run_seeds).run()
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from dateline.store.ingest import ingest_paths

    db = _open(args, create=True)
    with _ProgressBar(enabled=sys.stderr.isatty() and not args.quiet) as bar:
        jobs = args.jobs or _cores()
        report = ingest_paths(db, args.paths, args.published, progress=bar.update, jobs=jobs, dask=args.dask)
    _print_report(report, quiet=args.quiet)
    return 1 if report.failures or report.stopped else 0


class _ProgressBar:
    """A progress bar on stderr that appears only once a batch proves longer than a handful of files."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.progress = None
        self.task = None

    def update(self, done: int, total: int, _source: str) -> None:
        if not self.enabled or total <= PROGRESS_THRESHOLD:
            return
        if self.progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(
                TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True,
                console=Console(stderr=True),
            )  # fmt: skip
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=total)
        self.progress.update(self.task, completed=done)

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


def _print_report(report: IngestReport, quiet: bool) -> None:
    for warning in report.warnings:
        err(f"warning: {warning}")
    for failure in report.failures:
        err(f"error: {failure.source}: {failure.reason}")
    if report.stopped:
        err(f"error: {report.stopped}")
    if not quiet:
        out(report.summary())


def _snapshot(db: Database):  # type: ignore[no-untyped-def]
    from dateline.store.queries import snapshot

    return snapshot(db)


def cmd_events(args: argparse.Namespace) -> int:
    db = _open(args)
    with _snapshot(db):
        _print_events(db, args)
    return 0


def _print_events(db: Database, args: argparse.Namespace) -> None:
    from dateline.store.export import human_period
    from dateline.store.queries import iter_events

    for event in iter_events(db, _filter(args, db), limit=args.limit):
        if args.json:
            print(json_line(event.as_json()))
        else:
            when = human_period(event.date, event.period_end)
            when += " (reported)" if event.date_source == "publication" else ""
            out(f"{when:<32} {event.article.outlet or '':<18.18} {event.text}")


def cmd_happenings(args: argparse.Namespace) -> int:
    from dateline.store.export import human_date, human_period, plural
    from dateline.store.happening_queries import iter_happenings

    db = _open(args)
    with _snapshot(db):  # streamed from one snapshot: a listing never holds the whole store
        for happening in iter_happenings(db, _happening_filter(args, db), limit=args.limit):
            if args.json:
                print(json_line(happening.as_json()))
                continue
            marks = "planned " if happening.planned else ""
            if happening.date_conflicts:
                given = "; ".join(f"{human_date(d)}: {', '.join(o)}" for d, o in happening.date_conflicts)
                marks += f"dates differ ({given}) "
            copies = dict(happening.copy_of)
            outlets = ", ".join(
                dict.fromkeys((a.outlet or "?") + (" (wire copy)" if a.id in copies else "") for a in happening.sources)
            )
            out(f"{human_period(happening.date, happening.period_end):<24} {happening.headline}")
            out(f"{'':<24} {marks}{plural(len(happening.sources), 'source')}: {outlets}")
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    from dateline.store.queries import list_actors

    db = _open(args)
    for actor in list_actors(db, order=args.sort, kind=args.kind):
        if args.json:
            print(json_line(actor.as_json()))
        else:
            title = f" ({actor.titles[0]})" if actor.titles else ""
            out(f"{actor.mentions:>5}  {actor.kind:<12} {actor.name}{title}")
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    if args.jsonl:
        return _quotes_jsonl(args.jsonl)
    from dateline.store.queries import list_quotes

    db = _open(args)
    with _snapshot(db):
        flt = _filter(args, db)
        # --actor names who said the words, not who the sentence around them names
        quotes = list_quotes(db, replace(flt, actor_ids=()), speaker_ids=flt.actor_ids, limit=args.limit or -1)
    for quote in quotes:
        if args.json:
            record = {
                "id": quote.id,
                "speaker": quote.speaker,
                "speaker_kind": quote.speaker_kind,
                "via": quote.via,
                "text": quote.text,
                "date": quote.sort_key[:10],  # of the report it belongs to (else the article's publication)
                "article": quote.article.as_json(),
                "paragraph": quote.paragraph + 1,
                "event_id": quote.event_id,
            }
            print(json_line(record))
        else:
            via = f" (via {quote.via})" if quote.via else ""
            out(
                f"{quote.sort_key[:10]}  {quote.speaker or 'unattributed'}{via}: “{quote.text}” "
                f"({quote.article.outlet}, published {quote.article.published})"
            )
    return 0


def _quotes_jsonl(path: Path) -> int:
    from dateline.extract.actors import find_actors
    from dateline.extract.quotes import find_quotes

    for line in _read_lines(path):
        doc = json.loads(line)
        text = doc["text"]
        actors, mentions = find_actors(text)
        names = {a.key: a.name for a in actors}
        for quote in find_quotes(text, actors, mentions):
            for start, end in quote.parts or ((quote.start, quote.end),):  # one line per quoted stretch
                record = {
                    "doc": doc["doc"] if "doc" in doc else doc.get("id"),
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    "speaker": names.get(quote.speaker_key or "", quote.speaker_name),
                    "speaker_kind": quote.speaker_kind,
                    "via": quote.via,
                    "speaker_start": quote.speaker_start,
                    "speaker_end": quote.speaker_end,
                }
                print(json_line(record))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from dateline.store.export import export_happenings_markdown, plural, safe_write_text
    from dateline.store.happening_queries import iter_happenings

    db = _open(args)
    with _snapshot(db):
        happenings = list(iter_happenings(db, _happening_filter(args, db)))
    safe_write_text(args.output, export_happenings_markdown(happenings), force=args.force)
    out(f"wrote {plural(len(happenings), 'happening')} to {args.output}")
    return 0


def cmd_timex(args: argparse.Namespace) -> int:
    from dateline.extract.timex import tag_times

    if args.jsonl:
        for line in _read_lines(args.jsonl):
            doc = json.loads(line)
            published = _date_arg(str(doc.get("published") or doc.get("dct"))[:10])
            for timex in tag_times(doc["text"], published):
                print(json_line({"doc": doc["doc"], **_timex_json(timex)}))
        return 0
    if args.published is None:
        err("dateline timex: --published DATE is required for a single text")
        return 2
    text = sys.stdin.read() if args.file in (None, "-") else Path(args.file).read_text(encoding="utf-8")
    for timex in tag_times(text, args.published):
        print(json_line(_timex_json(timex)))
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    from dateline.extract.articles import ArticleError
    from dateline.store.sources import read_articles

    failed = False
    for source, result, warning in read_articles(args.paths):
        if warning:
            err(f"warning: {warning}")
        if isinstance(result, ArticleError):
            err(f"error: {source}: {result}")
            failed = True
            continue
        published, published_source = result.published, result.published_source
        if published is None and args.published:
            published, published_source = args.published, "given"
        record = {
            "file": source,
            "format": result.format,
            "title": result.title,
            "outlet": result.outlet,
            "author": result.author,
            "published": published.isoformat() if published else None,
            "published_source": published_source,
            "url": result.url,
            "captured": result.captured,
            "paragraphs": [p.text for p in result.paragraphs],
        }
        if args.json:
            print(json_line(record))
        else:
            when = f"{record['published']} ({published_source})" if published else "no date"
            about = " | ".join(str(record[key]) for key in ("title", "outlet", "author") if record[key])
            fields = (source, result.format, when, about, f"{len(result.paragraphs)} paragraphs")
            print("\t".join(visible(field) for field in fields))  # tab-separated: a tab in a field is shown
    return 1 if failed else 0


def _timex_json(timex) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {"start": timex.start, "end": timex.end, "text": timex.text, "type": timex.type, "value": timex.value}


def _read_lines(path: Path):  # type: ignore[no-untyped-def]
    stream = sys.stdin if str(path) == "-" else path.open(encoding="utf-8")
    with stream:
        for line in stream:
            if line.strip():
                yield line


if __name__ == "__main__":
    sys.exit(main())
