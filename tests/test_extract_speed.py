"""The structures that keep extraction linear on one very long paragraph give the answers of the
plain scans they replace."""

from __future__ import annotations

import bisect
import datetime as dt
import random
import re

from dateline.extract.actors import _Occupied
from dateline.extract.timex_context import _Context


def test_sentence_bounds_are_those_of_the_plain_scans() -> None:
    rng = random.Random(3)
    text = "".join(rng.choice(["word ", ". ", "\n", "x", ".", " "]) for _ in range(400))
    ctx = _Context(text=text, published=dt.date(2022, 2, 15), reference=dt.date(2022, 2, 15))
    for start in range(len(text) + 1):
        for end in (start, min(len(text), start + 3)):
            left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
            rights = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
            assert ctx.sentence_bounds(start, end) == (left, min(rights) if rights else len(text)), (start, end)


def test_claimed_spans_overlap_as_a_scan_of_the_last_two_before_the_end_says() -> None:
    rng = random.Random(5)
    occupied, added = _Occupied(), []
    for _ in range(3000):
        start = rng.randrange(0, 5000)
        span = (start, start + rng.randrange(1, 6))
        occupied.add(*span)
        added.append(span)
        # the spans in the order the old list kept them: by start, the later added first among equals
        ordered = sorted(enumerate(added), key=lambda item: (item[1][0], -item[0]))
        probe = rng.randrange(0, 5000)
        probe_end = probe + rng.randrange(1, 6)
        before = [s for _, s in ordered if s[0] < probe_end][-2:]
        assert occupied.overlaps(probe, probe_end) == any(end > probe for _, end in before)


def test_folding_keeps_length_and_every_character_class() -> None:
    """A case-insensitive trigger runs case-sensitively over `_folded` text: every character must keep
    its place and whether it is a word character, a space or a digit, and exactly the characters that
    match an ASCII letter case-insensitively must become that letter."""
    from dateline.extract.timex import _folded

    text = "".join(chr(cp) for cp in range(0x30000) if not 0xD800 <= cp < 0xE000)
    folded = _folded(text)
    assert len(folded) == len(text)
    for pattern in (r"\w", r"\s", r"\d"):
        assert [m.start() for m in re.finditer(pattern, folded)] == [m.start() for m in re.finditer(pattern, text)]
    for letter in "abcdefghijklmnopqrstuvwxyz":
        expected = [m.start() for m in re.finditer(f"(?i){letter}", text)]
        assert [m.start() for m in re.finditer(letter, folded)] == expected, letter


def test_triggers_find_every_paragraph_their_case_insensitive_patterns_find() -> None:
    """Each rule runs over the paragraphs its trigger is found in: the folded triggers, looked for one
    search after each match, must find at least the paragraphs the plain case-insensitive search of
    each paragraph finds (more is only slower)."""
    from dateline.extract.timex import _COMPILED_TRIGGERS, _TRIGGERS, _folded, _paragraphs_with

    rng = random.Random(11)
    words = ["The", "WEEK", "week", "Monday", "ago", "in the", "Morning", "3", "P.M.", "GMT", "ſpring", "\u0130",
             "\u212aelvin", "nineteen", "year-end", "quarters", "half", "Today", "mid-day", "the\nyear", "of",
             "Jan.", "2022", "90s", "twenties", "every", "now", "local time", ",", "\n", "\n\n", "x", "-", "1/2",
             "AUTUMN", "Fall", "two Quarters", "Christmas", "Good Friday", "Day", "Tonight", "YESTERDAY", "Evening",
             "at Night", "Hence", "from now", "later", "Two Thousand", "NIGHT"]  # fmt: skip
    for _ in range(600):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 30)))
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        starts = [start for start, _ in paragraphs]
        for name, pattern in _TRIGGERS.items():
            plain = re.compile(pattern)
            expected = {i for i, (start, end) in enumerate(paragraphs) if plain.search(text, start, end)}
            trigger = _COMPILED_TRIGGERS[name]
            assert expected <= _paragraphs_with(trigger, _folded(text) if trigger.folded else text, starts), (
                name,
                text,
            )


# A lookbehind checked after a pattern's first character (`(?<!X.)`), as `lexicon.words_pattern(not_after=)`,
# `actors._name_not_after` and the timex triggers write it, put back before that character.
_CHECKED_AFTER = re.compile(r"(\\.|\[[^\]]*\]|[^\\()|?])\(\?<!(\[[^\]]*\]|\\w)\.\)")


def _checked_before(pattern: str) -> str:
    return _CHECKED_AFTER.sub(lambda m: f"(?<!{m[2]}){m[1]}", pattern)


def _soup(rng: random.Random, words: list[str], count: int) -> str:
    """Words run together or apart by the characters the patterns look behind at."""
    return "".join(
        rng.choice(words) + rng.choice(["", " ", " ", "-", ".", "\n", "'", "’", ", ", "x"]) for _ in range(count)
    )


def test_patterns_that_check_what_precedes_after_their_first_character_match_as_the_plain_ones() -> None:
    """The actor patterns and the time triggers check the character before a match after its first
    character (the engine then looks for them only where that character stands): they must find exactly
    the matches, with the same groups, that the lookbehind (or word boundary) before them finds."""
    from dateline.extract import lexicon
    from dateline.extract.actors import _ACRONYM, _PATTERNS
    from dateline.extract.timex import _COMPILED_TRIGGERS, _folded

    rng = random.Random(17)
    samples = [*rng.sample(sorted(lexicon.organisations()), 40), *rng.sample(sorted(lexicon.country_forms()), 40),
               *rng.sample(sorted(lexicon.capital_forms()), 20), *rng.sample(sorted(lexicon.place_forms()), 20),
               *rng.sample(sorted(lexicon.titles()), 20)]  # fmt: skip
    words = [*samples, "Antony Blinken", "McCain", "MacArthur", "Mc", "O'Brien", "Jean-Yves Le Drian", "de", "J.",
             "the", "said", "NATO", "FBI", "ABCDEFGH", "U.S.", "Mr.", "Every", "each", "now", "present", "Jan.", "May",
             "Christmas", "Day", "a.m.", "pm", "10pm", "EST", "GMT", "local time", "morning", "day", "ago", "Ministry",
             "Foreign Ministry", "of", "Council", "for", "Strategic Studies", "week", "seconds", "centuries",
             "Security Council", "the Center"]  # fmt: skip
    fast = {**{name: p for name, p in _PATTERNS.items()}, "acronym": _ACRONYM}
    changed = {name: p for name, p in fast.items() if _checked_before(p.pattern) != p.pattern}
    triggers = {
        name: t.pattern
        for name, t in _COMPILED_TRIGGERS.items()
        if _checked_before(t.pattern.pattern) != t.pattern.pattern
    }
    assert {"organisation", "country", "place", "capital", "name", "appositive", "generic_org", "acronym"} <= set(
        changed
    )
    assert {"month_name", "clock_time", "recurring", "reference", "holiday"} <= set(triggers)
    # the organisation names' first capitalised word taken apart from the {1,4} of them, its boundary after it
    first_apart = r"[A-Z](?<!\w.)[\w'’-]+[^\S\n]+(?:[A-Z][\w'’-]+[^\S\n]+){0,3}"
    assert first_apart in _PATTERNS["generic_org"].pattern
    generic_org = re.compile(_PATTERNS["generic_org"].pattern.replace(first_apart, r"\b(?:[A-Z][\w'’-]+[^\S\n]+){1,4}"))
    for _ in range(300):
        text = _soup(rng, words, rng.randrange(1, 40))
        for name, pattern in changed.items():
            plain = re.compile(_checked_before(pattern.pattern))
            found = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)], (name, text)
        found = [m.span() for m in _PATTERNS["generic_org"].finditer(text)]
        assert found == [m.span() for m in generic_org.finditer(text)], text
        for name, pattern in triggers.items():
            plain, folded = re.compile(_checked_before(pattern.pattern)), _folded(text)
            assert [m.span() for m in pattern.finditer(folded)] == [m.span() for m in plain.finditer(folded)], name


def test_a_name_word_written_capital_first_matches_the_five_ways_written_whole() -> None:
    from dateline.extract.actors import _NAME_WORD

    whole = r"(?:[A-Z][a-z]+(?:['’-](?!s\b)[A-Z]?[a-z]+)*|[A-Z]['’][A-Z][a-z]+|[A-Z]\.|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+)"
    words = ["McCain", "MacArthur", "Mc", "Mac", "O'Brien", "D’Artagnan", "Jean-Yves", "Smith's", "J.", "X", "Mcdonald",
             "MacX", "Macron", "McD", "a", "Anne-marie", "AB", "Mc'Neil", "TacDonald", "ScCain"]  # fmt: skip
    rng = random.Random(23)
    for _ in range(500):
        text = _soup(rng, words, rng.randrange(1, 12))
        for template in ("{}", r"\b{}\b", r"{}(?:\s+{})*"):
            fast, plain = re.compile(template.format(_NAME_WORD, _NAME_WORD)), re.compile(template.format(whole, whole))
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_a_sketch_holds_the_smallest_big_endian_blake2b_hashes_of_its_shingles_as_stored_sketches_do() -> None:
    """Stored sketches are compared with new ones: the fast sketch must give the hashes of the plain
    computation, one shingle of lower-cased words at a time, for any text (non-ASCII words too)."""
    import hashlib

    from dateline.extract.copies import _WORD, SHINGLE_WORDS, SKETCH_SIZE, sketch

    def plain(text: str) -> tuple[int, ...]:
        words = [w.lower() for w in _WORD.findall(text)]
        shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
        hashes = sorted(int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles)
        return tuple(hashes[:SKETCH_SIZE])

    rng = random.Random(29)
    words = ["Talks", "in", "Geneva", "ended", "İstanbul", "STRASSE", "Straße", "Київ", "said", "the", "x", "3", "—"]
    for count in [0, 1, 4, 5, 6, 7, 40, 300]:
        text = " ".join(rng.choice(words) for _ in range(count))
        assert sketch(text) == plain(text), text
    assert len(sketch(" ".join(f"w{n}" for n in range(200)))) == SKETCH_SIZE


def test_triggers_tried_only_where_their_words_stand_find_the_paragraphs_a_search_finds() -> None:
    """A trigger made of a choice of words is tried only where one of them stands (`str.find`): it must
    find exactly the paragraphs that searching it from each paragraph after a match finds."""
    from dateline.extract.timex import _COMPILED_TRIGGERS, _folded, _paragraphs_with

    def searched(pattern: re.Pattern[str], text: str, starts: list[int]) -> set[int]:
        found: set[int] = set()
        position = 0
        while (m := pattern.search(text, position)) is not None:
            index = bisect.bisect_right(starts, m.start()) - 1
            found.add(index)
            if index + 1 >= len(starts):
                break
            position = starts[index + 1]
        return found

    chosen = {name: t for name, t in _COMPILED_TRIGGERS.items() if t.openings}
    assert {"recurring", "reference", "duration", "anaphoric_day", "offset_from_now", "season"} <= set(chosen)
    rng = random.Random(31)
    words = ["Every", "every", "perhaps", "per", "Now", "snow", "now-", "days", "Today", "today", "Yesterday's",
             "Mornings", "night", "knight", "Second", "seconds", "Ago", "ago", "two Thousand", "from now", "From\nnow",
             "these days", "anyday", "any day", "half", "behalf", "term", "termed", "spring", "Fall", "x",
             "2022"]  # fmt: skip
    for _ in range(400):
        text = _soup(rng, words, rng.randrange(1, 30))
        starts = [m.start() for m in re.finditer(r"[^\n]+", text)]
        for name, trigger in chosen.items():
            over = _folded(text) if trigger.folded else text
            assert _paragraphs_with(trigger, over, starts) == searched(trigger.pattern, over, starts), (name, text)


def test_rules_found_from_their_anchors_match_as_finditer_does() -> None:
    """The weekday, month and duration rules are searched from a few words before each weekday or month
    name or unit word (`_ANCHORS`): they must give exactly the matches finditer gives over any stretch of text."""
    from dateline.extract.timex import _ANCHORS, _RULES, _rule_matches

    rules = [rule for rule in _RULES if rule.name in _ANCHORS]
    assert {rule.name for rule in rules} == {"weekday", "month_name", "duration"}
    rng = random.Random(37)
    words = ["Monday", "Mondays", "monday", "Friday", "the", "following", "The Following", "previous", "last", "next",
             "mid", "mid-", "midMarch", "-", "early", "late", "The End Of", "the beginning of", "of", "this", "Mayor",
             "May", "Sept.", "Sep", "March", "Dec.", "2022", "year", "morning", "nights", "x", "\u00a0", "  ",
             "_"]  # fmt: skip
    durations = ["no more than", "Nearly", "at least", "the", "The Past", "past", "next", "2.5", "1/2", "3", "1.",
                 ".5", "twenty-five", "Twenty", "five", "a couple of", "a", "an", "few", "several", "more", "business",
                 "years", "Year", "day", "days-", "week-old", "ſeconds", "HOURS", "centuries", "century", "decade",
                 "-", "/", ".", "\u00a0", "  ", "earlier", "ago", "end", "old", "x", "_"]  # fmt: skip
    for sample in (words, durations):
        for _ in range(500):
            text = _soup(rng, sample, rng.randrange(1, 30))
            start = rng.randrange(0, len(text) + 1)
            end = rng.randrange(start, len(text) + 1)
            for rule in rules:
                expected = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text, start, end)]
                assert [(m.span(), m.groupdict()) for m in _rule_matches(rule, text, start, end)] == expected, text


def test_the_longest_duration_before_its_unit_is_found_from_its_unit() -> None:
    """The words a duration may hold before its unit are bounded (`_DURATION_WORDS_BEFORE_UNIT`): one that
    holds all of them is found whole, as finditer finds it."""
    from dateline.extract.timex import _RULES, _rule_matches

    duration = next(rule for rule in _RULES if rule.name == "duration")
    for longest in (
        "no more than the past no more than 2.5 1/2 more years",  # 13 words before the unit
        "at most the following fewer than a couple of business days",  # 12
        "No Fewer Than the Coming At Least twenty-five working-Weeks",  # 10, capitalised, hyphens
    ):
        text = f"Before that, {longest} went by."
        expected = [(m.span(), m.groupdict()) for m in duration.pattern.finditer(text)]
        assert [text[start:end] for (start, end), _ in expected] == [longest]
        assert [(m.span(), m.groupdict()) for m in _rule_matches(duration, text, 0, len(text))] == expected, text


def test_paragraph_text_has_its_whitespace_runs_made_one_space_as_the_regex_did() -> None:
    from dateline.extract.articles import make_paragraphs

    spaces = [c for c in map(chr, range(0x3100)) if re.fullmatch(r"\s", c)]
    assert len(spaces) > 20  # every kind of whitespace, not only ASCII
    rng = random.Random(41)
    for _ in range(300):
        text = "".join(rng.choice([*spaces, "a", "b", "word", ".", "\u200b"]) for _ in range(rng.randrange(0, 40)))
        expected = re.sub(r"\s+", " ", text).strip()
        assert [p.text for p in make_paragraphs([text])] == ([expected] if expected else []), repr(text)


def test_credits_blanked_as_the_plain_scan_of_every_paragraph_blanks_them() -> None:
    """`actors._without_credits` skips paragraphs too long to be a credit or a headline and copies the
    body only when it blanks something: the same text as testing every paragraph and always copying."""
    from dateline.extract.actors import _BYLINE, _CREDIT, _REPORTING, _without_credits

    def plain(body: str) -> str:
        chars = list(body)
        for paragraph in re.finditer(r"[^\n]+", body):
            text = paragraph.group()
            lower_words = [w for w in re.findall(r"[\w’'-]+", text) if w[:1].islower()]
            function_only = all(w in ("and", "by", "of", "the", "de", "van", "von", "for", "in") for w in lower_words)
            credit = _BYLINE.fullmatch(text.strip()) and len(text.split()) <= 14 and not _REPORTING.search(text)
            headline = (
                len(text.split()) <= 12
                and function_only
                and not text.rstrip().endswith((".", "!", "?"))
                and not text.lstrip().startswith(("-", "–", "—"))
            )
            if (credit and (function_only or text.lstrip().lower().startswith("by ") or ":" in text)) or headline:
                chars[paragraph.start() : paragraph.end()] = " " * len(text)
        for credit in _CREDIT.finditer(body):
            chars[credit.start() : credit.end()] = " " * (credit.end() - credit.start())
        return "".join(chars)

    rng = random.Random(43)
    words = ["By", "by", "Jane", "Doe", "and", "John", "Roe,", "Associated", "Press", "MOSCOW", "(AP)", "—", "-",
             "Photo:", "Reuters", "/", "said", "the", "talks", "ended.", "Kyiv", "of", "Tuesday,", "1", "March",
             "2022,", "19:48", "Minister", "warned", "x", "Feb.", "20", "(Reuters)"]  # fmt: skip
    blanked = 0
    for _ in range(500):
        paragraphs = [rng.choices(words, k=rng.randrange(1, 20)) for _ in range(rng.randrange(1, 5))]
        body = "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)
        assert _without_credits(body) == plain(body), body
        blanked += _without_credits(body) != body
    assert blanked > 50  # the samples hold credits, headlines and plain paragraphs


def test_the_naming_words_before_a_quote_are_found_from_near_its_end_as_from_its_start() -> None:
    """`_NAMING` ends at the end of the text before a quote: searched from a few characters before its
    last word, it finds what the search of the whole text finds (its look-behinds see what is before)."""
    from dateline.extract.quote_spans import _NAMING, _NAMING_LONGEST

    rng = random.Random(47)
    words = ["NATO's", "it's", "that’s", "so-called", "dubbed", "the phrase", "The Phrase", "known as", "labelled",
             "labeled", "branded", "termed", "calling", "slogan", "the word", "x", "he", "there", "what", "s", "'s",
             "called", "\n", "  "]  # fmt: skip
    found = 0
    for _ in range(3000):
        before = _soup(rng, words, rng.randrange(1, 8)) + rng.choice(["", " ", "  ", "\n", " \n"])
        plain = _NAMING.search(before)
        fast = _NAMING.search(before, max(0, len(before.rstrip()) - _NAMING_LONGEST))
        assert (fast and (fast.span(), fast.group())) == (plain and (plain.span(), plain.group())), before
        found += plain is not None
    assert found > 300


def test_kinds_phrases_checked_after_their_first_letter_match_as_with_a_word_boundary_before() -> None:
    from dateline.extract.kinds import _lexicon
    from dateline.extract.lexicon import words_pattern

    _, phrases, phrase_kinds = _lexicon()
    plain = re.compile(r"\b(?:" + words_pattern(list(phrase_kinds)) + r")\b")
    rng = random.Random(53)
    words = [*rng.sample(sorted(phrase_kinds), min(30, len(phrase_kinds))), "a", "the", "x", "s", "talks", "3"]
    for _ in range(400):
        text = _soup(rng, words, rng.randrange(1, 30)).lower()
        assert [m.span() for m in phrases.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_term_weights_keep_each_stems_highest_weight_in_the_order_first_seen() -> None:
    from dateline.extract.happenings import _WORD, _weighted_stem, term_weights

    rng = random.Random(59)
    words = ["Shelling", "shelled", "shells", "Kharkiv", "Kharkiv's", "troops", "troop", "Troops", "the", "talks",
             "talked", "pipeline", "Pipelines", "a", "3"]  # fmt: skip
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 30)))
        expected: dict[str, float] = {}
        for word in _WORD.findall(text):
            if (weighted := _weighted_stem(word)) is not None:
                expected[weighted[0]] = max(expected.get(weighted[0], 0.0), weighted[1])
        assert list(term_weights(text).items()) == list(expected.items()), text


def test_quotes_paired_from_their_marks_as_by_going_over_every_character() -> None:
    """`_pair_quotes` looks only at the quotation marks of a paragraph: the spans of going over each of
    its characters in turn."""
    from dateline.extract.quote_spans import (
        _CLOSERS,
        _OPENERS,
        _can_close,
        _can_open,
        _next_paragraph_opens_quote,
        _pair_quotes,
        _Span,
    )

    def plain(body: str) -> list[_Span]:
        spans: list[_Span] = []
        carried: _Span | None = None
        for p_start, p_end in [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]:
            index, current = p_start, None
            if carried is not None and body[p_start] in _OPENERS:
                current = carried
                current.fragments.append((p_start + 1, p_start + 1))
                index = p_start + 1
            carried = None
            while index < p_end:
                char = body[index]
                if current is None and char in _OPENERS and _can_open(body, index, p_end):
                    current = _Span(index, -1, [(index + 1, index + 1)])
                elif current is not None and char in _CLOSERS and _can_close(body, index, p_start):
                    current.fragments[-1] = (current.fragments[-1][0], index)
                    current.close = index
                    spans.append(current)
                    current = None
                index += 1
            if current is not None:
                current.fragments[-1] = (current.fragments[-1][0], p_end)
                carried = current
                if p_end == len(body) or not _next_paragraph_opens_quote(body, p_end):
                    current.close = p_end
                    spans.append(current)
                    carried = None
        return spans

    rng = random.Random(61)
    words = ["“", "”", '"', "'", "’", "said", "We", "will", "go.", "(", "—", "-", ":", "/", "\n", "\n\n", "x"]
    paired = 0
    for _ in range(600):
        body = "".join(rng.choice(words) + rng.choice(["", " ", " "]) for _ in range(rng.randrange(1, 40))).strip()
        if not body:
            continue
        assert _pair_quotes(body) == plain(body), body
        paired += len(plain(body))
    assert paired > 500


def test_in_someones_words_is_tried_only_where_it_can_match() -> None:
    """'In the mayor's words: "..."' is looked for only when the text before the quote ends with
    "words": every text it matches does."""
    from dateline.extract.quote_attribution import _IN_SOMEONES_WORDS, _ends_with_words

    rng = random.Random(67)
    slots = [["", "Then ", "x, "], ["In ", "in ", "In", "On "], ["", "the "], ["mayor", "x", "their", "a, b"],
             ["'s ", "’ ", "s ", ""], ["", "own "], ["words", "Words", "word"], ["", ":", ",", " :", ";"],
             ["", " ", "\n", " x"]]  # fmt: skip
    matched = 0
    for _ in range(3000):
        head = "".join(rng.choice(slot) for slot in slots)
        if _IN_SOMEONES_WORDS.search(head):
            matched += 1
            assert _ends_with_words(head), head
    assert matched > 50


def test_tense_cues_as_tries_match_as_the_plain_alternations() -> None:
    """FUTURE_CUES and PAST_CUES are built as tries of their words: the matches of the plain alternations
    of the same words, since no word is another followed by a word boundary."""
    from dateline.extract.timex_context import FUTURE_CUES, FUTURE_WORDS, PAST_CUES, PAST_WORDS

    for words in (FUTURE_WORDS, PAST_WORDS):
        for a in words:
            assert not any(b != a and b.startswith(a) and not re.match(r"\w", b[len(a)]) for b in words), a
    plain_future = re.compile(rf"\b(?:{'|'.join(map(re.escape, FUTURE_WORDS))})\b", re.IGNORECASE)
    plain_past = re.compile(
        rf"\b(?<!\bbe )(?<!\bbeing )(?:{'|'.join(PAST_WORDS)}|"
        r"(?!(?:succ|proc|exc|n|ind|sp|f|s|br|bl|h|gr)eed\b|hundred\b)(?-i:[a-z]{2,}[a-z]ed))\b",
        re.IGNORECASE,
    )
    rng = random.Random(71)
    words = [*FUTURE_WORDS, *PAST_WORDS, "be", "being", "Will", "TO BE", "To Begin", "succeed", "Ted", "hundred",
             "wanted", "WANTED", "he", "x", "2", "_", "plans", "planned"]  # fmt: skip
    for _ in range(1000):
        text = _soup(rng, words, rng.randrange(1, 30))
        for fast, plain in ((FUTURE_CUES, plain_future), (PAST_CUES, plain_past)):
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_referring_words_found_from_their_t_as_with_a_word_boundary_before() -> None:
    from dateline.extract.reports import _REFERRING

    plain = re.compile(r"\b(?:that|this|the)\s+([a-z][a-z-]+)\b", re.IGNORECASE)
    rng = random.Random(73)
    words = ["That", "this", "THE", "the", "tHe", "other", "bathe", "meeting", "Talks", "strike-force", "x", "3", "_",
             "\u212aelvin", "\u017ftrike", "these", "theme"]  # fmt: skip
    for _ in range(1000):
        text = _soup(rng, words, rng.randrange(1, 30))
        assert [(m.span(), m[1]) for m in _REFERRING.finditer(text)] == [(m.span(), m[1]) for m in plain.finditer(text)]


def test_the_duration_rule_matches_only_in_paragraphs_its_trigger_finds() -> None:
    """The duration trigger is a unit word after a number's last word (or a digit) and a space or hyphen:
    every paragraph in which the rule matches must hold one, whatever the case and spelling."""
    from dateline.extract.timex import _COMPILED_TRIGGERS, _RULES, _folded, _paragraphs_with

    rule = next(rule for rule in _RULES if rule.name == "duration")
    trigger = _COMPILED_TRIGGERS["duration"]
    rng = random.Random(79)
    words = ["about", "the past", "The Last", "nearly", "no more than", "Three", "twenty-five", "Twenty five", "a",
             "An", "a couple of", "a few", "several", "MANY", "some", "one", "2.5", "3 1/2", "12", "hundred", "more",
             "trading", "Business", "days", "Day", "week", "weeks", "-year", "Year", "months", "decade", "centuries",
             "century", "Seconds", "hours", "minute", "-old", "-earlier", "Monday", "today", "the", "each", "ſeven",
             "x"]  # fmt: skip
    slots = [["", "about ", "Nearly ", "no more than "], ["", "the ", "the past ", "Last "],
             ["three", "Twenty-five", "twenty five", "a", "an", "a couple of", "a few", "Several", "many", "some",
              "one", "2.5", "3 1/2", "12", "a hundred", "ſeven", "x"],
             ["", " more", " trading", " Business", " working", " calendar"], [" ", "-", "  "],
             ["day", "Week", "month", "YEAR", "decade", "century", "centurie", "second", "minute", "hour", "x"],
             ["", "s"], ["", "-old", "-earlier", " ago"]]  # fmt: skip
    found = 0
    for _ in range(1500):
        duration = "".join(rng.choice(slot) for slot in slots)
        text = _soup(rng, words, rng.randrange(0, 8)) + rng.choice(["", " ", "\n"]) + duration + _soup(rng, words, 2)
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        matched = {i for i, (start, end) in enumerate(paragraphs) if rule.pattern.search(text, start, end)}
        starts = [start for start, _ in paragraphs]
        assert matched <= _paragraphs_with(trigger, _folded(text), starts), text
        found += len(matched)
    assert found > 500


def test_a_quotes_sentence_starts_where_stepping_back_one_character_at_a_time_finds() -> None:
    """`quote_spans._sentence_start` looks back from a quote only where a sentence can start, in stretches:
    the same place as trying every character back from the quote."""
    from dateline.extract.quote_spans import _ABBREVIATION_BEFORE, _STRETCH, _sentence_start

    def plain(body: str, left: int) -> int:
        while left > 0:
            if body[left - 1] == "\n":
                break
            if (
                left >= 2
                and body[left - 2] in ".?!"
                and body[left - 1].isspace()
                and not (body[left - 2] == "." and _ABBREVIATION_BEFORE.search(body, max(0, left - 8), left - 1))
            ):
                break
            if (
                left >= 3
                and body[left - 3] in ".?!"
                and body[left - 2] in '”"'
                and body[left - 1].isspace()
                and body[left : left + 1].isupper()
            ):
                break
            left -= 1
        return left

    rng = random.Random(47)
    words = ["He", "said", "talks", ".", ". ", "?", "! ", "Sen.", "Lt. Gen.", "U.S.", "A.", "e.g.", '"', "”", "“",
             '." He', "”\u00a0She", "\n", "\u2009", "\u00a0", "  ", "x", "We", "Kyiv"]  # fmt: skip
    for _ in range(300):
        body = "".join(rng.choice(words) + rng.choice(["", " "]) for _ in range(rng.randrange(0, 60)))
        for left in range(len(body) + 1):
            assert _sentence_start(body, left) == plain(body, left), (body, left)
    long = "x " * _STRETCH + "Talks ended. " + "word " * (3 * _STRETCH) + '"'
    assert _sentence_start(long, len(long) - 1) == plain(long, len(long) - 1) == long.index("Talks") + 13
    assert _sentence_start(long, 2 * _STRETCH - 1) == plain(long, 2 * _STRETCH - 1) == 0
