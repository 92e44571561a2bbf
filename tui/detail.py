"""The detail panel (right of the timeline): the happening under the cursor, whole (its headline, every
source with the date it gives, the dates they disagree on, the quotes with their speakers), or, with an
actor chosen, that actor's quotes over time within the active filters. `enter` on a source or a quote
opens its paragraph."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dateline.store.records import Happening, HappeningReport, QuoteRecord
from dateline.tui.panels import VIM_MOVES
from dateline.tui.row_drawing import MARK_CONFLICT, MARK_PLANNED
from dateline.tui.text import clean, plain, short_date


def quote_text(quote: QuoteRecord, with_date: bool = True) -> Text:
    """A quote as the panel lists it: (its date,) its speaker (their kind when not a person; who
    relayed it), then the quoted words."""
    text = Text()
    if with_date:
        text.append(f"{quote.article.published} ", style="dim")
    text.append(clean(quote.speaker or "unattributed"), style="bold")
    if quote.speaker_kind and quote.speaker_kind != "person":
        text.append(f" ({quote.speaker_kind})", style="dim")
    if quote.via:
        text.append(" via ", style="dim")
        text.append(clean(quote.via))
    text.append("\n")
    text.append(f"“{clean(quote.text)}”", style="italic")
    return text


def _heading(title: str) -> Option:
    return Option(Text(f"\n{title}", style="bold underline"), disabled=True)


class DetailPanel(OptionList):
    """What the cursor is on, whole; or the chosen actor's quotes over time."""

    BINDINGS = VIM_MOVES

    @dataclass
    class OpenReport(Message):
        """Open the paragraph of a source's report."""

        report: HappeningReport

    @dataclass
    class OpenQuote(Message):
        quote: QuoteRecord

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.happening: Happening | None = None
        self.quotes: list[QuoteRecord] = []  # the quotes shown: the happening's, or the chosen actor's
        self.targets: dict[str, HappeningReport | QuoteRecord] = {}  # option id -> what enter opens

    # --- a happening ---------------------------------------------------------------------

    def show_happening(self, happening: Happening | None, empty: str = "Nothing under the cursor.") -> None:
        self.happening = happening
        self.quotes = list(happening.quotes) if happening is not None else []
        self.targets = {}
        self.border_title = "Details"
        self.border_subtitle = None
        if happening is None:
            self.set_options([Option(plain(empty, "dim italic"), disabled=True)])
            return
        options: list[Option] = [Option(self._summary(happening), disabled=True)]
        options.append(_heading(f"Sources ({len(happening.sources)})"))
        copies = dict(happening.copy_of)
        by_article: dict[str, list[HappeningReport]] = {}
        for report in happening.reports:
            by_article.setdefault(report.article.id, []).append(report)
        for article in happening.sources:
            reports = by_article[article.id]
            option_id = f"source-{article.id}"
            self.targets[option_id] = reports[0]
            options.append(Option(self._source(reports, copies.get(article.id), happening), id=option_id))
        options.append(_heading(f"Quotes ({len(happening.quotes)})"))
        if not happening.quotes:
            options.append(Option(plain("No quotes in this happening.", "dim italic"), disabled=True))
        for quote in happening.quotes:
            option_id = f"quote-{quote.id}"
            self.targets[option_id] = quote
            options.append(Option(quote_text(quote), id=option_id))
        self.set_options(options)
        self.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)

    @staticmethod
    def _summary(happening: Happening) -> Text:
        text = Text()
        text.append(short_date(happening.date), style="bold yellow")
        if happening.planned:
            text.append(f"  {MARK_PLANNED} planned", style="bold green")
        text.append("\n")
        text.append(clean(happening.headline), style="bold")
        if happening.date_conflicts:
            text.append(f"\n{MARK_CONFLICT} the sources disagree on the date:", style="bold red")
            for date, outlets in happening.date_conflicts:
                text.append(f"\n  {short_date(date)}: ", style="red")
                text.append(clean(", ".join(outlets) or "?"))
        if happening.actors:
            text.append("\nActors: ", style="dim")
            text.append(clean(", ".join(happening.actors[:8])))
            if len(happening.actors) > 8:
                text.append(f" +{len(happening.actors) - 8}", style="dim")
        return text

    @staticmethod
    def _source(reports: list[HappeningReport], copy_of: str | None, happening: Happening) -> Text:
        """A source: its outlet, the date(s) it gives (marked when not the happening's), its title and
        when it was published (its reports' sentences are under the happening, expanded with `l`)."""
        article = reports[0].article
        text = Text()
        text.append(clean(article.outlet or "unknown outlet"), style="bold cyan")
        dates = [date for date, _ in Counter(r.date for r in reports).most_common()]
        text.append(" gives ", style="dim")
        for number, date in enumerate(dates):
            if number:
                text.append(", ", style="dim")
            differs = date != happening.date
            text.append(short_date(date), style="bold red" if differs else "bold")
        text.append(f"\n{clean(article.title)}", style="italic")
        text.append(f" · published {article.published}", style="dim")
        if copy_of is not None:
            original = next((r.article for r in happening.reports if r.article.id == copy_of), None)
            text.append(
                f"\nwire copy of {clean(original.outlet or original.title) if original else 'an earlier source'}",
                style="dim",
            )
        if len(reports) > 1:
            text.append(f"\n{len(reports)} reports", style="dim")
        return text

    # --- an actor's quotes -------------------------------------------------------------------

    def show_quotes(self, quotes: list[QuoteRecord], title: str, empty: str, dates: str = "") -> None:
        """The chosen actor's quotes over time (within the filters); `dates` under the panel."""
        self.happening = None
        self.quotes = list(quotes)
        self.border_title = plain(title)  # it names an actor: literal text, not markup
        self.border_subtitle = plain(dates) if dates else None
        self.targets = {f"quote-{q.id}": q for q in quotes}
        if not quotes:
            self.set_options([Option(plain(empty, "dim italic"), disabled=True)])
            return
        self.set_options(Option(quote_text(q), id=f"quote-{q.id}") for q in quotes)
        self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.targets.get(event.option.id or "")
        if isinstance(target, HappeningReport):
            self.post_message(self.OpenReport(target))
        elif isinstance(target, QuoteRecord):
            self.post_message(self.OpenQuote(target))
