"""The import wizard: pick a file → map its columns → preview with the problems marked → import with progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
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
    QWizard,
    QWizardPage,
)

from alliance_app.services.transfer import (
    IMPORT_KINDS,
    KIND_LABELS,
    HeaderMatch,
    ImportPlan,
    ImportResult,
    RawTable,
    TransferError,
    check_rows,
    columns,
    is_known_header,
    match_headers,
    read_table,
)
from alliance_app.ui.transfer.import_steps import ImportPage, PreviewPage, SummaryPage
from alliance_app.ui.workspace import Workspace

FILE_FILTER = "*.xlsx *.xls *.ods *.csv"
IGNORED = ""  # the mapping combo's "leave this column out"


class ImportWizard(QWizard):
    """Holds what the steps found: the file's table, the column mapping, the checked plan, the result."""

    def __init__(
        self, workspace: Workspace, kind: str = "member", parent: QWidget | None = None, fixed_kind: bool = False
    ):
        super().__init__(parent)
        self.workspace, self.kind, self.fixed_kind = workspace, kind, fixed_kind
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import from a spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(960, 680)
        self.path: Path | None = None
        self.table: RawTable | None = None
        self.match: HeaderMatch | None = None
        self.mapping: dict[int, str] = {}
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.import_page, self.summary_page):
            self.addPage(page)

    @property
    def lang(self) -> str:
        return self.workspace.lang

    def kind_label(self) -> str:
        return KIND_LABELS[self.kind][0 if self.lang == "zh" else 1]

    def done(self, code: int) -> None:
        if self.import_page.task is not None and self.import_page.task.running:
            self.import_page.task.cancel()  # closing the window mid-import undoes it: all or nothing
            return
        super().done(code)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx, .xls), an OpenDocument sheet (.ods) or a CSV file."))
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("importKind")
        for kind in IMPORT_KINDS:
            self.kind_box.addItem(KIND_LABELS[kind][0 if wizard.lang == "zh" else 1], kind)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(wizard.kind), 0))
        self.kind_box.setEnabled(not wizard.fixed_kind)
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
        grid.addWidget(self.help, 4, 0, 1, 3)
        grid.setRowStretch(5, 1)
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
                    "A workbook opens on the first sheet whose header names known columns; choose another sheet "
                    "here after the first Next."
                ),
            ]
        )

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
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        wizard = self.owner
        wizard.kind = str(self.kind_box.currentData())
        path = Path(self.path_edit.text().strip())
        if not path.is_file():
            missing = self.tr("There is no file at %1; check the path or choose it with Browse…")
            self.error.setText(missing.replace("%1", str(path)))
            return False
        # The sheet picked in the box, once it lists this file's sheets; else the first whose header matches.
        sheet = self.sheet_box.currentData() if self.sheet_path == path and self.sheet_box.count() else None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            wizard.table = read_table(path, sheet=sheet, is_header=is_known_header(wizard.kind))
        except TransferError as error:
            self.error.setText(error.message(wizard.lang))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._list_sheets(path, wizard.table.sheets, wizard.table.sheet)
        wizard.path = path
        wizard.match = match_headers(wizard.kind, wizard.table.headers)
        self.error.clear()
        return True

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

    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.owner = wizard
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

    def initializePage(self) -> None:
        wizard = self.owner
        assert wizard.table is not None and wizard.match is not None
        headers, match = wizard.table.headers, wizard.match
        unknown = len(match.unknown)
        waiting = self.tr("%1 column(s) were not recognised: choose the field each one fills, or leave it out.")
        self.setSubTitle(
            waiting.replace("%1", str(unknown))
            if unknown
            else self.tr("Every column was recognised. Check the matches, or leave a column out.")
        )
        self.grid.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Field")])
        self.grid.setRowCount(len(headers))
        self.combos = []
        choices = [(IGNORED, self.tr("— leave out —"))] + [(c.name, c.label(wizard.lang)) for c in columns(wizard.kind)]
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
        self.error.setText("\n".join(p.message(wizard.lang) for p in match.problems))

    def chosen(self) -> dict[int, str]:
        return {i: str(c.currentData()) for i, c in enumerate(self.combos) if c.currentData()}

    def choose(self, column: int, name: str) -> None:
        """Maps file column `column` to the field `name` ("" leaves it out), as the combo box does."""
        self.combos[column].setCurrentIndex(max(self.combos[column].findData(name), 0))

    def validatePage(self) -> bool:
        wizard = self.owner
        mapping = self.chosen()
        twice = sorted({n for n in mapping.values() if list(mapping.values()).count(n) > 1})
        if twice:
            labels = {c.name: c.label(wizard.lang) for c in columns(wizard.kind)}
            named = ", ".join(labels[n] for n in twice)
            twice_text = self.tr("Two columns fill the same field (%1): leave one of them out.")
            self.error.setText(twice_text.replace("%1", named))
            return False
        assert wizard.table is not None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            wizard.mapping = mapping
            wizard.plan = check_rows(wizard.workspace.desk, wizard.kind, wizard.table, mapping)
        except TransferError as error:
            self.error.setText(error.message(wizard.lang))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return True


def open_import_wizard(
    workspace: Workspace, kind: str, parent: QWidget | None, fixed_kind: bool = True
) -> ImportWizard:
    wizard = ImportWizard(workspace, kind, parent, fixed_kind=fixed_kind)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.open()
    return wizard


__all__ = ["ImportWizard", "open_import_wizard"]
