"""One member at a glance: its profile, its projects, offers, labs, contacts, annual figures and change history."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from alliance_app.models import field_specs
from alliance_app.services import ChangeSet, RecordNotFound, RecordQuery
from alliance_app.ui.change_hub import EVERY_ID
from alliance_app.ui.display import show
from alliance_app.ui.forms.record_dialog import RecordDialog
from alliance_app.ui.record_history import RecordHistory
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
        self.history = RecordHistory(workspace, "member", member_id, self)
        self.history_tab = self.tabs.addTab(self.history, self.tr("History"))
        self.synced = False  # the member has a server revision: the server can have a history of it
        self.tabs.currentChanged.connect(self.on_tab)
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
        workspace.sync.state_changed.connect(self.history_availability)
        self.fill()

    def fill(self) -> None:
        lang, members = self.workspace.lang, self.workspace.members
        record = self.workspace.desk.get("member", self.member_id)
        self.synced = record.get("rev") is not None
        self.history_availability()
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

    def history_availability(self, _state: object = None) -> None:
        """The History tab opens when this desktop is logged in and the member has reached the server;
        otherwise its tooltip and its page say why."""
        why = self.history.unavailable(self.synced)
        self.tabs.setTabEnabled(self.history_tab, why is None)
        self.tabs.setTabToolTip(self.history_tab, why or self.tr("Who changed this member, when, and what."))
        if why is not None:
            self.history.say(why)
        elif self.tabs.currentIndex() == self.history_tab:
            self.history.load()

    def on_tab(self, index: int) -> None:
        if index == self.history_tab and self.tabs.isTabEnabled(index):
            self.history.load()

    def on_changes(self, changes: ChangeSet) -> None:
        changed = changes.ids("member")
        if self.member_id in changed:
            self.fill()
        elif EVERY_ID in changed:  # after a sync: the member may have a server revision now, or be gone
            with contextlib.suppress(RecordNotFound):
                self.fill()

    def edit(self) -> RecordDialog:
        dialog = RecordDialog(self.workspace, "member", self.member_id, parent=self)
        dialog.open()
        return dialog
