"""Where the window's work runs: off the main thread, with its answer delivered back on it.

Store work that may write goes through ONE queue, one job after another (Anki's taskman): two writers on one
SQLite file would wait on each other's lock and then fail with a misleading "file in use". Reads never take
the write lock (WAL), so they run beside it on a pool of their own.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Done = Callable[[Any, BaseException | None], None]


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
