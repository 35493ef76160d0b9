"""Operations the window builds and runs: reads and writes on the desk, run off the main thread, results back on it.

Modelled on Anki's CollectionOp/QueryOp: a page builds `WriteOperation(workspace, parent, lambda desk: ...)`,
adds `.success(callback)` and calls `.run()`. One runner decides where the work happens (the window's queues,
the calling thread in tests); failures go to one error dialog unless the caller takes them; every successful
write's change set is broadcast once through the change hub.

Store work that may write goes through ONE queue, one job after another (Anki's taskman): two writers on one
SQLite file would wait on each other's lock and then fail with a misleading "file in use". Reads never take
the write lock (WAL), so they run beside it on a pool of their own.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from alliance_app.services import ChangeSet, Desk

if TYPE_CHECKING:
    from alliance_app.ui.workspace import Workspace

T = TypeVar("T")
Done = Callable[[Any, BaseException | None], None]

# A progress dialog appears only if the work takes longer than this, so quick work never flickers.
PROGRESS_DELAY_MS = 600
# In a broadcast ChangeSet, this id stands for "any record of the kind may have changed" (after a sync).
EVERY_ID = "*"


class ChangeHub(QObject):
    """Broadcasts each write's ChangeSet once; every page decides for itself whether it must refresh."""

    changed = Signal(object)
    undoable = Signal(object)  # a DeletedRecord the user can bring back with Undo

    def broadcast(self, changes: ChangeSet) -> None:
        if not changes.empty:
            self.changed.emit(changes)


class OperationRunner(QObject):
    """Where operations run. `submit` calls `done(result, error)` on the main thread when the work ends;
    `writes=False` promises the work only reads the store, so it need not wait behind the writers."""

    def submit(self, work: Callable[[], Any], done: Done, *, writes: bool = True) -> None:
        raise NotImplementedError

    def busy(self) -> bool:
        return False


class ImmediateRunner(OperationRunner):
    """Runs each operation at once on the calling thread: deterministic, for tests and scripted screenshots."""

    def submit(self, work: Callable[[], Any], done: Done, *, writes: bool = True) -> None:
        try:
            result = work()
        except Exception as error:
            error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            done(None, error)
            return
        done(result, None)


class _Relay(QObject):
    """Lives on the main thread; a signal emitted from a worker reaches it through the event queue."""

    finished = Signal(int, object, object)


class _Job(QRunnable):
    def __init__(self, token: int, work: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.token, self.work, self.relay = token, work, relay

    def run(self) -> None:
        try:
            result, error = self.work(), None
        except Exception as caught:
            caught.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            result, error = None, caught
        self.relay.finished.emit(self.token, result, error)


class ThreadPoolRunner(OperationRunner):
    """The single-writer queue (one thread: writes run in the order submitted) and a small pool for reads."""

    def __init__(self, parent: QObject | None = None, readers: int = 2):
        super().__init__(parent)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(readers)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finish)
        self._waiting: dict[int, Done] = {}
        self._tokens = itertools.count(1)

    def submit(self, work: Callable[[], Any], done: Done, *, writes: bool = True) -> None:
        token = next(self._tokens)
        self._waiting[token] = done
        (self.writer if writes else self.pool).start(_Job(token, work, self._relay))

    def busy(self) -> bool:
        return bool(self._waiting)

    def wait(self, msecs: int = 10_000) -> None:
        """Lets running work end (closing the window) so no worker touches a closed store."""
        self.writer.waitForDone(msecs)
        self.pool.waitForDone(msecs)

    def _finish(self, token: int, result: Any, error: BaseException | None) -> None:
        done = self._waiting.pop(token, None)
        if done is not None:
            done(result, error)


class Operation(Generic[T]):
    """One piece of work on the desk, built by a page and run once."""

    writes = False

    def __init__(self, workspace: Workspace, parent: QWidget | None, work: Callable[[Desk], T]):
        self.workspace = workspace
        self.parent = parent
        self.work = work
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._progress_label: str | None = None

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
        desk = self.workspace.desk
        progress = _DelayedProgress(self.parent, self._progress_label) if self._progress_label else None
        self.workspace.runner.submit(
            lambda: self.work(desk), lambda r, e: self._done(r, e, progress), writes=self.writes
        )

    def _done(self, result: Any, error: BaseException | None, progress: _DelayedProgress | None) -> None:
        if progress is not None:
            progress.finish()
        if error is not None:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                from alliance_app.ui.error_dialog import show_error

                show_error(self.parent, error, self.workspace.lang)
            return
        if self.writes and isinstance(result, ChangeSet):
            self.workspace.hub.broadcast(result)
        if self._on_success is not None:
            self._on_success(result)


class ReadOperation(Operation[T]):
    """Reads records; changes nothing, so nothing is broadcast."""


class WriteOperation(Operation[ChangeSet]):
    """Changes records; its ChangeSet is broadcast once to every page before the success callback."""

    writes = True


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
