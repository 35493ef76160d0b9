"""Operations the window builds and runs: reads and writes on the desk, run off the main thread, results back on it.

Modelled on Anki's CollectionOp/QueryOp: a page builds `WriteOperation(host, parent, lambda desk: ...)` (or asks
for a named one in record_operations.py), adds `.success(callback)` and calls `.run()`. The host's runner decides
where the work happens (the window's queues, the calling thread in tests); failures go to one error dialog unless
the caller takes them; every successful write's change set is broadcast once through the change hub, and a write
that can be undone offers its undo there itself.

The host is anything with a desk, a runner, a hub and a language (the window's Workspace): this module does not
import the workspace, so the workspace can build operations without an import circle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from alliance_app.services import ChangeSet, Desk
from alliance_app.ui.change_hub import ChangeHub, DeletedRecord
from alliance_app.ui.error_dialog import show_error
from alliance_app.ui.runner import OperationRunner

T = TypeVar("T")

# A progress dialog appears only if the work takes longer than this, so quick work never flickers.
PROGRESS_DELAY_MS = 600


class OperationHost(Protocol):
    """What an operation needs from the window."""

    desk: Desk
    runner: OperationRunner
    hub: ChangeHub
    lang: str


class Operation(Generic[T]):
    """One piece of work on the desk, built by a page and run once."""

    writes = False

    def __init__(self, host: OperationHost, parent: QWidget | None, work: Callable[[Desk], T]):
        self.host = host
        self.parent = parent
        self.work = work
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._progress_label: str | None = None
        self._undo: DeletedRecord | None = None

    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation[T]:
        """Takes the failures of this operation instead of the error dialog."""
        self._on_failure = callback
        return self

    def with_progress(self, label: str) -> Operation[T]:
        """Shows a busy dialog with `label` if the work is still running after a short delay."""
        self._progress_label = label
        return self

    def run(self) -> None:
        desk = self.host.desk
        progress = _DelayedProgress(self.parent, self._progress_label) if self._progress_label else None
        self.host.runner.submit(lambda: self.work(desk), lambda r, e: self._done(r, e, progress), writes=self.writes)

    def _done(self, result: Any, error: BaseException | None, progress: _DelayedProgress | None) -> None:
        if progress is not None:
            progress.finish()
        if error is not None:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                show_error(self.parent, error, self.host.lang)
            return
        if self.writes and isinstance(result, ChangeSet):
            self.host.hub.broadcast(result)
        if self._undo is not None:
            self.host.hub.offer_undo(self._undo)
        if self._on_success is not None:
            self._on_success(result)


class ReadOperation(Operation[T]):
    """Reads records; changes nothing, so nothing is broadcast."""


class WriteOperation(Operation[ChangeSet]):
    """Changes records; its ChangeSet is broadcast once to every page before the success callback."""

    writes = True

    def undoable(self, deleted: DeletedRecord) -> WriteOperation:
        """Once this write succeeds, Undo (Ctrl+Z) brings `deleted` back: the hub is told, not the caller."""
        self._undo = deleted
        return self


class _DelayedProgress:
    """A busy dialog shown only if the operation outlives PROGRESS_DELAY_MS."""

    def __init__(self, parent: QWidget | None, label: str | None):
        self.dialog: QProgressDialog | None = None
        self.parent, self.label = parent, label or ""
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show)
        self.timer.start(PROGRESS_DELAY_MS)

    def _show(self) -> None:
        self.dialog = QProgressDialog(self.label, "", 0, 0, self.parent)
        self.dialog.setCancelButton(None)  # the work running now cannot be stopped safely halfway
        self.dialog.setMinimumDuration(0)
        self.dialog.show()

    def finish(self) -> None:
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
