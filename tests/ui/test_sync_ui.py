"""Sync in the window against a real alliance-server on 127.0.0.1: the login dialog, sync from the window with the
status bar's numbers, a same-field conflict settled either way on the Sync page, and a wrong password's sentence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from alliance_app.services import Desk
from alliance_app.settings import Settings, save_settings
from tests.sync.conftest import PASSWORD, MemoryKeyring, Server, _run_server, member_values, unique


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The machine's edge: the OS keyring, kept in this process's memory."""
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _run_server(tmp_path_factory.mktemp("sync_ui"))


def log_in(qtbot: Any, window: Any, server: Server, user: str, password: str = PASSWORD) -> Any:
    dialog = window.open_login()
    dialog.server.setText(server.url)
    dialog.user.setText(user)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    return dialog


def open_logged_in(open_window: Any, qtbot: Any, folder: Path, server: Server, user: str, lang: str = "en") -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    desk_app = open_window(folder, lang=lang)
    dialog = log_in(qtbot, desk_app.window, server, user)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.message.text()
    return desk_app


def indicator(desk_app: Any) -> str:
    return desk_app.window.sync_indicator.text()


def test_login_dialog_logs_in_remembers_server_and_user_and_syncs_from_the_window(open_window, qtbot, tmp_path, server):
    user = server.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", server, user)
    settings = desk_app.settings
    assert (settings.server_url, settings.username) == (server.url, user)
    window = desk_app.window
    assert window.sync_action.isEnabled() and window.login_action.isEnabled()
    assert "Never synced" in indicator(desk_app)
    desk_app.desk.create("member", member_values(unique("成员")))
    desk_app.workspace.sync.refresh()
    assert "1 edit waiting to sync" in indicator(desk_app)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window, 2000)  # shortcuts reach only the active window
    qtbot.keyClick(
        window.stack.current_page(),
        Qt.Key.Key_Y,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: not desk_app.workspace.sync.running, timeout=60_000)
    text = indicator(desk_app)
    assert "Last synced at" in text and "0 edits waiting to sync" in text, text
    assert "conflict" not in text
    assert desk_app.desk.store.get_meta("last_synced_at")


def test_a_wrong_password_shows_the_servers_sentence_and_keeps_the_dialog_open(open_window, qtbot, tmp_path, server):
    user = server.add_account(unique("sec"))
    (tmp_path / "a").mkdir()
    desk_app = open_window(tmp_path / "a", lang="en")
    dialog = log_in(qtbot, desk_app.window, server, user, password="not the password")
    assert dialog.isVisible()
    sentence = dialog.message.text()
    assert sentence and "Traceback" not in sentence
    assert "password" in sentence.lower(), sentence
    assert desk_app.desk.store.get_meta("account") is None


def test_an_unreachable_server_shows_a_sentence_with_a_way_forward(open_window, qtbot, tmp_path):
    (tmp_path / "a").mkdir()
    desk_app = open_window(tmp_path / "a", lang="zh")
    dialog = log_in(qtbot, desk_app.window, Server("http://127.0.0.1:9", tmp_path, 9), "nobody")
    assert "拒绝了连接" in dialog.message.text() and "请检查地址和端口" in dialog.message.text()


def make_conflict(open_window: Any, qtbot: Any, tmp_path: Path, server: Server, lang: str) -> tuple[Any, str, str]:
    """Two desktops edit the same member's city; the second to sync gets the conflict."""
    first_user, second_user = server.add_account(unique("sec")), server.add_account(unique("sec"))
    values = member_values(unique("成员"))
    with Desk.open(tmp_path / "b") as other:
        from alliance_app.sync.desk_sync import DeskSync

        other_sync = DeskSync(other.store, Settings())
        other_sync.login(server.url, first_user, PASSWORD)
        member_id = other.create("member", values).record_id
        other_sync.sync()
        desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", server, second_user, lang=lang)
        sync = desk_app.workspace.sync
        sync.sync()
        qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
        other.update("member", member_id, {"city": "襄阳市"})
        other_sync.sync()
        other_sync.close()
    desk_app.desk.update("member", member_id, {"city": "宜昌市"})
    sync.sync()
    qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
    return desk_app, member_id, "1 conflict"


@pytest.mark.parametrize("keep, city", [("mine", "宜昌市"), ("theirs", "襄阳市")])
def test_a_same_field_conflict_is_shown_side_by_side_and_resolved(open_window, qtbot, tmp_path, server, keep, city):
    desk_app, member_id, _ = make_conflict(open_window, qtbot, tmp_path, server, "en")
    assert "1 conflict" in indicator(desk_app)
    page = desk_app.window.show_page("sync")
    assert page.conflict_list.count() == 1
    assert page.comparison.verticalHeaderItem(0).text() == "City"
    row = [page.comparison.item(0, c).text() for c in range(3)]
    assert row == ["武汉市", "襄阳市", "宜昌市"]
    button = page.keep_mine if keep == "mine" else page.keep_theirs
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.conflict_list.count() == 0, timeout=60_000)
    assert desk_app.desk.get("member", member_id)["city"] == city
    assert "conflict" not in indicator(desk_app)


def test_the_conflict_shows_field_labels_in_chinese(open_window, qtbot, tmp_path, server):
    desk_app, _member_id, _ = make_conflict(open_window, qtbot, tmp_path, server, "zh")
    page = desk_app.window.show_page("sync")
    assert page.comparison.verticalHeaderItem(0).text() == "城市"
    assert "1 项冲突" in indicator(desk_app)


def test_switching_account_with_unsent_edits_asks_then_keeps_the_edits(open_window, qtbot, tmp_path, server):
    first, second = server.add_account(unique("sec")), server.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", server, first)
    desk_app.desk.create("member", member_values(unique("成员")))
    dialog = log_in(qtbot, desk_app.window, server, second)
    assert dialog.isVisible() and dialog.confirm.isVisible()
    qtbot.mouseClick(dialog.confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    assert desk_app.desk.store.get_meta("account")["username"] == second
    assert desk_app.workspace.sync.desk_sync.unsent() == (1, 0)


def test_sync_runs_in_the_background_with_progress_on_the_sync_page(qtbot, tmp_path, server):
    """With the window's real thread pool the window keeps its event loop while the sync runs."""
    from alliance_app.ui.app import DeskApplication, _qt_app

    _qt_app()
    user = server.add_account(unique("sec"))
    folder = tmp_path / "a"
    folder.mkdir()
    save_settings(folder, Settings())
    desk_app = DeskApplication(Desk.open(folder), "en")
    try:
        window = desk_app.build_window(first_run=False)
        window.show()
        desk_app.desk_sync().login(server.url, user, PASSWORD)
        for _ in range(30):
            desk_app.desk.create("member", member_values(unique("成员")))
        page = window.show_page("sync")
        phases: list[str] = []
        desk_app.workspace.sync.progressed.connect(lambda phase, done, total: phases.append(phase))
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        assert desk_app.workspace.sync.running and page.cancel_button.isVisible()
        qtbot.waitUntil(lambda: not desk_app.workspace.sync.running, timeout=60_000)
        assert "push" in phases
        qtbot.waitUntil(lambda: page.pending.text() == "0", timeout=60_000)
        assert page.outcome.text() == "Sync finished."
        window.close()
    finally:
        desk_app.close()


def test_a_refused_edit_is_listed_with_the_servers_reason_sent_again_and_discarded_after_confirmation(
    open_window, qtbot, tmp_path, server
):
    first, second = server.add_account(unique("sec")), server.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", server, first)
    desk, sync = desk_app.desk, desk_app.workspace.sync
    member_id = desk.create("member", member_values(unique("成员"))).record_id
    event_id = desk.create(
        "event", {"organiser_member_id": member_id, "title": "路演", "starts_on": "2026-12-02"}
    ).record_id
    sync.sync()
    with Desk.open(tmp_path / "b") as other:  # another desktop deletes the event meanwhile
        from alliance_app.sync.desk_sync import DeskSync

        other_sync = DeskSync(other.store, Settings())
        other_sync.login(server.url, second, PASSWORD)
        other_sync.sync()
        other.delete("event", event_id)
        other_sync.sync()
        other_sync.close()
    desk.create("attendance", {"event_id": event_id, "member_id": member_id, "attendee_name": "王五"})
    sync.sync()
    qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
    assert "1 edit refused by the server" in indicator(desk_app)
    page = desk_app.window.show_page("sync")
    assert page.refused_list.count() == 1
    reason = sync.desk_sync.rejected_edits()[0].message("en")
    assert reason and reason in page.refused_list.item(0).text()
    qtbot.mouseClick(page.send_again, Qt.MouseButton.LeftButton)  # back in the outbox until the next sync
    assert page.refused_list.count() == 0 and page.pending.text() == "1"
    sync.sync()
    qtbot.waitUntil(lambda: page.refused_list.count() == 1, timeout=60_000)
    box = page.ask_discard()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert sync.desk_sync.unsent() == (0, 1)
    box = page.ask_discard()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.refused_list.count() == 0, timeout=60_000)
    assert sync.desk_sync.unsent() == (0, 0) and "refused" not in indicator(desk_app)


def test_the_status_bar_shows_the_phase_while_syncing_and_cancel_stops_after_the_work_in_hand(
    open_window, qtbot, tmp_path, server
):
    user = server.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", server, user)
    sync = desk_app.workspace.sync
    for _ in range(3):
        desk_app.desk.create("member", member_values(unique("成员")))
    seen: list[str] = []

    def cancel_on_first_progress(phase: str, done: int, total: int) -> None:
        seen.append(indicator(desk_app))
        sync.cancel()  # as the Cancel button does, while the sync is under way

    sync.progressed.connect(cancel_on_first_progress)
    page = desk_app.window.show_page("sync")
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
    assert seen and seen[0].startswith("● Sending edits"), seen
    assert page.outcome.text() == "Sync cancelled; what was done is saved."
    assert sync.desk_sync.unsent() == (0, 0)  # the batch sent before the cancel stays sent
    assert desk_app.desk.store.get_meta("last_synced_at") is None  # the pull did not run: not a finished sync
    sync.progressed.disconnect(cancel_on_first_progress)
    sync.sync()
    qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
    assert sync.desk_sync.unsent() == (0, 0) and "Last synced at" in indicator(desk_app)


def test_a_server_that_went_away_shows_offline_and_the_sentence(open_window, qtbot, tmp_path):
    (tmp_path / "s").mkdir()
    running = _run_server(tmp_path / "s")
    own = next(running)
    user = own.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", own, user)
    desk_app.desk.create("member", member_values(unique("成员")))
    next(running, None)  # the server stops
    sync = desk_app.workspace.sync
    sync.sync()
    qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
    assert indicator(desk_app).startswith("● Offline · 1 edit waiting to sync")
    assert "refused the connection" in desk_app.window.sync_indicator.toolTip()
    assert "refused the connection" in desk_app.window.statusBar().currentMessage()


def test_after_logout_the_status_bar_says_not_logged_in_and_sync_asks_for_a_login(open_window, qtbot, tmp_path, server):
    user = server.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", server, user)
    window = desk_app.window
    page = window.show_page("sync")
    assert page.sync_button.isEnabled() and not indicator(desk_app).startswith("● Not logged in")
    window.logout_action.trigger()
    assert indicator(desk_app).startswith("● Not logged in")
    assert not page.sync_button.isEnabled() and not page.logout_button.isEnabled()
    first_dialog = window.login_dialog
    window.sync_action.trigger()
    dialog = window.login_dialog
    assert dialog is not first_dialog and dialog.isVisible()
    assert (dialog.server.text(), dialog.user.text()) == (server.url, user)  # remembered: only the password to type


def test_first_run_login_fetches_the_alliance_from_the_server(open_window, qtbot, tmp_path, server):
    first, second = server.add_account(unique("sec")), server.add_account(unique("sec"))
    name = unique("成员")
    with Desk.open(tmp_path / "b") as other:
        from alliance_app.sync.desk_sync import DeskSync

        other_sync = DeskSync(other.store, Settings())
        other_sync.login(server.url, first, PASSWORD)
        other.create("member", member_values(name))
        other_sync.sync()
        other_sync.close()
    (tmp_path / "a").mkdir()
    desk_app = open_window(tmp_path / "a", lang="en")
    window = desk_app.window
    qtbot.mouseClick(window.first_run_page.login_button, Qt.MouseButton.LeftButton)
    dialog = window.login_dialog
    dialog.server.setText(server.url)
    dialog.user.setText(second)
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not desk_app.workspace.sync.running, timeout=60_000)
    assert window.current_key() == "sync" and window.sidebar.isEnabled()
    assert "Last synced at" in indicator(desk_app)
    members = window.show_page("members")
    titles = [members.model.record(row)["name_zh"] for row in range(members.model.rowCount())]
    assert name in titles


def history_rows(detail: Any) -> list[list[str]]:
    table = detail.history.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_member_history_lists_who_changed_the_website_and_status_with_labels(open_window, qtbot, tmp_path, server):
    user = server.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", server, user)
    desk, sync = desk_app.desk, desk_app.workspace.sync
    values = {**member_values(unique("成员")), "website": "https://old.example.cn"}
    member_id = desk.create("member", values).record_id
    sync.sync()
    qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
    desk.update("member", member_id, {"website": "https://new.example.cn", "status": "suspended"})
    sync.sync()
    qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
    detail = desk_app.window.show_page("members").open_record(member_id)
    tabs = detail.tabs
    assert tabs.isTabEnabled(detail.history_tab)
    tabs.setCurrentIndex(detail.history_tab)
    qtbot.waitUntil(lambda: detail.history.table.rowCount() > 0, timeout=60_000)
    assert [tabs.tabText(i) for i in range(tabs.count())][-1] == "History"
    rows = history_rows(detail)
    website = [r for r in rows if r[2] == "Website" and r[4] == "https://new.example.cn"]
    assert len(website) == 1, rows
    assert website[0][1] == user and website[0][3] == "https://old.example.cn"
    status = [r for r in rows if r[2] == "Status" and r[4] == "Suspended"]
    assert status and status[0][3] == "Active", rows  # labels, not the codes "active" / "suspended"
    assert rows[0] in website + status  # newest first


def test_member_history_says_why_it_is_not_shown_when_not_logged_in(open_window, qtbot, tmp_path, server):
    user = server.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", server, user, lang="zh")
    member_id = desk_app.desk.create("member", member_values(unique("成员"))).record_id
    sync = desk_app.workspace.sync
    sync.sync()
    qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
    desk_app.window.logout_action.trigger()
    detail = desk_app.window.show_page("members").open_record(member_id)
    assert not detail.tabs.isTabEnabled(detail.history_tab)
    why = detail.tabs.tabToolTip(detail.history_tab)
    assert "登录" in why and detail.history.message.text() == why
    assert detail.history.table.rowCount() == 0


def test_member_history_says_the_server_cannot_be_reached_instead_of_an_empty_table(open_window, qtbot, tmp_path):
    (tmp_path / "s").mkdir()
    running = _run_server(tmp_path / "s")
    own = next(running)
    user = own.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", own, user)
    member_id = desk_app.desk.create("member", member_values(unique("成员"))).record_id
    sync = desk_app.workspace.sync
    sync.sync()
    qtbot.waitUntil(lambda: not sync.running, timeout=60_000)
    next(running, None)  # the server stops
    detail = desk_app.window.show_page("members").open_record(member_id)
    detail.tabs.setCurrentIndex(detail.history_tab)
    qtbot.waitUntil(lambda: not detail.history.loading, timeout=60_000)
    assert "refused the connection" in detail.history.message.text()
    assert detail.history.table.isHidden() and detail.history.table.rowCount() == 0


def test_not_logged_in_says_where_to_log_in_in_the_window_and_the_message_goes_at_login(
    open_window, qtbot, tmp_path, server
):
    user = server.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "a", server, user)
    window = desk_app.window
    page = window.show_page("sync")
    window.logout_action.trigger()
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=60_000)
    said = window.statusBar().currentMessage()
    assert "Sync → Log in" in said and "alliance-app" not in said, said
    page.outcome.setText(said)  # as the Sync page shows it after a sync attempt there
    desk_app.workspace.sync.refresh()
    window.login_dialog.reject()
    desk_app.workspace.sync.login(server.url, user, PASSWORD, False, lambda _r, _e: None)
    qtbot.waitUntil(lambda: page.state is not None and page.state.logged_in, timeout=60_000)
    assert page.outcome.text() == ""  # the stale "not logged in" is gone
