"""Reading the alliance records on the server: defaults, owners, references, dependants, and a record's state
as one account may see it (personal fields left out)."""

from __future__ import annotations

from functools import cache
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_app.models import (
    OWNER_VIA_PARENT,
    RECORDS_BY_KIND,
    Actor,
    Problem,
    SyncedRecord,
    field_specs,
    hidden_fields,
    to_wire,
)
from alliance_app.sync.protocol import RecordState

# Link records deleted with their parent (the desktop's services cascade the same way).
CASCADES: dict[str, tuple[tuple[str, str], ...]] = {
    "project": (("project_partner", "project_id"),),
    "lab_partnership": (("lab_partner", "lab_id"),),
    "event": (("attendance", "event_id"),),
}


@cache
def defaults(kind: str) -> dict[str, Any]:
    """Each field's value when a create leaves it out: the column default, else None (empty list for domains)."""
    table = RECORDS_BY_KIND[kind].__table__  # type: ignore[attr-defined]
    values: dict[str, Any] = {}
    for spec in field_specs(kind):
        default = table.columns[spec.name].default
        if default is None:
            values[spec.name] = [] if spec.type == "domains" else None
        elif default.is_callable:
            values[spec.name] = default.arg(None)
        else:
            values[spec.name] = default.arg
    return values


def fetch(session: Session, kind: str, record_id: Any, *, for_update: bool = False) -> SyncedRecord | None:
    """A record by id. In a push on PostgreSQL the row is locked: FOR UPDATE when it will be written, else FOR
    SHARE (a record referred to cannot be deleted until this transaction ends). Row locks come before the
    revision counter's lock, always in that order."""
    cls = RECORDS_BY_KIND[kind]
    if not session.info.get("lock_rows"):
        return session.get(cls, record_id)
    return session.get(cls, record_id, with_for_update={"read": not for_update})


def field_values(record: SyncedRecord) -> dict[str, Any]:
    return {spec.name: getattr(record, spec.name) for spec in field_specs(record.kind)}


def derive(session: Session, kind: str, values: dict[str, Any]) -> None:
    """Fills the fields the server owns (never the client's word): the offering member of a request."""
    if kind == "resource_request":
        offer = fetch(session, "resource_offer", values["offer_id"]) if values.get("offer_id") else None
        values["offer_member_id"] = getattr(offer, "member_id", None)


def owner_of(session: Session, kind: str, values: dict[str, Any], record_id: str) -> str | None:
    """The owning member: the record itself (members), its owner column, or its parent's owner."""
    cls = RECORDS_BY_KIND[kind]
    if kind == "member":
        return record_id
    if cls.owner_column:
        return values.get(cls.owner_column)
    parent_column, parent_kind = OWNER_VIA_PARENT[kind]
    parent = fetch(session, parent_kind, values[parent_column]) if values.get(parent_column) else None
    return None if parent is None else parent.owner_member_id


def reference_problems(session: Session, kind: str, values: dict[str, Any]) -> list[Problem]:
    problems = []
    for spec in field_specs(kind):
        target = values.get(spec.name)
        if spec.ref is None or spec.derived or target in (None, ""):
            continue
        ref = fetch(session, spec.ref, target)
        if ref is None or ref.deleted:
            problems.append(
                Problem(
                    spec.name,
                    "unknown_reference",
                    f"{spec.zh}：找不到编号为 {target} 的记录",
                    f"{spec.en}: no record with id {target}",
                )
            )
    return problems


def unique_problems(session: Session, kind: str, record_id: str, values: dict[str, Any]) -> list[Problem]:
    """Members' credit code and Chinese name are unique among live members."""
    if kind != "member":
        return []
    member = RECORDS_BY_KIND["member"]
    problems = []
    for name, zh, en in (("credit_code", "统一社会信用代码", "credit code"), ("name_zh", "中文名称", "Chinese name")):
        value = values.get(name)
        if not value:
            continue
        clash = session.scalar(
            select(member.name_zh).where(  # type: ignore[attr-defined]
                getattr(member, name) == value, member.deleted.is_(False), member.id != record_id
            )
        )
        if clash:
            problems.append(
                Problem(
                    name,
                    "duplicate",
                    f"{zh} {value} 已被成员单位“{clash}”使用",
                    f"{en} {value} is already used by {clash}",
                )
            )
    return problems


def live_dependants(session: Session, kind: str, record_id: str) -> list[tuple[str, int]]:
    """Live records (other than cascaded links) that still refer to this one and so block its delete."""
    cascaded = {child for child, _ in CASCADES.get(kind, ())}
    found = []
    for child_kind, child_cls in RECORDS_BY_KIND.items():
        if child_kind in cascaded or child_kind == kind:
            continue
        for spec in field_specs(child_kind):
            if spec.ref != kind or spec.derived or (kind == "contact" and child_kind == "attendance"):
                continue
            count = session.scalar(
                select(func.count()).where(getattr(child_cls, spec.name) == record_id, child_cls.deleted.is_(False))
            )
            if count:
                found.append((child_kind, count))
    return found


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
    hidden = hidden_fields(actor, kind, row["owner_member_id"])
    return RecordState.model_construct(
        kind=kind,
        id=row["id"],
        rev=row["rev"] or 0,
        deleted=row["deleted"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
        owner_member_id=row["owner_member_id"],
        values={s.name: to_wire(row[s.name]) for s in field_specs(kind) if s.name not in hidden},
        hidden=sorted(hidden),
    )
