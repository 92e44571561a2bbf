"""Scrolling by rows of different heights: which rows a screen shows, where the cursor's row must put
the top for all of it to show, what a page is, which row a click lands on.

The timeline's scroll unit is the row, not the line: the scrollbar counts rows (so a jump anywhere in
a million rows needs no heights above it), the top of the screen is always the first line of a row,
and only the rows on or near the screen are ever measured. A row not loaded yet is one line high.

`Rows` also maps the timeline's display rows (happenings, and the reports of the expanded ones under
them) to happening positions and back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

Height = Callable[[int], int]  # the height in lines of display row `index` (at least 1)


def screen_rows(top: int, total: int, screen: int, height: Height) -> Iterator[tuple[int, int]]:
    """(row, line of that row) for each line of a screen `screen` lines high whose first line is
    the first line of row `top`; stops after the last row."""
    row, y = top, 0
    while y < screen and row < total:
        lines = height(row)
        for line in range(min(lines, screen - y)):
            yield row, line
        y += lines
        row += 1


def row_at(top: int, total: int, screen: int, height: Height, y: int) -> int | None:
    """The row drawn on screen line `y`, None below the last row."""
    for number, (row, _line) in enumerate(screen_rows(top, total, screen, height)):
        if number == y:
            return row
    return None


def last_whole_row(top: int, total: int, screen: int, height: Height) -> int:
    """The last row shown whole (the top row when even it does not fit)."""
    row, used = top, 0
    while row < total:
        used += height(row)
        if used > screen:
            break
        row += 1
    return max(top, row - 1)


def top_for_bottom(bottom: int, screen: int, height: Height) -> int:
    """The top that shows rows up to `bottom` whole with `bottom` on the screen's last rows: as many
    rows above it as fit (just `bottom` when it is taller than the screen)."""
    top, used = bottom, height(bottom)
    while top > 0 and used + height(top - 1) <= screen:
        top -= 1
        used += height(top)
    return top


def top_showing(cursor: int, top: int, total: int, screen: int, height: Height) -> int:
    """The top of the screen once the cursor is on row `cursor`, scrolling as little as it can so
    that all of the cursor's row shows."""
    if cursor < top:
        return cursor
    if _fits(top, cursor, screen, height):
        return top
    return top_for_bottom(cursor, screen, height)


def _fits(top: int, row: int, screen: int, height: Height) -> bool:
    """Whether rows `top` to `row` fit on the screen (measuring no more than a screen of rows: a jump
    a million rows down is not a million rows measured)."""
    if row == top:
        return True
    if row - top + 1 > screen:  # every row is a line at least
        return False
    used = 0
    for index in range(top, row + 1):
        used += height(index)
        if used > screen:
            return False
    return True


def page_down(cursor: int, top: int, total: int, screen: int, height: Height) -> tuple[int, int]:
    """(cursor, top) a page further: the row after the last whole row comes to the top, the cursor
    moves by as many rows as the screen moved (to the last row at the end)."""
    if total == 0:
        return 0, 0
    new_top = min(last_whole_row(top, total, screen, height) + 1, max_top(total, screen, height))
    if new_top <= top:  # the screen cannot move: the end shows
        return total - 1, top
    return _clamp(cursor + new_top - top, new_top, total, screen, height), new_top


def page_up(cursor: int, top: int, total: int, screen: int, height: Height) -> tuple[int, int]:
    """(cursor, top) a page back: the row above the top comes to the bottom."""
    if top == 0:
        return 0, 0
    new_top = top_for_bottom(top - 1, screen, height)
    return _clamp(cursor - (top - new_top), new_top, total, screen, height), new_top


def _clamp(cursor: int, top: int, total: int, screen: int, height: Height) -> int:
    """`cursor` kept on a row the screen from `top` shows whole."""
    return max(top, min(cursor, last_whole_row(top, total, screen, height), total - 1))


def max_top(total: int, screen: int, height: Height) -> int:
    """The last top worth scrolling to: the one that shows the last row at the bottom."""
    return top_for_bottom(total - 1, screen, height) if total else 0


@dataclass
class Rows:
    """The display rows of a timeline of `total` happenings, some expanded into their reports:
    a happening's reports come right under it. Few are expanded at once, so a walk over them is cheap."""

    total: int = 0
    expanded: dict[int, int] = field(default_factory=dict)  # happening position -> its reports shown

    @property
    def count(self) -> int:
        return self.total + sum(self.expanded.values())

    def locate(self, index: int) -> tuple[int, int | None]:
        """(happening position, report number or None for the happening itself) of display row `index`."""
        offset = 0
        for position in sorted(self.expanded):
            reports = self.expanded[position]
            if index <= position + offset:
                break
            if index <= position + offset + reports:
                return position, index - offset - position - 1
            offset += reports
        return index - offset, None

    def index_of(self, position: int, report: int | None = None) -> int:
        """The display row of happening `position` (or of its report number `report`)."""
        above = sum(n for p, n in self.expanded.items() if p < position)
        return position + above + (0 if report is None else report + 1)

    def expand(self, position: int, reports: int) -> None:
        if reports > 0:
            self.expanded[position] = reports
        else:
            self.expanded.pop(position, None)

    def fold(self, position: int) -> bool:
        return self.expanded.pop(position, None) is not None

    def reset(self, total: int) -> None:
        self.total = total
        self.expanded.clear()
