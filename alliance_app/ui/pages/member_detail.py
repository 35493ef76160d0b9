"""One member at a glance: its profile and its projects, offers, labs, contacts and annual figures."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from alliance_app.models import field_specs
from alliance_app.services import ChangeSet, RecordQuery
from alliance_app.ui.display import show
from alliance_app.ui.forms.record_dialog import RecordDialog
from alliance_app.ui.related_list import RelatedList
from alliance_app.ui.workspace import Workspace

SUMMARY_FIELDS = (
    "name_en",
    "short_name",
    "member_kind",
    "alliance_role",
    "credit_code",
    "city",
    "joined_on",
    "status",
    "domains",
    "ai_high_tech",
    "website",
)


class MemberDetail(QDialog):
    def __init__(self, workspace: Workspace, member_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.member_id = workspace, member_id
        self.setObjectName("memberDetail")
        self.heading = QLabel(self)
        self.heading.setObjectName("recordValue")  # the member's own name: data, not the window's words
        self.summary = QFormLayout()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("memberTabs")
        by_member = RecordQuery(member_id=member_id, limit=None)
        sections = (
            ("project", self.tr("Projects"), {"lead_member_id": member_id}),
            ("resource_offer", self.tr("Resource offers"), {"member_id": member_id}),
            ("lab_partnership", self.tr("Lab partnerships"), {"lead_member_id": member_id}),
            ("contact", self.tr("Contacts"), {"member_id": member_id}),
            ("annual_figures", self.tr("Annual figures"), {"member_id": member_id}),
        )
        self.lists: dict[str, RelatedList] = {}
        for kind, title, preset in sections:
            related = RelatedList(workspace, kind, by_member, preset, f"member_detail/{kind}", self)
            self.lists[kind] = related
            self.tabs.addTab(related, title)
        history = self.tabs.addTab(QWidget(), self.tr("History"))
        self.tabs.setTabEnabled(history, False)
        self.tabs.setTabToolTip(history, self.tr("The change history of a record comes with syncing to the server."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.edit_button = buttons.addButton(self.tr("Edit member…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.edit_button.clicked.connect(self.edit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(900, 680)
        workspace.hub.changed.connect(self.on_changes)
        self.fill()

    def fill(self) -> None:
        lang, members = self.workspace.lang, self.workspace.members
        record = self.workspace.desk.get("member", self.member_id)
        self.setWindowTitle(members.name(self.member_id))
        self.heading.setText(f"<h2>{record['name_zh']}</h2>")
        while self.summary.rowCount():
            self.summary.removeRow(0)
        specs = {s.name: s for s in field_specs("member")}
        for name in SUMMARY_FIELDS:
            text = show(specs[name], record.get(name), lang, members)
            if text:
                value = QLabel(text)
                value.setObjectName("recordValue")
                value.setWordWrap(True)
                self.summary.addRow(specs[name].label(lang), value)

    def on_changes(self, changes: ChangeSet) -> None:
        if self.member_id in changes.ids("member"):
            self.fill()

    def edit(self) -> RecordDialog:
        dialog = RecordDialog(self.workspace, "member", self.member_id, parent=self)
        dialog.open()
        return dialog
