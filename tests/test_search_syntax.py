"""The search syntax: `-word` leaves a word out as web searches do; what cannot be read is said, in the app too."""

from __future__ import annotations

from pathlib import Path

from dateline.store.queries import ends_in_short_prefix, parse_search
from tests.test_tui_fixes import convoys_db, notices, running, type_into_bar  # noqa: F401 (convoys_db: a fixture)


def test_a_minus_before_a_word_leaves_it_out() -> None:
    assert parse_search("Putin -Biden") == ('"Putin" NOT "Biden"', [])
    assert parse_search("-Biden") == ('"Biden"', ["NOT needs a word before it"])


async def test_the_app_says_what_it_could_not_read_in_a_search(convoys_db: Path) -> None:  # noqa: F811
    async with running(convoys_db) as (pilot, app, messages):
        await type_into_bar(pilot, app, "slash", '"convoy')
        said = notices(messages)
        assert any('a phrase is not closed (a " is missing)' in text for text in said), said
        await type_into_bar(pilot, app, "slash", "convoy")
        assert notices(messages) == said, "a search that reads whole says nothing"


def test_a_search_ending_in_a_prefix_of_one_or_two_letters_is_told_apart() -> None:
    """Such a search is not read ahead as it is typed (`TimelineFeed.search_typed`)."""
    short = ["s", "se", "se*", "security c", "Putin Bi", "Geneva 2"]
    longer = ["sec", "security", '"se"', "Putin -Bi", "Putin Bid", "se OR sec", ""]
    assert [t for t in short if ends_in_short_prefix(t)] == short
    assert [t for t in longer if ends_in_short_prefix(t)] == []
