"""Partner members of a project or a lab as an editable list inside the record's form, applied on save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget

from alliance_app.models import specs_by_name
from alliance_app.services import ChangeSet, Desk, RecordQuery
from alliance_app.ui.forms.editors import RecordPicker
from alliance_app.ui.workspace import Workspace

# link kind → the field naming its parent record
LINKS = {"project": ("project_partner", "project_id"), "lab_partnership": ("lab_partner", "lab_id")}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 2
NOTE_ROLE = Qt.ItemDataRole.UserRole + 3


class PartnerList(QWidget):
    """The partners already linked, plus the ones added or removed in this form (saved with the record)."""

    def __init__(self, workspace: Workspace, parent_kind: str, parent_id: str | None, editable: bool):
        super().__init__()
        self.workspace = workspace
        self.link_kind, self.parent_field = LINKS[parent_kind]
        self.has_role = "role" in specs_by_name(self.link_kind)
        self.model = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setObjectName("partnerList")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setMaximumHeight(110)
        self.removed: list[str] = []
        if parent_id:
            self._load(parent_id)
        self.picker = RecordPicker(specs_by_name(self.link_kind)["member_id"], workspace, lambda: None)
        self.picker.widget.setObjectName("partnerPicker")
        self.role = QLineEdit(self)
        self.role.setPlaceholderText(self.tr("Role in the project"))
        self.role.setVisible(self.has_role)
        self.role.setMinimumWidth(150)  # long member names in the picker must not squeeze it to "Rol…"
        if isinstance(self.picker.widget, QComboBox):
            self.picker.widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.picker.widget.setMinimumContentsLength(14)
        self.add_button = QPushButton(self.tr("Add partner"), self)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove partner"), self)
        self.remove_button.clicked.connect(self.remove)
        row = QHBoxLayout()
        row.addWidget(self.picker.widget, 2)
        row.addWidget(self.role, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(row)
        for widget in (self.picker.widget, self.role, self.add_button, self.remove_button):
            widget.setEnabled(editable)

    def _load(self, parent_id: str) -> None:
        desk = self.workspace.desk
        ids = desk.ids(self.link_kind, RecordQuery(filters={self.parent_field: parent_id}, limit=None))
        for row in desk.rows(self.link_kind, ids):
            self._append(row["member_id"], row.get("role"), row["id"])

    def _append(self, member_id: str, note: str | None, link_id: str | None) -> None:
        text = self.workspace.members.name(member_id) + (f"（{note}）" if note else "")
        item = QStandardItem(text)
        item.setData(link_id, ID_ROLE)
        item.setData(member_id, MEMBER_ROLE)
        item.setData(note, NOTE_ROLE)
        self.model.appendRow(item)

    def members(self) -> list[str]:
        return [self.model.item(r).data(MEMBER_ROLE) for r in range(self.model.rowCount())]

    def add(self) -> None:
        member_id = self.picker.raw()
        if not member_id or member_id in self.members() or not self.workspace.members.known(member_id):
            return
        self._append(member_id, self.role.text().strip() or None, None)
        self.picker.set_value(None)
        self.role.clear()

    def remove(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        link_id = self.model.itemFromIndex(index).data(ID_ROLE)
        if link_id:
            self.removed.append(link_id)
        self.model.removeRow(index.row())

    def apply(self, desk: Desk, parent_id: str) -> ChangeSet:
        """Writes the additions and removals for the saved parent record (inside the save operation)."""
        changes = ChangeSet()
        for link_id in self.removed:
            changes = changes | desk.delete(self.link_kind, link_id)
        for r in range(self.model.rowCount()):
            item = self.model.item(r)
            if item.data(ID_ROLE) is None:
                values = {self.parent_field: parent_id, "member_id": item.data(MEMBER_ROLE)}
                if self.has_role and item.data(NOTE_ROLE):
                    values["role"] = item.data(NOTE_ROLE)
                changes = changes | desk.create(self.link_kind, values)
        return changes
