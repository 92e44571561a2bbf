"""Happenings: reports of one occurrence merged across articles, with stable, order-free ids."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from dateline.cli.main import main
from dateline.extract.articles import make_paragraphs
from dateline.extract.happenings import Segment, merge, same_happening, term_weights
from dateline.extract.kinds import account_kinds, occurrence_kinds
from dateline.extract.model import Article, TimexValue
from dateline.extract.pipeline import extract_article
from dateline.store.schema import migrations, open_store
from dateline.store.writer import article_segments
from tests.conftest import SEED, run_json

# Two outlets tell of one call; the second also tells of another meeting that Tuesday.
ARTICLES = {
    "northern-wire.txt": (
        "Northern Wire\nPolish and Lithuanian ministers discuss border\nPublished February 16, 2022\n"
        "https://northern.example/call\n\n"
        "Polish Foreign Minister Anna Nowak and Lithuanian Foreign Minister Tomas Kairys held a telephone call "
        "on Tuesday about border security and joint frontier patrols.\n\n"
        "Nowak said the two countries would coordinate patrols along the frontier with Belarus.\n"
    ),
    "baltic-daily.txt": (
        "Baltic Daily\nKairys and Nowak agree on frontier patrols\nPublished February 15, 2022\n"
        "https://baltic.example/patrols\n\n"
        "Lithuania's top diplomat Tomas Kairys spoke by telephone with his Polish counterpart Anna Nowak on "
        "Tuesday, discussing border security and joint frontier patrols.\n\n"
        "Meanwhile, Estonian Prime Minister Kaja Lepp met grain farmers in Tartu on Tuesday to discuss export "
        "subsidies after a poor harvest.\n"
    ),
}


def write_articles(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for name in names:
        path = folder / name
        path.write_text(ARTICLES[name], encoding="utf-8")
        paths.append(path)
    return paths


def happenings(db: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    return run_json(capsys, "happenings", "--db", str(db), "--json")


def shape(found: list[dict]) -> set[tuple[str, str, str, tuple[str, ...]]]:
    return {(h["id"], h["date"], h["headline"], tuple(sorted(r["event_id"] for r in h["reports"]))) for h in found}


def test_two_outlets_reports_of_one_call_are_one_happening(tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.db"
    paths = write_articles(tmp_path / "in", list(ARTICLES))
    assert main(["ingest", *map(str, paths), "--db", str(db), "--quiet"]) == 0
    found = happenings(db, capsys)
    call = next(h for h in found if "telephone" in h["headline"])
    assert call["date"] == "2022-02-15"
    assert {s["outlet"] for s in call["sources"]} == {"Northern Wire", "Baltic Daily"}
    assert {"Anna Nowak", "Tomas Kairys"} <= set(call["actors"])
    assert any(r["text"].startswith("Nowak said") for r in call["reports"]), "a continuing sentence joins its report"
    farmers = [h for h in found if any("grain farmers" in r["text"] for r in h["reports"])]
    assert len(farmers) == 1 and farmers[0]["id"] != call["id"], "another occurrence that day stays apart"
    assert farmers[0]["date"] == "2022-02-15"


def test_ids_do_not_depend_on_ingest_order_or_repetition(tmp_path: Path, capsys) -> None:
    forward, backward = tmp_path / "forward.db", tmp_path / "backward.db"
    for db, names in ((forward, list(ARTICLES)), (backward, list(reversed(ARTICLES)))):
        for path in write_articles(tmp_path / db.stem, names):  # one ingest per article: each joins the store
            assert main(["ingest", str(path), "--db", str(db), "--quiet"]) == 0
    first = shape(happenings(forward, capsys))
    assert first == shape(happenings(backward, capsys))
    paths = write_articles(tmp_path / "again", list(ARTICLES))
    assert main(["ingest", *map(str, paths), "--db", str(forward), "--quiet"]) == 0
    assert shape(happenings(forward, capsys)) == first


def test_outlet_filters_keep_or_leave_out_a_happening(tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.db"
    paths = write_articles(tmp_path / "in", list(ARTICLES))
    assert main(["ingest", *map(str, paths), "--db", str(db), "--quiet"]) == 0
    kept = run_json(capsys, "happenings", "--db", str(db), "--json", "--outlet", "northern wire")
    assert [len(h["sources"]) for h in kept] == [2]
    left = run_json(capsys, "happenings", "--db", str(db), "--json", "--not-outlet", "Northern Wire")
    assert all("Northern Wire" not in {s["outlet"] for s in h["sources"]} for h in left) and left


def test_the_seed_gives_its_call_on_the_day_with_both_actors(seed_db: Path, capsys) -> None:
    found = happenings(seed_db, capsys)
    call = next(h for h in found if any("telephone discussion" in r["text"] for r in h["reports"]))
    assert call["date"] == "2022-02-15" and call["granularity"] == "day"
    assert {"Sergey Lavrov", "Antony Blinken"} <= set(call["actors"])
    assert any("Ned Price said" in r["text"] for r in call["reports"]), "the Price quotes are its reports"
    assert found[0]["date"] == "2022-01", "the papers shared last month: an occurrence of its own"


def test_bylines_and_headings_make_no_happening(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Wire\nTitle\nPublished March 2, 2022\n\nJANE ROE and JOHN DOE, Associated Press\n\n"
        "Here are the latest developments:\n\nThe mayor of Odesa ordered a curfew on Tuesday.\n\n"
        "(Reporting by Jane Roe; Editing by John Doe)\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    assert main(["ingest", str(article), "--db", str(db), "--quiet"]) == 0
    [only] = happenings(db, capsys)
    assert [r["text"] for r in only["reports"]] == ["The mayor of Odesa ordered a curfew on Tuesday."]


def account(
    id_: str, article: str, day: str, text: str, actors: frozenset[str] = frozenset(), period_end: str | None = None
) -> Segment:
    kinds = account_kinds(occurrence_kinds(sentence) for sentence in text.split(". "))
    return Segment(id_, article, TimexValue.parse(day), (), term_weights(text), actors, False, kinds, period_end)


def test_merging_needs_the_same_day_and_alike_words() -> None:
    call = account("a", "A", "2022-02-15", "Ministers Nowak and Kairys held a telephone call on border patrols")
    same = account("b", "B", "2022-02-15", "Kairys spoke by telephone with Nowak about frontier patrols")
    later = account("c", "C", "2022-02-18", "Kairys spoke by telephone with Nowak about frontier patrols")
    other = account("d", "D", "2022-02-15", "Prime Minister Lepp met grain farmers in Tartu about subsidies")
    assert same_happening(call, same) and same_happening(same, call)
    assert not same_happening(call, later) and not same_happening(call, other)
    groups = merge([other, later, same, call])
    assert sorted(sorted(s.id for s in g) for g in groups) == [["a", "b"], ["c"], ["d"]]


def test_the_kinds_of_occurrence_an_account_names() -> None:
    assert occurrence_kinds("Artillery shelled the port of Odesa on Monday.") == {"attack"}
    assert occurrence_kinds("Nowak and Kairys held a telephone call on Monday.") == {"call"}
    said = 'The mayor said on Monday: "The shelling of the port must stop."'
    assert occurrence_kinds(said) == {"statement"}, "quoted words name what is talked of, not the speaking"
    assert account_kinds([frozenset({"statement"}), frozenset({"attack"})]) == {"attack"}
    assert account_kinds([frozenset({"statement"}), frozenset()]) == {"statement"}
    assert account_kinds([frozenset()]) == frozenset()


def test_accounts_of_different_kinds_of_occurrence_stay_apart() -> None:
    shelling = account(
        "a", "A", "2022-03-01", "Artillery shelled the port of Odesa, Governor Maksym Marchenko said", frozenset({"m"})
    )
    visit = account("b", "A", "2022-03-01", "Governor Maksym Marchenko visited the port of Odesa", frozenset({"m"}))
    more_shelling = account(
        "c", "B", "2022-03-01", "Rockets struck the port of Odesa overnight, Marchenko said", frozenset({"m"})
    )
    assert not same_happening(shelling, visit), "a strike and a visit that day: two occurrences"
    assert same_happening(shelling, more_shelling)


def test_accounts_that_give_the_same_period_need_fewer_shared_words() -> None:
    stage = "The second stage of the drills will be held between March 10 and 20 near Brest"
    phase = "Its next phase of exercises runs from March 10-20 near the frontier"
    stage, day = account("a", "A", "2022-03-10", stage, period_end="2022-03-20"), account("c", "C", "2022-03-10", phase)
    phase = account("b", "B", "2022-03-10", phase, period_end="2022-03-20")
    assert same_happening(stage, phase)
    assert not same_happening(stage, day), "without the period, the words alone are too few"


def accounts_of(*paragraphs: str) -> list[list[str]]:
    """An article's accounts, each as the texts of its reports."""
    article = Article("T", "Wire", dt.date(2022, 3, 2), None, make_paragraphs(list(paragraphs)))
    x = extract_article(article)
    texts = {f"a-{e.paragraph:04d}-{e.start:05d}": e.text for e in x.events}
    return sorted([texts[e] for e in s.event_ids] for s in article_segments("a", x))


def test_an_undated_paragraph_of_another_kind_goes_on_with_the_one_before() -> None:
    found = accounts_of(
        "Artillery shelled the port of Odesa on Tuesday, destroying two warehouses.",
        "Meanwhile, the city council voted on Tuesday to rename two streets.",
        "Thirty members backed the vote.",
        "Rockets also struck a warehouse near the port.",
    )
    assert found == [
        [
            "Artillery shelled the port of Odesa on Tuesday, destroying two warehouses.",
            "Rockets also struck a warehouse near the port.",
        ],
        ["Meanwhile, the city council voted on Tuesday to rename two streets.", "Thirty members backed the vote."],
    ]


def test_a_paragraph_that_opens_with_a_pronoun_goes_on_with_the_one_before() -> None:
    found = accounts_of(
        "Minister Anna Nowak met Tomas Kairys in Vilnius on Tuesday.",
        "Meanwhile, Governor Jan Lis opened a bridge in Gdansk on Tuesday.",
        "He said the bridge had cost 40 million zloty.",
    )
    assert found == [
        [
            "Meanwhile, Governor Jan Lis opened a bridge in Gdansk on Tuesday.",
            "He said the bridge had cost 40 million zloty.",
        ],
        ["Minister Anna Nowak met Tomas Kairys in Vilnius on Tuesday."],
    ]


def test_an_older_store_upgrades_in_place(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="m007_happenings")
    assert "happenings" not in db.table_names()
    db.conn.close()
    upgraded = open_store(path)
    assert {"happenings", "segments"} <= set(upgraded.table_names())
    assert "segment_id" in upgraded["events"].columns_dict
    upgraded.conn.close()
    assert main(["ingest", str(SEED), "--db", str(path), "--quiet"]) == 0
    assert happenings(path, capsys)


def test_a_store_without_the_kinds_of_its_accounts_upgrades_and_keeps_joining(tmp_path: Path, capsys) -> None:
    """Accounts stored before kinds were kept have none: they are compared by words and actors alone."""
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="m010_segment_kinds")
    assert "kinds" not in db["segments"].columns_dict
    db.conn.close()
    [first, second] = write_articles(tmp_path / "in", list(ARTICLES))
    assert main(["ingest", str(first), "--db", str(path), "--quiet"]) == 0  # upgraded, then written
    upgraded = sqlite_utils.Database(sqlite3.connect(path))
    assert {"kinds", "period_end"} <= set(upgraded["segments"].columns_dict)
    upgraded.execute("update segments set kinds = null, period_end = null")  # as an older Dateline left them
    upgraded.conn.commit()
    upgraded.conn.close()
    assert main(["ingest", str(second), "--db", str(path), "--quiet"]) == 0
    call = next(h for h in happenings(path, capsys) if "telephone" in h["headline"])
    assert {s["outlet"] for s in call["sources"]} == {"Northern Wire", "Baltic Daily"}


def test_a_wire_copy_is_one_more_source_marked_as_a_copy(tmp_path: Path, capsys) -> None:
    story = ARTICLES["northern-wire.txt"].split("\n\n", 1)[1]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.txt").write_text(ARTICLES["northern-wire.txt"], encoding="utf-8")
    (folder / "copy.txt").write_text(
        "Harbour Gazette\nMinisters discuss the border\nPublished February 16, 2022\nhttps://harbour.example/c\n\n"
        + story.replace("Belarus.", "Belarus, officials said."),
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 0
    [call] = [h for h in happenings(db, capsys) if "telephone" in h["headline"]]
    by_outlet = {s["outlet"]: s for s in call["sources"]}
    assert set(by_outlet) == {"Northern Wire", "Harbour Gazette"}
    copies = [s for s in call["sources"] if s["copy_of"]]
    assert len(copies) == 1 and copies[0]["copy_of"] in {s["id"] for s in call["sources"]}
    out = tmp_path / "x.md"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    assert "a wire copy of" in out.read_text()


def test_kept_sources_per_date_match_a_recount_after_many_joins(tmp_path: Path) -> None:
    """Happenings keep their sources per date and count as articles join (and as happenings join one
    another): after many such joins the kept figures are those a full recount gives."""
    from bench.merge_cost import generate
    from dateline.store.ingest import ingest_paths
    from dateline.store.sources import seed_files

    folder = tmp_path / "alike"
    folder.mkdir()
    generate(folder, 120, 12, Path(seed_files()[0]).read_text(encoding="utf-8"))
    db = open_store(tmp_path / "s.db")
    ingest_paths(db, [str(folder)])
    kept = {
        hid: (json.loads(ds), n) for hid, ds, n in db.execute("select id, date_sources, source_count from happenings")
    }
    recount: dict[str, tuple[dict, int]] = {}
    for hid, value, sources, outlets in db.execute(
        "select s.happening_id, s.date_value, count(distinct s.article_id), group_concat(distinct a.outlet)"
        " from segments s join articles a on a.id = s.article_id group by s.happening_id, s.date_value"
    ):
        recount.setdefault(hid, ({}, 0))[0][value] = [sources, sorted(set(outlets.split(",")))]
    for hid, (count,) in (
        (h, c)
        for h, *c in db.execute("select happening_id, count(distinct article_id) from segments group by happening_id")
    ):
        recount[hid] = (recount[hid][0], count)
    assert len(kept) < 60, "the alike articles joined into few happenings"
    assert kept == recount
