"""Actors without junk: no one from bylines or credits, no headline fragments, places as places, one
actor for one name however it is spelt, within an article and across the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.extract.actors import actor_key, find_actors
from tests.conftest import run_json


def actors(text: str) -> dict[str, str]:
    """Each actor's name -> kind."""
    found, _ = find_actors(text)
    return {a.name: a.kind for a in found}


def test_no_actor_from_a_byline() -> None:
    text = "Anna Berg and Piotr Nowak, Associated Press\n\nThe ministry said the drills would end on Sunday."
    assert "Associated Press" not in actors(text)
    assert "Anna Berg" not in actors(text)
    assert "Piotr Nowak" not in actors("By Piotr Nowak\n\nThe ministry said the drills would end.")


def test_no_actor_from_a_dateline_credit() -> None:
    text = "OSLO, March 3 (Reuters) - Norway's foreign ministry said the talks would go on."
    assert "Reuters" not in actors(text)
    assert "Norway" in actors(text)


def test_a_news_agency_quoted_in_the_story_is_an_actor() -> None:
    assert "Reuters" in actors("The base was shelled overnight, Reuters reported.")


def test_headline_case_lines_and_fragments_are_not_people() -> None:
    found = actors("Lind Meets Brandt In Oslo\n\nThe talks focus on Kremlin-backed demands for a new treaty.")
    assert not [name for name, kind in found.items() if kind == "person"]
    found = actors("They spoke about Regional Stability, a separate track of the talks, on Monday.")
    assert "Regional Stability" not in found


def test_places_are_places() -> None:
    found = actors("The shelling in Nova Dolyna wounded two people. Crimea was annexed in 2014.")
    assert found.get("Nova Dolyna") == "place"
    assert found.get("Crimea") == "place"


def test_the_building_is_not_the_organisation() -> None:
    assert "White House" not in actors("The two leaders met at the White House on Monday.")
    assert actors("The White House said the call was useful.")["White House"] == "organisation"


def test_a_title_attaches_to_the_name_after_it() -> None:
    found, _ = find_actors("Talks with Putin went on. French President Emmanuel Macron said the call was useful.")
    titles = {a.name: a.titles for a in found}
    assert titles["Emmanuel Macron"] == ("French President",)
    assert not titles.get("Putin")
    found, _ = find_actors("The talks with Putin\n\nFrench President Emmanuel Macron said the call was useful.")
    assert {a.name: a.titles for a in found}["Emmanuel Macron"] == ("French President",)
    found, _ = find_actors("Talks with Putin French President Emmanuel Macron said were useful.")
    assert {a.name: a.titles for a in found}["Emmanuel Macron"] == ("French President",)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("NATO-Russia Council", "Russia-NATO Council"),
        ("Ministry of Defence of Finland", "Ministry of Defense of Finland"),
    ],
)
def test_organisation_spellings_share_a_key(one: str, other: str) -> None:
    assert actor_key("organisation", one) == actor_key("organisation", other)


def test_belarus_defence_ministry_written_two_ways_is_one_actor() -> None:
    text = "Belarus' Defence Ministry said the drills began. The Belarusian Defense Ministry later said they ended."
    found, _ = find_actors(text)
    assert len([a for a in found if a.kind == "organisation"]) == 1


def test_an_acronym_is_its_expansion() -> None:
    found = actors("The Collective Security Treaty Organization (CSTO) met. The CSTO sent troops.")
    assert "CSTO" not in found
    assert "Collective Security Treaty Organization" in found


def test_lnr_is_the_luhansk_peoples_republic() -> None:
    assert set(actors("The LNR leader spoke. The Luhansk People's Republic said it would vote.")) == {
        "Luhansk People's Republic"
    }


def test_xi_is_xi_jinping() -> None:
    found = actors("Chinese President Xi Jinping met the delegation. Xi said the talks went well.")
    assert "Xi" not in found
    assert found["Xi Jinping"] == "person"


def _article(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"Example Times\n{name}\nPublished March 3, 2022\nhttps://example.com/{name}\n\n{body}\n")
    return path


def test_one_person_across_articles_however_spelt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _article(tmp_path, "a.txt", "Deputy Foreign Minister Alexander Grushko said talks would go on.")
    _article(tmp_path, "b.txt", "Deputy Foreign Minister Aleksandr Grushko said talks had failed.")
    _article(tmp_path, "c.txt", "Chinese President Xi Jinping spoke. Xi said trade would grow.")
    _article(tmp_path, "d.txt", "Xi said on Monday that trade would grow.")
    db = tmp_path / "s.db"
    assert main(["ingest", str(tmp_path), "--db", str(db), "--quiet"]) == 0
    people = {a["name"] for a in run_json(capsys, "actors", "--db", str(db), "--json") if a["kind"] == "person"}
    assert people == {"Alexander Grushko", "Xi Jinping"} or people == {"Aleksandr Grushko", "Xi Jinping"}
