"""Shared fixtures: a fresh store in a temporary folder, desks for the secretariat and for liaisons."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Qt widgets under test render offscreen; set before any test imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from alliance_app.models import Actor, Role, credit_code_check_char
from alliance_app.services import Desk
from alliance_app.store import engine, migrate
from alliance_app.store.engine import open_store

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)


def credit_code(n: int) -> str:
    """A well-formed unified social credit code (Wuhan, market regulation), different for each n."""
    first17 = f"91420100{n:09d}"
    return first17 + credit_code_check_char(first17)


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on now, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def next_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Installs the next release's store migration, `9999_next`, which adds `column` to the members table. A new
    column upgrades a store; `name_zh`, already there, makes the upgrade fail as a store the migration did not
    expect would."""

    def install(column: str) -> None:
        scripts = tmp_path / "future"
        shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
        (scripts / "versions" / "9999_next.py").write_text(
            f'revision = "9999_next"\ndown_revision = "{migrate.head_revision()}"\n'
            "branch_labels = None\ndepends_on = None\n"
            "import sqlalchemy as sa\nfrom alembic import op\n"
            f"def upgrade():\n    op.add_column('members', sa.Column('{column}', sa.String(60)))\n",
            encoding="utf-8",
        )
        monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
        monkeypatch.setattr(engine, "VERSIONS_DIR", scripts / "versions")

    return install


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    """A secretariat desk on a new, empty store in a temporary folder."""
    store = open_store(tmp_path / "data")
    try:
        yield Desk(store, SECRETARIAT)
    finally:
        store.close()


def liaison_of(desk: Desk, member_id: str, name: str = "liaison") -> Desk:
    """Another desk on the same open store, working as a liaison of `member_id`."""
    return Desk(desk.store, Actor(name, Role.LIAISON, member_id))


def add_member(desk: Desk, name: str, **values: object) -> str:
    changes = desk.create("member", {"name_zh": name, "member_kind": "企业", **values})
    assert changes.record_id is not None
    return changes.record_id
