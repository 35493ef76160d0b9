"""Tables only the server has: accounts and tokens, the revision counter, per-field revisions, the idempotency
record of mutations, the change log and conflicts. The alliance records themselves are `alliance_app.models`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from alliance_app.models.base import NAMING_CONVENTION, utc_now

# SQLite only autoincrements INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit key.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class ServerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Account(ServerBase):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    member_id: Mapped[str | None] = mapped_column(String(36))
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    disabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utc_now)
    # What `alliance-server accounts list` shows the administrator (written at most once a minute per account).
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime)
    desktop_version: Mapped[str | None] = mapped_column(String(40))


class AuthToken(ServerBase):
    """An issued token, stored only as its SHA-256. Refresh tokens of one login share a `family`; reusing a
    rotated one revokes the family (a stolen token is then worthless to both holders)."""

    __tablename__ = "auth_tokens"
    __table_args__ = (Index("ix_auth_tokens_family", "family"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # access / refresh
    family: Mapped[str] = mapped_column(String(36), nullable=False)
    issued_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    rotated_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class LoginFailure(ServerBase):
    """Failed logins, kept in the database (not in memory) so every worker enforces the same limit."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username_at", "username", "at"),
        Index("ix_login_failures_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80), nullable=False)
    address: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utc_now)


class RevCounter(ServerBase):
    """The one global revision counter. Its single row is locked by every writing transaction until commit,
    so revisions become visible in the order they were handed out (a puller never passes a later-committing rev)."""

    __tablename__ = "rev_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rev: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    # Tombstones at or below this rev have been purged; older cursors must re-pull from 0.
    purged_rev: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)


class FieldRevs(ServerBase):
    """Per record, the rev of each field's last change: what the per-field merge compares base revs with."""

    __tablename__ = "field_revs"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_rev: Mapped[int] = mapped_column(BigInteger, nullable=False)
    deleted_rev: Mapped[int | None] = mapped_column(BigInteger)
    revs: Mapped[dict[str, int]] = mapped_column(JSON, nullable=False, default=dict)


class MutationRecord(ServerBase):
    """Every mutation the server has answered, with its outcome, so a retried push gets the same answer."""

    __tablename__ = "mutations"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False)
    outcome: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    received_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utc_now)


class ChangeLogEntry(ServerBase):
    """One accepted field change: who, when, old → new (wire form). A record's history is its entries."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_record", "kind", "record_id", "rev"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    rev: Mapped[int] = mapped_column(BigInteger, nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False)
    op: Mapped[str] = mapped_column(String(10), nullable=False)
    field: Mapped[str] = mapped_column(String(60), nullable=False)
    old: Mapped[Any] = mapped_column(JSON)
    new: Mapped[Any] = mapped_column(JSON)
    changed_by: Mapped[str] = mapped_column(String(80), nullable=False)
    changed_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utc_now)
    mutation_id: Mapped[str | None] = mapped_column(String(36))


class Conflict(ServerBase):
    """A field both sides changed differently: the server kept `kept`'s value; either side may resolve it."""

    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_owner_resolved", "owner_member_id", "resolved"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    field: Mapped[str] = mapped_column(String(60), nullable=False)
    base: Mapped[Any] = mapped_column(JSON)
    theirs: Mapped[Any] = mapped_column(JSON)
    mine: Mapped[Any] = mapped_column(JSON)
    kept: Mapped[str] = mapped_column(String(10), nullable=False, default="theirs")
    owner_member_id: Mapped[str | None] = mapped_column(String(36))
    mutation_id: Mapped[str | None] = mapped_column(String(36))
    created_by: Mapped[str] = mapped_column(String(80), nullable=False)
    created_by_member_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utc_now)
    resolved: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    resolution: Mapped[str | None] = mapped_column(String(10))
    resolved_by: Mapped[str | None] = mapped_column(String(80))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)


class ServerEpoch(ServerBase):
    """The name of the server's history (see server/epoch.py): one row, changed when a restore is found or declared.
    `since_rev` is the revision the history started from (a restore's fork point); `bound_to` the database that
    made it."""

    __tablename__ = "server_epoch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36), nullable=False)
    since_rev: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    bound_to: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utc_now)


class KindSum(ServerBase):
    """A kind's live-record count and `protocol_sums` sum as of a revision: one row per kind at the last revision of
    every transaction that changed the kind (server/kind_sums.py), so a checksum "as of" a recent revision is one
    indexed read. Old rows are pruned; each kind keeps at least its newest."""

    __tablename__ = "kind_sums"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    rev: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, nullable=False)
    total: Mapped[str] = mapped_column(String(64), nullable=False)
