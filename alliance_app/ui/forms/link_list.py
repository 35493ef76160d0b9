"""Partner members of a project or a lab as an editable list inside the record's form, saved with the record."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget

from alliance_app.models import PARTNER_LINKS, Problem, specs_by_name
from alliance_app.services import LinkEdits, RecordQuery
from alliance_app.ui.editable_combo import completer_of, line_of
from alliance_app.ui.forms.picker import member_picker
from alliance_app.ui.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole + 1
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 2
PARTNER_ROLE_DATA = Qt.ItemDataRole.UserRole + 3  # the partner's role in the project (its "role" field)
PROBLEM_COLOUR = "#b3261e"
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PartnerList(QWidget):
    """The partners already linked, plus the ones added or removed in this form (saved with the record).

    Enter in the picker or the role field adds the partner (it never saves the form around it), and a partner
    picked but not added is added when the form is saved: what the user picked is never dropped."""

    edited = Signal()

    def __init__(self, workspace: Workspace, parent_kind: str, parent_id: str | None, editable: bool):
        super().__init__()
        self.workspace = workspace
        self.link_kind, self.parent_field = PARTNER_LINKS[parent_kind]
        self.has_role = "role" in specs_by_name(self.link_kind)
        self.model = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setObjectName("partnerList")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setMaximumHeight(110)
        self.view.setTabKeyNavigation(False)
        self.removed: list[str] = []
        self.lead_member_id: str | None = None  # not offered as a partner (exclude_lead)
        if parent_id:
            self._load(parent_id)
        self.picker = member_picker(workspace, self)
        self.picker.setObjectName("partnerPicker")
        self.role = QLineEdit(self)
        self.role.setObjectName("partnerRole")
        self.role.setPlaceholderText(self.tr("Role in the project"))
        self.role.setVisible(self.has_role)
        self.role.setMinimumWidth(150)  # long member names in the picker must not squeeze it to "Rol…"
        self.add_button = QPushButton(self.tr("Add partner"), self)
        self.add_button.setObjectName("addPartner")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove partner"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        self.problem = QLabel(self)
        self.problem.setObjectName("partnerProblems")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.problem.hide()
        row = QHBoxLayout()
        row.addWidget(self.picker, 2)
        row.addWidget(self.role, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        for widget in (self.picker, self.role, self.add_button, self.remove_button):
            widget.setEnabled(editable)
        # Enter in these fields means "add this partner", not the dialog's default button (Save).
        for widget in (line_of(self.picker), self.role):
            widget.installEventFilter(self)
        self.picker.editTextChanged.connect(lambda _t: self.edited.emit())

    def _completing(self) -> bool:
        popup = completer_of(self.picker).popup()
        return popup is not None and popup.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and not (watched is self.picker.lineEdit() and self._completing())
        ):
            if self.picker.currentText().strip():
                self.add()
                self.picker.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _load(self, parent_id: str) -> None:
        desk = self.workspace.desk
        ids = desk.ids(self.link_kind, RecordQuery(filters={self.parent_field: parent_id}, limit=None))
        for row in desk.rows(self.link_kind, ids):
            self._append(row["member_id"], row.get("role"), row["id"])

    def _append(self, member_id: str, partner_role: str | None, link_id: str | None) -> None:
        text = self.workspace.members.name(member_id) + (f"（{partner_role}）" if partner_role else "")
        item = QStandardItem(text)
        item.setData(link_id, ID_ROLE)
        item.setData(member_id, MEMBER_ROLE)
        item.setData(partner_role, PARTNER_ROLE_DATA)
        self.model.appendRow(item)

    def members(self) -> list[str]:
        return [self.model.item(r).data(MEMBER_ROLE) for r in range(self.model.rowCount())]

    def exclude_lead(self, lead_member_id: str | None) -> None:
        """The lead member is not offered as a partner of its own project."""
        self.lead_member_id = lead_member_id
        self.picker.exclude([lead_member_id] if lead_member_id else [])

    def _refusal(self, text: str) -> str:
        named, _problem = self.picker.named()
        if named is not None and named == self.lead_member_id:
            return self.tr("%1 leads this record; it cannot also be its partner").replace(
                "%1", self.workspace.members.name(named)
            )
        return self.picker.refusal(self.workspace.lang)

    def pending_text(self) -> str:
        """What is typed in the picker but not added yet."""
        return self.picker.currentText().strip()

    def add(self) -> bool:
        """Adds the picked member; False (with the reason shown) when the text names no member to add."""
        member_id = self.picker.picked_id()
        text = self.pending_text()
        if member_id is None:
            if text:
                self._say(self._refusal(text))
            return False
        if member_id in self.members():
            self._say(self.tr("%1 is already a partner").replace("%1", self.workspace.members.name(member_id)))
            return False
        self._append(member_id, self.role.text().strip() or None, None)
        self.picker.set_picked(None)
        self.role.clear()
        self._say("")
        self.edited.emit()
        return True

    def remove(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        link_id = self.model.itemFromIndex(index).data(ID_ROLE)
        if link_id:
            self.removed.append(link_id)
        self.model.removeRow(index.row())
        self.edited.emit()

    def dirty(self) -> bool:
        added = any(self.model.item(r).data(ID_ROLE) is None for r in range(self.model.rowCount()))
        return added or bool(self.removed) or bool(self.pending_text())

    def edits(self) -> LinkEdits:
        """The additions and removals to save with the record."""
        added = {}
        for r in range(self.model.rowCount()):
            item = self.model.item(r)
            if item.data(ID_ROLE) is None:
                values = {"member_id": item.data(MEMBER_ROLE)}
                if self.has_role and item.data(PARTNER_ROLE_DATA):
                    values["role"] = item.data(PARTNER_ROLE_DATA)
                added[item.data(MEMBER_ROLE)] = values
        return LinkEdits(self.link_kind, self.parent_field, added, tuple(self.removed))

    def show_problems(self, by_link: dict[str, list[Problem]], lang: str) -> None:
        """Marks each partner the save refused and says why under the list."""
        lines = []
        for r in range(self.model.rowCount()):
            item = self.model.item(r)
            found = by_link.get(item.data(MEMBER_ROLE)) or by_link.get(item.data(ID_ROLE) or "")
            item.setForeground(QBrush(QColor(PROBLEM_COLOUR)) if found else QBrush())
            item.setToolTip("\n".join(p.message(lang) for p in found or []))
            if found:
                name = self.workspace.members.name(item.data(MEMBER_ROLE))
                lines += [f"{name}：{p.message(lang)}" if lang == "zh" else f"{name}: {p.message(lang)}" for p in found]
        for link_id in self.removed:
            lines += [p.message(lang) for p in by_link.get(link_id, [])]
        self._say("\n".join(lines))

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
