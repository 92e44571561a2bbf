"""Long input costs time in proportion to its length: a paragraph of many thousands of sentences
(a pasted transcript, a PDF dump) is split and stored in seconds, not minutes."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

from dateline.extract.model import Actor, ActorMention, Article, Event, Extraction, Paragraph, Quote, Sentence
from dateline.extract.quotes import find_quotes
from dateline.extract.sentences import split_sentences
from dateline.store.schema import open_store
from dateline.store.writer import write_extraction

SENTENCES = [
    "Mr. Lavrov met Antony Blinken in Geneva on Friday.",
    "Talks ended at 3 p.m. without a deal, officials said.",
    "The U.S. Embassy closed. It may reopen next week!",
    "“We want peace,” J. Smith told reporters.",
]


def test_splitting_keeps_abbreviations_initials_and_closing_quotes() -> None:
    text = 'Mr. Smith went to the U.S. The talks failed. "It is over." He left at 3 p.m. on Friday. John F. Kennedy.'
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Smith went to the U.S.",
        "The talks failed.",
        '"It is over."',
        "He left at 3 p.m. on Friday.",
        "John F. Kennedy.",
    ]


def test_a_run_of_punctuation_with_no_space_after_ends_no_sentence() -> None:
    assert [s.text for s in split_sentences("Wait" + "!" * 50 + "x then. Next one.")] == [
        "Wait" + "!" * 50 + "x then.",
        "Next one.",
    ]


def test_a_paragraph_of_twenty_thousand_sentences_splits_in_linear_time() -> None:
    # Before the fix each candidate boundary re-read the whole text: this took minutes.
    text = " ".join(SENTENCES[i % len(SENTENCES)] for i in range(20_000))
    started = time.perf_counter()
    sentences = split_sentences(text)
    elapsed = time.perf_counter() - started
    assert len(sentences) == 20_000 // 4 * 5  # the third holds two
    assert sentences[-1].text == SENTENCES[-1] and text[sentences[-1].start : sentences[-1].end] == SENTENCES[-1]
    assert elapsed < 20, f"{elapsed:.1f} s"  # linear: about a second; the quadratic splitter took minutes


def test_storing_an_article_of_thirty_thousand_events_places_every_mention_in_its_event(tmp_path: Path) -> None:
    # Placing each mention and quote used to scan every event: 30,000 x 30,000 comparisons, 14 s.
    count = 30_000
    text = " ".join(f"Kuleba spoke {i:05d}." for i in range(count))  # 19 characters a sentence, and a space
    paragraph = Paragraph(0, 0, text)
    article = Article("Long", "Wire", dt.date(2022, 2, 15), None, (paragraph,), source="long.txt")
    sentences = tuple(Sentence(0, i * 20, i * 20 + 19, text[i * 20 : i * 20 + 19]) for i in range(count))
    events = tuple(
        Event(0, s.start, s.end, s.text, "2022-02-15", "day", "publication", None, actor_keys=("kuleba",))
        for s in sentences
    )
    mentions = tuple(ActorMention("kuleba", 0, s.start, s.start + 6, "Kuleba") for s in sentences)
    quotes = (Quote(0, 20 * 7 + 7, 0, 20 * 7 + 12, "spoke", "kuleba", "Dmytro Kuleba", mentions[7]),)
    extraction = Extraction(
        article, sentences, (), events, (Actor("kuleba", "Dmytro Kuleba", "person"),), mentions, quotes
    )
    db = open_store(tmp_path / "long.db")
    started = time.perf_counter()
    write_extraction(db, "a1", extraction, dt.date(2022, 2, 15))
    elapsed = time.perf_counter() - started
    with sqlite3.connect(tmp_path / "long.db") as conn:
        placed = conn.execute("select count(*) from mentions m join events e on e.id = m.event_id").fetchone()[0]
        wrong = conn.execute(
            "select count(*) from mentions m join events e on e.id = m.event_id "
            "where m.start < e.start or m.start >= e.end"
        ).fetchone()[0]
        quote_event = conn.execute("select e.text from quotes q join events e on e.id = q.event_id").fetchone()[0]
        mention_count = conn.execute("select mention_count from actors").fetchone()[0]
    assert (placed, wrong, quote_event, mention_count) == (count, 0, "Kuleba spoke 00007.", count)
    assert elapsed < 30, f"{elapsed:.1f} s"  # linear: 1-3 s on a loaded machine; quadratic placing took minutes


def test_a_quote_carried_over_a_hundred_thousand_paragraphs_is_found_in_linear_time() -> None:
    # A quote left open at a paragraph's end goes on when the next paragraph opens with a quotation
    # mark (news style for a long statement). Looking ahead once copied the rest of the body: 14 s here.
    body = "\n\n".join(["“We hold"] * 100_000)
    started = time.perf_counter()
    quotes = find_quotes(body, [], [])
    elapsed = time.perf_counter() - started
    assert [q.text[:15] for q in quotes] == ["We hold We hold"]
    assert elapsed < 5, f"{elapsed:.1f} s"  # linear: about 0.2 s
