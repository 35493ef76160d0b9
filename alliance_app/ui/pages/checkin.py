"""Check-in at the venue: type a contact's or a member's name, press Enter; works with no server at all."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from alliance_app.models import AllianceError, ValidationError, utc_now
from alliance_app.services import ChangeSet, RecordQuery
from alliance_app.ui.editable_combo import complete_by_any_part, line_of
from alliance_app.ui.error_dialog import show_error
from alliance_app.ui.record_operations import create_record, remove_attendance, update_record
from alliance_app.ui.related_list import RelatedList
from alliance_app.ui.workspace import Workspace

NO_EVENT = "-"


class CheckInPanel(QWidget):
    """The chosen event's attendance, a type-ahead check-in line and the event's notes."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("checkInPanel")
        self.current_event: dict[str, Any] | None = None
        self.contacts: dict[str, tuple[str, str, str]] = {}  # completion text → (contact id, name, member id)
        self.heading = QLabel(self)
        self.heading.setObjectName("recordValue")  # the event's title once one is chosen
        self.attendee = QLineEdit(self)
        self.attendee.setObjectName("attendeeBox")
        self.attendee.setPlaceholderText(self.tr("Attendee: type a contact's name"))
        self.completion = QStringListModel(self)
        completer = QCompleter(self.completion, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(self._picked)
        self.attendee.setCompleter(completer)
        self.attendee.returnPressed.connect(self.check_in)
        self.member = QComboBox(self)
        self.member.setObjectName("attendeeMember")
        complete_by_any_part(self.member)
        line_of(self.member).returnPressed.connect(self.check_in)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.returnPressed.connect(self.check_in)
        self.check_in_button = QPushButton(self.tr("Check in"), self)
        self.check_in_button.setObjectName("checkInButton")
        self.check_in_button.clicked.connect(self.check_in)
        self.message = QLabel(self)
        self.message.setObjectName("checkInMessage")
        self.attendance = RelatedList(
            workspace, "attendance", RecordQuery(filters={"event_id": NO_EVENT}), {}, None, self
        )
        self.attendance.new_button.hide()  # the check-in line above is how people are added
        self.remove_button = QPushButton(self.tr("Remove check-in"), self)
        self.remove_button.clicked.connect(self.remove)
        self.attendance.buttons.insertWidget(0, self.remove_button)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("eventNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("Notes taken at the event"))
        self.save_notes_button = QPushButton(self.tr("Save notes"), self)
        self.save_notes_button.setObjectName("saveNotesButton")
        self.save_notes_button.setToolTip(self.tr("Save notes (Ctrl+S)"))
        self.save_notes_button.clicked.connect(self.save_notes)
        save = QShortcut(QKeySequence.StandardKey.Save, self.notes)
        save.setContext(Qt.ShortcutContext.WidgetShortcut)
        save.activated.connect(self.save_notes)
        grid = QGridLayout(self)
        grid.addWidget(self.heading, 0, 0, 1, 4)
        grid.addWidget(self.attendee, 1, 0)
        grid.addWidget(self.member, 1, 1)
        grid.addWidget(self.note, 1, 2)
        grid.addWidget(self.check_in_button, 1, 3)
        grid.addWidget(self.message, 2, 0, 1, 4)
        grid.addWidget(self.attendance, 3, 0, 1, 3)
        grid.addWidget(self.notes, 3, 3)
        grid.addWidget(self.save_notes_button, 4, 3)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 2)
        workspace.hub.changed.connect(self.on_changes)
        self.load_names()
        self.show_event(None)

    def load_names(self) -> None:
        """Contacts and members for the type-ahead (names only: phone and e-mail stay private)."""
        members = self.workspace.members
        desk = self.workspace.desk
        self.contacts.clear()
        for row in desk.rows("contact", desk.ids("contact", RecordQuery(limit=None))):
            text = f"{row['name']} — {members.name(row['member_id'])}"
            self.contacts[text] = (row["id"], row["name"], row["member_id"])
        self.completion.setStringList(sorted(self.contacts))
        current = self.member.currentData()
        self.member.clear()
        self.member.addItem("", None)
        live = set(desk.ids("member", RecordQuery(limit=None)))
        for member_id, name in members.choices(live):
            self.member.addItem(name, member_id)
        self.member.setCurrentIndex(max(self.member.findData(current), 0))

    def on_changes(self, changes: ChangeSet) -> None:
        if changes.touches("contact", "member"):
            self.load_names()
        if self.current_event and self.current_event["id"] in changes.ids("event"):
            self.show_event(self.workspace.desk.get("event", self.current_event["id"]))

    def show_event(self, event: dict[str, Any] | None) -> None:
        self.current_event = event
        self.heading.setText(f"<b>{event['title']}</b>" if event else self.tr("Choose an event to check people in"))
        self.attendance.set_query(RecordQuery(filters={"event_id": event["id"] if event else NO_EVENT}, limit=None))
        for widget in (self.attendee, self.member, self.note, self.check_in_button, self.notes, self.remove_button):
            widget.setEnabled(event is not None)
        self.notes.setPlainText((event or {}).get("notes") or "")
        refusal = self.workspace.desk.refusal("event", event) if event else None
        self.notes.setReadOnly(refusal is not None)
        self.save_notes_button.setEnabled(event is not None and refusal is None)
        self.save_notes_button.setToolTip(
            refusal.message(self.workspace.lang) if refusal else self.tr("Save notes (Ctrl+S)")
        )
        self.message.clear()

    def _picked(self, text: str) -> None:
        found = self.contacts.get(text)
        if found:
            self.attendee.setText(found[1])
            self.member.setCurrentIndex(max(self.member.findData(found[2]), 0))

    def _chosen(self) -> tuple[str, str | None, str | None]:
        """The attendee's name, member and contact from what is typed (a contact's name alone is enough)."""
        typed = self.attendee.text().strip()
        found = self.contacts.get(typed)
        name = found[1] if found else typed
        matches = [c for c in self.contacts.values() if c[1] == name]
        member_text = self.member.currentText().strip()
        index = self.member.findText(member_text, Qt.MatchFlag.MatchExactly)
        member_id = self.member.itemData(index) if index > 0 else None
        if member_id is None and len(matches) == 1:
            member_id = matches[0][2]
        contact = next((c[0] for c in matches if c[2] == member_id), None)
        return name, member_id, contact

    def check_in(self) -> None:
        if self.current_event is None:
            return
        name, member_id, contact_id = self._chosen()
        if not name:
            self.attendee.setFocus()
            return
        if member_id is None:
            self.message.setText(
                self.tr("Which member does %1 come from? Choose it, then press Enter.").replace("%1", name)
            )
            self.member.setFocus()
            return
        values = {
            "event_id": self.current_event["id"],
            "member_id": member_id,
            "contact_id": contact_id,
            "attendee_name": name,
            "checked_in_at": utc_now(),
            "note": self.note.text().strip() or None,
        }
        create_record(self.workspace, self, "attendance", values).success(lambda _c: self._checked_in(name)).failure(
            self._refused
        ).run()

    def _checked_in(self, name: str) -> None:
        self.message.setText(self.tr("√ %1 checked in").replace("%1", name))
        self.attendee.clear()
        self.note.clear()
        self.member.setCurrentIndex(0)
        self.attendee.setFocus()

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, ValidationError) and any(p.code == "duplicate" for p in error.problems):
            self.message.setText(self.tr("Already checked in"))
        elif isinstance(error, AllianceError):
            self.message.setText(error.message(self.workspace.lang))
        else:
            show_error(self, error, self.workspace.lang)

    def remove(self) -> None:
        record_id = self.attendance.table.current_id()
        if record_id:
            remove_attendance(self.workspace, self, record_id).run()

    def save_notes(self) -> None:
        if self.current_event is None or not self.save_notes_button.isEnabled():
            return
        event_id, text = self.current_event["id"], self.notes.toPlainText()
        update_record(self.workspace, self, "event", event_id, {"notes": text}).success(
            lambda _c: self.message.setText(self.tr("Notes saved"))
        ).run()
