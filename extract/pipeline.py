"""Run every extractor over one article and return paragraph-anchored results."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from extract.actors import find_actors
from extract.model import (
    DATE_PUBLICATION,
    ActorMention,
    Article,
    DateMention,
    Event,
    Extraction,
    Quote,
    Sentence,
    dates_an_event,
    granularity_of,
)
from extract.quotes import find_quotes
from extract.sentences import split_sentences
from extract.timex import tag_times


class _Locator:
    """Maps offsets in the article body to (paragraph index, offset in that paragraph)."""

    def __init__(self, article: Article) -> None:
        self.starts = [p.start for p in article.paragraphs]

    def __call__(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return index, offset - self.starts[index]


def extract_article(article: Article, published: dt.date | None = None) -> Extraction:
    """Sentences, dates, events, actors and quotes of `article`.

    `published` overrides the article's own publication date (for dateless articles)."""
    published = published or article.published
    if published is None:
        raise ValueError("the article has no publication date")
    body = article.body
    locate = _Locator(article)

    sentences: list[Sentence] = []
    for paragraph in article.paragraphs:
        sentences.extend(split_sentences(paragraph.text, paragraph.index))

    timexes = tag_times(body, published)
    dates = []
    for timex in timexes:
        paragraph, start = locate(timex.start)
        dates.append(
            DateMention(
                paragraph, start, start + len(timex.text), timex.text, timex.type, timex.value, timex.resolution
            )
        )

    found_actors, found_mentions = find_actors(body)
    mentions = []
    for found in found_mentions:
        paragraph, start = locate(found.start)
        mentions.append(ActorMention(found.key, paragraph, start, start + len(found.text), found.text))
    actors = tuple(found_actors)

    quotes = []
    for found in find_quotes(body, found_actors, found_mentions):
        paragraph, start = locate(found.start)
        end_paragraph, end = locate(found.end)
        speaker_mention = None
        if found.speaker_start is not None and found.speaker_end is not None:
            s_paragraph, s_start = locate(found.speaker_start)
            speaker_mention = ActorMention(
                found.speaker_key or "",
                s_paragraph,
                s_start,
                s_start + found.speaker_end - found.speaker_start,
                body[found.speaker_start : found.speaker_end],
            )
        quotes.append(
            Quote(
                paragraph,
                start,
                end_paragraph,
                end,
                found.text,
                found.speaker_key,
                found.speaker_name,
                speaker_mention,
                found.cue,
                found.speaker_kind,
                found.via,
            )
        )

    events = [_event_for(sentence, dates, mentions, published) for sentence in sentences]
    return Extraction(article, tuple(sentences), tuple(dates), tuple(events), actors, tuple(mentions), tuple(quotes))


def _background_year(sentence: Sentence, date: DateMention) -> bool:
    """A bare year that names the background of a statement, not when it happened: used as a
    modifier ("the 2014 invasion") or inside quoted words ("go back to 1997")."""
    if granularity_of(date.value) not in ("year", "fuzzy"):
        return False
    before = sentence.text[: date.start - sentence.start]
    if re.search(r"\bthe\s+$", before, re.IGNORECASE):
        return True
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1


def _event_for(sentence: Sentence, dates: list[DateMention], mentions: list[ActorMention], published: dt.date) -> Event:
    """A sentence as an event, dated by its first date expression that names a period."""
    inside = [
        d
        for d in dates
        if d.paragraph == sentence.paragraph
        and sentence.start <= d.start < sentence.end
        and dates_an_event(d.type, d.value)
        and not _background_year(sentence, d)
    ]
    actor_keys = tuple(
        dict.fromkeys(
            m.actor_key
            for m in mentions
            if m.paragraph == sentence.paragraph and sentence.start <= m.start < sentence.end
        )
    )
    if inside:
        date = inside[0]
        return Event(
            sentence.paragraph, sentence.start, sentence.end, sentence.text, date.value, granularity_of(date.value),
            date.resolution, date.text, date.start, date.end, actor_keys,
        )  # fmt: skip
    return Event(
        sentence.paragraph, sentence.start, sentence.end, sentence.text, published.isoformat(), "day",
        DATE_PUBLICATION, None, None, None, actor_keys,
    )  # fmt: skip
