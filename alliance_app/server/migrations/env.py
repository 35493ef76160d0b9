"""Alembic environment of the central server: the record tables and the server's own tables (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from alliance_app.models.base import Base
from alliance_app.server.tables import ServerBase

config = context.config
target_metadata = [Base.metadata, ServerBase.metadata]

connection = config.attributes.get("connection")
if connection is None:
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
