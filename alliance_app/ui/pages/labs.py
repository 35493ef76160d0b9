"""The lab partnerships page: joint and key labs with their partner members and outputs."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from alliance_app.ui.list_page import RecordListPage, list_page_info
from alliance_app.ui.workspace import Workspace


class LabsPage(RecordListPage):
    PAGE = list_page_info(
        "labs", str(QT_TRANSLATE_NOOP("MainWindow", "Lab partnerships")), "lab_partnership", importable=True
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
