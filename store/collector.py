"""Python's cycle collector set aside while a long task runs, and set back after: one mechanism for the
ingest's writer, the store builder and the app.

What the process holds when the task starts (modules, Textual's widgets, the first page) lives as long
as the task: frozen out of the collector's sight (`gc.freeze`), a full collection no longer walks it.
Young objects are collected less often. Most garbage goes by reference counting anyway; the rows the
tasks make form few cycles."""

from __future__ import annotations

import gc
from dataclasses import dataclass


@dataclass(frozen=True)
class CollectorBefore:
    """The collector's settings before `collect_less`, for `collect_as_before`."""

    threshold: tuple[int, int, int]
    froze: bool  # whether `collect_less` froze what the process held (it does only when nothing was)


def collect_less(young: int, oldest: int | None = None) -> CollectorBefore:
    """Collect the young generation only every `young` new objects (and the oldest only after `oldest`
    collections of the middle one, if given), never fewer than before; freeze what the process holds
    unless another part of it has frozen its own (unfreezing after would let go of that too)."""
    before = gc.get_threshold()
    froze = gc.get_freeze_count() == 0
    if froze:
        gc.freeze()
    gen0, gen1, gen2 = before
    gc.set_threshold(max(gen0, young), gen1, gen2 if oldest is None else max(gen2, oldest))
    return CollectorBefore(before, froze)


def collect_as_before(before: CollectorBefore) -> None:
    gc.set_threshold(*before.threshold)
    if before.froze:
        gc.unfreeze()
