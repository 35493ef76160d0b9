"""The table model of every record list: it fetches ids a page at a time as the user scrolls (fetchMore) and builds
rows on demand, with a small cache; a keystroke in the search box costs one LIMIT query and a count."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from alliance_app.models import RECORDS_BY_KIND
from alliance_app.services import ChangeSet, RecordQuery
from alliance_app.ui.change_hub import EVERY_ID
from alliance_app.ui.columns import column_specs, english_column, sortable
from alliance_app.ui.display import show
from alliance_app.ui.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
CACHE_ROWS = 600  # rows kept built; a screen shows ~40, scrolling refills in blocks
BLOCK = 120  # rows fetched together when a cell outside the cache is asked for
PAGE = 200  # ids fetched at a time: a few screens; more as the view scrolls near the end

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Rows of one record kind matching a RecordQuery; the store filters and sorts, the model shows."""

    refreshed = Signal()  # the first page of a new query is shown
    counted = Signal(int)  # the query's matching records were counted

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
        self._ids: list[str] = []  # the ids fetched so far, in list order
        self._total: int | None = 0  # how many records match the query (None: still being counted)
        self._more = False  # whether the store holds more matching ids than fetched
        self._shown = 0  # the ask whose first page is shown
        self._counted = (0, 0)  # (ask, its count)
        self._rows: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._asked = 0  # the latest refresh asked for; older answers arriving late are ignored

    # the query
    def set_query(self, **changes: Any) -> None:
        self.query = replace(self.query, **changes)
        self.refresh()

    def refresh(self) -> None:
        """Asks the store for the first page of matching ids, then for their count, as two reads (off the main
        thread in the window): the page shows at once, the count follows. Answers to older asks are dropped."""
        self._asked += 1
        asked, query, kind = self._asked, self.query, self.kind
        self.workspace.read(None, lambda desk: desk.id_page(kind, replace(query, offset=0, limit=PAGE))).success(
            lambda ids: self._show_ids(asked, ids)
        ).run()
        self.workspace.read(None, lambda desk: desk.count(kind, query)).success(
            lambda total: self._show_total(asked, total)
        ).run()

    def _show_ids(self, asked: int, ids: list[str]) -> None:
        if asked != self._asked:
            return
        counted = self._counted[1] if self._counted[0] == asked else None  # the count may come back first
        self.beginResetModel()
        self._ids, self._shown = ids, asked
        self._total = counted if counted is not None else (None if len(ids) == PAGE else len(ids))
        self._more = len(ids) < counted if counted is not None else len(ids) == PAGE
        self._rows.clear()
        self.endResetModel()
        self.refreshed.emit()

    def _show_total(self, asked: int, total: int) -> None:
        if asked != self._asked:
            return
        self._counted = (asked, total)
        if self._shown == asked:
            self._total = total
            self._more = len(self._ids) < total
        self.counted.emit(total)

    def total(self) -> int | None:
        """The number of matching records, fetched or not; None until the count has come back."""
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The next page, read at once: the view asks while scrolling and needs the rows now."""
        if not self.canFetchMore(parent):
            return
        more = self.workspace.desk.id_page(self.kind, replace(self.query, offset=len(self._ids), limit=PAGE))
        self._more = len(more) == PAGE
        known = set(self._ids)
        more = [i for i in more if i not in known]  # a record created meanwhile may shift the pages
        if not more:
            self._more = False
            return
        self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(more) - 1)
        self._ids += more
        self.endInsertRows()
        if self._total is not None:
            self._more = self._more and len(self._ids) < self._total

    def fetch_all(self) -> None:
        """Every remaining id in one read (ids only: 100,000 of them are a few MB), so Ctrl+End and a scroll bar
        dragged to the bottom reach the real end of the list, not the end of the pages fetched so far."""
        if not self.canFetchMore():
            return
        rest = self.workspace.desk.id_page(self.kind, replace(self.query, offset=len(self._ids), limit=None))
        known = set(self._ids)
        rest = [i for i in rest if i not in known]
        self._more = False
        if rest:
            self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(rest) - 1)
            self._ids += rest
            self.endInsertRows()

    def fetch_until(self, record_id: str, pages: int = 10) -> int:
        """The row of `record_id`, fetching up to `pages` more pages to find it; -1 if it is not among them."""
        row = self.row_of(record_id)
        while row < 0 and pages > 0 and self.canFetchMore():
            self.fetchMore()
            row, pages = self.row_of(record_id), pages - 1
        return row

    def on_changes(self, changes: ChangeSet) -> None:
        """Refreshes when records of this kind changed, or member names it shows."""
        if changes.touches(self.kind):
            if EVERY_ID in changes.ids(self.kind):
                self._rows.clear()
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
