"""Build a large store for benchmarks, through the store's own write path.

    python bench/synthetic_store.py --events 1000000 --db /tmp/1m.db

Articles are made of sentences in the style of crisis reporting, with thousands of
people, organisations and countries, dates spread over twenty years, quotes, and actor
mentions. Extraction is skipped (the synthetic articles come with their extraction,
built here), so a million events take minutes, not hours; everything else, the
schema, the actor merging, the full-text triggers, is what `dateline ingest` runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dateline.extract.articles import make_paragraphs
from dateline.extract.model import (
    DATE_PUBLICATION,
    DATE_RELATIVE,
    Actor,
    ActorMention,
    Article,
    Event,
    Extraction,
    Quote,
)
from dateline.store.schema import open_store
from dateline.store.writer import write_extraction

FIRST = """Anna Boris Carla Dmitri Elena Farid Greta Hassan Irina Jonas Karim Lena Mikhail Nadia Oleg Pavel
Quentin Rosa Sergei Tamara Ulrich Vera Walter Xenia Yuri Zofia Adam Bianca Cyril Dana Emil Fiona Gustav Hanna
Igor Julia Kostas Lidia Marek Nina Omar Petra Rafael Sofia Taras Ursula Viktor Wanda Yana Zoran""".split()
LAST = """Abramov Bauer Castillo Dubois Evans Fischer Garcia Horvath Ivanenko Jensen Kowalski Larsen Moreau Novak
Orlov Petrenko Quinn Rossi Schmidt Tkachenko Urban Volkov Weber Xu Yilmaz Zelenko Andersen Brennan Costa Dvorak
Eriksen Fontaine Gruber Hughes Ilic Jovanovic Kovac Lindqvist Marchetti Nielsen Olsen Popescu Richter Sorensen
Tanaka Varga Wagner Young Zima Barros Conti Dimitrov Falk Haas Kuznetsov Meyer Nowak Pavlov Reyes Sokolov""".split()
TITLES = ["Foreign Minister", "Defense Minister", "President", "Prime Minister", "Ambassador", "spokesman",
          "Secretary of State", "General", "Senator", "Chancellor"]  # fmt: skip
COUNTRIES = ["Russia", "Ukraine", "United States", "Germany", "France", "Poland", "Belarus", "China", "Turkey",
             "United Kingdom", "Lithuania", "Finland", "Moldova", "Georgia", "Japan"]  # fmt: skip
ORG_HEADS = ["Ministry", "Council", "Agency", "Committee", "Commission", "Institute", "Bank", "Forces"]
ORG_WORDS = ["Energy", "Security", "Trade", "Border", "Defense", "Cyber", "Grain", "Nuclear", "Rail", "Water"]
VERBS = ["said", "warned", "stressed", "announced", "denied", "confirmed", "told reporters"]
TOPICS = ["troop movements near the border", "the gas pipeline", "new sanctions", "the security proposals",
          "grain exports through the Black Sea", "a ceasefire in the east", "talks in Geneva",
          "the humanitarian corridor", "cyberattacks on government websites", "military drills"]  # fmt: skip
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "last month", "", "", ""]


def build(db_path: Path, events_wanted: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    people = [(f"{f} {ln}", rng.choice(TITLES), rng.choice(COUNTRIES)) for f in FIRST for ln in LAST]
    orgs = [f"{rng.choice(COUNTRIES)} {w} {h}" for w in ORG_WORDS for h in ORG_HEADS]
    db = open_store(db_path)
    start_day = dt.date(2004, 1, 1)
    made = 0
    article_number = 0
    started = time.perf_counter()
    while made < events_wanted:
        batch_end = min(events_wanted, made + 20_000)
        with db.atomic():
            while made < batch_end:
                count = min(rng.randint(8, 24), events_wanted - made)
                write_one(db, rng, article_number, count, people, orgs, start_day)
                made += count
                article_number += 1
        elapsed = time.perf_counter() - started
        print(f"\r{made:,} events, {article_number:,} articles, {elapsed:.0f} s", end="", file=sys.stderr)
    print(file=sys.stderr)
    db.execute("analyze")


def write_one(db, rng, number, count, people, orgs, start_day) -> None:  # type: ignore[no-untyped-def]
    published = start_day + dt.timedelta(days=rng.randint(0, 365 * 20))
    sentences: list[str] = []
    events: list[Event] = []
    mentions: list[ActorMention] = []
    quotes: list[Quote] = []
    actors: dict[str, Actor] = {}
    cast = rng.sample(people, 4)
    for index in range(count):
        name, title, country = rng.choice(cast)
        org = rng.choice(orgs)
        when = rng.choice(WHEN)
        topic = rng.choice(TOPICS)
        if index % 4 == 3:
            text = f'"We will not accept {topic}," {name} {rng.choice(VERBS)} {when}.'.replace(" .", ".")
        else:
            text = f"{country} {title} {name} {rng.choice(VERBS)} {when} that the {org} was ready to discuss {topic}."
        text = " ".join(text.split())
        sentences.append(text)
        person_key = f"person:{name.lower()}"
        actors[person_key] = Actor(person_key, name, "person", (f"{country} {title}",), (name.split()[-1],))
        mention_start = text.index(name)
        mentions.append(ActorMention(person_key, index, mention_start, mention_start + len(name), name))
        keys = [person_key]
        if org in text:
            org_key = f"organisation:{org.lower()}"
            actors[org_key] = Actor(org_key, org, "organisation")
            org_start = text.index(org)
            mentions.append(ActorMention(org_key, index, org_start, org_start + len(org), org))
            keys.append(org_key)
        if text.startswith('"'):
            end = text.index(',"')
            quotes.append(Quote(index, 1, index, end, text[1:end], person_key, name, mentions[-1], "said"))
        if when:
            day = resolve(when, published)
            value = day.isoformat() if isinstance(day, dt.date) else day
            granularity = "day" if isinstance(day, dt.date) else ("month" if len(value) == 7 else "week")
            date_start = text.index(when.split()[-1] if when.startswith("on") else when)
            events.append(Event(index, 0, len(text), text, value, granularity, DATE_RELATIVE, when.removeprefix("on "),
                                date_start, date_start + len(when.removeprefix("on ")), tuple(keys)))  # fmt: skip
        else:
            events.append(Event(index, 0, len(text), text, published.isoformat(), "day", DATE_PUBLICATION, None,
                                None, None, tuple(keys)))  # fmt: skip
    paragraphs = make_paragraphs(sentences)
    article = Article(f"Synthetic report {number}", rng.choice(["Wire", "Daily", "Herald", "Post"]), published,
                      f"https://example.org/{number}", paragraphs, f"synthetic:{number}")  # fmt: skip
    extraction = Extraction(article, (), (), tuple(events), tuple(actors.values()), tuple(mentions), tuple(quotes))
    write_extraction(db, f"synthetic{number:012d}", extraction, published)


def resolve(when: str, published: dt.date) -> dt.date | str:
    if when == "last week":
        year, week, _ = (published - dt.timedelta(weeks=1)).isocalendar()
        return f"{year}-W{week:02d}"
    if when == "last month":
        first = published.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year}-{first.month:02d}"
    weekday = ["monday", "tuesday", "wednesday", "thursday", "friday"].index(when.split()[-1].lower())
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists; give a new path")
    build(args.db, args.events)


if __name__ == "__main__":
    main()
