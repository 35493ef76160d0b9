"""Commands that only read (status, list, show, report, export) run while a window holds the store; writers stay
single. The window's lock is the real file lock, held by a real second process where it matters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from alliance_app.services import Desk
from alliance_app.store import errors
from alliance_app.store.engine import _held_by_another, open_store
from tests.conftest import SECRETARIAT, add_member
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[2]


def test_a_reader_opens_beside_the_writer_sees_its_commits_and_cannot_write(tmp_path: Path) -> None:
    writer = open_store(tmp_path)
    try:
        with pytest.raises(errors.StoreInUse):
            open_store(tmp_path)  # a second writer is still refused
        reader = open_store(tmp_path, read_only=True)
        try:
            desk, reading = Desk(writer, SECRETARIAT), Desk(reader, SECRETARIAT)
            member = add_member(desk, "武汉大学")
            assert reading.get("member", member)["name_zh"] == "武汉大学"
            with reader.read() as session:  # a read kept open does not stop the writer
                assert session.connection().exec_driver_sql("SELECT count(*) FROM members").scalar() == 1
                add_member(desk, "华中科技大学")
                with pytest.raises(OperationalError, match="readonly"):
                    session.connection().exec_driver_sql("DELETE FROM members")  # SQLite itself refuses
            assert reading.count("member") == 2
            with pytest.raises(RuntimeError):
                reading.create("member", {"name_zh": "小米", "member_kind": "企业"})
        finally:
            reader.close()
    finally:
        writer.close()


def test_a_reader_alone_lets_go_of_the_lock_so_the_window_can_open(tmp_path: Path) -> None:
    reader = open_store(tmp_path, read_only=True)  # makes the store, as any first open does
    try:
        assert reader.schema_revision and not _held_by_another(tmp_path)
        open_store(tmp_path).close()  # a window started while a report is written is not refused
    finally:
        reader.close()


def test_a_reader_never_upgrades_a_store_another_desk_holds(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    holder = open_store(tmp_path)
    try:
        with holder.engine.begin() as connection:  # as if the holder were an older version
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003_sync'")
        with pytest.raises(errors.StoreInUse):
            open_store(tmp_path, read_only=True)
    finally:
        holder.close()


@pytest.fixture
def window_process(tmp_path: Path) -> Iterator[Path]:
    """A real Alliance Desk window (offscreen) in its own process, on a store with the demo alliance."""
    data = tmp_path / "data"
    assert run(data, "demo").returncode == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen(
        [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(data), "--lang", "en"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while not _held_by_another(data):  # waits for the window to take the store, however long that takes
            assert window.poll() is None, window.stderr.read() if window.stderr else ""
            time.sleep(0.1)
        yield data
    finally:
        window.terminate()
        window.wait(timeout=60)


def test_read_commands_run_while_the_window_is_open_and_writes_are_refused(window_process: Path) -> None:
    data = window_process
    status = run(data, "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["counts"]["project"] > 0
    listed = run(data, "list", "project", "--json", "--limit", "3")
    assert listed.returncode == 0, listed.stderr
    first = json.loads(listed.stdout)["rows"][0]
    shown = run(data, "show", "project", first["id"], "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["title"] == first["title"]
    exported = run(data, "export", "project", "-o", str(data.parent / "projects.csv"))
    assert exported.returncode == 0, exported.stderr
    assert (data.parent / "projects.csv").read_text(encoding="utf-8-sig").count("\n") > 3
    figures = run(data, "report", "--json", "--year", "2025")
    assert figures.returncode == 0, figures.stderr
    added = run(data, "add", "member", "name_zh=新成员", "member_kind=enterprise")
    assert added.returncode == 1 and "open in another running Alliance Desk" in added.stderr
    assert _held_by_another(data)  # the window still holds the store
