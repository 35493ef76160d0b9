"""The window's pages, one shown at a time, each in a scroll frame of its own.

A QStackedWidget is as large as its largest page's minimum, and the main window grows to hold it: at 1920×1080 with
scale factor 2 (960×540) the Reports and Sync pages pushed the window past the bottom of the screen. In a frame a
page scrolls inside the window instead; on a screen with room the frame shows no scroll bar and is not seen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QScrollArea, QStackedWidget, QWidget


class PageStack(QStackedWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._shown_as: dict[QWidget, QWidget] = {}  # page → what the stack holds for it (its frame, or itself)

    def add_page(self, page: QWidget) -> None:
        held = page if isinstance(page, QAbstractScrollArea) else _framed(page)  # the dashboard scrolls already
        self._shown_as[page] = held
        self.addWidget(held)

    def show_page(self, page: QWidget) -> None:
        self.setCurrentWidget(self._shown_as[page])

    def current_page(self) -> QWidget | None:
        shown = self.currentWidget()
        return shown.widget() if isinstance(shown, _PageFrame) else shown


class _PageFrame(QScrollArea):
    """Not a stop of the Tab key: focus goes straight to the page's own widgets (QScrollArea scrolls to them)."""


def _framed(page: QWidget) -> QScrollArea:
    frame = _PageFrame()
    frame.setFrameShape(QFrame.Shape.NoFrame)
    frame.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    frame.setWidgetResizable(True)  # the page fills the frame, and scrolls only below its minimum size
    frame.setWidget(page)
    return frame
