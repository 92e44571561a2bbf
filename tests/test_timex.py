"""The time-expression tagger: one test per class of expression and per resolution rule."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from dateline.cli.main import main
from dateline.extract.timex import tag_times
from tests.conftest import SEED

TUESDAY = dt.date(2022, 2, 15)  # the seed's publication date, a Tuesday


def tags(text: str, published: dt.date = TUESDAY) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_times(text, published)]


def only(text: str, published: dt.date = TUESDAY) -> tuple[str, str, str]:
    found = tags(text, published)
    assert len(found) == 1, found
    return found[0]


def test_the_seed_expressions() -> None:
    found = {t.text: (t.type, t.value) for t in tag_times(SEED.read_text(), TUESDAY)}
    assert found["Tuesday"] == ("DATE", "2022-02-15")
    assert found["last month"] == ("DATE", "2022-01")
    assert found["3.30 p.m. local time"] == ("TIME", "2022-02-15T15:30")
    assert found["the coming days"] == ("DURATION", "PXD")
    assert found["hours"] == ("DURATION", "PTXH")
    assert found["any moment"] == ("DATE", "FUTURE_REF")
    assert found["February 15,2022"] == ("DATE", "2022-02-15")


@pytest.mark.parametrize(
    "text",
    ["We remain committed.", "Talks may resume.", "Protesters march on the capital.", "He said we may go."],
)
def test_words_that_are_not_dates(text: str) -> None:
    assert tags(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 6-year-old boy was hurt.", []),
        ("A man, 44 years old, was arrested.", []),
        ("Some 2000 troops arrived.", []),
        ("It cost $2021 a month.", []),  # an amount, and a rate: neither is a time
    ],
)
def test_ages_and_amounts_are_not_times(text: str, expected: list) -> None:
    assert tags(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The summit was held on February 15, 2022.", "2022-02-15"),
        ("It happened on 24 February 2022.", "2022-02-24"),
        ("The deadline is 2022-03-01.", "2022-03-01"),
        ("Signed in August 1991.", "1991-08"),
        ("Crimea was annexed in 2014.", "2014"),
        ("It began in the 1990s.", "199"),
        ("A 20th century idea.", "19"),
    ],
)
def test_absolute_dates(text: str, value: str) -> None:
    assert only(text)[2] == value


def test_bare_weekday_is_the_most_recent_today_included() -> None:
    assert only("Officials met on Tuesday.")[2] == "2022-02-15"
    assert only("Officials met on Friday.")[2] == "2022-02-11"


def test_future_tense_moves_weekdays_and_dates_forward() -> None:
    assert only("The ministers will meet on Friday.")[2] == "2022-02-18"
    assert tags("Blinken will travel to Berlin on Feb. 24.")[0][2] == "2022-02-24"
    assert tags("Talks ended on Dec. 24.")[0][2] == "2021-12-24"
    assert only("The talks resume Monday.")[2] == "2022-02-21"  # a scheduling verb's present: planned
    assert only("The team planned to leave Kyiv on Thursday.")[2] == "2022-02-17"
    assert only("He would be traveling to the United States Thursday.")[2] == "2022-02-17"  # "United": a name


def test_words_before_the_expression_fix_its_direction() -> None:
    assert only("Police have searched for him since Friday.")[2] == "2022-02-11"
    assert tags("They have been searching since shortly after the Oct. 23 attack.")[0][2] == "2021-10-23"
    assert only("The group would be ready to leave as soon as Thursday, he said.")[2] == "2022-02-17"
    assert only("The father could arrive as early as Friday, officials said.")[2] == "2022-02-18"


def test_a_weekday_opening_its_sentence_takes_the_verb_after_the_subject() -> None:
    text = "On Thursday, the National Council of Foreign Relations plans to hold a news conference."
    assert only(text)[2] == "2022-02-17"


def test_a_possessive_weekday_names_what_already_happened() -> None:
    assert only("His lawyers said they would appeal Friday's ruling.")[2] == "2022-02-11"
    assert only("Turnout was expected to be high ahead of Sunday's vote.")[2] == "2022-02-20"


def test_bare_months_near_publication_are_the_near_ones_whatever_the_verb() -> None:
    assert tags("The offer was extended to March 16.")[0][2] == "2022-03-16"  # not 2021: weeks away
    assert tags("Prices have fallen since December.")[0][2] == "2021-12"
    assert tags("The vote was held in July.")[0][2] == "2021-07"  # far off: the past tense decides
    assert tags("The vote will be held in July.")[0][2] == "2022-07"
    assert tags("Prices in October: record highs.")[0][2] == "2021-10"  # no verb: the nearer October


def test_participles_and_future_in_the_past_read_as_future() -> None:
    assert tags("Colonel Collins will be named commander for a mission in September.")[0][2] == "2022-09"
    assert tags("He said the company would complete the sale in September.")[0][2] == "2022-09"
    assert tags("The dividend is payable Oct. 7 to holders of record.")[0][2] == "2022-10-07"
    assert tags("He will succeed the chairman in October.")[0][2] == "2022-10"


def test_last_and_next() -> None:
    assert only("It was decided last week.")[2] == "2022-W06"
    assert only("It will be decided next month.")[2] == "2022-03"
    assert only("Sales fell last year.")[2] == "2021"
    assert only("They met last Friday.")[2] == "2022-02-11"
    assert only("It happened last April.")[2] == "2021-04"
    assert only("It happened last January.")[2] == "2022-01"  # the latest January gone by
    assert only("It will be done early next year.")[:1] == ("early next year",)


def test_relative_days_and_parts_of_day() -> None:
    assert only("Troops withdrew yesterday.")[2] == "2022-02-14"
    assert only("He will speak tomorrow.")[2] == "2022-02-16"
    assert only("Shelling resumed last night.") == ("last night", "TIME", "2022-02-14TNI")
    assert only("They spoke this morning.") == ("this morning", "TIME", "2022-02-15TMO")


def test_anchored_to_the_last_day_mentioned() -> None:
    found = tags("The talks began on Monday, March 7, 2022. The next day they collapsed.")
    assert found[-1] == ("The next day", "DATE", "2022-03-08")


def test_ago_and_a_year_earlier() -> None:
    assert only("The plan was drafted three years ago.")[2] == "2019"
    assert only("It happened two weeks ago.")[2] == "2022-W05"
    found = tags("Profit rose in the third quarter of 2021 from a year earlier.")
    assert found == [("the third quarter of 2021", "DATE", "2021-Q3"), ("a year earlier", "DATE", "2020-Q3")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.30 p.m. local time", ("3.30 p.m. local time", "TIME", "2022-02-15T15:30")),
        ("at 10 a.m. EST", ("10 a.m. EST", "TIME", "2022-02-15T10:00")),
        ("at noon Thursday", ("noon Thursday", "TIME", "2022-02-10T12:00")),
        ("at 15:30 GMT", ("15:30 GMT", "TIME", "2022-02-15T15:30")),
    ],
)
def test_clock_times(text: str, expected: tuple) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The drills lasted 90 days.", ("90 days", "DURATION", "P90D")),
        ("over the past three years", ("the past three years", "DURATION", "P3Y")),
        ("a two-year deal", ("two-year", "DURATION", "P2Y")),
        ("for several months", ("several months", "DURATION", "PXM")),
        ("within the coming days", ("the coming days", "DURATION", "PXD")),
        ("for two hours", ("two hours", "DURATION", "PT2H")),
        ("for nearly two decades", ("nearly two decades", "DURATION", "P20Y")),
        ("a couple of years", ("a couple of years", "DURATION", "P2Y")),
    ],
)
def test_durations(text: str, expected: tuple) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They meet every week.", "P1W"),
        ("Prices are published daily.", "P1D"),
        ("He calls each Thursday.", "XXXX-WXX-4"),
        ("It pays $100 million in interest every quarter.", "P1Q"),
    ],
)
def test_sets(text: str, value: str) -> None:
    assert only(text)[1:] == ("SET", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Troops are now at the border.", "PRESENT_REF"),
        ("Moscow has recently amassed troops.", "PAST_REF"),
        ("It may change in the future.", "FUTURE_REF"),
    ],
)
def test_vague_references(text: str, value: str) -> None:
    assert only(text)[2] == value


def test_year_ago_periods_in_results_reports() -> None:
    published = dt.date(1989, 11, 2)
    assert tags("It had a year-earlier loss of $6 million.", published) == [("year-earlier", "DATE", "1988-Q3")]
    assert tags("In the year-ago third quarter, it earned $22 million.", published) == [
        ("the year-ago third quarter", "DATE", "1988-Q3")
    ]
    found = tags("In the third quarter, sales rose. The year-ago results included a gain.", published)
    assert found == [("the third quarter", "DATE", "1989-Q3"), ("year-ago", "DATE", "1988-Q3")]
    found = tags("Profit rose in the third quarter from the year-ago quarter. In the quarter, sales rose.", published)
    assert found[-1] == ("the quarter", "DATE", "1989-Q3"), "the year-ago quarter is only the comparison"
    assert tags("Earnings fell in the latest period.", published) == [("the latest period", "DATE", "1989-Q3")]


def test_years_ago_count_from_a_reporting_period_not_a_day() -> None:
    published = dt.date(1998, 4, 24)
    assert tags("The talks began last week. The plant closed two years ago.", published)[-1][2] == "1996"
    found = tags("Profit rose in the third quarter from a year earlier.", dt.date(1998, 11, 2))
    assert found == [("the third quarter", "DATE", "1998-Q3"), ("a year earlier", "DATE", "1997-Q3")]
    # many years ago is no comparison with a period: it counts from publication
    found = tags("The treaty was signed in 1949. Communism collapsed 10 years ago.", dt.date(1999, 3, 12))
    assert found[-1] == ("10 years ago", "DATE", "1989")


def test_the_following_month_counts_from_the_month_last_named() -> None:
    found = tags("The plan was drafted in March. The following month it was signed.", dt.date(1989, 11, 2))
    assert found == [("March", "DATE", "1989-03"), ("The following month", "DATE", "1989-04")]


def test_rates_and_index_values_are_not_time() -> None:
    assert tags("It should save $500 million a year in costs.") == []
    assert tags("Qantas flies four flights a week to Bombay.") == []
    assert only("The deal was done in a week.")[:3] == ("a week", "DURATION", "P1W")
    assert tags("The index settled 42.0 points lower at 1678.5.") == []


def test_or_so_belongs_to_the_expression() -> None:
    assert only("The plan emerged a week or so ago.")[0] == "a week or so ago"
    assert only("It will take the next two years or so.")[:3] == ("the next two years or so", "DURATION", "P2Y")


def test_year_end_and_amounts_in_words() -> None:
    published = dt.date(1989, 11, 2)
    assert tags("They expect to complete the sale by year-end.", published) == [("year-end", "DATE", "1989-12-31")]
    assert tags("The index has risen 5% since year-end.", published) == [("year-end", "DATE", "1988-12-31")]
    assert tags("The tradition is more than two thousand years old.", published) == []


def test_quarters_seasons_and_holidays() -> None:
    assert only("Growth slowed in the fourth quarter.")[2] == "2021-Q4"
    assert only("Profit rose in the first quarter of 2022.")[2] == "2022-Q1"
    assert only("The offensive came last winter.")[2] == "2021-WI"
    assert only("A truce held over Christmas.")[2] == "2021-12-25"  # the last one gone by


def test_parts_of_the_current_period_and_its_end() -> None:
    published = dt.date(1989, 10, 26)
    assert only("Sales were delayed earlier in the year.", published) == ("earlier in the year", "DATE", "1989")
    assert only("It will be done later in the month.", published) == ("later in the month", "DATE", "1989-10")
    assert only("He forecast an increase for the full year.", published) == ("the full year", "DATE", "1989")
    assert only("Jobs will be cut by year end.", published) == ("year end", "DATE", "1989")
    assert only("Rules should be in place by year's end.", published)[:2] == ("year's end", "DATE")


def test_seasons_are_the_ones_the_verb_points_to() -> None:
    published = dt.date(1989, 10, 26)
    assert only("Demand stayed high into the summer.", published)[2] == "1989-SU"
    assert only("The unit was scrapped this past spring.", published)[2] == "1989-SP"
    assert only("He will retire in the spring.", published)[2] == "1990-SP"  # this spring is gone
    assert only("Sales fell in the summer.", dt.date(1990, 2, 1))[2] == "1989-SU"  # an irregular past
    assert tags("Prices rose since the fall of communism.", published) == []


def test_halves_quarters_and_decades() -> None:
    published = dt.date(1989, 10, 26)
    found = tags("Earnings will fall in the last half of 1989 and the first two quarters of 1990.", published)
    assert found == [
        ("the last half of 1989", "DATE", "1989-H2"),
        ("the first two quarters of 1990", "DATE", "1990-H1"),
    ]
    assert only("It has lost money in the past two quarters.", published) == (
        "the past two quarters",
        "DURATION",
        "P2Q",
    )
    assert only("It turned a profit after several quarters of losses.", published)[2] == "PXQ"
    assert tags("He won three quarters of the vote.", published) == []
    assert only("Sales were flat in the last half of the '80s.", published)[1:] == ("DATE", "198")
    assert only("Music of the '80s is back.", dt.date(2022, 2, 15))[2] == "198"  # the nearest 80s


def test_a_year_after_a_month_or_season_completes_it() -> None:
    published = dt.date(1998, 2, 26)
    assert only("January nineteen ninety-seven. Atlanta again.", published) == (
        "January nineteen ninety-seven",
        "DATE",
        "1997-01",
    )
    assert only("Prices last fell this low in the winter of 1994.", published)[:3:2] == (
        "the winter of 1994",
        "1994-WI",
    )
    assert tags("In the summer, 1996 was a good year.", published) == [
        ("the summer", "DATE", "1997-SU"),
        ("1996", "DATE", "1996"),
    ]


def test_the_end_of_a_period_and_a_years_part_under_discussion() -> None:
    published = dt.date(1989, 10, 30)
    assert only("It aims to cut $500 million by the end of the year.", published)[::2] == (
        "the end of the year",
        "1989",
    )
    found = tags("Net rose in the third quarter. It earned $376,000 in the 1988 quarter.", published)
    assert found[-1] == ("the 1988 quarter", "DATE", "1988-Q3")
    assert only("In the 1988 period, it lost money.", published) == ("the 1988 period", "DATE", "1988")


def test_trading_days_and_the_middle_of_a_day() -> None:
    published = dt.date(1989, 11, 2)
    assert only("Eight trading days after the plunge, it recovered.", published) == (
        "Eight trading days",
        "DURATION",
        "P8D",
    )
    assert only("At mid-afternoon yesterday, shares were up.", published) == (
        "mid-afternoon yesterday",
        "TIME",
        "1989-11-01TAF",
    )
    assert only("He will appear before a judge at midday.", published)[1:] == ("TIME", "1989-11-02T12:00")


def test_that_year_is_the_year_last_named() -> None:
    found = tags("He fled in June 1998 and returned later that year.", dt.date(2000, 1, 28))
    assert found[-1] == ("later that year", "DATE", "1998")
    found = tags("Sales were $37 million in 1988, a small share of imports that year.", dt.date(1989, 11, 2))
    assert found[-1] == ("that year", "DATE", "1988")


def test_the_previous_weekday_counts_from_the_day_last_named() -> None:
    found = tags("The index fell Friday, down 4.5% from the previous Friday.", dt.date(1989, 10, 30))
    assert found == [("Friday", "DATE", "1989-10-27"), ("the previous Friday", "DATE", "1989-10-20")]


def test_open_ends_and_periods_ahead() -> None:
    published = dt.date(1989, 10, 30)
    assert only("Traders squared positions ahead of the weekend.", published)[2] == "1989-W44-WE"
    assert only("It won't be profitable until 1994 or later.", published)[:1] == ("1994 or later",)
    assert only("Funds will have to sell in the weeks ahead.", published) == ("the weeks ahead", "DURATION", "PXW")
    assert only("Jobs will go by year end.", published)[2] == "1989"  # the end of the year: that year


def test_capitalised_time_words_in_a_title_are_names() -> None:
    published = dt.date(1991, 2, 25)
    assert tags('Baker said on ABC\'s "This Week With David Brinkley" that it was over.', published) == []
    assert tags('Baker, speaking on ABC News\' "This Week," said so.', published) == []
    assert tags("He said so on CBS's ''60 Minutes.'' This is VOA Today.", published) == []
    assert tags("The poster showed Gary Cooper from ``High Noon.''", published) == []
    assert only("Today the talks end.", published)[2] == "1991-02-25"  # a sentence's first word
    assert only("Last Week he left.", published)[2] == "1991-W08"


def test_links_hold_no_dates_and_quotes_do_not_hide_direction() -> None:
    text = "Published December 30, 2021 https://www.example.com/world/2021/12/30/call/ Putin spoke."
    assert tags(text, dt.date(2021, 12, 30)) == [("December 30, 2021", "DATE", "2021-12-30")]
    published = dt.date(2021, 12, 17)  # a Friday
    assert only("Moscow wants talks with the US \u201cas early as\u201d Saturday.", published)[2] == "2021-12-18"
    assert only("Blinken met Zelensky ahead of a face-to-face with Lavrov on Friday.", dt.date(2022, 1, 19))[2] == (
        "2022-01-21"
    )


def test_the_week_of_a_date_is_its_week() -> None:
    published = dt.date(2000, 2, 24)
    assert only("The hearing is set for the week of March 6.", published) == ("the week of March 6", "DATE", "2000-W10")
    assert only("They met the weekend of Feb. 12.", published)[2] == "2000-W06-WE"


def test_until_points_forward_unless_the_story_is_told_in_the_past_perfect() -> None:
    published = dt.date(2000, 4, 3)  # a Monday
    assert only("INS extended its deadline until 9 a.m. EST Tuesday.", published)[2] == "2000-04-04T09:00"
    assert only("Until Thursday, they had not called him a suspect.", published)[2] == "2000-03-30"
    assert only("The market was closed until Friday.", published)[2] == "2000-03-31"


def test_the_day_before_a_named_day() -> None:
    found = tags("The day before last Tuesday's hearing, he went there.", dt.date(2000, 2, 24))
    assert found == [("The day before last Tuesday", "DATE", "2000-02-21")]


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2999, 6, 1)])
def test_publication_dates_at_the_calendars_ends_lose_only_what_cannot_be_dated(published) -> None:
    text = "Last week, in the '90s style, talks began on Tuesday and will resume next year, a year ago today."
    found = tags(text, published)
    assert ("today", "DATE", published.isoformat()) in found, "the expressions that can be dated are still found"
    assert all(re.fullmatch(r"\d{2,4}(?:-[\dWQHSUFAIXE]+)*", value) for _, _, value in found), found


def test_a_bare_day_after_a_month_day_shares_its_month() -> None:
    published = dt.date(1999, 2, 10)
    found = tags("A ceremony will be held at the summit on April 24 and 25.", published)
    assert found == [("April 24", "DATE", "1999-04-24"), ("25", "DATE", "1999-04-25")]
    assert tags("The second stage runs February 10-20.", published)[-1] == ("20", "DATE", "1999-02-20")
    assert [t[0] for t in tags("On March 5, 12 people died; sales on May 3 and 4 million units.", published)] == [
        "March 5",
        "May 3",
    ]


def test_may_and_march_as_modifiers_after_the() -> None:
    published = dt.date(1999, 2, 10)
    assert only("The March accession will let them join.", published) == ("March", "DATE", "1999-03")
    assert tags("The March on Washington drew crowds.", published) == []


def test_pre_and_post_a_year() -> None:
    assert only("The post-1959 politics split families.", dt.date(2000, 2, 24)) == ("post-1959", "DATE", "1959")
    assert tags("2000 troops arrived.", dt.date(2000, 2, 24)) == []


def test_hours_told_by_the_part_of_the_day() -> None:
    published = dt.date(2000, 4, 5)
    assert only("The shelling began at ten at night.", published) == ("ten at night", "TIME", "2000-04-05T22:00")
    assert only("He arrived by 3 in the afternoon.", published)[2] == "2000-04-05T15:00"
    assert tags("Two in the morning papers agreed.", published) == []  # no "at" or "by": not a clock time


def test_holidays_by_name_are_the_ones_the_tense_points_to() -> None:
    published = dt.date(2000, 1, 7)
    assert only("The boy was found Thanksgiving Day.", published)[2] == "1999-11-25"
    assert only("He was found at sea last Thanksgiving.", published)[2] == "1999-11-25"
    assert only("Stopping violence will be our theme until Election Day.", published)[2] == "2000-11-07"
    assert only("Crowds gathered as Easter week began.", dt.date(2000, 4, 17))[2] == "2000-W16"
    assert only("Shops open on Labor Day.", dt.date(2022, 9, 1))[2] == "2022-09-05"  # no verb: the nearest
    assert tags("thanksgiving prayers were said", published) == []  # a holiday's name is capitalised


def test_offsets_are_exact_extents() -> None:
    text = "On Friday the talks resumed."
    (timex,) = tag_times(text, TUESDAY)
    assert text[timex.start : timex.end] == "Friday"


def test_timex_command_jsonl_and_single_text(tmp_path, capsys) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc": "d1", "published": "2022-02-15", "text": "Talks resumed on Monday."}) + "\n")
    assert main(["timex", "--jsonl", str(docs)]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line == {"doc": "d1", "start": 17, "end": 23, "text": "Monday", "type": "DATE", "value": "2022-02-14"}
    single = tmp_path / "one.txt"
    single.write_text("It ended last month.")
    assert main(["timex", "--published", "2022-02-15", str(single)]) == 0
    assert json.loads(capsys.readouterr().out)["value"] == "2022-01"
