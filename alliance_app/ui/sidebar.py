"""The navigation sidebar: one entry per page, keyboard-reachable (Ctrl+1 … Ctrl+8)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QListView, QWidget


class Sidebar(QListView):
    """Emits `chosen(row)` when the user picks a page."""

    chosen = Signal(int)

    def __init__(self, names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setModel(QStringListModel(names, self))
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.setFixedWidth(max(150, 56 + max(self.fontMetrics().horizontalAdvance(n) for n in names)))
        self.setSpacing(2)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(
            "QListView#sidebar { background: #f3f5f8; border: none; font-size: 11pt; padding-top: 8px; outline: 0; }"
            "QListView#sidebar::item { padding: 7px 10px; }"
            "QListView#sidebar::item:selected { background: #ff6900; color: white; border-radius: 4px; }"
        )
        self.selectionModel().currentRowChanged.connect(self._moved)

    def _moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.chosen.emit(current.row())

    def select(self, row: int) -> None:
        self.selectionModel().setCurrentIndex(
            self.model().index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
