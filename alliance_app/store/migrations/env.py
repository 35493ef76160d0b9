"""Alembic environment of the desktop store: runs on the connection the store hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from alliance_app.models.base import Base
from alliance_app.store.local_tables import LocalBase

config = context.config
target_metadata = [Base.metadata, LocalBase.metadata]

connection = config.attributes.get("connection")
if connection is None:
    # Autogenerate by a developer: `python -m alliance_app.store.migrate revision "message"`.
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
