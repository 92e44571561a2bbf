"""An exported quote says who said it, who relayed it, and which source has it when a happening has several."""

from __future__ import annotations

import datetime as dt

from dateline.store.export import export_happenings_markdown
from dateline.store.records import ArticleRef, Happening, HappeningReport, QuoteRecord

WIRE = ArticleRef("a1", "Leaders speak", "Wire Service", "2022-03-04", "https://example.org/a")
DAILY = ArticleRef("a2", "A call", "Daily Courier", "2022-03-05", None)


def happening(*sources: ArticleRef) -> Happening:
    reports = tuple(HappeningReport(f"e{i}", a, 0, "The two leaders spoke by phone.", "2022-03-04", "stated")
                    for i, a in enumerate(sources))  # fmt: skip
    quote = QuoteRecord("q1", "Vladimir Putin", "p1", "We are open to talks", sources[0], 0, "e0", "2022-03-04",
                        via="Yuri Ushakov")  # fmt: skip
    return Happening("h1", "2022-03-04", "day", "2022-03-04", False, (), "The two leaders spoke by phone.",
                     ("Vladimir Putin",), reports, (quote,))  # fmt: skip


def test_a_relayed_quote_names_its_relay_and_its_source_among_several() -> None:
    text = export_happenings_markdown([happening(WIRE, DAILY)], exported=dt.date(2022, 3, 6))
    assert "  > — Vladimir Putin, via Yuri Ushakov (in Wire Service) [^1]" in text


def test_with_one_source_the_footnote_is_enough() -> None:
    text = export_happenings_markdown([happening(WIRE)], exported=dt.date(2022, 3, 6))
    assert "  > — Vladimir Putin, via Yuri Ushakov [^1]" in text
