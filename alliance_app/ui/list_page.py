"""A page listing one record kind: search and chips above, the table of ids below, New/Open/Delete actions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alliance_app.models.write_ops import WriteOp
from alliance_app.services import ChangeSet
from alliance_app.ui.column_filter import ColumnFilters
from alliance_app.ui.columns import default_width
from alliance_app.ui.display import kind_name, record_title
from alliance_app.ui.error_dialog import ask
from alliance_app.ui.filter_bar import FilterBar
from alliance_app.ui.forms.record_dialog import RecordDialog
from alliance_app.ui.page_info import Ability, PageInfo
from alliance_app.ui.record_model import RecordTableModel
from alliance_app.ui.record_operations import confirm_text, delete_confirmed
from alliance_app.ui.record_pin import show_only, with_pinned
from alliance_app.ui.window_state import columns_key
from alliance_app.ui.workspace import Workspace


class RecordTable(QTableView):
    """The table of a record list: sortable by the store, columns movable and remembered between runs."""

    def __init__(self, workspace: Workspace, model: RecordTableModel, state_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.state_key = workspace, state_key
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the next control; arrows move inside it
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(140)
        self.verticalScrollBar().sliderReleased.connect(self._dragged_to_end)
        saved = workspace.state.bytes(columns_key(state_key))
        self.setSortingEnabled(True)
        if saved is None or not header.restoreState(saved):
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self.fit_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_End and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._fetch_all()
        super().keyPressEvent(event)

    def _dragged_to_end(self) -> None:
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum():
            self._fetch_all()
            bar.setValue(bar.maximum())

    def _fetch_all(self) -> None:
        model = self.model()
        if isinstance(model, RecordTableModel):
            model.fetch_all()

    def fit_columns(self) -> None:
        """First widths by what each column holds, never narrower than its header."""
        model, header = self.model(), self.horizontalHeader()
        if not isinstance(model, RecordTableModel):
            return
        lang = self.workspace.lang
        for column, spec in enumerate(model.specs):
            label = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            needed = header.fontMetrics().horizontalAdvance(label) + 28  # room for the sort arrow
            if spec.type == "enum" and spec.enum is not None:  # the longest choice in the language shown
                longest = max(self.fontMetrics().horizontalAdvance(e.label(lang)) for e in spec.enum)
                needed = max(needed, min(longest + 16, 220))
            header.resizeSection(column, max(default_width(spec, column == 0), needed))

    def save_state(self) -> None:
        self.workspace.state.put(columns_key(self.state_key), self.horizontalHeader().saveState())

    def current_id(self) -> str | None:
        index = self.currentIndex()
        model = self.model()
        return model.record_id(index.row()) if index.isValid() and isinstance(model, RecordTableModel) else None

    def select_id(self, record_id: str | None) -> None:
        model = self.model()
        row = model.fetch_until(record_id) if record_id and isinstance(model, RecordTableModel) else -1
        if row >= 0:
            self.selectRow(row)
            self.scrollTo(model.index(row, 0))


class RecordCount(QLabel):
    """The count of records above a list. A class of its own so that self.tr() finds the plural form (lupdate
    reads plurals only from self.tr, and the list page's subclasses would look it up under their own names)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("countLabel")

    def show_count(self, count: int | None) -> None:
        if count is not None:  # else the count of a new search is on its way; the old one stays meanwhile
            self.setText(self.tr("%n record(s)", "", count))


# What every list page can do: the window's New record, Search, a dashboard number's records, its column layout,
# Export….
LIST_ABILITIES = Ability.NEW_RECORD | Ability.SEARCH | Ability.SHOW_RECORDS | Ability.SAVES_STATE | Ability.EXPORT


def list_page_info(key: str, title: str, kind: str, *, importable: bool = False) -> PageInfo:
    """The declaration of a list page: its key, its title (marked for translation), the kind it lists, and
    whether it offers Import… (the kinds the import wizard takes)."""
    return PageInfo(key, title, LIST_ABILITIES | (Ability.IMPORT if importable else Ability.NONE), kind)


class RecordListPage(QWidget):
    """The list of one record kind; subclasses change what opening a record shows.

    Its strings name their context explicitly: PySide's self.tr() would look them up under the subclass's name."""

    selection_changed = Signal(object)  # the selected record (dict) or None
    pinned_ids: list[str] | None = None  # only these records, picked elsewhere (record_pin.py)
    pinned: Any = None  # record_pin.PinnedRecords, made the first time records are picked

    PAGE: PageInfo  # each page declares it with list_page_info(), which names the kind it lists

    @property
    def importable(self) -> bool:
        return self.PAGE.can(Ability.IMPORT)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        kind = self.PAGE.kind
        if kind is None:
            raise TypeError(f"{type(self).__name__} lists no kind: declare PAGE with list_page_info()")
        self.workspace, self.kind = workspace, kind
        self.setObjectName(f"page_{kind}")
        self.model = RecordTableModel(workspace, kind, parent=self)
        self.filter_bar = FilterBar(workspace, kind, self)
        self.table = RecordTable(workspace, self.model, kind, self)
        self.count_label = RecordCount(self)
        heading = QLabel(f"<h2>{self.page_title()}</h2>", self)
        self.new_button = QPushButton(
            QCoreApplication.translate("RecordListPage", "New %1").replace("%1", kind_name(kind)), self
        )
        self.new_button.setObjectName("newButton")
        self.new_button.clicked.connect(lambda: self.new_record())
        self.open_button = QPushButton(QCoreApplication.translate("RecordListPage", "Open"), self)
        self.open_button.clicked.connect(self.open_current)
        self.delete_button = QPushButton(QCoreApplication.translate("RecordListPage", "Delete…"), self)
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.clicked.connect(self.delete_current)
        self.import_button = QPushButton(QCoreApplication.translate("RecordListPage", "Import…"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip(
            QCoreApplication.translate("RecordListPage", "Import records from an Excel or CSV file")
        )
        self.import_button.clicked.connect(lambda: self.import_records())
        self.import_button.setVisible(self.importable)
        self.export_button = QPushButton(QCoreApplication.translate("RecordListPage", "Export…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(
            QCoreApplication.translate("RecordListPage", "Save the records listed now to an Excel or CSV file")
        )
        self.export_button.clicked.connect(lambda: self.choose_export_file())
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        self.body = QVBoxLayout(self)
        self.body.addLayout(top)
        self.body.addWidget(self.filter_bar)
        self.body.addWidget(self.table, 3)
        self.body.addLayout(buttons)
        self._keys()
        self.column_filters = ColumnFilters(self)
        self._restrict_new()
        self.filter_bar.changed.connect(self.apply_filters)
        self.model.refreshed.connect(self._refreshed)
        self.empty_note = QLabel(self.table.viewport())
        self.empty_note.setObjectName("emptyListNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_note.setStyleSheet("color: #555; padding-top: 24px;")
        self.empty_note.hide()
        self.model.counted.connect(self.count_label.show_count)
        # activated: Enter on the row, or a double-click (a single click where the platform's style says so)
        self.table.activated.connect(lambda _i: self.open_current())
        self.filter_bar.to_list.connect(self.enter_list)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        workspace.hub.changed.connect(self.on_changes)
        self._selected: str | None = None
        self._current_changed(QModelIndex(), QModelIndex())
        self.model.refresh()

    def page_title(self) -> str:
        info = getattr(self, "PAGE", None)  # a list shown outside the navigation has no declaration
        return info.display_title() if isinstance(info, PageInfo) else kind_name(self.kind)

    def _keys(self) -> None:
        delete = QAction(self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_current)
        self.table.addAction(delete)

    def _restrict_new(self) -> None:
        refusal = self.workspace.desk.refusal(self.kind)
        self.new_button.setEnabled(refusal is None)
        self.new_button.setToolTip(
            refusal.message(self.workspace.lang)
            if refusal
            else QCoreApplication.translate("RecordListPage", "New record (Ctrl+N)")
        )

    # filtering
    def apply_filters(self) -> None:
        self._selected = self.table.current_id() or self._selected
        bar = self.filter_bar
        filters = with_pinned(self.pinned_ids, bar.filters())
        self.model.set_query(search=bar.search(), filters=filters, member_id=bar.member_id())

    def show_only(self, ids: list[str], caption: str) -> None:
        """Lists exactly these records (those behind a dashboard number) until the user asks for all."""
        show_only(self, ids, caption)

    def enter_list(self) -> None:
        """Down from the search box: into the list, on the first record if none is current."""
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.selectRow(0)

    def focus_search(self) -> None:
        self.filter_bar.search_box.setFocus()
        self.filter_bar.search_box.selectAll()

    def _refreshed(self) -> None:
        self.count_label.show_count(self.model.total())
        self.table.select_id(self._selected)
        self._say_next_step()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.empty_note.setGeometry(self.table.viewport().rect().adjusted(24, 0, -24, 0))

    def _say_next_step(self) -> None:
        """An empty list says why and what to do next, instead of an empty grid."""
        if self.model.rowCount() > 0:
            self.empty_note.hide()
            return
        bar = self.filter_bar
        if bar.search() or bar.filters() or bar.member_id() or self.pinned_ids is not None:
            text = QCoreApplication.translate(
                "RecordListPage", "No record matches the search and filters. Clear filters to see them all."
            )
        elif self.new_button.isEnabled() and not self.importable:
            text = QCoreApplication.translate("RecordListPage", "No records yet. Add one with “%1” (Ctrl+N).").replace(
                "%1", self.new_button.text()
            )
        elif self.new_button.isEnabled():
            text = QCoreApplication.translate(
                "RecordListPage", "No records yet. Add one with “%1” (Ctrl+N), or import a spreadsheet with Import…."
            ).replace("%1", self.new_button.text())
        else:
            text = QCoreApplication.translate(
                "RecordListPage", "No records yet. They arrive with the next sync (Sync → Sync now)."
            )
        self.empty_note.setText(text)
        self.empty_note.setGeometry(self.table.viewport().rect().adjusted(24, 0, -24, 0))
        self.empty_note.show()

    def on_changes(self, changes: ChangeSet) -> None:
        if changes.touches("member") and self.filter_bar.member_chip is not None:
            self.filter_bar.member_chip.reload()
        created_here = changes.record_id in changes.ids(self.kind)
        self._selected = changes.record_id if created_here else self.table.current_id()
        self.model.on_changes(changes)

    # the current record
    def current_record(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.model.record(current.row()) if current.isValid() else None
        self.open_button.setEnabled(record is not None)
        refusal = self.workspace.desk.refusal(self.kind, record, op=WriteOp.DELETE) if record else None
        self.delete_button.setEnabled(record is not None and refusal is None)
        self.delete_button.setToolTip(
            refusal.message(self.workspace.lang)
            if refusal
            else QCoreApplication.translate("RecordListPage", "Delete the selected record (Del)")
        )
        self.selection_changed.emit(record)

    # actions
    def new_record(self, preset: dict[str, Any] | None = None) -> RecordDialog | None:
        if not self.new_button.isEnabled():
            return None
        dialog = RecordDialog(self.workspace, self.kind, preset=preset, parent=self)
        dialog.open()
        return dialog

    def open_current(self) -> QWidget | None:
        record_id = self.table.current_id()
        return self.open_record(record_id) if record_id else None

    def open_record(self, record_id: str) -> QWidget:
        dialog = RecordDialog(self.workspace, self.kind, record_id, parent=self)
        dialog.open()
        return dialog

    def delete_current(self) -> None:
        record = self.current_record()
        if record is None or not self.delete_button.isEnabled():
            return
        title = record_title(self.kind, record, self.workspace.lang, self.workspace.members)
        ask(
            self,
            QCoreApplication.translate("RecordListPage", "Delete"),
            confirm_text(title),
            lambda: delete_confirmed(self, self.workspace, self.kind, record),
        )

    # spreadsheets
    def import_records(self) -> QWidget:
        from alliance_app.ui.transfer.import_wizard import open_import_wizard

        return open_import_wizard(self.workspace, self.kind, self)

    def choose_export_file(self) -> None:
        from alliance_app.ui.transfer.export_view import choose_export_file

        choose_export_file(self, self.workspace, self.kind, self.model.query, self.page_title())

    def export_to(self, path: str) -> None:
        """Writes the records this list shows now (its search and filters, every page) to `path`."""
        from alliance_app.ui.transfer.export_view import export_view

        export_view(self, self.workspace, self.kind, self.model.query, path)

    def save_state(self) -> None:
        self.table.save_state()
