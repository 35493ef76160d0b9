"""The declarative base of the synced alliance records and the sync columns every record carries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

import uuid_utils
from sqlalchemy import Boolean, DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so Alembic migrations can alter constraints on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SYNC_COLUMNS = ("id", "rev", "deleted", "updated_at", "updated_by", "owner_member_id")


def new_id() -> str:
    """A client-made UUIDv7: time-ordered (good index locality) and unique without asking the server. uuid-utils
    keeps ids made in one process in the order they were made (a counter within a millisecond) and draws fresh
    random bits in a forked child (a server worker); it makes 20,000 ids, an import's, about ten times faster than
    the pure-Python uuid6 package did."""
    return str(uuid_utils.uuid7())


def utc_now() -> datetime:
    """Naive UTC, the one time convention of every stored timestamp (SQLite keeps no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except (ValueError, TypeError, AttributeError):
        return False
    return True


@dataclass(frozen=True)
class KindName:
    """What people call a kind of record: one record in Chinese and English, and several in English (a sheet,
    a list); Chinese says both alike."""

    zh: str
    en: str
    en_plural: str

    def label(self, lang: str = "zh", *, plural: bool = False) -> str:
        if lang == "zh":
            return self.zh
        return self.en_plural if plural else self.en


@dataclass(frozen=True)
class Parent:
    """A link record's parent (a project's partner → the project). The link is deleted and restored with its
    parent; any other record that refers to a record blocks its delete instead."""

    kind: str  # the parent's record kind
    field: str  # the link's field that names the parent
    # The link has no owner of its own: whoever owns the parent owns it (and may add or remove it).
    owns_link: bool = True
    # The parent's form, its import and its export carry these links as one list of partner members.
    partner_list: bool = False


class Base(DeclarativeBase):
    """Base of the synced record tables, shared by the desktop store and the central server."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedRecord:
    """Columns every synced record has. `rev` is the server's revision of the record's last change
    (None until the record has been accepted by the server); a delete is a tombstone (`deleted`)."""

    # The record kind as the wire, the CLI and the UI name it ("member", "project", ...).
    kind: ClassVar[str]
    # What people call it, in messages, forms, sheets and lists.
    kind_name: ClassVar[KindName]
    # For a link record, the record it belongs to (models/kinds.py derives owners and cascades from it).
    parent: ClassVar[Parent | None] = None
    # The column whose value is the owning member; None means the record is its own owner (members).
    owner_column: ClassVar[str | None]
    # Columns searched by substring for the kind's search box.
    search_columns: ClassVar[tuple[str, ...]] = ()
    # The human label of one record, for lists and messages.
    title_column: ClassVar[str]
    # Default ordering for lists.
    default_sort: ClassVar[str]
    # Pairs (start, end) of date columns whose range must be ordered.
    date_ranges: ClassVar[tuple[tuple[str, str], ...]] = ()
    # A link record's columns, which its id is derived from (models/fields.link_id); none for other records.
    # Declared here so that asking any kind finds an answer: a missing class attribute costs an AttributeError
    # each time, and every plan and every carried-out create asks (an import: 40,000 times).
    link_columns: ClassVar[tuple[str, ...]] = ()

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id, info={"zh": "编号", "en": "ID"})
    rev: Mapped[int | None] = mapped_column(Integer, index=True, info={"zh": "服务器版本", "en": "Server revision"})
    deleted: Mapped[bool] = mapped_column(
        Boolean, default=False, nullable=False, info={"zh": "已删除", "en": "Deleted"}
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utc_now, nullable=False, info={"zh": "更新时间", "en": "Updated at"}
    )
    updated_by: Mapped[str] = mapped_column(
        String(80), default="", nullable=False, info={"zh": "更新人", "en": "Updated by"}
    )
    owner_member_id: Mapped[str | None] = mapped_column(
        String(36), index=True, info={"zh": "所属成员单位", "en": "Owning member"}
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # A kind that forgets what it is called fails here, at import, not in a message a user reads (checked
        # before the table is mapped, so a refused class leaves nothing in the metadata).
        if "kind" in cls.__dict__ and "kind_name" not in cls.__dict__:
            raise TypeError(f"record kind {cls.__dict__['kind']!r} declares no kind_name = KindName(zh, en, en_plural)")
        own_parent = cls.__dict__.get("parent")
        if own_parent is not None and own_parent.owns_link and cls.__dict__.get("owner_column") is not None:
            raise TypeError(f"{cls.__name__}: a link owned through its parent has no owner_column of its own")
        super().__init_subclass__(**kwargs)

    def values(self) -> dict[str, Any]:
        """Every column's value, keyed by column name."""
        return {c.key: getattr(self, c.key) for c in self.__table__.columns}  # type: ignore[attr-defined]
