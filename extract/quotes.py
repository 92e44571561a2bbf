"""Find direct and partial quotes in an article body and attribute each to its speaker.

Works on the body text (paragraphs joined by blank lines); offsets are into it.

1. Quote spans: curly and straight double quotes, paired within a paragraph. A paragraph
   that opens a quote and does not close it continues into the next paragraph when that
   one opens with a quotation mark (the newswire convention).
2. Not speech: scare quotes and titles ("open door policy") - short quotes used as a
   noun phrase with no reporting verb attached.
3. Speaker: the reporting verb (cue) after the quote ('," said Price', '," Price said'),
   or before it ('Lavrov said: "...'), or the subject of the sentence for a partial quote
   ('Blinken reiterated the US commitment to "..."'). Pronouns and role nouns ("he",
   "the official") resolve to the most recent fitting actor; a quote paragraph with no cue
   continues the last speaker.
4. The grammar of reported speech decides between candidates: the subject of the reporting
   verb, not the nearest name; an unnamed speaker's phrase when it opens the clause ("a Pentagon
   official said"); a document's words credited to its author (`extract/speakers.py`); "it",
   "they", "the ministry", "the statement", "Finland's president" resolved within the article;
   relayed speech ("X told Y that ..., "...," Z said"; "Z said, quoting X") credited to the one
   quoted, with the teller as `via`.
5. Each quote gets its speaker's kind: person, organisation, country or document.

This module walks the quotes in reading order and carries the last speaker; the parts live beside it:
`quote_spans` (pairing quotation marks, sentence bounds, speech or title), `quote_cues` (reporting
verbs, noun phrases, pronouns), `quote_attribution` (the speaker from the grammar around a quote),
`quote_referents` (what "it" or "the ministry" refers to, speaker kinds, relayed speech) and
`speakers` (unnamed speakers and documents).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from dateline.extract import speakers
from dateline.extract.actors import FoundMention
from dateline.extract.model import Actor
from dateline.extract.quote_attribution import (
    _attribute_after,
    _attribute_before,
    _next_sentence_speaker,
    _previous_sentence_speaker,
    _sentence_subject,
)
from dateline.extract.quote_cues import _CUES
from dateline.extract.quote_referents import _refer, _relayed, _speaker_kind
from dateline.extract.quote_spans import (
    _after_colon,
    _content_text,
    _is_speech,
    _names_a_work,
    _pair_quotes,
    _sentence_bounds,
    _starts_paragraph,
)


@dataclass(frozen=True)
class FoundQuote:
    start: int  # first character of the quoted words (after the opening mark)
    end: int  # just past the last quoted word (before the closing mark)
    text: str
    speaker_key: str | None
    speaker_name: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    speaker_kind: str | None = None  # person, organisation, country, document
    via: str | None = None  # the name of whoever relayed the words
    parts: tuple[tuple[int, int], ...] = ()  # the quoted stretches, when an attribution interrupts them


_LOOK_BACK = 6000  # characters before a quote where its speaker, or what "he" or "the ministry" refers to, is named

_LOOK_AHEAD = 1500  # characters after it: '," said ...', "which was drafted by X" in the next sentences


def find_quotes(body: str, actors: list[Actor], mentions: list[FoundMention]) -> list[FoundQuote]:
    """Quotes in `body` with their speakers, using the actor mentions found in it."""
    kinds = {a.key: a.kind for a in actors}
    names = {a.key: a.name for a in actors}
    spans = _pair_quotes(body)
    # Nobody inside quotation marks is the speaker of a quote, nor a pronoun's antecedent.
    opens = [span.open for span in spans]
    outside = []
    for m in mentions:
        index = bisect.bisect_left(opens, m.start) - 1
        if index < 0 or m.start >= spans[index].close:
            outside.append(m)
    starts = [m.start for m in outside]
    quotes: list[FoundQuote] = []
    last_speaker: tuple[str | None, str | None, int | None, int | None, str | None] | None = None
    last_quote_paragraph_end = -1
    last_via = None
    for span in spans:
        # Speakers are looked for near the quote: a window of the mentions keeps a long article linear.
        mentions = outside[
            bisect.bisect_left(starts, span.open - _LOOK_BACK) : bisect.bisect_left(starts, span.close + _LOOK_AHEAD)
        ]
        start, end = span.fragments[0][0], span.fragments[-1][1]
        parts = ((start, end),)
        content = _content_text(body, span)
        sentence_start, sentence_end = _sentence_bounds(body, span.open, span.close)
        whole_paragraph = _starts_paragraph(body, span.open)
        if _names_a_work(body, span, content):
            continue  # 'told CNN's "New Day," that ...': a programme, however close to a verb
        attribution = _attribute_after(body, span, sentence_end, mentions, kinds)
        if attribution is None and not _is_speech(body, span, content, sentence_start, whole_paragraph):
            continue
        via = None
        if attribution is not None:  # '... that "...," Ushakov said': whose words Ushakov tells
            relayed = _relayed(body, span, sentence_start, sentence_end, attribution, mentions, kinds, names)
            if relayed:
                attribution, via = relayed
        if attribution is None:
            attribution = _attribute_before(body, span, sentence_start, mentions, kinds)
        same_paragraph = quotes and "\n" not in body[quotes[-1].end : span.open]
        follows_quote_paragraph = (
            whole_paragraph and speakers.previous_newline(body, span.open) - 1 <= last_quote_paragraph_end + 2
        )
        if attribution is None and last_speaker and (same_paragraph or follows_quote_paragraph):
            # No cue of its own: it goes on with the speaker of the quote just before it.
            attribution = (*last_speaker[:4], "(continued)")
            via = last_via
        if (
            attribution is None
            and span.open == sentence_start
            and (not whole_paragraph or _after_colon(body, span.open))
        ):
            attribution = _previous_sentence_speaker(body, sentence_start, span.open, mentions, kinds)
        if attribution is None and span.open == sentence_start and content.endswith((".", "!", "?")):
            attribution = _next_sentence_speaker(body, span.close + 1, mentions)
        if attribution is None:
            attribution = _sentence_subject(body, span, sentence_start, mentions, kinds)
        # Merge 'X," Price said, "Y."' into one quote.
        if quotes and attribution and _continues_previous(body, quotes[-1], span.open, attribution):
            previous = quotes.pop()
            content = previous.text + " … " + content
            start = previous.start
            parts = (*(previous.parts or ((previous.start, previous.end),)), (span.fragments[0][0], end))
            attribution = (
                previous.speaker_key,
                previous.speaker_name,
                previous.speaker_start,
                previous.speaker_end,
                previous.cue,
            )
            via = previous.via
        if attribution is None:
            attribution = (None, None, None, None, None)
        attribution = _refer(body, attribution, actors, mentions, last_speaker, names, kinds)
        key, name, s_start, s_end, cue = attribution
        if key and not name:
            name = names.get(key)
        kind = _speaker_kind(kinds.get(key or ""), name, body[s_start:s_end] if s_start is not None else "")
        if (
            quotes
            and s_start is not None
            and body[s_start:s_end].lower() == "it"
            and (key, name)
            == (
                quotes[-1].speaker_key,
                quotes[-1].speaker_name,
            )
        ):
            kind = quotes[-1].speaker_kind  # "It demanded ...", after the draft spoke: the draft again
        quotes.append(FoundQuote(start, end, content, key, name, s_start, s_end, cue, kind, via, parts))
        if key or name or s_start is not None:
            last_speaker = attribution
            last_via = via
        last_quote_paragraph_end = speakers.next_newline(body, span.close)
    return quotes


def _continues_previous(body: str, previous: FoundQuote, open_: int, attribution) -> bool:  # type: ignore[no-untyped-def]
    between = body[previous.end : open_]
    return (
        # '"We remain committed," Price said, "to the diplomatic path."': the second part goes on with
        # the sentence (lower case); after '..., she said, adding, "Mr. Trump ..."' a new one begins.
        body[open_ + 1 : open_ + 2].islower()
        and "\n" not in between
        and len(between) < 80
        and bool(re.match(r"[,]?[”\"]\s*,?\s*[^“”\"]*\b(?:" + _CUES + r")\b[^“”\"]*,\s*$", between))
        and attribution[0] == previous.speaker_key
    )
