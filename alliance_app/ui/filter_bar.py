"""A list's search box (filters as you type, debounced) and its filter chips for domain, kind, status, member."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget

from alliance_app.models import specs_by_name
from alliance_app.services.column_filters import ColumnFilter
from alliance_app.services.queries import MAX_SEARCH, OWNER_CITY
from alliance_app.ui.column_filter import ColumnChip, describe
from alliance_app.ui.columns import CHIPS
from alliance_app.ui.editable_combo import complete_by_any_part
from alliance_app.ui.workspace import Workspace

DEBOUNCE_MS = 200  # a query per pause in typing, not per key


class FilterChip(QToolButton):
    """A chip naming a field and the values chosen; its menu ticks values on and off. `field` is the RecordQuery
    filter it sets: a field of the record, or OWNER_CITY (the city of the member the record belongs to)."""

    changed = Signal()

    def __init__(self, workspace: Workspace, kind: str, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.lang = workspace.lang
        self.setObjectName(f"chip_{field}")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        if field == OWNER_CITY:
            self.title = QCoreApplication.translate("FilterChip", "City")
            # Cities are read (and sorted by pinyin) when the menu first opens, not on the way to the window.
            self.menu().aboutToShow.connect(lambda: self._fill_once(workspace))
        else:
            spec = specs_by_name(kind)[field]
            assert spec.enum is not None
            self.title = spec.label(self.lang)
            self._add_choices([(value.value, value.label(self.lang)) for value in spec.enum])
        self._label()

    def _fill_once(self, workspace: Workspace) -> None:
        if not self.menu().actions():
            self._add_choices([(city, city) for city in workspace.desk.member_cities()])

    def _add_choices(self, choices: list[tuple[str, str]]) -> None:
        for code, label in choices:
            action = self.menu().addAction(label)
            action.setCheckable(True)
            action.setData(code)
            action.toggled.connect(self._toggled)

    def chosen(self) -> list[str]:
        return [a.data() for a in self.menu().actions() if a.isChecked()]

    def choose(self, codes: list[str]) -> None:
        for action in self.menu().actions():
            action.blockSignals(True)
            action.setChecked(action.data() in codes)
            action.blockSignals(False)
        self._toggled()

    def _toggled(self, *_: Any) -> None:
        self._label()
        self.changed.emit()

    def _label(self) -> None:
        names = [a.text() for a in self.menu().actions() if a.isChecked()]
        if not names:
            shown = self.tr("all")
        elif len(names) <= 2:
            shown = ", ".join(names)
        else:
            shown = self.tr("%1 and %2 more").replace("%1", names[0]).replace("%2", str(len(names) - 1))
        self.setText(f"{self.title}: {shown}")
        font = self.font()
        font.setBold(bool(names))  # a chip that narrows the list stands out
        self.setFont(font)


class MemberChip(QComboBox):
    """The member filter: every member, with type-ahead on the names."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("chip_member")
        complete_by_any_part(self)
        self.setMinimumContentsLength(14)
        self.reload()
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def reload(self) -> None:
        chosen = self.member_id()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("All members"), None)
        for member_id, name in self.workspace.members.choices():
            self.addItem(name, member_id)
        self.setCurrentIndex(max(self.findData(chosen), 0) if chosen else 0)
        self.blockSignals(False)

    def member_id(self) -> str | None:
        return self.currentData() if self.count() else None

    def choose(self, member_id: str | None) -> None:
        self.setCurrentIndex(max(self.findData(member_id), 0) if member_id else 0)


class FilterBar(QWidget):
    """Emits `changed` after the user pauses typing or toggles a chip; `search()`, `filters()`, `member_id()`
    say what the list should show."""

    changed = Signal()
    to_list = Signal()  # Down in the search box: the user goes on to the list
    column_chip_clicked = Signal(str)  # a column filter's chip: its field, to open its dialog again

    def __init__(self, workspace: Workspace, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search by name (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaxLength(MAX_SEARCH)  # the list query's own limit (services/queries.py)
        layout.addWidget(self.search_box, 2)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.changed)
        self.search_box.textChanged.connect(lambda _t: self.timer.start())
        self.search_box.returnPressed.connect(self.flush)
        self.search_box.installEventFilter(self)
        self.chips: list[FilterChip] = []
        self.member_chip: MemberChip | None = None
        for field in CHIPS.get(kind, ()):
            if field == "member":
                self.member_chip = MemberChip(workspace, self)
                self.member_chip.changed.connect(self.changed)
                layout.addWidget(self.member_chip, 1)
            else:
                chip = FilterChip(workspace, kind, field, self)
                chip.changed.connect(self.changed)
                self.chips.append(chip)
                layout.addWidget(chip)
        self.column_filters: dict[str, ColumnFilter] = {}  # filters on shown columns (ui/column_filter.py)
        self.column_chips: dict[str, ColumnChip] = {}
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        self.row = layout

    def set_column_filter(self, name: str, wanted: ColumnFilter | None, label: str) -> None:
        """Puts a column's filter in force (a chip shows it) or, with None, removes it; the list follows."""
        chip = self.column_chips.pop(name, None)
        if chip is not None:
            chip.deleteLater()
        self.column_filters.pop(name, None)
        if wanted is not None:
            self.column_filters[name] = wanted
            chip = ColumnChip(name, describe(label, wanted), self)
            chip.clicked.connect(lambda: self.column_chip_clicked.emit(name))
            self.row.insertWidget(self.row.indexOf(self.clear_button), chip)
            self.column_chips[name] = chip
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
        ):
            self.flush()
            self.to_list.emit()
            return True
        return super().eventFilter(watched, event)

    def flush(self) -> None:
        """Applies typed text now (Enter), without waiting for the pause."""
        if self.timer.isActive():
            self.timer.stop()
            self.changed.emit()

    def search(self) -> str:
        return self.search_box.text()

    def filters(self) -> dict[str, Any]:
        chosen: dict[str, Any] = {chip.field: chip.chosen() for chip in self.chips if chip.chosen()}
        return chosen | self.column_filters

    def member_id(self) -> str | None:
        return self.member_chip.member_id() if self.member_chip else None

    def clear(self) -> None:
        self.blockSignals(True)
        self.search_box.clear()
        self.timer.stop()
        for chip in self.chips:
            chip.choose([])
        if self.member_chip is not None:
            self.member_chip.choose(None)
        for name in list(self.column_chips):
            self.set_column_filter(name, None, "")
        self.blockSignals(False)
        self.changed.emit()
