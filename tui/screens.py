"""Screens on top of the timeline: the source article, help, and one-line prompts."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from dateline.store.records import SourceArticle
from dateline.tui.panels import KeysFooter
from dateline.tui.text import clean, plain

SPAN_STYLES = {"actor": "bold cyan", "date": "bold yellow", "quote": "italic green"}


class SourceScreen(Screen[None]):
    """An article scrolled to a paragraph, with the passage highlighted and its spans marked."""

    BINDINGS = [
        Binding("escape,backspace,q", "back", "Back to timeline"),
        Binding("j,down", "scroll_down", "Scroll down", show=False),
        Binding("k,up", "scroll_up", "Scroll up", show=False),
        Binding("g", "top", "Top", show=False),
        Binding("G", "bottom", "Bottom", show=False),
    ]

    def __init__(self, source: SourceArticle, paragraph: int, passage: tuple[int, int] | None) -> None:
        super().__init__()
        self.source = source
        self.paragraph = paragraph
        self.passage = passage

    def compose(self) -> ComposeResult:
        article = self.source.article
        header = Text()
        header.append(clean(article.title), style="bold")
        byline = f" · by {clean(article.author)}" if article.author else ""
        outlet = clean(article.outlet or "Unknown outlet")
        header.append(f"\n{outlet}{byline} · published {article.published}", style="dim")
        if article.url:
            header.append(f" · {clean(article.url)}", style="dim underline")
        yield Static(header, id="source-header")
        with VerticalScroll(id="source-body"):
            for index, paragraph in enumerate(self.source.paragraphs):
                classes = "paragraph current" if index == self.paragraph else "paragraph"
                yield Static(self._paragraph_text(index, paragraph), classes=classes, id=f"p{index}")
        yield KeysFooter()  # the app's keys as the main screen's footer shows them

    def _paragraph_text(self, index: int, paragraph: str) -> Text:
        text = Text()
        text.append(f"¶{index + 1}  ", style="dim")
        offset = len(text)
        text.append_text(plain(paragraph))
        for span in self.source.spans:
            if span.paragraph == index:
                text.stylize(SPAN_STYLES.get(span.kind, ""), offset + span.start, offset + span.end)
        if index == self.paragraph and self.passage:
            start, end = self.passage
            text.stylize("reverse", offset + start, offset + end)
        return text

    def on_mount(self) -> None:
        target = self.query_one(f"#p{self.paragraph}")
        self.call_after_refresh(lambda: target.scroll_visible(top=True, animate=False))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#source-body", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#source-body", VerticalScroll).scroll_up(animate=False)

    def action_top(self) -> None:
        self.query_one("#source-body", VerticalScroll).scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.query_one("#source-body", VerticalScroll).scroll_end(animate=False)


class HelpScreen(ModalScreen[None]):
    """Every key binding with its description."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss_help", "Close help")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        parts: list[RenderableType] = [Text("Dateline keys", style="bold")]
        for title, rows in self.sections:
            keys = Table.grid(padding=(0, 2))  # the keys' column as wide as its longest, a gap after it
            keys.add_column(style="bold cyan", no_wrap=True, min_width=16)
            keys.add_column()
            for names, description in rows:
                keys.add_row(Text(names), Text(description))
            parts += [Text(f"\n{title}", style="bold underline"), keys]
        parts.append(Text("\nctrl+p opens the command palette with every action.", style="dim"))
        with VerticalScroll(id="help"):
            yield Static(Group(*parts))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)


class MessageScreen(Screen[None]):
    """A full-screen message instead of a traceback: a store that cannot be opened, and the like."""

    BINDINGS = [Binding("q,escape,enter", "app.quit", "Quit")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(f"{self.title_text}\n\n", style="bold red")
        text.append(clean(self.message))
        text.append("\n\nPress q to quit.", style="dim")
        yield Static(text, id="message")
        yield Footer()
