"""The two callbacks every long piece of work takes (import, export, report, a file task in the window): one
reports how far it got, one asks whether the user wants it stopped. Declared once so the window hands the same
pair to each."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]  # True once the user asked to stop; the work then raises its own *Cancelled error
