"""The window's frame while the store opens: the sidebar, the menus' titles and the status bar, nothing to act on.

It is on screen before the models, the store and the pages are imported (they take most of a second), so the user
sees Alliance Desk at once; the main window takes its place, at the same size and spot, when the store is open.
Only Qt and modules that import nothing of the store layer may be imported here (tests/ui/test_start_sequence.py)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QWidget

from alliance_app.ui import window_state
from alliance_app.ui.page_info import TITLE_CONTEXT
from alliance_app.ui.screen_fit import place_window
from alliance_app.ui.sidebar import Sidebar
from alliance_app.ui.window_state import WindowState

# The pages' titles in the sidebar's order, as the page classes declare them (navigation.DESK_PAGES); the pages
# themselves import the store layer, so the frame names them here. tests/ui/test_start_sequence.py keeps the two
# equal.
SIDEBAR_TITLES = (
    QT_TRANSLATE_NOOP("MainWindow", "Dashboard"),
    QT_TRANSLATE_NOOP("MainWindow", "Members"),
    QT_TRANSLATE_NOOP("MainWindow", "Projects"),
    QT_TRANSLATE_NOOP("MainWindow", "Resource sharing"),
    QT_TRANSLATE_NOOP("MainWindow", "Lab partnerships"),
    QT_TRANSLATE_NOOP("MainWindow", "Events"),
    QT_TRANSLATE_NOOP("MainWindow", "Reports"),
    QT_TRANSLATE_NOOP("MainWindow", "Sync"),
)
# A frame shown but never painted (minimized at start) still opens the store after this long.
UNPAINTED_MS = 1000
# The main window's menus, so the frame does not jump by a menu bar's height when the main window takes its place.
MENU_TITLES = ("&File", "&Edit", "&Go", "&Sync", "&Help")


class OpeningWindow(QMainWindow):
    """Says the data file is being opened; emits `on_screen` once, after its first paint (the store's work starts
    then, so it does not hold up the first paint), or a second after it was shown where the platform does not
    paint it (started minimized), so the store is opened all the same."""

    on_screen = Signal()

    def __init__(self, state: WindowState):
        super().__init__()
        self.setObjectName("openingWindow")
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "Alliance Desk"))
        self.sidebar = Sidebar([QCoreApplication.translate(TITLE_CONTEXT, str(t)) for t in SIDEBAR_TITLES], self)
        self.sidebar.setEnabled(False)  # no page can be chosen before its data is there
        self.notice = QLabel(self.opening_text(), self)
        self.notice.setObjectName("openingNotice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.notice, 1)
        self.setCentralWidget(central)
        for title in MENU_TITLES:
            menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", title))
            if title == "&File":  # the one thing to do while waiting: give up
                quit_action = menu.addAction(QCoreApplication.translate("MainWindow", "Quit"), self.close)
                quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
            else:
                menu.setEnabled(False)
        self.statusBar().showMessage(self.opening_text())
        geometry = state.bytes(window_state.GEOMETRY)
        place_window(self, restored=geometry is not None and self.restoreGeometry(geometry))
        self._announced = False

    @staticmethod
    def opening_text() -> str:
        return QCoreApplication.translate("OpeningWindow", "Opening the data file…")

    def loading_demo(self) -> None:
        """`--demo` on an empty store: the demo alliance is being written before the window opens on it."""
        text = QCoreApplication.translate("OpeningWindow", "Loading the demo alliance…")
        self.notice.setText(text)
        self.statusBar().showMessage(text)

    def failed(self) -> None:
        """The store could not be opened: the error dialog over the frame says why."""
        text = QCoreApplication.translate("OpeningWindow", "The data file could not be opened.")
        self.notice.setText(text)
        self.statusBar().showMessage(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(UNPAINTED_MS, self, self._announce)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        QTimer.singleShot(0, self, self._announce)  # after this paint has reached the screen

    def _announce(self) -> None:
        if not self._announced:
            self._announced = True
            self.on_screen.emit()
