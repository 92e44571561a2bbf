"""Reports: what each sentence of an article says happened, and when it happened.

A report is a sentence (or, when a sentence tells of several dated occurrences, a clause of it)
dated by the occurrence it tells of, not by whichever date it happens to mention:
- dates that only set the background ("since 2014", "after talks last week", "the 2014
  annexation", "a year ago") do not date the report;
- a subordinate dated occurrence ("after Blinken's discussions in Kiev on Jan. 19") is a report of
  its own, beside the sentence's main one;
- a planned occurrence is dated when it takes place and marked `planned`; a weekday written beside
  a date that disagrees with it is kept as a conflict; "Feb. 10-20" is a period;
- a sentence with no date of its own continues the report before it in its paragraph, or else
  the article's lead occurrence; only an article with no dated lead falls back to its publication date.

Sentences that are not reports at all (bylines, credits, headings, datelines, list intros) are
`junk`; sentences dated only by background dates are `background`. Both stay in the article
(searchable, shown in the source view) but make no timeline row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from dateline.extract.kinds import STATEMENT, occurrence_kinds
from dateline.extract.lexicon import reporting_verbs, words_pattern
from dateline.extract.model import (
    DATE_CONTINUED,
    DATE_PUBLICATION,
    KIND_BACKGROUND,
    KIND_JUNK,
    KIND_REPORT,
    DateMention,
    Sentence,
    TimexValue,
)

# --- what is not a report -------------------------------------------------------------------

_CREDIT = re.compile(
    r"^\W*(?:(?:additional |compiled |writing |editing |reporting |graphics |photos? |video )?"
    r"(?:reporting|writing|editing|compiled|produced|translated|contributed|compiled and edited) by\b"
    r"|(?:source|sources|photo|image|video|credit|credits|read more|related|see also|watch|listen)\s*:)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\W*by\s+\S", re.IGNORECASE)
# Words that may stand lower-case inside a name line ("Dmitry de Koning", "Sabine Siebold and ...").
_NAME_LINE_CONNECTORS = frozenset("and by of de del der van von la le al bin da dos du y &".split())
_WORD = re.compile(r"[^\W\d_][\w’'.-]*|\d[\d:.,]*")
TURN_CUE = re.compile(r"^\W*(?:meanwhile|separately|elsewhere|in other (?:news|developments))\b", re.IGNORECASE)


def sentence_kind(sentence: Sentence, paragraph_sentences: Sequence[Sentence]) -> str:
    """KIND_JUNK for bylines, credits, headings, datelines, list intros and fragments; else KIND_REPORT."""
    text = sentence.text.strip()
    words = _WORD.findall(text)
    if not words:
        return KIND_JUNK
    if _CREDIT.match(text):
        return KIND_JUNK
    alone = len(paragraph_sentences) == 1
    if alone and _BYLINE.match(text) and len(words) <= 8:
        return KIND_JUNK
    if text.endswith(":") and len(words) <= 10:
        return KIND_JUNK  # a list intro or run-in label: "Here are the latest developments:", "Earlier:"
    if len(words) <= 14 and _headline_case(words) and not text.endswith(("?", "!")):
        return KIND_JUNK  # a name line, a dateline or a heading: "ROBERT BURNS, Associated Press"
    first = paragraph_sentences[0] is sentence or paragraph_sentences[0].start == sentence.start
    if first and not alone and len(words) <= 5 and not re.search(r"[\"“”‘’']|\d", text) and text.endswith("."):
        return KIND_JUNK  # a run-in heading before the paragraph's text: "State of emergency declared."
    return KIND_REPORT


def _headline_case(words: list[str]) -> bool:
    """Every word capitalised, a number or a name connector: a name line, dateline or heading."""
    lowered = [w for w in words if not (w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_LINE_CONNECTORS)]
    capitalised = [w for w in words if w[0].isupper()]
    return not lowered and len(capitalised) >= 2


# --- which dates date the report ------------------------------------------------------------

# A date right after one of these words sets the frame of another occurrence, not the report's own.
_SUBORDINATE = re.compile(
    r"\b(?:after|before|following|since|ahead of|until|till|prior to|in the wake of|on the eve of|"
    r"compared with|than|as (?:soon|early|late) as|by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# ... and these mark a date as the frame of a state, not of an occurrence.
_BACKGROUND_BEFORE = re.compile(r"\b(?:since|as of|as early as)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"^[’']s?\b")
_POSSESSIVE_BEFORE = re.compile(r"\b[\w-]+[’']s\s+$")
_PERIOD_JOIN = re.compile(r"^\s*(?:-|–|—|to|through|until|till|and)\s*$", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_BARE_WEEKDAY = re.compile(r"(?:on\s+|this\s+)?(?:" + "|".join(_WEEKDAYS) + r")", re.IGNORECASE)
_WRITTEN_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|is due|are due|scheduled|planned|plans? to|set to|slated|expected to|"
    r"going to|upcoming|heads?|heading|travels to|flies to|next)\b",
    re.IGNORECASE,
)
# Words that end one clause and open the next: a subordinate occurrence's report starts after them.
_CLAUSE_START = re.compile(
    r"[,;:—–(]\s*|\b(?=(?:after|before|following|ahead of|prior to|in the wake of|on the eve of)\b)"
    r"|\b(?:and|which|when|while|as)\s+",
    re.IGNORECASE,
)


def _fine(value: TimexValue) -> bool:
    """Whether a value names one day (or a time or part of one: "late Thursday")."""
    return value.day is not None


@dataclass(frozen=True)
class Report:
    """One dated report: a sentence or a clause of it, and the occurrence's date."""

    sentence: Sentence
    start: int  # offsets into the paragraph (the whole sentence, or the clause of a subordinate occurrence)
    end: int
    kind: str  # KIND_REPORT, KIND_BACKGROUND or KIND_JUNK
    date: TimexValue
    date_source: str  # DATE_STATED, DATE_RELATIVE, DATE_CONTINUED or DATE_PUBLICATION
    date_mention: DateMention | None = None  # the expression that dates it, when it has one of its own
    period_end: str | None = None  # last day, when the text names a period ("Feb. 10-20")
    planned: bool = False  # it takes place after the article was published
    conflict: str | None = None  # why the written date disagrees with itself
    main: bool = True  # False for a subordinate occurrence told in a clause of the sentence


def date_reports(sentences: Sequence[Sentence], dates: Sequence[DateMention], published: dt.date) -> list[Report]:
    """Every sentence's reports, in reading order (a sentence's main report first)."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    dates_in = _dates_by_sentence(sentences, dates)
    publication = TimexValue.parse(published.isoformat())
    drafts: list[tuple[Sentence, str, list[_Dated]]] = []
    for sentence in sentences:
        kind = sentence_kind(sentence, by_paragraph[sentence.paragraph])
        own = [] if kind == KIND_JUNK else _own_dates(sentence, dates_in.get(id(sentence), []), published)
        if (
            kind == KIND_REPORT
            and not own
            and dates_in.get(id(sentence))
            and _only_background(sentence, dates_in[id(sentence)])
        ):
            kind = KIND_BACKGROUND
        drafts.append((sentence, kind, own))

    lead = _lead_date(drafts, published)
    lede = next((sentence.paragraph for sentence, kind, _ in drafts if kind == KIND_REPORT), None)
    reports: list[Report] = []
    previous: Report | None = None
    for sentence, kind, own in drafts:
        if kind != KIND_REPORT:
            reports.append(Report(sentence, sentence.start, sentence.end, kind, publication, DATE_PUBLICATION))
            continue
        if previous is not None and previous.sentence.paragraph != sentence.paragraph:
            previous = None
        main = _main(own)
        context = previous if previous is not None and not TURN_CUE.match(sentence.text) else lead
        if main is not None and not _fine(main.value) and context is not None:
            main = None  # "his second call this month": the month holds the day already told of
        referent = _referent(sentence, reports) if main is None else None
        if main is not None:
            report = main.report(sentence, sentence.start, sentence.end, published)
        elif referent is not None:  # "That meeting is aimed at ...": the meeting told of before it
            report = Report(
                sentence, sentence.start, sentence.end, kind, referent.date, DATE_CONTINUED,
                period_end=referent.period_end, planned=referent.planned,
            )  # fmt: skip
        elif previous is not None and not previous.planned and not TURN_CUE.match(sentence.text):
            report = Report(
                sentence, sentence.start, sentence.end, kind, previous.date, DATE_CONTINUED,
                period_end=previous.period_end, planned=previous.planned,
            )  # fmt: skip
        elif sentence.paragraph != lede and not _tells_of_a_past_act(sentence.text):
            # Not dated, not continuing a dated report, not the lede, and told in the present ("Russia
            # has amassed ...", "Ukraine is not in NATO"): the story's background, not an occurrence.
            reports.append(
                Report(sentence, sentence.start, sentence.end, KIND_BACKGROUND, publication, DATE_PUBLICATION)
            )
            continue
        elif lead is not None:
            report = Report(sentence, sentence.start, sentence.end, kind, lead.date, DATE_CONTINUED,
                            period_end=lead.period_end, planned=lead.planned)  # fmt: skip
        else:
            report = Report(sentence, sentence.start, sentence.end, kind, publication, DATE_PUBLICATION)
        reports.append(report)
        previous = report
        starts = {sentence.start}  # a clause is cited apart from its sentence, and from other clauses
        for other in own:
            if other is main or not other.occurrence or other.value.granularity not in ("day", "time", "month"):
                continue
            if other.value.day is not None and other.value.day == report.date.day:
                continue  # the same day as the sentence's own report: nothing apart to tell
            clause_start = _clause_start(sentence, other.mention.start)
            if clause_start in starts:
                continue
            starts.add(clause_start)
            clause = other.report(sentence, clause_start, other.mention.end, published)
            reports.append(replace(clause, main=False))
    return reports


@dataclass(frozen=True)
class _Dated:
    """A date expression of a sentence that can date an occurrence."""

    mention: DateMention
    value: TimexValue
    subordinate: bool
    period_end: str | None
    conflict: str | None
    planned: bool
    occurrence: bool  # a subordinate date that tells of an occurrence of its own ("after talks on Jan. 19")

    @property
    def date(self) -> TimexValue:
        return self.value

    def report(self, sentence: Sentence, start: int, end: int, published: dt.date) -> Report:
        return Report(
            sentence, start, end, KIND_REPORT, self.value, self.mention.resolution, self.mention,
            self.period_end, self.planned, self.conflict,
        )  # fmt: skip


def _dates_by_sentence(sentences: Sequence[Sentence], dates: Sequence[DateMention]) -> dict[int, list[DateMention]]:
    """Each sentence's date mentions, found in one pass over both sorted lists (linear time)."""
    ordered = sorted(dates, key=lambda d: (d.paragraph, d.start))
    found: dict[int, list[DateMention]] = {}
    index = 0
    for sentence in sorted(sentences, key=lambda s: (s.paragraph, s.start)):
        while index < len(ordered) and (ordered[index].paragraph, ordered[index].start) < (
            sentence.paragraph,
            sentence.start,
        ):
            index += 1
        inside = []
        while (
            index < len(ordered)
            and ordered[index].paragraph == sentence.paragraph
            and ordered[index].start < sentence.end
        ):
            inside.append(ordered[index])
            index += 1
        if inside:
            found[id(sentence)] = inside
    return found


def _own_dates(sentence: Sentence, mentions: list[DateMention], published: dt.date) -> list[_Dated]:
    """The sentence's date expressions that can date one of its occurrences, in text order."""
    own: list[_Dated] = []
    skip_next = False
    for i, mention in enumerate(mentions):
        if skip_next:
            skip_next = False
            continue
        if mention.type not in ("DATE", "TIME"):
            continue
        value = TimexValue.parse(mention.value)
        if value.first_day is None or not (_fine(value) or value.granularity in ("week", "month")):
            continue  # years, decades and vague references set the background
        before = sentence.text[: mention.start - sentence.start]
        after = sentence.text[mention.end - sentence.start :]
        if _BACKGROUND_BEFORE.search(before) or _ago(mention):
            continue
        if _POSSESSIVE_AFTER.match(after) and before.strip():
            continue  # "after last week's talks": the talks are the frame; "Monday's call ..." leads
        if (owner := _POSSESSIVE_BEFORE.search(before)) and before[: owner.start()].strip():
            continue  # "..., as Moscow's Feb. 10-20 drills loom": the date names the drills, not the report
        value = _planned_weekday(sentence, mention, value, published)
        period_end = None
        if i + 1 < len(mentions):
            following = mentions[i + 1]
            between = sentence.text[mention.end - sentence.start : following.start - sentence.start]
            if _PERIOD_JOIN.match(between) and following.value > mention.value:
                following_value = TimexValue.parse(following.value)
                if following_value.last_day is not None:
                    period_end = following_value.last_day.isoformat()
                    skip_next = True
        if period_end is None and _fine(value):
            period_end = _bare_day_end(before, after, value)
        reported = _in_reported_content(before)
        subordinate = bool(_SUBORDINATE.search(before) or _OCCURRENCE_BEFORE.search(before)) or reported
        planned = value.first_day > published or (value.first_day == published and bool(_FUTURE.search(before)))
        listed = bool(own) and own[-1].occurrence and bool(re.match(r"\s*and\b", re.split(r"[,;]", before)[-1]))
        subordinate = subordinate or listed  # "after talks in Kiev on Jan. 19, and Berlin on Jan. 20"
        occurrence = listed or (subordinate and (bool(_OCCURRENCE_BEFORE.search(before)) or (reported and not planned)))
        own.append(
            _Dated(mention, value, subordinate, period_end, _weekday_conflict(mention, value), planned, occurrence)
        )
    return own


# A verb in the simple past (or a past passive): the sentence tells of an act. A participle after a
# form of "have" is the present perfect, which news uses for states as often as for acts.
_IRREGULAR_PAST = (
    "said|told|met|began|took|came|went|made|held|gave|left|fell|rose|grew|won|lost|saw|sold|paid|spent|"
    "bought|brought|found|kept|sent|built|fought|fled|struck|spoke|wrote|flew|knew|became|felt|heard|meant|"
    "shot|stood|thought|led|was|were|did|broke|drove|ran|hit|put|cut|set|shut|quit|spread|read|ordered"
)
# (The word boundary first: it fails at once inside a word, where the five look-backs were checked first.)
_PAST_ACT = re.compile(
    r"\b(?<!\bhas )(?<!\bhave )(?<!\bhad )(?<!\bbeen )(?<!\bbe )(?:" + _IRREGULAR_PAST + r"|[a-z]{2,}ed)\b"
)


# A definite or demonstrative noun phrase that refers back to an occurrence: "that meeting", "the call".
# "that|this|the" case-insensitively, its word boundary checked after the "t": the engine tries it only at a t
_REFERRING = re.compile(r"[tT](?<!\w.)(?i:h(?:at|is|e))\s+(?i:([a-z][a-z-]+))\b")


_REFERENT_REACH = 6  # reports looked back over


def _referent(sentence: Sentence, reports: Sequence[Report]) -> Report | None:
    """The report, earlier in the sentence's paragraph, of the occurrence an undated sentence refers
    back to by its kind ("... before meeting Lavrov on Friday. That meeting is aimed at ...": the
    Friday meeting, not the sentence's main report); the latest of the few before it that names the kind."""
    nouns = {m.group(1).lower() for m in _REFERRING.finditer(sentence.text)}
    kinds = {kind for noun in nouns for kind in _noun_kinds(noun)} - {STATEMENT}
    if not kinds:
        return None
    for report in reports[: -_REFERENT_REACH - 1 : -1]:  # the few reports before it: linear in the article
        if report.sentence.paragraph != sentence.paragraph:
            return None
        if report.kind != KIND_REPORT:
            continue
        text = report.sentence.text[report.start - report.sentence.start : report.end - report.sentence.start]
        if occurrence_kinds(text) & kinds:
            return report
    return None


@lru_cache(maxsize=4096)
def _noun_kinds(noun: str) -> frozenset[str]:
    """`occurrence_kinds` of one lower-case word, worked out once a word (`_referent` asks it of every
    word after "that", "this" and "the")."""
    return occurrence_kinds(noun)


def _tells_of_a_past_act(text: str) -> bool:
    return bool(_PAST_ACT.search(text))


def _only_background(sentence: Sentence, mentions: list[DateMention]) -> bool:
    """Called for a sentence none of whose dates dates an occurrence: it is background when it names
    a real period at all ("in place since 2014", "the 2014 annexation"), not merely "now"."""
    return any(m.type in ("DATE", "TIME") and TimexValue.parse(m.value).first_day is not None for m in mentions)


_SPEECH_VERB = re.compile(r"\b(?:" + words_pattern(reporting_verbs()) + r")\b")  # lower case: not "United States"
# Subordinate occurrences worth a report of their own: "after talks in Kiev on Jan. 19", not the
# end of a period ("until February 9") or a bound ("as early as Saturday").
_OCCURRENCE_BEFORE = re.compile(
    r"\b(?:after|before|following|ahead of|prior to|in the wake of|on the eve of)\b[^,;]*$", re.IGNORECASE
)


def _in_reported_content(before: str) -> bool:
    """A date inside quoted words, or in a clause reported after a speech verb ("said Washington
    looks forward to ... papers shared last month"), dates what was reported, not the statement;
    with no clause in between ("told reporters in Berlin on Tuesday") it dates the statement."""
    if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
        return True
    verbs = list(_SPEECH_VERB.finditer(before))
    return bool(verbs) and bool(_CLAUSE_AFTER_SPEECH.search(before[verbs[-1].end() :]))


# The reported clause's own verb or opener: "that", a form of be/have/will, a past participle.
_CLAUSE_AFTER_SPEECH = re.compile(
    r"\b(?:that|is|are|was|were|will|would|has|have|had|could|can|may|might|should|must|[a-z]{3,}ed)\b"
)


# "between February 10 and 20", "from Feb. 10 to 20": a period whose end is a bare day of the same month.
_OPENS_PERIOD = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.IGNORECASE)
_BARE_DAY_END = re.compile(r"^\s*(?:and|to|through|till|until|-|–|—)\s*(\d{1,2})\b(?![.,]?\d|\s*(?:%|per\b|percent\b))")


def _bare_day_end(before: str, after: str, value: TimexValue) -> str | None:
    """The last day of a period written with its end as a bare day after "between"/"from"."""
    end = _BARE_DAY_END.match(after)
    if end is None or not _OPENS_PERIOD.search(before) or value.first_day is None:
        return None
    try:
        last = value.first_day.replace(day=int(end.group(1)))
    except ValueError:
        return None  # no such day in that month
    return last.isoformat() if last > value.first_day else None


def _ago(mention: DateMention) -> bool:
    return mention.text.lower().endswith(" ago")


def _main(own: list[_Dated]) -> _Dated | None:
    """The date of the sentence's main occurrence: the first fine-grained date not in a subordinate
    phrase, else the first date not in one, else the first fine-grained date."""
    for candidates in (
        [d for d in own if not d.subordinate and _fine(d.value)],
        [d for d in own if not d.subordinate],
    ):
        if candidates:
            return candidates[0]
    return None


def _lead_date(drafts: list[tuple[Sentence, str, list[_Dated]]], published: dt.date) -> _Dated | None:
    """The date of the article's lead occurrence: the first main one-day date, not planned, within a
    week before publication (the story's "on Friday" may come only in its seventh paragraph)."""
    for _sentence, kind, own in drafts:
        main = _main(own) if kind == KIND_REPORT else None
        if main is None or not _fine(main.value) or main.planned:
            continue
        if dt.timedelta(0) <= published - main.value.first_day <= dt.timedelta(days=7):
            return main
    return None


def _planned_weekday(sentence: Sentence, mention: DateMention, value: TimexValue, published: dt.date) -> TimexValue:
    """A bare weekday with a future cue before it ("heads Thursday to Berlin") is the coming one."""
    if not _fine(value) or value.first_day >= published:
        return value
    if not _BARE_WEEKDAY.fullmatch(mention.text):
        return value
    before = re.split(r"[,;:]", sentence.text[: mention.start - sentence.start])[-1]  # its clause
    if not _FUTURE.search(before):
        return value
    day = value.first_day
    while day < published:
        day += dt.timedelta(days=7)
    return TimexValue.parse(day.isoformat())


def _weekday_conflict(mention: DateMention, value: TimexValue) -> str | None:
    """ "Monday, January 11" where January 11 is not a Monday: a conflict to show, not to hide."""
    written = _WRITTEN_WEEKDAY.search(mention.text)
    if written is None or not _fine(value) or not re.search(r"\d", mention.text):
        return None
    actual = _WEEKDAYS[value.first_day.weekday()]
    if written.group(1).lower() == actual:
        return None
    return f"“{mention.text}”: {value.first_day.isoformat()} is a {actual.capitalize()}"


def _clause_start(sentence: Sentence, date_start: int) -> int:
    """Where the clause holding a subordinate date begins (offsets into the paragraph): at its
    subordinator ("ahead of a planned call between X and Y on Tuesday"), else after the last comma or
    conjunction before the date."""
    head = sentence.text[: date_start - sentence.start]
    if subordinator := _OCCURRENCE_BEFORE.search(head):
        return sentence.start + subordinator.start()
    starts = [m.end() for m in _CLAUSE_START.finditer(head)]
    usable = [s for s in starts if len(head) - s >= 8]
    return sentence.start + (usable[-1] if usable else 0)
