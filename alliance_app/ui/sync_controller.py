"""The window's side of sync: one DeskSync, login and sync run on the operation runner, state for the status bar."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from alliance_app.services import Desk, actor_from_settings
from alliance_app.sync.errors import SyncError
from alliance_app.ui.change_hub import ChangeHub, everything
from alliance_app.ui.runner import OperationRunner

if TYPE_CHECKING:  # the sync engine is imported on first use, after the window is shown
    from alliance_app.sync.desk_sync import ConflictView, DeskSync, LoginResult, RejectedEdit


@dataclass(frozen=True)
class SyncState:
    """What the status bar and the Sync page show, read in one go off the main thread."""

    server_url: str | None
    username: str | None
    pending: int
    rejected: int
    conflicts: list[ConflictView]
    rejected_edits: list[RejectedEdit]
    last_synced_at: datetime | None
    logged_in: bool  # a login token is at hand (after a logout the server and account stay, the token does not)


class SyncController(QObject):
    """Owns the DeskSync of the window's store. Signals arrive on the main thread. Built before the window's
    workspace, which is handed it whole; `desk` is the Desk whose actor follows the logged-in account."""

    progressed = Signal(str, int, int)  # phase, done, total
    started = Signal()
    finished = Signal(object, object)  # SyncResult or None, error or None
    state_changed = Signal(object)  # SyncState
    logged_in = Signal(object)  # LoginResult

    def __init__(
        self,
        desk_sync: Callable[[], DeskSync],
        runner: OperationRunner,
        hub: ChangeHub,
        desk: Desk,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._desk_sync, self.runner, self.hub, self.desk = desk_sync, runner, hub, desk
        self.running = False
        self.offline = False  # the last try could not reach the server
        self.last_error: BaseException | None = None
        self.state: SyncState | None = None
        self._stop = threading.Event()

    @property
    def desk_sync(self) -> DeskSync:
        return self._desk_sync()

    # ---- state -------------------------------------------------------------------------------------------

    def read_state(self) -> SyncState:
        from alliance_app.store.meta_keys import LAST_SYNCED

        pending, rejected = self.desk_sync.unsent()
        stamp = self.desk_sync.store.get_meta(LAST_SYNCED)
        account = self.desk_sync.account or {}
        url, user = self.desk_sync.server_url, account.get("username")
        logged_in = bool(url and user and self.desk_sync.vault.load(url, user))
        return SyncState(
            self.desk_sync.server_url,
            account.get("username"),
            pending,
            rejected,
            self.desk_sync.conflicts(),
            self.desk_sync.rejected_edits(),
            datetime.fromisoformat(stamp) if isinstance(stamp, str) else None,
            logged_in,
        )

    def refresh(self) -> None:
        self.runner.submit(self.read_state, self._state_read, writes=False)

    def _state_read(self, state: SyncState | None, error: BaseException | None) -> None:
        if state is not None:
            self.state = state
            self.state_changed.emit(state)

    # ---- login -------------------------------------------------------------------------------------------

    def login(
        self, server: str, user: str, password: str, force: bool, done: Callable[[Any, BaseException | None], None]
    ) -> None:
        def finish(result: LoginResult | None, error: BaseException | None) -> None:
            if result is not None:
                self.offline = False
                self._account_changed()
                self.logged_in.emit(result)
            done(result, error)

        self.runner.submit(lambda: self.desk_sync.login(server, user, password, force=force), finish)

    def logout(self) -> None:
        self.runner.submit(self.desk_sync.logout, lambda _r, _e: self.refresh())

    def _account_changed(self) -> None:
        self.desk.actor = actor_from_settings(self.desk_sync.settings, self.desk_sync.account)
        self.hub.broadcast(everything())
        self.refresh()

    # ---- sync --------------------------------------------------------------------------------------------

    def sync(self) -> bool:
        """Starts a sync in the background; False if one is already running."""
        if self.running:
            return False
        self.running = True
        self._stop.clear()
        self.started.emit()
        report = self.progressed.emit  # from the worker: Qt queues it to the main thread
        work = lambda: self.desk_sync.sync(progress=report, cancelled=self._stop.is_set)  # noqa: E731
        self.runner.submit(work, self._synced)
        return True

    def cancel(self) -> None:
        self._stop.set()

    def _synced(self, result: Any, error: BaseException | None) -> None:
        self.running = False
        self.last_error = error
        # Offline: the server could not be reached now (network down, nothing listening there); a later sync may.
        self.offline = isinstance(error, SyncError) and error.transient
        self.hub.broadcast(everything())
        self.finished.emit(result, error)
        self.refresh()

    # ---- conflicts and refused edits ----------------------------------------------------------------------

    def resolve(self, conflict_id: str, keep: str, done: Callable[[Any, BaseException | None], None]) -> None:
        def finish(result: Any, error: BaseException | None) -> None:
            if error is None:
                self.hub.broadcast(everything())
            self.refresh()
            done(result, error)

        self.runner.submit(lambda: self.desk_sync.resolve(conflict_id, keep), finish)

    def retry_rejected(self, seq: int) -> None:
        self.runner.submit(lambda: self.desk_sync.retry_rejected(seq), lambda _r, _e: self.refresh())

    def discard_rejected(self, seq: int) -> None:
        self.runner.submit(lambda: self.desk_sync.discard_rejected(seq), lambda _r, _e: self.refresh())
