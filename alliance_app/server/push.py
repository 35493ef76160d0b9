"""Applying one pushed mutation (DESIGN §4): idempotency, authorization, validation, per-field merge, conflicts.

A field is taken when nobody changed it on the server since the desktop's base rev, or when the server still
holds the value the desktop changed it from (`old`: the desktop's own earlier edits never conflict with its
later ones). When the server's value differs from both, the server's value stays and a conflict is stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, insert, select
from sqlalchemy.orm import Session

from alliance_app.models import (
    OWNER_VIA_PARENT,
    RECORDS_BY_KIND,
    SYNC_COLUMNS,
    Actor,
    MemberStatus,
    Problem,
    SyncedRecord,
    check_record,
    coerce_collecting,
    link_id,
    specs_by_name,
    to_wire,
    utc_now,
    write_refusal,
)
from alliance_app.models.integrity import dependants_problem
from alliance_app.server.db import Revs
from alliance_app.server.records import (
    CASCADES,
    defaults,
    derive,
    fetch,
    field_values,
    live_dependants,
    owner_of,
    record_state,
    reference_problems,
    unique_problems,
)
from alliance_app.server.tables import ChangeLogEntry, Conflict, FieldRevs
from alliance_app.sync.protocol import ConflictOut, Mutation, MutationOutcome, ProblemOut


class Rejected(Exception):
    """The mutation is refused as a whole; nothing of it is written."""

    def __init__(self, code: str, zh: str, en: str, problems: list[Problem] | None = None):
        super().__init__(en)
        self.code, self.zh, self.en, self.problems = code, zh, en, problems or []

    def outcome(self, mutation_id: str) -> MutationOutcome:
        return MutationOutcome(
            mutation_id=mutation_id,
            status="rejected",
            code=self.code,
            zh=self.zh,
            en=self.en,
            problems=[ProblemOut(field=p.field, code=p.code, zh=p.zh, en=p.en) for p in self.problems],
        )


def _invalid(problems: list[Problem]) -> Rejected:
    return Rejected(
        problems[0].code if len(problems) == 1 else "invalid",
        "；".join(p.zh for p in problems),
        "; ".join(p.en for p in problems),
        problems,
    )


def _refused(problem: Problem) -> Rejected:
    return Rejected(problem.code, problem.zh, problem.en, [problem])


@dataclass
class Context:
    """What one mutation's application needs: the transaction, who pushes, the revision allocator. Change-log
    rows are collected here and written in bulk by the caller (`save_log`) once the mutation stands."""

    session: Session
    actor: Actor
    revs: Revs
    mutation_id: str
    conflicts: list[Conflict] = field(default_factory=list)
    log_rows: list[dict[str, Any]] = field(default_factory=list)
    now: datetime = field(default_factory=utc_now)


def save_log(session: Session, rows: list[dict[str, Any]]) -> None:
    """Writes change-log rows in one executemany (a plain insert: the ORM's unit of work costs far more)."""
    if rows:
        session.execute(insert(ChangeLogEntry), rows)


def _wire_equal(a: Any, b: Any) -> bool:
    return to_wire(a) == to_wire(b)


def _given(kind: str, changes: dict[str, tuple[Any, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The coerced new values and the coerced old values of a mutation; refuses sync columns and unknown fields."""
    forbidden = sorted(set(changes) & set(SYNC_COLUMNS))
    if forbidden:
        raise Rejected(
            "forbidden_field",
            "这些字段由服务器维护，不能修改：" + "、".join(forbidden),
            "These fields are kept by the server and cannot be set: " + ", ".join(forbidden),
        )
    specs = specs_by_name(kind)
    changes = {name: pair for name, pair in changes.items() if not (name in specs and specs[name].derived)}
    new, problems = coerce_collecting(kind, {name: pair[1] for name, pair in changes.items()})
    if problems:
        raise _invalid(problems)
    old, _ = coerce_collecting(kind, {name: pair[0] for name, pair in changes.items()})
    return new, old


def _check(ctx: Context, kind: str, record_id: str, values: dict[str, Any], changed: set[str], old_status: Any) -> None:
    """Every rule the desktop applies, over the record as it will be."""
    problems = check_record(kind, values, old_status=old_status)
    problems += reference_problems(ctx.session, kind, {k: v for k, v in values.items() if k in changed})
    problems += unique_problems(ctx.session, kind, record_id, {k: v for k, v in values.items() if k in changed})
    if link_id(kind, values) not in (None, record_id):
        problems.append(
            Problem(
                None,
                "link_fixed",
                "关联记录的编号与其对象不符，请删除后重新添加",
                "A link's id must match what it links",
            )
        )
    if problems:
        raise _invalid(problems)


def _permit(ctx: Context, kind: str, op: str, owner: str | None, changed: set[str], values: dict[str, Any]) -> None:
    problem = write_refusal(ctx.actor, kind, op, owner_member_id=owner, changed=changed, values=values)
    if problem is not None:
        raise _refused(problem)


def _log(ctx: Context, record: SyncedRecord, rev: int, op: str, name: str, old: Any, new: Any) -> None:
    ctx.log_rows.append(
        {
            "rev": rev,
            "kind": record.kind,
            "record_id": record.id,
            "op": op,
            "field": name,
            "old": to_wire(old),
            "new": to_wire(new),
            "changed_by": ctx.actor.username,
            "changed_at": ctx.now,
            "mutation_id": ctx.mutation_id,
        }
    )


def _stamp(ctx: Context, record: SyncedRecord, rev: int) -> None:
    ctx.revs.stamped.add((record.kind, record.id))  # every rev a push writes is on a stamped record or its field_revs
    record.rev = rev
    record.updated_by = ctx.actor.username
    record.updated_at = ctx.now


def _conflict(ctx: Context, record: SyncedRecord, name: str, base: Any, theirs: Any, mine: Any, kept: str) -> None:
    ctx.conflicts.append(
        Conflict(
            id=str(uuid.uuid4()),
            kind=record.kind,
            record_id=record.id,
            field=name,
            base=to_wire(base),
            theirs=to_wire(theirs),
            mine=to_wire(mine),
            kept=kept,
            owner_member_id=record.owner_member_id,
            mutation_id=ctx.mutation_id,
            created_by=ctx.actor.username,
            created_by_member_id=ctx.actor.member_id,
            created_at=utc_now(),
        )
    )


def _create(ctx: Context, kind: str, record_id: str, new: dict[str, Any]) -> SyncedRecord:
    base = defaults(kind)
    values = {**base, **new}
    derive(ctx.session, kind, values)
    owner = owner_of(ctx.session, kind, values, record_id)
    changed = {name for name in new if not _wire_equal(new[name], base[name])}
    _permit(ctx, kind, "create", owner, changed, values)
    _check(ctx, kind, record_id, values, set(values), None)
    link_columns: tuple[str, ...] = getattr(RECORDS_BY_KIND[kind], "link_columns", ())
    if link_id(kind, values) is None and link_columns:
        raise _invalid([Problem(None, "link_incomplete", "关联记录缺少关联对象", "A link record needs what it links")])
    make: Callable[..., SyncedRecord] = RECORDS_BY_KIND[kind]  # the mapped class takes its columns as keywords
    record = make(id=record_id, **values)
    record.owner_member_id = owner
    rev = ctx.revs.next()
    _stamp(ctx, record, rev)
    ctx.session.add(record)
    ctx.session.add(FieldRevs(kind=kind, record_id=record_id, created_rev=rev, revs={}))
    for name, value in values.items():
        if value not in (None, [], "") or name in new:
            _log(ctx, record, rev, "create", name, None, value)
    return record


def _merge(
    ctx: Context,
    record: SyncedRecord,
    revs_row: FieldRevs,
    new: dict[str, Any],
    old: dict[str, Any],
    base_rev: int | None,
) -> dict[str, Any]:
    """The fields to take; stores a conflict for each field both sides changed to different values."""
    current = field_values(record)
    taken = {}
    for name, value in new.items():
        if _wire_equal(current[name], value):
            continue
        field_rev = revs_row.revs.get(name, revs_row.created_rev)
        unseen = base_rev is None or field_rev > base_rev
        if not unseen or (name in old and _wire_equal(current[name], old[name])):
            taken[name] = value
        else:
            _conflict(ctx, record, name, old.get(name), current[name], value, "theirs")
    return taken


def _write_fields(
    ctx: Context, record: SyncedRecord, revs_row: FieldRevs, values: dict[str, Any], changed: set[str], op: str
) -> int:
    """Writes the changed fields under one new rev, with their change-log entries; the owner follows."""
    current = field_values(record)
    new_owner = owner_of(ctx.session, record.kind, values, record.id)
    followers = _followers(ctx, record.kind, record.id, new_owner) if new_owner != record.owner_member_id else []
    rev = ctx.revs.next()
    for name in sorted(changed):
        _log(ctx, record, rev, op, name, current[name], values[name])
        setattr(record, name, values[name])
    revs_row.revs = {**revs_row.revs, **dict.fromkeys(changed, rev)}
    record.owner_member_id = new_owner
    for child in followers:
        # The link changed hands without a field edit; its history must still say who moved it, and when.
        child_rev = ctx.revs.next()
        _log(ctx, child, child_rev, op, "owner_member_id", child.owner_member_id, new_owner)
        child.owner_member_id = new_owner
        _stamp(ctx, child, child_rev)
    _stamp(ctx, record, rev)
    return rev


def _locked(ctx: Context, query: Select[Any]) -> Select[Any]:
    """Rows about to be written are locked before the revision counter (PostgreSQL; see records.fetch)."""
    return query.with_for_update() if ctx.session.info.get("lock_rows") else query


def _followers(ctx: Context, kind: str, parent_id: str, owner: str | None) -> list[SyncedRecord]:
    """Link records owned through a parent, which follow its new owner (each with a new rev, so replicas learn it)."""
    found: list[SyncedRecord] = []
    for child_kind, (column, parent_kind) in OWNER_VIA_PARENT.items():
        if parent_kind != kind:
            continue
        child_cls = RECORDS_BY_KIND[child_kind]
        query = select(child_cls).where(getattr(child_cls, column) == parent_id).order_by(child_cls.id)
        found.extend(c for c in ctx.session.scalars(_locked(ctx, query)) if c.owner_member_id != owner)
    return found


def _update(
    ctx: Context,
    record: SyncedRecord,
    revs_row: FieldRevs,
    new: dict[str, Any],
    old: dict[str, Any],
    base_rev: int | None,
) -> None:
    kind = record.kind
    current = field_values(record)
    requested = {name for name in new if not _wire_equal(new[name], current[name])}
    values = {**current, **new}
    derive(ctx.session, kind, values)
    _permit(ctx, kind, "update", record.owner_member_id, requested, values)
    taken = _merge(ctx, record, revs_row, new, old, base_rev)
    values = {**current, **taken}
    derive(ctx.session, kind, values)
    changed = {name for name in values if not _wire_equal(values[name], current[name])}
    new_owner = owner_of(ctx.session, kind, values, record.id)
    if new_owner != record.owner_member_id:
        _permit(ctx, kind, "update", new_owner, changed, values)
    old_status = MemberStatus(current["status"]) if kind == "member" else None
    _check(ctx, kind, record.id, values, changed, old_status)
    if changed:
        _write_fields(ctx, record, revs_row, values, changed, "update")


def _revive(ctx: Context, record: SyncedRecord, revs_row: FieldRevs, new: dict[str, Any], op: str) -> None:
    """A create of a tombstone's id (undelete) or an edit of a record deleted meanwhile: the record lives again."""
    kind = record.kind
    current = field_values(record)
    values = {**current, **new}
    derive(ctx.session, kind, values)
    owner = owner_of(ctx.session, kind, values, record.id)
    changed = {name for name in values if not _wire_equal(values[name], current[name])}
    _permit(ctx, kind, "create" if op == "create" else "update", owner, changed, values)
    _check(ctx, kind, record.id, values, set(values), None)
    if op == "update":
        _conflict(ctx, record, "deleted", False, True, False, "mine")
    rev = _write_fields(ctx, record, revs_row, values, changed, op)
    record.deleted = False
    revs_row.deleted_rev = None
    revs_row.revs = {**revs_row.revs, "deleted": rev}
    _log(ctx, record, rev, op, "deleted", True, False)


def _delete(ctx: Context, record: SyncedRecord, revs_row: FieldRevs, base_rev: int | None) -> str:
    """Tombstones the record and its cascaded links, unless someone else changed it since the desktop saw it."""
    _permit(ctx, record.kind, "delete", record.owner_member_id, set(), field_values(record))
    others = select(ChangeLogEntry.id).where(
        ChangeLogEntry.kind == record.kind,
        ChangeLogEntry.record_id == record.id,
        ChangeLogEntry.changed_by != ctx.actor.username,
    )
    if base_rev is not None:
        others = others.where(ChangeLogEntry.rev > base_rev)
    if ctx.session.scalar(others.limit(1)) is not None:
        _conflict(ctx, record, "deleted", False, False, True, "theirs")
        return "conflict"
    blockers = live_dependants(ctx.session, record.kind, record.id)
    if blockers:
        problem = dependants_problem(record.kind, blockers)  # the same sentence the desktop shows
        raise Rejected(problem.code, problem.zh, problem.en)
    children = []
    for child_kind, column in CASCADES.get(record.kind, ()):
        child_cls = RECORDS_BY_KIND[child_kind]
        query = select(child_cls).where(getattr(child_cls, column) == record.id, child_cls.deleted.is_(False))
        for child in ctx.session.scalars(_locked(ctx, query.order_by(child_cls.id))).all():
            child_revs = _field_revs(ctx, child_kind, child.id)
            assert child_revs is not None
            children.append((child, child_revs))
    tombstone(ctx, record, revs_row)
    for child, child_revs in children:
        tombstone(ctx, child, child_revs)
    return "applied"


def _field_revs(ctx: Context, kind: str, record_id: str) -> FieldRevs | None:
    lock = bool(ctx.session.info.get("lock_rows"))
    return ctx.session.get(FieldRevs, (kind, record_id), with_for_update=True if lock else None)


def tombstone(ctx: Context, record: SyncedRecord, revs_row: FieldRevs) -> int:
    rev = ctx.revs.next()
    record.deleted = True
    revs_row.deleted_rev = rev
    revs_row.revs = {**revs_row.revs, "deleted": rev}
    _stamp(ctx, record, rev)
    _log(ctx, record, rev, "delete", "deleted", False, True)
    return rev


def apply_mutation(ctx: Context, mutation: Mutation) -> MutationOutcome:
    """Applies one mutation inside the caller's transaction; raises Rejected to refuse it whole."""
    kind, record_id = mutation.kind, mutation.record_id
    new, old = _given(kind, mutation.changes) if mutation.op != "delete" else ({}, {})
    record = fetch(ctx.session, kind, record_id, for_update=True)
    revs_row = _field_revs(ctx, kind, record_id) if record is not None else None
    before = record.rev if record is not None else None
    status = "applied"
    if record is None:
        if mutation.op != "create":
            raise Rejected("unknown_record", "服务器上没有这条记录", "The server has no such record")
        record = _create(ctx, kind, record_id, new)
    else:
        assert revs_row is not None
        if record.deleted and mutation.op == "delete":
            pass  # already gone: deleting again changes nothing
        elif record.deleted:
            _revive(ctx, record, revs_row, new, mutation.op)
        elif mutation.op == "delete":
            status = _delete(ctx, record, revs_row, mutation.base_rev)
        else:
            _update(ctx, record, revs_row, new, old, mutation.base_rev if mutation.op == "update" else None)
            others_changed = before is not None and mutation.base_rev is not None and before > mutation.base_rev
            if others_changed or mutation.op == "create":
                status = "merged"
    for conflict in ctx.conflicts:
        ctx.session.add(conflict)
    if ctx.conflicts:
        status = "conflict"
    ctx.session.flush()
    return MutationOutcome(
        mutation_id=mutation.mutation_id,
        status=status,
        rev=record.rev,
        record=record_state(record, ctx.actor),
        conflicts=[conflict_out(c) for c in ctx.conflicts],
    )


def conflict_out(conflict: Conflict) -> ConflictOut:
    return ConflictOut(
        id=conflict.id,
        kind=conflict.kind,
        record_id=conflict.record_id,
        field=conflict.field,
        base=conflict.base,
        theirs=conflict.theirs,
        mine=conflict.mine,
        kept=conflict.kept,
        owner_member_id=conflict.owner_member_id,
        mutation_id=conflict.mutation_id,
        created_by=conflict.created_by,
        created_at=conflict.created_at,
        resolved=conflict.resolved,
        resolution=conflict.resolution,
        resolved_by=conflict.resolved_by,
        resolved_at=conflict.resolved_at,
    )
