"""The sync page: the server this desk syncs with, edits waiting to be sent, and (with the sync engine) conflicts."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from alliance_app.services import ChangeSet, StoreStatus
from alliance_app.ui.workspace import Workspace


class SyncPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("page_sync")
        settings = workspace.settings
        self.server = QLabel(settings.server_url or self.tr("No server set (see Settings)"), self)
        self.account = QLabel(self)
        self.pending = QLabel(self)
        self.pending.setObjectName("pendingEdits")
        self.rejected = QLabel(self)
        self.store = QLabel(str(workspace.desk.store.path), self)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("Working as"), self.account)
        form.addRow(self.tr("Edits waiting to sync"), self.pending)
        form.addRow(self.tr("Edits refused by the server"), self.rejected)
        form.addRow(self.tr("Data file"), self.store)
        self.login_button = QPushButton(self.tr("Log in…"), self)
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.setObjectName("syncNowButton")
        for button in (self.login_button, self.sync_button):
            button.setEnabled(False)
            button.setToolTip(self.tr("Syncing with the alliance server comes with the sync engine."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.sync_button)
        buttons.addStretch(1)
        note = QLabel(
            self.tr(
                "Every edit is saved on this computer first and waits here until it is sent to the alliance server; "
                "nothing is lost while you work offline. Conflicts and refused edits will be listed on this page."
            ),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Sync") + "</h2>", self))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(note)
        layout.addStretch(1)
        workspace.hub.changed.connect(self.on_changes)
        self.refresh()

    def on_changes(self, changes: ChangeSet) -> None:
        if changes.outbox:
            self.refresh()

    def refresh(self) -> None:
        self.workspace.read(self, lambda desk: desk.status()).success(self.show_status).run()

    def show_status(self, status: StoreStatus) -> None:
        actor = self.workspace.desk.actor
        role = actor.role.label(self.workspace.lang)
        member = self.workspace.members.name(actor.member_id)
        self.account.setText(f"{role}" + (f" — {member}" if member else ""))
        self.pending.setText(str(status.pending))
        self.rejected.setText(str(status.rejected))
