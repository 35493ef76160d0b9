"""Applying one pushed mutation (DESIGN §4): idempotency, authorization, validation, per-field merge, conflicts.

A field is taken when nobody changed it on the server since the desktop's base rev, or when the server still
holds the value the desktop changed it from (`old`: the desktop's own earlier edits never conflict with its
later ones). When the server's value differs from both, the server's value stays and a conflict is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, Table, insert, select
from sqlalchemy.orm import Session

from alliance_app.models import (
    OWNER_VIA_PARENT,
    RECORDS_BY_KIND,
    Actor,
    SyncedRecord,
    WriteOp,
    same_on_the_wire,
    to_wire,
    utc_now,
    write_plan,
)
from alliance_app.models.integrity import Lookups
from alliance_app.server.db import Revs
from alliance_app.server.push_conflicts import conflict_out, store_conflict, supersede_and_cap
from alliance_app.server.records import fetch, field_values, held_get, hold, record_state
from alliance_app.server.refusals import coerced_changes, refusal
from alliance_app.server.tables import ChangeLogEntry, Conflict, FieldRevs
from alliance_app.sync.protocol import Mutation, MutationOutcome

# Open conflicts one account's pushes may hold at a time (ServerSettings.max_open_conflicts overrides it).
MAX_OPEN_CONFLICTS = 200


@dataclass
class MutationContext:
    """What one mutation's application needs: the transaction, who pushes, the revision allocator. Change-log
    rows are collected here and written in bulk by the caller (`save_log`) once the mutation stands.
    `deferred`: the caller flushes the whole push at once (no savepoint per mutation to flush into)."""

    session: Session
    actor: Actor
    revs: Revs
    mutation_id: str
    conflicts: list[Conflict] = field(default_factory=list)
    log_rows: list[dict[str, Any]] = field(default_factory=list)
    now: datetime = field(default_factory=utc_now)
    max_open_conflicts: int = MAX_OPEN_CONFLICTS
    deferred: bool = False


def save_log(session: Session, rows: list[dict[str, Any]]) -> None:
    """Writes change-log rows in one executemany, as a plain table insert: the ORM's unit of work, and its bulk
    insert too, cost far more."""
    if rows:
        session.execute(insert(cast(Table, ChangeLogEntry.__table__)), rows)


def _plan(
    ctx: MutationContext,
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
        raise refusal(plan)
    return plan


def _log(ctx: MutationContext, record: SyncedRecord, rev: int, op: str, name: str, old: Any, new: Any) -> None:
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


def _stamp(ctx: MutationContext, record: SyncedRecord, rev: int) -> None:
    """Every rev a push writes is on a stamped record or its field_revs. Stamped before `deleted` changes, so the
    revision allocator sees the record as it was (the kinds' running sums take that version out)."""
    ctx.revs.stamp(record)
    record.rev = rev
    record.updated_by = ctx.actor.username
    record.updated_at = ctx.now


def _create(ctx: MutationContext, plan: write_plan.WritePlan, given: dict[str, Any]) -> SyncedRecord:
    make: Callable[..., SyncedRecord] = RECORDS_BY_KIND[plan.kind]  # the mapped class takes its columns as keywords
    record = make(id=plan.record_id, deleted=False, **plan.values)  # the answer may be built before a flush
    record.owner_member_id = plan.owner_after
    rev = ctx.revs.next()
    _stamp(ctx, record, rev)
    ctx.session.add(record)
    revs_row = FieldRevs(kind=plan.kind, record_id=plan.record_id, created_rev=rev, revs={})
    ctx.session.add(revs_row)
    hold(ctx.session, record, record.id)
    hold(ctx.session, revs_row, (plan.kind, plan.record_id))
    for name, value in plan.values.items():
        if value not in (None, [], "") or name in given:
            _log(ctx, record, rev, WriteOp.CREATE, name, None, value)
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
        if same_on_the_wire(current[name], value):
            continue
        field_rev = revs_row.revs.get(name, revs_row.created_rev)
        unseen = base_rev is None or field_rev > base_rev
        if unseen and not (name in old and same_on_the_wire(current[name], old[name])):
            clashes.append(_Clash(name, old.get(name), current[name], value))
    return clashes


def _trusted_base(base_rev: int | None, record: SyncedRecord | None) -> int | None:
    """A base rev is the record's rev the desktop last saw, so it can be at most the record's rev now. A
    higher one was never sent by this server (a forged or a restored-server claim): it is trusted as no claim
    at all, so nothing is taken on its word that the desktop has seen the server's values."""
    if base_rev is None or record is None or record.rev is None or base_rev > record.rev:
        return None
    return base_rev


def _write_fields(
    ctx: MutationContext, record: SyncedRecord, revs_row: FieldRevs, plan: write_plan.WritePlan, op: str
) -> int:
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


def _locked(ctx: MutationContext, query: Select[Any]) -> Select[Any]:
    """Rows about to be written are locked before the revision counter (PostgreSQL; see records.fetch)."""
    return query.with_for_update() if ctx.session.info.get("lock_rows") else query


def _followers(ctx: MutationContext, kind: str, parent_id: str, owner: str | None) -> list[SyncedRecord]:
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
    ctx: MutationContext,
    record: SyncedRecord,
    revs_row: FieldRevs,
    new: dict[str, Any],
    old: dict[str, Any],
    base_rev: int | None,
) -> None:
    clashes = _merge(record, revs_row, new, old, base_rev)
    plan = _plan(ctx, WriteOp.UPDATE, record.kind, record.id, record, new, kept={c.name for c in clashes})
    for clash in clashes:
        store_conflict(ctx, record, clash.name, clash.base, clash.theirs, clash.mine, "theirs")
    if plan.changed:
        _write_fields(ctx, record, revs_row, plan, WriteOp.UPDATE)


def _revive(
    ctx: MutationContext, record: SyncedRecord, revs_row: FieldRevs, plan: write_plan.WritePlan, op: str
) -> None:
    """The record lives again as the plan says (a create of a tombstone's id, an edit of a record deleted
    meanwhile, a resolution), and so do the links its plan's cascades bring back, as the desktop's undo does."""
    if op == WriteOp.UPDATE:
        store_conflict(ctx, record, "deleted", False, True, False, "mine")
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
            child_plan = write_plan.plan_write(ctx.actor, child_kind, WriteOp.REVIVE, child.id, stored, {}, look)
            child_revs = _field_revs(ctx, child_kind, child.id)
            if not child_plan.refused and child_revs is not None:  # a link whose other end is gone stays deleted
                _revive(ctx, child, child_revs, child_plan, WriteOp.CREATE)


def _delete(ctx: MutationContext, record: SyncedRecord, revs_row: FieldRevs, base_rev: int | None) -> str:
    """Tombstones the record and its cascaded links, unless someone else changed it since the desktop saw it."""
    plan = _plan(ctx, WriteOp.DELETE, record.kind, record.id, record, {})
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
        store_conflict(ctx, record, "deleted", False, False, True, "theirs")
        return "conflict"
    cascade(ctx, record, revs_row, plan)
    return "applied"


def cascade(ctx: MutationContext, record: SyncedRecord, revs_row: FieldRevs, plan: write_plan.WritePlan) -> None:
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


def _field_revs(ctx: MutationContext, kind: str, record_id: str) -> FieldRevs | None:
    return held_get(ctx.session, FieldRevs, (kind, record_id), for_update=True)


def tombstone(ctx: MutationContext, record: SyncedRecord, revs_row: FieldRevs) -> int:
    rev = ctx.revs.next()
    _stamp(ctx, record, rev)
    record.deleted = True
    revs_row.deleted_rev = rev
    revs_row.revs = {**revs_row.revs, "deleted": rev}
    _log(ctx, record, rev, WriteOp.DELETE, "deleted", False, True)
    return rev


def apply_mutation(ctx: MutationContext, mutation: Mutation) -> MutationOutcome:
    """Applies one mutation inside the caller's transaction; raises Rejected to refuse it whole."""
    kind, record_id = mutation.kind, mutation.record_id
    new, old = coerced_changes(kind, mutation.changes) if mutation.op != WriteOp.DELETE else ({}, {})
    record = fetch(ctx.session, kind, record_id, for_update=True)
    revs_row = _field_revs(ctx, kind, record_id) if record is not None else None
    base_rev = _trusted_base(mutation.base_rev, record)
    before = record.rev if record is not None else None
    status = "applied"
    if record is None:
        record = _create(ctx, _plan(ctx, mutation.op, kind, record_id, None, new), new)
    elif record.deleted and mutation.op != WriteOp.DELETE:
        assert revs_row is not None
        _revive(ctx, record, revs_row, _plan(ctx, mutation.op, kind, record_id, record, new), mutation.op)
    elif mutation.op == WriteOp.DELETE:
        assert revs_row is not None
        status = _delete(ctx, record, revs_row, base_rev)
    else:
        assert revs_row is not None
        # A create of a live id (two desktops adding the same link) is an update against no base rev.
        _update(ctx, record, revs_row, new, old, base_rev if mutation.op == WriteOp.UPDATE else None)
        others_changed = before is not None and base_rev is not None and before > base_rev
        if others_changed or mutation.op == WriteOp.CREATE:
            status = "merged"
    if ctx.conflicts:
        status = "conflict"
        supersede_and_cap(ctx)
    for conflict in ctx.conflicts:
        ctx.session.add(conflict)
    if not ctx.deferred:
        ctx.session.flush()
    return MutationOutcome(
        mutation_id=mutation.mutation_id,
        status=status,
        rev=record.rev,
        record=record_state(record, ctx.actor),
        conflicts=[conflict_out(c) for c in ctx.conflicts],
    )
