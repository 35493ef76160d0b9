"""The rows of a file being imported, as a table: what each row will do, its cells, the cells in error marked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from alliance_app.services.transfer import ImportPlan, RawTable, RowProblem
from alliance_app.services.transfer.plan import CREATE, INVALID, UNCHANGED, UPDATE

ERROR_BACKGROUND = QColor("#fde2e1")
ROW_ERROR_BACKGROUND = QColor("#fff4e5")
Index = QModelIndex | QPersistentModelIndex


def action_name(action: str) -> str:
    names = {
        CREATE: QCoreApplication.translate("ImportPreview", "New"),
        UPDATE: QCoreApplication.translate("ImportPreview", "Update"),
        UNCHANGED: QCoreApplication.translate("ImportPreview", "Unchanged"),
        INVALID: QCoreApplication.translate("ImportPreview", "Has problems"),
    }
    return names.get(action, action)


class PreviewModel(QAbstractTableModel):
    """Column 0 says what the row will do; the others are the file's cells. A cell with a problem is red, with the
    messages as its tooltip; a row whose problem has no cell (a duplicate, a missing column) is tinted whole."""

    def __init__(self, table: RawTable, plan: ImportPlan, lang: str, parent: Any = None):
        super().__init__(parent)
        self.table, self.plan, self.lang = table, plan, lang
        self.actions = {r.number: r.action for r in plan.rows}
        self.cell_problems: dict[tuple[int, int], list[RowProblem]] = {}
        self.row_problems: dict[int, list[RowProblem]] = {}
        for problem in plan.problems:
            if problem.row is None:
                continue
            if problem.column_index is not None:
                self.cell_problems.setdefault((problem.row, problem.column_index), []).append(problem)
            else:
                self.row_problems.setdefault(problem.row, []).append(problem)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.headers) + 1

    def problems_at(self, row: int, column: int) -> list[RowProblem]:
        number = self.table.rows[row].number
        if column == 0:
            return self.row_problems.get(number, []) + [
                p for (r, _c), found in self.cell_problems.items() if r == number for p in found
            ]
        return self.cell_problems.get((number, column - 1), [])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        raw = self.table.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return action_name(self.actions.get(raw.number, ""))
            return raw.cells[column - 1] if column - 1 < len(raw.cells) else ""
        problems = self.problems_at(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(p.message(self.lang) for p in problems)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column > 0 and problems:
                return ERROR_BACKGROUND
            if self.row_problems.get(raw.number):
                return ROW_ERROR_BACKGROUND
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self.table.rows[section].number)  # the row number the spreadsheet shows
        if section == 0:
            return QCoreApplication.translate("ImportPreview", "Result")
        return self.table.headers[section - 1]
