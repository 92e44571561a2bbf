"""Reports: each sentence dated by the occurrence it tells of, not by whichever date it mentions."""

from __future__ import annotations

import datetime as dt

from dateline.extract.articles import make_paragraphs
from dateline.extract.model import KIND_BACKGROUND, KIND_REPORT, Article
from dateline.extract.pipeline import extract_article

WEDNESDAY = dt.date(2022, 2, 16)


def events(*paragraphs: str, published: dt.date = WEDNESDAY) -> list:
    """Every event of an article of these paragraphs: reports, background, bylines, headings."""
    return list(extract_article(Article("T", "Wire", published, None, make_paragraphs(list(paragraphs)))).events)


def reports(*paragraphs: str, published: dt.date = WEDNESDAY) -> list:
    return [e for e in events(*paragraphs, published=published) if e.kind == KIND_REPORT]


def dated(*paragraphs: str, published: dt.date = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(e.text, e.date_value, e.date_source) for e in reports(*paragraphs, published=published)]


def test_an_undated_sentence_continues_the_report_before_it_or_the_lead() -> None:
    found = dated(
        "The ministers met in Vienna on Monday. They spoke for two hours.",
        "Neither side gave details.",
    )
    assert found == [
        ("The ministers met in Vienna on Monday.", "2022-02-14", "relative"),
        ("They spoke for two hours.", "2022-02-14", "continued"),
        ("Neither side gave details.", "2022-02-14", "continued"),
    ]


def test_an_article_without_a_dated_lead_falls_back_to_its_publication_date() -> None:
    assert dated("The drills lasted ten days and are now over.") == [
        ("The drills lasted ten days and are now over.", "2022-02-16", "publication")
    ]


def test_background_dates_do_not_date_the_report() -> None:
    found = events(
        "The envoys met in Oslo on Tuesday.",
        "The sanctions, in place since 2014, were discussed after talks last week.",
        "Attacks dating back to the 2014 invasion continued.",
    )
    assert [(e.date_value, e.date_source) for e in found[:2]] == [
        ("2022-02-15", "relative"),
        ("2022-02-15", "continued"),
    ]
    assert found[2].kind == KIND_BACKGROUND, "dated only by the background: no timeline row"


def test_a_date_inside_someone_s_noun_phrase_does_not_date_the_report() -> None:
    found = events(
        "The envoys met in Oslo on Tuesday.",
        "Russia has moved more troops to the border, as Moscow's March 10-20 drills with Belarus near.",
        "Moscow's March 10 deadline passed quietly.",
    )
    assert found[1].kind == KIND_BACKGROUND, "the date names the drills: no report of March 10"
    assert (found[2].kind, found[2].date_value) == (KIND_REPORT, "2022-03-10"), "leading the sentence, it dates it"


def test_a_subordinate_occurrence_is_a_report_of_its_own() -> None:
    found = reports(
        "The envoy will meet the minister this Friday, Feb. 18, after talks in Warsaw on Feb. 14,"
        " and Prague on Feb. 15."
    )
    main, *others = found
    assert (main.date_value, main.main, main.planned) == ("2022-02-18", True, True)
    assert [(e.date_value, e.main) for e in others] == [("2022-02-14", False), ("2022-02-15", False)]
    assert others[0].text.startswith("after talks in Warsaw")


def test_a_planned_weekday_is_the_coming_one() -> None:
    [report] = reports("The envoy heads Thursday to Rome for the talks.")
    assert (report.date_value, report.planned) == ("2022-02-17", True)


def test_a_weekday_that_disagrees_with_its_date_is_a_conflict() -> None:
    [report] = reports("The council met on Monday, February 15, in closed session.")
    assert report.date_value == "2022-02-15"
    assert report.date_conflict and "Tuesday" in report.date_conflict


def test_a_range_of_days_is_a_period() -> None:
    [report] = reports("The second phase of the exercise will run from March 10-20.")
    assert (report.date_value, report.period_end) == ("2022-03-10", "2022-03-20")


def test_a_period_whose_end_is_a_bare_day_is_a_period() -> None:
    found = reports(
        "The first round of the exercise will take place between March 10 and 20 and focus on air defence.",
        "The vote is set for Feb. 28 and 300 observers will watch it.",
        "The parade is planned from April 3 to 31 in the capital.",
    )
    assert [(e.date_value, e.period_end) for e in found] == [
        ("2022-03-10", "2022-03-20"),
        ("2022-02-28", None),  # "and 300 observers": no "between" or "from", no period
        ("2022-04-03", None),  # no April 31
    ]


def test_an_undated_sentence_that_refers_back_to_an_occurrence_joins_it() -> None:
    found = dated(
        "The envoy will be in Rome on Thursday for talks with Italian officials before meeting the"
        " foreign minister in Vienna on Friday. That meeting is meant to test whether a deal is near."
        " Diplomats expect little from it.",
    )
    assert found[0][1] == "2022-02-17" and found[1] == (
        "before meeting the foreign minister in Vienna on Friday",
        "2022-02-18",
        "relative",
    )
    assert found[2] == ("That meeting is meant to test whether a deal is near.", "2022-02-18", "continued")


def test_bylines_credits_headings_and_list_intros_are_not_reports() -> None:
    found = dated(
        "MARIA LOPEZ and TOM REED, Associated Press",
        "by Jane Q. Public",
        "Here are the latest developments:",
        "Talks collapse. The delegations left Minsk on Tuesday without a statement.",
        "(Reporting by Ann Lee; Editing by Bob Ray)",
        "Source: the regional governor",
        "KYIV, 15 FEBRUARY, UKRINFORM.",
    )
    assert found == [("The delegations left Minsk on Tuesday without a statement.", "2022-02-15", "relative")]


def test_two_dates_in_one_clause_give_one_report_each_at_most() -> None:
    found = reports(
        "The team described the results in a new report, which was published online today (Feb. 15) in a journal."
    )
    assert len({(e.paragraph, e.start) for e in found}) == len(found), "every report starts at its own offset"
