"""The sync page: the server and account, sync with progress and cancel, conflicts side by side, refused edits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alliance_app.models import AllianceError, field_specs, from_wire
from alliance_app.services import RecordNotFound
from alliance_app.ui.display import kind_name, record_title, show
from alliance_app.ui.error_dialog import ask, explain, show_error
from alliance_app.ui.lost_edits import LostEditsBox, UpdateNotice
from alliance_app.ui.page_info import PageInfo
from alliance_app.ui.status_bar import phase_text
from alliance_app.ui.sync_controller import SyncState
from alliance_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from alliance_app.sync.desk_sync import ConflictView, RejectedEdit


class SyncPage(QWidget):
    PAGE = PageInfo("sync", str(QT_TRANSLATE_NOOP("MainWindow", "Sync")))

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("page_sync")
        self.controller = workspace.sync
        self.state: SyncState | None = None
        self.server = QLabel(self)
        self.account = QLabel(self)
        self.pending = QLabel(self)
        self.pending.setObjectName("pendingEdits")
        self.rejected = QLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("Working as"), self.account)
        form.addRow(self.tr("Edits waiting to sync"), self.pending)
        form.addRow(self.tr("Edits refused by the server"), self.rejected)
        form.addRow(self.tr("Data file"), QLabel(str(workspace.desk.store.path), self))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.PAGE.display_title() + "</h2>", self))
        layout.addLayout(form)
        layout.addLayout(self._sync_row())
        self.update_notice = UpdateNotice(self.controller, self)
        layout.addWidget(self.update_notice)
        layout.addWidget(QLabel("<h3>" + self.tr("Conflicts") + "</h3>", self))
        layout.addLayout(self._conflicts(), 2)
        layout.addWidget(QLabel("<h3>" + self.tr("Edits refused by the server") + "</h3>", self))
        layout.addLayout(self._refused(), 1)
        self.lost_edits = LostEditsBox(workspace, self.controller, self)
        layout.addWidget(self.lost_edits, 1)
        self.controller.state_changed.connect(self.show_state)
        self.controller.started.connect(self._started)
        self.controller.progressed.connect(self.show_progress)
        self.controller.finished.connect(self._finished)
        if self.controller.state is not None:
            self.show_state(self.controller.state)
        self.controller.refresh()

    # ---- building ----------------------------------------------------------------------------------------

    def _sync_row(self) -> QHBoxLayout:
        self.login_button = QPushButton(self.tr("Log in…"), self)
        self.login_button.setObjectName("loginButton")
        self.login_button.clicked.connect(self.open_login)
        self.logout_button = QPushButton(self.tr("Log out"), self)
        self.logout_button.clicked.connect(self.controller.logout)
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.setObjectName("syncNowButton")
        self.sync_button.setToolTip(self.tr("Send your edits and receive the alliance's changes"))
        self.sync_button.clicked.connect(self.controller.sync)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelSyncButton")
        self.cancel_button.clicked.connect(self.controller.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncProgress")
        self.progress.hide()
        self.outcome = QLabel(self)
        self.outcome.setObjectName("syncOutcome")
        self.outcome.setWordWrap(True)
        row = QHBoxLayout()
        for widget in (self.login_button, self.logout_button, self.sync_button, self.cancel_button, self.progress):
            row.addWidget(widget)
        row.addWidget(self.outcome, 1)
        return row

    def _conflicts(self) -> QHBoxLayout:
        self.conflict_list = QListWidget(self)
        self.conflict_list.setObjectName("conflictList")
        self.conflict_list.currentRowChanged.connect(self.show_conflict)
        self.comparison = QTableWidget(0, 3, self)
        self.comparison.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.comparison.setObjectName("conflictComparison")
        self.comparison.setHorizontalHeaderLabels([self.tr("Before"), self.tr("Theirs (server)"), self.tr("Mine")])
        self.comparison.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.comparison.setWordWrap(True)
        self.changed_by = QLabel(self)
        self.changed_by.setObjectName("conflictChangedBy")
        self.changed_by.setWordWrap(True)
        self.comparison.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.keep_mine = QPushButton(self.tr("Keep mine"), self)
        self.keep_mine.setObjectName("keepMineButton")
        self.keep_mine.clicked.connect(lambda: self.resolve("mine"))
        self.keep_theirs = QPushButton(self.tr("Keep theirs"), self)
        self.keep_theirs.setObjectName("keepTheirsButton")
        self.keep_theirs.clicked.connect(lambda: self.resolve("theirs"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_theirs)
        buttons.addWidget(self.keep_mine)
        side = QVBoxLayout()
        side.addWidget(self.comparison, 1)
        side.addWidget(self.changed_by)
        side.addLayout(buttons)
        row = QHBoxLayout()
        row.addWidget(self.conflict_list, 1)
        row.addLayout(side, 2)
        return row

    def _refused(self) -> QHBoxLayout:
        self.refused_list = QListWidget(self)
        self.refused_list.setObjectName("refusedList")
        self.refused_list.setWordWrap(True)
        self.send_again = QPushButton(self.tr("Send again"), self)
        self.send_again.setObjectName("sendAgainButton")
        self.send_again.clicked.connect(self.retry)
        self.discard = QPushButton(self.tr("Discard…"), self)
        self.discard.setObjectName("discardButton")
        self.discard.clicked.connect(self.ask_discard)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_again)
        buttons.addWidget(self.discard)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.refused_list, 1)
        row.addLayout(buttons)
        return row

    # ---- state -------------------------------------------------------------------------------------------

    def show_state(self, state: SyncState) -> None:
        if self.state is not None and self.state.logged_in != state.logged_in:
            self.outcome.clear()  # "not logged in" or a failed sync of the account before is no longer true
        self.state = state
        lang = self.workspace.lang
        self.server.setText(state.server_url or self.tr("Not logged in"))
        actor = self.workspace.desk.actor
        member = self.workspace.members.name(actor.member_id)
        who = f"{state.username} — " if state.username else ""
        self.account.setText(who + actor.role.label(lang) + (f" — {member}" if member else ""))
        self.pending.setText(str(state.pending))
        self.rejected.setText(str(state.rejected))
        self.logout_button.setEnabled(state.logged_in)
        self.sync_button.setEnabled(state.logged_in and not self.controller.running)
        self._fill_conflicts(state.conflicts)
        self._fill_refused(state.rejected_edits)

    def _fill_conflicts(self, conflicts: list[ConflictView]) -> None:
        current = self.conflict_list.currentItem()
        chosen = current.data(Qt.ItemDataRole.UserRole).id if current is not None else None
        self.conflict_list.blockSignals(True)
        self.conflict_list.clear()
        for conflict in conflicts:
            title = self.record_name(conflict.kind, conflict.record_id)
            item = QListWidgetItem(f"{kind_name(conflict.kind)} “{title}” — {self.field_label(conflict)}")
            item.setData(Qt.ItemDataRole.UserRole, conflict)
            self.conflict_list.addItem(item)
        self.conflict_list.blockSignals(False)
        ids = [c.id for c in conflicts]
        self.conflict_list.setCurrentRow(ids.index(chosen) if chosen in ids else (0 if ids else -1))
        self.show_conflict(self.conflict_list.currentRow())

    def record_name(self, kind: str, record_id: str) -> str:
        try:
            record = self.workspace.desk.get(kind, record_id)
        except RecordNotFound:
            return record_id
        return record_title(kind, record, self.workspace.lang, self.workspace.members)

    def field_label(self, conflict: ConflictView) -> str:
        spec = next((s for s in field_specs(conflict.kind) if s.name == conflict.field), None)
        if spec is None:
            return conflict.field
        return spec.zh if self.workspace.lang == "zh" else spec.en

    def selected_conflict(self) -> ConflictView | None:
        item = self.conflict_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_conflict(self, _row: int = -1) -> None:
        conflict = self.selected_conflict()
        can_resolve = conflict is not None and not self.controller.running  # the sync may be settling it now
        self.keep_mine.setEnabled(can_resolve)
        self.keep_theirs.setEnabled(can_resolve)
        self.comparison.setRowCount(0)
        self.changed_by.clear()
        if conflict is None:
            return
        self.comparison.setRowCount(1)
        self.comparison.setVerticalHeaderLabels([self.field_label(conflict)])
        for column, value in enumerate((conflict.base, conflict.theirs, conflict.mine)):
            self.comparison.setItem(0, column, QTableWidgetItem(self.value_text(conflict, value)))
        self.changed_by.setText(
            self.tr(
                "Met when the edit of %1 reached the server; “Before” is the value both sides started from."
            ).replace("%1", conflict.created_by)
        )

    def value_text(self, conflict: ConflictView, value: Any) -> str:
        spec = next((s for s in field_specs(conflict.kind) if s.name == conflict.field), None)
        if spec is None:
            return "" if value is None else str(value)
        try:
            return show(
                spec, from_wire(conflict.kind, conflict.field, value), self.workspace.lang, self.workspace.members
            )
        except (ValueError, TypeError):
            return str(value)

    def _fill_refused(self, edits: list[RejectedEdit]) -> None:
        self.refused_list.clear()
        for edit in edits:
            text = f"{kind_name(edit.kind)} — {edit.message(self.workspace.lang)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, edit.seq)
            self.refused_list.addItem(item)
        if edits:
            self.refused_list.setCurrentRow(0)
        self.send_again.setEnabled(bool(edits))
        self.discard.setEnabled(bool(edits))

    # ---- actions -----------------------------------------------------------------------------------------

    def open_login(self) -> QWidget:
        from alliance_app.ui.login_dialog import open_login

        return open_login(self.workspace, self)

    def resolve(self, keep: str) -> None:
        conflict = self.selected_conflict()
        if conflict is None:
            return
        self.keep_mine.setEnabled(False)
        self.keep_theirs.setEnabled(False)

        def done(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                show_error(self, error, self.workspace.lang)
                self.show_conflict()

        self.controller.resolve(conflict.id, keep, done)

    def _selected_refused(self) -> int | None:
        item = self.refused_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def retry(self) -> None:
        seq = self._selected_refused()
        if seq is not None:
            self.controller.retry_rejected(seq)

    def ask_discard(self) -> QWidget | None:
        seq = self._selected_refused()
        if seq is None:
            return None
        return ask(
            self,
            self.tr("Discard edit"),
            self.tr("Discard this refused edit for good? What you typed in it will be lost."),
            lambda: self.controller.discard_rejected(seq),
        )

    # ---- a sync running ----------------------------------------------------------------------------------

    def _started(self) -> None:
        self.sync_button.setEnabled(False)
        self.keep_mine.setEnabled(False)
        self.keep_theirs.setEnabled(False)
        self.cancel_button.show()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.outcome.setText(phase_text(""))

    def show_progress(self, phase: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.outcome.setText(f"{phase_text(phase)} {done}/{total}")

    def _finished(self, result: Any, error: BaseException | None) -> None:
        self.cancel_button.hide()
        self.progress.hide()
        self.sync_button.setEnabled(self.state is None or self.state.logged_in)
        if error is not None:
            self.outcome.setText(explain(error, self.workspace.lang)[0])
            if not isinstance(error, AllianceError):  # a bug: the dialog keeps its details
                show_error(self, error, self.workspace.lang)
        elif getattr(result, "cancelled", False):
            self.outcome.setText(self.tr("Sync cancelled; what was done is saved."))
        else:
            self.outcome.setText(self.tr("Sync finished."))
