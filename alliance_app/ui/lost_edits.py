"""The Sync page's notices from the server: edits a restore lost (sync/restore.py), to send again or discard, and
a newer release to update to (sync/protocol_window.py)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from alliance_app.models import field_specs, from_wire
from alliance_app.models.write_ops import WriteOp
from alliance_app.ui.change_hub import everything
from alliance_app.ui.display import kind_name, record_title, show
from alliance_app.ui.error_dialog import ask, show_error

if TYPE_CHECKING:
    from alliance_app.sync.restore import LostEdit
    from alliance_app.ui.sync_controller import SyncController
    from alliance_app.ui.workspace import Workspace


class LostEditsBox(QWidget):
    """Shown only while there are lost edits; reads and writes them through the window's one write queue."""

    def __init__(self, workspace: Workspace, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lostEdits")
        self.workspace, self.controller = workspace, controller
        self.edits: list[LostEdit] = []
        title = QLabel("<h3>" + self.tr("The server was restored from a backup") + "</h3>", self)
        explain = QLabel(
            self.tr(
                "These edits were on the server before its restore and are not on it now. "
                "Send each one again, or discard it; until then this desktop shows what the server has."
            ),
            self,
        )
        explain.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("lostEditList")
        self.list.setWordWrap(True)
        self.send_button = QPushButton(self.tr("Send again"), self)
        self.send_button.setObjectName("lostSendAgainButton")
        self.send_button.clicked.connect(self.send_again)
        self.discard_button = QPushButton(self.tr("Discard…"), self)
        self.discard_button.setObjectName("lostDiscardButton")
        self.discard_button.clicked.connect(self.ask_discard)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addLayout(row)
        self.hide()
        controller.state_changed.connect(lambda _state: self.reload())
        self.reload()

    def reload(self) -> None:
        self.controller.runner.submit(lambda: self.controller.desk_sync.lost_edits(), self._loaded)

    def _loaded(self, edits: list[LostEdit] | None, error: BaseException | None) -> None:
        if error is not None or edits is None:
            return
        self.edits = edits
        self.list.clear()
        for edit in edits:
            item = QListWidgetItem(self.describe(edit))
            item.setData(Qt.ItemDataRole.UserRole, edit.key)
            self.list.addItem(item)
        if edits:
            self.list.setCurrentRow(0)
        self.setVisible(bool(edits))

    def describe(self, edit: LostEdit) -> str:
        lang = self.workspace.lang
        try:
            record = self.workspace.desk.get(edit.kind, edit.record_id)
            title = record_title(edit.kind, record, lang, self.workspace.members)
        except Exception:  # a record the server lacks is a local tombstone: name it by its lost values
            title = str(next(iter(edit.fields.values()), ("", edit.record_id))[1] or edit.record_id)
        what = {
            WriteOp.UPDATE: self.tr("changed"),
            WriteOp.CREATE: self.tr("added (the server does not have it)"),
            WriteOp.DELETE: self.tr("deleted (the server still has it)"),
            "restore": self.tr("changed (the server has it deleted)"),
        }.get(edit.op, edit.op)
        who = self.tr("your edit") if edit.mine else self.tr("edit by %1").replace("%1", edit.changed_by)
        lines = [f"{kind_name(edit.kind)} “{title}” — {what} — {who}"]
        for name, (theirs, mine) in edit.fields.items():
            server, here = self.text(edit.kind, name, theirs), self.text(edit.kind, name, mine)
            lines.append(f"    {self.label(edit.kind, name)}: {server} → {here}")
        return "\n".join(lines)

    def label(self, kind: str, name: str) -> str:
        spec = next((s for s in field_specs(kind) if s.name == name), None)
        return name if spec is None else (spec.zh if self.workspace.lang == "zh" else spec.en)

    def text(self, kind: str, name: str, value: Any) -> str:
        spec = next((s for s in field_specs(kind) if s.name == name), None)
        if spec is None:
            return "" if value is None else str(value)
        try:
            return show(spec, from_wire(kind, name, value), self.workspace.lang, self.workspace.members)
        except (ValueError, TypeError):
            return str(value)

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def send_again(self) -> None:
        key = self.selected()
        if key is None:
            return

        def done(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                show_error(self, error, self.workspace.lang)
            self.controller.hub.broadcast(everything())  # the record shows the edit again on every page
            self.controller.refresh()

        self.controller.runner.submit(lambda: self.controller.desk_sync.send_again(key), done)

    def ask_discard(self) -> QWidget | None:
        key = self.selected()
        if key is None:
            return None
        return ask(
            self,
            self.tr("Discard lost edit"),
            self.tr("Let this edit go? The record stays as the server has it."),
            lambda: self.controller.runner.submit(
                lambda: self.controller.desk_sync.discard_lost(key), lambda _r, _e: self.controller.refresh()
            ),
        )


class UpdateNotice(QLabel):
    """After a sync, when the server serves this release but has a newer one: where to get it (never a refusal)."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("updateNotice")
        self.setWordWrap(True)
        self.setOpenExternalLinks(True)
        self.hide()
        controller.finished.connect(self.show_result)

    def show_result(self, result: Any, _error: BaseException | None = None) -> None:
        url = getattr(result, "update_url", None)
        if url is None:
            return
        text = self.tr("A newer Alliance Desk is available; please update.")
        if url:
            text += f' <a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'
        self.setText(text)
        self.show()
