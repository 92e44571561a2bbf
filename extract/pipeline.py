"""Run every extractor over one article and return paragraph-anchored results."""

from __future__ import annotations

import bisect
import datetime as dt

from dateline.extract.actors import find_actors
from dateline.extract.model import (
    DATE_CONTINUED,
    DATE_PUBLICATION,
    ActorMention,
    Article,
    DateMention,
    Event,
    Extraction,
    Quote,
    Sentence,
)
from dateline.extract.quotes import find_quotes
from dateline.extract.reports import Report, date_reports
from dateline.extract.sentences import split_sentences
from dateline.extract.timex import tag_times


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

    events = _events(date_reports(sentences, dates, published), mentions)
    return Extraction(article, tuple(sentences), tuple(dates), tuple(events), actors, tuple(mentions), tuple(quotes))


_SUBJECT_KINDS = ("person:", "organisation:")


def _events(reports: list[Report], mentions: list[ActorMention]) -> list[Event]:
    """Reports as events, each with the actors mentioned in it (one pass over the sorted mentions)."""
    by_paragraph: dict[int, list[ActorMention]] = {}
    for mention in mentions:
        by_paragraph.setdefault(mention.paragraph, []).append(mention)
    starts = {p: [m.start for m in ms] for p, ms in by_paragraph.items()}
    events = []
    for r in reports:
        inside = by_paragraph.get(r.sentence.paragraph, [])
        first = bisect.bisect_left(starts.get(r.sentence.paragraph, []), r.start)
        keys: list[str] = []
        subject = None  # the first person or organisation named near the start: who the report is about
        for index in range(first, len(inside)):  # not `inside[first:]`: a copy of the rest, per report
            mention = inside[index]
            if mention.start >= r.end:
                break
            keys.append(mention.actor_key)
            if subject is None and mention.start - r.start <= 60 and mention.actor_key.startswith(_SUBJECT_KINDS):
                subject = mention.actor_key
        mention = r.date_mention if r.date_source not in (DATE_PUBLICATION, DATE_CONTINUED) else None
        events.append(
            Event(
                r.sentence.paragraph, r.start, r.end,
                r.sentence.text[r.start - r.sentence.start : r.end - r.sentence.start],
                r.date.value, r.date.granularity, r.date_source,
                mention.text if mention else None, mention.start if mention else None, mention.end if mention else None,
                tuple(dict.fromkeys(keys)), r.kind, r.planned, r.period_end, r.conflict, r.main, subject,
            )
        )  # fmt: skip
    return events
