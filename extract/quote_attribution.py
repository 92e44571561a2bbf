"""Who said a quote, read from the grammar of reported speech around it.

The reporting verb after the quote ('," said Price', '" Price said'), or before it ('Lavrov said: "'),
the subject of that verb rather than the nearest name, an unnamed speaker's phrase when it opens
the clause ("a Pentagon official said"), the speaker of the sentence before or after, and the subject
of the sentence for a partial quote. Each returns an attribution tuple
(key, name, start, end, cue) or None.
"""

from __future__ import annotations

import re

from dateline.extract import speakers
from dateline.extract.quote_cues import (
    _CUES,
    _OBJECT_BEFORE,
    _appositive_name,
    _aside_before,
    _first_cue,
    _mention_to_attribution,
    _names_the_aside,
    _noun_phrase,
    _phrase_attribution,
    _possessive,
    _pronoun_or_role,
    _resolve_pronoun,
    _verb_cues,
)
from dateline.extract.quote_spans import _OPENERS

# '"...," Trump barked': after a quote that hands over to its speaker (it ends on a comma, a question
# or an exclamation mark), a name or pronoun and a past-tense verb are the speaker and how they spoke.
_MANNER_OF_SPEAKING = re.compile(
    r"\s*[,—–-]?\s*(?:he|she|they|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?P<verb>[a-z]+ed)\b"
)


class _ManneredCue:
    """A manner-of-speaking verb used as a cue: the same face as a regular-expression match."""

    def __init__(self, match: re.Match[str]) -> None:
        self._match = match

    def start(self) -> int:
        return self._match.start("verb")

    def end(self) -> int:
        return self._match.end("verb")

    def group(self) -> str:
        return self._match.group("verb")


def _attribute_after(body, span, sentence_end, mentions, kinds):  # type: ignore[no-untyped-def]
    """'," said Price' / '," State Department spokesman Ned Price said' / '," he said'."""
    after_start = span.close + 1
    whole_tail = body[after_start:sentence_end]
    tail = whole_tail
    next_quote = re.search(r"[“\"]", tail)
    if next_quote and next_quote.start() > 0:
        tail = tail[: next_quote.start()]  # a verb inside the next quote is not this one's cue
    if not re.match(r"\s*[,—–-]?\s*\S", tail) or tail.lstrip().startswith(("“", '"')):
        return None
    inside = body[span.fragments[-1][0] : span.fragments[-1][1]].rstrip()
    if (
        inside.endswith(".")
        and re.match(r"\s+[A-Z]", tail)
        and not re.match(rf"\s+(?:[A-Z][\w.'’-]*\s+){{1,3}}(?:{_CUES})\b(?:\s+[\w.,]+){{0,4}}\s*$", whole_tail)
    ):
        return None  # '..." He added, "...': the quote closed its own sentence ('..." Trump said.' still counts)
    cue = _first_cue(tail)
    manner = _MANNER_OF_SPEAKING.match(tail) if inside.endswith((",", "?", "!")) else None
    if manner and (cue is None or cue.start() > manner.start("verb")):
        cue = _ManneredCue(manner)  # '"Go back," Trump barked', '"..., " he fumed'

    if cue is None or cue.start() > 200:
        return None
    cue_start, cue_end = after_start + cue.start(), after_start + cue.end()
    gap = body[after_start:cue_start]
    # '"crystal ball" and said', '"a big advocate" of ..., which he argued': the words after the
    # quote go on with its own sentence; a verb there belongs to someone else.
    # '" that Sanders can win, said Elmendorf': the words after the quote finish its sentence; the speaker follows.
    inverted_first = re.match(r"\W*[a-z].*,\s*$", gap) is not None
    if (
        re.search(r"\b(?:and|but|or|then|which|because|if|including|when|while|whereas|although|though|since)\b", gap)
        and not inverted_first
    ):
        return None
    if not inverted_first:
        found = _subject_before(body, after_start, cue_start, span.open, mentions, kinds, cue.group())
        if found:
            return found
        gap = _noun_phrase(body, after_start, cue_start)
        if gap:  # '," a senior official said': whoever stands between the quote and the verb
            return None, body[gap[0] : gap[1]], gap[0], gap[1], cue.group()
    # Inverted: '," said Price' or '," said the official'.
    phrase = speakers.phrase_after(body, cue_end, sentence_end, mentions)
    if phrase:  # '," read one statement from the ministry'
        return _phrase_attribution(body, phrase, mentions, kinds, cue.group())
    after_cue = [m for m in mentions if cue_end <= m.start <= cue_end + 60 and m.start < sentence_end]
    if after_cue:
        return _mention_to_attribution(_appositive_name(body, after_cue, kinds), cue.group())
    right_after = re.match(r"\s+(he|she|they)\b", body[cue_end : cue_end + 6])  # '," said he'
    if right_after:
        start = cue_end + right_after.start(1)
        return _resolve_pronoun(
            right_after.group(1), start, start + len(right_after.group(1)), span.open, mentions, kinds, cue.group()
        )
    resolved = _pronoun_or_role(body, cue_end, min(sentence_end, cue_end + 60), span.open, mentions, kinds, cue.group())
    if resolved and resolved[2] is not None and not body[cue_end : resolved[2]].strip(" ,"):
        return resolved
    inverted = _noun_phrase(body, cue_end, min(sentence_end, cue_end + 80), leading=True)
    if inverted:
        return None, body[inverted[0] : inverted[1]], inverted[0], inverted[1], cue.group()
    return None


_IN_SOMEONES_WORDS = re.compile(r"\b[Ii]n\s+(?:the\s+)?([^,]{2,60}?)['’]s?\s+(?:own\s+)?words\s*[:,]?\s*$")


def _ends_with_words(head: str) -> bool:
    """Whether `head` ends as each match of `_IN_SOMEONES_WORDS` makes it end: "words", then perhaps ":" or ","."""
    end = head.rstrip()
    if end.endswith((":", ",")):
        end = end[:-1].rstrip()
    return end.endswith("words")


def _attribute_before(body, span, sentence_start, mentions, kinds):  # type: ignore[no-untyped-def]
    """'Lavrov said: "..."' / 'Blinken told reporters, "..."' / 'according to Price, "..."'."""
    previous_close = max(body.rfind("”", sentence_start, span.open), body.rfind('"', sentence_start, span.open))
    whole_sentence_start = sentence_start
    sentence_start = max(sentence_start, previous_close + 1)  # a cue before an earlier quote is that quote's
    head = body[sentence_start : span.open]
    # tried only when the text before the quote ends with "words" (perhaps then ":" or ","), as every match does
    words_of = _IN_SOMEONES_WORDS.search(head) if _ends_with_words(head) else None
    if words_of:  # "In the mayor's words: "...""
        first, last = sentence_start + words_of.start(1), sentence_start + words_of.end(1)
        owner = [m for m in mentions if first <= m.start < last]
        if owner:
            return _mention_to_attribution(owner[-1], "in the words of")
    cues = _verb_cues(head)
    if not cues:
        if head.rstrip().endswith(":"):  # "Here's Clinton in December 1992: "...""; "Newport and Harter: "...""
            return _subject_before(
                body, sentence_start, sentence_start + len(head.rstrip()) - 1, span.open, mentions, kinds, None
            )
        return None
    cue = cues[-1]
    opening = [c for c in cues if c.group() == "According to" and not head[: c.start()].strip()]
    if opening and not [c for c in cues if c.start() > opening[0].start()]:
        cue = opening[0]  # "According to X, ... "...": the whole sentence is told by X
    elif (
        not re.search(r"[:,]\s*$|\bthat\s*$|\b(?:" + _CUES + r")\s*$", head)
        and len(head) - cue.end() > 60
        and not re.search(r"\bthat\b", head[cue.end() :])  # "X assured ... that Y will be "...""
    ):
        return None
    cue_start = sentence_start + cue.start()
    cue_end = sentence_start + cue.end()
    if cue.group().lower() == "according to":
        phrase = speakers.phrase_after(body, cue_end, span.open, mentions)
        if phrase:  # "According to a Russian document, ..."
            return _phrase_attribution(body, phrase, mentions, kinds, cue.group())
        after = [m for m in mentions if cue_end <= m.start < span.open]
        if after:
            return _mention_to_attribution(after[0], cue.group())
        phrase = _noun_phrase(body, cue_end, span.open, leading=True)
        if phrase:
            return None, body[phrase[0] : phrase[1]], phrase[0], phrase[1], cue.group()
    # "X said he was "convinced" ..., saying he had "reason to believe"": a participle's subject
    # opens the whole sentence, before the earlier quote.
    participle = (
        cue.group().endswith("ing")
        and body[whole_sentence_start] not in _OPENERS
        # '"...," Cruz said, adding: "...": the subject of 'said' adds it
        and len(cues) == 1
    )
    subject_from = whole_sentence_start if participle else sentence_start
    found = _subject_before(body, subject_from, cue_start, span.open, mentions, kinds, cue.group())
    if found:
        return found
    after = [m for m in mentions if cue_end <= m.start < span.open]
    return _mention_to_attribution(after[0], cue.group()) if after else None


_PRONOUN_BEFORE_VERB = re.compile(r"\b(he|she|they|who|it|I|we|He|She|They|Who|It|We)(?:\s+\w+ly)?\s*$")


def _subject_before(body, start, cue_start, quote_start, mentions, kinds, cue):  # type: ignore[no-untyped-def]
    """The speaker standing before a reporting verb: a pronoun right before it ("she wrote",
    "Obama, who called"), else the last actor before it that is not a possessive or in
    parentheses ("Sanders's following"), people first, else a pronoun or role noun."""
    if cue and cue.endswith("ing"):
        # 'Albright urged women to vote for Clinton, saying, "..."': a participle's speaker is
        # the subject of the sentence, its first actor or pronoun.
        first = _first_subject(body, start, cue_start, quote_start, mentions, kinds, cue)
        if first:
            return first
        phrase = _noun_phrase(body, start, cue_start, leading=True)  # "The retired neurosurgeon has ..., saying"
        if phrase:
            return None, body[phrase[0] : phrase[1]], phrase[0], phrase[1], cue
    pronoun = _PRONOUN_BEFORE_VERB.search(body, start, cue_start)
    if pronoun:
        return _resolve_pronoun(pronoun.group(1), pronoun.start(1), pronoun.end(1), quote_start, mentions, kinds, cue)
    phrase = _phrase_speaker(body, start, cue_start, mentions, kinds, cue)
    if phrase:
        return phrase
    clause = max(start, body.rfind(",", start, cue_start) + 1)
    opening = speakers.phrase_after(body, clause, cue_start, mentions)
    if opening and opening.kind == "document" and re.match(r"\s+(?:\w+\s+)?(?:by|from)\s", body[opening.end :]):
        return _phrase_attribution(body, opening, mentions, kinds, cue)  # "A statement by the ministry said"
    aside = _aside_before(body, start, cue_start)
    candidates = [
        m
        for m in mentions
        if start <= m.start
        and m.end <= cue_start
        and not _possessive(body, m)  # "Sanders's following"
        and body.count("(", start, m.start) <= body.count(")", start, m.start)
        and not (aside[0] <= m.start < aside[1] and not _names_the_aside(body, aside, m))
        # "Mary Susan, clad in a cape with the name Trump, said"; but "Ukraine's president, Jan Kos, said"
        and not _OBJECT_BEFORE.search(body, max(start, m.start - 9), m.start)  # "met with Trump and declared"
    ]
    people = [m for m in candidates if kinds.get(m.key) == "person"]
    if people or candidates:
        return _mention_to_attribution((people or candidates)[-1], cue)
    found = _pronoun_or_role(body, start, cue_start, quote_start, mentions, kinds, cue)
    if found:
        return found
    clause = max(body.rfind(",", start, cue_start), body.rfind(";", start, cue_start)) + 1
    phrase = _noun_phrase(body, max(start, clause), cue_start)  # "The minority leader said flatly:"
    return (None, body[phrase[0] : phrase[1]], phrase[0], phrase[1], cue) if phrase else None


_ADVERBS_AT_END = re.compile(
    r"(?:\s+(?:also|later|then|previously|earlier|again|further|has|have|had|was|is|were|are|will|would|"
    r"once|first|recently|today|yesterday|[a-z]+ly))*\s*,?\s*$"
)


def _phrase_speaker(body, start, cue_start, mentions, kinds, cue):  # type: ignore[no-untyped-def]
    """An unnamed speaker standing right before the verb: "a Pentagon official said", "US officials
    described", "the report asserted" (a document: its author, when the article names one)."""
    end = _ADVERBS_AT_END.search(body, start, cue_start).start()
    if any(m.end == end for m in mentions):
        return None  # "the Foreign Ministry said": a named actor
    phrase = speakers.phrase_before(body, max(start, end - 120), end)
    if phrase is None:
        return None
    named = [m for m in mentions if m.end <= phrase.start and re.fullmatch(r",\s+", body[m.end : phrase.start])]
    if named and named[-1].start >= start:  # "Ned Price, the department's spokesman, said": his title
        return _mention_to_attribution(named[-1], cue)
    return _phrase_attribution(body, phrase, mentions, kinds, cue)


_CLAUSE_BREAK = re.compile(r"(?:,\s+(?:and|but|while|whereas)|;|\s+and)\s+(?=(?:he|she|they|it|the|[A-Z])\b)")


def _first_subject(body, start, cue_start, quote_start, mentions, kinds, cue):  # type: ignore[no-untyped-def]
    """The subject of the clause that ends at `cue_start`: a pronoun opening it, else its first actor
    ("Christie made it a priority, and he has battled ..., calling the mayor a "liar"": he)."""
    breaks = list(_CLAUSE_BREAK.finditer(body, start, cue_start))
    if breaks:
        start = breaks[-1].end()
    opening = re.match(r"\W*(he|she|they|He|She|They)\b", body[start:cue_start])
    if opening:
        return _resolve_pronoun(
            opening.group(1), start + opening.start(1), start + opening.end(1), quote_start, mentions, kinds, cue
        )
    inside = [
        m
        for m in mentions
        if start <= m.start
        and m.end <= cue_start
        and not _possessive(body, m)
        and not _OBJECT_BEFORE.search(body, max(start, m.start - 9), m.start)  # "In an interview with CNN, X"
    ]
    people = [m for m in inside if kinds.get(m.key) == "person"]  # "Speaking in Salem, Ohio, Jones said"
    return _mention_to_attribution((people or inside)[0], cue) if inside else None


def _previous_sentence_speaker(body, sentence_start, quote_start, mentions, kinds):  # type: ignore[no-untyped-def]
    """'Or maybe Jeb Bush, consultant Phil Musser says. "Several surveys ..."': a sentence that
    ends on its reporting verb introduces the quote after it."""
    previous = body[max(0, sentence_start - 200) : sentence_start].rstrip()
    cue = re.search(rf"\b(?:{_CUES})\s*[.:]$", previous)
    if not cue:
        # 'The Foundation describes itself in the following way:' then the quote in its own paragraph
        cue = re.search(rf"\b(?:{_CUES})\b[^.\n]*:$", previous)
    if not cue or "\n" in previous[cue.start() :]:
        return None
    cue_start = sentence_start - len(body[max(0, sentence_start - 200) : sentence_start]) + cue.start()
    line_start = speakers.previous_newline(body, cue_start) + 1
    return _subject_before(
        body, max(line_start, cue_start - 120), cue_start, quote_start, mentions, kinds, cue.group().rstrip(".: ")
    )


# The sentence after a quote that stands alone names who said it: "Those were the words of X", "The
# remarks came from X", "X made the comments on Sunday", "X wrote the message on Telegram".
_WORDS_OF = re.compile(
    r"\s*(?:(?:That|This|Those|These|Such)\s+(?:was|were|is|are)\s+(?:the\s+)?|The\s+)"
    r"(?:words?|remarks?|comments?|message|warning|statement|post|tweet|verdict|view|assessment)\s+"
    r"(?:\w+\s+){0,2}?(?:of|from|by)\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,5}?$"  # "... of Defence Minister X"
)

_MADE_THE = re.compile(
    r"\s+(?:made|wrote|posted|tweeted|delivered|issued|gave)\s+(?:the|these|those|that|this)\s+"
    r"(?:words?|remarks?|comments?|message|warning|statement|post|tweet|speech|appeal)\b"
)


def _next_sentence_speaker(body, sentence_end, mentions):  # type: ignore[no-untyped-def]
    """A quote standing alone, its speaker named in the sentence after it."""
    following = [m for m in mentions if sentence_end <= m.start <= sentence_end + 120]
    if not following:
        return None
    first = following[0]
    if "\n" in body[sentence_end : first.start].strip(" "):
        return None  # the next paragraph is another matter
    between = body[sentence_end : first.start]
    title_only = re.fullmatch(r"\s*(?:[A-Z][\w.'’-]*\s+){0,5}", between) is not None  # "Defence Minister X made"
    if _WORDS_OF.fullmatch(between) or (title_only and _MADE_THE.match(body, first.end)):
        return _mention_to_attribution(first, "(next sentence)")
    return None


def _sentence_subject(body, span, sentence_start, mentions, kinds):  # type: ignore[no-untyped-def]
    """The subject of the clause holding a partial quote: a pronoun opening it, else its first actor."""
    opening = re.match(r"\W*(He|She|They)\b", body[sentence_start : span.open])
    if opening:
        return _resolve_pronoun(
            opening.group(1), sentence_start + opening.start(1), sentence_start + opening.end(1), span.open,
            mentions, kinds, None,
        )  # fmt: skip
    head = body[sentence_start : span.open]
    document = _document_before_relative(body, sentence_start, span.open, mentions, kinds)
    if document:  # 'vetoed a resolution that "deplores ..."': the resolution's words
        return document
    cues = [c for c in _verb_cues(head) if c.group().lower() != "according to"]
    if cues and re.search(r",[”\"]?\s+(?:while|and|but|whereas)\b|;", head[cues[-1].end() :]):
        cues = []  # "X said ..., while Y conveyed "...": another clause, another subject
    if cues and head.count("(", cues[0].end()) > head.count(")", cues[0].end()):
        cues = []  # the quote is inside a parenthesis the verb does not reach
    if cues:  # a partial quote far into what someone said: the speaker is the subject of its verb
        cue_start = sentence_start + cues[0].start()
        found = _subject_before(body, sentence_start, cue_start, span.open, mentions, kinds, cues[0].group())
        if found and found[3] is not None and re.fullmatch(r"[^,;]{0,25}", body[found[3] : cue_start]):
            return found
    clauses = list(re.finditer(r"(?:,\s+(?:while|and|but|whereas|as)|;|\s+while)\s+", head))
    clause_start = sentence_start + clauses[-1].end() if clauses else sentence_start
    for start in (clause_start, sentence_start):
        before = [
            m for m in mentions
            if start <= m.start and m.end <= span.open and not _possessive(body, m)
        ]  # fmt: skip
        if before:
            people = [m for m in before if kinds.get(m.key) == "person"]
            return _mention_to_attribution((people or before)[0] if start == sentence_start else before[0], None)
    return _pronoun_or_role(body, sentence_start, span.open, span.open, mentions, kinds, None)


def _document_before_relative(body, start, quote_start, mentions, kinds):  # type: ignore[no-untyped-def]
    """ "a resolution on Friday that "...": the document the relative clause opens on."""
    relative = re.search(r"\s(?:that|which)\s+$", body[max(start, quote_start - 12) : quote_start])
    if relative is None:
        return None
    relative_start = max(start, quote_start - 12) + relative.start()
    words = list(re.finditer(r"[\w’'-]+", body[max(start, relative_start - 50) : relative_start]))
    for word in reversed(words[-4:]):
        if speakers.noun_kind(word.group()) == "document":
            noun_end = max(start, relative_start - 50) + word.end()
            phrase = speakers.phrase_before(body, max(start, noun_end - 80), noun_end, subject=False)
            return _phrase_attribution(body, phrase, mentions, kinds, None) if phrase else None
    return None
