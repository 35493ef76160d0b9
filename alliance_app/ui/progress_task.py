"""Long work with progress and cancel: run on the operation runner, progress polled on a timer (as Anki does)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from alliance_app.long_work import CancelCheck, Progress
from alliance_app.ui.workspace import Workspace


class ProgressTask(QObject):
    """Runs `work(progress, cancelled)` in the background; emits `progressed(done, total)` from a timer on the main
    thread, then `finished(result, error)` once."""

    progressed = Signal(int, int)
    finished = Signal(object, object)

    def __init__(
        self,
        workspace: Workspace,
        work: Callable[[Progress, CancelCheck], Any],
        parent: QObject | None = None,
        *,
        writes: bool = True,
    ):
        """`writes=False` for work that only reads the store (a report): it then runs beside the write queue."""
        super().__init__(parent)
        self.workspace, self.work, self.writes = workspace, work, writes
        self._stop = threading.Event()
        self._seen: tuple[int, int] = (0, 0)
        self._latest: tuple[int, int] = (0, 0)
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._poll)

    def start(self) -> None:
        self.running = True
        self.timer.start()

        def report(done: int, total: int) -> None:
            self._latest = (done, total)  # a tuple swap is atomic; the timer reads it on the main thread

        self.workspace.runner.submit(lambda: self.work(report, self._stop.is_set), self._done, writes=self.writes)

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def _poll(self) -> None:
        if self._latest != self._seen:
            self._seen = self._latest
            self.progressed.emit(*self._seen)

    def _done(self, result: Any, error: BaseException | None) -> None:
        self.timer.stop()
        self._poll()
        self.running = False
        self.finished.emit(result, error)
