"""Side panels and bars: actors (choose some to filter the timeline), the footer, the status line.
The details panel on the right is `tui/detail.py`."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from dateline.store.records import ActorSummary
from dateline.tui.text import clean, plain

# j/k move in the side lists as they do in the timeline (OptionList already has the arrows).
VIM_MOVES = [Binding("j", "cursor_down", "Down", show=False), Binding("k", "cursor_up", "Up", show=False)]
ACTOR_KIND_MARK = {"person": "☺", "organisation": "▣", "country": "⚑", "place": "⌖"}


class ActorsPanel(OptionList):
    """Actors with their title and mentions; `enter`/`space` adds or removes one from the filter."""

    BINDINGS = [
        *VIM_MOVES,
        Binding("space", "toggle_actor", "Choose"),
        Binding("o", "toggle_order", "Sort by name/count"),
        Binding("x", "clear_actors", "Clear actors"),
    ]

    @dataclass
    class ChosenChanged(Message):
        chosen: tuple[ActorSummary, ...]

    @dataclass
    class OrderChanged(Message):
        order: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actors: list[ActorSummary] = []
        self.chosen: dict[str, ActorSummary] = {}
        self.order = "count"

    def show_actors(self, actors: list[ActorSummary]) -> None:
        highlighted = self.highlighted
        self.actors = actors
        self.set_options(self._option(actor) for actor in actors)
        if actors:
            self.highlighted = min(highlighted or 0, len(actors) - 1)

    def _option(self, actor: ActorSummary) -> Option:
        """The actor's name and mention count on one line (the name cut with an ellipsis, never the
        count), its title under it: laid out at whatever width the panel has when it is drawn."""
        row = Table.grid(expand=True)
        row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        row.add_column(no_wrap=True, justify="right")
        name = Text(no_wrap=True, overflow="ellipsis")
        name.append(f"{ACTOR_KIND_MARK.get(actor.kind, ' ')} ", style="dim")
        name.append(clean(actor.name))
        row.add_row(name, Text(f" {actor.mentions}", style="cyan"))
        if not actor.titles:
            return Option(row, id=actor.id)
        title = Text(f"  {clean(actor.titles[0])}", style="dim", no_wrap=True, overflow="ellipsis")
        return Option(Group(row, title), id=actor.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle_actor()

    def action_toggle_actor(self) -> None:
        if self.highlighted is None or not self.actors:
            return
        actor = self.actors[self.highlighted]
        if actor.id in self.chosen:
            del self.chosen[actor.id]
        else:
            self.chosen[actor.id] = actor
        self.post_message(self.ChosenChanged(tuple(self.chosen.values())))

    def action_clear_actors(self) -> None:
        if self.chosen:
            self.chosen.clear()
            self.post_message(self.ChosenChanged(()))

    def action_toggle_order(self) -> None:
        self.order = "name" if self.order == "count" else "count"
        self.border_subtitle = f"by {self.order}"
        self.post_message(self.OrderChanged(self.order))


COMPACT_FOOTER_WIDTH = 120  # terminal columns below which the footer keeps only the keys to get around


class KeysFooter(Footer):
    """The footer. Compact (on a narrow terminal) it shows only the keys that get a user around, so
    none is cut: F1 and the palette list the rest. `p` (quotes panel) shows only when that panel is
    hidden: on a wide terminal it is always there."""

    NARROW_KEYS = {
        "expand", "help", "search", "date_filter", "outlets", "toggle_actors", "toggle_quotes",
        "toggle_actor", "back", "command_palette",
    }  # fmt: skip

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            action = getattr(widget, "action", None)  # a key (FooterKey) names its action
            if action is None or self._shown(action):
                yield widget

    ON_TOP_KEYS = {"back", "help", "command_palette"}  # a screen over the timeline (the source view)

    def _shown(self, action: str) -> bool:
        name = action.rsplit(".", 1)[-1]
        if self.screen is not self.app.screen_stack[0]:  # the timeline's keys are not for this screen
            return name in self.ON_TOP_KEYS
        if self.compact:
            return name in self.NARROW_KEYS
        return action != "toggle_quotes"

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_FOOTER_WIDTH  # docked below: as wide as the terminal

    def watch_compact(self, compact: bool) -> None:
        self.refresh(recompose=True)


class StatusLine(Widget):
    """One line of status. Changing it repaints the line only: unlike `Static.update`, it never asks
    for a new layout, which with hundreds of actors in the side panel costs a keypress tens of ms."""

    DEFAULT_CSS = "StatusLine { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def show(self, text: str) -> None:
        self._text = plain(text)
        self._text.no_wrap = True
        self._text.overflow = "ellipsis"
        self.refresh()

    def render(self) -> Text:
        return self._text
