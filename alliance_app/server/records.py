"""Reading the alliance records on the server: with row locks during a push (the record rules themselves are
shared with the desktop in models/integrity.py), and a record's state as one account may see it."""

from __future__ import annotations

from functools import cache
from typing import Any, Protocol

from sqlalchemy.orm import Session

from alliance_app.models import (
    RECORDS_BY_KIND,
    Actor,
    Problem,
    SyncedRecord,
    field_specs,
    hidden_fields,
    integrity,
    to_wire,
)
from alliance_app.models.integrity import (  # noqa: F401 - the server's modules take these from here
    CASCADES,
    defaults,
    field_values,
    live_dependants,
    unique_problems,
)
from alliance_app.sync.protocol import RecordState, utc_text


def fetch(session: Session, kind: str, record_id: Any, *, for_update: bool = False) -> SyncedRecord | None:
    """A record by id. In a push on PostgreSQL the row is locked: FOR UPDATE when it will be written, else FOR
    SHARE (a record referred to cannot be deleted until this transaction ends). Row locks come before the
    revision counter's lock, always in that order."""
    cls = RECORDS_BY_KIND[kind]
    if not session.info.get("lock_rows"):
        return session.get(cls, record_id)
    return session.get(cls, record_id, with_for_update={"read": not for_update})


def derive(session: Session, kind: str, values: dict[str, Any]) -> None:
    """The shared rule (models/integrity.py), reading with this push's row locks."""
    integrity.derive(session, kind, values, fetch)


def owner_of(session: Session, kind: str, values: dict[str, Any], record_id: str) -> str | None:
    return integrity.owner_of(session, kind, values, record_id, fetch)


def reference_problems(session: Session, kind: str, values: dict[str, Any]) -> list[Problem]:
    return integrity.reference_problems(session, kind, values, fetch)


class _Attributes:
    """An ORM record read like a row (loading any expired attribute)."""

    def __init__(self, record: SyncedRecord):
        self.record = record

    def __getitem__(self, name: str) -> Any:
        return getattr(self.record, name)


def record_state(record: SyncedRecord, actor: Actor) -> RecordState:
    return row_state(record.kind, _Attributes(record), actor)


class Row(Protocol):
    def __getitem__(self, name: str, /) -> Any: ...


def row_state(kind: str, row: Row, actor: Actor) -> RecordState:
    """A record (an ORM object's attributes or a plain row mapping) as `actor` may see it. Built without
    re-validation: every value comes from our own columns."""
    wire = row_wire(kind, row, actor)
    wire["values"] = {name: to_wire(value) for name, value in wire["values"].items()}
    wire["updated_at"] = row["updated_at"]
    return RecordState.model_construct(**wire)


@cache
def _field_names(kind: str) -> tuple[str, ...]:
    return tuple(spec.name for spec in field_specs(kind))


def row_wire(kind: str, row: Row, actor: Actor) -> dict[str, Any]:
    """A RecordState as a plain dict for orjson, which writes dates, enum codes and floats itself: a pull page
    of 1000 records is built and serialised several times faster than through the model."""
    hidden = hidden_fields(actor, kind, row["owner_member_id"])
    return {
        "kind": kind,
        "id": row["id"],
        "rev": row["rev"] or 0,
        "deleted": row["deleted"],
        "updated_at": utc_text(row["updated_at"]),
        "updated_by": row["updated_by"],
        "owner_member_id": row["owner_member_id"],
        "values": {name: row[name] for name in _field_names(kind) if name not in hidden},
        "hidden": sorted(hidden),
    }
