"""Help lists the shortcuts the window really has; closing while work runs asks and then closes visibly."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox, QTableWidget

from alliance_app.services import ChangeSet
from alliance_app.ui.runner import ThreadPoolRunner


def test_help_lists_the_windows_own_shortcuts_and_the_form_keys(open_window, small_alliance):
    folder, _ids = small_alliance
    window = open_window(folder, lang="en").window
    dialog = window.open_help()
    shortcuts = dialog.findChild(QTableWidget, "shortcutTable")
    rows = {shortcuts.item(r, 0).text(): shortcuts.item(r, 1).text() for r in range(shortcuts.rowCount())}
    assert rows["F1"] == "Keyboard and guide" and rows["Ctrl+3"] == "Projects"
    assert "Ctrl+S" in rows and "Ctrl+End" in rows and "Esc" in rows


def test_closing_while_work_runs_asks_and_closes_once_it_has_finished(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    desk_app = open_window(folder)
    runner = ThreadPoolRunner()
    desk_app.workspace.runner = runner
    release = threading.Event()

    def long_work(desk):
        release.wait(30)
        return ChangeSet()

    desk_app.workspace.write(None, long_work).run()
    window = desk_app.window
    window.close()
    assert window.isVisible()  # not cut off, not hidden with the work still holding the store
    box = next(b for b in window.findChildren(QMessageBox) if b.objectName() == "confirmDialog" and b.isVisible())
    box.button(QMessageBox.StandardButton.Yes).click()
    assert window.isVisible() and not window.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    runner.wait()
