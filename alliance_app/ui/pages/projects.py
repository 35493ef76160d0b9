"""The projects page: demonstration projects, application scenarios, challenges and R&D of all members."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from alliance_app.ui.list_page import RecordListPage
from alliance_app.ui.workspace import Workspace


class ProjectsPage(RecordListPage):
    importable = True

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, "project", parent)

    def page_title(self) -> str:
        return self.tr("Projects")
