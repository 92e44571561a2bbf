"""Choosing outlets: keep some (happenings at least one of them reported) or leave some out (happenings
none of them reported), so an analyst can read the wires apart from state media."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from dateline.tui.text import clean

KEEP, LEAVE_OUT = "keep", "leave out"
_MARK = {KEEP: ("+", "bold green"), LEAVE_OUT: ("−", "bold red"), None: (" ", "")}


@dataclass(frozen=True)
class OutletChoice:
    """The outlets kept and the outlets left out (either may be empty)."""

    keep: tuple[str, ...] = ()
    leave_out: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = []
        if self.keep:
            parts.append("outlets " + " or ".join(self.keep))
        if self.leave_out:
            parts.append("not " + ", ".join(self.leave_out))
        return "; ".join(parts)


class OutletScreen(ModalScreen[OutletChoice | None]):
    """The store's outlets, most articles first: `+` keeps one, `-` leaves it out, `space` cycles
    (keep, leave out, neither); `enter` applies, `escape` goes back unchanged."""

    BINDINGS = [
        Binding("plus,equals_sign", "mark('keep')", "Keep"),
        Binding("minus", "mark('leave out')", "Leave out"),
        Binding("space", "cycle", "Keep / leave out / neither"),
        Binding("x", "clear", "Clear all"),
        Binding("enter", "apply", "Apply", priority=True),
        Binding("escape,q", "cancel", "Back"),
        Binding("j", "down", "Down", show=False),
        Binding("k", "up", "Up", show=False),
    ]

    def __init__(self, outlets: list[tuple[str, int]], choice: OutletChoice) -> None:
        super().__init__()
        self.outlets = outlets
        self.state: dict[str, str | None] = {name: None for name, _ in outlets}
        for name in choice.keep:
            self.state[name] = KEEP
        for name in choice.leave_out:
            self.state[name] = LEAVE_OUT

    def compose(self) -> ComposeResult:
        with Vertical(id="outlets-box"):
            yield Static(
                Text("Outlets  ", style="bold").append(
                    "+ keep (happenings one of them reported)   − leave out   space cycles   enter applies",
                    style="dim",
                ),
                id="outlets-help",
            )
            yield OptionList(*self._options(), id="outlets-list")
        yield Footer()

    def _options(self) -> list[Option]:
        return [Option(self._label(name, count), id=f"o{i}") for i, (name, count) in enumerate(self.outlets)]

    def _label(self, name: str, count: int) -> Text:
        mark, style = _MARK[self.state[name]]
        text = Text(f" {mark} ", style=style)
        text.append(clean(name), style="bold" if self.state[name] else "")
        text.append(f"  {count} article{'s' if count != 1 else ''}", style="dim")
        return text

    @property
    def _list(self) -> OptionList:
        return self.query_one(OptionList)

    def _set(self, index: int, state: str | None) -> None:
        name, count = self.outlets[index]
        self.state[name] = state
        self._list.replace_option_prompt_at_index(index, self._label(name, count))

    def action_mark(self, state: str) -> None:
        index = self._list.highlighted
        if index is not None and self.outlets:
            name = self.outlets[index][0]
            self._set(index, None if self.state[name] == state else state)

    def action_cycle(self) -> None:
        index = self._list.highlighted
        if index is not None and self.outlets:
            order = [None, KEEP, LEAVE_OUT]
            current = self.state[self.outlets[index][0]]
            self._set(index, order[(order.index(current) + 1) % 3])

    def action_clear(self) -> None:
        for index in range(len(self.outlets)):
            self._set(index, None)

    def action_down(self) -> None:
        self._list.action_cursor_down()

    def action_up(self) -> None:
        self._list.action_cursor_up()

    def action_apply(self) -> None:
        names = [name for name, _ in self.outlets]
        self.dismiss(
            OutletChoice(
                tuple(n for n in names if self.state[n] == KEEP), tuple(n for n in names if self.state[n] == LEAVE_OUT)
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
