"""A plain-text article's byline ("By Jane Doe") is its author, as a web page's `<meta name="author">` is:
the citation names who wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.extract.articles import parse_plain_text
from tests.conftest import run_json

HEADER = "Harbour Wire\nPort talks resume\nPublished March 3, 2022\n\n"
STORY = "Negotiators met in Odesa on Tuesday to discuss grain shipments, officials said.\n\nTalks go on."


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("by Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("By Jane Doe, Harbour Wire", "Jane Doe"),
        ("Written by Ana de Souza", "Ana de Souza"),
    ],
)
def test_a_byline_first_or_last_names_the_author(byline: str, author: str) -> None:
    assert parse_plain_text(f"{HEADER}{byline}\n\n{STORY}\n").author == author
    assert parse_plain_text(f"{HEADER}{STORY}\n\n{byline}\n").author == author


@pytest.mark.parametrize(
    "paragraph", ["By Friday, nothing had changed.", "By Monday, no deal", "By the way", "Reported by phone"]
)
def test_a_short_paragraph_that_is_no_byline_names_no_author(paragraph: str) -> None:
    assert parse_plain_text(f"{HEADER}{paragraph}\n\n{STORY}\n").author is None
    assert parse_plain_text(f"{HEADER}{STORY}\n\n{paragraph}\n").author is None


def test_a_byline_in_the_middle_of_the_story_is_not_taken(tmp_path: Path) -> None:
    text = f"{HEADER}{STORY}\n\nBy Jane Doe\n\nThe port reopened on Wednesday.\n"
    assert parse_plain_text(text).author is None


def test_parse_shows_the_author(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"{HEADER}{STORY}\n\nby Jane Doe\n", encoding="utf-8")
    (record,) = run_json(capsys, "parse", str(article), "--json")
    assert record["author"] == "Jane Doe"
