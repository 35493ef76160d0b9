"""The members page: the alliance's 73 members; opening one shows its detail."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from alliance_app.ui.list_page import RecordListPage, list_page_info
from alliance_app.ui.pages.member_detail import MemberDetail
from alliance_app.ui.workspace import Workspace


class MembersPage(RecordListPage):
    PAGE = list_page_info("members", str(QT_TRANSLATE_NOOP("MainWindow", "Members")), "member", importable=True)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)

    def open_record(self, record_id: str) -> QWidget:
        detail = MemberDetail(self.workspace, record_id, self)
        detail.open()
        return detail
