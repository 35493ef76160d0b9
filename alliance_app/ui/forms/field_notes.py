"""The line under each field of a record form: the field's problems, or else the conversion its typed value gets.

A form reads what is typed by the same rules as an import and the CLI (models/readings.py): `2024.3` is stored as
2024-03-01, `1.2亿元` as 12,000 万元, `武汉` as 武汉市, `+86 138 7123 4568` as 13871234568. The user sees that
before saving, beside the field: "Stored as …", with the rule's full sentence as the tooltip. Problems and notes share
one line, kept while empty, so no field moves as they come and go; a note stays on one line (elided if the form
is narrow, the tooltip holding all of it) for the same reason.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from alliance_app.models import Conversion, FieldSpec, specs_by_name
from alliance_app.ui.directory import MemberNames
from alliance_app.ui.display import show

PROBLEM_STYLE = "color: #b3261e;"
CONVERSION_STYLE = "color: #1f5f99;"


class OneLineLabel(QLabel):
    """A label that never wraps: text that does not fit ends in "…" (the full text is the tooltip)."""

    def __init__(self) -> None:
        super().__init__()
        self.full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight, max(self.width(), 40)))


def _kept_when_hidden(label: QLabel) -> None:
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    label.hide()


def message_line(name: str) -> tuple[QWidget, QLabel, OneLineLabel]:
    """The line under field `name`: its problem label and its conversion label, in the same place."""
    line = QWidget()
    grid = QGridLayout(line)
    grid.setContentsMargins(0, 0, 0, 0)
    problem = QLabel()
    problem.setObjectName(f"problem_{name}")
    problem.setStyleSheet(PROBLEM_STYLE)
    problem.setWordWrap(True)
    note = OneLineLabel()
    note.setObjectName(f"conversion_{name}")
    note.setStyleSheet(CONVERSION_STYLE)
    # The line is as tall as a note in Chinese and Latin letters from the start (a CJK fallback font is taller
    # than the Latin one), so a note coming or going never moves the fields below.
    note.setText("记为 Stored as 0")
    height = note.sizeHint().height()
    note.setText("")
    note.setFixedHeight(height)
    grid.setRowMinimumHeight(0, height)
    for label in (problem, note):
        _kept_when_hidden(label)
        grid.addWidget(label, 0, 0)
    return line, problem, note


def conversion_text(spec: FieldSpec, conversion: Conversion, lang: str, members: MemberNames) -> str:
    """What the form shows beside the field: the value as it will be stored (in the field's unit)."""
    shown = show(spec, conversion.value, lang, members)
    if spec.unit:
        shown = f"{shown} {spec.unit}"
    return QCoreApplication.translate("RecordDialog", "Stored as %1").replace("%1", shown)


def show_conversions(
    kind: str, labels: dict[str, OneLineLabel], conversions: list[Conversion], lang: str, members: MemberNames
) -> None:
    """Shows each conversion beside its field (the rule's full sentence as the tooltip) and hides the others."""
    specs = specs_by_name(kind)
    by_field = {c.field: c for c in conversions}
    for name, note in labels.items():
        conversion = by_field.get(name)
        note.set_full_text(conversion_text(specs[name], conversion, lang, members) if conversion else "")
        note.setToolTip(conversion.message(lang) if conversion else "")
        note.setVisible(conversion is not None)
