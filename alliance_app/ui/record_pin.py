"""A list showing only the records picked elsewhere (the records behind a dashboard number): a line saying which
and how many, and a button back to the whole list. Kept apart from list_page.py, which only asks it for filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class RecordListPage(Protocol):
    """What this module needs of a list page (list_page.py), named here so the two do not import each other."""

    pinned: PinnedRecords | None
    pinned_ids: list[str] | None
    body: QVBoxLayout

    def apply_filters(self) -> None: ...


class PinnedRecords(QFrame):
    """The line above a list that shows picked records only."""

    def __init__(self, page: RecordListPage, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("pinnedRecords")
        self.setStyleSheet("QFrame#pinnedRecords { background: #fff6e5; border: 1px solid #f0d9a8; }")
        self.caption = QLabel(self)
        self.caption.setObjectName("pinnedCaption")
        self.caption.setWordWrap(True)
        self.clear_button = QPushButton(QCoreApplication.translate("PinnedRecords", "Show all records"), self)
        self.clear_button.setObjectName("showAllButton")
        self.clear_button.clicked.connect(lambda: clear(page))
        layout = QHBoxLayout(self)
        layout.addWidget(self.caption, 1)
        layout.addWidget(self.clear_button)


def show_only(page: RecordListPage, ids: Sequence[str], caption: str) -> None:
    """Lists exactly `ids` on `page` (its search and chips still apply on top) with `caption` above."""
    if page.pinned is None:
        page.pinned = PinnedRecords(page, page)  # type: ignore[arg-type]  # the page is the widget
        page.body.insertWidget(1, page.pinned)
    page.pinned_ids = list(ids)
    page.pinned.caption.setText(caption)
    page.pinned.show()
    page.apply_filters()


def clear(page: RecordListPage) -> None:
    page.pinned_ids = None
    if page.pinned is not None:
        page.pinned.hide()
    page.apply_filters()


def with_pinned(ids: list[str] | None, filters: dict[str, Any]) -> dict[str, Any]:
    """The list's filters, narrowed to the picked records when there are any."""
    return filters if ids is None else {**filters, "id": ids}
