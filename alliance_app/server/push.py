"""Applying one pushed mutation (DESIGN §4): idempotency, authorization, validation, per-field merge, conflicts.

A field is taken when nobody changed it on the server since the desktop's base rev, or when the server still
holds the value the desktop changed it from (`old`: the desktop's own earlier edits never conflict with its
later ones). When the server's value differs from both, the server's value stays and a conflict is stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, insert, select
from sqlalchemy.orm import Session

from alliance_app.models import (
    OWNER_VIA_PARENT,
    RECORDS_BY_KIND,
    SYNC_COLUMNS,
    Actor,
    AllianceError,
    Problem,
    SyncedRecord,
    coerce_collecting,
    specs_by_name,
    to_wire,
    utc_now,
    write_plan,
)
from alliance_app.models.integrity import Lookups
from alliance_app.server.db import Revs
from alliance_app.server.records import fetch, field_values, record_state
from alliance_app.server.tables import ChangeLogEntry, Conflict, FieldRevs
from alliance_app.sync.protocol import ConflictOut, Mutation, MutationOutcome, ProblemOut

# Open conflicts one account's pushes may hold at a time (ServerSettings.max_open_conflicts overrides it).
MAX_OPEN_CONFLICTS = 200


class Rejected(AllianceError):
    """The mutation is refused as a whole; nothing of it is written."""

    def __init__(self, code: str, zh: str, en: str, problems: list[Problem] | None = None):
        super().__init__(zh, en, code=code)
        self.problems = problems or []

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
    max_open_conflicts: int = MAX_OPEN_CONFLICTS


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


def _refusal(plan: write_plan.WritePlan) -> Rejected:
    """A refused plan as the push's answer: the permission's reason, or every rule the record would break."""
    if plan.permission is not None:
        return _refused(plan.permission)
    return _invalid(list(plan.problems))


def _plan(
    ctx: Context,
    op: str,
    kind: str,
    record_id: str,
    record: SyncedRecord | None,
    given: dict[str, Any],
    kept: Collection[str] = (),
) -> write_plan.WritePlan:
    """The shared write plan (models/write_plan.py) with this push's row locks; refused → the mutation is."""
    look = Lookups(ctx.session, fetch)
    plan = write_plan.plan_write(ctx.actor, kind, op, record_id, write_plan.Stored.of(record), given, look, kept=kept)
    if plan.refused:
        raise _refusal(plan)
    return plan


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


def _create(ctx: Context, plan: write_plan.WritePlan, given: dict[str, Any]) -> SyncedRecord:
    make: Callable[..., SyncedRecord] = RECORDS_BY_KIND[plan.kind]  # the mapped class takes its columns as keywords
    record = make(id=plan.record_id, **plan.values)
    record.owner_member_id = plan.owner_after
    rev = ctx.revs.next()
    _stamp(ctx, record, rev)
    ctx.session.add(record)
    ctx.session.add(FieldRevs(kind=plan.kind, record_id=plan.record_id, created_rev=rev, revs={}))
    for name, value in plan.values.items():
        if value not in (None, [], "") or name in given:
            _log(ctx, record, rev, "create", name, None, value)
    return record


@dataclass(frozen=True)
class _Clash:
    name: str
    base: Any
    theirs: Any
    mine: Any


def _merge(
    record: SyncedRecord, revs_row: FieldRevs, new: dict[str, Any], old: dict[str, Any], base_rev: int | None
) -> list[_Clash]:
    """The fields both sides changed to different values: the server's value stays and a conflict is stored
    (once the plan allows the change). A field is taken when nobody changed it on the server since `base_rev`,
    or when the server still holds the value the desktop changed it from."""
    current = field_values(record)
    clashes = []
    for name, value in new.items():
        if _wire_equal(current[name], value):
            continue
        field_rev = revs_row.revs.get(name, revs_row.created_rev)
        unseen = base_rev is None or field_rev > base_rev
        if unseen and not (name in old and _wire_equal(current[name], old[name])):
            clashes.append(_Clash(name, old.get(name), current[name], value))
    return clashes


def _trusted_base(base_rev: int | None, record: SyncedRecord | None) -> int | None:
    """A base rev is the record's rev the desktop last saw, so it can be at most the record's rev now. A
    higher one was never sent by this server (a forged or a restored-server claim): it is trusted as no claim
    at all, so nothing is taken on its word that the desktop has seen the server's values."""
    if base_rev is None or record is None or record.rev is None or base_rev > record.rev:
        return None
    return base_rev


def _write_fields(ctx: Context, record: SyncedRecord, revs_row: FieldRevs, plan: write_plan.WritePlan, op: str) -> int:
    """Writes the plan's changed fields under one new rev, with their change-log entries; the owner follows."""
    current = field_values(record)
    values, changed, new_owner = plan.values, plan.changed, plan.owner_after
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
    clashes = _merge(record, revs_row, new, old, base_rev)
    plan = _plan(ctx, "update", record.kind, record.id, record, new, kept={c.name for c in clashes})
    for clash in clashes:
        _conflict(ctx, record, clash.name, clash.base, clash.theirs, clash.mine, "theirs")
    if plan.changed:
        _write_fields(ctx, record, revs_row, plan, "update")


def _revive(ctx: Context, record: SyncedRecord, revs_row: FieldRevs, plan: write_plan.WritePlan, op: str) -> None:
    """The record lives again as the plan says (a create of a tombstone's id, an edit of a record deleted
    meanwhile, a resolution), and so do the links its plan's cascades bring back, as the desktop's undo does."""
    if op == "update":
        _conflict(ctx, record, "deleted", False, True, False, "mine")
    rev = _write_fields(ctx, record, revs_row, plan, op)
    record.deleted = False
    revs_row.deleted_rev = None
    revs_row.revs = {**revs_row.revs, "deleted": rev}
    _log(ctx, record, rev, op, "deleted", True, False)
    ctx.session.flush()  # the links' plans read this record as live
    for child_kind, column in plan.cascades:
        child_cls = RECORDS_BY_KIND[child_kind]
        query = select(child_cls).where(getattr(child_cls, column) == record.id, child_cls.deleted.is_(True))
        for child in ctx.session.scalars(_locked(ctx, query.order_by(child_cls.id))).all():
            stored = write_plan.Stored.of(child)
            look = Lookups(ctx.session, fetch)
            child_plan = write_plan.plan_write(ctx.actor, child_kind, "revive", child.id, stored, {}, look)
            child_revs = _field_revs(ctx, child_kind, child.id)
            if not child_plan.refused and child_revs is not None:  # a link whose other end is gone stays deleted
                _revive(ctx, child, child_revs, child_plan, "create")


def _delete(ctx: Context, record: SyncedRecord, revs_row: FieldRevs, base_rev: int | None) -> str:
    """Tombstones the record and its cascaded links, unless someone else changed it since the desktop saw it."""
    plan = _plan(ctx, "delete", record.kind, record.id, record, {})
    if plan.was_deleted:
        return "applied"  # already gone: deleting again changes nothing
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
    cascade(ctx, record, revs_row, plan)
    return "applied"


def cascade(ctx: Context, record: SyncedRecord, revs_row: FieldRevs, plan: write_plan.WritePlan) -> None:
    """Tombstones the record and the live links of the plan's cascades."""
    children = []
    for child_kind, column in plan.cascades:
        child_cls = RECORDS_BY_KIND[child_kind]
        query = select(child_cls).where(getattr(child_cls, column) == record.id, child_cls.deleted.is_(False))
        for child in ctx.session.scalars(_locked(ctx, query.order_by(child_cls.id))).all():
            child_revs = _field_revs(ctx, child_kind, child.id)
            assert child_revs is not None
            children.append((child, child_revs))
    tombstone(ctx, record, revs_row)
    for child, child_revs in children:
        tombstone(ctx, child, child_revs)


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
    base_rev = _trusted_base(mutation.base_rev, record)
    before = record.rev if record is not None else None
    status = "applied"
    if record is None:
        record = _create(ctx, _plan(ctx, mutation.op, kind, record_id, None, new), new)
    elif record.deleted and mutation.op != "delete":
        assert revs_row is not None
        _revive(ctx, record, revs_row, _plan(ctx, mutation.op, kind, record_id, record, new), mutation.op)
    elif mutation.op == "delete":
        assert revs_row is not None
        status = _delete(ctx, record, revs_row, base_rev)
    else:
        assert revs_row is not None
        # A create of a live id (two desktops adding the same link) is an update against no base rev.
        _update(ctx, record, revs_row, new, old, base_rev if mutation.op == "update" else None)
        others_changed = before is not None and base_rev is not None and before > base_rev
        if others_changed or mutation.op == "create":
            status = "merged"
    if ctx.conflicts:
        status = "conflict"
        _supersede_and_cap(ctx)
    for conflict in ctx.conflicts:
        ctx.session.add(conflict)
    ctx.session.flush()
    return MutationOutcome(
        mutation_id=mutation.mutation_id,
        status=status,
        rev=record.rev,
        record=record_state(record, ctx.actor),
        conflicts=[conflict_out(c) for c in ctx.conflicts],
    )


def _supersede_and_cap(ctx: Context) -> None:
    """An account's newer conflict on a field replaces its older open one there (resolved as superseded), and
    an account holds at most `max_open_conflicts` open conflicts: past that its conflicting mutations are
    refused until it resolves some, so no one can fill everyone's conflict list."""
    for conflict in ctx.conflicts:
        older = select(Conflict).where(
            Conflict.kind == conflict.kind,
            Conflict.record_id == conflict.record_id,
            Conflict.field == conflict.field,
            Conflict.created_by == ctx.actor.username,
            Conflict.resolved.is_(False),
        )
        for stale in ctx.session.scalars(older):
            stale.resolved, stale.resolution = True, "superseded"
            stale.resolved_by, stale.resolved_at = ctx.actor.username, ctx.now
    ctx.session.flush()
    held = ctx.session.scalar(
        select(func.count())
        .select_from(Conflict)
        .where(Conflict.created_by == ctx.actor.username, Conflict.resolved.is_(False))
    )
    if (held or 0) + len(ctx.conflicts) > ctx.max_open_conflicts:
        raise Rejected(
            "too_many_conflicts",
            f"您已有 {held} 个未处理的冲突，请先处理冲突再同步这项修改（上限 {ctx.max_open_conflicts} 个）",
            f"You have {held} open conflicts; resolve some before this change can sync "
            f"(at most {ctx.max_open_conflicts})",
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
