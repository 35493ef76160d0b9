"""Conflicts and history: who may see them, and resolving a conflict as an ordinary change with a new rev."""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from sqlalchemy import Select, Table, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from alliance_app.models import (
    RECORDS_BY_KIND,
    Actor,
    Role,
    ValidationError,
    WriteOp,
    from_wire,
    hidden_fields,
    utc_now,
    write_plan,
)
from alliance_app.models.integrity import Lookups
from alliance_app.server.db import Revs
from alliance_app.server.errors import ApiError, forbidden, not_found
from alliance_app.server.push import MutationContext, _revive, _write_fields, cascade, save_log
from alliance_app.server.push_conflicts import conflict_out
from alliance_app.server.records import fetch, record_state
from alliance_app.server.tables import ChangeLogEntry, Conflict, FieldRevs
from alliance_app.sync.protocol import (
    MAX_CONFLICT_PAGE,
    ConflictOut,
    HistoryEntry,
    HistoryResponse,
    ResolveResponse,
    conflicts_digest,
)


def _visible(actor: Actor, conflict: Conflict) -> bool:
    """The owning member's liaisons, the secretariat, and whoever's push made the conflict."""
    return (
        actor.role == Role.SECRETARIAT
        or (actor.member_id is not None and actor.member_id == conflict.owner_member_id)
        or actor.username == conflict.created_by
    )


def _seen_by(query: Select[Any], actor: Actor) -> Select[Any]:
    """`query` narrowed to the conflicts `actor` may see (`_visible`, in SQL): the list and its digest both."""
    if actor.role == Role.SECRETARIAT:
        return query
    return query.where(or_(Conflict.owner_member_id == actor.member_id, Conflict.created_by == actor.username))


@cache
def _open_ids(everyone: bool) -> Select[Any]:
    """The open conflicts' ids, all of them or those of a member and an account (`_seen_by` with bound values):
    built once, as every pull's last page asks."""
    table = cast(Table, Conflict.__table__)
    query = select(table.c.id).where(table.c.resolved.is_(False))
    if everyone:
        return query
    return query.where(or_(table.c.owner_member_id == bindparam("member"), table.c.created_by == bindparam("username")))


def open_conflicts_digest(session: Session, actor: Actor) -> str:
    """`conflicts_digest` of the open conflicts `actor` may see: what a pull's last page tells the desktop, so it
    asks for the list only when it changed."""
    if actor.role != Role.SECRETARIAT and actor.member_id is None:  # `_seen_by` compares with NULL as IS NULL
        return conflicts_digest(
            session.scalars(_seen_by(select(Conflict.id).where(Conflict.resolved.is_(False)), actor))
        )
    query = _open_ids(actor.role == Role.SECRETARIAT)
    return conflicts_digest(session.scalars(query, {"member": actor.member_id, "username": actor.username}))


def list_conflicts(
    session: Session, actor: Actor, include_resolved: bool, after: str | None = None, limit: int = MAX_CONFLICT_PAGE
) -> list[ConflictOut]:
    """One page of the conflicts `actor` may see, oldest first; `after` is the last id of the page before."""
    query = select(Conflict).order_by(Conflict.created_at, Conflict.id)
    if not include_resolved:
        query = query.where(Conflict.resolved.is_(False))
    query = _seen_by(query, actor)
    if after is not None:
        last = session.get(Conflict, after)
        if last is None or not _visible(actor, last):
            raise not_found("冲突", "conflict")
        query = query.where(
            or_(
                Conflict.created_at > last.created_at,
                and_(Conflict.created_at == last.created_at, Conflict.id > last.id),
            )
        )
    return [conflict_out(c) for c in session.scalars(query.limit(limit)) if _visible(actor, c)]


def resolve(session: Session, actor: Actor, conflict_id: str, keep: str) -> ResolveResponse:
    """Makes the record hold the kept side's value through the same write plan as a push (permission, the
    record's rules, references; a new rev and change-log entries), or refuses with the plan's reasons."""
    lock = True if session.info.get("lock_rows") else None
    conflict = session.get(Conflict, conflict_id, with_for_update=lock)
    if conflict is None or not _visible(actor, conflict):
        raise not_found("冲突", "conflict")
    if conflict.resolved:
        raise ApiError(409, "already_resolved", "这个冲突已经处理过了", "This conflict has already been resolved")
    record = fetch(session, conflict.kind, conflict.record_id, for_update=True)
    revs_row = session.get(FieldRevs, (conflict.kind, conflict.record_id), with_for_update=lock)
    value = conflict.mine if keep == "mine" else conflict.theirs
    try:
        kept = value if conflict.field == "deleted" else from_wire(conflict.kind, conflict.field, value)
    except ValidationError as error:  # a value stored before today's rules: refused like a push would be
        raise ApiError(409, error.problems[0].code, error.message("zh"), error.message("en")) from None
    look = Lookups(session, fetch)
    stored = write_plan.Stored.of(record)
    plan = write_plan.plan_write(
        actor, conflict.kind, "resolve", conflict.record_id, stored, {conflict.field: kept}, look
    )
    if plan.permission is not None:
        raise ApiError(403, plan.permission.code, plan.permission.zh, plan.permission.en)
    if plan.problems:
        zh, en = "；".join(p.zh for p in plan.problems), "; ".join(p.en for p in plan.problems)
        raise ApiError(409, plan.problems[0].code if len(plan.problems) == 1 else "invalid", zh, en)
    assert record is not None and revs_row is not None  # the plan refuses an absent record
    revs = Revs(session)
    ctx = MutationContext(session, actor, revs, mutation_id=conflict.id)
    if plan.op == WriteOp.DELETE and plan.writes:
        cascade(ctx, record, revs_row, plan)
    elif plan.op == WriteOp.REVIVE:
        _revive(ctx, record, revs_row, plan, WriteOp.CREATE)
    elif plan.changed:
        _write_fields(ctx, record, revs_row, plan, WriteOp.UPDATE)
    save_log(session, ctx.log_rows)
    revs.save()
    conflict.resolved, conflict.resolution = True, keep
    conflict.resolved_by, conflict.resolved_at = actor.username, utc_now()
    session.flush()
    return ResolveResponse(conflict=conflict_out(conflict), record=record_state(record, actor))


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
        kind=kind,
        record_id=record_id,
        entries=[
            HistoryEntry(
                rev=e.rev,
                op=e.op,
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
