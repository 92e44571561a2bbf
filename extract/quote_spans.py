"""Where quotes are in an article body: quotation marks paired into spans, the sentence around a span,
and the tests that tell speech from scare quotes and titles ("open door policy", a programme's name).

Offsets are into the body text (paragraphs joined by blank lines). Used by `extract/quotes.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.extract import speakers
from dateline.extract.quote_cues import _verb_cues
from dateline.extract.sentences import ABBREVIATIONS

_OPENERS = '“"'
_CLOSERS = '”"'
_MARKS = re.compile('[“”"]')  # the characters that can open or close a quote: the only ones `_pair_quotes` looks at


@dataclass
class _Span:
    open: int  # index of the opening mark
    close: int  # index of the closing mark (or end of text when unclosed)
    fragments: list[tuple[int, int]]  # content pieces (without marks)


def _pair_quotes(body: str) -> list[_Span]:
    spans: list[_Span] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]
    carried: _Span | None = None
    for p_start, p_end in paragraphs:
        index = p_start
        current = None
        if carried is not None:
            if body[p_start] in _OPENERS:
                current = carried
                current.fragments.append((p_start + 1, p_start + 1))
                index = p_start + 1
            else:
                carried = None
        carried = None
        for mark in _MARKS.finditer(body, index, p_end):  # not every character of the paragraph in turn
            index, char = mark.start(), mark.group()
            if current is None and char in _OPENERS and _can_open(body, index, p_end):
                current = _Span(index, -1, [(index + 1, index + 1)])
            elif current is not None and char in _CLOSERS and _can_close(body, index, p_start):
                first, _ = current.fragments[-1]
                current.fragments[-1] = (first, index)
                current.close = index
                spans.append(current)
                current = None
        if current is not None:
            first, _ = current.fragments[-1]
            current.fragments[-1] = (first, p_end)
            carried = current  # continues if the next paragraph opens a quote
            if p_end == len(body) or not _next_paragraph_opens_quote(body, p_end):
                current.close = p_end
                spans.append(current)
                carried = None
    return spans


def _next_paragraph_opens_quote(body: str, p_end: int) -> bool:
    start = p_end
    while start < len(body) and body[start] == "\n":  # not body[p_end:]: a copy per paragraph is quadratic
        start += 1
    return start < len(body) and body[start] in _OPENERS


def _can_open(body: str, index: int, p_end: int) -> bool:
    if body[index] == "“":
        return True
    before = body[index - 1] if index > 0 else " "
    after = body[index + 1] if index + 1 < p_end else " "
    return (before.isspace() or before in "([—–-:/") and not after.isspace()


def _can_close(body: str, index: int, p_start: int) -> bool:
    if body[index] == "”":
        return True
    before = body[index - 1] if index > p_start else " "
    if before.isspace() and index - 2 >= p_start and body[index - 2] in "'’":
        return True  # 'vote for Hillary Clinton,\' "': a nested quote closed just before
    return not before.isspace()


def _content_text(body: str, span: _Span) -> str:
    pieces = [body[a:b] for a, b in span.fragments]
    text = " ".join(piece.strip() for piece in pieces if piece.strip())
    return text.rstrip(",").strip()


_ABBREVIATION_BEFORE = re.compile(
    r"(?:\b[A-Z]|\b(?i:" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)).replace(".", "\\.") + r"))\.$"
)


def _sentence_bounds(body: str, open_: int, close: int) -> tuple[int, int]:
    """The sentence around a quote: back to the last full stop that is not an abbreviation
    ("Sen.", "Lt. Gen.", "U.S."), forward to the first one after the closing mark."""
    left = _sentence_start(body, open_)
    paragraph_end = speakers.next_newline(body, close)
    right = paragraph_end
    for m in re.finditer(r"[.!?][”\"]?(?=\s|$)", body[close + 1 : paragraph_end]):
        stop = close + 1 + m.start()
        if body[stop] == "." and _ABBREVIATION_BEFORE.search(body, max(0, stop - 7), stop + 1):
            continue  # "Lt. Gen. Mick Bednarek"
        right = close + 1 + m.end()
        break
    return left, right


def _starts_sentence(body: str, left: int) -> bool:
    """Whether a sentence starts at `left` (> 0): after a line break, after a full stop (not an abbreviation's),
    question or exclamation mark and a space, or after one and a closing quotation mark, a space and a capital."""
    if body[left - 1] == "\n":
        return True
    if (
        left >= 2
        and body[left - 2] in ".?!"
        and body[left - 1].isspace()
        and not (body[left - 2] == "." and _ABBREVIATION_BEFORE.search(body, max(0, left - 8), left - 1))
    ):
        return True
    return (
        left >= 3
        and body[left - 3] in ".?!"
        and body[left - 2] in '”"'
        and body[left - 1].isspace()
        and body[left : left + 1].isupper()
    )  # '... tomorrow." He said': the quote closed its sentence


# The whitespace a sentence can start after (`_starts_sentence`): one character, so matches never overlap and
# a search over consecutive stretches finds each once (its look-behinds see before a stretch). A looser test
# than `_starts_sentence`'s; opening with `\s`, it is tried only at whitespace.
_BEFORE_A_SENTENCE = re.compile(r'\s(?:(?<=\n)|(?<=[.?!]\s)|(?<=[.?!][”"]\s))')
_STRETCH = 128  # characters searched at a time, back from the quote


def _sentence_start(body: str, open_: int) -> int:
    """The last `left` at or before `open_` where a sentence starts (`_starts_sentence`), 0 if none: what
    stepping back from `open_` one character at a time finds, looking only where a space follows a
    full stop, question or exclamation mark (perhaps after a closing quotation mark) or a line breaks,
    in stretches back from the quote, so the search costs what the sentence is long."""
    end = open_
    while end > 0:
        start = max(0, end - _STRETCH)
        for space in reversed([m.start() for m in _BEFORE_A_SENTENCE.finditer(body, start, end)]):
            if _starts_sentence(body, space + 1):
                return space + 1
        end = start
    return 0


def _starts_paragraph(body: str, index: int) -> bool:
    return index == 0 or body[index - 1] == "\n"


def _after_colon(body: str, index: int) -> bool:
    """True when the text before `index` (across a paragraph break) ends with a colon."""
    return body[:index].rstrip().endswith(":")


_NAMING = re.compile(
    # a possessive ("NATO's"), not a contraction ("it's", "that's")
    r"(?:(?<!\bit)(?<!\bthat)(?<!\bhe)(?<!\bshe)(?<!\bwhat)(?<!\bthere)(?<!\bwho)(?<!\bhere)['’]s"
    r"|\bso-called|\bdubbed|\bnamed|\btitled|\bknown as|\bnicknamed|\blabell?ed|\bbranded|\btermed|"
    r"\bcalled|\bcalling|\bthe word|\bthe term|\bthe phrase|\bslogan)\s*$",
    re.IGNORECASE,
)
_NAMING_LONGEST = len("the phrase")  # the longest of its words


def _someone_calls(before: str, verb: str) -> bool:
    """ "officials called it "a provocation"", "he dubbed the plan "...": a speaker's verb, not a name given."""
    if not re.match(r"\s*(?:called|calling|dubbed|branded|termed|labell?ed)\b", verb, re.IGNORECASE):
        return False
    subject = re.search(r"([\w’'-]+)\s+(?:\w+ly\s+)?$", before)
    if subject is None:
        return False
    word = subject.group(1)
    pronoun = word.lower() in ("he", "she", "they", "we", "i")
    return pronoun or speakers.noun_kind(word) is not None or word[:1].isupper()


_TITLE_SMALL_WORDS = frozenset("a an the of and with in on for to at by or from".split())


def _looks_like_a_title(words: list[str]) -> bool:
    """Every word capitalised but the small ones: the name of a show, a book, an operation."""
    letters = [w.strip(".,!?:;'\"“”‘’") for w in words]
    letters = [w for w in letters if w[:1].isalpha()]
    return (
        bool(letters)
        and letters[0][:1].isupper()
        and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in letters)
    )


def _names_a_work(body: str, span: _Span, content: str) -> bool:
    """A short title-case quote after a possessive or "on", "in": the name of a show, a book, a paper."""
    words = content.split()
    if not 1 <= len(words) <= 5 or not _looks_like_a_title(words) or (len(words) == 1 and words[0].isupper()):
        return False
    return re.search(r"(?:['’]s?|\b(?:on|in))\s*$", body[max(0, span.open - 12) : span.open]) is not None


def _is_speech(body: str, span: _Span, content: str, sentence_start: int, whole_paragraph: bool) -> bool:
    """False for scare quotes, titles and nicknames.

    A long quote is speech. A short one inside a sentence is speech when the sentence reports
    someone's words ('Carson said that "personnel changes" could come') - unless it names
    something: after a possessive or a naming verb (NATO's "open door policy", dubbed
    "Allied Resolve"), or a title in capitals."""
    words = content.split()
    if whole_paragraph or span.open == sentence_start:
        return len(words) >= 3 or content.endswith((".", "!", "?"))
    if len(words) <= 4 and re.match(
        r"[”\"]?\s+(?:phrase|term|word|words|label|slogan|moniker|nickname|expression|catchphrase)\b",
        body[span.close : span.close + 20],
    ):
        return False  # 'the "wise Latina" phrase': words talked about, not said here
    if len(words) <= 6 and _looks_like_a_title(words):
        return False  # 'told CBS\'s "Face the Nation,"', 'the book "The Tragedy of Lyndon Johnson"'
    if len(words) > 4:
        return True
    before = body[sentence_start : span.open]
    # every match of `_NAMING` ends where `before`'s last word ends and holds at most 10 characters:
    # searched from there, not from every position of the sentence (its look-behinds still see before it)
    naming = _NAMING.search(before, max(0, len(before.rstrip()) - _NAMING_LONGEST))
    if naming and not _someone_calls(before[: naming.start()], naming.group()):
        return False
    return bool(_verb_cues(before)) or bool(re.search(r":\s*$", before))
