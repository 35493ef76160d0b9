"""The window opens on a store, every page shows its records, and the first run offers ways to start."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QWidget

from alliance_app.services import Desk
from alliance_app.ui.list_page import RecordListPage


def plain(label) -> str:
    """A tile's text without its link markup (a number on the dashboard is a link)."""
    return re.sub(r"<[^>]+>", "", label.text())


def test_every_page_opens_and_list_pages_show_their_records(open_window, small_alliance):
    folder, _ids = small_alliance
    window = open_window(folder).window
    for key in window.page_keys:
        page = window.show_page(key)
        assert window.stack.current_page() is page
        if isinstance(page, RecordListPage):
            assert page.model.rowCount() > 0, key
            assert page.model.data(page.model.index(0, 0)), key


def test_dashboard_tiles_count_the_store_once_the_window_is_up(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    window = open_window(folder).window
    dashboard = window.show_page("dashboard")
    assert dashboard.figures is None  # asked for after the first paint
    qtbot.waitUntil(lambda: dashboard.figures is not None, timeout=60_000)
    assert plain(dashboard.tiles["members"].value) == "4"
    assert plain(dashboard.tiles["projects"].value) == "4"
    assert plain(dashboard.tiles["demonstration"].value) == "2 / 100"
    assert plain(dashboard.tiles["offers"].value) == "2"


def test_dashboard_refreshes_after_a_project_is_added(open_window, small_alliance, qtbot):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dashboard = desk_app.window.show_page("dashboard")
    qtbot.waitUntil(lambda: dashboard.figures is not None, timeout=60_000)
    desk_app.workspace.write(
        None,
        lambda desk: desk.create(
            "project", {"lead_member_id": ids["dfm"], "title": "车路协同", "domain": "智能网联汽车"}
        ),
    ).run()
    assert plain(dashboard.tiles["projects"].value) == "5"


def test_dashboard_lists_open_offers_in_the_domains_of_a_members_projects(open_window, small_alliance):
    folder, ids = small_alliance
    dashboard = open_window(folder).window.show_page("dashboard")
    dashboard.match_member.setCurrentIndex(dashboard.match_member.findData(ids["xiaomi"]))
    model = dashboard.matches.model
    # Xiaomi's projects are in smart home and manufacturing; HUST works in manufacturing and offers GPU time.
    assert [model.record_id(r) for r in range(model.rowCount())] == [ids["o_gpu"]]


def test_first_run_on_an_empty_store_offers_demo_import_and_login(open_window, tmp_path):
    window = open_window(tmp_path / "empty", lang="en").window
    welcome = window.first_run_page
    assert window.stack.current_page() is welcome
    assert not window.sidebar.isEnabled()
    assert welcome.import_button.isEnabled() and "Excel" in welcome.import_button.toolTip()
    assert welcome.login_button.isEnabled() and "server" in welcome.login_button.toolTip()
    welcome.login_button.click()
    dialog = window.findChild(QWidget, "loginDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    assert welcome.demo_button.isEnabled() and "Xiaomi" in welcome.demo_button.toolTip()
    welcome.empty_button.click()
    assert window.stack.current_page() is window.pages["dashboard"]


def test_first_run_demo_button_loads_the_demo_alliance_and_opens_the_dashboard(open_window, tmp_path, qtbot):
    desk_app = open_window(tmp_path / "empty", lang="en")
    desk_app.window.first_run_page.demo_button.click()
    window = desk_app.window  # rebuilt on the demo store
    assert window.current_key() == "dashboard"
    assert "demo data" in window.windowTitle()
    qtbot.waitUntil(lambda: window.pages["dashboard"].figures is not None, timeout=60_000)
    assert window.pages["dashboard"].figures.projects > 100  # the tiles count the demo, not an empty store
    members = window.show_page("members")
    assert members.model.rowCount() == 73


def test_window_title_marks_demo_data_and_the_status_bar_says_who_i_am(open_window, small_alliance):
    folder, _ids = small_alliance
    with Desk.open(folder) as desk, desk.store.write() as session:
        desk.store.set_meta(session, "demo", True)
    window = open_window(folder, lang="en").window
    assert str(folder) not in window.windowTitle()  # a long path pushes the name out of the task bar
    assert "demo data" in window.windowTitle()
    assert window.who_am_i.text() == "Secretariat" and str(folder / "alliance.sqlite") in window.who_am_i.toolTip()


def test_a_liaisons_status_bar_names_its_member(open_window, small_alliance):
    from tests.ui.conftest import liaison_of

    folder, ids = small_alliance
    window = open_window(folder, settings=liaison_of(ids["xiaomi"])).window
    assert window.who_am_i.text() == "联络人 · 小米(武汉)"
