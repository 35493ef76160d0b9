"""Tables only the desktop has: the sync outbox and the store's own facts (demo flag, sync cursor, ...)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from alliance_app.models.base import NAMING_CONVENTION, utc_now


class LocalBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OutboxEntry(LocalBase):
    """One local change waiting to be pushed, written in the same transaction as the change itself.

    `changes` maps each changed field to [old, new] in wire form; `base_rev` is the record's server revision
    the edit was made against (None for a record the server has not seen yet)."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("op IN ('create', 'update', 'delete')", name="op"),
        CheckConstraint("state IN ('pending', 'rejected')", name="state"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(String(36), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    op: Mapped[str] = mapped_column(String(10), nullable=False)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    base_rev: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utc_now)
    created_by: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    state: Mapped[str] = mapped_column(String(10), nullable=False, default="pending", index=True)
    error_code: Mapped[str | None] = mapped_column(String(60))
    error_message: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class StoreMeta(LocalBase):
    """Facts about this store as key → JSON value: demo flag, creation time, and later the sync cursor."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class SyncConflict(LocalBase):
    """A conflict this desktop has seen (its own push made it, or the server listed it): both values kept until
    someone resolves it. Mirrors the server's conflict record (wire form values)."""

    __tablename__ = "sync_conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    field: Mapped[str] = mapped_column(String(60), nullable=False)
    base: Mapped[Any] = mapped_column(JSON, nullable=True)
    theirs: Mapped[Any] = mapped_column(JSON, nullable=True)
    mine: Mapped[Any] = mapped_column(JSON, nullable=True)
    kept: Mapped[str] = mapped_column(String(10), nullable=False)
    created_by: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utc_now)
    resolved: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    resolution: Mapped[str | None] = mapped_column(String(10))
    resolved_by: Mapped[str | None] = mapped_column(String(80))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncSeen(LocalBase):
    """Records delivered by a full re-pull still in progress, so the sweep at its end knows which local records
    the server no longer has; written with each page, emptied when the re-pull ends (survives a crash)."""

    __tablename__ = "sync_seen"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
