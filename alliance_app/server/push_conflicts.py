"""The conflicts a push stores: one per field both sides changed, an account's newer one replacing its older open
one on the same field, and at most `max_open_conflicts` open ones per account."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, tuple_

from alliance_app.models import SyncedRecord, to_wire, utc_now
from alliance_app.server.refusals import Rejected
from alliance_app.server.tables import Conflict
from alliance_app.sync.protocol import ConflictOut

if TYPE_CHECKING:
    from alliance_app.server.push import MutationContext


def store_conflict(
    ctx: MutationContext, record: SyncedRecord, name: str, base: Any, theirs: Any, mine: Any, kept: str
) -> None:
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
            resolved=False,  # set here, not left to the column default: the answer may be built before a flush
        )
    )


def supersede_and_cap(ctx: MutationContext) -> None:
    """An account's newer conflict on a field replaces its older open one there (resolved as superseded), and
    an account holds at most `max_open_conflicts` open conflicts: past that its conflicting mutations are
    refused until it resolves some, so no one can fill everyone's conflict list. The cap is checked before
    anything is superseded, so a refusal here has written nothing of its own."""
    mine = (Conflict.created_by == ctx.actor.username, Conflict.resolved.is_(False))
    fields = sorted({(c.kind, c.record_id, c.field) for c in ctx.conflicts})
    replaced = tuple_(Conflict.kind, Conflict.record_id, Conflict.field).in_(fields)
    held = ctx.session.scalar(select(func.count()).select_from(Conflict).where(*mine, ~replaced))
    if (held or 0) + len(ctx.conflicts) > ctx.max_open_conflicts:
        raise Rejected(
            "too_many_conflicts",
            f"您已有 {held} 个未处理的冲突，请先处理冲突再同步这项修改（上限 {ctx.max_open_conflicts} 个）",
            f"You have {held} open conflicts; resolve some before this change can sync "
            f"(at most {ctx.max_open_conflicts})",
        )
    for stale in ctx.session.scalars(select(Conflict).where(*mine, replaced)):
        stale.resolved, stale.resolution = True, "superseded"
        stale.resolved_by, stale.resolved_at = ctx.actor.username, ctx.now


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
