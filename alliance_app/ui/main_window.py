"""The main window: the sidebar of pages, the menus with their shortcuts, the status bar, the window's state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QMessageBox, QWidget

from alliance_app import __version__
from alliance_app.models import AllianceError
from alliance_app.ui import window_state
from alliance_app.ui.change_hub import DeletedRecord
from alliance_app.ui.display import kind_name
from alliance_app.ui.error_dialog import ask, explain
from alliance_app.ui.navigation import DESK_PAGES
from alliance_app.ui.page_info import Ability, PageInfo, page_info
from alliance_app.ui.page_stack import PageStack
from alliance_app.ui.pages.first_run import FirstRunPage
from alliance_app.ui.record_operations import restore_record
from alliance_app.ui.screen_fit import place_window
from alliance_app.ui.settings_dialog import SettingsDialog
from alliance_app.ui.sidebar import Sidebar
from alliance_app.ui.status_bar import SyncIndicator, WhoAmI
from alliance_app.ui.workspace import Workspace

if TYPE_CHECKING:  # opened on demand: the login dialog is not loaded before the window is shown
    from alliance_app.ui.login_dialog import LoginDialog


class MainWindow(QMainWindow):
    """Pages are built the first time they are shown, so the window opens quickly on a large store. The pages are
    the classes in `pages` (navigation.py by default), each declaring its key, title and abilities."""

    settings_saved = Signal(object)  # new Settings: the application rebuilds the window with them
    demo_loaded = Signal()

    def __init__(self, workspace: Workspace, first_run: bool = False, pages: Sequence[type] = DESK_PAGES):
        super().__init__()
        self.workspace = workspace
        self.setObjectName("mainWindow")
        self.page_types: dict[str, type] = {}  # key → page class, in the sidebar's order
        for page_type in pages:
            key = page_info(page_type).key
            if key in self.page_types:
                raise ValueError(f"two pages declare the key {key!r}")
            self.page_types[key] = page_type
        self.page_keys = list(self.page_types)
        self.pages: dict[str, QWidget] = {}
        self.stack = PageStack(self)
        self.sidebar = Sidebar(self.page_names(), self)
        self.sidebar.chosen.connect(lambda row: self.show_page(self.page_keys[row]))
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sync_indicator = SyncIndicator(workspace, self)
        self.who_am_i = WhoAmI(workspace, self)
        self.statusBar().addPermanentWidget(self.who_am_i)
        self.statusBar().addPermanentWidget(self.sync_indicator)
        workspace.sync.finished.connect(self._synced)
        # Any login (the menu, the Sync page, the first-run page) tells the same notice, e.g. "this run only".
        workspace.sync.logged_in.connect(self._logged_in)
        self._menus()
        self.update_title()
        workspace.hub.undoable.connect(self.on_deleted)
        self._restore_geometry()
        if first_run:
            self._first_run()
        else:
            self.show_page(str(workspace.state.value(window_state.PAGE, "dashboard")))

    def page_names(self) -> list[str]:
        return [self.info(key).display_title() for key in self.page_keys]

    def info(self, key: str) -> PageInfo:
        return page_info(self.page_types[key])

    # pages
    def page(self, key: str) -> QWidget:
        if key not in self.pages:
            page = self.pages[key] = self.page_types[key](self.workspace, self.stack)
            self.stack.add_page(page)
            if self.info(key).can(Ability.OPENS_RECORDS):
                page.records_requested.connect(self.show_records)
        return self.pages[key]

    def show_records(self, kind: str, ids: list[str], caption: str) -> QWidget:
        """Opens the list of `kind` showing exactly `ids` (a dashboard number's records)."""
        key = next(k for k in self.page_keys if self.info(k).kind == kind and self.info(k).can(Ability.SHOW_RECORDS))
        page = self.show_page(key)
        page.show_only(ids, caption)  # type: ignore[attr-defined]
        return page

    def show_page(self, key: str) -> QWidget:
        key = key if key in self.page_types else self.page_keys[0]
        page = self.page(key)
        self.stack.show_page(page)
        self.sidebar.setEnabled(True)
        self.sidebar.blockSignals(True)
        self.sidebar.select(self.page_keys.index(key))
        self.sidebar.blockSignals(False)
        self.new_action.setEnabled(self.info(key).can(Ability.NEW_RECORD))
        self.find_action.setEnabled(self.info(key).can(Ability.SEARCH))
        self.import_action.setEnabled(self.info(key).can(Ability.IMPORT))
        self.export_action.setEnabled(self.info(key).can(Ability.EXPORT))
        return page

    def current_key(self) -> str:
        current = self.stack.current_page()
        return next((k for k, p in self.pages.items() if p is current), self.page_keys[0])

    def _current_able(self, ability: Ability) -> QWidget | None:
        """The page shown, if it declares `ability` (the first-run page declares none)."""
        current = self.stack.current_page()
        key = next((k for k, p in self.pages.items() if p is current), None)
        return current if key is not None and self.info(key).can(ability) else None

    def _first_run(self) -> None:
        welcome = FirstRunPage(self.workspace, self.stack)
        self.stack.add_page(welcome)
        self.stack.show_page(welcome)
        self.sidebar.setEnabled(False)
        self.first_run_page = welcome
        welcome.skipped.connect(lambda: self.show_page("dashboard"))
        welcome.imported.connect(lambda: self.show_page("members"))
        welcome.demo_loaded.connect(self.demo_loaded)
        welcome.login_requested.connect(self._first_login)

    def _first_login(self) -> None:
        dialog = self.open_login()
        dialog.succeeded.connect(self._logged_in_first)

    def _logged_in_first(self, _result: object) -> None:
        self.show_page("sync")
        self.sync_now()

    # menus and shortcuts
    def _action(
        self, text: str, slot: Callable[[], object], keys: QKeySequence | QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.settings_action = self._action(self.tr("Settings…"), self.open_settings, "Ctrl+,")
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.import_action = self._action(self.tr("Import…"), self.import_records, "Ctrl+I")
        self.export_action = self._action(self.tr("Export…"), self.export_records, "Ctrl+E")
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit))
        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.new_action = self._action(self.tr("New record"), self.new_record, QKeySequence.StandardKey.New)
        self.find_action = self._action(self.tr("Search"), self.focus_search, QKeySequence.StandardKey.Find)
        self.undo_action = self._action(self.tr("Undo delete"), self.undo_delete, QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)
        for action in (self.new_action, self.find_action, self.undo_action):
            edit_menu.addAction(action)
        go_menu = bar.addMenu(self.tr("&Go"))
        for i, (key, name) in enumerate(zip(self.page_keys, self.page_names(), strict=True)):
            keys = f"Ctrl+{i + 1}" if i < 9 else None  # Ctrl+1 … Ctrl+9
            go_menu.addAction(self._action(name, partial(self.show_page, key), keys))
        sync_menu = bar.addMenu(self.tr("&Sync"))
        sync_menu.setToolTipsVisible(True)
        self.sync_action = self._action(self.tr("Sync now"), self.sync_now, "Ctrl+Shift+Y")
        self.login_action = self._action(self.tr("Log in…"), self.open_login)
        self.logout_action = self._action(self.tr("Log out"), self.log_out)
        for action in (self.sync_action, self.login_action, self.logout_action):
            sync_menu.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("Keyboard and guide"), self.open_help, "F1"))
        help_menu.addAction(self._action(self.tr("About Alliance Desk"), self.about))

    # sync
    def sync_now(self) -> None:
        self.workspace.sync.sync()

    def _synced(self, _result: object, error: BaseException | None) -> None:
        if isinstance(error, AllianceError):
            self.statusBar().showMessage(explain(error, self.workspace.lang)[0], 30_000)
        if getattr(error, "code", None) in ("not_logged_in", "login_expired"):
            self.open_login()  # the way forward is a login, right here

    def open_login(self) -> LoginDialog:
        from alliance_app.ui.login_dialog import open_login

        dialog = self.login_dialog = open_login(self.workspace, self)
        return dialog

    def _logged_in(self, result: object) -> None:
        warning = getattr(result, "warning", None)  # no keyring: the login lasts for this run only
        text = warning.message(self.workspace.lang) if warning is not None else self.tr("Logged in.")
        self.statusBar().showMessage(text, 15_000)

    def log_out(self) -> None:
        self.workspace.sync.logout()
        self.statusBar().showMessage(self.tr("Logged out; your records and unsent edits stay on this computer."), 8000)

    def new_record(self) -> None:
        page = self._current_able(Ability.NEW_RECORD)
        if page is not None:
            page.new_record()  # type: ignore[attr-defined]

    def import_records(self) -> None:
        page = self._current_able(Ability.IMPORT)
        if page is not None:
            page.import_records()  # type: ignore[attr-defined]

    def export_records(self) -> None:
        page = self._current_able(Ability.EXPORT)
        if page is not None:
            page.choose_export_file()  # type: ignore[attr-defined]

    def focus_search(self) -> None:
        page = self._current_able(Ability.SEARCH)
        if page is not None:
            page.focus_search()  # type: ignore[attr-defined]

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.workspace, self)
        dialog.saved.connect(self.settings_saved)
        dialog.open()
        return dialog

    def open_help(self) -> QWidget:
        from alliance_app.ui.help_dialog import HelpDialog

        dialog = HelpDialog(self)
        dialog.open()
        return dialog

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Alliance Desk"),
            self.tr(
                "Alliance Desk %1 — records, sync and annual report of the Hubei AI Industry Innovation Alliance."
            ).replace("%1", __version__),
        )

    # deletes and their undo
    def on_deleted(self, deleted: DeletedRecord) -> None:
        self.undo_action.setEnabled(True)
        self.undo_action.setText(self.tr("Undo delete of “%1”").replace("%1", deleted.title))
        self.statusBar().showMessage(
            self.tr("Deleted %1 “%2”. Undo with Ctrl+Z.")
            .replace("%1", kind_name(deleted.kind))
            .replace("%2", deleted.title),
            15_000,
        )

    def undo_delete(self) -> None:
        deleted = self.workspace.hub.take_undo()
        if deleted is None:
            return
        self.undo_action.setEnabled(False)
        self.undo_action.setText(self.tr("Undo delete"))
        restore_record(self.workspace, self, deleted).success(
            lambda _c: self.statusBar().showMessage(self.tr("Restored “%1”.").replace("%1", deleted.title), 8000)
        ).run()

    # title and state
    def update_title(self) -> None:
        parts = [self.tr("Alliance Desk")]  # the data file's path is in the status bar's tooltip, not here
        if self.workspace.demo:
            parts.append(self.tr("demo data"))
        self.setWindowTitle(" — ".join(parts))

    def _restore_geometry(self) -> None:
        geometry = self.workspace.state.bytes(window_state.GEOMETRY)
        place_window(self, restored=geometry is not None and self.restoreGeometry(geometry))

    def save_state(self) -> None:
        state = self.workspace.state
        state.put(window_state.GEOMETRY, self.saveGeometry())
        state.put(window_state.PAGE, self.current_key())
        for key, page in self.pages.items():
            if self.info(key).can(Ability.SAVES_STATE):
                page.save_state()  # type: ignore[attr-defined]
        state.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        """A report or an import still running is not cut off, and no hidden process is left holding the store:
        the window asks, then closes itself visibly once the work has ended."""
        runner = self.workspace.runner
        if runner.busy() and not self._closing_when_idle:
            event.ignore()
            ask(
                self,
                self.tr("Work in progress"),
                self.tr("A report, import or sync is still running. Close the window when it has finished?"),
                self._close_when_idle,
            )
            return
        self.save_state()
        super().closeEvent(event)

    _closing_when_idle = False

    def _close_if_idle(self, timer: QTimer) -> None:
        if not self.workspace.runner.busy():
            timer.stop()
            self.close()

    def _close_when_idle(self) -> None:
        self._closing_when_idle = True
        self.statusBar().showMessage(self.tr("Closing when the running work has finished…"))
        self.setEnabled(False)  # nothing new starts meanwhile
        self.workspace.sync.cancel()  # a sync stops at its next step; what it did is kept
        timer = QTimer(self)
        timer.timeout.connect(lambda: self._close_if_idle(timer))
        timer.start(200)
