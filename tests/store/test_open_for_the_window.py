"""How the window opens its store: on a worker thread (closed later on the main thread), and what an upgrade that
fails tells the user."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from alliance_app.store import engine, errors, migrate
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


def test_an_upgrade_that_fails_says_so_and_names_the_copy_kept_before_it(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "data"
    open_store(folder).close()
    shipped = migrate.head_revision()
    scripts = tmp_path / "future"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_next.py").write_text(
        f'revision = "9999_next"\ndown_revision = "{migrate.head_revision()}"\n'
        "branch_labels = None\ndepends_on = None\n"
        "import sqlalchemy as sa\nfrom alembic import op\n"
        "def upgrade():\n    op.add_column('members', sa.Column('name_zh', sa.String(60)))\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    monkeypatch.setattr(engine, "VERSIONS_DIR", scripts / "versions")
    with pytest.raises(errors.StoreUpgradeFailed) as caught:
        open_store(folder)
    (backup,) = (folder / "backups").glob("*before-9999_next*")
    assert str(backup) in caught.value.en and str(backup) in caught.value.zh
    assert "duplicate column name: name_zh" in caught.value.en and "无法升级" in caught.value.zh
    with sqlite3.connect(backup) as old:  # the copy is the store as it was before
        assert old.execute("select version_num from alembic_version").fetchone()[0] == shipped
    monkeypatch.undo()
    open_store(folder).close()  # the lock was let go: the previous version opens it again
