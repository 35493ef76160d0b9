"""The server restored from a backup while desktops held newer edits: no desktop silently diverges, the edits the
restore lost are offered back to the desktop that made them, and sending them again converges every desktop.

A real server (SQLite, and PostgreSQL where ALLIANCE_TEST_POSTGRES_URL is set) is backed up the way docs/deploy.md
says, edited from three desktops, restored the way the guide says, and each desktop's next sync is watched: one
that pushes first (moving the server's counter past the others' cursors, the case the old "cursor ahead" rule
missed) and ones that pull first."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from alliance_app.sync.errors import SyncError
from tests.server.conftest import drop_scratch_database

from .conftest import Desktop, Server, member_values, snapshot
from .conftest import _run_server as run_server

PG_URL = os.environ.get("ALLIANCE_TEST_POSTGRES_URL")


class SqliteBackups:
    """The guide's SQLite backup (the online backup API, as `sqlite3 … .backup`) and its restore (stop, move the
    database and its -wal/-shm aside, copy the backup in, start)."""

    def __init__(self, server: Server):
        self.server = server
        self.live = server.data_dir / "alliance-server.sqlite"
        self.copy = server.data_dir.parent / "backup.sqlite"

    def backup(self) -> None:
        source, target = sqlite3.connect(self.live), sqlite3.connect(self.copy)
        with target:
            source.backup(target)
        source.close()
        target.close()

    def restore(self) -> None:
        self.server.stop()
        aside = self.server.data_dir.parent / "before-restore"
        aside.mkdir()
        for suffix in ("", "-wal", "-shm"):
            found = Path(f"{self.live}{suffix}")
            if found.exists():
                shutil.move(found, aside / found.name)
        shutil.copy(self.copy, self.live)
        self.server.start()


class PostgresBackups:
    """The guide's PostgreSQL backup (pg_dump --format=custom) and restore (a fresh database, pg_restore, migrate,
    and the server started on it while stopped)."""

    def __init__(self, server: Server, admin_url: str, name: str):
        self.server, self.admin_url, self.name = server, admin_url, name
        self.dump = server.data_dir.parent / "backup.dump"
        self.made: list[str] = []

    def url(self, name: str) -> str:
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def libpq(self, name: str) -> str:
        return self.url(name).replace("postgresql+psycopg://", "postgresql://")

    def create(self, name: str) -> str:
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        self.made.append(name)
        return self.url(name)

    def drop_all(self) -> None:
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            for name in self.made:
                drop_scratch_database(connection, name)
        engine.dispose()

    def backup(self) -> None:
        subprocess.run(
            ["pg_dump", "--format=custom", f"--file={self.dump}", self.libpq(self.name)], check=True, timeout=120
        )

    def restore(self) -> None:
        self.server.stop()
        restored = f"{self.name}_restored"
        url = self.create(restored)
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={self.libpq(restored)}", str(self.dump)], check=True)
        self.server.env["ALLIANCE_SERVER_DATABASE_URL"] = url
        self.server.cli("migrate")
        self.server.start()


@pytest.fixture(params=["sqlite", "postgresql"])
def restorable(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Server, Any]]:
    if request.param == "sqlite":
        for server in run_server(tmp_path):
            yield server, SqliteBackups(server)
        return
    if not PG_URL:
        pytest.skip("ALLIANCE_TEST_POSTGRES_URL is not set: the PostgreSQL restore is not tried")
    name = f"restore_{uuid.uuid4().hex[:10]}"
    holder = Server("", tmp_path / "server", 0)
    backups = PostgresBackups(holder, PG_URL, name)
    url = backups.create(name)
    try:
        from tests.conftest import free_port

        port = free_port()
        server = Server(f"http://127.0.0.1:{port}", tmp_path / "server", port)
        server.data_dir.mkdir()
        server.env["ALLIANCE_SERVER_DATABASE_URL"] = url
        server.cli("migrate")
        backups.server = server
        server.start()
        yield server, backups
        server.stop()
    finally:
        backups.drop_all()


def add_account(server: Server, username: str) -> str:
    server.cli("create-account", username, "--role", "secretariat", "--password-stdin", stdin="correct horse battery\n")
    return username


def city(desktop: Desktop, record_id: str) -> Any:
    return desktop.get("member", record_id)["city"]


def server_rev(server: Server) -> int:
    import httpx

    return int(httpx.get(f"{server.url}/healthz", timeout=5, trust_env=False).json()["server_rev"])


def test_a_restore_is_found_the_lost_edits_are_offered_back_and_sending_them_converges_everyone(
    restorable: tuple[Server, Any], desktops: Any
) -> None:
    server, backups = restorable
    a = desktops("a").login(server, add_account(server, "restore-a"))
    b = desktops("b").login(server, add_account(server, "restore-b"))
    c = desktops("c").login(server, add_account(server, "restore-c"))
    kept = a.create("member", **member_values("恢复前成员"))
    others = [a.create("member", **member_values(f"成员{i}")) for i in range(4)]
    a.sync()
    b.sync()
    c.sync()

    backups.backup()

    # After the backup: an edit by A, a new member by B, a delete by C, all synced and seen by everyone.
    before = city(a, kept)
    a.edit("member", kept, city="宜昌")
    after = city(a, kept)  # as the desk stores it (a city may be written out in full)
    assert after != before
    a.sync()
    added = b.create("member", **member_values("备份后成员"))
    b.sync()
    c.desk.delete("member", others[0])
    c.sync()
    for desktop in (a, b, c):
        desktop.sync()
    # A also has edits it has not sent yet, made before the restore.
    for i, record_id in enumerate(others[1:]):
        a.edit("member", record_id, district=f"区{i}")
    cursor_b = b.sync().cursor

    backups.restore()

    # A pushes first: its unsent edits must not be applied against the lost history, and they move the server's
    # counter past B's cursor (so "cursor ahead of the server" can no longer tell B anything).
    result = a.sync()
    assert result.restored and result.pending == 0
    assert server_rev(server) >= cursor_b
    lost_a = {e.key: e for e in a.desk_sync.lost_edits()}
    assert set(lost_a) == {f"member:{kept}", f"member:{added}", f"member:{others[0]}"}
    assert lost_a[f"member:{kept}"].op == "update" and lost_a[f"member:{kept}"].mine
    assert lost_a[f"member:{kept}"].fields["city"] == (before, after)
    assert lost_a[f"member:{added}"].op == "create" and not lost_a[f"member:{added}"].mine
    assert lost_a[f"member:{others[0]}"].op == "delete" and lost_a[f"member:{others[0]}"].changed_by == "restore-c"
    # Until someone decides, the desktop shows what the server has: nothing kept silently either.
    assert city(a, kept) == before
    assert ("member", added) not in a.live()
    assert all(a.get("member", r)["district"] == f"区{i}" for i, r in enumerate(others[1:]))

    # B pulls first, with nothing to send.
    result = b.sync()
    assert result.restored
    lost_b = {e.key: e for e in b.desk_sync.lost_edits()}
    assert lost_b[f"member:{added}"].mine and lost_b[f"member:{added}"].op == "create"
    assert a.live() == b.live()

    # Each sends its own again; A lets the others go (their authors decide).
    a.desk_sync.send_again(f"member:{kept}")
    a.desk_sync.discard_lost(f"member:{added}")
    a.desk_sync.discard_lost(f"member:{others[0]}")
    b.desk_sync.send_again(f"member:{added}")
    for key in list(lost_b):
        if key != f"member:{added}":
            b.desk_sync.discard_lost(key)
    a.sync()
    b.sync()
    assert not a.desk_sync.lost_edits() and not b.desk_sync.lost_edits()

    # C logged in before the backup, so its login survived; it pulls first and offers back its delete.
    result = c.sync()
    assert result.restored
    lost_c = {e.key: e for e in c.desk_sync.lost_edits()}
    assert set(lost_c) == {f"member:{others[0]}"} and lost_c[f"member:{others[0]}"].mine
    c.desk_sync.send_again(f"member:{others[0]}")
    c.sync()
    for desktop in (a, b, c):
        desktop.sync()
    assert a.live() == b.live() == c.live()
    assert city(a, kept) == after and ("member", added) in a.live() and ("member", others[0]) not in a.live()


def test_a_restore_into_the_same_database_is_declared_with_after_restore(server: Server, desktops: Any) -> None:
    """`sqlite3 live.sqlite ".restore backup"` keeps the file, so nothing shows a restore but the command the
    guide makes part of every restore; after it, the desktop finds the lost edit as above."""
    a = desktops("a").login(server, server.add_account("inplace-a"))
    record_id = a.create("member", **member_values("原地恢复"))
    a.sync()
    live = server.data_dir / "alliance-server.sqlite"
    copy = server.data_dir.parent / "inplace.sqlite"
    with sqlite3.connect(copy) as target:
        sqlite3.connect(live).backup(target)
    before = city(a, record_id)
    a.edit("member", record_id, city="襄阳")
    after = city(a, record_id)
    a.sync()
    server.stop()
    with sqlite3.connect(live) as target:
        sqlite3.connect(copy).backup(target)  # into the same file
    server.cli("after-restore")
    server.start()
    result = a.sync()
    assert result.restored
    assert [(e.op, e.fields) for e in a.desk_sync.lost_edits()] == [("update", {"city": (before, after)})]


def test_a_desktop_that_logged_in_after_the_backup_is_asked_to_log_in_again(server: Server, desktops: Any) -> None:
    backups = SqliteBackups(server)
    username = server.add_account("late-login")
    backups.backup()
    late = desktops("late").login(server, username)
    late.sync()
    backups.restore()
    late.desk_sync.close()  # a new run of the desktop: only the keyring's refresh token is left
    with pytest.raises(SyncError) as refused:
        late.sync()
    assert refused.value.code in ("login_expired", "unauthorized", "not_logged_in", "refresh_reused")
    late.login(server, username)
    result = late.sync()
    assert result.restored and not late.desk_sync.lost_edits()  # a new file, a new epoch; nothing of its was lost


def test_every_answer_names_the_history_and_an_older_one_is_refused(server: Server, desktops: Any) -> None:
    import httpx

    from alliance_app.sync.protocol import EPOCH_HEADER, version_headers

    health = httpx.get(f"{server.url}/healthz", trust_env=False)
    epoch = health.headers[EPOCH_HEADER]
    assert uuid.UUID(epoch)
    a = desktops("a").login(server, server.add_account("header-a"))
    token = a.desk_sync._connected().access_token
    headers = {**version_headers(), "Authorization": f"Bearer {token}"}
    ok = httpx.get(f"{server.url}/api/v1/sync/checksums", headers={**headers, EPOCH_HEADER: epoch}, trust_env=False)
    assert ok.status_code == 200 and ok.headers[EPOCH_HEADER] == epoch
    stale = str(uuid.uuid4())
    refused = httpx.post(
        f"{server.url}/api/v1/sync/push",
        json={"mutations": []},
        headers={**headers, EPOCH_HEADER: stale},
        trust_env=False,
    )
    assert refused.status_code == 409 and refused.json()["code"] == "history_changed"
    assert refused.headers[EPOCH_HEADER] == epoch
    info = httpx.get(f"{server.url}/api/v1/sync/epoch", headers={**headers, EPOCH_HEADER: stale}, trust_env=False)
    assert info.status_code == 200 and info.json()["epoch"] == epoch
    assert snapshot(a.store) == {}
