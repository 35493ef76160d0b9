"""Reading and checking an import file run off the window's thread: the window keeps answering meanwhile."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

from PySide6.QtCore import QTimer

from alliance_app.ui.runner import ThreadPoolRunner
from alliance_app.ui.transfer import import_state
from tests.ui.small_alliance import credit_code

ROWS = 3000  # a big roster: reading and checking it takes long enough that a frozen window would be felt


def big_roster(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["中文名称", "简称", "单位类型", "统一社会信用代码", "城市"])
        for n in range(ROWS):
            code = credit_code(f"91420100MA4{n:06d}")
            writer.writerow([f"武汉测试{n:05d}科技有限公司", f"测试{n:05d}", "企业", code, "武汉市"])
    return path


def threaded(desk_app) -> ThreadPoolRunner:
    runner = ThreadPoolRunner()
    desk_app.workspace.runner = runner
    return runner


def test_the_file_is_read_and_checked_on_a_worker_and_the_answer_comes_back_on_the_window_s_thread(
    open_window, small_alliance, tmp_path, qtbot, monkeypatch
):
    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="en")
    runner = threaded(desk_app)
    seen: dict[str, threading.Thread] = {}
    real_read, real_check = import_state.read_table, import_state.check_rows

    def read_table(*args, **kwargs):
        seen["read"] = threading.current_thread()
        return real_read(*args, **kwargs)

    def check_rows(*args, **kwargs):
        seen["check"] = threading.current_thread()
        return real_check(*args, **kwargs)

    monkeypatch.setattr(import_state, "read_table", read_table)
    monkeypatch.setattr(import_state, "check_rows", check_rows)
    wizard = desk_app.window.show_page("members").import_records()
    wizard.file_page.path_edit.setText(str(big_roster(tmp_path / "roster.csv")))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=60_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=120_000)
    runner.wait()
    assert seen["read"] is not threading.main_thread()
    assert seen["check"] is not threading.main_thread()
    assert wizard.state.plan.count("create") == ROWS  # the answer reached the state and the preview on the GUI thread
    assert "New: 3000" in wizard.preview_page.counts.text()


def test_the_window_handles_events_while_a_big_file_is_checked(
    open_window, small_alliance, tmp_path, qtbot, monkeypatch
):
    """The check waits until the window's event loop has run an event posted after the check began. Were the check
    on the window's thread, that event could not run before it ended: the wait gives up and the test fails."""
    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="en")
    runner = threaded(desk_app)
    began, window_answered = threading.Event(), threading.Event()
    answered_while_checking: list[bool] = []
    real_check = import_state.check_rows

    def check_rows(*args, **kwargs):
        began.set()
        answered_while_checking.append(window_answered.wait(60))
        return real_check(*args, **kwargs)

    monkeypatch.setattr(import_state, "check_rows", check_rows)
    wizard = desk_app.window.show_page("members").import_records()
    wizard.file_page.path_edit.setText(str(big_roster(tmp_path / "roster.csv")))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=60_000)
    wizard.next()  # returns at once: the check runs on a worker
    qtbot.waitUntil(began.is_set, timeout=60_000)
    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping and not mapping.isComplete()  # Next waits for the check
    assert mapping.work.busy.isVisible() and "Checking 3000 rows" in mapping.work.busy.text()
    QTimer.singleShot(0, window_answered.set)  # runs only if the window's event loop is free
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=120_000)
    runner.wait()
    assert answered_while_checking == [True]
    assert not mapping.work.busy.isVisible() and mapping.isEnabled()


def test_closing_the_wizard_while_the_file_is_read_drops_the_answer(
    open_window, small_alliance, tmp_path, qtbot, monkeypatch
):
    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="en")
    runner = threaded(desk_app)
    release = threading.Event()
    real_read = import_state.read_table

    def read_table(*args, **kwargs):
        release.wait(60)
        return real_read(*args, **kwargs)

    monkeypatch.setattr(import_state, "read_table", read_table)
    wizard = desk_app.window.show_page("members").import_records()
    wizard.file_page.path_edit.setText(str(big_roster(tmp_path / "roster.csv")))
    wizard.next()
    assert wizard.file_page.work.running and not wizard.file_page.isComplete()
    wizard.reject()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=60_000)
    assert not wizard.isVisible() and wizard.state.table is None and wizard.state.path is None
    assert desk_app.workspace.desk.count("member") == 4
