"""The one-line input under the timeline: search, date filter, export file name."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class CommandBar(Input):
    """A one-line input under the timeline; its `mode` says what the line is for."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    @dataclass
    class Cancelled(Message):
        mode: str

    def __init__(self) -> None:
        super().__init__(id="command-bar")
        self.mode = ""

    def open(self, mode: str, prompt: str, value: str = "") -> None:
        self.mode = mode
        self.border_title = prompt
        self.value = value
        self.display = True
        # Focus now, not after the keys already queued (as `focus()` does): what is typed right after
        # `/` goes into the bar, not to the timeline's keys.
        self.screen.set_focus(self)
        self.cursor_position = len(value)

    def action_cancel(self) -> None:
        self.display = False
        self.post_message(self.Cancelled(self.mode))
