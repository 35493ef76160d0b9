"""The status-bar indicator of sync: offline / not logged in / syncing with progress / last synced at, with the
edits waiting to be sent and the conflicts to settle."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from alliance_app.services import ChangeSet
from alliance_app.ui.sync_controller import SyncState
from alliance_app.ui.workspace import Workspace


class SyncIndicator(QLabel):
    """One line: the connection state first, then counts that need the user (pending, refused, conflicts)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("syncIndicator")
        self.state: SyncState | None = None
        self.progress: tuple[str, int, int] | None = None
        workspace.hub.changed.connect(self.on_changes)
        self.controller = controller = workspace.sync
        controller.state_changed.connect(self.show_state)
        controller.started.connect(lambda: self.show_progress("", 0, 0))
        controller.progressed.connect(self.show_progress)
        controller.finished.connect(self._finished)
        # Counting the outbox is for after the window is up: the dashboard's figures come first.
        QTimer.singleShot(0, self, controller.refresh)  # with self as context: never after the window is gone

    def on_changes(self, changes: ChangeSet) -> None:
        if changes.outbox and not self.controller.running:
            self.controller.refresh()

    def show_progress(self, phase: str, done: int, total: int) -> None:
        self.progress = (phase, done, total)
        self.show_text()

    def _finished(self, _result: object, _error: object) -> None:
        self.progress = None
        self.show_text()

    def show_state(self, state: SyncState) -> None:
        self.state = state
        self.show_text()

    def show_text(self) -> None:
        self.setText(" · ".join(self.parts()))
        if self.controller.offline and self.controller.last_error is not None:
            self.setToolTip(self.controller.last_error.message(self.workspace.lang))  # type: ignore[attr-defined]
        else:
            self.setToolTip(self.tr("Edits are kept safely on this computer until they are sent to the server."))

    def parts(self) -> list[str]:
        state = self.state
        parts: list[str] = []
        if self.controller.running and self.progress is not None:
            phase, done, total = self.progress
            parts.append(phase_text(phase) + (f" {done}/{total}" if total else ""))
        elif state is None or not state.logged_in:
            parts.append(self.tr("Not logged in"))
        elif self.controller.offline:
            parts.append(self.tr("Offline"))
        elif state.last_synced_at is not None:
            local = state.last_synced_at.replace(tzinfo=UTC).astimezone()
            parts.append(self.tr("Last synced at %1").replace("%1", local.strftime("%Y-%m-%d %H:%M")))
        else:
            parts.append(self.tr("Never synced"))
        if state is not None:
            parts.append(self.tr("%n edit(s) waiting to sync", "", state.pending))
            if state.rejected:
                parts.append(self.tr("%n edit(s) refused by the server", "", state.rejected))
            if state.conflicts:
                parts.append(self.tr("%n conflict(s)", "", len(state.conflicts)))
        return ["● " + parts[0], *parts[1:]]


def phase_text(phase: str) -> str:
    """The sync engine's phase in the window's words."""
    names = {
        "push": QCoreApplication.translate("SyncPhase", "Sending edits"),
        "pull": QCoreApplication.translate("SyncPhase", "Receiving changes"),
        "check": QCoreApplication.translate("SyncPhase", "Checking"),
        "conflicts": QCoreApplication.translate("SyncPhase", "Fetching conflicts"),
    }
    return names.get(phase) or QCoreApplication.translate("SyncPhase", "Syncing")


class WhoAmI(QLabel):
    """Who this desk works as, always in view: 联络人 · 小米(武汉), or 秘书处; the data file in its tooltip."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("whoAmI")
        self.show_text()
        # a login or logout changes the account the desk works as
        workspace.sync.state_changed.connect(lambda _s: self.show_text())

    def show_text(self) -> None:
        actor = self.workspace.desk.actor
        parts = [actor.role.label(self.workspace.lang)]
        if actor.member_id:
            parts.append(self.workspace.members.name(actor.member_id))
        self.setText(" · ".join(parts))
        data_file = QCoreApplication.translate("WhoAmI", "Data file: %1")
        self.setToolTip(data_file.replace("%1", str(self.workspace.desk.store.path)))
