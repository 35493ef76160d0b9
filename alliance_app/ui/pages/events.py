"""The events page: alliance meetings, and for the chosen one the check-in at the venue."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from alliance_app.ui.list_page import RecordListPage, list_page_info
from alliance_app.ui.pages.checkin import CheckInPanel
from alliance_app.ui.workspace import Workspace


class EventsPage(RecordListPage):
    PAGE = list_page_info("events", str(QT_TRANSLATE_NOOP("MainWindow", "Events")), "event")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self.check_in = CheckInPanel(workspace, self)
        self.body.addWidget(self.check_in, 3)
        self.selection_changed.connect(self.check_in.show_event)
