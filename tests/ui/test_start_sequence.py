"""The window's start: its frame on screen first (nothing of the store imported yet, nothing to act on), then the
store opened off the GUI thread and the filled window in the frame's place; every error opening the store said
in its own sentence over the frame; one window per data folder throughout."""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from alliance_app.store.engine import open_store
from alliance_app.ui.navigation import DESK_PAGES
from alliance_app.ui.opening_window import SIDEBAR_TITLES
from alliance_app.ui.page_info import page_info
from alliance_app.ui.qt_app import qt_app
from alliance_app.ui.start import Launch

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
WAIT = 60_000
OPENING_ZH = "正在打开数据文件…"


@pytest.fixture
def launch(qtbot) -> Iterator[Callable[..., Launch]]:
    started: list[Launch] = []

    def starter(folder: Path, lang: str = "zh", *, demo: bool = False) -> Launch:
        qt_app()
        launched = Launch(str(folder), lang, demo=demo)
        started.append(launched)
        return launched

    yield starter
    for launched in started:
        qtbot.waitUntil(lambda launched=launched: not launched.runner.busy(), timeout=WAIT)
        if launched.error_box is not None:
            launched.error_box.close()
        window = launched.current_window()  # the frame, or the main window that took its place
        if window is not None:
            window.hide()
        launched.close()
        launched.deleteLater()
    # A launch is a QObject with children in reference cycles (its runner, its single-instance server, connected
    # slots): let Qt delete them and collect the cycles now, while no worker runs, not at whatever moment the
    # collector next runs in a later test while that test's store is being opened on a worker thread.
    started.clear()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def sidebar_names(window) -> list[str]:
    model = window.sidebar.model()
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_the_frame_names_the_pages_the_window_has():
    assert tuple(page_info(page).title for page in DESK_PAGES) == SIDEBAR_TITLES


def test_the_frame_shows_first_with_nothing_to_act_on_then_the_filled_window_takes_its_place(
    launch, small_alliance, qtbot
):
    folder, _ids = small_alliance
    started = launch(folder)
    opening = started.show()
    assert opening.isVisible() and started.desk_app is None  # on screen before the store is opened
    assert opening.notice.text() == OPENING_ZH and opening.statusBar().currentMessage() == OPENING_ZH
    assert not opening.sidebar.isEnabled()
    assert sidebar_names(opening)[:3] == ["总览", "成员单位", "项目"]
    menus = [action for action in opening.menuBar().actions() if action.menu()]
    assert len(menus) == 5 and [m.isEnabled() for m in menus] == [True, False, False, False, False]
    place = opening.geometry()

    with qtbot.waitSignal(started.ready, timeout=WAIT) as ready:
        pass
    desk_app = ready.args[0]
    window = desk_app.window
    assert window.isVisible() and not opening.isVisible()
    assert window.geometry() == place  # the same size and spot
    assert window.current_key() == "dashboard" and window.sidebar.isEnabled()
    assert sidebar_names(window) == sidebar_names(opening)
    qtbot.waitUntil(lambda: window.page("dashboard").figures is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sidebar, timeout=WAIT)  # where it always landed


def test_a_frame_that_is_never_painted_still_opens_the_store(launch, small_alliance, qtbot):
    """Started minimized, a frame may get no paint from the platform (here its paints are held back): the store is
    opened anyway."""
    folder, _ids = small_alliance
    started = launch(folder)
    held = HoldPaints()
    started.opening.installEventFilter(held)
    started.show()
    with qtbot.waitSignal(started.ready, timeout=WAIT):
        pass
    assert held.held  # the platform did try to paint it; none of those paints reached the frame


class HoldPaints(QObject):
    held = 0

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            self.held += 1
            return True
        return False


def test_the_frame_speaks_english_too(launch, small_alliance, qtbot):
    folder, _ids = small_alliance
    started = launch(folder, lang="en")
    opening = started.show()
    assert opening.notice.text() == "Opening the data file..."
    assert sidebar_names(opening)[0] == "Dashboard"
    qtbot.waitSignal(started.ready, timeout=WAIT).wait()


def test_before_the_first_paint_nothing_of_the_store_is_imported(small_alliance):
    """The design itself, checked in a fresh process through the real `alliance-app` command (no timing)."""
    folder, _ids = small_alliance
    child = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
STORE = ("sqlalchemy", "alliance_app.models", "alliance_app.services", "alliance_app.store.engine")
seen = {}
class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.isWidgetType() and watched.isWindow():
            name = watched.objectName()
            if name not in seen:
                seen[name] = [m for m in STORE if m in sys.modules]
                if name == "mainWindow":
                    QTimer.singleShot(0, lambda: QApplication.exit(0))
        return False
app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
from alliance_app.cli import main
code = main(["--data-dir", sys.argv[1], "--lang", "zh"])
print(json.dumps({"code": code, "seen": seen, "first": next(iter(seen))}))
"""
    done = subprocess.run(
        [sys.executable, "-c", child, str(folder)], env=ENV, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["first"] == "openingWindow"
    assert result["seen"]["openingWindow"] == []  # the first paint came before any of the store layer
    assert set(result["seen"]["mainWindow"]) == {"sqlalchemy", "alliance_app.models", "alliance_app.services",
                                                 "alliance_app.store.engine"}  # fmt: skip


def hold_the_store(folder: Path):
    return open_store(folder)  # another Alliance Desk (a writing command) has it open


def newer_schema(folder: Path) -> None:
    with sqlite3.connect(folder / "alliance.sqlite") as connection:
        connection.execute("update alembic_version set version_num = '0099_from_the_future'")


def damaged_file(folder: Path) -> None:
    for path in folder.glob("alliance.sqlite*"):
        path.unlink()
    (folder / "alliance.sqlite").write_bytes(b"PK\x03\x04 this is a spreadsheet, not a store" * 100)


@pytest.fixture
def failing_upgrade(next_release) -> None:
    """The next release's migration meets something it did not expect (a column that is already there)."""
    next_release("name_zh")


def refused_sentence(started: Launch, qtbot) -> str:
    started.show()
    qtbot.waitUntil(lambda: started.error_box is not None and started.error_box.isVisible(), timeout=WAIT)
    assert started.desk_app is None and started.opening.isVisible()
    assert started.opening.notice.text() == "无法打开数据文件。"
    box = started.error_box
    text = box.text()
    with qtbot.waitSignal(started.ended, timeout=WAIT) as ended:
        box.button(QMessageBox.StandardButton.Ok).click()
    assert ended.args == [1]  # the user read why; the start ends
    return text


def test_a_store_held_by_another_alliance_desk_is_said_as_such(launch, small_alliance, qtbot):
    folder, _ids = small_alliance
    other = hold_the_store(folder)
    try:
        assert "正被另一个运行中的联盟协作台使用" in refused_sentence(launch(folder), qtbot)
    finally:
        other.close()


@pytest.mark.parametrize(
    ("spoil", "sentence"),
    [(newer_schema, "由更新版本的联盟协作台写入"), (damaged_file, "已损坏")],
    ids=["newer-schema", "damaged-file"],
)
def test_a_store_that_cannot_be_read_is_said_in_its_own_sentence(launch, small_alliance, qtbot, spoil, sentence):
    folder, _ids = small_alliance
    spoil(folder)
    assert sentence in refused_sentence(launch(folder), qtbot)


def test_a_failed_upgrade_is_said_with_the_copy_kept_before_it(launch, small_alliance, qtbot, failing_upgrade):
    folder, _ids = small_alliance
    text = refused_sentence(launch(folder), qtbot)
    assert "无法升级到本版本的结构（9999_next" in text and "联系秘书处" in text
    backups = list((folder / "backups").glob("*before-9999_next*"))
    assert len(backups) == 1 and str(backups[0]) in text
    assert "意外" not in text  # not the "did not expect" sentence


def test_a_read_only_data_folder_is_said_as_such(launch, tmp_path, qtbot):
    target = tmp_path / "ro-disk"
    target.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(target)], capture_output=True)
    if made.returncode:
        pytest.skip("needs permission to mount a tmpfs (run as root) to make a real read-only disk")
    try:
        open_store(target).close()
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
        assert "只读" in refused_sentence(launch(target), qtbot)
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_a_first_run_without_the_demo_opens_the_welcome_page(launch, tmp_path, qtbot):
    started = launch(tmp_path / "new")
    started.show()
    with qtbot.waitSignal(started.ready, timeout=WAIT) as ready:
        pass
    window = ready.args[0].window
    assert window.stack.current_page() is window.first_run_page and not window.sidebar.isEnabled()


def test_a_damaged_settings_file_is_still_told_over_the_window(launch, small_alliance, qtbot):
    folder, _ids = small_alliance
    (folder / "settings.json").write_text("{not json", encoding="utf-8")
    started = launch(folder)
    started.show()
    with qtbot.waitSignal(started.ready, timeout=WAIT) as ready:
        pass
    boxes = [box for box in ready.args[0].window.findChildren(QMessageBox) if box.isVisible()]
    assert any("设置文件已损坏" in box.text() for box in boxes)


def test_closing_the_frame_while_the_store_opens_leaves_no_holder(launch, small_alliance, qtbot):
    folder, _ids = small_alliance
    started = launch(folder)
    started.opening.on_screen.disconnect(started.open_store)
    started.show()
    started.opening.close()  # the user gave up waiting
    started.open_store()
    qtbot.waitUntil(lambda: not started.runner.busy(), timeout=WAIT)
    assert started.desk_app is None
    started.close()
    open_store(folder).close()  # the store is free for the next window


def second_launch(folder: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(folder)]
    return subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=120)


def test_a_second_launch_brings_this_window_forward_while_opening_and_after(launch, small_alliance, qtbot):
    folder, _ids = small_alliance
    started = launch(folder)
    started.opening.on_screen.disconnect(started.open_store)  # held in the opening state for the first launch
    started.show()
    raised: list[str] = []
    started.running.raise_requested.connect(lambda: raised.append(started.current_window().objectName()))
    assert second_launch(folder).returncode == 0
    qtbot.waitUntil(lambda: raised == ["openingWindow"], timeout=WAIT)
    started.open_store()
    qtbot.waitSignal(started.ready, timeout=WAIT).wait()
    assert second_launch(folder).returncode == 0
    qtbot.waitUntil(lambda: raised == ["openingWindow", "mainWindow"], timeout=WAIT)
    assert started.desk_app.window.isVisible()


def record_counts(folder: Path) -> dict[str, int]:
    with sqlite3.connect(folder / "alliance.sqlite") as connection:
        return {
            table: connection.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("members", "projects", "resource_offers", "lab_partnerships")
        }


def test_demo_on_an_empty_store_is_loaded_behind_the_frame_then_shown(launch, tmp_path, qtbot):
    """`alliance-app --demo`, the README's first command: the frame is up first and says what it waits for."""
    folder = tmp_path / "new"
    started = launch(folder, demo=True)
    said: list[str] = []
    started.demo_loading.connect(lambda: said.append(started.opening.notice.text()))
    started.show()
    with qtbot.waitSignal(started.ready, timeout=WAIT) as ready:
        pass
    assert said == ["正在载入示例联盟…"]
    window = ready.args[0].window
    assert window.current_key() == "dashboard" and window.sidebar.isEnabled()  # not the welcome page
    assert ready.args[0].desk.status().demo
    assert record_counts(folder)["members"] == 73


def test_demo_leaves_a_store_that_holds_records_as_it_is(launch, small_alliance, qtbot):
    folder, _ids = small_alliance
    before = record_counts(folder)
    started = launch(folder, demo=True)
    said: list[str] = []
    started.demo_loading.connect(lambda: said.append("loading"))
    started.show()
    qtbot.waitSignal(started.ready, timeout=WAIT).wait()
    assert said == [] and record_counts(folder) == before


def test_a_second_launch_with_demo_brings_the_open_window_forward(launch, small_alliance, qtbot):
    """It used to open the store itself first to look for records, found it held by this window and failed."""
    folder, _ids = small_alliance
    started = launch(folder)
    started.show()
    qtbot.waitSignal(started.ready, timeout=WAIT).wait()
    raised: list[str] = []
    started.running.raise_requested.connect(lambda: raised.append(started.current_window().objectName()))
    command = [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(folder), "--demo"]
    done = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: raised == ["mainWindow"], timeout=WAIT)
