"""The events page: alliance meetings, and for the chosen one the check-in at the venue."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from alliance_app.ui.list_page import RecordListPage
from alliance_app.ui.pages.checkin import CheckInPanel
from alliance_app.ui.workspace import Workspace


class EventsPage(RecordListPage):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, "event", parent)
        self.check_in = CheckInPanel(workspace, self)
        self.body.addWidget(self.check_in, 3)
        self.selection_changed.connect(self.check_in.show_event)

    def page_title(self) -> str:
        return self.tr("Events")
