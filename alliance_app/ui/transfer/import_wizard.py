"""The import wizard: pick a file → map its columns → preview with the problems marked → import with progress.

The wizard only assembles the steps; what they find travels in one ImportState (import_state.py), so no step
imports the wizard or another step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard

from alliance_app.ui.transfer.import_file_steps import FilePage, MappingPage
from alliance_app.ui.transfer.import_state import ImportState
from alliance_app.ui.transfer.import_steps import ImportPage, PreviewPage, SummaryPage
from alliance_app.ui.workspace import Workspace


class ImportWizard(QWizard):
    def __init__(
        self, workspace: Workspace, kind: str = "member", parent: QWidget | None = None, fixed_kind: bool = False
    ):
        super().__init__(parent)
        self.workspace = workspace
        self.state = ImportState(kind, fixed_kind)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import from a spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(960, 680)
        self.file_page = FilePage(self.state, workspace, self)
        self.mapping_page = MappingPage(self.state, workspace, self)
        self.preview_page = PreviewPage(self.state, workspace, self)
        self.import_page = ImportPage(self.state, workspace, self)
        self.summary_page = SummaryPage(self.state, workspace, self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.import_page, self.summary_page):
            self.addPage(page)

    def done(self, code: int) -> None:
        if self.import_page.task is not None and self.import_page.task.running:
            self.import_page.task.cancel()  # closing the window mid-import undoes it: all or nothing
            return
        super().done(code)


def open_import_wizard(
    workspace: Workspace, kind: str, parent: QWidget | None, fixed_kind: bool = True
) -> ImportWizard:
    wizard = ImportWizard(workspace, kind, parent, fixed_kind=fixed_kind)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.open()
    return wizard


__all__ = ["ImportWizard", "open_import_wizard"]
