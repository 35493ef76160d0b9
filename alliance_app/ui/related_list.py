"""A compact list of the records tied to one record (a member's projects, an offer's requests), with New/Open."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from alliance_app.models.write_ops import WriteOp
from alliance_app.services import ChangeSet, RecordQuery
from alliance_app.ui.display import kind_name
from alliance_app.ui.forms.record_dialog import RecordDialog
from alliance_app.ui.list_page import RecordTable
from alliance_app.ui.record_model import RecordTableModel
from alliance_app.ui.workspace import Workspace


class RelatedList(QWidget):
    """Records of `kind` matching `query`; new ones get `preset` (e.g. the member) filled in and locked."""

    def __init__(
        self,
        workspace: Workspace,
        kind: str,
        query: RecordQuery,
        preset: dict[str, Any] | None = None,
        state_key: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.workspace, self.kind, self.preset = workspace, kind, dict(preset or {})
        self.model = RecordTableModel(workspace, kind, query, self)
        self.table = RecordTable(workspace, self.model, state_key or f"related/{kind}", self)
        self.table.activated.connect(lambda _i: self.open_current())  # Enter or double-click
        self.new_button = QPushButton(self.tr("New %1").replace("%1", kind_name(kind)), self)
        self.new_button.clicked.connect(lambda: self.new_record())
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.new_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.set_preset(self.preset)
        workspace.hub.changed.connect(self.on_changes)
        self.model.refresh()

    def set_preset(self, preset: dict[str, Any]) -> None:
        """What new records are made with; the New button says why when this account may not make one."""
        self.preset = preset
        refusal = self.workspace.desk.refusal(
            self.kind, {"owner_member_id": self._owner(preset), **preset}, op=WriteOp.CREATE
        )
        self.new_button.setEnabled(refusal is None)
        self.new_button.setToolTip(refusal.message(self.workspace.lang) if refusal else "")

    def _owner(self, preset: dict[str, Any]) -> str | None:
        from alliance_app.models import RECORDS_BY_KIND

        column = RECORDS_BY_KIND[self.kind].owner_column
        return preset.get(column) if column else self.workspace.desk.actor.member_id

    def set_query(self, query: RecordQuery) -> None:
        self.model.query = query
        self.model.refresh()

    def on_changes(self, changes: ChangeSet) -> None:
        self.model.on_changes(changes)

    def new_record(self) -> RecordDialog | None:
        if not self.new_button.isEnabled():
            return None
        dialog = RecordDialog(self.workspace, self.kind, preset=self.preset, parent=self)
        dialog.open()
        return dialog

    def open_current(self) -> RecordDialog | None:
        record_id = self.table.current_id()
        if record_id is None:
            return None
        dialog = RecordDialog(self.workspace, self.kind, record_id, parent=self)
        dialog.open()
        return dialog
