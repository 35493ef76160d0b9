"""Alembic migrations of the desktop store, run in-process when a store opens; `python -m` to write a new one."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


def main(argv: list[str]) -> None:
    """Developer entry: `python -m alliance_app.store.migrate revision "what changed"` autogenerates a migration
    against a scratch store built from the current migrations."""
    import tempfile

    from sqlalchemy import create_engine

    if len(argv) != 2 or argv[0] != "revision":
        raise SystemExit('usage: python -m alliance_app.store.migrate revision "message"')
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/scratch.sqlite"
        engine = create_engine(url)
        with engine.begin() as connection:
            if (MIGRATIONS_DIR / "versions").glob("*.py"):
                upgrade(connection)
            config = alembic_config(connection)
            command.revision(config, message=argv[1], autogenerate=True)


if __name__ == "__main__":
    main(sys.argv[1:])
