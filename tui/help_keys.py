"""The keys explained: the help screen (F1, `?`) and the command palette (ctrl+p), both built from the
bindings of the app, the timeline and the panels, so they say what the keys do now."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from dateline.tui.detail import DetailPanel
from dateline.tui.panels import VIM_MOVES, ActorsPanel
from dateline.tui.row_drawing import MARK_CONFLICT, MARK_PLANNED
from dateline.tui.timeline import Timeline


class HelpAndPalette(App[None]):
    """Mixed into the app (an `App` so that `super()` reaches Textual's own system commands)."""

    def action_help(self) -> None:
        from dateline.tui.screens import HelpScreen  # the screens not shown first: imported when shown

        self.push_screen(HelpScreen(help_sections(self.key_names, self.BINDINGS)))

    def key_names(self, keys: str) -> str:
        """How the footer writes the keys of a binding ("question_mark" as "?"), several joined by " / "."""
        return " / ".join(self.get_key_display(Binding(key, "")) for key in keys.split(","))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette (ctrl+p) offers every action of the app, the timeline and the actors panel."""
        yield from super().get_system_commands(screen)
        if screen is not self.screen_stack[0]:
            return
        owners = [
            (self, self.BINDINGS),
            (self.timeline, Timeline.BINDINGS),
            (self.query_one(ActorsPanel), [b for b in ActorsPanel.BINDINGS if b not in VIM_MOVES]),
        ]
        for owner, bindings in owners:
            for binding in bindings:
                if not isinstance(binding, Binding) or binding.action in ("quit", "help"):
                    continue
                if owner is not self and owner.check_action(binding.action, ()) is not True:
                    continue  # `]` steps by day or by month: only the one it does now is offered
                where = "in the actors panel, " if owner is not self and owner is not self.timeline else ""
                yield SystemCommand(
                    binding.description,
                    f"{where}key: {self.key_names(binding.key)}",
                    partial(owner.run_action, binding.action),
                )


def help_sections(
    key_names: Callable[[str], str],
    app_bindings: list,  # type: ignore[type-arg]
) -> list[tuple[str, list[tuple[str, str]]]]:
    from dateline.tui.screens import SourceScreen

    def rows(bindings: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
        # A binding's tooltip says when it holds (`]` steps by day, or by month once z is pressed).
        return [
            (key_names(b.key), f"{b.description} ({b.tooltip})" if b.tooltip else b.description)
            for b in bindings
            if isinstance(b, Binding)
        ]

    return [
        ("Everywhere", [*rows(app_bindings), (key_names("tab,shift+tab"), "Move between panels")]),
        ("Timeline", rows(Timeline.BINDINGS)),
        ("Actors panel", [*rows(ActorsPanel.BINDINGS), (key_names("enter"), "Choose / unchoose the actor")]),
        (
            "Details panel",
            [(key_names("enter"), "Open the source or the quote in its article"), *rows(DetailPanel.BINDINGS)],
        ),
        (
            "Marks in the timeline",
            [
                (MARK_PLANNED, "Planned: told before it took place"),
                (MARK_CONFLICT, "The sources give different dates (the details panel lists them)"),
                ("▸ / ▾", "Folded / expanded into its reports (l, h)"),
                ("N src", "How many sources told it, and the first outlets"),
                ("│", "Same day as the row above"),
            ],
        ),
        ("Source view", rows(SourceScreen.BINDINGS)),
    ]
