"""Starts the desktop window: Qt, the bundled font, the language, the desk on the local store, the main window."""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from alliance_app.models import RECORDS_BY_KIND
from alliance_app.services import Desk, RecordQuery, actor_from_settings
from alliance_app.settings import Settings, load_settings, save_settings
from alliance_app.store import meta_keys
from alliance_app.store.errors import StoreError
from alliance_app.store.paths import data_dir as store_folder
from alliance_app.ui import window_state
from alliance_app.ui.change_hub import ChangeHub
from alliance_app.ui.directory import MemberNames
from alliance_app.ui.error_dialog import error_box
from alliance_app.ui.fonts import UI_FONT_FAMILY, latin_first_in_english, register_ui_fonts
from alliance_app.ui.language import Translators, resolve_language
from alliance_app.ui.main_window import MainWindow
from alliance_app.ui.runner import OperationRunner, ThreadPoolRunner
from alliance_app.ui.screen_fit import fit_every_dialog
from alliance_app.ui.single_instance import RunningWindow, ask_running_window
from alliance_app.ui.sync_controller import SyncController
from alliance_app.ui.window_state import WindowState
from alliance_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from alliance_app.sync.desk_sync import DeskSync


class DeskApplication(QObject):
    """Owns the desk, the translators and the main window; rebuilds the window when settings or the store's
    contents change wholesale (language, role, demo loaded), keeping its size and column layout."""

    def __init__(self, desk: Desk, requested_lang: str | None, runner: OperationRunner | None = None):
        super().__init__()
        self.desk = desk
        self.requested_lang = requested_lang
        self.runner = runner or ThreadPoolRunner(self)
        self.translators = Translators()
        self.settings = load_settings(desk.store.data_dir)
        self.state = WindowState(desk.store.data_dir)
        self.window: MainWindow | None = None
        self.workspace: Workspace | None = None
        self._desk_sync: DeskSync | None = None  # made on first use; kept across window rebuilds
        self._desk_sync_lock = threading.Lock()  # first use may come from a worker and the window at once

    def build_window(self, first_run: bool | None = None) -> MainWindow:
        lang = resolve_language(self.settings.language, self.requested_lang)
        self.translators.apply(lang)
        latin_first_in_english(_qt_app(), lang, UI_FONT_FAMILY)
        hub = ChangeHub(self)
        members = MemberNames(self.desk, lang)
        hub.changed.connect(lambda changes: members.reload() if changes.touches("member") else None)
        sync = self._sync_controller(hub)
        self.workspace = Workspace(self.desk, self.runner, hub, sync, lang, self.state, self.settings, members)
        if first_run is None:  # one LIMIT 1 per kind: counting every record would hold up the window
            first_run = not any(self.desk.id_page(kind, RecordQuery(limit=1)) for kind in RECORDS_BY_KIND)
        window = MainWindow(self.workspace, first_run=first_run)
        window.settings_saved.connect(self.apply_settings)
        window.demo_loaded.connect(lambda: self.rebuild(page="dashboard"))
        self.window = window
        return window

    def _sync_controller(self, hub: ChangeHub) -> SyncController:
        if self._desk_sync is not None:
            self._desk_sync.settings = self.settings
        return SyncController(self.desk_sync, self.runner, hub, self.desk, self)

    def desk_sync(self) -> DeskSync:
        """The store's DeskSync, made on first use: the sync engine is not on the way to the first window."""
        with self._desk_sync_lock:
            if self._desk_sync is None:
                from alliance_app.sync.desk_sync import DeskSync

                self._desk_sync = DeskSync(self.desk.store, self.settings)
            return self._desk_sync

    def rebuild(self, page: str | None = None) -> MainWindow:
        old = self.window
        if old is not None:
            old.save_state()
            page = page or old.current_key()
            old.hide()
            old.deleteLater()
        if page:
            self.state.put(window_state.PAGE, page)
        window = self.build_window(first_run=False)
        window.show()
        return window

    def apply_settings(self, settings: Settings) -> None:
        save_settings(self.desk.store.data_dir, settings)
        self.settings = settings
        self.desk.actor = actor_from_settings(settings, self.desk.store.get_meta(meta_keys.ACCOUNT))
        self.rebuild()

    def tell_settings_notice(self) -> QMessageBox | None:
        """How settings.json was read (a newer version's file, a damaged one), said once over the window."""
        notice = self.desk.settings_notice
        if notice is None or self.window is None:
            return None
        lang = resolve_language(self.settings.language, self.requested_lang)
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Alliance Desk 联盟协作台", notice.message(lang), parent=self.window
        )
        box.open()  # not modal to the event loop: the window is usable behind it
        self.desk.settings_notice = None
        return box

    def bring_to_front(self) -> None:
        """Another launch on this data folder: show this window instead of a second one."""
        window = self.window
        if window is not None:
            window.showNormal() if window.isMinimized() else window.show()
            window.raise_()
            window.activateWindow()

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.sync.cancel()  # a running sync stops at its next step; what it did is kept
        if isinstance(self.runner, ThreadPoolRunner):
            self.runner.wait()
        self.translators.remove()
        if self._desk_sync is not None:
            self._desk_sync.close()
        self.desk.close()


def _qt_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Alliance Desk")
    app.setOrganizationName("HubeiAIAlliance")
    register_ui_fonts(app)
    fit_every_dialog(app)
    return app


def run(data_dir: str | None, lang: str | None) -> int:
    """Opens the window on the store in `data_dir` (default: the user-data folder); returns the exit code."""
    app = _qt_app()
    folder = store_folder(data_dir)
    if ask_running_window(folder):
        return 0  # the window already open on this data folder comes to the front instead
    try:
        desk = Desk.open(data_dir)
    except StoreError as error:
        Translators().apply(lang or "zh")
        error_box(None, error, lang or "zh").exec()  # the one error dialog, before any window exists
        return 1
    desk_app = DeskApplication(desk, lang)
    running = RunningWindow(folder, desk_app)
    running.raise_requested.connect(desk_app.bring_to_front)
    try:
        desk_app.build_window().show()
        desk_app.tell_settings_notice()
        return app.exec()
    finally:
        desk_app.close()
