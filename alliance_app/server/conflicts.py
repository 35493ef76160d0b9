"""Conflicts and history: who may see them, and resolving a conflict as an ordinary change with a new rev."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from alliance_app.models import RECORDS_BY_KIND, Actor, Role, from_wire, hidden_fields, utc_now
from alliance_app.server.db import Revs
from alliance_app.server.errors import ApiError, forbidden, not_found
from alliance_app.server.push import (
    Context,
    Rejected,
    _permit,
    _revive,
    _write_fields,
    conflict_out,
    save_log,
    tombstone,
)
from alliance_app.server.records import fetch, field_values, record_state
from alliance_app.server.tables import ChangeLogEntry, Conflict, FieldRevs
from alliance_app.sync.protocol import ConflictOut, HistoryEntry, HistoryResponse, ResolveResponse


def _visible(actor: Actor, conflict: Conflict) -> bool:
    """The owning member's liaisons, the secretariat, and whoever's push made the conflict."""
    return (
        actor.role == Role.SECRETARIAT
        or (actor.member_id is not None and actor.member_id == conflict.owner_member_id)
        or actor.username == conflict.created_by
    )


def list_conflicts(session: Session, actor: Actor, include_resolved: bool) -> list[ConflictOut]:
    query = select(Conflict).order_by(Conflict.created_at, Conflict.id)
    if not include_resolved:
        query = query.where(Conflict.resolved.is_(False))
    if actor.role != Role.SECRETARIAT:
        query = query.where(or_(Conflict.owner_member_id == actor.member_id, Conflict.created_by == actor.username))
    return [conflict_out(c) for c in session.scalars(query) if _visible(actor, c)]


def resolve(session: Session, actor: Actor, conflict_id: str, keep: str) -> ResolveResponse:
    """Makes the record hold the kept side's value (a normal change: permission, new rev, change log)."""
    lock = True if session.info.get("lock_rows") else None
    conflict = session.get(Conflict, conflict_id, with_for_update=lock)
    if conflict is None or not _visible(actor, conflict):
        raise not_found("冲突", "conflict")
    if conflict.resolved:
        raise ApiError(409, "already_resolved", "这个冲突已经处理过了", "This conflict has already been resolved")
    record = fetch(session, conflict.kind, conflict.record_id, for_update=True)
    revs_row = session.get(FieldRevs, (conflict.kind, conflict.record_id), with_for_update=lock)
    assert record is not None and revs_row is not None
    revs = Revs(session)
    ctx = Context(session, actor, revs, mutation_id=conflict.id)
    value = conflict.mine if keep == "mine" else conflict.theirs
    try:
        _apply_value(ctx, record, revs_row, conflict.field, value)
    except Rejected as refusal:
        raise forbidden(refusal.zh, refusal.en) from None
    save_log(session, ctx.log_rows)
    revs.save()
    conflict.resolved, conflict.resolution = True, keep
    conflict.resolved_by, conflict.resolved_at = actor.username, utc_now()
    session.flush()
    return ResolveResponse(conflict=conflict_out(conflict), record=record_state(record, actor))


def _apply_value(ctx: Context, record, revs_row: FieldRevs, field: str, value) -> None:  # type: ignore[no-untyped-def]
    if field == "deleted":
        if bool(value) == record.deleted:
            _permit(ctx, record.kind, "update", record.owner_member_id, set(), field_values(record))
        elif value:
            _permit(ctx, record.kind, "delete", record.owner_member_id, set(), field_values(record))
            tombstone(ctx, record, revs_row)
        else:
            _revive(ctx, record, revs_row, {}, "create")
        return
    current = field_values(record)
    new_value = from_wire(record.kind, field, value)
    values = {**current, field: new_value}
    _permit(ctx, record.kind, "update", record.owner_member_id, {field}, values)
    if current[field] != new_value:
        _write_fields(ctx, record, revs_row, values, {field}, "update")


def history(session: Session, actor: Actor, kind: str, record_id: str) -> HistoryResponse:
    """The secretariat sees every record's history; a liaison sees who changed its own member's records."""
    record = session.get(RECORDS_BY_KIND[kind], record_id)
    if record is None:
        raise not_found()
    if actor.role != Role.SECRETARIAT and (actor.member_id is None or actor.member_id != record.owner_member_id):
        raise forbidden(
            "只有该成员单位的联络人和秘书处可以查看修改历史",
            "Only the owning member's liaisons and the secretariat can see a record's history",
        )
    hidden = hidden_fields(actor, kind, record.owner_member_id)
    entries = session.scalars(
        select(ChangeLogEntry)
        .where(ChangeLogEntry.kind == kind, ChangeLogEntry.record_id == record_id)
        .order_by(ChangeLogEntry.rev, ChangeLogEntry.id)
    )
    return HistoryResponse(
        kind=kind,  # type: ignore[arg-type]
        record_id=record_id,
        entries=[
            HistoryEntry(
                rev=e.rev,
                op=e.op,  # type: ignore[arg-type]
                field=e.field,
                old=e.old,
                new=e.new,
                changed_by=e.changed_by,
                changed_at=e.changed_at,
                mutation_id=e.mutation_id,
            )
            for e in entries
            if e.field not in hidden
        ],
    )
