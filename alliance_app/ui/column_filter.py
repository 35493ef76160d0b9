"""Filter a list by any column it shows: the header's context menu or Ctrl+Shift+F on the current column opens a
small dialog (text the column contains, or a date/number range); each filter becomes a chip beside the others.

The filter is the services' own (services/column_filters.py): the dialog reads it with the same rule the query
will, so a value that cannot be read is said under the field before the list changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alliance_app.models import ValidationError, specs_by_name
from alliance_app.services.column_filters import Between, ColumnFilter, Contains, clause, filterable

SHORTCUT = "Ctrl+Shift+F"


def describe(label: str, wanted: ColumnFilter) -> str:
    """The chip's words: "Title contains 工厂", "Start date 2024-01-01 – 2024-12-31", "Investment ≥ 500"."""
    if isinstance(wanted, Contains):
        contains = QCoreApplication.translate("ColumnChip", "%1 contains “%2”")
        return contains.replace("%1", label).replace("%2", wanted.text)
    low, high = wanted.low or "", wanted.high or ""
    if low and high:
        return f"{label} {low} – {high}"
    return f"{label} ≥ {low}" if low else f"{label} ≤ {high}"


class ColumnFilterDialog(QDialog):
    """One column's filter: Contains for text and member columns, From/To for dates and numbers."""

    def __init__(self, kind: str, name: str, label: str, current: ColumnFilter | None, lang: str, parent: QWidget):
        super().__init__(parent)
        self.kind, self.name, self.lang = kind, name, lang
        self.how = filterable(kind, name)
        self.result_filter: ColumnFilter | None = current
        self.setObjectName("columnFilterDialog")
        self.setWindowTitle(self.tr("Filter by %1").replace("%1", label))
        form = QFormLayout()
        self.contains = QLineEdit(self)
        self.low, self.high = QLineEdit(self), QLineEdit(self)
        if self.how == "text":
            self.contains.setText(current.text if isinstance(current, Contains) else "")
            form.addRow(self.tr("Contains"), self.contains)
        else:
            spec = specs_by_name(kind)[name]
            hint = self.tr("yyyy-mm-dd") if spec.type in ("date", "datetime") else (spec.unit or "")
            for edit, value in ((self.low, getattr(current, "low", None)), (self.high, getattr(current, "high", None))):
                edit.setText("" if value is None else str(value))
                edit.setPlaceholderText(hint)
            form.addRow(self.tr("From"), self.low)
            form.addRow(self.tr("To"), self.high)
        self.problem = QLabel(self)
        self.problem.setObjectName("columnFilterProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.clear_button = buttons.addButton(self.tr("Remove filter"), QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.clicked.connect(self.remove)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def wanted(self) -> ColumnFilter | None:
        if self.how == "text":
            text = self.contains.text().strip()
            return Contains(text) if text else None
        low, high = self.low.text().strip() or None, self.high.text().strip() or None
        return Between(low, high) if low or high else None

    def accept(self) -> None:
        wanted = self.wanted()
        if wanted is not None:
            try:
                clause(self.kind, self.name, wanted)  # read now, by the rule the query uses
            except ValidationError as refused:
                self.problem.setText("\n".join(p.zh if self.lang == "zh" else p.en for p in refused.problems))
                return
        self.result_filter = wanted
        super().accept()

    def remove(self) -> None:
        self.result_filter = None
        super().accept()


class ColumnChip(QToolButton):
    """A column filter in force; clicking it opens its dialog again (change it, or Remove filter)."""

    def __init__(self, name: str, text: str, parent: QWidget):
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"columnChip_{name}")
        self.setText(text)
        font = self.font()
        font.setBold(True)
        self.setFont(font)


class ColumnFilters:
    """Wires a list page: the header's context menu and Ctrl+Shift+F offer a filter on a shown column."""

    def __init__(self, page: Any):
        self.page = page
        header = page.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        action = QAction(page.table)
        action.setObjectName("filterColumnAction")
        # Named, so Help → Keyboard lists it (it reads the window's actions).
        action.setText(QCoreApplication.translate("ColumnFilterDialog", "Filter the list by the current column…"))
        action.setShortcut(QKeySequence(SHORTCUT))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda: self.open(max(page.table.currentIndex().column(), 0)))
        page.table.addAction(action)
        page.filter_bar.column_chip_clicked.connect(self._reopen)

    def field_of(self, column: int) -> str | None:
        model = self.page.model
        if not 0 <= column < len(model.specs):
            return None
        name = model.english.get(column, model.specs[column].name)  # the name the column shows
        return name if filterable(self.page.kind, name) else None

    def _header_menu(self, point: QPoint) -> None:
        header = self.page.table.horizontalHeader()
        column = header.logicalIndexAt(point)
        if self.field_of(column) is None:
            return
        menu = QMenu(header)
        label = str(self.page.model.headerData(column, Qt.Orientation.Horizontal) or "")
        text = QCoreApplication.translate("ColumnFilterDialog", "Filter by %1…").replace("%1", label)
        menu.addAction(text, lambda: self.open(column))
        menu.popup(header.mapToGlobal(point))

    def _reopen(self, name: str) -> None:
        columns = [c for c in range(len(self.page.model.specs)) if self.field_of(c) == name]
        if columns:
            self.open(columns[0])

    def open(self, column: int) -> ColumnFilterDialog | None:
        """Opens the filter of `column` (non-blocking); None when that column cannot be filtered."""
        name = self.field_of(column)
        if name is None:
            return None
        label = str(self.page.model.headerData(column, Qt.Orientation.Horizontal) or name)
        bar = self.page.filter_bar
        current = bar.column_filters.get(name)
        dialog = ColumnFilterDialog(self.page.kind, name, label, current, self.page.workspace.lang, self.page)
        dialog.accepted.connect(lambda: bar.set_column_filter(name, dialog.result_filter, label))
        dialog.open()
        return dialog
