"""The Sync page after a server restore, against a real alliance-server on 127.0.0.1: the edit the restore lost is
listed with the server's value and this desktop's, and "Send again" brings it back to the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.sync.conftest import Server, _run_server, member_values, unique
from tests.sync.test_restore import SqliteBackups
from tests.ui.test_sync_ui import memory_keyring, open_logged_in  # noqa: F401 (the keyring fixture)


def synced(qtbot: Any, desk_app: Any) -> None:
    controller = desk_app.workspace.sync
    controller.sync()
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    assert controller.last_error is None, controller.last_error


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    yield from _run_server(tmp_path)


def test_the_sync_page_lists_what_a_restore_lost_and_sends_it_again(open_window, qtbot, tmp_path, server) -> None:
    user = server.add_account(unique("sec"))
    desk_app = open_logged_in(open_window, qtbot, tmp_path / "desk", server, user)
    changes = desk_app.desk.create("member", member_values("恢复测试成员"))
    synced(qtbot, desk_app)
    page = desk_app.window.show_page("sync")
    assert not page.lost_edits.isVisible()

    backups = SqliteBackups(server)
    backups.backup()
    before = desk_app.desk.get("member", changes.record_id)["city"]
    desk_app.desk.update("member", changes.record_id, {"city": "宜昌"})
    after = desk_app.desk.get("member", changes.record_id)["city"]
    synced(qtbot, desk_app)
    backups.restore()
    synced(qtbot, desk_app)

    box = page.lost_edits
    qtbot.waitUntil(lambda: box.list.count() == 1, timeout=60_000)
    assert box.isVisible()
    text = box.list.item(0).text()
    assert "恢复测试成员" in text and f"City: {before} → {after}" in text and "your edit" in text, text
    assert desk_app.desk.get("member", changes.record_id)["city"] == before
    qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.list.count() == 0, timeout=60_000)
    assert not box.isVisible()
    assert desk_app.desk.get("member", changes.record_id)["city"] == after
    synced(qtbot, desk_app)
    record = server.database()
    from alliance_app.models import RECORDS_BY_KIND

    with record.read() as session:
        assert session.get(RECORDS_BY_KIND["member"], changes.record_id).city == after


def test_after_a_sync_the_sync_page_says_a_newer_release_exists_and_where(open_window, qtbot, tmp_path) -> None:
    from alliance_app.sync.state import SyncResult

    desk_app = open_window(tmp_path / "desk", lang="en")
    page = desk_app.window.show_page("sync")
    notice = page.update_notice
    desk_app.workspace.sync.finished.emit(SyncResult(), None)
    assert not notice.isVisible()
    desk_app.workspace.sync.finished.emit(SyncResult(update_url="https://alliance.example.cn/download/"), None)
    assert notice.isVisible()
    assert "please update" in notice.text() and 'href="https://alliance.example.cn/download/"' in notice.text()
