"""Create, edit, delete and restore records: each writes the record and its outbox entry in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from alliance_app.models import (
    OWNER_VIA_PARENT,
    RECORDS_BY_KIND,
    Actor,
    AllianceError,
    Problem,
    SyncedRecord,
    ValidationError,
    coerce_collecting,
    kind_label,
    link_id,
    new_id,
    record_type,
    to_wire,
    utc_now,
    write_plan,
)
from alliance_app.models.fields import WIRE_AS_IS
from alliance_app.models.integrity import Fetch, Lookups, defaults, derive, field_values, plain_fetch
from alliance_app.models.write_ops import WriteOp
from alliance_app.services.changes import ChangeSet
from alliance_app.services.member_names import resolve_member_names
from alliance_app.store import bulk, sort_keys
from alliance_app.store.local_tables import OutboxEntry


class PermissionRefused(AllianceError):
    """The account may not make this change; carries the reason in both languages."""

    code = "forbidden"

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.zh, problem.en)


class RecordNotFound(AllianceError):
    code = "not_found"

    def __init__(self, kind: str, record_id: str):
        self.kind, self.record_id = kind, record_id
        zh_kind, en_kind = kind_label(kind, "zh"), kind_label(kind, "en").lower()
        super().__init__(f"找不到编号为 {record_id} 的{zh_kind}", f"No {en_kind} with id {record_id}")


def load(session: Session, kind: str, record_id: str, *, allow_deleted: bool = False) -> SyncedRecord:
    record = session.get(record_type(kind), record_id)
    if record is None or (record.deleted and not allow_deleted):
        raise RecordNotFound(kind, record_id)
    return record


def _outbox(
    session: Session, actor: Actor, kind: str, record: SyncedRecord, op: str, changes: dict[str, list[Any]]
) -> None:
    session.add(
        OutboxEntry(
            mutation_id=new_id(),
            kind=kind,
            record_id=record.id,
            op=op,
            changes=changes,
            base_rev=record.rev,
            created_by=actor.username,
        )
    )


class WireForms(dict[tuple[type, Any], Any]):
    """Values as the wire carries them (`to_wire`), each distinct one made once: a roster's codes and days repeat
    over thousands of records. Known by type and value, so equal values of other types (a day and its moment, a
    code and its text) are never taken for one another."""

    def __missing__(self, key: tuple[type, Any]) -> Any:
        form = self[key] = to_wire(key[1])
        return form

    def of(self, value: Any) -> Any:
        if type(value) in WIRE_AS_IS:
            return value
        try:
            return self[type(value), value]
        except TypeError:  # unhashable: made each time
            return to_wire(value)


@dataclass
class NewRecords:
    """New records and their outbox entries gathered by many creates in one transaction and inserted together
    by `insert()` with one executemany per table: an import of 10,000 rows pays no ORM cost per record.
    Until then the records are invisible to queries, so insert before anything refers to them."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    absent: set[str] = field(default_factory=set)  # ids known not to be in the store: no lookup needed
    loaded: list[SyncedRecord] = field(default_factory=list)  # held, so the identity map keeps them
    fetch: Fetch = field(default_factory=lambda: remembering_found())  # the rules' reads of other records
    wire: WireForms = field(default_factory=WireForms)

    def prefetch(self, session: Session, kind: str, record_ids: list[str]) -> None:
        """Loads these records in a few queries (the rules then find them without one query each) and notes
        which ids the store does not hold."""
        cls = record_type(kind)
        wanted = list(dict.fromkeys(record_ids))
        for start in range(0, len(wanted), 500):  # under SQLite's bound-parameter limit
            chunk = wanted[start : start + 500]
            found = session.scalars(select(cls).where(cls.id.in_(chunk))).all()
            self.loaded.extend(found)
            self.absent.update(set(chunk) - {r.id for r in found})

    def add(self, actor: Actor, kind: str, record_id: str, owner: str | None, values: Mapping[str, Any]) -> None:
        now = utc_now()
        self.rows.setdefault(kind, []).append(
            {**values, "id": record_id, "rev": None, "deleted": False, "updated_at": now,
             "updated_by": actor.username, "owner_member_id": owner}
        )  # fmt: skip
        # Each value as the wire carries it: to_wire's own first answer (text, numbers, empty) taken without a call.
        wire = self.wire
        self.outbox.append(
            {"mutation_id": new_id(), "kind": kind, "record_id": record_id, "op": WriteOp.CREATE,
             "changes": {k: [None, v if type(v) in WIRE_AS_IS else wire.of(v)] for k, v in values.items()},
             "base_rev": None, "created_at": now,
             "created_by": actor.username, "state": "pending", "attempts": 0}
        )  # fmt: skip
        self.ids.add(record_id)

    def insert(self, session: Session) -> None:
        session.flush()  # records added the ORM way come first, as they were made first
        for kind, cls in RECORDS_BY_KIND.items():  # parents before children
            if self.rows.get(kind):
                sort_keys.insert_rows(session, cls.__table__, self.rows.pop(kind))  # type: ignore[attr-defined]
        if self.outbox:
            bulk.insert_many(session, cast(Table, OutboxEntry.__table__), self.outbox)
        self.outbox, self.ids = [], set()


def remembering_found() -> Fetch:
    """A fetch for one transaction's many writes: a record found once is the session's same object the next time
    (its changes in this transaction show through it), found without asking the session again; an absent one
    is asked again, since a write of this transaction may create it."""
    found: dict[tuple[str, Any], SyncedRecord] = {}

    def fetch(session: Session, kind: str, record_id: Any) -> SyncedRecord | None:
        record = found.get((kind, record_id))
        if record is None:
            record = plain_fetch(session, kind, record_id)
            if record is not None:
                found[(kind, record_id)] = record
        return record

    return fetch


def _plan(
    session: Session,
    actor: Actor,
    kind: str,
    op: str,
    record: SyncedRecord | None,
    record_id: str,
    given: dict[str, Any],
    failed: list[Problem] | None = None,
    stored: write_plan.Stored | None = None,
    fetch: Fetch = plain_fetch,
) -> write_plan.WritePlan:
    """The shared plan (models/write_plan.py), raised as the desktop's errors when it refuses."""
    stored = stored or write_plan.Stored.of(record)
    look = Lookups(session, fetch)
    plan = write_plan.plan_write(actor, kind, op, record_id, stored, given, look, failed=failed or [])
    if plan.permission is not None:
        raise PermissionRefused(plan.permission)
    if plan.problems:
        raise ValidationError(list(plan.problems))
    return plan


def create(
    session: Session,
    actor: Actor,
    kind: str,
    raw: dict[str, Any],
    *,
    batch: NewRecords | None = None,
) -> ChangeSet:
    """Adds a record and its outbox entry; `batch` gathers them for one bulk insert instead (see NewRecords),
    for creating many records in one transaction. A link that was removed comes back (same id)."""
    cls = record_type(kind)
    raw = resolve_member_names(session, kind, raw)
    given, problems = coerce_collecting(kind, raw)
    preview = {**defaults(kind), **given}
    derive(session, kind, preview)
    derived_id = link_id(kind, preview)
    record_id = derived_id or new_id()
    # Only a derived (link) id can already exist; a fresh UUIDv7 cannot, so it needs no lookup.
    known_absent = batch is not None and record_id in batch.absent
    existing = session.get(cls, record_id) if derived_id and not known_absent else None
    held = None
    if batch is not None and record_id in batch.ids:  # made earlier in this batch, not inserted yet
        held = write_plan.Stored(preview, None, deleted=False)
    fetch = batch.fetch if batch is not None else plain_fetch
    plan = _plan(session, actor, kind, WriteOp.CREATE, existing, record_id, given, problems, held, fetch)
    if plan.op == WriteOp.REVIVE:
        assert existing is not None
        return _revive(session, actor, existing, plan)
    # One insert with its pinyin sort key, as the import's (the store's trigger would write the row a second time).
    alone = batch is None
    batch = NewRecords() if batch is None else batch
    batch.add(actor, kind, record_id, plan.owner_after, dict(plan.values))
    if alone:
        batch.insert(session)
    return ChangeSet.of(kind, [record_id], record_id=record_id)


def update(session: Session, actor: Actor, kind: str, record_id: str, raw: dict[str, Any]) -> ChangeSet:
    record = load(session, kind, record_id)
    raw = resolve_member_names(session, kind, raw)
    given, problems = coerce_collecting(kind, raw)
    plan = _plan(session, actor, kind, WriteOp.UPDATE, record, record_id, given, problems)
    return _carry_out_update(session, actor, record, plan)


def _carry_out_update(session: Session, actor: Actor, record: SyncedRecord, plan: write_plan.WritePlan) -> ChangeSet:
    if not plan.changed:
        return ChangeSet()
    kind, record_id = plan.kind, plan.record_id
    old = field_values(record)
    for name in plan.changed:
        setattr(record, name, plan.values[name])
    changes = {name: [to_wire(old[name]), to_wire(plan.values[name])] for name in sorted(plan.changed)}
    record.owner_member_id = plan.owner_after
    record.updated_by = actor.username
    record.updated_at = utc_now()
    _outbox(session, actor, kind, record, WriteOp.UPDATE, changes)
    result = ChangeSet.of(kind, [record_id], record_id=record_id)
    return result | _follow_owner(session, kind, record_id, plan.owner_after)


def carry_out(session: Session, actor: Actor, plan: write_plan.WritePlan, batch: NewRecords) -> ChangeSet:
    """Writes a create or an update that `plan_write` planned earlier, as it was planned, without asking again.
    Only for a caller that knows the store is still exactly as the plan read it (the import: its check's plans,
    when the store's write generation has not moved since; store/generation.py) and that the account is the
    one the plan was made for; anything else plans again through `create` and `update`. A link's create is
    carried out only as planned against that store: the link was absent then (not a tombstone to revive), so it
    still is; its parent may be a record of the same batch (inserted first)."""
    if plan.refused or plan.op not in (WriteOp.CREATE, WriteOp.UPDATE):
        raise ValueError(f"not a plan to carry out as is: {plan.op} of a {plan.kind}")
    is_link = bool(getattr(record_type(plan.kind), "link_columns", ()))
    if is_link and (plan.op != WriteOp.CREATE or plan.record_id in batch.ids):
        raise ValueError(f"not a plan to carry out as is: {plan.op} of a {plan.kind} {plan.record_id}")
    if plan.op == WriteOp.UPDATE:
        return _carry_out_update(session, actor, load(session, plan.kind, plan.record_id), plan)
    batch.add(actor, plan.kind, plan.record_id, plan.owner_after, plan.values)  # add copies what it keeps
    return ChangeSet.of(plan.kind, [plan.record_id], record_id=plan.record_id)


def _follow_owner(session: Session, kind: str, parent_id: str, owner: str | None) -> ChangeSet:
    """Link records owned through a parent follow its new owner (the server derives the same)."""
    result = ChangeSet()
    for child_kind, (column, parent_kind) in OWNER_VIA_PARENT.items():
        if parent_kind != kind:
            continue
        child_cls = RECORDS_BY_KIND[child_kind]
        for child in session.scalars(select(child_cls).where(getattr(child_cls, column) == parent_id)):
            if child.owner_member_id != owner:
                child.owner_member_id = owner
                result = result | ChangeSet.of(child_kind, [child.id], outbox=False)
    return result


def delete(session: Session, actor: Actor, kind: str, record_id: str) -> ChangeSet:
    record = load(session, kind, record_id)
    plan = _plan(session, actor, kind, WriteOp.DELETE, record, record_id, {})
    result = ChangeSet()
    for child_kind, column in plan.cascades:
        child_cls = RECORDS_BY_KIND[child_kind]
        children = session.scalars(
            select(child_cls).where(getattr(child_cls, column) == record_id, child_cls.deleted.is_(False))
        ).all()
        for child in children:
            result = result | _tombstone(session, actor, child_kind, child)
    return _tombstone(session, actor, kind, record) | result


def _tombstone(session: Session, actor: Actor, kind: str, record: SyncedRecord) -> ChangeSet:
    record.deleted = True
    record.updated_by = actor.username
    record.updated_at = utc_now()
    _outbox(session, actor, kind, record, WriteOp.DELETE, {})
    return ChangeSet.of(kind, [record.id], record_id=record.id)


def restore(session: Session, actor: Actor, kind: str, record_id: str) -> ChangeSet:
    """Undoes a delete: the record (and the links deleted with it) come back as they were."""
    record = load(session, kind, record_id, allow_deleted=True)
    if not record.deleted:
        return ChangeSet()
    return _revive(session, actor, record, _plan(session, actor, kind, WriteOp.REVIVE, record, record_id, {}))


def _revive(session: Session, actor: Actor, record: SyncedRecord, plan: write_plan.WritePlan) -> ChangeSet:
    """Brings a tombstone back as the plan says, sent as a create of the same id (the server's undelete), and
    with it the links of its plan's cascades that may come back (the server revives the same ones)."""
    for name, value in plan.values.items():
        setattr(record, name, value)
    record.deleted = False
    record.owner_member_id = plan.owner_after
    record.updated_by = actor.username
    record.updated_at = utc_now()
    _outbox(session, actor, plan.kind, record, WriteOp.CREATE, {k: [None, to_wire(v)] for k, v in plan.values.items()})
    result = ChangeSet.of(plan.kind, [record.id], record_id=record.id)
    look = Lookups(session)
    for child_kind, column in plan.cascades:
        child_cls = RECORDS_BY_KIND[child_kind]
        for child in session.scalars(
            select(child_cls).where(getattr(child_cls, column) == record.id, child_cls.deleted.is_(True))
        ).all():
            child_plan = write_plan.plan_write(
                actor, child_kind, WriteOp.REVIVE, child.id, write_plan.Stored.of(child), {}, look
            )
            if not child_plan.refused:  # a link whose other end is gone stays deleted, on the server too
                result = result | _revive(session, actor, child, child_plan)
    return result
