"""Windows and dialogs that fit the screen they open on: 1366×768 laptops (also at scale 1.5), 1280×720 projectors,
scale factor 2 on 1920×1080. The pages scroll inside the window (page_stack.py) rather than grow it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# The window's size on a large screen; smaller screens get a share of what they have.
PREFERRED_WINDOW = QSize(1280, 820)
SCREEN_SHARE = 0.92
# A window manager's title bar is outside frameGeometry until the window is mapped: leave room for it.
TITLE_BAR_ALLOWANCE = 32


def available(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (else the primary screen) not taken by task bars and panels."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def first_window_size(area: QRect) -> QSize:
    """The size of a window opened for the first time on `area`."""
    return QSize(
        min(PREFERRED_WINDOW.width(), int(area.width() * SCREEN_SHARE)),
        min(PREFERRED_WINDOW.height(), int(area.height() * SCREEN_SHARE) - TITLE_BAR_ALLOWANCE),
    )


def clamp(rect: QRect, area: QRect, frame: QSize | None = None) -> QRect:
    """`rect` (a client area) made small enough that it and its window `frame` fit `area` with room for the
    title bar, and moved inside it."""
    extra = frame or QSize(0, 0)
    room = QSize(area.width() - extra.width(), area.height() - TITLE_BAR_ALLOWANCE - extra.height())
    size = QSize(min(rect.width(), room.width()), min(rect.height(), room.height()))
    x = min(max(rect.x(), area.x()), area.right() + 1 - size.width() - extra.width())
    y = min(max(rect.y(), area.y() + TITLE_BAR_ALLOWANCE), area.bottom() + 1 - size.height() - extra.height())
    return QRect(QPoint(x, y), size)


def _frame(widget: QWidget) -> QSize:
    """What the window frame adds to the client area (known once the window is mapped; else nothing)."""
    return widget.frameGeometry().size() - widget.geometry().size()


def place_window(window: QWidget, restored: bool) -> None:
    """A first window is sized from the screen and centred; a restored one (saved on another, larger screen or
    at another scale) is clamped to the screen it is on now."""
    area = available(window)
    if not restored:
        size = first_window_size(area)
        window.resize(size)
        window.move(area.center() - QPoint(size.width() // 2, size.height() // 2))
        return
    fitted = clamp(window.geometry(), area, _frame(window))
    if fitted != window.geometry():
        window.resize(fitted.size())
        window.move(fitted.topLeft())


def fit_dialog(dialog: QWidget) -> None:
    """Shrinks a dialog to the screen (its content scrolls inside; its buttons stay on screen), centres it over
    its window the first time it is shown, and keeps it inside the screen."""
    area = available(dialog.parentWidget() or dialog)
    wanted = dialog.size().expandedTo(dialog.minimumSizeHint())
    place = QRect(dialog.pos(), wanted)
    parent = dialog.parentWidget()
    owner = parent.window() if parent is not None else None
    if owner is not None and not dialog.testAttribute(Qt.WidgetAttribute.WA_Moved):
        place.moveCenter(owner.frameGeometry().center())
    fitted = clamp(place, area, _frame(dialog))
    if fitted.size() != dialog.size():
        dialog.resize(fitted.size())
    if fitted.topLeft() != dialog.pos():
        dialog.move(fitted.topLeft())


class DialogFitter(QObject):
    """Installed on the application: every dialog (ours, message boxes, file dialogs, the import wizard) is fitted
    to its screen as it is shown, so no Save or OK button is ever below the screen's edge."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            fit_dialog(watched)
            # Again once its own showEvent has run: a message box sizes itself to its text only then.
            QTimer.singleShot(0, watched, lambda: fit_dialog(watched))
        return False


def fit_every_dialog(app: QApplication) -> None:
    if app.property("alliance_dialog_fitter") is None:
        fitter = DialogFitter(app)
        app.installEventFilter(fitter)
        app.setProperty("alliance_dialog_fitter", True)
