"""Opening the store: a new file is migrated to the newest schema with the right pragmas; every way it can fail
ends as one clear sentence."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from alliance_app.models import RECORDS_BY_TABLE
from alliance_app.store import errors, migrate
from alliance_app.store.engine import newest_shipped_revision, open_store
from alliance_app.store.paths import DATA_DIR_ENV, data_dir


def test_new_store_is_created_at_the_newest_schema(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        assert store.path == tmp_path / "alliance.sqlite"
        assert store.schema_revision == migrate.head_revision()
        with store.engine.connect() as connection:
            tables = set(connection.scalars(text("select name from sqlite_master where type = 'table'")))
            assert set(RECORDS_BY_TABLE) | {"outbox", "store_meta", "alembic_version"} <= tables
            assert connection.scalar(text("pragma journal_mode")) == "wal"
            assert connection.scalar(text("pragma foreign_keys")) == 1
            assert connection.scalar(text("pragma busy_timeout")) == 5000
        assert store.backups == []  # nothing to back up in a new store
    finally:
        store.close()


def test_the_newest_migration_file_names_the_head_revision() -> None:
    assert newest_shipped_revision() == migrate.head_revision()


def test_opening_an_up_to_date_store_does_not_import_alembic(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    code = (
        "import sys; from alliance_app.store.engine import open_store; "
        f"open_store({str(tmp_path)!r}).close(); sys.exit(1 if 'alembic' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], env=os.environ.copy()).returncode == 0


def test_data_folder_comes_from_the_argument_then_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert data_dir() == tmp_path / "from-env"
    assert data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    monkeypatch.delenv(DATA_DIR_ENV)
    assert "AllianceDesk" in str(data_dir())


def test_upgrade_takes_a_backup_first_and_keeps_the_records(tmp_path: Path, next_release) -> None:
    folder = tmp_path / "data"
    store = open_store(folder)
    with store.engine.begin() as connection:
        connection.execute(text("insert into store_meta (key, value) values ('marker', '\"kept\"')"))
    store.close()

    next_release("wechat")

    upgraded = open_store(folder)
    try:
        assert upgraded.schema_revision == "9999_next"
        assert len(upgraded.backups) == 1
        backup = upgraded.backups[0]
        assert backup.parent == folder / "backups" and "before-9999_next" in backup.name
        with sqlite3.connect(backup) as old:
            assert old.execute("select version_num from alembic_version").fetchone()[0] != "9999_next"
            assert old.execute("select value from store_meta where key = 'marker'").fetchone()[0] == '"kept"'
        assert upgraded.get_meta("marker") == "kept"
    finally:
        upgraded.close()


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    with sqlite3.connect(tmp_path / "alliance.sqlite") as connection:
        connection.execute("update alembic_version set version_num = '0099_from_the_future'")
    with pytest.raises(errors.StoreTooNew) as caught:
        open_store(tmp_path)
    assert "0099_from_the_future" in caught.value.en and "upgrade" in caught.value.en
    assert "请升级" in caught.value.zh


def test_a_file_that_is_not_a_database_is_reported_as_damaged(tmp_path: Path) -> None:
    (tmp_path / "alliance.sqlite").write_bytes(b"PK\x03\x04 this is a spreadsheet, not a store" * 100)
    with pytest.raises(errors.StoreCorrupt) as caught:
        open_store(tmp_path)
    assert "backups" in caught.value.en and "已损坏" in caught.value.zh


def test_a_truncated_store_is_reported_as_damaged(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    with store.engine.begin() as connection:
        connection.execute(text("pragma wal_checkpoint(truncate)"))
    store.close()
    path = tmp_path / "alliance.sqlite"
    data = path.read_bytes()
    path.write_bytes(data[:4096] + b"\x00" * 100 + data[5000:9000])
    with pytest.raises(errors.StoreCorrupt):
        open_store(tmp_path)


def test_a_second_desk_on_the_same_store_is_refused(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        with pytest.raises(errors.StoreInUse) as caught:
            open_store(tmp_path)
        assert "another running Alliance Desk" in caught.value.en
    finally:
        store.close()
    open_store(tmp_path).close()  # free again once the first desk closed


def _mount_tmpfs(target: Path, options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    return result.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "small-disk"
    if not _mount_tmpfs(target, "size=3m"):
        pytest.skip("needs permission to mount a small tmpfs (run as root) to fill a real disk")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "ro-disk"
    # Room for a new store while it is made (the file and its write-ahead log each hold the whole schema).
    if not _mount_tmpfs(target, "size=2m"):
        pytest.skip("needs permission to mount a tmpfs (run as root) to make a real read-only disk")
    try:
        open_store(target).close()
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_a_read_only_disk_is_explained(read_only_disk: Path) -> None:
    with pytest.raises(errors.StoreReadOnly) as caught:
        open_store(read_only_disk)
    assert "--data-dir" in caught.value.en and "只读" in caught.value.zh


def test_a_full_disk_is_explained_and_nothing_half_written(small_disk: Path) -> None:
    from alliance_app.models import Actor, Role
    from alliance_app.services import Desk

    store = open_store(small_disk)
    desk = Desk(store, Actor("sec", Role.SECRETARIAT))
    try:
        member = desk.create("member", {"name_zh": "满盘测试单位"}).record_id
        before = desk.status()
        with pytest.raises(errors.StoreFull) as caught:
            for number in range(10_000):
                desk.create(
                    "project",
                    {
                        "lead_member_id": member,
                        "title": f"项目{number}",
                        "domain": "区块链",
                        "description": "很长的说明" * 400,
                    },
                )
        assert "disk is full" in caught.value.en and "磁盘已满" in caught.value.zh
        after = desk.status()
        # Every project that was saved has its outbox entry, and the failed one has neither.
        assert after.counts["project"] == after.pending - before.pending
    finally:
        store.close()
