"""Build a large store of happenings for benchmarks, through the store's own write path.

    python bench/synthetic_store.py --happenings 1000000 --db /tmp/1m.db

Articles are digests in the style of crisis reporting: each tells of occurrences on many days before its
publication date, one sentence each, naming people (twenty thousand, with titles), organisations
and a place of its own (a made-up town), some with quotes. Extraction is skipped: each article comes with
its extraction, built here, and is stored by `dateline.store.writer.write_extraction`, the function
`dateline ingest` stores every article with: paragraphs, events and their full-text index, actors
merged, mentions, quotes, accounts made into happenings, the triggers that keep the counts.

Every occurrence is new (a town of its own), so the articles are written with `join_stored=False`: their
accounts are not compared with the stored happenings within a day of them, a comparison whose cost grows
with the happenings a day holds (`bench/merge_cost.py` measures it) and which finds almost nothing to join
here (a build that compares, `--join-stored`, joins 0.1 % of them at 15,000 happenings). With
`--join-stored` one occurrence in ten is also told again by a later article of another outlet, so
happenings gather sources: the store `dateline ingest` would build, slowly. It stops once the store holds
the happenings asked for; the dates span `--years` (20 by default).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import itertools
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dateline.extract.articles import make_paragraphs
from dateline.extract.model import DATE_STATED, Actor, ActorMention, Article, Event, Extraction, Quote
from dateline.store.bulk import bulk_load
from dateline.store.collector import collect_as_before, collect_less
from dateline.store.happenings import OwnHappening, own_happenings
from dateline.store.schema import open_store, write_transaction
from dateline.store.writer import ArticleRows, article_rows, write_extraction, write_rows

FIRST = """Anna Boris Carla Dmitri Elena Farid Greta Hassan Irina Jonas Karim Lena Mikhail Nadia Oleg Pavel
Quentin Rosa Sergei Tamara Ulrich Vera Walter Xenia Yuri Zofia Adam Bianca Cyril Dana Emil Fiona Gustav Hanna
Igor Julia Kostas Lidia Marek Nina Omar Petra Rafael Sofia Taras Ursula Viktor Wanda Yana Zoran""".split()
TITLES = ["Foreign Minister", "Defense Minister", "President", "Prime Minister", "Ambassador", "spokesman",
          "Secretary of State", "General", "Senator", "Chancellor"]  # fmt: skip
ORG_HEADS = ["Ministry", "Council", "Agency", "Committee", "Commission", "Institute", "Bank", "Forces"]
OUTLETS = ["Wire", "Daily", "Herald", "Post", "Courier", "Gazette", "Tribune", "Monitor"]
ACTS = ["met", "visited", "called", "warned", "signed an accord with", "hosted", "criticised", "thanked"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
SYLLABLES = "ba ko ri ta lu me so vi da ne pa zu go fi ha mo ke li ru sa te no pi du".split()
ENDINGS = ["enko", "ovic", "escu", "berg", "mann", "ides", "ski", "son"]
TOPICS = ["security", "energy", "the border", "sanctions", "grain", "the talks", "refugees", "the ceasefire"]
TOLD_AGAIN = 0.1  # share of occurrences a later article of another outlet tells again
SPAN_DAYS = 30  # an article tells of occurrences up to this many days before its publication


def made_up(rng: random.Random, syllables: int = 3) -> str:
    """A word no dictionary has: what keeps one occurrence's words apart from another's."""
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def pools() -> tuple[list[tuple[str, str]], list[str]]:
    """Twenty thousand people and as many organisations, names made up (a person recurs about once a year
    of the store's span): occurrences a day apart rarely share one, so each stays a happening of its own."""
    rng = random.Random(1)
    people = [(f"{rng.choice(FIRST)} {made_up(rng)}{rng.choice(ENDINGS)}", rng.choice(TITLES)) for _ in range(20_000)]
    orgs = [f"{made_up(rng)} {rng.choice(ORG_HEADS)}" for _ in range(20_000)]
    return people, orgs


BATCH = 200  # articles a transaction


def build(db_path: Path, happenings_wanted: int, years: int = 20, join_stored: bool = False, jobs: int = 2) -> None:
    db = open_store(db_path)
    db.execute("PRAGMA synchronous = OFF")  # a benchmark store: a crash means building it again
    db.execute("PRAGMA cache_size = -1000000")  # 1 GB of page cache: the indexes stay in memory
    # The cycle collector looks at the rows in flight only every 500,000 new objects, and never at what
    # the process held before (the worker processes, forked after, alike): at 100,000 happenings it took
    # 3.7-4.9 s of the writer's 22-28 s of CPU in ~5,000 collections; so, 0.2 s in one (writer 20-22 s,
    # workers 16-17 s against 18-22 s; load 4-5). The rows make no cycles to speak of.
    collector = collect_less(500_000)  # set back after: a test (or another caller) goes on in this process
    try:
        started, cpu = time.perf_counter(), os.times()
        if join_stored:
            build_joined(db, happenings_wanted, years, started)
        else:
            with bulk_load(db):  # indexes and full-text indexes built once, at the end
                write_batches(db, happenings_wanted, years, jobs, started)
                print(f"\nbuilding the indexes, {time.perf_counter() - started:.0f} s", file=sys.stderr)
                indexing = os.times()
            print(f"built, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    finally:
        collect_as_before(collector)
    db.execute("analyze")
    db.close()
    done = os.times()
    print(
        f"{time.perf_counter() - started:.0f} s; CPU {done.user + done.system - cpu.user - cpu.system:.0f} s in this"
        f" process (writing the rows{'' if join_stored else ', then building the indexes'}"
        + ("" if join_stored else f": {done.user + done.system - indexing.user - indexing.system:.0f} s")
        + f") + {done.children_user + done.children_system - cpu.children_user - cpu.children_system:.0f} s in the"
        f" workers; load {os.getloadavg()[0]:.1f} at the end",
        file=sys.stderr,
    )


def write_batches(db, happenings_wanted: int, years: int, jobs: int, started: float) -> None:  # type: ignore[no-untyped-def]
    """Articles made and turned into rows in `jobs` worker processes (each article from its number alone),
    written in order by this one, `BATCH` to a transaction, until the store holds the happenings wanted."""
    batches = (range(start, start + BATCH) for start in itertools.count(0, BATCH))
    with multiprocessing.Pool(jobs, initializer=_start_worker, initargs=(years,)) as pool:
        ahead = collections.deque(pool.apply_async(_batch_rows, [next(batches)]) for _ in range(2 * jobs))
        for number in itertools.count(1):
            batch = ahead.popleft().get()
            ahead.append(pool.apply_async(_batch_rows, [next(batches)]))  # a few batches made ahead, no more
            with write_transaction(db):
                for rows, own in batch:
                    write_rows(db, rows, join_stored=False, own=own)
            stored = db.execute("select n from happening_total").fetchone()[0]
            elapsed = time.perf_counter() - started
            print(f"\r{stored:,} happenings, {number * BATCH:,} articles, {elapsed:.0f} s", end="", file=sys.stderr)
            if stored >= happenings_wanted:
                pool.terminate()
                return


_WORKER: dict[str, object] = {}


def _start_worker(years: int) -> None:
    _WORKER["pools"] = pools()
    _WORKER["years"] = years


def _batch_rows(numbers: range) -> list[tuple[ArticleRows, list[OwnHappening]]]:
    """(In a worker process.) The rows of articles `numbers`, and the happenings each one's accounts make
    (all of its own: nothing is joined with the stored ones)."""
    people, orgs = _WORKER["pools"]  # type: ignore[misc]
    batch = []
    for number in numbers:
        rows = article_rows(*made_article(number, people, orgs, _WORKER["years"]))  # type: ignore[arg-type]
        batch.append((rows, own_happenings(rows.segments, rows.headlines, rows.outlet)))
    return batch


def made_article(number: int, people, orgs, years: int, told=None) -> tuple[str, Extraction, dt.date]:  # type: ignore[no-untyped-def]
    """Article `number`: its id, its extraction and publication date, made from its number alone (and,
    with `told`, the occurrences earlier articles told that it may tell again)."""
    rng = random.Random(number)
    first_day = dt.date(2026 - years, 1, 1)
    published = first_day + dt.timedelta(days=SPAN_DAYS + rng.randrange(365 * years - SPAN_DAYS))
    return f"synthetic{number:012d}", made_extraction(rng, number, published, people, orgs, told), published


def build_joined(db, happenings_wanted: int, years: int, started: float) -> None:  # type: ignore[no-untyped-def]
    """Row by row in this process, each article's accounts compared with the stored happenings."""
    people, orgs = pools()
    told: list[tuple[str, str, str, str, str]] = []  # (day, sentence, outlet, person, organisation) to retell
    number = 0
    stored = 0
    while stored < happenings_wanted:
        with db.atomic():
            for _ in range(BATCH):
                article_id, extraction, published = made_article(number, people, orgs, years, told)
                write_extraction(db, article_id, extraction, published)
                number += 1
        stored = db.execute("select n from happening_total").fetchone()[0]
        elapsed = time.perf_counter() - started
        print(f"\r{stored:,} happenings, {number:,} articles, {elapsed:.0f} s", end="", file=sys.stderr)
    print(file=sys.stderr)


def made_extraction(rng, number, published, people, orgs, told) -> Extraction:  # type: ignore[no-untyped-def]
    outlet = rng.choice(OUTLETS)
    sentences: list[str] = []
    events: list[Event] = []
    mentions: list[ActorMention] = []
    quotes: list[Quote] = []
    actors: dict[str, Actor] = {}
    dates = sorted(rng.sample(range(SPAN_DAYS), rng.randint(8, 24)), reverse=True)
    for index, back in enumerate(dates):
        day = published - dt.timedelta(days=back)
        written = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        iso = day.isoformat()
        retold = [t for t in told[-400:] if t[0] == iso and t[2] != outlet] if told is not None else []
        if retold and rng.random() < TOLD_AGAIN * 5:
            _, text, _, person, org = retold[0]  # the same occurrence from another outlet: two sources
        else:
            (person, title), org = rng.choice(people), rng.choice(orgs)
            text = (
                f"On {written}, {title} {person} {rng.choice(ACTS)} the {org} in {made_up(rng)}{rng.choice(ENDINGS)}"
                f" about {rng.choice(TOPICS)}."
            )
            if told is not None and rng.random() < TOLD_AGAIN:
                told.append((iso, text, outlet, person, org))
        sentences.append(text)
        keys = []
        for kind, name in (("person", person), ("organisation", org)):
            key = f"{kind}:{name.lower()}"
            start = text.index(name)
            actors[key] = Actor(key, name, kind)
            mentions.append(ActorMention(key, index, start, start + len(name), name))
            keys.append(key)
        if index % 5 == 4:
            speaker = mentions[-2]  # the person
            quote = f'"We will not accept {rng.choice(TOPICS)}," {speaker.text} said on {written}.'
            sentences[-1] = text = f"{text} {quote}"
            start = text.index(quote) + 1
            end = start + quote.index(',"') - 1
            quotes.append(Quote(index, start, index, end, text[start:end], speaker.actor_key, speaker.text, speaker,
                                "said"))  # fmt: skip
        date_start = text.index(written)
        events.append(Event(index, 0, len(text), text, day.isoformat(), "day", DATE_STATED, written, date_start,
                            date_start + len(written), tuple(keys)))  # fmt: skip
    paragraphs = make_paragraphs(sentences)
    article = Article(f"Digest {number}", outlet, published, f"https://example.org/{number}", paragraphs,
                      f"synthetic:{number}")  # fmt: skip
    return Extraction(article, (), (), tuple(events), tuple(actors.values()), tuple(mentions), tuple(quotes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--happenings", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--years", type=int, default=20, help="the years the dates span (default 20)")
    parser.add_argument(
        "--join-stored", action="store_true", help="compare every account with the stored happenings, retell some"
    )
    parser.add_argument("--jobs", type=int, default=2, help="processes making the articles' rows (default 2)")
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists; give a new path")
    build(args.db, args.happenings, args.years, args.join_stored, args.jobs)


if __name__ == "__main__":
    main()
