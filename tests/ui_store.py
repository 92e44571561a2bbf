"""A fixed crisis-like store for the timeline screen's tests and snapshots: seven outlets over six weeks,
a meeting told by four of them (one gives another day), a planned visit, drills, a call, quotes. The
sentences are written for these tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from dateline.store.ingest import ingest_paths
from dateline.store.schema import open_store

UI_ARTICLES = [
    {
        "outlet": "Harbour Wire",
        "published": "2022-01-12",
        "title": "Envoys trade warnings in Vienna",
        "text": (
            "Envoys of NATO and Russia traded warnings in Vienna on Wednesday, January 12, in a session that"
            " lasted four hours and ended without a date for another one.\n\n"
            '"The door to talks stays open, but not forever," said the alliance\'s deputy head, Mircea Geoana.'
        ),
    },
    {
        "outlet": "Harbour Wire",
        "published": "2022-01-21",
        "title": "Blinken and Lavrov talk for ninety minutes in Geneva",
        "text": (
            "US Secretary of State Antony Blinken and Russian Foreign Minister Sergei Lavrov met in Geneva on"
            " Friday, January 21, and agreed only that their governments would keep exchanging written"
            " proposals on European security.\n\n"
            '"We did not come here expecting a breakthrough," Blinken told reporters at a lakeside hotel'
            " after the meeting."
        ),
    },
    {
        "outlet": "Northern Ledger",
        "published": "2022-01-21",
        "title": "Geneva meeting ends without breakthrough",
        "text": (
            "Antony Blinken and Sergei Lavrov met in Geneva on Friday and agreed to keep talking about the"
            " security demands Moscow set out in December.\n\n"
            '"The conversation was useful and frank," Lavrov said after the meeting.'
        ),
    },
    {
        "outlet": "Capital Agency",
        "published": "2022-01-22",
        "title": "Lavrov and Blinken hold Geneva talks",
        "text": (
            "Sergei Lavrov and Antony Blinken held talks in Geneva on Thursday, January 20, on the security"
            " guarantees Moscow demands from the West.\n\n"
            "The foreign ministry said on Saturday that written answers were expected next week."
        ),
    },
    {
        "outlet": "Evening Courier",
        "published": "2022-01-24",
        "title": "Blinken and Lavrov meet in Geneva",
        "text": (
            "Blinken and Lavrov met in Geneva on Friday, January 21, for talks on the Ukraine crisis that"
            " both men called frank.\n\n"
            "Denmark said on Monday that it would send a frigate to the Baltic Sea."
        ),
    },
    {
        "outlet": "Harbour Wire",
        "published": "2022-02-10",
        "title": "Joint drills begin in Belarus",
        "text": (
            "Russian and Belarusian troops began ten days of joint military drills in Belarus on Thursday,"
            " February 10.\n\n"
            "NATO Secretary General Jens Stoltenberg called the drills a dangerous moment for European"
            " security on Thursday."
        ),
    },
    {
        "outlet": "Plains Gazette",
        "published": "2022-02-11",
        "title": "Scholz to travel to Kyiv and Moscow",
        "text": (
            "German Chancellor Olaf Scholz will travel to Kyiv on Monday, February 14, and to Moscow on"
            " Tuesday, February 15, his spokesman said on Friday.\n\n"
            "Poland opened a reception centre for refugees in Przemysl on Friday, February 11."
        ),
    },
    {
        "outlet": "Evening Courier",
        "published": "2022-02-15",
        "title": "Scholz meets Putin in the Kremlin",
        "text": (
            "Olaf Scholz met Vladimir Putin in the Kremlin on Tuesday, February 15, for more than three hours"
            " of talks.\n\n"
            '"We do not want a war in Europe," Putin said at a news conference with Scholz on Tuesday.'
        ),
    },
    {
        "outlet": "Northern Ledger",
        "published": "2022-02-18",
        "title": "Defence ministers to gather in Warsaw",
        "text": (
            "Defence ministers from nine eastern allies will gather in Warsaw on Thursday, February 24, to"
            " discuss air defence and the supply of ammunition, the Polish government said on Friday."
        ),
    },
    {
        "outlet": "Steppe Herald",
        "published": "2022-02-20",
        "title": "Macron and Putin speak by phone",
        "text": (
            "French President Emmanuel Macron and Vladimir Putin spoke by phone for nearly two hours on"
            " Sunday, February 20, and agreed to work toward a ceasefire in eastern Ukraine.\n\n"
            "Belarus said on Sunday that the joint drills would continue beyond their planned end."
        ),
    },
]


def write_ui_store(folder: Path, name: str = "crisis.db") -> Path:
    """The store at `folder/name`, built through the ingest path users run."""
    source = folder / "ui_crisis.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in UI_ARTICLES) + "\n")
    db_path = folder / name
    db = open_store(db_path)
    ingest_paths(db, [str(source)])
    db.close()
    return db_path


_PLACES = ["Lviv", "Kharkiv", "Odesa", "Dnipro", "Poltava", "Sumy", "Chernihiv", "Zhytomyr", "Vinnytsia"]
_GIVERS = ["Austria", "Belgium", "Canada", "Denmark", "Estonia", "Finland", "Greece", "Hungary", "Ireland", "Japan"]
_GOODS = ["generators", "blankets", "medicine", "water pumps", "field kitchens", "tents", "insulin", "fuel"]
_CLAUSES = [
    "",
    ", the convoy's organisers said after the trucks had crossed the border at a small checkpoint",
    ", a shipment its government had promised a week earlier and that aid groups had asked for repeatedly"
    " as the night-time temperatures fell below freezing across the region",
]


def aid_sentence(k: int, day: str) -> str:
    """A report of its own (a giver, goods, a place and a day), of one of three lengths."""
    giver, goods, place = _GIVERS[k % len(_GIVERS)], _GOODS[k % len(_GOODS)], _PLACES[k % len(_PLACES)]
    return f"{giver} delivered {goods} to {place} on {day}{_CLAUSES[k % len(_CLAUSES)]}."


def write_varied_store(folder: Path, days: int = 12, per_day: int = 5) -> Path:
    """`per_day` happenings a day over `days` days from February 1, 2022, told in sentences of three
    lengths (rows of one, two and three lines), one article each, from three outlets in turn."""
    lines = []
    for i in range(days):
        day = (dt.date(2022, 2, 1) + dt.timedelta(days=i)).isoformat()
        for n in range(per_day):
            k = i * per_day + n
            outlet = ["Harbour Wire", "Plains Gazette", "Steppe Herald"][k % 3]
            lines.append(
                json.dumps({"title": f"Aid {k}", "published": day, "outlet": outlet, "text": aid_sentence(k, day)})
            )
    source = folder / "varied.jsonl"
    source.write_text("\n".join(lines) + "\n")
    db_path = folder / "varied.db"
    db = open_store(db_path)
    ingest_paths(db, [str(source)])
    db.close()
    return db_path
