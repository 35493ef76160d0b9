"""Alembic migrations of the server database (SQLite or PostgreSQL); `python -m` to write a new one."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Brings the database to the newest schema (a no-op when it is there already)."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def main(argv: list[str]) -> None:
    """Developer entry: `python -m alliance_app.server.migrate revision "what changed"`."""
    import tempfile

    from sqlalchemy import create_engine

    if len(argv) != 2 or argv[0] != "revision":
        raise SystemExit('usage: python -m alliance_app.server.migrate revision "message"')
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/scratch.sqlite")
        with engine.begin() as connection:
            if any((MIGRATIONS_DIR / "versions").glob("*.py")):
                command.upgrade(alembic_config(connection), "head")
            command.revision(alembic_config(connection), message=argv[1], autogenerate=True)


if __name__ == "__main__":
    main(sys.argv[1:])
