"""Events: each sentence dated by the expression that says when it happened."""

from __future__ import annotations

import datetime as dt

from extract.articles import make_paragraphs
from extract.model import Article
from extract.pipeline import extract_article


def events(*paragraphs: str) -> list[tuple[str, str, str | None]]:
    article = Article("T", "Wire", dt.date(2022, 2, 15), None, make_paragraphs(list(paragraphs)))
    return [(e.date_value, e.date_source, e.date_text) for e in extract_article(article).events]


def test_a_sentence_takes_its_first_date_and_undated_ones_the_publication_date() -> None:
    assert events("Troops left on Monday. Talks resume next week.", "Nothing else happened.") == [
        ("2022-02-14", "relative", "Monday"),
        ("2022-W08", "relative", "next week"),
        ("2022-02-15", "publication", None),
    ]


def test_durations_and_vague_references_do_not_date_an_event() -> None:
    assert events("The drills lasted ten days and are now over.") == [("2022-02-15", "publication", None)]


def test_background_years_do_not_date_the_statement() -> None:
    found = events(
        'He said NATO should "go back to 1997," officials noted on Tuesday.',
        "Attacks dating back to the 2014 invasion continued.",
        "In 2014, Russia annexed Crimea.",
    )
    assert found == [
        ("2022-02-15", "relative", "Tuesday"),
        ("2022-02-15", "publication", None),
        ("2014", "stated", "2014"),
    ]
