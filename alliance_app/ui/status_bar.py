"""The status-bar indicator of the store's sync state: pending edits now, server progress once sync exists."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from alliance_app.services import ChangeSet, StoreStatus
from alliance_app.ui.workspace import Workspace


class SyncIndicator(QLabel):
    """Shows "offline · N edits waiting to sync"; the sync engine will add syncing/last-synced/conflicts."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("syncIndicator")
        self.status: StoreStatus | None = None
        workspace.hub.changed.connect(self.on_changes)
        # Counting every record is for after the window is up: the dashboard's figures come first.
        QTimer.singleShot(0, self, self.refresh)  # with self as context: never after the window is gone

    def on_changes(self, changes: ChangeSet) -> None:
        if changes.outbox:
            self.refresh()

    def refresh(self) -> None:
        self.workspace.read(None, lambda desk: desk.status()).success(self.show_status).run()

    def show_status(self, status: StoreStatus) -> None:
        self.status = status
        state = self.tr("Not connected to a server")
        pending = self.tr("%n edit(s) waiting to sync", "", status.pending)
        text = f"● {state} · {pending}"
        if status.rejected:
            text += " · " + self.tr("%n edit(s) refused by the server", "", status.rejected)
        self.setText(text)
        self.setToolTip(
            self.tr(
                "Edits are kept safely on this computer. Syncing with the alliance server comes with the sync engine."
            )
        )
