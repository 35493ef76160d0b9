"""The table model of every record list: it keeps only ids and builds rows on demand, with a small cache."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from alliance_app.models import RECORDS_BY_KIND
from alliance_app.services import ChangeSet, RecordQuery
from alliance_app.ui.columns import column_specs, english_column, sortable
from alliance_app.ui.display import show
from alliance_app.ui.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
CACHE_ROWS = 600  # rows kept built; a screen shows ~40, scrolling refills in blocks
BLOCK = 120  # rows fetched together when a cell outside the cache is asked for

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Rows of one record kind matching a RecordQuery; the store filters and sorts, the model shows."""

    refreshed = Signal()

    def __init__(self, workspace: Workspace, kind: str, query: RecordQuery | None = None, parent: Any = None):
        super().__init__(parent)
        self.workspace, self.kind = workspace, kind
        self.specs = column_specs(kind)
        # column index → the English-name field it shows instead in the English window
        self.english = {
            i: english
            for i, spec in enumerate(self.specs)
            if workspace.lang == "en" and (english := english_column(kind, spec.name))
        }
        self.query = query or RecordQuery(limit=None)
        self._ids: list[str] = []
        self._rows: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._asked = 0  # the latest refresh asked for; older answers arriving late are ignored

    # the query
    def set_query(self, **changes: Any) -> None:
        self.query = replace(self.query, **changes)
        self.refresh()

    def refresh(self) -> None:
        """Asks the store for the matching ids (off the main thread in the window) and shows them."""
        self._asked += 1
        asked, query, kind = self._asked, self.query, self.kind
        self.workspace.read(None, lambda desk: desk.ids(kind, query)).success(
            lambda ids: self._show_ids(asked, ids)
        ).run()

    def _show_ids(self, asked: int, ids: list[str]) -> None:
        if asked != self._asked:
            return
        self.beginResetModel()
        self._ids = ids
        self._rows.clear()
        self.endResetModel()
        self.refreshed.emit()

    def on_changes(self, changes: ChangeSet) -> None:
        """Refreshes when records of this kind changed, or member names it shows."""
        if changes.touches(self.kind):
            for record_id in changes.ids(self.kind):
                self._rows.pop(record_id, None)
            self.refresh()
        elif changes.touches("member") and any(s.ref == "member" for s in self.specs):
            self._rows.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.specs) - 1))

    # rows on demand
    def record_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, record_id: str) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def record(self, row: int) -> dict[str, Any]:
        record_id = self._ids[row]
        cached = self._rows.get(record_id)
        if cached is not None:
            self._rows.move_to_end(record_id)
            return cached
        block = self._ids[row : row + BLOCK]
        for found in self.workspace.desk.rows(self.kind, block):
            self._rows[found["id"]] = found
        while len(self._rows) > CACHE_ROWS:
            self._rows.popitem(last=False)
        return self._rows.get(record_id, {"id": record_id})

    # Qt's side
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.specs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == RECORD_ROLE:
            return self.record(index.row())
        spec = self.specs[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            record = self.record(index.row())
            english = self.english.get(index.column())
            if english and record.get(english):
                return record[english]
            return show(spec, record.get(spec.name), self.workspace.lang, self.workspace.members)
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.type in ("number", "integer"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            spec = self.specs[section]
            if spec.name == "name_zh" and section in self.english:
                return "Name"  # the English window shows the English name here, so not "Chinese name"
            return spec.label(self.workspace.lang)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:  # no sort indicator (a new desk): the kind's own order, not the last column's
            default = RECORDS_BY_KIND[self.kind].default_sort
            shown = next((e for i, e in self.english.items() if self.specs[i].name == default), None)
            if (self.query.sort, self.query.descending) != (shown, False):
                self.set_query(sort=shown, descending=False)
            return
        spec = self.specs[column]
        if not sortable(spec):
            return
        name = self.english.get(column, spec.name)  # sorted by what the column shows
        descending = order == Qt.SortOrder.DescendingOrder
        if (self.query.sort, self.query.descending) != (name, descending):
            self.set_query(sort=name, descending=descending)
