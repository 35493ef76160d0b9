"""The lab partnerships page: joint and key labs with their partner members and outputs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from alliance_app.ui.list_page import RecordListPage
from alliance_app.ui.workspace import Workspace


class LabsPage(RecordListPage):
    importable = True

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, "lab_partnership", parent)

    def page_title(self) -> str:
        return self.tr("Lab partnerships")
