"""The writer finds a new person's stored namesakes through indexes (m015), and finds exactly the
actors that the plain scan found: case, wildcards in names, short and non-ASCII surnames. An article's
actors read in one statement are merged as if each were read when its turn comes."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlite_utils.db import Database

from dateline.extract.model import Actor
from dateline.store.rows import insert_tuples
from dateline.store.schema import open_store
from dateline.store.writer import _NAMESAKES, _merge_actors

PLAIN = (  # the query before m015: every actor read
    "select id, name from actors where kind = 'person' and (surname like ? or name like ? or name = ?)"
)

NAMES = [
    "Sergey Lavrov", "sergey lavrov", "SERGEY LAVROV", "Sergei Lavrentiev", "Sergey", "sergey", "Xi Jinping", "Xi",
    "Xia Lin", "Charles de Gaulle", "Charles De Gaulle", "Maroš Šefčovič", "Maroš ŠEFČOVIČ", "Ann O_Neil", "Ann O%Neil",
    "Ann ONeil", "Ön Ödegaard", "ön ödegaard", "Lavrov", "Sergey Lavrovsky", "Anna-Lena Baerbock",
]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = open_store(Path(tmp_path_factory.mktemp("actors")) / "actors.db")
    rows = [
        (f"{kind}:{index}", name, kind, name.split()[-1] if kind == "person" else None, "[]", "[]", 1)
        for index, (name, kind) in enumerate(itertools.product(NAMES, ["person", "organisation"]))
    ]
    insert_tuples(db, "actors", ("id", "name", "kind", "surname", "titles", "aliases", "mention_count"), rows)
    return db


@pytest.mark.parametrize("name", [*NAMES, "Lav", "O_Ne", "Šef", "ön", "ÖN Ödegaard", "%", "_ x"])
def test_the_namesakes_are_those_a_scan_of_every_actor_finds(store: Database, name: str) -> None:
    surname, first = name.split()[-1], name.split()[0]
    found = store.execute(_NAMESAKES, [surname[:4] + "%", first + " %", first, first]).fetchall()
    assert sorted(found) == sorted(store.execute(PLAIN, [surname[:4] + "%", first + " %", first]).fetchall())


def test_the_namesakes_are_index_ranges_not_a_scan(store: Database) -> None:
    plan = store.execute(f"explain query plan {_NAMESAKES}", ["Lavr%", "Sergey %", "Sergey", "Sergey"]).fetchall()
    details = [row[-1] for row in plan]
    assert not any(detail.startswith("SCAN") for detail in details), details
    assert sum("USING INDEX idx_actors_" in detail for detail in details) == 3, details


ARTICLE = [  # "Antony Blinken" is the stored "Blinken" (renamed), then "Blinken" must be read again
    (Actor("person:antony blinken", "Antony Blinken", "person", ("Secretary of State",)), 2),
    (Actor("person:blinken", "Blinken", "person", ("diplomat",)), 3),
    (Actor("country:russia", "Russia", "country", (), ("Russian Federation",)), 1),
    (Actor("person:sergey lavrov", "Sergey Lavrov", "person"), 1),
    (Actor("person:lavrov", "Lavrov", "person"), 1),
]


def _stored_actors(db: Database) -> list[tuple]:
    return db.execute("select * from actors order by id").fetchall()


@pytest.mark.parametrize("before", [[], ARTICLE[1:3], ARTICLE])
def test_an_articles_actors_merged_together_as_one_by_one(tmp_path: Path, before: list) -> None:
    together, alone = open_store(tmp_path / "together.db"), open_store(tmp_path / "alone.db")
    for db in (together, alone):
        _merge_actors(db, [(Actor("person:blinken", "Blinken", "person"), 1), *before])
    ids = _merge_actors(together, ARTICLE)
    assert ids == {actor.key: _merge_actors(alone, [(actor, n)])[actor.key] for actor, n in ARTICLE}
    assert _stored_actors(together) == _stored_actors(alone)
    assert "Antony Blinken" in [row[1] for row in _stored_actors(together)]
