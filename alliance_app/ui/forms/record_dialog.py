"""The form of one record, generated from its field specs: create, edit or delete, checked as the user types."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from alliance_app.models import (
    PARTNER_LINKS,
    RECORDS_BY_KIND,
    Conversion,
    FieldSpec,
    Problem,
    ValidationError,
    field_specs,
    write_refusal,
)
from alliance_app.models.write_ops import WriteOp
from alliance_app.services import ChangeSet, PermissionRefused, RecordNotSaved
from alliance_app.ui.display import kind_name, record_title, show
from alliance_app.ui.error_dialog import ask, ask_unsaved, show_error
from alliance_app.ui.forms.checks import form_check
from alliance_app.ui.forms.editors import EnumEditor, FieldEditor, RecordPicker, editor_for
from alliance_app.ui.forms.field_notes import PROBLEM_STYLE, OneLineLabel, message_line, show_conversions
from alliance_app.ui.forms.link_list import PartnerList
from alliance_app.ui.record_operations import confirm_text, delete_confirmed, save_record
from alliance_app.ui.workspace import Workspace

NOTE_STYLE = "background: #fff4ce; border: 1px solid #e0c060; padding: 6px; border-radius: 4px;"


class RecordDialog(QDialog):
    """Opens with `.open()` (window-modal, not blocking); emits `saved(ChangeSet)` after a successful write."""

    saved = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        kind: str,
        record_id: str | None = None,
        preset: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.workspace, self.kind = workspace, kind
        self.setObjectName(f"recordDialog_{kind}")
        desk = workspace.desk
        self.record = desk.get(kind, record_id) if record_id else None
        self.preset = dict(preset or {})
        self.refusal = desk.refusal(kind, self.record or None) if self.record else desk.refusal(kind)
        self.read_only = self.refusal is not None
        self.touched: set[str] = set()
        self.editors: dict[str, FieldEditor] = {}
        self.problem_labels: dict[str, QLabel] = {}
        self.conversion_labels: dict[str, OneLineLabel] = {}
        self._build()
        self._offer_only_what_may_be_done()
        self.initial = self.raw_values()
        self._discarding = False
        self.check()
        self._focus_first_field()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Again once shown: a dialog opened by a shortcut would otherwise leave the focus with the list.
        QTimer.singleShot(0, self, self._focus_first_field)

    def _focus_first_field(self) -> None:
        """Typing starts in the first field the user may change (keyboard work: Ctrl+N, type, Tab, Ctrl+S)."""
        first = next((e for e in self.editors.values() if e.widget.isEnabled()), None)
        if first is not None:
            first.focus_widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # building
    def _build(self) -> None:
        lang = self.workspace.lang
        if self.record:
            title = record_title(self.kind, self.record, lang, self.workspace.members)
            self.setWindowTitle(f"{kind_name(self.kind)} — {title}")
        else:
            self.setWindowTitle(self.tr("New %1").replace("%1", kind_name(self.kind)))
        layout = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setObjectName("readOnlyNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setVisible(self.read_only)
        if self.refusal is not None:
            self.note.setText(self.tr("Read only: %1").replace("%1", self.refusal.message(lang)))
        layout.addWidget(self.note)
        self.record_problems = QLabel(self)
        self.record_problems.setObjectName("recordProblems")
        self.record_problems.setWordWrap(True)
        self.record_problems.setStyleSheet(PROBLEM_STYLE)
        layout.addWidget(self.record_problems)
        layout.addWidget(self._fields(), 1)
        self.partners: PartnerList | None = None
        if self.kind in PARTNER_LINKS:
            layout.addWidget(QLabel(self.tr("Partner members"), self))
            self.partners = PartnerList(
                self.workspace, self.kind, self.record["id"] if self.record else None, not self.read_only
            )
            layout.addWidget(self.partners)
            lead = self.editors.get(RECORDS_BY_KIND[self.kind].owner_column or "")
            if isinstance(lead, RecordPicker):
                self.partners.exclude_lead(lead.raw())
                lead.widget.currentIndexChanged.connect(lambda _i: self._lead_changed(lead))
        layout.addWidget(self._buttons())
        self.resize(640, 620)

    def _lead_changed(self, lead: RecordPicker) -> None:
        if self.partners is not None:  # a partner may not also be the lead member
            self.partners.exclude_lead(lead.raw())

    def _fields(self) -> QScrollArea:
        lang = self.workspace.lang
        holder = QWidget()
        form = QFormLayout(holder)
        for spec in field_specs(self.kind):
            if spec.derived:
                continue
            editor = editor_for(spec, self.workspace, partial(self._edited, spec.name), spec.has_default)
            value = self.record.get(spec.name) if self.record else self.preset.get(spec.name, self._default(spec))
            editor.set_value(value)
            editor.widget.setObjectName(f"field_{spec.name}")
            locked = None if self.read_only else self._locked(spec.name, value)
            if self.read_only or spec.name in self.preset:
                editor.widget.setEnabled(False)
            elif locked is not None:
                editor.widget.setEnabled(False)
                editor.widget.setToolTip(locked.message(lang))
            # The message's line is kept while empty, so fields never move under the pointer as messages come.
            line, problem, note = message_line(spec.name)
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.setSpacing(2)
            if not editor.widget.isEnabled():
                # A field that cannot be changed reads as text, not as a greyed-out box (grey on grey).
                text = self._as_text(spec, value)
                text.setToolTip(editor.widget.toolTip())
                box_layout.addWidget(text)
            else:
                box_layout.addWidget(editor.widget)
            box_layout.addWidget(line)
            label = QLabel(spec.label(lang) + (" *" if spec.required else ""))
            label.setBuddy(editor.focus_widget)
            form.addRow(label, box)
            self.editors[spec.name] = editor
            self.problem_labels[spec.name] = problem
            self.conversion_labels[spec.name] = note
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        return scroll

    def _as_text(self, spec: Any, value: Any) -> QLabel:
        text = show(spec, value, self.workspace.lang, self.workspace.members) or "—"
        label = QLabel(text)
        label.setObjectName("recordValue")  # data, not the window's words
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _default(self, spec: FieldSpec) -> Any:
        """What a new record shows before the user types: the declared default (none for a made list)."""
        return None if callable(spec.default) else spec.default

    def _locked(self, name: str, value: Any) -> Problem | None:
        """The permission rule's refusal of this field itself, whatever its value (only the secretariat sets a
        member's status): such a field shows as text, with the rule's own sentence."""
        refusal = self._refusal_if(name, value)
        return refusal if refusal is not None and refusal.code == "secretariat_field" else None

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        if self.read_only and self.refusal is not None:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.refusal.message(self.workspace.lang))
        cancel = buttons.addButton(
            self.tr("Close") if self.read_only else self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.clicked.connect(self.reject)
        self.delete_button: QPushButton | None = None
        if self.record:
            self.delete_button = buttons.addButton(self.tr("Delete…"), QDialogButtonBox.ButtonRole.DestructiveRole)
            self.delete_button.setObjectName("deleteButton")
            self.delete_button.clicked.connect(self.delete)
            refusal = self.workspace.desk.refusal(self.kind, self.record, op=WriteOp.DELETE)
            if refusal is not None:
                self.delete_button.setEnabled(False)
                self.delete_button.setToolTip(refusal.message(self.workspace.lang))
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        return buttons

    # checking as the user types
    def _edited(self, name: str) -> None:
        self.touched.add(name)
        self.check()

    def raw_values(self) -> dict[str, Any]:
        return {name: editor.raw() for name, editor in self.editors.items()}

    def _unknown_picks(self) -> dict[str, str]:
        """Pickers whose typed text names no record: the form's own message, the services cannot know a name."""
        hints = {}
        for name, editor in self.editors.items():
            refusal = editor.widget.refusal(self.workspace.lang) if isinstance(editor, RecordPicker) else ""
            if refusal:
                hints[name] = refusal
        return hints

    def check(self) -> list[Problem]:
        """Shows the problems of the fields the user has touched (all of them after a save attempt)."""
        if self.read_only:
            return []
        problems, conversions = form_check(self.kind, self.raw_values(), self.record)
        hints = self._unknown_picks()
        self.show_problems(problems, hints, conversions)
        return problems + [Problem(n, "pick", h, h) for n, h in hints.items()]

    def show_problems(
        self, problems: list[Problem], hints: dict[str, str] | None = None, conversions: list[Conversion] | None = None
    ) -> None:
        """Each touched field's problems under it, or else the conversion its typed value gets (field_notes.py)."""
        lang = self.workspace.lang
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field or "", []).append(problem.message(lang))
        for name, text in (hints or {}).items():
            by_field.setdefault(name, []).append(text)
        for name, label in self.problem_labels.items():
            messages = by_field.get(name, []) if name in self.touched else []
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))
        if conversions is not None:  # None: a refusal from the save, the notes of the typed values stay
            noted = [c for c in conversions if c.field in self.touched and not by_field.get(c.field or "")]
            show_conversions(self.kind, self.conversion_labels, noted, lang, self.workspace.members)
        record_level = by_field.get("", [])
        self.record_problems.setText("\n".join(record_level))
        self.record_problems.setVisible(bool(record_level))

    # what this account may do, offered and nothing else
    def _offer_only_what_may_be_done(self) -> None:
        """Disables each choice of a list, and each decision field, that the permission rule would refuse on
        save: the form never offers what Save then refuses."""
        if self.read_only:
            return
        lang = self.workspace.lang
        for name, editor in self.editors.items():
            if not editor.widget.isEnabled():
                continue
            if isinstance(editor, EnumEditor):
                current = editor.raw()
                for row in range(editor.widget.count()):
                    code = editor.widget.itemData(row)
                    refusal = None if code in (None, current) else self._refusal_if(name, code)
                    if refusal is not None:
                        _disable_choice(editor.widget, row, refusal.message(lang))
            elif name in DECISION_FIELDS.get(self.kind, ()):
                refusal = self._refusal_if(name, "2000-01-01")
                if refusal is not None:
                    editor.widget.setEnabled(False)
                    editor.widget.setToolTip(refusal.message(lang))

    def _refusal_if(self, name: str, value: Any) -> Problem | None:
        """The permission rule's answer if only `name` were set to `value` on this record (or the new one)."""
        desk = self.workspace.desk
        values = {**(self.record or self.preset), name: value}
        if self.kind == "resource_request" and values.get("offer_id") and not values.get("offer_member_id"):
            values["offer_member_id"] = desk.get("resource_offer", values["offer_id"]).get("member_id")
        if self.record is not None:
            return desk.refusal(self.kind, values, changed=[name])
        owner = values.get(RECORDS_BY_KIND[self.kind].owner_column or "") or desk.actor.member_id
        return write_refusal(
            desk.actor, self.kind, WriteOp.CREATE, owner_member_id=owner, changed=[name], values=values
        )

    # unsaved changes
    def dirty(self) -> bool:
        if self.read_only:
            return False
        return self.raw_values() != self.initial or (self.partners is not None and self.partners.dirty())

    def reject(self) -> None:
        """Esc, Cancel and the window's close button: ask before throwing away what the user typed."""
        if self._discarding or not self.dirty():
            super().reject()
            return
        ask_unsaved(self, self.save, self._discard)

    def _discard(self) -> None:
        self._discarding = True
        self.reject()

    # saving and deleting
    def save(self) -> None:
        if self.read_only:
            return
        self.touched = set(self.editors)
        problems = self.check()
        if problems:
            first = next((p.field for p in problems if p.field in self.editors), None)
            if first:
                self.editors[first].focus_widget.setFocus()
            return
        if self.partners is not None and self.partners.pending_text() and not self.partners.add():
            # A partner typed but not added: add it, or ask, never save without it.
            self.partners.picker.setFocus()
            return
        raw = self.raw_values()
        record_id = self.record["id"] if self.record else None
        links = self.partners.edits() if self.partners is not None else None
        self.save_button.setEnabled(False)
        save_record(self.workspace, self, self.kind, record_id, raw, links).success(self._saved).failure(
            self._failed
        ).run()

    def _saved(self, changes: ChangeSet) -> None:
        self.saved.emit(changes)
        self._discarding = True
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, PermissionRefused):
            error = RecordNotSaved([error.problem], {})
        if isinstance(error, RecordNotSaved):
            self.touched = set(self.editors)
            self.show_problems([self._placed(p) for p in error.record_problems])
            if self.partners is not None:
                self.partners.show_problems(error.link_problems, self.workspace.lang)
        elif isinstance(error, ValidationError):
            self.touched = set(self.editors)
            self.show_problems(error.problems)
        else:
            show_error(self, error, self.workspace.lang)

    def _placed(self, problem: Problem) -> Problem:
        """A refusal about handing the record to another member belongs beside the field that would do it."""
        owner = RECORDS_BY_KIND[self.kind].owner_column
        if problem.field is None and problem.code == "hand_over_needs_secretariat" and owner in self.editors:
            return Problem(owner, problem.code, problem.zh, problem.en)
        return problem

    def delete(self) -> None:
        if self.record is None:
            return
        title = record_title(self.kind, self.record, self.workspace.lang, self.workspace.members)
        record = self.record
        ask(
            self,
            self.tr("Delete"),
            confirm_text(title),
            lambda: delete_confirmed(self, self.workspace, self.kind, record, self.accept),
        )


# Fields whose value records a decision only some accounts may take: offered only to them.
DECISION_FIELDS = {"resource_request": ("decided_on",)}


def _disable_choice(combo: Any, row: int, reason: str) -> None:
    item = combo.model().item(row)
    if item is not None:
        item.setEnabled(False)
        item.setToolTip(reason)
