"""The two callbacks every long piece of work takes (import, export, report, a file task in the window): one
reports how far it got, one asks whether the user wants it stopped. Declared once so the window hands the same
pair to each."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]  # True once the user asked to stop; the work then raises its own *Cancelled error


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Holds back the cyclic garbage collector while a piece of work makes many objects it keeps (an import's
    10,000 planned rows, the demo's 100k rows): otherwise full collections rescan every object made so far, again and
    again (a fifth of a 10,000-row import's check). Nothing it makes is cyclic garbage worth collecting meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _age_what_was_made()
            gc.enable()


def _age_what_was_made() -> None:
    """Puts the objects made meanwhile in the oldest generation, unscanned. Held back, they all sit in the youngest,
    and the first collection after the work would scan every one of them (an import's planned rows: 0.05 s), then
    the middle generation's again, to find what the collector would find anyway: kept objects, which it moves to
    the oldest. Freezing and unfreezing moves them there at once (two list splices); the next full collection
    still scans them, so cyclic garbage among them is still collected. Objects someone froze on purpose stay
    frozen: then nothing is moved."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
