"""The desktop application on an open store: the desk, the translators and the main window, rebuilt on a change of
language, role or contents. start.py opens the store and hands it here once the window's frame is on screen."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from alliance_app.models import RECORDS_BY_KIND
from alliance_app.services import Desk, RecordQuery, actor_from_settings
from alliance_app.settings import Settings, load_settings, save_settings
from alliance_app.store import meta_keys
from alliance_app.ui import window_state
from alliance_app.ui.change_hub import ChangeHub
from alliance_app.ui.directory import MemberNames
from alliance_app.ui.fonts import UI_FONT_FAMILY, latin_first_in_english
from alliance_app.ui.language import Translators, resolve_language
from alliance_app.ui.main_window import MainWindow
from alliance_app.ui.qt_app import qt_app
from alliance_app.ui.runner import OperationRunner, ThreadPoolRunner
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
        latin_first_in_english(qt_app(), lang, UI_FONT_FAMILY)
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

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.sync.cancel()  # a running sync stops at its next step; what it did is kept
        if isinstance(self.runner, ThreadPoolRunner):
            self.runner.wait()
        self.translators.remove()
        if self._desk_sync is not None:
            self._desk_sync.close()
        self.desk.close()


# The application object, by its older name (tests and benchmarks build windows on it).
_qt_app = qt_app
