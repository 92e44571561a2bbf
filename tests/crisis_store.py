"""A small crisis-like store written for the tests: several outlets, several days, occurrences told by
more than one outlet (so happenings gather sources), quotes, a planned meeting. The sentences are our own."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlite_utils.db import Database

from dateline.store.ingest import ingest_paths
from dateline.store.schema import open_store

ARTICLES = [
    {
        "outlet": "Wire Service",
        "published": "2022-01-21",
        "title": "Blinken and Lavrov meet in Geneva",
        "text": (
            "GENEVA - US Secretary of State Antony Blinken and Russian Foreign Minister Sergey Lavrov met in"
            " Geneva on Friday for talks on the Ukraine crisis.\n\n"
            '"We did not expect a breakthrough today," Blinken told reporters after the meeting.\n\n'
            "Lavrov said Moscow would wait for written answers to its security proposals next week."
        ),
    },
    {
        "outlet": "State Daily",
        "published": "2022-01-21",
        "title": "Lavrov holds talks with Blinken",
        "text": (
            "Russian Foreign Minister Sergey Lavrov held talks with US Secretary of State Antony Blinken in"
            " Geneva on Friday about the Ukraine crisis and security guarantees.\n\n"
            '"The conversation was frank," Lavrov said after the meeting.'
        ),
    },
    {
        "outlet": "Evening Courier",
        "published": "2022-01-22",
        "title": "Geneva talks end without breakthrough",
        "text": (
            "Antony Blinken and Sergey Lavrov met in Geneva on Friday, January 21, and agreed to keep talking"
            " about the Ukraine crisis.\n\n"
            "Germany announced on Saturday that it would send a field hospital to Ukraine."
        ),
    },
    {
        "outlet": "Wire Service",
        "published": "2022-02-10",
        "title": "Drills begin in Belarus",
        "text": (
            "Russian and Belarusian troops began ten days of joint military drills in Belarus on Thursday.\n\n"
            "NATO Secretary General Jens Stoltenberg called the drills a dangerous moment for European security"
            " on Thursday."
        ),
    },
    {
        "outlet": "State Daily",
        "published": "2022-02-11",
        "title": "Scholz to visit Kyiv and Moscow",
        "text": (
            "German Chancellor Olaf Scholz will travel to Kyiv on Monday and to Moscow on Tuesday, his"
            " spokesman said on Friday.\n\n"
            "The Polish government said on Friday that it had opened a reception centre for refugees in"
            " Przemysl."
        ),
    },
    {
        "outlet": "Evening Courier",
        "published": "2022-02-15",
        "title": "Scholz meets Putin in the Kremlin",
        "text": (
            "Olaf Scholz met Vladimir Putin in the Kremlin on Tuesday for more than three hours of talks.\n\n"
            '"We do not want a war in Europe," Putin said at a news conference with Scholz on Tuesday.'
        ),
    },
    {
        "outlet": "Wire Service",
        "published": "2022-02-16",
        "title": "Scholz briefs party leaders",
        "text": (
            "German Chancellor Olaf Scholz flew back to Berlin on Wednesday and met the leaders of the"
            " parties in the Bundestag to discuss sanctions."
        ),
    },
]


def write_crisis_store(folder: Path) -> Path:
    """The store at `folder/crisis.db`, built through the ingest path users run."""
    db_path = folder / "crisis.db"
    add_articles(db_path, folder, *ARTICLES)
    return db_path


def add_articles(store: Path | Database, folder: Path, *articles: dict, name: str = "more") -> None:
    """Ingest `articles` into `store` (a path, opened and closed here, or an open store) through the
    path users run, from a JSON Lines file written in `folder`."""
    source = folder / f"{name}.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in articles) + "\n")
    db = open_store(store) if isinstance(store, Path) else store
    ingest_paths(db, [str(source)])
    if db is not store:
        db.close()


AID_SENDERS = [
    "France", "Spain", "Italy", "Portugal", "Austria", "Hungary", "Romania", "Bulgaria", "Greece", "Turkey",
    "Sweden", "Norway", "Finland", "Denmark", "Estonia", "Latvia", "Lithuania", "Belgium", "Netherlands",
    "Ireland", "Canada", "Mexico", "Brazil", "Argentina", "Japan", "India", "Australia", "Egypt",
    "Chile", "Peru", "Colombia", "Kenya", "Nigeria", "Morocco", "Algeria", "Tunisia", "Iraq", "Jordan",
]  # fmt: skip
AID_CARGO = ["grain", "medicine", "blankets", "generators", "fuel", "water filters", "tents", "insulin", "baby food",
             "rail cars", "field kitchens", "antibiotics"]  # fmt: skip
AID_PLACES = ["Kharkiv", "Odesa", "Lviv", "Dnipro", "Mariupol", "Sumy", "Poltava", "Chernihiv", "Zhytomyr",
              "Vinnytsia", "Uzhhorod", "Rivne", "Lutsk", "Ternopil", "Kherson"]  # fmt: skip
AID_VERBS = ["delivered", "shipped", "flew", "trucked", "pledged", "donated", "sent"]


_SYLLABLES = ["ba", "ko", "ri", "ta", "lu", "me", "so", "vi", "da", "ne", "pa", "zu", "go", "fi", "ha", "mo"]


def made_up_word(k: int) -> str:
    """A word no dictionary has, one for each `k`: what makes each of many aid articles its own happening."""
    syllables = []
    for _ in range(3):
        k, digit = divmod(k, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
    return "".join(syllables).capitalize() + "n"


def aid_headline(k: int, day: str) -> str:
    """The one sentence of aid article `k`: with few articles a day its words are ordinary ones; with many,
    a made-up company's name (no two articles within a few days alike, so each is a happening)."""
    return (
        f"{AID_SENDERS[k % len(AID_SENDERS)]} {AID_VERBS[k % len(AID_VERBS)]} {AID_CARGO[k % len(AID_CARGO)]}"
        f" to {AID_PLACES[k % len(AID_PLACES)]} on {day}."
    )


def meeting_headline(k: int, day: str) -> str:
    """A meeting of its own for each of many articles a day: made-up names, so no two are alike."""
    return f"{made_up_word(k)} met {made_up_word(k + 1000)} in {made_up_word(k + 2000)} on {day}."


def write_aid_store(
    folder: Path, days: list[str], per_day: int, name: str = "aid", headline: Callable[[int, str], str] = aid_headline
) -> Path:
    """`per_day` happenings on each of `days`, one short article each, from two outlets in turn."""
    lines = []
    for i, day in enumerate(days):
        for n in range(per_day):
            k = i * per_day + n
            outlet = "Wire" if k % 2 else "Courier"
            article = {"title": f"Aid {k}", "published": day, "outlet": outlet, "text": headline(k, day)}
            lines.append(json.dumps(article))
    source = folder / f"{name}.jsonl"
    source.write_text("\n".join(lines) + "\n")
    db_path = folder / f"{name}.db"
    db = open_store(db_path)
    ingest_paths(db, [str(source)])
    db.close()
    return db_path
