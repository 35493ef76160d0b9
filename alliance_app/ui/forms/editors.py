"""One editor per field type, each giving back the raw value the services coerce (so messages match theirs)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from alliance_app.models import Domain, FieldSpec, Labelled, to_wire
from alliance_app.services import RecordQuery
from alliance_app.ui.forms.picker import PickerBox, member_picker
from alliance_app.ui.workspace import Workspace

Changed = Callable[[], None]


class FieldEditor:
    """The widget editing one field; `raw()` is what the user typed or picked, `focus_widget` takes the tab."""

    widget: QWidget

    def raw(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    @property
    def focus_widget(self) -> QWidget:
        return self.widget


class TextEditor(FieldEditor):
    widget: QLineEdit

    def __init__(self, spec: FieldSpec, changed: Changed):
        self.widget = QLineEdit()
        self.widget.textEdited.connect(lambda _t: changed())
        if spec.type in ("number", "integer"):
            self.widget.setAlignment(Qt.AlignmentFlag.AlignRight)
        if spec.type == "datetime":
            # A pattern, not a date: a grey example date reads as a value already filled in.
            self.widget.setPlaceholderText(QCoreApplication.translate("FieldEditor", "yyyy-mm-dd hh:mm"))

    def raw(self) -> Any:
        return self.widget.text()

    def set_value(self, value: Any) -> None:
        if isinstance(value, float) and value == int(value):
            value = int(value)
        self.widget.setText("" if value is None else str(to_wire(value)))


class LongTextEditor(FieldEditor):
    widget: QPlainTextEdit

    def __init__(self, spec: FieldSpec, changed: Changed):
        self.widget = QPlainTextEdit()
        self.widget.setTabChangesFocus(True)  # Tab moves on through the form, as in every other field
        self.widget.setFixedHeight(72)
        self.widget.textChanged.connect(changed)

    def raw(self) -> Any:
        return self.widget.toPlainText()

    def set_value(self, value: Any) -> None:
        self.widget.setPlainText(value or "")


class EnumEditor(FieldEditor):
    widget: QComboBox

    def __init__(self, spec: FieldSpec, lang: str, changed: Changed, allow_empty: bool):
        assert spec.enum is not None
        self.widget = QComboBox()
        if allow_empty:
            self.widget.addItem("", None)
        for value in spec.enum:
            self.widget.addItem(value.label(lang), value.value)
        self.widget.currentIndexChanged.connect(lambda _i: changed())

    def raw(self) -> Any:
        return self.widget.currentData()

    def set_value(self, value: Any) -> None:
        code = value.value if isinstance(value, Labelled) else value
        self.widget.setCurrentIndex(max(self.widget.findData(code), 0))


class BoolEditor(FieldEditor):
    widget: QCheckBox

    def __init__(self, spec: FieldSpec, changed: Changed):
        self.widget = QCheckBox()
        self.widget.toggled.connect(lambda _b: changed())

    def raw(self) -> Any:
        return self.widget.isChecked()

    def set_value(self, value: Any) -> None:
        self.widget.setChecked(bool(value))


class DateEditor(FieldEditor):
    """Typed (2026-03-31, 2026/3/31, 2026年3月31日) or picked from a calendar."""

    def __init__(self, spec: FieldSpec, changed: Changed):
        self.widget = QWidget()
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.line.setPlaceholderText(QCoreApplication.translate("FieldEditor", "yyyy-mm-dd"))
        self.line.textEdited.connect(lambda _t: changed())
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self.widget)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.menu = menu
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)  # drawn by the style: no glyph a font could lack
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the calendar opens with Alt+Down in the text
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self._changed = changed

    @property
    def focus_widget(self) -> QWidget:
        return self.line

    def _picked(self, day: QDate) -> None:
        self.line.setText(day.toString("yyyy-MM-dd"))
        self.menu.close()
        self._changed()

    def raw(self) -> Any:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        self.line.setText(value.isoformat() if isinstance(value, date) else (value or ""))
        if isinstance(value, date):
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))


class DomainsEditor(FieldEditor):
    """The 16 key domains as a ticked menu; the button lists the chosen ones."""

    widget: QToolButton

    def __init__(self, spec: FieldSpec, lang: str, changed: Changed):
        self._changed = changed
        self.widget = QToolButton()
        self.widget.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.widget.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        menu = QMenu(self.widget)
        for domain in Domain:
            action = menu.addAction(domain.label(lang))
            action.setCheckable(True)
            action.setData(domain.value)
            action.toggled.connect(self._toggled)
        self.widget.setMenu(menu)
        self.menu = menu
        self.lang = lang
        self._label()

    def _toggled(self, _checked: bool) -> None:
        self._label()
        self._changed()

    def raw(self) -> Any:
        return [a.data() for a in self.menu.actions() if a.isChecked()]

    def set_value(self, value: Any) -> None:
        for action in self.menu.actions():
            action.blockSignals(True)
            action.setChecked(action.data() in (value or []))
            action.blockSignals(False)
        self._label()

    def _label(self) -> None:
        sep = "、" if self.lang == "zh" else ", "
        chosen = [a.text() for a in self.menu.actions() if a.isChecked()]
        self.widget.setText(sep.join(chosen) or "—")


class RecordPicker(FieldEditor):
    """Picks a member (or another record) by any of its names, with type-ahead; an unknown name stays as typed."""

    widget: PickerBox

    def __init__(self, spec: FieldSpec, workspace: Workspace, changed: Changed):
        if spec.ref == "member":
            self.widget = member_picker(workspace)
        else:
            self.widget = PickerBox()
            self.widget.set_choices(self._choices(spec, workspace))
        self.widget.currentIndexChanged.connect(lambda _i: changed())
        self.widget.editTextChanged.connect(lambda _t: changed())

    @staticmethod
    def _choices(spec: FieldSpec, workspace: Workspace) -> list[tuple[str, str, tuple[str | None, ...]]]:
        from alliance_app.models import RECORDS_BY_KIND

        title = RECORDS_BY_KIND[spec.ref or ""].title_column
        page = workspace.desk.page(spec.ref or "", RecordQuery(limit=1000))
        return [(row["id"], str(row.get(title) or row["id"]), ()) for row in page.rows]

    def raw(self) -> Any:
        picked = self.widget.picked_id()
        if picked is not None:
            return picked
        return self.widget.currentText().strip() or None

    def set_value(self, value: Any) -> None:
        index = self.widget.findData(value) if value else 0
        if index < 0:
            index = self.widget.add_unlisted(value, str(value))  # a record this desk cannot list (deleted)
        self.widget.setCurrentIndex(max(index, 0))


def editor_for(spec: FieldSpec, workspace: Workspace, changed: Changed, has_default: bool) -> FieldEditor:
    if spec.ref is not None:
        return RecordPicker(spec, workspace, changed)
    if spec.type == "enum":
        return EnumEditor(spec, workspace.lang, changed, allow_empty=not (spec.required and has_default))
    if spec.type == "domains":
        return DomainsEditor(spec, workspace.lang, changed)
    if spec.type == "bool":
        return BoolEditor(spec, changed)
    if spec.type == "date":
        return DateEditor(spec, changed)
    if spec.type == "long_text":
        return LongTextEditor(spec, changed)
    return TextEditor(spec, changed)
