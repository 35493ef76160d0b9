"""How the window opens its store: on a worker thread (closed later on the main thread), and what an upgrade that
fails tells the user."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from alliance_app.store import errors, migrate
from alliance_app.store.engine import open_store


def test_a_store_opened_on_a_worker_and_closed_on_the_main_thread_is_free_again(tmp_path: Path) -> None:
    opened = []
    worker = threading.Thread(target=lambda: opened.append(open_store(tmp_path)))
    worker.start()
    worker.join()
    with pytest.raises(errors.StoreInUse):
        open_store(tmp_path)
    opened[0].close()  # on this thread, as the window does when it closes
    open_store(tmp_path).close()


def test_an_upgrade_that_fails_says_so_and_names_the_copy_kept_before_it(
    tmp_path: Path, monkeypatch, next_release
) -> None:
    folder = tmp_path / "data"
    open_store(folder).close()
    shipped = migrate.head_revision()
    next_release("name_zh")
    with pytest.raises(errors.StoreUpgradeFailed) as caught:
        open_store(folder)
    (backup,) = (folder / "backups").glob("*before-9999_next*")
    assert str(backup) in caught.value.en and str(backup) in caught.value.zh
    assert "duplicate column name: name_zh" in caught.value.en and "无法升级" in caught.value.zh
    with sqlite3.connect(backup) as old:  # the copy is the store as it was before
        assert old.execute("select version_num from alembic_version").fetchone()[0] == shipped
    monkeypatch.undo()
    open_store(folder).close()  # the lock was let go: the previous version opens it again
