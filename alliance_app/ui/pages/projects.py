"""The projects page: demonstration projects, application scenarios, challenges and R&D of all members."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from alliance_app.ui.list_page import RecordListPage, list_page_info
from alliance_app.ui.workspace import Workspace


class ProjectsPage(RecordListPage):
    PAGE = list_page_info("projects", str(QT_TRANSLATE_NOOP("MainWindow", "Projects")), "project", importable=True)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
