"""Starts the desktop window as desktop applications do: the window first, the data after.

Before the first paint only cheap things run — Qt, the settings (for the language), the single-instance check,
the translations and the window's frame (opening_window.py). The models, the store and the pages take most of a
second to import, so they are imported, and the store opened (lock, migrations after a backup), on the store's
single writer queue (runner.py) once the frame is on screen; then the main window takes the frame's place.
Every error opening the store can raise reaches the user as its own sentence, over the frame.

This module and those it imports at the top must not import the store layer (sqlalchemy, alliance_app.models,
alliance_app.services): tests/ui/test_start_sequence.py checks it in a fresh process."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from alliance_app.settings import load_settings
from alliance_app.store.paths import data_dir as store_folder
from alliance_app.ui.fonts import UI_FONT_FAMILY, latin_first_in_english
from alliance_app.ui.language import Translators, resolve_language
from alliance_app.ui.opening_window import OpeningWindow
from alliance_app.ui.qt_app import qt_app
from alliance_app.ui.runner import OperationRunner, ThreadPoolRunner
from alliance_app.ui.single_instance import RunningWindow, ask_running_window
from alliance_app.ui.window_state import WindowState

if TYPE_CHECKING:
    from alliance_app.services import Desk
    from alliance_app.ui.app import DeskApplication


class Launch(QObject):
    """One start of the window on a data folder. `ready(desk_app)` when the main window is up; `ended(code)` when
    the start failed and the user has closed the dialog saying why."""

    ready = Signal(object)
    ended = Signal(int)
    demo_loading = Signal()  # emitted on the worker; Qt delivers it to the frame on the GUI thread

    def __init__(
        self,
        data_dir: str | None,
        requested_lang: str | None,
        runner: OperationRunner | None = None,
        *,
        demo: bool = False,
    ):
        super().__init__()
        self.data_dir = data_dir
        self.demo = demo  # `alliance-app --demo`: an empty store gets the demo alliance before the window shows it
        self.folder = store_folder(data_dir)
        self.requested_lang = requested_lang
        self.runner = runner or ThreadPoolRunner(self)
        # Read here for the language; a damaged file is set aside by this read, so its notice is passed on to the
        # desk (whose own read then finds no file) and said over the main window as before.
        self.settings = load_settings(self.folder)
        self.lang = resolve_language(self.settings.language, requested_lang)
        self.translators = Translators()
        self.translators.apply(self.lang)
        latin_first_in_english(qt_app(), self.lang, UI_FONT_FAMILY)
        self.running = RunningWindow(self.folder, self)
        self.running.raise_requested.connect(self.bring_to_front)
        self.opening = OpeningWindow(WindowState(self.folder))
        self.opening.on_screen.connect(self.open_store)
        self.demo_loading.connect(self.opening.loading_demo)
        self.desk_app: DeskApplication | None = None
        self.error_box: QMessageBox | None = None
        self._desk: Desk | None = None  # opened by the worker; closed by close() if the window never took it
        self._asked = False

    def show(self) -> OpeningWindow:
        self.opening.show()
        return self.opening

    def open_store(self) -> None:
        """Queued behind the first paint; runs once."""
        if not self._asked:
            self._asked = True
            self.runner.submit(self._open_in_worker, self._opened, writes=True)

    def _open_in_worker(self) -> Desk:
        from alliance_app.services import Desk
        from alliance_app.ui import app  # noqa: F401  the main window's modules, imported off the GUI thread

        desk = self._desk = Desk.open(self.data_dir)
        if self.demo and not any(desk.status().counts.values()):  # a store holding records is left as it is
            from alliance_app.demo import load_demo

            self.demo_loading.emit()
            load_demo(desk.store, scale=1)
        return desk

    def _opened(self, desk: Desk | None, error: BaseException | None) -> None:
        if not self.opening.isVisible() and self.desk_app is None:
            return  # the user closed the frame while waiting: close() lets the store go
        if error is not None or desk is None:
            self._failed(error or RuntimeError("no store"))
            return
        from alliance_app.ui.app import DeskApplication

        desk.settings_notice = desk.settings_notice or self.settings.notice
        desk_app = self.desk_app = DeskApplication(desk, self.requested_lang, self.runner)
        self.translators.remove()  # the application's own take over (a language change swaps those)
        window = desk_app.build_window()
        window.restoreGeometry(self.opening.saveGeometry())  # where the user may have moved the frame meanwhile
        window.show()
        window.activateWindow()
        self.opening.hide()
        self.opening.deleteLater()
        desk_app.tell_settings_notice()
        self.ready.emit(desk_app)

    def _failed(self, error: BaseException) -> None:
        from alliance_app.ui.error_dialog import error_box

        self.opening.failed()
        box = self.error_box = error_box(self.opening, error, self.lang)
        box.finished.connect(self._refused)
        box.open()

    def _refused(self, _code: int) -> None:
        self.error_box = None  # it deletes itself on closing
        self.ended.emit(1)

    def current_window(self) -> QWidget | None:
        if self.desk_app is not None:
            return self.desk_app.window
        return self.opening

    def bring_to_front(self) -> None:
        """Another launch on this data folder: this window comes to the front instead of a second one."""
        window = self.current_window()
        if window is not None:
            window.showNormal() if window.isMinimized() else window.show()
            window.raise_()
            window.activateWindow()

    def close(self) -> None:
        self.running.server.close()  # a later launch on this folder no longer finds this one
        if self.desk_app is not None:
            self.desk_app.close()
            return
        if isinstance(self.runner, ThreadPoolRunner):
            self.runner.wait()
        self.translators.remove()
        if self._desk is not None:
            self._desk.close()


def run(data_dir: str | None, lang: str | None, *, demo: bool = False) -> int:
    """Opens the window on the store in `data_dir` (default: the user-data folder), first filling an empty store
    with the demo alliance if `demo`; returns the exit code."""
    app = qt_app()
    if ask_running_window(store_folder(data_dir)):
        return 0  # the window already open on this data folder comes to the front instead
    launch = Launch(data_dir, lang, demo=demo)
    launch.ended.connect(app.exit)
    launch.show()
    try:
        return app.exec()
    finally:
        launch.close()
