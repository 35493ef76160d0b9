"""The import wizard's first steps: choose the file (read in the background), then match its columns (the rows are
checked in the background)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from alliance_app.services.transfer import IMPORT_KINDS, KIND_LABELS, TransferError, columns
from alliance_app.ui.error_dialog import show_error
from alliance_app.ui.transfer.import_state import FileRead, ImportState, check_file, read_file
from alliance_app.ui.transfer.step_work import StepWork
from alliance_app.ui.workspace import Workspace

FILE_FILTER = "*.xlsx *.xls *.ods *.csv"
IGNORED = ""  # the mapping combo's "leave this column out"


class FilePage(QWizardPage):
    def __init__(self, state: ImportState, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.workspace = state, workspace
        self.work = StepWork(self, lambda: workspace.runner, QLabel(self))
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx, .xls), an OpenDocument sheet (.ods) or a CSV file."))
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("importKind")
        for kind in IMPORT_KINDS:
            self.kind_box.addItem(KIND_LABELS[kind][0 if workspace.lang == "zh" else 1], kind)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(state.kind), 0))
        self.kind_box.setEnabled(not state.fixed_kind)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText(self.tr("Path of the file to import"))
        self.path_edit.textChanged.connect(self._path_changed)
        self.sheet_box = QComboBox(self)
        self.sheet_box.setObjectName("importSheet")
        self.sheet_label = QLabel(self.tr("Sheet"), self)
        self.sheet_path: Path | None = None  # the file whose sheets the box lists
        self._show_sheets(False)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        self.error = QLabel(self)
        self.error.setObjectName("importError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.help = QLabel(self._help_text(), self)
        self.help.setObjectName("importHelp")
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("Records"), self), 0, 0)
        grid.addWidget(self.kind_box, 0, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("File"), self), 1, 0)
        grid.addWidget(self.path_edit, 1, 1)
        grid.addWidget(browse, 1, 2)
        grid.addWidget(self.sheet_label, 2, 0)
        grid.addWidget(self.sheet_box, 2, 1, 1, 2)
        grid.addWidget(self.error, 3, 0, 1, 3)
        grid.addWidget(self.work.busy, 4, 0, 1, 3)
        grid.addWidget(self.help, 5, 0, 1, 3)
        grid.setRowStretch(6, 1)
        grid.setColumnStretch(1, 1)

    def _help_text(self) -> str:
        return "\n".join(
            [
                self.tr(
                    "Columns are recognised by their Chinese or English names and the words rosters use "
                    "(“单位类别”, “所属市州”, “加入时间”, “主要领域”, “是否高新技术企业”, “起止时间” …); "
                    "the next step shows the match and lets you choose the field of any other column."
                ),
                self.tr(
                    "Dates: 2024-03-31, 2024/3/31, 2024.3.31 or “2024年3月31日”. A year and month (2024.3, 202403) is "
                    "stored as the first of that month, and the preview lists it. A year alone is refused."
                ),
                self.tr(
                    "Amounts: a number is in the column's unit; “1.2亿”, “850万”, “3千元” or “500000元” are "
                    "converted into it and listed. A total row (“合计”, “共13家”) and rows with only a serial number "
                    "are left out."
                ),
                self.tr(
                    "A cell merged down over several rows gives its value to each of them. A comma in a number must "
                    "group thousands (1,200.5); “0,5” is refused. Invisible characters, line breaks and padding "
                    "spaces in names are taken out. The preview lists each."
                ),
                self.tr(
                    "A workbook opens on the first sheet whose header names known columns; choose another sheet "
                    "here after the first Next."
                ),
            ]
        )

    def initializePage(self) -> None:
        # Typing starts in the path (or the kind, where the wizard asks for one), not on a button: a keyboard user
        # types the path and presses Enter for Next.
        (self.kind_box if self.kind_box.isEnabled() else self.path_edit).setFocus(Qt.FocusReason.OtherFocusReason)

    def _path_changed(self, _text: str) -> None:
        self.completeChanged.emit()

    def _show_sheets(self, shown: bool) -> None:
        self.sheet_box.setVisible(shown)
        self.sheet_label.setVisible(shown)

    def browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import from a spreadsheet"), "", self.tr("Spreadsheets") + f" ({FILE_FILTER})"
        )
        if name:
            self.path_edit.setText(name)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and not self.work.running

    def validatePage(self) -> bool:
        kind = str(self.kind_box.currentData())
        path = Path(self.path_edit.text().strip())
        if not path.is_file():
            missing = self.tr("There is no file at %1; check the path or choose it with Browse…")
            self.error.setText(missing.replace("%1", str(path)))
            return False
        # The sheet picked in the box, once it lists this file's sheets; else the first whose header matches.
        sheet = self.sheet_box.currentData() if self.sheet_path == path and self.sheet_box.count() else None
        self.error.clear()
        return self.work.validate(
            lambda: read_file(kind, path, sheet), lambda r, e: self._read(kind, r, e), self.tr("Reading the file…")
        )

    def _read(self, kind: str, read: FileRead | None, error: BaseException | None) -> bool:
        """On the main thread, once the file is read: keeps what was found, or says why it cannot be read."""
        if error is not None or read is None:
            return self._refused(error)
        self._list_sheets(read.path, read.table.sheets, read.table.sheet)
        self.state.kind, self.state.path, self.state.table, self.state.match = kind, read.path, read.table, read.match
        self.error.clear()
        return True

    def _refused(self, error: BaseException | None) -> bool:
        self.error.setText(_refusal(self, error, self.workspace.lang))
        return False

    def _list_sheets(self, path: Path, sheets: list[str], chosen: str | None) -> None:
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        for name in sheets:
            self.sheet_box.addItem(name, name)
        self.sheet_box.setCurrentIndex(max(self.sheet_box.findData(chosen), 0))
        self.sheet_box.blockSignals(False)
        self.sheet_path = path
        self._show_sheets(len(sheets) > 1)


class MappingPage(QWizardPage):
    """Each column of the file and the field it fills; columns no field recognised wait for the user's choice."""

    def __init__(self, state: ImportState, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.workspace = state, workspace
        self.work = StepWork(self, lambda: workspace.runner, QLabel(self))
        self.setTitle(self.tr("Match the columns"))
        self.grid = QTableWidget(self)
        self.grid.setObjectName("columnMapping")
        self.grid.setColumnCount(2)
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.combos: list[QComboBox] = []
        self.error = QLabel(self)
        self.error.setObjectName("mappingError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.work.busy)

    def initializePage(self) -> None:
        state, lang = self.state, self.workspace.lang
        assert state.table is not None and state.match is not None
        headers, match = state.table.headers, state.match
        unknown = len(match.unknown)
        waiting = self.tr("%1 column(s) were not recognised: choose the field each one fills, or leave it out.")
        subtitle = (
            waiting.replace("%1", str(unknown))
            if unknown
            else self.tr("Every column was recognised. Check the matches, or leave a column out.")
        )
        likelier = match.likelier.message(lang) if match.likelier is not None else ""  # a roster on Projects
        self.setSubTitle(f"{subtitle}\n{likelier}" if likelier else subtitle)
        self.grid.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Field")])
        self.grid.setRowCount(len(headers))
        self.combos = []
        choices = [(IGNORED, self.tr("— leave out —"))] + [(c.name, c.label(lang)) for c in columns(state.kind)]
        for row, header in enumerate(headers):
            item = QTableWidgetItem(header or self.tr("(no header)"))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.grid.setItem(row, 0, item)
            combo = QComboBox(self.grid)
            combo.setObjectName(f"mapColumn{row}")
            for name, label in choices:
                combo.addItem(label, name)
            combo.setCurrentIndex(max(combo.findData(match.mapping.get(row, IGNORED)), 0))
            if row in dict(match.unknown):
                combo.setStyleSheet("background: #fff4e5;")  # waiting for the user's choice
            self.grid.setCellWidget(row, 1, combo)
            self.combos.append(combo)
        self.grid.resizeColumnToContents(0)
        self.error.setText("\n".join(p.message(lang) for p in match.problems))

    def chosen(self) -> dict[int, str]:
        return {i: str(c.currentData()) for i, c in enumerate(self.combos) if c.currentData()}

    def choose(self, column: int, name: str) -> None:
        """Maps file column `column` to the field `name` ("" leaves it out), as the combo box does."""
        self.combos[column].setCurrentIndex(max(self.combos[column].findData(name), 0))

    def isComplete(self) -> bool:
        return not self.work.running

    def validatePage(self) -> bool:
        state, lang = self.state, self.workspace.lang
        mapping = self.chosen()
        twice = sorted({n for n in mapping.values() if list(mapping.values()).count(n) > 1})
        if twice:
            labels = {c.name: c.label(lang) for c in columns(state.kind)}
            named = ", ".join(labels[n] for n in twice)
            twice_text = self.tr("Two columns fill the same field (%1): leave one of them out.")
            self.error.setText(twice_text.replace("%1", named))
            return False
        table, kind, desk = state.table, state.kind, self.workspace.desk
        assert table is not None
        self.error.clear()
        return self.work.validate(
            lambda: check_file(desk, kind, table, mapping),
            lambda r, e: self._checked(mapping, r, e),
            self.tr("Checking %n row(s)…", "", len(table.rows)),
        )

    def _checked(self, mapping: dict[int, str], plan: Any, error: BaseException | None) -> bool:
        if error is not None:
            return self._refused(error)
        self.state.mapping, self.state.plan = mapping, plan
        self.error.clear()
        return True

    def _refused(self, error: BaseException | None) -> bool:
        self.error.setText(_refusal(self, error, self.workspace.lang))
        return False


def _refusal(page: QWizardPage, error: BaseException | None, lang: str) -> str:
    """The sentence a step shows under its fields; an error no step expects (a bug, a disk failure) goes to the
    window's one error dialog instead."""
    if isinstance(error, TransferError):
        return error.message(lang)
    show_error(page, error or RuntimeError("no answer from the background work"), lang)
    return ""
