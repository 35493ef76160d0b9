"""Long lists fetch their ids a page at a time: the first page and a count on each search, more as the view scrolls."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from alliance_app.services import Desk
from alliance_app.ui.record_model import PAGE

EXTRA = 2 * PAGE + 50


@pytest.fixture(scope="session")
def long_list_template(small_alliance_template: tuple[Path, dict[str, str]], tmp_path_factory) -> Path:
    template, ids = small_alliance_template
    folder = tmp_path_factory.mktemp("long_list") / "data"
    shutil.copytree(template, folder, ignore=shutil.ignore_patterns("*.lock"))
    with Desk.open(folder) as desk:
        for n in range(EXTRA):
            desk.create(
                "project",
                {"lead_member_id": ids["xiaomi"], "title": f"批量项目{n:04d}", "domain": "smart_home"},
            )
    return folder


@pytest.fixture
def long_list(tmp_path: Path, long_list_template: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(long_list_template, folder, ignore=shutil.ignore_patterns("*.lock"))
    return folder


def test_a_long_list_shows_its_first_page_and_counts_them_all(open_window, long_list):
    desk_app = open_window(long_list)
    page = desk_app.window.show_page("projects")
    total = desk_app.desk.count("project")
    assert page.model.rowCount() == PAGE
    assert page.count_label.text() == f"{total} 条记录"
    assert page.model.canFetchMore()


def test_scrolling_to_the_end_fetches_the_next_pages_in_list_order(open_window, long_list, qtbot):
    desk_app = open_window(long_list)
    page = desk_app.window.show_page("projects")
    for _scroll in range(10):  # the view itself asks for more when its scroll bar reaches the end
        page.table.scrollToBottom()
        qtbot.wait(10)
    assert not page.model.canFetchMore()
    ids = [page.model.record_id(r) for r in range(page.model.rowCount())]
    assert ids == desk_app.desk.ids("project")


def test_a_search_asks_again_from_the_first_page(open_window, long_list):
    desk_app = open_window(long_list)
    page = desk_app.window.show_page("projects")
    page.model.fetchMore()
    page.filter_bar.search_box.setText("批量项目00")
    page.filter_bar.flush()
    assert page.model.rowCount() == 100 and not page.model.canFetchMore()
    assert page.count_label.text() == "100 条记录"


def test_selecting_a_record_beyond_the_first_page_fetches_up_to_it(open_window, long_list):
    desk_app = open_window(long_list)
    page = desk_app.window.show_page("projects")
    last = desk_app.desk.ids("project")[-1]
    page.table.select_id(last)
    assert page.table.current_id() == last


def test_in_the_window_the_page_and_its_count_come_back_from_worker_threads(qtbot, long_list):
    from alliance_app.ui.app import DeskApplication, _qt_app

    _qt_app()
    desk_app = DeskApplication(Desk.open(long_list), "zh")  # the window's own thread pool
    try:
        window = desk_app.build_window(first_run=False)
        window.show()
        page = window.show_page("projects")
        total = desk_app.desk.count("project")
        qtbot.waitUntil(lambda: page.count_label.text() == f"{total} 条记录", timeout=60_000)
        assert page.model.rowCount() == PAGE
        page.filter_bar.search_box.setText("批量项目00")
        page.filter_bar.flush()
        qtbot.waitUntil(lambda: page.count_label.text() == "100 条记录", timeout=60_000)
        qtbot.waitUntil(lambda: page.model.rowCount() == 100, timeout=60_000)
        assert not page.model.canFetchMore()
        window.close()
    finally:
        desk_app.close()


@pytest.fixture(scope="session")
def hundred_thousand(small_alliance_template: tuple[Path, dict[str, str]], tmp_path_factory) -> Path:
    """The small alliance plus 100,000 projects, written as rows straight into the store (the list is under
    test here, not the writes: creating them one by one would take minutes)."""
    from sqlalchemy import insert, select

    from alliance_app.models import Project, new_id

    template, _ids = small_alliance_template
    folder = tmp_path_factory.mktemp("hundred_thousand") / "data"
    shutil.copytree(template, folder, ignore=shutil.ignore_patterns("*.lock"))
    with Desk.open(folder) as desk, desk.store.write() as session:
        model = dict(session.execute(select(Project.__table__).limit(1)).mappings().one())
        rows = [{**model, "id": new_id(), "title": f"批量项目{n:06d}"} for n in range(100_000)]
        session.execute(insert(Project.__table__), rows)
    return folder


def test_ctrl_end_reaches_the_last_of_100000_records(open_window, hundred_thousand, qtbot):
    from PySide6.QtCore import Qt

    desk_app = open_window(hundred_thousand)
    page = desk_app.window.show_page("projects")
    total = desk_app.desk.count("project")
    assert total > 100_000 and page.model.rowCount() == PAGE
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == total
    assert page.table.currentIndex().row() == total - 1
    last_id = desk_app.desk.id_page("project", replace(page.model.query, offset=total - 1, limit=1))
    assert page.table.current_id() == last_id[0]


def test_dragging_the_scroll_bar_to_the_bottom_reaches_the_end(open_window, hundred_thousand):
    desk_app = open_window(hundred_thousand)
    page = desk_app.window.show_page("projects")
    bar = page.table.verticalScrollBar()
    bar.setValue(bar.maximum())
    bar.sliderReleased.emit()
    assert page.model.rowCount() == desk_app.desk.count("project")
    assert bar.value() == bar.maximum()
